import { createHash } from 'node:crypto';
import {
  appendLeafHash,
  canonicalize,
  checkpointOf,
  consistencyProofFromStore,
  EMPTY_LOG_STATE,
  type HashStore,
  inclusionProofFromStore,
  type LogState,
  leafHash,
  logRoot,
  logStateFromJSON,
  logStateToJSON,
  type NoteSigner,
  signCheckpoint,
  type TreeNode,
  type TreeNodeRef,
} from '@izinkit/evidence';
import type { Database, Queryable } from './database.js';
import { StorageError } from './errors.js';

const utf8 = new TextEncoder();

/**
 * A `HashStore` (@izinkit/evidence) over the `evidence_nodes` table: the complete-subtree hashes
 * inclusion and consistency proofs are read from.
 *
 * @example
 * ```ts
 * const proof = await inclusionProofFromStore(new PgHashStore(db), leafIndex, treeSize);
 * ```
 */
export class PgHashStore implements HashStore {
  readonly #q: Queryable;

  /** @param q - a database or an open transaction */
  constructor(q: Queryable) {
    this.#q = q;
  }

  /** Reads stored subtree hashes; `undefined` where a node is not stored. */
  async getNodes(refs: readonly TreeNodeRef[]): Promise<(Uint8Array | undefined)[]> {
    if (refs.length === 0) return [];
    const { rows } = await this.#q.query<{ level: number; idx: number; hash: Uint8Array }>(
      `select n.level, n.idx, n.hash from evidence_nodes n
         join unnest($1::int[], $2::bigint[]) as r(level, idx) on n.level = r.level and n.idx = r.idx`,
      [refs.map((r) => r.level), refs.map((r) => r.index)],
    );
    const found = new Map(rows.map((r) => [`${r.level}:${r.idx}`, new Uint8Array(r.hash)]));
    return refs.map((r) => found.get(`${r.level}:${r.index}`));
  }

  /** Stores subtree hashes (idempotent: a node is written once). */
  async putNodes(nodes: readonly TreeNode[]): Promise<void> {
    if (nodes.length === 0) return;
    await this.#q.query(
      `insert into evidence_nodes (level, idx, hash)
       select * from unnest($1::int[], $2::bigint[], $3::bytea[]) on conflict do nothing`,
      [nodes.map((n) => n.level), nodes.map((n) => n.index), nodes.map((n) => Buffer.from(n.hash))],
    );
  }
}

/**
 * One entry of the evidence log.
 *
 * @example
 * ```ts
 * const e = await log.entry(id);
 * JSON.parse(e!.canonical);
 * ```
 */
export interface EvidenceLogEntry {
  /** Row id (arrival order). */
  readonly id: number;
  /** What it is: `consent_evidence`, `consent_decision`, `audit`, `destruction`, `dsr` … */
  readonly kind: string;
  /** The leaf's data: RFC 8785 canonical JSON. */
  readonly canonical: string;
  /** Its index in the Merkle log, once sequenced. */
  readonly leafIndex: number | null;
  /** SHA-256(0x00 ‖ canonical), once sequenced. */
  readonly leafHash: Uint8Array | null;
  /** Keyed hash of the subject, if any. */
  readonly subjectHash: string | null;
  /** What it refers to (e.g. a consent key hash and decision id). */
  readonly ref: string | null;
  /** When it was appended. */
  readonly createdAt: Date;
}

/** An entry to queue in the evidence log. */
export interface EvidenceAppend {
  /** What it is (`audit`, `destruction`, `dsr` …). */
  readonly kind: string;
  /** Any JSON value; stored as its RFC 8785 canonical form, which becomes the leaf. */
  readonly record: unknown;
  /** Keyed hash of the subject, for lookups. */
  readonly subjectHash?: string;
  /** What it refers to. */
  readonly ref?: string;
}

/** @internal Queues one evidence entry (the single place entries are inserted one at a time). */
export async function appendEvidenceEntry(q: Queryable, entry: EvidenceAppend): Promise<AppendedEntry> {
  const { rows } = await q.query<{ id: number }>(
    'insert into evidence_entries (kind, canonical, subject_hash, ref) values ($1, $2, $3, $4) returning id',
    [entry.kind, canonicalize(entry.record), entry.subjectHash ?? null, entry.ref ?? null],
  );
  return { id: rows[0]!.id };
}

/** What one {@link EvidenceLogStore.sequence} call did. */
export interface SequenceResult {
  /** Entries integrated by this call (0 when the queue was empty or another sequencer runs). */
  readonly sequenced: number;
  /** The log's size afterwards. */
  readonly size: number;
  /** False when another process held the sequencer lock. */
  readonly ran: boolean;
}

/** Where an appended entry went. */
export interface AppendedEntry {
  /** Its evidence_entries row id. */
  readonly id: number;
}

/** The current tree head. */
export interface LogHead {
  /** Sequenced entries. */
  readonly size: number;
  /** The RFC 9162 root hash. */
  readonly root: Uint8Array;
}

/** An inclusion proof with the coordinates to verify it. */
export interface EntryInclusionProof {
  /** The entry's leaf index. */
  readonly leafIndex: number;
  /** The tree size the proof is for. */
  readonly treeSize: number;
  /** Sibling hashes, deepest first (RFC 9162 order). */
  readonly proof: Uint8Array[];
}

/** A stored signed checkpoint. */
export interface StoredCheckpoint {
  /** The tree size it commits to. */
  readonly treeSize: number;
  /** Its root hash. */
  readonly rootHash: Uint8Array;
  /** The signed C2SP checkpoint note. */
  readonly note: string;
  /** An RFC 3161 time-stamp token over it, if one was obtained. */
  readonly timestampToken: Uint8Array | null;
  /** When it was made. */
  readonly createdAt: Date;
}

/** Options of {@link EvidenceLogStore}. */
export interface EvidenceLogOptions {
  /** The database (migrated). */
  readonly db: Database;
  /** The log's origin line in checkpoints (e.g. `izinkit.example.com/evidence`). */
  readonly origin: string;
  /** Signs checkpoints (Ed25519 note signer from @izinkit/evidence). */
  readonly signer?: NoteSigner;
}

/**
 * The evidence log on PostgreSQL: an append-only RFC 9162 Merkle log with signed checkpoints.
 *
 * Appending is a plain insert that never waits (call {@link append} inside the transaction that
 * makes the change it proves). A sequencer — {@link sequence}, safe to call from any number of
 * processes, one runs at a time under an advisory lock — gives queued entries their leaf indexes,
 * stores the new tree nodes and the log state, and chains audit entries. {@link checkpoint} signs
 * the current tree head. Proofs come from the stored nodes.
 *
 * @example
 * ```ts
 * const log = new EvidenceLogStore({ db, origin: 'izinkit.local/evidence', signer });
 * const { id } = await log.append(db, { kind: 'destruction', record: destructionRecord });
 * await log.sequence();
 * const note = await log.checkpoint();
 * const proof = await log.inclusionProof(id);
 * ```
 */
export class EvidenceLogStore {
  readonly #db: Database;
  readonly #origin: string;
  readonly #signer: NoteSigner | undefined;

  /** @param options - database, origin and signer */
  constructor(options: EvidenceLogOptions) {
    this.#db = options.db;
    this.#origin = options.origin;
    this.#signer = options.signer;
  }

  /** The origin line of this log's checkpoints. */
  get origin(): string {
    return this.#origin;
  }

  /**
   * Queues an entry (any JSON value; stored as its RFC 8785 canonical form), in the caller's
   * transaction when `q` is one.
   *
   * @example
   * ```ts
   * await db.transaction((tx) => log.append(tx, { kind: 'dsr', record: { type: 'x', id } }));
   * ```
   */
  async append(q: Queryable, entry: EvidenceAppend): Promise<AppendedEntry> {
    return appendEvidenceEntry(q, entry);
  }

  /**
   * Integrates up to `limit` queued entries into the tree, in arrival order. Returns at once with
   * `ran: false` when another process is sequencing.
   *
   * @example
   * ```ts
   * setInterval(() => log.sequence().catch(report), 500);
   * ```
   */
  async sequence(options: { readonly limit?: number } = {}): Promise<SequenceResult> {
    const limit = options.limit ?? 5000;
    return this.#db.transaction(async (tx) => {
      const lock = await tx.query<{ ok: boolean }>('select pg_try_advisory_xact_lock(hashtext($1)) as ok', [
        `izinkit.evidence.sequencer.${this.#db.schema}`,
      ]);
      if (!lock.rows[0]!.ok) return { sequenced: 0, size: -1, ran: false };
      let state = await readState(tx, true);
      const { rows } = await tx.query<{ id: number; kind: string; canonical: string }>(
        'select id, kind, canonical from evidence_entries where leaf_index is null order by id limit $1',
        [limit],
      );
      if (rows.length === 0) return { sequenced: 0, size: state.size, ran: true };
      const nodes: TreeNode[] = [];
      const ids: number[] = [];
      const indexes: number[] = [];
      const leaves: Buffer[] = [];
      const audit: { id: number; canonical: string }[] = [];
      for (const r of rows) {
        const leaf = leafHash(utf8.encode(r.canonical));
        const appended = appendLeafHash(state, leaf);
        state = appended.state;
        for (const n of appended.nodes) nodes.push(n);
        ids.push(r.id);
        indexes.push(appended.index);
        leaves.push(Buffer.from(leaf));
        if (r.kind === 'audit') audit.push({ id: r.id, canonical: r.canonical });
      }
      await new PgHashStore(tx).putNodes(nodes);
      await tx.query(
        `update evidence_entries e set leaf_index = v.idx, leaf_hash = v.leaf, sequenced_at = now()
           from unnest($1::bigint[], $2::bigint[], $3::bytea[]) as v(id, idx, leaf) where e.id = v.id`,
        [ids, indexes, leaves],
      );
      await tx.query(
        'update evidence_log set size = $1, frontier = $2::jsonb, updated_at = now() where id = 1',
        [state.size, JSON.stringify(logStateToJSON(state).frontier)],
      );
      if (audit.length > 0) await chainAudit(tx, audit);
      return { sequenced: rows.length, size: state.size, ran: true };
    });
  }

  /**
   * The current tree size and root hash (sequenced entries only).
   *
   * @example
   * ```ts
   * const { size, root } = await log.head();
   * ```
   */
  async head(): Promise<LogHead> {
    const state = await readState(this.#db, false);
    return { size: state.size, root: logRoot(state) };
  }

  /**
   * Signs a checkpoint of the current tree head (C2SP tlog-checkpoint) and stores it; returns the
   * stored one if the head has not moved since.
   *
   * @throws {@link StorageError} `invalid_option` without a signer.
   *
   * @example
   * ```ts
   * const cp = await log.checkpoint();
   * console.log(cp.note);
   * ```
   */
  async checkpoint(): Promise<StoredCheckpoint> {
    if (!this.#signer) throw new StorageError('invalid_option', 'no checkpoint signer configured');
    const state = await readState(this.#db, false);
    const existing = await this.checkpointAt(state.size);
    if (existing) return existing;
    const note = signCheckpoint(checkpointOf(this.#origin, state), this.#signer);
    await this.#db.query(
      `insert into evidence_checkpoints (tree_size, root_hash, note) values ($1, $2, $3) on conflict (tree_size) do nothing`,
      [state.size, Buffer.from(logRoot(state)), note],
    );
    return (await this.checkpointAt(state.size))!;
  }

  /**
   * Attaches an RFC 3161 time-stamp token to a stored checkpoint.
   *
   * @example
   * ```ts
   * await log.attachTimestamp(cp.treeSize, tokenBytes);
   * ```
   */
  async attachTimestamp(treeSize: number, token: Uint8Array): Promise<void> {
    await this.#db.query('update evidence_checkpoints set timestamp_token = $2 where tree_size = $1', [
      treeSize,
      Buffer.from(token),
    ]);
  }

  /**
   * The stored checkpoint for a tree size, or `null`.
   *
   * @example
   * ```ts
   * const cp = await log.checkpointAt(1000);
   * ```
   */
  async checkpointAt(treeSize: number): Promise<StoredCheckpoint | null> {
    const { rows } = await this.#db.query<CheckpointRow>(
      'select * from evidence_checkpoints where tree_size = $1',
      [treeSize],
    );
    return rows[0] ? toCheckpoint(rows[0]) : null;
  }

  /**
   * The newest stored checkpoint, or `null`.
   *
   * @example
   * ```ts
   * const cp = await log.latestCheckpoint();
   * ```
   */
  async latestCheckpoint(): Promise<StoredCheckpoint | null> {
    const { rows } = await this.#db.query<CheckpointRow>(
      'select * from evidence_checkpoints order by tree_size desc limit 1',
    );
    return rows[0] ? toCheckpoint(rows[0]) : null;
  }

  /**
   * One entry by id, or `null`.
   *
   * @example
   * ```ts
   * const e = await log.entry(42);
   * ```
   */
  async entry(id: number): Promise<EvidenceLogEntry | null> {
    const { rows } = await this.#db.query<EntryRow>('select * from evidence_entries where id = $1', [id]);
    return rows[0] ? toEntry(rows[0]) : null;
  }

  /**
   * Entries, newest first, with optional filters and keyset paging.
   *
   * @example
   * ```ts
   * const mine = await log.entries({ subjectHash, limit: 20 });
   * ```
   */
  async entries(
    query: {
      readonly kind?: string;
      readonly subjectHash?: string;
      readonly ref?: string;
      readonly beforeId?: number;
      readonly limit?: number;
    } = {},
  ): Promise<EvidenceLogEntry[]> {
    const { rows } = await this.#db.query<EntryRow>(
      `select * from evidence_entries
        where ($1::text is null or kind = $1) and ($2::text is null or subject_hash = $2)
          and ($3::text is null or ref = $3) and ($4::bigint is null or id < $4)
        order by id desc limit $5`,
      [
        query.kind ?? null,
        query.subjectHash ?? null,
        query.ref ?? null,
        query.beforeId ?? null,
        Math.min(Math.max(query.limit ?? 50, 1), 1000),
      ],
    );
    return rows.map(toEntry);
  }

  /**
   * The inclusion proof of a sequenced entry in the tree of `treeSize` leaves (default: the
   * current size).
   *
   * @throws {@link StorageError} `not_found` for an unknown or not yet sequenced entry.
   *
   * @example
   * ```ts
   * const { leafIndex, treeSize, proof } = await log.inclusionProof(id);
   * ```
   */
  async inclusionProof(id: number, treeSize?: number): Promise<EntryInclusionProof> {
    const e = await this.entry(id);
    if (!e || e.leafIndex === null) {
      throw new StorageError(
        'not_found',
        `Kanıt kaydı henüz günlükte değil / evidence entry ${id} is not sequenced yet`,
      );
    }
    const size = treeSize ?? (await readState(this.#db, false)).size;
    const proof = await inclusionProofFromStore(new PgHashStore(this.#db), e.leafIndex, size);
    return { leafIndex: e.leafIndex, treeSize: size, proof };
  }

  /**
   * The consistency proof between two tree sizes.
   *
   * @example
   * ```ts
   * const proof = await log.consistencyProof(1000, 2000);
   * ```
   */
  async consistencyProof(oldSize: number, newSize: number): Promise<Uint8Array[]> {
    return consistencyProofFromStore(new PgHashStore(this.#db), oldSize, newSize);
  }
}

/** Chains newly sequenced audit entries in leaf order: hash = SHA-256(prev_hash ‖ canonical). */
async function chainAudit(
  tx: Queryable,
  entries: readonly { id: number; canonical: string }[],
): Promise<void> {
  const last = await tx.query<{ hash: string }>(
    `select a.hash from audit_log a join evidence_entries e on e.id = a.evidence_id
      where a.hash is not null order by e.leaf_index desc limit 1`,
  );
  let prev = last.rows[0]?.hash ?? '';
  const ids: number[] = [];
  const prevs: string[] = [];
  const hashes: string[] = [];
  for (const e of entries) {
    const hash = createHash('sha256').update(prev).update(e.canonical).digest('hex');
    ids.push(e.id);
    prevs.push(prev);
    hashes.push(hash);
    prev = hash;
  }
  await tx.query(
    `update audit_log a set prev_hash = v.prev, hash = v.hash
       from unnest($1::bigint[], $2::text[], $3::text[]) as v(evidence_id, prev, hash) where a.evidence_id = v.evidence_id`,
    [ids, prevs, hashes],
  );
}

async function readState(q: Queryable, lock: boolean): Promise<LogState> {
  const { rows } = await q.query<{ size: number; frontier: string[] }>(
    `select size, frontier from evidence_log where id = 1${lock ? ' for update' : ''}`,
  );
  if (!rows[0]) return EMPTY_LOG_STATE;
  const parsed = logStateFromJSON({ size: rows[0].size, frontier: rows[0].frontier });
  if (!parsed.ok)
    throw new StorageError('query_failed', `evidence log state is corrupt: ${parsed.error.message}`);
  return parsed.value;
}

interface EntryRow {
  id: number;
  kind: string;
  canonical: string;
  leaf_index: number | null;
  leaf_hash: Uint8Array | null;
  subject_hash: string | null;
  ref: string | null;
  created_at: Date;
}

function toEntry(r: EntryRow): EvidenceLogEntry {
  return {
    id: r.id,
    kind: r.kind,
    canonical: r.canonical,
    leafIndex: r.leaf_index,
    leafHash: r.leaf_hash ? new Uint8Array(r.leaf_hash) : null,
    subjectHash: r.subject_hash,
    ref: r.ref,
    createdAt: r.created_at,
  };
}

interface CheckpointRow {
  tree_size: number;
  root_hash: Uint8Array;
  note: string;
  timestamp_token: Uint8Array | null;
  created_at: Date;
}

function toCheckpoint(r: CheckpointRow): StoredCheckpoint {
  return {
    treeSize: r.tree_size,
    rootHash: new Uint8Array(r.root_hash),
    note: r.note,
    timestampToken: r.timestamp_token ? new Uint8Array(r.timestamp_token) : null,
    createdAt: r.created_at,
  };
}
