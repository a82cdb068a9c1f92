import { invalidDate, invalidOptions, unknownStatute } from './errors.js';
import { isValidDate } from './holidays.js';
import { addMonthsClamped, MAX_DAY, MIN_DAY } from './internal/civil.js';
import { businessDayOnOrAfter, indexOf, stepBusinessDays, tableFor } from './internal/tables.js';
import { istanbulDayOf, istanbulStartOfDayMs } from './internal/timezone.js';
import type { CalendarOptions } from './options.js';
import { type PeriodUnit, type StatuteId, statutes } from './statutes.js';

/**
 * Options of {@link deadline}: the business-day options, plus `rollForward` for calendar periods.
 *
 * @example
 * ```ts
 * const o: DeadlineOptions = { rollForward: true, halfDays: 'holiday' };
 * ```
 */
export interface DeadlineOptions extends CalendarOptions {
  /**
   * For calendar periods whose statute allows it (`statutes[id].rollForward === 'optional'`): when
   * the last day is not a business day, the period ends at the end of the next business day (the
   * HMK art. 93 / VUK art. 18 rule). Default `false`: KVKK has no such clause, so the conservative
   * deadline is the calendar day. Ignored for business-day and hour periods.
   */
  readonly rollForward?: boolean | undefined;
}

interface Rule {
  readonly unit: PeriodUnit;
  readonly amount: number;
  readonly mayRoll: boolean;
}

const RULES: ReadonlyMap<string, Rule> = new Map(
  Object.values(statutes).map((s) => [
    s.id,
    { unit: s.period.unit, amount: s.period.amount, mayRoll: s.rollForward === 'optional' },
  ]),
);

const HOUR_MS = 3_600_000;

function endOfDay(dayNum: number): Date {
  return new Date(istanbulStartOfDayMs(dayNum + 1) - 1);
}

/**
 * The moment a statutory period ends, for a period that starts at `from`. The id names the period;
 * {@link statutes} holds its length and legal basis.
 *
 * How each unit is counted (all in Europe/Istanbul):
 * - business days (`ETK_RET_STOP_SENDING`, `IYS_REGISTER_CONSENT`, `IYS_REGISTER_RET`: 3; the
 *   standard-contract notice: 5): the day of receipt does not count, whatever the hour; the deadline
 *   is the end (23:59:59.999) of the n-th business day after it, business days counted as
 *   {@link isBusinessDay} counts them (`options.halfDays` etc. apply);
 * - calendar days (`KVKK_APPLICATION_ANSWER`: 30): the end of the 30th day after the day of receipt,
 *   holidays included; with `{ rollForward: true }`, moved to the end of the next business day when
 *   that day is not one;
 * - months and years (`KVKK_PERIODIC_DESTRUCTION`: 6 months; the record retentions: 3 years): the
 *   end of the corresponding day (or the month's last day);
 * - hours (`KVKK_BREACH_NOTIFY`: 72): exactly `from` + 72 h.
 *
 * Business-day periods need the calendar of the years they touch: they throw
 * `calendar_not_covered` beyond the covered years; calendar periods do not (unless rolled forward).
 *
 * @throws {@link CalendarError} `unknown_statute`, `invalid_date` (invalid `Date`, or outside
 * years 0000–9999), `calendar_not_covered`, `invalid_options`.
 *
 * @example
 * ```ts
 * // A RET received on Friday 2026-03-13 at 16:00: stop by the end of Wednesday 2026-03-18.
 * deadline('ETK_RET_STOP_SENDING', new Date('2026-03-13T16:00:00+03:00')).toISOString();
 * // "2026-03-18T20:59:59.999Z" (23:59:59.999 in Istanbul)
 *
 * // Received Wednesday 2026-03-18, before Ramazan Bayramı: end of Tuesday 2026-03-24,
 * // or of Wednesday 2026-03-25 when half days count as holidays.
 * deadline('IYS_REGISTER_RET', new Date('2026-03-18T10:00:00+03:00'));
 * deadline('IYS_REGISTER_RET', new Date('2026-03-18T10:00:00+03:00'), { halfDays: 'holiday' });
 *
 * deadline('KVKK_BREACH_NOTIFY', new Date('2026-01-05T09:30:00+03:00')).toISOString();
 * // "2026-01-08T06:30:00.000Z"
 * ```
 */
export function deadline(statute: StatuteId, from: Date, options?: DeadlineOptions): Date {
  const rule = typeof statute === 'string' ? RULES.get(statute) : undefined;
  if (rule === undefined) throw unknownStatute(statute);
  if (!isValidDate(from)) throw invalidDate(from);
  const ms = from.getTime();
  const day = istanbulDayOf(ms);
  if (day < MIN_DAY || day > MAX_DAY) throw invalidDate(from);
  // Validated (and compiled, once) for every statute, so malformed options never pass silently.
  const t = tableFor(options);
  const roll = options?.rollForward;
  if (roll !== undefined && typeof roll !== 'boolean') {
    throw invalidOptions(roll, {
      tr: 'rollForward true ya da false olmalı',
      en: 'rollForward must be true or false',
    });
  }
  switch (rule.unit) {
    case 'businessDays':
      return endOfDay(t.startDay + stepBusinessDays(t, indexOf(t, day), rule.amount));
    case 'hours':
      return new Date(ms + rule.amount * HOUR_MS);
    default: {
      const last =
        rule.unit === 'days'
          ? day + rule.amount
          : addMonthsClamped(day, rule.unit === 'months' ? rule.amount : rule.amount * 12);
      if (roll === true && rule.mayRoll)
        return endOfDay(t.startDay + businessDayOnOrAfter(t, indexOf(t, last)));
      return endOfDay(last);
    }
  }
}
