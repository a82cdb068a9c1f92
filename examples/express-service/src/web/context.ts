/**
 * Per-request helpers of the web pages: cookies, the page language (`?lang=` → cookie →
 * `Accept-Language`, Turkish by default), CSRF tokens for forms, and sending pages and errors.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { Problem } from '../http/problem.js';
import type { Hub } from '../hub.js';
import { type Locale, localeFrom } from '../i18n.js';
import { type Html, html, layout } from './html.js';

/** Name of the language cookie. */
export const LANG_COOKIE = 'izinkit_lang';
/** Name of the anonymous CSRF cookie (public forms). */
export const CSRF_COOKIE = 'izinkit_csrf';

/** Parses the `Cookie` header (first value of each name wins; at most 50 cookies). */
export function cookies(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  const h = req.headers.cookie;
  if (!h) return out;
  for (const part of h.split(';').slice(0, 50)) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    if (!name || name in out) continue;
    try {
      out[name] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // a malformed value is ignored, like a missing one
    }
  }
  return out;
}

/** Options of {@link setCookie}. */
export interface CookieOptions {
  /** Lifetime in seconds (omit for a session cookie, 0 to delete). */
  readonly maxAge?: number;
  /** Readable from scripts (default false). */
  readonly script?: boolean;
  /** Cookie path (default `/`). */
  readonly path?: string;
}

/** Appends a `Set-Cookie` (SameSite=Lax, HttpOnly unless `script`, Secure over HTTPS). */
export function setCookie(
  req: Request,
  res: Response,
  name: string,
  value: string,
  o: CookieOptions = {},
): void {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${o.path ?? '/'}`, 'SameSite=Lax'];
  if (o.maxAge !== undefined) parts.push(`Max-Age=${o.maxAge}`);
  if (!o.script) parts.push('HttpOnly');
  if (req.secure) parts.push('Secure');
  res.append('Set-Cookie', parts.join('; '));
}

/** The language of this request; a `?lang=` choice is remembered in a cookie. */
export function pageLocale(req: Request, res: Response): Locale {
  const q = typeof req.query.lang === 'string' ? req.query.lang : undefined;
  if (q === 'tr' || q === 'en') {
    setCookie(req, res, LANG_COOKIE, q, { maxAge: 365 * 86_400, script: true });
    return q;
  }
  const c = cookies(req)[LANG_COOKIE];
  if (c === 'tr' || c === 'en') return c;
  return localeFrom(req.get('accept-language'));
}

/** A string in both languages, picked by locale. */
export type Tx = (tr: string, en: string) => string;

/** The translator of a locale: `tx('Merhaba', 'Hello')`. */
export function translator(locale: Locale): Tx {
  return (tr, en) => (locale === 'tr' ? tr : en);
}

function anonSecret(hub: Hub): Buffer {
  return createHmac('sha256', hub.secrets.storage.lookupKey).update('izinkit.web.csrf.v1').digest();
}

/**
 * The CSRF token for a form without an admin session (double-submit: a random value in an
 * HttpOnly cookie, and its keyed MAC in the form).
 */
export function anonCsrf(hub: Hub, req: Request, res: Response): string {
  let seed = cookies(req)[CSRF_COOKIE];
  if (!seed || !/^[A-Za-z0-9_-]{32}$/.test(seed)) {
    seed = randomBytes(24).toString('base64url');
    setCookie(req, res, CSRF_COOKIE, seed);
    // later reads in the same request see it
    req.headers.cookie = `${CSRF_COOKIE}=${seed}${req.headers.cookie ? `; ${req.headers.cookie}` : ''}`;
  }
  return createHmac('sha256', anonSecret(hub)).update(seed).digest('base64url');
}

/** Constant-time string comparison. */
export function sameToken(a: unknown, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** Whether a posted form carries the right anonymous CSRF token. */
export function anonCsrfOk(hub: Hub, req: Request): boolean {
  const seed = cookies(req)[CSRF_COOKIE];
  if (!seed) return false;
  const expected = createHmac('sha256', anonSecret(hub)).update(seed).digest('base64url');
  return sameToken(formField(req, '_csrf'), expected);
}

/** One text field of a posted form (`undefined` when absent or not a string). */
export function formField(req: Request, name: string): string | undefined {
  const b = req.body as Record<string, unknown> | undefined;
  const v = b && typeof b === 'object' ? b[name] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** Every value of a repeated form field (checkbox groups). */
export function formFields(req: Request, name: string): string[] {
  const b = req.body as Record<string, unknown> | undefined;
  const v = b && typeof b === 'object' ? b[name] : undefined;
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/** A query parameter as one string. */
export function queryField(req: Request, name: string): string | undefined {
  const v = (req.query as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
}

/** The path and query of this request (for the language switch). */
export function here(req: Request): string {
  return req.originalUrl.slice(0, 2000);
}

/** Options of {@link sendPage}. */
export interface PageOptions {
  /** HTTP status (default 200). */
  readonly status?: number;
  /** Navigation. */
  readonly nav?: Html | undefined;
  /** Class on body. */
  readonly bodyClass?: string;
}

/** Sends a complete page (no caching: pages carry CSRF tokens and personal data). */
export function sendPage(
  req: Request,
  res: Response,
  locale: Locale,
  title: string,
  body: Html,
  o: PageOptions = {},
): void {
  res
    .status(o.status ?? 200)
    .set('Content-Type', 'text/html; charset=utf-8')
    .set('Cache-Control', 'no-store')
    .send(layout({ locale, title, body, nav: o.nav, path: here(req), bodyClass: o.bodyClass }));
}

/** Sends an error page with a message in the page language. */
export function sendError(
  req: Request,
  res: Response,
  locale: Locale,
  status: number,
  message: string,
): void {
  const tx = translator(locale);
  sendPage(
    req,
    res,
    locale,
    tx('Hata', 'Error'),
    html`<section class="card"><h1>${tx('Bir sorun var', 'Something is wrong')}</h1><p role="alert">${message}</p>
<p><a href="/web">${tx('Ana sayfa', 'Home')}</a></p></section>`,
    { status },
  );
}

/** The client IP for evidence (Express honours `trust proxy`). */
export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? '0.0.0.0';
}

/** The page language of a public page's request and its translator. */
export interface PageCtx {
  /** The page language. */
  readonly locale: Locale;
  /** Picks the sentence of that language. */
  readonly tx: Tx;
}

/** A public page's handler, as {@link pageRoute} runs it. */
export type PageHandler = (req: Request, res: Response, ctx: PageCtx) => Promise<void> | void;

/**
 * Runs a public page's handler: the page language is resolved once; a {@link Problem} the handler
 * throws becomes an error page in that language with the problem's status and detail, anything
 * else goes on to the service's error handler (a 500 page, logged without PII).
 *
 * @example
 * ```ts
 * router.get('/web/portal/code', pageRoute((req, res, { tx }) => sendError(req, res, 'tr', 410, tx('Yok', 'Gone'))));
 * ```
 */
export function pageRoute(
  fn: PageHandler,
): (req: Request, res: Response, next: NextFunction) => Promise<void> {
  return async (req, res, next) => {
    const locale = pageLocale(req, res);
    try {
      await fn(req, res, { locale, tx: translator(locale) });
    } catch (e) {
      if (e instanceof Problem && !res.headersSent)
        sendError(req, res, locale, e.status, problemText(req, locale, e));
      else next(e);
    }
  };
}

/** The sentence a page shows for a {@link Problem}: its detail in the page language, or its code. */
export function problemText(req: Request, locale: Locale, e: Problem): string {
  return e.body(locale, req.originalUrl).detail ?? e.code;
}

/**
 * The sentence for a form whose anti-forgery token did not check out (it expired, or the form
 * came from elsewhere): `retry` when the page shows the form again, `reload` when it cannot.
 *
 * @example
 * ```ts
 * staleForm(translator('en'), 'retry'); // 'The form expired; try again.'
 * ```
 */
export function staleForm(tx: Tx, how: 'retry' | 'reload'): string {
  return how === 'retry'
    ? tx('Form süresi doldu; yeniden deneyin.', 'The form expired; try again.')
    : tx('Form süresi doldu; sayfayı yenileyin.', 'The form expired; reload the page.');
}

/**
 * Answers a POST whose anonymous anti-forgery token fails with a 403 error page and returns
 * `true`; returns `false` (and sends nothing) when the token is good.
 *
 * @example
 * ```ts
 * if (rejectStaleForm(hub, req, res, ctx)) return;
 * ```
 */
export function rejectStaleForm(hub: Hub, req: Request, res: Response, ctx: PageCtx): boolean {
  if (anonCsrfOk(hub, req)) return false;
  sendError(req, res, ctx.locale, 403, staleForm(ctx.tx, 'reload'));
  return true;
}
