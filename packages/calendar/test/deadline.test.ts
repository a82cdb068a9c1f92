import { calendarOptionsArb, instantArb } from '@izinkit/test-utils/calendar';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  type CalendarError,
  deadline,
  endOfIstanbulDay,
  isBusinessDay,
  isCalendarError,
  istanbulDate,
  type StatuteId,
  statutes,
} from '../src/index.js';

function thrown(fn: () => unknown): CalendarError {
  try {
    fn();
  } catch (e) {
    if (isCalendarError(e)) return e;
    throw new Error(`expected a CalendarError, got ${String(e)}`);
  }
  throw new Error('expected a CalendarError, nothing was thrown');
}

const iso = (d: Date) => d.toISOString();
/** 23:59:59.999 Istanbul (UTC+3) of a date after 2016. */
const endOf = (date: string) => new Date(`${date}T23:59:59.999+03:00`).toISOString();

describe('the statutes table', () => {
  it('has the ids of the issue with their periods and articles', () => {
    const expected: Array<[StatuteId, number, string, RegExp]> = [
      ['ETK_RET_STOP_SENDING', 3, 'businessDays', /Law 6563\) art\. 8\(3\)/],
      ['IYS_REGISTER_CONSENT', 3, 'businessDays', /art\. 7/],
      ['IYS_REGISTER_RET', 3, 'businessDays', /art\. 9/],
      ['KVKK_APPLICATION_ANSWER', 30, 'days', /Law 6698\) art\. 13\(2\)/],
      ['KVKK_BREACH_NOTIFY', 72, 'hours', /art\. 12\(5\).*2019\/10/],
      ['KVKK_PERIODIC_DESTRUCTION', 6, 'months', /art\. 11\(2\)/],
      ['CONSENT_RECORD_RETENTION', 3, 'years', /Commercial Electronic Messages/],
      ['DESTRUCTION_RECORD_RETENTION', 3, 'years', /Deletion, Destruction or Anonymisation/],
    ];
    for (const [id, amount, unit, basis] of expected) {
      const s = statutes[id];
      expect(s.id).toBe(id);
      expect(s.period).toEqual({ amount, unit });
      expect(s.basis).toMatch(basis);
      expect(s.title.tr.length).toBeGreaterThan(0);
      expect(s.title.en.length).toBeGreaterThan(0);
      expect(s.runsFrom.tr.length).toBeGreaterThan(0);
      expect(['high', 'medium', 'low']).toContain(s.confidence);
    }
  });

  it('keys every statute by its own id, frozen', () => {
    for (const [key, s] of Object.entries(statutes)) expect(s.id).toBe(key);
    expect(Object.isFrozen(statutes)).toBe(true);
    expect(Object.isFrozen(statutes.ETK_RET_STOP_SENDING)).toBe(true);
  });

  it('allows roll-forward only for calendar periods', () => {
    for (const s of Object.values(statutes)) {
      const calendar = ['days', 'months', 'years'].includes(s.period.unit);
      expect(s.rollForward === 'optional', s.id).toBe(calendar);
    }
  });
});

describe('deadline: 3 business days (ETK art. 8(3), İYS registration)', () => {
  it('RET received Fri 2026-03-13 → end of Wed 2026-03-18', () => {
    expect(iso(deadline('ETK_RET_STOP_SENDING', new Date('2026-03-13T16:00:00+03:00')))).toBe(
      endOf('2026-03-18'),
    );
  });

  it('received Wed 2026-03-18 → end of Tue 2026-03-24, or Wed 2026-03-25 with half days as holidays', () => {
    for (const id of ['ETK_RET_STOP_SENDING', 'IYS_REGISTER_CONSENT', 'IYS_REGISTER_RET'] as const) {
      const from = new Date('2026-03-18T09:15:00+03:00');
      expect(iso(deadline(id, from))).toBe(endOf('2026-03-24'));
      expect(iso(deadline(id, from, { halfDays: 'holiday' }))).toBe(endOf('2026-03-25'));
    }
  });

  it('does not count the day of receipt, whatever the hour', () => {
    expect(iso(deadline('ETK_RET_STOP_SENDING', new Date('2026-03-13T00:00:00+03:00')))).toBe(
      endOf('2026-03-18'),
    );
    expect(iso(deadline('ETK_RET_STOP_SENDING', new Date('2026-03-13T23:59:59.999+03:00')))).toBe(
      endOf('2026-03-18'),
    );
    // Received on Saturday: Mon, Tue, Wed.
    expect(iso(deadline('ETK_RET_STOP_SENDING', new Date('2026-03-14T10:00:00+03:00')))).toBe(
      endOf('2026-03-18'),
    );
  });

  it('takes the day of receipt in Istanbul, not in UTC', () => {
    // 22:30 UTC on Thursday is 01:30 on Friday in Istanbul: the day of receipt is Friday.
    expect(iso(deadline('ETK_RET_STOP_SENDING', new Date('2026-03-12T22:30:00Z')))).toBe(endOf('2026-03-18'));
    expect(iso(deadline('ETK_RET_STOP_SENDING', new Date('2026-03-12T20:30:00Z')))).toBe(endOf('2026-03-17'));
  });

  it('handles winter time before 2016: received Thu 2015-11-05 → end of Tue 2015-11-10 (UTC+2)', () => {
    // Summer time ended on 8 November 2015 (postponed for the election): the deadline is at +02.
    expect(iso(deadline('ETK_RET_STOP_SENDING', new Date('2015-11-05T12:00:00+02:00')))).toBe(
      '2015-11-10T21:59:59.999Z',
    );
    // Kurban 2015 (arife Wed 23 Sept, Thu 24 – Sun 27): received Tue 22 → Wed 23, Mon 28, Tue 29, at +03.
    expect(iso(deadline('IYS_REGISTER_CONSENT', new Date('2015-09-22T12:00:00+03:00')))).toBe(
      '2015-09-29T20:59:59.999Z',
    );
  });

  it('is the end of the Istanbul day addBusinessDays gives, for any instant and options', () => {
    fc.assert(
      fc.property(instantArb(2015, 2035), calendarOptionsArb(2015, 2035), (from, options) => {
        const receivedOn = istanbulDate(from);
        fc.pre(receivedOn >= '2015-01-01' && receivedOn <= '2035-12-20');
        const d = deadline('ETK_RET_STOP_SENDING', from, options);
        const day = addBusinessDays(receivedOn, 3, options);
        expect(d.getTime()).toBe(endOfIstanbulDay(day).getTime());
        expect(isBusinessDay(istanbulDate(d), options)).toBe(true);
        expect(d.getTime()).toBeGreaterThan(from.getTime());
      }),
      { numRuns: 1000 },
    );
  });

  it('ignores rollForward for business-day periods', () => {
    const from = new Date('2026-03-18T09:15:00+03:00');
    expect(deadline('ETK_RET_STOP_SENDING', from, { rollForward: true })).toEqual(
      deadline('ETK_RET_STOP_SENDING', from),
    );
  });

  it('throws calendar_not_covered when the period leaves the table', () => {
    const e = thrown(() => deadline('ETK_RET_STOP_SENDING', new Date('2035-12-31T10:00:00+03:00')));
    expect(e.code).toBe('calendar_not_covered');
    expect(e.year).toBe(2036);
    expect(thrown(() => deadline('IYS_REGISTER_RET', new Date('2014-06-01T10:00:00+03:00'))).year).toBe(2014);
  });

  it('counts the 5 business days of the standard-contract notice', () => {
    expect(iso(deadline('KVKK_STANDARD_CONTRACT_NOTIFY', new Date('2026-03-13T10:00:00+03:00')))).toBe(
      endOf('2026-03-23'),
    );
  });
});

describe('deadline: calendar periods', () => {
  it('KVKK application: the end of the 30th day after receipt, holidays included', () => {
    expect(iso(deadline('KVKK_APPLICATION_ANSWER', new Date('2026-03-01T10:00:00+03:00')))).toBe(
      endOf('2026-03-31'),
    );
    // Day 30 is Sunday 2026-05-31: no roll-forward by default.
    expect(iso(deadline('KVKK_APPLICATION_ANSWER', new Date('2026-05-01T10:00:00+03:00')))).toBe(
      endOf('2026-05-31'),
    );
  });

  it('rolls forward to the next business day only when asked', () => {
    expect(
      iso(deadline('KVKK_APPLICATION_ANSWER', new Date('2026-05-01T10:00:00+03:00'), { rollForward: true })),
    ).toBe(endOf('2026-06-01'));
    // Day 30 is Kurban Bayramı day 1 (Wed 27 May 2026): Thu, Fri, Sat holidays, Sun → Mon 1 June.
    expect(
      iso(deadline('KVKK_APPLICATION_ANSWER', new Date('2026-04-27T10:00:00+03:00'), { rollForward: true })),
    ).toBe(endOf('2026-06-01'));
    // A business day stays.
    expect(
      iso(deadline('KVKK_APPLICATION_ANSWER', new Date('2026-03-01T10:00:00+03:00'), { rollForward: true })),
    ).toBe(endOf('2026-03-31'));
    // With half days as holidays, an arife is not a business day either: day 30 = Thu 2026-03-19.
    expect(
      iso(
        deadline('KVKK_APPLICATION_ANSWER', new Date('2026-02-17T10:00:00+03:00'), {
          rollForward: true,
          halfDays: 'holiday',
        }),
      ),
    ).toBe(endOf('2026-03-23'));
  });

  it('does not need the calendar for an un-rolled calendar period', () => {
    expect(iso(deadline('KVKK_APPLICATION_ANSWER', new Date('2040-01-01T10:00:00+03:00')))).toBe(
      endOf('2040-01-31'),
    );
    expect(
      thrown(() =>
        deadline('KVKK_APPLICATION_ANSWER', new Date('2040-01-01T10:00:00+03:00'), { rollForward: true }),
      ).code,
    ).toBe('calendar_not_covered');
  });

  it('counts months and years to the corresponding day, or the last day of a shorter month', () => {
    expect(iso(deadline('KVKK_PERIODIC_DESTRUCTION', new Date('2026-03-18T10:00:00+03:00')))).toBe(
      endOf('2026-09-18'),
    );
    expect(iso(deadline('KVKK_PERIODIC_DESTRUCTION', new Date('2026-08-31T10:00:00+03:00')))).toBe(
      endOf('2027-02-28'),
    );
    expect(iso(deadline('KVKK_PERIODIC_DESTRUCTION', new Date('2027-08-31T10:00:00+03:00')))).toBe(
      endOf('2028-02-29'),
    );
    expect(iso(deadline('CONSENT_RECORD_RETENTION', new Date('2024-02-29T10:00:00+03:00')))).toBe(
      endOf('2027-02-28'),
    );
    expect(iso(deadline('DESTRUCTION_RECORD_RETENTION', new Date('2026-03-18T10:00:00+03:00')))).toBe(
      endOf('2029-03-18'),
    );
    // A 2015 record (winter time) kept until 2018 (UTC+3).
    expect(iso(deadline('CONSENT_RECORD_RETENTION', new Date('2015-01-10T10:00:00+02:00')))).toBe(
      endOf('2018-01-10'),
    );
  });
});

describe('deadline: 72 hours (KVKK art. 12(5))', () => {
  it('is exactly 72 hours, to the millisecond, also across a clock change', () => {
    expect(iso(deadline('KVKK_BREACH_NOTIFY', new Date('2026-01-05T09:30:00+03:00')))).toBe(
      '2026-01-08T06:30:00.000Z',
    );
    // 2015-11-08 01:00 UTC the clocks went back: 72 h of real time, not of wall time.
    const from = new Date('2015-11-07T12:00:00Z');
    expect(deadline('KVKK_BREACH_NOTIFY', from).getTime() - from.getTime()).toBe(72 * 3_600_000);
  });
  it('does not need the calendar', () => {
    expect(iso(deadline('KVKK_BREACH_NOTIFY', new Date('2050-01-01T00:00:00Z')))).toBe(
      '2050-01-04T00:00:00.000Z',
    );
  });
});

describe('deadline: bad input', () => {
  it('rejects unknown statutes, invalid dates and bad options with their codes', () => {
    const now = new Date('2026-03-18T10:00:00+03:00');
    for (const id of ['RET', '', 'toString', '__proto__', 'constructor', 42, null]) {
      expect(thrown(() => deadline(id as StatuteId, now)).code, String(id)).toBe('unknown_statute');
    }
    for (const d of [new Date(Number.NaN), '2026-03-18', 1773820800000, null, undefined]) {
      expect(thrown(() => deadline('ETK_RET_STOP_SENDING', d as Date)).code, String(d)).toBe('invalid_date');
    }
    expect(thrown(() => deadline('KVKK_APPLICATION_ANSWER', new Date(-8.64e15))).code).toBe('invalid_date');
    expect(thrown(() => deadline('KVKK_APPLICATION_ANSWER', new Date(8.64e15))).code).toBe('invalid_date');
    expect(
      thrown(() => deadline('KVKK_APPLICATION_ANSWER', now, { rollForward: 'yes' as unknown as boolean }))
        .code,
    ).toBe('invalid_options');
    expect(thrown(() => deadline('KVKK_BREACH_NOTIFY', now, { halfDays: 'x' as 'holiday' })).code).toBe(
      'invalid_options',
    );
  });
});
