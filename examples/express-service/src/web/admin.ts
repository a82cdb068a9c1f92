/**
 * The admin dashboard (`/web/admin/**`): sign-in, live counts and charts, consent lookup, İYS
 * sync health with the H-codes explained, reconciliation results, hosted-form links with QR
 * codes, retailers, API keys and the audit log. KVKK applications, evidence and agreements are
 * in `admin-records.ts`.
 */
import { describeHCode } from '@izinkit/iys';
import express from 'express';
import QRCode from 'qrcode';
import { history, personStatus } from '../domain/consents.js';
import { PERMISSIONS, type Permission } from '../http/route.js';
import type { Hub } from '../hub.js';
import type { Locale } from '../i18n.js';
import { ADMIN_COOKIE, admin, pageNumber, pager } from './admin-kit.js';
import { barChart, dayChart } from './charts.js';
import {
  anonCsrf,
  anonCsrfOk,
  clientIp,
  formField,
  formFields,
  pageLocale,
  pageRoute,
  queryField,
  sendPage,
  setCookie,
  staleForm,
  translator,
} from './context.js';
import { formPath } from './forms.js';
import { type Html, html, raw } from './html.js';
import { channelLabel, formError, invalidRecipient, recipientOrNull, statusLabel, when } from './parts.js';
import { loginFailed, loginLocked, loginSucceeded } from './store.js';

const PAGE = 25;

/** Explains an İYS H-code (or any stored error text) in the page language. */
export function explainError(locale: Locale, text: string | null): Html {
  if (!text) return html`–`;
  const m = /H\d{3}/.exec(text);
  const info = m ? describeHCode(m[0]) : undefined;
  return info
    ? html`<abbr title="${info[locale]}">${info.code}</abbr> – ${info[locale]}`
    : html`${text.slice(0, 200)}`;
}

/** Numbers the dashboard shows live. */
export async function liveCounts(hub: Hub, brand: string | null): Promise<Record<string, number>> {
  const now = hub.now();
  const c = await hub.db.query<{ total: number; onay: number; ret: number }>(
    `select count(*)::int total, count(*) filter (where status = 'ONAY')::int onay, count(*) filter (where status = 'RET')::int ret
       from consents where ($1::text is null or brand_code = $1)`,
    [brand],
  );
  const o = await hub.db.query<{
    pending: number;
    due: number;
    overdue: number;
    accepted: number;
    refused: number;
  }>(
    `select count(*) filter (where status in ('pending','claimed'))::int pending,
            count(*) filter (where status in ('pending','claimed') and deadline_at >= $2 and deadline_at < $2 + interval '1 day')::int due,
            count(*) filter (where status in ('pending','claimed') and deadline_at < $2)::int overdue,
            count(*) filter (where result in ('accepted','already_registered'))::int accepted,
            count(*) filter (where result = 'refused')::int refused
       from iys_outbox where ($1::text is null or brand_code = $1)`,
    [brand, now],
  );
  const a = await hub.applications.counts(now);
  return { ...c.rows[0]!, ...o.rows[0]!, dsrOpen: a.open, dsrNew: a.unseen, dsrOverdue: a.overdue };
}

/** `/web/admin/**` (except the records pages). */
export function adminRouter(hub: Hub): express.Router {
  const r = express.Router();

  // ── sign-in ──────────────────────────────────────────────────────────────────────────────
  function loginPage(
    req: express.Request,
    res: express.Response,
    locale: Locale,
    error?: string,
    status = 200,
  ): void {
    const tx = translator(locale);
    const next = queryField(req, 'next') ?? formField(req, 'next') ?? '/web/admin';
    sendPage(
      req,
      res,
      locale,
      tx('Yönetici girişi', 'Admin sign-in'),
      html`<section class="card"><h1>${tx('Yönetici girişi', 'Admin sign-in')}</h1>
${formError(error, 'login-error')}
<form method="post" action="/web/admin/login" class="stack"><input type="hidden" name="_csrf" value="${anonCsrf(hub, req, res)}"><input type="hidden" name="next" value="${next.startsWith('/web/admin') ? next : '/web/admin'}">
<div><label for="username">${tx('Kullanıcı adı', 'Username')}</label><input id="username" name="username" type="text" autocomplete="username" required maxlength="100"></div>
<div><label for="password">${tx('Parola', 'Password')}</label><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200"></div>
<button type="submit" class="primary">${tx('Giriş', 'Sign in')}</button></form></section>`,
      { status, bodyClass: 'narrow' },
    );
  }

  r.get('/web/admin/login', (req, res) => loginPage(req, res, pageLocale(req, res)));
  r.post(
    '/web/admin/login',
    pageRoute(async (req, res, { locale, tx }) => {
      if (!anonCsrfOk(hub, req)) {
        loginPage(req, res, locale, staleForm(tx, 'retry'), 403);
        return;
      }
      const ip = clientIp(req);
      if (await loginLocked(hub, ip)) {
        loginPage(
          req,
          res,
          locale,
          tx(
            'Çok fazla hatalı deneme; 15 dakika sonra yeniden deneyin.',
            'Too many failed attempts; try again in 15 minutes.',
          ),
          429,
        );
        return;
      }
      const user = await hub.access.verifyPassword(
        formField(req, 'username') ?? '',
        formField(req, 'password') ?? '',
      );
      if (!user) {
        await loginFailed(hub, ip);
        await hub.access.audit({ actor: 'anonymous', action: 'admin.login_failed' });
        loginPage(
          req,
          res,
          locale,
          tx('Kullanıcı adı ya da parola yanlış.', 'Wrong username or password.'),
          401,
        );
        return;
      }
      await loginSucceeded(hub, ip);
      const ua = req.get('user-agent');
      const s = await hub.access.createSession(user.id, {
        ip,
        ...(ua ? { userAgent: ua.slice(0, 500) } : {}),
      });
      setCookie(req, res, ADMIN_COOKIE, s.token, {
        path: '/web/admin',
        maxAge: Math.floor((s.expiresAt.getTime() - Date.now()) / 1000),
      });
      await hub.access.audit({ actor: `admin:${user.id}`, action: 'admin.login' });
      const to = formField(req, 'next') ?? '/web/admin';
      res.redirect(
        303,
        to.startsWith('/web/admin') && !to.startsWith('/web/admin/login') ? to : '/web/admin',
      );
    }),
  );
  r.post(
    '/web/admin/logout',
    admin(hub, async (c) => {
      await hub.access.endSession(c.token);
      setCookie(c.req, c.res, ADMIN_COOKIE, '', { path: '/web/admin', maxAge: 0 });
      c.res.redirect(303, '/web/admin/login');
    }),
  );

  // ── dashboard ────────────────────────────────────────────────────────────────────────────
  r.get(
    '/web/admin/live.json',
    admin(hub, async (c) => {
      const brand = queryField(c.req, 'brand') ?? null;
      c.res
        .set('Cache-Control', 'no-store')
        .json(await liveCounts(hub, brand && /^[0-9]{1,12}$/.test(brand) ? brand : null));
    }),
  );

  r.get(
    '/web/admin',
    admin(hub, async (c) => {
      const { tx, locale } = c;
      const brands = await hub.brands.all();
      const b = queryField(c.req, 'brand');
      const brand = b && brands.has(b) ? b : null;
      const live = await liveCounts(hub, brand);
      const byChannel = await hub.db.query<{ type: string; status: string | null; n: number }>(
        `select type, status, count(*)::int n from consents where ($1::text is null or brand_code = $1) group by 1, 2 order by 1, 2`,
        [brand],
      );
      const bySource = await hub.db.query<{ source: string | null; n: number }>(
        `select source, count(*)::int n from consents where ($1::text is null or brand_code = $1) group by 1 order by 2 desc limit 12`,
        [brand],
      );
      const days = 14;
      const since = new Date(hub.now().getTime() - (days - 1) * 86_400_000);
      // Every decision change produces one submission to İYS: count them per day and status.
      const byDay = await hub.db.query<{ d: string; status: string; n: number }>(
        `select to_char((o.created_at at time zone 'Europe/Istanbul')::date, 'YYYY-MM-DD') d, o.payload->>'status' status, count(*)::int n
           from iys_outbox o
          where o.created_at >= $2::date and ($1::text is null or o.brand_code = $1)
          group by 1, 2`,
        [brand, since.toISOString().slice(0, 10)],
      );
      const dayList: { day: string; values: number[] }[] = [];
      for (let i = 0; i < days; i++) {
        const d = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
        const on = byDay.rows.find((x) => x.d === d && x.status === 'ONAY')?.n ?? 0;
        const off = byDay.rows.find((x) => x.d === d && x.status === 'RET')?.n ?? 0;
        dayList.push({ day: d, values: [on, off] });
      }
      const stat = (key: string, label: string, cls = ''): Html =>
        html`<div class="card"><p class="meta">${label}</p><p class="stat ${cls}" data-live="${key}">${live[key] ?? 0}</p></div>`;
      const channels = ['MESAJ', 'ARAMA', 'EPOSTA'];
      const chRows = channels.map((t) => ({
        t,
        onay: byChannel.rows.find((x) => x.type === t && x.status === 'ONAY')?.n ?? 0,
        ret: byChannel.rows.find((x) => x.type === t && x.status === 'RET')?.n ?? 0,
        none: byChannel.rows.find((x) => x.type === t && x.status === null)?.n ?? 0,
      }));
      await c.page(
        tx('Pano', 'Dashboard'),
        '',
        html`<h1>${tx('Pano', 'Dashboard')}</h1>
<form method="get" action="/web/admin" class="filters card"><div><label for="brand">${tx('Marka', 'Brand')}</label>
<select id="brand" name="brand"><option value="">${tx('Tümü', 'All')}</option>${[...brands.values()].map((x) => html`<option value="${x.code}"${x.code === brand ? raw(' selected') : ''}>${x.name} (${x.code})</option>`)}</select></div>
<button type="submit">${tx('Uygula', 'Apply')}</button></form>
<div data-live-url="/web/admin/live.json${brand ? `?brand=${brand}` : ''}">
<h2>${tx('İzinler', 'Consents')}</h2>
<div class="grid">${stat('total', tx('Kayıtlı izin (kanal)', 'Consents on record (channels)'))}${stat('onay', tx('Onay', 'Granted'), 'ok')}${stat('ret', tx('Ret', 'Refused'), 'bad')}</div>
<h2>${tx('İYS senkron sağlığı', 'İYS sync health')}</h2>
<div class="grid">${stat('pending', tx('Bekleyen', 'Pending'))}${stat('due', tx('24 saat içinde son gün', 'Due within 24 hours'), 'warn')}${stat('overdue', tx('Süresi geçmiş', 'Overdue'), 'bad')}${stat('accepted', tx('İYS kabul etti', 'Accepted by İYS'), 'ok')}${stat('refused', tx('İYS reddetti', 'Refused by İYS'), 'bad')}</div>
<h2>${tx('KVKK başvuruları', 'KVKK applications')}</h2>
<div class="grid">${stat('dsrOpen', tx('Açık', 'Open'))}${stat('dsrNew', tx('Yeni', 'New'), 'warn')}${stat('dsrOverdue', tx('Süresi geçmiş', 'Overdue'), 'bad')}</div>
</div>
<div class="grid">
<section class="card chart"><h2>${tx('Kanala göre', 'By channel')}</h2>${barChart(
          tx('Kanala göre onay', 'Granted by channel'),
          chRows.map((x) => ({ label: channelLabel(locale, x.t), value: x.onay, color: '#136c2e' })),
        )}${barChart(
          tx('Kanala göre ret', 'Refused by channel'),
          chRows.map((x) => ({ label: channelLabel(locale, x.t), value: x.ret, color: '#a3161b' })),
        )}
<div class="table-wrap" tabindex="0"><table><caption class="meta">${tx('Kanal ve duruma göre', 'By channel and status')}</caption><thead><tr><th scope="col">${tx('Kanal', 'Channel')}</th><th scope="col" class="num">${tx('Onay', 'Granted')}</th><th scope="col" class="num">${tx('Ret', 'Refused')}</th><th scope="col" class="num">${tx('Doğrulama bekliyor', 'Awaiting verification')}</th></tr></thead>
<tbody>${chRows.map((x) => html`<tr><th scope="row">${channelLabel(locale, x.t)}</th><td class="num">${x.onay}</td><td class="num">${x.ret}</td><td class="num">${x.none}</td></tr>`)}</tbody></table></div></section>
<section class="card chart"><h2>${tx('Kaynağa göre', 'By source')}</h2>${barChart(
          tx('Kaynağa göre', 'By source'),
          bySource.rows.map((x) => ({ label: x.source ?? '–', value: x.n })),
        )}
<div class="table-wrap" tabindex="0"><table><thead><tr><th scope="col">${tx('Kaynak', 'Source')}</th><th scope="col" class="num">${tx('Adet', 'Count')}</th></tr></thead><tbody>${bySource.rows.map((x) => html`<tr><td>${x.source ?? '–'}</td><td class="num">${x.n}</td></tr>`)}</tbody></table></div></section>
</div>
<section class="card chart"><h2>${tx(`Son ${days} gün (İYS’ye giden onay ve ret değişiklikleri)`, `Last ${days} days (grant and refusal changes sent to İYS)`)}</h2>${dayChart(
          tx('Günlük kararlar', 'Decisions per day'),
          [
            { label: tx('Onay', 'Granted'), color: '#136c2e' },
            { label: tx('Ret', 'Refused'), color: '#a3161b' },
          ],
          dayList,
        )}
<details><summary>${tx('Tablo olarak', 'As a table')}</summary><div class="table-wrap" tabindex="0"><table><thead><tr><th scope="col">${tx('Gün', 'Day')}</th><th scope="col" class="num">${tx('Onay', 'Granted')}</th><th scope="col" class="num">${tx('Ret', 'Refused')}</th></tr></thead><tbody>${dayList.map((d) => html`<tr><td>${d.day}</td><td class="num">${d.values[0]}</td><td class="num">${d.values[1]}</td></tr>`)}</tbody></table></div></details></section>`,
      );
    }),
  );

  // ── consents lookup ──────────────────────────────────────────────────────────────────────
  r.get(
    '/web/admin/consents',
    admin(hub, async (c) => {
      const { tx, locale } = c;
      const brands = await hub.brands.all();
      const q = (queryField(c.req, 'recipient') ?? '').trim();
      const bq = queryField(c.req, 'brand') ?? [...brands.keys()][0] ?? '';
      let result: Html = html``;
      if (q) {
        const recipient = recipientOrNull(q, 'query');
        if (!recipient) result = html`<p class="error" role="alert">${invalidRecipient(locale)}</p>`;
        if (recipient && brands.has(bq)) {
          const view = await personStatus(hub, bq, recipient);
          await hub.access.audit({
            actor: c.actor,
            action: 'admin.consent_lookup',
            target: hub.consents.recipientHash(recipient).slice(0, 16),
            details: { brandCode: bq },
          });
          const rows: Html[] = [];
          for (const v of view.channels) {
            const h = await history(hub, {
              brandCode: v.brandCode,
              recipient: v.recipient,
              recipientType: v.recipientType,
              type: v.type,
            });
            rows.push(html`<tr><th scope="row">${channelLabel(locale, v.type)}</th><td class="${v.status === 'ONAY' ? 'ok' : v.status === 'RET' ? 'bad' : ''}">${statusLabel(locale, v.status)}</td><td>${v.source ?? '–'}</td><td>${when(locale, v.consentDate)}</td>
<td>${v.iys?.status ? statusLabel(locale, v.iys.status) : '–'}</td>
<td>${v.pendingChange ? html`<span class="${v.pendingChange.overdue ? 'bad' : 'warn'}">${statusLabel(locale, v.pendingChange.status)} · ${v.pendingChange.phase}</span><br><span class="meta">${tx('İYS son gün', 'İYS deadline')}: ${when(locale, v.pendingChange.deadlineAt)}</span>${v.pendingChange.iysCode ? html`<br>${explainError(locale, v.pendingChange.iysCode)}` : ''}` : '–'}</td>
<td>${v.stopDeadlineAt ? html`${tx('İleti durdurma son günü', 'Stop sending by')}: ${when(locale, v.stopDeadlineAt)}` : v.maySend.allowed ? html`<span class="ok">${tx('Gönderilebilir', 'May send')}</span>` : html`<span class="meta">${v.maySend.reason}</span>`}</td>
<td><details><summary>${tx(`${h.length} olay`, `${h.length} events`)}</summary><ol>${h.map((e) => html`<li>${when(locale, e.at)} · ${e.type} · ${e.outcome}${e.evidence ? html` · <a href="/web/admin/evidence?id=${e.evidence.id}">${tx('kanıt', 'evidence')} #${e.evidence.id}</a>` : ''}</li>`)}</ol></details></td></tr>`);
          }
          result = view.channels.length
            ? html`<div class="table-wrap" tabindex="0"><table><caption class="meta">${tx('Kişinin izinleri', 'The person’s consents')} (${view.recipient})</caption><thead><tr><th scope="col">${tx('Kanal', 'Channel')}</th><th scope="col">${tx('Durum', 'Status')}</th><th scope="col">${tx('Kaynak', 'Source')}</th><th scope="col">${tx('Tarih', 'Date')}</th><th scope="col">İYS</th><th scope="col">${tx('Bekleyen değişiklik', 'Pending change')}</th><th scope="col">${tx('Gönderim', 'Sending')}</th><th scope="col">${tx('Geçmiş', 'History')}</th></tr></thead><tbody>${rows}</tbody></table></div>`
            : html`<p>${tx('Bu kişi için kayıt yok.', 'No records for this person.')}</p>`;
        }
      }
      await c.page(
        tx('İzinler', 'Consents'),
        'consents',
        html`<h1>${tx('İzin sorgula', 'Look up consents')}</h1>
<form method="get" action="/web/admin/consents" class="filters card"><div><label for="recipient">${tx('Telefon ya da e-posta', 'Phone or e-mail')}</label><input id="recipient" name="recipient" type="search" value="${q}" required></div>
<div><label for="brand">${tx('Marka', 'Brand')}</label><select id="brand" name="brand">${[...brands.values()].map((x) => html`<option value="${x.code}"${x.code === bq ? raw(' selected') : ''}>${x.name}</option>`)}</select></div>
<button type="submit" class="primary">${tx('Sorgula', 'Look up')}</button></form>
<section class="card">${result}</section>`,
      );
    }),
  );

  // ── İYS sync ─────────────────────────────────────────────────────────────────────────────
  r.get(
    '/web/admin/sync',
    admin(hub, async (c) => {
      const { tx, locale } = c;
      const page = pageNumber(c.req);
      const filter = queryField(c.req, 'state') ?? '';
      const where =
        filter === 'pending'
          ? `o.status in ('pending','claimed')`
          : filter === 'overdue'
            ? `o.status in ('pending','claimed') and o.deadline_at < $3`
            : filter === 'refused'
              ? `o.result = 'refused'`
              : filter === 'accepted'
                ? `o.result in ('accepted','already_registered')`
                : 'true';
      const { rows } = await hub.db.query<{
        id: number;
        brand_code: string;
        type: string;
        decision: string | null;
        deadline_at: Date;
        status: string;
        result: string | null;
        last_error: string | null;
        attempts: number;
        created_at: Date;
        done_at: Date | null;
      }>(
        `select o.id, o.brand_code, c.type, o.payload->>'status' decision, o.deadline_at, o.status, o.result, o.last_error, o.attempts, o.created_at, o.done_at
           from iys_outbox o join consents c on c.id = o.consent_id
          where ${where} and $3::timestamptz is not null
          order by o.id desc limit $1 offset $2`,
        [PAGE + 1, (page - 1) * PAGE, hub.now()],
      );
      const recon = await hub.syncState.listReconciliations({ limit: 14 });
      const now = hub.now();
      const filters: readonly (readonly [string, string, string])[] = [
        ['', 'Tümü', 'All'],
        ['pending', 'Bekleyen', 'Pending'],
        ['overdue', 'Süresi geçmiş', 'Overdue'],
        ['refused', 'Reddedilen', 'Refused'],
        ['accepted', 'Kabul edilen', 'Accepted'],
      ];
      await c.page(
        tx('İYS senkron', 'İYS sync'),
        'sync',
        html`<h1>${tx('İYS senkron sağlığı', 'İYS sync health')}</h1>
<p>${tx('Her izin değişikliği 3 iş günü içinde İYS’ye iletilmelidir (Yönetmelik m.7). Reddedilen kayıtlar İYS’nin H-koduyla açıklanır.', 'Every consent change must reach İYS within 3 business days (Regulation art. 7). Refusals are explained with İYS’s H-code.')}</p>
<nav class="filters" aria-label="${tx('Süzgeç', 'Filter')}">${filters.map(([k, trL, enL]) => html`<a href="/web/admin/sync${k ? `?state=${k}` : ''}"${filter === k ? raw(' aria-current="page"') : ''}>${locale === 'tr' ? trL : enL}</a>`)}</nav>
<section class="card"><div class="table-wrap" tabindex="0"><table><caption class="meta">${tx('İYS’ye giden değişiklikler', 'Changes on their way to İYS')}</caption>
<thead><tr><th scope="col">#</th><th scope="col">${tx('Marka', 'Brand')}</th><th scope="col">${tx('Kanal', 'Channel')}</th><th scope="col">${tx('Karar', 'Decision')}</th><th scope="col">${tx('Son gün', 'Deadline')}</th><th scope="col">${tx('Durum', 'State')}</th><th scope="col">${tx('Sonuç', 'Result')}</th><th scope="col">${tx('Hata', 'Error')}</th></tr></thead>
<tbody>${rows.slice(0, PAGE).map((o) => {
          const overdue = (o.status === 'pending' || o.status === 'claimed') && o.deadline_at < now;
          return html`<tr><td>${o.id}</td><td>${o.brand_code}</td><td>${channelLabel(locale, o.type)}</td><td>${o.decision ?? '–'}</td><td class="${overdue ? 'bad' : ''}">${when(locale, o.deadline_at)}${overdue ? html` (${tx('geçti', 'overdue')})` : ''}</td><td>${o.status}</td><td class="${o.result === 'accepted' || o.result === 'already_registered' ? 'ok' : o.result === 'refused' ? 'bad' : ''}" data-sync-result>${o.result ?? '–'}</td><td>${explainError(locale, o.last_error)}</td></tr>`;
        })}</tbody></table></div>${pager(c.req, tx, page, rows.length > PAGE)}</section>
<section class="card"><h2>${tx('Mutabakat sonuçları (günlük)', 'Reconciliation results (daily)')}</h2>
${
  recon.length
    ? html`<div class="table-wrap" tabindex="0"><table><thead><tr><th scope="col">${tx('Gün', 'Day')}</th><th scope="col">${tx('Marka', 'Brand')}</th><th scope="col">${tx('Sonuç', 'Result')}</th><th scope="col" class="num">${tx('Satır', 'Rows')}</th><th scope="col" class="num">${tx('Fark', 'Differences')}</th><th scope="col">${tx('Hata', 'Error')}</th></tr></thead><tbody>${recon.map(
        (x) =>
          html`<tr><td>${x.reportDate}</td><td>${x.brandCode}</td><td class="${x.status === 'matched' ? 'ok' : 'bad'}">${x.status}</td><td class="num">${x.rows ?? '–'}</td><td class="num">${x.differenceCount}</td><td>${explainError(locale, x.error)}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p>${tx('Henüz mutabakat çalışmadı.', 'No reconciliation has run yet.')}</p>`
}</section>`,
      );
    }),
  );

  // ── hosted forms: links and QR codes ─────────────────────────────────────────────────────
  r.get(
    '/web/admin/forms',
    admin(hub, async (c) => {
      const { tx } = c;
      const brands = [...(await hub.brands.all()).values()];
      const cards: Html[] = [];
      for (const b of brands) {
        const url = `${hub.publicUrl()}${formPath(b.code)}`;
        const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
        cards.push(html`<section class="card"><h2>${b.name}</h2><p><a href="${formPath(b.code)}">${url}</a></p>
<div class="qr" role="img" aria-label="${tx(`${b.name} formunun QR kodu`, `QR code of the ${b.name} form`)}">${raw(svg.replace(/<\?xml[^>]*>/, ''))}</div>
<p><a href="/web/admin/forms/${b.code}/qr.svg" download="form-${b.code}.svg">${tx('QR kodunu indir (SVG)', 'Download the QR code (SVG)')}</a></p></section>`);
      }
      await c.page(
        tx('Formlar', 'Forms'),
        'forms',
        html`<h1>${tx('Barındırılan izin formları', 'Hosted consent forms')}</h1><div class="grid">${cards}</div>`,
      );
    }),
  );
  r.get(
    '/web/admin/forms/:brand/qr.svg',
    admin(hub, async (c) => {
      const b = await hub.brands.get(String(c.req.params.brand));
      if (!b) {
        c.res.status(404).end();
        return;
      }
      c.res
        .type('image/svg+xml')
        .send(await QRCode.toString(`${hub.publicUrl()}${formPath(b.code)}`, { type: 'svg', margin: 1 }));
    }),
  );

  // ── retailers ────────────────────────────────────────────────────────────────────────────
  r.get(
    '/web/admin/retailers',
    admin(hub, async (c) => {
      const { tx } = c;
      const sections: Html[] = [];
      for (const b of (await hub.brands.all()).values()) {
        let body: Html;
        try {
          const list = await hub.iys.retailers.list(Number(b.code));
          body = list.length
            ? html`<div class="table-wrap" tabindex="0"><table><thead><tr><th scope="col">${tx('Bayi kodu', 'Retailer code')}</th><th scope="col">${tx('Unvan', 'Title')}</th><th scope="col">${tx('Durum', 'Status')}</th><th scope="col" class="num">${tx('Erişim', 'Access')}</th></tr></thead><tbody>${list.map((x) => html`<tr><td>${x.retailerCode}</td><td>${x.title}</td><td>${x.status}</td><td class="num">${x.retailerAccessCount ?? '–'}</td></tr>`)}</tbody></table></div>`
            : html`<p>${tx('Bayi yok.', 'No retailers.')}</p>`;
        } catch (e) {
          body = html`<p class="error">${tx('İYS bayi listesi alınamadı', 'The İYS retailer list could not be read')}: ${e instanceof Error ? e.message.slice(0, 200) : String(e)}</p>`;
        }
        sections.push(html`<section class="card"><h2>${b.name} (${b.code})</h2>${body}
<form method="post" action="/web/admin/retailers" class="filters">${c.csrf()}<input type="hidden" name="brand" value="${b.code}">
<div><label for="title-${b.code}">${tx('Unvan', 'Title')}</label><input id="title-${b.code}" name="title" type="text" required maxlength="200"></div>
<div><label for="name-${b.code}">${tx('Yetkili adı', 'Contact name')}</label><input id="name-${b.code}" name="name" type="text" required maxlength="200"></div>
<button type="submit">${tx('Bayi ekle', 'Add retailer')}</button></form></section>`);
      }
      await c.page(
        tx('Bayiler', 'Retailers'),
        'retailers',
        html`<h1>${tx('Bayiler (İYS)', 'Retailers (İYS)')}</h1>${sections}`,
      );
    }),
  );
  r.post(
    '/web/admin/retailers',
    admin(hub, async (c) => {
      const b = await hub.brands.get(formField(c.req, 'brand') ?? '');
      const title = (formField(c.req, 'title') ?? '').trim().slice(0, 200);
      const name = (formField(c.req, 'name') ?? '').trim().slice(0, 200);
      if (b && title && name) {
        const created = await hub.iys.retailers.add(Number(b.code), { title, name });
        await hub.access.audit({
          actor: c.actor,
          action: 'retailer.add',
          target: String(created.retailerCode),
          details: { brandCode: b.code },
        });
      }
      c.res.redirect(303, '/web/admin/retailers');
    }),
  );

  // ── API keys ─────────────────────────────────────────────────────────────────────────────
  async function keysPage(c: Parameters<Parameters<typeof admin>[1]>[0], created?: string): Promise<void> {
    const { tx } = c;
    const keys = await hub.access.listApiKeys();
    const brands = [...(await hub.brands.all()).values()];
    await c.page(
      tx('API anahtarları', 'API keys'),
      'keys',
      html`<h1>${tx('API anahtarları', 'API keys')}</h1>
${created ? html`<div class="notice" role="status"><p>${tx('Yeni anahtar (yalnızca şimdi gösterilir; saklayın):', 'New key (shown only now; store it):')}</p><p><code id="new-key">${created}</code></p></div>` : ''}
<section class="card"><div class="table-wrap" tabindex="0"><table><thead><tr><th scope="col">${tx('Ad', 'Name')}</th><th scope="col">${tx('Kapsam', 'Scopes')}</th><th scope="col">${tx('Oluşturuldu', 'Created')}</th><th scope="col">${tx('Durum', 'Status')}</th><th scope="col">${tx('İşlem', 'Action')}</th></tr></thead><tbody>
${keys.map((k) => {
  const info = k;
  return html`<tr><td>${info.name}</td><td>${info.scopes.map((s) => `${s.brands === '*' ? '*' : s.brands.join(',')}: ${s.permissions.join(' ')}`).join(' · ')}</td><td>${when(c.locale, info.createdAt)}</td><td>${info.revokedAt ? tx('İptal edildi', 'Revoked') : tx('Etkin', 'Active')}</td>
<td>${info.revokedAt ? '' : html`<form method="post" action="/web/admin/keys/revoke" class="inline">${c.csrf()}<input type="hidden" name="id" value="${info.id}"><button type="submit" class="danger" aria-label="${tx(`İptal et: ${info.name}`, `Revoke: ${info.name}`)}">${tx('İptal et', 'Revoke')}</button></form>`}</td></tr>`;
})}</tbody></table></div></section>
<section class="card"><h2>${tx('Yeni anahtar', 'New key')}</h2><form method="post" action="/web/admin/keys" class="stack">${c.csrf()}
<div><label for="key-name">${tx('Ad', 'Name')}</label><input id="key-name" name="name" type="text" required maxlength="100"></div>
<fieldset><legend>${tx('Markalar', 'Brands')}</legend>${brands.map((b) => html`<div class="check"><input type="checkbox" id="kb-${b.code}" name="brand" value="${b.code}"><label for="kb-${b.code}">${b.name}</label></div>`)}</fieldset>
<fieldset><legend>${tx('Yetkiler', 'Permissions')}</legend>${PERMISSIONS.map((p) => html`<div class="check"><input type="checkbox" id="kp-${p.replace(':', '-')}" name="permission" value="${p}"><label for="kp-${p.replace(':', '-')}">${p}</label></div>`)}</fieldset>
<button type="submit" class="primary">${tx('Oluştur', 'Create')}</button></form></section>`,
    );
  }
  r.get(
    '/web/admin/keys',
    admin(hub, (c) => keysPage(c)),
  );
  r.post(
    '/web/admin/keys',
    admin(hub, async (c) => {
      const name = (formField(c.req, 'name') ?? '').trim().slice(0, 100);
      const all = await hub.brands.all();
      const brands = formFields(c.req, 'brand').filter((b) => all.has(b));
      const permissions = formFields(c.req, 'permission').filter((p): p is Permission =>
        (PERMISSIONS as readonly string[]).includes(p),
      );
      if (!name || brands.length === 0 || permissions.length === 0) {
        c.res.status(400);
        await keysPage(c);
        return;
      }
      const k = await hub.access.createApiKey({
        name,
        createdBy: c.actor,
        scopes: [{ brands, permissions }],
      });
      await hub.access.audit({
        actor: c.actor,
        action: 'api_key.create',
        target: k.info.id,
        details: { brands, permissions },
      });
      await keysPage(c, k.key);
    }),
  );
  r.post(
    '/web/admin/keys/revoke',
    admin(hub, async (c) => {
      const id = formField(c.req, 'id') ?? '';
      if (await hub.access.revokeApiKey(id))
        await hub.access.audit({ actor: c.actor, action: 'api_key.revoke', target: id });
      c.res.redirect(303, '/web/admin/keys');
    }),
  );

  // ── audit log ────────────────────────────────────────────────────────────────────────────
  r.get(
    '/web/admin/audit',
    admin(hub, async (c) => {
      const { tx, locale } = c;
      const before = Number(queryField(c.req, 'before') ?? '');
      const action = (queryField(c.req, 'action') ?? '').trim().slice(0, 100);
      const actor = (queryField(c.req, 'actor') ?? '').trim().slice(0, 200);
      const entries = await hub.access.listAudit({
        limit: PAGE + 1,
        ...(Number.isInteger(before) && before > 0 ? { beforeId: before } : {}),
        ...(action ? { action } : {}),
        ...(actor ? { actor } : {}),
      });
      const shown = entries.slice(0, PAGE);
      const nextQ = new URLSearchParams({
        ...(action ? { action } : {}),
        ...(actor ? { actor } : {}),
        before: String(shown[shown.length - 1]?.id ?? 0),
      });
      await c.page(
        tx('Denetim kaydı', 'Audit log'),
        'audit',
        html`<h1>${tx('Denetim kaydı', 'Audit log')}</h1>
<p>${tx('Her yönetici ve API işlemi, kanıt günlüğüne zincirlenmiş olarak kaydedilir.', 'Every admin and API action is recorded, hash-chained into the evidence log.')}</p>
<form method="get" action="/web/admin/audit" class="filters card"><div><label for="f-action">${tx('İşlem', 'Action')}</label><input id="f-action" name="action" type="search" value="${action}" placeholder="dsr.erase"></div>
<div><label for="f-actor">${tx('Yapan', 'Actor')}</label><input id="f-actor" name="actor" type="search" value="${actor}" placeholder="recipient"></div><button type="submit">${tx('Süz', 'Filter')}</button></form>
<section class="card"><div class="table-wrap" tabindex="0"><table><thead><tr><th scope="col">#</th><th scope="col">${tx('Zaman', 'Time')}</th><th scope="col">${tx('Yapan', 'Actor')}</th><th scope="col">${tx('İşlem', 'Action')}</th><th scope="col">${tx('Hedef', 'Target')}</th><th scope="col">${tx('Kanıt', 'Evidence')}</th><th scope="col">${tx('Zincir', 'Chain')}</th></tr></thead>
<tbody>${shown.map((e) => html`<tr><td>${e.id}</td><td>${when(locale, e.at)}</td><td>${e.actor}</td><td>${e.action}</td><td><code>${e.target ?? '–'}</code></td><td><a href="/web/admin/evidence?id=${e.evidenceId}">#${e.evidenceId}</a></td><td><code>${e.hash ? e.hash.slice(0, 12) : tx('bekliyor', 'pending')}</code></td></tr>`)}</tbody></table></div>
${entries.length > PAGE ? html`<nav class="pager" aria-label="${tx('Sayfalar', 'Pages')}"><a href="/web/admin/audit?${nextQ.toString()}" rel="next">${tx('Daha eski', 'Older')} →</a></nav>` : ''}</section>`,
      );
    }),
  );
  return r;
}
