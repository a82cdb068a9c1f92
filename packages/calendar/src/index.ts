/**
 * Turkish official holidays, half days, business-day arithmetic and statutory deadlines (ETK, İYS,
 * KVKK) with their legal basis as data.
 *
 * - {@link holidays}, {@link isHoliday}: the official holidays of Law 2429 and the Diyanet bayram
 *   table 2015–2035, half days from 13:00 Europe/Istanbul.
 * - {@link isBusinessDay}, {@link addBusinessDays}, {@link businessDaysBetween}: iş günü
 *   arithmetic, exact in both directions, from a precomputed day table.
 * - {@link deadline} and {@link statutes}: the statutory periods (3 business days to stop after a
 *   RET, 30 days to answer a KVKK application, 72 hours to notify a breach …) with their articles.
 * - Outside the years it knows the calendar throws {@link CalendarError} `calendar_not_covered`;
 *   every function has a `try*` twin that returns a {@link CalendarResult} instead.
 *
 * @packageDocumentation
 */
export type { BayramEvidence, BayramKind, BayramTableEntry } from './bayram-table.js';
export { BAYRAM_EVIDENCE, BUILT_IN_YEARS, bayramTable } from './bayram-table.js';
export { addBusinessDays, businessDaysBetween, isBusinessDay } from './business-days.js';
export type { DeadlineOptions } from './deadline.js';
export { deadline } from './deadline.js';
export type { CalendarErrorCode, CalendarErrorDetails, CalendarResult, LocalizedText } from './errors.js';
export { CalendarError, isCalendarError } from './errors.js';
export type { Holiday, HolidayPart } from './holidays.js';
export { holidays, isHoliday } from './holidays.js';
export { endOfIstanbulDay, istanbulDate, isYearCovered, startOfIstanbulDay } from './istanbul.js';
export type { BayramDate, CalendarOptions, CoverageOptions } from './options.js';
export type { Confidence, PeriodUnit, Statute, StatuteId } from './statutes.js';
export { statutes } from './statutes.js';
export {
  tryAddBusinessDays,
  tryBusinessDaysBetween,
  tryDeadline,
  tryHolidays,
  tryIsBusinessDay,
  tryIsHoliday,
} from './try.js';
