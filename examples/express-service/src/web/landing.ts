/**
 * The SMS landing page (`/optin/{token}`): the link an opt-in SMS carries. The person sees the
 * brand, the channels asked for, the exact ETK consent text and the KVKK explicit-consent text in
 * force, ticks the two boxes separately and confirms.
 */
import express from 'express';
import { confirmLanding, landingPage } from '../domain/optin.js';
import type { Hub } from '../hub.js';
import {
  anonCsrf,
  clientIp,
  formField,
  type PageCtx,
  pageRoute,
  rejectStaleForm,
  sendError,
  sendPage,
} from './context.js';
import { html } from './html.js';
import { agreementBlock, channelLabel, successBody } from './parts.js';

/** `GET|POST /optin/{token}`. */
export function landingRouter(hub: Hub): express.Router {
  const r = express.Router();
  r.get(
    '/optin/:token',
    pageRoute(async (req, res, { locale, tx }) => {
      const token = String(req.params.token ?? '');
      const page = await landingPage(hub, token);
      if (!page) {
        linkGone(req, res, { locale, tx });
        return;
      }
      // The texts are shown in the language the request was made in: that is the version the
      // evidence records (the page's own labels follow the language switch).
      const docLocale = page.locale;
      const etk = await hub.texts.inForce(page.brand, 'ETK_CONSENT', page.channels[0] ?? 'ANY', docLocale);
      const riza = await hub.texts.inForce(page.brand, 'KVKK_ACIK_RIZA', 'ANY', docLocale);
      const aydinlatma = await hub.texts.inForce(page.brand, 'KVKK_AYDINLATMA', 'ANY', docLocale);
      const csrf = anonCsrf(hub, req, res);
      sendPage(
        req,
        res,
        locale,
        tx(`${page.brand.name} – izinleriniz`, `${page.brand.name} – your consents`),
        html`<section class="card">
<h1>${tx(`${page.brand.name} – izinleriniz`, `${page.brand.name} – your consents`)}</h1>
<p>${tx('Sorulan kanallar', 'Channels asked for')}: <strong>${page.channels.map((c) => channelLabel(locale, c)).join(', ')}</strong></p>
<form method="post" action="/optin/${token}" class="stack">
<input type="hidden" name="_csrf" value="${csrf}">
${aydinlatma ? agreementBlock(locale, tx('Aydınlatma metni', 'Information notice'), aydinlatma, false) : ''}
<fieldset><legend>${tx('Onaylarınız (birbirinden bağımsızdır)', 'Your consents (independent of each other)')}</legend>
${etk ? agreementBlock(locale, tx('Ticari elektronik ileti onay metni', 'Commercial-message consent text'), etk, true) : ''}
<div class="check"><input type="checkbox" id="etk" name="etk" value="1"><label for="etk">${tx('Ticari elektronik ileti (ETK) almayı kabul ediyorum.', 'I agree to receive commercial electronic messages (ETK).')}</label></div>
${riza ? agreementBlock(locale, tx('Açık rıza metni', 'Explicit consent text'), riza, true) : ''}
<div class="check"><input type="checkbox" id="kvkk" name="kvkk" value="1"><label for="kvkk">${tx('Kişisel verilerimin işlenmesine açık rıza veriyorum (KVKK).', 'I give explicit consent to the processing of my personal data (KVKK).')}</label></div>
</fieldset>
<button type="submit" class="primary">${tx('Onayla', 'Confirm')}</button>
</form></section>`,
      );
    }),
  );
  r.post(
    '/optin/:token',
    pageRoute(async (req, res, { locale, tx }) => {
      if (rejectStaleForm(hub, req, res, { locale, tx })) return;
      const token = String(req.params.token ?? '');
      const page = await landingPage(hub, token);
      if (!page) {
        linkGone(req, res, { locale, tx });
        return;
      }
      const choice = await confirmLanding(hub, token, {
        etk: formField(req, 'etk') === '1',
        kvkk: formField(req, 'kvkk') === '1',
        ip: clientIp(req),
        userAgent: req.get('user-agent'),
      });
      sendPage(req, res, locale, tx('Kaydedildi', 'Recorded'), successBody(locale, page.brand, choice));
    }),
  );
  return r;
}

/** The page for an opt-in link that is unknown, used or expired (410). */
function linkGone(req: express.Request, res: express.Response, { locale, tx }: PageCtx): void {
  sendError(
    req,
    res,
    locale,
    410,
    tx('Bu bağlantı geçersiz ya da süresi dolmuş.', 'This link is invalid or has expired.'),
  );
}
