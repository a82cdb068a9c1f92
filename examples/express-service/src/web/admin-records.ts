/**
 * Admin pages over records: the KVKK application queue (deadlines, "new" badge, advancing,
 * anonymise/delete with a confirmation step), evidence lookup with a "verify" button that runs
 * the offline verifier of `@izinkit/evidence` on a bundle built from the log, and the agreement
 * editor (versions, diffs, new drafts, publish).
 */
import type { AgreementChannel, AgreementKind, AgreementLocale, DocumentKey } from '@izinkit/agreements';
import {
  createEvidenceBundle,
  type EvidenceRecord,
  leafHash,
  noteVerifierFromKey,
  verifyCheckpoint,
  verifyEvidenceBundle,
  verifyInclusion,
} from '@izinkit/evidence';
import type { ApplicationEvent } from '@izinkit/kvkk';
import express from 'express';
import type { Hub } from '../hub.js';
import { admin, pageNumber, pager } from './admin-kit.js';
import { formField, queryField } from './context.js';
import { erasePlanLabel, eraseSubject, erasurePlanFor } from './erasure.js';
import { type Html, html, raw } from './html.js';
import { when } from './parts.js';
import { applicationStatusLabel, kindLabel } from './portal.js';

const PAGE = 25;

/** `/web/admin/applications/**`, `/web/admin/evidence`, `/web/admin/agreements/**`. */
export function adminRecordsRouter(hub: Hub): express.Router {
  const r = express.Router();

  // ── KVKK applications ───────────────────────────────────────────────────────────────────
  r.get(
    '/web/admin/applications',
    admin(hub, async (c) => {
      const { tx, locale } = c;
      const page = pageNumber(c.req);
      const open = queryField(c.req, 'all') !== '1';
      const list = await hub.applications.list({ open, limit: PAGE + 1, offset: (page - 1) * PAGE });
      const counts = await hub.applications.counts(hub.now());
      const now = hub.now().getTime();
      await c.page(
        tx('KVKK başvuruları', 'KVKK applications'),
        'applications',
        html`<h1>${tx('KVKK başvuruları', 'KVKK applications')}</h1>
<p>${tx(`Açık: ${counts.open} · Yeni: ${counts.unseen} · Süresi geçmiş: ${counts.overdue}. Başvurular en geç 30 gün içinde yanıtlanır (KVKK m.13).`, `Open: ${counts.open} · New: ${counts.unseen} · Overdue: ${counts.overdue}. Applications are answered within 30 days (KVKK art. 13).`)}</p>
<nav class="filters" aria-label="${tx('Süzgeç', 'Filter')}"><a href="/web/admin/applications"${open ? raw(' aria-current="page"') : ''}>${tx('Açık olanlar (son güne göre)', 'Open (by deadline)')}</a><a href="/web/admin/applications?all=1"${open ? '' : raw(' aria-current="page"')}>${tx('Tümü (yeniden eskiye)', 'All (newest first)')}</a></nav>
<section class="card"><div class="table-wrap" tabindex="0"><table><thead><tr><th scope="col">${tx('Başvuru', 'Application')}</th><th scope="col">${tx('Talepler', 'Requests')}</th><th scope="col">${tx('Durum', 'Status')}</th><th scope="col">${tx('Alındı', 'Received')}</th><th scope="col">${tx('Son gün', 'Deadline')}</th></tr></thead>
<tbody>${list.slice(0, PAGE).map((a) => {
          const left = Math.ceil((new Date(a.state.deadlineAt).getTime() - now) / 86_400_000);
          const closed = a.state.closedAt !== null;
          return html`<tr><td><a href="/web/admin/applications/${encodeURIComponent(a.state.id)}">${a.state.id}</a>${a.seenAt === null ? html` <span class="badge">${tx('yeni', 'new')}</span>` : ''}</td><td>${a.state.kinds.map((k) => kindLabel(locale, k)).join(', ')}</td><td>${applicationStatusLabel(locale, a.state.status)}</td><td>${when(locale, a.state.receivedAt)}</td>
<td class="${closed ? '' : left < 0 ? 'bad' : left <= 5 ? 'warn' : ''}">${when(locale, a.state.deadlineAt)}${closed ? '' : html` (${left < 0 ? tx(`${-left} gün geçti`, `${-left} days overdue`) : tx(`${left} gün kaldı`, `${left} days left`)})`}</td></tr>`;
        })}</tbody></table></div>${pager(c.req, tx, page, list.length > PAGE)}</section>`,
      );
    }),
  );

  r.get(
    '/web/admin/applications/:id',
    admin(hub, async (c) => {
      const { tx, locale } = c;
      const a = await hub.applications.get(String(c.req.params.id));
      if (!a) {
        c.res.status(404);
        await c.page(
          tx('Bulunamadı', 'Not found'),
          'applications',
          html`<p class="error">${tx('Böyle bir başvuru yok.', 'No such application.')}</p>`,
        );
        return;
      }
      if (a.seenAt === null) await hub.applications.markSeen(a.state.id);
      const events = await hub.applications.events(a.state.id);
      const erased = await hub.db
        .query<{ evidence_id: number | null; erased_at: Date }>(
          'select evidence_id, erased_at from web_erasures where application_id = $1',
          [a.state.id],
        )
        .catch(() => ({ rows: [] as { evidence_id: number | null; erased_at: Date }[] }));
      const er = erased.rows[0];
      const closed = a.state.closedAt !== null;
      const action = (type: string, label: string, extra: Html = html``): Html =>
        html`<form method="post" action="/web/admin/applications/${encodeURIComponent(a.state.id)}/event" class="inline">${c.csrf()}<input type="hidden" name="type" value="${type}">${extra}<button type="submit">${label}</button></form> `;
      await c.page(
        a.state.id,
        'applications',
        html`<h1>${tx('Başvuru', 'Application')} ${a.state.id}</h1>
<section class="card"><dl>
<dt>${tx('Talepler', 'Requests')}</dt><dd>${a.state.kinds.map((k) => kindLabel(locale, k)).join(', ')}</dd>
<dt>${tx('Durum', 'Status')}</dt><dd data-app-status>${applicationStatusLabel(locale, a.state.status)}</dd>
<dt>${tx('Alındı', 'Received')}</dt><dd>${when(locale, a.state.receivedAt)}</dd>
<dt>${tx('Yanıt için son gün', 'Answer due by')}</dt><dd>${when(locale, a.state.deadlineAt)}</dd>
</dl>
${closed ? '' : html`<p>${action('verify_identity', tx('Kimlik doğrulandı', 'Identity verified'), html`<input type="hidden" name="method" value="portal-otp">`)}${action('start_processing', tx('İşleme al', 'Start processing'))}</p>`}
</section>
${
  a.state.kinds.includes('erasure')
    ? html`<section class="card"><h2>${tx('Silme / anonimleştirme', 'Erase / anonymise')}</h2>${
        er
          ? html`<p class="ok">${tx('Veriler silindi', 'Data erased')}: ${when(locale, er.erased_at)} · <a href="/web/admin/evidence?id=${er.evidence_id ?? ''}">${tx('imha kaydı', 'destruction record')} #${er.evidence_id}</a></p>`
          : a.subjectHash
            ? html`<p><a class="button danger" href="/web/admin/applications/${encodeURIComponent(a.state.id)}/erase">${tx('Silme planını gör ve uygula…', 'Review and carry out the erasure…')}</a></p>`
            : html`<p>${tx('Başvuru bir kişiye bağlı değil.', 'The application is not linked to a person.')}</p>`
      }</section>`
    : ''
}
<section class="card"><h2>${tx('Olaylar', 'Events')}</h2><ol>${events.map((e) => html`<li>${when(locale, e.recordedAt)} · ${e.type}</li>`)}</ol></section>`,
      );
    }),
  );

  r.post(
    '/web/admin/applications/:id/event',
    admin(hub, async (c) => {
      const id = String(c.req.params.id);
      const type = formField(c.req, 'type');
      const at = hub.now();
      const event: ApplicationEvent | null =
        type === 'verify_identity'
          ? { type, at, method: (formField(c.req, 'method') ?? 'manual').slice(0, 100) }
          : type === 'start_processing'
            ? { type, at, assignee: c.session.user.username }
            : null;
      if (event) {
        const r2 = await hub.applications.apply(id, event);
        if (r2.ok) await hub.access.audit({ actor: c.actor, action: `dsr.${type}`, target: id });
      }
      c.res.redirect(303, `/web/admin/applications/${encodeURIComponent(id)}`);
    }),
  );

  r.get(
    '/web/admin/applications/:id/erase',
    admin(hub, async (c) => {
      const { tx, locale } = c;
      const a = await hub.applications.get(String(c.req.params.id));
      const planned = a ? await erasurePlanFor(hub, a) : null;
      if (!a || !planned) {
        c.res.status(404);
        await c.page(
          tx('Bulunamadı', 'Not found'),
          'applications',
          html`<p class="error">${tx('Silinecek kişi yok.', 'Nobody to erase.')}</p>`,
        );
        return;
      }
      const { plan, inventory } = planned;
      await c.page(
        tx('Silme onayı', 'Confirm erasure'),
        'applications',
        html`<h1>${tx('Silme onayı', 'Confirm erasure')} – ${a.state.id}</h1>
<section class="card"><p>${tx('Bu işlem geri alınamaz. Kişi artık portala giriş yapamaz.', 'This cannot be undone. The person can no longer sign in to the portal.')}</p>
<div class="table-wrap" tabindex="0"><table><thead><tr><th scope="col">${tx('Veri', 'Data')}</th><th scope="col" class="num">${tx('Adet', 'Count')}</th><th scope="col">${tx('Karar', 'Decision')}</th><th scope="col">${tx('Gerekçe', 'Reason')}</th></tr></thead><tbody>
${plan.decisions.map((d) => html`<tr><td>${erasePlanLabel(locale, d.path)}</td><td class="num">${inventory[pathCount(d.path)]}</td><td class="${d.action === 'keep' ? 'warn' : 'bad'}">${d.action}${d.keepUntil ? html` (${tx('şu tarihe kadar', 'until')} ${when(locale, d.keepUntil)})` : ''}</td><td>${d.reason[locale]}</td></tr>`)}
</tbody></table></div>
<form method="post" action="/web/admin/applications/${encodeURIComponent(a.state.id)}/erase" class="stack">${c.csrf()}
<div class="check"><input type="checkbox" id="confirm" name="confirm" value="yes" required><label for="confirm">${tx('Planı okudum; silmeyi onaylıyorum.', 'I have read the plan and confirm the erasure.')}</label></div>
<button type="submit" class="danger">${tx('Sil ve anonimleştir', 'Erase and anonymise')}</button> <a href="/web/admin/applications/${encodeURIComponent(a.state.id)}">${tx('Vazgeç', 'Cancel')}</a></form></section>`,
      );
    }),
  );

  r.post(
    '/web/admin/applications/:id/erase',
    admin(hub, async (c) => {
      const id = String(c.req.params.id);
      const a = await hub.applications.get(id);
      if (a && formField(c.req, 'confirm') === 'yes') await eraseSubject(hub, a, c.actor);
      c.res.redirect(303, `/web/admin/applications/${encodeURIComponent(id)}`);
    }),
  );

  // ── evidence ─────────────────────────────────────────────────────────────────────────────
  r.get(
    '/web/admin/evidence',
    admin(hub, async (c) => {
      const { tx, locale } = c;
      const id = Number(queryField(c.req, 'id') ?? '');
      const kind = (queryField(c.req, 'kind') ?? '').trim().slice(0, 50);
      const before = Number(queryField(c.req, 'before') ?? '');
      const head = await hub.evidence.head();
      let detail: Html = html``;
      if (Number.isInteger(id) && id > 0) {
        const e = await hub.evidence.entry(id);
        detail = e
          ? html`<section class="card" aria-labelledby="entry-h"><h2 id="entry-h">${tx('Kayıt', 'Entry')} #${e.id} · ${e.kind}</h2>
<p class="meta">${when(locale, e.createdAt)} · ${e.leafIndex === null ? tx('günlüğe eklenmeyi bekliyor', 'waiting to join the log') : tx(`günlük sırası ${e.leafIndex}`, `log index ${e.leafIndex}`)}${e.ref ? html` · ${e.ref}` : ''}</p>
<div class="agreement" tabindex="0" role="region" aria-label="${tx('Kayıt içeriği', 'Entry content')}"><pre>${JSON.stringify(JSON.parse(e.canonical), null, 2)}</pre></div>
<form method="post" action="/web/admin/evidence/verify">${c.csrf()}<input type="hidden" name="id" value="${e.id}"><button type="submit" class="primary">${tx('Doğrula (çevrimdışı doğrulayıcı)', 'Verify (offline verifier)')}</button></form></section>`
          : html`<p class="error" role="alert">${tx('Böyle bir kayıt yok.', 'No such entry.')}</p>`;
      }
      const entries = await hub.evidence.entries({
        limit: PAGE + 1,
        ...(kind ? { kind } : {}),
        ...(Number.isInteger(before) && before > 0 ? { beforeId: before } : {}),
      });
      const shown = entries.slice(0, PAGE);
      await c.page(
        tx('Kanıt', 'Evidence'),
        'evidence',
        html`<h1>${tx('Kanıt günlüğü', 'Evidence log')}</h1>
<p>${tx(`Günlükte ${head.size} kayıt var (RFC 9162 Merkle ağacı, imzalı kontrol noktaları).`, `The log holds ${head.size} entries (RFC 9162 Merkle tree, signed checkpoints).`)}</p>
<form method="get" action="/web/admin/evidence" class="filters card"><div><label for="ev-id">${tx('Kayıt numarası', 'Entry number')}</label><input id="ev-id" name="id" type="text" inputmode="numeric" value="${Number.isInteger(id) && id > 0 ? String(id) : ''}"></div>
<div><label for="ev-kind">${tx('Tür', 'Kind')}</label><select id="ev-kind" name="kind"><option value="">${tx('Tümü', 'All')}</option>${['consent_evidence', 'consent_decision', 'audit', 'destruction', 'dsr'].map((k) => html`<option value="${k}"${k === kind ? raw(' selected') : ''}>${k}</option>`)}</select></div>
<button type="submit">${tx('Bul', 'Find')}</button></form>
${detail}
<section class="card"><div class="table-wrap" tabindex="0"><table><thead><tr><th scope="col">#</th><th scope="col">${tx('Tür', 'Kind')}</th><th scope="col">${tx('Zaman', 'Time')}</th><th scope="col">${tx('Sıra', 'Index')}</th><th scope="col">${tx('Bağlam', 'Ref')}</th></tr></thead>
<tbody>${shown.map((e) => html`<tr><td><a href="/web/admin/evidence?id=${e.id}">#${e.id}</a></td><td>${e.kind}</td><td>${when(locale, e.createdAt)}</td><td>${e.leafIndex ?? '–'}</td><td><code>${e.ref ?? '–'}</code></td></tr>`)}</tbody></table></div>
${entries.length > PAGE ? html`<nav class="pager" aria-label="${tx('Sayfalar', 'Pages')}"><a href="/web/admin/evidence?${new URLSearchParams({ ...(kind ? { kind } : {}), before: String(shown[shown.length - 1]?.id ?? 0) }).toString()}" rel="next">${tx('Daha eski', 'Older')} →</a></nav>` : ''}</section>`,
      );
    }),
  );

  r.post(
    '/web/admin/evidence/verify',
    admin(hub, async (c) => {
      const { tx, locale } = c;
      const id = Number(formField(c.req, 'id') ?? '');
      const e = Number.isInteger(id) && id > 0 ? await hub.evidence.entry(id) : null;
      let body: Html;
      if (!e || e.leafIndex === null) {
        body = html`<p class="error" role="alert">${tx('Kayıt henüz günlükte değil; birkaç saniye sonra yeniden deneyin.', 'The entry is not in the log yet; retry in a few seconds.')}</p>`;
      } else {
        const cp = await hub.evidence.checkpoint();
        const proof = await hub.evidence.inclusionProof(e.id, cp.treeSize);
        const tr = locale === 'tr';
        let ok: boolean;
        let lines: Html;
        let bundle: unknown;
        if (e.kind === 'consent_evidence') {
          // A proof-of-consent record: the full bundle check of the offline verifier.
          bundle = createEvidenceBundle({
            record: JSON.parse(e.canonical) as EvidenceRecord,
            leafIndex: proof.leafIndex,
            inclusionProof: proof.proof,
            checkpoint: cp.note,
            logKey: hub.secrets.verifierKey,
          });
          const report = await verifyEvidenceBundle(bundle, {
            logKeys: [hub.secrets.verifierKey],
            origin: hub.secrets.origin,
          });
          ok = report.ok;
          lines = html`<ul>${report.checks.map((k) => html`<li><span class="${k.status === 'pass' ? 'ok' : k.status === 'fail' ? 'bad' : 'meta'}">${k.status}</span> ${k.id}: ${tr ? k.messageTr : k.message}</li>`)}</ul>
${(tr ? report.provedTr : report.proved).length ? html`<h2>${tx('Kanıtlanan', 'Proved')}</h2><ul>${(tr ? report.provedTr : report.proved).map((p) => html`<li>${p}</li>`)}</ul>` : ''}
${(tr ? report.caveatsTr : report.caveats).length ? html`<h2>${tx('Sınırlar', 'Caveats')}</h2><ul>${(tr ? report.caveatsTr : report.caveats).map((p) => html`<li>${p}</li>`)}</ul>` : ''}`;
        } else {
          // Any other entry (audit, destruction record …): the same two checks with the
          // verifier's primitives — the signed checkpoint, and the entry's inclusion under it.
          const key = noteVerifierFromKey(hub.secrets.verifierKey);
          const checked = key.ok
            ? verifyCheckpoint(cp.note, [key.value], { origin: hub.secrets.origin })
            : null;
          const cpOk = checked?.ok === true;
          const included =
            checked?.ok === true &&
            verifyInclusion(
              leafHash(new TextEncoder().encode(e.canonical)),
              proof.leafIndex,
              checked.value.size,
              proof.proof,
              checked.value.rootHash,
            );
          ok = cpOk && included;
          bundle = {
            format: 'izinkit.log-entry-proof/1',
            canonical: e.canonical,
            leafIndex: proof.leafIndex,
            inclusionProof: proof.proof.map((b) => Buffer.from(b).toString('base64')),
            checkpoint: cp.note,
            logKey: hub.secrets.verifierKey,
          };
          lines = html`<ul><li><span class="${cpOk ? 'ok' : 'bad'}">${cpOk ? 'pass' : 'fail'}</span> checkpoint: ${cpOk ? tx(`kontrol noktası ${hub.secrets.origin} anahtarıyla imzalı (ağaç boyutu ${cp.treeSize})`, `checkpoint signed by the ${hub.secrets.origin} key (tree size ${cp.treeSize})`) : tx('imza doğrulanamadı', 'signature did not verify')}</li>
<li><span class="${included ? 'ok' : 'bad'}">${included ? 'pass' : 'fail'}</span> inclusion: ${included ? tx(`kayıt ${proof.leafIndex}. sırada, ağaçta`, `the entry is leaf ${proof.leafIndex} of the tree`) : tx('kayıt ağaçta doğrulanamadı', 'the entry did not verify in the tree')}</li></ul>`;
        }
        await hub.access.audit({
          actor: c.actor,
          action: 'evidence.verify',
          target: String(e.id),
          details: { ok },
        });
        body = html`<p class="${ok ? 'ok' : 'bad'}" role="status" id="verify-result">${ok ? tx('Doğrulandı', 'Verified') : tx('Doğrulanamadı', 'Not verified')}</p>
${lines}
<p><a href="data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(bundle))}" download="evidence-${e.id}.json">${tx('Kanıt paketini indir (JSON)', 'Download the evidence bundle (JSON)')}</a></p>`;
      }
      await c.page(
        tx('Kanıt doğrulama', 'Evidence verification'),
        'evidence',
        html`<h1>${tx('Kanıt doğrulama', 'Evidence verification')} #${Number.isInteger(id) ? id : ''}</h1><section class="card">${body}<p><a href="/web/admin/evidence?id=${Number.isInteger(id) ? id : ''}">${tx('Kayda dön', 'Back to the entry')}</a></p></section>`,
      );
    }),
  );

  // ── agreements ───────────────────────────────────────────────────────────────────────────
  const docPath = (d: DocumentKey): string =>
    `/web/admin/agreements/${d.brand}/${d.kind}/${d.channel}/${d.locale}`;
  const docOf = (p: Record<string, string | undefined>): DocumentKey | null => {
    const { brand, kind, channel, locale } = p;
    if (!brand || !/^[0-9]{1,12}$/.test(brand)) return null;
    if (
      !kind ||
      !/^[A-Z_]{3,40}$/.test(kind) ||
      !channel ||
      !/^[A-Z]{3,10}$/.test(channel) ||
      (locale !== 'tr' && locale !== 'en')
    )
      return null;
    return {
      brand,
      kind: kind as AgreementKind,
      channel: channel as AgreementChannel,
      locale: locale as AgreementLocale,
    };
  };

  r.get(
    '/web/admin/agreements',
    admin(hub, async (c) => {
      const { tx } = c;
      const docs = await hub.agreements.documents();
      const rows: Html[] = [];
      for (const d of docs) {
        const h = await hub.agreements.history(d);
        const current = h.versions.find((v) => v.status === 'published');
        const drafts = h.versions.filter((v) => v.status === 'draft').length;
        rows.push(
          html`<tr><td><a href="${docPath(d)}">${d.kind}</a></td><td>${d.brand}</td><td>${d.channel}</td><td>${d.locale}</td><td>${current ? `r${current.revision}` : '–'}</td><td class="num">${h.versions.length}</td><td class="num">${drafts}</td></tr>`,
        );
      }
      await c.page(
        tx('Metinler', 'Agreements'),
        'agreements',
        html`<h1>${tx('Onay ve aydınlatma metinleri', 'Consent and notice texts')}</h1><section class="card"><div class="table-wrap" tabindex="0"><table><thead><tr><th scope="col">${tx('Tür', 'Kind')}</th><th scope="col">${tx('Marka', 'Brand')}</th><th scope="col">${tx('Kanal', 'Channel')}</th><th scope="col">${tx('Dil', 'Language')}</th><th scope="col">${tx('Yürürlükte', 'In force')}</th><th scope="col" class="num">${tx('Sürüm', 'Versions')}</th><th scope="col" class="num">${tx('Taslak', 'Drafts')}</th></tr></thead><tbody>${rows}</tbody></table></div></section>`,
      );
    }),
  );

  r.get(
    '/web/admin/agreements/:brand/:kind/:channel/:locale',
    admin(hub, async (c) => {
      const { tx, locale } = c;
      const d = docOf(c.req.params as Record<string, string>);
      if (!d) {
        c.res.status(404);
        await c.page(
          tx('Bulunamadı', 'Not found'),
          'agreements',
          html`<p class="error">${tx('Böyle bir belge yok.', 'No such document.')}</p>`,
        );
        return;
      }
      const h = await hub.agreements.history(d);
      const versions = [...h.versions].sort((a, b) => b.revision - a.revision);
      const current = versions.find((v) => v.status === 'published');
      const from = queryField(c.req, 'from');
      const to = queryField(c.req, 'to');
      let diff: Html = html``;
      if (from && to) {
        const dr = await hub.agreements.diff(d, from, to);
        diff = dr.ok
          ? html`<section class="card"><h2>${tx('Fark', 'Diff')} (+${dr.value.stats.inserted} / −${dr.value.stats.deleted})</h2><div class="diff" tabindex="0" role="region" aria-label="${tx('Fark', 'Diff')}">${dr.value.unified.split('\n').map((l) => html`<span class="${l.startsWith('+') ? 'add' : l.startsWith('-') ? 'del' : ''}">${l}\n</span>`)}</div></section>`
          : html`<p class="error" role="alert">${dr.error.messages[locale]}</p>`;
      }
      const flash = queryField(c.req, 'error');
      await c.page(
        `${d.kind} ${d.brand}`,
        'agreements',
        html`<h1>${d.kind} · ${d.brand} · ${d.channel} · ${d.locale}</h1>
${flash ? html`<p class="error" role="alert">${flash.slice(0, 500)}</p>` : ''}
<section class="card"><div class="table-wrap" tabindex="0"><table><thead><tr><th scope="col">${tx('Sürüm', 'Revision')}</th><th scope="col">${tx('Durum', 'Status')}</th><th scope="col">${tx('Not', 'Note')}</th><th scope="col">${tx('Yayım', 'Published')}</th><th scope="col">${tx('Esaslı', 'Material')}</th><th scope="col">${tx('İşlem', 'Action')}</th></tr></thead><tbody>
${versions.map(
  (
    v,
  ) => html`<tr><td>r${v.revision} <code>${v.id.slice(0, 10)}</code></td><td>${v.status}</td><td>${v.changeNote}</td><td>${when(locale, v.publishedAt)}</td><td>${v.material ? tx('evet', 'yes') : tx('hayır', 'no')}</td>
<td>${current && current.id !== v.id ? html`<a href="${docPath(d)}?from=${current.id}&amp;to=${v.id}">${tx('yürürlüktekiyle karşılaştır', 'diff with the one in force')}</a> ` : ''}${
    v.status === 'draft'
      ? html`<form method="post" action="${docPath(d)}/publish" class="inline">${c.csrf()}<input type="hidden" name="id" value="${v.id}"><button type="submit" class="primary">${tx('Yayımla', 'Publish')}</button></form>`
      : ''
  }</td></tr>`,
)}</tbody></table></div></section>
${diff}
<section class="card"><h2>${tx('Yeni taslak', 'New draft')}</h2><form method="post" action="${docPath(d)}/draft" class="stack">${c.csrf()}
<div><label for="text">${tx('Metin (şablon; {{brandName}}, {{mersis}} gibi alanlar)', 'Text (template; fields such as {{brandName}}, {{mersis}})')}</label><textarea id="text" name="text" required maxlength="100000">${current?.text ?? ''}</textarea></div>
<div><label for="note">${tx('Değişiklik notu', 'Change note')}</label><input id="note" name="note" type="text" required maxlength="500"></div>
<div class="check"><input type="checkbox" id="material" name="material" value="1"><label for="material">${tx('Esaslı değişiklik (yeniden onay gerekir)', 'Material change (re-consent needed)')}</label></div>
<button type="submit">${tx('Taslağı kaydet', 'Save draft')}</button></form></section>`,
      );
    }),
  );

  r.post(
    '/web/admin/agreements/:brand/:kind/:channel/:locale/draft',
    admin(hub, async (c) => {
      const d = docOf(c.req.params as Record<string, string>);
      if (!d) {
        c.res.redirect(303, '/web/admin/agreements');
        return;
      }
      const res = await hub.agreements.createDraft({
        document: d,
        text: (formField(c.req, 'text') ?? '').replace(/\r\n/g, '\n'),
        author: c.actor,
        changeNote: (formField(c.req, 'note') ?? '').slice(0, 500),
        material: formField(c.req, 'material') === '1',
      });
      if (res.ok)
        await hub.access.audit({
          actor: c.actor,
          action: 'agreement.draft',
          target: res.value.id,
          details: { ...d },
        });
      c.res.redirect(
        303,
        res.ok ? docPath(d) : `${docPath(d)}?error=${encodeURIComponent(res.error.messages[c.locale])}`,
      );
    }),
  );

  r.post(
    '/web/admin/agreements/:brand/:kind/:channel/:locale/publish',
    admin(hub, async (c) => {
      const d = docOf(c.req.params as Record<string, string>);
      if (!d) {
        c.res.redirect(303, '/web/admin/agreements');
        return;
      }
      const res = await hub.agreements.publish(d, { id: formField(c.req, 'id') ?? '', by: c.actor });
      if (res.ok) {
        hub.texts.clear();
        await hub.access.audit({
          actor: c.actor,
          action: 'agreement.publish',
          target: res.value.id,
          details: { ...d },
        });
      }
      c.res.redirect(
        303,
        res.ok ? docPath(d) : `${docPath(d)}?error=${encodeURIComponent(res.error.messages[c.locale])}`,
      );
    }),
  );
  return r;
}

function pathCount(path: string): 'consents' | 'optinRequests' | 'messages' | 'portalCodes' {
  return path === 'consents'
    ? 'consents'
    : path === 'optin_requests'
      ? 'optinRequests'
      : path === 'dev_outbox'
        ? 'messages'
        : 'portalCodes';
}
