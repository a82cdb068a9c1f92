import { awkwardNumberArb, dateLikeStringArb, isoDateArb } from '@izinkit/test-utils/calendar';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  businessDaysBetween,
  CalendarError,
  type CalendarErrorCode,
  deadline,
  holidays,
  isBusinessDay,
  isCalendarError,
  isHoliday,
  istanbulDate,
  isYearCovered,
  type StatuteId,
  startOfIstanbulDay,
  statutes,
  tryAddBusinessDays,
  tryBusinessDaysBetween,
  tryDeadline,
  tryHolidays,
  tryIsBusinessDay,
  tryIsHoliday,
} from '../src/index.js';

const CODES: readonly CalendarErrorCode[] = [
  'calendar_not_covered',
  'invalid_date',
  'invalid_argument',
  'invalid_options',
  'unknown_statute',
];

/** Runs fn; passes if it returns or throws a CalendarError with a known code and both messages. */
function onlyCodedErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!isCalendarError(e)) throw new Error(`threw something other than a CalendarError: ${String(e)}`);
    expect(CODES).toContain(e.code);
    expect(e.messages.tr.length).toBeGreaterThan(0);
    expect(e.messages.en.length).toBeGreaterThan(0);
  }
}

const anyInput = fc.oneof(dateLikeStringArb, awkwardNumberArb, fc.anything());
const statuteIds = Object.keys(statutes) as StatuteId[];
const anyStatute = fc.oneof(fc.constantFrom(...statuteIds), fc.string());
const anyDate = fc.oneof(
  fc.date({ noInvalidDate: false }),
  fc.integer().map((n) => new Date(n)),
  fc.constantFrom(new Date(Number.NaN), new Date(8.64e15), new Date(-8.64e15)),
);

describe('no input makes a function throw anything but a CalendarError', () => {
  it('strings and numbers, where dates, counts and years are expected', () => {
    fc.assert(
      fc.property(dateLikeStringArb, dateLikeStringArb, awkwardNumberArb, (a, b, n) => {
        onlyCodedErrors(() => isBusinessDay(a));
        onlyCodedErrors(() => isBusinessDay(a, { halfDays: 'holiday' }));
        onlyCodedErrors(() => addBusinessDays(a, n));
        onlyCodedErrors(() => businessDaysBetween(a, b));
        onlyCodedErrors(() => isHoliday(a));
        onlyCodedErrors(() => holidays(n));
        onlyCodedErrors(() => isYearCovered(n));
        onlyCodedErrors(() => startOfIstanbulDay(a));
      }),
      { numRuns: 2000 },
    );
  });

  it('any value at all, in any argument', () => {
    fc.assert(
      fc.property(anyInput, anyInput, anyInput, (a, b, c) => {
        onlyCodedErrors(() => isBusinessDay(a as string, b as never));
        onlyCodedErrors(() => addBusinessDays(a as string, b as number, c as never));
        onlyCodedErrors(() => businessDaysBetween(a as string, b as string, c as never));
        onlyCodedErrors(() => isHoliday(a as string, b as never));
        onlyCodedErrors(() => holidays(a as number, b as never));
        onlyCodedErrors(() => deadline(a as StatuteId, b as Date, c as never));
        onlyCodedErrors(() => istanbulDate(a as Date));
      }),
      { numRuns: 1000 },
    );
  });

  it('every statute with any instant, in and out of range', () => {
    fc.assert(
      fc.property(anyStatute, anyDate, fc.boolean(), (id, from, roll) => {
        onlyCodedErrors(() => deadline(id as StatuteId, from, { rollForward: roll }));
        onlyCodedErrors(() => istanbulDate(from));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the try* variants', () => {
  it('never throw, and agree with their throwing twins', () => {
    const same = <T>(f: () => T, r: { ok: true; value: T } | { ok: false; error: CalendarError }) => {
      let value: T | undefined;
      let error: unknown;
      try {
        value = f();
      } catch (e) {
        error = e;
      }
      if (r.ok) {
        expect(error).toBeUndefined();
        expect(r.value).toEqual(value);
      } else {
        expect(isCalendarError(error)).toBe(true);
        expect(r.error.code).toBe((error as CalendarError).code);
      }
    };
    fc.assert(
      fc.property(
        fc.oneof(isoDateArb(2010, 2040), dateLikeStringArb),
        fc.oneof(isoDateArb(2010, 2040), dateLikeStringArb),
        awkwardNumberArb,
        anyStatute,
        anyDate,
        (a, b, n, id, from) => {
          same(() => isBusinessDay(a), tryIsBusinessDay(a));
          same(() => addBusinessDays(a, n), tryAddBusinessDays(a, n));
          same(() => businessDaysBetween(a, b), tryBusinessDaysBetween(a, b));
          same(() => isHoliday(a), tryIsHoliday(a));
          same(() => holidays(n), tryHolidays(n));
          same(() => deadline(id as StatuteId, from), tryDeadline(id as StatuteId, from));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('return the documented values', () => {
    expect(tryAddBusinessDays('2026-03-18', 3)).toEqual({ ok: true, value: '2026-03-24' });
    const r = tryDeadline('ETK_RET_STOP_SENDING', new Date('2035-12-31T10:00:00+03:00'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('calendar_not_covered');
    expect(tryIsHoliday('2026-10-29')).toEqual({ ok: true, value: true });
    const h = tryHolidays(2040);
    expect(h.ok ? null : h.error.year).toBe(2040);
  });
});

describe('CalendarError', () => {
  it('carries the izinkit brand, code, input, cause and both languages', () => {
    let e: unknown;
    try {
      isBusinessDay('2040-01-02');
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(CalendarError);
    expect(e).toBeInstanceOf(Error);
    const err = e as CalendarError;
    expect((err as unknown as Record<symbol, unknown>)[Symbol.for('izinkit.error')]).toBe(true);
    expect(err.name).toBe('CalendarError');
    expect(err.code).toBe('calendar_not_covered');
    expect(err.year).toBe(2040);
    expect(err.message).toContain(err.messages.tr);
    expect(err.message).toContain(err.messages.en);
    const withCause = new CalendarError({
      code: 'invalid_argument',
      messages: { tr: 'x', en: 'x' },
      cause: new Error('root'),
    });
    expect((withCause.cause as Error).message).toBe('root');
  });

  it('is recognised across package copies by its brand, and only then', () => {
    const foreign = Object.assign(new Error('copy'), { name: 'CalendarError', code: 'invalid_date' });
    expect(isCalendarError(foreign)).toBe(false);
    Object.defineProperty(foreign, Symbol.for('izinkit.error'), { value: true });
    expect(isCalendarError(foreign)).toBe(true);
    expect(isCalendarError(foreign, 'invalid_date')).toBe(true);
    expect(isCalendarError(foreign, 'calendar_not_covered')).toBe(false);
    expect(isCalendarError(new Error('x'))).toBe(false);
    expect(isCalendarError(null)).toBe(false);
    expect(isCalendarError('calendar_not_covered')).toBe(false);
  });
});
