/**
 * Where the push path spends its time (a diagnostic, not a benchmark): seeds N changes, runs the
 * engine to accepted state, and prints wall time per repository call, this process's CPU time and
 * the PostgreSQL server's CPU time (all `postgres` processes on this machine, from /proc).
 *
 *   PROFILE_N=10000 PROFILE_DB=pglite|postgres tsx --conditions=@izinkit/source packages/sync/bench/profile-push.ts
 *   (add `node --cpu-prof` through NODE_OPTIONS for a CPU profile)
 *   PROFILE_EXPLAIN=1   every push statement on the server is logged with `auto_explain` (analyze,
 *                       buffers, WAL) to the server's log (`LOAD 'auto_explain'` in each session)
 *
 * On the server it also prints, for the push phase: the WAL written (`pg_current_wal_lsn` delta and
 * `pg_stat_wal` records / full-page images — both server-wide, so other databases' work counts
 * too) and, per table of the schema, rows inserted / updated / HOT-updated and the table's indexes.
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
/** auto_explain in this session (once per pooled connection is enough; repeating it is cheap). */
let explain = false;
const explainSetup = `load 'auto_explain'; set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on;
  set auto_explain.log_buffers = on; set auto_explain.log_wal = on; set auto_explain.log_timing = on;
  set auto_explain.log_nested_statements = on`;
const db: Database = {
  ...opened,
  dialect: opened.dialect,
  schema: opened.schema,
  query: (text, params) =>
    explain
      ? opened.transaction(async (tx) => {
          await tx.exec(explainSetup);
          return timed(tx)(text, params);
        })
      : timed(opened)(text, params),
  exec: (s) => opened.exec(s),
  transaction: (fn) =>
    opened.transaction(async (tx) => {
      if (explain) await tx.exec(explainSetup);
      return fn({ query: timed(tx), exec: (s) => tx.exec(s) });
    }),
  close: () => opened.close(),
};
/** Server-wide WAL counters (PostgreSQL only). */
const walSnap = async (): Promise<{ lsn: string; records: number; fpi: number; bytes: number } | null> => {
  if (!usePg) return null;
  const { rows } = await opened.query<{ lsn: string; records: string; fpi: string; bytes: string }>(
    'select pg_current_wal_lsn()::text as lsn, wal_records::text as records, wal_fpi::text as fpi, wal_bytes::text as bytes from pg_stat_wal',
  );
  const r = rows[0]!;
  return { lsn: r.lsn, records: Number(r.records), fpi: Number(r.fpi), bytes: Number(r.bytes) };
};
/** Per table of the schema: rows inserted, updated, HOT-updated (PostgreSQL only). */
const tableSnap = async (): Promise<
  Map<string, { ins: number; upd: number; hot: number; indexes: number }>
> => {
  const out = new Map<string, { ins: number; upd: number; hot: number; indexes: number }>();
  if (!usePg) return out;
  const { rows } = await opened.query<{ t: string; ins: number; upd: number; hot: number; indexes: number }>(
    `select s.relname as t, s.n_tup_ins::int as ins, s.n_tup_upd::int as upd, s.n_tup_hot_upd::int as hot,
            (select count(*)::int from pg_index i where i.indrelid = s.relid) as indexes
       from pg_stat_user_tables s where s.schemaname = $1`,
    [schema],
  );
  for (const r of rows) out.set(r.t, r);
  return out;
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
// pg_stat_* counters of this backend reach the shared view at the end of its transactions.
await new Promise((r) => setTimeout(r, 1100));
const wal0 = await walSnap();
const tables0 = await tableSnap();
explain = process.env.PROFILE_EXPLAIN === '1' && usePg;
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
explain = false;
if (usePg) {
  await new Promise((r) => setTimeout(r, 1100));
  const wal1 = (await walSnap())!;
  const { rows: lsn } = await opened.query<{ d: string }>('select pg_wal_lsn_diff($1, $2)::text as d', [
    wal1.lsn,
    wal0!.lsn,
  ]);
  const bytes = Number(lsn[0]!.d);
  console.log(
    `WAL during the push (server-wide): ${(bytes / 2 ** 20).toFixed(1)} MiB (${((bytes / N) | 0).toLocaleString('en-US')} B per change), ` +
      `${((wal1.records - wal0!.records) / N).toFixed(1)} records and ${((wal1.fpi - wal0!.fpi) / N).toFixed(2)} full-page images per change`,
  );
  const tables1 = await tableSnap();
  for (const [t, v] of tables1) {
    const b = tables0.get(t) ?? { ins: 0, upd: 0, hot: 0 };
    const ins = v.ins - b.ins;
    const upd = v.upd - b.upd;
    if (ins === 0 && upd === 0) continue;
    console.log(
      `  ${t.padEnd(22)} ${v.indexes} indexes; per change: ${(ins / N).toFixed(2)} inserted, ${(upd / N).toFixed(2)} updated, of which HOT ${((v.hot - b.hot) / N).toFixed(2)}`,
    );
  }
}
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
