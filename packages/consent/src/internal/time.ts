/**
 * Instants inside the machine are canonical ISO strings (`Date.prototype.toISOString()`:
 * `YYYY-MM-DDTHH:mm:ss.sssZ`, UTC). In that form string order is time order, so the hot path
 * compares strings and never parses.
 */
import { HS_2015_CONSENT_INSTANT } from '@izinkit/iys';

/** `2015-05-01 00:00:00` Türkiye as a canonical instant: the HS_2015 date and the earliest consentDate. */
export const HS_2015_ISO: string = HS_2015_CONSENT_INSTANT.toISOString();

/** Cheap shape check of a canonical instant (the zod schemas do the full check at the boundary). */
export function isInstant(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length === 24 &&
    value.charCodeAt(23) === 90 /* Z */ &&
    value.charCodeAt(10) === 84 /* T */ &&
    value.charCodeAt(19) === 46 /* . */
  );
}

/** İYS keeps consent dates to the second; so does the machine (a canonical instant with `.000`). */
export function toSecond(iso: string): string {
  return iso.charCodeAt(20) === 48 && iso.charCodeAt(21) === 48 && iso.charCodeAt(22) === 48
    ? iso
    : `${iso.slice(0, 20)}000Z`;
}

/** The later of two canonical instants. */
export function maxInstant(a: string, b: string): string {
  return a >= b ? a : b;
}

/**
 * Epoch milliseconds of a canonical instant, parsed by hand (the hot path parses many; the general
 * `Date.parse` is several times slower). NaN when `iso` is not canonical. Exactly
 * `Date.UTC(year, month - 1, day, hour, minute, second, ms)` of the digits (a test compares them),
 * computed with integer arithmetic: the day count is linear in the day of the month, so a day past
 * the month's end rolls over as in `Date.UTC`.
 */
export function instantMs(iso: string): number {
  if (!isInstant(iso)) return Number.NaN;
  const y0 = iso.charCodeAt(0) - 48;
  const y1 = iso.charCodeAt(1) - 48;
  const y2 = iso.charCodeAt(2) - 48;
  const y3 = iso.charCodeAt(3) - 48;
  const mo0 = iso.charCodeAt(5) - 48;
  const mo1 = iso.charCodeAt(6) - 48;
  const d0 = iso.charCodeAt(8) - 48;
  const d1 = iso.charCodeAt(9) - 48;
  const h0 = iso.charCodeAt(11) - 48;
  const h1 = iso.charCodeAt(12) - 48;
  const mi0 = iso.charCodeAt(14) - 48;
  const mi1 = iso.charCodeAt(15) - 48;
  const s0 = iso.charCodeAt(17) - 48;
  const s1 = iso.charCodeAt(18) - 48;
  const ms0 = iso.charCodeAt(20) - 48;
  const ms1 = iso.charCodeAt(21) - 48;
  const ms2 = iso.charCodeAt(22) - 48;
  // A value outside 0–9 makes `d | (9 - d)` negative: one test for all seventeen digits.
  if (
    (y0 | (9 - y0) | y1 | (9 - y1) | y2 | (9 - y2) | y3 | (9 - y3) | mo0 | (9 - mo0) | mo1 | (9 - mo1)) < 0 ||
    (d0 | (9 - d0) | d1 | (9 - d1) | h0 | (9 - h0) | h1 | (9 - h1) | mi0 | (9 - mi0) | mi1 | (9 - mi1)) < 0 ||
    (s0 | (9 - s0) | s1 | (9 - s1) | ms0 | (9 - ms0) | ms1 | (9 - ms1) | ms2 | (9 - ms2)) < 0
  ) {
    return Number.NaN;
  }
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = mo0 * 10 + mo1;
  const day = d0 * 10 + d1;
  const hour = h0 * 10 + h1;
  const minute = mi0 * 10 + mi1;
  const second = s0 * 10 + s1;
  // Out-of-range fields would roll over in Date.UTC: refuse them (a canonical instant never has
  // them; a 30 February slips through as 2 March — the zod schemas refuse it at the boundary).
  if (
    !(
      year >= 100 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= 31 &&
      hour < 24 &&
      minute < 60 &&
      second < 60
    )
  ) {
    return Number.NaN;
  }
  return (
    daysFromCivil(year, month, day) * 86_400_000 +
    hour * 3_600_000 +
    minute * 60_000 +
    second * 1000 +
    (ms0 * 100 + ms1 * 10 + ms2)
  );
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (year ≥ 0, month 1–12, day ≥ 1; a day past
 * the month's end counts on into the next month). H. Hinnant's `days_from_civil`.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the years `isoOf` formats itself. */
const MIN_ISO_MS = -62_167_219_200_000;
const MAX_ISO_MS = 253_402_300_799_999;

/**
 * `new Date(ms).toISOString()`, formatted with integer arithmetic (V8's own `toISOString` costs
 * several times more; the machine formats a deadline for every new day it meets). Years outside
 * 0000–9999 and non-integers go to `toISOString` itself (which throws a RangeError for NaN). A
 * test compares the two on instants of every year.
 */
export function isoOf(ms: number): string {
  if (!(ms >= MIN_ISO_MS && ms <= MAX_ISO_MS && Number.isInteger(ms))) return new Date(ms).toISOString();
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  // H. Hinnant's `civil_from_days`.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const milli = rest - second * 1000;
  return String.fromCharCode(
    48 + Math.floor(year / 1000),
    48 + (Math.floor(year / 100) % 10),
    48 + (Math.floor(year / 10) % 10),
    48 + (year % 10),
    45, // -
    48 + Math.floor(month / 10),
    48 + (month % 10),
    45, // -
    48 + Math.floor(day / 10),
    48 + (day % 10),
    84, // T
    48 + Math.floor(hour / 10),
    48 + (hour % 10),
    58, // :
    48 + Math.floor(minute / 10),
    48 + (minute % 10),
    58, // :
    48 + Math.floor(second / 10),
    48 + (second % 10),
    46, // .
    48 + Math.floor(milli / 100),
    48 + (Math.floor(milli / 10) % 10),
    48 + (milli % 10),
    90, // Z
  );
}
