import { anyInstantArb, modernInstantArb } from '@izinkit/test-utils/iys';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatIysDate,
  formatIysDateTime,
  IysDateTimeSchema,
  parseIysDate,
  parseIysDateTime,
  startOfIysDate,
} from '../src/index.js';

describe('İYS wire dates', () => {
  it('formats in Türkiye time, UTC+3 since 2016-09-07', () => {
    expect(formatIysDateTime(new Date('2024-03-01T07:30:00Z'))).toBe('2024-03-01 10:30:00');
    expect(formatIysDateTime(new Date('2016-09-06T21:00:00Z'))).toBe('2016-09-07 00:00:00');
    expect(formatIysDateTime(new Date('2030-12-31T21:00:00.999Z'))).toBe('2031-01-01 00:00:00');
  });
  it('formats earlier dates with the offset of the day (EET / EEST)', () => {
    expect(formatIysDateTime(new Date('2010-01-15T10:00:00Z'))).toBe('2010-01-15 12:00:00'); // UTC+2
    expect(formatIysDateTime(new Date('2010-07-01T12:00:00Z'))).toBe('2010-07-01 15:00:00'); // UTC+3
    expect(formatIysDateTime(new Date('2015-04-30T21:00:00Z'))).toBe('2015-05-01 00:00:00');
    // 2011: Türkiye moved the spring change to Monday 28 March (the EU changed on the 27th).
    expect(formatIysDateTime(new Date('2011-03-27T12:00:00Z'))).toBe('2011-03-27 14:00:00');
    expect(formatIysDateTime(new Date('2011-03-28T12:00:00Z'))).toBe('2011-03-28 15:00:00');
  });
  it('parses wire dates back to instants', () => {
    const r = parseIysDateTime('2018-02-10 09:30:00');
    expect(r.ok && r.value.toISOString()).toBe('2018-02-10T06:30:00.000Z');
    const old = parseIysDateTime('2010-01-15 12:00:00');
    expect(old.ok && old.value.toISOString()).toBe('2010-01-15T10:00:00.000Z');
  });
  it('resolves skipped and repeated wall-clock times deterministically', () => {
    const gap = parseIysDateTime('2011-03-28 03:30:00'); // never happened: read with the old offset
    expect(gap.ok && gap.value.toISOString()).toBe('2011-03-28T01:30:00.000Z');
    const twice = parseIysDateTime('2011-10-30 03:30:00'); // happened twice: the earlier one
    expect(twice.ok && twice.value.toISOString()).toBe('2011-10-30T00:30:00.000Z');
  });
  it('rejects other shapes with H158 and impossible dates with H157', () => {
    for (const bad of [
      '2018-02-10T09:30:00',
      '10.02.2018 09:30',
      '2018-2-10 09:30:00',
      '',
      ' 2018-02-10 09:30:00',
    ]) {
      const r = parseIysDateTime(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect([r.error.code, r.error.hCode]).toEqual(['iys_datetime_format', 'H158']);
    }
    for (const bad of [
      '2024-02-30 10:00:00',
      '2023-02-29 10:00:00',
      '2024-13-01 00:00:00',
      '2024-01-01 24:00:00',
    ]) {
      const r = parseIysDateTime(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.hCode).toBe('H157');
    }
    expect(parseIysDateTime('2024-02-29 23:59:59').ok).toBe(true);
    expect(parseIysDateTime(42 as unknown as string).ok).toBe(false);
  });
  it('round-trips every whole-second instant, 1990–2040', () => {
    fc.assert(
      fc.property(anyInstantArb, (d) => {
        const text = formatIysDateTime(d);
        expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
        const back = parseIysDateTime(text);
        expect(back.ok).toBe(true);
        // Autumn hours happen twice before 2016: the parse gives the earlier, so it can be 1 h before.
        if (back.ok) expect([0, 3_600_000]).toContain(d.getTime() - back.value.getTime());
      }),
      { numRuns: 2000 },
    );
  });
  it('is exact since 2016 and agrees with Intl', () => {
    const intl = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Istanbul',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    fc.assert(
      fc.property(modernInstantArb, anyInstantArb, (d, old) => {
        const back = parseIysDateTime(formatIysDateTime(d));
        expect(back.ok && back.value.getTime()).toBe(d.getTime());
        expect(formatIysDateTime(old)).toBe(intl.format(old));
      }),
      { numRuns: 1000 },
    );
  });
  it('formats and checks report dates', () => {
    expect(formatIysDate(new Date('2024-03-01T22:30:00Z'))).toBe('2024-03-02');
    expect(parseIysDate('2020-11-02')).toEqual({ ok: true, value: '2020-11-02' });
    expect(parseIysDate('02-11-2020').ok).toBe(false);
    expect(parseIysDate('2020-02-30').ok).toBe(false);
    expect(startOfIysDate('2024-03-02').toISOString()).toBe('2024-03-01T21:00:00.000Z');
    expect(startOfIysDate('2010-01-15').toISOString()).toBe('2010-01-14T22:00:00.000Z');
    expect(() => startOfIysDate('x')).toThrow(RangeError);
  });
  it('refuses invalid Dates when formatting', () => {
    expect(() => formatIysDateTime(new Date(Number.NaN))).toThrow(RangeError);
  });
  it('has a zod schema that outputs Dates', () => {
    expect(IysDateTimeSchema.parse('2020-07-24 14:27:06').toISOString()).toBe('2020-07-24T11:27:06.000Z');
    expect(IysDateTimeSchema.safeParse('2020-07-24').success).toBe(false);
  });
});
