/**
 * The API over real HTTP, on PGlite and (when TEST_DATABASE_URL is set) the PostgreSQL server:
 * a consent from POST to its registration in the simulator, history with evidence, what is
 * missing, imports, double opt-in with lockout, agreements, evidence bundles, KVKK applications,
 * reports, QR codes, API keys, problem+json errors and masked logs.
 */
import { verifyEvidenceBundle } from '@izinkit/evidence';
import { databaseFixtures } from '@izinkit/test-utils/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, FULL_KEY, startTestService, type TestService } from './helpers.js';

const consent = (over: Record<string, unknown> = {}) => ({
  recipient: '0532 123 45 67',
  recipientType: 'BIREYSEL',
  type: 'MESAJ',
  status: 'ONAY',
  source: 'HS_WEB',
  consentDate: new Date(Date.now() - 3_600_000).toISOString(),
  ...over,
});

describe.each(databaseFixtures())('API on $name', (fixture) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(fixture);
  }, 180_000);
  afterAll(async () => {
    await svc?.dispose();
  }, 60_000);

  it('records a consent with İYS field names, answers its deadline, and registers it in the simulator', async () => {
    const r = await svc.call('/v1/brands/600000/consents', { method: 'POST', json: consent() });
    expect(r.status).toBe(201);
    const body = (await r.json()) as {
      outcome: string;
      evidenceId: number;
      consent: { recipient: string; iysDeadlineAt: string; status: string };
    };
    expect(body.outcome).toBe('applied');
    expect(body.consent.recipient).toBe('+905321234567');
    expect(body.consent.status).toBe('ONAY');
    expect(body.consent.iysDeadlineAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(body.evidenceId).toBeGreaterThan(0);
    // Any form identity accepts finds it.
    const view = await eventually(async () => {
      const s = await svc.call(
        `/v1/brands/600000/consents?recipient=${encodeURIComponent('+90 (532) 123-4567')}`,
      );
      const v = (await s.json()) as {
        channels: { type: string; iys: { status: string } | null }[];
        sendable: string[];
      };
      return v.channels[0]?.iys?.status === 'ONAY' ? v : null;
    });
    expect(view.sendable).toEqual(['MESAJ']);
    const sim = svc.hub.simulator!.consents(600000);
    expect(
      sim.some((c) => c.recipient === '+905321234567' && c.type === 'MESAJ' && c.status === 'ONAY'),
    ).toBe(true);
    // The same decision again is a no-op (İYS H174), answered 200.
    const again = await svc.call('/v1/brands/600000/consents', {
      method: 'POST',
      json: consent({ decisionId: 'dup-1' }),
    });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { outcome: string }).outcome).toBe('ignored');
  });

  it('refuses İYS-invalid decisions with 422 and the H-code', async () => {
    const r = await svc.call('/v1/brands/600000/consents', {
      method: 'POST',
      json: consent({ recipient: 'yeni@example.com', type: 'EPOSTA', status: 'RET' }),
    });
    expect(r.status).toBe(422);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const p = (await r.json()) as { code: string; iysCode: string };
    expect(p.iysCode).toBe('H175');
  });

  it('names the invalid field in a 400 problem, in the caller’s language', async () => {
    const r = await svc.call('/v1/brands/600000/consents', {
      method: 'POST',
      json: consent({ consentDate: 'dün' }),
      headers: { 'accept-language': 'en' },
    });
    expect(r.status).toBe(400);
    const p = (await r.json()) as { errors: { field: string; in: string }[]; title: string };
    expect(p.errors[0]).toMatchObject({ in: 'body', field: 'consentDate' });
    expect(p.title).toBe('Invalid request');
    const bad = await svc.call('/v1/brands/600000/consents?recipient=not-a-phone');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('recipient');
    const junk = await fetch(`${svc.url}/v1/brands/600000/consents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${FULL_KEY}`, 'content-type': 'application/json' },
      body: '{"recipient":',
    });
    expect(junk.status).toBe(400);
    expect(((await junk.json()) as { code: string }).code).toBe('malformed_json');
    const big = await svc.call('/v1/brands/600000/consents', {
      method: 'POST',
      json: consent({ evidence: { notes: 'x'.repeat(2_000_000) } }),
    });
    expect(big.status).toBe(413);
  });

  it('keeps history with evidence and says what is missing', async () => {
    const h = await svc.call(
      '/v1/brands/600000/consents/history?recipient=05321234567&recipientType=BIREYSEL&type=MESAJ',
    );
    expect(h.status).toBe(200);
    const hist = (await h.json()) as {
      events: { type: string; evidence: { kind: string; record: { decision: { status: string } } } | null }[];
    };
    const first = hist.events.find((e) => e.type === 'DECISION_RECORDED')!;
    expect(first.evidence?.kind).toBe('consent_evidence');
    expect(first.evidence?.record.decision.status).toBe('ONAY');
    const m = await svc.call(
      '/v1/brands/600000/consents/missing?recipient=05321234567&recipient=ayse@example.com',
    );
    const missing = ((await m.json()) as { missing: { type: string; recipient: string }[] }).missing;
    expect(missing.map((x) => `${x.recipient}/${x.type}`).sort()).toEqual([
      '+905321234567/ARAMA',
      'ayse@example.com/EPOSTA',
    ]);
  });

  it('imports NDJSON and CSV with one result per row, and resumes without duplicates', async () => {
    const rows = [
      consent({ recipient: '05551110001' }),
      consent({ recipient: '05551110002', type: 'ARAMA' }),
      { ...consent({ recipient: '05551110003' }), status: 'BELKI' },
      consent({ recipient: 'bad' }),
      consent({ recipient: 'import@example.com', type: 'EPOSTA', status: 'RET' }),
    ];
    const r = await svc.call('/v1/brands/600000/consents/import?importId=imp-test-0001', {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: `${rows.map((x) => JSON.stringify(x)).join('\n')}\n{not json\n`,
    });
    expect(r.status).toBe(200);
    const lines = (await r.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const results = lines.filter((l) => 'row' in l);
    expect(results.map((l) => l.status)).toEqual([
      'committed',
      'committed',
      'invalid',
      'invalid',
      'rejected',
      'invalid',
    ]);
    expect(results[2]!.field).toBe('status');
    expect(lines.at(-1)).toMatchObject({
      summary: { rows: 6, committed: 2, invalid: 3, rejected: 1, complete: true },
    });
    // Resuming the same import: every row already has its result.
    const again = await svc.call('/v1/brands/600000/consents/import?importId=imp-test-0001', {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: rows.map((x) => JSON.stringify(x)).join('\n'),
    });
    const againLines = (await again.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { status?: string });
    expect(againLines.filter((l) => l.status).every((l) => l.status === 'skipped')).toBe(true);
    const st = await svc.call('/v1/brands/600000/consents/imports/imp-test-0001');
    expect(((await st.json()) as { counts: Record<string, number> }).counts).toEqual({
      committed: 2,
      invalid: 3,
      rejected: 1,
    });
    // CSV with Turkish-style semicolons and quotes.
    const csv =
      'recipient;recipientType;type;status;source;consentDate\n"0555 111 00 09";BIREYSEL;MESAJ;ONAY;HS_FIZIKSEL_ORTAM;2026-03-01 10:00:00\n';
    const c = await svc.call('/v1/brands/600000/consents/import', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    const cl = (await c.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { status?: string });
    expect(cl[0]!.status).toBe('committed');
  });

  it('runs a double opt-in by code: wrong codes count down, then lock; a right code records ONAY', async () => {
    const start = await svc.call('/v1/brands/600000/optin', {
      method: 'POST',
      json: { recipient: '0533 000 00 01', method: 'code', source: 'HS_WEB', channels: ['MESAJ'] },
    });
    expect(start.status).toBe(201);
    const { optinId } = (await start.json()) as { optinId: string };
    const msg = await eventually(async () => {
      const o = await svc.call('/v1/dev/outbox?recipient=05330000001');
      const list = ((await o.json()) as { messages: { body: string; purpose: string }[] }).messages;
      return list.find((m) => m.purpose === 'verification_code');
    });
    expect(msg.body).toContain('MERSİS: 0720106477000001');
    expect(msg.body).toContain('RET ORNEK');
    const code = /(\d{6})/.exec(msg.body)![1]!;
    const wrong = code === '000000' ? '111111' : '000000';
    const w = await svc.call(`/v1/brands/600000/optin/${optinId}/verify`, {
      method: 'POST',
      json: { code: wrong },
    });
    expect(w.status).toBe(422);
    expect(((await w.json()) as { attemptsLeft: number }).attemptsLeft).toBe(4);
    const ok = await svc.call(`/v1/brands/600000/optin/${optinId}/verify`, {
      method: 'POST',
      json: { code },
    });
    expect(ok.status).toBe(200);
    const person = ((await ok.json()) as { person: { channels: { status: string }[] } }).person;
    expect(person.channels[0]!.status).toBe('ONAY');

    // A second request, five wrong codes: locked (423), and the right code no longer works.
    const s2 = await svc.call('/v1/brands/600000/optin', {
      method: 'POST',
      json: { recipient: '0533 000 00 02', method: 'code', source: 'HS_WEB', channels: ['MESAJ'] },
    });
    const id2 = ((await s2.json()) as { optinId: string }).optinId;
    const m2 = await eventually(async () => {
      const o = await svc.call('/v1/dev/outbox?recipient=05330000002');
      return ((await o.json()) as { messages: { body: string; purpose: string }[] }).messages.find(
        (m) => m.purpose === 'verification_code',
      );
    });
    const code2 = /(\d{6})/.exec(m2.body)![1]!;
    const wrong2 = code2 === '999999' ? '888888' : '999999';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await svc.call(`/v1/brands/600000/optin/${id2}/verify`, { method: 'POST', json: { code: wrong2 } }))
          .status,
      );
    expect(statuses).toEqual([422, 422, 422, 422, 423]);
    expect(
      (await svc.call(`/v1/brands/600000/optin/${id2}/verify`, { method: 'POST', json: { code: code2 } }))
        .status,
    ).toBe(423);
  });

  it('publishes agreement versions and diffs them', async () => {
    const list = await svc.call('/v1/brands/600000/agreements');
    const docs = (
      (await list.json()) as {
        documents: {
          kind: string;
          channel: string;
          locale: string;
          inForce: { id: string; text: string } | null;
        }[];
      }
    ).documents;
    const etk = docs.find((d) => d.kind === 'ETK_CONSENT' && d.locale === 'tr')!;
    expect(etk.inForce).not.toBeNull();
    const pub = await svc.call(`/v1/brands/600000/agreements/ETK_CONSENT/${etk.channel}/tr`, {
      method: 'POST',
      json: {
        text: `${etk.inForce!.text}\nEk bilgi: kampanyalar ayda en çok dört kez gönderilir.`,
        changeNote: 'sıklık bilgisi',
        material: false,
      },
    });
    expect(pub.status).toBe(201);
    const v2 = (await pub.json()) as { id: string };
    const d = await svc.call(
      `/v1/brands/600000/agreements/ETK_CONSENT/${etk.channel}/tr/diff?from=${etk.inForce!.id}&to=${v2.id}`,
    );
    expect(d.status).toBe(200);
    expect(((await d.json()) as { unified: string }).unified).toContain('+Ek bilgi');
  });

  it('serves an evidence bundle that verifies, and the signed checkpoint', async () => {
    const r = await svc.call('/v1/brands/600001/consents', {
      method: 'POST',
      json: consent({
        recipient: 'kanit@example.com',
        type: 'EPOSTA',
        evidence: { ip: '203.0.113.9', userAgent: 'Mozilla/5.0' },
      }),
    });
    const { evidenceId } = (await r.json()) as { evidenceId: number };
    const bundle = await eventually(async () => {
      const b = await svc.call(`/v1/brands/600001/evidence/${evidenceId}/bundle`);
      return b.status === 200 ? ((await b.json()) as Record<string, unknown>) : null;
    });
    const cp = (await (await svc.call('/v1/evidence/checkpoint')).json()) as {
      verifierKey: string;
      note: string;
    };
    const offline = await verifyEvidenceBundle(bundle, { logKeys: [cp.verifierKey] });
    expect(offline.ok).toBe(true);
    const online = await svc.call('/v1/evidence/verify', { method: 'POST', json: { bundle } });
    expect(((await online.json()) as { ok: boolean }).ok).toBe(true);
    // Another brand cannot fetch it.
    expect((await svc.call(`/v1/brands/600000/evidence/${evidenceId}/bundle`)).status).toBe(404);
    // Tampering is caught.
    const tampered = { ...bundle, leafIndex: (bundle.leafIndex as number) + 1 };
    expect(
      (
        (await (
          await svc.call('/v1/evidence/verify', { method: 'POST', json: { bundle: tampered } })
        ).json()) as { ok: boolean }
      ).ok,
    ).toBe(false);
  });

  it('files, advances, exports (JSON and XML) and plans erasure of a KVKK application', async () => {
    const c = await svc.call('/v1/brands/600000/applications', {
      method: 'POST',
      json: { kinds: ['erasure'], channel: 'registered_email', recipient: '0532 123 45 67' },
    });
    expect(c.status).toBe(201);
    const app = (await c.json()) as { id: string; deadlineAt: string; status: string };
    expect(app.deadlineAt > new Date().toISOString()).toBe(true);
    const adv = await svc.call(`/v1/brands/600000/applications/${app.id}/events`, {
      method: 'POST',
      json: { type: 'verify_identity', at: new Date().toISOString(), method: 'e-Devlet' },
    });
    expect(adv.status).toBe(200);
    const xml = await svc.call(`/v1/brands/600000/applications/${app.id}/export?format=xml`);
    expect(xml.headers.get('content-type')).toMatch(/application\/xml/);
    const text = await xml.text();
    expect(text).toContain('<kvkkBasvuru');
    expect(text).toContain('+905321234567');
    const plan = (await (await svc.call(`/v1/brands/600000/applications/${app.id}/erasure-plan`)).json()) as {
      decisions: { action: string }[];
    };
    expect(plan.decisions.length).toBeGreaterThan(0);
    expect(plan.decisions.every((d) => d.action === 'keep')).toBe(true);
    // Not visible from the other brand.
    expect((await svc.call(`/v1/brands/600001/applications/${app.id}`)).status).toBe(404);
  });

  it('reports counts, sync status, reconciliations, and draws QR codes', async () => {
    const rep = (await (await svc.call('/v1/brands/600000/reports/consents?groupBy=channel')).json()) as {
      rows: { channel: string; count: number }[];
      total: number;
    };
    expect(rep.total).toBeGreaterThan(0);
    const sync = await svc.call('/v1/brands/600000/sync');
    expect(sync.status).toBe(200);
    expect(await sync.json()).toHaveProperty('overdue');
    expect((await svc.call('/v1/brands/600000/reconciliations')).status).toBe(200);
    const svg = await svc.call('/v1/brands/600000/forms/qr?channel=MESAJ');
    expect(svg.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    expect(await svg.text()).toContain('<svg');
    const png = await svc.call('/v1/brands/600000/forms/qr?format=png');
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('creates scoped keys shown once, enforces scopes, and revokes', async () => {
    const c = await svc.call('/v1/admin/api-keys', {
      method: 'POST',
      json: { name: 'crm', scopes: [{ brands: ['600001'], permissions: ['consents:read'] }] },
    });
    expect(c.status).toBe(201);
    const { key, info } = (await c.json()) as { key: string; info: { id: string } };
    expect((await svc.call('/v1/brands/600001/consents?recipient=05321234567', { key })).status).toBe(200);
    const forbidden = await svc.call('/v1/brands/600000/consents?recipient=05321234567', { key });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(
      (await svc.call('/v1/brands/600001/consents', { key, method: 'POST', json: consent() })).status,
    ).toBe(403);
    const list = (await (await svc.call('/v1/admin/api-keys')).json()) as { keys: { id: string }[] };
    expect(JSON.stringify(list)).not.toContain(key);
    expect((await svc.call(`/v1/admin/api-keys/${info.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await svc.call('/v1/brands/600001/consents?recipient=05321234567', { key })).status).toBe(401);
    const audit = (await (await svc.call('/v1/admin/audit?action=apikey.revoke')).json()) as {
      entries: { target: string; evidenceId: number }[];
    };
    expect(audit.entries[0]).toMatchObject({ target: info.id });
    expect(audit.entries[0]!.evidenceId).toBeGreaterThan(0);
    // Consent writes are audited too (in their own transaction), and the sequencer chains them.
    for (const r of ['0532 000 11 01', '0532 000 11 02'])
      await svc.call('/v1/brands/600001/consents', { method: 'POST', json: consent({ recipient: r }) });
    const chained = await eventually(async () => {
      const r = (await (await svc.call('/v1/admin/audit?action=consent.record')).json()) as {
        entries: {
          evidenceId: number;
          hash: string | null;
          prevHash: string | null;
          details: { brandCode: string };
        }[];
      };
      return r.entries.length > 1 && r.entries.every((e) => e.hash !== null) ? r.entries : null;
    });
    expect(chained[0]!.evidenceId).toBeGreaterThan(chained[1]!.evidenceId);
    expect(chained[0]!.prevHash).not.toBeNull();
    expect(chained[0]!.details.brandCode).toMatch(/^60000[01]$/);
  });

  it('serves health, readiness, metrics, OpenAPI 3.1 and the reference page', async () => {
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${svc.url}/readyz`);
    expect(((await ready.json()) as { status: string }).status).toBe('ready');
    const m = await (await fetch(`${svc.url}/metrics`)).text();
    expect(m).toContain(
      'izinkit_http_requests_total{method="POST",route="/v1/brands/{brandCode}/consents",status="201"}',
    );
    expect(m).toContain('izinkit_consents{brand="600000"');
    const doc = (await (await fetch(`${svc.url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/v1/brands/{brandCode}/consents');
    const page = await fetch(`${svc.url}/docs`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('/docs/reference.js');
    expect((await fetch(`${svc.url}/docs/reference.js`)).status).toBe(200);
    const nf = await fetch(`${svc.url}/v1/nope`);
    expect(nf.status).toBe(404);
    expect(nf.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('never writes a phone number or e-mail address to the log', async () => {
    await svc.call('/v1/brands/600000/consents?recipient=%2B905329998877&recipientType=NOPE');
    await svc.call('/v1/brands/600000/consents', {
      method: 'POST',
      json: consent({ recipient: 'gizli.kisi@example.com', type: 'EPOSTA', consentDate: 'x' }),
    });
    const all = svc.logs.join('');
    expect(all).not.toContain('5329998877');
    expect(all).not.toContain('gizli.kisi@example.com');
    expect(all).not.toContain('5321234567');
  });
});
