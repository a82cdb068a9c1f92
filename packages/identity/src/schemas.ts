/**
 * zod schemas for every identifier of this package. Each one accepts what people type and outputs
 * the canonical form (`TcknSchema.parse('100 000 001 46') === '10000000146'`); a failure becomes a
 * zod issue whose `message` is the English text and whose `params` hold the stable `code` and the
 * Turkish text (`params.tr`).
 */
import { z } from 'zod';
import type { PersonRecord } from './dedupe.js';
import { normalizeEmail } from './email.js';
import type { IdentityIssue, IdentityResult } from './errors.js';
import { parseMersis } from './mersis.js';
import { type CountryCode, type NormalizedPhone, normalizePhone, type PhoneKind } from './phone.js';
import { normalizeRecipient, type Recipient } from './recipient.js';
import { parseTckn } from './tckn.js';
import { parseVkn } from './vkn.js';
import { type ParsedYkn, parseYkn } from './ykn.js';

function fromParser<T>(
  parse: (input: string) => IdentityResult<T, IdentityIssue<string>>,
): z.ZodType<T, string> {
  return z.string().transform((value, ctx) => {
    const r = parse(value);
    if (r.ok) return r.value;
    ctx.issues.push({
      code: 'custom',
      input: value,
      message: r.error.message.en,
      params: { code: r.error.code, tr: r.error.message.tr },
    });
    return z.NEVER;
  });
}

/**
 * A TCKN in any typed form (spaces, dashes, non-ASCII digits), output as its 11 digits
 * ({@link parseTckn}).
 *
 * @example
 * ```ts
 * TcknSchema.parse('100 000 001 46'); // '10000000146'
 * TcknSchema.safeParse('10000000145').error?.issues[0]?.params; // { code: 'bad_checksum', tr: 'TCKN kontrol haneleri tutmuyor.' }
 * ```
 */
export const TcknSchema: z.ZodType<string, string> = fromParser(parseTckn);

/**
 * A YKN (`99…`, 11 digits), output with the result of its unofficial checksum ({@link parseYkn}).
 *
 * @example
 * ```ts
 * YknSchema.parse('99000000042'); // { ykn: '99000000042', checksumFits: true }
 * ```
 */
export const YknSchema: z.ZodType<ParsedYkn, string> = fromParser(parseYkn);

/**
 * A VKN, output as its 10 digits ({@link parseVkn}).
 *
 * @example
 * ```ts
 * VknSchema.parse('454 053 6920'); // '4540536920'
 * ```
 */
export const VknSchema: z.ZodType<string, string> = fromParser(parseVkn);

/**
 * A MERSİS number, output as its 16 digits ({@link parseMersis}, without the VKN check).
 *
 * @example
 * ```ts
 * MersisSchema.parse('0720-1064-7700-0001'); // '0720106477000001'
 * ```
 */
export const MersisSchema: z.ZodType<string, string> = fromParser((v) => parseMersis(v));

/**
 * A tax identity number: a VKN (10 digits, companies) or a TCKN (11 digits, sole traders, who use
 * their TCKN as tax number). Output as digits.
 *
 * @example
 * ```ts
 * TaxIdSchema.parse('4540536920'); // '4540536920'
 * TaxIdSchema.parse('10000000146'); // '10000000146'
 * ```
 */
export const TaxIdSchema: z.ZodType<string, string> = fromParser((v) => {
  const vkn = parseVkn(v);
  if (vkn.ok || vkn.error.code !== 'too_long') return vkn;
  return parseTckn(v);
});

/**
 * An e-mail address by İYS's rules, output normalised ({@link normalizeEmail}).
 *
 * @example
 * ```ts
 * EmailSchema.parse(' Ali@Example.COM '); // 'Ali@example.com'
 * ```
 */
export const EmailSchema: z.ZodType<string, string> = fromParser(normalizeEmail);

/**
 * The line types of {@link PhoneKind}.
 *
 * @example
 * ```ts
 * PhoneKindSchema.parse('tollFree'); // 'tollFree'
 * ```
 */
export const PhoneKindSchema: z.ZodEnum<{ [K in PhoneKind]: K }> = z.enum([
  'mobile',
  'fixed',
  'voip',
  'uan',
  'tollFree',
  'premium',
  'other',
]);

/**
 * Builds a phone schema for another default country. `PhoneSchema` is `phoneSchema()`.
 *
 * @example
 * ```ts
 * phoneSchema({ defaultCountry: 'DE' }).parse('030 1234567'); // '+49301234567'
 * ```
 */
export function phoneSchema(options?: { readonly defaultCountry?: CountryCode }): z.ZodType<string, string> {
  return fromParser((v) => {
    const r = normalizePhone(v, options);
    return r.ok ? { ok: true, value: r.value.e164 } : r;
  });
}

/**
 * A phone number in any accepted format ({@link normalizePhone}, default country TR), output in
 * E.164.
 *
 * @example
 * ```ts
 * PhoneSchema.parse('0532 123 45 67'); // '+905321234567'
 * PhoneSchema.safeParse('0632 123 45 67').success; // false
 * ```
 */
export const PhoneSchema: z.ZodType<string, string> = phoneSchema();

/**
 * Like {@link PhoneSchema}, but outputs the whole {@link NormalizedPhone} (E.164, national number,
 * line type).
 *
 * @example
 * ```ts
 * PhoneDetailsSchema.parse('444 1 444'); // { e164: '+904441444', national: '4441444', kind: 'uan' }
 * ```
 */
export const PhoneDetailsSchema: z.ZodType<NormalizedPhone, string> = fromParser((v) => normalizePhone(v));

/**
 * An İYS recipient — phone number or e-mail — output as a {@link Recipient}
 * ({@link normalizeRecipient}).
 *
 * @example
 * ```ts
 * RecipientSchema.parse('ali@example.com'); // { kind: 'email', address: 'ali@example.com' }
 * ```
 */
export const RecipientSchema: z.ZodType<Recipient, string> = fromParser((v) => normalizeRecipient(v));

/**
 * The shape of a {@link PersonRecord} (the identifiers are checked by {@link dedupe}, which
 * reports invalid ones instead of failing).
 *
 * @example
 * ```ts
 * PersonRecordSchema.parse({ id: '1', phone: '0532 123 45 67', firstName: 'Ali' });
 * ```
 */
export const PersonRecordSchema: z.ZodType<PersonRecord> = z.object({
  id: z.string().min(1),
  tckn: z.string().nullish(),
  phone: z.string().nullish(),
  email: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
});
