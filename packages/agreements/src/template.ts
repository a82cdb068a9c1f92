/**
 * Agreement templates: canonical text with typed `{{placeholders}}` that render to the exact text a
 * person is shown.
 *
 * Syntax: `{{name}}` or `{{name:type}}` (spaces allowed inside the braces). Well-known names
 * ({@link WELL_KNOWN_VARIABLES}) have a fixed type; any other name must be given a type at least
 * once in the template. Because types are written in the text, the version id (the hash of the
 * template) covers them too. A literal `{{` cannot appear in a template; `}}` can.
 */
import { type ContentHash, canonicalText, validateAgreementText } from './canonical.js';
import type { AgreementLocale } from './document.js';
import { position } from './internal/position.js';
import { hasControl, loneSurrogateIndex } from './internal/scan.js';
import { sha256Hex } from './internal/sha256.js';
import { fail, ok, type Result, type ValueIssue } from './result.js';

/** The types a placeholder can have. */
export const VARIABLE_TYPES = [
  'text',
  'multiline',
  'mersis',
  'shortNumber',
  'url',
  'email',
  'phone',
  'date',
] as const;

/**
 * A placeholder type, and what a value of it must look like:
 * - `text` — one line, not blank, at most 1,000 characters, no control characters;
 * - `multiline` — like `text` but may span lines (at most 20,000 characters);
 * - `mersis` — a MERSİS number, exactly 16 ASCII digits;
 * - `shortNumber` — an SMS short number, 3–6 ASCII digits (for example `3338`);
 * - `url` — an absolute `http:` or `https:` URL;
 * - `email` — an e-mail address (`local@domain.tld`, at most 254 characters);
 * - `phone` — a phone number as printed: digits, spaces, `(`, `)`, `-`, an optional leading `+`,
 *   7–15 digits in all;
 * - `date` — a calendar date `YYYY-MM-DD`, rendered `DD.MM.YYYY` in Turkish and `D Month YYYY`
 *   in English.
 *
 * @example
 * ```ts
 * const t: VariableType = 'mersis';
 * ```
 */
export type VariableType = (typeof VARIABLE_TYPES)[number];

/**
 * Placeholder names with a fixed meaning and type. Use them without a type: `{{mersis}}`.
 * `retInstructions`, `shortNumber`, `retUrl` and `customerServicePhone` are the ways to refuse
 * (RET) that ETK art. 8 asks every message and consent text to give; `mersis` and `tradeName`
 * identify the sender.
 *
 * @example
 * ```ts
 * WELL_KNOWN_VARIABLES.mersis; // 'mersis'
 * WELL_KNOWN_VARIABLES.retInstructions; // 'multiline'
 * ```
 */
export const WELL_KNOWN_VARIABLES: {
  /** The brand's name as customers know it. */
  readonly brandName: 'text';
  /** The registered trade name (ticaret unvanı). */
  readonly tradeName: 'text';
  /** The 16-digit MERSİS number. */
  readonly mersis: 'mersis';
  /** How to refuse, in words. */
  readonly retInstructions: 'multiline';
  /** The SMS short number refusals go to. */
  readonly shortNumber: 'shortNumber';
  /** A URL used only for refusals. */
  readonly retUrl: 'url';
  /** The customer-service number. */
  readonly customerServicePhone: 'phone';
  /** A contact e-mail address. */
  readonly contactEmail: 'email';
  /** The recipient's name and surname. */
  readonly recipientName: 'text';
  /** The recipient's electronic address (phone or e-mail). */
  readonly recipientAddress: 'text';
  /** The date the text takes effect. */
  readonly effectiveDate: 'date';
} = {
  brandName: 'text',
  tradeName: 'text',
  mersis: 'mersis',
  retInstructions: 'multiline',
  shortNumber: 'shortNumber',
  retUrl: 'url',
  customerServicePhone: 'phone',
  contactEmail: 'email',
  recipientName: 'text',
  recipientAddress: 'text',
  effectiveDate: 'date',
};

/**
 * A well-known placeholder name.
 *
 * @example
 * ```ts
 * const n: WellKnownVariable = 'brandName';
 * ```
 */
export type WellKnownVariable = keyof typeof WELL_KNOWN_VARIABLES;

/**
 * Values for the well-known placeholders, typed; combine with your own names in
 * {@link TemplateValues}.
 *
 * @example
 * ```ts
 * const v: WellKnownValues = { brandName: 'Örnek Mağaza', mersis: '0720106477000001', shortNumber: '3338' };
 * ```
 */
export type WellKnownValues = {
  /** The brand's name as customers know it. */
  readonly brandName?: string | undefined;
  /** The registered trade name (ticaret unvanı). */
  readonly tradeName?: string | undefined;
  /** The 16-digit MERSİS number. */
  readonly mersis?: string | undefined;
  /** How to refuse, in words ("RET yazıp 3338'e gönderin"). */
  readonly retInstructions?: string | undefined;
  /** The SMS short number refusals go to. */
  readonly shortNumber?: string | undefined;
  /** A URL used only for refusals. */
  readonly retUrl?: string | undefined;
  /** The customer-service number. */
  readonly customerServicePhone?: string | undefined;
  /** A contact e-mail address. */
  readonly contactEmail?: string | undefined;
  /** The recipient's name and surname (ETK Regulation art. 7 asks for it in the consent). */
  readonly recipientName?: string | undefined;
  /** The recipient's electronic address (phone number or e-mail) the consent is for. */
  readonly recipientAddress?: string | undefined;
  /** The date the text takes effect, `YYYY-MM-DD`. */
  readonly effectiveDate?: string | undefined;
};

/**
 * The values a template is rendered with: the well-known ones, typed, and any of your own. Extra
 * values that the template does not use are ignored.
 *
 * @example
 * ```ts
 * const v: TemplateValues = { brandName: 'Örnek', campaign: 'Yaz İndirimi' };
 * ```
 */
export type TemplateValues = WellKnownValues & { readonly [name: string]: string | undefined };

/**
 * A placeholder of a template, with its type.
 *
 * @example
 * ```ts
 * const v: TemplateVariable = { name: 'mersis', type: 'mersis' };
 * ```
 */
export interface TemplateVariable {
  /** The placeholder's name. */
  readonly name: string;
  /** Its type. */
  readonly type: VariableType;
}

/**
 * A piece of a parsed template: literal text, or a placeholder.
 *
 * @example
 * ```ts
 * const s: TemplateSegment = { kind: 'variable', name: 'brandName', type: 'text' };
 * ```
 */
export type TemplateSegment =
  | {
      /** Literal text. */
      readonly kind: 'text';
      /** The text. */
      readonly value: string;
    }
  | {
      /** A placeholder. */
      readonly kind: 'variable';
      /** Its name. */
      readonly name: string;
      /** Its type. */
      readonly type: VariableType;
    };

/**
 * A template that parsed: its canonical text, its pieces, and its placeholders (each once, in
 * order of first appearance).
 *
 * @example
 * ```ts
 * const t: ParsedTemplate = orThrow(parseTemplate('{{brandName}} ileti izni'));
 * t.variables; // [{ name: 'brandName', type: 'text' }]
 * ```
 */
export interface ParsedTemplate {
  /** The canonical template text (see {@link canonicalText}). */
  readonly text: string;
  /** Literal text and placeholders, in order. */
  readonly segments: readonly TemplateSegment[];
  /** Every placeholder once, in order of first appearance. */
  readonly variables: readonly TemplateVariable[];
}

const PLACEHOLDER = /\{\{ *([A-Za-z][A-Za-z0-9_]{0,63}) *(?:: *([A-Za-z]+) *)?\}\}/y;

function isVariableType(t: string): t is VariableType {
  return (VARIABLE_TYPES as readonly string[]).includes(t);
}

function wellKnownType(name: string): VariableType | undefined {
  return Object.hasOwn(WELL_KNOWN_VARIABLES, name)
    ? WELL_KNOWN_VARIABLES[name as WellKnownVariable]
    : undefined;
}

/**
 * Parses a template: canonicalises and validates the text (see {@link validateAgreementText}),
 * then finds its placeholders and their types. Fails with `INVALID_TEXT`, `TEMPLATE_SYNTAX` (a
 * `{{` that does not open a placeholder) or `TEMPLATE_VARIABLE` (a name without a type, an unknown
 * type, or two types for one name), each with the line and column.
 *
 * @example
 * ```ts
 * const r = parseTemplate('{{brandName}} kampanyası: {{campaign:text}}');
 * r.ok && r.value.variables; // [{ name: 'brandName', type: 'text' }, { name: 'campaign', type: 'text' }]
 * parseTemplate('{{ad}}').ok; // false — 'ad' is not well known and has no type
 * ```
 */
export function parseTemplate(template: string): Result<ParsedTemplate> {
  const valid = validateAgreementText(template);
  if (!valid.ok) return valid;
  const text = valid.value;

  interface Raw {
    readonly name: string;
    readonly type: string | undefined;
    readonly start: number;
    readonly end: number;
  }
  const raws: Raw[] = [];
  let at = text.indexOf('{{');
  while (at !== -1) {
    PLACEHOLDER.lastIndex = at;
    const m = PLACEHOLDER.exec(text);
    if (!m) {
      return fail(
        'TEMPLATE_SYNTAX',
        {
          tr: '"{{" bir yer tutucu açmıyor; beklenen biçim {{ad}} ya da {{ad:tür}}',
          en: '"{{" does not open a placeholder; expected {{name}} or {{name:type}}',
        },
        position(text, at),
      );
    }
    raws.push({ name: m[1]!, type: m[2], start: at, end: at + m[0].length });
    at = text.indexOf('{{', at + m[0].length);
  }

  // First pass: the type each name is given.
  const types = new Map<string, VariableType>();
  for (const r of raws) {
    const fixed = wellKnownType(r.name);
    if (r.type !== undefined && !isVariableType(r.type)) {
      return fail(
        'TEMPLATE_VARIABLE',
        {
          tr: `Bilinmeyen tür "${r.type}" (${VARIABLE_TYPES.join(', ')})`,
          en: `Unknown type "${r.type}" (${VARIABLE_TYPES.join(', ')})`,
        },
        { variable: r.name, ...position(text, r.start) },
      );
    }
    const declared = (r.type as VariableType | undefined) ?? fixed;
    if (declared === undefined) continue;
    const before = types.get(r.name) ?? fixed;
    if (before !== undefined && before !== declared) {
      return fail(
        'TEMPLATE_VARIABLE',
        {
          tr: `"${r.name}" iki farklı türle kullanılmış (${before}, ${declared})`,
          en: `"${r.name}" is used with two types (${before}, ${declared})`,
        },
        { variable: r.name, ...position(text, r.start) },
      );
    }
    types.set(r.name, declared);
  }

  // Second pass: segments; every name must have a type by now.
  const segments: TemplateSegment[] = [];
  const variables: TemplateVariable[] = [];
  let cursor = 0;
  for (const r of raws) {
    const type = types.get(r.name);
    if (type === undefined) {
      return fail(
        'TEMPLATE_VARIABLE',
        {
          tr: `"${r.name}" için tür yok; en az bir yerde {{${r.name}:text}} gibi yazın`,
          en: `"${r.name}" has no type; write it as {{${r.name}:text}} (or another type) at least once`,
        },
        { variable: r.name, ...position(text, r.start) },
      );
    }
    if (r.start > cursor) segments.push({ kind: 'text', value: text.slice(cursor, r.start) });
    segments.push({ kind: 'variable', name: r.name, type });
    if (!variables.some((v) => v.name === r.name)) variables.push({ name: r.name, type });
    cursor = r.end;
  }
  if (cursor < text.length) segments.push({ kind: 'text', value: text.slice(cursor) });
  return ok({ text, segments, variables });
}

/**
 * A rendered agreement text: exactly what is shown, and its {@link contentHash}.
 *
 * @example
 * ```ts
 * const r: RenderedText = orThrow(renderTemplate(orThrow(parseTemplate('{{brandName}}')), { brandName: 'Örnek' }, 'tr'));
 * r.text; // 'Örnek\n'
 * ```
 */
export interface RenderedText {
  /** The canonical rendered text: show exactly this. */
  readonly text: string;
  /** SHA-256 (hex) of its UTF-8 bytes — what evidence records. */
  readonly hash: ContentHash;
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

type Check = { ok: true; rendered: string } | { ok: false; tr: string; en: string };

function checkValue(type: VariableType, value: string, locale: AgreementLocale): Check {
  const bad = (tr: string, en: string): Check => ({ ok: false, tr, en });
  if (loneSurrogateIndex(value) !== -1) {
    return bad('eşi olmayan UTF-16 vekil karakteri var', 'holds an unpaired UTF-16 surrogate');
  }
  const notBlank = /\S/.test(value.replace(/\uFEFF/g, ''));
  switch (type) {
    case 'text':
      return notBlank && value.length <= 1000 && !hasControl(value, false)
        ? { ok: true, rendered: value }
        : bad(
            'tek satırlık, boş olmayan, en çok 1000 karakterlik bir metin bekleniyor',
            'expected one non-blank line of at most 1,000 characters',
          );
    case 'multiline':
      return notBlank && value.length <= 20_000 && !hasControl(value, true)
        ? { ok: true, rendered: value }
        : bad(
            'boş olmayan, en çok 20000 karakterlik bir metin bekleniyor',
            'expected non-blank text of at most 20,000 characters',
          );
    case 'mersis':
      return /^\d{16}$/.test(value)
        ? { ok: true, rendered: value }
        : bad('16 haneli MERSİS numarası bekleniyor', 'expected a 16-digit MERSİS number');
    case 'shortNumber':
      return /^\d{3,6}$/.test(value)
        ? { ok: true, rendered: value }
        : bad('3–6 haneli kısa numara bekleniyor', 'expected a short number of 3–6 digits');
    case 'url': {
      let url: URL | undefined;
      try {
        url = /^[^\s\p{Cc}]{1,2000}$/u.test(value) ? new URL(value) : undefined;
      } catch {
        url = undefined;
      }
      return url && (url.protocol === 'https:' || url.protocol === 'http:')
        ? { ok: true, rendered: value }
        : bad('http(s) ile başlayan bir adres bekleniyor', 'expected an absolute http(s) URL');
    }
    case 'email':
      return value.length <= 254 && /^[^\s@\p{Cc}]{1,64}@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u.test(value)
        ? { ok: true, rendered: value }
        : bad('bir e-posta adresi bekleniyor', 'expected an e-mail address');
    case 'phone': {
      const digits = value.replace(/\D/g, '').length;
      return /^\+?[\d(][\d ()-]*\d$/.test(value) && digits >= 7 && digits <= 15
        ? { ok: true, rendered: value }
        : bad('7–15 haneli bir telefon numarası bekleniyor', 'expected a phone number of 7–15 digits');
    }
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (m) {
        const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
        const t = new Date(Date.UTC(y, mo - 1, d));
        if (t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d) {
          return {
            ok: true,
            rendered: locale === 'tr' ? `${m[3]}.${m[2]}.${m[1]}` : `${d} ${MONTHS_EN[mo - 1]} ${y}`,
          };
        }
      }
      return bad('YYYY-AA-GG biçiminde geçerli bir tarih bekleniyor', 'expected a valid date YYYY-MM-DD');
    }
  }
}

/**
 * Renders a parsed template with values: every placeholder is replaced by its value (dates are
 * formatted for the locale), then the whole text is canonicalised and hashed. Every missing or
 * malformed value is reported at once (`INVALID_VALUES` with `valueIssues`). Values are inserted
 * literally, in one pass: a value containing `{{` is not expanded.
 *
 * @example
 * ```ts
 * const t = orThrow(parseTemplate('{{brandName}} — MERSİS {{mersis}}'));
 * const r = renderTemplate(t, { brandName: 'Örnek', mersis: '0720106477000001' }, 'tr');
 * r.ok && r.value.text; // 'Örnek — MERSİS 0720106477000001\n'
 * ```
 */
export function renderTemplate(
  template: ParsedTemplate,
  values: TemplateValues,
  locale: AgreementLocale,
): Result<RenderedText> {
  const rendered = new Map<string, string>();
  const valueIssues: ValueIssue[] = [];
  for (const v of template.variables) {
    const raw = Object.hasOwn(values, v.name) ? values[v.name] : undefined;
    if (raw === undefined) {
      valueIssues.push({
        variable: v.name,
        type: v.type,
        code: 'MISSING_VALUE',
        messages: { tr: `"${v.name}" için değer yok`, en: `no value for "${v.name}"` },
      });
      continue;
    }
    const c = typeof raw === 'string' ? checkValue(v.type, raw, locale) : undefined;
    if (c?.ok) rendered.set(v.name, c.rendered);
    else {
      valueIssues.push({
        variable: v.name,
        type: v.type,
        code: 'INVALID_VALUE',
        messages: c ? { tr: c.tr, en: c.en } : { tr: 'dize bekleniyor', en: 'expected a string' },
      });
    }
  }
  if (valueIssues.length > 0) {
    return fail(
      'INVALID_VALUES',
      {
        tr: `Şablon değerleri eksik ya da hatalı: ${valueIssues.map((i) => i.variable).join(', ')}`,
        en: `Template values missing or invalid: ${valueIssues.map((i) => i.variable).join(', ')}`,
      },
      { valueIssues },
    );
  }
  let out = '';
  for (const s of template.segments) out += s.kind === 'text' ? s.value : rendered.get(s.name)!;
  const text = canonicalText(out);
  return ok({ text, hash: sha256Hex(text) });
}
