/**
 * The hosted consent form of a brand (`/web/f/{brandCode}`): the exact published ETK consent
 * text and KVKK texts, the ETK and KVKK consents as two separate checkboxes, channel choices, the
 * captcha hook, then a one-time code to the address given (double opt-in), and a success page
 * that says how to withdraw.
 */
import type { ConsentType } from '@izinkit/iys';
import express from 'express';
import type { Brand } from '../domain/brands.js';
import { requestOptin, verifyOptin } from '../domain/optin.js';
import { Problem } from '../http/problem.js';
import type { Hub } from '../hub.js';
import type { Locale } from '../i18n.js';
import type { CaptchaProvider, CaptchaResult } from './captcha.js';
import {
  anonCsrf,
  anonCsrfOk,
  clientIp,
  cookies,
  formField,
  formFields,
  pageRoute,
  problemText,
  sendError,
  sendPage,
  setCookie,
  staleForm,
  type Tx,
  translator,
} from './context.js';
import { escapeHtml, type Html, html, raw } from './html.js';
import {
  agreementBlock,
  channelLabel,
  codeField,
  codeRefused,
  formError,
  invalidRecipient,
  recipientOrNull,
  successBody,
} from './parts.js';
import { checkPortalCode, issuePortalCode, seal, unseal } from './store.js';

const ALL: readonly ConsentType[] = ['MESAJ', 'ARAMA', 'EPOSTA'];
const FORM_COOKIE = 'izinkit_form';
const FORM_PURPOSE = 'web.form';

/** What the form remembers between the form and the code page (sealed in a cookie). */
interface Pending {
  readonly brand: string;
  /** Opt-in request id (ETK), or null when only KVKK was asked. */
  readonly optinId: string | null;
  /** Portal code id (KVKK-only confirmation). */
  readonly codeId: string | null;
  readonly recipient: string;
  readonly kvkk: boolean;
  readonly etk: boolean;
  readonly captcha: CaptchaResult;
  readonly exp: number;
}

/** The link of a brand's hosted form. */
export function formPath(brandCode: string): string {
  return `/web/f/${encodeURIComponent(brandCode)}`;
}

function attrs(a: Readonly<Record<string, string>>): Html {
  return raw(
    Object.entries(a)
      .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
      .join(''),
  );
}

function maskRecipient(r: string): string {
  if (r.includes('@')) {
    const [u = '', d = ''] = r.split('@');
    return `${u.slice(0, 1)}***@${d}`;
  }
  return `${r.slice(0, 5)}*****${r.slice(-2)}`;
}

async function recordKvkk(
  hub: Hub,
  brand: Brand,
  locale: Locale,
  recipient: string,
  decision: boolean,
  evidenceId: string,
): Promise<void> {
  const text = await hub.texts.inForce(brand, 'KVKK_ACIK_RIZA', 'ANY', locale);
  if (!text) return;
  const r = await hub.agreements.recordAcceptance({
    subject: `subj_${hub.consents.recipientHash(recipient)}`,
    document: text.version.document,
    versionId: text.version.id,
    renderedHash: text.rendered.hash,
    decision: decision ? 'ONAY' : 'RET',
    at: hub.now(),
    evidenceId,
  });
  if (!r.ok) hub.log.warn({ code: r.error.code }, 'KVKK acceptance not recorded');
  await hub.access.audit({
    actor: 'recipient',
    action: 'kvkk.explicit_consent',
    target: evidenceId,
    details: {
      brandCode: brand.code,
      decision: decision ? 'ONAY' : 'RET',
      versionId: text.version.id,
      via: 'hosted-form',
    },
  });
}

/** `GET|POST /web/f/{brandCode}` and its code step. */
export function formRouter(hub: Hub, captcha: CaptchaProvider): express.Router {
  const r = express.Router();

  async function brandOr404(
    req: express.Request,
    res: express.Response,
    locale: Locale,
  ): Promise<Brand | null> {
    const code = String(req.params.brandCode ?? '');
    const brand = /^[0-9]{1,12}$/.test(code) ? await hub.brands.get(code) : undefined;
    if (!brand) {
      sendError(req, res, locale, 404, translator(locale)('Böyle bir marka yok.', 'No such brand.'));
      return null;
    }
    return brand;
  }

  async function showForm(
    req: express.Request,
    res: express.Response,
    brand: Brand,
    locale: Locale,
    error?: string,
    status = 200,
  ): Promise<void> {
    const tx = translator(locale);
    const etk = await hub.texts.inForce(brand, 'ETK_CONSENT', 'ANY', locale);
    const riza = await hub.texts.inForce(brand, 'KVKK_ACIK_RIZA', 'ANY', locale);
    const aydinlatma = await hub.texts.inForce(brand, 'KVKK_AYDINLATMA', 'ANY', locale);
    const asked = formFields(req, 'channel');
    const recipient = formField(req, 'recipient') ?? '';
    const csrf = anonCsrf(hub, req, res);
    sendPage(
      req,
      res,
      locale,
      tx(`${brand.name} – izin formu`, `${brand.name} – consent form`),
      html`<section class="card">
<h1>${tx(`${brand.name} – izin formu`, `${brand.name} – consent form`)}</h1>
<p class="meta">${brand.tradeName} · MERSİS ${brand.mersis}</p>
${formError(error, 'form-error')}
<form method="post" action="${formPath(brand.code)}" class="stack"${attrs(captcha.formAttributes())}>
<input type="hidden" name="_csrf" value="${csrf}">
<div><label for="recipient">${tx('Cep telefonu ya da e-posta adresi', 'Mobile phone or e-mail address')}</label>
<input id="recipient" name="recipient" type="text" inputmode="email" autocomplete="email" required maxlength="254" value="${recipient}" aria-describedby="recipient-hint${error ? ' form-error' : ''}">
<p class="meta" id="recipient-hint">${tx('Örnek: 0532 123 45 67 ya da ad@ornek.com. Bu adrese bir doğrulama kodu göndereceğiz.', 'E.g. 0532 123 45 67 or name@example.com. We will send a verification code to it.')}</p></div>
<fieldset><legend>${tx('Hangi kanallardan ileti almak istersiniz?', 'Which channels may we contact you on?')}</legend>
${ALL.map(
  (c) =>
    html`<div class="check"><input type="checkbox" id="ch-${c}" name="channel" value="${c}"${asked.length === 0 || asked.includes(c) ? raw(' checked') : ''}><label for="ch-${c}">${channelLabel(locale, c)}</label></div>`,
)}
<p class="meta">${tx('Telefon numarası SMS ve arama, e-posta adresi e-posta kanalı içindir.', 'A phone number covers SMS and calls, an e-mail address the e-mail channel.')}</p>
</fieldset>
${aydinlatma ? agreementBlock(locale, tx('KVKK aydınlatma metni', 'KVKK information notice'), aydinlatma, false) : ''}
<fieldset><legend>${tx('Onaylarınız (iki ayrı onaydır; ikisini de vermek zorunda değilsiniz)', 'Your consents (two separate consents; you need not give either)')}</legend>
${etk ? agreementBlock(locale, tx('Ticari elektronik ileti onay metni', 'Commercial electronic message consent text'), etk, true) : ''}
<div class="check"><input type="checkbox" id="etk" name="etk" value="1"${formField(req, 'etk') === '1' ? raw(' checked') : ''}><label for="etk">${tx('Yukarıdaki metni okudum; seçtiğim kanallardan ticari elektronik ileti (ETK) almayı kabul ediyorum.', 'I have read the text above and agree to receive commercial electronic messages (ETK) on the channels I chose.')}</label></div>
${riza ? agreementBlock(locale, tx('KVKK açık rıza metni', 'KVKK explicit consent text'), riza, true) : ''}
<div class="check"><input type="checkbox" id="kvkk" name="kvkk" value="1"${formField(req, 'kvkk') === '1' ? raw(' checked') : ''}><label for="kvkk">${tx('Kişisel verilerimin açık rıza metninde yazan amaçlarla işlenmesine açık rıza veriyorum (KVKK).', 'I give explicit consent to the processing of my personal data for the purposes in the explicit consent text (KVKK).')}</label></div>
</fieldset>
${captcha.widget(locale)}
<button type="submit" class="primary">${tx('Devam et', 'Continue')}</button>
</form></section>`,
      { status, bodyClass: 'narrow' },
    );
  }

  r.get(
    '/web/f/:brandCode',
    pageRoute(async (req, res, { locale }) => {
      const brand = await brandOr404(req, res, locale);
      if (brand) await showForm(req, res, brand, locale);
    }),
  );

  r.post(
    '/web/f/:brandCode',
    pageRoute(async (req, res, { locale, tx }) => {
      const brand = await brandOr404(req, res, locale);
      if (!brand) return;
      try {
        await submitForm(req, res, brand, locale, tx);
      } catch (e) {
        // A refused decision shows the form again with the reason, the person's input kept.
        if (!(e instanceof Problem) || res.headersSent) throw e;
        await showForm(req, res, brand, locale, problemText(req, locale, e), e.status);
      }
    }),
  );

  async function submitForm(
    req: express.Request,
    res: express.Response,
    brand: Brand,
    locale: Locale,
    tx: Tx,
  ): Promise<void> {
    /** Shows the form again, the person's input kept, with why it was not accepted. */
    const again = (message: string, status = 400): Promise<void> =>
      showForm(req, res, brand, locale, message, status);
    if (!anonCsrfOk(hub, req)) {
      await again(
        tx('Form süresi doldu; lütfen yeniden gönderin.', 'The form expired; please send it again.'),
        403,
      );
      return;
    }
    const check = await captcha.verify(req);
    if (!check.success) {
      await again(
        tx(
          'Güvenlik denetimi tamamlanamadı; lütfen yeniden deneyin.',
          'The security check did not pass; please try again.',
        ),
      );
      return;
    }
    const etk = formField(req, 'etk') === '1';
    const kvkk = formField(req, 'kvkk') === '1';
    if (!etk && !kvkk) {
      await again(
        tx(
          'En az bir onay kutusunu işaretleyin ya da sayfayı kapatın.',
          'Tick at least one consent box, or close the page.',
        ),
      );
      return;
    }
    const recipient = recipientOrNull(formField(req, 'recipient') ?? '');
    if (!recipient) {
      await again(invalidRecipient(locale));
      return;
    }
    const isEmail = recipient.includes('@');
    const chosen = formFields(req, 'channel').filter((c): c is ConsentType =>
      (ALL as readonly string[]).includes(c),
    );
    const channels = chosen.filter((c) => (isEmail ? c === 'EPOSTA' : c !== 'EPOSTA'));
    if (etk && channels.length === 0) {
      await again(
        isEmail
          ? tx(
              'E-posta adresi için "E-posta" kanalını seçin.',
              'For an e-mail address, choose the "E-mail" channel.',
            )
          : tx(
              'Telefon numarası için SMS ya da arama kanalını seçin.',
              'For a phone number, choose SMS or voice call.',
            ),
      );
      return;
    }
    let optinId: string | null = null;
    let codeId: string | null = null;
    if (etk) {
      const created = await requestOptin(
        hub,
        brand,
        { recipient, channels, method: 'code', source: 'HS_WEB', locale },
        'recipient',
      );
      if (created.channels.length > 0) optinId = created.optinId;
    }
    if (!optinId) {
      // Nothing for the ETK double opt-in to confirm (only KVKK, or the channels are already
      // granted): confirm the address with a one-time code of our own.
      const c = await issuePortalCode(hub, hub.consents.recipientHash(recipient));
      codeId = c.id;
      await hub.messages.send({
        brandCode: brand.code,
        channel: isEmail ? 'email' : 'sms',
        to: recipient,
        toHash: hub.consents.recipientHash(recipient),
        purpose: 'verification_code',
        locale,
        ...(isEmail
          ? { subject: tx(`${brand.name} doğrulama kodunuz`, `Your ${brand.name} verification code`) }
          : {}),
        body: tx(
          `${brand.name} doğrulama kodunuz: ${c.code}. Kod 10 dk geçerlidir. MERSİS: ${brand.mersis}`,
          `${brand.name} verification code: ${c.code}. Valid for 10 min. MERSIS: ${brand.mersis}`,
        ),
      });
    }
    const pending: Pending = {
      brand: brand.code,
      optinId,
      codeId,
      recipient,
      kvkk,
      etk,
      captcha: check,
      exp: Date.now() + 15 * 60_000,
    };
    setCookie(req, res, FORM_COOKIE, seal(hub, FORM_PURPOSE, pending), { maxAge: 15 * 60, path: '/web/f' });
    res.redirect(303, `${formPath(brand.code)}/verify`);
  }

  function pendingOf(req: express.Request, brand: Brand): Pending | null {
    const p = unseal<Pending>(hub, FORM_PURPOSE, cookies(req)[FORM_COOKIE]);
    return p && p.brand === brand.code && p.exp > Date.now() ? p : null;
  }

  function showVerify(
    req: express.Request,
    res: express.Response,
    brand: Brand,
    locale: Locale,
    p: Pending,
    error?: string,
    status = 200,
  ): void {
    const tx = translator(locale);
    sendPage(
      req,
      res,
      locale,
      tx('Doğrulama kodu', 'Verification code'),
      html`<section class="card">
<h1>${tx('Doğrulama kodunu girin', 'Enter the verification code')}</h1>
<p>${tx(`${maskRecipient(p.recipient)} adresine 6 haneli bir kod gönderdik. Kod 10 dakika geçerlidir.`, `We sent a 6-digit code to ${maskRecipient(p.recipient)}. It is valid for 10 minutes.`)}</p>
${formError(error, 'code-error')}
<form method="post" action="${formPath(brand.code)}/verify" class="stack">
<input type="hidden" name="_csrf" value="${anonCsrf(hub, req, res)}">
${codeField(locale, error ? 'code-error' : undefined)}
<button type="submit" class="primary">${tx('Onayla', 'Confirm')}</button>
</form>
<p><a href="${formPath(brand.code)}">${tx('Forma geri dön', 'Back to the form')}</a></p></section>`,
      { status, bodyClass: 'narrow' },
    );
  }

  r.get(
    '/web/f/:brandCode/verify',
    pageRoute(async (req, res, { locale }) => {
      const brand = await brandOr404(req, res, locale);
      if (!brand) return;
      const p = pendingOf(req, brand);
      if (!p) {
        res.redirect(303, formPath(brand.code));
        return;
      }
      showVerify(req, res, brand, locale, p);
    }),
  );

  r.post(
    '/web/f/:brandCode/verify',
    pageRoute(async (req, res, { locale, tx }) => {
      const brand = await brandOr404(req, res, locale);
      if (!brand) return;
      const p = pendingOf(req, brand);
      if (!p) {
        res.redirect(303, formPath(brand.code));
        return;
      }
      if (!anonCsrfOk(hub, req)) {
        showVerify(req, res, brand, locale, p, staleForm(tx, 'retry'), 403);
        return;
      }
      const code = (formField(req, 'code') ?? '').replace(/\s+/g, '');
      const evidence = {
        ip: clientIp(req),
        ...(req.get('user-agent') ? { userAgent: req.get('user-agent')!.slice(0, 1024) } : {}),
        actor: { type: 'SUBJECT' as const },
        captcha: { provider: p.captcha.provider, success: p.captcha.success },
      };
      let evidenceId: string;
      if (p.optinId) {
        try {
          await verifyOptin(hub, brand, p.optinId, { code, evidence }, 'recipient');
        } catch (e) {
          if (e instanceof Problem && e.status < 500) {
            showVerify(
              req,
              res,
              brand,
              locale,
              p,
              problemText(req, locale, e),
              e.status === 423 || e.status === 410 ? e.status : 400,
            );
            return;
          }
          throw e;
        }
        evidenceId = p.optinId;
      } else {
        const c = await checkPortalCode(hub, p.codeId ?? '', hub.consents.recipientHash(p.recipient), code);
        if (!c.ok) {
          const msg = codeRefused(locale, c, [
            'Kodun süresi doldu ya da çok fazla yanlış deneme yapıldı; formu yeniden gönderin.',
            'The code expired or was tried too often; send the form again.',
          ]);
          showVerify(req, res, brand, locale, p, msg, 400);
          return;
        }
        evidenceId = p.codeId ?? 'web-form';
      }
      if (p.kvkk) await recordKvkk(hub, brand, locale, p.recipient, true, evidenceId);
      setCookie(req, res, FORM_COOKIE, '', { maxAge: 0, path: '/web/f' });
      sendPage(
        req,
        res,
        locale,
        tx('Kaydedildi', 'Recorded'),
        successBody(locale, brand, { etk: p.etk, kvkk: p.kvkk }),
        {
          bodyClass: 'narrow',
        },
      );
    }),
  );
  return r;
}
