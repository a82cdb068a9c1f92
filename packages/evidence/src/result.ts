/**
 * The result of an operation whose failure is expected (bad input, a forged proof …): either
 * `{ ok: true, value }` or `{ ok: false, error }`. Match on `ok`, then on `error.code`.
 *
 * @example
 * ```ts
 * const r: Result<number, { code: 'NEGATIVE' }> = { ok: true, value: 1 };
 * if (r.ok) console.log(r.value);
 * ```
 */
export type Result<T, E> =
  | {
      /** Success. */
      readonly ok: true;
      /** The result. */
      readonly value: T;
    }
  | {
      /** Failure. */
      readonly ok: false;
      /** Why. */
      readonly error: E;
    };

/**
 * A failure with a stable `code` and a message in English (`message`) and Turkish (`messageTr`).
 *
 * @example
 * ```ts
 * const e: Problem<'BAD'> = { code: 'BAD', message: 'bad input', messageTr: 'hatalı girdi' };
 * ```
 */
export interface Problem<C extends string = string> {
  /** Stable machine-readable code; match on it. */
  readonly code: C;
  /** What went wrong, in English. */
  readonly message: string;
  /** What went wrong, in Turkish. */
  readonly messageTr: string;
}
