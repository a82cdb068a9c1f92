/**
 * Who accepted (or refused) which version: the acceptance ledger's records and the pure rules over
 * them.
 */
import { type ConsentStatus, ConsentStatusSchema } from '@izinkit/iys';
import { z } from 'zod';
import { type ContentHash, ContentHashSchema } from './canonical.js';
import { type DocumentKey, DocumentKeySchema } from './document.js';
import { fail, ok, type Result } from './result.js';
import type { AgreementVersion } from './version.js';

const RAW_IDENTIFIER = /^\+?\d{10,15}$|@/;

/**
 * zod schema for a subject key: an opaque, stable key for the person — a keyed hash of their
 * identity (as `@izinkit/evidence` makes) or your own customer id. 1–200 characters. Values that
 * look like a raw identifier — 10 to 15 digits (a TCKN, a phone number) or anything with `@` (an
 * e-mail address) — are refused: the ledger must not become a copy of personal data.
 *
 * @example
 * ```ts
 * SubjectKeySchema.safeParse('10000000146').success; // false — looks like a raw TCKN
 * SubjectKeySchema.parse('subj_5f2c9a…');
 * ```
 */
export const SubjectKeySchema: z.ZodString = z
  .string()
  .min(1)
  .max(200)
  .refine(
    (s) => !RAW_IDENTIFIER.test(s),
    'ham kimlik (TCKN, telefon, e-posta) değil, anahtarlı bir özet bekleniyor / expected a keyed hash, not a raw identifier (TCKN, phone, e-mail)',
  );

/**
 * A decision to record: `subject` decided `decision` on version `versionId` of `document`, at
 * `at`, having been shown the rendered text whose hash is `renderedHash`.
 *
 * @example
 * ```ts
 * const a: AcceptanceInput = {
 *   subject: 'subj_5f2c9a',
 *   document: { brand: '600123', kind: 'ETK_CONSENT', channel: 'MESAJ', locale: 'tr' },
 *   versionId: rendered.versionId,
 *   renderedHash: rendered.hash,
 *   decision: 'ONAY',
 *   at: new Date(),
 * };
 * ```
 */
export interface AcceptanceInput {
  /** The person, as an opaque key (see {@link SubjectKeySchema}). */
  readonly subject: string;
  /** The document. */
  readonly document: DocumentKey;
  /** The version decided on. */
  readonly versionId: ContentHash;
  /** The content hash of the rendered text shown. */
  readonly renderedHash: ContentHash;
  /** `ONAY` (granted, or for a notice: acknowledged) or `RET` (refused). */
  readonly decision: ConsentStatus;
  /** When the person decided. */
  readonly at: Date;
  /** The proof-of-consent record that backs the decision (an `@izinkit/evidence` id), if any. */
  readonly evidenceId?: string;
}

/**
 * zod schema for {@link AcceptanceInput}.
 *
 * @example
 * ```ts
 * AcceptanceInputSchema.safeParse({ subject: 'a@b.c' }).success; // false
 * ```
 */
export const AcceptanceInputSchema: z.ZodType<AcceptanceInput> = z.object({
  subject: SubjectKeySchema,
  document: DocumentKeySchema,
  versionId: ContentHashSchema,
  renderedHash: ContentHashSchema,
  decision: ConsentStatusSchema,
  at: z.date(),
  evidenceId: z.string().min(1).max(200).optional(),
}) as z.ZodType<AcceptanceInput>;

/**
 * A recorded decision: the input, the ledger's sequence number (increasing in order of recording)
 * and when it was recorded.
 *
 * @example
 * ```ts
 * const r: AcceptanceRecord = { ...input, seq: 1, recordedAt: new Date() };
 * ```
 */
export interface AcceptanceRecord extends AcceptanceInput {
  /** Position in the ledger, strictly increasing in order of recording (not necessarily dense). */
  readonly seq: number;
  /** When the ledger stored it. */
  readonly recordedAt: Date;
}

/**
 * A filter over the acceptance ledger; every field given must match. Results come in `seq` order.
 *
 * @example
 * ```ts
 * const q: AcceptanceQuery = { versionId: id, decision: 'ONAY', limit: 100 };
 * ```
 */
export interface AcceptanceQuery {
  /** Only this person. */
  readonly subject?: string;
  /** Only this document. */
  readonly document?: DocumentKey;
  /** Only this version. */
  readonly versionId?: string;
  /** Only this decision. */
  readonly decision?: ConsentStatus;
  /** Only records with `seq` greater than this (for paging). */
  readonly afterSeq?: number;
  /** At most this many (default and maximum {@link MAX_ACCEPTANCE_PAGE}). */
  readonly limit?: number;
}

/** The largest page {@link AgreementRepository.listAcceptances} returns. */
export const MAX_ACCEPTANCE_PAGE = 10_000;

/**
 * Checks a decision against the document's versions: the version must exist and must have been in
 * force at some instant at or before `at` (it may have been superseded since — a person who loaded
 * the form just before a new version took effect accepted what they saw; {@link reconsentCheck}
 * then tells whether to ask again). Drafts, versions replaced before they took effect and versions
 * not yet in force at `at` are refused.
 *
 * @example
 * ```ts
 * const r = checkAcceptance(versions, input);
 * if (!r.ok) r.error.code; // 'VERSION_NOT_FOUND' | 'ACCEPTANCE_NOT_IN_FORCE' | 'INVALID_INPUT'
 * ```
 */
export function checkAcceptance(
  versions: readonly AgreementVersion[],
  input: AcceptanceInput,
): Result<AcceptanceInput> {
  const v = versions.find((x) => x.id === input.versionId);
  if (!v) {
    return fail(
      'VERSION_NOT_FOUND',
      {
        tr: `Bu belgede ${input.versionId} sürümü yok`,
        en: `This document has no version ${input.versionId}`,
      },
      { versionId: input.versionId },
    );
  }
  const from = v.effectiveFrom?.getTime();
  const everInForce =
    v.status !== 'draft' &&
    from !== undefined &&
    from <= input.at.getTime() &&
    (v.retiredAt === undefined || v.retiredAt.getTime() > from);
  if (!everInForce) {
    return fail(
      'ACCEPTANCE_NOT_IN_FORCE',
      {
        tr: `Sürüm ${input.at.toISOString()} anına kadar hiç yürürlükte olmadı`,
        en: `The version was never in force at or before ${input.at.toISOString()}`,
      },
      { versionId: input.versionId },
    );
  }
  return ok(input);
}

/**
 * A subject's latest decision among `records` that happened at or before `now`: greatest `at`,
 * then greatest `seq` (decisions imported late still sort by when they were made).
 *
 * @example
 * ```ts
 * latestDecision(records, new Date())?.decision; // 'ONAY' | 'RET' | undefined
 * ```
 */
export function latestDecision(
  records: readonly AcceptanceRecord[],
  now: Date,
): AcceptanceRecord | undefined {
  let best: AcceptanceRecord | undefined;
  for (const r of records) {
    if (r.at.getTime() > now.getTime()) continue;
    if (
      best === undefined ||
      r.at.getTime() > best.at.getTime() ||
      (r.at.getTime() === best.at.getTime() && r.seq > best.seq)
    ) {
      best = r;
    }
  }
  return best;
}

/**
 * Decisions per version: how many grants and refusals, and from how many distinct subjects.
 *
 * @example
 * ```ts
 * const s: VersionAcceptanceSummary = { versionId: id, granted: 120, refused: 4, subjects: 121 };
 * ```
 */
export interface VersionAcceptanceSummary {
  /** The version. */
  readonly versionId: ContentHash;
  /** Number of `ONAY` records. */
  readonly granted: number;
  /** Number of `RET` records. */
  readonly refused: number;
  /** Distinct subjects with any record. */
  readonly subjects: number;
}

/**
 * Summarises records per version, in order of first appearance.
 *
 * @example
 * ```ts
 * summarizeAcceptances(records).map((s) => `${s.versionId.slice(0, 8)}: ${s.granted}/${s.refused}`);
 * ```
 */
export function summarizeAcceptances(records: readonly AcceptanceRecord[]): VersionAcceptanceSummary[] {
  const acc = new Map<string, { granted: number; refused: number; subjects: Set<string> }>();
  for (const r of records) {
    let s = acc.get(r.versionId);
    if (!s) {
      s = { granted: 0, refused: 0, subjects: new Set() };
      acc.set(r.versionId, s);
    }
    if (r.decision === 'ONAY') s.granted++;
    else s.refused++;
    s.subjects.add(r.subject);
  }
  return [...acc].map(([versionId, s]) => ({
    versionId,
    granted: s.granted,
    refused: s.refused,
    subjects: s.subjects.size,
  }));
}
