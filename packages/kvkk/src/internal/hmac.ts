/**
 * HMAC-SHA256 (RFC 2104, FIPS 198-1) for many short messages under one key. The key's inner and
 * outer states (the compression of `key ⊕ ipad` and `key ⊕ opad`) are computed once, so a message
 * of up to 55 UTF-8 bytes costs two SHA-256 compressions in JavaScript — instead of a call into
 * node:crypto, whose fixed cost per call (a new Hmac object, the key schedule of both pads, the
 * digest buffer) is several times the hashing itself. The output is the same HMAC, byte for byte
 * (test/crypto.test.ts compares it with `createHmac` on random keys and strings).
 */
import { createHash } from 'node:crypto';
import { compress } from './sha256.generated.js';

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

const B64URL = new Uint8Array(64);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('').forEach((ch, i) => {
  B64URL[i] = ch.charCodeAt(0);
});

const word = (m: Uint8Array, o: number): number =>
  (m[o]! << 24) | (m[o + 1]! << 16) | (m[o + 2]! << 8) | m[o + 3]!;

/** Compresses the 64-byte block at `m[o…]` into `st`. */
function compressAt(st: Int32Array, m: Uint8Array, o: number): void {
  compress(
    st,
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

const encoder = new TextEncoder();
/** Message scratch: the UTF-8 bytes and their padding. Grown on demand, shared (calls are synchronous). */
let scratch = new Uint8Array(256);
const st = new Int32Array(8);
/** Message words of a one-block value. */
const W = new Int32Array(16);
const codes: number[] = new Array<number>(43).fill(0);

/** HMAC-SHA256 under one key, with the key's pad states precomputed. */
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
   * `createHmac(…).update(value, 'utf8')`), as unpadded base64url (43 characters).
   */
  base64url(value: string): string {
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
        const inner = this.#inner;
        for (let i = 0; i < 8; i++) st[i] = inner[i]!;
        compress(
          st,
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
        return this.#finish();
      }
    }
    // UTF-8: ASCII is copied byte by byte; anything else goes through TextEncoder.
    if (scratch.length < 3 * n + 72) scratch = new Uint8Array(3 * n + 72);
    const m = scratch;
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
    st.set(this.#inner);
    for (let o = 0; o < end; o += 64) compressAt(st, m, o);
    return this.#finish();
  }

  /** The outer hash over the inner digest in `st`, as base64url. */
  #finish(): string {
    const i0 = st[0]!;
    const i1 = st[1]!;
    const i2 = st[2]!;
    const i3 = st[3]!;
    const i4 = st[4]!;
    const i5 = st[5]!;
    const i6 = st[6]!;
    const i7 = st[7]!;
    const outer = this.#outer;
    for (let i = 0; i < 8; i++) st[i] = outer[i]!;
    // The outer message is the 32-byte inner digest: one block with its padding (768 bits in all).
    compress(st, i0, i1, i2, i3, i4, i5, i6, i7, 0x80000000 | 0, 0, 0, 0, 0, 0, 0, 768);
    return base64url32(st);
  }
}

/** Unpadded base64url of the eight big-endian words of `w`. */
function base64url32(w: Int32Array): string {
  // 32 bytes = ten groups of three bytes (40 characters) and two bytes left (3 characters).
  let k = 0;
  let carry = 0;
  let have = 0; // bits in carry
  for (let i = 0; i < 8; i++) {
    const v = w[i]!;
    for (let s = 24; s >= 0; s -= 8) {
      carry = (carry << 8) | ((v >>> s) & 0xff);
      have += 8;
      while (have >= 6) {
        have -= 6;
        codes[k++] = B64URL[(carry >>> have) & 63]!;
      }
      carry &= (1 << have) - 1;
    }
  }
  codes[k] = B64URL[(carry << (6 - have)) & 63]!;
  return String.fromCharCode.apply(null, codes);
}
