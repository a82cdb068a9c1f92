/**
 * Daily reconciliation of a 1,000,000-row İYS file against the local log (issue 8: under 10 s,
 * under 500 MB peak RSS, streamed).
 *
 * The parent process writes a day's file to disk (izinkit's CSV dialect, as the simulator serves
 * it), seeds the local log (`consents` + `iys_transactions`, the same rows, with 1 in 10,000
 * transactions left out so the lookup path and the difference store run too) on the PostgreSQL
 * server (when `TEST_DATABASE_URL` or `BENCH_DATABASE_URL` is set) and on PGlite, and serves the
 * four reconciliation endpoints over loopback HTTP, streaming the file from disk.
 *
 * Each measurement runs in a child process of its own, so its wall time and peak RSS
 * (`process.resourceUsage().maxRSS`) are its alone:
 *
 * - `izinkit`: `reconcileDay` (streamed file, paged log, compact index, differences stored);
 * - `naive`: what one would write otherwise — `file().collect()` the whole file, one query for the
 *   whole day, a `Map` of row objects, the same field checks (keyed hash included);
 * - `parse`: only downloading and parsing the file with the client (the floor under both).
 *
 *   pnpm bench --filter reconcile            (1,000,000 rows)
 *   pnpm bench --filter reconcile --quick    (100,000 rows)
 *   BENCH_SKIP_PGLITE=1 …                    server only
 *   BENCH_ROWS=…, BENCH_RUNS=…               other sizes
 *   BENCH_CPU_PROF=<dir>                     a CPU profile of every child
 *   BENCH_MODES=izinkit                      only some children (no summary line)
 *   BENCH_PAGE_SIZE=…                        `reconcileDay`'s pageSize (default: its own default)
 *   BENCH_REUSE_FILE=<path>, BENCH_REUSE_SCHEMA=<name>  keep and reuse the file and the seeded
 *                                            server schema (written and seeded when absent)
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ConsentKey, consentKey } from '@izinkit/consent';
import { createIysClient, type DailyFileRow, formatDailyFile } from '@izinkit/iys';
import {
  ConsentRepository,
  type Database,
  migrate,
  openPglite,
  openPostgres,
  reportDayBounds,
  type StorageKeys,
} from '@izinkit/postgres';
import { isQuick, machineInfo, recordResults } from '@izinkit/test-utils/bench';
import { reconcileDay } from '../src/index.js';

const BRAND = 600000;
const DAY = '2026-03-16';
const KEYS: StorageKeys = {
  lookupKey: Buffer.alloc(32, 0x4b),
  encryptionKeys: { k1: Buffer.alloc(32, 0x45) },
  currentKeyId: 'k1',
};
const DROP_EVERY = 10_000;

interface ChildSpec {
  readonly mode: 'izinkit' | 'naive' | 'parse';
  readonly baseUrl: string;
  readonly db:
    | { readonly kind: 'postgres'; readonly url: string; readonly schema: string }
    | { readonly kind: 'pglite'; readonly dataDir: string };
}

interface ChildReport {
  readonly mode: string;
  readonly wallMs: number;
  /** CPU time of the child (user + system) over the measured part: steadier than wall time on a busy machine. */
  readonly cpuMs?: number;
  readonly peakRssMiB: number;
  readonly remoteRows: number;
  readonly localRows: number;
  readonly differences: number;
  readonly status?: string;
}

// ─── data ─────────────────────────────────────────────────────────────────────────────────────

function row(i: number, n: number): DailyFileRow {
  const { start } = reportDayBounds(DAY);
  const type = (['MESAJ', 'ARAMA', 'EPOSTA'] as const)[i % 3]!;
  const creation = start.getTime() + Math.floor((i * 86_399) / n) * 1000;
  const citizen = i % 7 === 0;
  return {
    creationDate: new Date(creation),
    transactionId: `${((i * 2_654_435_761) >>> 0).toString(16).padStart(8, '0')}${i.toString(16).padStart(56, '0')}`,
    recipient: type === 'EPOSTA' ? `kisi${i}@example.com` : `+90532${String(i).padStart(7, '0')}`,
    recipientType: i % 10 === 9 ? 'TACIR' : 'BIREYSEL',
    type,
    status: citizen || i % 5 === 0 ? 'RET' : 'ONAY',
    consentDate: new Date(creation - 60_000),
    source: citizen ? 'IYS_MOBIL' : 'HS_WEB',
  };
}

async function writeFile(path: string, n: number): Promise<string> {
  const hash = createHash('sha256');
  const out = createWriteStream(path);
  let failed: Error | undefined;
  out.on('error', (e) => {
    failed = e;
  });
  const chunk = 10_000;
  for (let from = 0; from < n; from += chunk) {
    if (failed) throw failed;
    const rows = Array.from({ length: Math.min(chunk, n - from) }, (_, k) => row(from + k, n));
    const full = formatDailyFile(rows);
    const text = from === 0 ? full : full.slice(full.indexOf('\n') + 1);
    hash.update(text, 'utf8');
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return hash.digest('hex');
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function summary(n: number, recipientType: 'BIREYSEL' | 'TACIR'): unknown {
  const counts = new Map<string, { total: number; approval: number; rejection: number }>();
  for (let i = 0; i < n; i++) {
    const r = row(i, n);
    if (r.recipientType !== recipientType) continue;
    const k = `${r.type}|${r.source?.startsWith('IYS') ? 'IYS' : 'HS'}`;
    const c = counts.get(k) ?? { total: 0, approval: 0, rejection: 0 };
    c.total++;
    if (r.status === 'ONAY') c.approval++;
    else c.rejection++;
    counts.set(k, c);
  }
  return {
    changeStats: (['MESAJ', 'ARAMA', 'EPOSTA'] as const).map((type) => ({
      type,
      consents: (['HS', 'IYS'] as const).map((source) => ({
        source,
        ...(counts.get(`${type}|${source}`) ?? { total: 0, approval: 0, rejection: 0 }),
      })),
    })),
  };
}

async function seed(db: Database, n: number): Promise<void> {
  await migrate(db);
  const consents = new ConsentRepository({ db, keys: KEYS });
  const chunk = 20_000;
  for (let from = 0; from < n; from += chunk) {
    const rows: DailyFileRow[] = [];
    for (let i = from; i < Math.min(n, from + chunk); i++) if (i % DROP_EVERY !== 1) rows.push(row(i, n));
    const hashes = rows.map((r) => {
      const k = consentKey({
        brandCode: BRAND,
        recipient: r.recipient,
        recipientType: r.recipientType,
        type: r.type,
      });
      if (!k.ok) throw new Error(k.error.code);
      return consents.keyHash(k.value);
    });
    await db.transaction(async (tx) => {
      const { rows: ids } = await tx.query<{ id: string; key_hash: string }>(
        `insert into consents (key_hash, brand_code, recipient_hash, recipient_enc, recipient_kind, recipient_type, type, machine_version, state)
         select h, $2, 'r', 'enc', case when t = 'EPOSTA' then 'email' else 'phone' end, rt, t, 1, '{}'::jsonb
           from unnest($1::text[], $3::text[], $4::text[]) as u(h, rt, t)
         returning id, key_hash`,
        [hashes, String(BRAND), rows.map((r) => r.recipientType), rows.map((r) => r.type)],
      );
      const idOf = new Map(ids.map((r) => [r.key_hash, r.id]));
      await tx.query(
        `insert into iys_transactions (brand_code, transaction_id, consent_id, key_hash, recipient_type, type, party, status,
                                       consent_date, source, creation_date)
         select $1, * from unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                                  $9::timestamptz[], $10::text[], $11::timestamptz[])`,
        [
          String(BRAND),
          rows.map((r) => r.transactionId),
          hashes.map((h) => idOf.get(h)),
          hashes,
          rows.map((r) => r.recipientType),
          rows.map((r) => r.type),
          rows.map((r) => (r.source?.startsWith('IYS') ? 'IYS' : 'HS')),
          rows.map((r) => r.status),
          rows.map((r) => r.consentDate ?? null),
          rows.map((r) => r.source ?? null),
          rows.map((r) => r.creationDate),
        ],
      );
    });
  }
  await db.exec('analyze iys_transactions');
}

function serve(filePath: string, sha256: string, n: number): Promise<{ server: Server; url: string }> {
  const sum = {
    BIREYSEL: JSON.stringify(summary(n, 'BIREYSEL')),
    TACIR: JSON.stringify(summary(n, 'TACIR')),
  };
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    req.resume();
    if (url === '/oauth2/token') {
      return json(200, {
        access_token: 'a',
        refresh_token: 'r',
        expires_in: 7200,
        refresh_expires_in: 14_400,
        token_type: 'bearer',
      });
    }
    const base = `/sps/${BRAND}/brands/${BRAND}`;
    if (url === `${base}/agreements/${DAY}` && req.method === 'GET') {
      return json(200, {
        processStatus: 'completed',
        hashValue: sha256,
        hashMethod: 'SHA-256',
        agreementStatus: false,
      });
    }
    if (url === `${base}/agreements/${DAY}` && req.method === 'PUT')
      return json(200, { agreementCaptured: true });
    if (url === `${base}/changes/${DAY}/recipients/BIREYSEL`) return json(200, sum.BIREYSEL);
    if (url === `${base}/changes/${DAY}/recipients/TACIR`) return json(200, sum.TACIR);
    if (url === `${base}/changes/${DAY}/file`) {
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
      createReadStream(filePath, { highWaterMark: 256 * 1024 }).pipe(res);
      return;
    }
    json(404, { message: 'not found', status: 404 });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve({ server, url: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}` });
    }),
  );
}

// ─── child ────────────────────────────────────────────────────────────────────────────────────

async function openSpec(spec: ChildSpec): Promise<Database> {
  return spec.db.kind === 'postgres'
    ? openPostgres({ url: spec.db.url, schema: spec.db.schema, max: 2 })
    : openPglite({ dataDir: spec.db.dataDir });
}

async function child(spec: ChildSpec): Promise<ChildReport> {
  const client = createIysClient({ baseUrl: spec.baseUrl, username: 'u', password: 'p', iysCode: BRAND });
  if (spec.mode === 'parse') {
    const t0 = performance.now();
    let n = 0;
    const file = client.reconciliation.file(BRAND, DAY, { verify: false });
    for await (const r of file) if (r.transactionId) n++;
    return {
      mode: spec.mode,
      wallMs: performance.now() - t0,
      peakRssMiB: 0,
      remoteRows: n,
      localRows: 0,
      differences: 0,
    };
  }
  const db = await openSpec(spec);
  const consents = new ConsentRepository({ db, keys: KEYS });
  try {
    if (spec.mode === 'izinkit') {
      const t0 = performance.now();
      const phases: Record<string, number> = {};
      const r = await reconcileDay({
        db,
        consents,
        client,
        brandCode: BRAND,
        day: DAY,
        agree: false,
        ...(process.env.BENCH_PAGE_SIZE ? { pageSize: Number(process.env.BENCH_PAGE_SIZE) } : {}),
        onProgress: (p) => {
          phases[p.phase] = Math.round(performance.now() - t0);
        },
      });
      const wallMs = performance.now() - t0;
      console.error(`    izinkit phases (ms from start, last progress of each): ${JSON.stringify(phases)}`);
      if (r.error) throw new Error(`${r.error.code}: ${r.error.message}`);
      return {
        mode: spec.mode,
        wallMs,
        peakRssMiB: 0,
        remoteRows: r.remoteRows,
        localRows: r.localRows,
        differences: r.differenceCount,
        status: r.status,
      };
    }
    // The naive peer.
    const t0 = performance.now();
    const fileRows = await client.reconciliation.file(BRAND, DAY, { verify: false }).collect();
    const { start, end } = reportDayBounds(DAY);
    const { rows: local } = await db.query<{
      transaction_id: string;
      key_hash: string;
      recipient_type: string;
      type: string;
      status: string;
      consent_date: Date | null;
      source: string | null;
      creation_date: Date;
    }>(
      'select * from iys_transactions where brand_code = $1 and creation_date >= $2 and creation_date < $3',
      [String(BRAND), start, end],
    );
    const byId = new Map(local.map((l) => [l.transaction_id, l]));
    const seen = new Set<string>();
    let differences = 0;
    const s = (d: Date | null | undefined): number | null => (d ? Math.floor(d.getTime() / 1000) : null);
    for (const f of fileRows) {
      const l = byId.get(f.transactionId);
      if (!l || seen.has(f.transactionId)) {
        differences++;
        continue;
      }
      seen.add(f.transactionId);
      const key: ConsentKey = {
        brandCode: String(BRAND),
        recipient: f.recipient,
        recipientType: f.recipientType,
        type: f.type,
      };
      if (
        f.recipientType !== l.recipient_type ||
        f.type !== l.type ||
        consents.keyHash(key) !== l.key_hash ||
        f.status !== l.status ||
        s(f.consentDate) !== s(l.consent_date) ||
        (f.source ?? null) !== l.source ||
        s(f.creationDate) !== s(l.creation_date)
      ) {
        differences++;
      }
    }
    differences += local.length - seen.size;
    const wallMs = performance.now() - t0;
    return {
      mode: spec.mode,
      wallMs,
      peakRssMiB: 0,
      remoteRows: fileRows.length,
      localRows: local.length,
      differences,
    };
  } finally {
    await db.close();
  }
}

function runChild(spec: ChildSpec): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const prof = process.env.BENCH_CPU_PROF; // a folder: write a CPU profile of each child there
    const args = [
      ...(prof ? ['--cpu-prof', '--cpu-prof-dir', prof] : []),
      '--import',
      'tsx',
      '--conditions=@izinkit/source',
    ];
    const p = spawn(process.execPath, [...args, import.meta.filename], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, RECONCILE_BENCH_CHILD: JSON.stringify(spec) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    p.on('error', reject);
    p.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`child ${spec.mode} exited ${code}: ${out}`));
      else resolve(JSON.parse(line) as ChildReport);
    });
  });
}

// ─── parent ───────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const n = Number(process.env.BENCH_ROWS ?? (isQuick() ? 100_000 : 1_000_000));
  const runs = Number(process.env.BENCH_RUNS ?? (isQuick() ? 1 : 3));
  // BENCH_REUSE_FILE / BENCH_REUSE_SCHEMA: a file and a seeded server schema of an earlier run with
  // the same BENCH_ROWS (the data is deterministic), kept — seeding 1,000,000 rows takes minutes.
  const reuseFile = process.env.BENCH_REUSE_FILE;
  const reuseSchema = process.env.BENCH_REUSE_SCHEMA;
  const dir = mkdtempSync(join(tmpdir(), 'izinkit-reconcile-'));
  const filePath = reuseFile ?? join(dir, 'file.csv');
  const started = performance.now();
  // A BENCH_REUSE_FILE that does not exist yet is written there (and kept) for later runs.
  const sha256 =
    reuseFile && existsSync(reuseFile) ? await hashFile(reuseFile) : await writeFile(filePath, n);
  const { server, url } = await serve(filePath, sha256, n);
  console.log(
    `file of ${n.toLocaleString('en-US')} rows written in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const targets: ChildSpec['db'][] = [];
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const schema = reuseSchema ?? `bench_reconcile_${process.pid}`;
  if (serverUrl) targets.push({ kind: 'postgres', url: serverUrl, schema });
  if (process.env.BENCH_SKIP_PGLITE !== '1') targets.push({ kind: 'pglite', dataDir: join(dir, 'pglite') });

  // BENCH_MODES=izinkit (comma-separated): run only some of the children, e.g. while profiling.
  const modes = (['izinkit', 'naive', 'parse'] as const).filter((m) =>
    (process.env.BENCH_MODES ?? 'izinkit,naive,parse').split(',').includes(m),
  );
  const results: Record<string, unknown>[] = [];
  try {
    for (const target of targets) {
      const t0 = performance.now();
      const db = await (target.kind === 'postgres'
        ? openPostgres({ url: target.url, schema: target.schema, max: 2 })
        : openPglite({ dataDir: target.dataDir }));
      try {
        // A BENCH_REUSE_SCHEMA that is not seeded yet is seeded (and kept) for later runs.
        const seeded =
          target.kind === 'postgres' &&
          reuseSchema !== undefined &&
          (
            await db.query<{ n: number }>(
              `select count(*)::int as n from information_schema.tables where table_schema = $1 and table_name = 'iys_transactions'`,
              [reuseSchema],
            )
          ).rows[0]?.n === 1;
        if (!seeded) await seed(db, n);
      } finally {
        await db.close();
      }
      console.log(`\n${target.kind}: log seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const all: ChildReport[] = [];
      for (let r = 0; r < runs; r++) {
        for (const mode of modes) {
          const report = await runChild({ mode, baseUrl: url, db: target });
          all.push(report);
          console.log(
            `  ${mode.padEnd(8)} ${report.wallMs.toFixed(0).padStart(6)} ms (cpu ${String(report.cpuMs).padStart(6)} ms)  peak RSS ${report.peakRssMiB.toFixed(0).padStart(4)} MiB  file ${report.remoteRows}  log ${report.localRows}  differences ${report.differences}${report.status ? `  ${report.status}` : ''}`,
          );
        }
      }
      if (modes.length < 3) continue; // BENCH_MODES: a partial run (while profiling), no summary
      const median = (mode: string, f: (r: ChildReport) => number): number => {
        const xs = all
          .filter((r) => r.mode === mode)
          .map(f)
          .sort((a, b) => a - b);
        return xs[Math.floor(xs.length / 2)]!;
      };
      const med = (mode: string) => ({
        wallMs: median(mode, (r) => r.wallMs),
        cpuMs: median(mode, (r) => r.cpuMs ?? 0),
        peakRssMiB: median(mode, (r) => r.peakRssMiB),
      });
      const ours = med('izinkit');
      const naive = med('naive');
      const parse = med('parse');
      const expected = Math.ceil(n / DROP_EVERY);
      const exact = all.filter((r) => r.mode === 'izinkit').every((r) => r.differences === expected);
      console.log(
        `  median: izinkit ${(ours.wallMs / 1000).toFixed(2)} s / ${ours.peakRssMiB.toFixed(0)} MiB; naive ${(naive.wallMs / 1000).toFixed(2)} s / ${naive.peakRssMiB.toFixed(0)} MiB; ` +
          `parse only ${(parse.wallMs / 1000).toFixed(2)} s — time ratio naive/izinkit ${(naive.wallMs / ours.wallMs).toFixed(2)}× ` +
          `(cpu ${(naive.cpuMs / ours.cpuMs).toFixed(2)}×), ` +
          `memory ratio ${(naive.peakRssMiB / ours.peakRssMiB).toFixed(2)}×, izinkit/parse ${(ours.wallMs / parse.wallMs).toFixed(2)}×; ` +
          `differences exact (${expected}): ${exact}; target < 10 s and < 500 MiB: ${ours.wallMs < 10_000 && ours.peakRssMiB < 500 ? 'met' : 'NOT met'}`,
      );
      results.push({ db: target.kind, rows: n, runs: all, median: { izinkit: ours, naive, parse }, exact });
    }
  } finally {
    server.close();
    if (serverUrl && process.env.BENCH_KEEP_SCHEMA !== '1' && !reuseSchema) {
      const db = await openPostgres({ url: serverUrl, schema, max: 1 });
      await db.exec(`drop schema if exists "${schema}" cascade`);
      await db.close();
    }
    rmSync(dir, { recursive: true, force: true });
  }
  recordResults('sync', 'reconcile', { rows: n, machine: machineInfo(), results });
}

const childSpec = process.env.RECONCILE_BENCH_CHILD;
if (childSpec) {
  const cpu0 = process.cpuUsage();
  const report = await child(JSON.parse(childSpec) as ChildSpec);
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  const peakRssMiB = (process.resourceUsage().maxRSS * 1024) / 2 ** 20;
  process.stdout.write(`${JSON.stringify({ ...report, cpuMs, peakRssMiB })}\n`);
  process.exit(0);
} else {
  await main();
}
