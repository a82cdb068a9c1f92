import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  detokenize,
  isKvkkError,
  keyIdOf,
  pseudonymize,
  pseudonymsFor,
  saltedHash,
  tokenize,
  verifyPseudonym,
} from '../src/index.js';
import { HmacSha256 } from '../src/internal/hmac.js';

const keyArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
const purposeArb = fc.string({ minLength: 1, maxLength: 20 });

describe('pseudonymize', () => {
  it('is deterministic per key and purpose, and carries the key id', () => {
    fc.assert(
      fc.property(fc.string(), keyArb, purposeArb, (v, key, purpose) => {
        const a = pseudonymize(v, { key, keyId: 'k1', purpose });
        expect(pseudonymize(v, { key: Uint8Array.from(key), keyId: 'k1', purpose })).toBe(a);
        expect(a).toMatch(/^p1\.k1\.[A-Za-z0-9_-]{43}$/);
        expect(keyIdOf(a)).toBe('k1');
      }),
    );
  });

  it('differs across keys, purposes and values', () => {
    fc.assert(
      fc.property(
        fc.string(),
        keyArb,
        keyArb,
        purposeArb,
        purposeArb,
        fc.string(),
        (v, k1, k2, p1, p2, w) => {
          const base = pseudonymize(v, { key: k1, keyId: 'k', purpose: p1 });
          if (Buffer.compare(Buffer.from(k1), Buffer.from(k2)) !== 0)
            expect(pseudonymize(v, { key: k2, keyId: 'k', purpose: p1 })).not.toBe(base);
          if (p1 !== p2) expect(pseudonymize(v, { key: k1, keyId: 'k', purpose: p2 })).not.toBe(base);
          if (v !== w) expect(pseudonymize(w, { key: k1, keyId: 'k', purpose: p1 })).not.toBe(base);
        },
      ),
    );
  });

  it('supports key rotation: old pseudonyms verify with the old key, lookups list every key', () => {
    const old = randomBytes(32);
    const cur = randomBytes(32);
    const keys = { k2025: old, k2026: cur };
    const p = pseudonymize('10000000146', { key: old, keyId: 'k2025', purpose: 'crm' });
    expect(verifyPseudonym('10000000146', p, { keys, purpose: 'crm' })).toBe(true);
    expect(verifyPseudonym('10000000147', p, { keys, purpose: 'crm' })).toBe(false);
    expect(verifyPseudonym('10000000146', p, { keys, purpose: 'other' })).toBe(false);
    expect(verifyPseudonym('10000000146', p, { keys: { k2026: cur }, purpose: 'crm' })).toBe(false);
    expect(verifyPseudonym('10000000146', 'garbage', { keys, purpose: 'crm' })).toBe(false);
    const all = pseudonymsFor('10000000146', { keys, purpose: 'crm' }, ['k2025', 'k2026']);
    expect(all[0]).toBe(p);
    expect(all[1]).toBe(pseudonymize('10000000146', { key: cur, keyId: 'k2026', purpose: 'crm' }));
    expect(() => pseudonymsFor('x', { keys, purpose: 'crm' }, ['nope'])).toThrow(
      expect.objectContaining({ code: 'unknown_key' }),
    );
    // A key id that is an Object.prototype property is not a key.
    expect(verifyPseudonym('x', 'p1.constructor.abc', { keys, purpose: 'crm' })).toBe(false);
  });

  it('rejects short keys, bad key ids and empty purposes with coded errors', () => {
    const code = (f: () => unknown) => {
      try {
        f();
        return 'no error';
      } catch (e) {
        return isKvkkError(e) ? e.code : 'other';
      }
    };
    expect(code(() => pseudonymize('x', { key: new Uint8Array(8), keyId: 'k', purpose: 'p' }))).toBe(
      'invalid_key',
    );
    expect(code(() => pseudonymize('x', { key: 'k'.repeat(32) as never, keyId: 'k', purpose: 'p' }))).toBe(
      'invalid_key',
    );
    expect(code(() => pseudonymize('x', { key: new Uint8Array(16), keyId: 'a.b', purpose: 'p' }))).toBe(
      'invalid_key_id',
    );
    expect(code(() => pseudonymize('x', { key: new Uint8Array(16), keyId: 'k', purpose: '' }))).toBe(
      'invalid_argument',
    );
  });
});

describe('HmacSha256 (the JavaScript HMAC behind pseudonymize)', () => {
  const text = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 140 }),
    fc.string({ unit: 'binary', maxLength: 140 }), // lone surrogates included
    fc.string({ maxLength: 200 }),
  );
  it('gives the same bytes as node:crypto createHmac for any key and string', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 150 }), text, (key, value) => {
        const ours = new HmacSha256(key).base64url(value);
        expect(ours).toBe(createHmac('sha256', key).update(value, 'utf8').digest('base64url'));
      }),
      { numRuns: 500 },
    );
  });
  it('is right at every padding boundary (lengths 0–200 bytes)', () => {
    const key = randomBytes(32);
    const h = new HmacSha256(key);
    for (let n = 0; n <= 200; n++) {
      const ascii = 'a'.repeat(n);
      const wide = 'ş'.repeat(n >> 1); // two UTF-8 bytes each
      expect(h.base64url(ascii)).toBe(createHmac('sha256', key).update(ascii).digest('base64url'));
      expect(h.base64url(wide)).toBe(createHmac('sha256', key).update(wide).digest('base64url'));
    }
  });
  it('matches RFC 4231 test case 2', () => {
    const h = new HmacSha256(new TextEncoder().encode('Jefe'));
    expect(Buffer.from(h.base64url('what do ya want for nothing?'), 'base64url').toString('hex')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});

describe('saltedHash', () => {
  it('gives a different hash each time with real randomness', () => {
    const a = saltedHash('10000000146');
    const b = saltedHash('10000000146');
    expect(a).toMatch(/^h1\.[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  it('uses the injected random source (and only equal salts give equal hashes)', () => {
    const zero = (n: number) => new Uint8Array(n);
    const one = (n: number) => new Uint8Array(n).fill(1);
    expect(saltedHash('x', { random: zero })).toBe(saltedHash('x', { random: zero }));
    expect(saltedHash('x', { random: zero })).not.toBe(saltedHash('x', { random: one }));
    expect(saltedHash('x', { random: zero })).not.toBe(saltedHash('y', { random: zero }));
    expect(() => saltedHash('x', { random: () => new Uint8Array(3) })).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
  });
});

describe('tokenize / detokenize', () => {
  it('round-trips with the right key and purpose', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }),
        keyArb,
        fc.option(purposeArb, { nil: undefined }),
        (v, key, purpose) => {
          const t = tokenize(v, purpose === undefined ? { key, keyId: 'k1' } : { key, keyId: 'k1', purpose });
          expect(t.startsWith('t1.k1.')).toBe(true);
          expect(
            detokenize(t, purpose === undefined ? { keys: { k1: key } } : { keys: { k1: key }, purpose }),
          ).toEqual({
            ok: true,
            value: v,
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('does not open with another key, purpose or key id, nor when tampered with', () => {
    fc.assert(
      fc.property(fc.string(), keyArb, keyArb, (v, key, other) => {
        fc.pre(Buffer.compare(Buffer.from(key), Buffer.from(other)) !== 0);
        const t = tokenize(v, { key, keyId: 'k1', purpose: 'support' });
        const code = (r: ReturnType<typeof detokenize>) => (r.ok ? 'ok' : r.error.code);
        expect(code(detokenize(t, { keys: { k1: other }, purpose: 'support' }))).toBe(
          'authentication_failed',
        );
        expect(code(detokenize(t, { keys: { k1: key } }))).toBe('authentication_failed');
        expect(code(detokenize(t, { keys: { k1: key }, purpose: 'other' }))).toBe('authentication_failed');
        expect(
          code(detokenize(t.replace('t1.k1.', 't1.k2.'), { keys: { k2: key }, purpose: 'support' })),
        ).toBe('authentication_failed');
        expect(code(detokenize(t, { keys: {}, purpose: 'support' }))).toBe('unknown_key');
        const body = t.slice(6);
        const flipped = body[5] === 'A' ? 'B' : 'A';
        expect(
          code(
            detokenize(`t1.k1.${body.slice(0, 5)}${flipped}${body.slice(6)}`, {
              keys: { k1: key },
              purpose: 'support',
            }),
          ),
        ).toBe('authentication_failed');
      }),
      { numRuns: 100 },
    );
  });

  it('uses a fresh IV each time (and the injected one when given)', () => {
    const key = randomBytes(32);
    expect(tokenize('x', { key, keyId: 'k' })).not.toBe(tokenize('x', { key, keyId: 'k' }));
    const iv = (n: number) => new Uint8Array(n).fill(9);
    expect(tokenize('x', { key, keyId: 'k', random: iv })).toBe(
      tokenize('x', { key, keyId: 'k', random: iv }),
    );
  });

  it('rejects malformed tokens and wrong key sizes', () => {
    expect(detokenize('nope', { keys: {} })).toMatchObject({ ok: false, error: { code: 'malformed_token' } });
    expect(detokenize('t1.k.AAAA', { keys: {} })).toMatchObject({
      ok: false,
      error: { code: 'malformed_token' },
    });
    expect(() => tokenize('x', { key: randomBytes(16), keyId: 'k' })).toThrow(
      expect.objectContaining({ code: 'invalid_key' }),
    );
    const lookup = (id: string) => (id === 'k' ? randomBytes(32) : undefined);
    const t = tokenize('x', { key: randomBytes(32), keyId: 'k' });
    expect(detokenize(t, { keys: lookup })).toMatchObject({
      ok: false,
      error: { code: 'authentication_failed', keyId: 'k' },
    });
  });
});
