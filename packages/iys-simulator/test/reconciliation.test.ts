import { createHash } from 'node:crypto';
import { createIysClient, parseDailyFile } from '@izinkit/iys';
import { afterEach, describe, expect, it } from 'vitest';
import { BRAND, firstError, onay, phone, type Setup, setup, T0 } from './helpers.js';

let s: Setup;
afterEach(async () => s?.close());
const DAY = 86_400_000;

async function fillDay(): Promise<void> {
  await s.client.consents.addBatch(BRAND, [
    onay(s.sim, phone(1)),
    onay(s.sim, phone(2)),
    onay(s.sim, 'ali@example.com'),
  ]);
  await s.client.consents.add(
    BRAND,
    onay(s.sim, phone(1), { status: 'RET', consentDate: new Date(T0.getTime() - 1000) }),
  );
  await s.client.consents.add(BRAND, {
    recipient: 'firma@example.com',
    recipientType: 'TACIR',
    type: 'EPOSTA',
    status: 'ONAY',
  });
  await s.sim.citizenChange({
    brandCode: BRAND,
    recipient: phone(2),
    recipientType: 'BIREYSEL',
    type: 'MESAJ',
    status: 'RET',
    source: 'IYS_KISAMESAJ',
  });
}

describe('reconciliation', () => {
  it('summary, info, file and save agree with each other', async () => {
    s = await setup();
    await fillDay();
    s.sim.advance(DAY);
    const summary = await s.client.reconciliation.summary(BRAND, '2024-03-06', 'BIREYSEL');
    const mesaj = summary.changeStats.find((x) => x.type === 'MESAJ')!.consents;
    expect(mesaj).toEqual([
      { source: 'HS', total: 3, approval: 2, rejection: 1 },
      { source: 'IYS', total: 1, approval: 0, rejection: 1 },
    ]);
    expect(summary.changeStats.find((x) => x.type === 'EPOSTA')!.consents[0]).toEqual({
      source: 'HS',
      total: 1,
      approval: 1,
      rejection: 0,
    });
    const tacir = await s.client.reconciliation.summary(BRAND, new Date(T0), 'TACIR');
    expect(tacir.changeStats.find((x) => x.type === 'EPOSTA')!.consents[0]!.total).toBe(1);

    const info = await s.client.reconciliation.info(BRAND, '2024-03-06');
    expect(info).toMatchObject({ processStatus: 'completed', hashMethod: 'SHA-256', agreementStatus: false });
    const served = s.sim.dailyFile(BRAND, '2024-03-06');
    expect(info.hashValue).toBe(createHash('sha256').update(served.text, 'utf8').digest('hex'));
    const stream = s.client.reconciliation.file(BRAND, '2024-03-06');
    const rows = await stream.collect();
    expect(rows).toHaveLength(6);
    expect(stream.sha256).toBe(info.hashValue);
    expect(rows.map((r) => r.transactionId)).toEqual(s.sim.changeLog(BRAND).map((c) => c.transactionId));
    expect(rows.find((r) => r.recipientType === 'TACIR')).toMatchObject({
      consentDate: undefined,
      source: undefined,
    });
    const direct = parseDailyFile(served.text);
    expect(direct.ok && direct.value).toEqual(rows);

    expect(await s.client.reconciliation.save(BRAND, '2024-03-06')).toEqual({ agreementCaptured: true });
    expect((await s.client.reconciliation.info(BRAND, '2024-03-06')).agreementStatus).toBe(true);
    await expect(s.client.reconciliation.save(BRAND, '2024-03-06')).rejects.toMatchObject({ code: 'H512' });
  });

  it('enforces the date rules (H501, H502, H503, H512) and the 7-day file window', async () => {
    s = await setup();
    const base = `/sps/600000/brands/${BRAND}`;
    expect(firstError((await s.raw('GET', `${base}/agreements/06-03-2024`)).body).code).toBe('H501');
    await expect(s.client.reconciliation.info(BRAND, '2024-03-06')).rejects.toMatchObject({
      code: 'H502',
      value: '2024-03-06',
    });
    await expect(
      s.client.reconciliation.summary(BRAND, '2024-03-05', 'BIREYSELL' as never),
    ).rejects.toMatchObject({
      code: 'H503',
      location: ['recipientType'],
      value: 'BIREYSELL',
    });
    const bad = await s.raw('PUT', `${base}/agreements/2024-03-05`, { agreementStatus: false });
    expect(firstError(bad.body)).toEqual({
      code: 'H512',
      location: ['agreementStatus'],
      value: false,
      message: 'false kabul edilemedi. İstek gövdesinde bulunabilecek değerler: true',
    });
    expect(await s.client.reconciliation.file(BRAND, '2024-02-28').collect()).toEqual([]); // 7 days before
    await expect(s.client.reconciliation.file(BRAND, '2024-02-27').collect()).rejects.toMatchObject({
      code: 'H502',
    });
    await expect(s.client.reconciliation.file(BRAND, '2024-03-06').collect()).rejects.toMatchObject({
      code: 'H502',
    });
    // info has no 7-day window
    expect((await s.client.reconciliation.info(BRAND, '2023-01-01')).processStatus).toBe('completed');
  });

  it('detects a daily file whose bytes do not match the hash', async () => {
    s = await setup();
    await fillDay();
    s.sim.advance(DAY);
    const tampering = (async (input: string | URL | Request, init?: RequestInit) => {
      const res = await fetch(input, init);
      if (!String(input).endsWith('/file')) return res;
      const text = (await res.text()).replace('ONAY', 'RET');
      return new Response(text, { status: res.status, headers: res.headers });
    }) as typeof fetch;
    const client = createIysClient({
      baseUrl: s.sim.url,
      username: 'izinkit',
      password: 'izinkit',
      iysCode: 600000,
      fetch: tampering,
      rateLimit: false,
    });
    await expect(client.reconciliation.file(BRAND, '2024-03-06').collect()).rejects.toMatchObject({
      code: 'iys_hash_mismatch',
    });
    expect(await client.reconciliation.file(BRAND, '2024-03-06', { verify: false }).collect()).toHaveLength(
      6,
    );
  });

  it('lists brands with their counts', async () => {
    s = await setup();
    await fillDay();
    const [main, second] = await s.client.brands.list();
    expect(main).toMatchObject({
      brandCode: 600000,
      master: true,
      stats: { consents: { approval: 2, rejection: 2, total: 4 } },
    });
    expect(second).toMatchObject({ brandCode: 600001, master: false, stats: { consents: { total: 0 } } });
  });
});
