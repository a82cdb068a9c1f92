/**
 * The hand-written Turkish fast path of `normalizePhone`.
 *
 * It reproduces, for Turkish numbers only, what libphonenumber-js (`max` metadata of the installed
 * 1.13 release; the differential test fails if an update changes the Turkish plan) does in `parsePhoneNumberWithError(text, { defaultCountry: 'TR' })`
 * followed by `isValid()` / `getType()`:
 *
 * 1. extraction: leading and trailing non-digits are dropped (here: only punctuation, anything
 *    else is left to the library);
 * 2. a leading `+`, or the international prefix `00`, means the country code follows; `+90` /
 *    `0090` select Türkiye, any other code is left to the library;
 * 3. without a prefix, a number that starts with `90` loses it when the rest is a better national
 *    number (libphonenumber's `extractCountryCallingCodeFromInternationalNumberWithoutPlusSign`);
 * 4. the national prefix `0` is stripped when what remains has a possible length (7, 10, 12, 13)
 *    or is longer (`extractNationalNumber`);
 * 5. the national significant number is typed by the numbering plan below.
 *
 * Whenever the input leaves that well-trodden road (letters, `#`, `~`, a second `+`, full-width
 * `＋`, more than 250 characters, another country) the fast path answers `undefined` and the caller
 * asks libphonenumber-js itself, so the two can only differ if this file is wrong — which the
 * differential property test in `test/phone.test.ts` checks.
 *
 * Numbering plan (libphonenumber metadata, territory TR):
 * - fixed (10): 2(1[26]|[28][2468]|[3-5][268]|[67][246]) 3([13][28]|[24-6][2468]|[78][02468]|92)
 *   4([16][246]|[23578][2468]|4[26]) + 7 digits;
 * - mobile (10): 5(61(011|61d)|82[2-5]dd)dddd and 5([03-5]d|1[06]|24|6[24]|7[245]|9[46]) + 7;
 * - toll free: 800 + 7, 9 or 10 digits; 811 + 7;
 * - premium (10): 888, 898, 900 + 7;  personal (10): 592(21[12]|461) + 4;  pager (10): 512 + 7;
 * - UAN (7): 444 + 4;  VoIP (10): 850 + 7.
 * @internal
 */
import { digitValue } from './digits.js';

/** libphonenumber's name for a line type, as this fast path can produce it. */
export type TrNumberType =
  | 'FIXED_LINE'
  | 'MOBILE'
  | 'TOLL_FREE'
  | 'PREMIUM_RATE'
  | 'PERSONAL_NUMBER'
  | 'PAGER'
  | 'UAN'
  | 'VOIP';

/** What the fast path concluded. */
export type TrFast =
  | { readonly nsn: string; readonly type: TrNumberType }
  | { readonly fail: 'not_a_number' | 'too_short' | 'too_long' | 'invalid_number' }
  | undefined;

const MAX_INPUT = 250;
const buf = new Uint8Array(64);

const FAIL_NAN = { fail: 'not_a_number' } as const;
const FAIL_SHORT = { fail: 'too_short' } as const;
const FAIL_LONG = { fail: 'too_long' } as const;
const FAIL_INVALID = { fail: 'invalid_number' } as const;

/** Punctuation libphonenumber accepts inside a number, minus the tildes (an extension marker). */
function isPunctuation(c: number): boolean {
  switch (c) {
    case 0x20: // space
    case 0x2d: // -
    case 0x2e: // .
    case 0x2f: // /
    case 0x28: // (
    case 0x29: // )
    case 0x5b: // [
    case 0x5d: // ]
    case 0xa0: // no-break space
    case 0xad: // soft hyphen
    case 0x200b: // zero-width space
    case 0x2060: // word joiner
    case 0x3000: // ideographic space
    case 0x2212: // minus sign
    case 0x30fc: // katakana prolonged sound mark (a dash look-alike)
    case 0xff0d: // full-width hyphen-minus
    case 0xff0f: // full-width solidus
    case 0xff0e: // full-width full stop
    case 0xff08: // full-width (
    case 0xff09: // full-width )
    case 0xff3b: // full-width [
    case 0xff3d: // full-width ]
      return true;
    default:
      return c >= 0x2010 && c <= 0x2015; // hyphens and dashes
  }
}

/** The type of a Turkish national significant number in buf[s, s+len), or undefined. */
function typeOf(s: number, len: number): TrNumberType | undefined {
  const a = buf[s]!;
  const b = buf[s + 1]!;
  const c = buf[s + 2]!;
  if (len === 7) return a === 4 && b === 4 && c === 4 ? 'UAN' : undefined;
  if (len === 12 || len === 13) return a === 8 && b === 0 && c === 0 ? 'TOLL_FREE' : undefined;
  if (len !== 10) return undefined;
  switch (a) {
    case 2:
      switch (b) {
        case 1:
          return c === 2 || c === 6 ? 'FIXED_LINE' : undefined;
        case 2:
        case 8:
          return c === 2 || c === 4 || c === 6 || c === 8 ? 'FIXED_LINE' : undefined;
        case 3:
        case 4:
        case 5:
          return c === 2 || c === 6 || c === 8 ? 'FIXED_LINE' : undefined;
        case 6:
        case 7:
          return c === 2 || c === 4 || c === 6 ? 'FIXED_LINE' : undefined;
        default:
          return undefined;
      }
    case 3:
      switch (b) {
        case 1:
        case 3:
          return c === 2 || c === 8 ? 'FIXED_LINE' : undefined;
        case 2:
        case 4:
        case 5:
        case 6:
          return c === 2 || c === 4 || c === 6 || c === 8 ? 'FIXED_LINE' : undefined;
        case 7:
        case 8:
          return c % 2 === 0 ? 'FIXED_LINE' : undefined;
        case 9:
          return c === 2 ? 'FIXED_LINE' : undefined;
        default:
          return undefined;
      }
    case 4:
      switch (b) {
        case 1:
        case 6:
          return c === 2 || c === 4 || c === 6 ? 'FIXED_LINE' : undefined;
        case 2:
        case 3:
        case 5:
        case 7:
        case 8:
          return c === 2 || c === 4 || c === 6 || c === 8 ? 'FIXED_LINE' : undefined;
        case 4:
          return c === 2 || c === 6 ? 'FIXED_LINE' : undefined;
        default:
          return undefined;
      }
    case 5:
      switch (b) {
        case 0:
        case 3:
        case 4:
        case 5:
          return 'MOBILE';
        case 1:
          if (c === 0 || c === 6) return 'MOBILE';
          return c === 2 ? 'PAGER' : undefined;
        case 2:
          return c === 4 ? 'MOBILE' : undefined;
        case 6:
          if (c === 2 || c === 4) return 'MOBILE';
          if (c === 1) {
            // 561 011 xxxx or 561 61x xxxx
            const d = buf[s + 3]!;
            const e = buf[s + 4]!;
            const f = buf[s + 5]!;
            if ((d === 0 && e === 1 && f === 1) || (d === 6 && e === 1)) return 'MOBILE';
          }
          return undefined;
        case 7:
          return c === 2 || c === 4 || c === 5 ? 'MOBILE' : undefined;
        case 8: {
          // 582 [2-5] xx xxxx
          const d = buf[s + 3]!;
          return c === 2 && d >= 2 && d <= 5 ? 'MOBILE' : undefined;
        }
        case 9: {
          if (c === 4 || c === 6) return 'MOBILE';
          if (c === 2) {
            // 592 21[12] xxxx or 592 461 xxxx
            const d = buf[s + 3]!;
            const e = buf[s + 4]!;
            const f = buf[s + 5]!;
            if ((d === 2 && e === 1 && (f === 1 || f === 2)) || (d === 4 && e === 6 && f === 1)) {
              return 'PERSONAL_NUMBER';
            }
          }
          return undefined;
        }
        default:
          return undefined;
      }
    case 8:
      if (b === 0 && c === 0) return 'TOLL_FREE';
      if (b === 1 && c === 1) return 'TOLL_FREE';
      if (b === 5 && c === 0) return 'VOIP';
      if ((b === 8 || b === 9) && c === 8) return 'PREMIUM_RATE';
      return undefined;
    case 9:
      return b === 0 && c === 0 ? 'PREMIUM_RATE' : undefined;
    default:
      return undefined;
  }
}

/** libphonenumber's "national number pattern" for TR: 4\d{6} | 8\d{11,12} | ([2-58]\d\d|900)\d{7}. */
function matchesGeneral(s: number, end: number): boolean {
  const len = end - s;
  if (len === 7) return buf[s] === 4;
  if (len === 12 || len === 13) return buf[s] === 8;
  if (len !== 10) return false;
  const a = buf[s]!;
  return (a >= 2 && a <= 5) || a === 8 || (a === 9 && buf[s + 1] === 0 && buf[s + 2] === 0);
}

/** A national significant number length that is possible for TR, or too long (libphonenumber keeps the prefix otherwise). */
function possibleOrTooLong(len: number): boolean {
  return len === 7 || len === 10 || len === 12 || len === 13 || len > 13;
}

/** Where the national significant number starts once a national prefix `0` is taken off. */
function stripNationalPrefix(s: number, end: number): number {
  return s < end && buf[s] === 0 && possibleOrTooLong(end - s - 1) ? s + 1 : s;
}

/** Digits in `buf` after a scan. */
let count = 0;

/** Result codes of {@link locate} (non-negative values are the start of the national number). */
const DEFER = -1;
const NAN = -2;
const SHORT = -3;
const LONG = -4;
const INVALID = -5;

/** Checks what the national significant number in buf[s, count) is; sets `nsnType`. */
let nsnType: TrNumberType | undefined;
function check(s: number): number {
  const len = count - s;
  if (len < 2) return SHORT;
  if (len > 17) return LONG;
  nsnType = typeOf(s, len);
  return nsnType === undefined ? INVALID : s;
}

/** Scans the input into `buf`; returns where the national number starts, or a negative code. */
function locate(input: string, trDefault: boolean): number {
  const n = input.length;
  if (n > MAX_INPUT) return DEFER;
  count = 0;
  let plus = false;
  let started = false;
  for (let i = 0; i < n; i++) {
    const ch = input.charCodeAt(i);
    const d = digitValue(ch);
    if (d >= 0) {
      if (count === 64) return DEFER;
      buf[count++] = d;
      started = true;
    } else if (ch === 43) {
      if (started) return DEFER;
      plus = true;
      started = true;
    } else if (!isPunctuation(ch)) {
      return DEFER;
    }
  }
  if (count === 0) return NAN;
  if (count < 3) return SHORT;

  let s = 0;
  let international = plus;
  if (!plus) {
    if (!trDefault) return DEFER;
    // International prefix 00 (not followed by another 0).
    if (buf[0] === 0 && buf[1] === 0 && buf[2] !== 0) {
      s = 2;
      international = true;
    }
  }
  if (international) {
    if (count - s < 2 || buf[s] !== 9 || buf[s + 1] !== 0) return DEFER;
    const r = s + 2;
    if (r === count) return SHORT;
    return check(stripNationalPrefix(r, count));
  }
  // National format, or an international number typed without its "+".
  if (buf[0] === 9 && buf[1] === 0) {
    const whole = stripNationalPrefix(0, count);
    const shorter = stripNationalPrefix(2, count);
    if ((!matchesGeneral(whole, count) && matchesGeneral(shorter, count)) || count - whole > 13) {
      return check(shorter);
    }
  }
  return check(stripNationalPrefix(0, count));
}

function failure(code: number): TrFast {
  switch (code) {
    case DEFER:
      return undefined;
    case NAN:
      return FAIL_NAN;
    case SHORT:
      return FAIL_SHORT;
    case LONG:
      return FAIL_LONG;
    default:
      return FAIL_INVALID;
  }
}

/**
 * The fast path. `trDefault` says whether numbers without a country code are Turkish. Returns
 * `undefined` when libphonenumber-js must decide.
 */
export function trFastPath(input: string, trDefault: boolean): TrFast {
  const s = locate(input, trDefault);
  if (s < 0) return failure(s);
  let nsn = '';
  for (let i = s; i < count; i++) nsn += String.fromCharCode(48 + buf[i]!);
  return { nsn, type: nsnType! };
}

/**
 * The fast path for look-up keys: the national significant number of a valid Turkish number as a
 * number (it never starts with 0, so equal numbers mean equal digit strings), `-1` when
 * libphonenumber-js must decide, `-2` when the number is invalid. Allocation-free.
 */
export function trNationalNumberKey(input: string): number {
  const s = locate(input, true);
  if (s < 0) return s === DEFER ? -1 : -2;
  let v = 0;
  for (let i = s; i < count; i++) v = v * 10 + buf[i]!;
  return v;
}
