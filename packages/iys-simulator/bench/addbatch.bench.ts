/**
 * addBatch end to end against the simulator, and the client's own CPU cost per consent beside a
 * raw `fetch` loop doing the same calls (login, POST 1000 consents, poll until no item is
 * `enqueue`, 4 requests in flight). There is no İYS client on npm to compare with, so the peer is
 * what a user would otherwise write by hand.
 *
 * The simulator runs in a child process, so `process.cpuUsage()` here is the client's alone.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { type Consent, createIysClient } from '@izinkit/iys';
import {
  compare,
  isQuick,
  type Measurement,
  machineInfo,
  measureAsync,
  recordResults,
} from '@izinkit/test-utils/bench';

const N = isQuick() ? 10_000 : 100_000;
const RUNS = isQuick() ? 1 : 3;
const CONCURRENCY = 4;
const BRAND = 600000;

async function startChild(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=@izinkit/source',
      join(import.meta.dirname, '..', 'src', 'bin.ts'),
      '--port',
      '0',
    ],
    { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`simulator exited ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

let block = 0;
/** N fresh recipients each run (re-adding the same ONAY would be an H174). */
function consents(): Consent[] {
  const start = block++ * N;
  const consentDate = new Date(Date.now() - 60_000);
  return Array.from({ length: N }, (_, i) => ({
    recipient: `+90532${String(start + i).padStart(7, '0')}`,
    recipientType: 'BIREYSEL' as const,
    type: 'MESAJ' as const,
    status: 'ONAY' as const,
    source: 'HS_WEB' as const,
    consentDate,
  }));
}

/** The hand-written peer: the same calls with fetch and nothing else. */
async function rawLoop(url: string, input: Consent[]): Promise<number> {
  const tokenRes = await fetch(`${url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'izinkit', password: 'izinkit', grant_type: 'password' }),
  });
  const { access_token } = (await tokenRes.json()) as { access_token: string };
  const headers = { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' };
  const pad = (n: number): string => String(n).padStart(2, '0');
  const fmt = (d: Date): string => {
    const t = new Date(d.getTime() + 3 * 3600_000);
    return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  };
  const chunks: Consent[][] = [];
  for (let i = 0; i < input.length; i += 1000) chunks.push(input.slice(i, i + 1000));
  let ok = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chunks.length) {
      const chunk = chunks[next++]!;
      const body = JSON.stringify(chunk.map((c) => ({ ...c, consentDate: fmt(c.consentDate!) })));
      const sub = (await (
        await fetch(`${url}/sps/600000/brands/${BRAND}/consents/request`, { method: 'POST', headers, body })
      ).json()) as { requestId: string };
      for (let wait = 20; ; wait = Math.min(200, wait * 1.5)) {
        await new Promise((r) => setTimeout(r, wait));
        const items = (await (
          await fetch(`${url}/sps/600000/brands/${BRAND}/consents/request/${sub.requestId}`, { headers })
        ).json()) as { status: string }[];
        if (!items.some((i) => i.status === 'enqueue')) {
          ok += items.filter((i) => i.status === 'success').length;
          break;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return ok;
}

const sim = await startChild();
try {
  const client = createIysClient({
    baseUrl: sim.url,
    username: 'izinkit',
    password: 'izinkit',
    iysCode: 600000,
    rateLimit: false,
    batch: { concurrency: CONCURRENCY, pollIntervalMs: 20, maxPollIntervalMs: 200 },
  });
  const cpu = { izinkit: [] as number[], raw: [] as number[] };
  const timed = async (
    name: string,
    key: 'izinkit' | 'raw',
    run: (input: Consent[]) => Promise<number>,
  ): Promise<Measurement> =>
    measureAsync(
      name,
      async () => {
        const input = consents();
        const before = process.cpuUsage();
        const ok = await run(input);
        const used = process.cpuUsage(before);
        if (ok !== N) throw new Error(`${name}: ${ok} of ${N} registered`);
        cpu[key].push((used.user + used.system) / N);
        return ok;
      },
      { items: N, unit: 'consents', runs: RUNS, warmup: 0 },
    );
  const ours = await timed(
    'izinkit addBatch (end to end)',
    'izinkit',
    async (input) => (await client.consents.addBatch(BRAND, input)).filter((r) => r.ok).length,
  );
  const peer = await timed('raw fetch loop (same calls)', 'raw', (input) => rawLoop(sim.url, input));
  const c = compare(`addBatch of ${N.toLocaleString('en-US')} consents to the local simulator`, ours, peer);
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const cpuOurs = median(cpu.izinkit);
  const cpuRaw = median(cpu.raw);
  console.log(`\nclient CPU per consent (user+system, this process only; simulator in a child process)`);
  console.log(`  izinkit addBatch        ${cpuOurs.toFixed(2)} µs`);
  console.log(`  raw fetch loop          ${cpuRaw.toFixed(2)} µs`);
  console.log(`  ratio izinkit/raw       ${(cpuOurs / cpuRaw).toFixed(2)}×`);
  console.log(
    `  target ≥ 5,000 consents/s end to end: ${ours.perSecond >= 5000 ? 'met' : 'NOT MET'} (${Math.round(ours.perSecond)}/s)`,
  );
  recordResults('iys-simulator', 'addbatch', {
    n: N,
    comparison: c,
    cpuMicrosPerConsent: { izinkit: cpuOurs, raw: cpuRaw, ratio: cpuOurs / cpuRaw },
    targetMet: ours.perSecond >= 5000,
    machine: machineInfo(),
  });
} finally {
  sim.stop();
}
