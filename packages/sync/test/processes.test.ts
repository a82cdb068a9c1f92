/**
 * Worker processes against the PostgreSQL server (`TEST_DATABASE_URL`; PGlite cannot be shared
 * between processes): the crash test and the concurrency test. Scaled down by default; the sizes
 * of the issue (20 000 changes with SIGKILLs, 4 workers × 50 000 changes) run with IZINKIT_FULL=1.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type IysSimulator, startIysSimulator } from '@izinkit/iys-simulator';
import { ConsentRepository, type Database, migrate, openPostgres } from '@izinkit/postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { key, keys, phone, seed } from './helpers.js';

const url = process.env.TEST_DATABASE_URL;
const full = process.env.IZINKIT_FULL === '1';
const root = join(import.meta.dirname, '..', '..', '..');
const bin = join(import.meta.dirname, '..', 'src', 'bin.ts');

describe.runIf(url)('worker processes on the PostgreSQL server', () => {
  let db: Database;
  let schema: string;
  let sim: IysSimulator;
  let consents: ConsentRepository;
  const children = new Set<ChildProcess>();

  beforeEach(async () => {
    schema = `t_${randomBytes(6).toString('hex')}`;
    db = await openPostgres({ url: url!, schema, max: 8 });
    await migrate(db);
    consents = new ConsentRepository({ db, keys });
    sim = await startIysSimulator({ seed: 11 });
  });
  afterEach(async () => {
    for (const c of children) c.kill('SIGKILL');
    children.clear();
    await sim.close();
    await db.exec(`drop schema if exists "${schema}" cascade`);
    await db.close();
  });

  function worker(
    name: string,
    extraEnv: Record<string, string> = {},
  ): ChildProcess & { exited: Promise<number | null>; isReady: Promise<void> } {
    const child = spawn(process.execPath, ['--conditions=@izinkit/source', '--import', 'tsx', bin], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: url!,
        IZINKIT_DB_SCHEMA: schema,
        IYS_BASE_URL: sim.url,
        IYS_USERNAME: 'izinkit',
        IYS_PASSWORD: 'izinkit',
        IYS_CODE: '600000',
        IYS_BRANDS: '600000',
        IZINKIT_LOOKUP_KEY: Buffer.from(keys.lookupKey).toString('base64'),
        IZINKIT_ENCRYPTION_KEYS: `k1:${Buffer.from(keys.encryptionKeys.k1!).toString('base64')}`,
        IZINKIT_ENCRYPTION_KEY_ID: 'k1',
        SYNC_WORKER_ID: name,
        SYNC_LEASE_MS: '4000',
        SYNC_IN_DOUBT_GRACE_MS: '1500',
        SYNC_IDLE_MS: '100',
        SYNC_NO_PULL: '1',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    let ready: () => void = () => {};
    const isReady = new Promise<void>((resolve) => {
      ready = resolve;
    });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('"ready":true')) {
        ready();
        out = '';
      } else if (out.length > 100_000) out = out.slice(-1000);
    });
    children.add(child);
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => {
        children.delete(child);
        if (code !== 0 && code !== null && err) console.error(`${name}: ${err.slice(-2000)}`);
        ready();
        resolve(code);
      }),
    );
    return Object.assign(child, { exited, isReady });
  }

  const settled = async (): Promise<number> =>
    (await db.query<{ n: number }>(`select count(*)::int as n from iys_outbox where status = 'done'`))
      .rows[0]!.n;

  /** Changes sent (or being sent) and not settled: what a killed worker left in doubt. */
  const unsettledSent = async (): Promise<number> =>
    (
      await db.query<{ n: number }>(
        `select count(*)::int as n from iys_outbox where status <> 'done' and (submitted_at is not null or request_id is not null)`,
      )
    ).rows[0]!.n;

  async function waitUntil(done: () => Promise<boolean>, ms: number): Promise<void> {
    const end = Date.now() + ms;
    while (!(await done())) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Every change is in the simulator exactly once, and the local state equals the simulator's. */
  async function assertExactlyOnce(n: number): Promise<void> {
    const subs = sim.submissions();
    const per = new Map<string, number>();
    for (const s of subs) per.set(s.recipient, (per.get(s.recipient) ?? 0) + 1);
    const twice = [...per].filter(([, c]) => c > 1);
    expect(twice.slice(0, 5), `${twice.length} changes submitted more than once`).toEqual([]);
    expect(per.size).toBe(n);
    expect(subs.filter((s) => s.outcome !== 'success')).toEqual([]);
    const remote = sim.consents(600000);
    expect(remote).toHaveLength(n);
    const local = await db.query<{ transaction_id: string }>(
      `select transaction_id from iys_transactions where party = 'HS' and brand_code = '600000'`,
    );
    expect(new Set(local.rows.map((r) => r.transaction_id))).toEqual(
      new Set(remote.map((r) => r.transactionId)),
    );
    const states = await db.query<{ iys_status: string | null; pending: number; n: number }>(
      `select iys_status, pending_changes as pending, count(*)::int as n from consents group by 1, 2`,
    );
    expect(states.rows).toEqual([{ iys_status: 'ONAY', pending: 0, n }]);
    for (const i of [0, Math.floor(n / 2), n - 1]) {
      const c = await consents.get(key(i));
      const r = remote.find((x) => x.recipient === phone(i));
      expect(c?.state.iys?.transactionId).toBe(r?.transactionId);
    }
  }

  it(
    'crash test: SIGKILL at random points, restart, every change in İYS exactly once',
    async () => {
      const n = full ? 20_000 : 2_000;
      const kills = full ? 12 : 4;
      await seed(consents, () => new Date(), n);
      const started = Date.now();
      const progress: string[] = [];
      for (let k = 0; k < kills; k++) {
        const w = worker(`crash-${k}`, { SYNC_LANES: '2', SYNC_CLAIM_LIMIT: String(full ? 1000 : 250) });
        // Once it works, at a random point of the work: each kill waits for the next share of
        // the changes to settle, then a random extra moment, so the kills land mid-claim,
        // mid-request, mid-poll and mid-commit across the whole run.
        await w.isReady;
        const target = Math.floor((n * (k + 1)) / (kills + 1));
        const giveUp = Date.now() + 120_000;
        while ((await settled()) < target && Date.now() < giveUp && w.exitCode === null) {
          await new Promise((r) => setTimeout(r, 20));
        }
        await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 400)));
        w.kill('SIGKILL');
        await w.exited;
        const done = await settled();
        const doubt = await unsettledSent();
        progress.push(`${done}/${doubt}`);
        if (done === n) break;
      }
      const killedAt = await settled();
      const inDoubt = (
        await db.query<{ n: number }>(
          `select count(*)::int as n from iys_outbox where status <> 'done' and (submitted_at is not null or request_id is not null)`,
        )
      ).rows[0]!.n;
      const last = worker('crash-final', { SYNC_LANES: '2' });
      await waitUntil(async () => (await settled()) === n, full ? 600_000 : 180_000);
      await last.isReady; // SIGTERM is handled once the worker runs
      last.kill('SIGTERM');
      expect(await last.exited).toBe(0);
      console.log(
        `crash test: ${n} changes, ${kills} SIGKILLs (${killedAt} settled, ${inDoubt} sent but unsettled before the last start; settled/in doubt after each kill: ${progress.join(' ')}), ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      await assertExactlyOnce(n);
    },
    full ? 900_000 : 300_000,
  );

  it(
    'concurrency: 4 worker processes share the outbox, no duplicate submission, deadlines met',
    async () => {
      const n = full ? 50_000 : 4_000;
      await seed(consents, () => new Date(), n);
      const started = Date.now();
      const workers = [0, 1, 2, 3].map((i) =>
        worker(`conc-${i}`, { SYNC_LANES: '2', SYNC_LEASE_MS: '30000' }),
      );
      await waitUntil(async () => (await settled()) === n, full ? 900_000 : 240_000);
      const seconds = (Date.now() - started) / 1000;
      for (const w of workers) w.kill('SIGTERM');
      expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0, 0, 0]);
      await assertExactlyOnce(n);
      // Deadlines by the simulator's clock: each change processed before its statutory deadline.
      const deadlines = new Map<string, number>();
      const rows = await db.query<{ key_hash: string; deadline_at: Date }>(
        `select c.key_hash, o.deadline_at from iys_outbox o join consents c on c.id = o.consent_id`,
      );
      const byHash = new Map(rows.rows.map((r) => [r.key_hash, r.deadline_at.getTime()]));
      for (let i = 0; i < n; i++) deadlines.set(phone(i), byHash.get(consents.keyHash(key(i)))!);
      const late = sim.submissions().filter((s) => s.at.getTime() > deadlines.get(s.recipient)!);
      expect(late).toHaveLength(0);
      console.log(
        `concurrency: ${n} changes by 4 processes in ${seconds.toFixed(1)} s (${Math.round(n / seconds)}/s incl. tsx start-up)`,
      );
    },
    full ? 1_200_000 : 300_000,
  );
});
