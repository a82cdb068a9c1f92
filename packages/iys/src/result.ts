/**
 * The result of an operation that can fail in an expected way: `{ ok: true, value }` or
 * `{ ok: false, error }`. Errors carry a stable string `code`.
 *
 * @example
 * ```ts
 * const r: IysResult<Date, IysDateTimeError> = parseIysDateTime('2024-01-02 10:00:00');
 * if (r.ok) console.log(r.value.toISOString());
 * else console.log(r.error.code);
 * ```
 */
export type IysResult<T, E> =
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
