import { describe, expect, it } from 'vitest';
import {
  BAYRAM_EVIDENCE,
  BUILT_IN_YEARS,
  bayramTable,
  type CalendarError,
  type CoverageOptions,
  holidays,
  isCalendarError,
  isHoliday,
  isYearCovered,
} from '../src/index.js';
import { dayOf, isoOf, referenceBayrams, referenceFixed, referenceKinds, weekdayName } from './oracle.js';

function thrown(fn: () => unknown): CalendarError {
  try {
    fn();
  } catch (e) {
    if (isCalendarError(e)) return e;
    throw new Error(`expected a CalendarError, got ${String(e)}`);
  }
  throw new Error('expected a CalendarError, nothing was thrown');
}

/** Istanbul wall-clock time → instant (the offsets are checked in timezone.test.ts). */
const at = (iso: string) => new Date(iso);

describe('the bayram table against the reference (legal-calendar.md §3)', () => {
  it('has the 43 bayrams of 2015–2035, row for row, with their evidence', () => {
    expect(referenceBayrams).toHaveLength(43);
    expect(bayramTable).toHaveLength(43);
    expect(bayramTable.map((b) => [b.bayram, b.arife, b.firstDay, b.lastDay, b.evidence.join(',')])).toEqual(
      referenceBayrams.map((r) => [r.bayram, r.arife, r.firstDay, r.lastDay, r.evidence.join(',')]),
    );
    for (const b of bayramTable) for (const e of b.evidence) expect(BAYRAM_EVIDENCE[e]).toBeTruthy();
  });

  it('agrees with the weekdays the reference prints, and with the bayram lengths of Law 2429', () => {
    for (const r of referenceBayrams) {
      expect(weekdayName(r.arife), r.label).toBe(r.arifeWeekday);
      expect(weekdayName(r.firstDay), r.label).toBe(r.firstWeekday);
      expect(weekdayName(r.lastDay), r.label).toBe(r.lastWeekday);
      expect(dayOf(r.firstDay) - dayOf(r.arife), r.label).toBe(1);
      expect(dayOf(r.lastDay) - dayOf(r.firstDay) + 1, r.label).toBe(r.bayram === 'ramazan' ? 3 : 4);
    }
  });

  it('puts every arife in holidays() as a half day from 13:00 and every bayram day as a full day', () => {
    for (const r of referenceBayrams) {
      const list = holidays(Number(r.arife.slice(0, 4)));
      const arife = list.find((h) => h.date === r.arife);
      expect(arife, r.label).toBeDefined();
      // 2022-05-01 (arife + 1 May), 2029-04-23 and 2033-01-01 coincide with a full holiday.
      const coincides = referenceFixed(Number(r.arife.slice(0, 4))).some((f) => f.date === r.arife);
      expect(arife!.kind, r.label).toBe(coincides ? 'full' : 'half');
      expect(
        arife!.parts.some((p) => p.kind === 'half' && p.law === 'Law 2429 art. 2(B)'),
        r.label,
      ).toBe(true);
      for (let d = dayOf(r.firstDay); d <= dayOf(r.lastDay); d++) {
        const date = isoOf(d);
        const h = holidays(Number(date.slice(0, 4))).find((x) => x.date === date);
        expect(h?.kind, `${r.label} ${date}`).toBe('full');
        expect(h?.name.tr, date).toContain(r.bayram === 'ramazan' ? 'Ramazan Bayramı' : 'Kurban Bayramı');
      }
    }
  });
});

describe('holidays(year) for 2015–2035', () => {
  it('lists exactly the reference holidays of every year, in date order, once per date', () => {
    for (let y = BUILT_IN_YEARS.from; y <= BUILT_IN_YEARS.to; y++) {
      const expected = [...referenceKinds.entries()]
        .filter(([d]) => d.startsWith(`${y}-`))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([date, kind]) => ({ date, kind }));
      const actual = holidays(y).map((h) => ({ date: h.date, kind: h.kind }));
      expect(actual, String(y)).toEqual(expected);
    }
  });

  it('gives every holiday its hours in Europe/Istanbul, half days from 13:00, and a legal basis', () => {
    for (let y = BUILT_IN_YEARS.from; y <= BUILT_IN_YEARS.to; y++) {
      for (const h of holidays(y)) {
        const offset = h.date < '2016-03-27' ? null : '+03:00';
        if (offset !== null) {
          const start = h.kind === 'full' ? `${h.date}T00:00:00${offset}` : `${h.date}T13:00:00${offset}`;
          expect(h.startsAt.toISOString(), h.date).toBe(new Date(start).toISOString());
          expect(h.endsAt.getTime(), h.date).toBe(
            new Date(`${h.date}T00:00:00${offset}`).getTime() + 86_400_000,
          );
        }
        expect(h.law).toMatch(/^Law 2429 art\. [12]/);
        expect(h.name.tr.length).toBeGreaterThan(0);
        expect(h.name.en.length).toBeGreaterThan(0);
        expect(h.parts.length).toBeGreaterThanOrEqual(1);
      }
    }
  });

  it('handles winter and summer time before 2016', () => {
    const y2015 = holidays(2015);
    // 1 January 2015: EET, UTC+2.
    expect(y2015[0]!.startsAt.toISOString()).toBe('2014-12-31T22:00:00.000Z');
    // 28 October 2015: still summer time (the 2015 change was postponed to 8 November), UTC+3.
    expect(y2015.find((h) => h.date === '2015-10-28')!.startsAt.toISOString()).toBe(
      '2015-10-28T10:00:00.000Z',
    );
    // Kurban 2015 arife, 23 September, summer time.
    expect(y2015.find((h) => h.date === '2015-09-23')!.startsAt.toISOString()).toBe(
      '2015-09-23T10:00:00.000Z',
    );
    // 23 April 2016: summer time had started on 27 March.
    expect(
      holidays(2016)
        .find((h) => h.date === '2016-04-23')!
        .startsAt.toISOString(),
    ).toBe('2016-04-22T21:00:00.000Z');
  });

  it('follows the history of Law 2429: 15 July from 2017, 1 May throughout', () => {
    expect(holidays(2016).some((h) => h.date === '2016-07-15')).toBe(false);
    expect(holidays(2015).some((h) => h.date === '2015-07-15')).toBe(false);
    for (let y = 2017; y <= 2035; y++) {
      const h = holidays(y).find((x) => x.date === `${y}-07-15`);
      expect(h?.name.tr, String(y)).toContain('Demokrasi ve Millî Birlik Günü');
      expect(h?.law).toContain('Law 6752');
    }
    for (let y = 2015; y <= 2035; y++) {
      expect(holidays(y).find((x) => x.date === `${y}-05-01`)?.law, String(y)).toContain('Law 5892');
    }
  });

  it('has no 31 December half day and no substitute days', () => {
    for (let y = 2015; y <= 2035; y++) expect(holidays(y).some((h) => h.date === `${y}-12-31`)).toBe(false);
    // 30 August 2026 is a Sunday: Monday 31 August is an ordinary day.
    expect(weekdayName('2026-08-30')).toBe('Sun');
    expect(holidays(2026).some((h) => h.date === '2026-08-31')).toBe(false);
  });

  it('lists coinciding holidays once with both names and both laws', () => {
    const cases: Array<[string, string, string, 'full']> = [
      ['2022-05-01', 'Emek ve Dayanışma Günü', 'Ramazan Bayramı arifesi', 'full'],
      ['2023-04-23', 'Ulusal Egemenlik ve Çocuk Bayramı', 'Ramazan Bayramı (3. gün)', 'full'],
      ['2027-05-19', "Atatürk'ü Anma, Gençlik ve Spor Bayramı", 'Kurban Bayramı (4. gün)', 'full'],
      ['2029-04-23', 'Ulusal Egemenlik ve Çocuk Bayramı', 'Kurban Bayramı arifesi', 'full'],
      ['2033-01-01', 'Yılbaşı', 'Ramazan Bayramı arifesi', 'full'],
    ];
    for (const [date, a, b, kind] of cases) {
      const list = holidays(Number(date.slice(0, 4))).filter((h) => h.date === date);
      expect(list, date).toHaveLength(1);
      const h = list[0]!;
      expect(h.kind).toBe(kind);
      expect(h.name.tr).toContain(a);
      expect(h.name.tr).toContain(b);
      expect(h.name.en).toContain(' + ');
      expect(h.parts).toHaveLength(2);
      // A coinciding full holiday starts at midnight even when one part is a half day.
      expect(h.startsAt.toISOString()).toBe(new Date(`${date}T00:00:00+03:00`).toISOString());
    }
    expect(holidays(2023).find((h) => h.date === '2023-04-23')!.law).toBe(
      'Law 2429 art. 2(A); Law 2429 art. 2(B)',
    );
  });

  it('returns fresh objects: mutating a result does not change the next one', () => {
    const a = holidays(2026);
    a[0]!.startsAt.setTime(0);
    (a as unknown as Array<unknown>).length = 0;
    const b = holidays(2026);
    expect(b[0]!.startsAt.toISOString()).toBe('2025-12-31T21:00:00.000Z');
    expect(b.length).toBe(17);
  });
});

describe('coverage: years outside the table are never answered silently', () => {
  it('throws calendar_not_covered for 2014, 2036 and 2040, with the year and both languages', () => {
    for (const y of [1981, 2000, 2014, 2036, 2040, 10000]) {
      const e = thrown(() => holidays(y));
      expect(e.code).toBe('calendar_not_covered');
      expect(e.year).toBe(y);
      expect(e.messages.tr).toContain('kapsamıyor');
      expect(e.messages.en).toContain('does not cover');
      expect(isYearCovered(y)).toBe(false);
    }
    expect(isYearCovered(2015)).toBe(true);
    expect(isYearCovered(2035)).toBe(true);
  });

  it('rejects a year that is not an integer with invalid_argument', () => {
    for (const y of [2026.5, Number.NaN, Number.POSITIVE_INFINITY, '2026' as unknown as number]) {
      expect(thrown(() => holidays(y)).code).toBe('invalid_argument');
    }
  });

  const y2036: CoverageOptions = {
    bayramDates: {
      // Illustrative dates for the test, not a published table.
      2036: [
        { bayram: 'kurban', firstDay: '2036-02-07' },
        { bayram: 'ramazan', firstDay: '2036-11-19' },
      ],
    },
  };

  it('answers a year the caller supplies through bayramDates', () => {
    const list = holidays(2036, y2036);
    expect(list.map((h) => `${h.date}:${h.kind}`)).toEqual([
      '2036-01-01:full',
      '2036-02-06:half',
      '2036-02-07:full',
      '2036-02-08:full',
      '2036-02-09:full',
      '2036-02-10:full',
      '2036-04-23:full',
      '2036-05-01:full',
      '2036-05-19:full',
      '2036-07-15:full',
      '2036-08-30:full',
      '2036-10-28:half',
      '2036-10-29:full',
      '2036-11-18:half',
      '2036-11-19:full',
      '2036-11-20:full',
      '2036-11-21:full',
    ]);
    expect(isYearCovered(2036, y2036)).toBe(true);
    expect(isHoliday('2036-11-20', y2036)).toBe(true);
    expect(thrown(() => holidays(2037, y2036)).code).toBe('calendar_not_covered');
    // The built-in years are still there.
    expect(holidays(2026, y2036)).toEqual(holidays(2026));
  });

  it('applies the law of the time to supplied years: no 1 May before 2009, no 15 July before 2017', () => {
    const old: CoverageOptions = {
      bayramDates: {
        2008: [
          { bayram: 'ramazan', firstDay: '2008-09-30' },
          { bayram: 'kurban', firstDay: '2008-12-08' },
        ],
        2009: [
          { bayram: 'ramazan', firstDay: '2009-09-20' },
          { bayram: 'kurban', firstDay: '2009-11-27' },
        ],
      },
    };
    expect(holidays(2008, old).some((h) => h.date === '2008-05-01')).toBe(false);
    expect(holidays(2009, old).some((h) => h.date === '2009-05-01')).toBe(true);
    expect(holidays(2009, old).some((h) => h.date === '2009-07-15')).toBe(false);
    // 2008 was on EET in January (UTC+2).
    expect(holidays(2008, old)[0]!.startsAt.toISOString()).toBe('2007-12-31T22:00:00.000Z');
  });

  it('lets the caller replace a built-in year', () => {
    const moved: CoverageOptions = {
      bayramDates: {
        2026: [
          { bayram: 'ramazan', firstDay: '2026-03-21' },
          { bayram: 'kurban', firstDay: '2026-05-27' },
        ],
      },
    };
    const dates = holidays(2026, moved).map((h) => h.date);
    expect(dates).toContain('2026-03-23');
    expect(dates).not.toContain('2026-03-19');
    expect(holidays(2026).map((h) => h.date)).toContain('2026-03-19');
  });

  it('rejects malformed or incomplete bayramDates with invalid_options', () => {
    const bad: unknown[] = [
      null,
      [],
      { 2036: 'x' },
      { 1900: [] },
      { abc: [] },
      { 2036: [{ bayram: 'noel', firstDay: '2036-02-07' }] },
      { 2036: [{ bayram: 'kurban', firstDay: '2036-02-30' }] },
      // Only one kind: incomplete.
      { 2036: [{ bayram: 'kurban', firstDay: '2036-02-07' }] },
      // Does not touch 2036.
      {
        2036: [
          { bayram: 'kurban', firstDay: '2037-01-27' },
          { bayram: 'ramazan', firstDay: '2036-11-19' },
        ],
      },
      // Two Ramazan a month apart.
      {
        2036: [
          { bayram: 'kurban', firstDay: '2036-02-07' },
          { bayram: 'ramazan', firstDay: '2036-10-19' },
          { bayram: 'ramazan', firstDay: '2036-11-19' },
        ],
      },
    ];
    for (const bayramDates of bad) {
      const e = thrown(() => holidays(2036, { bayramDates } as CoverageOptions));
      expect(e.code, JSON.stringify(bayramDates)).toBe('invalid_options');
    }
    expect(thrown(() => holidays(2026, 5 as unknown as CoverageOptions)).code).toBe('invalid_options');
  });
});

describe('isHoliday', () => {
  it('is true on an arife only from 13:00 Istanbul time, to the end of the day', () => {
    expect(isHoliday(at('2026-03-19T12:59:59.999+03:00'))).toBe(false);
    expect(isHoliday(at('2026-03-19T13:00:00+03:00'))).toBe(true);
    expect(isHoliday(at('2026-03-19T23:59:59.999+03:00'))).toBe(true);
    expect(isHoliday(at('2026-03-22T23:59:59.999+03:00'))).toBe(true);
    // date-holidays says true here; the bayram ended at 24:00 on day 3.
    expect(isHoliday(at('2026-03-23T10:00:00+03:00'))).toBe(false);
    expect(isHoliday(at('2026-03-23T00:00:00+03:00'))).toBe(false);
  });

  it('knows the 28 October half day', () => {
    expect(isHoliday(at('2026-10-28T12:00:00+03:00'))).toBe(false);
    expect(isHoliday(at('2026-10-28T15:00:00+03:00'))).toBe(true);
    expect(isHoliday(at('2026-10-29T00:00:00+03:00'))).toBe(true);
    expect(isHoliday(at('2026-10-30T00:00:00+03:00'))).toBe(false);
  });

  it('reads strings with a time as instants, Istanbul time when there is no offset', () => {
    expect(isHoliday('2026-03-19T12:00')).toBe(false);
    expect(isHoliday('2026-03-19T13:00')).toBe(true);
    expect(isHoliday('2026-03-19 13:00:00')).toBe(true);
    expect(isHoliday('2026-03-19T10:00:00Z')).toBe(true); // 13:00 in Istanbul
    expect(isHoliday('2026-03-19T09:59:59.999Z')).toBe(false);
    expect(isHoliday('2026-03-19T13:00+03:00')).toBe(true);
    expect(isHoliday('2026-03-19T12:00+02:00')).toBe(true); // 13:00 in Istanbul
    expect(isHoliday('2026-03-19T13:00+03')).toBe(true);
    expect(isHoliday('2026-03-19T13:00+0300')).toBe(true);
  });

  it('answers a plain date for the whole day: true when any part of it is a holiday', () => {
    expect(isHoliday('2026-03-19')).toBe(true);
    expect(isHoliday('2026-03-20')).toBe(true);
    expect(isHoliday('2026-03-18')).toBe(false);
    expect(isHoliday('2026-03-21')).toBe(true);
    expect(isHoliday('2026-03-28')).toBe(false); // a Saturday is not a holiday
  });

  it('matches the reference on every day of 2015–2035 at 00:00, 12:59, 13:00 and 23:59', () => {
    for (let d = dayOf('2015-01-01'); d <= dayOf('2035-12-31'); d++) {
      const date = isoOf(d);
      const kind = referenceKinds.get(date);
      const off = date < '2016-03-27' ? null : '+03:00';
      expect(isHoliday(date), date).toBe(kind !== undefined);
      if (off === null) continue;
      expect(isHoliday(at(`${date}T00:00:00${off}`)), date).toBe(kind === 'full');
      expect(isHoliday(at(`${date}T12:59:00${off}`)), date).toBe(kind === 'full');
      expect(isHoliday(at(`${date}T13:00:00${off}`)), date).toBe(kind !== undefined);
      expect(isHoliday(at(`${date}T23:59:00${off}`)), date).toBe(kind !== undefined);
    }
  });

  it('uses the right offset before 2016: the arife of Kurban 2015 began at 10:00 UTC (EEST)', () => {
    expect(isHoliday(at('2015-09-23T09:59:59Z'))).toBe(false);
    expect(isHoliday(at('2015-09-23T10:00:00Z'))).toBe(true);
    // New Year 2015 began at 22:00 UTC on 31 December 2014 (EET): covered year 2015.
    expect(isHoliday(at('2014-12-31T22:00:00Z'))).toBe(true);
    expect(thrown(() => isHoliday(at('2014-12-31T21:59:59Z'))).code).toBe('calendar_not_covered');
  });

  it('throws calendar_not_covered outside the table and invalid_date for junk', () => {
    expect(thrown(() => isHoliday('2040-01-01')).code).toBe('calendar_not_covered');
    expect(thrown(() => isHoliday(at('2040-06-01T10:00:00Z'))).year).toBe(2040);
    for (const junk of [
      '',
      '2026-02-29',
      '2026-03-19T24:00',
      '2026-03-19T13:00+25:00',
      'soon',
      '2026-03-19T',
    ]) {
      expect(thrown(() => isHoliday(junk)).code, junk).toBe('invalid_date');
    }
    expect(thrown(() => isHoliday(new Date(Number.NaN))).code).toBe('invalid_date');
    expect(thrown(() => isHoliday(42 as unknown as string)).code).toBe('invalid_date');
  });
});
