/**
 * The admin pages' shared parts: the session (cookie + CSRF token from
 * `AccessRepository.createSession`), the navigation with the new-applications badge, paging and
 * the wrapper every admin handler runs in.
 */
import type { AdminSession } from '@izinkit/postgres';
import type express from 'express';
import type { Hub } from '../hub.js';
import type { Locale } from '../i18n.js';
import {
  cookies,
  formField,
  type PageOptions,
  pageRoute,
  queryField,
  sameToken,
  sendError,
  sendPage,
  type Tx,
  translator,
} from './context.js';
import { type Html, html } from './html.js';

/** The admin session cookie. */
export const ADMIN_COOKIE = 'izinkit_admin';

/** What an admin handler gets. */
export interface AdminCtx {
  /** The hub. */
  readonly hub: Hub;
  /** Request. */
  readonly req: express.Request;
  /** Response. */
  readonly res: express.Response;
  /** The session. */
  readonly session: AdminSession;
  /** The session token (cookie). */
  readonly token: string;
  /** Page language. */
  readonly locale: Locale;
  /** Translator. */
  readonly tx: Tx;
  /** The audit actor string. */
  readonly actor: string;
  /** A hidden CSRF field for forms. */
  csrf(): Html;
  /** Sends an admin page. */
  page(title: string, active: string, body: Html, o?: PageOptions): Promise<void>;
}

const SECTIONS: readonly (readonly [string, string, string])[] = [
  ['', 'Pano', 'Dashboard'],
  ['consents', 'İzinler', 'Consents'],
  ['sync', 'İYS senkron', 'İYS sync'],
  ['applications', 'KVKK başvuruları', 'KVKK applications'],
  ['agreements', 'Metinler', 'Agreements'],
  ['forms', 'Formlar', 'Forms'],
  ['evidence', 'Kanıt', 'Evidence'],
  ['retailers', 'Bayiler', 'Retailers'],
  ['keys', 'API anahtarları', 'API keys'],
  ['audit', 'Denetim kaydı', 'Audit log'],
];

/** The admin navigation; `active` is the section path. */
export async function adminNav(hub: Hub, locale: Locale, active: string): Promise<Html> {
  const counts = await hub.applications.counts(hub.now());
  const tx = translator(locale);
  return html`${SECTIONS.map(
    ([p, tr, en]) =>
      html`<a href="/web/admin${p ? `/${p}` : ''}"${active === p ? html` aria-current="page"` : ''}>${locale === 'tr' ? tr : en}${
        p === 'applications' && counts.unseen > 0
          ? html` <span class="badge" aria-label="${tx(`${counts.unseen} yeni`, `${counts.unseen} new`)}" data-live="dsrNew">${counts.unseen}</span>`
          : ''
      }</a>`,
  )}`;
}

/** Reads a page number (1-based) from `?page=`. */
export function pageNumber(req: express.Request): number {
  const n = Number(queryField(req, 'page') ?? '1');
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

/** Previous / next links that keep the other query parameters. */
export function pager(req: express.Request, tx: Tx, page: number, hasNext: boolean): Html {
  const link = (p: number): string => {
    const q = new URLSearchParams(req.query as Record<string, string>);
    q.set('page', String(p));
    return `${req.path}?${q.toString()}`;
  };
  return html`<nav class="pager" aria-label="${tx('Sayfalar', 'Pages')}">${page > 1 ? html`<a href="${link(page - 1)}" rel="prev">← ${tx('Önceki', 'Previous')}</a>` : ''}<span>${tx('Sayfa', 'Page')} ${page}</span>${hasNext ? html`<a href="${link(page + 1)}" rel="next">${tx('Sonraki', 'Next')} →</a>` : ''}</nav>`;
}

/** Wraps an admin handler: session check (redirect to sign-in), CSRF on POST, error pages. */
export function admin(hub: Hub, fn: (c: AdminCtx) => Promise<void>): express.RequestHandler {
  return pageRoute(async (req, res, { locale, tx }) => {
    const token = cookies(req)[ADMIN_COOKIE] ?? '';
    const session = token ? await hub.access.getSession(token) : null;
    if (!session) {
      if (req.method === 'GET')
        res.redirect(303, `/web/admin/login?next=${encodeURIComponent(req.originalUrl.slice(0, 500))}`);
      else
        sendError(
          req,
          res,
          locale,
          401,
          tx('Oturumunuz sona erdi; yeniden giriş yapın.', 'Your session ended; sign in again.'),
        );
      return;
    }
    if (req.method === 'POST' && !sameToken(formField(req, '_csrf'), session.csrfToken)) {
      sendError(
        req,
        res,
        locale,
        403,
        tx('Form süresi doldu; sayfayı yenileyin.', 'The form expired; reload the page.'),
      );
      return;
    }
    const ctx: AdminCtx = {
      hub,
      req,
      res,
      session,
      token,
      locale,
      tx,
      actor: `admin:${session.user.id}`,
      csrf: () => html`<input type="hidden" name="_csrf" value="${session.csrfToken}">`,
      page: async (title, active, body, o = {}) => {
        const nav = await adminNav(hub, locale, active);
        const signed = html`<div class="meta">${tx(`${session.user.username} olarak giriş yaptınız.`, `Signed in as ${session.user.username}.`)}
<form method="post" action="/web/admin/logout" class="inline"><input type="hidden" name="_csrf" value="${session.csrfToken}"><button type="submit">${tx('Çıkış', 'Sign out')}</button></form></div>`;
        sendPage(req, res, locale, `${title} – izinkit`, html`${signed}${body}`, { ...o, nav });
      },
    };
    await fn(ctx);
  });
}
