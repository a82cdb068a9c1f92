/**
 * The request pipeline every client call goes through: rate limiter → token → fetch with timeout →
 * error parsing → retry with backoff (honouring Retry-After) → one token renewal on 401.
 */
import { IysApiError, IysClientError, type IysErrorItem } from '../errors.js';
import { isRetryableHCode } from '../hcodes.js';
import type { IysLogger } from '../logger.js';
import type { RateLimiter } from '../rate-limit.js';
import { computeBackoffMs, parseRetryAfter, type RetryOptions } from '../retry.js';
import { IysErrorBodySchema } from '../schemas.js';
import type { TokenManager } from '../token.js';
import { sleep } from './sleep.js';

export interface TransportConfig {
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  retry: RetryOptions | false;
  limiter: RateLimiter | undefined;
  logger: IysLogger | undefined;
  tokens: () => TokenManager;
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  form?: Record<string, string>;
  auth: boolean;
  signal?: AbortSignal | undefined;
  /** `json` parses the body, `text` returns it as text, `stream` returns the Response unread. */
  expect: 'json' | 'text' | 'stream';
  /** Statuses that are answers, not errors (e.g. 404 for "not found" queries). */
  accept?: readonly number[];
}

export interface Answer {
  status: number;
  body: unknown;
  response: Response | undefined;
}

function buildUrl(base: string, path: string, query: RequestSpec['query']): string {
  let url = base + path;
  if (query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
    const q = params.toString();
    if (q) url += `?${q}`;
  }
  return url;
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function errorItems(body: unknown): IysErrorItem[] {
  const parsed = IysErrorBodySchema.safeParse(body);
  return parsed.success ? (parsed.data as IysErrorItem[]) : [];
}

export function createTransport(config: TransportConfig): (spec: RequestSpec) => Promise<Answer> {
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const retries = config.retry === false ? 0 : (config.retry.retries ?? 5);
  const retryOptions: RetryOptions = config.retry === false ? {} : config.retry;
  const maxRetryAfter = retryOptions.maxRetryAfterMs ?? 120_000;

  type Outcome =
    | { kind: 'answer'; answer: Answer }
    | { kind: 'renew' }
    | { kind: 'error'; error: Error; retryable: boolean; waitMs: number | undefined };

  async function once(spec: RequestSpec, url: string, label: string, renewed: boolean): Promise<Outcome> {
    const signal = spec.signal;
    await config.limiter?.acquire(signal);
    const headers: Record<string, string> = { accept: 'application/json' };
    let token: string | undefined;
    if (spec.auth) {
      token = await config.tokens().getToken(signal);
      headers.authorization = `Bearer ${token}`;
    }
    let body: string | undefined;
    if (spec.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(spec.json);
    } else if (spec.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(spec.form).toString();
    }
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('timeout'));
    }, config.timeoutMs);
    const onAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const cleanup = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    let res: Response;
    let text: string;
    try {
      const init: RequestInit = { method: spec.method, headers, signal: controller.signal };
      if (body !== undefined) init.body = body;
      res = await config.fetch(url, init);
      if (spec.expect === 'stream' && res.ok) {
        // The caller reads the body; the timeout covers the wait for the headers only.
        cleanup();
        return { kind: 'answer', answer: { status: res.status, body: undefined, response: res } };
      }
      text = await res.text();
      cleanup();
    } catch (e) {
      cleanup();
      if (signal?.aborted) throw signal.reason;
      const code = timedOut ? 'iys_timeout' : 'iys_network';
      const error = new IysClientError(
        code,
        timedOut
          ? `${label}: ${config.timeoutMs} ms içinde yanıt gelmedi / no answer within ${config.timeoutMs} ms`
          : `${label}: ağ hatası / network failure (${e instanceof Error ? e.message : String(e)})`,
        { cause: e, details: { method: spec.method, path: spec.path } },
      );
      return { kind: 'error', error, retryable: true, waitMs: undefined };
    }
    if (res.ok || spec.accept?.includes(res.status)) {
      return {
        kind: 'answer',
        answer: {
          status: res.status,
          body: spec.expect === 'json' ? parseBody(text) : text,
          response: undefined,
        },
      };
    }
    const parsed = parseBody(text);
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    const error = new IysApiError({
      status: res.status,
      method: spec.method,
      path: spec.path,
      body: parsed,
      errors: errorItems(parsed),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
    if (res.status === 401 && spec.auth && token !== undefined && !renewed) {
      config.tokens().invalidate(token);
      config.logger?.info?.('İYS answered 401; renewing the token once', { request: label });
      return { kind: 'renew' };
    }
    if (error.hCode === 'H084') return { kind: 'error', error, retryable: false, waitMs: undefined };
    const retryable =
      res.status === 429 || res.status >= 500 || (error.hCode !== undefined && isRetryableHCode(error.hCode));
    if (retryable && retryAfterMs !== undefined && retryAfterMs > maxRetryAfter) {
      return { kind: 'error', error, retryable: false, waitMs: undefined };
    }
    if (retryable && res.status === 429 && retryAfterMs !== undefined) config.limiter?.pauseFor(retryAfterMs);
    return { kind: 'error', error, retryable, waitMs: retryAfterMs };
  }

  return async function send(spec: RequestSpec): Promise<Answer> {
    const url = buildUrl(baseUrl, spec.path, spec.query);
    const label = `${spec.method} ${spec.path}`;
    let attempt = 0;
    let renewed = false;
    for (;;) {
      if (spec.signal?.aborted) throw spec.signal.reason;
      const outcome = await once(spec, url, label, renewed);
      if (outcome.kind === 'answer') return outcome.answer;
      if (outcome.kind === 'renew') {
        renewed = true;
        continue;
      }
      if (!outcome.retryable || attempt >= retries) throw outcome.error;
      const delay = outcome.waitMs ?? computeBackoffMs(attempt, retryOptions);
      attempt++;
      config.logger?.warn?.('İYS request failed; retrying', {
        request: label,
        attempt,
        delayMs: delay,
        error: outcome.error.message,
      });
      await sleep(delay, spec.signal);
    }
  };
}
