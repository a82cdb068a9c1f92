/**
 * The İYS vocabulary — channels, statuses, recipient types and consent sources — defined once for
 * the whole toolkit. Every other package imports these; none redefines them.
 *
 * Source: the İYS API (H111/H115/H116/H117/H119 list the allowed values; "İzin Doğrulama
 * Kuralları"). See `docs/iys.md`.
 */
import { z } from 'zod';

/** The three consent channels (İYS `type`). */
export const CONSENT_TYPES = ['MESAJ', 'ARAMA', 'EPOSTA'] as const;
/**
 * A consent channel: `MESAJ` (SMS/MMS to a phone), `ARAMA` (voice call to a phone), `EPOSTA`
 * (e-mail to an e-mail address).
 *
 * @example
 * ```ts
 * const channel: ConsentType = 'MESAJ';
 * ```
 */
export type ConsentType = (typeof CONSENT_TYPES)[number];
/**
 * zod schema for {@link ConsentType}.
 *
 * @example
 * ```ts
 * ConsentTypeSchema.parse('EPOSTA'); // 'EPOSTA'
 * ```
 */
export const ConsentTypeSchema: z.ZodEnum<{ [K in ConsentType]: K }> = z.enum(CONSENT_TYPES);

/** The two consent statuses (İYS `status`). */
export const CONSENT_STATUSES = ['ONAY', 'RET'] as const;
/**
 * `ONAY` (consent given) or `RET` (consent refused / withdrawn).
 *
 * @example
 * ```ts
 * const s: ConsentStatus = 'RET';
 * ```
 */
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
/**
 * zod schema for {@link ConsentStatus}.
 *
 * @example
 * ```ts
 * ConsentStatusSchema.safeParse('RED').success; // false — İYS only knows RET
 * ```
 */
export const ConsentStatusSchema: z.ZodEnum<{ [K in ConsentStatus]: K }> = z.enum(CONSENT_STATUSES);

/** The two recipient types (İYS `recipientType`). */
export const RECIPIENT_TYPES = ['BIREYSEL', 'TACIR'] as const;
/**
 * `BIREYSEL` (an individual) or `TACIR` (a merchant / tradesperson). The same address may hold one
 * record of each.
 *
 * @example
 * ```ts
 * const t: RecipientType = 'TACIR';
 * ```
 */
export type RecipientType = (typeof RECIPIENT_TYPES)[number];
/**
 * zod schema for {@link RecipientType}.
 *
 * @example
 * ```ts
 * RecipientTypeSchema.parse('BIREYSEL');
 * ```
 */
export const RecipientTypeSchema: z.ZodEnum<{ [K in RecipientType]: K }> = z.enum(RECIPIENT_TYPES);

/**
 * The sources a service provider may send (H119 lists them in this order). `HS_2015` is only valid
 * with consentDate `2015-05-01 00:00:00`; `HS_KARAR` is only valid as a RET and never on a first
 * record.
 */
export const PROVIDER_SOURCES = [
  'HS_FIZIKSEL_ORTAM',
  'HS_ISLAK_IMZA',
  'HS_WEB',
  'HS_CAGRI_MERKEZI',
  'HS_SOSYAL_MEDYA',
  'HS_EPOSTA',
  'HS_MESAJ',
  'HS_MOBIL',
  'HS_EORTAM',
  'HS_ETKINLIK',
  'HS_2015',
  'HS_ATM',
  'HS_KARAR',
] as const;
/**
 * A source a service provider may send (`HS_*`).
 *
 * @example
 * ```ts
 * const src: ProviderSource = 'HS_WEB';
 * ```
 */
export type ProviderSource = (typeof PROVIDER_SOURCES)[number];
/**
 * zod schema for {@link ProviderSource}.
 *
 * @example
 * ```ts
 * ProviderSourceSchema.safeParse('IYS_WEB').success; // false — providers may not send IYS_*
 * ```
 */
export const ProviderSourceSchema: z.ZodEnum<{ [K in ProviderSource]: K }> = z.enum(PROVIDER_SOURCES);

/**
 * Sources İYS reports for changes citizens make on İYS itself (pull, status, daily file). The list
 * is what has been observed; İYS may add more, so parsing accepts any `IYS_` value (see
 * {@link IysSourceSchema}). Meanings are inferred from the names (no official table was found).
 */
export const KNOWN_IYS_SOURCES = [
  'IYS_CM',
  'IYS_WEB',
  'IYS_MOBIL',
  'IYS_KISAMESAJ',
  'IYS_EPOSTA',
  'IYS_AHS_HAT_KAPATMA',
  'IYS_WEB_YENI',
  'IYS_3338',
  'IYS_KISA_LINK',
] as const;
/**
 * A source İYS reports for a citizen-side change: a known `IYS_*` value, or any other string that
 * starts with `IYS_`.
 *
 * @example
 * ```ts
 * const src: IysSource = 'IYS_MOBIL';
 * ```
 */
export type IysSource = (typeof KNOWN_IYS_SOURCES)[number] | `IYS_${string}`;
/**
 * zod schema for {@link IysSource}: any `IYS_` followed by upper-case letters, digits or `_`.
 *
 * @example
 * ```ts
 * IysSourceSchema.parse('IYS_KISAMESAJ');
 * ```
 */
export const IysSourceSchema: z.ZodType<IysSource> = z
  .string()
  .regex(
    /^IYS_[A-Z0-9_]+$/,
    'IYS_ ile başlayan bir kaynak bekleniyor / expected an IYS_* source',
  ) as z.ZodType<IysSource>;

/**
 * Any consent source: what a provider sends (`HS_*`) or what İYS reports (`IYS_*`).
 *
 * @example
 * ```ts
 * const s: ConsentSource = Math.random() > 0.5 ? 'HS_WEB' : 'IYS_WEB';
 * ```
 */
export type ConsentSource = ProviderSource | IysSource;
/**
 * zod schema for {@link ConsentSource}.
 *
 * @example
 * ```ts
 * ConsentSourceSchema.parse('HS_CAGRI_MERKEZI');
 * ```
 */
export const ConsentSourceSchema: z.ZodType<ConsentSource> = z.union([ProviderSourceSchema, IysSourceSchema]);

/**
 * True for a source a service provider may send (`HS_*` in {@link PROVIDER_SOURCES}).
 *
 * @example
 * ```ts
 * isProviderSource('HS_WEB'); // true
 * isProviderSource('IYS_WEB'); // false
 * ```
 */
export function isProviderSource(source: string): source is ProviderSource {
  return (PROVIDER_SOURCES as readonly string[]).includes(source);
}

/**
 * True for a source only İYS may report (`IYS_*`).
 *
 * @example
 * ```ts
 * isIysSource('IYS_CM'); // true
 * ```
 */
export function isIysSource(source: string): source is IysSource {
  return /^IYS_[A-Z0-9_]+$/.test(source);
}

/** The only consentDate İYS accepts with source `HS_2015`, in İYS wire format (Türkiye time). */
export const HS_2015_CONSENT_DATE = '2015-05-01 00:00:00';

/**
 * The instant of {@link HS_2015_CONSENT_DATE}: 2015-05-01 00:00:00 in Türkiye (UTC+3 that day).
 *
 * @example
 * ```ts
 * HS_2015_CONSENT_INSTANT.toISOString(); // '2015-04-30T21:00:00.000Z'
 * ```
 */
export const HS_2015_CONSENT_INSTANT: Date = new Date('2015-04-30T21:00:00.000Z');

/**
 * The channels an address may take: phones take `MESAJ` and `ARAMA`, e-mail addresses `EPOSTA`.
 *
 * @example
 * ```ts
 * channelsFor('phone'); // ['MESAJ', 'ARAMA']
 * ```
 */
export function channelsFor(kind: 'phone' | 'email'): readonly ConsentType[] {
  return kind === 'phone' ? PHONE_CHANNELS : EMAIL_CHANNELS;
}
const PHONE_CHANNELS: readonly ConsentType[] = ['MESAJ', 'ARAMA'];
const EMAIL_CHANNELS: readonly ConsentType[] = ['EPOSTA'];
