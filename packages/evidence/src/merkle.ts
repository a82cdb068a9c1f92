/**
 * RFC 9162 §2.1 Merkle trees over data entries held in memory: tree head, inclusion and
 * consistency proofs, and their verification. Hashes are SHA-256; leaves are hashed as
 * SHA-256(0x00 ‖ entry) and interior nodes as SHA-256(0x01 ‖ left ‖ right).
 */
import { EvidenceRangeError, EvidenceTypeError } from './errors.js';
import { equalBytes, isBytes } from './internal/bytes.js';
import {
  EMPTY_ROOT,
  equalWords,
  hashChildren,
  hashChildrenInto,
  hashNodeWords,
  NODE_TAIL,
  readWords,
  sha256WithPrefix,
} from './internal/hash.js';
import {
  checkSize,
  consistencyRanges,
  inclusionProofLength,
  inclusionRanges,
  isPowerOfTwo,
  isSize,
  splitPoint,
} from './internal/tree-math.js';

/** Length in bytes of every hash this package produces (SHA-256). */
export const HASH_SIZE = 32;

/**
 * The RFC 9162 leaf hash of a data entry: SHA-256(0x00 ‖ entry).
 *
 * @example
 * ```ts
 * const h = leafHash(new TextEncoder().encode('{"a":1}'));
 * h.length; // 32
 * ```
 */
export function leafHash(entry: Uint8Array): Uint8Array {
  if (!(entry instanceof Uint8Array)) throw new EvidenceTypeError('a log entry must be a Uint8Array');
  return sha256WithPrefix(0x00, entry);
}

/**
 * The RFC 9162 interior node hash SHA-256(0x01 ‖ left ‖ right) of two 32-byte hashes.
 *
 * @example
 * ```ts
 * const parent = nodeHash(leafHash(new Uint8Array([1])), leafHash(new Uint8Array([2])));
 * ```
 */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (!isBytes(left, HASH_SIZE) || !isBytes(right, HASH_SIZE)) {
    throw new EvidenceTypeError('node hashes take two 32-byte hashes');
  }
  return hashChildren(left, right);
}

function hashLeaves(leaves: readonly Uint8Array[]): Uint8Array[] {
  if (!Array.isArray(leaves)) throw new EvidenceTypeError('leaves must be an array of Uint8Array entries');
  const out = new Array<Uint8Array>(leaves.length);
  for (let i = 0; i < leaves.length; i++) {
    const e = leaves[i];
    if (!(e instanceof Uint8Array)) throw new EvidenceTypeError(`leaf ${i} is not a Uint8Array`);
    out[i] = sha256WithPrefix(0x00, e);
  }
  return out;
}

/** MTH(D[a:b]) over leaf hashes, exactly as RFC 9162 §2.1.1 defines it (a < b). */
function mth(h: readonly Uint8Array[], a: number, b: number): Uint8Array {
  const n = b - a;
  if (n === 1) return h[a]!;
  const k = splitPoint(n);
  return hashChildren(mth(h, a, a + k), mth(h, a + k, b));
}

/**
 * The Merkle Tree Hash MTH(D[n]) of RFC 9162 §2.1.1 over the data entries `leaves`: SHA-256 of
 * the empty string for no entries, the leaf hash for one, and otherwise the node hash of the
 * left subtree of k leaves (k the largest power of two smaller than n) and the right subtree of
 * the rest.
 *
 * @example
 * ```ts
 * const root = merkleTreeHead([new Uint8Array([0]), new Uint8Array([1, 0])]);
 * root.length; // 32
 * ```
 */
export function merkleTreeHead(leaves: readonly Uint8Array[]): Uint8Array {
  const h = hashLeaves(leaves);
  if (h.length === 0) return EMPTY_ROOT.slice();
  return mth(h, 0, h.length);
}

/**
 * The inclusion proof PATH(index, D[n]) of RFC 9162 §2.1.3.1 for the entry at `index` in the
 * tree of all `leaves`: the sibling hashes from the leaf up to the root, deepest first. Throws a
 * `RangeError` ({@link EvidenceRangeError}) when `index` is not in the tree.
 *
 * @example
 * ```ts
 * const leaves = [1, 2, 3].map((i) => new Uint8Array([i]));
 * const proof = inclusionProof(leaves, 2);
 * verifyInclusion(leafHash(leaves[2]!), 2, 3, proof, merkleTreeHead(leaves)); // true
 * ```
 */
export function inclusionProof(leaves: readonly Uint8Array[], index: number): Uint8Array[] {
  checkSize(index, 'index');
  const h = hashLeaves(leaves);
  if (index >= h.length) {
    throw new EvidenceRangeError(`index ${index} is not in a tree of ${h.length} leaves`);
  }
  return inclusionRanges(index, h.length).map(([a, b]) => mth(h, a, b));
}

/**
 * The consistency proof PROOF(oldSize, D[n]) of RFC 9162 §2.1.4.1 between the tree of the first
 * `oldSize` entries and the tree of all `leaves`. Empty when `oldSize` is 0 or equals the number
 * of leaves. Throws a `RangeError` when `oldSize` is larger than the tree.
 *
 * @example
 * ```ts
 * const leaves = [1, 2, 3, 4, 5].map((i) => new Uint8Array([i]));
 * const proof = consistencyProof(leaves, 3);
 * verifyConsistency(3, 5, merkleTreeHead(leaves.slice(0, 3)), merkleTreeHead(leaves), proof); // true
 * ```
 */
export function consistencyProof(leaves: readonly Uint8Array[], oldSize: number): Uint8Array[] {
  checkSize(oldSize, 'oldSize');
  const h = hashLeaves(leaves);
  if (oldSize > h.length) {
    throw new EvidenceRangeError(`oldSize ${oldSize} is larger than the tree (${h.length} leaves)`);
  }
  if (oldSize === 0 || oldSize === h.length) return [];
  return consistencyRanges(oldSize, h.length).map(([a, b]) => mth(h, a, b));
}

function proofArray(proof: unknown): proof is readonly Uint8Array[] {
  if (!Array.isArray(proof)) return false;
  for (const p of proof) if (!isBytes(p, HASH_SIZE)) return false;
  return true;
}

/**
 * Verifies an RFC 9162 inclusion proof with the algorithm of §2.1.3.2: true when `leafHash` is
 * the leaf at `index` of the tree of `treeSize` leaves whose root is `root`. Returns false — it
 * never throws — for any malformed input (wrong hash length, index ≥ tree size, proof too short
 * or too long).
 *
 * @example
 * ```ts
 * const leaves = ['a', 'b', 'c'].map((s) => new TextEncoder().encode(s));
 * const root = merkleTreeHead(leaves);
 * verifyInclusion(leafHash(leaves[1]!), 1, 3, inclusionProof(leaves, 1), root); // true
 * verifyInclusion(leafHash(leaves[1]!), 0, 3, inclusionProof(leaves, 1), root); // false
 * ```
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isBytes(leafHash, HASH_SIZE) || !isBytes(root, HASH_SIZE) || !proofArray(proof)) return false;
  if (!isSize(index) || !isSize(treeSize) || index >= treeSize) return false;
  let fn = index;
  let sn = treeSize - 1;
  // The running hash in w[0…7] and the sibling in w[8…15], as big-endian words: no bytes are
  // written per node, and the node hash reads its message straight from the words.
  const w = verifyWords;
  readWords(leafHash, 0, w, 0);
  for (let i = 0; i < proof.length; i++) {
    if (sn === 0) return false;
    readWords(proof[i]!, 0, w, 8);
    if (fn % 2 === 1 || fn === sn) {
      hashNodeWords(w, 8, w, 0, w, 0, NODE_TAIL);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      hashNodeWords(w, 0, w, 8, w, 0, NODE_TAIL);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return false;
  readWords(root, 0, w, 8);
  return equalWords(w, 0, w, 8);
}

/** Scratch of {@link verifyInclusion} (calls are synchronous). */
const verifyWords = new Int32Array(16);

/**
 * Verifies an RFC 9162 consistency proof with the algorithm of §2.1.4.2: true when the tree of
 * `oldSize` leaves with root `oldRoot` is a prefix of the tree of `newSize` leaves with root
 * `newRoot`. Two degenerate cases follow from the definitions: equal sizes need an empty proof
 * and equal roots; `oldSize` 0 needs an empty proof and `oldRoot` equal to the empty tree's
 * root (SHA-256 of the empty string). Returns false — never throws — for malformed input.
 *
 * @example
 * ```ts
 * const leaves = [1, 2, 3, 4, 5, 6, 7].map((i) => new Uint8Array([i]));
 * const oldRoot = merkleTreeHead(leaves.slice(0, 4));
 * const proof = consistencyProof(leaves, 4);
 * verifyConsistency(4, 7, oldRoot, merkleTreeHead(leaves), proof); // true
 * ```
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isBytes(oldRoot, HASH_SIZE) || !isBytes(newRoot, HASH_SIZE) || !proofArray(proof)) return false;
  if (!isSize(oldSize) || !isSize(newSize) || oldSize > newSize) return false;
  if (oldSize === newSize) return proof.length === 0 && equalBytes(oldRoot, newRoot);
  if (oldSize === 0) return proof.length === 0 && equalBytes(oldRoot, EMPTY_ROOT);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  const fr = path[0]!.slice();
  const sr = path[0]!.slice();
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      hashChildrenInto(c, fr, fr);
      hashChildrenInto(c, sr, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      hashChildrenInto(sr, c, sr);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalBytes(fr, oldRoot) && equalBytes(sr, newRoot);
}

/** Options of {@link InclusionVerifier}. */
export interface InclusionVerifierOptions {
  /**
   * Most interior nodes to remember (default 262,144: 8 MiB of hashes). The verifier remembers the
   * upper levels of the tree — the nodes most proofs share — down to the level where this bound
   * is reached.
   */
  readonly maxCachedNodes?: number;
}

/**
 * Verifies many inclusion proofs against one tree head (an auditor checking every bundle of a
 * checkpoint). It runs the RFC 9162 §2.1.3.2 algorithm and remembers the upper levels of every
 * proof it has accepted: nodes and siblings. Where a later proof meets a remembered node with a
 * remembered sibling, the parent is already known and is not hashed again; where a hash differs
 * from the remembered one, the proof is rejected at once. The answers are exactly those of
 * {@link verifyInclusion}; only the work is shared.
 *
 * Use {@link verifyInclusion} for a single proof; this class only pays off from the second proof
 * against the same root on.
 *
 * @example
 * ```ts
 * const leaves = [1, 2, 3, 4, 5].map((i) => new Uint8Array([i]));
 * const v = new InclusionVerifier(merkleTreeHead(leaves), leaves.length);
 * leaves.every((e, i) => v.verify(leafHash(e), i, inclusionProof(leaves, i))); // true
 * ```
 */
export class InclusionVerifier {
  /** The root every proof is checked against. */
  readonly root: Uint8Array;
  /** The tree size every proof is checked against. */
  readonly treeSize: number;
  /** Lowest remembered level. */
  readonly #minLevel: number;
  /** Per level ≥ #minLevel: node hashes (eight big-endian words each) and a presence flag per node. */
  readonly #hashes: (Int32Array | undefined)[] = [];
  readonly #have: (Uint8Array | undefined)[] = [];
  #count = 0;
  /** The root as words. */
  readonly #rootWords = new Int32Array(8);
  /** Scratch: the computed current node and the sibling being checked, as words. */
  readonly #cur = new Int32Array(8);
  readonly #sib = new Int32Array(8);
  /** Nodes to remember once the proof is accepted: level, index and words (8 per node). */
  readonly #pl: number[] = [];
  readonly #pi: number[] = [];
  readonly #pw = new Int32Array(8 * 128);

  /**
   * @param root - the 32-byte root hash of the tree
   * @param treeSize - the number of leaves of that tree
   * @param options - how much to remember
   */
  constructor(root: Uint8Array, treeSize: number, options: InclusionVerifierOptions = {}) {
    if (!isBytes(root, HASH_SIZE)) throw new EvidenceTypeError('root must be a 32-byte hash');
    checkSize(treeSize, 'treeSize');
    this.root = root.slice();
    readWords(root, 0, this.#rootWords, 0);
    this.treeSize = treeSize;
    const max = options.maxCachedNodes ?? 2 ** 18;
    // Nodes at level L: ceil(n / 2^L). Start at the top and go down while the total fits.
    let levels = 0;
    while (2 ** levels < treeSize) levels++;
    let total = 0;
    let min = levels + 1;
    for (let l = levels; l >= 0; l--) {
      const count = Math.ceil(treeSize / 2 ** l);
      if (total + count > max) break;
      total += count;
      min = l;
    }
    this.#minLevel = min;
  }

  /** Number of nodes currently remembered. */
  get cachedNodes(): number {
    return this.#count;
  }

  /** 0: not remembered; 1: remembered and equal to `w[o…o+7]`; -1: remembered and different. */
  #compare(level: number, index: number, w: Int32Array, o: number): number {
    if (level < this.#minLevel) return 0;
    const have = this.#have[level];
    if (have === undefined || have[index] !== 1) return 0;
    return equalWords(this.#hashes[level]!, index * 8, w, o) ? 1 : -1;
  }

  #has(level: number, index: number): boolean {
    if (level < this.#minLevel) return false;
    const have = this.#have[level];
    return have !== undefined && have[index] === 1;
  }

  #put(level: number, index: number, w: Int32Array, o: number): void {
    if (level < this.#minLevel) return;
    let have = this.#have[level];
    if (!have) {
      const count = Math.ceil(this.treeSize / 2 ** level);
      have = new Uint8Array(count);
      this.#have[level] = have;
      this.#hashes[level] = new Int32Array(count * 8);
    }
    if (have[index] === 1) return;
    have[index] = 1;
    const hs = this.#hashes[level]!;
    const d = index * 8;
    for (let i = 0; i < 8; i++) hs[d + i] = w[o + i]!;
    this.#count++;
  }

  /**
   * True when `leafHash` is the leaf at `index` of this tree, by `proof` (RFC 9162 order). Gives
   * the same answer as {@link verifyInclusion} for the same arguments.
   *
   * @param leafHash - the leaf hash (SHA-256(0x00 ‖ entry))
   * @param index - the leaf index
   * @param proof - the inclusion proof
   */
  verify(leafHash: Uint8Array, index: number, proof: readonly Uint8Array[]): boolean {
    const treeSize = this.treeSize;
    if (!isBytes(leafHash, HASH_SIZE) || !proofArray(proof)) return false;
    if (!isSize(index) || index >= treeSize) return false;
    if (proof.length !== inclusionProofLength(index, treeSize)) return false;
    const pl = this.#pl;
    const pi = this.#pi;
    const pw = this.#pw;
    const sib = this.#sib;
    const scratch = this.#cur;
    let n = 0;
    let fn = index;
    let sn = treeSize - 1;
    let level = 0;
    // The current node's words: `cur[co…co+7]` — the scratch, or a remembered node in the cache
    // (then not copied). `proven`: the current node is remembered, so it is proven to lead to the root.
    let cur: Int32Array = scratch;
    let co = 0;
    readWords(leafHash, 0, scratch, 0);
    const c0 = this.#compare(0, fn, scratch, 0);
    if (c0 === -1) return false;
    let proven = c0 === 1;
    for (let k = 0; k < proof.length; k++) {
      let si: number;
      let pIsLeft: boolean;
      if (fn % 2 === 1 || fn === sn) {
        // The current node is (promoted to) a right child; p is its left sibling.
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
          level++;
        }
        si = fn - 1;
        pIsLeft = true;
      } else {
        si = fn + 1;
        pIsLeft = false;
      }
      const sl = level;
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
      level++;
      readWords(proof[k]!, 0, sib, 0);
      const sibling = this.#compare(sl, si, sib, 0);
      if (sibling === -1) return false;
      const parentKnown = this.#has(level, fn);
      if (proven && sibling === 1 && parentKnown) {
        // A proven node and its proven sibling: the parent is the remembered one; no hashing.
        cur = this.#hashes[level]!;
        co = fn * 8;
      } else {
        if (pIsLeft) hashNodeWords(sib, 0, cur, co, scratch, 0, NODE_TAIL);
        else hashNodeWords(cur, co, sib, 0, scratch, 0, NODE_TAIL);
        cur = scratch;
        co = 0;
        if (parentKnown) {
          if (this.#compare(level, fn, scratch, 0) !== 1) return false;
          proven = true;
        } else {
          proven = false;
        }
        if (sibling === 0 && sl >= this.#minLevel) {
          pl[n] = sl;
          pi[n] = si;
          pw.set(sib, 8 * n++);
        }
        if (!parentKnown && level >= this.#minLevel) {
          pl[n] = level;
          pi[n] = fn;
          pw.set(scratch, 8 * n++);
        }
      }
    }
    if (sn !== 0) return false;
    if (!equalWords(cur, co, this.#rootWords, 0)) return false;
    if (this.#minLevel === 0) {
      readWords(leafHash, 0, sib, 0);
      this.#put(0, index, sib, 0);
    }
    for (let i = 0; i < n; i++) this.#put(pl[i]!, pi[i]!, pw, 8 * i);
    return true;
  }
}
