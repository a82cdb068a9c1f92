/**
 * Results, bilingual messages and the one thrown error class of `@izinkit/identity`.
 *
 * Expected failures (a mistyped TCKN, a phone number that does not exist, an e-mail İYS would
 * refuse) are values: `{ ok: true, value } | { ok: false, error }`, where `error.code` is a stable
 * string literal and `error.message` holds the explanation in Turkish and English. Thrown errors are
 * bugs in the caller (a key that is too short, two records with the same id) and are instances of
 * {@link IdentityError}.
 */

const BRAND: symbol = Symbol.for('izinkit.error');

/**
 * A text in Turkish and English. Every message a person may read carries both.
 *
 * @example
 * ```ts
 * const m: LocalizedText = { tr: 'TCKN kontrol haneleri tutmuyor.', en: 'The TCKN check digits do not match.' };
 * ```
 */
export interface LocalizedText {
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
 * const r: IdentityResult<string, TcknError> = parseTckn('100 000 001 46');
 * if (r.ok) console.log(r.value); // '10000000146'
 * else console.log(r.error.code, r.error.message.tr);
 * ```
 */
export type IdentityResult<T, E> =
  | {
      /** Success. */
      readonly ok: true;
      /** The result. */
      readonly value: T;
    }
  | {
      /** Failure. */
      readonly ok: false;
      /** Why: a coded error. */
      readonly error: E;
    };

/**
 * The shape every expected error of this package shares: a stable `code` to match on, the message
 * in Turkish and English, and the rejected input.
 *
 * @example
 * ```ts
 * const e: IdentityIssue<'bad_checksum'> = {
 *   code: 'bad_checksum',
 *   message: { tr: 'TCKN kontrol haneleri tutmuyor.', en: 'The TCKN check digits do not match.' },
 *   input: '10000000145',
 * };
 * ```
 */
export interface IdentityIssue<C extends string> {
  /** Stable machine-readable code. */
  readonly code: C;
  /** Human-readable explanation in Turkish and English. */
  readonly message: LocalizedText;
  /** The value that was rejected (non-strings are shown as `String(value)`). */
  readonly input: string;
}

/**
 * Codes of {@link IdentityError}. Each one means the caller passed something a correct program
 * never passes:
 *
 * - `invalid_key`: an {@link identityKey} key shorter than 16 bytes;
 * - `invalid_argument`: an argument of the wrong type or shape (an unknown identifier kind, a
 *   check-digit helper given something other than its digits);
 * - `duplicate_id`: {@link dedupe} got two records with the same `id`.
 *
 * @example
 * ```ts
 * const c: IdentityErrorCode = 'duplicate_id';
 * ```
 */
export type IdentityErrorCode = 'invalid_key' | 'invalid_argument' | 'duplicate_id';

/**
 * The error this package throws, and the only one. It carries a stable `code`, the message in
 * Turkish and English (`message` holds both, Turkish first), the underlying `cause` when there is
 * one, and the izinkit error brand `Symbol.for('izinkit.error')`, so that {@link isIdentityError}
 * recognises it across duplicate copies of the package.
 *
 * @example
 * ```ts
 * try {
 *   identityKey('tckn', '10000000146', 'short');
 * } catch (e) {
 *   if (isIdentityError(e, 'invalid_key')) console.log(e.messages.en);
 * }
 * ```
 */
export class IdentityError extends Error {
  /** Stable code to match on. */
  readonly code: IdentityErrorCode;
  /** The message in Turkish and English. */
  readonly messages: LocalizedText;

  /**
   * Builds the error.
   *
   * @example
   * ```ts
   * const e = new IdentityError('invalid_argument', { tr: 'Geçersiz bağımsız değişken', en: 'Invalid argument' });
   * ```
   */
  constructor(code: IdentityErrorCode, messages: LocalizedText, options?: { readonly cause?: unknown }) {
    super(
      `${messages.tr} / ${messages.en}`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'IdentityError';
    this.code = code;
    this.messages = messages;
    // The izinkit error brand, shared by every izinkit package (non-enumerable).
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * True when `value` is an {@link IdentityError} (optionally with the given code), also when it
 * comes from another copy of this package: the check reads the `Symbol.for('izinkit.error')` brand
 * and the error's name rather than using `instanceof`.
 *
 * @example
 * ```ts
 * try {
 *   dedupe([{ id: 'a' }, { id: 'a' }]);
 * } catch (e) {
 *   isIdentityError(e, 'duplicate_id'); // true
 * }
 * ```
 */
export function isIdentityError(value: unknown, code?: IdentityErrorCode): value is IdentityError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { name?: unknown; code?: unknown } & Record<symbol, unknown>;
  if (v[BRAND] !== true || v.name !== 'IdentityError') return false;
  return code === undefined || v.code === code;
}
