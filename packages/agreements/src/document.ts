/**
 * What an agreement document is: a brand's text of one kind, for one channel, in one locale.
 */
import { CONSENT_TYPES, type ConsentType } from '@izinkit/iys';
import { z } from 'zod';

/** The agreement kinds the law names. */
export const BUILTIN_AGREEMENT_KINDS = ['ETK_CONSENT', 'KVKK_AYDINLATMA', 'KVKK_ACIK_RIZA'] as const;

/**
 * A kind the law names:
 * - `ETK_CONSENT` — the consent text for commercial electronic messages (ETK Law 6563 art. 6,
 *   Regulation art. 7);
 * - `KVKK_AYDINLATMA` — the KVKK art. 10 information notice (a notice, not a consent);
 * - `KVKK_ACIK_RIZA` — KVKK explicit consent (açık rıza), which must stay separate from the ETK text.
 *
 * @example
 * ```ts
 * const k: BuiltinAgreementKind = 'KVKK_AYDINLATMA';
 * ```
 */
export type BuiltinAgreementKind = (typeof BUILTIN_AGREEMENT_KINDS)[number];

/**
 * A kind of your own: `CUSTOM_` followed by upper-case ASCII letters, digits or `_` (at most 64
 * characters in all), for example `CUSTOM_MEMBERSHIP_TERMS`. The prefix keeps custom kinds from
 * ever colliding with a kind this package adds later.
 *
 * @example
 * ```ts
 * const k: CustomAgreementKind = 'CUSTOM_LOYALTY_TERMS';
 * ```
 */
export type CustomAgreementKind = `CUSTOM_${string}`;

/**
 * Any agreement kind: a {@link BuiltinAgreementKind} or a {@link CustomAgreementKind}.
 *
 * @example
 * ```ts
 * const kinds: AgreementKind[] = ['ETK_CONSENT', 'CUSTOM_LOYALTY_TERMS'];
 * ```
 */
export type AgreementKind = BuiltinAgreementKind | CustomAgreementKind;

const CUSTOM_KIND = /^CUSTOM_[A-Z0-9_]{1,57}$/;

/**
 * zod schema for {@link AgreementKind}.
 *
 * @example
 * ```ts
 * AgreementKindSchema.parse('ETK_CONSENT');
 * AgreementKindSchema.safeParse('custom_x').success; // false
 * ```
 */
export const AgreementKindSchema: z.ZodType<AgreementKind> = z.union([
  z.enum(BUILTIN_AGREEMENT_KINDS),
  z
    .string()
    .regex(
      CUSTOM_KIND,
      'bilinen bir tür ya da CUSTOM_ ile başlayan büyük harfli bir ad bekleniyor / expected a known kind or an upper-case CUSTOM_* name',
    ) as z.ZodType<CustomAgreementKind>,
]);

/**
 * True for a kind of your own (`CUSTOM_*`).
 *
 * @example
 * ```ts
 * isCustomKind('CUSTOM_LOYALTY_TERMS'); // true
 * isCustomKind('ETK_CONSENT'); // false
 * ```
 */
export function isCustomKind(kind: string): kind is CustomAgreementKind {
  return CUSTOM_KIND.test(kind);
}

/** The value of {@link AgreementChannel} for a text that applies to every channel. */
export const ANY_CHANNEL = 'ANY' as const;

/** The channels an agreement can be written for: the İYS channels and {@link ANY_CHANNEL}. */
export const AGREEMENT_CHANNELS: readonly [...typeof CONSENT_TYPES, typeof ANY_CHANNEL] = [
  ...CONSENT_TYPES,
  ANY_CHANNEL,
];

/**
 * The channel an agreement is written for: an İYS channel (`MESAJ`, `ARAMA`, `EPOSTA`, imported
 * from `@izinkit/iys`) or `ANY` for a text that does not depend on the channel (a KVKK notice,
 * typically). {@link AgreementService.resolve} falls back from a channel to `ANY`.
 *
 * @example
 * ```ts
 * const c: AgreementChannel = 'ANY';
 * ```
 */
export type AgreementChannel = ConsentType | typeof ANY_CHANNEL;

/**
 * zod schema for {@link AgreementChannel}.
 *
 * @example
 * ```ts
 * AgreementChannelSchema.parse('MESAJ');
 * ```
 */
export const AgreementChannelSchema: z.ZodEnum<{ [K in AgreementChannel]: K }> = z.enum(AGREEMENT_CHANNELS);

/** The locales agreements are written in. */
export const AGREEMENT_LOCALES = ['tr', 'en'] as const;

/**
 * `tr` (Turkish, the legally binding text in Türkiye) or `en` (English).
 *
 * @example
 * ```ts
 * const l: AgreementLocale = 'tr';
 * ```
 */
export type AgreementLocale = (typeof AGREEMENT_LOCALES)[number];

/**
 * zod schema for {@link AgreementLocale}.
 *
 * @example
 * ```ts
 * AgreementLocaleSchema.safeParse('de').success; // false
 * ```
 */
export const AgreementLocaleSchema: z.ZodEnum<{ [K in AgreementLocale]: K }> = z.enum(AGREEMENT_LOCALES);

const BRAND = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * zod schema for a brand identifier: 1–64 ASCII letters, digits, `.`, `_` or `-`, starting with a
 * letter or digit — your İYS brand code (`"600123"`) or a slug of your own.
 *
 * @example
 * ```ts
 * BrandSchema.parse('600123');
 * BrandSchema.safeParse('a b').success; // false
 * ```
 */
export const BrandSchema: z.ZodString = z
  .string()
  .regex(
    BRAND,
    'marka: 1–64 harf, rakam, ".", "_" ya da "-" / brand: 1–64 ASCII letters, digits, ".", "_" or "-"',
  );

/**
 * Identifies one agreement document: every version of it shares these four values.
 *
 * @example
 * ```ts
 * const key: DocumentKey = { brand: '600123', kind: 'ETK_CONSENT', channel: 'MESAJ', locale: 'tr' };
 * ```
 */
export interface DocumentKey {
  /** The brand the text belongs to (see {@link BrandSchema}). */
  readonly brand: string;
  /** What kind of text it is. */
  readonly kind: AgreementKind;
  /** The channel it is written for, or `ANY`. */
  readonly channel: AgreementChannel;
  /** Its language. */
  readonly locale: AgreementLocale;
}

/**
 * zod schema for {@link DocumentKey} (unknown properties are dropped).
 *
 * @example
 * ```ts
 * DocumentKeySchema.parse({ brand: '600123', kind: 'KVKK_AYDINLATMA', channel: 'ANY', locale: 'tr' });
 * ```
 */
export const DocumentKeySchema: z.ZodType<DocumentKey> = z.object({
  brand: BrandSchema,
  kind: AgreementKindSchema,
  channel: AgreementChannelSchema,
  locale: AgreementLocaleSchema,
});

/**
 * A stable string for a document key, `brand/kind/channel/locale` — unambiguous because none of the
 * four parts may contain `/`. Useful as a map key or a database key.
 *
 * @example
 * ```ts
 * documentKeyString({ brand: '600123', kind: 'ETK_CONSENT', channel: 'MESAJ', locale: 'tr' });
 * // '600123/ETK_CONSENT/MESAJ/tr'
 * ```
 */
export function documentKeyString(key: DocumentKey): string {
  return `${key.brand}/${key.kind}/${key.channel}/${key.locale}`;
}

/**
 * True when two keys name the same document.
 *
 * @example
 * ```ts
 * const a: DocumentKey = { brand: 'b', kind: 'ETK_CONSENT', channel: 'MESAJ', locale: 'tr' };
 * sameDocument(a, { ...a }); // true
 * sameDocument(a, { ...a, locale: 'en' }); // false
 * ```
 */
export function sameDocument(a: DocumentKey, b: DocumentKey): boolean {
  return a.brand === b.brand && a.kind === b.kind && a.channel === b.channel && a.locale === b.locale;
}
