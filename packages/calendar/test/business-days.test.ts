import { businessDayCountArb, calendarOptionsArb, isoDateArb } from '@izinkit/test-utils/calendar';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  businessDaysBetween,
  type CalendarError,
  type CalendarOptions,
  isBusinessDay,
  isCalendarError,
} from '../src/index.js';
import { dayOf, isoOf, referenceAddBusinessDays, referenceIsBusinessDay } from './oracle.js';

function thrown(fn: () => unknown): CalendarError {
  try {
    fn();
  } catch (e) {
    if (isCalendarError(e)) return e;
    throw new Error(`expected a CalendarError, got ${String(e)}`);
  }
  throw new Error('expected a CalendarError, nothing was thrown');
}

/**
 * Dates kept 5 years away from the edges of the table: ±1000 business days is about 4 calendar
 * years (fewer business days per year with a 2-day weekend, half days as holidays and extra
 * holidays), so every walk stays inside 2015–2035.
 */
const innerDate = isoDateArb(2020, 2030);

describe('worked examples of the reference (legal-calendar.md §2)', () => {
  it('RET received Fri 2026-03-13 → Mon 16, Tue 17, Wed 18', () => {
    expect(addBusinessDays('2026-03-13', 3)).toBe('2026-03-18');
  });
  it('received Wed 2026-03-18 → Thu 19 (arife counts), Mon 23, Tue 24', () => {
    expect(addBusinessDays('2026-03-18', 1)).toBe('2026-03-19');
    expect(addBusinessDays('2026-03-18', 2)).toBe('2026-03-23');
    expect(addBusinessDays('2026-03-18', 3)).toBe('2026-03-24');
  });
  it('with half days as holidays → Mon 23, Tue 24, Wed 25', () => {
    expect(addBusinessDays('2026-03-18', 3, { halfDays: 'holiday' })).toBe('2026-03-25');
  });
});

describe('isBusinessDay', () => {
  it('matches the reference model on every day of 2015–2035, under both half-day policies', () => {
    for (let d = dayOf('2015-01-01'); d <= dayOf('2035-12-31'); d++) {
      const date = isoOf(d);
      expect(isBusinessDay(date), date).toBe(referenceIsBusinessDay(date));
      expect(isBusinessDay(date, { halfDays: 'holiday' }), date).toBe(referenceIsBusinessDay(date, true));
    }
  });

  it('counts half days as business days by default and idari izin as a business day', () => {
    expect(isBusinessDay('2026-03-19')).toBe(true);
    expect(isBusinessDay('2026-10-28')).toBe(true);
    expect(isBusinessDay('2026-10-28', { halfDays: 'holiday' })).toBe(false);
    expect(isBusinessDay('2026-10-28', { halfDays: 'business' })).toBe(true);
    // Idari izin days of the Yargıtay decisions: deadlines ran through them.
    expect(isBusinessDay('2019-06-07')).toBe(true);
    expect(isBusinessDay('2016-07-08')).toBe(true);
  });

  it('applies extraHolidays, extraBusinessDays and weekend', () => {
    expect(isBusinessDay('2019-06-07', { extraHolidays: ['2019-06-07'] })).toBe(false);
    expect(isBusinessDay('2026-03-21', { extraBusinessDays: ['2026-03-21'] })).toBe(true);
    // An extra business day wins over an official holiday too.
    expect(isBusinessDay('2026-10-29', { extraBusinessDays: ['2026-10-29'] })).toBe(true);
    // Labour Law reading: Saturday is a working day.
    expect(isBusinessDay('2026-03-28', { weekend: [0] })).toBe(true);
    expect(isBusinessDay('2026-03-29', { weekend: [0] })).toBe(false);
    expect(isBusinessDay('2026-03-21', { weekend: [0] })).toBe(false); // bayram day 2
    expect(isBusinessDay('2026-03-27', { weekend: [5, 6] })).toBe(false);
  });

  it('gives the same answers to equal options in different objects, and different ones to different options', () => {
    const a: CalendarOptions = { extraHolidays: ['2026-04-06'] };
    const b: CalendarOptions = { extraHolidays: ['2026-04-06'] };
    const c: CalendarOptions = { extraHolidays: ['2026-04-07'] };
    expect(isBusinessDay('2026-04-06', a)).toBe(false);
    expect(isBusinessDay('2026-04-06', b)).toBe(false);
    expect(isBusinessDay('2026-04-06', c)).toBe(true);
    expect(isBusinessDay('2026-04-07', c)).toBe(false);
    // Growing the same array is seen (the cache checks the length).
    const grow = ['2026-04-06'];
    const g: CalendarOptions = { extraHolidays: grow };
    expect(isBusinessDay('2026-04-08', g)).toBe(true);
    grow.push('2026-04-08');
    expect(isBusinessDay('2026-04-08', g)).toBe(false);
  });

  it('rejects malformed options with invalid_options', () => {
    const bad: unknown[] = [
      { halfDays: 'sometimes' },
      { extraHolidays: '2026-04-06' },
      { extraHolidays: ['2026-04-31'] },
      { extraBusinessDays: [20260406] },
      { extraHolidays: ['2026-04-06'], extraBusinessDays: ['2026-04-06'] },
      { weekend: [7] },
      { weekend: [0, 1, 2, 3, 4, 5, 6] },
      { weekend: 'weekend' },
      'holiday',
      null,
    ];
    for (const o of bad) {
      expect(thrown(() => isBusinessDay('2026-04-06', o as CalendarOptions)).code, JSON.stringify(o)).toBe(
        'invalid_options',
      );
    }
  });

  it('throws calendar_not_covered outside 2015–2035 and invalid_date for junk', () => {
    expect(thrown(() => isBusinessDay('2014-12-31')).year).toBe(2014);
    expect(thrown(() => isBusinessDay('2036-01-02')).year).toBe(2036);
    expect(thrown(() => isBusinessDay('2040-01-07')).code).toBe('calendar_not_covered');
    for (const junk of ['2026-02-29', '2026-3-18', '18.03.2026', '2026-03-18T00:00', '']) {
      expect(thrown(() => isBusinessDay(junk)).code, junk).toBe('invalid_date');
    }
  });
});

describe('addBusinessDays', () => {
  it('agrees with a day-by-day walk on random dates and offsets', () => {
    fc.assert(
      fc.property(innerDate, fc.integer({ min: -40, max: 40 }), fc.boolean(), (d, n, half) => {
        const options: CalendarOptions = { halfDays: half ? 'holiday' : 'business' };
        expect(addBusinessDays(d, n, options)).toBe(n === 0 ? d : referenceAddBusinessDays(d, n, half));
      }),
      { numRuns: 2000 },
    );
  });

  it('returns to d: addBusinessDays(addBusinessDays(d, n), -n) === d when d is a business day', () => {
    fc.assert(
      fc.property(innerDate, businessDayCountArb, calendarOptionsArb(2015, 2035), (d, n, options) => {
        fc.pre(isBusinessDay(d, options));
        expect(addBusinessDays(addBusinessDays(d, n, options), -n, options)).toBe(d);
      }),
      { numRuns: 1000 },
    );
  });

  it('always lands on a business day when n ≠ 0', () => {
    fc.assert(
      fc.property(innerDate, businessDayCountArb, calendarOptionsArb(2015, 2035), (d, n, options) => {
        fc.pre(n !== 0);
        expect(isBusinessDay(addBusinessDays(d, n, options), options)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('is monotonic in n', () => {
    fc.assert(
      fc.property(innerDate, businessDayCountArb, businessDayCountArb, (d, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(addBusinessDays(d, lo) <= addBusinessDays(d, hi)).toBe(true);
        if (lo < hi && lo !== 0 && hi !== 0)
          expect(addBusinessDays(d, lo) < addBusinessDays(d, hi)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('returns the date itself for n = 0, even on a holiday', () => {
    expect(addBusinessDays('2026-03-21', 0)).toBe('2026-03-21');
    expect(addBusinessDays('2026-03-18', 0)).toBe('2026-03-18');
  });

  it('steps off a non-business day in both directions', () => {
    // Saturday 2026-03-21, in the middle of Ramazan Bayramı.
    expect(addBusinessDays('2026-03-21', 1)).toBe('2026-03-23');
    expect(addBusinessDays('2026-03-21', -1)).toBe('2026-03-19');
    expect(addBusinessDays('2026-03-21', -1, { halfDays: 'holiday' })).toBe('2026-03-18');
  });

  it('walks up to the edges of the table and no further', () => {
    expect(addBusinessDays('2015-01-05', -1)).toBe('2015-01-02');
    expect(thrown(() => addBusinessDays('2015-01-02', -1)).year).toBe(2014);
    expect(addBusinessDays('2035-12-28', 1)).toBe('2035-12-31');
    expect(thrown(() => addBusinessDays('2035-12-31', 1)).year).toBe(2036);
    expect(thrown(() => addBusinessDays('2026-03-18', 1_000_000)).code).toBe('calendar_not_covered');
    expect(thrown(() => addBusinessDays('2026-03-18', -1_000_000)).code).toBe('calendar_not_covered');
    expect(thrown(() => addBusinessDays('2026-03-18', Number.MAX_SAFE_INTEGER)).code).toBe(
      'calendar_not_covered',
    );
  });

  it('rejects an n that is not a safe integer', () => {
    for (const n of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '3' as unknown as number]) {
      expect(thrown(() => addBusinessDays('2026-03-18', n)).code, String(n)).toBe('invalid_argument');
    }
  });

  it('uses supplied years and refuses to cross a year nobody supplied', () => {
    const options: CalendarOptions = {
      bayramDates: {
        2040: [
          { bayram: 'ramazan', firstDay: '2040-10-04' },
          { bayram: 'kurban', firstDay: '2040-12-11' },
        ],
      },
    };
    expect(isBusinessDay('2040-10-04', options)).toBe(false);
    // Tue 2 → Wed 3 (arife, counts) → Thu 4 – Sat 6 bayram, Sun 7 → Mon 8.
    expect(addBusinessDays('2040-10-02', 2, options)).toBe('2040-10-08');
    expect(thrown(() => isBusinessDay('2037-06-01', options)).year).toBe(2037);
    expect(thrown(() => addBusinessDays('2035-12-28', 10, options)).year).toBe(2036);
    expect(thrown(() => addBusinessDays('2040-01-03', -5, options)).year).toBe(2039);
    expect(thrown(() => businessDaysBetween('2035-12-28', '2040-01-03', options)).year).toBe(2036);
    // Inside one covered run the gap does not matter.
    expect(addBusinessDays('2035-12-27', 2, options)).toBe('2035-12-31');
  });
});

describe('businessDaysBetween', () => {
  it('inverts addBusinessDays: businessDaysBetween(d, addBusinessDays(d, n)) === n for every d', () => {
    fc.assert(
      fc.property(innerDate, businessDayCountArb, calendarOptionsArb(2015, 2035), (d, n, options) => {
        expect(businessDaysBetween(d, addBusinessDays(d, n, options), options)).toBe(n);
      }),
      { numRuns: 1500 },
    );
  });

  it('counts like a day-by-day walk', () => {
    fc.assert(
      fc.property(innerDate, fc.integer({ min: -60, max: 60 }), (from, delta) => {
        const to = isoOf(dayOf(from) + delta);
        let expected = 0;
        if (delta > 0)
          for (let d = dayOf(from) + 1; d <= dayOf(to); d++) expected += +referenceIsBusinessDay(isoOf(d));
        else for (let d = dayOf(to); d < dayOf(from); d++) expected -= +referenceIsBusinessDay(isoOf(d));
        expect(businessDaysBetween(from, to)).toBe(expected);
      }),
      { numRuns: 1500 },
    );
  });

  it('is monotonic in the end date', () => {
    fc.assert(
      fc.property(
        innerDate,
        fc.integer({ min: -400, max: 400 }),
        fc.integer({ min: 0, max: 30 }),
        (from, a, step) => {
          const t1 = isoOf(dayOf(from) + a);
          const t2 = isoOf(dayOf(from) + a + step);
          expect(businessDaysBetween(from, t1)).toBeLessThanOrEqual(businessDaysBetween(from, t2));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('examples', () => {
    expect(businessDaysBetween('2026-03-13', '2026-03-18')).toBe(3);
    expect(businessDaysBetween('2026-03-18', '2026-03-24')).toBe(3);
    expect(businessDaysBetween('2026-03-24', '2026-03-18')).toBe(-3);
    expect(businessDaysBetween('2026-03-20', '2026-03-22')).toBe(0);
    expect(businessDaysBetween('2026-03-18', '2026-03-18')).toBe(0);
    expect(businessDaysBetween('2015-01-01', '2035-12-31')).toBe(
      Array.from({ length: dayOf('2035-12-31') - dayOf('2015-01-01') }, (_, i) =>
        referenceIsBusinessDay(isoOf(dayOf('2015-01-02') + i)),
      ).filter(Boolean).length,
    );
  });

  it('throws for dates outside the table', () => {
    expect(thrown(() => businessDaysBetween('2014-12-31', '2015-01-05')).year).toBe(2014);
    expect(thrown(() => businessDaysBetween('2035-12-31', '2036-01-05')).year).toBe(2036);
    expect(thrown(() => businessDaysBetween('2026-01-01', 'tomorrow')).code).toBe('invalid_date');
  });
});
