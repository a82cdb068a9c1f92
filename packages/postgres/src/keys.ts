import { canonicalIdentifier, type IdentityKind } from '@izinkit/identity';
import { detokenize, tokenize } from '@izinkit/kvkk';
import { StorageError } from './errors.js';
import { KeyedHash } from './internal/hmac.js';

/**
 * The secrets the storage layer needs to keep identity values out of the database in clear.
 *
 * - `lookupKey` (≥ 16 bytes) keys the HMAC-SHA-256 hashes rows are found by
 *   (`@izinkit/identity` `identityKey`). Changing it makes every stored hash unreachable: keep it.
 * - `encryptionKeys` (32 bytes each, by key id) encrypt values that must be read back, such as a
 *   recipient İYS needs (AES-256-GCM, `@izinkit/kvkk` `tokenize`). New values use
 *   `currentKeyId`; every key listed still decrypts, so keys rotate by adding one.
 *
 * @example
 * ```ts
 * const keys: StorageKeys = {
 *   lookupKey: Buffer.from(process.env.IZINKIT_LOOKUP_KEY!, 'base64'),
 *   encryptionKeys: { k2026: Buffer.from(process.env.IZINKIT_ENC_KEY!, 'base64') },
 *   currentKeyId: 'k2026',
 * };
 * ```
 */
export interface StorageKeys {
  /** HMAC key for lookup hashes (at least 16 bytes). */
  readonly lookupKey: Uint8Array;
  /** AES-256-GCM keys (32 bytes) by key id. */
  readonly encryptionKeys: Readonly<Record<string, Uint8Array>>;
  /** The key id new values are encrypted with. */
  readonly currentKeyId: string;
}

/**
 * Checks a {@link StorageKeys} and returns the helpers the repositories use.
 *
 * @internal
 */
export interface Crypto {
  /** Keyed hash of an identity value (normalised by its kind first). */
  hash(kind: IdentityKind, value: string): string;
  /** Keyed hash of an already canonical string (for composite keys). */
  hashRaw(label: string, value: string): string;
  /** Encrypts a string for `purpose`. */
  encrypt(value: string, purpose: string): string;
  /** Decrypts a value encrypted for `purpose`; throws `decrypt_failed` on a wrong key or tampering. */
  decrypt(token: string, purpose: string): string;
}

/** @internal */
export function storageCrypto(keys: StorageKeys): Crypto {
  if (!(keys?.lookupKey instanceof Uint8Array) || keys.lookupKey.byteLength < 16) {
    throw new StorageError(
      'invalid_option',
      'lookupKey en az 16 bayt olmalı / lookupKey must be at least 16 bytes',
    );
  }
  const current = keys.encryptionKeys?.[keys.currentKeyId];
  if (!(current instanceof Uint8Array) || current.byteLength !== 32) {
    throw new StorageError(
      'invalid_option',
      `currentKeyId (${String(keys.currentKeyId)}) 32 baytlık bir anahtar göstermeli / must name a 32-byte key`,
    );
  }
  // The key's HMAC pad states are computed once here, not once per hash (as createHmac would).
  const hmac = new KeyedHash(keys.lookupKey);
  const all = keys.encryptionKeys;
  return {
    hash(kind, value) {
      // The same bytes as `identityKey(kind, value, lookupKey)` (test/keys.test.ts checks it).
      const c = canonicalIdentifier(kind, value);
      if (!c.ok) throw new StorageError('invalid_option', `${kind}: ${c.error.message.en}`);
      return hmac.hex(`izinkit.identity.v1\0${kind}\0${c.value}`);
    },
    hashRaw(label, value) {
      // Composite keys (a consent key, a subject reference) are not identity values: they get
      // their own domain-separated HMAC rather than identityKey's normalisation.
      return hmac.hex(`izinkit.storage.v1\0${label}\0${value}`);
    },
    encrypt(value, purpose) {
      return tokenize(value, { key: current, keyId: keys.currentKeyId, purpose });
    },
    decrypt(token, purpose) {
      const r = detokenize(token, { keys: all, purpose });
      if (!r.ok) {
        throw new StorageError('decrypt_failed', `Şifre çözülemedi / could not decrypt (${r.error.code})`);
      }
      return r.value;
    },
  };
}
