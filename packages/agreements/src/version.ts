/**
 * One version of an agreement document, as it is stored.
 */
import { z } from 'zod';
import { type ContentHash, ContentHashSchema } from './canonical.js';
import { type DocumentKey, DocumentKeySchema } from './document.js';

/** The lifecycle statuses, in order: a version only ever moves forward. */
export const VERSION_STATUSES = ['draft', 'published', 'retired'] as const;

/**
 * Where a version is in its lifecycle `draft → published → retired`:
 * - `draft` — written, not yet shown to anyone; may be discarded;
 * - `published` — the document's current publication (at most one per document); it is in force
 *   from its `effectiveFrom`;
 * - `retired` — superseded by a later publication, or withdrawn; `retiredAt` says when it stopped
 *   (or stops) being in force. A version superseded by a publication with a future effective date
 *   is already `retired` but stays in force until then: use {@link versionAt} for the time view.
 *
 * @example
 * ```ts
 * const s: VersionStatus = 'published';
 * ```
 */
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/**
 * Why a retired version stopped being in force: replaced by a later publication (`superseded`) or
 * withdrawn with nothing in its place (`withdrawn`).
 *
 * @example
 * ```ts
 * const r: RetireReason = 'superseded';
 * ```
 */
export type RetireReason = 'superseded' | 'withdrawn';

/**
 * One version of an agreement document. The id is the {@link contentHash} of the template text, so
 * the same text always has the same id and a changed text never does; within a document an id
 * appears once.
 *
 * @example
 * ```ts
 * const v: AgreementVersion = {
 *   id: contentHash('Metin'),
 *   document: { brand: '600123', kind: 'CUSTOM_TERMS', channel: 'ANY', locale: 'tr' },
 *   revision: 1,
 *   text: 'Metin\n',
 *   status: 'draft',
 *   material: true,
 *   changeNote: 'İlk sürüm',
 *   author: 'ayse@example.com',
 *   createdAt: new Date('2025-01-01T09:00:00Z'),
 * };
 * ```
 */
export interface AgreementVersion {
  /** SHA-256 (hex) of the canonical template text. */
  readonly id: ContentHash;
  /** The document the version belongs to. */
  readonly document: DocumentKey;
  /** 1-based position among the document's versions, in order of creation. */
  readonly revision: number;
  /** The canonical template text. */
  readonly text: string;
  /** Lifecycle status. */
  readonly status: VersionStatus;
  /**
   * Whether this version changes the document materially compared with the publication before
   * it. Publishing a material version invalidates grants of earlier versions (re-consent needed);
   * refusals are never invalidated. Meaningless for the first publication.
   */
  readonly material: boolean;
  /** What changed and why, for reviewers and auditors. */
  readonly changeNote: string;
  /** Who wrote the version. */
  readonly author: string;
  /** When the draft was created. */
  readonly createdAt: Date;
  /** When it was published. */
  readonly publishedAt?: Date;
  /** Who published it. */
  readonly publishedBy?: string;
  /** The instant from which it is in force (set at publication). */
  readonly effectiveFrom?: Date;
  /** The instant from which it is no longer in force (set when retired). */
  readonly retiredAt?: Date;
  /** Who retired it (for `superseded`, the publisher of the successor). */
  readonly retiredBy?: string;
  /** Why it was retired. */
  readonly retireReason?: RetireReason;
  /** The version that replaced it, for `superseded`. */
  readonly supersededBy?: ContentHash;
  /** A note given when it was withdrawn. */
  readonly retireNote?: string;
}

/**
 * zod schema for {@link AgreementVersion} — for repositories that read versions back from storage
 * and want to check them. Dates must be `Date` objects.
 *
 * @example
 * ```ts
 * AgreementVersionSchema.safeParse({ id: 'x' }).success; // false
 * ```
 */
export const AgreementVersionSchema: z.ZodType<AgreementVersion> = z.object({
  id: ContentHashSchema,
  document: DocumentKeySchema,
  revision: z.number().int().positive(),
  text: z.string().min(1),
  status: z.enum(VERSION_STATUSES),
  material: z.boolean(),
  changeNote: z.string(),
  author: z.string().min(1),
  createdAt: z.date(),
  publishedAt: z.date().optional(),
  publishedBy: z.string().optional(),
  effectiveFrom: z.date().optional(),
  retiredAt: z.date().optional(),
  retiredBy: z.string().optional(),
  retireReason: z.enum(['superseded', 'withdrawn']).optional(),
  supersededBy: ContentHashSchema.optional(),
  retireNote: z.string().optional(),
}) as z.ZodType<AgreementVersion>;

/**
 * A change to a document's versions, as a repository applies it: store a version (new or
 * updated), or delete a discarded draft.
 *
 * @example
 * ```ts
 * const c: VersionChange = { type: 'delete', id: contentHash('Taslak') };
 * ```
 */
export type VersionChange =
  | {
      /** Insert or replace. */
      readonly type: 'put';
      /** The version to store (replaces the one with the same id). */
      readonly version: AgreementVersion;
    }
  | {
      /** Remove a discarded draft. */
      readonly type: 'delete';
      /** The draft's id. */
      readonly id: ContentHash;
    };
