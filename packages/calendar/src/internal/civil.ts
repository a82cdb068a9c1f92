/**
 * Proleptic Gregorian civil-date arithmetic on "day numbers" (days since 1970-01-01), after Howard
 * Hinnant's `days_from_civil` / `civil_from_days`. No `Date`, no time zone: a day number names a
 * calendar date, nothing more.
 */

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** Day number of a civil date (month 1–12). Valid for any year; we only use 0000–9999. */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Year of a day number. */
export function yearOf(dayNum: number): number {
  const z = dayNum + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return yoe + era * 400 + (month <= 2 ? 1 : 0);
}

/** Civil date `[year, month (1–12), day]` of a day number. */
export function civil(dayNum: number): [number, number, number] {
  const z = dayNum + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** Day of the week of a day number, JavaScript numbering: 0 = Sunday … 6 = Saturday. */
export function weekday(dayNum: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNum + 4) % 7) + 7) % 7;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/**
 * Parses `YYYY-MM-DD` (exactly ten characters, ASCII digits, a real date) to a day number, or
 * returns `NaN`. Hand-written because it sits on the hot path of every business-day call.
 */
export function parseIsoDate(s: string): number {
  if (typeof s !== 'string' || s.length !== 10) return Number.NaN;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  const y0 = s.charCodeAt(0) - 48;
  const y1 = s.charCodeAt(1) - 48;
  const y2 = s.charCodeAt(2) - 48;
  const y3 = s.charCodeAt(3) - 48;
  const m0 = s.charCodeAt(5) - 48;
  const m1 = s.charCodeAt(6) - 48;
  const d0 = s.charCodeAt(8) - 48;
  const d1 = s.charCodeAt(9) - 48;
  if (
    (y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0 ||
    y0 > 9 ||
    y1 > 9 ||
    y2 > 9 ||
    y3 > 9 ||
    m0 > 9 ||
    m1 > 9 ||
    d0 > 9 ||
    d1 > 9
  ) {
    return Number.NaN;
  }
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  return dayNumber(year, month, day);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** Formats a day number as `YYYY-MM-DD` (years 0000–9999). */
export function formatIsoDate(dayNum: number): string {
  const [y, m, d] = civil(dayNum);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/**
 * Adds calendar months to a civil date the way Turkish law counts month periods (TBK art. 92(2)):
 * the corresponding day of the last month, or that month's last day when it has no such day.
 */
export function addMonthsClamped(dayNum: number, months: number): number {
  const [y, m, d] = civil(dayNum);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return dayNumber(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Smallest and largest day numbers we accept anywhere: 0000-01-01 and 9999-12-31. */
export const MIN_DAY: number = dayNumber(0, 1, 1);
export const MAX_DAY: number = dayNumber(9999, 12, 31);
