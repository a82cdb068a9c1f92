/**
 * PII detection in free Turkish text: one hand-written pass over char codes (no regular expression
 * runs over the whole text), checksum-validated identifiers, and a documented precedence when one
 * span could be read two ways.
 */
import { isValidMersis, isValidTckn, isValidVkn, normalizePhone } from '@izinkit/identity';
import { z } from 'zod';
import { isAsciiLetter, isDigit, isLabelChar, isLocalChar, isWordChar } from './internal/chars.js';
import { isValidYmd, turkishMonthAt } from './internal/dates.js';
import { isPlateLetter, plateDigitsOk } from './internal/plate.js';

/**
 * The kinds of personal data {@link findPii} detects.
 *
 * @example
 * ```ts
 * PII_KINDS.includes('tckn'); // true
 * ```
 */
export const PII_KINDS = ['tckn', 'vkn', 'iban', 'phone', 'email', 'plate', 'mersis', 'birthDate'] as const;

/**
 * A kind of personal data:
 * - `tckn` — T.C. Kimlik No, 11 digits, both check digits right;
 * - `vkn` — Vergi Kimlik No, 10 digits, check digit right;
 * - `iban` — Turkish IBAN, mod-97 valid, with or without spaces;
 * - `phone` — a Turkish mobile, fixed-line or 0850 number (`+90 …`, `0 …`, `90…`, spaced, dashed,
 *   with the area code in parentheses), or another country's number written with `+`;
 * - `email` — an e-mail address;
 * - `plate` — a licence plate, `34 ABC 123`;
 * - `mersis` — a MERSİS number, 16 digits, `0` + a valid VKN + 5 digits;
 * - `birthDate` — a date introduced as a date of birth (`Doğum tarihi: 12.03.1985`, `D.T. 1985-03-12`).
 *
 * @example
 * ```ts
 * const k: PiiKind = 'iban';
 * ```
 */
export type PiiKind = (typeof PII_KINDS)[number];

/**
 * zod schema for {@link PiiKind}.
 *
 * @example
 * ```ts
 * PiiKindSchema.parse('phone'); // 'phone'
 * ```
 */
export const PiiKindSchema: z.ZodEnum<{ [K in PiiKind]: K }> = z.enum(PII_KINDS);

/**
 * One detected value: `text.slice(start, end) === value`.
 *
 * @example
 * ```ts
 * const [m] = findPii('TCKN: 10000000146');
 * const match: PiiMatch | undefined = m; // { kind: 'tckn', start: 6, end: 17, value: '10000000146' }
 * ```
 */
export interface PiiMatch {
  /** What was found. */
  readonly kind: PiiKind;
  /** Index of the first UTF-16 code unit of the match. */
  readonly start: number;
  /** Index just past the match. */
  readonly end: number;
  /** The matched text, exactly as written. */
  readonly value: string;
}

/**
 * Options of {@link findPii}.
 *
 * @example
 * ```ts
 * const o: FindPiiOptions = { kinds: ['tckn', 'iban'] };
 * ```
 */
export interface FindPiiOptions {
  /**
   * Report only these kinds. The others are still recognised — so that, say, the digits of an
   * IBAN are never reported as a phone when only phones are asked for — but left out of the result.
   */
  readonly kinds?: readonly PiiKind[];
}

const BIT: { readonly [K in PiiKind]: number } = {
  tckn: 1,
  vkn: 2,
  iban: 4,
  phone: 8,
  email: 16,
  plate: 32,
  mersis: 64,
  birthDate: 128,
};
const ALL = 255;

// Phone kinds (as typed by @izinkit/identity) that belong to a person. 444 numbers, 0800 and
// premium-rate numbers are companies' numbers and are not reported.
const PERSONAL_PHONE = new Set(['mobile', 'fixed', 'voip', 'other']);

function phoneOk(s: string): boolean {
  const r = normalizePhone(s, { defaultCountry: 'TR' });
  return r.ok && PERSONAL_PHONE.has(r.value.kind);
}

// `doğumlu` follows the date it belongs to, so before a date it refers to an earlier one.
const BIRTH_BEFORE = /do[gğ]um(?!lu)|d\s?\.\s?t\s?\.|d\.\s?tar|do[gğ]\s?\.|birth|born|\bdob\b|\bdt\s?:/iu;
const BIRTH_AFTER = /^\s*(?:do[gğ]umlu|tarihinde\s+do[gğ])/iu;
const VKN_CONTEXT = /vergi|\bv\s?\.?\s?k\s?\.?\s?n|\bv\s?\.\s?no|\bv\s?\.\s?d\b|\bvd\b|tax/giu;
const PHONE_CONTEXT = /\btel|gsm|\bcep\b|telefon|phone|mobil|whatsapp|\bara(?:y[ıi]n|ma|n)|faks|fax/giu;

/** Index of the last match of a global regular expression in `s`, or -1. */
function lastMatch(re: RegExp, s: string): number {
  re.lastIndex = 0;
  let last = -1;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    last = m.index;
    if (m[0].length === 0) re.lastIndex++;
  }
  return last;
}

/** True when `t[from, to)` holds a `v`, `V`, `x` or `X`. */
function hasVOrX(t: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = t.charCodeAt(i) | 32;
    if (c === 118 || c === 120) return true;
  }
  return false;
}

const MERSIS_OPTIONS = { checkVkn: true } as const;
const MAX_GROUPS = 8;
// First letters of the Turkish month names, lower-cased with `| 32` (ş and Ş: 0x15F | 32 = 0x17F,
// 0x15E | 32 = 0x17E, both listed).
function monthInitial(c: number): boolean {
  switch (c) {
    case 97:
    case 101:
    case 104:
    case 107:
    case 109:
    case 110:
    case 111:
    case 115:
    case 116:
    case 0x17e:
    case 0x17f:
      return true;
    default:
      return false;
  }
}

/** Where the scanner stops: digits, and `+` and `(` that may open a phone number. */
const STARTS = /[0-9+(]/g;

// Letter groups that look like a plate series but are units or abbreviations in running text.
const NOT_PLATE_LETTERS = new Set(['TL', 'YTL', 'GSM', 'TEL', 'NO', 'KG', 'KM', 'KDV', 'USD', 'EUR', 'TRY']);

/** Per-call scanner state. */
class Scanner {
  readonly out: PiiMatch[] = [];
  /** End of the last recognised candidate; context windows never reach back past it. */
  lastEnd = 0;
  // Digit groups of the current chain: [start, end) of the digits, and end after a closing ')'.
  readonly gs: Int32Array = new Int32Array(MAX_GROUPS);
  readonly ge: Int32Array = new Int32Array(MAX_GROUPS);
  readonly gx: Int32Array = new Int32Array(MAX_GROUPS);
  readonly ibanDigits: Uint8Array = new Uint8Array(24);

  constructor(
    readonly text: string,
    readonly mask: number,
  ) {}

  /** Records a match; `value`, when given, is `text.slice(start, end)` already cut. */
  emit(kind: PiiKind, start: number, end: number, value?: string): void {
    this.lastEnd = end;
    if ((this.mask & BIT[kind]) !== 0)
      this.out.push({ kind, start, end, value: value ?? this.text.slice(start, end) });
  }

  /** True when a match may start at `s`: not glued to a word, not the tail of `3,14` or `1.000`. */
  startOk(s: number): boolean {
    if (s === 0) return true;
    const t = this.text;
    const p = t.charCodeAt(s - 1);
    if (isWordChar(p)) return false;
    if ((p === 46 || p === 44) && s >= 2 && isDigit(t.charCodeAt(s - 2))) return false;
    return true;
  }

  /** True when a match may end at `e` (exclusive) given the segment limit. */
  endOk(e: number, lim: number): boolean {
    const t = this.text;
    if (e >= t.length) return true;
    const c = t.charCodeAt(e);
    if (isWordChar(c)) return false;
    if (e >= lim) return true;
    if ((c === 46 || c === 44) && e + 1 < lim && isDigit(t.charCodeAt(e + 1))) return false;
    return true;
  }

  /** Scans `[from, lim)`; nothing it reads lies at or past `lim`. */
  scan(from: number, lim: number): void {
    const t = this.text;
    let i = from;
    while (i < lim) {
      // Most characters start nothing: let the regular-expression engine's compiled loop find the
      // next one that may (measured faster than a charCodeAt loop in bench/find-pii.bench.ts).
      STARTS.lastIndex = i;
      if (!STARTS.test(t)) return;
      i = STARTS.lastIndex - 1;
      if (i >= lim) return;
      const c = t.charCodeAt(i);
      if (c >= 48) {
        if (!this.startOk(i)) {
          // `TR` glued to the digits: an IBAN.
          if (i >= from + 2 && (t.charCodeAt(i - 1) | 32) === 114 && (t.charCodeAt(i - 2) | 32) === 116) {
            const n = this.iban(i - 2, lim);
            if (n > 0) {
              i = n;
              continue;
            }
          }
          // Skip the rest of this word so that a long alphanumeric run costs one pass.
          i++;
          while (i < lim && isWordChar(t.charCodeAt(i))) i++;
          continue;
        }
        i = this.atDigit(i, lim);
        continue;
      }
      if ((c === 43 || c === 40) && i + 1 < lim && isDigit(t.charCodeAt(i + 1))) {
        // '+' or '(' opening a phone number.
        if (i > 0 && isDigit(t.charCodeAt(i - 1))) {
          i++;
          continue;
        }
        i = this.chain(i, lim);
        continue;
      }
      i++;
    }
  }

  /** At a digit that may start a match. Returns where scanning continues. */
  atDigit(s: number, lim: number): number {
    const t = this.text;
    let e = s;
    while (e < lim && isDigit(t.charCodeAt(e))) e++;
    const run = e - s;
    // Fast exit for the common short number (a price, a time, a count): a run of fewer than seven
    // digits can only start something longer when a separator, `(`, or (for a plate) a capital follows.
    if (run < 7 && e < lim) {
      const nx = t.charCodeAt(e);
      if (
        nx !== 32 &&
        nx !== 45 &&
        nx !== 0xa0 &&
        nx !== 46 &&
        nx !== 47 &&
        nx !== 40 &&
        !(run === 2 && nx >= 65 && nx <= 90)
      ) {
        this.lastEnd = e;
        return e;
      }
      // After a separator, a short run continues only into more digits (a date, a number in
      // groups), `(` (an area code), a capital (a plate after a 2-digit province code) or a month
      // name (`12 Mart 1985`). Anything else — `09:00 arası`, `3 iş günü`, `1.250,75 TL` — is
      // settled here, without the date, plate and chain readers below (which would all decline).
      const c2 = e + 1 < lim ? t.charCodeAt(e + 1) : -1;
      if (
        !(nx >= 65 && nx <= 90) &&
        !isDigit(c2) &&
        c2 !== 40 &&
        !(run === 2 && c2 >= 65 && c2 <= 90) &&
        !(run <= 2 && nx === 32 && monthInitial(c2 | 32))
      ) {
        this.lastEnd = e;
        return e;
      }
    }
    // Dates first: their digits must never be read as anything else.
    if (run <= 4 && e < lim) {
      const d = this.date(s, e, run, lim);
      if (d > 0) return d;
    }
    if (run === 2 && e < lim) {
      const p = this.plate(s, e, lim);
      if (p > 0) return p;
    }
    return this.chain(s, lim);
  }

  /**
   * A date at `s` whose first digit run is `[s, e)`. Returns the end of the date shape (reporting
   * it as a birth date when the context says so), or 0 when there is no date here.
   */
  date(s: number, e: number, run: number, lim: number): number {
    const t = this.text;
    const sep = t.charCodeAt(e);
    let y = 0;
    let m = 0;
    let d = 0;
    let end = 0;
    if (run === 4 && sep === 45) {
      // YYYY-MM-DD
      if (e + 6 > lim) return 0;
      if (!(isDigit(t.charCodeAt(e + 1)) && isDigit(t.charCodeAt(e + 2)) && t.charCodeAt(e + 3) === 45))
        return 0;
      if (!(isDigit(t.charCodeAt(e + 4)) && isDigit(t.charCodeAt(e + 5)))) return 0;
      y = num(t, s, e);
      m = num(t, e + 1, e + 3);
      d = num(t, e + 4, e + 6);
      end = e + 6;
    } else if (run <= 2 && (sep === 46 || sep === 47 || sep === 45)) {
      // DD.MM.YYYY, DD/MM/YYYY, DD-MM-YYYY
      let p = e + 1;
      const ms = p;
      while (p < lim && p - ms < 3 && isDigit(t.charCodeAt(p))) p++;
      if (p - ms < 1 || p - ms > 2 || p >= lim || t.charCodeAt(p) !== sep) return 0;
      const me = p;
      p++;
      const ys = p;
      while (p < lim && p - ys < 5 && isDigit(t.charCodeAt(p))) p++;
      if (p - ys !== 4) return 0;
      d = num(t, s, e);
      m = num(t, ms, me);
      y = num(t, ys, p);
      end = p;
    } else if (run <= 2 && sep === 32) {
      // 12 Mart 1985
      let p = e + 1;
      const ws = p;
      // Month names start with one of a, e, h, k, m, n, o, s, ş, t.
      if (!monthInitial(t.charCodeAt(ws) | 32)) return 0;
      while (p < lim && p - ws < 8 && (isAsciiLetter(t.charCodeAt(p)) || t.charCodeAt(p) >= 0xc0)) p++;
      if (p - ws < 4 || p >= lim || t.charCodeAt(p) !== 32) return 0;
      m = turkishMonthAt(t, ws, p);
      if (m === 0) return 0;
      p++;
      const ys = p;
      while (p < lim && p - ys < 5 && isDigit(t.charCodeAt(p))) p++;
      if (p - ys !== 4) return 0;
      d = num(t, s, e);
      y = num(t, ys, p);
      end = p;
    } else {
      return 0;
    }
    if (!this.endOk(end, lim)) return 0;
    if (y < 1900 || y > 2099 || !isValidYmd(y, m, d)) {
      this.lastEnd = end;
      return end;
    }
    const before = t.slice(sentenceStart(t, Math.max(this.lastEnd, s - 40), s), s);
    if (BIRTH_BEFORE.test(before) || BIRTH_AFTER.test(t.slice(end, Math.min(lim, end + 24)))) {
      this.emit('birthDate', s, end);
    } else {
      this.lastEnd = end;
    }
    return end;
  }

  /** A licence plate whose province code is the 2-digit run `[s, e)`. Returns its end or 0. */
  plate(s: number, e: number, lim: number): number {
    const t = this.text;
    const code = num(t, s, e);
    if (code < 1 || code > 81) return 0;
    let p = e;
    let c = t.charCodeAt(p);
    if (c === 32 || c === 45) c = t.charCodeAt(++p);
    const ls = p;
    while (p < lim && p - ls < 4 && isPlateLetter(t.charCodeAt(p))) p++;
    const letters = p - ls;
    if (letters < 1 || letters > 3 || p >= lim) return 0;
    c = t.charCodeAt(p);
    if (c === 32 || c === 45) p++;
    const ds = p;
    while (p < lim && p - ds < 6 && isDigit(t.charCodeAt(p))) p++;
    if (!plateDigitsOk(letters, p - ds) || !this.endOk(p, lim)) return 0;
    // The letter group must stand alone: `34 ABC 123`, not `34 ABCD 123` or `34 ABc 123`.
    if (isWordChar(t.charCodeAt(ls + letters)) && !isDigit(t.charCodeAt(ls + letters))) return 0;
    // Units and abbreviations that sit between numbers (`15 GSM 555 …`, `50 TL 20`).
    if (NOT_PLATE_LETTERS.has(t.slice(ls, ls + letters))) return 0;
    this.emit('plate', s, p);
    return p;
  }

  /** A Turkish IBAN at `s` (`T` or `t`, then `R` or `r`, then digits). Returns its end or 0. */
  iban(s: number, lim: number): number {
    const t = this.text;
    if (!this.startOk(s)) return 0;
    const d = this.ibanDigits;
    let p = s + 2;
    let n = 0;
    while (p < lim && n < 24) {
      const c = t.charCodeAt(p);
      if (c >= 48 && c <= 57) {
        d[n++] = c - 48;
        p++;
      } else if (
        (c === 32 || c === 0xa0 || c === 45) &&
        n > 0 &&
        p + 1 < lim &&
        isDigit(t.charCodeAt(p + 1))
      ) {
        p++;
      } else break;
    }
    // 24 digits, the reserved digit 0, and ISO 13616: BBAN, then T (29), R (27), then the check digits.
    if (n !== 24 || d[7] !== 0 || !this.endOk(p, lim)) return 0;
    let r = 0;
    for (let k = 2; k < 24; k++) r = (r * 10 + d[k]!) % 97;
    r = (r * 100 + 29) % 97;
    r = (r * 100 + 27) % 97;
    r = (r * 10 + d[0]!) % 97;
    r = (r * 10 + d[1]!) % 97;
    if (r !== 1) return 0;
    this.emit('iban', s, p);
    return p;
  }

  /**
   * A number at `s` (a digit, `+` or `(`): reads the chain of digit groups joined by single spaces
   * or dashes, then decides what it is. Returns where scanning continues.
   */
  chain(s: number, lim: number): number {
    const t = this.text;
    const { gs, ge, gx } = this;
    let g = 0;
    let p = s;
    const plus = t.charCodeAt(p) === 43;
    if (plus) p++;
    let digits = 0;
    let paren0 = false;
    for (;;) {
      let q = p;
      const paren = t.charCodeAt(q) === 40;
      if (paren) q++;
      const ds = q;
      while (q < lim && isDigit(t.charCodeAt(q))) q++;
      if (q === ds) break;
      let x = q;
      if (paren) {
        if (t.charCodeAt(q) !== 41) break;
        x = q + 1;
      }
      if (g === 0) paren0 = paren;
      gs[g] = ds;
      ge[g] = q;
      gx[g] = x;
      g++;
      digits += q - ds;
      if (digits > 16 || g >= MAX_GROUPS || x >= lim) break;
      const sep = t.charCodeAt(x);
      if (sep === 32 || sep === 45 || sep === 0xa0) {
        const n = x + 1;
        if (n >= lim) break;
        const nc = t.charCodeAt(n);
        if (!(isDigit(nc) || (nc === 40 && n + 1 < lim && isDigit(t.charCodeAt(n + 1))))) break;
        p = n;
      } else if (sep === 40 && x + 1 < lim && isDigit(t.charCodeAt(x + 1))) {
        // `+90(532)…`: an opening parenthesis directly after a group.
        p = x;
      } else if (paren && isDigit(sep)) {
        // `(0532)123…`: a closing parenthesis directly followed by digits.
        p = x;
      } else break;
    }
    if (g === 0) return s + 1;
    const firstEnd = gx[0]!;
    if (g === 1 && !plus && !paren0) {
      // A bare run of digits.
      if (this.endOk(firstEnd, lim) && this.bare(s, firstEnd)) return firstEnd;
      this.lastEnd = firstEnd;
      return firstEnd;
    }
    // A phone number written in groups, or with + or parentheses: try the longest prefix first.
    // The first four digits of the chain (0 where it has fewer), read once without building a string.
    let head = 0;
    let seen = 0;
    for (let k = 0; k < g && seen < 4; k++)
      for (let j = gs[k]!; j < ge[k]! && seen < 4; j++, seen++) head |= t.charCodeAt(j) << (24 - 8 * seen);
    for (let k = g; k >= 1; k--) {
      let len = 0;
      for (let j = 0; j < k; j++) len += ge[j]! - gs[j]!;
      const end = gx[k - 1]!;
      if (!this.endOk(end, lim)) continue;
      const off = nationalOffset(head, len, plus);
      if (off < 0) {
        if (plus && len >= 8 && len <= 15 && head >>> 16 !== HEAD_90) {
          const v = t.slice(s, end);
          if (phoneOk(v)) {
            this.emit('phone', s, end, v);
            return end;
          }
        }
        continue;
      }
      // The first break between groups must fall right after the prefix or the area code.
      let aligned = k === 1;
      let b = 0;
      for (let j = 0; j < k - 1 && !aligned; j++) {
        b += ge[j]! - gs[j]!;
        if (b === off + 3 || (b === off && off > 0)) aligned = true;
        if (b > off + 3) break;
      }
      if (!aligned) continue;
      const v = t.slice(s, end);
      if (phoneOk(v)) {
        this.emit('phone', s, end, v);
        return end;
      }
    }
    if (plus || paren0) return firstEnd;
    // Not a phone: read the first group on its own (a TCKN followed by another number …).
    const ok = this.endOk(ge[0]!, lim) && this.bare(s, ge[0]!);
    if (!ok) this.lastEnd = ge[0]!;
    return ge[0]!;
  }

  /** A bare digit run `[s, e)` with word boundaries on both sides. True when it was a match. */
  bare(s: number, e: number): boolean {
    const t = this.text;
    const len = e - s;
    const first = t.charCodeAt(s);
    if (len === 11) {
      const v = t.slice(s, e);
      if (first !== 48) {
        if (isValidTckn(v)) {
          this.emit('tckn', s, e, v);
          return true;
        }
        return false;
      }
      if (phoneOk(v)) {
        this.emit('phone', s, e, v);
        return true;
      }
      return false;
    }
    if (len === 10) {
      const v = t.slice(s, e);
      const vkn = isValidVkn(v);
      const phone = first !== 48 && phoneOk(v);
      if (phone) {
        // The nearer keyword before the number decides: after "vergi no" a 10-digit number is a
        // tax number (or a mistyped one), not a phone; phone by default.
        const from = Math.max(this.lastEnd, s - 32);
        // Every tax-number keyword has a `v` or an `x` (`tax`), and under case-insensitive Unicode
        // matching only `v`, `V`, `x` and `X` match those: without one of them there is no tax
        // keyword to weigh, and the regular expressions need not run.
        if (!hasVOrX(t, from, s)) {
          this.emit('phone', s, e, v);
          return true;
        }
        const before = t.slice(from, s);
        if (lastMatch(VKN_CONTEXT, before) > lastMatch(PHONE_CONTEXT, before)) {
          if (vkn) this.emit('vkn', s, e, v);
          return vkn;
        }
        this.emit('phone', s, e, v);
        return true;
      }
      if (vkn) {
        this.emit('vkn', s, e, v);
        return true;
      }
      return false;
    }
    if (len === 16) {
      if (first !== 48) return false;
      const v = t.slice(s, e);
      if (isValidMersis(v, MERSIS_OPTIONS)) {
        this.emit('mersis', s, e, v);
        return true;
      }
      return false;
    }
    if (len === 12 || len === 14) {
      const head =
        (first << 24) | (t.charCodeAt(s + 1) << 16) | (t.charCodeAt(s + 2) << 8) | t.charCodeAt(s + 3);
      if (nationalOffset(head, len, false) >= 0) {
        const v = t.slice(s, e);
        if (phoneOk(v)) {
          this.emit('phone', s, e, v);
          return true;
        }
      }
    }
    return false;
  }
}

/**
 * Where the sentence containing `to` starts, looking back no further than `from`: just after the
 * last `.`, `!`, `?`, `;` or line break followed by white space — except a `.` after a capital
 * letter, which ends an abbreviation (`D.T. 12.03.1985`).
 */
function sentenceStart(t: string, from: number, to: number): number {
  for (let i = to - 2; i >= from; i--) {
    const c = t.charCodeAt(i);
    const next = t.charCodeAt(i + 1);
    if (c === 10) return i + 1;
    if ((c === 46 || c === 33 || c === 63 || c === 59) && (next === 32 || next === 10 || next === 9)) {
      const prev = i > 0 ? t.charCodeAt(i - 1) : 0;
      if (c === 46 && prev >= 65 && prev <= 90) continue;
      return i + 1;
    }
  }
  return from;
}

function num(t: string, s: number, e: number): number {
  let n = 0;
  for (let i = s; i < e; i++) n = n * 10 + (t.charCodeAt(i) - 48);
  return n;
}

/** `90` as the top half of a packed digit head (see {@link nationalOffset}). */
const HEAD_90 = (57 << 8) | 48;
/** `0090` as a packed digit head. */
const HEAD_0090 = ((48 << 24) | (48 << 16) | (57 << 8) | 48) >>> 0;

/**
 * Where the 10-digit national number starts in the first `len` digits of a Turkish phone number,
 * or -1 when the digits do not have that shape. `head` packs the char codes of the number's first
 * four digits, one per byte, the first in the top byte (0 for digits the number does not have).
 */
function nationalOffset(head: number, len: number, plus: boolean): number {
  const c0 = head >>> 24;
  const c1 = (head >>> 16) & 0xff;
  if (plus) return len === 12 && c0 === 57 && c1 === 48 ? 2 : -1;
  if (len === 14 && head >>> 0 === HEAD_0090) return 4;
  if (len === 12 && c0 === 57 && c1 === 48) return 2;
  if (len === 11 && c0 === 48 && c1 !== 48) return 1;
  if (len === 10 && c0 !== 48) return 0;
  return -1;
}

/** Finds e-mail addresses: `[start, end)` pairs in text order. */
function emails(t: string): number[] {
  const out: number[] = [];
  const n = t.length;
  let from = 0;
  for (;;) {
    const at = t.indexOf('@', from);
    if (at < 0) break;
    from = at + 1;
    let a = at;
    const min = out.length > 0 ? out[out.length - 1]! : 0;
    while (a > min && isLocalChar(t.charCodeAt(a - 1))) a--;
    while (a < at && t.charCodeAt(a) === 46) a++;
    if (a === at || t.charCodeAt(at - 1) === 46) continue;
    if (a > 0 && isWordChar(t.charCodeAt(a - 1))) continue;
    let b = at + 1;
    let lastDot = -1;
    let labelStart = b;
    while (b < n) {
      const c = t.charCodeAt(b);
      if (c === 46) {
        if (b === labelStart) break;
        lastDot = b;
        labelStart = b + 1;
      } else if (!isLabelChar(c)) break;
      b++;
    }
    while (b > at + 1 && (t.charCodeAt(b - 1) === 46 || t.charCodeAt(b - 1) === 45)) b--;
    if (lastDot >= b) lastDot = t.lastIndexOf('.', b - 1);
    if (lastDot <= at + 1) continue;
    if (b - lastDot - 1 < 2) continue;
    let tld = true;
    for (let k = lastDot + 1; k < b; k++) if (!isAsciiLetter(t.charCodeAt(k))) tld = false;
    if (!tld) continue;
    if (b < n && isWordChar(t.charCodeAt(b))) continue;
    out.push(a, b);
    from = b;
  }
  return out;
}

/**
 * Finds personal data in free text: TCKN, VKN, Turkish IBAN, phone numbers, e-mail addresses,
 * licence plates, MERSİS numbers and dates of birth. Matches are returned in text order and never
 * overlap.
 *
 * How a span is read (precedence, strongest first):
 * 1. **E-mail** addresses — digits inside an address are part of it.
 * 2. **IBAN** — `TR` + 24 digits, spaced or not, mod-97 valid and reserved digit `0`.
 * 3. **Dates** (`12.03.1985`, `12/03/1985`, `1985-03-12`, `12 Mart 1985`) — reported as `birthDate`
 *    only when a word such as *doğum*, *D.T.*, *doğumlu*, *birth* stands next to them; otherwise they
 *    are skipped, and their digits are never read as another kind.
 * 4. **Plates** — `34 ABC 123` (province 01–81, letter and digit counts per the plate rules);
 *    letter groups that are units or abbreviations in running text (`TL`, `GSM`, `TEL`, `NO`, `KG`,
 *    `KM`, `KDV` …) are not read as plates.
 * 5. A number written **in groups, with `+` or parentheses** is a **phone** when the first break
 *    falls after the country code, trunk `0` or area code and `@izinkit/identity`'s
 *    `normalizePhone` accepts it as a personal number (mobile, fixed line, 0850; 444, 0800 and
 *    premium numbers are companies' numbers and are not reported).
 * 6. A **bare run of digits** with word boundaries:
 *    - 16 digits: **MERSİS** when it is `0` + a valid VKN + 5 digits;
 *    - 11 digits not starting with `0`: **TCKN** only if both check digits are right — a number that
 *      fails the checksum is never reported as a TCKN; 11 digits starting with `0` (`05321234567`):
 *      a **phone** — a TCKN never starts with 0, so the two cannot collide;
 *    - 12 digits `90…` and 14 digits `0090…`: a **phone**;
 *    - 10 digits: a **phone** when it is a valid Turkish number, a **VKN** when its check digit is
 *      right; when it is both, the words just before it decide (*vergi*, *VKN*, *V.D.* → `vkn`),
 *      and `phone` wins otherwise.
 *
 * Digits glued to letters (`AB12345678901`), decimals (`3,14159265358`) and longer runs are not
 * matched. Only ASCII digits are read.
 *
 * @param text - any text
 * @param options - restrict the kinds reported
 * @returns the matches, `text.slice(start, end) === value`
 *
 * @example
 * ```ts
 * findPii('Ali Veli, TCKN 10000000146, tel 0532 123 45 67, ali@example.com');
 * // [ { kind: 'tckn', start: 15, end: 26, value: '10000000146' },
 * //   { kind: 'phone', start: 32, end: 46, value: '0532 123 45 67' },
 * //   { kind: 'email', start: 48, end: 63, value: 'ali@example.com' } ]
 * findPii('TCKN 10000000145'); // [] — the check digits are wrong
 * ```
 */
export function findPii(text: string, options?: FindPiiOptions): PiiMatch[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  let mask = ALL;
  if (options?.kinds) {
    mask = 0;
    for (const k of options.kinds) mask |= BIT[k] ?? 0;
  }
  const sc = new Scanner(text, mask);
  const em = text.indexOf('@') >= 0 ? emails(text) : [];
  let from = 0;
  for (let k = 0; k < em.length; k += 2) {
    const a = em[k]!;
    const b = em[k + 1]!;
    sc.scan(from, a);
    sc.emit('email', a, b);
    from = b;
  }
  sc.scan(from, text.length);
  return sc.out;
}
