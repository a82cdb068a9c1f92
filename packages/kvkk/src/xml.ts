/**
 * A small, correct XML 1.0 serialiser for JSON data — for the data-subject export (WISECP's users
 * expect XML) and anything else that must leave as XML.
 */
import { KvkkError } from './errors.js';

/**
 * A JSON value.
 *
 * @example
 * ```ts
 * const v: JsonValue = { name: 'Ayşe', tags: ['a', 'b'], age: 36, active: true, note: null };
 * ```
 */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/**
 * Options of {@link toXml}.
 *
 * @example
 * ```ts
 * const o: ToXmlOptions = { root: 'kisiselVeriler', itemName: 'kayit', indent: 2 };
 * ```
 */
export interface ToXmlOptions {
  /** Name of the root element (default `data`). Must be a valid XML name. */
  readonly root?: string;
  /** Name of the elements that hold array items (default `item`). Must be a valid XML name. */
  readonly itemName?: string;
  /** Spaces per nesting level; 0 writes everything on one line (default 2). */
  readonly indent?: number;
  /** Write the `<?xml version="1.0" encoding="UTF-8"?>` declaration (default `true`). */
  readonly declaration?: boolean;
}

// XML 1.0 Name (without ':', which is reserved for namespaces): letters of many scripts, digits,
// '.', '-', '_' and a few combining ranges; not starting with a digit, '.', '-' or "xml".
const NAME_START =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const XML_NAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*$`);

/**
 * True when `name` can be used as an element name as it is (an XML 1.0 name without `:` that does
 * not start with `xml`).
 *
 * @example
 * ```ts
 * isXmlName('doğumTarihi'); // true — Turkish letters are allowed
 * isXmlName('e-posta adresi'); // false — no spaces
 * isXmlName('2fa'); // false — cannot start with a digit
 * ```
 */
export function isXmlName(name: string): boolean {
  return typeof name === 'string' && XML_NAME.test(name) && !/^xml/i.test(name);
}

/**
 * Replaces what XML 1.0 cannot carry at all, not even as a character reference — C0 controls other
 * than tab, LF and CR, U+FFFE, U+FFFF and unpaired surrogates — with U+FFFD.
 */
function replaceInvalid(s: string): string {
  let out: string[] | undefined;
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let bad = (c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffe || c === 0xffff;
    if (c >= 0xd800 && c <= 0xdbff) {
      const n = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (n >= 0xdc00 && n <= 0xdfff) {
        i++;
        continue;
      }
      bad = true;
    } else if (c >= 0xdc00 && c <= 0xdfff) bad = true;
    if (bad) {
      out ??= [];
      out.push(s.slice(last, i), '\uFFFD');
      last = i + 1;
    }
  }
  return out ? out.join('') + s.slice(last) : s;
}

/**
 * Escapes text for XML 1.0 element content or attribute values: `&`, `<`, `>`, `"`, `'`; carriage
 * return, tab and line feed as character references in attributes (so that parsers do not normalise
 * them away) and carriage return in content. Characters XML 1.0 cannot represent at all (C0 controls
 * other than tab, LF and CR; U+FFFE, U+FFFF; unpaired surrogates) are replaced by U+FFFD.
 *
 * @example
 * ```ts
 * escapeXml('Ali & Veli <ali@example.com>'); // 'Ali &amp; Veli &lt;ali@example.com&gt;'
 * escapeXml('a"b', true); // 'a&quot;b'
 * ```
 */
export function escapeXml(text: string, attribute = false): string {
  let s = replaceInvalid(String(text));
  s = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
  if (attribute)
    s = s.replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
  return s;
}

function checkName(name: string, what: string): string {
  if (!isXmlName(name))
    throw new KvkkError('invalid_argument', {
      tr: `${what} geçerli bir XML adı değil: ${JSON.stringify(name)}`,
      en: `${what} is not a valid XML name: ${JSON.stringify(name)}`,
    });
  return name;
}

/**
 * Serialises a JSON value as XML 1.0 (UTF-8).
 *
 * The mapping, chosen so that the JSON can be rebuilt from the XML without guessing:
 * - an object → one child element per key, in key order; a key that is not a valid XML name is
 *   written as `<entry key="the key">` instead;
 * - an array → `type="array"` and one `<item>` per element;
 * - a string → escaped text, no attribute;
 * - a number, boolean → its JSON text with `type="number"` or `type="boolean"`;
 * - null → an empty element with `type="null"`;
 * - an empty object → an empty element with `type="object"`.
 *
 * @throws {@link KvkkError} `invalid_json` for a value that is not JSON (a non-finite number, a
 * function, a cycle …), `invalid_argument` for an invalid root or item name
 *
 * @example
 * ```ts
 * toXml({ ad: 'Ayşe & Ali', yas: 36, etiketler: ['a'] }, { root: 'kisi', indent: 0, declaration: false });
 * // '<kisi><ad>Ayşe &amp; Ali</ad><yas type="number">36</yas><etiketler type="array"><item>a</item></etiketler></kisi>'
 * ```
 */
export function toXml(value: JsonValue, options?: ToXmlOptions): string {
  const root = checkName(options?.root ?? 'data', 'root');
  const item = checkName(options?.itemName ?? 'item', 'itemName');
  const indent = options?.indent ?? 2;
  if (!Number.isInteger(indent) || indent < 0 || indent > 8)
    throw new KvkkError('invalid_argument', { tr: 'indent 0–8 olmalı', en: 'indent must be 0–8' });
  const nl = indent > 0 ? '\n' : '';
  const parts: string[] = [];
  if (options?.declaration ?? true) parts.push(`<?xml version="1.0" encoding="UTF-8"?>${nl}`);
  const seen = new Set<object>();
  const bad = (why: string): KvkkError =>
    new KvkkError('invalid_json', { tr: `JSON olmayan değer: ${why}`, en: `Not a JSON value: ${why}` });

  const write = (open: string, close: string, v: unknown, depth: number): void => {
    const pad = indent > 0 ? ' '.repeat(indent * depth) : '';
    if (v === null) {
      parts.push(`${pad}<${open} type="null"/>${nl}`);
      return;
    }
    switch (typeof v) {
      case 'string':
        parts.push(`${pad}<${open}>${escapeXml(v)}</${close}>${nl}`);
        return;
      case 'number':
        if (!Number.isFinite(v)) throw bad(String(v));
        parts.push(`${pad}<${open} type="number">${JSON.stringify(v)}</${close}>${nl}`);
        return;
      case 'boolean':
        parts.push(`${pad}<${open} type="boolean">${v}</${close}>${nl}`);
        return;
      case 'object':
        break;
      default:
        throw bad(typeof v);
    }
    const o = v as object;
    if (seen.has(o)) throw bad('cycle');
    seen.add(o);
    if (Array.isArray(o)) {
      if (o.length === 0) parts.push(`${pad}<${open} type="array"/>${nl}`);
      else {
        parts.push(`${pad}<${open} type="array">${nl}`);
        for (const e of o) write(item, item, e, depth + 1);
        parts.push(`${pad}</${close}>${nl}`);
      }
    } else {
      const proto = Object.getPrototypeOf(o);
      if (proto !== Object.prototype && proto !== null) throw bad(o.constructor?.name ?? 'object');
      const keys = Object.keys(o);
      if (keys.length === 0) parts.push(`${pad}<${open} type="object"/>${nl}`);
      else {
        parts.push(`${pad}<${open}>${nl}`);
        for (const key of keys) {
          const child = (o as Record<string, unknown>)[key];
          if (child === undefined) continue;
          if (isXmlName(key)) write(key, key, child, depth + 1);
          else write(`entry key="${escapeXml(key, true)}"`, 'entry', child, depth + 1);
        }
        parts.push(`${pad}</${close}>${nl}`);
      }
    }
    seen.delete(o);
  };
  write(root, root, value, 0);
  return parts.join('');
}
