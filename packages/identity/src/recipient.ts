import { type EmailErrorCode, normalizeEmail } from './email.js';
import type { IdentityIssue, IdentityResult } from './errors.js';
import { digitValue, show } from './internal/digits.js';
import { type CountryCode, normalizePhone, type PhoneErrorCode, type PhoneKind } from './phone.js';

/**
 * An İYS recipient in canonical form: a phone number in E.164 (with its line type) or a
 * normalised e-mail address.
 *
 * @example
 * ```ts
 * const a: Recipient = { kind: 'phone', e164: '+905321234567', phoneKind: 'mobile' };
 * const b: Recipient = { kind: 'email', address: 'ali@example.com' };
 * ```
 */
export type Recipient =
  | {
      /** A phone recipient (İYS channels MESAJ and ARAMA). */
      readonly kind: 'phone';
      /** The number in E.164 (`+905321234567`). */
      readonly e164: string;
      /** Its line type. */
      readonly phoneKind: PhoneKind;
    }
  | {
      /** An e-mail recipient (İYS channel EPOSTA). */
      readonly kind: 'email';
      /** The normalised address. */
      readonly address: string;
    };

/**
 * Stable codes of {@link RecipientError}: `empty` (İYS H114), `invalid_phone` (H121),
 * `invalid_email` (H120) and `not_a_recipient` (neither a phone number nor an e-mail, H122).
 *
 * @example
 * ```ts
 * const code: RecipientErrorCode = 'invalid_phone';
 * ```
 */
export type RecipientErrorCode = 'empty' | 'invalid_phone' | 'invalid_email' | 'not_a_recipient';

/**
 * Why {@link normalizeRecipient} rejected its input: the code, the İYS H-code the registry would
 * answer with, and the phone or e-mail rule that failed.
 *
 * @example
 * ```ts
 * const r = normalizeRecipient('0632 123 45 67');
 * if (!r.ok) console.log(r.error.code, r.error.iysCode, r.error.reason); // 'invalid_phone' 'H121' 'invalid_number'
 * ```
 */
export interface RecipientError extends IdentityIssue<RecipientErrorCode> {
  /** The H-code İYS gives for such a recipient: H114 missing, H120 e-mail, H121 phone, H122 neither. */
  readonly iysCode: 'H114' | 'H120' | 'H121' | 'H122';
  /** For `invalid_phone` / `invalid_email`: the code of the rule that failed. */
  readonly reason?: PhoneErrorCode | EmailErrorCode;
}

/**
 * Options of {@link normalizeRecipient}.
 *
 * @example
 * ```ts
 * const o: NormalizeRecipientOptions = { defaultCountry: 'TR' };
 * ```
 */
export interface NormalizeRecipientOptions {
  /** Country of phone numbers written without a country code. Default `'TR'`. */
  readonly defaultCountry?: CountryCode;
}

/**
 * Classifies a recipient string as a phone number or an e-mail address and normalises it in one
 * call: anything with an `@` is an e-mail ({@link normalizeEmail}), anything else with a digit is
 * a phone number ({@link normalizePhone}). The error carries İYS's H-code for the case. Never
 * throws.
 *
 * @example
 * ```ts
 * normalizeRecipient('0532 123 45 67'); // { ok: true, value: { kind: 'phone', e164: '+905321234567', phoneKind: 'mobile' } }
 * normalizeRecipient(' Ali@Example.com '); // { ok: true, value: { kind: 'email', address: 'Ali@example.com' } }
 * normalizeRecipient('merhaba'); // { ok: false, error: { code: 'not_a_recipient', iysCode: 'H122', … } }
 * ```
 */
export function normalizeRecipient(
  input: string,
  options?: NormalizeRecipientOptions,
): IdentityResult<Recipient, RecipientError> {
  const text = show(input);
  if (typeof input !== 'string' || input.trim() === '') {
    return {
      ok: false,
      error: {
        code: 'empty',
        iysCode: 'H114',
        input: text,
        message: { tr: 'Alıcı boş.', en: 'The recipient is empty.' },
      },
    };
  }
  if (input.includes('@')) {
    const r = normalizeEmail(input);
    if (r.ok) return { ok: true, value: { kind: 'email', address: r.value } };
    return {
      ok: false,
      error: {
        code: 'invalid_email',
        iysCode: 'H120',
        reason: r.error.code,
        input: text,
        message: {
          tr: `Alıcı geçerli bir e-posta adresi değil: ${r.error.message.tr}`,
          en: `The recipient is not a valid e-mail address: ${r.error.message.en}`,
        },
      },
    };
  }
  let hasDigit = false;
  for (let i = 0; i < input.length && !hasDigit; i++) hasDigit = digitValue(input.charCodeAt(i)) >= 0;
  if (!hasDigit) {
    return {
      ok: false,
      error: {
        code: 'not_a_recipient',
        iysCode: 'H122',
        input: text,
        message: {
          tr: 'Alıcı ne telefon numarası ne de e-posta adresi.',
          en: 'The recipient is neither a phone number nor an e-mail address.',
        },
      },
    };
  }
  const p = normalizePhone(input, options?.defaultCountry === undefined ? undefined : options);
  if (p.ok) return { ok: true, value: { kind: 'phone', e164: p.value.e164, phoneKind: p.value.kind } };
  return {
    ok: false,
    error: {
      code: 'invalid_phone',
      iysCode: 'H121',
      reason: p.error.code,
      input: text,
      message: {
        tr: `Alıcı geçerli bir telefon numarası değil: ${p.error.message.tr}`,
        en: `The recipient is not a valid phone number: ${p.error.message.en}`,
      },
    },
  };
}
