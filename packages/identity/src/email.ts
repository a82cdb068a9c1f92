import type { IdentityIssue, IdentityResult } from './errors.js';
import { isWhitespace, show } from './internal/digits.js';

/**
 * Stable codes of {@link EmailError}, in the order they are checked:
 *
 * - `empty`: blank input;
 * - `too_short` / `too_long`: outside İYS's 6–265 characters (after trimming);
 * - `contains_space`: a space inside the address;
 * - `turkish_characters`: ç, ğ, ı, İ, ö, ş, ü (İYS refuses them);
 * - `missing_at` / `multiple_at`: not exactly one `@`;
 * - `invalid_characters`: any other character than ASCII letters, digits, `.`, `_`, `-` and (in
 *   the local part) `+`;
 * - `invalid_local_part`: the part before `@` is empty, starts or ends with `.`, or has `..`;
 * - `invalid_domain`: the domain is not `label.label…` with labels of letters, digits and inner
 *   hyphens (at most 63 characters each, 253 in all) and a top-level label of at least two
 *   characters that is not all digits.
 *
 * @example
 * ```ts
 * const code: EmailErrorCode = 'turkish_characters';
 * ```
 */
export type EmailErrorCode =
  | 'empty'
  | 'too_short'
  | 'too_long'
  | 'contains_space'
  | 'turkish_characters'
  | 'missing_at'
  | 'multiple_at'
  | 'invalid_characters'
  | 'invalid_local_part'
  | 'invalid_domain';

/**
 * Why {@link normalizeEmail} rejected its input.
 *
 * @example
 * ```ts
 * const r = normalizeEmail('ayşe@example.com');
 * if (!r.ok) console.log(r.error.code, r.error.message.tr); // 'turkish_characters' 'E-posta adresinde Türkçe karakter olamaz.'
 * ```
 */
export interface EmailError extends IdentityIssue<EmailErrorCode> {}

const MESSAGES: Record<EmailErrorCode, { tr: string; en: string }> = {
  empty: { tr: 'E-posta adresi boş.', en: 'The e-mail address is empty.' },
  too_short: {
    tr: 'E-posta adresi en az 6 karakter olmalıdır.',
    en: 'An e-mail address has at least 6 characters.',
  },
  too_long: {
    tr: 'E-posta adresi en fazla 265 karakter olabilir.',
    en: 'An e-mail address has at most 265 characters.',
  },
  contains_space: { tr: 'E-posta adresinde boşluk olamaz.', en: 'An e-mail address cannot contain spaces.' },
  turkish_characters: {
    tr: 'E-posta adresinde Türkçe karakter olamaz.',
    en: 'An e-mail address cannot contain Turkish letters (ç, ğ, ı, İ, ö, ş, ü).',
  },
  missing_at: { tr: 'E-posta adresinde @ yok.', en: 'The e-mail address has no @.' },
  multiple_at: { tr: 'E-posta adresinde birden fazla @ var.', en: 'The e-mail address has more than one @.' },
  invalid_characters: {
    tr: 'E-posta adresinde izin verilmeyen bir karakter var.',
    en: 'The e-mail address contains a character that is not allowed.',
  },
  invalid_local_part: {
    tr: 'E-posta adresinin @ öncesi kısmı geçersiz.',
    en: 'The part of the e-mail address before @ is not valid.',
  },
  invalid_domain: {
    tr: 'E-posta adresinin alan adı geçersiz.',
    en: 'The domain of the e-mail address is not valid.',
  },
};

function fail(code: EmailErrorCode, input: unknown): { ok: false; error: EmailError } {
  return { ok: false, error: { code, message: MESSAGES[code], input: show(input) } };
}

function isTurkishLetter(c: number): boolean {
  switch (c) {
    case 0xe7: // ç
    case 0xc7: // Ç
    case 0x11f: // ğ
    case 0x11e: // Ğ
    case 0x131: // ı
    case 0x130: // İ
    case 0xf6: // ö
    case 0xd6: // Ö
    case 0x15f: // ş
    case 0x15e: // Ş
    case 0xfc: // ü
    case 0xdc: // Ü
      return true;
    default:
      return false;
  }
}

/** ASCII letter or digit. */
function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function validDomain(domain: string): boolean {
  if (domain.length === 0 || domain.length > 253) return false;
  let labelStart = 0;
  let labels = 0;
  for (let i = 0; i <= domain.length; i++) {
    if (i === domain.length || domain.charCodeAt(i) === 46) {
      const len = i - labelStart;
      if (len === 0 || len > 63) return false;
      if (domain.charCodeAt(labelStart) === 45 || domain.charCodeAt(i - 1) === 45) return false;
      labels++;
      if (i === domain.length) {
        // top-level label: at least 2 characters, not all digits
        if (len < 2) return false;
        let allDigits = true;
        for (let j = labelStart; j < i; j++) {
          const c = domain.charCodeAt(j);
          if (c < 48 || c > 57) allDigits = false;
        }
        if (allDigits) return false;
      }
      labelStart = i + 1;
    } else {
      const c = domain.charCodeAt(i);
      if (!isAlnum(c) && c !== 45) return false;
    }
  }
  return labels >= 2;
}

/**
 * Normalises an e-mail address by İYS's rules: 6–265 characters, no Turkish letters, no spaces,
 * no special characters, `+` allowed before the `@`, and at least the shape `x@y.zz`. Surrounding
 * whitespace is trimmed and the domain is lower-cased; the local part keeps its case (mail servers
 * may treat it case-sensitively — {@link dedupe} and {@link identityKey} compare it
 * case-insensitively). Each rejection has its own {@link EmailErrorCode}. Never throws.
 *
 * İYS answers H120 ("Geçerli bir eposta adresi giriniz") to addresses that break these rules.
 * Internationalised domains must be given in their ASCII (`xn--…`) form.
 *
 * @example
 * ```ts
 * normalizeEmail('  Ali.Veli+iys@Example.COM.TR '); // { ok: true, value: 'Ali.Veli+iys@example.com.tr' }
 * normalizeEmail('ayşe@example.com'); // { ok: false, error: { code: 'turkish_characters', … } }
 * normalizeEmail('a b@example.com').ok; // false ('contains_space')
 * normalizeEmail('a@b.c').ok; // false ('too_short')
 * ```
 */
export function normalizeEmail(input: string): IdentityResult<string, EmailError> {
  if (typeof input !== 'string') return fail('empty', input);
  const s = input.trim();
  if (s.length === 0) return fail('empty', input);
  if (s.length < 6) return fail('too_short', input);
  if (s.length > 265) return fail('too_long', input);
  let at = -1;
  let ats = 0;
  let space = false;
  let turkish = false;
  let other = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isAlnum(c) || c === 46 || c === 95 || c === 45 || c === 43) continue;
    if (c === 64) {
      if (ats === 0) at = i;
      ats++;
    } else if (isWhitespace(c)) space = true;
    else if (isTurkishLetter(c)) turkish = true;
    else other = true;
  }
  if (space) return fail('contains_space', input);
  if (turkish) return fail('turkish_characters', input);
  if (ats === 0) return fail('missing_at', input);
  if (ats > 1) return fail('multiple_at', input);
  if (other) return fail('invalid_characters', input);
  const local = s.slice(0, at);
  if (
    local.length === 0 ||
    local.charCodeAt(0) === 46 ||
    local.charCodeAt(local.length - 1) === 46 ||
    local.includes('..')
  ) {
    return fail('invalid_local_part', input);
  }
  const domain = s.slice(at + 1).toLowerCase();
  if (!validDomain(domain)) return fail('invalid_domain', input);
  return { ok: true, value: `${local}@${domain}` };
}
