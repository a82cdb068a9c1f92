/**
 * The storage port: what a repository for agreements must do. Rules live above it (in
 * {@link AgreementService} and the pure planners), so the in-memory repository here and the
 * PostgreSQL one in `@izinkit/postgres` behave the same; both run the same conformance suite.
 */
import type { AcceptanceInput, AcceptanceQuery, AcceptanceRecord } from './acceptance.js';
import type { ContentHash } from './canonical.js';
import type { AgreementChannel, AgreementKind, AgreementLocale, DocumentKey } from './document.js';
import type { AgreementVersion, VersionChange } from './version.js';

/**
 * A document as loaded: its versions and its sequence number, which every successful commit
 * increases by one (0 for a document with no versions yet).
 *
 * @example
 * ```ts
 * const snap: DocumentSnapshot = await repository.loadDocument(key);
 * snap.sequence; // 0 for a new document
 * ```
 */
export interface DocumentSnapshot {
  /** Number of commits so far. */
  readonly sequence: number;
  /** The versions, by revision. */
  readonly versions: readonly AgreementVersion[];
}

/**
 * The outcome of {@link AgreementRepository.commit}: stored, or refused because the document
 * changed since it was loaded (optimistic concurrency).
 *
 * @example
 * ```ts
 * const r: CommitResult = await repository.commit(key, snap.sequence, changes);
 * if (!r.ok) {
 *   // reload and plan again
 * }
 * ```
 */
export type CommitResult =
  | {
      /** Stored. */
      readonly ok: true;
      /** The document's new sequence. */
      readonly sequence: number;
    }
  | {
      /** Nothing was stored. */
      readonly ok: false;
      /** The document changed since it was loaded. */
      readonly reason: 'CONFLICT';
      /** The document's current sequence. */
      readonly sequence: number;
    };

/**
 * Which documents to list; every field given must match.
 *
 * @example
 * ```ts
 * const f: DocumentFilter = { brand: '600123', kind: 'ETK_CONSENT' };
 * ```
 */
export interface DocumentFilter {
  /** Only this brand. */
  readonly brand?: string;
  /** Only this kind. */
  readonly kind?: AgreementKind;
  /** Only this channel. */
  readonly channel?: AgreementChannel;
  /** Only this locale. */
  readonly locale?: AgreementLocale;
}

/**
 * Storage for agreement versions and the acceptance ledger. All methods are asynchronous.
 *
 * Contract (checked by `agreementRepositoryConformance` in `@izinkit/test-utils/agreements`):
 * - `loadDocument` returns `{ sequence: 0, versions: [] }` for an unknown document, and versions
 *   sorted by revision, equal field for field (dates to the millisecond) to what was stored, and
 *   never aliased with objects the repository keeps.
 * - `commit` is atomic: when the document's sequence equals `expectedSequence`, it applies every
 *   change (`put` inserts or replaces the version with that id, `delete` removes it) and returns
 *   the new sequence (`expectedSequence + 1`); otherwise it changes nothing and returns
 *   `CONFLICT`. Two commits with the same expected sequence never both succeed. A change for a
 *   version of another document is a bug: the repository throws.
 * - `findVersionsById` returns every version with that id, in any document, sorted by
 *   {@link documentKeyString}.
 * - `listDocuments` returns the documents that have at least one version, sorted by
 *   {@link documentKeyString}.
 * - `appendAcceptance` stores a record with a `seq` greater than every earlier one.
 * - `listAcceptances` returns matching records by ascending `seq`, after `afterSeq`, at most
 *   `limit` (default and cap {@link MAX_ACCEPTANCE_PAGE}).
 *
 * The repository does not check lifecycle rules: {@link AgreementService} does, before it commits.
 *
 * @example
 * ```ts
 * const repository: AgreementRepository = new InMemoryAgreementRepository();
 * const service = new AgreementService({ repository });
 * ```
 */
export interface AgreementRepository {
  /**
   * Loads a document's versions and sequence.
   *
   * @example
   * ```ts
   * const { sequence, versions } = await repository.loadDocument(key);
   * ```
   */
  loadDocument(document: DocumentKey): Promise<DocumentSnapshot>;
  /**
   * Applies changes atomically if the document is still at `expectedSequence`.
   *
   * @example
   * ```ts
   * await repository.commit(key, 0, [{ type: 'put', version }]);
   * ```
   */
  commit(
    document: DocumentKey,
    expectedSequence: number,
    changes: readonly VersionChange[],
  ): Promise<CommitResult>;
  /**
   * Every version with this id, across documents.
   *
   * @example
   * ```ts
   * const same = await repository.findVersionsById(evidence.versionId);
   * ```
   */
  findVersionsById(id: ContentHash): Promise<readonly AgreementVersion[]>;
  /**
   * The documents that have versions.
   *
   * @example
   * ```ts
   * const docs = await repository.listDocuments({ brand: '600123' });
   * ```
   */
  listDocuments(filter?: DocumentFilter): Promise<readonly DocumentKey[]>;
  /**
   * Appends a decision to the ledger.
   *
   * @example
   * ```ts
   * const record = await repository.appendAcceptance(input, new Date());
   * record.seq;
   * ```
   */
  appendAcceptance(input: AcceptanceInput, recordedAt: Date): Promise<AcceptanceRecord>;
  /**
   * Reads the ledger.
   *
   * @example
   * ```ts
   * const page = await repository.listAcceptances({ versionId: id, limit: 100 });
   * ```
   */
  listAcceptances(query: AcceptanceQuery): Promise<readonly AcceptanceRecord[]>;
}
