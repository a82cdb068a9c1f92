/**
 * The key of one consent: `(brandCode, recipient, recipientType, type)` — İYS keeps exactly one
 * record per such quadruple, and so does the machine (one state, one event stream per key).
 */
import { normalizeRecipient } from '@izinkit/identity';
import {
  type ConsentType,
  ConsentTypeSchema,
  channelsFor,
  type RecipientType,
  RecipientTypeSchema,
} from '@izinkit/iys';
import { z } from 'zod';
import { type ConsentError, consentError, type KeyErrorCode, type Result } from './errors.js';

/**
 * The key of one consent. `recipient` is normalised: an E.164 phone number (`+905321234567`) or an
 * e-mail address by İYS's rules (lower-case domain), as @izinkit/identity produces them. Phone
 * numbers take `MESAJ` and `ARAMA`; e-mail addresses take `EPOSTA`. The same address may hold a
 * `BIREYSEL` and a `TACIR` record side by side: they are two keys.
 *
 * @example
 * ```ts
 * const key: ConsentKey = { brandCode: '600000', recipient: '+905321234567', recipientType: 'BIREYSEL', type: 'MESAJ' };
 * ```
 */
export interface ConsentKey {
  /** The İYS brand code (digits). */
  readonly brandCode: string;
  /** Normalised recipient: E.164 phone or e-mail address. */
  readonly recipient: string;
  /** `BIREYSEL` or `TACIR`. */
  readonly recipientType: RecipientType;
  /** The channel: `MESAJ`, `ARAMA` or `EPOSTA`. */
  readonly type: ConsentType;
}

/**
 * What {@link consentKey} takes: the same fields, the recipient in any format people type.
 *
 * @example
 * ```ts
 * const input: ConsentKeyInput = { brandCode: '600000', recipient: '0532 123 45 67', recipientType: 'BIREYSEL', type: 'ARAMA' };
 * ```
 */
export interface ConsentKeyInput {
  /** The İYS brand code, digits (a number is accepted). */
  readonly brandCode: string | number;
  /** A phone number or an e-mail address, in any format @izinkit/identity accepts. */
  readonly recipient: string;
  /** `BIREYSEL` or `TACIR`. */
  readonly recipientType: RecipientType;
  /** The channel. */
  readonly type: ConsentType;
}

const BRAND_CODE = /^[0-9]{1,12}$/;
const E164 = /^\+[1-9][0-9]{6,14}$/;

/**
 * Whether a normalised recipient is a phone number or an e-mail address (by its shape: e-mail
 * addresses hold an `@`).
 *
 * @example
 * ```ts
 * recipientKind('+905321234567'); // 'phone'
 * recipientKind('ali@example.com'); // 'email'
 * ```
 */
export function recipientKind(recipient: string): 'phone' | 'email' {
  return recipient.includes('@') ? 'email' : 'phone';
}

/**
 * Builds a {@link ConsentKey}: normalises the recipient with @izinkit/identity's
 * `normalizeRecipient` (phone → E.164, e-mail by İYS's rules) and checks that the channel fits it
 * (İYS H459/H464: phone → `MESAJ`/`ARAMA`, e-mail → `EPOSTA`). On `invalid_recipient` the
 * identity error (with İYS's H-code) is in `error.input`.
 *
 * @example
 * ```ts
 * const k = consentKey({ brandCode: '600000', recipient: '0532 123 45 67', recipientType: 'BIREYSEL', type: 'MESAJ' });
 * if (k.ok) k.value.recipient; // '+905321234567'
 *
 * consentKey({ brandCode: '600000', recipient: 'ali@example.com', recipientType: 'BIREYSEL', type: 'MESAJ' });
 * // { ok: false, error: { code: 'channel_mismatch', … } }
 * ```
 */
export function consentKey(input: ConsentKeyInput): Result<ConsentKey, ConsentError<KeyErrorCode>> {
  const brandCode = typeof input.brandCode === 'number' ? String(input.brandCode) : input.brandCode;
  if (typeof brandCode !== 'string' || !BRAND_CODE.test(brandCode)) {
    return {
      ok: false,
      error: consentError('invalid_brand_code', { path: ['brandCode'], input: input.brandCode }),
    };
  }
  if (!RecipientTypeSchema.safeParse(input.recipientType).success) {
    return {
      ok: false,
      error: consentError('invalid_recipient_type', { path: ['recipientType'], input: input.recipientType }),
    };
  }
  if (!ConsentTypeSchema.safeParse(input.type).success) {
    return { ok: false, error: consentError('invalid_type', { path: ['type'], input: input.type }) };
  }
  const r = normalizeRecipient(input.recipient);
  if (!r.ok) {
    // The identity error (with İYS's H114/H120/H121/H122) is kept as `input`.
    return { ok: false, error: consentError('invalid_recipient', { path: ['recipient'], input: r.error }) };
  }
  if (!channelsFor(r.value.kind).includes(input.type)) {
    return { ok: false, error: consentError('channel_mismatch', { path: ['type'], input: input.type }) };
  }
  const recipient = r.value.kind === 'phone' ? r.value.e164 : r.value.address;
  return { ok: true, value: { brandCode, recipient, recipientType: input.recipientType, type: input.type } };
}

/**
 * A stable string for a key — `brandCode|recipientType|type|recipient` — to index states, name
 * event streams and shard by. It contains the recipient: hash it before it leaves your database.
 *
 * @example
 * ```ts
 * keyId({ brandCode: '600000', recipient: '+905321234567', recipientType: 'BIREYSEL', type: 'MESAJ' });
 * // '600000|BIREYSEL|MESAJ|+905321234567'
 * ```
 */
export function keyId(key: ConsentKey): string {
  return `${key.brandCode}|${key.recipientType}|${key.type}|${key.recipient}`;
}

/**
 * zod schema of a stored {@link ConsentKey}. It checks the shape — digits for the brand, an E.164
 * phone or an e-mail address, and a channel that fits the recipient — but does not re-normalise:
 * build keys with {@link consentKey}.
 *
 * @example
 * ```ts
 * ConsentKeySchema.parse({ brandCode: '600000', recipient: 'ali@example.com', recipientType: 'TACIR', type: 'EPOSTA' });
 * ```
 */
export const ConsentKeySchema: z.ZodType<ConsentKey> = z
  .object({
    brandCode: z.string().regex(BRAND_CODE),
    recipient: z.string().min(1),
    recipientType: RecipientTypeSchema,
    type: ConsentTypeSchema,
  })
  .strict()
  .superRefine((k, ctx) => {
    const kind = recipientKind(k.recipient);
    if (kind === 'phone' && !E164.test(k.recipient)) {
      ctx.addIssue({
        code: 'custom',
        path: ['recipient'],
        message: consentError('invalid_recipient').message,
      });
    }
    if (!channelsFor(kind).includes(k.type)) {
      ctx.addIssue({ code: 'custom', path: ['type'], message: consentError('channel_mismatch').message });
    }
  });
