/**
 * The keyed operators: HMAC pseudonyms (linkability `keyed`), random-salt hashes (`none`) and
 * AES-GCM tokens (`reversible`), on `node:crypto` — except the per-value HMAC-SHA256 of pseudonyms,
 * computed in JavaScript over the key's precomputed pad states (src/internal/hmac.ts; the same
 * bytes as `createHmac`, tested against it). Keys and randomness are passed in.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import type { KvkkIssue, KvkkResult } from './errors.js';
import { KvkkError } from './errors.js';
import { HmacSha256 } from './internal/hmac.js';
import { err, issue, ok } from './internal/result.js';

/**
 * A source of random bytes: returns `size` fresh bytes. The default is `crypto.randomBytes`; tests
 * pass a deterministic one.
 *
 * @example
 * ```ts
 * let n = 0;
 * const counter: RandomSource = (size) => new Uint8Array(size).fill(n++);
 * ```
 */
export type RandomSource = (size: number) => Uint8Array;

/**
 * Where the keyed operators find a key by its id: a plain object `{ [keyId]: key }` or a function.
 * Keep retired keys here as long as data made with them exists; remove a key to make its tokens
 * undecryptable for good (crypto-shredding).
 *
 * @example
 * ```ts
 * const keys: KeyLookup = { '2026-01': key2026, '2025-07': key2025 };
 * const fromVault: KeyLookup = (keyId) => vault.get(keyId);
 * ```
 */
export type KeyLookup = Readonly<Record<string, Uint8Array>> | ((keyId: string) => Uint8Array | undefined);

/**
 * A keyed pseudonym: `p1.<keyId>.<43 characters of base64url HMAC-SHA256>`. Linkability `keyed`.
 *
 * @example
 * ```ts
 * const p: Pseudonym = pseudonymize('10000000146', { key, keyId: 'k2026', purpose: 'analytics' });
 * ```
 */
export type Pseudonym = `p1.${string}`;

/**
 * A random-salt hash: `h1.<43 characters of base64url SHA-256>`. Linkability `none`.
 *
 * @example
 * ```ts
 * const h: SaltedHash = saltedHash('10000000146');
 * ```
 */
export type SaltedHash = `h1.${string}`;

/**
 * A reversible token: `t1.<keyId>.<base64url of IV, ciphertext and tag>`. Linkability `reversible`.
 *
 * @example
 * ```ts
 * const t: Token = tokenize('10000000146', { key, keyId: 'k2026' });
 * ```
 */
export type Token = `t1.${string}`;

const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;

function checkKeyId(keyId: unknown): string {
  if (typeof keyId !== 'string' || !KEY_ID.test(keyId))
    throw new KvkkError('invalid_key_id', {
      tr: 'Anahtar kimliği 1–64 karakter olmalı: harf, rakam, _ ve -',
      en: 'A key id is 1–64 characters: letters, digits, _ and -',
    });
  return keyId;
}

function checkKey(key: unknown, min: number, max: number): Uint8Array {
  if (!(key instanceof Uint8Array) || key.length < min || key.length > max)
    throw new KvkkError('invalid_key', {
      tr:
        min === max
          ? `Anahtar ${min} baytlık bir Uint8Array olmalı`
          : `Anahtar en az ${min} baytlık bir Uint8Array olmalı`,
      en:
        min === max
          ? `The key must be a Uint8Array of ${min} bytes`
          : `The key must be a Uint8Array of at least ${min} bytes`,
    });
  return key;
}

function lookup(keys: KeyLookup, keyId: string): Uint8Array | undefined {
  if (typeof keys === 'function') return keys(keyId);
  return Object.hasOwn(keys, keyId) ? keys[keyId] : undefined;
}

const b64url = (b: Uint8Array): string =>
  Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64url');

// Per key and purpose, the derived HMAC key, so that one pseudonym costs one HMAC. Keys are held
// weakly: a key the caller drops is not kept alive here. Do not mutate a key after using it.
const derived = new WeakMap<Uint8Array, Map<string, HmacSha256>>();

function purposeKey(key: Uint8Array, purpose: string): HmacSha256 {
  let m = derived.get(key);
  if (!m) {
    m = new Map();
    derived.set(key, m);
  }
  let k = m.get(purpose);
  if (!k) {
    const sub = createHmac('sha256', key).update(`izinkit/kvkk/pseudonym/v1\0${purpose}`).digest();
    k = new HmacSha256(sub);
    if (m.size > 64) m.clear();
    m.set(purpose, k);
  }
  return k;
}

/**
 * Options of {@link pseudonymize}.
 *
 * @example
 * ```ts
 * const o: PseudonymizeOptions = { key: randomBytes(32), keyId: 'k2026', purpose: 'analytics' };
 * ```
 */
export interface PseudonymizeOptions {
  /** Secret key, at least 16 bytes (32 recommended). */
  readonly key: Uint8Array;
  /** Public name of the key (`[A-Za-z0-9_-]{1,64}`), written into the pseudonym for rotation. */
  readonly keyId: string;
  /**
   * What the pseudonyms are for (`analytics`, `crm-export` …). Different purposes give unrelated
   * pseudonyms for the same value under the same key, so two releases cannot be joined.
   */
  readonly purpose: string;
}

function checkPurpose(purpose: unknown): string {
  if (typeof purpose !== 'string' || purpose.length === 0 || purpose.length > 200)
    throw new KvkkError('invalid_argument', {
      tr: 'Amaç (purpose) 1–200 karakterlik bir metin olmalı',
      en: 'purpose must be a string of 1–200 characters',
    });
  return purpose;
}

/**
 * A keyed pseudonym of `value`: HMAC-SHA256 under a key derived from `key` and `purpose`, written as
 * `p1.<keyId>.<mac>`. The same value, key and purpose always give the same pseudonym; another key or
 * another purpose gives an unrelated one.
 *
 * Linkability `keyed`: the output is still personal data (KVKK treats pseudonymised data as
 * personal data). Unlike a bare hash — a TCKN has only about 10⁹ candidates, so `sha256(tckn)` is
 * reversed in minutes — a pseudonym cannot be recomputed without the key.
 *
 * Key rotation: pseudonymise new data under a new `keyId`; keep the old key in a {@link KeyLookup}
 * while old pseudonyms exist, and match across keys with {@link pseudonymsFor} or
 * {@link verifyPseudonym}.
 *
 * @throws {@link KvkkError} `invalid_key` (not a Uint8Array of ≥ 16 bytes), `invalid_key_id`,
 * `invalid_argument` (empty purpose)
 *
 * @example
 * ```ts
 * import { randomBytes } from 'node:crypto';
 * const key = randomBytes(32);
 * const a = pseudonymize('10000000146', { key, keyId: 'k2026', purpose: 'analytics' });
 * const b = pseudonymize('10000000146', { key, keyId: 'k2026', purpose: 'analytics' });
 * a === b; // true
 * a.startsWith('p1.k2026.'); // true
 * ```
 */
export function pseudonymize(value: string, options: PseudonymizeOptions): Pseudonym {
  return pseudonymizer(options)(value);
}

/**
 * {@link pseudonymize} with the options checked once and the derived key looked up once: for
 * anonymising many values with the same key and purpose.
 *
 * @internal
 */
export function pseudonymizer(options: PseudonymizeOptions): (value: string) => Pseudonym {
  const key = checkKey(options?.key, 16, 1024);
  const keyId = checkKeyId(options.keyId);
  const sub = purposeKey(key, checkPurpose(options.purpose));
  const prefix = `p1.${keyId}.` as const;
  // HMAC-SHA256 with the pad states of the derived key computed once (src/internal/hmac.ts): the
  // same bytes as createHmac('sha256', sub), at a fraction of its fixed cost per call.
  return (value) => `${prefix}${sub.base64url(String(value))}`;
}

/**
 * The key id a pseudonym or token was made with, or `undefined` when the string is neither.
 *
 * @example
 * ```ts
 * keyIdOf('p1.k2026.abc…'); // 'k2026'
 * keyIdOf('hello'); // undefined
 * ```
 */
export function keyIdOf(pseudonymOrToken: string): string | undefined {
  if (typeof pseudonymOrToken !== 'string') return undefined;
  const m = /^[pt]1\.([A-Za-z0-9_-]{1,64})\./.exec(pseudonymOrToken);
  return m?.[1];
}

/**
 * Options of {@link verifyPseudonym} and {@link pseudonymsFor}.
 *
 * @example
 * ```ts
 * const o: PseudonymLookupOptions = { keys: { k2025: oldKey, k2026: newKey }, purpose: 'analytics' };
 * ```
 */
export interface PseudonymLookupOptions {
  /** The keys by id (current and retired). */
  readonly keys: KeyLookup;
  /** The purpose the pseudonyms were made for. */
  readonly purpose: string;
}

/**
 * True when `pseudonym` is the pseudonym of `value` under the key it names and `purpose`. Uses a
 * constant-time comparison.
 *
 * @example
 * ```ts
 * const p = pseudonymize('5321234567', { key: oldKey, keyId: 'k2025', purpose: 'crm' });
 * verifyPseudonym('5321234567', p, { keys: { k2025: oldKey, k2026: newKey }, purpose: 'crm' }); // true
 * ```
 */
export function verifyPseudonym(value: string, pseudonym: string, options: PseudonymLookupOptions): boolean {
  const keyId = keyIdOf(pseudonym);
  if (!keyId || !pseudonym.startsWith('p1.')) return false;
  const key = lookup(options.keys, keyId);
  if (!key) return false;
  const expected = Buffer.from(pseudonymize(value, { key, keyId, purpose: options.purpose }));
  const given = Buffer.from(pseudonym);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * The pseudonyms of `value` under every given key id — for a lookup (`WHERE pseudonym IN (…)`)
 * while data made with old keys still exists.
 *
 * @example
 * ```ts
 * pseudonymsFor('ali@example.com', { keys: { k2025: oldKey, k2026: newKey }, purpose: 'crm' }, ['k2025', 'k2026']);
 * // ['p1.k2025.…', 'p1.k2026.…']
 * ```
 */
export function pseudonymsFor(
  value: string,
  options: PseudonymLookupOptions,
  keyIds: readonly string[],
): Pseudonym[] {
  return keyIds.map((keyId) => {
    const key = lookup(options.keys, keyId);
    if (!key)
      throw new KvkkError('unknown_key', {
        tr: `Anahtar bulunamadı: ${keyId}`,
        en: `No key for key id ${keyId}`,
      });
    return pseudonymize(value, { key, keyId, purpose: options.purpose });
  });
}

/**
 * Options of {@link saltedHash}.
 *
 * @example
 * ```ts
 * const o: SaltedHashOptions = { random: (n) => new Uint8Array(n) }; // deterministic, for tests only
 * ```
 */
export interface SaltedHashOptions {
  /** Where the salt comes from (default `crypto.randomBytes`). */
  readonly random?: RandomSource;
}

/**
 * SHA-256 of a fresh 32-byte random salt followed by the value, as `h1.<base64url>`. The salt is not
 * returned or kept: nobody — including you — can recompute, verify or link the hash, and equal
 * inputs give different outputs. This is Presidio's hash operator as it should have been (its hash
 * was unsalted until 2026, so a hashed TCKN could be reversed by trying all ≈10⁹ candidates).
 *
 * Linkability `none`. If you need equal values to stay joinable, that is a pseudonym: use
 * {@link pseudonymize}, with a key you can rotate and destroy.
 *
 * @example
 * ```ts
 * const a = saltedHash('10000000146');
 * const b = saltedHash('10000000146');
 * a === b; // false
 * ```
 */
export function saltedHash(value: string, options?: SaltedHashOptions): SaltedHash {
  const salt = (options?.random ?? randomBytes)(32);
  if (!(salt instanceof Uint8Array) || salt.length !== 32)
    throw new KvkkError('invalid_argument', {
      tr: 'Rastgelelik kaynağı 32 bayt döndürmeli',
      en: 'The random source must return the bytes asked for',
    });
  return `h1.${createHash('sha256').update(salt).update(String(value), 'utf8').digest('base64url')}`;
}

/**
 * Options of {@link tokenize}.
 *
 * @example
 * ```ts
 * const o: TokenizeOptions = { key: randomBytes(32), keyId: 'k2026', purpose: 'support' };
 * ```
 */
export interface TokenizeOptions {
  /** AES-256 key: exactly 32 bytes. */
  readonly key: Uint8Array;
  /** Public name of the key, written into the token. */
  readonly keyId: string;
  /** Binds the token to a purpose: it only decrypts when the same purpose is given. */
  readonly purpose?: string;
  /** Where the 12-byte IV comes from (default `crypto.randomBytes`). */
  readonly random?: RandomSource;
}

const aad = (keyId: string, purpose: string | undefined): Buffer =>
  Buffer.from(`t1.${keyId}.${purpose ?? ''}`, 'utf8');

/**
 * Encrypts `value` into a token with AES-256-GCM: `t1.<keyId>.<base64url(iv ‖ ciphertext ‖ tag)>`.
 * A fresh random IV per call, so equal values give different tokens. The key id and the purpose
 * are authenticated: a token does not decrypt under another key id or purpose.
 *
 * Linkability `reversible`: whoever holds the key gets the value back with {@link detokenize}.
 * Destroying the key makes every token made with it undecryptable (crypto-shredding) — a
 * destruction method to record with its key id.
 *
 * @throws {@link KvkkError} `invalid_key` (not 32 bytes), `invalid_key_id`
 *
 * @example
 * ```ts
 * import { randomBytes } from 'node:crypto';
 * const key = randomBytes(32);
 * const t = tokenize('TR330006100519786457841326', { key, keyId: 'k2026' });
 * detokenize(t, { keys: { k2026: key } }); // { ok: true, value: 'TR330006100519786457841326' }
 * ```
 */
export function tokenize(value: string, options: TokenizeOptions): Token {
  const key = checkKey(options?.key, 32, 32);
  const keyId = checkKeyId(options.keyId);
  if (options.purpose !== undefined) checkPurpose(options.purpose);
  const iv = (options.random ?? randomBytes)(12);
  if (!(iv instanceof Uint8Array) || iv.length !== 12)
    throw new KvkkError('invalid_argument', {
      tr: 'Rastgelelik kaynağı 12 bayt döndürmeli',
      en: 'The random source must return the bytes asked for',
    });
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(aad(keyId, options.purpose));
  const body = Buffer.concat([iv, c.update(String(value), 'utf8'), c.final(), c.getAuthTag()]);
  return `t1.${keyId}.${b64url(body)}`;
}

/**
 * Options of {@link detokenize}.
 *
 * @example
 * ```ts
 * const o: DetokenizeOptions = { keys: { k2026: key }, purpose: 'support' };
 * ```
 */
export interface DetokenizeOptions {
  /** The keys by id. */
  readonly keys: KeyLookup;
  /** The purpose the token was made for, if any. */
  readonly purpose?: string;
}

/**
 * Error codes of {@link detokenize}.
 *
 * @example
 * ```ts
 * const c: TokenErrorCode = 'unknown_key';
 * ```
 */
export type TokenErrorCode = 'malformed_token' | 'unknown_key' | 'authentication_failed';

/**
 * Why {@link detokenize} could not open a token.
 *
 * @example
 * ```ts
 * const r = detokenize('t1.k1.AAAA', { keys: {} });
 * if (!r.ok) {
 *   const e: TokenError = r.error;
 *   console.log(e.code); // 'unknown_key'
 * }
 * ```
 */
export interface TokenError extends KvkkIssue<TokenErrorCode> {
  /** The key id the token names, when it could be read. */
  readonly keyId?: string;
}

/**
 * Decrypts a token made by {@link tokenize}. Fails with `unknown_key` when its key id is not in
 * `keys` (for example after the key was destroyed), and with `authentication_failed` when the key,
 * the purpose or the token itself is not the right one.
 *
 * @example
 * ```ts
 * const t = tokenize('ali@example.com', { key, keyId: 'k2026', purpose: 'support' });
 * detokenize(t, { keys: { k2026: key }, purpose: 'support' }); // { ok: true, value: 'ali@example.com' }
 * detokenize(t, { keys: { k2026: key } }).ok; // false — wrong purpose
 * ```
 */
export function detokenize(token: string, options: DetokenizeOptions): KvkkResult<string, TokenError> {
  const m = typeof token === 'string' ? /^t1\.([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]+)$/.exec(token) : null;
  if (!m) return err(issue('malformed_token', 'Belirteç biçimi hatalı', 'Not a token'));
  const keyId = m[1]!;
  const body = Buffer.from(m[2]!, 'base64url');
  if (body.length < 28)
    return err({ ...issue('malformed_token', 'Belirteç eksik', 'Truncated token'), keyId });
  const key = lookup(options.keys, keyId);
  if (!key) return err({ ...issue('unknown_key', 'Anahtar bulunamadı', 'No key for this key id'), keyId });
  checkKey(key, 32, 32);
  try {
    const d = createDecipheriv('aes-256-gcm', key, body.subarray(0, 12));
    d.setAAD(aad(keyId, options.purpose));
    d.setAuthTag(body.subarray(body.length - 16));
    const plain = Buffer.concat([d.update(body.subarray(12, body.length - 16)), d.final()]);
    return ok(plain.toString('utf8'));
  } catch {
    return err({
      ...issue(
        'authentication_failed',
        'Belirteç bu anahtar ve amaçla açılamadı',
        'The token does not open with this key and purpose',
      ),
      keyId,
    });
  }
}
