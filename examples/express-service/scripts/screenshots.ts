/**
 * Regenerates docs/screenshots/: each main page of the web UI at phone (390 px) and desktop
 * (1280 px) width, in real Chromium, against a fresh service on embedded PGlite with a little
 * demo data put in through the same pages and domain functions people use.
 *
 *   pnpm --filter @izinkit/example-express-service screenshots [outDir]
 *
 * CI keeps the folder as an artefact; the service README links the images.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { loadConfig } from '../src/config.js';
import { recordDecision } from '../src/domain/consents.js';
import { readDevOutbox } from '../src/domain/messages.js';
import { requestOptin, verifyOptin } from '../src/domain/optin.js';
import { createLogger } from '../src/log.js';
import { startService } from '../src/service.js';

const out = resolve(process.argv[2] ?? join(import.meta.dirname, '../../../docs/screenshots'));
const ADMIN_PASSWORD = 'screenshots-admin-password';
const WIDTHS = [
  ['phone', 390, 844],
  ['desktop', 1280, 900],
] as const;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'izinkit-shots-'));
  const cfg = loadConfig({
    IZINKIT_DATA_DIR: dir,
    PORT: '0',
    IZINKIT_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
  });
  if (!cfg.ok) throw new Error(JSON.stringify(cfg.issues));
  const svc = await startService(cfg.value, createLogger('warn'));
  const hub = svc.hub;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    mkdirSync(out, { recursive: true });
    const codeFor = async (recipient: string, afterId = 0): Promise<{ id: number; code: string }> => {
      for (let i = 0; i < 200; i++) {
        const [m] = await readDevOutbox(hub.db, {
          brands: '*',
          recipientHash: hub.consents.recipientHash(recipient),
          limit: 1,
        });
        const code = m && m.id > afterId ? /\b(\d{6})\b/.exec(m.body)?.[1] : undefined;
        if (m && code) return { id: m.id, code };
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no code for ${recipient}`);
    };
    // Demo data: a few people who confirmed by code, one refusal, one KVKK application.
    const brand = (await hub.brands.get('600000'))!;
    const people = ['+905321110001', '+905321110002', 'deniz@example.com', '+905321110003'];
    for (const p of people) {
      const o = await requestOptin(
        hub,
        brand,
        { recipient: p, method: 'code', source: 'HS_WEB' },
        'screenshots',
      );
      const { code } = await codeFor(p);
      await verifyOptin(
        hub,
        brand,
        o.optinId,
        { code, evidence: { ip: '192.0.2.10', userAgent: 'screenshots' } },
        'screenshots',
      );
    }
    // İYS orders decisions by consentDate to the second: the RET must be dated after the ONAY.
    await new Promise((r) => setTimeout(r, 1100));
    await recordDecision(
      hub,
      brand,
      {
        recipient: people[1]!,
        recipientType: 'BIREYSEL',
        type: 'ARAMA',
        status: 'RET',
        source: 'HS_WEB',
        consentDate: hub.now().toISOString(),
      },
      { actor: 'screenshots' },
    );
    const link = await requestOptin(
      hub,
      brand,
      { recipient: '+905321110009', method: 'link', source: 'HS_MESAJ', channels: ['MESAJ'] },
      'screenshots',
    );
    let landing = '';
    for (let i = 0; i < 200 && !landing; i++) {
      const [m] = await readDevOutbox(hub.db, {
        brands: '*',
        recipientHash: hub.consents.recipientHash('+905321110009'),
        limit: 1,
      });
      landing = /\/optin\/[A-Za-z0-9_-]+/.exec(m?.body ?? '')?.[0] ?? '';
      if (!landing) await new Promise((r) => setTimeout(r, 50));
    }
    void link;

    const shoot = async (page: Page, name: string): Promise<void> => {
      for (const [label, w, h] of WIDTHS) {
        await page.setViewportSize({ width: w, height: h });
        await page.screenshot({ path: join(out, `${name}-${label}.png`), fullPage: true });
      }
    };

    // The person: hosted form, code page, success, portal.
    const person = await (
      await browser.newContext({ locale: 'tr-TR', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await person.goto(`${svc.url}/web/f/600000`);
    await shoot(person, '01-hosted-form');
    await person.getByLabel('Cep telefonu ya da e-posta adresi').fill('0532 111 00 05');
    await person.locator('#etk').check();
    await person.locator('#kvkk').check();
    await person.getByRole('button', { name: 'Devam et' }).click();
    await person.waitForURL(/\/verify$/);
    await shoot(person, '02-hosted-form-code');
    const c1 = await codeFor('+905321110005');
    await person.getByLabel('Kod').fill(c1.code);
    await person.getByRole('button', { name: 'Onayla' }).click();
    await person.getByRole('heading', { name: 'Tercihleriniz kaydedildi' }).waitFor();
    await shoot(person, '03-hosted-form-success');
    if (landing) {
      await person.goto(`${svc.url}${landing}`);
      await shoot(person, '04-sms-landing-page');
    }
    await person.goto(`${svc.url}/web/portal`);
    await shoot(person, '05-portal-sign-in');
    await person.getByLabel('Telefon ya da e-posta').fill('0532 111 00 05');
    await person.getByRole('button', { name: 'Kod gönder' }).click();
    await person.waitForURL(/\/code$/);
    const c2 = await codeFor('+905321110005', c1.id);
    await person.getByLabel('Kod').fill(c2.code);
    await person.getByRole('button', { name: 'Giriş yap' }).click();
    await person.waitForURL(`${svc.url}/web/portal`);
    await shoot(person, '06-portal-consents');
    await person.goto(`${svc.url}/web/portal/applications`);
    await person.getByLabel('Silme / yok etme').check();
    await person.getByRole('button', { name: 'Başvur' }).click();
    await person.getByRole('status').waitFor();
    await shoot(person, '07-portal-applications');

    // The admin.
    const admin = await (
      await browser.newContext({ locale: 'tr-TR', viewport: { width: 1280, height: 900 } })
    ).newPage();
    await admin.goto(`${svc.url}/web/admin/login`);
    await shoot(admin, '10-admin-sign-in');
    await admin.getByLabel('Kullanıcı adı').fill('admin');
    await admin.getByLabel('Parola').fill(ADMIN_PASSWORD);
    await admin.getByRole('button', { name: 'Giriş' }).click();
    await admin.waitForURL(`${svc.url}/web/admin`);
    await new Promise((r) => setTimeout(r, 1500)); // let the sync worker reach İYS
    await admin.reload();
    await shoot(admin, '11-admin-dashboard');
    await admin.goto(
      `${svc.url}/web/admin/consents?recipient=${encodeURIComponent('0532 111 00 02')}&brand=600000`,
    );
    await shoot(admin, '12-admin-consent-lookup');
    await admin.goto(`${svc.url}/web/admin/sync`);
    await shoot(admin, '13-admin-iys-sync');
    await admin.goto(`${svc.url}/web/admin/applications`);
    await shoot(admin, '14-admin-kvkk-queue');
    await admin.locator('table a').first().click();
    await admin.getByRole('link', { name: /Silme planını gör/ }).click();
    await shoot(admin, '15-admin-erasure-plan');
    await admin.goto(`${svc.url}/web/admin/agreements`);
    await admin.getByRole('link', { name: 'ETK_CONSENT' }).first().click();
    await shoot(admin, '16-admin-agreement-editor');
    await admin.goto(`${svc.url}/web/admin/forms`);
    await shoot(admin, '17-admin-forms-qr');
    await admin.goto(`${svc.url}/web/admin/evidence?kind=consent_evidence`);
    await admin.locator('table a').first().click();
    for (let i = 0; i < 40; i++) {
      await admin.getByRole('button', { name: /Doğrula/ }).click();
      if (
        (
          (await admin
            .locator('#verify-result')
            .textContent()
            .catch(() => '')) ?? ''
        ).includes('Doğrulandı')
      )
        break;
      await admin.goBack();
      await new Promise((r) => setTimeout(r, 250));
    }
    await shoot(admin, '18-admin-evidence-verify');
    await admin.goto(`${svc.url}/web/admin/keys`);
    await shoot(admin, '19-admin-api-keys');
    await admin.goto(`${svc.url}/web/admin/audit`);
    await shoot(admin, '20-admin-audit-log');
    await admin.goto(`${svc.url}/web/admin?lang=en`);
    await shoot(admin, '21-admin-dashboard-english');
    console.log(`screenshots written to ${out}`);
  } finally {
    await browser.close();
    await svc.stop(2000);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
