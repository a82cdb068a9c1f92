/**
 * Index arithmetic for RFC 9162 §2.1 trees, shared by the in-memory functions, the incremental
 * log and the store-backed proofs. Sizes and indices are JavaScript numbers up to 2^53 − 1, so
 * the arithmetic avoids 32-bit bit operators except where the value is known to fit.
 */
import { EvidenceRangeError, EvidenceTypeError } from '../errors.js';

/** A perfect subtree: the 2^level leaves starting at index · 2^level. */
export interface NodeRef {
  readonly level: number;
  readonly index: number;
}

/** True for an integer n with 0 ≤ n ≤ 2^53 − 1. */
export function isSize(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/** Throws unless `n` is a safe non-negative integer. */
export function checkSize(n: unknown, what: string): asserts n is number {
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new EvidenceTypeError(`${what} must be an integer, got ${String(n)}`);
  }
  if (!isSize(n)) throw new EvidenceRangeError(`${what} must be between 0 and 2^53 − 1, got ${n}`);
}

/** The largest power of two strictly smaller than n (n ≥ 2): RFC 9162's split point k. */
export function splitPoint(n: number): number {
  if (n - 1 <= 0xffffffff) return 2 ** (31 - Math.clz32(n - 1));
  let k = 2 ** 32;
  while (k * 2 < n) k *= 2;
  return k;
}

/** True when n is a power of two (n ≥ 1). */
export function isPowerOfTwo(n: number): boolean {
  return n >= 1 && splitPoint(n + 1) === n;
}

/** The largest power of two dividing n (n ≥ 1); for n = 0, +Infinity. */
function lowestPowerDividing(n: number): number {
  if (n === 0) return Number.POSITIVE_INFINITY;
  let p = 1;
  while (n % (p * 2) === 0) p *= 2;
  return p;
}

/**
 * The perfect subtrees that make up the leaf range [a, b), left to right, largest first. RFC 9162
 * only ever asks for ranges whose start is a multiple of a power of two at least as large as the
 * range, so the greedy split below is the same split MTH makes.
 */
export function rangePieces(a: number, b: number): NodeRef[] {
  const out: NodeRef[] = [];
  if (b <= 0x7fffffff) {
    // Everything fits in 31 bits: bit arithmetic.
    let i = a;
    while (i < b) {
      const rest = b - i;
      let level = 31 - Math.clz32(rest); // largest power of two ≤ rest
      if (i !== 0) {
        const align = 31 - Math.clz32(i & -i); // largest power of two dividing i
        if (align < level) level = align;
      }
      out.push({ level, index: i >>> level });
      i += 1 << level;
    }
    return out;
  }
  let i = a;
  while (i < b) {
    let size = splitPoint(b - i + 1); // largest power of two ≤ b − i
    const align = lowestPowerDividing(i);
    if (size > align) size = align;
    const level = Math.log2(size);
    out.push({ level, index: i / size });
    i += size;
  }
  return out;
}

/** Leaf ranges [a, b) whose MTH values form PATH(index, D[0:size]) in RFC 9162 order. */
export function inclusionRanges(index: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      out.push([lo + k, hi]);
      hi = lo + k;
    } else {
      out.push([lo, lo + k]);
      lo = lo + k;
    }
  }
  return out.reverse();
}

/** Leaf ranges whose MTH values form PROOF(m, D[0:n]) in RFC 9162 order (0 < m < n). */
export function consistencyRanges(m: number, n: number): [number, number][] {
  const out: [number, number][] = [];
  let lo = 0;
  let hi = n;
  let mm = m;
  let complete = true; // SUBPROOF's b flag
  while (mm !== hi - lo) {
    const k = splitPoint(hi - lo);
    if (mm <= k) {
      out.push([lo + k, hi]);
      hi = lo + k;
    } else {
      out.push([lo, lo + k]);
      lo = lo + k;
      mm -= k;
      complete = false;
    }
  }
  if (!complete) out.push([lo, hi]);
  return out.reverse();
}

/** Number of hashes in the inclusion proof of `index` in a tree of `size` leaves. */
export function inclusionProofLength(index: number, size: number): number {
  let fn = index;
  let sn = size - 1;
  let len = 0;
  while (sn > 0) {
    if (fn % 2 === 1 || fn === sn) {
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
    len++;
  }
  return len;
}
