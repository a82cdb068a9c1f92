import { invalidArgument, invalidDate } from './errors.js';
import { parseIsoDate } from './internal/civil.js';
import { assertRunCovers, indexOf, stepBusinessDays, tableFor } from './internal/tables.js';
import type { CalendarOptions } from './options.js';

function parse(date: string): number {
  const d = parseIsoDate(date);
  if (Number.isNaN(d)) throw invalidDate(date);
  return d;
}

/**
 * Whether a date is an iş günü (business day) in Türkiye: Monday to Friday, and not a full-day
 * official holiday of Law 2429.
 *
 * ETK (Law 6563) and its regulation use "iş günü" without defining it; compliance practice and the
 * İYS material read it as Monday–Friday minus official holidays, which is the default here. Half
 * days (the arife of a bayram, 28 October) count as business days by default — no ruling says
 * otherwise, and counting them gives the earlier, safer deadline; `{ halfDays: 'holiday' }` treats
 * them as holidays. Idari izin (bridge days) are business days unless you add them to
 * `extraHolidays`: statutory periods run through them (Yargıtay 7. HD 2021/454 E., 2021/1313 K.).
 *
 * @throws {@link CalendarError} `calendar_not_covered` outside the covered years (built in:
 * 2015–2035), `invalid_date` for anything but a real `YYYY-MM-DD`, `invalid_options`.
 *
 * @example
 * ```ts
 * isBusinessDay('2026-03-18'); // true  — a Wednesday
 * isBusinessDay('2026-03-19'); // true  — arife of Ramazan Bayramı, a half day
 * isBusinessDay('2026-03-19', { halfDays: 'holiday' }); // false
 * isBusinessDay('2026-03-20'); // false — Ramazan Bayramı day 1
 * isBusinessDay('2026-03-21'); // false — Saturday
 * isBusinessDay('2040-01-02'); // throws calendar_not_covered
 * ```
 */
export function isBusinessDay(date: string, options?: CalendarOptions): boolean {
  const t = tableFor(options);
  return t.isBiz[indexOf(t, parse(date))] === 1;
}

/**
 * The date `n` business days after `date` (before it when `n` is negative), with the days counted
 * as {@link isBusinessDay} counts them.
 *
 * For `n > 0` the result is the n-th business day strictly after `date`; for `n < 0` the |n|-th
 * strictly before it; for `n = 0`, `date` itself (even if it is not a business day). So for any
 * `n ≠ 0` the result is a business day, `businessDaysBetween(date, result) === n`, and when `date` is
 * a business day `addBusinessDays(result, -n) === date`.
 *
 * This is not yet a statutory deadline (that is {@link deadline}, which also fixes the hour);
 * `addBusinessDays(receivedOn, 3)` is the date of the third business day after the day of receipt.
 *
 * @throws {@link CalendarError} `calendar_not_covered` when the walk leaves the covered years,
 * `invalid_date`, `invalid_argument` when `n` is not a safe integer, `invalid_options`.
 *
 * @example
 * ```ts
 * addBusinessDays('2026-03-13', 3); // "2026-03-18" (Fri → Mon, Tue, Wed)
 * addBusinessDays('2026-03-18', 3); // "2026-03-24" (Thu 19 arife counts; Fri 20 – Sun 22 do not)
 * addBusinessDays('2026-03-18', 3, { halfDays: 'holiday' }); // "2026-03-25"
 * addBusinessDays('2026-03-24', -3); // "2026-03-18"
 * ```
 */
export function addBusinessDays(date: string, n: number, options?: CalendarOptions): string {
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw invalidArgument(n, {
      tr: 'iş günü sayısı güvenli bir tam sayı olmalı',
      en: 'the number of business days must be a safe integer',
    });
  }
  const t = tableFor(options);
  const i = indexOf(t, parse(date));
  return t.set.iso[stepBusinessDays(t, i, n)]!;
}

/**
 * How many business days you move going from `from` to `to`: the business days after `from` up to
 * and including `to` when `to` is later, negative and counting the business days from `to` up to
 * but excluding `from` when `to` is earlier; 0 when they are equal. It is the inverse of
 * {@link addBusinessDays}: `businessDaysBetween(d, addBusinessDays(d, n)) === n` for every date `d`
 * and every `n`.
 *
 * @throws {@link CalendarError} `calendar_not_covered` when the range touches an uncovered year,
 * `invalid_date`, `invalid_options`.
 *
 * @example
 * ```ts
 * businessDaysBetween('2026-03-13', '2026-03-18'); // 3
 * businessDaysBetween('2026-03-18', '2026-03-24'); // 3
 * businessDaysBetween('2026-03-24', '2026-03-18'); // -3
 * businessDaysBetween('2026-03-20', '2026-03-22'); // 0 — a bayram weekend
 * ```
 */
export function businessDaysBetween(from: string, to: string, options?: CalendarOptions): number {
  const t = tableFor(options);
  const i = indexOf(t, parse(from));
  const j = indexOf(t, parse(to));
  assertRunCovers(t, i, j);
  return j >= i ? t.prefix[j + 1]! - t.prefix[i + 1]! : t.prefix[j]! - t.prefix[i]!;
}
