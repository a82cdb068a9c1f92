import { isoDateArb } from '@izinkit/test-utils/calendar';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endOfIstanbulDay, istanbulDate, startOfIstanbulDay } from '../src/index.js';
import { addMonthsClamped, dayNumber, formatIsoDate, parseIsoDate, weekday } from '../src/internal/civil.js';
import { ISTANBUL_TRANSITIONS, istanbulOffsetMs } from '../src/internal/timezone.js';

const intl = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Istanbul',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
/** The offset Node's ICU time-zone data gives, in ms. */
function intlOffset(ms: number): number {
  const p = Object.fromEntries(intl.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return wall - Math.floor(ms / 1000) * 1000;
}

const HOUR = 3_600_000;

describe('Europe/Istanbul offsets', () => {
  it('match the time-zone data every 6 hours from 1982 to 2040', () => {
    for (let ms = Date.UTC(1982, 0, 1); ms < Date.UTC(2040, 0, 1); ms += 6 * HOUR) {
      const ours = istanbulOffsetMs(ms);
      if (ours !== intlOffset(ms)) expect(ours, new Date(ms).toISOString()).toBe(intlOffset(ms));
    }
  });

  it('match it one millisecond either side of every listed change', () => {
    expect(ISTANBUL_TRANSITIONS.length).toBeGreaterThan(60);
    for (const [at, offsetMin] of ISTANBUL_TRANSITIONS) {
      const ms = Date.parse(at);
      expect(istanbulOffsetMs(ms), at).toBe(offsetMin * 60_000);
      expect(istanbulOffsetMs(ms), at).toBe(intlOffset(ms));
      expect(istanbulOffsetMs(ms - 1), at).toBe(intlOffset(ms - 1000));
      expect(istanbulOffsetMs(ms - 1), at).not.toBe(istanbulOffsetMs(ms));
    }
  });

  it('know the facts: +3 for good since 27 March 2016; the 2015 change postponed to 8 November', () => {
    expect(ISTANBUL_TRANSITIONS.at(-1)).toEqual(['2016-03-27T01:00Z', 180]);
    expect(istanbulOffsetMs(Date.parse('2016-12-01T00:00Z'))).toBe(3 * HOUR);
    expect(istanbulOffsetMs(Date.parse('2030-01-15T00:00Z'))).toBe(3 * HOUR);
    expect(istanbulOffsetMs(Date.parse('2015-11-08T00:59:59Z'))).toBe(3 * HOUR);
    expect(istanbulOffsetMs(Date.parse('2015-11-08T01:00:00Z'))).toBe(2 * HOUR);
    expect(istanbulOffsetMs(Date.parse('2015-01-15T00:00Z'))).toBe(2 * HOUR);
  });
});

describe('Istanbul day helpers', () => {
  it('bracket each day exactly, in every year the package supports', () => {
    fc.assert(
      fc.property(isoDateArb(1982, 2100), (d) => {
        const start = startOfIstanbulDay(d);
        const end = endOfIstanbulDay(d);
        expect(istanbulDate(start)).toBe(d);
        expect(istanbulDate(end)).toBe(d);
        expect(istanbulDate(new Date(start.getTime() - 1))).not.toBe(d);
        expect(istanbulDate(new Date(end.getTime() + 1))).not.toBe(d);
        // A day lasts 23, 24 or 25 hours.
        expect([23, 24, 25]).toContain((end.getTime() + 1 - start.getTime()) / HOUR);
      }),
      { numRuns: 1500 },
    );
  });

  it('give the documented examples', () => {
    expect(istanbulDate(new Date('2026-03-13T21:30:00Z'))).toBe('2026-03-14');
    expect(istanbulDate(new Date('2015-12-31T22:30:00Z'))).toBe('2016-01-01');
    expect(startOfIstanbulDay('2026-03-18').toISOString()).toBe('2026-03-17T21:00:00.000Z');
    expect(startOfIstanbulDay('2015-01-15').toISOString()).toBe('2015-01-14T22:00:00.000Z');
    expect(endOfIstanbulDay('2026-03-18').toISOString()).toBe('2026-03-18T20:59:59.999Z');
  });
});

describe('civil-date arithmetic', () => {
  it('parses and formats like Date does, for every kind of year', () => {
    fc.assert(
      fc.property(isoDateArb(1, 9999), (d) => {
        const n = parseIsoDate(d);
        expect(formatIsoDate(n)).toBe(d);
        const js = new Date(`${d}T00:00:00Z`);
        expect(n * 86_400_000).toBe(js.getTime());
        expect(weekday(n)).toBe(js.getUTCDay());
      }),
      { numRuns: 1500 },
    );
  });

  it('rejects what is not a real date', () => {
    for (const s of [
      '2026-02-29',
      '2100-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-1-01',
      'abcd-ef-gh',
    ]) {
      expect(Number.isNaN(parseIsoDate(s)), s).toBe(true);
    }
    expect(parseIsoDate('2000-02-29')).toBe(dayNumber(2000, 2, 29));
  });

  it('adds months to the corresponding day, clamped to the end of a shorter month', () => {
    const add = (d: string, m: number) => formatIsoDate(addMonthsClamped(parseIsoDate(d), m));
    expect(add('2026-01-31', 1)).toBe('2026-02-28');
    expect(add('2028-01-31', 1)).toBe('2028-02-29');
    expect(add('2026-08-31', 6)).toBe('2027-02-28');
    expect(add('2026-03-18', -3)).toBe('2025-12-18');
    expect(add('2024-02-29', 36)).toBe('2027-02-28');
    expect(add('2024-02-29', 48)).toBe('2028-02-29');
  });
});
