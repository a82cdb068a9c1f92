// Plain calendar dates (`YYYY-MM-DD`), as the rest of izinkit writes them.

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export interface Ymd {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

const MONTHS: Record<string, number> = {};
const MONTH_NAMES = [
  ['ocak'],
  ['şubat', 'subat'],
  ['mart'],
  ['nisan'],
  ['mayıs', 'mayis'],
  ['haziran'],
  ['temmuz'],
  ['ağustos', 'agustos'],
  ['eylül', 'eylul'],
  ['ekim'],
  ['kasım', 'kasim'],
  ['aralık', 'aralik'],
] as const;
MONTH_NAMES.forEach((names, i) => {
  for (const n of names) MONTHS[n] = i + 1;
});

/**
 * The month number of a Turkish month name (any case, with or without diacritics), or 0. Plain
 * `toLowerCase` is enough: the names have no `İ`, and `I` → `i` meets the ASCII spellings.
 */
export function turkishMonth(name: string): number {
  if (name.length < 4 || name.length > 7) return 0;
  return MONTHS[name.toLowerCase()] ?? 0;
}

const MONTH_LIST: readonly (readonly [string, number])[] = MONTH_NAMES.flatMap((names, i) =>
  names.map((n) => [n, i + 1] as const),
);

/**
 * What `String.prototype.toLowerCase` makes of one UTF-16 code unit, for the code units that can
 * end up as a letter of a month name: `A`–`Z`, `Ü`, `Ğ`, `Ş` and the Kelvin sign (→ `k`) are the only
 * ones that lower-case to one (checked over every code unit in test/dates.test.ts). Any other unit
 * comes back unchanged: either it is already lower case, or its lower case is no month letter (`İ`
 * becomes two units), so it matches no month name either way.
 */
export function lowerMonthUnit(c: number): number {
  if (c >= 65 && c <= 90) return c | 32;
  switch (c) {
    case 0xdc:
      return 0xfc;
    case 0x11e:
      return 0x11f;
    case 0x15e:
      return 0x15f;
    case 0x212a:
      return 107;
    default:
      return c;
  }
}

/**
 * `turkishMonth(t.slice(s, e))` without building the slice or its lower case: the PII scanner
 * asks this for every word that follows a day number.
 */
export function turkishMonthAt(t: string, s: number, e: number): number {
  const len = e - s;
  if (len < 4 || len > 7) return 0;
  next: for (const [name, month] of MONTH_LIST) {
    if (name.length !== len) continue;
    for (let i = 0; i < len; i++)
      if (lowerMonthUnit(t.charCodeAt(s + i)) !== name.charCodeAt(i)) continue next;
    return month;
  }
  return 0;
}

/**
 * Parses what people write for a date: `YYYY-MM-DD`, `DD.MM.YYYY`, `DD/MM/YYYY`, `DD-MM-YYYY`,
 * `D Ocak YYYY`. Returns undefined for anything else or for an impossible date.
 */
export function parseLooseDate(input: string): Ymd | undefined {
  const s = input.trim();
  let y: number;
  let mo: number;
  let d: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const numeric = iso ? null : /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$/.exec(s);
  const named = iso || numeric ? null : /^(\d{1,2})\s+(\p{L}+)\s+(\d{4})$/u.exec(s);
  if (iso) {
    y = Number(iso[1]);
    mo = Number(iso[2]);
    d = Number(iso[3]);
  } else if (numeric) {
    d = Number(numeric[1]);
    mo = Number(numeric[3]);
    y = Number(numeric[4]);
  } else if (named) {
    d = Number(named[1]);
    mo = turkishMonth(named[2]!);
    y = Number(named[3]);
  } else {
    return undefined;
  }
  return isValidYmd(y, mo, d) ? { y, m: mo, d } : undefined;
}

export function formatYmd(v: Ymd): string {
  return `${String(v.y).padStart(4, '0')}-${String(v.m).padStart(2, '0')}-${String(v.d).padStart(2, '0')}`;
}

/** Whole years from `birth` to `asOf` (the birthday counts on the day itself). */
export function ageOn(birth: Ymd, asOf: Ymd): number {
  let age = asOf.y - birth.y;
  if (asOf.m < birth.m || (asOf.m === birth.m && asOf.d < birth.d)) age--;
  return age;
}
