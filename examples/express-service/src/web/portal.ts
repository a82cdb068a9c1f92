/**
 * The recipient self-service portal (`/web/portal`): sign in with a one-time code sent to the
 * phone or e-mail; every consent per brand and channel with its date, source and the agreement
 * version accepted (and that text); one-click withdrawal per channel; download my data as JSON
 * or XML; make a KVKK application and follow its status and deadline.
 */
import { randomUUID } from 'node:crypto';
import type { ConsentType, RecipientType } from '@izinkit/iys';
import { buildSubjectExport, type RequestKind, subjectExportToJson, subjectExportToXml } from '@izinkit/kvkk';
import type { StoredConsent } from '@izinkit/postgres';
import express from 'express';
import type { Brand } from '../domain/brands.js';
import { history, recordDecision, viewOf } from '../domain/consents.js';
import type { Hub } from '../hub.js';
import type { Locale } from '../i18n.js';
import {
  anonCsrf,
  anonCsrfOk,
  clientIp,
  cookies,
  formField,
  formFields,
  type PageCtx,
  pageLocale,
  pageRoute,
  rejectStaleForm,
  sendError,
  sendPage,
  setCookie,
  staleForm,
  translator,
} from './context.js';
import { type Html, html } from './html.js';
import {
  agreementBlock,
  channelLabel,
  codeField,
  codeRefused,
  formError,
  invalidRecipient,
  recipientOrNull,
  statusLabel,
  when,
} from './parts.js';
import { checkPortalCode, isErased, issuePortalCode, seal, unseal } from './store.js';

const SESSION_COOKIE = 'izinkit_portal';
const LOGIN_COOKIE = 'izinkit_portal_login';
const SESSION_PURPOSE = 'web.portal.session';
const LOGIN_PURPOSE = 'web.portal.login';
const SESSION_MS = 30 * 60_000;

/** The KVKK rights a person can ask for in the portal. */
export const PORTAL_REQUEST_KINDS: readonly RequestKind[] = [
  'learn_if_processed',
  'request_information',
  'rectification',
  'erasure',
];

const KIND_LABELS: Readonly<Record<string, readonly [string, string]>> = {
  learn_if_processed: ['Verilerimin işlenip işlenmediğini öğrenmek', 'Learn whether my data is processed'],
  request_information: ['İşlenen verilerim hakkında bilgi istemek', 'Information about my processed data'],
  learn_purpose: ['İşleme amacını öğrenmek', 'Learn the purpose of processing'],
  learn_recipients: ['Aktarıldığı kişileri öğrenmek', 'Learn who received my data'],
  rectification: ['Düzeltme', 'Rectification'],
  erasure: ['Silme / yok etme', 'Erasure / destruction'],
  notify_third_parties: ['Üçüncü kişilere bildirim', 'Notify third parties'],
  object_to_automated_decision: ['Otomatik karara itiraz', 'Object to an automated decision'],
  compensation: ['Zararın giderilmesi', 'Compensation'],
};

/** The label of a KVKK request kind. */
export function kindLabel(locale: Locale, kind: string): string {
  const l = KIND_LABELS[kind];
  return l ? l[locale === 'tr' ? 0 : 1] : kind;
}

const APP_STATUS: Readonly<Record<string, readonly [string, string]>> = {
  received: ['Alındı', 'Received'],
  identity_verified: ['Kimlik doğrulandı', 'Identity verified'],
  in_progress: ['İşlemde', 'In progress'],
  answered: ['Yanıtlandı', 'Answered'],
  rejected: ['Reddedildi', 'Rejected'],
  forwarded: ['Yönlendirildi', 'Forwarded'],
};

/** The label of an application status. */
export function applicationStatusLabel(locale: Locale, s: string): string {
  const l = APP_STATUS[s];
  return l ? l[locale === 'tr' ? 0 : 1] : s;
}

interface Session {
  readonly r: string;
  readonly exp: number;
}

/** The signed-in recipient, or null. */
function sessionOf(hub: Hub, req: express.Request): Session | null {
  const s = unseal<Session>(hub, SESSION_PURPOSE, cookies(req)[SESSION_COOKIE]);
  return s && typeof s.r === 'string' && s.exp > Date.now() ? s : null;
}

/** The portal's application id for a recipient's KVKK request. */
function newApplicationId(): string {
  return `KVKK-${new Date().getUTCFullYear()}-${randomUUID().slice(0, 8).toUpperCase()}`;
}

async function recordsOf(hub: Hub, recipient: string): Promise<StoredConsent[]> {
  return hub.consents.findByRecipientEverywhere(recipient);
}

/** Whether the portal knows this person (consents or applications). */
async function known(hub: Hub, recipient: string): Promise<boolean> {
  const h = hub.consents.recipientHash(recipient);
  if (await isErased(hub, h)) return false;
  if ((await recordsOf(hub, recipient)).length > 0) return true;
  return (await hub.applications.list({ subjectHash: h, limit: 1 })).length > 0;
}

/** `/web/portal/**`. */
export function portalRouter(hub: Hub): express.Router {
  const r = express.Router();
  const nav = (locale: Locale, signedIn: boolean): Html => {
    const tx = translator(locale);
    return html`<a href="/web/portal">${tx('İzinlerim', 'My consents')}</a>${
      signedIn
        ? html`<a href="/web/portal/applications">${tx('KVKK başvurularım', 'My KVKK applications')}</a><a href="/web/portal/export.json" download>${tx('Verilerimi indir (JSON)', 'Download my data (JSON)')}</a><a href="/web/portal/export.xml" download>XML</a>`
        : ''
    }`;
  };

  function loginPage(
    req: express.Request,
    res: express.Response,
    locale: Locale,
    error?: string,
    status = 200,
  ): void {
    const tx = translator(locale);
    sendPage(
      req,
      res,
      locale,
      tx('İzinlerim – giriş', 'My consents – sign in'),
      html`<section class="card"><h1>${tx('İzinlerinizi görün ve yönetin', 'See and manage your consents')}</h1>
<p>${tx('Telefon numaranızı ya da e-posta adresinizi girin; kayıtlıysa tek kullanımlık bir giriş kodu göndereceğiz.', 'Enter your phone number or e-mail address; if we hold records for it we will send a one-time sign-in code.')}</p>
${formError(error, 'login-error')}
<form method="post" action="/web/portal/login" class="stack">
<input type="hidden" name="_csrf" value="${anonCsrf(hub, req, res)}">
<div><label for="recipient">${tx('Telefon ya da e-posta', 'Phone or e-mail')}</label>
<input id="recipient" name="recipient" type="text" autocomplete="email" required maxlength="254"${error ? html` aria-describedby="login-error"` : ''}></div>
<button type="submit" class="primary">${tx('Kod gönder', 'Send code')}</button>
</form></section>`,
      { status, nav: nav(locale, false), bodyClass: 'narrow' },
    );
  }

  function codePage(
    req: express.Request,
    res: express.Response,
    locale: Locale,
    error?: string,
    status = 200,
  ): void {
    const tx = translator(locale);
    sendPage(
      req,
      res,
      locale,
      tx('Giriş kodu', 'Sign-in code'),
      html`<section class="card"><h1>${tx('Giriş kodunu girin', 'Enter the sign-in code')}</h1>
<p>${tx('Adres kayıtlarımızda varsa 6 haneli bir kod gönderdik (10 dakika geçerli).', 'If we hold records for the address, we sent a 6-digit code (valid for 10 minutes).')}</p>
${formError(error, 'code-error')}
<form method="post" action="/web/portal/code" class="stack">
<input type="hidden" name="_csrf" value="${anonCsrf(hub, req, res)}">
${codeField(locale, error ? 'code-error' : undefined)}
<button type="submit" class="primary">${tx('Giriş yap', 'Sign in')}</button>
</form><p><a href="/web/portal">${tx('Başka bir adresle dene', 'Use another address')}</a></p></section>`,
      { status, nav: nav(locale, false), bodyClass: 'narrow' },
    );
  }

  r.post(
    '/web/portal/login',
    pageRoute(async (req, res, { locale, tx }) => {
      if (!anonCsrfOk(hub, req)) {
        loginPage(req, res, locale, staleForm(tx, 'retry'), 403);
        return;
      }
      const recipient = recipientOrNull(formField(req, 'recipient') ?? '');
      if (!recipient) {
        loginPage(req, res, locale, invalidRecipient(locale), 400);
        return;
      }
      const hash = hub.consents.recipientHash(recipient);
      let codeId = `none_${randomUUID()}`;
      // The answer is the same whether or not the address is known (no account enumeration).
      if (await known(hub, recipient)) {
        const c = await issuePortalCode(hub, hash);
        codeId = c.id;
        const records = await recordsOf(hub, recipient);
        const brandCode = records[0]?.state.key.brandCode ?? [...(await hub.brands.all()).keys()][0] ?? '0';
        const isEmail = recipient.includes('@');
        await hub.messages.send({
          brandCode,
          channel: isEmail ? 'email' : 'sms',
          to: recipient,
          toHash: hash,
          purpose: 'verification_code',
          locale,
          ...(isEmail
            ? { subject: tx('İzin portalı giriş kodunuz', 'Your consent portal sign-in code') }
            : {}),
          body: tx(
            `İzin portalı giriş kodunuz: ${c.code}. Kod 10 dk geçerlidir. Kimseyle paylaşmayın.`,
            `Your consent portal sign-in code: ${c.code}. Valid for 10 min. Do not share it.`,
          ),
        });
        await hub.access.audit({ actor: 'recipient', action: 'portal.code_sent', target: codeId });
      }
      setCookie(
        req,
        res,
        LOGIN_COOKIE,
        seal(hub, LOGIN_PURPOSE, { codeId, r: recipient, exp: Date.now() + 10 * 60_000 }),
        { maxAge: 600, path: '/web/portal' },
      );
      res.redirect(303, '/web/portal/code');
    }),
  );

  r.get('/web/portal/code', (req, res) => {
    const locale = pageLocale(req, res);
    if (!unseal(hub, LOGIN_PURPOSE, cookies(req)[LOGIN_COOKIE])) {
      res.redirect(303, '/web/portal');
      return;
    }
    codePage(req, res, locale);
  });

  r.post(
    '/web/portal/code',
    pageRoute(async (req, res, { locale, tx }) => {
      const login = unseal<{ codeId: string; r: string; exp: number }>(
        hub,
        LOGIN_PURPOSE,
        cookies(req)[LOGIN_COOKIE],
      );
      if (!login || login.exp < Date.now()) {
        loginPage(
          req,
          res,
          locale,
          tx('Giriş süresi doldu; yeniden kod isteyin.', 'The sign-in expired; ask for a new code.'),
          400,
        );
        return;
      }
      if (!anonCsrfOk(hub, req)) {
        codePage(req, res, locale, staleForm(tx, 'retry'), 403);
        return;
      }
      const code = (formField(req, 'code') ?? '').replace(/\s+/g, '');
      const c = await checkPortalCode(hub, login.codeId, hub.consents.recipientHash(login.r), code);
      if (!c.ok) {
        codePage(
          req,
          res,
          locale,
          codeRefused(locale, c, [
            'Kod geçersiz, süresi dolmuş ya da çok fazla denenmiş; yeni kod isteyin.',
            'The code is invalid, expired or was tried too often; ask for a new one.',
          ]),
          400,
        );
        return;
      }
      setCookie(req, res, LOGIN_COOKIE, '', { maxAge: 0, path: '/web/portal' });
      setCookie(
        req,
        res,
        SESSION_COOKIE,
        seal(hub, SESSION_PURPOSE, { r: login.r, exp: Date.now() + SESSION_MS }),
        { maxAge: SESSION_MS / 1000, path: '/web/portal' },
      );
      await hub.access.audit({ actor: 'recipient', action: 'portal.sign_in', target: login.codeId });
      res.redirect(303, '/web/portal');
    }),
  );

  r.post('/web/portal/logout', (req, res) => {
    if (anonCsrfOk(hub, req)) setCookie(req, res, SESSION_COOKIE, '', { maxAge: 0, path: '/web/portal' });
    res.redirect(303, '/web/portal');
  });

  /** Runs a handler for a signed-in person, or shows the sign-in form. */
  const signedIn = (
    fn: (req: express.Request, res: express.Response, s: Session, ctx: PageCtx) => Promise<void>,
  ) =>
    pageRoute(async (req, res, ctx) => {
      const s = sessionOf(hub, req);
      if (!s || (await isErased(hub, hub.consents.recipientHash(s.r)))) {
        if (s) setCookie(req, res, SESSION_COOKIE, '', { maxAge: 0, path: '/web/portal' });
        if (req.method === 'GET' && req.path === '/web/portal') loginPage(req, res, ctx.locale);
        else res.redirect(303, '/web/portal');
        return;
      }
      await fn(req, res, s, ctx);
    });

  r.get(
    '/web/portal',
    signedIn(async (req, res, s, { locale, tx }) => {
      const now = hub.now();
      const records = await recordsOf(hub, s.r);
      const brands = await hub.brands.all();
      const byBrand = new Map<string, StoredConsent[]>();
      for (const rec of records) {
        const list = byBrand.get(rec.state.key.brandCode) ?? [];
        list.push(rec);
        byBrand.set(rec.state.key.brandCode, list);
      }
      const csrf = anonCsrf(hub, req, res);
      const sections: Html[] = [];
      for (const [code, list] of byBrand) {
        const brand = brands.get(code);
        const rows: Html[] = [];
        for (const rec of list.sort((a, b) => a.state.key.type.localeCompare(b.state.key.type))) {
          const v = viewOf(rec.state, now);
          const events = await history(hub, rec.state.key);
          const last = [...events]
            .reverse()
            .find((e) => e.evidence && (e.evidence.record as { agreement?: unknown }).agreement);
          const agreement = last
            ? ((last.evidence!.record as { agreement: { versionId: string } }).agreement ?? null)
            : null;
          rows.push(html`<tr>
<th scope="row">${channelLabel(locale, v.type)}</th>
<td data-label="${tx('Durum', 'Status')}"><span class="${v.status === 'ONAY' ? 'ok' : v.status === 'RET' ? 'bad' : ''}">${statusLabel(locale, v.status)}</span>${v.pendingChange ? html`<br><span class="meta">${tx('İYS’ye iletiliyor, son gün', 'On its way to İYS, due')} ${when(locale, v.pendingChange.deadlineAt)}</span>` : ''}${v.stopDeadlineAt ? html`<br><span class="meta">${tx('İletiler en geç şu tarihte durur', 'Messages stop by')} ${when(locale, v.stopDeadlineAt)}</span>` : ''}</td>
<td data-label="${tx('Tarih', 'Date')}">${when(locale, v.consentDate)}</td>
<td data-label="${tx('Kaynak', 'Source')}">${v.source ?? '–'}</td>
<td data-label="${tx('Onay metni', 'Agreement')}">${agreement ? html`<a href="/web/portal/text/${code}/${agreement.versionId}">${tx('Metni oku', 'Read the text')}</a> <code>${agreement.versionId.slice(0, 8)}</code>` : '–'}</td>
<td>${
            v.status === 'ONAY'
              ? html`<form method="post" action="/web/portal/withdraw" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="brand" value="${code}"><input type="hidden" name="type" value="${v.type}"><input type="hidden" name="recipientType" value="${v.recipientType}"><button type="submit" class="danger" aria-label="${tx(`Geri al: ${brand?.name ?? code} ${channelLabel(locale, v.type)}`, `Withdraw: ${brand?.name ?? code} ${channelLabel(locale, v.type)}`)}">${tx('Geri al', 'Withdraw')}</button></form>`
              : ''
          }</td></tr>`);
        }
        sections.push(html`<section class="card"><h2>${brand?.name ?? code}</h2>
<div class="table-wrap" tabindex="0"><table class="cards"><caption class="meta">${tx('Kanal bazında izinleriniz', 'Your consents per channel')}</caption>
<thead><tr><th scope="col">${tx('Kanal', 'Channel')}</th><th scope="col">${tx('Durum', 'Status')}</th><th scope="col">${tx('Tarih', 'Date')}</th><th scope="col">${tx('Kaynak', 'Source')}</th><th scope="col">${tx('Onay metni sürümü', 'Agreement version')}</th><th scope="col">${tx('İşlem', 'Action')}</th></tr></thead>
<tbody>${rows}</tbody></table></div>
${brand ? html`<p class="meta">${tx('Ret için ayrıca', 'You can also')}: ${brand.retInstructions[locale]}</p>` : ''}</section>`);
      }
      const flash =
        req.query.done === 'withdrawn'
          ? html`<p class="notice" role="status">${tx('Ret talebiniz kaydedildi; 3 iş günü içinde İYS’ye iletilir.', 'Your withdrawal was recorded; it reaches İYS within 3 business days.')}</p>`
          : '';
      sendPage(
        req,
        res,
        locale,
        tx('İzinlerim', 'My consents'),
        html`<h1>${tx('İzinlerim', 'My consents')}</h1>${flash}
${sections.length ? sections : html`<p class="card">${tx('Bu adres için kayıtlı izin yok.', 'There are no consents on record for this address.')}</p>`}
<section class="card"><h2>${tx('Verileriniz ve haklarınız', 'Your data and your rights')}</h2>
<ul class="links"><li><a href="/web/portal/export.json" download>${tx('Verilerimi indir (JSON)', 'Download my data (JSON)')}</a></li><li><a href="/web/portal/export.xml" download>${tx('Verilerimi indir (XML)', 'Download my data (XML)')}</a></li>
<li><a href="/web/portal/applications">${tx('KVKK başvurusu yap ve takip et', 'Make and follow a KVKK application')}</a></li></ul>
<form method="post" action="/web/portal/logout"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">${tx('Çıkış', 'Sign out')}</button></form></section>`,
        { nav: nav(locale, true) },
      );
    }),
  );

  r.post(
    '/web/portal/withdraw',
    signedIn(async (req, res, s, { locale, tx }) => {
      if (rejectStaleForm(hub, req, res, { locale, tx })) return;
      const brand = await hub.brands.get(formField(req, 'brand') ?? '');
      const type = formField(req, 'type') as ConsentType | undefined;
      const recipientType = (formField(req, 'recipientType') ?? 'BIREYSEL') as RecipientType;
      if (
        !brand ||
        !type ||
        !['MESAJ', 'ARAMA', 'EPOSTA'].includes(type) ||
        !['BIREYSEL', 'TACIR'].includes(recipientType)
      ) {
        sendError(req, res, locale, 400, tx('Geçersiz istek.', 'Invalid request.'));
        return;
      }
      await recordDecision(
        hub,
        brand,
        {
          recipient: s.r,
          recipientType,
          type,
          status: 'RET',
          source: 'HS_WEB',
          consentDate: hub.now().toISOString(),
          locale,
          evidence: {
            ip: clientIp(req),
            ...(req.get('user-agent') ? { userAgent: req.get('user-agent')!.slice(0, 1024) } : {}),
            actor: { type: 'SUBJECT' },
          },
        },
        { actor: 'recipient' },
      );
      hub.kick();
      res.redirect(303, '/web/portal?done=withdrawn');
    }),
  );

  r.get(
    '/web/portal/text/:brand/:versionId',
    signedIn(async (req, res, _s, { locale, tx }) => {
      const brand = await hub.brands.get(String(req.params.brand));
      const id = String(req.params.versionId);
      const text = brand && /^[0-9a-f]{64}$/.test(id) ? await hub.texts.byId(brand, id) : null;
      if (!brand || !text) {
        sendError(req, res, locale, 404, tx('Metin bulunamadı.', 'Text not found.'));
        return;
      }
      sendPage(
        req,
        res,
        locale,
        tx('Onay metni', 'Agreement text'),
        html`<section class="card"><h1>${tx('Onayladığınız metin', 'The text you agreed to')} – ${brand.name}</h1>
<p class="meta">${tx('Yayımlanma', 'Published')}: ${when(locale, text.version.publishedAt)}</p>
${agreementBlock(locale, tx('Metin', 'Text'), text, true)}<p><a href="/web/portal">${tx('İzinlerime dön', 'Back to my consents')}</a></p></section>`,
        { nav: nav(locale, true) },
      );
    }),
  );

  async function exportOf(hub: Hub, s: Session): Promise<ReturnType<typeof buildSubjectExport>> {
    const now = hub.now();
    const records = await recordsOf(hub, s.r);
    const brands = await hub.brands.all();
    const first: Brand | undefined =
      brands.get(records[0]?.state.key.brandCode ?? '') ?? [...brands.values()][0];
    const apps = await hub.applications.list({ subjectHash: hub.consents.recipientHash(s.r), limit: 100 });
    return buildSubjectExport({
      generatedAt: now,
      controller: {
        name: first?.tradeName ?? 'izinkit',
        ...(first?.contactEmail ? { contact: first.contactEmail } : {}),
      },
      subject: { reference: `subj_${hub.consents.recipientHash(s.r).slice(0, 16)}` },
      categories: [
        {
          category: 'iletisim',
          purposes: ['ticari elektronik ileti izni / commercial message consent'],
          legalBasis: 'ETK 6563 m.6; İYS',
          records: [{ [s.r.includes('@') ? 'eposta' : 'telefon']: s.r }],
        },
        {
          category: 'izin-kayitlari',
          purposes: ['ETK izin ispatı / proof of consent'],
          legalBasis: 'Ticari İletişim ve Ticari Elektronik İletiler Hakkında Yönetmelik m.7, m.10',
          retention: '3 yıl / 3 years',
          records: records.map((rec) => {
            const v = viewOf(rec.state, now);
            return {
              marka: brands.get(v.brandCode)?.name ?? v.brandCode,
              kanal: v.type,
              durum: v.status ?? '',
              kaynak: v.source ?? '',
              tarih: v.consentDate ?? '',
              iys: v.iys?.status ?? '',
            };
          }),
        },
        {
          category: 'kvkk-basvurulari',
          purposes: ['KVKK m.11 başvurularının yanıtlanması / answering KVKK art. 11 applications'],
          records: apps.map((a) => ({
            id: a.state.id,
            durum: a.state.status,
            talepler: a.state.kinds.join(','),
            alindi: new Date(a.state.receivedAt).toISOString(),
            sonGun: new Date(a.state.deadlineAt).toISOString(),
          })),
        },
      ],
    });
  }

  for (const format of ['json', 'xml'] as const) {
    r.get(
      `/web/portal/export.${format}`,
      signedIn(async (req, res, s, { locale }) => {
        const ex = await exportOf(hub, s);
        if (!ex.ok) {
          sendError(req, res, locale, 500, ex.error.message ? String(ex.error.message) : 'export');
          return;
        }
        await hub.access.audit({ actor: 'recipient', action: 'portal.export', target: format });
        res
          .status(200)
          .set(
            'Content-Type',
            format === 'json' ? 'application/json; charset=utf-8' : 'application/xml; charset=utf-8',
          )
          .set('Content-Disposition', `attachment; filename="verilerim.${format}"`)
          .set('Cache-Control', 'no-store')
          .send(format === 'json' ? subjectExportToJson(ex.value) : subjectExportToXml(ex.value));
      }),
    );
  }

  r.get(
    '/web/portal/applications',
    signedIn(async (req, res, s, { locale, tx }) => {
      const apps = await hub.applications.list({ subjectHash: hub.consents.recipientHash(s.r), limit: 100 });
      const csrf = anonCsrf(hub, req, res);
      const flash =
        typeof req.query.created === 'string'
          ? html`<p class="notice" role="status">${tx(`Başvurunuz alındı: ${req.query.created}`, `Your application was received: ${req.query.created}`)}</p>`
          : '';
      sendPage(
        req,
        res,
        locale,
        tx('KVKK başvurularım', 'My KVKK applications'),
        html`<h1>${tx('KVKK başvurularım', 'My KVKK applications')}</h1>${flash}
<section class="card"><h2>${tx('Başvurularım', 'My applications')}</h2>
${
  apps.length
    ? html`<div class="table-wrap" tabindex="0"><table><thead><tr><th scope="col">${tx('Başvuru', 'Application')}</th><th scope="col">${tx('Talepler', 'Requests')}</th><th scope="col">${tx('Durum', 'Status')}</th><th scope="col">${tx('Alındı', 'Received')}</th><th scope="col">${tx('Yanıt için son gün', 'Answer due by')}</th></tr></thead><tbody>
${apps.map(
  (a) =>
    html`<tr><td><code>${a.state.id}</code></td><td>${a.state.kinds.map((k) => kindLabel(locale, k)).join(', ')}</td><td>${applicationStatusLabel(locale, a.state.status)}</td><td>${when(locale, a.state.receivedAt)}</td><td>${when(locale, a.state.deadlineAt)}</td></tr>`,
)}</tbody></table></div>`
    : html`<p>${tx('Henüz başvurunuz yok.', 'You have no applications yet.')}</p>`
}</section>
<section class="card"><h2>${tx('Yeni başvuru', 'New application')}</h2>
<p>${tx('KVKK m.11 kapsamındaki başvurunuz 30 gün içinde yanıtlanır.', 'Applications under KVKK art. 11 are answered within 30 days.')}</p>
<form method="post" action="/web/portal/applications" class="stack"><input type="hidden" name="_csrf" value="${csrf}">
<fieldset><legend>${tx('Talebiniz', 'Your request')}</legend>
${PORTAL_REQUEST_KINDS.map((k) => html`<div class="check"><input type="checkbox" id="kind-${k}" name="kind" value="${k}"><label for="kind-${k}">${kindLabel(locale, k)}</label></div>`)}
</fieldset>
<button type="submit" class="primary">${tx('Başvur', 'Apply')}</button></form></section>`,
        { nav: nav(locale, true) },
      );
    }),
  );

  r.post(
    '/web/portal/applications',
    signedIn(async (req, res, s, { locale, tx }) => {
      if (rejectStaleForm(hub, req, res, { locale, tx })) return;
      const kinds = formFields(req, 'kind').filter((k): k is RequestKind =>
        (PORTAL_REQUEST_KINDS as readonly string[]).includes(k),
      );
      if (kinds.length === 0) {
        sendError(req, res, locale, 400, tx('En az bir talep seçin.', 'Choose at least one request.'));
        return;
      }
      const id = newApplicationId();
      const hash = hub.consents.recipientHash(s.r);
      const created = await hub.applications.create(
        {
          id,
          kinds,
          channel: 'controller_application',
          receivedAt: hub.now(),
          subject: { reference: `subj_${hash.slice(0, 16)}` },
        },
        { subjectHash: hash },
      );
      if (!created.ok) {
        sendError(req, res, locale, 400, created.error.code);
        return;
      }
      const records = await recordsOf(hub, s.r);
      const brandCode = records[0]?.state.key.brandCode;
      if (brandCode)
        await hub.db.query(
          'insert into application_brands (application_id, brand_code) values ($1, $2) on conflict do nothing',
          [id, brandCode],
        );
      await hub.access.audit({
        actor: 'recipient',
        action: 'dsr.create',
        target: id,
        details: { kinds, via: 'portal' },
      });
      res.redirect(303, `/web/portal/applications?created=${encodeURIComponent(id)}`);
    }),
  );
  return r;
}
