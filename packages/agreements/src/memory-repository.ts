/**
 * An in-memory {@link AgreementRepository}: for tests, demos and single-process tools.
 */
import {
  type AcceptanceInput,
  type AcceptanceQuery,
  type AcceptanceRecord,
  MAX_ACCEPTANCE_PAGE,
} from './acceptance.js';
import type { ContentHash } from './canonical.js';
import { type DocumentKey, documentKeyString, sameDocument } from './document.js';
import type { AgreementRepository, CommitResult, DocumentFilter, DocumentSnapshot } from './repository.js';
import { AgreementsError } from './result.js';
import type { AgreementVersion, VersionChange } from './version.js';

interface StoredDocument {
  readonly key: DocumentKey;
  sequence: number;
  readonly versions: Map<string, AgreementVersion>;
}

/**
 * Keeps documents and the acceptance ledger in memory. Every read returns copies, so callers can
 * never change what is stored; commits are atomic (JavaScript runs them without interleaving).
 *
 * @example
 * ```ts
 * const repository = new InMemoryAgreementRepository();
 * const service = new AgreementService({ repository });
 * ```
 */
export class InMemoryAgreementRepository implements AgreementRepository {
  readonly #documents = new Map<string, StoredDocument>();
  readonly #acceptances: AcceptanceRecord[] = [];
  #seq = 0;

  /**
   * {@inheritDoc AgreementRepository.loadDocument}
   *
   * @example
   * ```ts
   * await new InMemoryAgreementRepository().loadDocument(key); // { sequence: 0, versions: [] }
   * ```
   */
  async loadDocument(document: DocumentKey): Promise<DocumentSnapshot> {
    const stored = this.#documents.get(documentKeyString(document));
    if (!stored) return { sequence: 0, versions: [] };
    return {
      sequence: stored.sequence,
      versions: [...stored.versions.values()].sort((a, b) => a.revision - b.revision).map(copy),
    };
  }

  /**
   * {@inheritDoc AgreementRepository.commit}
   *
   * @example
   * ```ts
   * const r = await repository.commit(key, 0, [{ type: 'put', version }]);
   * r.ok; // true the first time, CONFLICT for a second commit expecting 0
   * ```
   */
  async commit(
    document: DocumentKey,
    expectedSequence: number,
    changes: readonly VersionChange[],
  ): Promise<CommitResult> {
    const key = documentKeyString(document);
    for (const c of changes) {
      if (c.type === 'put' && !sameDocument(c.version.document, document)) {
        throw new AgreementsError(
          `a change for ${documentKeyString(c.version.document)} was committed to ${key}`,
          'REPOSITORY_CONTRACT',
        );
      }
    }
    const stored = this.#documents.get(key);
    const current = stored?.sequence ?? 0;
    if (current !== expectedSequence) return { ok: false, reason: 'CONFLICT', sequence: current };
    const target: StoredDocument = stored ?? { key: copy(document), sequence: 0, versions: new Map() };
    for (const c of changes) {
      if (c.type === 'put') target.versions.set(c.version.id, copy(c.version));
      else target.versions.delete(c.id);
    }
    // A document whose last draft was discarded stays, empty, so its sequence keeps counting.
    target.sequence = current + 1;
    this.#documents.set(key, target);
    return { ok: true, sequence: target.sequence };
  }

  /**
   * {@inheritDoc AgreementRepository.findVersionsById}
   *
   * @example
   * ```ts
   * await repository.findVersionsById(id);
   * ```
   */
  async findVersionsById(id: ContentHash): Promise<readonly AgreementVersion[]> {
    const out: AgreementVersion[] = [];
    for (const k of [...this.#documents.keys()].sort()) {
      const v = this.#documents.get(k)!.versions.get(id);
      if (v) out.push(copy(v));
    }
    return out;
  }

  /**
   * {@inheritDoc AgreementRepository.listDocuments}
   *
   * @example
   * ```ts
   * await repository.listDocuments({ kind: 'KVKK_AYDINLATMA' });
   * ```
   */
  async listDocuments(filter: DocumentFilter = {}): Promise<readonly DocumentKey[]> {
    return [...this.#documents.entries()]
      .filter(([, d]) => d.versions.size > 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, d]) => d.key)
      .filter(
        (k) =>
          (filter.brand === undefined || k.brand === filter.brand) &&
          (filter.kind === undefined || k.kind === filter.kind) &&
          (filter.channel === undefined || k.channel === filter.channel) &&
          (filter.locale === undefined || k.locale === filter.locale),
      )
      .map(copy);
  }

  /**
   * {@inheritDoc AgreementRepository.appendAcceptance}
   *
   * @example
   * ```ts
   * const record = await repository.appendAcceptance(input, new Date());
   * ```
   */
  async appendAcceptance(input: AcceptanceInput, recordedAt: Date): Promise<AcceptanceRecord> {
    const record: AcceptanceRecord = {
      ...copy(input),
      seq: ++this.#seq,
      recordedAt: new Date(recordedAt.getTime()),
    };
    this.#acceptances.push(record);
    return copy(record);
  }

  /**
   * {@inheritDoc AgreementRepository.listAcceptances}
   *
   * @example
   * ```ts
   * await repository.listAcceptances({ subject: 'subj_1' });
   * ```
   */
  async listAcceptances(query: AcceptanceQuery): Promise<readonly AcceptanceRecord[]> {
    const limit = Math.max(0, Math.min(query.limit ?? MAX_ACCEPTANCE_PAGE, MAX_ACCEPTANCE_PAGE));
    const out: AcceptanceRecord[] = [];
    for (const r of this.#acceptances) {
      if (out.length >= limit) break;
      if (query.afterSeq !== undefined && r.seq <= query.afterSeq) continue;
      if (query.subject !== undefined && r.subject !== query.subject) continue;
      if (query.document !== undefined && !sameDocument(r.document, query.document)) continue;
      if (query.versionId !== undefined && r.versionId !== query.versionId) continue;
      if (query.decision !== undefined && r.decision !== query.decision) continue;
      out.push(copy(r));
    }
    return out;
  }
}

function copy<T>(value: T): T {
  return structuredClone(value);
}
