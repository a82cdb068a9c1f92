import { createHmac } from 'node:crypto';
import { identityKey } from '@izinkit/identity';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StorageError } from '../src/errors.js';
import { KeyedHash } from '../src/internal/hmac.js';
import { storageCrypto } from '../src/keys.js';

const enc = { k: new Uint8Array(32).fill(1) };

describe('keyed hashes', () => {
  it('KeyedHash.hex equals createHmac hex on any key and string (non-ASCII, > 119 bytes)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 100 }),
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'grapheme', maxLength: 120 }),
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.string({ minLength: 100, maxLength: 140 }),
        ),
        (key, value) => {
          const expected = createHmac('sha256', key).update(value, 'utf8').digest('hex');
          expect(new KeyedHash(key).hex(value)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('hashRaw is the storage HMAC of label and value, byte for byte', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 80 }),
        fc.string({ maxLength: 40 }),
        fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 80 })),
        (lookupKey, label, value) => {
          const c = storageCrypto({ lookupKey, encryptionKeys: enc, currentKeyId: 'k' });
          const expected = createHmac('sha256', lookupKey)
            .update(`izinkit.storage.v1\0${label}\0${value}`)
            .digest('hex');
          expect(c.hashRaw(label, value)).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('hash equals identityKey for phones and e-mail addresses, and refuses what identityKey refuses', () => {
    const lookupKey = new Uint8Array(32).map((_, i) => i * 7);
    const c = storageCrypto({ lookupKey, encryptionKeys: enc, currentKeyId: 'k' });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 0, max: 9_999_999 }).map((n) => `0532 ${String(n).padStart(7, '0')}`),
          fc.emailAddress(),
          fc.string({ maxLength: 30 }),
        ),
        (value) => {
          const kind = value.includes('@') ? 'email' : 'phone';
          const r = identityKey(kind, value, lookupKey);
          if (r.ok) expect(c.hash(kind, value)).toBe(r.value);
          else expect(() => c.hash(kind, value)).toThrow(StorageError);
        },
      ),
      { numRuns: 300 },
    );
  });
});
