/**
 * The SMS landing page (`/optin/{token}`): the link an opt-in SMS carries. The person sees the
 * brand, the channels asked for, the exact ETK consent text and the KVKK explicit-consent text in
 * force, ticks the two boxes separately and confirms.
 */
import express from 'express';
import { confirmLanding, landingPage } from '../domain/optin.js';
import { Problem } from '../http/problem.js';
import type { Hub } from '../hub.js';
import {
  anonCsrf,
  anonCsrfOk,
  clientIp,
  formField,
  pageLocale,
  sendError,
  sendPage,
  translator,
} from './context.js';
import { html } from './html.js';
import { agreementBlock, channelLabel, successBody } from './parts.js';

/** `GET|POST /optin/{token}`. */
export function landingRouter(hub: Hub): express.Router {
  const r = express.Router();
  r.get('/optin/:token', async (req, res, next) => {
    try {
      const locale = pageLocale(req, res);
      const tx = translator(locale);
      const page = await landingPage(hub, req.params.token);
      if (!page) {
        sendError(
          req,
          res,
          locale,
          410,
          tx('Bu bağlantı geçersiz ya da süresi dolmuş.', 'This link is invalid or has expired.'),
        );
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
<form method="post" action="/optin/${req.params.token}" class="stack">
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
    } catch (e) {
      next(e);
    }
  });
  r.post('/optin/:token', async (req, res, next) => {
    const locale = pageLocale(req, res);
    const tx = translator(locale);
    try {
      if (!anonCsrfOk(hub, req)) {
        sendError(
          req,
          res,
          locale,
          403,
          tx('Form süresi doldu; sayfayı yenileyin.', 'The form expired; reload the page.'),
        );
        return;
      }
      const page = await landingPage(hub, req.params.token);
      if (!page) {
        sendError(
          req,
          res,
          locale,
          410,
          tx('Bu bağlantı geçersiz ya da süresi dolmuş.', 'This link is invalid or has expired.'),
        );
        return;
      }
      const choice = await confirmLanding(hub, req.params.token, {
        etk: formField(req, 'etk') === '1',
        kvkk: formField(req, 'kvkk') === '1',
        ip: clientIp(req),
        userAgent: req.get('user-agent'),
      });
      sendPage(req, res, locale, tx('Kaydedildi', 'Recorded'), successBody(locale, page.brand, choice));
    } catch (e) {
      if (e instanceof Problem) {
        sendError(req, res, locale, e.status, e.body(locale, req.originalUrl).detail ?? e.code);
        return;
      }
      next(e);
    }
  });
  return r;
}
