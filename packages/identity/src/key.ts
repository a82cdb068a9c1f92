import { createHmac } from 'node:crypto';
import { normalizeEmail } from './email.js';
import { IdentityError, type IdentityIssue, type IdentityResult } from './errors.js';
import { show } from './internal/digits.js';
import { parseMersis } from './mersis.js';
import { type CountryCode, normalizePhone } from './phone.js';
import { parseTckn } from './tckn.js';
import { parseVkn } from './vkn.js';
import { parseYkn } from './ykn.js';

/**
 * The kinds of identifier {@link identityKey} accepts.
 *
 * @example
 * ```ts
 * const k: IdentityKind = 'phone';
 * ```
 */
export type IdentityKind = 'tckn' | 'ykn' | 'vkn' | 'mersis' | 'phone' | 'email';

const KIND_NAMES: Record<IdentityKind, { readonly tr: string; readonly en: string }> = {
  tckn: { tr: 'TCKN', en: 'TCKN' },
  ykn: { tr: 'YKN', en: 'YKN' },
  vkn: { tr: 'VKN', en: 'VKN' },
  mersis: { tr: 'MERSİS numarası', en: 'MERSİS number' },
  phone: { tr: 'telefon numarası', en: 'phone number' },
  email: { tr: 'e-posta adresi', en: 'e-mail address' },
};

/**
 * Why {@link identityKey} could not key a value: it is not a valid identifier of its kind.
 * `reason` is the code of the parser that refused it (`bad_checksum`, `invalid_number`, …).
 *
 * @example
 * ```ts
 * const r = identityKey('tckn', '10000000145', 'a secret key of 16+ bytes');
 * if (!r.ok) console.log(r.error.code, r.error.reason); // 'invalid_identifier' 'bad_checksum'
 * ```
 */
export interface IdentityKeyError extends IdentityIssue<'invalid_identifier'> {
  /** The kind that was asked for. */
  readonly kind: IdentityKind;
  /** The code of the parser's error. */
  readonly reason: string;
}

/**
 * Options of {@link identityKey}.
 *
 * @example
 * ```ts
 * const o: IdentityKeyOptions = { encoding: 'base64url' };
 * ```
 */
export interface IdentityKeyOptions {
  /** Output encoding of the 32-byte HMAC. Default `'hex'` (64 characters). */
  readonly encoding?: 'hex' | 'base64url';
  /** Country of phone numbers written without a country code. Default `'TR'`. */
  readonly defaultCountry?: CountryCode;
}

/**
 * The canonical text of an identifier: what {@link identityKey} hashes. TCKN, YKN, VKN and MERSİS
 * become their digits, a phone number its E.164 form, an e-mail address its normalised form
 * lower-cased as a whole.
 *
 * @example
 * ```ts
 * canonicalIdentifier('phone', '0532 123 45 67'); // { ok: true, value: '+905321234567' }
 * canonicalIdentifier('email', 'Ali@Example.com'); // { ok: true, value: 'ali@example.com' }
 * ```
 */
export function canonicalIdentifier(
  kind: IdentityKind,
  value: string,
  options?: Pick<IdentityKeyOptions, 'defaultCountry'>,
): IdentityResult<string, IdentityKeyError> {
  let r: IdentityResult<string, { readonly code: string }>;
  switch (kind) {
    case 'tckn':
      r = parseTckn(value);
      break;
    case 'ykn': {
      const y = parseYkn(value);
      r = y.ok ? { ok: true, value: y.value.ykn } : y;
      break;
    }
    case 'vkn':
      r = parseVkn(value);
      break;
    case 'mersis':
      r = parseMersis(value);
      break;
    case 'phone': {
      const p = normalizePhone(value, options?.defaultCountry === undefined ? undefined : options);
      r = p.ok ? { ok: true, value: p.value.e164 } : p;
      break;
    }
    case 'email': {
      const e = normalizeEmail(value);
      r = e.ok ? { ok: true, value: e.value.toLowerCase() } : e;
      break;
    }
    default:
      throw new IdentityError('invalid_argument', {
        tr: `Bilinmeyen kimlik türü: ${show(kind)}`,
        en: `Unknown identifier kind: ${show(kind)}`,
      });
  }
  if (r.ok) return r;
  return {
    ok: false,
    error: {
      code: 'invalid_identifier',
      kind,
      reason: r.error.code,
      input: show(value),
      message: {
        tr: `Geçerli bir ${KIND_NAMES[kind].tr} değil (${r.error.code}).`,
        en: `Not a valid ${KIND_NAMES[kind].en} (${r.error.code}).`,
      },
    },
  };
}

/**
 * A keyed hash of an identifier for look-ups: HMAC-SHA-256 under the caller's secret key over
 * `izinkit.identity.v1`, the kind and the {@link canonicalIdentifier | canonical identifier},
 * separated by NUL bytes. Equal identifiers in any typed form give equal keys; different kinds
 * never collide; without the key nobody can test guesses (a bare hash of a TCKN is reversible: there
 * are only about 10⁹ of them). Use it to index people in a database or evidence log without
 * storing the identifier in clear. Rotating the key changes every key.
 *
 * The key must be at least 16 bytes (a string counts its UTF-8 bytes); otherwise an
 * {@link IdentityError} `invalid_key` is thrown. An invalid identifier is an expected failure and
 * comes back as an error value.
 *
 * @example
 * ```ts
 * const secret = process.env.IDENTITY_KEY ?? 'change me: at least sixteen bytes';
 * const a = identityKey('phone', '0532 123 45 67', secret);
 * const b = identityKey('phone', '+90 532 123 4567', secret);
 * a.ok && b.ok && a.value === b.value; // true
 * identityKey('tckn', '10000000146', secret); // { ok: true, value: '…64 hex characters…' }
 * ```
 */
export function identityKey(
  kind: IdentityKind,
  value: string,
  key: string | Uint8Array,
  options?: IdentityKeyOptions,
): IdentityResult<string, IdentityKeyError> {
  const keyBytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  if (!(keyBytes instanceof Uint8Array) || keyBytes.byteLength < 16) {
    throw new IdentityError('invalid_key', {
      tr: 'identityKey anahtarı en az 16 bayt olmalıdır.',
      en: 'The identityKey key must be at least 16 bytes.',
    });
  }
  const c = canonicalIdentifier(kind, value, options);
  if (!c.ok) return c;
  const digest = createHmac('sha256', keyBytes).update(`izinkit.identity.v1\0${kind}\0${c.value}`, 'utf8');
  return { ok: true, value: digest.digest(options?.encoding === 'base64url' ? 'base64url' : 'hex') };
}
