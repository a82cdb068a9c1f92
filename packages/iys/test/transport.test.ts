import { describe, expect, it } from 'vitest';
import { createIysClient, IysApiError, IysClientError, type IysClientOptions } from '../src/index.js';

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

function fakeFetch(handlers: Handler[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, init });
    if (url.endsWith('/oauth2/token')) {
      return Response.json({
        access_token: `tok${calls.length}`,
        refresh_token: 'r',
        expires_in: 7200,
        token_type: 'bearer',
      });
    }
    const h = handlers.shift();
    if (!h) throw new Error(`unexpected call ${url}`);
    return h(url, init);
  }) as typeof globalThis.fetch;
  return { fetch, calls, apiCalls: () => calls.filter((c) => !c.url.endsWith('/oauth2/token')) };
}

const base = (fetch: typeof globalThis.fetch, extra: Partial<IysClientOptions> = {}): IysClientOptions => ({
  baseUrl: 'http://iys.test/',
  username: 'u',
  password: 'p',
  iysCode: 600000,
  fetch,
  rateLimit: false,
  retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 5 },
  ...extra,
});

const brands = [{ brandCode: 600000, name: 'x', master: true }];

describe('request pipeline', () => {
  it('sends the bearer token and the right path', async () => {
    const f = fakeFetch([() => Response.json(brands)]);
    const client = createIysClient(base(f.fetch));
    const list = await client.brands.list();
    expect(list[0]!.brandCode).toBe(600000);
    const call = f.apiCalls()[0]!;
    expect(call.url).toBe('http://iys.test/sps/600000/brands');
    expect((call.init.headers as Record<string, string>).authorization).toBe('Bearer tok1');
    const tokenCall = f.calls[0]!;
    expect(JSON.parse(String(tokenCall.init.body))).toEqual({
      username: 'u',
      password: 'p',
      grant_type: 'password',
    });
  });
  it('can send the token body form-encoded', async () => {
    const f = fakeFetch([() => Response.json(brands)]);
    await createIysClient(base(f.fetch, { compat: { tokenBody: 'form' } })).brands.list();
    expect(String(f.calls[0]!.init.body)).toBe('username=u&password=p&grant_type=password');
  });
  it('renews the token once on 401 and retries', async () => {
    const f = fakeFetch([
      () =>
        Response.json({ errors: [{ code: 'H351', message: 'Eksik veya geçersiz jeton!' }] }, { status: 401 }),
      () => Response.json(brands),
    ]);
    await createIysClient(base(f.fetch)).brands.list();
    const auth = f.apiCalls().map((c) => (c.init.headers as Record<string, string>).authorization);
    expect(auth).toEqual(['Bearer tok1', 'Bearer tok3']);
  });
  it('gives up after one renewal when 401 persists', async () => {
    const unauthorized = () => Response.json({ errors: [{ code: 'H351', message: 'x' }] }, { status: 401 });
    const f = fakeFetch([unauthorized, unauthorized]);
    const e = await createIysClient(base(f.fetch))
      .brands.list()
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IysApiError);
    expect((e as IysApiError).status).toBe(401);
    expect(f.apiCalls()).toHaveLength(2);
  });
  it('retries 5xx, 429 and retryable H-codes, then succeeds', async () => {
    const f = fakeFetch([
      () => new Response('oops', { status: 502 }),
      () =>
        Response.json(
          { errors: [{ code: 'H124', message: 'limit' }] },
          { status: 429, headers: { 'retry-after': '0' } },
        ),
      () => Response.json({ errors: [{ code: 'H192', message: 'timeout' }] }, { status: 503 }),
      () => Response.json(brands),
    ]);
    expect(await createIysClient(base(f.fetch)).brands.list()).toHaveLength(1);
    expect(f.apiCalls()).toHaveLength(4);
  });
  it('does not retry a validation error, and exposes İYS’s details', async () => {
    const f = fakeFetch([
      () =>
        Response.json(
          {
            errors: [
              {
                code: 'H180',
                message: 'bayi yok',
                location: ['retailerAccess', 0],
                value: 90043618,
                index: 3,
              },
            ],
          },
          { status: 403 },
        ),
    ]);
    const e = (await createIysClient(base(f.fetch))
      .brands.list()
      .catch((x: unknown) => x)) as IysApiError;
    expect(e).toBeInstanceOf(IysApiError);
    expect(e).toMatchObject({
      code: 'H180',
      hCode: 'H180',
      status: 403,
      location: ['retailerAccess', 0],
      value: 90043618,
      index: 3,
    });
    expect(e.body).toEqual({ errors: [expect.objectContaining({ code: 'H180' })] });
    expect(e.retryable).toBe(false);
    expect(e.info?.en).toBe('Unknown retailer code.');
    expect(f.apiCalls()).toHaveLength(1);
  });
  it('fails a Retry-After longer than allowed instead of waiting', async () => {
    const f = fakeFetch([
      () =>
        Response.json(
          { errors: [{ code: 'H124', message: 'x' }] },
          { status: 429, headers: { 'retry-after': '3600' } },
        ),
    ]);
    const e = (await createIysClient(base(f.fetch))
      .brands.list()
      .catch((x: unknown) => x)) as IysApiError;
    expect(e.retryAfterMs).toBe(3_600_000);
    expect(f.apiCalls()).toHaveLength(1);
  });
  it('turns network failures into iys_network after the retries', async () => {
    const boom = () => {
      throw new TypeError('fetch failed');
    };
    const f = fakeFetch([boom, boom, boom, boom]);
    const e = await createIysClient(base(f.fetch))
      .brands.list()
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IysClientError);
    expect((e as IysClientError).code).toBe('iys_network');
    expect(f.apiCalls()).toHaveLength(4);
  });
  it('times out a silent server (iys_timeout)', async () => {
    const hang: Handler = (_u, init) =>
      new Promise((_r, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    const f = fakeFetch([hang, hang]);
    const e = await createIysClient(base(f.fetch, { timeoutMs: 20, retry: { retries: 1, baseDelayMs: 1 } }))
      .brands.list()
      .catch((x: unknown) => x);
    expect((e as IysClientError).code).toBe('iys_timeout');
  });
  it('rejects with the abort reason when the caller aborts', async () => {
    const hang: Handler = (_u, init) =>
      new Promise((_r, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const f = fakeFetch([hang]);
    const ac = new AbortController();
    const p = createIysClient(base(f.fetch)).brands.list({ signal: ac.signal });
    setTimeout(() => ac.abort(new Error('user stop')), 10);
    await expect(p).rejects.toThrow('user stop');
  });
  it('reports an unexpected answer shape as iys_bad_response', async () => {
    const f = fakeFetch([() => Response.json({ not: 'a list' })]);
    await expect(createIysClient(base(f.fetch)).brands.list()).rejects.toMatchObject({
      code: 'iys_bad_response',
    });
  });
  it('rejects bad arguments before sending anything', async () => {
    const f = fakeFetch([]);
    expect(() => createIysClient(base(f.fetch, { iysCode: -1 }))).toThrow(IysClientError);
    const client = createIysClient(base(f.fetch));
    await expect(
      client.consents.status(1.5, { recipient: 'a@b.co', recipientType: 'BIREYSEL', type: 'EPOSTA' }),
    ).rejects.toMatchObject({
      code: 'iys_invalid_argument',
    });
    await expect(client.reconciliation.info(600000, '2024-13-01')).rejects.toMatchObject({
      code: 'iys_invalid_argument',
    });
    expect(f.calls).toHaveLength(0);
  });
  it('stops token requests after H084 and says when they resume', async () => {
    const calls: string[] = [];
    const fetch = (async (input: string | URL | Request) => {
      calls.push(String(input));
      return Response.json({ code: 'H084', message: 'Saatte kabul edilen…' }, { status: 429 });
    }) as typeof globalThis.fetch;
    const client = createIysClient(base(fetch));
    await expect(client.brands.list()).rejects.toMatchObject({ code: 'iys_token_halted' });
    await expect(client.brands.list()).rejects.toMatchObject({ code: 'iys_token_halted' });
    expect(calls).toHaveLength(1);
    expect(client.tokens.haltedUntil).toBeInstanceOf(Date);
  });
});
