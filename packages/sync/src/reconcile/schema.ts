import { RECONCILIATION_DIFFERENCE_KINDS, type ReconciliationDifferenceKind } from '@izinkit/postgres';
import { z } from 'zod';

/**
 * zod schema of a difference kind (see {@link ReconciliationDifference}).
 *
 * @example
 * ```ts
 * ReconciliationDifferenceKindSchema.parse('missing_remote');
 * ```
 */
export const ReconciliationDifferenceKindSchema: z.ZodType<ReconciliationDifferenceKind> = z.enum(
  RECONCILIATION_DIFFERENCE_KINDS,
);

/**
 * One difference between İYS's daily change file and the local transaction log.
 *
 * - `missing_local`: İYS has the transaction, our log does not (`local` is `null`);
 * - `missing_remote`: our log has a transaction of that day İYS's file lacks (`remote` is `null`);
 * - `mismatch`: both have it, `fields` lists what differs (`recipientType`, `type`, `recipient`,
 *   `status`, `consentDate`, `source`, `creationDate`);
 * - `duplicate_remote`: the same transaction id is in İYS's file more than once;
 * - `summary`: İYS's daily summary disagrees with its own file for one recipient type, channel and
 *   party (`fields` ⊆ `total`, `approval`, `rejection`; `local` holds the file's counts).
 *
 * The recipient is never stored in clear: `remote.recipient` is masked.
 *
 * @example
 * ```ts
 * const d: ReconciliationDifference = {
 *   kind: 'mismatch', transactionId: 'f26a…', fields: ['status'],
 *   local: { status: 'ONAY' }, remote: { status: 'RET' },
 * };
 * ```
 */
export interface ReconciliationDifference {
  /** What kind of difference. */
  readonly kind: ReconciliationDifferenceKind;
  /** The İYS transaction (`null` for `summary`). */
  readonly transactionId: string | null;
  /** The fields that differ (`mismatch`, `summary`). */
  readonly fields: readonly string[];
  /** Our side (`null` for `missing_local` and `duplicate_remote`). */
  readonly local: Readonly<Record<string, unknown>> | null;
  /** İYS's side (`null` for `missing_remote`). */
  readonly remote: Readonly<Record<string, unknown>> | null;
}

/**
 * zod schema of {@link ReconciliationDifference}.
 *
 * @example
 * ```ts
 * ReconciliationDifferenceSchema.parse({ kind: 'missing_local', transactionId: 't', fields: [], local: null, remote: {} });
 * ```
 */
export const ReconciliationDifferenceSchema: z.ZodType<ReconciliationDifference> = z.object({
  kind: ReconciliationDifferenceKindSchema,
  transactionId: z.string().nullable(),
  fields: z.array(z.string()),
  local: z.record(z.string(), z.unknown()).nullable(),
  remote: z.record(z.string(), z.unknown()).nullable(),
});

/**
 * Change counts of one recipient type, channel and party (`HS` provider, `IYS` citizen).
 *
 * @example
 * ```ts
 * const c: ReconciliationCounts = { recipientType: 'BIREYSEL', type: 'MESAJ', party: 'HS', total: 3, approval: 2, rejection: 1 };
 * ```
 */
export interface ReconciliationCounts {
  /** Recipient type. */
  readonly recipientType: 'BIREYSEL' | 'TACIR';
  /** Channel. */
  readonly type: 'MESAJ' | 'ARAMA' | 'EPOSTA';
  /** `HS` or `IYS` (İYS's summary may use other labels; they are kept as given). */
  readonly party: string;
  /** Changes. */
  readonly total: number;
  /** Changes to ONAY. */
  readonly approval: number;
  /** Changes to RET. */
  readonly rejection: number;
}

const CountsSchema: z.ZodType<ReconciliationCounts> = z.object({
  recipientType: z.enum(['BIREYSEL', 'TACIR']),
  type: z.enum(['MESAJ', 'ARAMA', 'EPOSTA']),
  party: z.string(),
  total: z.number().int().nonnegative(),
  approval: z.number().int().nonnegative(),
  rejection: z.number().int().nonnegative(),
});

/** Exact number of differences per kind. */
export type ReconciliationKindCounts = Readonly<Record<ReconciliationDifferenceKind, number>>;

/**
 * What agreeing with İYS came to:
 * `saved` (this run saved it), `already_saved` (İYS had it saved before), `not_attempted`
 * (something differs or the run failed), `disabled` (the caller passed `agree: false`),
 * `failed` (the save call failed; see `error`).
 *
 * @example
 * ```ts
 * const a: ReconciliationAgreement = 'saved';
 * ```
 */
export type ReconciliationAgreement = 'saved' | 'already_saved' | 'not_attempted' | 'disabled' | 'failed';

/**
 * The result of reconciling one brand and day (also stored by `reconcileDay`).
 *
 * @example
 * ```ts
 * const r = await reconcileDay({ db, consents, client, brandCode: 600000, day: '2026-03-16' });
 * if (r.status === 'differences') console.log(r.counts, r.differences.slice(0, 10));
 * ```
 */
export interface ReconciliationResult {
  /** The brand. */
  readonly brandCode: string;
  /** The day (`YYYY-MM-DD`, Türkiye). */
  readonly day: string;
  /** `matched` (nothing differs), `differences`, or `failed` (could not run; see `error`). */
  readonly status: 'matched' | 'differences' | 'failed';
  /** Whether and how the agreement was saved in İYS. */
  readonly agreement: ReconciliationAgreement;
  /** True when İYS holds the day as agreed (saved now or before). */
  readonly agreementSaved: boolean;
  /** İYS's `processStatus` for the day (`completed` when the file is final). */
  readonly processStatus: string | null;
  /** The file hash İYS announced (info). */
  readonly expectedSha256: string | null;
  /** SHA-256 of the file bytes received. */
  readonly fileSha256: string | null;
  /** Rows in İYS's file. */
  readonly remoteRows: number;
  /** Rows of our log for that day. */
  readonly localRows: number;
  /** Exact differences per kind. */
  readonly counts: ReconciliationKindCounts;
  /** Total differences (sum of `counts`). */
  readonly differenceCount: number;
  /** The differences kept (at most `maxDifferences`, in the order found). */
  readonly differences: readonly ReconciliationDifference[];
  /** True when more differences were found than kept. */
  readonly truncated: boolean;
  /** İYS's summary and the counts from its file. */
  readonly summary: {
    /** İYS's summary (both recipient types). */
    readonly iys: readonly ReconciliationCounts[];
    /** Counted from İYS's file. */
    readonly file: readonly ReconciliationCounts[];
  };
  /** Why the run failed (or the agreement could not be saved). */
  readonly error: {
    /** Stable code (`iys_hash_mismatch`, `iys_not_completed`, an İYS client code, …). */
    readonly code: string;
    /** Turkish / English message. */
    readonly message: string;
  } | null;
  /** When the run started (ISO 8601). */
  readonly startedAt: string;
  /** When it ended (ISO 8601). */
  readonly finishedAt: string;
}

/**
 * zod schema of {@link ReconciliationResult}.
 *
 * @example
 * ```ts
 * const r = ReconciliationResultSchema.parse(JSON.parse(text));
 * ```
 */
export const ReconciliationResultSchema: z.ZodType<ReconciliationResult> = z.object({
  brandCode: z.string().regex(/^[0-9]{1,12}$/),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  status: z.enum(['matched', 'differences', 'failed']),
  agreement: z.enum(['saved', 'already_saved', 'not_attempted', 'disabled', 'failed']),
  agreementSaved: z.boolean(),
  processStatus: z.string().nullable(),
  expectedSha256: z.string().nullable(),
  fileSha256: z.string().nullable(),
  remoteRows: z.number().int().nonnegative(),
  localRows: z.number().int().nonnegative(),
  counts: z.object({
    missing_local: z.number().int().nonnegative(),
    missing_remote: z.number().int().nonnegative(),
    mismatch: z.number().int().nonnegative(),
    duplicate_remote: z.number().int().nonnegative(),
    summary: z.number().int().nonnegative(),
  }),
  differenceCount: z.number().int().nonnegative(),
  differences: z.array(ReconciliationDifferenceSchema),
  truncated: z.boolean(),
  summary: z.object({ iys: z.array(CountsSchema), file: z.array(CountsSchema) }),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
});

/**
 * Progress of a long reconciliation, reported every `progressEvery` rows and at each phase end.
 *
 * @example
 * ```ts
 * const onProgress = (p: ReconciliationProgress) => console.log(p.phase, p.localRows, p.remoteRows);
 * ```
 */
export interface ReconciliationProgress {
  /** `local` (reading our log), `file` (reading İYS's file), `done`. */
  readonly phase: 'local' | 'file' | 'done';
  /** Local rows read so far. */
  readonly localRows: number;
  /** File rows read so far. */
  readonly remoteRows: number;
  /** Differences found so far. */
  readonly differences: number;
}
