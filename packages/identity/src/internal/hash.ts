/**
 * Hash functions of `dedupe`'s tables: 30-bit results, so that they stay small integers in plain
 * arrays (see `arrays.ts`), spread by the murmur3 finaliser so that any of their bits can choose
 * a partition or a slot.
 * @internal
 */

/** The murmur3 finaliser, reduced to 30 bits. */
export function mix30(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) & 0x3fffffff;
}

/** Hash of a non-negative integer below 2^53. */
export function hashNumber(key: number): number {
  const lo = (key % 4294967296) | 0;
  const hi = (key / 4294967296) | 0;
  return mix30(lo ^ Math.imul(hi, 0x9e3779b1));
}

/** Hash of a pair: a 30-bit hash and a small integer. */
export function hashPair(h: number, b: number): number {
  return mix30(h ^ Math.imul(b + 1, 0x9e3779b1));
}

/** Hash (FNV-1a, then finalised) of the UTF-16 code units of `s`. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix30(h);
}

/** {@link hashString} of `s.slice(start, end)` with ASCII `A–Z` read as `a–z`. */
export function hashAsciiLower(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    let c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return mix30(h);
}

/** Whether `a[as, ae)` and `b[bs, be)` are equal once ASCII `A–Z` are read as `a–z`. */
export function equalAsciiLower(
  a: string,
  as: number,
  ae: number,
  b: string,
  bs: number,
  be: number,
): boolean {
  if (ae - as !== be - bs) return false;
  for (let i = as, j = bs; i < ae; i++, j++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(j);
    if (x === y) continue;
    if (x >= 65 && x <= 90) x += 32;
    if (y >= 65 && y <= 90) y += 32;
    if (x !== y) return false;
  }
  return true;
}
