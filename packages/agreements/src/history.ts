/**
 * The time view of a document's versions, and the re-consent rule — pure functions over the
 * versions a repository returns, so every storage behaves the same.
 */
import type { ConsentStatus } from '@izinkit/iys';
import { type ContentHash, contentHash } from './canonical.js';
import { type DocumentKey, documentKeyString, sameDocument } from './document.js';
import type { AgreementVersion } from './version.js';

/**
 * The versions that were ever published (status `published` or `retired`), in publication order
 * — which is also the order of their effective dates.
 *
 * @example
 * ```ts
 * publications(versions).map((v) => v.revision); // e.g. [1, 2, 4]
 * ```
 */
export function publications(versions: readonly AgreementVersion[]): AgreementVersion[] {
  return versions
    .filter((v) => v.status !== 'draft' && v.publishedAt !== undefined && v.effectiveFrom !== undefined)
    .sort(
      (a, b) =>
        a.effectiveFrom!.getTime() - b.effectiveFrom!.getTime() ||
        a.publishedAt!.getTime() - b.publishedAt!.getTime() ||
        a.revision - b.revision,
    );
}

/**
 * True when a version is in force at `instant`: published, `effectiveFrom ≤ instant`, and not
 * retired at or before `instant`.
 *
 * @example
 * ```ts
 * isInForce(version, new Date()); // true for the current publication once it took effect
 * ```
 */
export function isInForce(version: AgreementVersion, instant: Date): boolean {
  if (version.status === 'draft' || version.effectiveFrom === undefined) return false;
  const t = instant.getTime();
  return (
    version.effectiveFrom.getTime() <= t &&
    (version.retiredAt === undefined || t < version.retiredAt.getTime())
  );
}

/**
 * The version of a document in force at `instant`, or `undefined` before the first publication
 * takes effect and after the document is withdrawn. Intervals are half-open:
 * `[effectiveFrom, retiredAt)`.
 *
 * @example
 * ```ts
 * versionAt(versions, new Date('2025-06-01T00:00:00Z'))?.id;
 * ```
 */
export function versionAt(
  versions: readonly AgreementVersion[],
  instant: Date,
): AgreementVersion | undefined {
  let found: AgreementVersion | undefined;
  for (const v of versions) {
    if (isInForce(v, instant) && (found === undefined || v.effectiveFrom! > found.effectiveFrom!)) found = v;
  }
  return found;
}

/**
 * The answer of {@link reconsentCheck}: whether the person must be asked again, and why.
 *
 * - `REFUSAL_STANDS` — the decision was a refusal (`RET`); a new text never revives it.
 * - `CURRENT` — the accepted version is the one in force.
 * - `NON_MATERIAL_CHANGES` — later versions are in force, none of them material.
 * - `ACCEPTED_NEWER` — the accepted version was published after the one in force (accepted ahead
 *   of its effective date).
 * - `NOTHING_IN_FORCE` — the document is withdrawn or not yet in force; there is nothing to ask for.
 * - `MATERIAL_CHANGE` — a material version was published after the accepted one (`materialVersions`).
 * - `UNKNOWN_VERSION` — the accepted id is not a version of this document: the acceptance cannot be
 *   tied to a text, so ask again.
 * - `NEVER_PUBLISHED` — the accepted id is a draft that was never published; ask again.
 *
 * @example
 * ```ts
 * const c: ReconsentCheck = { needed: false, reason: 'CURRENT', inForce: contentHash('Metin') };
 * ```
 */
export type ReconsentCheck =
  | {
      /** The decision stands. */
      readonly needed: false;
      /** Why. */
      readonly reason: 'REFUSAL_STANDS' | 'NOTHING_IN_FORCE';
    }
  | {
      /** The decision stands. */
      readonly needed: false;
      /** Why. */
      readonly reason: 'CURRENT' | 'NON_MATERIAL_CHANGES' | 'ACCEPTED_NEWER';
      /** The version in force. */
      readonly inForce: ContentHash;
    }
  | {
      /** Ask again. */
      readonly needed: true;
      /** Why. */
      readonly reason: 'MATERIAL_CHANGE';
      /** The version in force, to show. */
      readonly inForce: ContentHash;
      /** The material versions published after the accepted one, oldest first. */
      readonly materialVersions: readonly ContentHash[];
    }
  | {
      /** Ask again. */
      readonly needed: true;
      /** Why. */
      readonly reason: 'UNKNOWN_VERSION' | 'NEVER_PUBLISHED';
    };

/**
 * Whether a decision on `acceptedVersionId` still stands at `now`, or the person must be asked
 * again: a material change invalidates earlier grants (`ONAY`) but never earlier refusals (`RET`).
 * Every material version published after the accepted one, up to and including the version in
 * force, counts — even one replaced before it took effect (conservative: its author said the text
 * changed materially).
 *
 * @example
 * ```ts
 * reconsentCheck(versions, { versionId: acceptedId, decision: 'ONAY' }, new Date());
 * // { needed: true, reason: 'MATERIAL_CHANGE', inForce: '…', materialVersions: ['…'] }
 * ```
 */
export function reconsentCheck(
  versions: readonly AgreementVersion[],
  decision: { readonly versionId: string; readonly decision: ConsentStatus },
  now: Date,
): ReconsentCheck {
  if (decision.decision === 'RET') return { needed: false, reason: 'REFUSAL_STANDS' };
  const accepted = versions.find((v) => v.id === decision.versionId);
  if (accepted === undefined) return { needed: true, reason: 'UNKNOWN_VERSION' };
  if (accepted.status === 'draft' || accepted.effectiveFrom === undefined) {
    return { needed: true, reason: 'NEVER_PUBLISHED' };
  }
  const current = versionAt(versions, now);
  if (current === undefined) return { needed: false, reason: 'NOTHING_IN_FORCE' };
  if (current.id === accepted.id) return { needed: false, reason: 'CURRENT', inForce: current.id };
  const order = publications(versions);
  const from = order.findIndex((v) => v.id === accepted.id);
  const to = order.findIndex((v) => v.id === current.id);
  if (from > to) return { needed: false, reason: 'ACCEPTED_NEWER', inForce: current.id };
  const materialVersions = order
    .slice(from + 1, to + 1)
    .filter((v) => v.material)
    .map((v) => v.id);
  return materialVersions.length > 0
    ? { needed: true, reason: 'MATERIAL_CHANGE', inForce: current.id, materialVersions }
    : { needed: false, reason: 'NON_MATERIAL_CHANGES', inForce: current.id };
}

/**
 * True when a person who granted consent (`ONAY`) on `acceptedVersionId` must be asked again at
 * `now` (see {@link reconsentCheck} for the reasons). Refusals never need it: call
 * {@link reconsentCheck} with `decision: 'RET'` for those.
 *
 * @example
 * ```ts
 * if (needsReconsent(versions, acceptedId, new Date())) {
 *   // show the version in force and ask again
 * }
 * ```
 */
export function needsReconsent(
  versions: readonly AgreementVersion[],
  acceptedVersionId: string,
  now: Date,
): boolean {
  return reconsentCheck(versions, { versionId: acceptedVersionId, decision: 'ONAY' }, now).needed;
}

/**
 * One stretch of a document's timeline: a version and the half-open interval `[from, until)` it
 * was in force (`until` absent while it still is).
 *
 * @example
 * ```ts
 * const e: TimelineEntry = { versionId: contentHash('Metin'), from: new Date('2025-01-01T00:00:00Z') };
 * ```
 */
export interface TimelineEntry {
  /** The version. */
  readonly versionId: ContentHash;
  /** When it took (or takes) effect. */
  readonly from: Date;
  /** When it stopped (or stops) being in force; absent while open-ended. */
  readonly until?: Date;
}

/**
 * The document's timeline: every publication with a non-empty in-force interval, in order. A
 * publication replaced before its effective date has an empty interval and is left out.
 *
 * @example
 * ```ts
 * timeline(versions).map((e) => [e.versionId.slice(0, 8), e.from.toISOString(), e.until?.toISOString()]);
 * ```
 */
export function timeline(versions: readonly AgreementVersion[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const v of publications(versions)) {
    const from = v.effectiveFrom!;
    if (v.retiredAt !== undefined && v.retiredAt.getTime() <= from.getTime()) continue;
    out.push(
      v.retiredAt === undefined ? { versionId: v.id, from } : { versionId: v.id, from, until: v.retiredAt },
    );
  }
  return out;
}

/**
 * Checks the invariants every repository must keep for one document's versions, and returns what
 * is broken (empty when all hold): all versions belong to `document`; ids are the content hashes of
 * their texts and appear once; revisions are distinct positive integers; at most one version is
 * `published`; published and retired versions carry their dates; in-force intervals never
 * overlap (so at most one version is in force at any instant).
 *
 * @example
 * ```ts
 * checkHistoryInvariants(key, versions); // []
 * ```
 */
export function checkHistoryInvariants(
  document: DocumentKey,
  versions: readonly AgreementVersion[],
): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const revisions = new Set<number>();
  let published = 0;
  for (const v of versions) {
    const tag = `revision ${v.revision} (${v.id.slice(0, 12)})`;
    if (!sameDocument(v.document, document)) {
      problems.push(`${tag} belongs to ${documentKeyString(v.document)}, not ${documentKeyString(document)}`);
    }
    if (contentHash(v.text) !== v.id) problems.push(`${tag}: id is not the content hash of its text`);
    if (ids.has(v.id)) problems.push(`${tag}: duplicate id`);
    ids.add(v.id);
    if (!Number.isInteger(v.revision) || v.revision < 1 || revisions.has(v.revision)) {
      problems.push(`${tag}: revision not a distinct positive integer`);
    }
    revisions.add(v.revision);
    if (v.status === 'published') published++;
    if (v.status !== 'draft' && (v.publishedAt === undefined || v.effectiveFrom === undefined)) {
      problems.push(`${tag}: ${v.status} without publishedAt/effectiveFrom`);
    }
    if (v.status === 'draft' && (v.publishedAt !== undefined || v.effectiveFrom !== undefined)) {
      problems.push(`${tag}: draft with publication dates`);
    }
    if (v.status === 'retired' && (v.retiredAt === undefined || v.retireReason === undefined)) {
      problems.push(`${tag}: retired without retiredAt/retireReason`);
    }
    if (v.status !== 'retired' && v.retiredAt !== undefined)
      problems.push(`${tag}: ${v.status} with retiredAt`);
  }
  if (published > 1) problems.push(`${published} versions are published; at most one may be`);
  const entries = timeline(versions);
  for (let i = 1; i < entries.length; i++) {
    const prev = entries[i - 1]!;
    const next = entries[i]!;
    if (prev.until === undefined || prev.until.getTime() > next.from.getTime()) {
      problems.push(
        `in-force intervals of ${prev.versionId.slice(0, 12)} and ${next.versionId.slice(0, 12)} overlap`,
      );
    }
  }
  return problems;
}

/**
 * A document's versions with the time view and the re-consent rule as methods — what
 * {@link AgreementService.history} returns.
 *
 * @example
 * ```ts
 * const h = new AgreementHistory(key, versions);
 * h.versionAt(new Date())?.id;
 * h.needsReconsent(acceptedId, new Date());
 * ```
 */
export class AgreementHistory {
  /** The document. */
  readonly document: DocumentKey;
  /** Its versions, by revision. */
  readonly versions: readonly AgreementVersion[];

  /**
   * @param document - the document
   * @param versions - its versions, in any order
   */
  constructor(document: DocumentKey, versions: readonly AgreementVersion[]) {
    this.document = document;
    this.versions = [...versions].sort((a, b) => a.revision - b.revision);
  }

  /**
   * The version with this id, if the document has it.
   *
   * @example
   * ```ts
   * history.get(id)?.status;
   * ```
   */
  get(id: string): AgreementVersion | undefined {
    return this.versions.find((v) => v.id === id);
  }

  /**
   * The current publication (status `published`), which may not have taken effect yet.
   *
   * @example
   * ```ts
   * history.published()?.effectiveFrom;
   * ```
   */
  published(): AgreementVersion | undefined {
    return this.versions.find((v) => v.status === 'published');
  }

  /**
   * The drafts, by revision.
   *
   * @example
   * ```ts
   * history.drafts().length;
   * ```
   */
  drafts(): AgreementVersion[] {
    return this.versions.filter((v) => v.status === 'draft');
  }

  /**
   * Every version ever published, in publication order (see {@link publications}).
   *
   * @example
   * ```ts
   * history.publications().map((v) => v.material);
   * ```
   */
  publications(): AgreementVersion[] {
    return publications(this.versions);
  }

  /**
   * The version in force at `instant` (see {@link versionAt}).
   *
   * @example
   * ```ts
   * history.versionAt(new Date('2025-01-01T00:00:00Z'));
   * ```
   */
  versionAt(instant: Date): AgreementVersion | undefined {
    return versionAt(this.versions, instant);
  }

  /**
   * The timeline of in-force intervals (see {@link timeline}).
   *
   * @example
   * ```ts
   * history.timeline().length;
   * ```
   */
  timeline(): TimelineEntry[] {
    return timeline(this.versions);
  }

  /**
   * Whether a grant of `acceptedVersionId` needs re-consent at `now` (see {@link needsReconsent}).
   *
   * @example
   * ```ts
   * history.needsReconsent(acceptedId, new Date());
   * ```
   */
  needsReconsent(acceptedVersionId: string, now: Date): boolean {
    return needsReconsent(this.versions, acceptedVersionId, now);
  }

  /**
   * The detailed answer for a grant or a refusal (see {@link reconsentCheck}).
   *
   * @example
   * ```ts
   * history.reconsentCheck({ versionId: acceptedId, decision: 'RET' }, new Date()).reason; // 'REFUSAL_STANDS'
   * ```
   */
  reconsentCheck(
    decision: { readonly versionId: string; readonly decision: ConsentStatus },
    now: Date,
  ): ReconsentCheck {
    return reconsentCheck(this.versions, decision, now);
  }
}
