/**
 * The token lifecycle: one login, cached; refreshed ahead of expiry with the refresh token (login
 * again when that fails); one request in flight however many callers wait; on H084 (hourly limit
 * on authentication requests) no token request at all until the hour has passed.
 */
import { IysApiError, IysClientError } from './errors.js';
import type { IysLogger } from './logger.js';
import type { RefreshTokenRequest, TokenRequest, TokenResponse } from './schemas.js';

/**
 * Sends one token request (login or refresh) and returns the parsed answer; throws
 * {@link IysApiError} on an error answer. {@link createIysClient} supplies one that goes through its
 * timeout, retry and rate limiting.
 *
 * @example
 * ```ts
 * const transport: TokenTransport = async (body) => ({ accessToken: 'a', refreshToken: 'r', expiresIn: 7200, refreshExpiresIn: 14400, tokenType: 'bearer' });
 * ```
 */
export type TokenTransport = (
  body: TokenRequest | RefreshTokenRequest,
  signal?: AbortSignal,
) => Promise<TokenResponse>;

/**
 * Options of {@link createTokenManager}.
 *
 * @example
 * ```ts
 * const options: TokenManagerOptions = { username: 'izinkit', password: 'izinkit', transport };
 * ```
 */
export interface TokenManagerOptions {
  /** API user name. */
  readonly username: string;
  /** API password. */
  readonly password: string;
  /** Sends token requests. */
  readonly transport: TokenTransport;
  /** Clock (default `() => new Date()`). */
  readonly now?: () => Date;
  /** Refresh this long before the access token expires, in ms (default 120 000). */
  readonly refreshAheadMs?: number;
  /** How long to stop asking for tokens after H084, in ms (default one hour). */
  readonly haltMs?: number;
  /** Logger. */
  readonly logger?: IysLogger;
}

/**
 * A cached, self-refreshing access token.
 *
 * @example
 * ```ts
 * const tokens = createTokenManager({ username, password, transport });
 * const token = await tokens.getToken();
 * ```
 */
export interface TokenManager {
  /** A valid access token: cached, refreshed or newly obtained. Concurrent callers share one request. */
  getToken(signal?: AbortSignal): Promise<string>;
  /** Marks a token as rejected (after a 401) so the next {@link TokenManager.getToken} renews it. */
  invalidate(token: string): void;
  /** When token requests may resume after H084, or `undefined` when not paused. */
  readonly haltedUntil: Date | undefined;
  /** Token requests sent so far (logins and refreshes). */
  readonly requests: number;
}

interface TokenState {
  access: string;
  accessExpiresAt: number;
  refresh: string | undefined;
  refreshExpiresAt: number;
}

/**
 * Creates a {@link TokenManager}.
 *
 * @example
 * ```ts
 * const tokens = createTokenManager({ username: 'izinkit', password: 'izinkit', transport, refreshAheadMs: 300_000 });
 * await tokens.getToken();
 * ```
 */
export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const now = (): number => (options.now ?? (() => new Date()))().getTime();
  const ahead = options.refreshAheadMs ?? 120_000;
  const haltMs = options.haltMs ?? 3_600_000;
  const log = options.logger;
  let state: TokenState | undefined;
  let inflight: Promise<TokenState> | undefined;
  let haltedUntil = 0;
  let requests = 0;

  const halted = (): IysClientError =>
    new IysClientError(
      'iys_token_halted',
      `İYS saatlik kimlik doğrulama limiti (H084) aşıldı; ${new Date(haltedUntil).toISOString()} öncesinde jeton istenmeyecek. / ` +
        `İYS hourly authentication limit (H084) reached; no token requests until ${new Date(haltedUntil).toISOString()}.`,
      { retryAt: new Date(haltedUntil) },
    );

  const call = async (body: TokenRequest | RefreshTokenRequest): Promise<TokenState> => {
    if (now() < haltedUntil) throw halted();
    requests++;
    const sentAt = now();
    try {
      const t = await options.transport(body);
      return {
        access: t.accessToken,
        accessExpiresAt: sentAt + t.expiresIn * 1000,
        refresh: t.refreshToken,
        refreshExpiresAt: sentAt + (t.refreshExpiresIn ?? t.expiresIn) * 1000,
      };
    } catch (e) {
      if (e instanceof IysApiError && e.hCode === 'H084') {
        haltedUntil = now() + haltMs;
        log?.warn?.('İYS H084: token requests paused for an hour', {
          until: new Date(haltedUntil).toISOString(),
        });
        throw halted();
      }
      throw e;
    }
  };

  const renew = async (): Promise<TokenState> => {
    const current = state;
    if (current?.refresh && now() < current.refreshExpiresAt - 5_000) {
      try {
        const next = await call({ refresh_token: current.refresh, grant_type: 'refresh_token' });
        log?.info?.('İYS token refreshed');
        return next;
      } catch (e) {
        if (e instanceof IysClientError && e.code === 'iys_token_halted') throw e;
        log?.warn?.('İYS token refresh failed; logging in again', { error: String(e) });
      }
    }
    const next = await call({
      username: options.username,
      password: options.password,
      grant_type: 'password',
    });
    log?.info?.('İYS token obtained');
    return next;
  };

  const shared = (): Promise<TokenState> => {
    inflight ??= renew()
      .then((s) => {
        state = s;
        return s;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };

  const race = <T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> => {
    if (!signal) return p;
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      p.then(
        (v) => {
          signal.removeEventListener('abort', onAbort);
          resolve(v);
        },
        (e) => {
          signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      );
    });
  };

  return {
    async getToken(signal?: AbortSignal): Promise<string> {
      const t = now();
      const s = state;
      if (s && t < s.accessExpiresAt - ahead) return s.access;
      if (t < haltedUntil) {
        // Paused: a still-valid token may be used; otherwise say why there is none.
        if (s && t < s.accessExpiresAt) return s.access;
        throw halted();
      }
      try {
        return (await race(shared(), signal)).access;
      } catch (e) {
        // Refreshing ahead of time failed, but the old token still works: use it.
        if (s && now() < s.accessExpiresAt && !signal?.aborted) {
          log?.warn?.('İYS token renewal failed; using the current token until it expires', {
            error: String(e),
          });
          return s.access;
        }
        throw e;
      }
    },
    invalidate(token: string): void {
      if (state && state.access === token) state = { ...state, accessExpiresAt: 0 };
    },
    get haltedUntil(): Date | undefined {
      return now() < haltedUntil ? new Date(haltedUntil) : undefined;
    },
    get requests(): number {
      return requests;
    },
  };
}
