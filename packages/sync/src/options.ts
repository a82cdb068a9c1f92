import type { CalendarOptions } from '@izinkit/calendar';
import type { IysClient } from '@izinkit/iys';
import type { ConsentRepository, Database, DueIysChange, StorageKeys } from '@izinkit/postgres';

/**
 * A text shown to people, in Turkish and English.
 *
 * @example
 * ```ts
 * const m: SyncMessage = { tr: 'İYS kaydı reddetti', en: 'İYS refused the change' };
 * ```
 */
export interface SyncMessage {
  /** Türkçe. */
  readonly tr: string;
  /** English. */
  readonly en: string;
}

/**
 * Something people should look at, raised through `onAlert`:
 *
 * - `at_risk`: an İYS change not registered yet whose 3-iş-günü deadline falls within the risk
 *   window (`alerts.riskBusinessDays` business days, counted with @izinkit/calendar);
 * - `overdue`: one whose deadline passed;
 * - `refused`: İYS refused a change for good (H178, H175, …), with İYS's code;
 * - `iys_unreachable`: İYS did not answer (network, 5xx) — work is kept and retried with backoff;
 * - `pull_skipped`: a change pulled from İYS could not be applied (unreadable recipient, unknown
 *   source, refused by the consent machine); the cursor moves on and the change is reported.
 *
 * Each change is raised at most once per kind by one engine.
 *
 * @example
 * ```ts
 * const onAlert = (a: SyncAlert) => {
 *   if (a.kind === 'overdue') pager.page(a.message.en);
 * };
 * ```
 */
export type SyncAlert =
  | {
      /** The deadline is near. */
      readonly kind: 'at_risk';
      /** The change. */
      readonly change: DueIysChange;
      /** Whole business days left before the deadline's day (0: due by the end of today). */
      readonly businessDaysLeft: number;
      /** What to tell people. */
      readonly message: SyncMessage;
    }
  | {
      /** The deadline passed. */
      readonly kind: 'overdue';
      /** The change. */
      readonly change: DueIysChange;
      /** What to tell people. */
      readonly message: SyncMessage;
    }
  | {
      /** İYS refused a change. */
      readonly kind: 'refused';
      /** Brand. */
      readonly brandCode: string;
      /** Outbox row. */
      readonly outboxId: number;
      /** The change. */
      readonly changeId: string;
      /** İYS's H-code (or a client code for a change that failed local checks). */
      readonly code: string;
      /** What to tell people. */
      readonly message: SyncMessage;
    }
  | {
      /** İYS did not answer. */
      readonly kind: 'iys_unreachable';
      /** Brand. */
      readonly brandCode: string;
      /** The client's error code (`iys_network`, `iys_timeout`, an HTTP status …). */
      readonly code: string;
      /** What to tell people. */
      readonly message: SyncMessage;
    }
  | {
      /** A pulled change was not applied. */
      readonly kind: 'pull_skipped';
      /** Brand. */
      readonly brandCode: string;
      /** İYS's transaction id. */
      readonly transactionId: string;
      /** Why. */
      readonly code: string;
      /** What to tell people. */
      readonly message: SyncMessage;
    };

/**
 * Where the engine writes what it does (pino, console or anything with these methods).
 *
 * @example
 * ```ts
 * const logger: SyncLogger = { info: (o, m) => console.log(m, o), warn: (o, m) => console.warn(m, o), error: (o, m) => console.error(m, o) };
 * ```
 */
export interface SyncLogger {
  /** Progress. */
  info?(obj: object, msg: string): void;
  /** Something retried. */
  warn?(obj: object, msg: string): void;
  /** Something failed. */
  error?(obj: object, msg: string): void;
}

/**
 * Push settings.
 *
 * @example
 * ```ts
 * const push: PushOptions = { lanes: 4, claimLimit: 1000, leaseMs: 120_000 };
 * ```
 */
export interface PushOptions {
  /** Push at all (default true). */
  readonly enabled?: boolean;
  /** Push loops in this process, each claiming its own batch (default 2). */
  readonly lanes?: number;
  /** Rows claimed per round (default 1000). */
  readonly claimLimit?: number;
  /** Consents per İYS batch request, 1–1000 (default 1000, İYS's maximum). */
  readonly batchSize?: number;
  /** Claim lease; renewed while a request is polled (default 120 000 ms). */
  readonly leaseMs?: number;
  /** Pause when nothing is due (default 1000 ms). */
  readonly idleMs?: number;
  /** First wait before polling a batch request (default 50 ms); waits grow by half up to `maxPollIntervalMs`. */
  readonly pollIntervalMs?: number;
  /** Longest wait between polls (default 5000 ms). */
  readonly maxPollIntervalMs?: number;
  /** Stop polling a request after this long and release its rows to be polled again later (default 10 min). */
  readonly pollTimeoutMs?: number;
  /**
   * A change sent without a known outcome and without a request id (the worker died between
   * sending and saving the id) is checked with İYS only after this long, so the lost request has
   * been processed (default 30 000 ms).
   */
  readonly inDoubtGraceMs?: number;
  /** Retry backoff: first delay (default 1000 ms), doubled per attempt up to `maxMs` (default 10 min), with jitter. */
  readonly backoff?: {
    /** First delay. */
    readonly baseMs?: number;
    /** Largest delay. */
    readonly maxMs?: number;
  };
}

/**
 * Pull settings.
 *
 * @example
 * ```ts
 * const pull: PullOptions = { intervalMs: 15 * 60_000 };
 * ```
 */
export interface PullOptions {
  /** Pull at all (default true when `brandCodes` is not empty). */
  readonly enabled?: boolean;
  /** Time between pulls (default 5 min). İYS hides the last hour, so pulling more often gains little. */
  readonly intervalMs?: number;
  /** Page size (default 500; İYS's maximum is unpublished). */
  readonly pageSize?: number;
}

/**
 * Deadline watch settings.
 *
 * @example
 * ```ts
 * const alerts: AlertOptions = { riskBusinessDays: 1, intervalMs: 60_000 };
 * ```
 */
export interface AlertOptions {
  /** A change is at risk when its deadline is at most this many business days away (default 1). */
  readonly riskBusinessDays?: number;
  /** Time between deadline checks (default 60 000 ms). */
  readonly intervalMs?: number;
}

/**
 * Options of {@link startSyncEngine}.
 *
 * @example
 * ```ts
 * const options: SyncEngineOptions = { db, consents, client, brandCodes: ['600000'], onAlert: console.warn };
 * ```
 */
export interface SyncEngineOptions {
  /** The database (migrated). */
  readonly db: Database;
  /** The consent store; or give `keys` and one is made. */
  readonly consents?: ConsentRepository;
  /** Storage keys, when `consents` is not given. */
  readonly keys?: StorageKeys;
  /**
   * The İYS client. Create it with `retry: false`: a client that retries a batch POST by itself
   * after a lost reply sends it twice; the engine retries with backoff itself and checks first.
   */
  readonly client: IysClient;
  /** Brands whose citizen changes are pulled (pushing takes every brand in the outbox). */
  readonly brandCodes?: readonly string[];
  /** This worker's name, kept on claimed rows (default `sync@<pid>-<random>`). */
  readonly workerId?: string;
  /** Push settings. */
  readonly push?: PushOptions;
  /** Pull settings. */
  readonly pull?: PullOptions;
  /** Deadline watch settings. */
  readonly alerts?: AlertOptions;
  /** Business-day options (the same as the consent store's). */
  readonly calendar?: CalendarOptions;
  /** The clock (default: the system clock). */
  readonly now?: () => Date;
  /** Randomness for jitter (default `Math.random`). */
  readonly random?: () => number;
  /** Called for every alert; an alert handler that throws is logged and ignored. */
  readonly onAlert?: (alert: SyncAlert) => void;
  /** Log sink. */
  readonly logger?: SyncLogger;
  /** On `stop()`, wait this long for rounds to finish before aborting them (default 10 000 ms). */
  readonly stopGraceMs?: number;
  /** Start the loops at once (default true); `false` leaves them to `runOnce()`. */
  readonly autoStart?: boolean;
}
