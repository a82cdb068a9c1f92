/**
 * The push path end to end: N changes in the outbox → İYS simulator → accepted state, with the
 * engine embedded (`startSyncEngine`), on the PostgreSQL server and on PGlite — against the peer a
 * user would otherwise write: the İYS client's own `addBatch` sending the same N consents straight
 * to a fresh simulator (no database, no machine, no outbox), measured in the same run. The ratio is
 * the engine's throughput over that raw throughput.
 *
 *   pnpm bench --filter sync            (100 000 changes; --quick: 5 000)
 *   BENCH_DATABASE_URL=postgres://…     server to use (default TEST_DATABASE_URL, then
 *                                       postgres://postgres@127.0.0.1:5432/test); BENCH_NO_PG=1 skips it
 *   BENCH_PGLITE_N=20000                changes for the PGlite run (default: the same N)
 *   BENCH_LANES=4                       push lanes
 *
 * Seeding the outbox (recording the decisions through `recordMany`, 1000 a transaction) is the
 * service's work: it is timed on its own and not counted in the push figure. The CPU column is the
 * bench process's CPU time during the push (engine and simulator share it) plus, for the server,
 * the CPU time of the PostgreSQL processes serving the bench's database (from /proc).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Consent, createIysClient } from '@izinkit/iys';
import { startIysSimulator } from '@izinkit/iys-simulator';
import {
  ConsentRepository,
  type Database,
  migrate,
  openPglite,
  openPostgres,
  type StorageKeys,
} from '@izinkit/postgres';
import { isQuick, machineInfo, peakRssBytes, recordResults } from '@izinkit/test-utils/bench';
import { startSyncEngine } from '../src/index.js';
import { phone, seed, serverSeconds, serverTicks } from './push-fixtures.js';

const quick = isQuick();
const N = Number(process.env.BENCH_N ?? (quick ? 5000 : 100_000));
const PGLITE_N = Number(process.env.BENCH_PGLITE_N ?? N);
const LANES = Number(process.env.BENCH_LANES ?? 4);
const pgUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const loadavg = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

console.log('machine:', machineInfo());

const keys: StorageKeys = {
  lookupKey: randomBytes(32),
  encryptionKeys: { k1: randomBytes(32) },
  currentKeyId: 'k1',
};

/** The peer: the client's addBatch straight to a fresh simulator. */
async function raw(n: number): Promise<{ seconds: number; perSecond: number }> {
  const sim = await startIysSimulator({ seed: 3 });
  const client = createIysClient({
    baseUrl: sim.url,
    username: 'izinkit',
    password: 'izinkit',
    iysCode: 600000,
    retry: false,
    rateLimit: false,
    batch: { concurrency: LANES, pollIntervalMs: 50, maxPollIntervalMs: 5000 },
  });
  const at = new Date(Date.now() - 60_000);
  const consents: Consent[] = Array.from({ length: n }, (_, i) => ({
    recipient: phone(i),
    recipientType: 'BIREYSEL',
    type: 'MESAJ',
    status: 'ONAY',
    source: 'HS_WEB',
    consentDate: at,
  }));
  const t0 = performance.now();
  const results = await client.consents.addBatch(600000, consents);
  const seconds = (performance.now() - t0) / 1000;
  await sim.close();
  const bad = results.filter((r) => !r.ok).length;
  if (bad > 0) throw new Error(`raw addBatch: ${bad} failed`);
  return { seconds, perSecond: n / seconds };
}

async function engineRun(
  name: string,
  db: Database,
  n: number,
  serverDb: string | undefined,
): Promise<{
  seconds: number;
  perSecond: number;
  seedSeconds: number;
  seedPerSecond: number;
  cpuSeconds: number;
  serverCpuSeconds: number | null;
  load: string;
}> {
  await migrate(db);
  const consents = new ConsentRepository({ db, keys });
  const s0 = performance.now();
  await seed(consents, n);
  const seedSeconds = (performance.now() - s0) / 1000;
  const sim = await startIysSimulator({ seed: 4 });
  const client = createIysClient({
    baseUrl: sim.url,
    username: 'izinkit',
    password: 'izinkit',
    iysCode: 600000,
    retry: false,
    rateLimit: false,
  });
  const load0 = loadavg();
  const cpu0 = process.cpuUsage();
  const server0 = serverDb ? serverTicks(serverDb) : undefined;
  const t0 = performance.now();
  const engine = startSyncEngine({
    db,
    consents,
    client,
    push: { lanes: LANES, idleMs: 20 },
    pull: { enabled: false },
    alerts: { intervalMs: 3_600_000 },
  });
  // Done when nothing is left to settle. The probe walks the queue index from its far end (the
  // latest deadlines, settled last), so it stops at the first row while work remains; a count, or a
  // probe from the start, would step over every settled row each time and cost the server more
  // than a push lane. What was settled, and how, is checked below.
  for (;;) {
    const { rows } = await db.query<{ open: boolean }>(
      `select exists (select 1 from iys_outbox where status in ('pending', 'claimed') order by deadline_at desc, id desc limit 1) as open`,
    );
    if (!rows[0]!.open) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const serverCpuSeconds = server0 ? serverSeconds(server0, serverTicks(serverDb!)) : null;
  const load = `${load0} → ${loadavg()}`;
  await engine.stop();
  const { rows: settled } = await db.query<{ n: number }>(
    `select count(*)::int as n from iys_outbox where status = 'done' and result = 'accepted'`,
  );
  if (settled[0]!.n !== n) throw new Error(`${name}: ${settled[0]!.n} changes accepted of ${n}`);
  const subs = sim.submissions().length;
  await sim.close();
  if (subs !== n) throw new Error(`${name}: ${subs} submissions for ${n} changes`);
  const { rows } = await db.query<{ n: number }>(
    `select count(*)::int as n from consents where iys_status = 'ONAY' and pending_changes = 0`,
  );
  if (rows[0]!.n !== n) throw new Error(`${name}: ${rows[0]!.n} consents accepted of ${n}`);
  return {
    seconds,
    perSecond: n / seconds,
    seedSeconds,
    seedPerSecond: n / seedSeconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    serverCpuSeconds,
    load,
  };
}

const results: Record<string, unknown> = { n: N, pgliteN: PGLITE_N, lanes: LANES };
const rows: string[] = [];
async function side(
  label: string,
  n: number,
  open: () => Promise<{ db: Database; done: () => Promise<void> }>,
  serverDb?: string,
): Promise<void> {
  const peer = await raw(n);
  const { db, done } = await open();
  try {
    const r = await engineRun(label, db, n, serverDb);
    const ratio = r.perSecond / peer.perSecond;
    results[label] = { ...r, rawPerSecond: peer.perSecond, rawSeconds: peer.seconds, ratio };
    const cpu = `${r.cpuSeconds.toFixed(1)} s${r.serverCpuSeconds === null ? '' : ` + server ${r.serverCpuSeconds.toFixed(1)} s`}`;
    rows.push(
      `| ${label} | ${fmt(n)} | ${fmt(r.perSecond)} /s (${r.seconds.toFixed(1)} s) | ${fmt(peer.perSecond)} /s (${peer.seconds.toFixed(1)} s) | ${ratio.toFixed(2)} | ${cpu} | ${r.load} | ${fmt(r.seedPerSecond)} /s (${r.seedSeconds.toFixed(1)} s) |`,
    );
    console.log(rows[rows.length - 1]);
  } finally {
    await done();
  }
}

console.log(
  '| database | changes | engine: outbox → accepted | raw addBatch (peer) | engine / raw | CPU during the push (bench process + server) | load average (start → end) | seeding (not in the push time) |',
);
if (process.env.BENCH_NO_PG !== '1') {
  await side(
    'postgres',
    N,
    async () => {
      const schema = `bench_${randomBytes(4).toString('hex')}`;
      const db = await openPostgres({ url: pgUrl, schema, max: LANES + 4 });
      return {
        db,
        done: async () => {
          await db.exec(`drop schema if exists "${schema}" cascade`);
          await db.close();
        },
      };
    },
    new URL(pgUrl).pathname.slice(1),
  );
}
await side('pglite', PGLITE_N, async () => {
  const db = await openPglite({});
  return { db, done: () => db.close() };
});
results.peakRssMB = peakRssBytes() / 2 ** 20;
console.log(`peak RSS ${fmt(peakRssBytes() / 2 ** 20)} MB`);
recordResults('sync', 'push', results);
