/**
 * The service's web pages, server-rendered from TypeScript template functions: the hosted
 * consent form, the SMS landing page, the recipient self-service portal and the admin dashboard.
 * All assets (one stylesheet, one progressive-enhancement script, the proof-of-work worker) are
 * local files served by this router; nothing loads from a CDN and nothing needs a build step.
 *
 * Mount it on the application root: `app.use(createWebRouter(hub))`. It owns `/web/**` and the
 * SMS landing-page path `/optin/{token}`.
 */
import { createHmac } from 'node:crypto';
import express from 'express';
import type { Hub } from '../hub.js';
import { adminRouter } from './admin.js';
import { adminRecordsRouter } from './admin-records.js';
import { assetRouter } from './assets.js';
import { type CaptchaProvider, ProofOfWorkCaptcha } from './captcha.js';
import { pageLocale, sendPage, translator } from './context.js';
import { formRouter } from './forms.js';
import { html } from './html.js';
import { landingRouter } from './landing.js';
import { portalRouter } from './portal.js';
import { spendChallenge } from './store.js';

export type { CaptchaProvider, CaptchaResult } from './captcha.js';
export { ProofOfWorkCaptcha } from './captcha.js';

/** Options of {@link createWebRouter}. */
export interface WebOptions {
  /** The hosted form's captcha (default: the self-hosted {@link ProofOfWorkCaptcha}). */
  readonly captcha?: CaptchaProvider;
}

/**
 * The web pages' router.
 *
 * @example
 * ```ts
 * const app = express();
 * app.use(createWebRouter(hub));
 * ```
 */
export function createWebRouter(hub: Hub, options: WebOptions = {}): express.Router {
  const r = express.Router();
  const captcha =
    options.captcha ??
    new ProofOfWorkCaptcha({
      secret: createHmac('sha256', hub.secrets.storage.lookupKey).update('izinkit.web.pow.v1').digest(),
      // Once across every process of the hub, not once per process.
      spend: (challenge, expiresAtMs) => spendChallenge(hub, challenge, expiresAtMs),
    });
  r.use('/web/assets', assetRouter());
  // HTML forms post urlencoded bodies; JSON API requests are untouched.
  const forms = express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 200 });
  r.use(['/web', '/optin'], (req, res, next) => {
    if (req.method === 'POST' && !req.is('application/x-www-form-urlencoded')) {
      res.status(415).type('text/plain').send('application/x-www-form-urlencoded expected');
      return;
    }
    forms(req, res, next);
  });
  r.get('/web', (req, res) => {
    const locale = pageLocale(req, res);
    const tx = translator(locale);
    sendPage(
      req,
      res,
      locale,
      'izinkit',
      html`<section class="card"><h1>izinkit</h1>
<p>${tx('Ticari elektronik ileti (İYS) ve KVKK izinleri için açık kaynak merkez.', 'The open-source hub for commercial-message (İYS) and KVKK consents.')}</p>
<ul class="links">
<li><a href="/web/portal">${tx('İzinlerim (kişisel portal)', 'My consents (self-service portal)')}</a></li>
<li><a href="/web/admin">${tx('Yönetim paneli', 'Admin dashboard')}</a></li>
<li><a href="/reference">${tx('API başvuru kılavuzu', 'API reference')}</a></li>
</ul></section>`,
    );
  });
  r.use(landingRouter(hub));
  r.use(formRouter(hub, captcha));
  r.use(portalRouter(hub));
  r.use(adminRouter(hub));
  r.use(adminRecordsRouter(hub));
  return r;
}
