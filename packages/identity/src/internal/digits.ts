/**
 * Digit handling shared by the identifier parsers and the phone fast path.
 * @internal
 */

/**
 * The value of a decimal digit character, or -1. Accepts what people type: ASCII `0-9`,
 * Arabic-Indic `٠-٩` (U+0660–0669), Eastern Arabic-Indic / Persian `۰-۹` (U+06F0–06F9) and
 * full-width `０-９` (U+FF10–FF19) — the same set libphonenumber-js accepts.
 */
export function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c < 0x660) return -1;
  if (c <= 0x669) return c - 0x660;
  if (c >= 0x6f0 && c <= 0x6f9) return c - 0x6f0;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return -1;
}

/** True for the characters ECMAScript's `\s` matches. */
export function isWhitespace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** True for `-` and the Unicode dashes people paste (U+2010–2015, U+2212 minus, full-width). */
export function isDash(c: number): boolean {
  return c === 45 || (c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xff0d;
}

/** What {@link compactDigits} returns: the ASCII digits, or why there are none. */
export type Compacted = string | { readonly fail: 'empty' | 'invalid_characters' };

const EMPTY = { fail: 'empty' } as const;
const INVALID = { fail: 'invalid_characters' } as const;

/**
 * Removes spaces (any `\s`) and dashes and converts every digit to ASCII. Any other character
 * makes the input invalid; an input with no digit at all is empty when it is blank.
 */
export function compactDigits(input: string): Compacted {
  const n = input.length;
  // Fast path: already canonical.
  let i = 0;
  for (; i < n; i++) {
    const c = input.charCodeAt(i);
    if (c < 48 || c > 57) break;
  }
  if (i === n) return n === 0 ? EMPTY : input;
  let out = input.slice(0, i);
  for (; i < n; i++) {
    const c = input.charCodeAt(i);
    const d = digitValue(c);
    if (d >= 0) out += String.fromCharCode(48 + d);
    else if (!isWhitespace(c) && !isDash(c)) return INVALID;
  }
  return out.length === 0 ? EMPTY : out;
}

/** `String(value)` that never throws (for error reports of non-string inputs). */
export function show(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
