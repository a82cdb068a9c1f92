import { describe, expect, it } from 'vitest';
import {
  createTokenManager,
  IysApiError,
  IysClientError,
  type RefreshTokenRequest,
  type TokenRequest,
  type TokenResponse,
} from '../src/index.js';

function harness(options: { fail?: (body: TokenRequest | RefreshTokenRequest) => Error | undefined } = {}) {
  let now = Date.parse('2024-03-04T09:00:00Z');
  const calls: (TokenRequest | RefreshTokenRequest)[] = [];
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  let n = 0;
  const tokens = createTokenManager({
    username: 'u',
    password: 'p',
    now: () => new Date(now),
    refreshAheadMs: 60_000,
    transport: async (body): Promise<TokenResponse> => {
      calls.push(body);
      if (gate) await gate;
      const err = options.fail?.(body);
      if (err) throw err;
      n++;
      return {
        accessToken: `a${n}`,
        refreshToken: `r${n}`,
        expiresIn: 7200,
        refreshExpiresIn: 14400,
        tokenType: 'bearer',
      };
    },
  });
  return {
    tokens,
    calls,
    advance: (ms: number) => {
      now += ms;
    },
    hold: () => {
      gate = new Promise((r) => {
        release = r;
      });
    },
    release: () => {
      gate = undefined;
      release?.();
    },
  };
}

const apiError = (code: string, status: number): IysApiError =>
  new IysApiError({
    status,
    method: 'POST',
    path: '/oauth2/token',
    body: {},
    errors: [{ code, message: code }],
  });

describe('token manager', () => {
  it('logs in once and caches', async () => {
    const h = harness();
    expect(await h.tokens.getToken()).toBe('a1');
    expect(await h.tokens.getToken()).toBe('a1');
    expect(h.calls).toEqual([{ username: 'u', password: 'p', grant_type: 'password' }]);
  });
  it('shares one request among concurrent callers', async () => {
    const h = harness();
    h.hold();
    const all = Promise.all(Array.from({ length: 20 }, () => h.tokens.getToken()));
    h.release();
    expect(new Set(await all)).toEqual(new Set(['a1']));
    expect(h.calls).toHaveLength(1);
  });
  it('refreshes ahead of expiry with the refresh token', async () => {
    const h = harness();
    await h.tokens.getToken();
    h.advance(7200_000 - 59_000); // inside the 60 s refresh window
    expect(await h.tokens.getToken()).toBe('a2');
    expect(h.calls[1]).toEqual({ refresh_token: 'r1', grant_type: 'refresh_token' });
  });
  it('logs in again when the refresh token has expired or is refused', async () => {
    const h = harness({ fail: (b) => ('refresh_token' in b ? apiError('H251', 401) : undefined) });
    await h.tokens.getToken();
    h.advance(7200_000);
    expect(await h.tokens.getToken()).toBe('a2');
    expect(h.calls.map((c) => c.grant_type)).toEqual(['password', 'refresh_token', 'password']);
    h.advance(20_000_000); // past the refresh token's lifetime: no refresh attempt
    await h.tokens.getToken();
    expect(h.calls.map((c) => c.grant_type).slice(3)).toEqual(['password']);
  });
  it('renews after invalidate (a 401)', async () => {
    const h = harness();
    const t = await h.tokens.getToken();
    h.tokens.invalidate('not-the-token');
    expect(await h.tokens.getToken()).toBe(t);
    h.tokens.invalidate(t);
    expect(await h.tokens.getToken()).toBe('a2');
  });
  it('stops asking for an hour after H084 and says so', async () => {
    let limited = true;
    const h = harness({ fail: () => (limited ? apiError('H084', 429) : undefined) });
    const e = await h.tokens.getToken().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IysClientError);
    expect((e as IysClientError).code).toBe('iys_token_halted');
    expect((e as IysClientError).retryAt?.toISOString()).toBe('2024-03-04T10:00:00.000Z');
    expect(h.tokens.haltedUntil?.toISOString()).toBe('2024-03-04T10:00:00.000Z');
    limited = false;
    h.advance(59 * 60_000);
    await expect(h.tokens.getToken()).rejects.toMatchObject({ code: 'iys_token_halted' });
    expect(h.calls).toHaveLength(1); // nothing sent while paused
    h.advance(2 * 60_000);
    expect(await h.tokens.getToken()).toBe('a1');
    expect(h.tokens.haltedUntil).toBeUndefined();
    expect(h.tokens.requests).toBe(2);
  });
  it('keeps using a still-valid token when an early refresh fails', async () => {
    let fail = false;
    const h = harness({ fail: () => (fail ? apiError('H015', 500) : undefined) });
    await h.tokens.getToken();
    fail = true;
    h.advance(7200_000 - 30_000);
    expect(await h.tokens.getToken()).toBe('a1');
  });
  it('honours an abort signal while waiting', async () => {
    const h = harness();
    h.hold();
    const ac = new AbortController();
    const p = h.tokens.getToken(ac.signal);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
    h.release();
    expect(await h.tokens.getToken()).toBe('a1');
  });
});
