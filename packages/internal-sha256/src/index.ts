/**
 * SHA-256 and HMAC-SHA256 in JavaScript for short messages, shared by `@izinkit/evidence` (Merkle
 * log) and `@izinkit/kvkk` (keyed pseudonyms). Private: each package bundles this module into its
 * own build and never exports it.
 *
 * Short messages (a leaf of a few dozen bytes, an interior node of exactly 65 bytes, a pseudonym
 * value) are hashed with the unrolled compression function of `sha256.generated.ts`: for them the
 * fixed cost of a call into node:crypto is larger than the hashing itself. Longer messages go to
 * node:crypto, which is faster per byte (and uses the CPU's SHA extensions where present).
 */
import { createHash, hash as nodeHash } from 'node:crypto';
import { compress, hashNodeWords, K } from './sha256.generated.js';

export { compress, compressScheduled, hashNodeWords, K } from './sha256.generated.js';

/** The SHA-256 initial hash value H(0) as signed 32-bit words. */
export const IV: Int32Array = new Int32Array([
  0x6a09e667,
  0xbb67ae85 | 0,
  0x3c6ef372,
  0xa54ff53a | 0,
  0x510e527f,
  0x9b05688c | 0,
  0x1f83d9ab,
  0x5be0cd19,
]);

/** The big-endian word at `m[o…o+3]`. */
export const wordAt = (m: Uint8Array, o: number): number =>
  (m[o]! << 24) | (m[o + 1]! << 16) | (m[o + 2]! << 8) | m[o + 3]!;

/** Reads the 32 bytes at `b[bo…]` into eight big-endian words at `w[wo…]`. */
export function readWords(b: Uint8Array, bo: number, w: Int32Array, wo: number): void {
  for (let i = 0; i < 8; i++) {
    const o = bo + i * 4;
    w[wo + i] = (b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!;
  }
}

/** Writes eight big-endian words `w[wo…]` as 32 bytes into `b[bo…]`; returns `b`. */
export function writeWords(w: Int32Array, wo: number, b: Uint8Array, bo: number): Uint8Array {
  for (let i = 0; i < 8; i++) {
    const v = w[wo + i]!;
    const o = bo + i * 4;
    b[o] = v >>> 24;
    b[o + 1] = v >>> 16;
    b[o + 2] = v >>> 8;
    b[o + 3] = v;
  }
  return b;
}

/** True when the eight words `a[ao…]` and `b[bo…]` are equal (no early exit on a difference). */
export function equalWords(a: Int32Array, ao: number, b: Int32Array, bo: number): boolean {
  let d = 0;
  for (let i = 0; i < 8; i++) d |= a[ao + i]! ^ b[bo + i]!;
  return d === 0;
}

/** Compresses the 64-byte block at `m[o…]` into `st`. */
export function compressAt(st: Int32Array, m: Uint8Array, o: number): void {
  compress(
    st,
    wordAt(m, o),
    wordAt(m, o + 4),
    wordAt(m, o + 8),
    wordAt(m, o + 12),
    wordAt(m, o + 16),
    wordAt(m, o + 20),
    wordAt(m, o + 24),
    wordAt(m, o + 28),
    wordAt(m, o + 32),
    wordAt(m, o + 36),
    wordAt(m, o + 40),
    wordAt(m, o + 44),
    wordAt(m, o + 48),
    wordAt(m, o + 52),
    wordAt(m, o + 56),
    wordAt(m, o + 60),
  );
}

const state = new Int32Array(8);

/**
 * Messages up to this many bytes (at most two blocks once padded) are hashed in JavaScript; longer
 * ones by node:crypto. Measured on the development machine (CPU time per hash, 2026-11-23): JS 407 ns
 * vs node:crypto `hash()` 912 ns at 33 bytes, 688 vs 972 ns at 65 bytes, but 941 vs 877 ns at 120
 * bytes (three blocks) and 4,704 vs 1,449 ns at 1 KiB.
 */
export const JS_MAX: number = 2 * 64 - 9;
const scratch = new Uint8Array(2 * 64);

/** SHA-256 of `prefix ‖ data` (prefix is one byte, or -1 for none) in JavaScript; ≤ JS_MAX bytes. */
function digestJs(prefix: number, data: Uint8Array, out: Uint8Array): Uint8Array {
  const p = prefix >= 0 ? 1 : 0;
  const len = data.length + p;
  const blocks = len + 9 <= 64 ? 1 : 2;
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
  state.set(IV);
  for (let o = 0; o < end; o += 64) compressAt(state, m, o);
  return writeWords(state, 0, out, 0);
}

/** SHA-256 of `data`: JavaScript up to {@link JS_MAX} bytes, node:crypto above. */
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
 * byte. All 256 schedules, already added to the round constants, are computed once (64 KiB).
 */
function makeNodeTail(): Int32Array {
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
  return t;
}

/** The `tail` table {@link hashNodeWords} takes. */
export const NODE_TAIL: Int32Array = makeNodeTail();

const nodeIn = new Int32Array(16);

/**
 * RFC 9162 interior node hash SHA-256(0x01 ‖ left ‖ right) written into `out` (which may be
 * `left` or `right` itself). Both inputs must be 32 bytes.
 */
export function hashChildrenInto(l: Uint8Array, r: Uint8Array, out: Uint8Array): Uint8Array {
  const w = nodeIn;
  readWords(l, 0, w, 0);
  readWords(r, 0, w, 8);
  hashNodeWords(w, 0, w, 8, w, 0, NODE_TAIL);
  return writeWords(w, 0, out, 0);
}

/** RFC 9162 interior node hash SHA-256(0x01 ‖ left ‖ right) as a new array. */
export function hashChildren(l: Uint8Array, r: Uint8Array): Uint8Array {
  return hashChildrenInto(l, r, new Uint8Array(32));
}

const B64URL = new Uint8Array(64);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('').forEach((ch, i) => {
  B64URL[i] = ch.charCodeAt(0);
});
const HEX = new Uint8Array(16);
'0123456789abcdef'.split('').forEach((ch, i) => {
  HEX[i] = ch.charCodeAt(0);
});
const codes43: number[] = new Array<number>(43).fill(0);
const codes64: number[] = new Array<number>(64).fill(0);

/** Unpadded base64url (43 characters) of the eight big-endian words `w[0…7]`. */
export function base64urlOfWords(w: Int32Array): string {
  // 32 bytes: ten groups of three bytes (40 characters), then two bytes (3 characters). The words
  // are read as a bit stream, 24 bits at a time.
  const c = codes43;
  let k = 0;
  for (let g = 0; g < 10; g++) {
    const bit = g * 24;
    const i = bit >>> 5;
    const s = bit & 31;
    // 24 bits starting at bit `s` of word i (continuing into word i + 1 when they straddle it).
    const v =
      s <= 8 ? (w[i]! >>> (8 - s)) & 0xffffff : ((w[i]! << (s - 8)) | (w[i + 1]! >>> (40 - s))) & 0xffffff;
    c[k++] = B64URL[v >>> 18]!;
    c[k++] = B64URL[(v >>> 12) & 63]!;
    c[k++] = B64URL[(v >>> 6) & 63]!;
    c[k++] = B64URL[v & 63]!;
  }
  const last = w[7]! & 0xffff; // bytes 30 and 31
  c[k++] = B64URL[last >>> 10]!;
  c[k++] = B64URL[(last >>> 4) & 63]!;
  c[k++] = B64URL[(last << 2) & 63]!;
  return String.fromCharCode.apply(null, c);
}

/** Lower-case hexadecimal (64 characters) of the eight big-endian words `w[0…7]`. */
export function hexOfWords(w: Int32Array): string {
  const c = codes64;
  for (let i = 0; i < 8; i++) {
    const v = w[i]!;
    for (let j = 0; j < 8; j++) c[i * 8 + j] = HEX[(v >>> (28 - 4 * j)) & 15]!;
  }
  return String.fromCharCode.apply(null, c);
}

const encoder = new TextEncoder();
/** Message scratch for HMAC: the UTF-8 bytes and their padding. Grown on demand. */
let hmacScratch = new Uint8Array(256);
const W = new Int32Array(16);

/**
 * HMAC-SHA256 (RFC 2104, FIPS 198-1) for many short messages under one key. The key's inner and
 * outer states (the compression of `key ⊕ ipad` and `key ⊕ opad`) are computed once, so a message
 * of up to 55 ASCII characters costs two SHA-256 compressions — instead of a call into node:crypto,
 * whose fixed cost per call (a new Hmac object, the key schedule of both pads, the digest buffer) is
 * several times the hashing itself. Same bytes as `createHmac('sha256', key)`.
 */
export class HmacSha256 {
  readonly #inner = new Int32Array(8);
  readonly #outer = new Int32Array(8);

  constructor(key: Uint8Array) {
    // RFC 2104: a key longer than the block is replaced by its hash.
    const k = key.length > 64 ? new Uint8Array(createHash('sha256').update(key).digest()) : key;
    const block = new Uint8Array(64);
    for (let i = 0; i < 64; i++) block[i] = (k[i] ?? 0) ^ 0x36;
    this.#inner.set(IV);
    compressAt(this.#inner, block, 0);
    for (let i = 0; i < 64; i++) block[i] = (k[i] ?? 0) ^ 0x5c;
    this.#outer.set(IV);
    compressAt(this.#outer, block, 0);
  }

  /**
   * The HMAC of the UTF-8 encoding of `value` (lone surrogates become U+FFFD, as in
   * `createHmac(…).update(value, 'utf8')`), as eight big-endian words written into `out[0…7]`.
   */
  digestString(value: string, out: Int32Array): Int32Array {
    const n = value.length;
    if (n <= 55) {
      // One block when the value is ASCII (one byte per character, 55 at most with the padding):
      // the words are packed straight from the char codes.
      const w = W;
      for (let i = 0; i < 16; i++) w[i] = 0;
      let ascii = true;
      for (let i = 0; i < n; i++) {
        const c = value.charCodeAt(i);
        if (c >= 128) {
          ascii = false;
          break;
        }
        w[i >>> 2]! |= c << (24 - 8 * (i & 3));
      }
      if (ascii) {
        w[n >>> 2]! |= 0x80 << (24 - 8 * (n & 3));
        w[15] = (64 + n) * 8;
        out.set(this.#inner);
        compress(
          out,
          w[0]!,
          w[1]!,
          w[2]!,
          w[3]!,
          w[4]!,
          w[5]!,
          w[6]!,
          w[7]!,
          w[8]!,
          w[9]!,
          w[10]!,
          w[11]!,
          w[12]!,
          w[13]!,
          w[14]!,
          w[15]!,
        );
        return this.#finish(out);
      }
    }
    // UTF-8: ASCII is copied byte by byte; anything else goes through TextEncoder.
    if (hmacScratch.length < 3 * n + 72) hmacScratch = new Uint8Array(3 * n + 72);
    const m = hmacScratch;
    let len = 0;
    for (; len < n; len++) {
      const c = value.charCodeAt(len);
      if (c >= 128) break;
      m[len] = c;
    }
    if (len < n) len = encoder.encodeInto(value, m).written;
    // Padding: 0x80, zeros, and the bit length of key block + message as a 64-bit big-endian number.
    const blocks = (len + 9 + 63) >>> 6;
    const end = blocks * 64;
    m[len] = 0x80;
    m.fill(0, len + 1, end - 8);
    const bits = (64 + len) * 8;
    m[end - 8] = 0;
    m[end - 7] = 0;
    m[end - 6] = 0;
    m[end - 5] = Math.floor(bits / 2 ** 32);
    m[end - 4] = bits >>> 24;
    m[end - 3] = bits >>> 16;
    m[end - 2] = bits >>> 8;
    m[end - 1] = bits;
    out.set(this.#inner);
    for (let o = 0; o < end; o += 64) compressAt(out, m, o);
    return this.#finish(out);
  }

  /** The outer hash over the inner digest in `st`, written back into `st`. */
  #finish(st: Int32Array): Int32Array {
    const i0 = st[0]!;
    const i1 = st[1]!;
    const i2 = st[2]!;
    const i3 = st[3]!;
    const i4 = st[4]!;
    const i5 = st[5]!;
    const i6 = st[6]!;
    const i7 = st[7]!;
    st.set(this.#outer);
    // The outer message is the 32-byte inner digest: one block with its padding (768 bits in all).
    compress(st, i0, i1, i2, i3, i4, i5, i6, i7, 0x80000000 | 0, 0, 0, 0, 0, 0, 0, 768);
    return st;
  }
}
