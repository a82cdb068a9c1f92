import type { IdentityIssue, IdentityResult } from './errors.js';
import { compactDigits, show } from './internal/digits.js';
import { isValidVkn } from './vkn.js';

/**
 * Options of {@link isValidMersis} and {@link parseMersis}.
 *
 * @example
 * ```ts
 * const o: MersisOptions = { checkVkn: true };
 * ```
 */
export interface MersisOptions {
  /**
   * Also require digits 2–11 to be a valid VKN. Published MERSİS numbers have the form `0` + the
   * company's VKN + 5 digits (`00001` for the head office), but that structure is inferred from
   * examples, not published, so it is off by default.
   */
  readonly checkVkn?: boolean;
}

/**
 * Checks a MERSİS number (the central trade-registry number): exactly 16 ASCII digits and, with
 * `checkVkn`, a valid VKN embedded in digits 2–11.
 *
 * @example
 * ```ts
 * isValidMersis('0720106477000001'); // true
 * isValidMersis('0720106477000001', { checkVkn: true }); // true (VKN 7201064770)
 * isValidMersis('0720106478000001', { checkVkn: true }); // false
 * isValidMersis('072010647700000'); // false (15 digits)
 * ```
 */
export function isValidMersis(value: string, options?: MersisOptions): boolean {
  if (typeof value !== 'string' || value.length !== 16) return false;
  for (let i = 0; i < 16; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return options?.checkVkn === true ? isValidVkn(value.slice(1, 11)) : true;
}

/**
 * Stable codes of {@link MersisError}: `empty`, `invalid_characters`, `too_short`, `too_long`,
 * and `bad_vkn` (only with `checkVkn`).
 *
 * @example
 * ```ts
 * const code: MersisErrorCode = 'bad_vkn';
 * ```
 */
export type MersisErrorCode = 'empty' | 'invalid_characters' | 'too_short' | 'too_long' | 'bad_vkn';

/**
 * Why {@link parseMersis} rejected its input.
 *
 * @example
 * ```ts
 * const r = parseMersis('0720 1064 7700 001');
 * if (!r.ok) console.log(r.error.code); // 'too_short'
 * ```
 */
export interface MersisError extends IdentityIssue<MersisErrorCode> {}

/**
 * Parses a MERSİS number as people type it (spaces and dashes removed, non-ASCII digits
 * converted) and checks it with {@link isValidMersis}.
 *
 * @example
 * ```ts
 * parseMersis('0720-1064-7700-0001'); // { ok: true, value: '0720106477000001' }
 * parseMersis('0720106478000001', { checkVkn: true }).ok; // false ('bad_vkn')
 * ```
 */
export function parseMersis(input: string, options?: MersisOptions): IdentityResult<string, MersisError> {
  const fail = (code: MersisErrorCode, digits = 0): { ok: false; error: MersisError } => ({
    ok: false,
    error: {
      code,
      input: show(input),
      message: {
        empty: { tr: 'MERSİS numarası boş.', en: 'The MERSİS number is empty.' },
        invalid_characters: {
          tr: 'MERSİS numarası yalnızca rakam, boşluk ve tire içerebilir.',
          en: 'A MERSİS number may contain only digits, spaces and dashes.',
        },
        too_short: {
          tr: `MERSİS numarası 16 haneli olmalıdır; ${digits} hane girildi.`,
          en: `A MERSİS number has 16 digits; got ${digits}.`,
        },
        too_long: {
          tr: `MERSİS numarası 16 haneli olmalıdır; ${digits} hane girildi.`,
          en: `A MERSİS number has 16 digits; got ${digits}.`,
        },
        bad_vkn: {
          tr: 'MERSİS numarasının 2–11. haneleri geçerli bir VKN değil.',
          en: 'Digits 2–11 of the MERSİS number are not a valid VKN.',
        },
      }[code],
    },
  });
  if (typeof input !== 'string') return fail('invalid_characters');
  const c = compactDigits(input);
  if (typeof c !== 'string') return fail(c.fail);
  if (c.length < 16) return fail('too_short', c.length);
  if (c.length > 16) return fail('too_long', c.length);
  if (options?.checkVkn === true && !isValidVkn(c.slice(1, 11))) return fail('bad_vkn');
  return { ok: true, value: c };
}
