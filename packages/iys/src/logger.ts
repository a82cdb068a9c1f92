/**
 * Where the client reports what it does: retries, token refreshes, the H084 pause. Every method is
 * optional; `console` fits. The client never logs passwords or tokens.
 *
 * @example
 * ```ts
 * const logger: IysLogger = { warn: (message, fields) => console.warn(message, fields) };
 * ```
 */
export interface IysLogger {
  /** Per-request detail. */
  debug?(message: string, fields?: Record<string, unknown>): void;
  /** Token obtained or refreshed. */
  info?(message: string, fields?: Record<string, unknown>): void;
  /** Retries, the H084 pause, refresh failures. */
  warn?(message: string, fields?: Record<string, unknown>): void;
  /** Failures the caller will see. */
  error?(message: string, fields?: Record<string, unknown>): void;
}
