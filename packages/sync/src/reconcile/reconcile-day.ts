import type { ConsentKey } from '@izinkit/consent';
import {
  type DailyFileRow,
  formatIysDate,
  type IysClient,
  parseIysDate,
  type ReconciliationInfo,
  type ReconciliationSummary,
} from '@izinkit/iys';
import { type Database, ReconciliationRepository } from '@izinkit/postgres';
import { DayComparer, summaryCounts } from './compare.js';
import type {
  ReconciliationAgreement,
  ReconciliationCounts,
  ReconciliationProgress,
  ReconciliationResult,
} from './schema.js';

/**
 * What {@link reconcileDay} needs.
 *
 * @example
 * ```ts
 * const options: ReconcileDayOptions = { db, consents, client, brandCode: 600000, day: '2026-03-16' };
 * ```
 */
export interface ReconcileDayOptions {
  /** The database (migrated). */
  readonly db: Database;
  /** Computes consent key hashes as stored (a `ConsentRepository` from @izinkit/postgres). */
  readonly consents: {
    /** The keyed hash of a consent key, as stored in `key_hash`. */
    keyHash(key: ConsentKey): string;
  };
  /** The İYS client (only `reconciliation` is used). */
  readonly client: Pick<IysClient, 'reconciliation'>;
  /** The brand. */
  readonly brandCode: number | string;
  /** The day to reconcile: `YYYY-MM-DD` (Türkiye) or an instant on that day. İYS serves the file for the 7 days before today. */
  readonly day: string | Date;
  /** Save the agreement in İYS when nothing differs (default `true`). */
  readonly agree?: boolean;
  /** Differences to keep and store (default 10,000; all are counted). */
  readonly maxDifferences?: number;
  /** Called every `progressEvery` rows and at each phase end. */
  readonly onProgress?: (progress: ReconciliationProgress) => void;
  /** Rows between progress calls (default 50,000). */
  readonly progressEvery?: number;
  /** Local rows per database page (default 10,000, at most 200,000; smaller pages keep the driver's row strings short-lived). */
  readonly pageSize?: number;
  /** Aborts the İYS calls. */
  readonly signal?: AbortSignal;
  /** The clock (default `new Date()`), for `startedAt`/`finishedAt`. */
  readonly now?: () => Date;
  /** Where results go (default a `ReconciliationRepository` on `db`). */
  readonly store?: ReconciliationRepository;
}

/** File rows not in the day's local index, looked up on other days in batches of this size. */
const LOOKUP_BATCH = 1_000;

function errorOf(e: unknown): { code: string; message: string } {
  const code = (e as { code?: unknown } | null)?.code;
  return {
    code: typeof code === 'string' ? code : 'reconcile_failed',
    message: e instanceof Error ? e.message : String(e),
  };
}

function dayOf(day: string | Date): string {
  if (day instanceof Date) return formatIysDate(day);
  const r = parseIysDate(day);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: 'invalid_day' });
  return r.value;
}

/**
 * Reconciles one brand's day with İYS ("mutabakat"):
 *
 * 1. asks İYS for the day's info (file hash, whether already agreed) and its summary for both
 *    recipient types;
 * 2. reads our transaction log of the day (`iys_transactions`) in columnar pages into a compact
 *    index (one 64-byte record per transaction, no object), sized once from İYS's summary total;
 * 3. streams İYS's daily file (never held whole), comparing every row by transaction id: missing
 *    here, missing there, duplicated, or differing in recipient type, channel, recipient (through
 *    the keyed hash), status, consentDate, source or creationDate (to the second, İYS's
 *    resolution); a transaction our log dated on another day is looked up and compared;
 * 4. checks the file's SHA-256 against the info and İYS's summary against the file's counts;
 * 5. stores the result with one row per difference (up to `maxDifferences`; counts are exact);
 * 6. saves the agreement in İYS only when nothing differs, the hash matches and İYS reports the
 *    day `completed`.
 *
 * Failures (İYS unreachable, a malformed file, a bad hash) are returned as `status: 'failed'`
 * with an `error` and stored too; nothing is agreed then.
 *
 * @example
 * ```ts
 * const consents = new ConsentRepository({ db, keys });
 * const r = await reconcileDay({ db, consents, client, brandCode: 600000, day: '2026-03-16' });
 * r.status;    // 'matched'
 * r.agreement; // 'saved'
 * ```
 */
export async function reconcileDay(options: ReconcileDayOptions): Promise<ReconciliationResult> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const brandCode = String(options.brandCode);
  const store = options.store ?? new ReconciliationRepository(options.db);
  const comparer = new DayComparer({
    brandCode,
    keyHash: (k) => options.consents.keyHash(k),
    maxDifferences: options.maxDifferences ?? 10_000,
  });
  const every = Math.max(1, Math.trunc(options.progressEvery ?? 50_000));
  const progress = (phase: ReconciliationProgress['phase']): void => {
    options.onProgress?.({
      phase,
      localRows: comparer.localRows,
      remoteRows: comparer.remoteRows,
      differences: comparer.differenceCount,
    });
  };
  const call = options.signal === undefined ? {} : { signal: options.signal };

  let day = typeof options.day === 'string' ? options.day : '';
  let info: ReconciliationInfo | undefined;
  let iysCounts: ReconciliationCounts[] = [];
  let fileSha256: string | null = null;
  let failure: { code: string; message: string } | null = null;

  try {
    if (!/^[0-9]{1,12}$/.test(brandCode)) {
      throw Object.assign(new Error(`Geçersiz marka kodu / invalid brand code: ${brandCode}`), {
        code: 'invalid_brand_code',
      });
    }
    day = dayOf(options.day);
    const code = Number(brandCode);
    info = await options.client.reconciliation.info(code, day, call);
    const summaries: (readonly ['BIREYSEL' | 'TACIR', ReconciliationSummary])[] = [];
    for (const rt of ['BIREYSEL', 'TACIR'] as const) {
      summaries.push([rt, await options.client.reconciliation.summary(code, day, rt, call)]);
    }
    iysCounts = summaryCounts(summaries);
    // İYS's count of the day's changes is what our log should hold: room for it in one step.
    comparer.reserve(iysCounts.reduce((n, c) => n + c.total, 0));

    // The comparer copies what it keeps from each batch: the batches can share their arrays.
    for await (const batch of store.transactionBatchesOfDay(brandCode, day, {
      pageSize: options.pageSize ?? 10_000,
      reuseBuffers: true,
    })) {
      const before = comparer.localRows;
      comparer.addLocalBatch(batch);
      if (Math.floor(comparer.localRows / every) > Math.floor(before / every)) progress('local');
    }
    progress('local');

    const file = options.client.reconciliation.file(code, day, { ...call, verify: false });
    let pending: DailyFileRow[] = [];
    const settle = async (): Promise<void> => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      const found = new Map(
        (
          await store.findTransactions(
            brandCode,
            batch.map((r) => r.transactionId),
          )
        ).map((t) => [t.transactionId, t]),
      );
      for (const row of batch) comparer.settle(row, found.get(row.transactionId));
    };
    for await (const row of file) {
      if (!comparer.remote(row)) {
        pending.push(row);
        if (pending.length >= LOOKUP_BATCH) await settle();
      }
      if (comparer.remoteRows % every === 0) progress('file');
    }
    await settle();
    fileSha256 = file.sha256 ?? null;
    if (fileSha256 === null || fileSha256 !== info.hashValue.toLowerCase()) {
      throw Object.assign(
        new Error(
          `Günlük dosyanın SHA-256 özeti mutabakat bilgisiyle uyuşmuyor / the daily file's SHA-256 does not match İYS's hashValue (${fileSha256} ≠ ${info.hashValue})`,
        ),
        { code: 'iys_hash_mismatch' },
      );
    }
    comparer.finish(summaries);
    progress('file');
  } catch (e) {
    failure = errorOf(e);
  }

  const differenceCount = comparer.differenceCount;
  let status: ReconciliationResult['status'] = failure
    ? 'failed'
    : differenceCount === 0
      ? 'matched'
      : 'differences';
  let agreement: ReconciliationAgreement = 'not_attempted';
  let agreementSaved = info?.agreementStatus === true;
  if (status === 'matched' && info?.processStatus !== 'completed') {
    // The file is not final yet: compare again later, never agree with a moving target.
    failure = {
      code: 'iys_not_completed',
      message: `İYS günü henüz tamamlamadı / İYS has not completed the day (processStatus ${String(info?.processStatus)})`,
    };
    status = 'failed';
  }
  if (status === 'matched') {
    if (agreementSaved) agreement = 'already_saved';
    else if (options.agree === false) agreement = 'disabled';
  }

  const record = async (): Promise<void> => {
    await store.save({
      brandCode,
      reportDate: day,
      status,
      fileSha256,
      rows: comparer.remoteRows,
      summary: { iys: iysCounts, file: comparer.fileCounts, processStatus: info?.processStatus ?? null },
      differences: comparer.differences,
      differenceCount,
      agreementSaved,
      error: failure ? `${failure.code}: ${failure.message}` : null,
      counts: comparer.counts,
      localRows: comparer.localRows,
      startedAt,
      finishedAt: now(),
    });
  };

  const validDay = /^\d{4}-\d{2}-\d{2}$/.test(day);
  // Store the outcome before agreeing, so a crash between the two leaves a matched report behind.
  if (validDay && /^[0-9]{1,12}$/.test(brandCode)) await record();
  if (status === 'matched' && agreement === 'not_attempted') {
    try {
      const saved = await options.client.reconciliation.save(Number(brandCode), day, call);
      agreementSaved = saved.agreementCaptured;
      agreement = saved.agreementCaptured ? 'saved' : 'failed';
      if (!saved.agreementCaptured) {
        failure = {
          code: 'iys_agreement_refused',
          message: 'İYS mutabakatı kaydetmedi / İYS did not capture the agreement',
        };
      }
    } catch (e) {
      agreement = 'failed';
      failure = errorOf(e);
    }
    await record();
  }
  progress('done');

  return {
    brandCode,
    day,
    status,
    agreement,
    agreementSaved,
    processStatus: info?.processStatus ?? null,
    expectedSha256: info?.hashValue ?? null,
    fileSha256,
    remoteRows: comparer.remoteRows,
    localRows: comparer.localRows,
    counts: comparer.counts,
    differenceCount,
    differences: comparer.differences,
    truncated: comparer.differences.length < differenceCount,
    summary: { iys: iysCounts, file: comparer.fileCounts },
    error: failure,
    startedAt: startedAt.toISOString(),
    finishedAt: now().toISOString(),
  };
}
