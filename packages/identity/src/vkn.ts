import { IdentityError, type IdentityIssue, type IdentityResult } from './errors.js';
import { compactDigits, show } from './internal/digits.js';

// 2^(10-k) mod 9 for k = 1..9 (index k-1).
const POW2_MOD9 = [8, 4, 2, 1, 5, 7, 8, 4, 2] as const;

function checkDigitOf(value: string): number {
  let sum = 0;
  for (let k = 1; k <= 9; k++) {
    const t = (value.charCodeAt(k - 1) - 48 + 10 - k) % 10;
    if (t !== 0) {
      const v = (t * POW2_MOD9[k - 1]!) % 9;
      sum += v === 0 ? 9 : v;
    }
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Checks a Vergi Kimlik Numarası (VKN, the 10-digit tax number of companies and other bodies):
 * exactly 10 ASCII digits whose last digit is the check digit.
 *
 * For i = 1…9 with dᵢ the i-th digit from the left: t = (dᵢ + 10 − i) mod 10; when t ≠ 0 add
 * v = (t × 2^(10−i)) mod 9, using 9 when v = 0. The check digit is (10 − sum mod 10) mod 10.
 * Sole traders use their TCKN as tax number: a "tax id" field should accept either
 * (see {@link TaxIdSchema}).
 *
 * @example
 * ```ts
 * isValidVkn('4540536920'); // true
 * isValidVkn('1000000018'); // true
 * isValidVkn('4540536921'); // false
 * ```
 */
export function isValidVkn(value: string): boolean {
  if (typeof value !== 'string' || value.length !== 10) return false;
  for (let i = 0; i < 10; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return value.charCodeAt(9) - 48 === checkDigitOf(value);
}

/**
 * Completes the first nine digits of a VKN with its check digit. Throws an {@link IdentityError}
 * (`invalid_argument`) unless given exactly nine ASCII digits.
 *
 * @example
 * ```ts
 * completeVkn('454053692'); // '4540536920'
 * ```
 */
export function completeVkn(firstNine: string): string {
  if (typeof firstNine !== 'string' || !/^[0-9]{9}$/.test(firstNine)) {
    throw new IdentityError('invalid_argument', {
      tr: 'completeVkn 9 rakam bekler.',
      en: 'completeVkn expects nine digits.',
    });
  }
  return `${firstNine}${checkDigitOf(firstNine)}`;
}

/**
 * Stable codes of {@link VknError}: `empty`, `invalid_characters`, `too_short`, `too_long`,
 * `bad_checksum`.
 *
 * @example
 * ```ts
 * const code: VknErrorCode = 'too_long';
 * ```
 */
export type VknErrorCode = 'empty' | 'invalid_characters' | 'too_short' | 'too_long' | 'bad_checksum';

/**
 * Why {@link parseVkn} rejected its input.
 *
 * @example
 * ```ts
 * const r = parseVkn('4540536921');
 * if (!r.ok) console.log(r.error.message.en); // 'The VKN check digit does not match.'
 * ```
 */
export interface VknError extends IdentityIssue<VknErrorCode> {}

/**
 * Parses a VKN as people type it: spaces and dashes are removed, non-ASCII digits converted, and
 * the result must pass {@link isValidVkn}.
 *
 * @example
 * ```ts
 * parseVkn('454 053 6920'); // { ok: true, value: '4540536920' }
 * parseVkn('4540536921'); // { ok: false, error: { code: 'bad_checksum', … } }
 * ```
 */
export function parseVkn(input: string): IdentityResult<string, VknError> {
  const fail = (code: VknErrorCode, digits = 0): { ok: false; error: VknError } => ({
    ok: false,
    error: {
      code,
      input: show(input),
      message: {
        empty: { tr: 'VKN boş.', en: 'The VKN is empty.' },
        invalid_characters: {
          tr: 'VKN yalnızca rakam, boşluk ve tire içerebilir.',
          en: 'A VKN may contain only digits, spaces and dashes.',
        },
        too_short: {
          tr: `VKN 10 haneli olmalıdır; ${digits} hane girildi.`,
          en: `A VKN has 10 digits; got ${digits}.`,
        },
        too_long: {
          tr: `VKN 10 haneli olmalıdır; ${digits} hane girildi.`,
          en: `A VKN has 10 digits; got ${digits}.`,
        },
        bad_checksum: { tr: 'VKN kontrol hanesi tutmuyor.', en: 'The VKN check digit does not match.' },
      }[code],
    },
  });
  if (typeof input !== 'string') return fail('invalid_characters');
  const c = compactDigits(input);
  if (typeof c !== 'string') return fail(c.fail);
  if (c.length < 10) return fail('too_short', c.length);
  if (c.length > 10) return fail('too_long', c.length);
  if (!isValidVkn(c)) return fail('bad_checksum');
  return { ok: true, value: c };
}
