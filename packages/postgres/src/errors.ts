const BRAND = Symbol.for('izinkit.error');

/** Stable codes of {@link StorageError}. */
export type StorageErrorCode =
  | 'invalid_option'
  | 'connection_failed'
  | 'migration_failed'
  | 'migration_changed'
  | 'migration_unknown'
  | 'query_failed'
  | 'not_found'
  | 'conflict'
  | 'decrypt_failed';

/**
 * A storage failure: bad configuration, an unreachable database, a migration that cannot apply,
 * or a write that breaks an invariant. Carries a stable `code`, keeps the driver error as `cause`,
 * and is recognisable across duplicate package copies with {@link isIzinkitError}.
 *
 * @example
 * ```ts
 * try {
 *   await migrate(db);
 * } catch (e) {
 *   if (e instanceof StorageError && e.code === 'migration_changed') console.error(e.message);
 * }
 * ```
 */
export class StorageError extends Error {
  /** The stable error code. */
  readonly code: StorageErrorCode;

  /**
   * @param code - the stable code
   * @param message - a readable message (Turkish / English)
   * @param options - `cause`: the underlying driver error
   */
  constructor(code: StorageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageError';
    this.code = code;
    // The brand {@link isIzinkitError} reads; non-enumerable so it never shows up in logs or JSON.
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** What {@link isIzinkitError} guarantees about an error. */
export interface IzinkitErrorLike extends Error {
  /** The stable error code. */
  readonly code: string;
}

/**
 * True for any error thrown by an izinkit package (any copy, any version): they all carry the
 * `Symbol.for('izinkit.error')` brand.
 *
 * @example
 * ```ts
 * if (isIzinkitError(e)) console.log(e.code);
 * ```
 */
export function isIzinkitError(e: unknown): e is IzinkitErrorLike {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}
