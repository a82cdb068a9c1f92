/**
 * Thrown errors. Thrown errors in izinkit mean a programming error (a wrong argument, a corrupt
 * store); expected failures are returned as {@link Result} values instead.
 */
const BRAND: symbol = Symbol.for('izinkit.error');

/** Codes of the errors this package throws. */
export type EvidenceErrorCode =
  /** An argument has the wrong type or shape (for example a hash that is not 32 bytes). */
  | 'INVALID_ARGUMENT'
  /** A number is outside its allowed range (for example a leaf index beyond the tree size). */
  | 'OUT_OF_RANGE'
  /** A value given to {@link canonicalize} is not JSON data. */
  | 'NOT_JSON'
  /** A hash store lacks a node the log needs: the store and the log state disagree. */
  | 'STORE_MISSING_NODE'
  /** A hash store was asked to overwrite a node with a different hash, or to leave a gap. */
  | 'STORE_CONFLICT';

function brand(e: object): void {
  Object.defineProperty(e, BRAND, { value: true, enumerable: false });
}

/**
 * The error @izinkit/evidence throws for a misuse it cannot turn into a result value. Carries a
 * stable {@link EvidenceErrorCode}, keeps `cause`, and is recognised by {@link isIzinkitError}
 * across duplicate copies of the package.
 *
 * @example
 * ```ts
 * try {
 *   canonicalize({ n: Number.NaN });
 * } catch (e) {
 *   if (e instanceof EvidenceError) console.log(e.code); // 'NOT_JSON'
 * }
 * ```
 */
export class EvidenceError extends Error {
  /** Stable machine-readable code. */
  readonly code: EvidenceErrorCode;
  /**
   * @param code - the error code
   * @param message - what went wrong
   * @param options - `cause`, kept as `error.cause`
   */
  constructor(code: EvidenceErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EvidenceError';
    this.code = code;
    brand(this);
  }
}

/**
 * Thrown for an index or size outside its range. A `RangeError`, so `instanceof RangeError`
 * holds, and branded like {@link EvidenceError}.
 *
 * @example
 * ```ts
 * try {
 *   inclusionProof([new Uint8Array(1)], 5);
 * } catch (e) {
 *   console.log(e instanceof RangeError); // true
 * }
 * ```
 */
export class EvidenceRangeError extends RangeError {
  /** Always `'OUT_OF_RANGE'`. */
  readonly code: 'OUT_OF_RANGE' = 'OUT_OF_RANGE';
  /**
   * @param message - what was out of range
   * @param options - `cause`, kept as `error.cause`
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EvidenceRangeError';
    brand(this);
  }
}

/**
 * Thrown for an argument of the wrong type or shape. A `TypeError`, so `instanceof TypeError`
 * holds, and branded like {@link EvidenceError}.
 *
 * @example
 * ```ts
 * try {
 *   leafHash('not bytes' as unknown as Uint8Array);
 * } catch (e) {
 *   console.log(e instanceof TypeError); // true
 * }
 * ```
 */
export class EvidenceTypeError extends TypeError {
  /** Always `'INVALID_ARGUMENT'`. */
  readonly code: 'INVALID_ARGUMENT' = 'INVALID_ARGUMENT';
  /**
   * @param message - what was wrong with the argument
   * @param options - `cause`, kept as `error.cause`
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EvidenceTypeError';
    brand(this);
  }
}

/**
 * True for any error thrown by an izinkit package (they carry the `Symbol.for('izinkit.error')`
 * brand), even when two copies of a package are loaded.
 *
 * @example
 * ```ts
 * try {
 *   canonicalize(() => 1);
 * } catch (e) {
 *   if (isIzinkitError(e)) console.log(e.code);
 * }
 * ```
 */
export function isIzinkitError(e: unknown): e is Error & {
  /** The error's stable code. */
  readonly code: string;
} {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}
