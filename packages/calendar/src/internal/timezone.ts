/**
 * Europe/Istanbul wall clock ↔ UTC instants, from an explicit offset table (no `Intl` at run time).
 *
 * Source: the IANA time-zone database (tzdata 2025c, read through Node 20's ICU 78.2). Türkiye has
 * been on UTC+3 without interruption since the start of summer time on 2016-03-27 01:00 UTC (it
 * did not fall back on 2016-09-07 and made +03 permanent). Before that it alternated between
 * EET (+02) and EEST (+03), with one-off moves of the change date: 2011 (28 March), 2014
 * (31 March), 2015 (8 November). `test/timezone.test.ts` checks this table against `Intl` hour by
 * hour. Instants before 1982 are outside the package's domain (Law 2429 dates from 1981).
 */
import { DAY_MS } from './civil.js';

const HOUR_MS = 3_600_000;

/** Changes of the UTC offset (in minutes) in Europe/Istanbul from 1982: `[UTC instant, new offset]`. */
const TRANSITIONS: ReadonlyArray<readonly [string, number]> = [
  ['1983-07-30T23:00Z', 240],
  ['1983-10-01T22:00Z', 180],
  ['1984-10-31T23:00Z', 120],
  ['1985-04-19T23:00Z', 180],
  ['1985-09-27T23:00Z', 120],
  ['1986-03-29T23:00Z', 180],
  ['1986-09-27T23:00Z', 120],
  ['1987-03-28T23:00Z', 180],
  ['1987-09-26T23:00Z', 120],
  ['1988-03-26T23:00Z', 180],
  ['1988-09-24T23:00Z', 120],
  ['1989-03-25T23:00Z', 180],
  ['1989-09-23T23:00Z', 120],
  ['1990-03-24T23:00Z', 180],
  ['1990-09-29T23:00Z', 120],
  ['1991-03-30T23:00Z', 180],
  ['1991-09-28T23:00Z', 120],
  ['1992-03-28T23:00Z', 180],
  ['1992-09-26T23:00Z', 120],
  ['1993-03-27T23:00Z', 180],
  ['1993-09-25T23:00Z', 120],
  ['1994-03-19T23:00Z', 180],
  ['1994-09-24T23:00Z', 120],
  ['1995-03-25T23:00Z', 180],
  ['1995-09-23T23:00Z', 120],
  ['1996-03-30T23:00Z', 180],
  ['1996-10-26T23:00Z', 120],
  ['1997-03-29T23:00Z', 180],
  ['1997-10-25T23:00Z', 120],
  ['1998-03-28T23:00Z', 180],
  ['1998-10-24T23:00Z', 120],
  ['1999-03-27T23:00Z', 180],
  ['1999-10-30T23:00Z', 120],
  ['2000-03-25T23:00Z', 180],
  ['2000-10-28T23:00Z', 120],
  ['2001-03-24T23:00Z', 180],
  ['2001-10-27T23:00Z', 120],
  ['2002-03-30T23:00Z', 180],
  ['2002-10-26T23:00Z', 120],
  ['2003-03-29T23:00Z', 180],
  ['2003-10-25T23:00Z', 120],
  ['2004-03-27T23:00Z', 180],
  ['2004-10-30T23:00Z', 120],
  ['2005-03-26T23:00Z', 180],
  ['2005-10-29T23:00Z', 120],
  ['2006-03-25T23:00Z', 180],
  ['2006-10-28T23:00Z', 120],
  ['2007-03-25T01:00Z', 180],
  ['2007-10-28T01:00Z', 120],
  ['2008-03-30T01:00Z', 180],
  ['2008-10-26T01:00Z', 120],
  ['2009-03-29T01:00Z', 180],
  ['2009-10-25T01:00Z', 120],
  ['2010-03-28T01:00Z', 180],
  ['2010-10-31T01:00Z', 120],
  ['2011-03-28T01:00Z', 180],
  ['2011-10-30T01:00Z', 120],
  ['2012-03-25T01:00Z', 180],
  ['2012-10-28T01:00Z', 120],
  ['2013-03-31T01:00Z', 180],
  ['2013-10-27T01:00Z', 120],
  ['2014-03-31T01:00Z', 180],
  ['2014-10-26T01:00Z', 120],
  ['2015-03-29T01:00Z', 180],
  ['2015-11-08T01:00Z', 120],
  ['2016-03-27T01:00Z', 180],
];

/** Offset in force on 1982-01-01, before the first listed change. */
const INITIAL_OFFSET_MIN = 180;

const CHANGE_MS: Float64Array = Float64Array.from(TRANSITIONS, ([at]) => Date.parse(at));
const OFFSET_MS: Float64Array = Float64Array.from(TRANSITIONS, ([, o]) => o * 60_000);

/** From this instant on, the offset is +03:00 for good. */
export const PERMANENT_PLUS3_FROM_MS: number = CHANGE_MS[CHANGE_MS.length - 1]!;
const PLUS3 = 3 * HOUR_MS;

/** The offset table, exposed for the test that checks it against `Intl`. */
export const ISTANBUL_TRANSITIONS: ReadonlyArray<readonly [string, number]> = TRANSITIONS;

/** UTC offset of Europe/Istanbul, in milliseconds, at a UTC instant. */
export function istanbulOffsetMs(utcMs: number): number {
  if (utcMs >= PERMANENT_PLUS3_FROM_MS) return PLUS3;
  let lo = 0;
  let hi = CHANGE_MS.length - 1;
  if (utcMs < CHANGE_MS[0]!) return INITIAL_OFFSET_MIN * 60_000;
  // Largest i with CHANGE_MS[i] <= utcMs.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (CHANGE_MS[mid]! <= utcMs) lo = mid;
    else hi = mid - 1;
  }
  return OFFSET_MS[lo]!;
}

/** Istanbul day number (days since 1970-01-01) of a UTC instant. */
export function istanbulDayOf(utcMs: number): number {
  return Math.floor((utcMs + istanbulOffsetMs(utcMs)) / DAY_MS);
}

/**
 * The UTC instant of an Istanbul wall-clock time given as "milliseconds since 1970-01-01 00:00 on
 * the wall clock". Türkiye's clock changes happened at 01:00–04:00 local time, never at the times
 * this package asks for (00:00, 13:00), so every such wall time exists exactly once.
 */
export function istanbulWallToUtc(wallMs: number): number {
  const guess = wallMs - PLUS3;
  if (guess >= PERMANENT_PLUS3_FROM_MS) return guess;
  const o1 = istanbulOffsetMs(wallMs - PLUS3);
  const u = wallMs - o1;
  const o2 = istanbulOffsetMs(u);
  return o2 === o1 ? u : wallMs - o2;
}

/** First instant of an Istanbul calendar day. */
export function istanbulStartOfDayMs(dayNum: number): number {
  return istanbulWallToUtc(dayNum * DAY_MS);
}
