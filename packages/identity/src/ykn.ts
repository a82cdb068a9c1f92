import type { IdentityIssue, IdentityResult } from './errors.js';
import { compactDigits, show } from './internal/digits.js';
import { tcknChecksumFits } from './tckn.js';

/**
 * Checks the format of a Yabancı Kimlik Numarası (YKN), the number NVİ gives foreigners with a
 * residence or work permit or international protection: exactly 11 ASCII digits starting `99`.
 *
 * The YKN checksum is **not officially published**. Many validators apply the TCKN algorithm, but
 * no primary source says it is required, so this function does not demand it (a real number must
 * never be rejected on a guess). The checksum result is available separately from
 * {@link hasTcknStyleChecksum}; treat a failure there as a warning, not a rejection.
 *
 * @example
 * ```ts
 * isValidYkn('99123456780'); // true (format; fails the TCKN-style checksum)
 * isValidYkn('98123456780'); // false
 * hasTcknStyleChecksum('99123456780'); // false — a warning at most
 * ```
 */
export function isValidYkn(value: string): boolean {
  if (typeof value !== 'string' || value.length !== 11) return false;
  if (value.charCodeAt(0) !== 57 || value.charCodeAt(1) !== 57) return false;
  for (let i = 2; i < 11; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * True when an 11-digit number's 10th and 11th digits fit the TCKN check-digit algorithm. For a
 * YKN this is the unofficial checksum many validators apply (see {@link isValidYkn}); for any other
 * 11-digit number it equals {@link isValidTckn} without the "first digit not 0" rule.
 *
 * @example
 * ```ts
 * hasTcknStyleChecksum('99000000042'); // true
 * hasTcknStyleChecksum('99123456780'); // false
 * ```
 */
export function hasTcknStyleChecksum(value: string): boolean {
  return typeof value === 'string' && tcknChecksumFits(value);
}

/**
 * Stable codes of {@link YknError}: `empty`, `invalid_characters`, `too_short`, `too_long`, and
 * `not_ykn` (11 digits that do not start with `99`).
 *
 * @example
 * ```ts
 * const code: YknErrorCode = 'not_ykn';
 * ```
 */
export type YknErrorCode = 'empty' | 'invalid_characters' | 'too_short' | 'too_long' | 'not_ykn';

/**
 * Why {@link parseYkn} rejected its input.
 *
 * @example
 * ```ts
 * const r = parseYkn('10000000146');
 * if (!r.ok) console.log(r.error.code); // 'not_ykn'
 * ```
 */
export interface YknError extends IdentityIssue<YknErrorCode> {}

/**
 * A parsed YKN and whether it passes the unofficial TCKN-style checksum.
 *
 * @example
 * ```ts
 * const y: ParsedYkn = { ykn: '99000000042', checksumFits: true };
 * ```
 */
export interface ParsedYkn {
  /** The 11 canonical digits. */
  readonly ykn: string;
  /** Whether the TCKN-style check digits fit (unofficial for YKN: a warning when false). */
  readonly checksumFits: boolean;
}

/**
 * Parses a YKN as people type it (spaces and dashes removed, non-ASCII digits converted), checks
 * the format of {@link isValidYkn} and reports the unofficial checksum separately.
 *
 * @example
 * ```ts
 * parseYkn('990 000 000 42'); // { ok: true, value: { ykn: '99000000042', checksumFits: true } }
 * parseYkn('99123456780'); // { ok: true, value: { ykn: '99123456780', checksumFits: false } }
 * parseYkn('9912345678').ok; // false ('too_short')
 * ```
 */
export function parseYkn(input: string): IdentityResult<ParsedYkn, YknError> {
  const fail = (code: YknErrorCode, digits = 0): { ok: false; error: YknError } => ({
    ok: false,
    error: {
      code,
      input: show(input),
      message: {
        empty: { tr: 'YKN boş.', en: 'The YKN is empty.' },
        invalid_characters: {
          tr: 'YKN yalnızca rakam, boşluk ve tire içerebilir.',
          en: 'A YKN may contain only digits, spaces and dashes.',
        },
        too_short: {
          tr: `YKN 11 haneli olmalıdır; ${digits} hane girildi.`,
          en: `A YKN has 11 digits; got ${digits}.`,
        },
        too_long: {
          tr: `YKN 11 haneli olmalıdır; ${digits} hane girildi.`,
          en: `A YKN has 11 digits; got ${digits}.`,
        },
        not_ykn: { tr: 'YKN 99 ile başlar.', en: 'A YKN starts with 99.' },
      }[code],
    },
  });
  if (typeof input !== 'string') return fail('invalid_characters');
  const c = compactDigits(input);
  if (typeof c !== 'string') return fail(c.fail);
  if (c.length < 11) return fail('too_short', c.length);
  if (c.length > 11) return fail('too_long', c.length);
  if (!isValidYkn(c)) return fail('not_ykn');
  return { ok: true, value: { ykn: c, checksumFits: tcknChecksumFits(c) } };
}
