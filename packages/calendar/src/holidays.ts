import { invalidArgument, invalidDate, type LocalizedText, notCovered } from './errors.js';
import { DAY_MS, dayNumber, daysInMonth, parseIsoDate, yearOf } from './internal/civil.js';
import { holidaySetFor, KIND_FULL, KIND_HALF, MAX_YEAR, MIN_YEAR } from './internal/tables.js';
import { istanbulOffsetMs, istanbulStartOfDayMs, istanbulWallToUtc } from './internal/timezone.js';
import type { CoverageOptions } from './options.js';

const HALF_DAY_START_MS = 13 * 3_600_000;

/**
 * One of the holidays that fall on a {@link Holiday}'s date. Usually there is one; on a date where
 * two holidays coincide (2023-04-23: Ramazan Bayramı day 3 and National Sovereignty Day) there are
 * two.
 *
 * @example
 * ```ts
 * const part: HolidayPart = {
 *   name: { tr: 'Zafer Bayramı', en: 'Victory Day' },
 *   kind: 'full',
 *   law: 'Law 2429 art. 2(A)',
 * };
 * ```
 */
export interface HolidayPart {
  /** The holiday's name in Turkish and English. */
  readonly name: LocalizedText;
  /** `'full'` from 00:00, `'half'` from 13:00. */
  readonly kind: 'full' | 'half';
  /** The article that makes it a holiday. */
  readonly law: string;
}

/**
 * An official holiday of Türkiye on one date (Law 2429 on national and general holidays, RG
 * 19.03.1981, as amended). Coinciding holidays share one entry whose `name` and `law` join both
 * and whose `parts` lists them.
 *
 * `startsAt` and `endsAt` are the instants the holiday begins and ends in Europe/Istanbul, `endsAt`
 * exclusive (the next midnight). A half day (the arife of a bayram, and 28 October) starts at 13:00.
 *
 * @example
 * ```ts
 * const h: Holiday = holidays(2026)[0]!;
 * h.date; // "2026-01-01"
 * h.name.tr; // "Yılbaşı"
 * h.kind; // "full"
 * h.startsAt.toISOString(); // "2025-12-31T21:00:00.000Z" (00:00 in Istanbul)
 * h.law; // "Law 2429 art. 2(C)"
 * ```
 */
export interface Holiday {
  /** The date, `YYYY-MM-DD`, in Türkiye. */
  readonly date: string;
  /** The name in Turkish and English; both names, joined by " + ", when two holidays coincide. */
  readonly name: LocalizedText;
  /** `'full'` if any holiday of the date is a full day, else `'half'` (from 13:00). */
  readonly kind: 'full' | 'half';
  /** When the holiday starts: 00:00, or 13:00 for a half day, Europe/Istanbul. */
  readonly startsAt: Date;
  /** When it ends (exclusive): 00:00 of the next day, Europe/Istanbul. */
  readonly endsAt: Date;
  /** The legal basis; for coinciding holidays each basis once, joined by "; ". */
  readonly law: string;
  /** The holidays that fall on this date (two when they coincide). */
  readonly parts: readonly HolidayPart[];
}

function checkYear(year: unknown): number {
  if (typeof year !== 'number' || !Number.isSafeInteger(year)) {
    throw invalidArgument(year, { tr: 'yıl bir tam sayı olmalı', en: 'the year must be an integer' });
  }
  return year;
}

/**
 * Every official holiday of a year in Türkiye, in date order: 1 January; 23 April; 1 May (since
 * 2009, Law 5892); 19 May; 15 July (since 2017, Law 6752 — absent in 2016); 30 August; 28 October
 * from 13:00 and 29 October (Law 2429 art. 1); and the Ramazan and Kurban Bayramı with their arife
 * from 13:00 (art. 2(B)), from the Diyanet table. Weekends are not listed; there are no substitute
 * days when a holiday falls on a weekend; idari izin (administrative leave) is not a holiday.
 *
 * Years outside the bayram table (built in: 2015–2035) throw `calendar_not_covered` unless
 * `options.bayramDates` supplies them.
 *
 * @throws {@link CalendarError} `calendar_not_covered` for an uncovered year, `invalid_argument`
 * when `year` is not an integer, `invalid_options` for malformed options.
 *
 * @example
 * ```ts
 * holidays(2023).find((h) => h.date === '2023-04-23')?.name.en;
 * // "National Sovereignty and Children's Day + Ramadan Feast (day 3)"
 * holidays(2016).some((h) => h.date === '2016-07-15'); // false
 * holidays(2040); // throws CalendarError { code: 'calendar_not_covered', year: 2040 }
 * holidays(2036, { bayramDates: { 2036: [
 *   { bayram: 'kurban', firstDay: '2036-02-07' },
 *   { bayram: 'ramazan', firstDay: '2036-11-19' },
 * ] } }).length; // 17 (dates for illustration: take real ones from Diyanet)
 * ```
 */
export function holidays(year: number, options?: CoverageOptions): Holiday[] {
  const y = checkYear(year);
  const set = holidaySetFor(options);
  if (y < MIN_YEAR || y > MAX_YEAR || !set.isCoveredYear(y)) throw notCovered(y);
  const out: Holiday[] = [];
  const first = dayNumber(y, 1, 1);
  const last = dayNumber(y, 12, 31);
  for (let d = first; d <= last; d++) {
    const i = d - set.startDay;
    const kind = set.kind[i]!;
    if (kind === 0) continue;
    const parts = set.parts.get(d)!;
    const dayStart = istanbulStartOfDayMs(d);
    const laws = [...new Set(parts.map((p) => p.law))];
    out.push({
      date: set.iso[i]!,
      name: {
        tr: parts.map((p) => p.name.tr).join(' + '),
        en: parts.map((p) => p.name.en).join(' + '),
      },
      kind: kind === KIND_FULL ? 'full' : 'half',
      startsAt: new Date(kind === KIND_FULL ? dayStart : istanbulWallToUtc(d * DAY_MS + HALF_DAY_START_MS)),
      endsAt: new Date(istanbulStartOfDayMs(d + 1)),
      law: laws.join('; '),
      parts: parts.map((p) => ({ name: { ...p.name }, kind: p.kind, law: p.law })),
    });
  }
  return out;
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Parses what {@link isHoliday} accepts as a string instant: `YYYY-MM-DDTHH:mm[:ss[.sss]]` with an
 * optional `Z` or `±HH[:mm]` offset; without one, the time is Istanbul wall-clock time.
 * Returns the UTC milliseconds or NaN.
 */
function parseInstant(s: string): number {
  const m = DATE_TIME.exec(s);
  if (m === null) return Number.NaN;
  const [, ys, mos, ds, hs, mis, ss, frac, zone] = m;
  const year = Number(ys);
  const month = Number(mos);
  const day = Number(ds);
  const hour = Number(hs);
  const minute = Number(mis);
  const second = ss === undefined ? 0 : Number(ss);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  const wall = dayNumber(year, month, day) * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
  if (zone === undefined) return istanbulWallToUtc(wall);
  if (zone === 'Z' || zone === 'z') return wall;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const oh = Number(digits.slice(0, 2));
  const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (oh > 23 || om > 59) return Number.NaN;
  return wall - sign * (oh * 3_600_000 + om * 60_000);
}

/**
 * Whether a moment falls inside an official holiday in Türkiye.
 *
 * - A `Date` (an instant) is a holiday only inside the holiday's hours in Europe/Istanbul: on an
 *   arife or on 28 October only from 13:00, on a full holiday from 00:00 to 24:00.
 * - A string with a time (`2026-03-19T14:00`, `2026-03-19T11:00Z`, `2026-03-19T14:00+03:00`) is
 *   read as that instant; without an offset the time is Istanbul time.
 * - A plain date `YYYY-MM-DD` asks about the whole day: true when any part of it is a holiday (so a
 *   half day answers true). Whether the day still counts as a business day is
 *   {@link isBusinessDay}'s question.
 *
 * Only Law 2429 holidays count: weekends and idari izin are not holidays.
 *
 * @throws {@link CalendarError} `calendar_not_covered` outside the covered years, `invalid_date`
 * for anything that is not a valid `Date` or one of the string forms above.
 *
 * @example
 * ```ts
 * isHoliday(new Date('2026-03-19T12:59:59+03:00')); // false — arife, before 13:00
 * isHoliday(new Date('2026-03-19T13:00:00+03:00')); // true
 * isHoliday('2026-03-23T10:00'); // false (date-holidays wrongly says true)
 * isHoliday('2026-10-28T15:00'); // true — 28 October from 13:00
 * isHoliday('2026-03-19'); // true — the date carries a half-day holiday
 * isHoliday('2026-03-21'); // true — Ramazan Bayramı day 2
 * ```
 */
export function isHoliday(at: Date | string, options?: CoverageOptions): boolean {
  const set = holidaySetFor(options);
  if (typeof at === 'string') {
    if (at.length === 10) {
      const d = parseIsoDate(at);
      if (Number.isNaN(d)) throw invalidDate(at);
      return kindAt(set, d) !== 0;
    }
    const ms = parseInstant(at);
    if (Number.isNaN(ms)) throw invalidDate(at);
    return instantIsHoliday(set, ms);
  }
  if (!isValidDate(at)) throw invalidDate(at);
  return instantIsHoliday(set, at.getTime());
}

function kindAt(set: ReturnType<typeof holidaySetFor>, dayNum: number): number {
  const i = dayNum - set.startDay;
  if (i < 0 || i >= set.length || set.covered[i] !== 1) throw notCovered(yearOf(dayNum));
  return set.kind[i]!;
}

function instantIsHoliday(set: ReturnType<typeof holidaySetFor>, ms: number): boolean {
  const wall = ms + istanbulOffsetMs(ms);
  const d = Math.floor(wall / DAY_MS);
  const kind = kindAt(set, d);
  if (kind === KIND_FULL) return true;
  if (kind === KIND_HALF) return wall - d * DAY_MS >= HALF_DAY_START_MS;
  return false;
}

/** @internal */
export function isValidDate(value: unknown): value is Date {
  return (
    (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') &&
    !Number.isNaN((value as Date).getTime())
  );
}
