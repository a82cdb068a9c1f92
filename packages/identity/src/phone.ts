import type { CountryCode } from 'libphonenumber-js';
import { isSupportedCountry, ParseError, parsePhoneNumberWithError } from 'libphonenumber-js/max';
import type { IdentityIssue, IdentityResult } from './errors.js';
import { show } from './internal/digits.js';
import { type TrNumberType, trFastPath } from './internal/tr-phone.js';

export type { CountryCode };

/**
 * The line type of a phone number:
 *
 * - `mobile` (Türkiye: 5xx);
 * - `fixed` (a geographic landline, e.g. 212, 312; also 392, Northern Cyprus);
 * - `voip` (0850);
 * - `uan` (universal access number, 444 xx xx — 7 digits, no area code);
 * - `tollFree` (0800, 0811);
 * - `premium` (0900, 0888, 0898);
 * - `other`: every other valid number — pagers (512), personal numbers (592…), shared-cost and
 *   voicemail numbers, and libphonenumber's `FIXED_LINE_OR_MOBILE` (countries such as the US
 *   whose numbers do not tell the two apart).
 *
 * @example
 * ```ts
 * const k: PhoneKind = 'uan';
 * ```
 */
export type PhoneKind = 'mobile' | 'fixed' | 'voip' | 'uan' | 'tollFree' | 'premium' | 'other';

/**
 * A valid phone number in canonical form.
 *
 * @example
 * ```ts
 * const p: NormalizedPhone = { e164: '+905321234567', national: '5321234567', kind: 'mobile' };
 * ```
 */
export interface NormalizedPhone {
  /** E.164: `+`, country code, national significant number (`+905321234567`). İYS's format. */
  readonly e164: string;
  /** The national significant number: digits only, without the trunk prefix `0` (`5321234567`). */
  readonly national: string;
  /** The line type. */
  readonly kind: PhoneKind;
}

/**
 * Stable codes of {@link PhoneError}:
 *
 * - `empty`: blank input;
 * - `not_a_number`: no phone number in the text (letters in the middle, no digits);
 * - `too_short` / `too_long`: too few or too many digits to be any number;
 * - `invalid_country`: an unknown country code after `+` / `00`, or an unsupported
 *   `defaultCountry`;
 * - `invalid_number`: well-formed, but not a number the numbering plan allows (a Turkish `06…`
 *   or a mobile number with 9 digits);
 * - `has_extension`: the number carries an extension (`… ext. 12`), which no E.164 recipient can
 *   hold.
 *
 * @example
 * ```ts
 * const code: PhoneErrorCode = 'invalid_number';
 * ```
 */
export type PhoneErrorCode =
  | 'empty'
  | 'not_a_number'
  | 'too_short'
  | 'too_long'
  | 'invalid_country'
  | 'invalid_number'
  | 'has_extension';

/**
 * Why {@link normalizePhone} rejected its input.
 *
 * @example
 * ```ts
 * const r = normalizePhone('0632 123 45 67');
 * if (!r.ok) console.log(r.error.code, r.error.message.en); // 'invalid_number' …
 * ```
 */
export interface PhoneError extends IdentityIssue<PhoneErrorCode> {}

/**
 * Options of {@link normalizePhone}.
 *
 * @example
 * ```ts
 * const o: NormalizePhoneOptions = { defaultCountry: 'DE' };
 * ```
 */
export interface NormalizePhoneOptions {
  /**
   * The country of numbers written without a country code (ISO 3166-1 alpha-2). Default `'TR'`.
   * Numbers with `+` (and, for TR, `00`) carry their own country.
   */
  readonly defaultCountry?: CountryCode;
}

const MESSAGES: Record<PhoneErrorCode, { tr: string; en: string }> = {
  empty: { tr: 'Telefon numarası boş.', en: 'The phone number is empty.' },
  not_a_number: { tr: 'Bu bir telefon numarası değil.', en: 'This is not a phone number.' },
  too_short: { tr: 'Telefon numarası çok kısa.', en: 'The phone number is too short.' },
  too_long: { tr: 'Telefon numarası çok uzun.', en: 'The phone number is too long.' },
  invalid_country: {
    tr: 'Ülke kodu tanınmıyor.',
    en: 'The country code is not recognised.',
  },
  invalid_number: {
    tr: 'Numaralandırma planında böyle bir telefon numarası yok.',
    en: 'No such phone number exists in the numbering plan.',
  },
  has_extension: {
    tr: 'Dahili numaralı telefonlar E.164 biçiminde yazılamaz.',
    en: 'A phone number with an extension cannot be written in E.164.',
  },
};

function fail(code: PhoneErrorCode, input: unknown): { ok: false; error: PhoneError } {
  return { ok: false, error: { code, message: MESSAGES[code], input: show(input) } };
}

/** libphonenumber-js type → PhoneKind. */
function kindOf(type: string | undefined): PhoneKind {
  switch (type) {
    case 'MOBILE':
      return 'mobile';
    case 'FIXED_LINE':
      return 'fixed';
    case 'VOIP':
      return 'voip';
    case 'UAN':
      return 'uan';
    case 'TOLL_FREE':
      return 'tollFree';
    case 'PREMIUM_RATE':
      return 'premium';
    default:
      return 'other';
  }
}

const TR_KIND: Record<TrNumberType, PhoneKind> = {
  FIXED_LINE: 'fixed',
  MOBILE: 'mobile',
  TOLL_FREE: 'tollFree',
  PREMIUM_RATE: 'premium',
  PERSONAL_NUMBER: 'other',
  PAGER: 'other',
  UAN: 'uan',
  VOIP: 'voip',
};

function viaLibphonenumber(
  input: string,
  defaultCountry: CountryCode,
): IdentityResult<NormalizedPhone, PhoneError> {
  let p: ReturnType<typeof parsePhoneNumberWithError>;
  try {
    p = parsePhoneNumberWithError(input, { defaultCountry });
  } catch (e) {
    if (e instanceof ParseError) {
      switch (e.message) {
        case 'INVALID_COUNTRY':
          return fail('invalid_country', input);
        case 'TOO_SHORT':
          return fail('too_short', input);
        case 'TOO_LONG':
          return fail('too_long', input);
        default:
          return fail('not_a_number', input);
      }
    }
    return fail('not_a_number', input);
  }
  if (!p.isValid()) return fail('invalid_number', input);
  if (p.ext !== undefined && p.ext !== '') return fail('has_extension', input);
  return { ok: true, value: { e164: p.number, national: p.nationalNumber, kind: kindOf(p.getType()) } };
}

/**
 * Normalises a phone number as people type it to E.164 with its line type.
 *
 * Accepted: `0532 123 45 67`, `(0532) 123-4567`, `5321234567`, `905321234567`,
 * `+90 532 123 45 67`, `0090 532 123 45 67`, `+90(212)1234567`, `(+90) 532 …`, `+90 0532 …`,
 * Arabic-Indic (`٠٥٣٢…`), Persian (`۰۵۳۲…`) and full-width digits, non-breaking and stray spaces,
 * dots, slashes and Unicode dashes, and text around the number (`Tel: 0532 123 45 67`).
 * `444 1 444` (UAN), `0850 …` (VoIP) and `0800 …` (toll-free) are recognised and typed.
 *
 * Semantics: exactly those of libphonenumber-js with its `max` metadata —
 * `parsePhoneNumberWithError(input, { defaultCountry })`, then `.number`, `.nationalNumber` and
 * `.getType()` — restricted to numbers it calls **valid** and that have **no extension**. Numbers
 * libphonenumber-js calls invalid (a wrong prefix such as `0632…`, a digit too few or too many,
 * a range not yet allocated) are rejected with `invalid_number`: İYS accepts only real E.164
 * numbers, and a number that cannot exist is a typing error to show the person, not a recipient
 * to store. Turkish numbers take a hand-written fast path (about an order of magnitude faster; see
 * the package's benchmarks) proven to agree with libphonenumber-js by a differential property
 * test; everything else is parsed by libphonenumber-js itself. Never throws.
 *
 * @example
 * ```ts
 * normalizePhone('0532 123 45 67');
 * // { ok: true, value: { e164: '+905321234567', national: '5321234567', kind: 'mobile' } }
 * normalizePhone('+90 (212) 123 45 67').ok; // true, kind 'fixed'
 * normalizePhone('444 1 444'); // value: { e164: '+904441444', national: '4441444', kind: 'uan' }
 * normalizePhone('0850 222 08 50'); // kind 'voip'
 * normalizePhone('٠٥٣٢١٢٣٤٥٦٧'); // e164 '+905321234567'
 * normalizePhone('030 1234567', { defaultCountry: 'DE' }); // e164 '+49301234567', kind 'fixed'
 * normalizePhone('0632 123 45 67'); // { ok: false, error: { code: 'invalid_number', … } }
 * ```
 */
export function normalizePhone(
  input: string,
  options?: NormalizePhoneOptions,
): IdentityResult<NormalizedPhone, PhoneError> {
  if (typeof input !== 'string') return fail('not_a_number', input);
  const defaultCountry = options?.defaultCountry ?? 'TR';
  if (defaultCountry !== 'TR' && !isSupportedCountry(defaultCountry)) {
    return fail('invalid_country', input);
  }
  const fast = trFastPath(input, defaultCountry === 'TR');
  if (fast !== undefined) {
    if ('fail' in fast)
      return fail(fast.fail === 'not_a_number' && isBlank(input) ? 'empty' : fast.fail, input);
    return { ok: true, value: { e164: `+90${fast.nsn}`, national: fast.nsn, kind: TR_KIND[fast.type] } };
  }
  if (isBlank(input)) return fail('empty', input);
  return viaLibphonenumber(input, defaultCountry);
}

function isBlank(s: string): boolean {
  return s.trim() === '';
}
