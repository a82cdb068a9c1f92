/**
 * Where the push path spends its time (a diagnostic, not a benchmark): seeds N changes, runs the
 * engine to accepted state, and prints wall time per repository call, this process's CPU time and
 * the PostgreSQL server's CPU time (all `postgres` processes on this machine, from /proc).
 *
 *   PROFILE_N=10000 PROFILE_DB=pglite|postgres tsx --conditions=@izinkit/source packages/sync/bench/profile-push.ts
 *   (add `node --cpu-prof` through NODE_OPTIONS for a CPU profile)
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createIysClient } from '@izinkit/iys';
import { startIysSimulator } from '@izinkit/iys-simulator';
import { ConsentRepository, type Database, migrate, openPglite, openPostgres } from '@izinkit/postgres';
import { startSyncEngine } from '../src/index.js';
import { seed, serverSeconds, serverTicks } from './push-fixtures.js';

const N = Number(process.env.PROFILE_N ?? 10_000);
const LANES = Number(process.env.PROFILE_LANES ?? 4);
const usePg = (process.env.PROFILE_DB ?? 'postgres') === 'postgres';
const url =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

const dbName = usePg ? new URL(url).pathname.slice(1) : '';
const pgTicks = (): Map<string, number> => (usePg ? serverTicks(dbName) : new Map());

const keys = { lookupKey: randomBytes(32), encryptionKeys: { k1: randomBytes(32) }, currentKeyId: 'k1' };
const schema = `prof_${randomBytes(4).toString('hex')}`;
const opened: Database = usePg ? await openPostgres({ url, schema, max: LANES + 4 }) : await openPglite({});
/** Wall time per statement (first words of its text), in and out of transactions. */
const sqlTiming = new Map<string, { n: number; ms: number }>();
const timed = <Q extends Pick<Database, 'query'>>(q: Q): Q['query'] =>
  (async (text: string, params?: readonly unknown[]) => {
    const t = performance.now();
    try {
      return await q.query(text, params);
    } finally {
      const k = text.replace(/\s+/g, ' ').trim().slice(0, 70);
      const e = sqlTiming.get(k) ?? { n: 0, ms: 0 };
      e.n++;
      e.ms += performance.now() - t;
      sqlTiming.set(k, e);
    }
  }) as Q['query'];
const db: Database = {
  ...opened,
  dialect: opened.dialect,
  schema: opened.schema,
  query: timed(opened),
  exec: (s) => opened.exec(s),
  transaction: (fn) => opened.transaction((tx) => fn({ query: timed(tx), exec: (s) => tx.exec(s) })),
  close: () => opened.close(),
};
await migrate(db);
const consents = new ConsentRepository({ db, keys });
const timing = new Map<string, { n: number; ms: number }>();
for (const name of Object.getOwnPropertyNames(ConsentRepository.prototype)) {
  const f = (consents as unknown as Record<string, unknown>)[name];
  if (name === 'constructor' || typeof f !== 'function') continue;
  (consents as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
    const t = performance.now();
    const done = () => {
      const e = timing.get(name) ?? { n: 0, ms: 0 };
      e.n++;
      e.ms += performance.now() - t;
      timing.set(name, e);
    };
    const r = (f as (...a: unknown[]) => unknown).apply(consents, args);
    if (r instanceof Promise) return r.finally(done);
    done();
    return r;
  };
}
const snap = () => ({ cpu: process.cpuUsage(), pg: pgTicks(), t: performance.now() });
const report = (label: string, a: ReturnType<typeof snap>) => {
  const b = snap();
  const cpu = process.cpuUsage(a.cpu);
  const s = (b.t - a.t) / 1000;
  console.log(
    `${label}: ${s.toFixed(1)} s wall, ${(N / s).toFixed(0)}/s; node cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; postgres cpu ${serverSeconds(a.pg, b.pg).toFixed(1)} s (this database's backends)`,
  );
};
let a = snap();
await seed(consents, N);
report('seed', a);
const seedTiming = new Map(timing);
timing.clear();
const sim = await startIysSimulator({ seed: 4 });
const client = createIysClient({
  baseUrl: sim.url,
  username: 'izinkit',
  password: 'izinkit',
  iysCode: 600000,
  retry: false,
  rateLimit: false,
});
const session = process.env.PROFILE_CPU ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
const seedSql = new Map(sqlTiming);
sqlTiming.clear();
a = snap();
const engine = startSyncEngine({
  db,
  consents,
  client,
  push: { lanes: LANES, idleMs: 20 },
  pull: { enabled: false },
  alerts: { intervalMs: 3_600_000 },
});
for (;;) {
  const { rows } = await opened.query<{ open: boolean }>(
    `select exists (select 1 from iys_outbox where status in ('pending', 'claimed') order by deadline_at desc, id desc limit 1) as open`,
  );
  if (!rows[0]!.open) break;
  await new Promise((r) => setTimeout(r, 50));
}
report('push', a);
if (session) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(process.env.PROFILE_CPU!, JSON.stringify(profile));
}
await engine.stop();
console.log('subs', sim.submissions().length);
await sim.close();
const show = (m: Map<string, { n: number; ms: number }>): void => {
  for (const [k, v] of [...m].sort((x, y) => y[1].ms - x[1].ms))
    console.log(`  ${k.padEnd(72)} ${String(v.n).padStart(6)} ${(v.ms / 1000).toFixed(2).padStart(8)} s`);
};
console.log('seed statements:');
show(seedSql);
console.log('push statements:');
show(sqlTiming);
for (const [k, v] of [...seedTiming, ...timing])
  console.log(`  ${k.padEnd(28)} ${String(v.n).padStart(6)} calls ${(v.ms / 1000).toFixed(2).padStart(8)} s`);
if (usePg) await db.exec(`drop schema if exists "${schema}" cascade`);
await db.close();
