/**
 * fast-check arbitraries for @izinkit/calendar tests (import from '@izinkit/test-utils/calendar').
 * They do not import the calendar itself (test-utils does not depend on it): they generate plain
 * dates, instants, options and hostile inputs.
 */
import fc from 'fast-check';

const DAY_MS = 86_400_000;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Day number of a civil date (month 0–11), correct for years 0–99 too (unlike `Date.UTC`). */
function utcDay(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, day);
  return d.getTime() / DAY_MS;
}

/** Formats a UTC day number (days since 1970-01-01) as `YYYY-MM-DD`. */
export function isoFromDayNumber(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Day number (days since 1970-01-01) of a `YYYY-MM-DD` string (no validation). */
export function dayNumberFromIso(iso: string): number {
  return utcDay(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
}

/** Real `YYYY-MM-DD` dates between two years, inclusive (default 2015–2035, the built-in table). */
export function isoDateArb(fromYear = 2015, toYear = 2035): fc.Arbitrary<string> {
  return fc.integer({ min: utcDay(fromYear, 0, 1), max: utcDay(toYear, 11, 31) }).map(isoFromDayNumber);
}

/** Instants between two years (UTC bounds, default 2015–2035), millisecond precision. */
export function instantArb(fromYear = 2015, toYear = 2035): fc.Arbitrary<Date> {
  return fc
    .integer({ min: utcDay(fromYear, 0, 1) * DAY_MS, max: utcDay(toYear, 11, 31) * DAY_MS })
    .map((ms) => new Date(ms));
}

/** Business-day offsets, both signs, kept small enough to stay inside the covered years. */
export const businessDayCountArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -30, max: 30 }),
  fc.integer({ min: -1000, max: 1000 }),
);

/**
 * Strings that look like dates but are not, and strings that are: what a hostile or careless
 * caller passes. Includes real dates far outside the covered years.
 */
export const dateLikeStringArb: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 12 }),
  isoDateArb(1, 9999),
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 99 }),
    )
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`),
  fc.constantFrom(
    '',
    '2026-02-29',
    '2024-02-29',
    '2026-3-18',
    ' 2026-03-18',
    '2026-03-18 ',
    '2026/03/18',
    '２０２６-03-18',
    '2026-03-18T10:00',
    '2026-03-18T25:00',
    '2026-03-18T10:00+03:00',
    '2026-03-18T10:00:00.123Z',
    'NaN',
    '-001-01-01',
    '+02026-03-18',
    '0000-00-00',
    '9999-12-31',
    'toString',
    '__proto__',
  ),
);

/** Numbers of every awkward kind: non-integers, infinities, NaN, huge, negative zero. */
export const awkwardNumberArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -100, max: 100 }),
  fc.double(),
  fc.integer(),
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    0.5,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    1e300,
  ),
);

/**
 * Business-day options (the shape of `CalendarOptions`): half-day policy, extra holidays and
 * business days inside the given years (never the same date in both lists), and a weekend.
 */
export function calendarOptionsArb(
  fromYear = 2015,
  toYear = 2035,
): fc.Arbitrary<{
  halfDays?: 'business' | 'holiday';
  extraHolidays?: string[];
  extraBusinessDays?: string[];
  weekend?: number[];
}> {
  return fc
    .record(
      {
        halfDays: fc.constantFrom('business' as const, 'holiday' as const),
        extraHolidays: fc.uniqueArray(isoDateArb(fromYear, toYear), { maxLength: 20 }),
        extraBusinessDays: fc.uniqueArray(isoDateArb(fromYear, toYear), { maxLength: 20 }),
        weekend: fc.constantFrom<number[]>([0, 6], [0], [5, 6], [6]),
      },
      { requiredKeys: [] },
    )
    .map((o) => {
      if (o.extraHolidays && o.extraBusinessDays) {
        const hol = new Set(o.extraHolidays);
        return { ...o, extraBusinessDays: o.extraBusinessDays.filter((d) => !hol.has(d)) };
      }
      return o;
    });
}
