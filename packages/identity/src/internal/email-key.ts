/**
 * `dedupe`'s allocation-free reading of an e-mail address: where the address lies inside the
 * input once surrounding whitespace is trimmed, for inputs that `normalizeEmail` accepts. The key
 * `dedupe` compares is that range with ASCII letters lower-cased, which is exactly
 * `normalizeEmail(input).value.toLowerCase()` (an accepted address is pure ASCII). The test suite
 * checks this agreement on generated and arbitrary strings.
 *
 * Only the "accepted" answer must be exact: for anything else `dedupe` asks `normalizeEmail`
 * itself (for the error code, and for its answer should the two ever disagree).
 * @internal
 */
import { isWhitespace } from './digits.js';

/** Letters, digits and `.`, `_`, `-`, `+`: the characters an accepted address has besides one `@`. */
function isAddressChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 46 ||
    c === 95 ||
    c === 45 ||
    c === 43
  );
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** İYS's domain rule over s[start, end): dot-separated labels of letters, digits and inner hyphens. */
function validDomain(s: string, start: number, end: number): boolean {
  const len = end - start;
  if (len === 0 || len > 253) return false;
  let labelStart = start;
  let labels = 0;
  for (let i = start; i <= end; i++) {
    if (i === end || s.charCodeAt(i) === 46) {
      const n = i - labelStart;
      if (n === 0 || n > 63) return false;
      if (s.charCodeAt(labelStart) === 45 || s.charCodeAt(i - 1) === 45) return false;
      labels++;
      if (i === end) {
        // the top-level label: at least two characters, not all digits
        if (n < 2) return false;
        let allDigits = true;
        for (let j = labelStart; j < i; j++) {
          const c = s.charCodeAt(j);
          if (c < 48 || c > 57) allDigits = false;
        }
        if (allDigits) return false;
      }
      labelStart = i + 1;
    } else if (!isAlnum(s.charCodeAt(i)) && s.charCodeAt(i) !== 45) {
      return false;
    }
  }
  return labels >= 2;
}

/** Multiplier of the packed answer of {@link emailKeyRange}: `start * RANGE + length`. */
export const RANGE = 1024;

/**
 * For an address `normalizeEmail` accepts, its trimmed range packed as `start * RANGE + length`
 * (the length is 6–265); `-1` when the input is not such an address (or is not recognised here).
 */
export function emailKeyRange(s: string): number {
  let start = 0;
  let end = s.length;
  while (start < end && isWhitespace(s.charCodeAt(start))) start++;
  while (end > start && isWhitespace(s.charCodeAt(end - 1))) end--;
  const len = end - start;
  if (len < 6 || len > 265) return -1;
  let at = -1;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (isAddressChar(c)) continue;
    if (c !== 64 || at >= 0) return -1;
    at = i;
  }
  if (at < 0) return -1;
  // The local part: not empty, no dot at either end, no two dots in a row.
  if (at === start || s.charCodeAt(start) === 46 || s.charCodeAt(at - 1) === 46) return -1;
  for (let i = start + 1; i < at; i++) {
    if (s.charCodeAt(i) === 46 && s.charCodeAt(i - 1) === 46) return -1;
  }
  if (!validDomain(s, at + 1, end)) return -1;
  return start * RANGE + len;
}
