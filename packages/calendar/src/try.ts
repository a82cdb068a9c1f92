import { addBusinessDays, businessDaysBetween, isBusinessDay } from './business-days.js';
import { type DeadlineOptions, deadline } from './deadline.js';
import { attempt, type CalendarResult } from './errors.js';
import { type Holiday, holidays, isHoliday } from './holidays.js';
import type { CalendarOptions, CoverageOptions } from './options.js';
import type { StatuteId } from './statutes.js';

/**
 * {@link holidays} that returns a {@link CalendarResult} instead of throwing.
 *
 * @example
 * ```ts
 * const r = tryHolidays(2040);
 * if (!r.ok && r.error.code === 'calendar_not_covered') {
 *   // ask for the year's bayram dates, or fall back
 * }
 * ```
 */
export function tryHolidays(year: number, options?: CoverageOptions): CalendarResult<Holiday[]> {
  return attempt(() => holidays(year, options));
}

/**
 * {@link isHoliday} that returns a {@link CalendarResult} instead of throwing.
 *
 * @example
 * ```ts
 * tryIsHoliday('2026-13-01'); // { ok: false, error: CalendarError { code: 'invalid_date' } }
 * tryIsHoliday('2026-10-29'); // { ok: true, value: true }
 * ```
 */
export function tryIsHoliday(at: Date | string, options?: CoverageOptions): CalendarResult<boolean> {
  return attempt(() => isHoliday(at, options));
}

/**
 * {@link isBusinessDay} that returns a {@link CalendarResult} instead of throwing.
 *
 * @example
 * ```ts
 * tryIsBusinessDay('2026-03-20'); // { ok: true, value: false }
 * tryIsBusinessDay('2040-01-02'); // { ok: false, error: … code 'calendar_not_covered' }
 * ```
 */
export function tryIsBusinessDay(date: string, options?: CalendarOptions): CalendarResult<boolean> {
  return attempt(() => isBusinessDay(date, options));
}

/**
 * {@link addBusinessDays} that returns a {@link CalendarResult} instead of throwing.
 *
 * @example
 * ```ts
 * tryAddBusinessDays('2026-03-18', 3); // { ok: true, value: '2026-03-24' }
 * tryAddBusinessDays('2035-12-28', 10); // { ok: false, error: … code 'calendar_not_covered' }
 * ```
 */
export function tryAddBusinessDays(
  date: string,
  n: number,
  options?: CalendarOptions,
): CalendarResult<string> {
  return attempt(() => addBusinessDays(date, n, options));
}

/**
 * {@link businessDaysBetween} that returns a {@link CalendarResult} instead of throwing.
 *
 * @example
 * ```ts
 * tryBusinessDaysBetween('2026-03-13', '2026-03-18'); // { ok: true, value: 3 }
 * ```
 */
export function tryBusinessDaysBetween(
  from: string,
  to: string,
  options?: CalendarOptions,
): CalendarResult<number> {
  return attempt(() => businessDaysBetween(from, to, options));
}

/**
 * {@link deadline} that returns a {@link CalendarResult} instead of throwing: the form to use when
 * a deadline is computed from stored data and an uncovered year must become a visible state, not
 * an exception.
 *
 * @example
 * ```ts
 * const r = tryDeadline('ETK_RET_STOP_SENDING', new Date('2035-12-31T10:00:00+03:00'));
 * r.ok; // false — 2036 is outside the bayram table
 * if (!r.ok) r.error.code; // "calendar_not_covered"
 * ```
 */
export function tryDeadline(statute: StatuteId, from: Date, options?: DeadlineOptions): CalendarResult<Date> {
  return attempt(() => deadline(statute, from, options));
}
