/**
 * Anonymisation operators that need no key: masking (yıldızlama), redaction and generalisation —
 * and the table that says, for every operator of this package, how linkable its output is.
 */
import { normalizePhone } from '@izinkit/identity';
import { z } from 'zod';
import type { KvkkIssue, KvkkResult, Localized } from './errors.js';
import { KvkkError } from './errors.js';
import { ageOn, formatYmd, isValidYmd, parseLooseDate, type Ymd } from './internal/dates.js';
import { err, issue, ok } from './internal/result.js';
import { parseTrPlate } from './plate.js';
import { provinceByName } from './provinces.js';

/**
 * How far an operator's output can be tied back to the person or to other records of the same
 * person:
 * - `none` — not by anyone: equal inputs need not give linkable outputs and no key can undo it
 *   (redaction, random-salt hashing; masking and generalisation keep only what they show);
 * - `keyed` — whoever holds the key can recompute the output from a guessed input and so link
 *   records and test guesses (HMAC pseudonyms);
 * - `reversible` — whoever holds the key gets the input back (tokens).
 *
 * Only `none` can make data anonymous in the sense of KVKK and the Deletion Regulation art. 10;
 * `keyed` and `reversible` outputs are still personal data (pseudonymised).
 *
 * @example
 * ```ts
 * const l: Linkability = OPERATORS.pseudonymize.linkability; // 'keyed'
 * ```
 */
export type Linkability = 'none' | 'keyed' | 'reversible';

/**
 * The operators of this package, by name.
 *
 * @example
 * ```ts
 * const name: OperatorName = 'tokenize';
 * ```
 */
export type OperatorName = 'redact' | 'mask' | 'generalise' | 'pseudonymize' | 'saltedHash' | 'tokenize';

/**
 * What an operator guarantees, as data: used by the documentation, by
 * {@link describeAnonymizationPolicy} and by destruction records.
 *
 * @example
 * ```ts
 * const d: OperatorDescription = OPERATORS.saltedHash;
 * d.deterministic; // false — the same input gives a different hash each time
 * ```
 */
export interface OperatorDescription {
  /** The operator. */
  readonly name: OperatorName;
  /** Who can link the output back (see {@link Linkability}). */
  readonly linkability: Linkability;
  /** Whether the same input always gives the same output (so equal values stay joinable). */
  readonly deterministic: boolean;
  /** Whether part of the original value remains readable in the output. */
  readonly keepsPartOfValue: boolean;
  /** Whether the operator needs a secret key. */
  readonly needsKey: boolean;
  /**
   * Whether the output is still personal data under KVKK. `'depends'`: it is not when what is left
   * cannot single a person out, which {@link kAnonymity} lets you check.
   */
  readonly stillPersonalData: 'yes' | 'no' | 'depends';
  /** One sentence for people. */
  readonly summary: Localized;
}

/**
 * {@link OperatorDescription} of the operator `K`.
 *
 * @example
 * ```ts
 * const d: OperatorDescriptionOf<'tokenize'> = OPERATORS.tokenize;
 * ```
 */
export interface OperatorDescriptionOf<K extends OperatorName> extends OperatorDescription {
  /** The operator. */
  readonly name: K;
}

/**
 * Every operator with its guarantees. The values are fixed facts of the implementation.
 *
 * @example
 * ```ts
 * for (const op of Object.values(OPERATORS)) console.log(op.name, op.linkability);
 * // redact none · mask none · generalise none · pseudonymize keyed · saltedHash none · tokenize reversible
 * ```
 */
export const OPERATORS: { readonly [K in OperatorName]: OperatorDescriptionOf<K> } = {
  redact: {
    name: 'redact',
    linkability: 'none',
    deterministic: true,
    keepsPartOfValue: false,
    needsKey: false,
    stillPersonalData: 'no',
    summary: {
      tr: 'Değeri sabit bir etiketle değiştirir; hiçbir bilgi kalmaz.',
      en: 'Replaces the value with a fixed label; nothing of it remains.',
    },
  },
  mask: {
    name: 'mask',
    linkability: 'none',
    deterministic: true,
    keepsPartOfValue: true,
    needsKey: false,
    stillPersonalData: 'depends',
    summary: {
      tr: 'Yıldızlama: baştan ve sondan istenen sayıda karakter kalır, gerisi * olur. Kalan kısım kişiyi belirleyebilir.',
      en: 'Star-masking: the first and last n characters stay, the rest become *. What stays may still identify.',
    },
  },
  generalise: {
    name: 'generalise',
    linkability: 'none',
    deterministic: true,
    keepsPartOfValue: true,
    needsKey: false,
    stillPersonalData: 'depends',
    summary: {
      tr: 'Değeri kabalaştırır (doğum tarihi → yıl ya da yaş aralığı, adres → il/ilçe, telefon → ön ek).',
      en: 'Coarsens the value (birth date → year or age band, address → province/district, phone → prefix).',
    },
  },
  pseudonymize: {
    name: 'pseudonymize',
    linkability: 'keyed',
    deterministic: true,
    keepsPartOfValue: false,
    needsKey: true,
    stillPersonalData: 'yes',
    summary: {
      tr: 'Anahtarlı HMAC takma adı: aynı anahtar ve amaçla hep aynı sonuç; anahtarı bilen eşleştirebilir.',
      en: 'Keyed HMAC pseudonym: always the same for one key and purpose; the key holder can link records.',
    },
  },
  saltedHash: {
    name: 'saltedHash',
    linkability: 'none',
    deterministic: false,
    keepsPartOfValue: false,
    needsKey: false,
    stillPersonalData: 'no',
    summary: {
      tr: 'Her değer için rastgele tuzla SHA-256; tuz saklanmaz, sonuç hiçbir şeyle eşleşmez.',
      en: 'SHA-256 with a fresh random salt per value; the salt is not kept, so nothing links.',
    },
  },
  tokenize: {
    name: 'tokenize',
    linkability: 'reversible',
    deterministic: false,
    keepsPartOfValue: false,
    needsKey: true,
    stillPersonalData: 'yes',
    summary: {
      tr: 'AES-256-GCM ile şifreli belirteç; anahtarı olan değeri geri alır. Anahtarı yok etmek veriyi yok eder.',
      en: 'AES-256-GCM token; the key holder gets the value back. Destroying the key destroys the data.',
    },
  },
};

/**
 * Options of {@link mask}.
 *
 * @example
 * ```ts
 * const o: MaskOptions = { keepFirst: 2, keepLast: 2, perWord: true };
 * ```
 */
export interface MaskOptions {
  /** Characters left readable at the start (default 0). */
  readonly keepFirst?: number | undefined;
  /** Characters left readable at the end (default 0). */
  readonly keepLast?: number | undefined;
  /** The masking character (default `*`). */
  readonly char?: string | undefined;
  /**
   * Keep separators (spaces, `-`, `.`, `@`, `(`, `)`, `/`, `+` …) as they are and mask only letters
   * and digits (default `true`): `0532 123 45 67` → `**** *** ** 67`.
   */
  readonly keepSeparators?: boolean | undefined;
  /** Mask each whitespace-separated word on its own (default `false`): `Ali Veli` → `A** V***`. */
  readonly perWord?: boolean | undefined;
}

const LETTER_RE = /[\p{L}\p{N}]/u;

/** Letters and digits are masked; everything else is a separator. */
function isMaskableCode(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  // Latin-1 letters and Latin Extended-A (ç, ğ, ı, ö, ş, ü, İ …) without × and ÷.
  if (c >= 0xc0 && c <= 0x17f) return c !== 0xd7 && c !== 0xf7;
  return LETTER_RE.test(String.fromCharCode(c));
}

/** The counts actually kept: at least half of the maskable characters are always hidden. */
function keptCounts(total: number, keepFirst: number, keepLast: number): [number, number] {
  const maxKept = Math.floor(total / 2);
  if (keepFirst + keepLast <= maxKept) return [keepFirst, keepLast];
  const f = Math.floor(keepFirst * (maxKept / (keepFirst + keepLast)));
  return [f, Math.min(keepLast, maxKept - f)];
}

function maskOne(value: string, keepFirst: number, keepLast: number, char: string, keepSep: boolean): string {
  const n = value.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return maskCodePoints(value, keepFirst, keepLast, char, keepSep);
    if (!keepSep || isMaskableCode(c)) total++;
  }
  if (total === 0) return value;
  const [f, l] = keptCounts(total, keepFirst, keepLast);
  const hideFrom = f;
  const hideTo = total - l;
  // Built from whole pieces: runs of characters copied as they are (slices) and runs of hidden
  // ones (the mask character repeated), not one character at a time.
  let out = '';
  let m = 0;
  let copyFrom = 0; // start of the run being copied, while `hidden` is 0
  let hidden = 0; // length of the current run of hidden characters
  for (let i = 0; i < n; i++) {
    if (keepSep && !isMaskableCode(value.charCodeAt(i))) {
      if (hidden > 0) {
        out += repeated(char, hidden);
        hidden = 0;
        copyFrom = i;
      }
      continue;
    }
    if (m >= hideFrom && m < hideTo) {
      if (hidden === 0 && i > copyFrom) out += value.slice(copyFrom, i);
      hidden++;
    } else if (hidden > 0) {
      out += repeated(char, hidden);
      hidden = 0;
      copyFrom = i;
    }
    m++;
  }
  return hidden > 0 ? out + repeated(char, hidden) : out + value.slice(copyFrom);
}

/** `*` repeated 0…32 times, the common masks. */
const STARS: readonly string[] = Array.from({ length: 33 }, (_, k) => '*'.repeat(k));

function repeated(char: string, k: number): string {
  return char === '*' && k < STARS.length ? STARS[k]! : char.repeat(k);
}

/** {@link maskOne} for strings with characters outside the BMP. */
function maskCodePoints(
  value: string,
  keepFirst: number,
  keepLast: number,
  char: string,
  keepSep: boolean,
): string {
  const cps = Array.from(value);
  const maskable = cps.map((ch) => !keepSep || LETTER_RE.test(ch));
  const total = maskable.filter(Boolean).length;
  if (total === 0) return value;
  const [f, l] = keptCounts(total, keepFirst, keepLast);
  let out = '';
  let m = 0;
  for (let k = 0; k < cps.length; k++) {
    if (!maskable[k]) {
      out += cps[k];
      continue;
    }
    out += m < f || m >= total - l ? cps[k] : char;
    m++;
  }
  return out;
}

function nonNegativeInt(n: number | undefined, name: string): number {
  if (n === undefined) return 0;
  if (!Number.isInteger(n) || n < 0)
    throw new KvkkError('invalid_argument', {
      tr: `${name} negatif olmayan bir tam sayı olmalı`,
      en: `${name} must be a non-negative integer`,
    });
  return n;
}

/**
 * Masks a value (yıldızlama): letters and digits become `*` except the first `keepFirst` and the last
 * `keepLast`; separators stay. At least half of the maskable characters are always hidden, whatever
 * the options ask — `keepFirst`/`keepLast` are scaled down when they would reveal more.
 *
 * Linkability `none`, deterministic, keeps part of the value: the kept characters may still single
 * a person out (`keepFirst: 3, keepLast: 2` on a TCKN leaves 6 unknown digits, of which the
 * checksum fixes 2). See {@link OPERATORS}.
 *
 * @example
 * ```ts
 * mask('0532 123 45 67', { keepLast: 2 }); // '**** *** ** 67'
 * mask('Ahmet Yılmaz', { keepFirst: 1, perWord: true }); // 'A**** Y*****'
 * mask('10000000146', { keepFirst: 9 }); // '10000******' — capped at half
 * ```
 */
export function mask(value: string, options?: MaskOptions): string {
  return masker(options)(String(value));
}

/**
 * {@link mask} with the options checked once: for masking many values the same way.
 *
 * @internal
 */
export function masker(options?: MaskOptions): (value: string) => string {
  const f = nonNegativeInt(options?.keepFirst, 'keepFirst');
  const l = nonNegativeInt(options?.keepLast, 'keepLast');
  const char = options?.char ?? '*';
  const keepSep = options?.keepSeparators ?? true;
  if (!options?.perWord) return (s) => maskOne(s, f, l, char, keepSep);
  return (s) => {
    let out = '';
    let start = 0;
    for (let i = 0; i <= s.length; i++) {
      const c = i < s.length ? s.charCodeAt(i) : 32;
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0) {
        if (i > start) out += maskOne(s.slice(start, i), f, l, char, keepSep);
        if (i < s.length) out += s[i];
        start = i + 1;
      }
    }
    return out;
  };
}

/**
 * Redacts a value: returns the replacement (default `[GİZLİ]`), whatever the value. Linkability
 * `none`, nothing of the value remains.
 *
 * @example
 * ```ts
 * redact('10000000146'); // '[GİZLİ]'
 * redact('ali@example.com', '[E-POSTA]'); // '[E-POSTA]'
 * ```
 */
export function redact(_value: unknown, replacement = '[GİZLİ]'): string {
  return replacement;
}

/**
 * How {@link generalise} coarsens a value:
 * - `{ kind: 'date', to: 'year' | 'month' | 'decade' }` — a date (`YYYY-MM-DD`, `DD.MM.YYYY`,
 *   `12 Mart 1985`) → `1985`, `1985-03` or `1980-1989`;
 * - `{ kind: 'ageBand', asOf, width? }` — a birth date → the age band on `asOf` (`YYYY-MM-DD`;
 *   time is a parameter), `width` years wide (default 10): `30-39`;
 * - `{ kind: 'address', to: 'il' | 'ilce' }` — an address (`…, Kadıköy/İstanbul`, or `{ il, ilce }`)
 *   → `İstanbul` or `Kadıköy/İstanbul`;
 * - `{ kind: 'phone' }` — a Turkish phone number → its country code and operator or area prefix,
 *   `+90 532` (since number portability, the prefix no longer names the operator);
 * - `{ kind: 'plate' }` — a licence plate → its province, `İstanbul`;
 * - `{ kind: 'number', width }` — a number → its band, `width` wide: `40-49`;
 * - `{ kind: 'prefix', keep }` — any text → its first `keep` characters, the rest `*`: `34***`;
 * - `{ kind: 'suppress' }` — anything → `*`.
 *
 * @example
 * ```ts
 * const s: GeneraliseSpec = { kind: 'ageBand', asOf: '2026-01-01', width: 10 };
 * ```
 */
export type GeneraliseSpec =
  | {
      /** A date → its year, month or decade. */
      readonly kind: 'date';
      /** How coarse. */
      readonly to: 'year' | 'month' | 'decade';
    }
  | {
      /** A birth date → an age band. */
      readonly kind: 'ageBand';
      /** The day the age is computed on, `YYYY-MM-DD`. */
      readonly asOf: string;
      /** Band width in years (default 10). */
      readonly width?: number | undefined;
    }
  | {
      /** An address → its province, or district and province. */
      readonly kind: 'address';
      /** `il` (province) or `ilce` (district/province). */
      readonly to: 'il' | 'ilce';
    }
  | {
      /** A Turkish phone number → `+90` and its three-digit prefix. */
      readonly kind: 'phone';
    }
  | {
      /** A licence plate → its province. */
      readonly kind: 'plate';
    }
  | {
      /** A number → its band. */
      readonly kind: 'number';
      /** Band width. */
      readonly width: number;
    }
  | {
      /** Any text → its first characters, the rest `*`. */
      readonly kind: 'prefix';
      /** Characters kept. */
      readonly keep: number;
    }
  | {
      /** Anything → `*`. */
      readonly kind: 'suppress';
    };

const PlainDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * zod schema for {@link GeneraliseSpec}, used inside anonymisation policies.
 *
 * @example
 * ```ts
 * GeneraliseSpecSchema.parse({ kind: 'date', to: 'year' });
 * GeneraliseSpecSchema.safeParse({ kind: 'number', width: 0 }).success; // false
 * ```
 */
export const GeneraliseSpecSchema: z.ZodType<GeneraliseSpec> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('date'), to: z.enum(['year', 'month', 'decade']) }).strict(),
  z
    .object({
      kind: z.literal('ageBand'),
      asOf: PlainDate.refine((s) => parseLooseDate(s) !== undefined, 'asOf must be a real date'),
      width: z.number().int().min(1).max(100).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('address'), to: z.enum(['il', 'ilce']) }).strict(),
  z.object({ kind: z.literal('phone') }).strict(),
  z.object({ kind: z.literal('plate') }).strict(),
  z.object({ kind: z.literal('number'), width: z.number().int().min(1) }).strict(),
  z.object({ kind: z.literal('prefix'), keep: z.number().int().min(0) }).strict(),
  z.object({ kind: z.literal('suppress') }).strict(),
]);

/**
 * An address given as its parts, for {@link generalise}.
 *
 * @example
 * ```ts
 * const a: AddressParts = { il: 'İstanbul', ilce: 'Kadıköy' };
 * ```
 */
export interface AddressParts {
  /** Province. */
  readonly il: string;
  /** District. */
  readonly ilce?: string | undefined;
}

/**
 * Error codes of {@link generalise}.
 *
 * @example
 * ```ts
 * const c: GeneraliseErrorCode = 'not_a_date';
 * ```
 */
export type GeneraliseErrorCode =
  | 'not_a_date'
  | 'not_an_address'
  | 'not_a_phone'
  | 'not_a_plate'
  | 'not_a_number'
  | 'future_birth_date'
  | 'invalid_spec';

/**
 * Why {@link generalise} could not coarsen a value.
 *
 * @example
 * ```ts
 * const r = generalise('yarın', { kind: 'date', to: 'year' });
 * if (!r.ok) {
 *   const e: GeneraliseError = r.error;
 *   console.log(e.code); // 'not_a_date'
 * }
 * ```
 */
export type GeneraliseError = KvkkIssue<GeneraliseErrorCode>;

const titleTr = (w: string): string => {
  const lower = w.toLocaleLowerCase('tr');
  return lower.charAt(0).toLocaleUpperCase('tr') + lower.slice(1);
};

/** @returns `[ilce | undefined, il]` or undefined. */
function splitAddress(value: string | AddressParts): [string | undefined, string] | undefined {
  if (typeof value === 'object' && value !== null) {
    const il = provinceByName(String(value.il));
    if (!il) return undefined;
    const ilce = value.ilce === undefined ? undefined : String(value.ilce).trim();
    return [ilce ? titleTr(ilce) : undefined, il.name];
  }
  const s = String(value)
    .replace(/\b(türkiye|turkiye|turkey)\b\.?\s*$/iu, '')
    .trim()
    .replace(/[.,;]+$/u, '');
  const slash = s.lastIndexOf('/');
  if (slash >= 0) {
    const il = provinceByName(s.slice(slash + 1).replace(/\d+/g, ''));
    if (!il) return undefined;
    const left = s
      .slice(0, slash)
      .trim()
      .split(/[\s,]+/u)
      .filter((w) => w !== '' && !/^\d+$/.test(w));
    const ilce = left[left.length - 1];
    return [ilce ? titleTr(ilce) : undefined, il.name];
  }
  const words = s.split(/[\s,]+/u).filter((w) => w !== '' && !/^\d+$/.test(w));
  for (let i = words.length - 1; i >= 0; i--) {
    const il = provinceByName(words[i]!);
    if (il) {
      const ilce = i > 0 ? words[i - 1] : undefined;
      return [ilce ? titleTr(ilce) : undefined, il.name];
    }
  }
  return undefined;
}

/** The number written by the ASCII digits `[s, e)` of `v`, or -1. */
function digitsAt(v: string, s: number, e: number): number {
  let n = 0;
  for (let i = s; i < e; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** @internal */
export function toYmd(value: unknown): Ymd | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    return { y: value.getUTCFullYear(), m: value.getUTCMonth() + 1, d: value.getUTCDate() };
  }
  if (typeof value !== 'string') return undefined;
  // Fast path for `YYYY-MM-DD`, alone or opening an ISO instant (its calendar date as written).
  if (value.length >= 10 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45) {
    const y = digitsAt(value, 0, 4);
    const m = digitsAt(value, 5, 7);
    const d = digitsAt(value, 8, 10);
    if (y >= 0 && m >= 0 && d >= 0 && (value.length === 10 || value.charCodeAt(10) === 84))
      return isValidYmd(y, m, d) ? { y, m, d } : undefined;
  }
  return parseLooseDate(value);
}

/**
 * Coarsens a value as {@link GeneraliseSpec} says. Linkability `none`, deterministic; what remains
 * may still single people out in a small group — check the released table with {@link kAnonymity}.
 *
 * @returns the coarsened value, or a coded error when the value is not what the spec expects
 *
 * @example
 * ```ts
 * generalise('12.03.1985', { kind: 'date', to: 'year' }); // { ok: true, value: '1985' }
 * generalise('1985-03-12', { kind: 'ageBand', asOf: '2026-01-01' }); // { ok: true, value: '40-49' }
 * generalise('Moda Cad. No 5, Kadıköy/İSTANBUL', { kind: 'address', to: 'ilce' }); // 'Kadıköy/İstanbul'
 * generalise('+90 532 123 45 67', { kind: 'phone' }); // { ok: true, value: '+90 532' }
 * generalise('34 ABC 123', { kind: 'plate' }); // { ok: true, value: 'İstanbul' }
 * generalise(47, { kind: 'number', width: 10 }); // { ok: true, value: '40-49' }
 * ```
 */
export function generalise(
  value: string | number | Date | AddressParts,
  spec: GeneraliseSpec,
): KvkkResult<string, GeneraliseError> {
  switch (spec?.kind) {
    case 'date': {
      const d = toYmd(value);
      if (!d) return err(issue('not_a_date', 'Tarih okunamadı', 'Not a date'));
      if (spec.to === 'year') return ok(String(d.y));
      if (spec.to === 'month') return ok(formatYmd(d).slice(0, 7));
      const lo = Math.floor(d.y / 10) * 10;
      return ok(`${lo}-${lo + 9}`);
    }
    case 'ageBand': {
      const d = toYmd(value);
      if (!d) return err(issue('not_a_date', 'Doğum tarihi okunamadı', 'Not a birth date'));
      const asOf = parseLooseDate(spec.asOf);
      if (!asOf) return err(issue('invalid_spec', 'asOf geçerli bir tarih olmalı', 'asOf must be a date'));
      const age = ageOn(d, asOf);
      if (age < 0)
        return err(issue('future_birth_date', 'Doğum tarihi asOf’tan sonra', 'The birth date is after asOf'));
      const w = spec.width ?? 10;
      const lo = Math.floor(age / w) * w;
      return ok(w === 1 ? String(lo) : `${lo}-${lo + w - 1}`);
    }
    case 'address': {
      const parts =
        typeof value === 'string' || (typeof value === 'object' && value !== null && !(value instanceof Date))
          ? splitAddress(value as string | AddressParts)
          : undefined;
      if (!parts)
        return err(issue('not_an_address', 'Adreste il bulunamadı', 'No province found in the address'));
      const [ilce, il] = parts;
      if (spec.to === 'il' || ilce === undefined) return ok(il);
      return ok(`${ilce}/${il}`);
    }
    case 'phone': {
      const r = typeof value === 'string' ? normalizePhone(value, { defaultCountry: 'TR' }) : undefined;
      if (!r?.ok || !r.value.e164.startsWith('+90'))
        return err(issue('not_a_phone', 'Türkiye telefon numarası değil', 'Not a Turkish phone number'));
      return ok(`+90 ${r.value.e164.slice(3, 6)}`);
    }
    case 'plate': {
      const r = typeof value === 'string' ? parseTrPlate(value) : undefined;
      if (!r?.ok) return err(issue('not_a_plate', 'Plaka değil', 'Not a licence plate'));
      return ok(r.value.province.name);
    }
    case 'number': {
      const n =
        typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
      if (!Number.isFinite(n) || (typeof value === 'string' && value.trim() === ''))
        return err(issue('not_a_number', 'Sayı değil', 'Not a number'));
      if (!Number.isInteger(spec.width) || spec.width < 1)
        return err(
          issue('invalid_spec', 'width pozitif tam sayı olmalı', 'width must be a positive integer'),
        );
      const lo = Math.floor(n / spec.width) * spec.width;
      return ok(spec.width === 1 ? String(lo) : `${lo}-${lo + spec.width - 1}`);
    }
    case 'prefix': {
      if (!Number.isInteger(spec.keep) || spec.keep < 0)
        return err(
          issue(
            'invalid_spec',
            'keep negatif olmayan tam sayı olmalı',
            'keep must be a non-negative integer',
          ),
        );
      const chars = Array.from(typeof value === 'object' ? '' : String(value));
      return ok(chars.map((c, i) => (i < spec.keep ? c : '*')).join(''));
    }
    case 'suppress':
      return ok('*');
    default:
      return err(issue('invalid_spec', 'Bilinmeyen genelleştirme', 'Unknown generalisation'));
  }
}

/**
 * {@link generalise} compiled for one spec, returning `undefined` where `generalise` returns an
 * error: the fast path of anonymisation policies.
 *
 * @internal
 */
export function generaliser(spec: GeneraliseSpec): (value: unknown) => string | undefined {
  if (spec.kind === 'date') {
    const to = spec.to;
    if (to === 'year')
      return (v) => {
        // toYmd's `YYYY-MM-DD` fast path, without building the date object.
        if (typeof v === 'string' && v.length >= 10 && v.charCodeAt(4) === 45 && v.charCodeAt(7) === 45) {
          const y = digitsAt(v, 0, 4);
          const m = digitsAt(v, 5, 7);
          const d = digitsAt(v, 8, 10);
          if (y >= 0 && m >= 0 && d >= 0 && (v.length === 10 || v.charCodeAt(10) === 84))
            return isValidYmd(y, m, d) ? String(y) : undefined;
        }
        const d = toYmd(v);
        return d ? String(d.y) : undefined;
      };
    return (v) => {
      const d = toYmd(v);
      if (!d) return undefined;
      if (to === 'month') return formatYmd(d).slice(0, 7);
      const lo = Math.floor(d.y / 10) * 10;
      return `${lo}-${lo + 9}`;
    };
  }
  return (v) => {
    const r = generalise(v as string, spec);
    return r.ok ? r.value : undefined;
  };
}
