/**
 * İYS wire dates: `YYYY-MM-DD HH:mm:ss` in Türkiye time (rule 2 of "İzin Doğrulama Kuralları",
 * H157/H158), and report dates `YYYY-MM-DD`.
 *
 * Türkiye has been on UTC+3 all year since 2016-09-07; before that it kept EET (UTC+2) with summer
 * time (UTC+3) on dates that sometimes differed from the EU's. Instants from 2016-09-07 on take a
 * fast path (add three hours); earlier instants go through `Intl` with the `Europe/Istanbul` zone,
 * so historical dates still format right.
 */
import { z } from 'zod';
import type { IysResult } from './result.js';

const HOUR = 3_600_000;
/** 2016-09-07 00:00 in Türkiye (already UTC+3 that day): from here on the offset is fixed. */
const FIXED_OFFSET_FROM = Date.UTC(2016, 8, 6, 21, 0, 0);
const FIXED_OFFSET = 3 * HOUR;

let historicalFormatter: Intl.DateTimeFormat | undefined;
function formatter(): Intl.DateTimeFormat {
  historicalFormatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: 'Europe/Istanbul',
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return historicalFormatter;
}

/** The UTC offset of Türkiye at instant `ms`, in milliseconds (whole seconds). */
function offsetAt(ms: number): number {
  if (ms >= FIXED_OFFSET_FROM) return FIXED_OFFSET;
  const parts = formatter().formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  const floored = ms - (((ms % 1000) + 1000) % 1000);
  return local - floored;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function localParts(date: Date): Date {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('Geçersiz tarih / invalid Date');
  const shifted = new Date(ms + offsetAt(ms));
  const year = shifted.getUTCFullYear();
  if (year < 1000 || year > 9999) {
    throw new RangeError(`Yıl 1000–9999 aralığında olmalı / year out of range: ${year}`);
  }
  return shifted;
}

/**
 * Formats an instant as İYS wants it on the wire: `YYYY-MM-DD HH:mm:ss` in Türkiye time.
 * Milliseconds are dropped (truncated). Throws a `RangeError` for an invalid `Date`.
 *
 * @example
 * ```ts
 * formatIysDateTime(new Date('2024-03-01T07:30:00Z')); // '2024-03-01 10:30:00'
 * formatIysDateTime(new Date('2010-01-15T10:00:00Z')); // '2010-01-15 12:00:00' (UTC+2 then)
 * ```
 */
export function formatIysDateTime(date: Date): string {
  const d = localParts(date);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/**
 * Formats the Türkiye calendar date of an instant as `YYYY-MM-DD` (a reconciliation `reportDate`).
 *
 * @example
 * ```ts
 * formatIysDate(new Date('2024-03-01T22:30:00Z')); // '2024-03-02' — already the 2nd in Türkiye
 * ```
 */
export function formatIysDate(date: Date): string {
  const d = localParts(date);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Stable codes of {@link IysDateTimeError}. */
export type IysDateTimeErrorCode = 'iys_datetime_format' | 'iys_datetime_invalid';

/**
 * Why a wire date did not parse: `iys_datetime_format` (not `YYYY-MM-DD HH:mm:ss`; İYS answers
 * H158) or `iys_datetime_invalid` (the shape is right but the date does not exist, such as
 * February 30; İYS answers H157).
 *
 * @example
 * ```ts
 * const r = parseIysDateTime('2024-02-30 10:00:00');
 * if (!r.ok) r.error.hCode; // 'H157'
 * ```
 */
export interface IysDateTimeError {
  /** The stable code. */
  readonly code: IysDateTimeErrorCode;
  /** The İYS code the server gives for the same mistake. */
  readonly hCode: 'H157' | 'H158';
  /** Turkish / English message. */
  readonly message: string;
  /** The rejected input. */
  readonly input: unknown;
}

const WIRE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Local wall-clock milliseconds (as if UTC) to the instant, choosing like Temporal's `compatible`. */
function fromLocal(localMs: number): number {
  const guess = localMs - FIXED_OFFSET;
  if (guess >= FIXED_OFFSET_FROM) return guess;
  const before = offsetAt(localMs - 14 * HOUR);
  const after = offsetAt(localMs + 14 * HOUR);
  const candidates: number[] = [];
  for (const o of before === after ? [before] : [before, after]) {
    const t = localMs - o;
    if (offsetAt(t) === o) candidates.push(t);
  }
  if (candidates.length > 0) return Math.min(...candidates);
  // A wall-clock time skipped by a spring-forward: read it with the offset before the jump.
  return localMs - before;
}

/**
 * Parses an İYS wire date (`YYYY-MM-DD HH:mm:ss`, Türkiye time) into an instant. Never throws.
 * Wall-clock times that happened twice (autumn, before 2016) give the earlier instant; times that
 * never happened (spring) are read with the offset before the change.
 *
 * @example
 * ```ts
 * const r = parseIysDateTime('2018-02-10 09:30:00');
 * if (r.ok) r.value.toISOString(); // '2018-02-10T06:30:00.000Z'
 * parseIysDateTime('10.02.2018').ok; // false (iys_datetime_format)
 * ```
 */
export function parseIysDateTime(text: string): IysResult<Date, IysDateTimeError> {
  const m = typeof text === 'string' ? WIRE.exec(text) : null;
  if (!m) {
    return {
      ok: false,
      error: {
        code: 'iys_datetime_format',
        hCode: 'H158',
        message:
          'Tarih yyyy-mm-dd hh:mm:ss formatında olmalıdır. / The date must be in the form yyyy-mm-dd hh:mm:ss.',
        input: text,
      },
    };
  }
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (
    year < 1000 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return {
      ok: false,
      error: {
        code: 'iys_datetime_invalid',
        hCode: 'H157',
        message: 'Geçerli bir tarih girilmelidir. / The date does not exist.',
        input: text,
      },
    };
  }
  return { ok: true, value: new Date(fromLocal(Date.UTC(year, month - 1, day, hour, minute, second))) };
}

/** Stable codes of {@link IysDateError}. */
export type IysDateErrorCode = 'iys_date_format' | 'iys_date_invalid';

/**
 * Why a report date (`YYYY-MM-DD`) did not parse. İYS answers H501 for both.
 *
 * @example
 * ```ts
 * const r = parseIysDate('02-11-2020');
 * if (!r.ok) r.error.code; // 'iys_date_format'
 * ```
 */
export interface IysDateError {
  /** The stable code. */
  readonly code: IysDateErrorCode;
  /** Turkish / English message. */
  readonly message: string;
  /** The rejected input. */
  readonly input: unknown;
}

const REPORT = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Checks a report date `YYYY-MM-DD` (a Türkiye calendar date) and returns it unchanged. Never
 * throws.
 *
 * @example
 * ```ts
 * parseIysDate('2020-11-02'); // { ok: true, value: '2020-11-02' }
 * parseIysDate('2020-02-30').ok; // false
 * ```
 */
export function parseIysDate(text: string): IysResult<string, IysDateError> {
  const m = typeof text === 'string' ? REPORT.exec(text) : null;
  if (!m) {
    return {
      ok: false,
      error: {
        code: 'iys_date_format',
        message: 'Tarih formatı yyyy-mm-dd olmalıdır. / The date must be in the form yyyy-mm-dd.',
        input: text,
      },
    };
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return {
      ok: false,
      error: {
        code: 'iys_date_invalid',
        message: 'Geçerli bir tarih girilmelidir. / The date does not exist.',
        input: text,
      },
    };
  }
  return { ok: true, value: text };
}

/**
 * The instant a Türkiye calendar day (`YYYY-MM-DD`) starts, 00:00:00 Türkiye time. Throws a
 * `RangeError` for a malformed date.
 *
 * @example
 * ```ts
 * startOfIysDate('2024-03-02').toISOString(); // '2024-03-01T21:00:00.000Z'
 * ```
 */
export function startOfIysDate(date: string): Date {
  const r = parseIysDate(date);
  if (!r.ok) throw new RangeError(r.error.message);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(fromLocal(Date.UTC(y, m - 1, d, 0, 0, 0)));
}

/**
 * zod schema for a wire date: accepts `YYYY-MM-DD HH:mm:ss` (Türkiye time) and outputs a `Date`.
 *
 * @example
 * ```ts
 * IysDateTimeSchema.parse('2020-07-24 14:27:06'); // Date 2020-07-24T11:27:06.000Z
 * ```
 */
export const IysDateTimeSchema: z.ZodType<Date, string> = z.string().transform((text, ctx) => {
  const r = parseIysDateTime(text);
  if (r.ok) return r.value;
  ctx.addIssue({ code: 'custom', message: r.error.message, input: text });
  return z.NEVER;
});
