import type { Database } from './database.js';

/**
 * A daily reconciliation report for one brand (what @izinkit/sync found comparing İYS's daily
 * change file with the local log).
 *
 * @example
 * ```ts
 * const r: ReconciliationReport = { brandCode: '600000', reportDate: '2026-03-16', status: 'matched', ... };
 * ```
 */
export interface ReconciliationReport {
  /** The brand. */
  readonly brandCode: string;
  /** The day reconciled (`YYYY-MM-DD`, Türkiye). */
  readonly reportDate: string;
  /** `matched` (nothing differs), `differences`, or `failed` (could not run; see `error`). */
  readonly status: 'matched' | 'differences' | 'failed';
  /** SHA-256 of İYS's daily file, as checked against its info. */
  readonly fileSha256: string | null;
  /** Rows in İYS's file. */
  readonly rows: number | null;
  /** Counts (İYS's summary and ours). */
  readonly summary: Readonly<Record<string, unknown>>;
  /** Every difference found (possibly truncated; `differenceCount` is the total). */
  readonly differences: readonly unknown[];
  /** How many differences in all. */
  readonly differenceCount: number;
  /** Whether the reconciliation was saved (agreed) in İYS. */
  readonly agreementSaved: boolean;
  /** Why it failed. */
  readonly error: string | null;
  /** When it was last written. */
  readonly updatedAt?: Date;
}

/**
 * The sync engine's bookkeeping: pull cursors per brand and source, and daily reconciliation
 * reports.
 *
 * @example
 * ```ts
 * const sync = new SyncStateRepository(db);
 * const after = await sync.getCursor('600000', 'IYS');
 * await sync.setCursor('600000', 'IYS', nextCursor);
 * ```
 */
export class SyncStateRepository {
  readonly #db: Database;

  /** @param db - the database (migrated) */
  constructor(db: Database) {
    this.#db = db;
  }

  /**
   * The stored pull cursor (`after`) for a brand and source, or `null` before the first pull.
   *
   * @example
   * ```ts
   * const after = await sync.getCursor('600000', 'IYS');
   * ```
   */
  async getCursor(brandCode: string, source: 'HS' | 'IYS'): Promise<string | null> {
    const { rows } = await this.#db.query<{ cursor: string | null }>(
      'select cursor from sync_cursors where brand_code = $1 and source = $2',
      [brandCode, source],
    );
    return rows[0]?.cursor ?? null;
  }

  /**
   * Stores the pull cursor.
   *
   * @example
   * ```ts
   * await sync.setCursor('600000', 'IYS', page.after);
   * ```
   */
  async setCursor(brandCode: string, source: 'HS' | 'IYS', cursor: string | null): Promise<void> {
    await this.#db.query(
      `insert into sync_cursors (brand_code, source, cursor, updated_at) values ($1, $2, $3, now())
       on conflict (brand_code, source) do update set cursor = excluded.cursor, updated_at = now()`,
      [brandCode, source, cursor],
    );
  }

  /**
   * Writes (or replaces) the report of one brand and day.
   *
   * @example
   * ```ts
   * await sync.saveReconciliation(report);
   * ```
   */
  async saveReconciliation(report: ReconciliationReport): Promise<void> {
    await this.#db.query(
      `insert into reconciliation_reports
         (brand_code, report_date, status, file_sha256, rows, summary, differences, difference_count, agreement_saved, error, updated_at)
       values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, now())
       on conflict (brand_code, report_date) do update set
         status = excluded.status, file_sha256 = excluded.file_sha256, rows = excluded.rows, summary = excluded.summary,
         differences = excluded.differences, difference_count = excluded.difference_count,
         agreement_saved = reconciliation_reports.agreement_saved or excluded.agreement_saved,
         error = excluded.error, updated_at = now()`,
      [
        report.brandCode,
        report.reportDate,
        report.status,
        report.fileSha256,
        report.rows,
        JSON.stringify(report.summary),
        JSON.stringify(report.differences),
        report.differenceCount,
        report.agreementSaved,
        report.error,
      ],
    );
  }

  /**
   * Reports, newest day first, optionally for one brand.
   *
   * @example
   * ```ts
   * const last30 = await sync.listReconciliations({ brandCode: '600000', limit: 30 });
   * ```
   */
  async listReconciliations(
    query: { readonly brandCode?: string; readonly limit?: number } = {},
  ): Promise<ReconciliationReport[]> {
    const { rows } = await this.#db.query<{
      brand_code: string;
      report_date: string;
      status: 'matched' | 'differences' | 'failed';
      file_sha256: string | null;
      rows: number | null;
      summary: Record<string, unknown>;
      differences: unknown[];
      difference_count: number;
      agreement_saved: boolean;
      error: string | null;
      updated_at: Date;
    }>(
      `select * from reconciliation_reports where ($1::text is null or brand_code = $1)
        order by report_date desc, brand_code limit $2`,
      [query.brandCode ?? null, Math.min(Math.max(query.limit ?? 30, 1), 1000)],
    );
    return rows.map((r) => ({
      brandCode: r.brand_code,
      reportDate: r.report_date,
      status: r.status,
      fileSha256: r.file_sha256,
      rows: r.rows,
      summary: r.summary,
      differences: r.differences,
      differenceCount: r.difference_count,
      agreementSaved: r.agreement_saved,
      error: r.error,
      updatedAt: r.updated_at,
    }));
  }
}
