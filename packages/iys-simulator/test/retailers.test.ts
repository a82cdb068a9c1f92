import { IysApiError } from '@izinkit/iys';
import { afterEach, describe, expect, it } from 'vitest';
import { BRAND, firstError, onay, phone, type Setup, setup } from './helpers.js';

let s: Setup;
afterEach(async () => s?.close());

const retailer = (i: number) => ({
  title: `Bayi ${i}`,
  name: 'Ali Veli',
  city: { code: '34', name: 'İstanbul' },
  town: { code: '05', name: 'Şişli' },
});

describe('retailers', () => {
  it('add, list (all pages), page, get, remove', async () => {
    s = await setup();
    const codes: number[] = [];
    for (let i = 0; i < 150; i++) codes.push((await s.client.retailers.add(BRAND, retailer(i))).retailerCode);
    const all = await s.client.retailers.list(BRAND);
    expect(all.map((r) => r.retailerCode)).toEqual(codes);
    expect(s.sim.stats().byRoute['GET /retailers']).toBe(2);
    const page = await s.client.retailers.page(BRAND, { offset: 140, limit: 100 });
    expect(page.pagination).toEqual({ offset: 140, pageSize: 100, totalCount: 150 });
    expect(page.list).toHaveLength(10);
    expect(await s.client.retailers.get(BRAND, codes[3]!)).toMatchObject({
      title: 'Bayi 3',
      canBeDeleted: true,
      city: { code: '34', name: 'İstanbul' },
    });
    expect(await s.client.retailers.get(BRAND, 99999999)).toBeNull();
    await s.client.retailers.remove(BRAND, codes[3]!);
    expect(await s.client.retailers.get(BRAND, codes[3]!)).toBeNull();
    expect((await s.client.brands.list())[0]!.stats.retailers.total).toBe(149);
  });

  it('validates bodies (H090) and pagination (H182, H183, H186, H187)', async () => {
    s = await setup();
    await expect(s.client.retailers.add(BRAND, { title: '', name: 'Ali' })).rejects.toMatchObject({
      code: 'H090',
      location: ['title'],
    });
    await expect(s.client.retailers.add(BRAND, { title: 'x', name: 'Ali 2' })).rejects.toMatchObject({
      code: 'H090',
      location: ['name'],
    });
    await expect(
      s.client.retailers.add(BRAND, { title: 'x', name: 'Ali', tckn: '10000000145' }),
    ).rejects.toMatchObject({ location: ['tckn'] });
    await s.client.retailers.add(BRAND, { title: 'x', name: 'Ali', tckn: '10000000146' });
    await expect(
      s.client.retailers.add(BRAND, { title: 'y', name: 'Ali', tckn: '10000000146' }),
    ).rejects.toMatchObject({ code: 'H090' });
    const page = (offset: number, limit: number) => s.client.retailers.page(BRAND, { offset, limit });
    await expect(page(-1, 10)).rejects.toMatchObject({ code: 'H182' });
    await expect(page(0, 101)).rejects.toMatchObject({ code: 'H186' });
    await expect(page(0, 0)).rejects.toMatchObject({ code: 'H187' });
    expect(firstError((await s.raw('GET', `/sps/600000/brands/${BRAND}/retailers?limit=x`)).body).code).toBe(
      'H183',
    );
  });

  it('a retailer ever linked to a consent cannot be deleted', async () => {
    s = await setup();
    const { retailerCode } = await s.client.retailers.add(BRAND, retailer(1));
    await s.client.consents.add(BRAND, onay(s.sim, phone(1), { retailerAccess: [retailerCode] }));
    await s.client.retailerAccess.removeAll(BRAND, {
      recipients: [phone(1)],
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
    });
    const e = await s.client.retailers.remove(BRAND, retailerCode).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IysApiError);
    expect((e as IysApiError).code).toBe('H090');
    expect((await s.client.retailers.get(BRAND, retailerCode))?.canBeDeleted).toBe(false);
  });
});

describe('retailer access', () => {
  it('add, give, list, remove, removeAll — in every path and body form İYS’s sources use', async () => {
    for (const compat of [
      {},
      {
        retailerAccessRemovePath: 'retailer',
        retailerAccessRemoveAllPath: 'retailer',
        retailerAccessListPath: 'consent',
        giveAccessRecipientsKey: 'recipient',
      },
    ] as const) {
      s = await setup({}, { compat });
      const [a, b, c] = [
        (await s.client.retailers.add(BRAND, retailer(1))).retailerCode,
        (await s.client.retailers.add(BRAND, retailer(2))).retailerCode,
        (await s.client.retailers.add(BRAND, retailer(3))).retailerCode,
      ];
      const recipients = Array.from({ length: 150 }, (_, i) => phone(i));
      await s.client.consents.addBatch(
        BRAND,
        recipients.map((r) => onay(s.sim, r)),
      );
      const q = { recipient: phone(0), recipientType: 'BIREYSEL', type: 'MESAJ' } as const;
      const added = await s.client.retailerAccess.add(BRAND, { ...q, retailerAccess: [a!] });
      expect(added.transactionId).toMatch(/^[0-9a-f]{64}$/);
      await s.client.retailerAccess.give(BRAND, {
        recipients,
        recipientType: 'BIREYSEL',
        type: 'MESAJ',
        retailerAccess: [b!, c!],
      });
      expect((await s.client.retailerAccess.list(BRAND, q)).map((r) => r.retailerCode)).toEqual([a, b, c]);
      expect(
        (await s.client.retailerAccess.list(BRAND, { ...q, recipient: phone(149) })).map(
          (r) => r.retailerCode,
        ),
      ).toEqual([b, c]);
      await s.client.retailerAccess.remove(BRAND, {
        recipients,
        recipientType: 'BIREYSEL',
        type: 'MESAJ',
        retailerAccess: [b!],
      });
      expect((await s.client.retailerAccess.list(BRAND, q)).map((r) => r.retailerCode)).toEqual([a, c]);
      await s.client.retailerAccess.removeAll(BRAND, {
        recipients,
        recipientType: 'BIREYSEL',
        type: 'MESAJ',
      });
      expect(await s.client.retailerAccess.list(BRAND, q)).toEqual([]);
      expect(s.sim.stats().byRoute['PUT /consents/retailers/access']).toBe(2); // 150 recipients, 100 per request
      await s.close();
    }
  });

  it('answers the retailer-access codes (H401, H180, H163, H126, H127, H164, H168, H169, H193, H459)', async () => {
    s = await setup();
    const { retailerCode } = await s.client.retailers.add(BRAND, retailer(1));
    await s.client.consents.add(BRAND, onay(s.sim, phone(1)));
    const q = { recipient: phone(1), recipientType: 'BIREYSEL', type: 'MESAJ' } as const;
    await expect(
      s.client.retailerAccess.add(BRAND, { ...q, recipient: phone(2), retailerAccess: [retailerCode] }),
    ).rejects.toMatchObject({ code: 'H401' });
    await expect(
      s.client.retailerAccess.add(BRAND, { ...q, retailerAccess: [retailerCode, 90043618] }),
    ).rejects.toMatchObject({
      code: 'H180',
      status: 403,
      location: ['retailerAccess', 1],
      value: 90043618,
    });
    await expect(s.client.retailerAccess.add(BRAND, { ...q, retailerAccess: [] })).rejects.toMatchObject({
      code: 'H163',
    });
    await expect(
      s.client.retailerAccess.add(BRAND, { ...q, retailerAccess: [retailerCode, retailerCode] }),
    ).rejects.toMatchObject({ code: 'H193' });
    await expect(
      s.client.retailerAccess.add(BRAND, {
        ...q,
        retailerAccess: Array.from({ length: 101 }, (_, i) => i + 1),
      }),
    ).rejects.toMatchObject({ code: 'H126' });
    await expect(
      s.client.retailerAccess.add(BRAND, { ...q, type: 'EPOSTA', retailerAccess: [retailerCode] }),
    ).rejects.toMatchObject({ code: 'H459' });
    const path = `/sps/600000/brands/${BRAND}/consents/retailers/access`;
    const many = Array.from({ length: 101 }, (_, i) => phone(i));
    expect(
      firstError(
        (
          await s.raw('PUT', path, {
            recipients: many,
            recipientType: 'BIREYSEL',
            type: 'MESAJ',
            retailerAccess: [retailerCode],
          })
        ).body,
      ).code,
    ).toBe('H127');
    expect(
      firstError(
        (
          await s.raw('PUT', path, {
            recipients: [],
            recipientType: 'BIREYSEL',
            type: 'MESAJ',
            retailerAccess: [retailerCode],
          })
        ).body,
      ).code,
    ).toBe('H164');
    expect(
      firstError(
        (
          await s.raw('PUT', path, {
            recipientType: 'BIREYSEL',
            type: 'MESAJ',
            retailerAccess: [retailerCode],
          })
        ).body,
      ).code,
    ).toBe('H168');
    expect(
      firstError(
        (await s.raw('PUT', path, { recipients: [phone(1)], recipientType: 'BIREYSEL', type: 'MESAJ' })).body,
      ).code,
    ).toBe('H169');
    const removal = await s.raw('POST', `${path}/remove`, {
      recipients: [phone(1)],
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
      retailerAccess: [90043618],
    });
    expect([removal.status, firstError(removal.body)]).toEqual([
      403,
      {
        code: 'H180',
        message:
          'İstek gövdesinde yer alan bayi İYS numarasıyla (retailerCode) herhangi bir bayi bulunamadı.',
        location: ['retailerAccess', 0],
        value: 90043618,
      },
    ]);
    const ok = await s.raw('POST', `${path}/remove/all`, {
      recipients: [phone(1)],
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
    });
    expect([ok.status, ok.body]).toEqual([202, 'Başarı']);
  });
});
