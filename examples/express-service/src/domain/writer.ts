/**
 * Group commit for consent writes. Concurrent requests' changes are gathered and written together:
 * one transaction runs each item through the consent machine under row locks (rows locked in key
 * order, so concurrent batches never deadlock), writes events, evidence, outbox rows and the audit
 * entries of every request. Each request still gets its own results; if a batch fails, its
 * requests are retried one by one so one bad request never fails another.
 */

import { canonicalize } from '@izinkit/evidence';
import type {
  AuditInput,
  Database,
  Queryable,
  RecordItem,
  RecordResult,
  StorageKeys,
} from '@izinkit/postgres';
import { ConsentRepository } from '@izinkit/postgres';
import { inTransaction } from './db.js';

/**
 * Writes audit entries the way `AccessRepository.audit` does — each one an `audit` entry of the
 * evidence log (the sequencer chains it) and an `audit_log` row pointing at it — but all of a
 * batch's entries in one statement instead of two per entry.
 */
async function writeAudit(tx: Queryable, entries: readonly AuditInput[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((a) => {
    const at = a.at ?? new Date();
    const details = a.details ?? {};
    const record = {
      type: 'izinkit.audit/1',
      at: at.toISOString(),
      actor: a.actor,
      action: a.action,
      target: a.target ?? null,
      details,
    };
    return { at, a, details, canonical: canonicalize(record) };
  });
  // One statement: the evidence ids are drawn first (in input order; the CTE is materialised once
  // because nextval is volatile), then both tables are written from the same rows.
  await tx.query(
    `with v as (
       select o, nextval(pg_get_serial_sequence('evidence_entries', 'id')) as id, c, r, a, ac, act, t, d
         from unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[])
           with ordinality as u(c, r, a, ac, act, t, d, o)
        order by o
     ), ev as (
       insert into evidence_entries (id, kind, canonical, subject_hash, ref)
       select id, 'audit', c, null, r from v order by o
     )
     insert into audit_log (at, actor, action, target, details, evidence_id)
     select a, ac, act, t, d::jsonb, id from v order by o`,
    [
      rows.map((r) => r.canonical),
      rows.map((r) => `audit:${r.a.action}`),
      rows.map((r) => r.at),
      rows.map((r) => r.a.actor),
      rows.map((r) => r.a.action),
      rows.map((r) => r.a.target ?? null),
      rows.map((r) => JSON.stringify(r.details)),
    ],
  );
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
  readonly #queue: Pending[] = [];
  #inFlight = 0;

  /** @param options - database, keys, batch limits */
  constructor(options: ConsentWriterOptions) {
    this.#db = options.db;
    this.#keys = options.keys;
    this.#maxItems = options.maxItems ?? 400;
    this.#concurrency = options.concurrency ?? (options.db.dialect === 'pglite' ? 1 : 2);
    this.#onBatch = options.onBatch;
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
    return this.#db.transaction(async (tx) => {
      const db = inTransaction(this.#db, tx);
      const consents = new ConsentRepository({ db, keys: this.#keys });
      const all = jobs.flatMap((j) => j.items);
      const results = all.length > 0 ? await consents.recordMany(all) : [];
      const out: RecordResult[][] = [];
      let at = 0;
      for (const j of jobs) {
        out.push(results.slice(at, at + j.items.length));
        at += j.items.length;
      }
      await writeAudit(
        tx,
        jobs.flatMap((j) => j.audit),
      );
      for (let i = 0; i < jobs.length; i++) {
        const extra = jobs[i]!.extra;
        if (extra) await extra(tx, out[i]!);
      }
      return out;
    });
  }
}
