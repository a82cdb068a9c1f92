/**
 * The machine keeps each day's deadlines in a table of days (src/internal/deadlines.ts). This checks that the
 * cache never changes an answer: on random instants, in random order, with and without options,
 * it gives exactly what @izinkit/calendar gives.
 */
import { endOfIstanbulDay, istanbulDate, tryDeadline } from '@izinkit/calendar';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endOfSameDay, statutoryDeadline } from '../src/internal/deadlines.js';

const STATUTES = ['IYS_REGISTER_CONSENT', 'IYS_REGISTER_RET', 'ETK_RET_STOP_SENDING'] as const;
const HALF = { halfDays: 'holiday' } as const;

describe('the deadline cache', () => {
  it('answers exactly as @izinkit/calendar, whatever the order of the questions', () => {
    const lo = Date.parse('2015-05-01T00:00:00Z');
    const hi = Date.parse('2035-12-01T00:00:00Z');
    // Instants cluster on a few days (so the cache is hit) and spread over 2015–2035; some fall in
    // the years of summer time (before 2016: UTC+2 in winter), where the cache's UTC+3 slot guess
    // is wrong for an hour a day.
    const instant = fc.oneof(
      fc.integer({ min: lo, max: hi }),
      fc.integer({ min: Date.parse('2010-01-01T00:00:00Z'), max: Date.parse('2016-12-31T00:00:00Z') }),
      fc.integer({ min: Date.parse('2015-11-07T18:00:00Z'), max: Date.parse('2015-11-09T06:00:00Z') }),
      fc.integer({ min: Date.parse('2026-03-18T20:00:00Z'), max: Date.parse('2026-03-19T23:00:00Z') }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(instant, fc.constantFrom(...STATUTES), fc.boolean()), {
          minLength: 1,
          maxLength: 30,
        }),
        (asks) => {
          for (const [ms, statute, half] of asks) {
            const iso = new Date(ms).toISOString();
            const options = half ? HALF : undefined;
            const want = tryDeadline(statute, new Date(ms), options);
            expect(statutoryDeadline(statute, iso, options)).toBe(want.ok ? want.value.toISOString() : null);
            expect(endOfSameDay(iso)).toBe(endOfIstanbulDay(istanbulDate(new Date(ms))).toISOString());
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('says null outside the calendar, and for a malformed instant', () => {
    expect(statutoryDeadline('IYS_REGISTER_RET', '2036-06-01T00:00:00.000Z', undefined)).toBeNull();
    expect(statutoryDeadline('IYS_REGISTER_RET', 'not-a-date', undefined)).toBeNull();
  });
});
