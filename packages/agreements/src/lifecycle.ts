/**
 * The lifecycle rules, as pure functions: given a document's versions, an action and `now`, each
 * returns the changes to store or an expected failure. {@link AgreementService} loads, plans and
 * commits; a repository only stores. Keeping the rules here makes every storage behave the same.
 */
import { z } from 'zod';
import { contentHash } from './canonical.js';
import { type DocumentKey, DocumentKeySchema } from './document.js';
import { fail, type InputIssue, ok, type Result } from './result.js';
import { checkAgreementRules, RULE_CODES, type RuleCode } from './rules.js';
import { parseTemplate } from './template.js';
import type { AgreementVersion, VersionChange } from './version.js';

/** Who did something: a user id, an e-mail address, a service name. 1–200 characters. */
const ActorSchema = z.string().trim().min(1).max(200);

/**
 * Input of {@link planCreateDraft} and {@link AgreementService.createDraft}.
 *
 * @example
 * ```ts
 * const input: CreateDraftInput = {
 *   document: { brand: '600123', kind: 'ETK_CONSENT', channel: 'MESAJ', locale: 'tr' },
 *   text: '…{{mersis}}…{{shortNumber}}…',
 *   author: 'ayse@example.com',
 *   changeNote: 'İlk sürüm',
 *   material: true,
 * };
 * ```
 */
export interface CreateDraftInput {
  /** The document to add the version to (created on first use). */
  readonly document: DocumentKey;
  /** The template text (canonicalised before hashing). */
  readonly text: string;
  /** Who wrote it. */
  readonly author: string;
  /** What changed and why. */
  readonly changeNote: string;
  /**
   * Whether the change from the current publication is material (re-consent needed for earlier
   * grants). You must decide it: there is no default. For the first version it has no effect.
   */
  readonly material: boolean;
}

/**
 * zod schema for {@link CreateDraftInput}.
 *
 * @example
 * ```ts
 * CreateDraftInputSchema.safeParse({}).success; // false
 * ```
 */
export const CreateDraftInputSchema: z.ZodType<CreateDraftInput> = z.object({
  document: DocumentKeySchema,
  text: z.string(),
  author: ActorSchema,
  changeNote: z.string().max(10_000),
  material: z.boolean(),
});

/**
 * Input of {@link planPublish} and {@link AgreementService.publish}.
 *
 * @example
 * ```ts
 * const input: PublishInput = { id: draftId, by: 'legal@example.com', effectiveFrom: new Date('2025-07-01T00:00:00+03:00') };
 * ```
 */
export interface PublishInput {
  /** The draft to publish. */
  readonly id: string;
  /** Who publishes it. */
  readonly by: string;
  /**
   * When it takes effect: not before `now`, and not before the current publication's effective
   * date. Defaults to `now`.
   */
  readonly effectiveFrom?: Date;
  /** `error` findings of {@link checkAgreementRules} the publisher knowingly accepts. */
  readonly acknowledgeFindings?: readonly RuleCode[];
}

/**
 * zod schema for {@link PublishInput}.
 *
 * @example
 * ```ts
 * PublishInputSchema.safeParse({ id: 'x', by: '' }).success; // false
 * ```
 */
export const PublishInputSchema: z.ZodType<PublishInput> = z.object({
  id: z.string(),
  by: ActorSchema,
  effectiveFrom: z.date().optional(),
  acknowledgeFindings: z.array(z.enum(RULE_CODES)).optional(),
}) as z.ZodType<PublishInput>;

/**
 * Input of {@link planRetire} and {@link AgreementService.retire}.
 *
 * @example
 * ```ts
 * const input: RetireInput = { id: publishedId, by: 'legal@example.com', note: 'SMS kanalı kapatıldı' };
 * ```
 */
export interface RetireInput {
  /** The published version to withdraw. */
  readonly id: string;
  /** Who withdraws it. */
  readonly by: string;
  /** Why. */
  readonly note?: string;
}

/**
 * zod schema for {@link RetireInput}.
 *
 * @example
 * ```ts
 * RetireInputSchema.parse({ id: 'x', by: 'legal' });
 * ```
 */
export const RetireInputSchema: z.ZodType<RetireInput> = z.object({
  id: z.string(),
  by: ActorSchema,
  note: z.string().max(10_000).optional(),
}) as z.ZodType<RetireInput>;

/**
 * What a plan produces: the changes to commit, and the version the action is about (as it will be
 * stored; for a discarded draft, as it was).
 *
 * @example
 * ```ts
 * const plan: Plan = orThrow(planCreateDraft([], input, new Date()));
 * plan.changes.length; // 1
 * ```
 */
export interface Plan {
  /** The changes to apply atomically. */
  readonly changes: readonly VersionChange[];
  /** The version the action is about. */
  readonly version: AgreementVersion;
}

/** @internal Converts a zod error into the package's `INVALID_INPUT` failure. */
export function invalidInput<T>(error: z.ZodError, prefix: readonly (string | number)[] = []): Result<T> {
  const issues: InputIssue[] = error.issues.map((i) => ({
    path: [...prefix, ...i.path.filter((p): p is string | number => typeof p !== 'symbol')],
    message: i.message,
  }));
  return fail(
    'INVALID_INPUT',
    {
      tr: `Geçersiz girdi: ${issues.map((i) => i.path.join('.') || '(kök)').join(', ')}`,
      en: `Invalid input: ${issues.map((i) => i.path.join('.') || '(root)').join(', ')}`,
    },
    { issues },
  );
}

function notFound<T>(id: string): Result<T> {
  return fail(
    'VERSION_NOT_FOUND',
    { tr: `Bu belgede ${id} sürümü yok`, en: `This document has no version ${id}` },
    { versionId: id },
  );
}

/**
 * Plans a new draft: validates the input, parses the template (see {@link parseTemplate}),
 * computes the id, refuses a text the document already has (`DUPLICATE_VERSION`), and numbers the
 * revision.
 *
 * @example
 * ```ts
 * const plan = planCreateDraft(existing, input, new Date());
 * if (plan.ok) plan.value.version.id; // the content hash of the canonical text
 * ```
 */
export function planCreateDraft(
  versions: readonly AgreementVersion[],
  input: CreateDraftInput,
  now: Date,
): Result<Plan> {
  const parsed = CreateDraftInputSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const template = parseTemplate(parsed.data.text);
  if (!template.ok) return template;
  const id = contentHash(template.value.text);
  const existing = versions.find((v) => v.id === id);
  if (existing) {
    return fail(
      'DUPLICATE_VERSION',
      {
        tr: `Bu metin belgede zaten var (sürüm ${existing.revision}); aynı metin aynı sürümdür`,
        en: `This text already exists in the document (revision ${existing.revision}); the same text is the same version`,
      },
      { versionId: id },
    );
  }
  const version: AgreementVersion = {
    id,
    document: parsed.data.document,
    revision: versions.reduce((max, v) => Math.max(max, v.revision), 0) + 1,
    text: template.value.text,
    status: 'draft',
    material: parsed.data.material,
    changeNote: parsed.data.changeNote,
    author: parsed.data.author,
    createdAt: new Date(now.getTime()),
  };
  return ok({ changes: [{ type: 'put', version }], version });
}

/**
 * Plans a publication: the draft becomes `published` with `effectiveFrom` (default `now`); the
 * current publication, if any, becomes `retired` (`superseded`) with `retiredAt = effectiveFrom`,
 * so the two intervals meet exactly. Refused when the version is not a draft, when `effectiveFrom`
 * is before `now` or before the current publication's effective date, or when the text has
 * `error` findings (see {@link checkAgreementRules}) not listed in `acknowledgeFindings`.
 *
 * Publishing with the same effective date as a current publication that has not taken effect yet
 * replaces it before it ever applies.
 *
 * @example
 * ```ts
 * const plan = planPublish(versions, { id: draftId, by: 'legal@example.com' }, new Date());
 * ```
 */
export function planPublish(
  versions: readonly AgreementVersion[],
  input: PublishInput,
  now: Date,
): Result<Plan> {
  const parsed = PublishInputSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { id, by } = parsed.data;
  const draft = versions.find((v) => v.id === id);
  if (!draft) return notFound(id);
  if (draft.status !== 'draft') {
    return fail(
      'NOT_A_DRAFT',
      {
        tr: `Yalnızca taslak yayımlanabilir (durum: ${draft.status})`,
        en: `Only a draft can be published (status: ${draft.status})`,
      },
      { versionId: id },
    );
  }
  const effectiveFrom = new Date((parsed.data.effectiveFrom ?? now).getTime());
  if (effectiveFrom.getTime() < now.getTime()) {
    return fail(
      'EFFECTIVE_IN_PAST',
      {
        tr: `Yürürlük tarihi geçmişte olamaz (${effectiveFrom.toISOString()} < ${now.toISOString()})`,
        en: `The effective date cannot be in the past (${effectiveFrom.toISOString()} < ${now.toISOString()})`,
      },
      { versionId: id },
    );
  }
  const current = versions.find((v) => v.status === 'published');
  if (current?.effectiveFrom && effectiveFrom.getTime() < current.effectiveFrom.getTime()) {
    return fail(
      'EFFECTIVE_BEFORE_CURRENT',
      {
        tr: `Yürürlük tarihi yayımdaki sürümünkinden (${current.effectiveFrom.toISOString()}) önce olamaz`,
        en: `The effective date cannot precede the current publication's (${current.effectiveFrom.toISOString()})`,
      },
      { versionId: id },
    );
  }
  const template = parseTemplate(draft.text);
  if (!template.ok) return template;
  const acknowledged = new Set<string>(parsed.data.acknowledgeFindings ?? []);
  const blocking = checkAgreementRules(draft.document.kind, template.value).filter(
    (f) => f.severity === 'error' && !acknowledged.has(f.code),
  );
  if (blocking.length > 0) {
    return fail(
      'RULE_FINDINGS',
      {
        tr: `Metin içerik kurallarına uymuyor: ${blocking.map((f) => f.code).join(', ')}`,
        en: `The text breaks content rules: ${blocking.map((f) => f.code).join(', ')}`,
      },
      { versionId: id, findings: blocking },
    );
  }
  const at = new Date(now.getTime());
  const version: AgreementVersion = {
    ...draft,
    status: 'published',
    publishedAt: at,
    publishedBy: by,
    effectiveFrom,
  };
  const changes: VersionChange[] = [{ type: 'put', version }];
  if (current) {
    changes.push({
      type: 'put',
      version: {
        ...current,
        status: 'retired',
        retiredAt: effectiveFrom,
        retiredBy: by,
        retireReason: 'superseded',
        supersededBy: id,
      },
    });
  }
  return ok({ changes, version });
}

/**
 * Plans a withdrawal: the published version becomes `retired` (`withdrawn`) at `now`, and nothing
 * is in force afterwards until a new publication. Refused for a version that is not the current
 * publication (`NOT_PUBLISHED`) or has not taken effect yet (`NOT_YET_IN_FORCE` — publish a
 * replacement with the same effective date instead).
 *
 * @example
 * ```ts
 * const plan = planRetire(versions, { id: publishedId, by: 'legal@example.com', note: 'Kanal kapandı' }, new Date());
 * ```
 */
export function planRetire(
  versions: readonly AgreementVersion[],
  input: RetireInput,
  now: Date,
): Result<Plan> {
  const parsed = RetireInputSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { id, by, note } = parsed.data;
  const v = versions.find((x) => x.id === id);
  if (!v) return notFound(id);
  if (v.status !== 'published' || v.effectiveFrom === undefined) {
    return fail(
      'NOT_PUBLISHED',
      {
        tr: `Yalnızca yayımdaki sürüm geri çekilebilir (durum: ${v.status})`,
        en: `Only the current publication can be withdrawn (status: ${v.status})`,
      },
      { versionId: id },
    );
  }
  if (v.effectiveFrom.getTime() > now.getTime()) {
    return fail(
      'NOT_YET_IN_FORCE',
      {
        tr: 'Sürüm henüz yürürlüğe girmedi; yerine aynı tarihli bir sürüm yayımlayın',
        en: 'The version is not in force yet; publish a replacement with the same effective date instead',
      },
      { versionId: id },
    );
  }
  const version: AgreementVersion = {
    ...v,
    status: 'retired',
    retiredAt: new Date(now.getTime()),
    retiredBy: by,
    retireReason: 'withdrawn',
    ...(note === undefined ? {} : { retireNote: note }),
  };
  return ok({ changes: [{ type: 'put', version }], version });
}

/**
 * Plans discarding a draft (drafts were never shown to anyone, so they leave no history). Refused
 * for anything but a draft.
 *
 * @example
 * ```ts
 * const plan = planDiscardDraft(versions, draftId);
 * ```
 */
export function planDiscardDraft(versions: readonly AgreementVersion[], id: string): Result<Plan> {
  const v = versions.find((x) => x.id === id);
  if (!v) return notFound(id);
  if (v.status !== 'draft') {
    return fail(
      'NOT_A_DRAFT',
      {
        tr: `Yalnızca taslak silinebilir (durum: ${v.status})`,
        en: `Only a draft can be discarded (status: ${v.status})`,
      },
      { versionId: id },
    );
  }
  return ok({ changes: [{ type: 'delete', id }], version: v });
}
