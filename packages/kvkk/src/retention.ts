/**
 * Retention and periodic destruction (Deletion Regulation, RG 28.10.2017/30224): retention
 * policies per data category, a scheduler that says — given `now` — what is due in the periodic
 * destruction run (at most every 6 months, art. 11(2)), and the destruction record every run must
 * leave behind, kept for at least 3 years.
 */
import { deadline, endOfIstanbulDay, istanbulDate, type StatuteId, statutes } from '@izinkit/calendar';
import { z } from 'zod';
import type { KvkkIssue, KvkkResult, ValidationIssue } from './errors.js';
import { KvkkError } from './errors.js';
import { daysInMonth, formatYmd } from './internal/dates.js';
import { err, issue, ok } from './internal/result.js';

/**
 * The three ways the Deletion Regulation ends personal data: `delete` (silme, art. 8: made
 * inaccessible and unusable for the users concerned), `destroy` (yok etme, art. 9: inaccessible,
 * irrecoverable and unusable by anyone), `anonymise` (anonim hale getirme, art. 10: no longer
 * linkable to a person, even with other data).
 *
 * @example
 * ```ts
 * DESTRUCTION_METHODS; // ['delete', 'destroy', 'anonymise']
 * ```
 */
export const DESTRUCTION_METHODS = ['delete', 'destroy', 'anonymise'] as const;

/**
 * One of {@link DESTRUCTION_METHODS}.
 *
 * @example
 * ```ts
 * const m: DestructionMethod = 'anonymise';
 * ```
 */
export type DestructionMethod = (typeof DESTRUCTION_METHODS)[number];

/**
 * Techniques the Board's deletion guide lists, per method, with an identifier to record. Any other
 * technique may be recorded as free text.
 * - delete: `revoke_access`, `db_delete`, `file_delete`, `blackout` (karartma of paper);
 * - destroy: `overwrite`, `degauss`, `physical`, `crypto_shredding` (destroying the key of
 *   tokenised data);
 * - anonymise: `masking`, `generalisation`, `suppression`, `record_removal`, `aggregation`,
 *   `noise`, `swapping`.
 *
 * @example
 * ```ts
 * DESTRUCTION_TECHNIQUES.destroy.includes('crypto_shredding'); // true
 * ```
 */
export const DESTRUCTION_TECHNIQUES: { readonly [M in DestructionMethod]: readonly string[] } = {
  delete: ['revoke_access', 'db_delete', 'file_delete', 'blackout'],
  destroy: ['overwrite', 'degauss', 'physical', 'crypto_shredding'],
  anonymise: [
    'masking',
    'generalisation',
    'suppression',
    'record_removal',
    'aggregation',
    'noise',
    'swapping',
  ],
};

/**
 * How long a category is kept: a statutory period of `@izinkit/calendar` by id (with its legal
 * basis as data), or a duration in years, months and days counted on the Istanbul calendar (the
 * period ends at the end of the corresponding day; 31 January + 1 month is the end of February).
 *
 * @example
 * ```ts
 * const consentRecords: RetentionPeriod = { statute: 'CONSENT_RECORD_RETENTION' };
 * const invoices: RetentionPeriod = { years: 10 };
 * ```
 */
export type RetentionPeriod =
  | {
      /** A statutory period of `@izinkit/calendar` (`CONSENT_RECORD_RETENTION` …). */
      readonly statute: StatuteId;
    }
  | {
      /** Years. */
      readonly years?: number | undefined;
      /** Months. */
      readonly months?: number | undefined;
      /** Days. */
      readonly days?: number | undefined;
    };

/**
 * The retention rule of one data category, as the controller's retention and destruction policy
 * (saklama ve imha politikası) states it.
 *
 * @example
 * ```ts
 * const p: RetentionPolicy = {
 *   category: 'marketing-profile',
 *   retention: { years: 2 },
 *   retentionStartsAt: 'relationship_end',
 *   legalBasis: 'KVKK art. 5(1) açık rıza; amaç sona erince 2 yıl',
 *   method: 'anonymise',
 *   technique: 'generalisation',
 *   keepOnErasureRequest: false,
 * };
 * ```
 */
export interface RetentionPolicy {
  /** Category identifier (`etk-consent-records`, `invoices` …). */
  readonly category: string;
  /** What the category holds, for people. */
  readonly description?: string | undefined;
  /** How long it is kept. */
  readonly retention: RetentionPeriod;
  /** What event starts the retention period; each item carries the actual date. */
  readonly retentionStartsAt: 'collection' | 'relationship_end' | 'consent_end' | 'transaction' | 'other';
  /** Why it is kept (law and article, or the processing condition). */
  readonly legalBasis: string;
  /** How it ends when the period is over. */
  readonly method: DestructionMethod;
  /** The technique (see {@link DESTRUCTION_TECHNIQUES}). */
  readonly technique?: string | undefined;
  /**
   * Whether a legal duty to keep the data overrides a data subject's erasure request until the
   * period ends (e.g. consent records: ETK requires them for 3 years).
   */
  readonly keepOnErasureRequest: boolean;
}

const STATUTE_IDS = Object.keys(statutes) as [StatuteId, ...StatuteId[]];

const RetentionPeriodSchema = z.union([
  z.object({ statute: z.enum(STATUTE_IDS) }).strict(),
  z
    .object({
      years: z.number().int().min(0).max(200).optional(),
      months: z.number().int().min(0).max(2400).optional(),
      days: z.number().int().min(0).max(100_000).optional(),
    })
    .strict()
    .refine(
      (p) => (p.years ?? 0) + (p.months ?? 0) + (p.days ?? 0) > 0,
      'a retention period must be positive',
    ),
]);

/**
 * zod schema for {@link RetentionPolicy}.
 *
 * @example
 * ```ts
 * RetentionPolicySchema.parse(CONSENT_RECORD_POLICY);
 * ```
 */
export const RetentionPolicySchema: z.ZodType<RetentionPolicy> = z
  .object({
    category: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    retention: RetentionPeriodSchema,
    retentionStartsAt: z.enum(['collection', 'relationship_end', 'consent_end', 'transaction', 'other']),
    legalBasis: z.string().min(1).max(2000),
    method: z.enum(DESTRUCTION_METHODS),
    technique: z.string().min(1).max(200).optional(),
    keepOnErasureRequest: z.boolean(),
  })
  .strict();

/**
 * Consent records of commercial electronic messages (ETK): kept 3 years from the day the consent
 * stops being valid, whatever the recipient asks, then destroyed.
 *
 * @example
 * ```ts
 * retentionEndsAt(CONSENT_RECORD_POLICY, '2026-03-01T10:00:00+03:00'); // end of 2029-03-01, Istanbul
 * ```
 */
export const CONSENT_RECORD_POLICY: RetentionPolicy = {
  category: 'etk-consent-records',
  description: 'ETK onay ve ret kayıtları / ETK consent and RET records',
  retention: { statute: 'CONSENT_RECORD_RETENTION' },
  retentionStartsAt: 'consent_end',
  legalBasis: statutes.CONSENT_RECORD_RETENTION.basis,
  method: 'destroy',
  technique: 'db_delete',
  keepOnErasureRequest: true,
};

/**
 * Destruction records themselves: kept at least 3 years (Deletion Regulation).
 *
 * @example
 * ```ts
 * DESTRUCTION_RECORD_POLICY.retention; // { statute: 'DESTRUCTION_RECORD_RETENTION' }
 * ```
 */
export const DESTRUCTION_RECORD_POLICY: RetentionPolicy = {
  category: 'kvkk-destruction-records',
  description: 'İmha kayıtları / destruction records',
  retention: { statute: 'DESTRUCTION_RECORD_RETENTION' },
  retentionStartsAt: 'collection',
  legalBasis: statutes.DESTRUCTION_RECORD_RETENTION.basis,
  method: 'delete',
  technique: 'db_delete',
  keepOnErasureRequest: true,
};

function toDate(v: Date | string, what: string): Date {
  const d = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(d.getTime()))
    throw new KvkkError('invalid_argument', {
      tr: `${what} geçerli bir an değil`,
      en: `${what} is not a valid instant`,
    });
  return d;
}

/** Adds years, months and days to a plain date, clamping to the month's last day. */
function addToYmd(date: string, years: number, months: number, days: number): string {
  const [y0, m0, d0] = date.split('-').map(Number) as [number, number, number];
  const total = y0 * 12 + (m0 - 1) + years * 12 + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const d = Math.min(d0, daysInMonth(y, m));
  const t = Date.UTC(y, m - 1, d) + days * 86_400_000;
  const r = new Date(t);
  return formatYmd({ y: r.getUTCFullYear(), m: r.getUTCMonth() + 1, d: r.getUTCDate() });
}

/**
 * When the retention period of `policy` ends for an item whose period started at `startedAt`:
 * `deadline(statute, startedAt)` for a statutory period, otherwise the end (Istanbul) of the day
 * `years`/`months`/`days` after the Istanbul date of `startedAt`.
 *
 * @throws {@link KvkkError} `invalid_argument` for an invalid instant, `calendar_error` when the
 * calendar refuses (a date outside years 0000–9999)
 *
 * @example
 * ```ts
 * retentionEndsAt({ ...CONSENT_RECORD_POLICY }, '2026-01-31T12:00:00+03:00').toISOString();
 * // '2029-01-31T20:59:59.999Z'
 * retentionEndsAt({ ...CONSENT_RECORD_POLICY, retention: { months: 1 } }, '2026-01-31T12:00:00+03:00').toISOString();
 * // '2026-02-28T20:59:59.999Z'
 * ```
 */
export function retentionEndsAt(policy: RetentionPolicy, startedAt: Date | string): Date {
  const start = toDate(startedAt, 'startedAt');
  try {
    const r = policy.retention;
    if ('statute' in r) return deadline(r.statute, start);
    return endOfIstanbulDay(addToYmd(istanbulDate(start), r.years ?? 0, r.months ?? 0, r.days ?? 0));
  } catch (e) {
    if (e instanceof KvkkError) throw e;
    throw new KvkkError(
      'calendar_error',
      { tr: 'Saklama süresi hesaplanamadı', en: 'Could not compute the end of retention' },
      { cause: e },
    );
  }
}

/**
 * The periodic-destruction schedule: the cycle in months (1–6; the Regulation's art. 11(2) allows
 * at most 6) and when the last run happened (`null` before the first).
 *
 * @example
 * ```ts
 * const s: DestructionSchedule = { cycleMonths: 6, lastRunAt: '2026-01-15T02:00:00.000Z' };
 * ```
 */
export interface DestructionSchedule {
  /** Months between runs, 1–6. */
  readonly cycleMonths: 1 | 2 | 3 | 4 | 5 | 6;
  /** The last run (ISO instant), or `null`. */
  readonly lastRunAt: string | null;
}

/**
 * zod schema for {@link DestructionSchedule}; a cycle longer than 6 months is rejected.
 *
 * @example
 * ```ts
 * DestructionScheduleSchema.safeParse({ cycleMonths: 12, lastRunAt: null }).success; // false
 * ```
 */
export const DestructionScheduleSchema: z.ZodType<DestructionSchedule> = z
  .object({
    cycleMonths: z.union(
      [z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)],
      {
        error: 'cycleMonths must be 1–6: the Deletion Regulation art. 11(2) allows at most 6 months',
      },
    ),
    lastRunAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .strict();

/**
 * When the next periodic destruction run is due: `cycleMonths` after the last run, and never later
 * than `deadline('KVKK_PERIODIC_DESTRUCTION', lastRunAt)` (6 months). `null` when there has been no
 * run yet — the first one is due now.
 *
 * @example
 * ```ts
 * nextDestructionRunAt({ cycleMonths: 6, lastRunAt: '2026-01-15T02:00:00+03:00' })?.toISOString();
 * // '2026-07-15T20:59:59.999Z'
 * ```
 */
export function nextDestructionRunAt(schedule: DestructionSchedule): Date | null {
  const s = DestructionScheduleSchema.safeParse(schedule);
  if (!s.success)
    throw new KvkkError(
      'invalid_argument',
      {
        tr: 'İmha takvimi geçersiz (döngü en fazla 6 ay)',
        en: 'Invalid destruction schedule (cycle at most 6 months)',
      },
      { cause: s.error },
    );
  if (s.data.lastRunAt === null) return null;
  const last = new Date(s.data.lastRunAt);
  const byCycle = endOfIstanbulDay(addToYmd(istanbulDate(last), 0, s.data.cycleMonths, 0));
  const byLaw = deadline('KVKK_PERIODIC_DESTRUCTION', last);
  return byCycle.getTime() <= byLaw.getTime() ? byCycle : byLaw;
}

/**
 * One stored item subject to retention: a record, a file, a batch — whatever you destroy as a unit.
 *
 * @example
 * ```ts
 * const item: RetentionItem = { id: 'consent:42', category: 'etk-consent-records', retentionStartsAt: '2022-05-01T10:00:00+03:00' };
 * ```
 */
export interface RetentionItem {
  /** Your identifier. */
  readonly id: string;
  /** Its category (a {@link RetentionPolicy}'s `category`). */
  readonly category: string;
  /** When its retention period started (the event the policy names). */
  readonly retentionStartsAt: Date | string;
  /** Keys its tokens or pseudonyms were made with (for crypto-shredding and the record). */
  readonly keyIds?: readonly string[] | undefined;
  /** A legal hold (litigation, an authority's request): never destroyed while set. */
  readonly legalHold?: boolean | undefined;
}

/**
 * The items of one category due for destruction.
 *
 * @example
 * ```ts
 * const d: DueCategory = plan.due[0]!;
 * console.log(d.category, d.count, d.method);
 * ```
 */
export interface DueCategory {
  /** The category. */
  readonly category: string;
  /** The method its policy prescribes. */
  readonly method: DestructionMethod;
  /** The technique its policy names, if any. */
  readonly technique?: string | undefined;
  /** The policy's legal basis. */
  readonly legalBasis: string;
  /** The items due, in input order. */
  readonly itemIds: readonly string[];
  /** How many. */
  readonly count: number;
  /** Key ids of the items, sorted, without repeats. */
  readonly keyIds: readonly string[];
  /** The earliest end of retention among them (ISO instant). */
  readonly oldestRetentionEndAt: string;
}

/**
 * What {@link planPeriodicDestruction} found.
 *
 * @example
 * ```ts
 * const plan: DestructionPlan = r.value;
 * if (plan.runDue) runDestruction(plan.due);
 * ```
 */
export interface DestructionPlan {
  /** The instant the plan was made for (ISO). */
  readonly at: string;
  /** Whether the periodic run is due at `now` (never run, or its next date has come). */
  readonly runDue: boolean;
  /** When the run is (or was) due: `now` for a first run (ISO). */
  readonly runDueAt: string;
  /** Items whose retention has ended, by category (categories in policy order). */
  readonly due: readonly DueCategory[];
  /** Items whose retention has ended but that are on legal hold. */
  readonly held: readonly {
    /** The category. */
    readonly category: string;
    /** The items held. */
    readonly itemIds: readonly string[];
  }[];
  /** How many items are still within retention. */
  readonly notYetDue: number;
  /** Categories of items that no policy covers (their items are neither due nor counted). */
  readonly unknownCategories: readonly string[];
}

/**
 * Error codes of {@link planPeriodicDestruction}.
 *
 * @example
 * ```ts
 * const c: RetentionErrorCode = 'invalid_schedule';
 * ```
 */
export type RetentionErrorCode =
  | 'invalid_schedule'
  | 'invalid_policy'
  | 'duplicate_category'
  | 'invalid_item';

/**
 * Why {@link planPeriodicDestruction} refused.
 *
 * @example
 * ```ts
 * const r = planPeriodicDestruction({ policies: [], items: [], schedule: { cycleMonths: 7 as 6, lastRunAt: null }, now: new Date() });
 * if (!r.ok) {
 *   const e: RetentionError = r.error;
 *   console.log(e.code); // 'invalid_schedule'
 * }
 * ```
 */
export interface RetentionError extends KvkkIssue<RetentionErrorCode> {
  /** The validation problems, when zod found them. */
  readonly issues?: readonly ValidationIssue[];
}

/**
 * Input of {@link planPeriodicDestruction}.
 *
 * @example
 * ```ts
 * const input: PeriodicDestructionInput = { policies: [CONSENT_RECORD_POLICY], items, schedule, now: new Date() };
 * ```
 */
export interface PeriodicDestructionInput {
  /** One policy per category. */
  readonly policies: readonly RetentionPolicy[];
  /** The stored items. */
  readonly items: Iterable<RetentionItem>;
  /** The schedule. */
  readonly schedule: DestructionSchedule;
  /** The instant to plan for. */
  readonly now: Date;
}

/**
 * Lists what the periodic destruction run must destroy at `now`: every item whose retention period
 * (per its category's policy, from its `retentionStartsAt`) has ended, grouped by category with the
 * method, technique, legal basis and key ids — and whether the run itself is due by the schedule.
 * Items on legal hold are listed apart; items of unknown categories are reported, not destroyed.
 * Pure: nothing is read from the clock and nothing is destroyed.
 *
 * @example
 * ```ts
 * const r = planPeriodicDestruction({
 *   policies: [CONSENT_RECORD_POLICY],
 *   items: [
 *     { id: 'c1', category: 'etk-consent-records', retentionStartsAt: '2022-05-01T10:00:00+03:00' },
 *     { id: 'c2', category: 'etk-consent-records', retentionStartsAt: '2025-05-01T10:00:00+03:00' },
 *   ],
 *   schedule: { cycleMonths: 6, lastRunAt: '2025-12-01T02:00:00+03:00' },
 *   now: new Date('2026-06-02T02:00:00+03:00'),
 * });
 * r.ok && r.value.due[0]?.itemIds; // ['c1']
 * r.ok && r.value.runDue; // true — 6 months since the last run
 * ```
 */
export function planPeriodicDestruction(
  input: PeriodicDestructionInput,
): KvkkResult<DestructionPlan, RetentionError> {
  const sch = DestructionScheduleSchema.safeParse(input.schedule);
  if (!sch.success)
    return err({
      ...issue('invalid_schedule', 'İmha döngüsü 1–6 ay olmalı', 'The destruction cycle must be 1–6 months'),
      issues: sch.error.issues.map((i) => ({ path: i.path, message: i.message })),
    });
  const byCategory = new Map<string, { policy: RetentionPolicy; index: number }>();
  for (let i = 0; i < input.policies.length; i++) {
    const p = RetentionPolicySchema.safeParse(input.policies[i]);
    if (!p.success)
      return err({
        ...issue('invalid_policy', 'Saklama politikası geçersiz', 'A retention policy is invalid'),
        issues: p.error.issues.map((x) => ({ path: [i, ...x.path], message: x.message })),
      });
    if (byCategory.has(p.data.category))
      return err(
        issue(
          'duplicate_category',
          `Aynı kategori için iki politika: ${p.data.category}`,
          `Two policies for category ${p.data.category}`,
        ),
      );
    byCategory.set(p.data.category, { policy: p.data, index: i });
  }
  const now = input.now;
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    return err(issue('invalid_item', 'now geçerli bir Date olmalı', 'now must be a valid Date'));
  const t = now.getTime();
  const due = new Map<string, { ids: string[]; keys: Set<string>; oldest: number }>();
  const held = new Map<string, string[]>();
  const unknown = new Set<string>();
  let notYetDue = 0;
  let n = 0;
  for (const item of input.items) {
    const entry = byCategory.get(item?.category);
    if (!entry) {
      unknown.add(String(item?.category));
      n++;
      continue;
    }
    let end: number;
    try {
      end = retentionEndsAt(entry.policy, item.retentionStartsAt).getTime();
    } catch {
      return err({
        ...issue('invalid_item', 'Saklama başlangıcı geçersiz', 'An item has an invalid retentionStartsAt'),
        path: [n, 'retentionStartsAt'],
      });
    }
    n++;
    if (end > t) {
      notYetDue++;
      continue;
    }
    if (item.legalHold) {
      const h = held.get(item.category) ?? [];
      h.push(item.id);
      held.set(item.category, h);
      continue;
    }
    let d = due.get(item.category);
    if (!d) {
      d = { ids: [], keys: new Set(), oldest: end };
      due.set(item.category, d);
    }
    d.ids.push(item.id);
    for (const k of item.keyIds ?? []) d.keys.add(k);
    if (end < d.oldest) d.oldest = end;
  }
  const next = nextDestructionRunAt(sch.data);
  const runDueAt = next ?? now;
  const ordered = [...due.entries()].sort(
    (a, b) => byCategory.get(a[0])!.index - byCategory.get(b[0])!.index,
  );
  return ok({
    at: now.toISOString(),
    runDue: next === null || next.getTime() <= t,
    runDueAt: runDueAt.toISOString(),
    due: ordered.map(([category, d]) => {
      const p = byCategory.get(category)!.policy;
      return {
        category,
        method: p.method,
        ...(p.technique !== undefined ? { technique: p.technique } : {}),
        legalBasis: p.legalBasis,
        itemIds: d.ids,
        count: d.ids.length,
        keyIds: [...d.keys].sort(),
        oldestRetentionEndAt: new Date(d.oldest).toISOString(),
      };
    }),
    held: [...held.entries()].map(([category, itemIds]) => ({ category, itemIds })),
    notYetDue,
    unknownCategories: [...unknown].sort(),
  });
}

/**
 * One line of a destruction record: what was destroyed in one category, and how.
 *
 * @example
 * ```ts
 * const e: DestructionEntry = { category: 'etk-consent-records', method: 'destroy', technique: 'db_delete', count: 1200, keyIds: [] };
 * ```
 */
export interface DestructionEntry {
  /** The data category. */
  readonly category: string;
  /** Deletion, destruction or anonymisation. */
  readonly method: DestructionMethod;
  /** The technique used. */
  readonly technique?: string | undefined;
  /** How many items. */
  readonly count: number;
  /** Keys destroyed or used (crypto-shredding, pseudonyms), by id. */
  readonly keyIds?: readonly string[] | undefined;
  /** The legal basis of the retention that ended, or of the request. */
  readonly legalBasis?: string | undefined;
}

/**
 * The record of one deletion, destruction or anonymisation run — the log the Deletion Regulation
 * asks controllers to keep for at least 3 years. Plain JSON: append it to the evidence log as it is.
 *
 * @example
 * ```ts
 * const rec: DestructionRecord = createDestructionRecord({ runId: 'imha-2026-06', kind: 'periodic', performedAt: new Date(), entries: [] });
 * rec.retainUntil; // 3 years later
 * ```
 */
export interface DestructionRecord {
  /** Record type and version. */
  readonly type: 'izinkit.kvkk.destruction-record/1';
  /** Your identifier of the run. */
  readonly runId: string;
  /** A periodic run, or one triggered by a data subject's request. */
  readonly kind: 'periodic' | 'request';
  /** When it was performed (ISO instant). */
  readonly performedAt: string;
  /** Who performed it (a person, a service account). */
  readonly performedBy?: string | undefined;
  /** The application that triggered it, for `kind: 'request'`. */
  readonly applicationId?: string | undefined;
  /** What was destroyed, per category. */
  readonly entries: readonly DestructionEntry[];
  /** Totals over the entries. */
  readonly totals: {
    /** Items over all entries. */
    readonly items: number;
    /** Distinct categories. */
    readonly categories: number;
  };
  /** Every key id named by the entries, sorted. */
  readonly keyIds: readonly string[];
  /** Keep this record until then: `deadline('DESTRUCTION_RECORD_RETENTION', performedAt)`. */
  readonly retainUntil: string;
  /** For a periodic run, when the next one is due (ISO). */
  readonly nextRunDueAt?: string | undefined;
}

/**
 * Input of {@link createDestructionRecord}. `entries` may be a {@link DestructionPlan}'s `due` list
 * (item ids are not copied into the record: it keeps counts, not references to people).
 *
 * @example
 * ```ts
 * const input: DestructionRecordInput = { runId: 'imha-2026-06', kind: 'periodic', performedAt: new Date(), entries: plan.due, cycleMonths: 6 };
 * ```
 */
export interface DestructionRecordInput {
  /** Your identifier of the run. */
  readonly runId: string;
  /** Periodic or request-based. */
  readonly kind: 'periodic' | 'request';
  /** When it was performed. */
  readonly performedAt: Date;
  /** Who performed it. */
  readonly performedBy?: string | undefined;
  /** The application that triggered it. */
  readonly applicationId?: string | undefined;
  /** What was destroyed. */
  readonly entries: readonly DestructionEntry[];
  /** For a periodic run: the schedule's cycle, to write the next due date. */
  readonly cycleMonths?: DestructionSchedule['cycleMonths'] | undefined;
}

const DestructionEntrySchema = z
  .object({
    category: z.string().min(1),
    method: z.enum(DESTRUCTION_METHODS),
    technique: z.string().min(1).optional(),
    count: z.number().int().min(0),
    keyIds: z.array(z.string()).optional(),
    legalBasis: z.string().optional(),
  })
  .strict();

/**
 * zod schema for {@link DestructionRecord} — for a verifier reading records back from the log.
 *
 * @example
 * ```ts
 * DestructionRecordSchema.parse(JSON.parse(line));
 * ```
 */
export const DestructionRecordSchema: z.ZodType<DestructionRecord> = z
  .object({
    type: z.literal('izinkit.kvkk.destruction-record/1'),
    runId: z.string().min(1),
    kind: z.enum(['periodic', 'request']),
    performedAt: z.iso.datetime(),
    performedBy: z.string().optional(),
    applicationId: z.string().optional(),
    entries: z.array(DestructionEntrySchema),
    totals: z.object({ items: z.number().int().min(0), categories: z.number().int().min(0) }).strict(),
    keyIds: z.array(z.string()),
    retainUntil: z.iso.datetime(),
    nextRunDueAt: z.iso.datetime().optional(),
  })
  .strict();

/**
 * Builds the destruction record of a run: method, categories, counts, key ids and time, the date
 * until which the record itself must be kept (3 years, `DESTRUCTION_RECORD_RETENTION`), and — for a
 * periodic run — when the next run is due.
 *
 * @throws {@link KvkkError} `invalid_argument` when the input does not validate
 *
 * @example
 * ```ts
 * const rec = createDestructionRecord({
 *   runId: 'imha-2026-06',
 *   kind: 'periodic',
 *   performedAt: new Date('2026-06-02T02:00:00+03:00'),
 *   performedBy: 'retention-worker',
 *   entries: [{ category: 'etk-consent-records', method: 'destroy', technique: 'db_delete', count: 1200 }],
 *   cycleMonths: 6,
 * });
 * rec.retainUntil; // '2029-06-02T20:59:59.999Z'
 * rec.nextRunDueAt; // '2026-12-02T20:59:59.999Z'
 * ```
 */
export function createDestructionRecord(input: DestructionRecordInput): DestructionRecord {
  const at = toDate(input.performedAt, 'performedAt');
  const entries = input.entries.map((e) => {
    const out: DestructionEntry = {
      category: e.category,
      method: e.method,
      ...(e.technique !== undefined ? { technique: e.technique } : {}),
      count: e.count,
      keyIds: [...new Set(e.keyIds ?? [])].sort(),
      ...(e.legalBasis !== undefined ? { legalBasis: e.legalBasis } : {}),
    };
    return out;
  });
  const keyIds = [...new Set(entries.flatMap((e) => e.keyIds ?? []))].sort();
  const performedAt = at.toISOString();
  const record: DestructionRecord = {
    type: 'izinkit.kvkk.destruction-record/1',
    runId: input.runId,
    kind: input.kind,
    performedAt,
    ...(input.performedBy !== undefined ? { performedBy: input.performedBy } : {}),
    ...(input.applicationId !== undefined ? { applicationId: input.applicationId } : {}),
    entries,
    totals: {
      items: entries.reduce((a, e) => a + e.count, 0),
      categories: new Set(entries.map((e) => e.category)).size,
    },
    keyIds,
    retainUntil: deadline('DESTRUCTION_RECORD_RETENTION', at).toISOString(),
    ...(input.kind === 'periodic' && input.cycleMonths !== undefined
      ? {
          nextRunDueAt: nextDestructionRunAt({
            cycleMonths: input.cycleMonths,
            lastRunAt: performedAt,
          })!.toISOString(),
        }
      : {}),
  };
  const v = DestructionRecordSchema.safeParse(record);
  if (!v.success)
    throw new KvkkError(
      'invalid_argument',
      { tr: 'İmha kaydı bilgileri geçersiz', en: 'The destruction record input is invalid' },
      { cause: v.error },
    );
  return record;
}
