/**
 * Group commit for consent writes. Concurrent requests' changes are gathered and written together:
 * one transaction runs each item through the consent machine under row locks (rows locked in key
 * order, so concurrent batches never deadlock) and writes events, evidence, outbox rows and the
 * audit entries of every request in one statement (`ConsentRepository.recordMany` with `audit`):
 * begin, lock, write, commit. Each request still gets its own results; if a batch fails, its
 * requests are retried one by one so one bad request never fails another.
 */

import type {
  AuditInput,
  Database,
  Queryable,
  RecordItem,
  RecordResult,
  StorageKeys,
} from '@izinkit/postgres';
import { ConsentRepository } from '@izinkit/postgres';

/**
 * Thrown when the consent repository, inside a batch's transaction, wants to run its writes again
 * (another transaction created one of the batch's consents at the same moment): the first attempt
 * already wrote, so the whole transaction is rolled back and the batch runs again instead.
 */
class RunAgain extends Error {}

/**
 * A `Database` view of an open transaction whose `transaction` runs once: a repository's retry
 * (a second call) throws {@link RunAgain} instead of running in the same, already written,
 * transaction.
 */
function onceIn(db: Database, tx: Queryable): Database {
  let used = false;
  return {
    dialect: db.dialect,
    schema: db.schema,
    query: (text, params) => tx.query(text, params),
    exec: (script) => tx.exec(script),
    transaction: (fn) => {
      if (used) throw new RunAgain('consent batch must run again in a new transaction');
      used = true;
      return fn(tx);
    },
    close: async () => {},
  };
}

/** One request's writes. */
export interface WriteJob {
  /** Consent events to record, in order. */
  readonly items: readonly RecordItem[];
  /** Audit entries to write with them. */
  readonly audit: readonly AuditInput[];
  /** More writes in the same transaction, after the consent changes (e.g. import row results). */
  readonly extra?: (tx: Queryable, results: readonly RecordResult[]) => Promise<void>;
}

interface Pending {
  readonly job: WriteJob;
  readonly resolve: (r: RecordResult[]) => void;
  readonly reject: (e: unknown) => void;
}

/** Options of {@link ConsentWriter}. */
export interface ConsentWriterOptions {
  /** The database. */
  readonly db: Database;
  /** Storage keys. */
  readonly keys: StorageKeys;
  /** Most consent items in one transaction (default 400). */
  readonly maxItems?: number;
  /**
   * Transactions in flight at once (default: 1 on PGlite, 2 on a server). Two keeps one batch
   * committing while the next one gathers: more lanes split the same concurrent requests into
   * smaller batches, so the server runs more statements and commits per request (bench/RESULTS.md:
   * under 32 connections, 2 lanes gave ~8 requests per transaction against ~2.7 with 8 lanes, and
   * less database CPU per request).
   */
  readonly concurrency?: number;
  /** Called with each batch's size and duration (metrics). */
  readonly onBatch?: (items: number, ms: number) => void;
}

/**
 * Batches concurrent consent writes into shared transactions.
 *
 * @example
 * ```ts
 * const writer = new ConsentWriter({ db, keys });
 * const [result] = await writer.write({ items: [{ key, event }], audit: [{ actor, action: 'consent.record' }] });
 * ```
 */
export class ConsentWriter {
  readonly #db: Database;
  readonly #keys: StorageKeys;
  readonly #maxItems: number;
  readonly #concurrency: number;
  readonly #onBatch: ((items: number, ms: number) => void) | undefined;
  readonly #consents: ConsentRepository;
  readonly #queue: Pending[] = [];
  #inFlight = 0;

  /** @param options - database, keys, batch limits */
  constructor(options: ConsentWriterOptions) {
    this.#db = options.db;
    this.#keys = options.keys;
    this.#maxItems = options.maxItems ?? 400;
    this.#concurrency = options.concurrency ?? (options.db.dialect === 'pglite' ? 1 : 2);
    this.#onBatch = options.onBatch;
    this.#consents = new ConsentRepository({ db: options.db, keys: options.keys });
  }

  /** Writes one request's changes; resolves with one result per item once committed. */
  write(job: WriteJob): Promise<RecordResult[]> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ job, resolve, reject });
      this.#pump();
    });
  }

  /** Jobs waiting for a transaction. */
  get queued(): number {
    return this.#queue.length;
  }

  #pump(): void {
    while (this.#inFlight < this.#concurrency && this.#queue.length > 0) {
      const batch: Pending[] = [];
      let items = 0;
      while (this.#queue.length > 0) {
        const next = this.#queue[0]!;
        if (batch.length > 0 && items + next.job.items.length > this.#maxItems) break;
        batch.push(this.#queue.shift()!);
        items += next.job.items.length;
      }
      this.#inFlight++;
      void this.#run(batch).finally(() => {
        this.#inFlight--;
        this.#pump();
      });
    }
  }

  async #run(batch: Pending[]): Promise<void> {
    const t0 = performance.now();
    try {
      const results = await this.#commit(batch.map((p) => p.job));
      for (const [i, p] of batch.entries()) p.resolve(results[i]!);
      this.#onBatch?.(
        batch.reduce((n, p) => n + p.job.items.length, 0),
        performance.now() - t0,
      );
    } catch (e) {
      if (batch.length === 1) {
        batch[0]!.reject(e);
        return;
      }
      // Isolate the failing request: each job alone.
      for (const p of batch) {
        try {
          const [r] = await this.#commit([p.job]);
          p.resolve(r!);
        } catch (err) {
          p.reject(err);
        }
      }
    }
  }

  async #commit(jobs: readonly WriteJob[]): Promise<RecordResult[][]> {
    const all = jobs.flatMap((j) => j.items);
    const audit = jobs.flatMap((j) => j.audit);
    const split = (results: readonly RecordResult[]): RecordResult[][] => {
      const out: RecordResult[][] = [];
      let at = 0;
      for (const j of jobs) {
        out.push(results.slice(at, at + j.items.length));
        at += j.items.length;
      }
      return out;
    };
    if (jobs.every((j) => !j.extra)) {
      // The common case: the repository's own transaction (begin, lock, one statement with the
      // consent changes, evidence, outbox rows and the audit entries, commit) — retried by the
      // repository when another transaction created one of the consents at the same moment.
      return split(await this.#consents.recordMany(all, { audit }));
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#db.transaction(async (tx) => {
          const consents = new ConsentRepository({ db: onceIn(this.#db, tx), keys: this.#keys });
          const out = split(await consents.recordMany(all, { audit }));
          for (let i = 0; i < jobs.length; i++) {
            const extra = jobs[i]!.extra;
            if (extra) await extra(tx, out[i]!);
          }
          return out;
        });
      } catch (e) {
        if (!(e instanceof RunAgain) || attempt >= 5) throw e;
      }
    }
  }
}
