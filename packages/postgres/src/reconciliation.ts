import type { Database, Queryable } from './database.js';
import { StorageError } from './errors.js';
import type { ReconciliationReport } from './sync-state.js';

/**
 * The kinds of difference a daily reconciliation reports:
 *
 * - `missing_local` — İYS's daily file has a transaction our log does not know;
 * - `missing_remote` — our log has a transaction of that day that İYS's file lacks;
 * - `mismatch` — both know the transaction but some fields differ (`fields` lists them);
 * - `duplicate_remote` — the same transaction id appears twice in İYS's file;
 * - `summary` — İYS's daily summary counts disagree with İYS's own file.
 *
 * @example
 * ```ts
 * RECONCILIATION_DIFFERENCE_KINDS.includes('mismatch'); // true
 * ```
 */
export const RECONCILIATION_DIFFERENCE_KINDS = [
  'missing_local',
  'missing_remote',
  'mismatch',
  'duplicate_remote',
  'summary',
] as const;

/**
 * One of {@link RECONCILIATION_DIFFERENCE_KINDS}.
 *
 * @example
 * ```ts
 * const kind: ReconciliationDifferenceKind = 'missing_local';
 * ```
 */
export type ReconciliationDifferenceKind = (typeof RECONCILIATION_DIFFERENCE_KINDS)[number];

/**
 * One stored difference. `local` and `remote` are plain JSON objects describing each side (never a
 * recipient in clear: İYS's recipient is kept masked).
 *
 * @example
 * ```ts
 * const d: StoredReconciliationDifference = {
 *   kind: 'mismatch', transactionId: 'f26a…', fields: ['status'],
 *   local: { status: 'ONAY' }, remote: { status: 'RET' },
 * };
 * ```
 */
export interface StoredReconciliationDifference {
  /** What kind of difference. */
  readonly kind: ReconciliationDifferenceKind;
  /** The İYS transaction, or `null` for a summary difference. */
  readonly transactionId: string | null;
  /** The fields that differ (for `mismatch` and `summary`; empty otherwise). */
  readonly fields: readonly string[];
  /** Our side, or `null` when we have none. */
  readonly local: Readonly<Record<string, unknown>> | null;
  /** İYS's side, or `null` when İYS has none. */
  readonly remote: Readonly<Record<string, unknown>> | null;
}

/**
 * A full reconciliation run of one brand and day: the report row plus the counts per kind and the
 * differences themselves (as many as the reconciler kept; `differenceCount` is the exact total).
 *
 * @example
 * ```ts
 * const run: ReconciliationRun = { ...report, counts: { missing_local: 1 }, localRows: 10, startedAt: null, finishedAt: null, differences: [] };
 * ```
 */
export interface ReconciliationRun extends ReconciliationReport {
  /** Exact number of differences per kind. */
  readonly counts: Readonly<Partial<Record<ReconciliationDifferenceKind, number>>>;
  /** Rows of our log for that day. */
  readonly localRows: number | null;
  /** When the run started. */
  readonly startedAt: Date | null;
  /** When the run ended. */
  readonly finishedAt: Date | null;
  /** The differences kept (at most the reconciler's cap). */
  readonly differences: readonly StoredReconciliationDifference[];
}

/**
 * One row of the local İYS transaction log (`iys_transactions`) in the compact form the
 * reconciler compares: dates as epoch milliseconds.
 *
 * @example
 * ```ts
 * const t: LocalIysTransaction = {
 *   transactionId: 'f26a…', keyHash: 'ab12…', recipientType: 'BIREYSEL', type: 'MESAJ', party: 'HS',
 *   status: 'ONAY', consentDate: 1709280000000, source: 'HS_WEB', creationDate: 1709283600000,
 * };
 * ```
 */
export interface LocalIysTransaction {
  /** İYS's transaction id. */
  readonly transactionId: string;
  /** The consent's `key_hash` (keyed hash of brand, recipient type, channel and recipient). */
  readonly keyHash: string;
  /** Recipient type. */
  readonly recipientType: 'BIREYSEL' | 'TACIR';
  /** Channel. */
  readonly type: 'MESAJ' | 'ARAMA' | 'EPOSTA';
  /** Who made the change: the provider (`HS`) or the citizen on İYS (`IYS`). */
  readonly party: 'HS' | 'IYS';
  /** Status after the change. */
  readonly status: 'ONAY' | 'RET';
  /** consentDate in epoch ms, or `null`. */
  readonly consentDate: number | null;
  /** Source, or `null`. */
  readonly source: string | null;
  /** İYS's creationDate in epoch ms. */
  readonly creationDate: number;
}

const DAY_MS = 86_400_000;
const REPORT_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instants a Türkiye calendar day covers, `[start, end)`. Türkiye has kept UTC+3 all year
 * since September 2016, and İYS started in 2020, so a day is 00:00–24:00 at +03:00.
 *
 * @example
 * ```ts
 * reportDayBounds('2026-03-16'); // { start: 2026-03-15T21:00:00.000Z, end: 2026-03-16T21:00:00.000Z }
 * ```
 */
export function reportDayBounds(day: string): {
  /** 00:00 of the day in Türkiye (inclusive). */
  readonly start: Date;
  /** 00:00 of the next day (exclusive). */
  readonly end: Date;
} {
  const m = typeof day === 'string' ? REPORT_DATE.exec(day) : null;
  const start = m ? Date.parse(`${day}T00:00:00+03:00`) : Number.NaN;
  const check = Number.isFinite(start) ? new Date(start + 3 * 3_600_000).toISOString().slice(0, 10) : '';
  if (!m || check !== day) {
    throw new StorageError(
      'invalid_option',
      `Gün YYYY-MM-DD biçiminde geçerli bir tarih olmalı / the day must be a valid YYYY-MM-DD date: ${String(day)}`,
    );
  }
  return { start: new Date(start), end: new Date(start + DAY_MS) };
}

interface TransactionRow {
  transaction_id: string;
  key_hash: string;
  recipient_type: 'BIREYSEL' | 'TACIR';
  type: 'MESAJ' | 'ARAMA' | 'EPOSTA';
  party: 'HS' | 'IYS';
  status: 'ONAY' | 'RET';
  consent_ms: number | null;
  source: string | null;
  creation_ms: number;
}

const TRANSACTION_COLUMNS = `transaction_id, key_hash, recipient_type, type, party, status,
  (extract(epoch from consent_date) * 1000)::float8 as consent_ms, source,
  (extract(epoch from creation_date) * 1000)::float8 as creation_ms`;

interface PackedRow {
  t: string;
  k: string;
  r: string;
}

/**
 * Three text columns per row — the transaction id, the key hash, and the other seven fields
 * joined by U+001F — so the driver parses three values instead of nine (about half the client's
 * CPU per row). The id and the hash come as columns of their own so they are fresh strings, not
 * slices that would keep the whole packed text alive in the reconciler's index.
 */
const PACKED = `transaction_id as t, key_hash as k, concat_ws(chr(31), recipient_type, type, party, status,
  coalesce(((extract(epoch from consent_date) * 1000)::float8)::text, ''), coalesce(source, ''),
  ((extract(epoch from creation_date) * 1000)::float8)::text) as r`;

function unpack(row: PackedRow): LocalIysTransaction {
  const f = row.r.split('\u001f');
  return {
    transactionId: row.t,
    keyHash: row.k,
    recipientType: f[0] as LocalIysTransaction['recipientType'],
    type: f[1] as LocalIysTransaction['type'],
    party: f[2] as LocalIysTransaction['party'],
    status: f[3] as LocalIysTransaction['status'],
    consentDate: f[4] === '' ? null : Number(f[4]),
    source: f[5] === '' || f[5] === undefined ? null : f[5],
    creationDate: Number(f[6]),
  };
}

function toLocal(r: TransactionRow): LocalIysTransaction {
  return {
    transactionId: r.transaction_id,
    keyHash: r.key_hash,
    recipientType: r.recipient_type,
    type: r.type,
    party: r.party,
    status: r.status,
    consentDate: r.consent_ms === null ? null : Number(r.consent_ms),
    source: r.source,
    creationDate: Number(r.creation_ms),
  };
}

/** How many differences the report row keeps inline (`reconciliation_reports.differences`). */
const PREVIEW = 50;
/** Rows per insert statement when storing differences. */
const INSERT_CHUNK = 2_000;

interface RunRow {
  brand_code: string;
  report_date: string | Date;
  status: 'matched' | 'differences' | 'failed';
  file_sha256: string | null;
  rows: number | null;
  summary: Record<string, unknown>;
  difference_count: number;
  agreement_saved: boolean;
  error: string | null;
  updated_at: Date;
  counts: Record<string, number>;
  local_rows: number | null;
  started_at: Date | null;
  finished_at: Date | null;
}

interface DifferenceRow {
  kind: ReconciliationDifferenceKind;
  transaction_id: string | null;
  fields: string[];
  local_value: Record<string, unknown> | null;
  remote_value: Record<string, unknown> | null;
}

const dateText = (v: string | Date): string => (typeof v === 'string' ? v : v.toISOString().slice(0, 10));

function toDifference(r: DifferenceRow): StoredReconciliationDifference {
  return {
    kind: r.kind,
    transactionId: r.transaction_id,
    fields: r.fields,
    local: r.local_value,
    remote: r.remote_value,
  };
}

/**
 * Storage for the daily İYS reconciliation: reads the local transaction log of a day in pages
 * (keyset pagination over the `(brand_code, creation_date, transaction_id)` index, so memory stays
 * flat however long the day) and stores each run with one row per difference.
 *
 * @example
 * ```ts
 * const store = new ReconciliationRepository(db);
 * for await (const page of store.transactionsOfDay('600000', '2026-03-16')) console.log(page.length);
 * const last = await store.get('600000', '2026-03-16');
 * ```
 */
export class ReconciliationRepository {
  readonly #db: Database;

  /** @param db - the database (migrated) */
  constructor(db: Database) {
    this.#db = db;
  }

  /**
   * The local transactions of one brand whose İYS creationDate falls on `day` (Türkiye), in
   * pages of `pageSize` rows, ordered by creationDate then transaction id.
   *
   * @example
   * ```ts
   * let n = 0;
   * for await (const page of store.transactionsOfDay('600000', '2026-03-16', { pageSize: 10_000 })) n += page.length;
   * ```
   */
  async *transactionsOfDay(
    brandCode: string,
    day: string,
    options: { readonly pageSize?: number } = {},
  ): AsyncGenerator<LocalIysTransaction[], void, undefined> {
    const { start, end } = reportDayBounds(day);
    const pageSize = Math.min(Math.max(Math.trunc(options.pageSize ?? 20_000), 1), 100_000);
    const page = (after: string | undefined): Promise<{ rows: PackedRow[] }> =>
      after === undefined
        ? this.#db.query<PackedRow>(
            `select ${PACKED} from iys_transactions
              where brand_code = $1 and creation_date >= $2 and creation_date < $3
              order by creation_date, transaction_id limit $4`,
            [brandCode, start, end, pageSize],
          )
        : this.#db.query<PackedRow>(
            `select ${PACKED} from iys_transactions
              where brand_code = $1 and creation_date < $3
                and (creation_date, transaction_id) >
                    (select creation_date, transaction_id from iys_transactions where brand_code = $1 and transaction_id = $2)
              order by creation_date, transaction_id limit $4`,
            [brandCode, after, end, pageSize],
          );
    let next = page(undefined);
    try {
      for (;;) {
        const { rows } = await next;
        if (rows.length === 0) return;
        const out = rows.map(unpack);
        // Ask for the next page before handing this one over: the database works while we compare.
        if (rows.length === pageSize) next = page(out[out.length - 1]!.transactionId);
        yield out;
        if (rows.length < pageSize) return;
      }
    } finally {
      // A consumer that stops early leaves the prefetch behind: never let it fail unobserved.
      next.catch(() => undefined);
    }
  }

  /**
   * Looks transactions up by id, whatever their day (a transaction our log dated on another day
   * is then a `mismatch` on creationDate rather than missing).
   *
   * @example
   * ```ts
   * const found = await store.findTransactions('600000', ['f26a…']);
   * ```
   */
  async findTransactions(
    brandCode: string,
    transactionIds: readonly string[],
  ): Promise<LocalIysTransaction[]> {
    if (transactionIds.length === 0) return [];
    const { rows } = await this.#db.query<TransactionRow>(
      `select ${TRANSACTION_COLUMNS} from iys_transactions where brand_code = $1 and transaction_id = any($2::text[])`,
      [brandCode, transactionIds],
    );
    return rows.map(toLocal);
  }

  /**
   * Writes (or replaces) the run of one brand and day: the report row and every difference given,
   * in one transaction. A day once agreed in İYS stays agreed.
   *
   * @example
   * ```ts
   * await store.save(run);
   * ```
   */
  async save(run: ReconciliationRun): Promise<void> {
    reportDayBounds(run.reportDate);
    await this.#db.transaction(async (tx) => {
      await tx.query(
        `insert into reconciliation_reports
           (brand_code, report_date, status, file_sha256, rows, summary, differences, difference_count, agreement_saved,
            error, counts, local_rows, stored_differences, started_at, finished_at, updated_at)
         values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11::jsonb, $12, $13, $14, $15, now())
         on conflict (brand_code, report_date) do update set
           status = excluded.status, file_sha256 = excluded.file_sha256, rows = excluded.rows, summary = excluded.summary,
           differences = excluded.differences, difference_count = excluded.difference_count,
           agreement_saved = reconciliation_reports.agreement_saved or excluded.agreement_saved,
           error = excluded.error, counts = excluded.counts, local_rows = excluded.local_rows,
           stored_differences = excluded.stored_differences, started_at = excluded.started_at,
           finished_at = excluded.finished_at, updated_at = now()`,
        [
          run.brandCode,
          run.reportDate,
          run.status,
          run.fileSha256,
          run.rows,
          JSON.stringify(run.summary),
          JSON.stringify(run.differences.slice(0, PREVIEW)),
          run.differenceCount,
          run.agreementSaved,
          run.error,
          JSON.stringify(run.counts),
          run.localRows,
          run.differences.length,
          run.startedAt,
          run.finishedAt,
        ],
      );
      await tx.query('delete from reconciliation_differences where brand_code = $1 and report_date = $2', [
        run.brandCode,
        run.reportDate,
      ]);
      for (let from = 0; from < run.differences.length; from += INSERT_CHUNK) {
        await insertDifferences(tx, run, from, run.differences.slice(from, from + INSERT_CHUNK));
      }
    });
  }

  /**
   * Records that the day was agreed in İYS (after a successful save call).
   *
   * @example
   * ```ts
   * await store.markAgreed('600000', '2026-03-16');
   * ```
   */
  async markAgreed(brandCode: string, day: string): Promise<void> {
    await this.#db.query(
      `update reconciliation_reports set agreement_saved = true, updated_at = now()
        where brand_code = $1 and report_date = $2`,
      [brandCode, day],
    );
  }

  /**
   * The stored run of one brand and day (with the first `limit` differences, default 100), or
   * `null`.
   *
   * @example
   * ```ts
   * const run = await store.get('600000', '2026-03-16');
   * run?.counts.missing_local;
   * ```
   */
  async get(
    brandCode: string,
    day: string,
    options: { readonly limit?: number } = {},
  ): Promise<ReconciliationRun | null> {
    const { rows } = await this.#db.query<RunRow>(
      'select * from reconciliation_reports where brand_code = $1 and report_date = $2',
      [brandCode, day],
    );
    const r = rows[0];
    if (!r) return null;
    const differences = await this.differences(brandCode, day, { limit: options.limit ?? 100 });
    return {
      brandCode: r.brand_code,
      reportDate: dateText(r.report_date),
      status: r.status,
      fileSha256: r.file_sha256,
      rows: r.rows,
      summary: r.summary,
      differences,
      differenceCount: r.difference_count,
      agreementSaved: r.agreement_saved,
      error: r.error,
      updatedAt: r.updated_at,
      counts: r.counts,
      localRows: r.local_rows,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
    };
  }

  /**
   * The stored differences of one brand and day, in the order found, optionally of one kind;
   * `limit` defaults to 1000 (at most 10,000 per call; page with `offset`).
   *
   * @example
   * ```ts
   * const missing = await store.differences('600000', '2026-03-16', { kind: 'missing_local', limit: 50 });
   * ```
   */
  async differences(
    brandCode: string,
    day: string,
    options: {
      readonly kind?: ReconciliationDifferenceKind;
      readonly offset?: number;
      readonly limit?: number;
    } = {},
  ): Promise<StoredReconciliationDifference[]> {
    const { rows } = await this.#db.query<DifferenceRow>(
      `select kind, transaction_id, fields, local_value, remote_value from reconciliation_differences
        where brand_code = $1 and report_date = $2 and ($3::text is null or kind = $3)
        order by seq offset $4 limit $5`,
      [
        brandCode,
        day,
        options.kind ?? null,
        Math.max(Math.trunc(options.offset ?? 0), 0),
        Math.min(Math.max(Math.trunc(options.limit ?? 1000), 1), 10_000),
      ],
    );
    return rows.map(toDifference);
  }
}

async function insertDifferences(
  tx: Queryable,
  run: ReconciliationRun,
  from: number,
  chunk: readonly StoredReconciliationDifference[],
): Promise<void> {
  if (chunk.length === 0) return;
  await tx.query(
    `insert into reconciliation_differences
       (brand_code, report_date, seq, kind, transaction_id, fields, local_value, remote_value)
     select $1, $2::date, t.seq, t.kind, t.transaction_id, coalesce(t.fields::text[], '{}'), t.local_value::jsonb, t.remote_value::jsonb
       from unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         as t(seq, kind, transaction_id, fields, local_value, remote_value)`,
    [
      run.brandCode,
      run.reportDate,
      chunk.map((_, i) => from + i),
      chunk.map((d) => d.kind),
      chunk.map((d) => d.transactionId),
      // text[] of text[] literals: unnest cannot take a ragged 2-D array.
      chunk.map((d) => `{${d.fields.map((f) => `"${f.replace(/["\\]/g, '\\$&')}"`).join(',')}}`),
      chunk.map((d) => (d.local === null ? null : JSON.stringify(d.local))),
      chunk.map((d) => (d.remote === null ? null : JSON.stringify(d.remote))),
    ],
  );
}
