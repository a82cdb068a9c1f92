/**
 * Crash safety of bulk import: the service (a child process) is SIGKILLed while it streams an
 * import; after a restart every row either has its result with its consent event, evidence entry
 * and İYS outbox row, or has no result and left nothing behind. Resuming the import then imports
 * exactly the missing rows: in the end every row exists exactly once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, openPglite, openPostgres } from '@izinkit/postgres';
import { afterAll, describe, expect, it } from 'vitest';

const PKG = join(import.meta.dirname, '..');
const KEY = 'crash-test-key-0123456789abcdef';
const ROWS = 1500;
const IMPORT_ID = 'crash-import-0001';

const targets: { name: string; env: Record<string, string>; open: (dir: string) => Promise<Database> }[] = [
  { name: 'pglite', env: {}, open: (dir) => openPglite({ dataDir: join(dir, 'db'), schema: 'izinkit' }) },
];
if (process.env.TEST_DATABASE_URL) {
  const url = process.env.TEST_DATABASE_URL;
  const schema = `t_crash_${randomBytes(4).toString('hex')}`;
  targets.push({
    name: 'postgres',
    env: { DATABASE_URL: url, DATABASE_SCHEMA: schema },
    open: () => openPostgres({ url, schema, max: 2 }),
  });
}

const recent = new Date(Date.now() - 3_600_000).toISOString();
const row = (i: number): string =>
  JSON.stringify({
    recipient: `0555${String(2_000_000 + i).padStart(7, '0')}`,
    recipientType: 'BIREYSEL',
    type: 'MESAJ',
    status: 'ONAY',
    source: 'HS_WEB',
    consentDate: recent,
  });

function start(dir: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@izinkit/source', 'src/main.ts', 'serve'],
    {
      cwd: PKG,
      env: {
        ...process.env,
        IZINKIT_DATA_DIR: dir,
        PORT: '0',
        IZINKIT_API_KEY: KEY,
        IZINKIT_WORKERS: 'false',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${out}`)), 120_000);
    const onData = (b: Buffer): void => {
      out += String(b);
      const m = /API\s+(http:\/\/[0-9.]+:\d+)\/v1/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => {
      out += String(b);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`service exited (${code}):\n${out}`));
    });
  });
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((r) => child.once('exit', () => r()));

/** Streams the rows slowly; SIGKILLs the child once `killAfter` results came back. */
function importUntilKilled(url: string, child: ChildProcess, killAfter: number): Promise<number> {
  return new Promise((resolve) => {
    const u = new URL(`${url}/v1/brands/600000/consents/import?importId=${IMPORT_ID}`);
    let results = 0;
    let killed = false;
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: `${u.pathname}${u.search}`,
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/x-ndjson' },
      },
      (res) => {
        res.on('data', (b: Buffer) => {
          results += String(b)
            .split('\n')
            .filter((l) => l.startsWith('{"row"')).length;
          if (!killed && results >= killAfter) {
            killed = true;
            child.kill('SIGKILL');
          }
        });
        res.on('error', () => resolve(results));
        res.on('close', () => resolve(results));
      },
    );
    req.on('error', () => resolve(results));
    let i = 1;
    const pump = (): void => {
      if (killed || i > ROWS) {
        if (!killed) req.end();
        return;
      }
      const batch: string[] = [];
      for (let k = 0; k < 100 && i <= ROWS; k++) batch.push(row(i++));
      req.write(`${batch.join('\n')}\n`);
      setTimeout(pump, 5);
    };
    pump();
  });
}

async function importResults(url: string): Promise<Map<number, string>> {
  const res = await fetch(`${url}/v1/brands/600000/consents/imports/${IMPORT_ID}?limit=10000`, {
    headers: { authorization: `Bearer ${KEY}` },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { rows: { row: number; status: string }[] };
  return new Map(body.rows.map((r) => [r.row, r.status]));
}

/** Per row: consent events, with evidence, and İYS outbox rows carrying its decision id. */
async function written(
  db: Database,
): Promise<Map<number, { events: number; withEvidence: number; outbox: number }>> {
  const { rows } = await db.query<{ row: number; events: number; with_evidence: number; outbox: number }>(
    `select split_part(d.decision, ':', 3)::int as row, d.events, d.with_evidence,
            (select count(*)::int from iys_outbox o where o.change_id = d.decision) as outbox
       from (select e.event->>'decisionId' as decision, count(*)::int as events, count(e.evidence_id)::int as with_evidence
               from consent_events e where e.event->>'decisionId' like $1 group by 1) d`,
    [`imp:${IMPORT_ID}:%`],
  );
  return new Map(
    rows.map((r) => [r.row, { events: r.events, withEvidence: r.with_evidence, outbox: r.outbox }]),
  );
}

describe.each(targets)('bulk import crash safety on $name', (target) => {
  const dir = mkdtempSync(join(tmpdir(), 'izinkit-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('SIGKILL mid-import: every row committed whole or reported not imported; resume fills the gap once', {
    timeout: 600_000,
  }, async () => {
    const first = await start(dir, target.env);
    const seen = await importUntilKilled(first.url, first.child, 700);
    await exited(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(seen).toBeGreaterThanOrEqual(500);

    // Restart: the import's stored results say which rows were imported.
    const second = await start(dir, target.env);
    const results = await importResults(second.url);
    second.child.kill('SIGTERM');
    await exited(second.child);
    expect(results.size).toBeGreaterThanOrEqual(500);
    expect(results.size).toBeLessThan(ROWS);

    let db = await target.open(dir);
    let w = await written(db);
    await db.close();
    for (let i = 1; i <= ROWS; i++) {
      const r = results.get(i);
      const x = w.get(i);
      if (r === 'committed') expect(x, `row ${i}`).toEqual({ events: 1, withEvidence: 1, outbox: 1 });
      else expect(r === undefined ? x : undefined, `row ${i} has no result but left data`).toBeUndefined();
    }

    // Resume with the same import id: only the missing rows are imported.
    const third = await start(dir, target.env);
    const body = `${Array.from({ length: ROWS }, (_, k) => row(k + 1)).join('\n')}\n`;
    // The killed run's import still holds its 15-second lease (another process could be running
    // it): the service answers 409 import_in_progress until the lease lapses, then resumes.
    const resume = () =>
      fetch(`${third.url}/v1/brands/600000/consents/import?importId=${IMPORT_ID}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/x-ndjson' },
        body,
      });
    let res = await resume();
    for (let tries = 0; res.status === 409 && tries < 60; tries++) {
      const problem = (await res.json()) as { code?: string };
      expect(problem.code).toBe('import_in_progress');
      await new Promise((r) => setTimeout(r, 1000));
      res = await resume();
    }
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { status?: string; summary?: Record<string, number> });
    const summary = lines.at(-1)!.summary!;
    expect(summary.skipped).toBe(results.size);
    expect(summary.committed).toBe(ROWS - results.size);
    third.child.kill('SIGTERM');
    await exited(third.child);

    db = await target.open(dir);
    w = await written(db);
    if (target.name === 'postgres')
      await db.exec(`drop schema if exists "${target.env.DATABASE_SCHEMA}" cascade`);
    await db.close();
    expect(w.size).toBe(ROWS);
    for (const [i, x] of w) expect(x, `row ${i}`).toEqual({ events: 1, withEvidence: 1, outbox: 1 });
  });
});
