import { setMaxListeners } from 'node:events';
import { addBusinessDays, endOfIstanbulDay, istanbulDate } from '@izinkit/calendar';
import { ConsentRepository, type DueIysChange, SyncStateRepository } from '@izinkit/postgres';
import { type PullRoundResult, pullBrand } from './internal/pull.js';
import { PushRound, type PushRoundResult, type PushSettings } from './internal/push.js';
import type { SyncAlert, SyncEngineOptions } from './options.js';
import { riskWindowEnd, type SyncStatus, syncStatus } from './status.js';

/**
 * What one {@link SyncEngine.runOnce} did.
 *
 * @example
 * ```ts
 * const r: SyncRunResult = await engine.runOnce();
 * console.log(r.push.accepted, r.pull.applied, r.alerts);
 * ```
 */
export interface SyncRunResult {
  /** Push totals over the rounds run. */
  readonly push: PushRoundResult;
  /** Pull totals. */
  readonly pull: PullRoundResult;
  /** Consents the clock (`TICK`) marked overdue. */
  readonly ticked: number;
  /** Alerts raised. */
  readonly alerts: number;
}

/**
 * The status of a running engine: the outbox counts every process sees ({@link SyncStatus}) and
 * this engine's own counters.
 *
 * @example
 * ```ts
 * const s: SyncEngineStatus = await engine.status();
 * s.engine.totals.accepted;
 * ```
 */
export interface SyncEngineStatus extends SyncStatus {
  /** This engine. */
  readonly engine: {
    /** Worker name. */
    readonly workerId: string;
    /** Loops running (false after `stop()` or with `autoStart: false`). */
    readonly running: boolean;
    /** Push totals since start. */
    readonly totals: PushRoundResult;
    /** Pull totals since start. */
    readonly pulled: PullRoundResult;
    /** When the last pull finished, per brand. */
    readonly lastPullAt: Readonly<Record<string, Date>>;
    /** The last error a loop met, if any. */
    readonly lastError: string | null;
    /** Alerts raised since start. */
    readonly alertsRaised: number;
  };
}

/**
 * A running sync engine.
 *
 * @example
 * ```ts
 * const engine = startSyncEngine({ db, consents, client, brandCodes: ['600000'] });
 * process.on('SIGTERM', () => engine.stop());
 * ```
 */
export interface SyncEngine {
  /**
   * Stops: lets the rounds in progress finish (up to `stopGraceMs`), then aborts them and gives
   * their claimed changes back — nothing is lost, and a change already sent keeps its request id
   * so the next worker polls it instead of sending it again.
   */
  stop(): Promise<void>;
  /** The status: outbox counts (pending, due soon, overdue, refused by H-code) and counters. */
  status(): Promise<SyncEngineStatus>;
  /** One full pass: push until nothing is due, run the deadline watch, pull, push again. */
  runOnce(): Promise<SyncRunResult>;
}

const emptyPush = (): PushRoundResult => ({
  claimed: 0,
  accepted: 0,
  refused: 0,
  retried: 0,
  cancelled: 0,
  released: 0,
  sent: 0,
  checked: 0,
});
const emptyPull = (): PullRoundResult => ({ read: 0, applied: 0, ignored: 0, duplicates: 0, skipped: 0 });

function add<T extends object>(into: T, from: T): void {
  for (const k of Object.keys(from) as (keyof T)[]) {
    (into as Record<keyof T, number>)[k] += from[k] as number;
  }
}

/**
 * Starts the two-way İYS sync in this process (embedded), or builds one to drive by hand with
 * `autoStart: false` and `runOnce()`:
 *
 * - **push**: claims outbox rows earliest deadline first (`FOR UPDATE SKIP LOCKED`, so any number
 *   of engines share one PostgreSQL), sends them in İYS batch requests (≤ 1000), saves each request
 *   id before polling it, and feeds every result back through the consent machine. A change whose
 *   outcome is unknown is checked with İYS before it is sent again, so nothing is sent twice;
 *   H174 means already there; H178/H175 are refusals with a clear reason; retryable failures back
 *   off with jitter.
 * - **pull**: reads citizens' changes (`changes?source=IYS`) from a cursor kept in the database,
 *   applies them through the machine (latest consentDate wins), never echoing them back.
 * - **deadline watch**: runs the clock over overdue consents (`TICK` → `raiseOverdue` effects) and
 *   raises `at_risk` / `overdue` alerts, counted in business days with @izinkit/calendar.
 *
 * @example
 * ```ts
 * import { createIysClient } from '@izinkit/iys';
 * import { ConsentRepository, openDatabase, migrate } from '@izinkit/postgres';
 * import { startSyncEngine } from '@izinkit/sync';
 *
 * const db = await openDatabase({ url: process.env.DATABASE_URL });
 * await migrate(db);
 * const consents = new ConsentRepository({ db, keys });
 * const client = createIysClient({ baseUrl, username, password, iysCode: 600000, retry: false });
 * const engine = startSyncEngine({ db, consents, client, brandCodes: ['600000'], onAlert: (a) => console.warn(a.message.en) });
 * // …
 * await engine.stop();
 * ```
 */
export function startSyncEngine(options: SyncEngineOptions): SyncEngine {
  const consents =
    options.consents ??
    (options.keys
      ? new ConsentRepository({
          db: options.db,
          keys: options.keys,
          ...(options.calendar ? { calendar: options.calendar } : {}),
          ...(options.now ? { now: options.now } : {}),
        })
      : undefined);
  if (!consents) {
    throw new TypeError(
      'startSyncEngine: `consents` ya da `keys` gerekli / `consents` or `keys` is required',
    );
  }
  if (!options.client?.consents) {
    throw new TypeError('startSyncEngine: `client` (createIysClient) gerekli / `client` is required');
  }
  const syncState = new SyncStateRepository(options.db);
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const workerId =
    options.workerId ?? `sync@${process.pid}-${Math.floor(Math.random() * 0xffffff).toString(16)}`;
  const p = options.push ?? {};
  const int = (v: number | undefined, d: number, min: number, max: number): number =>
    v === undefined || !Number.isFinite(v) ? d : Math.min(max, Math.max(min, Math.floor(v)));
  const settings: PushSettings = {
    worker: workerId,
    claimLimit: int(p.claimLimit, 1000, 1, 10_000),
    batchSize: int(p.batchSize, 1000, 1, 1000),
    leaseMs: int(p.leaseMs, 120_000, 1000, 3_600_000),
    pollIntervalMs: int(p.pollIntervalMs, 50, 1, 60_000),
    maxPollIntervalMs: int(p.maxPollIntervalMs, 5000, 1, 600_000),
    pollTimeoutMs: int(p.pollTimeoutMs, 600_000, 1, 86_400_000),
    inDoubtGraceMs: int(p.inDoubtGraceMs, 30_000, 0, 86_400_000),
    backoffBaseMs: int(p.backoff?.baseMs, 1000, 1, 3_600_000),
    backoffMaxMs: int(p.backoff?.maxMs, 600_000, 1, 86_400_000),
  };
  const lanes = int(p.lanes, 2, 1, 64);
  const idleMs = int(p.idleMs, 1000, 1, 600_000);
  const pushEnabled = p.enabled ?? true;
  const brands = [...new Set(options.brandCodes ?? [])];
  const pullEnabled = (options.pull?.enabled ?? true) && brands.length > 0;
  const pullEvery = int(options.pull?.intervalMs, 300_000, 1, 86_400_000);
  const pageSize = int(options.pull?.pageSize, 500, 1, 1000);
  const riskDays = int(options.alerts?.riskBusinessDays, 1, 0, 30);
  const alertEvery = int(options.alerts?.intervalMs, 60_000, 1, 86_400_000);
  const stopGraceMs = int(options.stopGraceMs, 10_000, 0, 600_000);
  const log = options.logger;

  const totals = emptyPush();
  const pulled = emptyPull();
  const lastPullAt: Record<string, Date> = {};
  let lastError: string | null = null;
  let alertsRaised = 0;
  const alerted = new Map<string, number>();
  const alert = (a: SyncAlert): void => {
    if (a.kind === 'at_risk' || a.kind === 'overdue') {
      const k = `${a.kind}:${a.change.outboxId}`;
      if (alerted.has(k)) return;
      if (alerted.size > 200_000) alerted.clear();
      alerted.set(k, 1);
    }
    alertsRaised++;
    try {
      options.onAlert?.(a);
    } catch (e) {
      log?.error?.({ err: String(e) }, 'onAlert threw');
    }
  };

  const abort = new AbortController();
  // Every concurrent İYS call listens to it (lanes × polls and status checks).
  setMaxListeners(1000, abort.signal);
  const held = new Set<number>();
  let stopping = false;
  let running = false;
  const wakers = new Set<() => void>();
  const nap = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (stopping) {
        resolve();
        return;
      }
      const done = (): void => {
        clearTimeout(t);
        wakers.delete(done);
        resolve();
      };
      const t = setTimeout(done, ms);
      wakers.add(done);
    });

  const pushRound = async (): Promise<PushRoundResult> => {
    const round = new PushRound({
      consents,
      client: options.client,
      settings,
      now,
      random,
      alert,
      logger: log,
      signal: abort.signal,
      held,
    });
    const r = await round.run();
    add(totals, r);
    return r;
  };

  const watch = async (): Promise<{ ticked: number; alerts: number }> => {
    const before = alertsRaised;
    const at = now();
    let ticked = 0;
    for (let i = 0; i < 100; i++) {
      const n = await consents.tickOverdueConsents({ now: at, limit: 500 });
      ticked += n;
      if (n < 500) break;
    }
    const dueBefore = riskWindowEnd(at, riskDays, options.calendar);
    const due = await consents.iysChangesDueBefore({ dueBefore, limit: 10_000 });
    const today = istanbulDate(at);
    for (const change of due) {
      if (change.deadlineAt.getTime() < at.getTime()) {
        alert({ kind: 'overdue', change, message: overdueMessage(change) });
      } else {
        let left = 0;
        while (
          left < riskDays &&
          endOfIstanbulDay(addBusinessDays(today, left, options.calendar)) < change.deadlineAt
        )
          left++;
        alert({ kind: 'at_risk', change, businessDaysLeft: left, message: riskMessage(change, left) });
      }
    }
    return { ticked, alerts: alertsRaised - before };
  };

  const pullAll = async (): Promise<PullRoundResult> => {
    const r = emptyPull();
    for (const brand of brands) {
      await pullBrand(
        { consents, syncState, client: options.client, now, alert, signal: abort.signal, pageSize },
        brand,
        r,
      );
      lastPullAt[brand] = now();
    }
    add(pulled, r);
    return r;
  };

  const remember = (where: string, e: unknown): void => {
    lastError = `${where}: ${e instanceof Error ? e.message : String(e)}`.slice(0, 1000);
    log?.error?.({ err: lastError, worker: workerId }, `sync ${where} failed`);
  };

  const loops: Promise<void>[] = [];
  const pushLoop = async (): Promise<void> => {
    let failures = 0;
    while (!stopping) {
      try {
        const r = await pushRound();
        failures = 0;
        if (r.claimed < settings.claimLimit) await nap(idleMs);
      } catch (e) {
        if (stopping) return;
        remember('push', e);
        failures++;
        await nap(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)));
      }
    }
  };
  const maintenanceLoop = async (): Promise<void> => {
    let nextPull = 0;
    let nextWatch = 0;
    while (!stopping) {
      const t = Date.now();
      try {
        if (t >= nextWatch) {
          nextWatch = t + alertEvery;
          await watch();
        }
        if (pullEnabled && t >= nextPull) {
          nextPull = t + pullEvery;
          await pullAll();
        }
      } catch (e) {
        if (stopping) return;
        remember('maintenance', e);
      }
      await nap(Math.max(1, Math.min(nextWatch, pullEnabled ? nextPull : nextWatch) - Date.now()));
    }
  };

  const start = (): void => {
    running = true;
    if (pushEnabled) for (let i = 0; i < lanes; i++) loops.push(pushLoop());
    loops.push(maintenanceLoop());
    log?.info?.({ worker: workerId, lanes, brands }, 'İYS sync engine started');
  };
  if (options.autoStart ?? true) start();

  return {
    async stop() {
      if (stopping) return;
      stopping = true;
      for (const w of [...wakers]) w();
      const all = Promise.allSettled(loops);
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), stopGraceMs);
      });
      const first = await Promise.race([all.then(() => 'done' as const), graceOver]);
      clearTimeout(timer);
      if (first === 'timeout') {
        abort.abort(new Error('sync engine stopping'));
        await all;
      }
      if (held.size > 0) {
        await consents
          .releaseIysChanges([...held], { worker: workerId })
          .catch((e: unknown) => remember('release', e));
        held.clear();
      }
      running = false;
      log?.info?.({ worker: workerId, totals }, 'İYS sync engine stopped');
    },
    async status() {
      const s = await syncStatus({
        consents,
        riskBusinessDays: riskDays,
        now: now(),
        ...(options.calendar ? { calendar: options.calendar } : {}),
      });
      return {
        ...s,
        engine: {
          workerId,
          running,
          totals: { ...totals },
          pulled: { ...pulled },
          lastPullAt: { ...lastPullAt },
          lastError,
          alertsRaised,
        },
      };
    },
    async runOnce() {
      const push = emptyPush();
      const drain = async (): Promise<void> => {
        for (;;) {
          const r = await pushRound();
          add(push, r);
          if (r.claimed === 0 || stopping) return;
        }
      };
      await drain();
      const w = await watch();
      const pull = pullEnabled ? await pullAll() : emptyPull();
      await drain();
      return { push, pull, ticked: w.ticked, alerts: w.alerts };
    },
  };
}

function fmt(d: Date): string {
  return new Intl.DateTimeFormat('tr-TR', {
    timeZone: 'Europe/Istanbul',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(d);
}

function overdueMessage(c: DueIysChange): { tr: string; en: string } {
  return {
    tr: `${c.brandCode} markasının ${c.channel} ${c.status} değişikliği (${c.changeId}) İYS'ye yasal süresi içinde (${fmt(c.deadlineAt)}) kaydedilemedi`,
    en: `Brand ${c.brandCode}'s ${c.channel} ${c.status} change (${c.changeId}) missed its İYS deadline (${fmt(c.deadlineAt)} Türkiye time)`,
  };
}

function riskMessage(c: DueIysChange, left: number): { tr: string; en: string } {
  return {
    tr: `${c.brandCode} markasının ${c.channel} ${c.status} değişikliği (${c.changeId}) henüz İYS'de değil; son gün ${fmt(c.deadlineAt)} (${left} iş günü kaldı)`,
    en: `Brand ${c.brandCode}'s ${c.channel} ${c.status} change (${c.changeId}) is not in İYS yet; deadline ${fmt(c.deadlineAt)} Türkiye time (${left} business days left)`,
  };
}
