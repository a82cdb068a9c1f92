/**
 * The one error class of `@izinkit/calendar`, its codes, and the result type of the `try*`
 * variants.
 *
 * How the two styles sit side by side: the fixed functions (`holidays`, `isHoliday`,
 * `isBusinessDay`, `addBusinessDays`, `businessDaysBetween`, `deadline`) return plain values and
 * throw a {@link CalendarError} when they cannot answer; each has a `try*` twin (`tryHolidays`,
 * `tryDeadline`, …) that never throws and returns a {@link CalendarResult} instead. Nothing else is
 * ever thrown: any input, however wrong, ends in one of the codes below.
 */

const BRAND: symbol = Symbol.for('izinkit.error');

/**
 * Stable codes of {@link CalendarError}.
 *
 * - `calendar_not_covered`: the computation needs a year the bayram table does not cover
 *   (built in: 2015–2035) and the caller gave no `bayramDates` for it.
 * - `invalid_date`: a date is not a real `YYYY-MM-DD` day (or an instant is an invalid `Date`).
 * - `invalid_argument`: a number is not a safe integer, or an argument has the wrong type.
 * - `invalid_options`: the options object is malformed (see {@link CalendarOptions}).
 * - `unknown_statute`: `deadline()` got an id that is not in `statutes`.
 *
 * @example
 * ```ts
 * const code: CalendarErrorCode = 'calendar_not_covered';
 * ```
 */
export type CalendarErrorCode =
  | 'calendar_not_covered'
  | 'invalid_date'
  | 'invalid_argument'
  | 'invalid_options'
  | 'unknown_statute';

/**
 * A message in Turkish and English.
 *
 * @example
 * ```ts
 * const text: LocalizedText = { tr: 'Yılbaşı', en: "New Year's Day" };
 * ```
 */
export interface LocalizedText {
  /** Turkish. */
  readonly tr: string;
  /** English. */
  readonly en: string;
}

/**
 * What made a {@link CalendarError}: the code, the bilingual message and the offending input.
 *
 * @example
 * ```ts
 * const details: CalendarErrorDetails = {
 *   code: 'invalid_date',
 *   messages: { tr: 'Geçersiz tarih', en: 'Invalid date' },
 *   input: '2026-02-30',
 * };
 * ```
 */
export interface CalendarErrorDetails {
  /** Stable code to match on. */
  readonly code: CalendarErrorCode;
  /** The message in Turkish and English. */
  readonly messages: LocalizedText;
  /** The value that was rejected, when there is one. */
  readonly input?: unknown;
  /** For `calendar_not_covered`: the first year the computation needed and the calendar lacks. */
  readonly year?: number;
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/**
 * The error every function of `@izinkit/calendar` throws, and the only one. It carries a stable
 * `code`, the message in Turkish and English, the rejected `input`, and the izinkit error brand
 * (`Symbol.for('izinkit.error')`) so that {@link isCalendarError} recognises it across duplicate
 * copies of the package.
 *
 * The most important code is `calendar_not_covered`: the calendar never guesses a year it does
 * not know. `holidays(2040)` and any business-day computation that touches a year outside the
 * bayram table (2015–2035) throw it, unless the caller supplies that year's bayram dates through
 * `options.bayramDates`.
 *
 * @example
 * ```ts
 * try {
 *   holidays(2040);
 * } catch (e) {
 *   if (isCalendarError(e) && e.code === 'calendar_not_covered') {
 *     console.log(e.year); // 2040
 *     console.log(e.messages.tr); // "Takvim 2040 yılını kapsamıyor: …"
 *   }
 * }
 * ```
 */
export class CalendarError extends Error {
  /** Stable code to match on. */
  readonly code: CalendarErrorCode;
  /** The message in Turkish and English (`message` holds both, Turkish first). */
  readonly messages: LocalizedText;
  /** The value that was rejected, when there is one. */
  readonly input: unknown;
  /** For `calendar_not_covered`: the first year needed that the calendar does not cover. */
  readonly year: number | undefined;

  /**
   * Builds the error from its details.
   *
   * @example
   * ```ts
   * const e = new CalendarError({
   *   code: 'invalid_date',
   *   messages: { tr: 'Geçersiz tarih', en: 'Invalid date' },
   *   input: 'yesterday',
   * });
   * ```
   */
  constructor(details: CalendarErrorDetails) {
    super(
      `${details.messages.tr} / ${details.messages.en}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.name = 'CalendarError';
    this.code = details.code;
    this.messages = details.messages;
    this.input = details.input;
    this.year = details.year;
    // The izinkit error brand, shared by every izinkit package (not enumerable, not writable).
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * True when `value` is a {@link CalendarError} (optionally with the given code), also when it comes
 * from another copy of this package: the check reads the `Symbol.for('izinkit.error')` brand and the
 * name, not `instanceof`.
 *
 * @example
 * ```ts
 * try {
 *   addBusinessDays('2035-12-28', 10);
 * } catch (e) {
 *   isCalendarError(e, 'calendar_not_covered'); // true
 * }
 * ```
 */
export function isCalendarError(value: unknown, code?: CalendarErrorCode): value is CalendarError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { name?: unknown; code?: unknown } & Record<symbol, unknown>;
  if (v[BRAND] !== true || v.name !== 'CalendarError') return false;
  return code === undefined || v.code === code;
}

/**
 * The outcome of a `try*` function: the value, or the {@link CalendarError} the throwing twin
 * would have thrown.
 *
 * @example
 * ```ts
 * const r: CalendarResult<string> = tryAddBusinessDays('2026-03-13', 3);
 * if (r.ok) console.log(r.value); // "2026-03-18"
 * else console.log(r.error.code);
 * ```
 */
export type CalendarResult<T> =
  | {
      /** The computation succeeded. */
      readonly ok: true;
      /** Its value. */
      readonly value: T;
    }
  | {
      /** The computation failed. */
      readonly ok: false;
      /** Why: the error the throwing twin would have thrown. */
      readonly error: CalendarError;
    };

// ── constructors used inside the package ──────────────────────────────────────────────────────

/** @internal */
export function notCovered(year: number): CalendarError {
  return new CalendarError({
    code: 'calendar_not_covered',
    year,
    input: year,
    messages: {
      tr: `Takvim ${year} yılını kapsamıyor: yerleşik bayram tablosu 2015–2035 yıllarını içerir. Bu yılın Ramazan ve Kurban Bayramı tarihlerini options.bayramDates ile verin.`,
      en: `The calendar does not cover ${year}: the built-in bayram table covers 2015–2035. Supply that year's Ramazan and Kurban Bayramı dates through options.bayramDates.`,
    },
  });
}

/** @internal */
export function invalidDate(input: unknown): CalendarError {
  return new CalendarError({
    code: 'invalid_date',
    input,
    messages: {
      tr: `Geçersiz tarih: ${describe(input)}. Beklenen biçim YYYY-AA-GG (örneğin 2026-03-18) ya da geçerli bir Date.`,
      en: `Invalid date: ${describe(input)}. Expected YYYY-MM-DD (for example 2026-03-18) or a valid Date.`,
    },
  });
}

/** @internal */
export function invalidArgument(input: unknown, what: LocalizedText): CalendarError {
  return new CalendarError({
    code: 'invalid_argument',
    input,
    messages: {
      tr: `Geçersiz değer ${describe(input)}: ${what.tr}`,
      en: `Invalid value ${describe(input)}: ${what.en}`,
    },
  });
}

/** @internal */
export function invalidOptions(input: unknown, what: LocalizedText): CalendarError {
  return new CalendarError({
    code: 'invalid_options',
    input,
    messages: { tr: `Geçersiz seçenek: ${what.tr}`, en: `Invalid option: ${what.en}` },
  });
}

/** @internal */
export function unknownStatute(input: unknown): CalendarError {
  return new CalendarError({
    code: 'unknown_statute',
    input,
    messages: {
      tr: `Bilinmeyen süre kimliği: ${describe(input)}. Geçerli kimlikler için statutes nesnesine bakın.`,
      en: `Unknown statute id: ${describe(input)}. See the statutes object for the valid ids.`,
    },
  });
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value === null) return 'null';
  return typeof value;
}

/**
 * Runs `fn` and turns a thrown {@link CalendarError} into a failed result. Anything else thrown is
 * a bug in this package and is wrapped as `invalid_argument` with the original as `cause`, so the
 * `try*` functions keep their promise never to throw.
 *
 * @internal
 */
export function attempt<T>(fn: () => T): CalendarResult<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (e instanceof CalendarError) return { ok: false, error: e };
    return {
      ok: false,
      error: new CalendarError({
        code: 'invalid_argument',
        cause: e,
        messages: { tr: 'Beklenmeyen hata', en: 'Unexpected error' },
      }),
    };
  }
}
