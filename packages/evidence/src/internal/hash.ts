/**
 * SHA-256 for the Merkle log. Small messages (a leaf of a few dozen bytes, an interior node of
 * exactly 65 bytes) are hashed in JavaScript with the unrolled compression function: for them the
 * fixed cost of a call into node:crypto is larger than the hashing itself. Longer messages go to
 * node:crypto, which is faster per byte (and uses the CPU's SHA extensions where present).
 */
import { hash as nodeHash } from 'node:crypto';
import { compress, compressScheduled, K } from './sha256.generated.js';

const IV = new Int32Array([
  0x6a09e667,
  0xbb67ae85 | 0,
  0x3c6ef372,
  0xa54ff53a | 0,
  0x510e527f,
  0x9b05688c | 0,
  0x1f83d9ab,
  0x5be0cd19,
]);
const state = new Int32Array(8);

/** Messages up to this many bytes (at most three blocks once padded) are hashed in JavaScript. */
const JS_MAX = 3 * 64 - 9;
const scratch = new Uint8Array(3 * 64);

function resetState(): void {
  state.set(IV);
}

function writeState(out: Uint8Array): Uint8Array {
  for (let i = 0; i < 8; i++) {
    const v = state[i]!;
    const o = i * 4;
    out[o] = v >>> 24;
    out[o + 1] = v >>> 16;
    out[o + 2] = v >>> 8;
    out[o + 3] = v;
  }
  return out;
}

const word = (m: Uint8Array, o: number): number =>
  (m[o]! << 24) | (m[o + 1]! << 16) | (m[o + 2]! << 8) | m[o + 3]!;

function compressScratch(blocks: number): void {
  const m = scratch;
  for (let b = 0; b < blocks; b++) {
    const o = b * 64;
    compress(
      state,
      word(m, o),
      word(m, o + 4),
      word(m, o + 8),
      word(m, o + 12),
      word(m, o + 16),
      word(m, o + 20),
      word(m, o + 24),
      word(m, o + 28),
      word(m, o + 32),
      word(m, o + 36),
      word(m, o + 40),
      word(m, o + 44),
      word(m, o + 48),
      word(m, o + 52),
      word(m, o + 56),
      word(m, o + 60),
    );
  }
}

/** SHA-256 of `prefix ‖ data` (prefix is one byte, or -1 for none). */
function digestJs(prefix: number, data: Uint8Array, out: Uint8Array): Uint8Array {
  const p = prefix >= 0 ? 1 : 0;
  const len = data.length + p;
  const blocks = len + 9 <= 64 ? 1 : len + 9 <= 128 ? 2 : 3;
  const m = scratch;
  m.fill(0, 0, blocks * 64);
  if (p) m[0] = prefix;
  m.set(data, p);
  m[len] = 0x80;
  const bits = len * 8;
  const end = blocks * 64;
  m[end - 4] = bits >>> 24;
  m[end - 3] = bits >>> 16;
  m[end - 2] = bits >>> 8;
  m[end - 1] = bits;
  resetState();
  compressScratch(blocks);
  return writeState(out);
}

/** SHA-256 of `data`. */
export function sha256(data: Uint8Array): Uint8Array {
  if (data.length <= JS_MAX) return digestJs(-1, data, new Uint8Array(32));
  return new Uint8Array(nodeHash('sha256', data, 'buffer'));
}

/** SHA-256 of the single byte `prefix` followed by `data`. */
export function sha256WithPrefix(prefix: number, data: Uint8Array): Uint8Array {
  if (data.length + 1 <= JS_MAX) return digestJs(prefix, data, new Uint8Array(32));
  const buf = new Uint8Array(data.length + 1);
  buf[0] = prefix;
  buf.set(data, 1);
  return new Uint8Array(nodeHash('sha256', buf, 'buffer'));
}

/**
 * The second block of an interior-node message `0x01 ‖ left ‖ right` holds only the last byte of
 * `right`, the padding and the length (520 bits), so its message schedule depends on that one
 * byte. All 256 schedules, already added to the round constants, are computed once.
 */
let tail: Int32Array | undefined;
function tailSchedules(): Int32Array {
  if (tail) return tail;
  const t = new Int32Array(256 * 64);
  const w = new Int32Array(64);
  for (let b = 0; b < 256; b++) {
    w.fill(0);
    w[0] = (b << 24) | 0x800000;
    w[15] = 520;
    for (let i = 16; i < 64; i++) {
      const w15 = w[i - 15]!;
      const w2 = w[i - 2]!;
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
    }
    for (let i = 0; i < 64; i++) t[b * 64 + i] = (K[i]! + w[i]!) | 0;
  }
  tail = t;
  return t;
}

/**
 * RFC 9162 interior node hash SHA-256(0x01 ‖ left ‖ right) written into `out` (which may be
 * `left` or `right` itself). Both inputs must be 32 bytes.
 */
export function hashChildrenInto(l: Uint8Array, r: Uint8Array, out: Uint8Array): Uint8Array {
  const t = tail ?? tailSchedules();
  resetState();
  compress(
    state,
    0x01000000 | (l[0]! << 16) | (l[1]! << 8) | l[2]!,
    word(l, 3),
    word(l, 7),
    word(l, 11),
    word(l, 15),
    word(l, 19),
    word(l, 23),
    (l[27]! << 24) | (l[28]! << 16) | (l[29]! << 8) | l[30]!,
    (l[31]! << 24) | (r[0]! << 16) | (r[1]! << 8) | r[2]!,
    word(r, 3),
    word(r, 7),
    word(r, 11),
    word(r, 15),
    word(r, 19),
    word(r, 23),
    (r[27]! << 24) | (r[28]! << 16) | (r[29]! << 8) | r[30]!,
  );
  compressScheduled(state, t, r[31]! * 64);
  return writeState(out);
}

/** RFC 9162 interior node hash SHA-256(0x01 ‖ left ‖ right) as a new array. */
export function hashChildren(l: Uint8Array, r: Uint8Array): Uint8Array {
  return hashChildrenInto(l, r, new Uint8Array(32));
}

/** SHA-256 of the empty string: the root of the empty tree. */
export const EMPTY_ROOT: Uint8Array = sha256(new Uint8Array(0));
