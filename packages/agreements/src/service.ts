/**
 * The agreements service: the thin shell over a repository that loads, applies the pure rules,
 * and commits with optimistic concurrency.
 */
import {
  type AcceptanceInput,
  AcceptanceInputSchema,
  type AcceptanceQuery,
  type AcceptanceRecord,
  checkAcceptance,
  latestDecision,
} from './acceptance.js';
import { diffVersions, type VersionDiff } from './diff.js';
import { ANY_CHANNEL, type DocumentKey, DocumentKeySchema } from './document.js';
import { AgreementHistory, type ReconsentCheck, reconsentCheck, versionAt } from './history.js';
import {
  type CreateDraftInput,
  invalidInput,
  type Plan,
  type PublishInput,
  planCreateDraft,
  planDiscardDraft,
  planPublish,
  planRetire,
  type RetireInput,
} from './lifecycle.js';
import { type RenderedAgreement, renderVersion } from './render.js';
import type { AgreementRepository, DocumentFilter } from './repository.js';
import { AgreementsError, fail, ok, type Result } from './result.js';
import type { TemplateValues } from './template.js';
import type { AgreementVersion } from './version.js';

/**
 * Options of {@link AgreementService}.
 *
 * @example
 * ```ts
 * const options: AgreementServiceOptions = {
 *   repository: new InMemoryAgreementRepository(),
 *   clock: () => new Date('2025-01-01T09:00:00Z'),
 * };
 * ```
 */
export interface AgreementServiceOptions {
  /** Where versions and decisions are stored. */
  readonly repository: AgreementRepository;
  /** The clock (default `() => new Date()`); inject one in tests. */
  readonly clock?: () => Date;
  /** Attempts of a change when other writers keep winning the race (default 5). */
  readonly maxAttempts?: number;
}

/**
 * A subject's standing on a document: the check, and the latest decision it is based on.
 *
 * @example
 * ```ts
 * const s: SubjectReconsent = await service.reconsentStatus('subj_1', key);
 * if (s.check.needed) {
 *   // ask (again)
 * }
 * ```
 */
export interface SubjectReconsent {
  /** The answer; `NO_DECISION` when the subject never decided on this document. */
  readonly check:
    | ReconsentCheck
    | {
        /** Ask. */
        readonly needed: true;
        /** The subject never decided on this document. */
        readonly reason: 'NO_DECISION';
      };
  /** The latest decision at or before `now`, if any. */
  readonly latest?: AcceptanceRecord;
}

/**
 * Versions, publishes, renders and diffs agreements, and keeps the ledger of who decided on which
 * version. Every change is planned by a pure function ({@link planCreateDraft}, {@link planPublish},
 * {@link planRetire}, {@link planDiscardDraft}) on the versions just loaded, then committed with
 * the sequence it was loaded at; when another writer got there first, it reloads and plans again.
 *
 * @example
 * ```ts
 * const service = new AgreementService({ repository: new InMemoryAgreementRepository() });
 * const key: DocumentKey = { brand: '600123', kind: 'KVKK_AYDINLATMA', channel: 'ANY', locale: 'tr' };
 * const draft = orThrow(
 *   await service.createDraft({ document: key, text: '{{brandName}} aydınlatma metni', author: 'ayse', changeNote: 'İlk', material: true }),
 * );
 * orThrow(await service.publish(key, { id: draft.id, by: 'hukuk' }));
 * const shown = orThrow(await service.render(key, { brandName: 'Örnek' }));
 * ```
 */
export class AgreementService {
  readonly #repository: AgreementRepository;
  readonly #clock: () => Date;
  readonly #maxAttempts: number;

  /**
   * @param options - the repository, and optionally a clock and the number of attempts
   */
  constructor(options: AgreementServiceOptions) {
    this.#repository = options.repository;
    this.#clock = options.clock ?? (() => new Date());
    this.#maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 5));
  }

  async #mutate(
    document: DocumentKey,
    plan: (versions: readonly AgreementVersion[], now: Date) => Result<Plan>,
  ): Promise<Result<AgreementVersion>> {
    const key = DocumentKeySchema.safeParse(document);
    if (!key.success) return invalidInput(key.error, ['document']);
    for (let attempt = 1; attempt <= this.#maxAttempts; attempt++) {
      const snapshot = await this.#repository.loadDocument(key.data);
      const planned = plan(snapshot.versions, this.#clock());
      if (!planned.ok) return planned;
      const committed = await this.#repository.commit(key.data, snapshot.sequence, planned.value.changes);
      if (committed.ok) return ok(planned.value.version);
      if (committed.reason !== 'CONFLICT') {
        throw new AgreementsError('repository returned an unknown commit result', 'REPOSITORY_CONTRACT');
      }
    }
    return fail(
      'CONFLICT',
      {
        tr: `Belge başka yazıcılar tarafından değiştirilmeye devam etti (${this.#maxAttempts} deneme)`,
        en: `Other writers kept changing the document (${this.#maxAttempts} attempts)`,
      },
      { attempts: this.#maxAttempts },
    );
  }

  /**
   * Adds a draft version (see {@link planCreateDraft}).
   *
   * @example
   * ```ts
   * const r = await service.createDraft({ document: key, text, author: 'ayse', changeNote: 'İlk sürüm', material: true });
   * if (r.ok) r.value.id;
   * ```
   */
  createDraft(input: CreateDraftInput): Promise<Result<AgreementVersion>> {
    const document = (input as { document?: DocumentKey } | undefined)?.document as DocumentKey;
    return this.#mutate(document, (versions, now) => planCreateDraft(versions, input, now));
  }

  /**
   * Publishes a draft (see {@link planPublish}); returns the published version.
   *
   * @example
   * ```ts
   * await service.publish(key, { id: draft.id, by: 'hukuk', effectiveFrom: new Date('2025-07-01T00:00:00+03:00') });
   * ```
   */
  publish(document: DocumentKey, input: PublishInput): Promise<Result<AgreementVersion>> {
    return this.#mutate(document, (versions, now) => planPublish(versions, input, now));
  }

  /**
   * Withdraws the published version (see {@link planRetire}); returns the retired version.
   *
   * @example
   * ```ts
   * await service.retire(key, { id: current.id, by: 'hukuk', note: 'SMS kanalı kapandı' });
   * ```
   */
  retire(document: DocumentKey, input: RetireInput): Promise<Result<AgreementVersion>> {
    return this.#mutate(document, (versions, now) => planRetire(versions, input, now));
  }

  /**
   * Discards a draft (see {@link planDiscardDraft}); returns the discarded draft.
   *
   * @example
   * ```ts
   * await service.discardDraft(key, draft.id);
   * ```
   */
  discardDraft(document: DocumentKey, id: string): Promise<Result<AgreementVersion>> {
    return this.#mutate(document, (versions) => planDiscardDraft(versions, id));
  }

  /**
   * The document's versions with the time view and the re-consent rule.
   *
   * @example
   * ```ts
   * const h = await service.history(key);
   * h.timeline();
   * ```
   */
  async history(document: DocumentKey): Promise<AgreementHistory> {
    const { versions } = await this.#repository.loadDocument(document);
    return new AgreementHistory(document, versions);
  }

  /**
   * The version of exactly this document in force at `instant` (default now).
   *
   * @example
   * ```ts
   * await service.versionAt(key, new Date('2024-12-31T12:00:00Z'));
   * ```
   */
  async versionAt(
    document: DocumentKey,
    instant: Date = this.#clock(),
  ): Promise<AgreementVersion | undefined> {
    const { versions } = await this.#repository.loadDocument(document);
    return versionAt(versions, instant);
  }

  /**
   * The version to show for a document at `instant` (default now): the one in force for its
   * channel, or — when that channel has none — the one in force for the same brand, kind and locale
   * with channel `ANY`.
   *
   * @example
   * ```ts
   * // No MESAJ-specific notice: falls back to the ANY one.
   * await service.resolve({ brand: '600123', kind: 'KVKK_AYDINLATMA', channel: 'MESAJ', locale: 'tr' });
   * ```
   */
  async resolve(document: DocumentKey, instant: Date = this.#clock()): Promise<AgreementVersion | undefined> {
    const exact = await this.versionAt(document, instant);
    if (exact || document.channel === ANY_CHANNEL) return exact;
    return this.versionAt({ ...document, channel: ANY_CHANNEL }, instant);
  }

  /**
   * Renders the version to show (see {@link resolve}) at `at` (default now) with values. Fails
   * with `NO_VERSION_IN_FORCE` when nothing is in force, or as {@link renderVersion} does.
   *
   * @example
   * ```ts
   * const r = await service.render(key, { brandName: 'Örnek', mersis: '0720106477000001', shortNumber: '3338' });
   * if (r.ok) {
   *   show(r.value.text);
   *   // later: record r.value.versionId and r.value.hash with the decision
   * }
   * ```
   */
  async render(
    document: DocumentKey,
    values: TemplateValues,
    options: { readonly at?: Date } = {},
  ): Promise<Result<RenderedAgreement>> {
    const key = DocumentKeySchema.safeParse(document);
    if (!key.success) return invalidInput(key.error, ['document']);
    const at = options.at ?? this.#clock();
    const version = await this.resolve(key.data, at);
    if (!version) {
      return fail('NO_VERSION_IN_FORCE', {
        tr: `${at.toISOString()} anında yürürlükte sürüm yok`,
        en: `No version is in force at ${at.toISOString()}`,
      });
    }
    return renderVersion(version, values);
  }

  /**
   * A reviewer's diff between two versions of a document (see {@link diffVersions}).
   *
   * @example
   * ```ts
   * const d = await service.diff(key, v1.id, v2.id);
   * if (d.ok) console.log(d.value.unified);
   * ```
   */
  async diff(document: DocumentKey, fromId: string, toId: string, context = 3): Promise<Result<VersionDiff>> {
    const { versions } = await this.#repository.loadDocument(document);
    const from = versions.find((v) => v.id === fromId);
    const to = versions.find((v) => v.id === toId);
    const missing = from ? (to ? undefined : toId) : fromId;
    if (missing !== undefined || !from || !to) {
      const id = missing ?? fromId;
      return fail(
        'VERSION_NOT_FOUND',
        { tr: `Bu belgede ${id} sürümü yok`, en: `This document has no version ${id}` },
        { versionId: id },
      );
    }
    return ok(diffVersions(from, to, context));
  }

  /**
   * Records a decision in the ledger after checking it (see {@link checkAcceptance}).
   *
   * @example
   * ```ts
   * const shown = orThrow(await service.render(key, values));
   * await service.recordAcceptance({
   *   subject: 'subj_5f2c9a',
   *   document: shown.document,
   *   versionId: shown.versionId,
   *   renderedHash: shown.hash,
   *   decision: 'ONAY',
   *   at: new Date(),
   * });
   * ```
   */
  async recordAcceptance(input: AcceptanceInput): Promise<Result<AcceptanceRecord>> {
    const parsed = AcceptanceInputSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error);
    const { versions } = await this.#repository.loadDocument(parsed.data.document);
    const checked = checkAcceptance(versions, parsed.data);
    if (!checked.ok) return checked;
    return ok(await this.#repository.appendAcceptance(checked.value, this.#clock()));
  }

  /**
   * Reads the ledger: who decided on which version.
   *
   * @example
   * ```ts
   * const whoAccepted = await service.acceptances({ versionId: v1.id, decision: 'ONAY' });
   * ```
   */
  acceptances(query: AcceptanceQuery): Promise<readonly AcceptanceRecord[]> {
    return this.#repository.listAcceptances(query);
  }

  /**
   * Where a subject stands on a document at `now` (default now): their latest decision and whether
   * they must be asked (again).
   *
   * @example
   * ```ts
   * const s = await service.reconsentStatus('subj_5f2c9a', key);
   * s.check.reason; // 'CURRENT' | 'MATERIAL_CHANGE' | 'REFUSAL_STANDS' | 'NO_DECISION' | …
   * ```
   */
  async reconsentStatus(
    subject: string,
    document: DocumentKey,
    now: Date = this.#clock(),
  ): Promise<SubjectReconsent> {
    const [snapshot, records] = await Promise.all([
      this.#repository.loadDocument(document),
      this.#allAcceptances({ subject, document }),
    ]);
    const latest = latestDecision(records, now);
    if (!latest) return { check: { needed: true, reason: 'NO_DECISION' } };
    return { check: reconsentCheck(snapshot.versions, latest, now), latest };
  }

  /**
   * True when the subject must be asked (again) on this document at `now`: they never decided, or
   * they granted a version that a material change has since superseded. A refusal never needs it.
   *
   * @example
   * ```ts
   * if (await service.needsReconsent('subj_5f2c9a', key)) {
   *   // show the current text and ask
   * }
   * ```
   */
  async needsReconsent(subject: string, document: DocumentKey, now: Date = this.#clock()): Promise<boolean> {
    return (await this.reconsentStatus(subject, document, now)).check.needed;
  }

  /**
   * The documents that have versions.
   *
   * @example
   * ```ts
   * await service.documents({ brand: '600123' });
   * ```
   */
  documents(filter?: DocumentFilter): Promise<readonly DocumentKey[]> {
    return this.#repository.listDocuments(filter);
  }

  async #allAcceptances(query: AcceptanceQuery): Promise<AcceptanceRecord[]> {
    const out: AcceptanceRecord[] = [];
    let afterSeq: number | undefined;
    for (;;) {
      const page = await this.#repository.listAcceptances(
        afterSeq === undefined ? query : { ...query, afterSeq },
      );
      if (page.length === 0) return out;
      const last = page[page.length - 1]!.seq;
      if (afterSeq !== undefined && last <= afterSeq) {
        throw new AgreementsError(
          'listAcceptances ignored afterSeq (the same page came back)',
          'REPOSITORY_CONTRACT',
        );
      }
      out.push(...page);
      afterSeq = last;
    }
  }
}
