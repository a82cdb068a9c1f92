/**
 * Hand-written scans for the hot paths of canonicalisation and validation (a loop over UTF-16 code
 * units is several times faster than the equivalent look-behind regular expressions).
 */

/** Index of the first unpaired UTF-16 surrogate, or -1. */
export function loneSurrogateIndex(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return i;
  }
  return -1;
}

/** Index of the first control character (C0, DEL, C1) other than TAB and LF, or -1. */
export function forbiddenControlIndex(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f)) return i;
  }
  return -1;
}

const SURROGATE = /[\uD800-\uDFFF]/;
const BREAK = /[\r\u0085\u2028\u2029]/;
const BREAKS = /[\r\u0085\u2028\u2029]/g;

/**
 * Steps 1–3 of the canonical form, in the documented order: lone surrogates → U+FFFD, then every
 * U+FEFF removed, then CR LF / CR / NEL / LS / PS → LF. Each step runs only when a native scan
 * finds something to do; returns the input itself when nothing changes.
 */
export function normalizeBreaks(input: string): string {
  let s = input;
  if (SURROGATE.test(s) && loneSurrogateIndex(s) !== -1) s = replaceLoneSurrogates(s);
  if (s.includes('\uFEFF')) s = s.replaceAll('\uFEFF', '');
  if (BREAK.test(s)) {
    // Pairs first, then what is left alone: equivalent to matching /\r\n|[\r…]/ left to right.
    s = s.replaceAll('\r\n', '\n');
    if (BREAK.test(s)) s = s.replace(BREAKS, '\n');
  }
  return s;
}

function replaceLoneSurrogates(s: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    out += `${s.slice(start, i)}\uFFFD`;
    start = i + 1;
  }
  return out + s.slice(start);
}

/** Removes spaces and tabs at the end of a line. */
export function trimLineEnd(line: string): string {
  let end = line.length;
  while (end > 0) {
    const c = line.charCodeAt(end - 1);
    if (c !== 0x20 && c !== 0x09) break;
    end--;
  }
  return end === line.length ? line : line.slice(0, end);
}

/**
 * True when `s` holds a control character (C0, DEL, C1) or U+2028/U+2029; with `multiline`, TAB,
 * LF, CR, NEL and the separators are allowed.
 */
export function hasControl(s: string, multiline: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      if (multiline && (c === 0x09 || c === 0x0a || c === 0x0d || c === 0x85)) continue;
      return true;
    }
    if ((c === 0x2028 || c === 0x2029) && !multiline) return true;
  }
  return false;
}
