import { describeHCode, type HCodeInfo, isRetryableHCode } from './hcodes.js';

const BRAND = Symbol.for('izinkit.error');

/**
 * One item of İYS's `errors` array: `{ index?, code, location?, value?, message }`.
 *
 * @example
 * ```ts
 * const item: IysErrorItem = { code: 'H114', location: ['recipient'], message: 'Alıcı (recipient) bulunamadı.' };
 * ```
 */
export interface IysErrorItem {
  /** The H-code, e.g. `H114`. */
  readonly code: string;
  /** İYS's message (Turkish). */
  readonly message: string;
  /** The field path, e.g. `['recipient']` or `['retailerAccess', 0]`. */
  readonly location?: readonly (string | number)[];
  /** The rejected value, when İYS sends it. */
  readonly value?: unknown;
  /** The position of the item in a batch request, when İYS sends it. */
  readonly index?: number;
}

/** Everything {@link IysApiError}'s constructor takes. */
export interface IysApiErrorInit {
  /** The HTTP status. */
  readonly status: number;
  /** HTTP method of the request. */
  readonly method: string;
  /** Path of the request (no host). */
  readonly path: string;
  /** The parsed body (JSON when it was JSON, else the text). */
  readonly body: unknown;
  /** İYS's error items (from `errors[]` or a `{ code, message }` body). */
  readonly errors: readonly IysErrorItem[];
  /** The value of a `Retry-After` header, in milliseconds. */
  readonly retryAfterMs?: number;
}

/**
 * An error answer from İYS: HTTP status, the first H-code with its `location`, `index` and
 * `value`, all error items, and the original body. `code` is the H-code (`H174`, …) or, when İYS
 * sent none, `http_<status>`.
 *
 * @example
 * ```ts
 * try {
 *   await client.consents.add(600000, consent);
 * } catch (e) {
 *   if (e instanceof IysApiError && e.code === 'H174') console.log('already registered');
 * }
 * ```
 */
export class IysApiError extends Error {
  /** The H-code, or `http_<status>` when the body had none. */
  readonly code: string;
  /** The H-code when İYS sent one. */
  readonly hCode: string | undefined;
  /** The HTTP status. */
  readonly status: number;
  /** The field path of the first error item. */
  readonly location: readonly (string | number)[] | undefined;
  /** The batch index of the first error item. */
  readonly index: number | undefined;
  /** The rejected value of the first error item. */
  readonly value: unknown;
  /** All error items. */
  readonly errors: readonly IysErrorItem[];
  /** The original body. */
  readonly body: unknown;
  /** HTTP method of the request. */
  readonly method: string;
  /** Path of the request. */
  readonly path: string;
  /** `Retry-After`, in milliseconds, when İYS sent it. */
  readonly retryAfterMs: number | undefined;
  /** What izinkit knows about the H-code (English explanation, retry flag), if anything. */
  readonly info: HCodeInfo | undefined;

  /**
   * @param init - status, request, body and error items
   * @param options - `cause`
   */
  constructor(init: IysApiErrorInit, options?: { cause?: unknown }) {
    const first = init.errors[0];
    const info = first ? describeHCode(first.code) : undefined;
    const en = info?.en ?? `HTTP ${init.status}`;
    const tr =
      first?.message ?? (typeof init.body === 'string' && init.body ? init.body : `HTTP ${init.status}`);
    super(
      `${init.method} ${init.path}: ${first ? `${first.code} ` : ''}${tr} / ${en}${
        init.errors.length > 1 ? ` (+${init.errors.length - 1} more)` : ''
      }`,
      options,
    );
    this.name = 'IysApiError';
    this.code = first?.code ?? `http_${init.status}`;
    this.hCode = first?.code;
    this.status = init.status;
    this.location = first?.location;
    this.index = first?.index;
    this.value = first?.value;
    this.errors = init.errors;
    this.body = init.body;
    this.method = init.method;
    this.path = init.path;
    this.retryAfterMs = init.retryAfterMs;
    this.info = info;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /**
   * True when sending the same request again may succeed: HTTP 429 or 5xx, or a retryable H-code.
   *
   * @example
   * ```ts
   * if (e instanceof IysApiError && e.retryable) scheduleRetry();
   * ```
   */
  get retryable(): boolean {
    return (
      this.status === 429 || this.status >= 500 || (this.hCode !== undefined && isRetryableHCode(this.hCode))
    );
  }
}

/** Stable codes of {@link IysClientError}. */
export type IysClientErrorCode =
  /** The network failed (connection refused or dropped) on every attempt. */
  | 'iys_network'
  /** No answer within `timeoutMs` on every attempt. */
  | 'iys_timeout'
  /** İYS answered H084: token requests are paused until `retryAt`. */
  | 'iys_token_halted'
  /** İYS answered 2xx with a body that does not match the schema. */
  | 'iys_bad_response'
  /** The daily file's SHA-256 differs from `info().hashValue`. */
  | 'iys_hash_mismatch'
  /** An argument was invalid (bad brand code, date, …); nothing was sent. */
  | 'iys_invalid_argument';

/**
 * A failure on the client's side of the wire: network, timeout, paused token requests (H084), an
 * unexpected response shape, a daily-file hash mismatch, or an invalid argument.
 *
 * @example
 * ```ts
 * try {
 *   await client.brands.list();
 * } catch (e) {
 *   if (e instanceof IysClientError && e.code === 'iys_token_halted') console.log('wait until', e.retryAt);
 * }
 * ```
 */
export class IysClientError extends Error {
  /** The stable code. */
  readonly code: IysClientErrorCode;
  /** For `iys_token_halted`: when token requests may resume. */
  readonly retryAt: Date | undefined;
  /** Extra detail (the request path, the expected and actual hash, …). */
  readonly details: Readonly<Record<string, unknown>>;

  /**
   * @param code - the stable code
   * @param message - Turkish / English message
   * @param options - `cause`, `retryAt`, `details`
   */
  constructor(
    code: IysClientErrorCode,
    message: string,
    options: { cause?: unknown; retryAt?: Date; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'IysClientError';
    this.code = code;
    this.retryAt = options.retryAt;
    this.details = Object.freeze({ ...(options.details ?? {}) });
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * What every izinkit error has: a stable `code`.
 *
 * @example
 * ```ts
 * const e: IzinkitErrorLike = new IysClientError('iys_network', 'ağ hatası / network failure');
 * ```
 */
export interface IzinkitErrorLike extends Error {
  /** The stable code. */
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

/**
 * True for an {@link IysApiError} from any copy of this package.
 *
 * @example
 * ```ts
 * if (isIysApiError(e) && e.status === 422) console.log(e.errors);
 * ```
 */
export function isIysApiError(e: unknown): e is IysApiError {
  return isIzinkitError(e) && e.name === 'IysApiError';
}
