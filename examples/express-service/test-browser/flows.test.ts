/**
 * End-to-end flows in real Chromium against the service (PGlite; and the PostgreSQL server when
 * TEST_DATABASE_URL is set), with axe-core on every page visited.
 *
 * 1. A person fills the hosted form, confirms with the code from GET /v1/dev/outbox, sees the
 *    consent in the portal; the admin sees the counts move and İYS sync reach "accepted" in the
 *    simulator; the person withdraws; the admin sees the RET and its deadline.
 * 2. KVKK: a person asks for deletion; the admin anonymises; the person can no longer sign in;
 *    the destruction record is in the evidence log.
 */
import { databaseFixtures } from '@izinkit/test-utils/postgres';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestService, type TestService } from '../test/helpers.js';
import { type AxeViolation, launchBrowser, seriousViolations, type TestBrowser } from './browser.js';

const ADMIN_PASSWORD = 'browser-suite-admin-pw';

describe.each(databaseFixtures())('web pages in Chromium ($name)', (fixture) => {
  let svc: TestService;
  let browser: TestBrowser;
  const violations: { url: string; v: AxeViolation }[] = [];
  const checked = new Set<string>();

  /** axe-core on the page as it is now (once per path and width). */
  async function axe(page: Page): Promise<void> {
    const key = `${new URL(page.url()).pathname}@${page.viewportSize()?.width}`;
    if (checked.has(key)) return;
    checked.add(key);
    for (const v of await seriousViolations(page)) violations.push({ url: page.url(), v });
  }

  /** The newest message to a recipient in the dev outbox, newer than `afterId`. */
  async function outboxCode(recipient: string, afterId = 0): Promise<{ id: number; code: string }> {
    return eventually(async () => {
      const r = await svc.call(`/v1/dev/outbox?recipient=${encodeURIComponent(recipient)}&limit=5`);
      if (r.status !== 200) throw new Error(`dev outbox answered ${r.status}: ${await r.text()}`);
      const body = (await r.json()) as
        | { messages?: { id: number; body: string; purpose: string }[] }
        | { id: number; body: string; purpose: string }[];
      const list = Array.isArray(body) ? body : (body.messages ?? []);
      const m = list.find((x) => x.id > afterId && x.purpose === 'verification_code');
      const code = m ? /\b(\d{6})\b/.exec(m.body)?.[1] : undefined;
      return m && code ? { id: m.id, code } : null;
    }, 15_000);
  }

  async function lastOutboxId(recipient: string): Promise<number> {
    const r = await svc.call(`/v1/dev/outbox?recipient=${encodeURIComponent(recipient)}&limit=1`);
    const body = (await r.json()) as { messages?: { id: number }[] } | { id: number }[];
    const list = Array.isArray(body) ? body : (body.messages ?? []);
    return list[0]?.id ?? 0;
  }

  async function adminSignIn(page: Page): Promise<void> {
    await page.goto(`${svc.url}/web/admin`);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/web/admin/login');
    await axe(page);
    await page.getByLabel('Kullanıcı adı').fill('admin');
    await page.getByLabel('Parola').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Giriş' }).click();
    await page.waitForURL(`${svc.url}/web/admin`);
  }

  async function fillHostedForm(page: Page, brand: string, recipient: string): Promise<void> {
    await page.goto(`${svc.url}/web/f/${brand}`);
    await axe(page);
    await page.getByLabel('Cep telefonu ya da e-posta adresi').fill(recipient);
    await page.locator('#etk').check();
    await page.locator('#kvkk').check();
    await page.getByRole('button', { name: 'Devam et' }).click();
    await page.waitForURL(/\/verify$/);
    await axe(page);
  }

  async function portalSignIn(page: Page, recipient: string): Promise<void> {
    const before = await lastOutboxId(recipient);
    await page.goto(`${svc.url}/web/portal`);
    await axe(page);
    await page.getByLabel('Telefon ya da e-posta').fill(recipient);
    await page.getByRole('button', { name: 'Kod gönder' }).click();
    await page.waitForURL(/\/web\/portal\/code$/);
    await axe(page);
    const { code } = await outboxCode(recipient, before);
    await page.getByLabel('Kod').fill(code);
    await page.getByRole('button', { name: 'Giriş yap' }).click();
    await page.waitForURL(`${svc.url}/web/portal`);
  }

  beforeAll(async () => {
    svc = await startTestService(fixture, { IZINKIT_ADMIN_PASSWORD: ADMIN_PASSWORD });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.dispose();
  });

  it('hosted form → code → portal → admin counts and İYS accepted → withdraw → admin sees RET and its deadline', async () => {
    const phone = '0532 555 12 34';
    const person = await (await browser.context({ width: 390, height: 844 })).newPage();
    await fillHostedForm(person, '600000', phone);
    const { code } = await outboxCode(phone);
    await person.getByLabel('Kod').fill(code);
    await person.getByRole('button', { name: 'Onayla' }).click();
    await seen(person.getByRole('heading', { name: 'Tercihleriniz kaydedildi' }));
    await seen(person.getByText('RET ORNEK'));
    await axe(person);

    await portalSignIn(person, phone);
    await axe(person);
    const smsRow = person.getByRole('row', { name: /SMS/ });
    await hasText(smsRow, 'Onay');
    await hasText(smsRow, 'HS_WEB');
    await person.getByRole('link', { name: 'Metni oku' }).first().click();
    await seen(person.getByRole('heading', { name: /Onayladığınız metin/ }));
    await axe(person);
    await person.goBack();

    const admin = await (await browser.context()).newPage();
    await adminSignIn(admin);
    await axe(admin);
    expect(Number(await admin.locator('[data-live="onay"]').first().textContent())).toBeGreaterThanOrEqual(2);
    // İYS sync reaches "accepted" in the simulator.
    await expect
      .poll(
        async () => {
          await admin.goto(`${svc.url}/web/admin/sync?state=accepted`);
          return admin.locator('[data-sync-result]').allTextContents();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toContain('accepted');
    await axe(admin);
    await admin.goto(`${svc.url}/web/admin`);
    await expect.poll(() => admin.locator('[data-live="accepted"]').first().textContent()).not.toBe('0');

    // The person withdraws SMS with one click.
    await person.goto(`${svc.url}/web/portal`);
    await person.getByRole('button', { name: /Geri al: .*SMS/ }).click();
    await hasText(person.getByRole('status'), 'Ret talebiniz kaydedildi');
    await hasText(person.getByRole('row', { name: /SMS/ }), 'Ret');

    // The admin sees the RET and its İYS deadline.
    await admin.goto(`${svc.url}/web/admin/consents?recipient=${encodeURIComponent(phone)}&brand=600000`);
    await axe(admin);
    const row = admin.getByRole('row', { name: /SMS/ });
    await hasText(row, 'Ret');
    await hasText(row, /İYS son gün|İleti durdurma son günü/);
    await admin.goto(`${svc.url}/web/admin`);
    await expect
      .poll(async () => Number(await admin.locator('[data-live="ret"]').first().textContent()))
      .toBeGreaterThanOrEqual(1);
    await admin.goto(`${svc.url}/web/admin/sync`);
    await seen(admin.getByRole('row', { name: /RET/ }).first());
    await person.context().close();
    await admin.context().close();
  });

  it('KVKK: deletion request → admin anonymises → no more sign-in → destruction record in the evidence log', async () => {
    const email = 'Ayse.Kvkk@Example.com';
    const person = await (await browser.context({ width: 390, height: 844 })).newPage();
    await fillHostedForm(person, '600001', email);
    const first = await outboxCode(email);
    await person.getByLabel('Kod').fill(first.code);
    await person.getByRole('button', { name: 'Onayla' }).click();
    await seen(person.getByRole('heading', { name: 'Tercihleriniz kaydedildi' }));

    await portalSignIn(person, email);
    await person.getByRole('link', { name: 'KVKK başvurusu yap ve takip et' }).click();
    await axe(person);
    await person.getByLabel('Silme / yok etme').check();
    await person.getByRole('button', { name: 'Başvur' }).click();
    await hasText(person.getByRole('status'), 'Başvurunuz alındı');
    const appId = /KVKK-\d{4}-[0-9A-F]{8}/.exec((await person.getByRole('status').textContent()) ?? '')?.[0];
    expect(appId).toBeTruthy();
    await hasText(person.getByRole('row', { name: new RegExp(appId!) }), 'Alındı');

    // Downloads work while signed in.
    const download = await Promise.all([
      person.waitForEvent('download'),
      person.getByRole('link', { name: 'Verilerimi indir (JSON)' }).first().click(),
    ]);
    const json = JSON.parse(await streamText(await download[0].createReadStream()));
    expect(json.format).toBe('izinkit.kvkk.subject-export/1');

    const admin = await (await browser.context()).newPage();
    await adminSignIn(admin);
    await seen(admin.locator('nav .badge'));
    await admin
      .getByRole('link', { name: /KVKK başvuruları/ })
      .first()
      .click();
    await axe(admin);
    await admin.getByRole('link', { name: appId! }).click();
    await axe(admin);
    await admin.getByRole('link', { name: /Silme planını gör/ }).click();
    await axe(admin);
    await admin.getByLabel('Planı okudum; silmeyi onaylıyorum.').check();
    await admin.getByRole('button', { name: 'Sil ve anonimleştir' }).click();
    await seen(admin.getByText('Veriler silindi'));
    await admin.getByRole('link', { name: /imha kaydı/ }).click();
    await seen(admin.getByRole('heading', { name: /destruction/ }));
    await hasText(admin.locator('pre'), 'izinkit.kvkk.destruction-record/1');
    await hasText(admin.locator('pre'), appId!);
    await axe(admin);
    // The verify button runs the offline verifier (once the sequencer has logged the entry).
    await expect
      .poll(
        async () => {
          await admin.getByRole('button', { name: /Doğrula/ }).click();
          const t = (await admin.locator('#verify-result, [role="alert"]').first().textContent()) ?? '';
          if (!t.includes('Doğrulandı')) await admin.goBack();
          return t;
        },
        { timeout: 20_000, interval: 500 },
      )
      .toContain('Doğrulandı');
    await axe(admin);

    // The person's session ends and a new sign-in gets nowhere.
    await person.goto(`${svc.url}/web/portal`);
    await seen(person.getByRole('button', { name: 'Kod gönder' }));
    await person.getByLabel('Telefon ya da e-posta').fill(email);
    await person.getByRole('button', { name: 'Kod gönder' }).click();
    await person.waitForURL(/\/web\/portal\/code$/);
    await new Promise((r) => setTimeout(r, 500));
    expect(await lastOutboxId(email)).toBe(0); // messages deleted, and no new code sent
    await person.getByLabel('Kod').fill(first.code);
    await person.getByRole('button', { name: 'Giriş yap' }).click();
    await hasText(person.getByRole('alert'), 'Kod geçersiz');
    await person.context().close();
    await admin.context().close();
  });

  it('SMS landing page: the link from the dev outbox, ETK and KVKK ticked separately, confirmed', async () => {
    const phone = '0533 444 55 66';
    const r = await svc.call('/v1/brands/600000/optin', {
      method: 'POST',
      json: { recipient: phone, method: 'link', source: 'HS_MESAJ', channels: ['MESAJ'] },
    });
    expect(r.status).toBe(201);
    const path = await eventually(async () => {
      const o = await svc.call(`/v1/dev/outbox?recipient=${encodeURIComponent(phone)}&limit=1`);
      const body = (await o.json()) as { messages?: { body: string }[] } | { body: string }[];
      const list = Array.isArray(body) ? body : (body.messages ?? []);
      return /\/optin\/[A-Za-z0-9_-]+/.exec(list[0]?.body ?? '')?.[0];
    });
    const person = await (await browser.context({ width: 390, height: 844 })).newPage();
    await person.goto(`${svc.url}${path}`);
    await axe(person);
    await hasText(person.locator('main'), 'SMS / mesaj');
    await person.locator('#etk').check();
    await person.getByRole('button', { name: 'Onayla' }).click();
    await seen(person.getByRole('heading', { name: 'Tercihleriniz kaydedildi' }));
    await hasText(person.locator('main'), 'onay verdiniz');
    await hasText(person.locator('main'), 'vermediniz');
    await axe(person);
    const status = await svc.call(`/v1/brands/600000/consents?recipient=${encodeURIComponent(phone)}`);
    const view = (await status.json()) as { channels: { type: string; status: string | null }[] };
    expect(view.channels.find((c) => c.type === 'MESAJ')?.status).toBe('ONAY');
    // The link is single use.
    await person.goto(`${svc.url}${path}`);
    await hasText(person.locator('main'), 'geçersiz ya da süresi dolmuş');
    await person.context().close();
  });

  it('every admin page (phone and desktop width) and the English switch pass axe-core', async () => {
    for (const [width, height] of [
      [390, 844],
      [1280, 900],
    ] as const) {
      const page = await (await browser.context({ width, height })).newPage();
      await adminSignIn(page);
      for (const p of [
        '',
        '/consents',
        '/sync',
        '/applications?all=1',
        '/agreements',
        '/forms',
        '/evidence',
        '/retailers',
        '/keys',
        '/audit',
      ]) {
        await page.goto(`${svc.url}/web/admin${p}`);
        await axe(page);
      }
      await page.context().close();
    }
    const admin = await (await browser.context({ width: 390, height: 844 })).newPage();
    await adminSignIn(admin);
    await admin.getByRole('link', { name: 'Metinler' }).first().click();
    await admin.getByRole('link', { name: 'ETK_CONSENT' }).first().click();
    await axe(admin);
    await admin.getByRole('link', { name: 'English' }).click();
    await seen(admin.getByRole('heading', { name: 'New draft' }));
    await admin.goto(`${svc.url}/web/f/600000`);
    await seen(admin.getByRole('button', { name: 'Continue' }));
    await admin.context().close();
    expect(
      violations.map((x) => `${x.url} ${x.v.id} (${x.v.impact}): ${x.v.help} → ${x.v.targets.join(', ')}`),
    ).toEqual([]);
  });
});

/** Waits until the locator is visible (playwright-core has no test matchers). */
async function seen(l: Locator): Promise<void> {
  await l.waitFor({ state: 'visible', timeout: 10_000 });
}

/** Waits until the locator's text contains `t`. */
async function hasText(l: Locator, t: string | RegExp): Promise<void> {
  await expect
    .poll(
      async () => {
        const s = (await l.textContent({ timeout: 10_000 })) ?? '';
        return typeof t === 'string' ? s.includes(t) : t.test(s);
      },
      { timeout: 10_000 },
    )
    .toBe(true);
}

async function streamText(s: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
