/**
 * Results, localised messages and the thrown error class of `@izinkit/kvkk`.
 *
 * Expected failures (a malformed IBAN, an event the application state machine does not allow, a
 * token that does not decrypt) are values: `{ ok: true, value } | { ok: false, error }`. Thrown
 * errors are bugs in the caller (a key of the wrong size, an invalid policy passed to a throwing
 * API) and are instances of {@link KvkkError}.
 */

/**
 * A text in Turkish and English. Messages that people read carry both.
 *
 * @example
 * ```ts
 * const m: Localized = { tr: 'Geçersiz IBAN', en: 'Invalid IBAN' };
 * ```
 */
export interface Localized {
  /** Türkçe metin. */
  readonly tr: string;
  /** English text. */
  readonly en: string;
}

/**
 * The result of an operation that can fail in an expected way.
 *
 * @example
 * ```ts
 * const r: KvkkResult<string, IbanError> = parseTrIban('TR33 0006 1005 1978 6457 8413 26');
 * if (r.ok) console.log(r.value.iban);
 * else console.log(r.error.code, r.error.message.en);
 * ```
 */
export type KvkkResult<T, E> =
  | {
      /** It worked. */
      readonly ok: true;
      /** The result. */
      readonly value: T;
    }
  | {
      /** It failed in an expected way. */
      readonly ok: false;
      /** Why, with a stable `code`. */
      readonly error: E;
    };

/**
 * One validation problem found by zod: where in the input, and what.
 *
 * @example
 * ```ts
 * const i: ValidationIssue = { path: ['fields', 'tckn', 'op'], message: 'Invalid input' };
 * ```
 */
export interface ValidationIssue {
  /** Path of the offending value in the input. */
  readonly path: readonly PropertyKey[];
  /** What is wrong with it. */
  readonly message: string;
}

/**
 * The shape shared by every expected error of this package: a stable string `code` to match on and
 * a message in Turkish and English.
 *
 * @example
 * ```ts
 * const e: KvkkIssue<'bad_checksum'> = {
 *   code: 'bad_checksum',
 *   message: { tr: 'Kontrol basamağı hatalı', en: 'Check digits do not match' },
 * };
 * ```
 */
export interface KvkkIssue<C extends string> {
  /** Stable machine-readable code. */
  readonly code: C;
  /** Human-readable explanation, in Turkish and English. */
  readonly message: Localized;
  /** Where in a structured input the problem is (a field path), when it applies. */
  readonly path?: readonly (string | number)[];
}

const BRAND: symbol = Symbol.for('izinkit.error');

/**
 * Codes of the errors {@link KvkkError} is thrown with. They all mean that the caller passed
 * something a correct program never passes.
 *
 * @example
 * ```ts
 * const c: KvkkErrorCode = 'invalid_key';
 * ```
 */
export type KvkkErrorCode =
  | 'invalid_key'
  | 'invalid_key_id'
  | 'invalid_argument'
  | 'invalid_policy'
  | 'invalid_json'
  | 'unknown_key'
  | 'calendar_error';

/**
 * The error this package throws for programming mistakes (a key of the wrong length, an invalid
 * anonymisation policy passed to a throwing function, a non-finite number in a JSON export).
 * Expected failures are returned as values instead. Every instance carries the izinkit error brand
 * `Symbol.for('izinkit.error')`, so that {@link isKvkkError} — and the other izinkit packages' checks —
 * recognise it across duplicate copies of the package.
 *
 * @example
 * ```ts
 * try {
 *   pseudonymize('12345678950', { key: new Uint8Array(4), keyId: 'k1', purpose: 'crm' });
 * } catch (e) {
 *   if (isKvkkError(e)) console.log(e.code); // 'invalid_key'
 * }
 * ```
 */
export class KvkkError extends Error {
  /** Stable machine-readable code. */
  readonly code: KvkkErrorCode;
  /** The message in Turkish and English. */
  readonly messages: Localized;

  /**
   * @param code - stable code
   * @param messages - Turkish and English text; `message` is the English one
   * @param options - `cause`, kept as `error.cause`
   */
  constructor(code: KvkkErrorCode, messages: Localized, options?: { cause?: unknown }) {
    super(messages.en, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KvkkError';
    this.code = code;
    this.messages = messages;
    // The izinkit error brand, shared by every izinkit package (non-enumerable).
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * True when `e` is a {@link KvkkError} — also one thrown by another copy of this package.
 *
 * @example
 * ```ts
 * isKvkkError(new Error('x')); // false
 * ```
 */
export function isKvkkError(e: unknown): e is KvkkError {
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as Record<symbol, unknown>)[BRAND] === true &&
    (e as { name?: unknown }).name === 'KvkkError'
  );
}
