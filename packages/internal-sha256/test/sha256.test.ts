import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base64urlOfWords,
  HmacSha256,
  hashChildren,
  hashChildrenInto,
  hashNodeWords,
  hexOfWords,
  JS_MAX,
  NODE_TAIL,
  readWords,
  sha256,
  sha256WithPrefix,
  writeWords,
} from '../src/index.js';

const ref = (...parts: Uint8Array[]): Uint8Array => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
const words = (b: Uint8Array): Int32Array => {
  const w = new Int32Array(8);
  readWords(b, 0, w, 0);
  return w;
};

describe('sha256', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hex(sha256(new Uint8Array(0)))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(
      hex(sha256(new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))),
    ).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('equals node:crypto at every length around the block and JS/node:crypto boundaries', () => {
    for (let n = 0; n <= JS_MAX + 70; n++) {
      const d = new Uint8Array(n).map((_, i) => (i * 31 + n) & 255);
      expect(hex(sha256(d))).toBe(hex(ref(d)));
      expect(hex(sha256WithPrefix(n & 1, d))).toBe(hex(ref(new Uint8Array([n & 1]), d)));
    }
  });

  it('equals node:crypto on random messages (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: 0, max: 255 }), (d, p) => {
        expect(hex(sha256(d))).toBe(hex(ref(d)));
        expect(hex(sha256WithPrefix(p, d))).toBe(hex(ref(new Uint8Array([p]), d)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('interior node hash SHA-256(0x01 ‖ l ‖ r)', () => {
  it('equals node:crypto for every value of the last byte of r (all 256 tail schedules)', () => {
    const l = new Uint8Array(32).map((_, i) => i * 7);
    for (let b = 0; b < 256; b++) {
      const r = new Uint8Array(32).map((_, i) => (i === 31 ? b : 255 - i));
      expect(hex(hashChildren(l, r))).toBe(hex(ref(new Uint8Array([1]), l, r)));
    }
    expect(NODE_TAIL.length).toBe(256 * 64);
  });

  it('equals node:crypto on random children, in place and over words (property)', () => {
    fc.assert(
      fc.property(bytes32, bytes32, (l, r) => {
        const want = hex(ref(new Uint8Array([1]), l, r));
        expect(hex(hashChildren(l, r))).toBe(want);
        const l2 = l.slice();
        expect(hex(hashChildrenInto(l2, r, l2))).toBe(want);
        const r2 = r.slice();
        expect(hex(hashChildrenInto(l, r2, r2))).toBe(want);
        // Words, at offsets, with the output aliasing either input.
        const w = new Int32Array(24);
        readWords(l, 0, w, 3);
        readWords(r, 0, w, 11);
        hashNodeWords(w, 3, w, 11, w, 11, NODE_TAIL);
        expect(hex(writeWords(w, 11, new Uint8Array(32), 0))).toBe(want);
        expect(hexOfWords(words(hashChildren(l, r)))).toBe(want);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('HmacSha256', () => {
  const macB64 = (key: Uint8Array, v: string): string => {
    const out = new Int32Array(8);
    return base64urlOfWords(new HmacSha256(key).digestString(v, out));
  };

  it('matches RFC 4231 test case 2', () => {
    const out = new Int32Array(8);
    new HmacSha256(new TextEncoder().encode('Jefe')).digestString('what do ya want for nothing?', out);
    expect(hexOfWords(out)).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('equals createHmac for random keys and strings, lone surrogates included (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 150 }),
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.string({ unit: 'binary', maxLength: 80 }),
          fc.string({
            unit: fc.integer({ min: 0xd800, max: 0xdfff }).map(String.fromCharCode),
            maxLength: 5,
          }),
        ),
        (key, v) => {
          expect(macB64(key, v)).toBe(createHmac('sha256', key).update(v, 'utf8').digest('base64url'));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reuses one key for many values and keeps the answers independent', () => {
    const key = new Uint8Array(32).fill(9);
    const h = new HmacSha256(key);
    const out = new Int32Array(8);
    for (let n = 0; n < 140; n++) {
      const v = 'a'.repeat(n) + (n % 3 === 0 ? 'ş' : '');
      expect(hexOfWords(h.digestString(v, out))).toBe(createHmac('sha256', key).update(v).digest('hex'));
    }
  });
});

describe('encodings of eight words', () => {
  it('base64url and hex equal Buffer on random digests (property)', () => {
    fc.assert(
      fc.property(bytes32, (b) => {
        const w = words(b);
        expect(base64urlOfWords(w)).toBe(Buffer.from(b).toString('base64url'));
        expect(hexOfWords(w)).toBe(Buffer.from(b).toString('hex'));
      }),
      { numRuns: 1000 },
    );
  });
});
