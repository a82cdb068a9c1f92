import { invalidArgument, invalidDate } from './errors.js';
import { isValidDate } from './holidays.js';
import { formatIsoDate, MAX_DAY, MIN_DAY, parseIsoDate } from './internal/civil.js';
import { holidaySetFor, MAX_YEAR, MIN_YEAR } from './internal/tables.js';
import { istanbulDayOf, istanbulStartOfDayMs } from './internal/timezone.js';
import type { CoverageOptions } from './options.js';

/**
 * The calendar date in Türkiye (Europe/Istanbul) of an instant, as `YYYY-MM-DD`. UTC+3 all year
 * since 2016; EET/EEST with summer time before, which this handles from an explicit table of the
 * IANA time-zone data (no `Intl` needed).
 *
 * @throws {@link CalendarError} `invalid_date` for an invalid `Date` or one outside years 0000–9999.
 *
 * @example
 * ```ts
 * istanbulDate(new Date('2026-03-13T21:30:00Z')); // "2026-03-14" (00:30 in Istanbul)
 * istanbulDate(new Date('2015-12-31T22:30:00Z')); // "2016-01-01" (winter time, UTC+2)
 * ```
 */
export function istanbulDate(at: Date): string {
  if (!isValidDate(at)) throw invalidDate(at);
  const d = istanbulDayOf(at.getTime());
  if (d < MIN_DAY || d > MAX_DAY) throw invalidDate(at);
  return formatIsoDate(d);
}

function dayOf(date: string): number {
  const d = parseIsoDate(date);
  if (Number.isNaN(d)) throw invalidDate(date);
  return d;
}

/**
 * The first instant (00:00) of a calendar day in Europe/Istanbul.
 *
 * @throws {@link CalendarError} `invalid_date` unless `date` is a real `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * startOfIstanbulDay('2026-03-18').toISOString(); // "2026-03-17T21:00:00.000Z"
 * startOfIstanbulDay('2015-01-15').toISOString(); // "2015-01-14T22:00:00.000Z" (UTC+2 then)
 * ```
 */
export function startOfIstanbulDay(date: string): Date {
  return new Date(istanbulStartOfDayMs(dayOf(date)));
}

/**
 * The last millisecond (23:59:59.999) of a calendar day in Europe/Istanbul: the form every
 * business-day deadline of {@link deadline} takes.
 *
 * @throws {@link CalendarError} `invalid_date` unless `date` is a real `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * endOfIstanbulDay('2026-03-18').toISOString(); // "2026-03-18T20:59:59.999Z"
 * ```
 */
export function endOfIstanbulDay(date: string): Date {
  return new Date(istanbulStartOfDayMs(dayOf(date) + 1) - 1);
}

/**
 * Whether the calendar knows a year: it is in the built-in bayram table (2015–2035) or
 * `options.bayramDates` supplies it. Functions that need an uncovered year throw
 * `calendar_not_covered`; ask this first to avoid the exception.
 *
 * @throws {@link CalendarError} `invalid_argument` when `year` is not an integer, `invalid_options`.
 *
 * @example
 * ```ts
 * isYearCovered(2026); // true
 * isYearCovered(2040); // false
 * ```
 */
export function isYearCovered(year: number, options?: CoverageOptions): boolean {
  if (typeof year !== 'number' || !Number.isSafeInteger(year)) {
    throw invalidArgument(year, { tr: 'yıl bir tam sayı olmalı', en: 'the year must be an integer' });
  }
  return year >= MIN_YEAR && year <= MAX_YEAR && holidaySetFor(options).isCoveredYear(year);
}
