/**
 * Turkish vehicle licence plates: a province code `01`–`81`, one to three letters, then digits —
 * `99 X 9999` or `99 X 99999`, `99 XX 999` or `99 XX 9999`, `99 XXX 99` or `99 XXX 999`. The letters
 * are those of the Turkish alphabet that have an ASCII form (no Ç, Ğ, İ, Ö, Ş, Ü; Q, W and X are not
 * Turkish letters). A plate is personal data when it can be tied to its keeper.
 */
import type { KvkkIssue, KvkkResult } from './errors.js';
import { isPlateLetter, plateDigitsOk } from './internal/plate.js';
import { err, issue, ok } from './internal/result.js';
import { type Province, provinceByCode } from './provinces.js';

/**
 * A parsed licence plate.
 *
 * @example
 * ```ts
 * const r = parseTrPlate('34abc123');
 * if (r.ok) {
 *   const p: TrPlate = r.value;
 *   console.log(p.formatted, p.province.name); // '34 ABC 123' 'İstanbul'
 * }
 * ```
 */
export interface TrPlate {
  /** Printed form with single spaces: `34 ABC 123`. */
  readonly formatted: string;
  /** The province the code stands for. */
  readonly province: Province;
  /** The letter group, upper case. */
  readonly letters: string;
  /** The digit group. */
  readonly digits: string;
}

/**
 * Error codes of {@link parseTrPlate}.
 *
 * @example
 * ```ts
 * const c: PlateErrorCode = 'bad_province';
 * ```
 */
export type PlateErrorCode = 'not_string' | 'bad_format' | 'bad_province' | 'bad_letter' | 'bad_digit_count';

/**
 * Why {@link parseTrPlate} rejected its input.
 *
 * @example
 * ```ts
 * const r = parseTrPlate('82 A 1234');
 * if (!r.ok) {
 *   const e: PlateError = r.error;
 *   console.log(e.code); // 'bad_province'
 * }
 * ```
 */
export interface PlateError extends KvkkIssue<PlateErrorCode> {
  /** The input as given. */
  readonly input: unknown;
}

/**
 * Parses a Turkish licence plate as people type it (`34 ABC 123`, `34ABC123`, `34-abc-123`; ASCII
 * letters of either case).
 *
 * @example
 * ```ts
 * parseTrPlate('06 a 1234').ok; // true
 * const r = parseTrPlate('34 AB 12');
 * !r.ok && r.error.code; // 'bad_digit_count' — two letters need three or four digits
 * ```
 */
export function parseTrPlate(input: string): KvkkResult<TrPlate, PlateError> {
  const fail = (code: PlateErrorCode, tr: string, en: string): { ok: false; error: PlateError } =>
    err({ ...issue(code, tr, en), input });
  if (typeof input !== 'string') return fail('not_string', 'Plaka metin olmalı', 'A plate must be a string');
  const m = /^\s*(\d{2})[\s-]*([A-Za-z]{1,3})[\s-]*(\d{2,5})\s*$/.exec(input);
  if (!m)
    return fail(
      'bad_format',
      'Plaka “il kodu, 1–3 harf, 2–5 rakam” biçiminde olmalı',
      'A plate is a province code, 1–3 letters and 2–5 digits',
    );
  const [, code, rawLetters, digits] = m as unknown as [string, string, string, string];
  const province = provinceByCode(code);
  if (!province) return fail('bad_province', 'İl kodu 01–81 olmalı', 'The province code must be 01–81');
  const letters = rawLetters.toUpperCase();
  for (let i = 0; i < letters.length; i++)
    if (!isPlateLetter(letters.charCodeAt(i)))
      return fail('bad_letter', 'Plakada Q, W, X kullanılmaz', 'Q, W and X are not used on plates');
  if (!plateDigitsOk(letters.length, digits.length))
    return fail(
      'bad_digit_count',
      'Harf sayısına göre rakam sayısı hatalı (1 harf: 4–5, 2 harf: 3–4, 3 harf: 2–3 rakam)',
      'Wrong number of digits for the letters (1 letter: 4–5, 2 letters: 3–4, 3 letters: 2–3)',
    );
  return ok({ formatted: `${code} ${letters} ${digits}`, province, letters, digits });
}

/**
 * True when `value` is a Turkish licence plate (see {@link parseTrPlate} for the accepted forms).
 *
 * @example
 * ```ts
 * isValidTrPlate('34 ABC 123'); // true
 * isValidTrPlate('00 ABC 123'); // false — no province 00
 * ```
 */
export function isValidTrPlate(value: string): boolean {
  return parseTrPlate(value).ok;
}
