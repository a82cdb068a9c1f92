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
 * `Date.parse` is several times slower). NaN when `iso` is not canonical.
 */
export function instantMs(iso: string): number {
  if (!isInstant(iso)) return Number.NaN;
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 2);
  const day = digits(iso, 8, 2);
  const hour = digits(iso, 11, 2);
  const minute = digits(iso, 14, 2);
  const second = digits(iso, 17, 2);
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
  return Date.UTC(year, month - 1, day, hour, minute, second, digits(iso, 20, 3));
}

function digits(s: string, from: number, len: number): number {
  let v = 0;
  for (let i = from; i < from + len; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    v = v * 10 + d;
  }
  return v;
}
