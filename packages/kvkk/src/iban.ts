/**
 * Turkish IBANs (ISO 13616): `TR`, two check digits, a 5-digit bank code, a reserved digit that is
 * always `0`, and a 16-digit account number — 26 characters in all. The check digits make the whole
 * number ≡ 1 (mod 97) once the first four characters are moved to the end and letters are replaced
 * by numbers (A = 10 … Z = 35), so any single wrong digit and any swap of two adjacent digits is
 * caught.
 */
import type { KvkkIssue, KvkkResult } from './errors.js';
import { ibanRemainder } from './internal/iban.js';
import { err, issue, ok } from './internal/result.js';

/**
 * Checks a Turkish IBAN in compact form (26 characters, no spaces): `TR`, 24 digits, the reserved
 * 10th character `0`, and the mod-97 check. Use {@link parseTrIban} for what people type (spaces,
 * lower case).
 *
 * @example
 * ```ts
 * isValidTrIban('TR330006100519786457841326'); // true
 * isValidTrIban('TR330006100519786457841327'); // false (checksum)
 * isValidTrIban('TR33 0006 1005 1978 6457 8413 26'); // false (not compact — see parseTrIban)
 * ```
 */
export function isValidTrIban(value: string): boolean {
  if (typeof value !== 'string' || value.length !== 26) return false;
  if (value.charCodeAt(0) !== 84 || value.charCodeAt(1) !== 82) return false;
  for (let i = 2; i < 26; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  if (value.charCodeAt(9) !== 48) return false;
  return ibanRemainder(value) === 1;
}

/**
 * A parsed Turkish IBAN.
 *
 * @example
 * ```ts
 * const r = parseTrIban('tr33 0006 1005 1978 6457 8413 26');
 * if (r.ok) {
 *   const v: TrIban = r.value;
 *   console.log(v.bankCode); // '00061'
 * }
 * ```
 */
export interface TrIban {
  /** Compact, upper-case form: `TR330006100519786457841326`. */
  readonly iban: string;
  /** Printed form in groups of four: `TR33 0006 1005 1978 6457 8413 26`. */
  readonly formatted: string;
  /** The 5-digit bank code (EFT code) that follows the check digits. */
  readonly bankCode: string;
  /** The 16-digit account number after the reserved digit. */
  readonly accountNumber: string;
}

/**
 * Error codes of {@link parseTrIban}.
 *
 * @example
 * ```ts
 * const c: IbanErrorCode = 'bad_checksum';
 * ```
 */
export type IbanErrorCode =
  | 'not_string'
  | 'not_tr'
  | 'bad_length'
  | 'bad_character'
  | 'bad_reserved_digit'
  | 'bad_checksum';

/**
 * Why {@link parseTrIban} rejected its input.
 *
 * @example
 * ```ts
 * const r = parseTrIban('DE89370400440532013000');
 * if (!r.ok) {
 *   const e: IbanError = r.error;
 *   console.log(e.code); // 'not_tr'
 * }
 * ```
 */
export interface IbanError extends KvkkIssue<IbanErrorCode> {
  /** The input as given. */
  readonly input: unknown;
}

/**
 * Parses a Turkish IBAN as people type it: spaces (also non-breaking), dashes and lower case are
 * accepted. Returns the compact and printed forms, the bank code and the account number, or a coded
 * error.
 *
 * @example
 * ```ts
 * const r = parseTrIban('TR33 0006 1005 1978 6457 8413 26');
 * r.ok && r.value.iban; // 'TR330006100519786457841326'
 * const bad = parseTrIban('TR33 0006 1005 1978 6457 8413 27');
 * !bad.ok && bad.error.code; // 'bad_checksum'
 * ```
 */
export function parseTrIban(input: string): KvkkResult<TrIban, IbanError> {
  const fail = (code: IbanErrorCode, tr: string, en: string): { ok: false; error: IbanError } =>
    err({ ...issue(code, tr, en), input });
  if (typeof input !== 'string') return fail('not_string', 'IBAN metin olmalı', 'IBAN must be a string');
  let compact = '';
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c === 32 || c === 0xa0 || c === 45 || c === 9) continue;
    compact += c >= 97 && c <= 122 ? String.fromCharCode(c - 32) : input[i];
  }
  if (!compact.startsWith('TR'))
    return fail('not_tr', 'IBAN TR ile başlamalı', 'A Turkish IBAN starts with TR');
  for (let i = 2; i < compact.length; i++) {
    const c = compact.charCodeAt(i);
    if (c < 48 || c > 57)
      return fail(
        'bad_character',
        'TR IBAN, TR’den sonra yalnızca rakam içerir',
        'A TR IBAN has only digits after TR',
      );
  }
  if (compact.length !== 26)
    return fail('bad_length', 'TR IBAN 26 karakterdir', 'A TR IBAN has 26 characters');
  if (compact.charCodeAt(9) !== 48)
    return fail(
      'bad_reserved_digit',
      'Banka kodundan sonraki rezerv hane 0 olmalı',
      'The reserved digit after the bank code must be 0',
    );
  if (ibanRemainder(compact) !== 1)
    return fail('bad_checksum', 'IBAN kontrol basamakları hatalı', 'The IBAN check digits do not match');
  return ok({
    iban: compact,
    formatted: compact.replace(/(.{4})(?!$)/g, '$1 '),
    bankCode: compact.slice(4, 9),
    accountNumber: compact.slice(10),
  });
}
