#!/usr/bin/env node
/**
 * `izinkit-iys-simulator --port 8090 [--host 127.0.0.1] [--data sim.json] [--seed N]
 * [--no-three-day-rule] [--rate-limit N] [--fault-rate 0.2]`: runs the İYS simulator until
 * interrupted (Ctrl-C saves the data file).
 */
import { parseArgs } from 'node:util';
import { startIysSimulator } from './simulator.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8090' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string' },
    seed: { type: 'string' },
    'rate-limit': { type: 'string' },
    'fault-rate': { type: 'string' },
    'no-three-day-rule': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`izinkit-iys-simulator — a local İYS for development and tests

  --port N              port to listen on (default 8090; 0 picks a free one)
  --host H              interface (default 127.0.0.1)
  --data FILE           keep state in FILE (JSON) across restarts
  --seed N              seed for ids and fault dice
  --rate-limit N        answer 429/H124 above N requests per second
  --fault-rate P        answer a random 500/503/429/H192 to a fraction P of requests
  --no-three-day-rule   accept ONAY consents older than 3 business days

User izinkit / password izinkit, iysCode 600000, brands 600000 (master) and 600001.`);
  process.exit(0);
}

const sim = await startIysSimulator({
  port: Number(values.port),
  host: values.host,
  ...(values.data ? { dataFile: values.data } : {}),
  ...(values.seed ? { seed: Number(values.seed) } : {}),
  ...(values['rate-limit'] ? { rateLimit: { requestsPerSecond: Number(values['rate-limit']) } } : {}),
  ...(values['fault-rate'] ? { faults: { rate: Number(values['fault-rate']) } } : {}),
  ...(values['no-three-day-rule'] ? { threeBusinessDayRule: false } : {}),
});
console.log(`İYS simulator listening on ${sim.url} (user izinkit / izinkit, iysCode 600000)`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  sim.close().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
