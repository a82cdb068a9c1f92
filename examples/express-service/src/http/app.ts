/**
 * The Express 5 application: security headers, request ids, logging with personal data masked,
 * metrics, per-IP and per-key rate limits, and every route of the registry with its validation
 * and authorisation — all errors as RFC 9457 problem+json.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { ApiKeyInfo } from '@izinkit/postgres';
import express, {
  type ErrorRequestHandler,
  type Express,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import helmet from 'helmet';
import type { Brand } from '../domain/brands.js';
import type { Hub } from '../hub.js';
import { type Locale, localeFrom } from '../i18n.js';
import { maskUrl } from '../log.js';
import { allows, brandsAllowed, presentedKey } from './auth.js';
import { fieldErrors, Problem, sendProblem, validationProblem } from './problem.js';
import { HubRateLimits, type Take } from './rate-limit.js';
import type { AnyRoute, Call, Permission } from './route.js';

/** Options of {@link createApp}. */
export interface CreateAppOptions {
  /** The routes to serve (default: every route of the registry). */
  readonly routes: readonly AnyRoute[];
  /** Mounted at `/` after the API routes (the web pages), if given. */
  readonly web?: express.Router | undefined;
  /** The rate limits (default: this process's own, from the hub's configuration). */
  readonly limits?: HubRateLimits | undefined;
}

/** What the request path asks of a rate limiter. */
interface Limiter {
  take(key: string, cost?: number): Take;
}

/**
 * The secret the rate-limit bucket digests are keyed with: derived from the storage lookup key,
 * which every process of a hub shares.
 *
 * @example
 * ```ts
 * const limits = new HubRateLimits(hub.config, rateLimitSecret(hub));
 * ```
 */
export function rateLimitSecret(hub: Hub): Uint8Array {
  return createHmac('sha256', hub.secrets.storage.lookupKey).update('izinkit.rate-limit.v1').digest();
}

/** Per-request facts: the request id and the route template (for metrics). */
const facts = new WeakMap<Request, { id: string; route?: string }>();

/** `/v1/brands/{brandCode}` → `/v1/brands/:brandCode`. */
export const expressPath = (p: string): string => p.replace(/\{(\w+)\}/g, ':$1');

const localeOf = (req: Request): Locale => localeFrom(req.headers['accept-language']);

/**
 * Builds the application.
 *
 * @example
 * ```ts
 * const app = createApp(hub, { routes: ROUTES });
 * app.listen(3000);
 * ```
 */
export function createApp(hub: Hub, options: CreateAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', hub.config.trustProxy);
  app.set('etag', false);
  app.set('query parser', 'simple');

  const limits = options.limits ?? new HubRateLimits(hub.config, rateLimitSecret(hub));
  const ipLimiter = limits.ip;
  const keyLimiter = limits.key;

  const https = (hub.config.publicUrl ?? '').startsWith('https:');
  app.use(
    helmet({
      // HSTS and upgrade-insecure-requests only when people reach the hub over https.
      strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          upgradeInsecureRequests: https ? [] : null,
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
        },
      },
      crossOriginResourcePolicy: { policy: 'same-origin' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );

  // Request id, timing, metrics and one log line per request (URL masked).
  app.use((req, res, next) => {
    const t0 = performance.now();
    const incoming = req.headers['x-request-id'];
    const id =
      typeof incoming === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    facts.set(req, { id });
    res.setHeader('X-Request-Id', id);
    res.once('finish', () => {
      const seconds = (performance.now() - t0) / 1000;
      const routeName = facts.get(req)?.route ?? (res.statusCode === 404 ? 'unmatched' : 'web');
      hub.metrics.observeRequest(req.method, routeName, res.statusCode, seconds);
      if (res.statusCode >= 500) {
        hub.log.error(
          {
            reqId: id,
            method: req.method,
            url: maskUrl(req.originalUrl),
            status: res.statusCode,
            ms: Math.round(seconds * 1000),
          },
          'request failed',
        );
      } else if (hub.log.isLevelEnabled('debug')) {
        hub.log.debug(
          {
            reqId: id,
            method: req.method,
            url: maskUrl(req.originalUrl),
            status: res.statusCode,
            ms: Math.round(seconds * 1000),
          },
          'request',
        );
      }
    });
    next();
  });

  // Per-IP limit, before anything that costs work.
  app.use((req, _res, next) => {
    const take = ipLimiter.take(`ip:${req.ip ?? 'unknown'}`);
    if (take.ok) return next();
    hub.metrics.inc('izinkit_rate_limited_total', 'Requests refused by a rate limit.', { by: 'ip' });
    next(rateLimited(take.retryAfterSeconds));
  });

  const jsonBody = express.json({
    limit: hub.config.bodyLimitBytes,
    type: ['application/json', 'application/*+json'],
    strict: true,
  });

  for (const r of options.routes) {
    if (r.embeddedOnly && !hub.config.embedded) continue;
    const handlers: RequestHandler[] = [];
    handlers.push((req, _res, next) => {
      const f = facts.get(req);
      if (f) f.route = r.path;
      next();
    });
    if (r.body) handlers.push(jsonBody);
    const routeLimiter = r.perMinute ? limits.route(r.id, r.perMinute) : undefined;
    handlers.push((req, res, next) => {
      serve(hub, r, req, res, keyLimiter, routeLimiter).catch(next);
    });
    app[r.method](expressPath(r.path), ...handlers);
  }

  if (options.web) app.use('/', options.web);

  // Nothing matched.
  app.use((req, _res, next) => {
    next(
      new Problem(404, 'not_found', 'problem.not_found', {
        detail: { key: 'problem.not_found.route' },
        extra: { method: req.method },
      }),
    );
  });

  const onError: ErrorRequestHandler = (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const locale = localeOf(req);
    const problem = toProblem(err, hub, req);
    sendProblem(res, problem, locale, req.originalUrl);
  };
  app.use(onError);
  return app;
}

function rateLimited(seconds: number): Problem {
  return new Problem(429, 'rate_limited', 'problem.rate_limited', {
    detail: { key: 'problem.rate_limited.detail', params: { seconds } },
    headers: { 'Retry-After': String(seconds) },
  });
}

/** Maps anything thrown to a problem; unexpected errors are logged (masked) and answered 500. */
function toProblem(err: unknown, hub: Hub, req: Request): Problem {
  if (err instanceof Problem) return err;
  const e = err as {
    type?: string;
    status?: number;
    statusCode?: number;
    expose?: boolean;
    limit?: number;
    name?: string;
    code?: string;
  };
  // body-parser and router errors carry an HTTP status of their own.
  switch (e?.type) {
    case 'entity.parse.failed':
      return new Problem(400, 'malformed_json', 'problem.malformed_json', {
        errors: [{ in: 'body', field: '(root)', pointer: '', detail: 'geçerli JSON değil / not valid JSON' }],
      });
    case 'entity.too.large':
      return new Problem(413, 'body_too_large', 'problem.too_large', {
        detail: { key: 'problem.too_large.detail', params: { limit: e.limit ?? hub.config.bodyLimitBytes } },
      });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new Problem(415, 'unsupported_charset', 'problem.unsupported_media_type', {
        detail: {
          key: 'problem.unsupported_media_type.detail',
          params: { expected: 'application/json; charset=utf-8' },
        },
      });
    case 'request.aborted':
      return new Problem(400, 'request_aborted', 'problem.validation', {
        detail: { tr: 'İstek yarıda kesildi.', en: 'The request was aborted.' },
      });
    default:
      break;
  }
  if (err instanceof URIError || (e?.status === 400 && e?.name === 'URIError')) {
    return new Problem(400, 'bad_url', 'problem.bad_url', {
      errors: [
        {
          in: 'path',
          field: '(path)',
          pointer: '',
          detail: 'yüzde kodlaması geçersiz / invalid percent-encoding',
        },
      ],
    });
  }
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && e?.expose !== false) {
    return new Problem(status, `http_${status}`, status === 413 ? 'problem.too_large' : 'problem.validation');
  }
  const ref = facts.get(req)?.id ?? randomUUID();
  hub.log.error({ err, reqId: ref, method: req.method, url: maskUrl(req.originalUrl) }, 'unexpected error');
  return new Problem(500, 'internal_error', 'problem.internal', {
    detail: { key: 'problem.internal.detail', params: { id: ref } },
  });
}

async function serve(
  hub: Hub,
  r: AnyRoute,
  req: Request,
  res: Response,
  keyLimiter: Limiter,
  routeLimiter: Limiter | undefined,
): Promise<void> {
  const locale = localeOf(req);
  const ip = req.ip ?? 'unknown';
  let key: ApiKeyInfo | null = null;
  if (r.auth.kind !== 'public') {
    key = await hub.auth.verify(presentedKey(req));
    if (!key) {
      throw new Problem(401, 'unauthorized', 'problem.unauthorized', {
        detail: { key: 'problem.unauthorized.detail' },
        headers: { 'WWW-Authenticate': 'Bearer realm="izinkit"' },
      });
    }
    const take = keyLimiter.take(`key:${key.id}`);
    if (!take.ok) {
      hub.metrics.inc('izinkit_rate_limited_total', 'Requests refused by a rate limit.', { by: 'key' });
      throw rateLimited(take.retryAfterSeconds);
    }
  }
  if (routeLimiter) {
    const take = routeLimiter.take(key ? `key:${key.id}` : `ip:${ip}`);
    if (!take.ok) {
      hub.metrics.inc('izinkit_rate_limited_total', 'Requests refused by a rate limit.', { by: 'route' });
      throw rateLimited(take.retryAfterSeconds);
    }
  }

  // Path parameters first: the brand decides the authorisation.
  let params: unknown = {};
  if (r.params) {
    const p = r.params.safeParse({ ...req.params });
    if (!p.success) throw validationProblem(fieldErrors('path', p.error));
    params = p.data;
  }
  let brand: Brand | undefined;
  let brands: readonly string[] = [];
  if (key && r.auth.kind !== 'public') {
    const permission: Permission = r.auth.permission;
    if (r.auth.kind === 'brand') {
      const code = (params as { brandCode?: string }).brandCode ?? '';
      if (!allows(key, permission, code)) throw forbidden(permission, code);
      brand = await hub.brands.get(code);
      if (!brand) {
        throw new Problem(404, 'unknown_brand', 'problem.unknown_brand', {
          detail: { key: 'problem.unknown_brand.detail', params: { brand: code } },
        });
      }
      brands = [code];
    } else {
      const all = [...(await hub.brands.all()).keys()];
      brands = brandsAllowed(key, permission, all);
      if (r.auth.kind === 'global' && (brands.length !== all.length || all.length === 0)) {
        throw new Problem(403, 'forbidden', 'problem.forbidden', {
          detail: { key: 'problem.forbidden.global', params: { permission } },
        });
      }
      if (r.auth.kind === 'key' && brands.length === 0) throw forbidden(permission, '*');
    }
  }

  let query: unknown = {};
  if (r.query) {
    const q = r.query.safeParse({ ...(req.query as Record<string, unknown>) });
    if (!q.success) throw validationProblem(fieldErrors('query', q.error));
    query = q.data;
  } else if (Object.keys(req.query as object).length > 0) {
    const names = Object.keys(req.query as object);
    throw validationProblem(
      names.slice(0, 20).map((n) => ({
        in: 'query',
        field: n,
        pointer: `/${n}`,
        detail: 'bilinmeyen parametre / unknown parameter',
      })),
    );
  }
  let body: unknown;
  if (r.body) {
    const ct = req.headers['content-type'];
    if (ct === undefined || !/^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(ct)) {
      throw new Problem(415, 'unsupported_media_type', 'problem.unsupported_media_type', {
        detail: { key: 'problem.unsupported_media_type.detail', params: { expected: 'application/json' } },
      });
    }
    const b = r.body.safeParse(req.body);
    if (!b.success) throw validationProblem(fieldErrors('body', b.error));
    body = b.data;
  }

  const call: Call<unknown, unknown, unknown> = {
    hub,
    req,
    res,
    params,
    query,
    body,
    locale,
    key,
    actor: key ? `api-key:${key.id}` : 'anonymous',
    brand,
    brands,
    ip,
  };
  const reply = await r.handler(call);
  if (reply === undefined) return;
  if (reply.headers) for (const [k, v] of Object.entries(reply.headers)) res.setHeader(k, v);
  res.status(reply.status ?? 200);
  if (r.auth.kind !== 'public' && !res.hasHeader('Cache-Control')) res.setHeader('Cache-Control', 'no-store');
  if (reply.contentType) {
    res.setHeader('Content-Type', reply.contentType);
    res.end(reply.body as string | Buffer);
    return;
  }
  if (reply.body === undefined) {
    res.end();
    return;
  }
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(reply.body));
}

function forbidden(permission: Permission, brand: string): Problem {
  return new Problem(403, 'forbidden', 'problem.forbidden', {
    detail: { key: 'problem.forbidden.detail', params: { permission, brand } },
  });
}
