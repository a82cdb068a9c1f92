import type { BayramKind } from './bayram-table.js';

/**
 * One bayram supplied by the caller for a year outside the built-in table: which bayram and its
 * first full day. The arife is the day before (a half day from 13:00); Ramazan lasts 3 days and
 * Kurban 4 (Law 2429 art. 2(B)).
 *
 * @example
 * ```ts
 * const b: BayramDate = { bayram: 'ramazan', firstDay: '2036-11-19' };
 * ```
 */
export interface BayramDate {
  /** Which bayram. */
  readonly bayram: BayramKind;
  /** Its first full day, `YYYY-MM-DD`. */
  readonly firstDay: string;
}

/**
 * Options that decide which years the calendar knows: the bayram dates of years outside the
 * built-in table 2015–2035 (or a replacement for a year inside it).
 *
 * Each key is a year; its list must hold every bayram that touches that year (from its arife to its
 * last day), which is one or two of each kind. Supplying a year is a promise that the list is
 * complete for it: the year then counts as covered. Take the dates from Diyanet's published
 * calendar (vakithesaplama.diyanet.gov.tr), not from an algorithm.
 *
 * @example
 * ```ts
 * const options: CoverageOptions = {
 *   bayramDates: {
 *     2036: [
 *       { bayram: 'kurban', firstDay: '2036-02-07' },
 *       { bayram: 'ramazan', firstDay: '2036-11-19' },
 *     ],
 *   },
 * };
 * ```
 */
export interface CoverageOptions {
  /** Bayram dates per year, for years the built-in table lacks (or to replace one of its years). */
  readonly bayramDates?: Readonly<Record<number, readonly BayramDate[]>> | undefined;
}

/**
 * How business days are counted. Every field is optional; the defaults follow the reference
 * reading of "iş günü" in ETK and the İYS regulation: Monday to Friday, minus the official holidays
 * of Law 2429, with half days (arife, 28 October) counted as business days — the conservative
 * choice, since it gives the earlier deadline.
 *
 * Options are read once per options object and compiled into a lookup table; do not mutate an
 * options object after passing it (build a new one instead).
 *
 * @example
 * ```ts
 * // A company that treats half days as holidays and closes on a declared idari izin:
 * const options: CalendarOptions = {
 *   halfDays: 'holiday',
 *   extraHolidays: ['2026-03-23'],
 * };
 * isBusinessDay('2026-03-19', options); // false (arife of Ramazan Bayramı)
 * ```
 */
export interface CalendarOptions extends CoverageOptions {
  /**
   * Whether a half-day holiday (arife from 13:00, 28 October from 13:00) is a business day.
   * `'business'` (default): it counts — no authority says otherwise and it gives the earlier,
   * safer deadline. `'holiday'`: it does not count.
   */
  readonly halfDays?: 'business' | 'holiday' | undefined;
  /**
   * Extra non-business days, `YYYY-MM-DD`: for example a declared idari izin (administrative
   * leave) your business observes. Idari izin is never a holiday by default: statutory periods keep
   * running through bridge days (Yargıtay 7. HD 2021/454 E., 2021/1313 K.).
   */
  readonly extraHolidays?: readonly string[] | undefined;
  /**
   * Extra business days, `YYYY-MM-DD`, which win over weekends and holidays: for example a Saturday
   * declared a working day to make up for a bridge day. A date may not be in both lists.
   */
  readonly extraBusinessDays?: readonly string[] | undefined;
  /**
   * The weekly days off, JavaScript numbering (0 = Sunday … 6 = Saturday). Default `[0, 6]`. Law
   * 2429 does not define the weekend; Labour Law 4857 treats Saturday as a working day, so a
   * provider that wants that reading passes `[0]`.
   */
  readonly weekend?: readonly number[] | undefined;
}
