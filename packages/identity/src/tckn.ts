import { IdentityError, type IdentityIssue, type IdentityResult } from './errors.js';
import { compactDigits, digitValue, isDash, isWhitespace, show } from './internal/digits.js';

/**
 * Checks a T.C. Kimlik Numarası (TCKN): exactly 11 ASCII digits, the first not `0`, and both check
 * digits right.
 *
 * d10 = ((d1 + d3 + d5 + d7 + d9) × 7 − (d2 + d4 + d6 + d8)) mod 10, taken as a positive modulo,
 * and d11 = (d1 + … + d10) mod 10. There is no "all digits equal" rule: it is not official.
 * `10000000146` is valid and is no exception. A checksum proves the number is well-formed, not that
 * it was ever issued (only NVİ's KPS service can tell that).
 *
 * The check is the same one NVİ applies to foreigners' numbers, so a {@link isValidYkn | YKN}
 * (`99…`) whose check digits happen to fit is also reported valid here; use {@link isValidYkn} to
 * tell the two apart. Nothing is trimmed: use {@link parseTckn} for typed input.
 *
 * @example
 * ```ts
 * isValidTckn('10000000146'); // true
 * isValidTckn('19090909018'); // true (negative intermediate sum)
 * isValidTckn('10000000145'); // false
 * isValidTckn('100 000 001 46'); // false — see parseTckn
 * ```
 */
export function isValidTckn(value: string): boolean {
  if (typeof value !== 'string' || value.length !== 11) return false;
  const d1 = value.charCodeAt(0) - 48;
  if (d1 < 1 || d1 > 9) return false;
  let odd = d1;
  let even = 0;
  for (let i = 1; i < 9; i += 2) {
    const e = value.charCodeAt(i) - 48;
    const o = value.charCodeAt(i + 1) - 48;
    if (e < 0 || e > 9 || o < 0 || o > 9) return false;
    even += e;
    odd += o;
  }
  const d10 = value.charCodeAt(9) - 48;
  const d11 = value.charCodeAt(10) - 48;
  if (d10 < 0 || d10 > 9 || d11 < 0 || d11 > 9) return false;
  // odd * 7 - even is at least -36: adding 40 keeps it positive without changing it mod 10.
  return d10 === (odd * 7 - even + 40) % 10 && d11 === (odd + even + d10) % 10;
}

/**
 * Stable codes of {@link TcknError}:
 *
 * - `empty`: nothing but spaces;
 * - `invalid_characters`: something other than digits, spaces and dashes;
 * - `too_short` / `too_long`: not 11 digits;
 * - `leading_zero`: the first digit is 0;
 * - `bad_checksum`: the check digits (10th and 11th) do not match.
 *
 * @example
 * ```ts
 * const code: TcknErrorCode = 'bad_checksum';
 * ```
 */
export type TcknErrorCode =
  | 'empty'
  | 'invalid_characters'
  | 'too_short'
  | 'too_long'
  | 'leading_zero'
  | 'bad_checksum';

/**
 * Why {@link parseTckn} rejected its input.
 *
 * @example
 * ```ts
 * const r = parseTckn('1000000014');
 * if (!r.ok) {
 *   const e: TcknError = r.error;
 *   console.log(e.code, e.message.tr); // 'too_short' 'TCKN 11 haneli olmalıdır; 10 hane girildi.'
 * }
 * ```
 */
export interface TcknError extends IdentityIssue<TcknErrorCode> {}

function tcknError(code: TcknErrorCode, input: unknown, digits = 0): { ok: false; error: TcknError } {
  const message = {
    empty: { tr: 'TCKN boş.', en: 'The TCKN is empty.' },
    invalid_characters: {
      tr: 'TCKN yalnızca rakam, boşluk ve tire içerebilir.',
      en: 'A TCKN may contain only digits, spaces and dashes.',
    },
    too_short: {
      tr: `TCKN 11 haneli olmalıdır; ${digits} hane girildi.`,
      en: `A TCKN has 11 digits; got ${digits}.`,
    },
    too_long: {
      tr: `TCKN 11 haneli olmalıdır; ${digits} hane girildi.`,
      en: `A TCKN has 11 digits; got ${digits}.`,
    },
    leading_zero: { tr: 'TCKN 0 ile başlayamaz.', en: 'A TCKN cannot start with 0.' },
    bad_checksum: { tr: 'TCKN kontrol haneleri tutmuyor.', en: 'The TCKN check digits do not match.' },
  }[code];
  return { ok: false, error: { code, message, input: show(input) } };
}

/**
 * Parses a TCKN as people type it: spaces (also non-breaking ones) and dashes are removed,
 * Arabic-Indic, Persian and full-width digits become ASCII, and the result must pass
 * {@link isValidTckn}. Returns the 11 canonical digits, or a coded error.
 *
 * @example
 * ```ts
 * parseTckn(' 100 000 001-46 '); // { ok: true, value: '10000000146' }
 * parseTckn('10000000145');
 * // { ok: false, error: { code: 'bad_checksum', message: { tr: 'TCKN kontrol haneleri tutmuyor.', en: … }, input: '10000000145' } }
 * parseTckn('01000000146').ok; // false ('leading_zero')
 * ```
 */
export function parseTckn(input: string): IdentityResult<string, TcknError> {
  if (typeof input !== 'string') return tcknError('invalid_characters', input);
  const c = compactDigits(input);
  if (typeof c !== 'string') return tcknError(c.fail, input);
  if (c.length < 11) return tcknError('too_short', input, c.length);
  if (c.length > 11) return tcknError('too_long', input, c.length);
  if (c.charCodeAt(0) === 48) return tcknError('leading_zero', input);
  if (!isValidTckn(c)) return tcknError('bad_checksum', input);
  return { ok: true, value: c };
}

/**
 * Completes the first nine digits of a TCKN with its two check digits. Useful to build test data
 * and to repair a number whose check digits were lost. Throws an {@link IdentityError}
 * (`invalid_argument`) unless given exactly nine ASCII digits, the first not `0`.
 *
 * @example
 * ```ts
 * completeTckn('100000001'); // '10000000146'
 * isValidTckn(completeTckn('123456789')); // true
 * ```
 */
export function completeTckn(firstNine: string): string {
  if (typeof firstNine !== 'string' || !/^[1-9][0-9]{8}$/.test(firstNine)) {
    throw new IdentityError('invalid_argument', {
      tr: 'completeTckn 0 ile başlamayan 9 rakam bekler.',
      en: 'completeTckn expects nine digits, the first not 0.',
    });
  }
  let odd = 0;
  let even = 0;
  for (let i = 0; i < 9; i++) {
    const d = firstNine.charCodeAt(i) - 48;
    if (i % 2 === 0) odd += d;
    else even += d;
  }
  const d10 = (odd * 7 - even + 40) % 10;
  const d11 = (odd + even + d10) % 10;
  return `${firstNine}${d10}${d11}`;
}

/**
 * The TCKN check-digit test alone (for YKN, whose checksum is unofficial): 11 ASCII digits whose
 * 10th and 11th digits fit. Does not look at the first digit.
 * @internal
 */
export function tcknChecksumFits(value: string): boolean {
  if (value.length !== 11) return false;
  let odd = 0;
  let even = 0;
  for (let i = 0; i < 9; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (i % 2 === 0) odd += d;
    else even += d;
  }
  const d10 = value.charCodeAt(9) - 48;
  const d11 = value.charCodeAt(10) - 48;
  return d10 === (odd * 7 - even + 40) % 10 && d11 === (odd + even + d10) % 10;
}

/**
 * A valid TCKN typed with spaces or dashes, as a number (11 digits fit a double exactly), or 0 when
 * `parseTckn` would reject it. Allocation-free, for {@link dedupe}.
 * @internal
 */
export function tcknNumber(input: string): number {
  let value = 0;
  let count = 0;
  let odd = 0;
  let even = 0;
  let d10 = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : digitValue(c);
    if (d < 0) {
      if (isWhitespace(c) || isDash(c)) continue;
      return 0;
    }
    if (count === 11) return 0;
    if (count === 0 && d === 0) return 0;
    if (count < 9) {
      if (count % 2 === 0) odd += d;
      else even += d;
    } else if (count === 9) {
      if (d !== (odd * 7 - even + 40) % 10) return 0;
      d10 = d;
    } else if (d !== (odd + even + d10) % 10) {
      return 0;
    }
    value = value * 10 + d;
    count++;
  }
  return count === 11 ? value : 0;
}
