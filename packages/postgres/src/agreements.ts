import {
  type AcceptanceInput,
  type AcceptanceQuery,
  type AcceptanceRecord,
  type AgreementRepository,
  type AgreementVersion,
  type CommitResult,
  type ContentHash,
  type DocumentFilter,
  type DocumentKey,
  type DocumentSnapshot,
  MAX_ACCEPTANCE_PAGE,
  sameDocument,
  type VersionChange,
} from '@izinkit/agreements';
import type { Database } from './database.js';
import { StorageError } from './errors.js';

const DATE_FIELDS = ['createdAt', 'publishedAt', 'effectiveFrom', 'retiredAt'] as const;

/** JSON for a version: dates as ISO strings, absent fields absent. */
function toJson(v: AgreementVersion): string {
  const o: Record<string, unknown> = { ...v };
  for (const f of DATE_FIELDS) if (v[f] !== undefined) o[f] = v[f]!.toISOString();
  return JSON.stringify(o);
}

function fromJson(json: Record<string, unknown>): AgreementVersion {
  const o: Record<string, unknown> = { ...json };
  for (const f of DATE_FIELDS) if (typeof o[f] === 'string') o[f] = new Date(o[f] as string);
  return o as unknown as AgreementVersion;
}

interface AcceptanceRow {
  seq: number;
  subject: string;
  brand: string;
  kind: string;
  channel: string;
  locale: string;
  version_id: string;
  rendered_hash: string;
  decision: 'ONAY' | 'RET';
  at: Date;
  evidence_id: string | null;
  recorded_at: Date;
}

function toAcceptance(r: AcceptanceRow): AcceptanceRecord {
  const base = {
    subject: r.subject,
    document: { brand: r.brand, kind: r.kind, channel: r.channel, locale: r.locale } as DocumentKey,
    versionId: r.version_id as ContentHash,
    renderedHash: r.rendered_hash as ContentHash,
    decision: r.decision,
    at: r.at,
    seq: r.seq,
    recordedAt: r.recorded_at,
  };
  return r.evidence_id === null ? base : { ...base, evidenceId: r.evidence_id };
}

/**
 * The PostgreSQL implementation of @izinkit/agreements' `AgreementRepository`: documents with an
 * optimistic-concurrency sequence, their versions, and the acceptance ledger. It passes the same
 * conformance suite as the in-memory repository.
 *
 * @example
 * ```ts
 * import { AgreementService } from '@izinkit/agreements';
 * const agreements = new AgreementService({ repository: new PgAgreementRepository(db) });
 * ```
 */
export class PgAgreementRepository implements AgreementRepository {
  readonly #db: Database;

  /** @param db - the database (migrated) */
  constructor(db: Database) {
    this.#db = db;
  }

  /** The document's versions (by revision) and its sequence; sequence 0 and no versions when unknown. */
  async loadDocument(document: DocumentKey): Promise<DocumentSnapshot> {
    const { rows } = await this.#db.query<{
      sequence: number | null;
      version: Record<string, unknown> | null;
    }>(
      `select d.sequence, v.version from agreement_documents d
         left join agreement_versions v using (brand, kind, channel, locale)
        where d.brand = $1 and d.kind = $2 and d.channel = $3 and d.locale = $4
        order by v.revision`,
      [document.brand, document.kind, document.channel, document.locale],
    );
    if (rows.length === 0) return { sequence: 0, versions: [] };
    return {
      sequence: rows[0]!.sequence ?? 0,
      versions: rows.filter((r) => r.version !== null).map((r) => fromJson(r.version!)),
    };
  }

  /** Applies version changes atomically when the document is still at `expectedSequence` (compare-and-set); otherwise `CONFLICT` with the current sequence. */
  async commit(
    document: DocumentKey,
    expectedSequence: number,
    changes: readonly VersionChange[],
  ): Promise<CommitResult> {
    for (const c of changes) {
      if (c.type === 'put' && !sameDocument(c.version.document, document)) {
        throw new StorageError('invalid_option', 'a version was committed to another document');
      }
    }
    const k = [document.brand, document.kind, document.channel, document.locale];
    return this.#db.transaction(async (tx) => {
      // Compare-and-set on the sequence: exactly one of several racing commits moves it.
      const moved =
        expectedSequence === 0
          ? await tx.query<{ sequence: number }>(
              `insert into agreement_documents (brand, kind, channel, locale, sequence) values ($1, $2, $3, $4, 1)
               on conflict do nothing returning sequence`,
              k,
            )
          : await tx.query<{ sequence: number }>(
              `update agreement_documents set sequence = sequence + 1
                where brand = $1 and kind = $2 and channel = $3 and locale = $4 and sequence = $5 returning sequence`,
              [...k, expectedSequence],
            );
      if (moved.rows.length === 0) {
        const cur = await tx.query<{ sequence: number }>(
          'select sequence from agreement_documents where brand = $1 and kind = $2 and channel = $3 and locale = $4',
          k,
        );
        return { ok: false, reason: 'CONFLICT', sequence: cur.rows[0]?.sequence ?? 0 };
      }
      for (const c of changes) {
        if (c.type === 'put') {
          await tx.query(
            `insert into agreement_versions (brand, kind, channel, locale, id, revision, status, version)
             values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
             on conflict (brand, kind, channel, locale, id)
             do update set revision = excluded.revision, status = excluded.status, version = excluded.version`,
            [...k, c.version.id, c.version.revision, c.version.status, toJson(c.version)],
          );
        } else {
          await tx.query(
            'delete from agreement_versions where brand = $1 and kind = $2 and channel = $3 and locale = $4 and id = $5',
            [...k, c.id],
          );
        }
      }
      return { ok: true, sequence: moved.rows[0]!.sequence };
    });
  }

  /** Every stored version with this content id, across documents. */
  async findVersionsById(id: ContentHash): Promise<readonly AgreementVersion[]> {
    const { rows } = await this.#db.query<{ version: Record<string, unknown> }>(
      'select version from agreement_versions where id = $1 order by brand, kind, channel, locale',
      [id],
    );
    return rows.map((r) => fromJson(r.version));
  }

  /** Documents that hold at least one version, in key order, filtered. */
  async listDocuments(filter: DocumentFilter = {}): Promise<readonly DocumentKey[]> {
    const { rows } = await this.#db.query<DocumentKey>(
      `select d.brand, d.kind, d.channel, d.locale from agreement_documents d
        where exists (select 1 from agreement_versions v
                       where v.brand = d.brand and v.kind = d.kind and v.channel = d.channel and v.locale = d.locale)
          and ($1::text is null or d.brand = $1) and ($2::text is null or d.kind = $2)
          and ($3::text is null or d.channel = $3) and ($4::text is null or d.locale = $4)
        order by d.brand, d.kind, d.channel, d.locale`,
      [filter.brand ?? null, filter.kind ?? null, filter.channel ?? null, filter.locale ?? null],
    );
    return rows.map((r) => ({ brand: r.brand, kind: r.kind, channel: r.channel, locale: r.locale }));
  }

  /** Appends an acceptance (or refusal) to the ledger with the next `seq`. */
  async appendAcceptance(input: AcceptanceInput, recordedAt: Date): Promise<AcceptanceRecord> {
    const { rows } = await this.#db.query<AcceptanceRow>(
      `insert into agreement_acceptances (subject, brand, kind, channel, locale, version_id, rendered_hash, decision, at, evidence_id, recorded_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning *`,
      [
        input.subject,
        input.document.brand,
        input.document.kind,
        input.document.channel,
        input.document.locale,
        input.versionId,
        input.renderedHash,
        input.decision,
        input.at,
        input.evidenceId ?? null,
        recordedAt,
      ],
    );
    return toAcceptance(rows[0]!);
  }

  /** Ledger entries in `seq` order, filtered and paged (`afterSeq`, `limit`). */
  async listAcceptances(query: AcceptanceQuery): Promise<readonly AcceptanceRecord[]> {
    const limit = Math.max(0, Math.min(query.limit ?? MAX_ACCEPTANCE_PAGE, MAX_ACCEPTANCE_PAGE));
    const d = query.document;
    const { rows } = await this.#db.query<AcceptanceRow>(
      `select * from agreement_acceptances
        where ($1::bigint is null or seq > $1) and ($2::text is null or subject = $2)
          and ($3::text is null or (brand = $3 and kind = $4 and channel = $5 and locale = $6))
          and ($7::text is null or version_id = $7) and ($8::text is null or decision = $8)
        order by seq limit $9`,
      [
        query.afterSeq ?? null,
        query.subject ?? null,
        d?.brand ?? null,
        d?.kind ?? null,
        d?.channel ?? null,
        d?.locale ?? null,
        query.versionId ?? null,
        query.decision ?? null,
        limit,
      ],
    );
    return rows.map(toAcceptance);
  }
}
