/**
 * The incremental, append-only RFC 9162 log.
 *
 * The log is split into three storage-friendly parts:
 * - {@link LogState}: the tree size and its *frontier* — the hashes of the perfect subtrees that
 *   make up the tree, one per set bit of the size (at most 53 hashes). It is all an append needs,
 *   and it serialises to a small JSON value ({@link logStateToJSON}).
 * - {@link HashStore}: an asynchronous store of the hashes of perfect subtrees, keyed by
 *   (level, index). Each is written once, when it becomes complete, and never changes — an
 *   append-only table. {@link MemoryHashStore} keeps it in memory; `@izinkit/postgres` will keep
 *   it in PostgreSQL.
 * - pure functions between them: {@link appendLeafHash} returns the new state and the nodes to
 *   write; the proof functions ask the store for the nodes a proof needs, in one batch.
 *
 * {@link MerkleLog} wires the three together for the common case.
 */
import { z } from 'zod';
import { EvidenceError, EvidenceRangeError, EvidenceTypeError } from './errors.js';
import { equalBytes, fromBase64, isBytes, toBase64 } from './internal/bytes.js';
import { EMPTY_ROOT, hashChildren } from './internal/hash.js';
import {
  checkSize,
  consistencyRanges,
  inclusionRanges,
  type NodeRef,
  rangePieces,
} from './internal/tree-math.js';
import { HASH_SIZE, leafHash } from './merkle.js';
import type { Problem, Result } from './result.js';

/**
 * The position of a perfect subtree: the 2^`level` leaves starting at leaf `index` · 2^`level`.
 * Level 0 nodes are the leaf hashes themselves.
 *
 * @example
 * ```ts
 * const fourthPair: TreeNodeRef = { level: 1, index: 3 }; // leaves 6 and 7
 * ```
 */
export interface TreeNodeRef {
  /** Height of the subtree: it spans 2^level leaves. */
  readonly level: number;
  /** Position among the subtrees of that level, from 0. */
  readonly index: number;
}

/**
 * A perfect subtree with its hash, as a {@link HashStore} keeps it.
 *
 * @example
 * ```ts
 * const n: TreeNode = { level: 0, index: 0, hash: leafHash(new Uint8Array([1])) };
 * ```
 */
export interface TreeNode extends TreeNodeRef {
  /** The Merkle Tree Hash of the subtree (32 bytes). */
  readonly hash: Uint8Array;
}

/**
 * The whole state an append needs: the size and the frontier (the hashes of the perfect
 * subtrees that make up the tree, largest and leftmost first — one per set bit of `size`).
 *
 * @example
 * ```ts
 * const s: LogState = EMPTY_LOG_STATE;
 * s.size; // 0
 * ```
 */
export interface LogState {
  /** Number of leaves. */
  readonly size: number;
  /** Hashes of the perfect subtrees covering the leaves, leftmost (largest) first. */
  readonly frontier: readonly Uint8Array[];
}

/**
 * The state of the empty log.
 *
 * @example
 * ```ts
 * logRoot(EMPTY_LOG_STATE); // SHA-256 of the empty string
 * ```
 */
export const EMPTY_LOG_STATE: LogState = Object.freeze({ size: 0, frontier: Object.freeze([]) });

/**
 * What {@link appendLeafHash} returns: the next state, the leaf's index and the perfect subtrees
 * that became complete (the leaf itself first, then each finished parent) — write them to the
 * {@link HashStore} together with the state.
 *
 * @example
 * ```ts
 * const { state, index, nodes } = appendLeafHash(EMPTY_LOG_STATE, leafHash(new Uint8Array([1])));
 * ```
 */
export interface AppendResult {
  /** The state after the append. */
  readonly state: LogState;
  /** Index of the appended leaf. */
  readonly index: number;
  /** The nodes completed by this append, leaf first. */
  readonly nodes: TreeNode[];
}

function popcount(n: number): number {
  let c = 0;
  let x = n;
  while (x > 0) {
    if (x % 2 === 1) c++;
    x = Math.floor(x / 2);
  }
  return c;
}

function checkState(state: LogState): void {
  if (
    typeof state !== 'object' ||
    state === null ||
    !Array.isArray(state.frontier) ||
    typeof state.size !== 'number'
  ) {
    throw new EvidenceTypeError('not a log state');
  }
  checkSize(state.size, 'state.size');
}

/**
 * Appends one leaf hash to the log state. Pure, and O(log n) in the worst case (amortised O(1)):
 * the new leaf merges with the frontier's trailing subtrees of equal size, exactly as the
 * binary representation of the size carries.
 *
 * @example
 * ```ts
 * let s = EMPTY_LOG_STATE;
 * for (const e of ['a', 'b', 'c']) s = appendLeafHash(s, leafHash(new TextEncoder().encode(e))).state;
 * s.size; // 3
 * ```
 */
export function appendLeafHash(state: LogState, leaf: Uint8Array): AppendResult {
  checkState(state);
  if (!isBytes(leaf, HASH_SIZE)) throw new EvidenceTypeError('a leaf hash must be 32 bytes');
  if (state.size >= Number.MAX_SAFE_INTEGER) throw new EvidenceRangeError('the log is full');
  const index = state.size;
  const frontier = state.frontier.slice();
  const nodes: TreeNode[] = [{ level: 0, index, hash: leaf }];
  let h = leaf;
  let level = 0;
  let i = index;
  // Each trailing 1 bit of the old size is a complete subtree of the same size as `h`: merge.
  while (i % 2 === 1) {
    const left = frontier.pop()!;
    h = hashChildren(left, h);
    level++;
    i = (i - 1) / 2;
    nodes.push({ level, index: i, hash: h });
  }
  frontier.push(h);
  return { state: { size: index + 1, frontier }, index, nodes };
}

/**
 * The root hash (RFC 9162 MTH) of the log in `state`: the frontier folded from the right.
 *
 * @example
 * ```ts
 * logRoot(appendLeafHash(EMPTY_LOG_STATE, leafHash(new Uint8Array([7]))).state); // = leafHash([7])
 * ```
 */
export function logRoot(state: LogState): Uint8Array {
  checkState(state);
  const f = state.frontier;
  if (f.length === 0) return EMPTY_ROOT.slice();
  let r = f[f.length - 1]!;
  for (let i = f.length - 2; i >= 0; i--) r = hashChildren(f[i]!, r);
  return r === f[f.length - 1] ? r.slice() : r;
}

/**
 * The JSON form of a {@link LogState}: the size and the frontier hashes in base64.
 *
 * @example
 * ```ts
 * const j: LogStateJSON = { size: 0, frontier: [] };
 * ```
 */
export interface LogStateJSON {
  /** Number of leaves. */
  readonly size: number;
  /** Frontier hashes, standard base64, leftmost first. */
  readonly frontier: readonly string[];
}

/**
 * zod schema for {@link LogStateJSON} (shape only; {@link logStateFromJSON} also checks that the
 * frontier has one hash per set bit of the size).
 *
 * @example
 * ```ts
 * LogStateJSONSchema.parse({ size: 0, frontier: [] });
 * ```
 */
export const LogStateJSONSchema: z.ZodType<LogStateJSON> = z.object({
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  frontier: z.array(z.string()),
});

/**
 * Serialises a log state to JSON-ready data (for a database row or a file).
 *
 * @example
 * ```ts
 * JSON.stringify(logStateToJSON(EMPTY_LOG_STATE)); // '{"size":0,"frontier":[]}'
 * ```
 */
export function logStateToJSON(state: LogState): LogStateJSON {
  checkState(state);
  return { size: state.size, frontier: state.frontier.map(toBase64) };
}

/** Codes of {@link logStateFromJSON} failures. */
export type LogStateErrorCode = 'LOG_STATE_INVALID';

/**
 * Parses a serialised log state, checking its shape, every hash, and that the frontier has
 * exactly one hash per set bit of the size.
 *
 * @example
 * ```ts
 * const r = logStateFromJSON({ size: 0, frontier: [] });
 * if (r.ok) console.log(r.value.size); // 0
 * ```
 */
export function logStateFromJSON(json: unknown): Result<LogState, Problem<LogStateErrorCode>> {
  const fail = (en: string, tr: string): Result<LogState, Problem<LogStateErrorCode>> => ({
    ok: false,
    error: { code: 'LOG_STATE_INVALID', message: en, messageTr: tr },
  });
  const parsed = LogStateJSONSchema.safeParse(json);
  if (!parsed.success) return fail('log state: wrong shape', 'günlük durumu: biçim hatalı');
  const frontier: Uint8Array[] = [];
  for (const s of parsed.data.frontier) {
    const b = fromBase64(s);
    if (!b || b.length !== HASH_SIZE) {
      return fail(
        'log state: a frontier hash is not 32 bytes of base64',
        'günlük durumu: özetlerden biri geçersiz',
      );
    }
    frontier.push(b);
  }
  if (frontier.length !== popcount(parsed.data.size)) {
    return fail(
      `log state: a log of ${parsed.data.size} leaves has ${popcount(parsed.data.size)} frontier hashes, not ${frontier.length}`,
      'günlük durumu: sınır özetlerinin sayısı boyutla uyuşmuyor',
    );
  }
  return { ok: true, value: { size: parsed.data.size, frontier } };
}

/**
 * Asynchronous storage for the hashes of perfect subtrees. Nodes are immutable once written, so
 * an implementation can be an append-only table keyed by (level, index).
 *
 * @example
 * ```ts
 * const store: HashStore = new MemoryHashStore();
 * await store.putNodes([{ level: 0, index: 0, hash: leafHash(new Uint8Array([1])) }]);
 * ```
 */
export interface HashStore {
  /**
   * The hashes of the given nodes, in the same order; `undefined` for a node the store lacks.
   *
   * @param refs - the nodes wanted
   */
  getNodes(refs: readonly TreeNodeRef[]): Promise<(Uint8Array | undefined)[]>;
  /**
   * Stores completed nodes. Writing a node again with the same hash is a no-op; with a different
   * hash it must fail (the log would be rewriting history).
   *
   * @param nodes - the nodes to write
   */
  putNodes(nodes: readonly TreeNode[]): Promise<void>;
}

/**
 * A {@link HashStore} in memory: one growable byte array per level (32 bytes per node), so a
 * million-leaf log takes about 64 MB. Nodes of a level must be written in order, without gaps,
 * as appends produce them.
 *
 * @example
 * ```ts
 * const log = new MerkleLog(new MemoryHashStore());
 * await log.append(new TextEncoder().encode('first'));
 * ```
 */
export class MemoryHashStore implements HashStore {
  readonly #levels: { bytes: Uint8Array; count: number }[] = [];

  /** Number of nodes held, over all levels. */
  get size(): number {
    let n = 0;
    for (const l of this.#levels) n += l.count;
    return n;
  }

  /**
   * Synchronous read of one node.
   *
   * @param level - subtree level
   * @param index - subtree index
   */
  getNode(level: number, index: number): Uint8Array | undefined {
    const l = this.#levels[level];
    if (!l || !Number.isInteger(index) || index < 0 || index >= l.count) return undefined;
    return l.bytes.slice(index * HASH_SIZE, (index + 1) * HASH_SIZE);
  }

  /**
   * Synchronous write of completed nodes (see {@link HashStore.putNodes}).
   *
   * @param nodes - the nodes to write
   */
  putNodesSync(nodes: readonly TreeNode[]): void {
    for (const n of nodes) {
      if (!isBytes(n.hash, HASH_SIZE)) throw new EvidenceTypeError('a node hash must be 32 bytes');
      let l = this.#levels[n.level];
      if (!l) {
        l = { bytes: new Uint8Array(1024 * HASH_SIZE), count: 0 };
        this.#levels[n.level] = l;
      }
      if (n.index < l.count) {
        const have = l.bytes.subarray(n.index * HASH_SIZE, (n.index + 1) * HASH_SIZE);
        if (!equalBytes(have, n.hash)) {
          throw new EvidenceError(
            'STORE_CONFLICT',
            `node (${n.level}, ${n.index}) already holds a different hash: the log would rewrite history`,
          );
        }
        continue;
      }
      if (n.index > l.count) {
        throw new EvidenceError(
          'STORE_CONFLICT',
          `node (${n.level}, ${n.index}) written before node (${n.level}, ${l.count})`,
        );
      }
      if ((l.count + 1) * HASH_SIZE > l.bytes.length) {
        const grown = new Uint8Array(l.bytes.length * 2);
        grown.set(l.bytes);
        l.bytes = grown;
      }
      l.bytes.set(n.hash, l.count * HASH_SIZE);
      l.count++;
    }
  }

  /**
   * See {@link HashStore.getNodes}.
   *
   * @param refs - the nodes wanted
   */
  getNodes(refs: readonly TreeNodeRef[]): Promise<(Uint8Array | undefined)[]> {
    return Promise.resolve(refs.map((r) => this.getNode(r.level, r.index)));
  }

  /**
   * See {@link HashStore.putNodes}.
   *
   * @param nodes - the nodes to write
   */
  putNodes(nodes: readonly TreeNode[]): Promise<void> {
    try {
      this.putNodesSync(nodes);
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e);
    }
  }
}

/**
 * Hashes of leaf ranges that are not perfect subtrees (the right edge of a tree whose size is not
 * a power of two). They are folded from several stored nodes; since stored nodes never change,
 * neither does the fold, so it is remembered per store (a tree size has at most 53 such ranges).
 */
const edgeCache = new WeakMap<HashStore, Map<string, Uint8Array>>();
const EDGE_CACHE_MAX = 4096;

/** Fetches the hashes for a list of leaf ranges in one batch and folds each range (RFC 9162 MTH). */
async function rangeHashes(store: HashStore, ranges: readonly [number, number][]): Promise<Uint8Array[]> {
  let cache = edgeCache.get(store);
  if (!cache) {
    cache = new Map();
    edgeCache.set(store, cache);
  }
  const out = new Array<Uint8Array | undefined>(ranges.length);
  const pieces: (NodeRef[] | undefined)[] = new Array(ranges.length);
  const refs: NodeRef[] = [];
  for (let r = 0; r < ranges.length; r++) {
    const [a, b] = ranges[r]!;
    const ps = rangePieces(a, b);
    if (ps.length > 1) {
      const hit = cache.get(`${a}:${b}`);
      if (hit) {
        out[r] = hit.slice();
        continue;
      }
    }
    pieces[r] = ps;
    for (const p of ps) refs.push(p);
  }
  const hashes = refs.length > 0 ? await store.getNodes(refs) : [];
  if (hashes.length !== refs.length) {
    throw new EvidenceError('STORE_MISSING_NODE', 'the hash store returned the wrong number of nodes');
  }
  let k = 0;
  for (let r = 0; r < ranges.length; r++) {
    const ps = pieces[r];
    if (!ps) continue;
    const hs: Uint8Array[] = [];
    for (const p of ps) {
      const h = hashes[k++];
      if (!isBytes(h, HASH_SIZE)) {
        throw new EvidenceError(
          'STORE_MISSING_NODE',
          `the hash store has no node (${p.level}, ${p.index}); it does not match the log`,
        );
      }
      hs.push(h);
    }
    let h = hs[hs.length - 1]!;
    for (let i = hs.length - 2; i >= 0; i--) h = hashChildren(hs[i]!, h);
    if (ps.length > 1) {
      if (cache.size >= EDGE_CACHE_MAX) cache.clear();
      const [a, b] = ranges[r]!;
      cache.set(`${a}:${b}`, h.slice());
    }
    out[r] = h;
  }
  return out as Uint8Array[];
}

/**
 * The inclusion proof of leaf `index` in the tree of the first `treeSize` leaves, built from the
 * nodes in `store` with one `getNodes` call. `treeSize` may be any size the log has had, so
 * proofs against an older checkpoint work too.
 *
 * @example
 * ```ts
 * const log = new MerkleLog(new MemoryHashStore());
 * await log.appendMany([1, 2, 3].map((i) => new Uint8Array([i])));
 * const proof = await inclusionProofFromStore(log.store, 1, 3);
 * ```
 */
export async function inclusionProofFromStore(
  store: HashStore,
  index: number,
  treeSize: number,
): Promise<Uint8Array[]> {
  checkSize(index, 'index');
  checkSize(treeSize, 'treeSize');
  if (index >= treeSize)
    throw new EvidenceRangeError(`index ${index} is not in a tree of ${treeSize} leaves`);
  return rangeHashes(store, inclusionRanges(index, treeSize));
}

/**
 * The consistency proof between the trees of the first `oldSize` and `newSize` leaves, built
 * from the nodes in `store` with one `getNodes` call.
 *
 * @example
 * ```ts
 * const log = new MerkleLog(new MemoryHashStore());
 * await log.appendMany([1, 2, 3, 4, 5].map((i) => new Uint8Array([i])));
 * const proof = await consistencyProofFromStore(log.store, 2, 5);
 * ```
 */
export async function consistencyProofFromStore(
  store: HashStore,
  oldSize: number,
  newSize: number,
): Promise<Uint8Array[]> {
  checkSize(oldSize, 'oldSize');
  checkSize(newSize, 'newSize');
  if (oldSize > newSize) throw new EvidenceRangeError(`oldSize ${oldSize} is larger than newSize ${newSize}`);
  if (oldSize === 0 || oldSize === newSize) return [];
  return rangeHashes(store, consistencyRanges(oldSize, newSize));
}

/**
 * The root hash of the tree of the first `treeSize` leaves, from the nodes in `store` (for a
 * checkpoint of an earlier size).
 *
 * @example
 * ```ts
 * const log = new MerkleLog(new MemoryHashStore());
 * await log.appendMany([1, 2, 3].map((i) => new Uint8Array([i])));
 * const root2 = await rootFromStore(log.store, 2);
 * ```
 */
export async function rootFromStore(store: HashStore, treeSize: number): Promise<Uint8Array> {
  checkSize(treeSize, 'treeSize');
  if (treeSize === 0) return EMPTY_ROOT.slice();
  const [r] = await rangeHashes(store, [[0, treeSize]]);
  return r!;
}

/**
 * Where an entry went, from {@link MerkleLog.append}.
 *
 * @example
 * ```ts
 * declare const log: MerkleLog;
 * const { index, leafHash }: LogAppend = await log.append(new Uint8Array([1]));
 * ```
 */
export interface LogAppend {
  /** The entry's index in the log. */
  readonly index: number;
  /** The entry's leaf hash. */
  readonly leafHash: Uint8Array;
}

/**
 * Where a batch of entries went, from {@link MerkleLog.appendMany}.
 *
 * @example
 * ```ts
 * declare const log: MerkleLog;
 * const { firstIndex }: LogAppendMany = await log.appendMany([new Uint8Array([1]), new Uint8Array([2])]);
 * ```
 */
export interface LogAppendMany {
  /** Index of the first entry of the batch; the others follow in order. */
  readonly firstIndex: number;
  /** The entries' leaf hashes, in order. */
  readonly leafHashes: readonly Uint8Array[];
}

/**
 * An append-only RFC 9162 log over a {@link HashStore}: it keeps the {@link LogState} in memory
 * and writes each completed node to the store. Appends are serialised (one at a time, in call
 * order). To persist, save {@link MerkleLog.state} (with {@link logStateToJSON}) in the same
 * transaction as the nodes; to resume, pass the saved state to the constructor.
 *
 * @example
 * ```ts
 * const log = new MerkleLog(new MemoryHashStore());
 * const { index } = await log.append(new TextEncoder().encode('{"a":1}'));
 * const proof = await log.inclusionProof(index);
 * verifyInclusion(leafHash(new TextEncoder().encode('{"a":1}')), index, log.size, proof, log.root()); // true
 * ```
 */
export class MerkleLog {
  /** Where the completed nodes go. */
  readonly store: HashStore;
  #state: LogState;
  #tail: Promise<unknown> = Promise.resolve();

  /**
   * @param store - the hash store (its nodes must match `state`)
   * @param state - the state to resume from (default: the empty log)
   */
  constructor(store: HashStore, state: LogState = EMPTY_LOG_STATE) {
    checkState(state);
    this.store = store;
    this.#state = state;
  }

  /** The current state (size and frontier). */
  get state(): LogState {
    return this.#state;
  }

  /** The number of leaves. */
  get size(): number {
    return this.#state.size;
  }

  /** The current root hash. */
  root(): Uint8Array {
    return logRoot(this.#state);
  }

  #serial<T>(f: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(f, f);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Appends one data entry (it is hashed as a leaf) and writes the completed nodes.
   *
   * @param entry - the entry, for example the UTF-8 bytes of a canonical evidence record
   */
  append(entry: Uint8Array): Promise<LogAppend> {
    let leaf: Uint8Array;
    try {
      leaf = leafHash(entry);
    } catch (e) {
      return Promise.reject(e);
    }
    return this.appendLeafHash(leaf);
  }

  /**
   * Appends a leaf hash computed elsewhere (SHA-256(0x00 ‖ entry)).
   *
   * @param leaf - the 32-byte leaf hash
   */
  appendLeafHash(leaf: Uint8Array): Promise<LogAppend> {
    return this.#serial(async () => {
      const r = appendLeafHash(this.#state, leaf);
      await this.store.putNodes(r.nodes);
      this.#state = r.state;
      return { index: r.index, leafHash: leaf };
    });
  }

  /**
   * Appends many entries with one store write.
   *
   * @param entries - the entries, in order
   * @returns the index of the first appended entry
   */
  appendMany(entries: readonly Uint8Array[]): Promise<LogAppendMany> {
    let hashes: Uint8Array[];
    try {
      hashes = entries.map((e) => leafHash(e));
    } catch (e) {
      return Promise.reject(e);
    }
    return this.#serial(async () => {
      let s = this.#state;
      const nodes: TreeNode[] = [];
      for (const h of hashes) {
        const r = appendLeafHash(s, h);
        s = r.state;
        for (const n of r.nodes) nodes.push(n);
      }
      await this.store.putNodes(nodes);
      const firstIndex = this.#state.size;
      this.#state = s;
      return { firstIndex, leafHashes: hashes };
    });
  }

  /**
   * The inclusion proof of leaf `index` in the tree of `treeSize` leaves (default: now).
   *
   * @param index - the leaf index
   * @param treeSize - a size the log has had (default: the current size)
   */
  inclusionProof(index: number, treeSize: number = this.size): Promise<Uint8Array[]> {
    if (treeSize > this.size) {
      return Promise.reject(new EvidenceRangeError(`the log has only ${this.size} leaves`));
    }
    return inclusionProofFromStore(this.store, index, treeSize);
  }

  /**
   * The consistency proof from the tree of `oldSize` leaves to that of `newSize` (default: now).
   *
   * @param oldSize - the earlier size
   * @param newSize - the later size (default: the current size)
   */
  consistencyProof(oldSize: number, newSize: number = this.size): Promise<Uint8Array[]> {
    if (newSize > this.size) {
      return Promise.reject(new EvidenceRangeError(`the log has only ${this.size} leaves`));
    }
    return consistencyProofFromStore(this.store, oldSize, newSize);
  }

  /**
   * The root hash the log had at `treeSize` leaves.
   *
   * @param treeSize - a size the log has had
   */
  rootAt(treeSize: number): Promise<Uint8Array> {
    if (treeSize > this.size) {
      return Promise.reject(new EvidenceRangeError(`the log has only ${this.size} leaves`));
    }
    return rootFromStore(this.store, treeSize);
  }
}
