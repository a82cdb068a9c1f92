import { type Consent, IysApiError, IysClientError } from '@izinkit/iys';
import { afterEach, describe, expect, it } from 'vitest';
import { BRAND, firstError, minutesAgo, onay, phone, type Setup, setup } from './helpers.js';

let s: Setup;
afterEach(async () => s?.close());

const addError = async (consent: Consent): Promise<IysApiError> => {
  const e = await s.client.consents.add(BRAND, consent).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(IysApiError);
  return e as IysApiError;
};

describe('single add: İYS rules and codes over HTTP', () => {
  it('adds a consent and reports it', async () => {
    s = await setup();
    const r = await s.client.consents.add(BRAND, onay(s.sim, phone(1)));
    expect(r.transactionId).toMatch(/^[0-9a-f]{64}$/);
    expect(r.creationDate.getTime()).toBe(s.sim.now().getTime());
    const status = await s.client.consents.status(BRAND, {
      recipient: phone(1),
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
    });
    expect(status).toMatchObject({
      status: 'ONAY',
      source: 'HS_WEB',
      transactionId: r.transactionId,
      retailerAccessCount: 0,
    });
    expect(
      s.sim.submissionCount({
        brandCode: BRAND,
        recipientType: 'BIREYSEL',
        type: 'MESAJ',
        recipient: phone(1),
      }),
    ).toBe(1);
  });

  it('answers every shape error the client would not send (H110–H119, H170, H158, H118, H014)', async () => {
    s = await setup();
    const good = {
      recipient: phone(2),
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
      status: 'ONAY',
      source: 'HS_WEB',
      consentDate: '2024-03-06 11:00:00',
    };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...good, status: undefined }, 'H110', 'status'],
      [{ ...good, type: undefined }, 'H111', 'type'],
      [{ ...good, consentDate: undefined }, 'H112', 'consentDate'],
      [{ ...good, source: undefined }, 'H113', 'source'],
      [{ ...good, recipient: undefined }, 'H114', 'recipient'],
      [{ ...good, status: 'RED' }, 'H115', 'status'],
      [{ ...good, recipientType: 'KURUM' }, 'H116', 'recipientType'],
      [{ ...good, type: 'SMS' }, 'H117', 'type'],
      [{ ...good, foo: 1 }, 'H118', 'foo'],
      [{ ...good, source: 'IYS_WEB' }, 'H119', 'source'],
      [{ ...good, recipientType: undefined }, 'H170', 'recipientType'],
      [{ ...good, consentDate: '06.03.2024 11:00' }, 'H158', 'consentDate'],
      [{ ...good, consentDate: '2024-02-30 11:00:00' }, 'H157', 'consentDate'],
    ];
    for (const [body, code, field] of cases) {
      const r = await s.raw('POST', `/sps/600000/brands/${BRAND}/consents`, body);
      expect([r.status, firstError(r.body).code, (firstError(r.body).location as string[])[0]], code).toEqual(
        [422, code, field],
      );
    }
    const two = await s.raw('POST', `/sps/600000/brands/${BRAND}/consents`, {
      ...good,
      type: undefined,
      source: undefined,
    });
    expect((two.body as { errors: { code: string }[] }).errors.map((e) => e.code)).toEqual(['H111', 'H113']);
    const bad = await s.raw('POST', `/sps/600000/brands/${BRAND}/consents`, '{"recipient":');
    expect([bad.status, firstError(bad.body).code]).toEqual([400, 'H014']);
    const v2 = await s.raw('POST', `/v2/sps/600000/brands/${BRAND}/consents`, good);
    expect(v2.status).toBe(200);
    expect(s.sim.submissions()).toHaveLength(1); // shape errors never reach processing
  });

  it('checks recipients by channel (H120–H122, H160, H459, H464)', async () => {
    s = await setup();
    const cases: [Partial<Consent>, string][] = [
      [{ recipient: 'ayşe@example.com', type: 'EPOSTA' }, 'H120'],
      [{ recipient: '05321234567', type: 'MESAJ' }, 'H121'],
      [{ recipient: '+9063212345678', type: 'MESAJ' }, 'H121'],
      [{ recipient: 'not an address', type: 'MESAJ' }, 'H122'],
      [{ recipient: '+9053212345678901', type: 'ARAMA' }, 'H160'],
      [{ recipient: '+905321234567', type: 'EPOSTA' }, 'H459'],
      [{ recipient: 'ali@example.com', type: 'MESAJ' }, 'H464'],
    ];
    for (const [c, code] of cases) {
      const e = await addError(onay(s.sim, 'x@example.com', c));
      expect([e.code, e.status, e.location], code).toEqual([code, 422, ['recipient']]);
      expect(e.value).toBe(c.recipient);
    }
    const e = await addError(onay(s.sim, 'ali@example.com', { type: 'ARAMA' }));
    expect(e.errors[0]!.message).toBe(
      'İzin tipi (type) ARAMA için, alıcı (recipient) telefon formatında olmalıdır.',
    );
  });

  it('applies the date rules (H155, H156, H162, the 3-business-day rule)', async () => {
    s = await setup();
    const c = (extra: Partial<Consent>): Consent => onay(s.sim, phone(3), extra);
    expect((await addError(c({ consentDate: new Date('2015-04-30T20:59:59Z') }))).code).toBe('H156');
    expect(
      (await addError(c({ source: 'HS_2015', consentDate: new Date('2016-01-01T00:00:00Z') }))).code,
    ).toBe('H155');
    expect((await addError(c({ consentDate: new Date(s.sim.now().getTime() + 1000) }))).code).toBe('H162');
    // Wed 2024-03-06: a consent of Fri 2024-03-01 is on its 3rd business day (Mon, Tue, Wed): accepted.
    await s.client.consents.add(BRAND, c({ consentDate: new Date('2024-03-01T08:00:00Z') }));
    // Thu 2024-02-29 → its third business day was Tue 2024-03-05: too late.
    const late = await addError(onay(s.sim, phone(4), { consentDate: new Date('2024-02-29T08:00:00Z') }));
    expect([late.code, late.location]).toEqual(['H161', ['consentDate']]);
    // HS_2015 and RET are outside the rule.
    await s.client.consents.add(
      BRAND,
      onay(s.sim, phone(5), { source: 'HS_2015', consentDate: new Date('2015-04-30T21:00:00Z') }),
    );
  });

  it('counts the 3 business days with Türkiye’s holidays (Ramazan Bayramı 2024)', async () => {
    s = await setup({ now: () => new Date('2024-04-15T09:00:00Z') }); // Monday after the bayram
    // Fri 2024-04-05 → Mon 8, Tue 9 (arife, a half day, counts), Wed 10 – Fri 12 bayram, Mon 15: on time.
    // (Counting Monday–Friday only, it would have been late since Wed 10.)
    await s.client.consents.add(
      BRAND,
      onay(s.sim, phone(6), { consentDate: new Date('2024-04-05T09:00:00Z') }),
    );
    // Thu 2024-04-04 → Fri 5, Mon 8, Tue 9: late.
    const late = await addError(onay(s.sim, phone(7), { consentDate: new Date('2024-04-04T09:00:00Z') }));
    expect(late.code).toBe('H161');
  });

  it('can switch the 3-business-day rule off or date its activation', async () => {
    s = await setup({ threeBusinessDayRule: false });
    await s.client.consents.add(
      BRAND,
      onay(s.sim, phone(8), { consentDate: new Date('2023-01-02T09:00:00Z') }),
    );
    await s.close();
    s = await setup({ threeBusinessDayRule: { activatedAt: new Date('2025-01-01T00:00:00Z') } });
    await s.client.consents.add(
      BRAND,
      onay(s.sim, phone(8), { consentDate: new Date('2023-01-02T09:00:00Z') }),
    );
  });

  it('applies the state rules (H174, H175, H178, H408, H462, H463)', async () => {
    s = await setup();
    const p = phone(9);
    expect((await addError(onay(s.sim, p, { status: 'RET' }))).code).toBe('H175');
    expect((await addError(onay(s.sim, p, { status: 'RET', source: 'HS_KARAR' }))).code).toBe('H175');
    expect((await addError(onay(s.sim, p, { source: 'HS_KARAR' }))).code).toBe('H408');
    await s.client.consents.add(BRAND, onay(s.sim, p, { consentDate: minutesAgo(s.sim, 30) }));
    const same = await addError(onay(s.sim, p, { consentDate: minutesAgo(s.sim, 20) }));
    expect(same.code).toBe('H174');
    expect(same.errors[0]!.message).toMatch(/İzin durumu: ONAY$/);
    expect((await addError(onay(s.sim, p, { status: 'RET', consentDate: minutesAgo(s.sim, 30) }))).code).toBe(
      'H178',
    );
    await s.client.consents.add(
      BRAND,
      onay(s.sim, p, { status: 'RET', source: 'HS_KARAR', consentDate: minutesAgo(s.sim, 5) }),
    );
    // TACIR: consentDate and source optional on the first record, required on updates.
    const t = {
      recipient: 'firma@example.com',
      recipientType: 'TACIR',
      type: 'EPOSTA',
      status: 'ONAY',
    } as const;
    await s.client.consents.add(BRAND, t);
    expect((await addError({ ...t, status: 'RET', source: 'HS_WEB' })).code).toBe('H462');
    expect((await addError({ ...t, status: 'RET', consentDate: minutesAgo(s.sim, 1) })).code).toBe('H463');
    await s.client.consents.add(BRAND, {
      ...t,
      status: 'RET',
      source: 'HS_WEB',
      consentDate: minutesAgo(s.sim, 1),
    });
    // The same address may hold one BIREYSEL and one TACIR record.
    await s.client.consents.add(BRAND, onay(s.sim, 'firma@example.com'));
  });

  it('rejects unknown retailers with H180 (403) and their location', async () => {
    s = await setup();
    let e = await addError(onay(s.sim, phone(10), { retailerCode: 99999999 }));
    expect([e.code, e.status, e.location, e.value]).toEqual(['H180', 403, ['retailerCode'], 99999999]);
    const { retailerCode } = await s.client.retailers.add(BRAND, { title: 'Bayi', name: 'Ali Veli' });
    e = await addError(onay(s.sim, phone(10), { retailerAccess: [retailerCode, 90043618] }));
    expect([e.code, e.location, e.value]).toEqual(['H180', ['retailerAccess', 1], 90043618]);
    await s.client.consents.add(
      BRAND,
      onay(s.sim, phone(10), { retailerCode, retailerAccess: [retailerCode] }),
    );
    expect(s.sim.consents(BRAND)[0]!.retailerAccess).toEqual([retailerCode]);
  });

  it('checks shapes locally before sending (same codes as İYS)', async () => {
    s = await setup();
    const e = await s.client.consents
      .add(BRAND, { recipient: phone(11), recipientType: 'BIREYSEL', type: 'MESAJ', status: 'ONAY' })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IysApiError);
    expect((e as IysApiError).errors.map((x) => x.code)).toEqual(['H112', 'H113']);
    expect(s.sim.stats().byRoute['POST /consents']).toBeUndefined();
  });

  it('single status: documented, live and both shapes; null when there is none', async () => {
    for (const consentStatusShape of ['doc', 'live', 'both'] as const) {
      s = await setup({ variants: { consentStatusShape } });
      const { retailerCode } = await s.client.retailers.add(BRAND, { title: 'Bayi', name: 'Ali Veli' });
      await s.client.consents.add(
        BRAND,
        onay(s.sim, phone(12), { retailerCode, retailerAccess: [retailerCode] }),
      );
      const r = await s.client.consents.status(BRAND, {
        recipient: phone(12),
        recipientType: 'BIREYSEL',
        type: 'MESAJ',
      });
      if (consentStatusShape !== 'live')
        expect(r).toMatchObject({ retailerCode, retailerAccess: [retailerCode] });
      if (consentStatusShape !== 'doc')
        expect(r).toMatchObject({ retailerAccessCount: 1, retailerTitle: 'Bayi' });
      expect(
        await s.client.consents.status(BRAND, {
          recipient: phone(13),
          recipientType: 'BIREYSEL',
          type: 'MESAJ',
        }),
      ).toBeNull();
      await s.close();
    }
    s = await setup();
    const r = await s.raw('POST', `/sps/600000/brands/${BRAND}/consents/status`, {
      recipient: phone(1),
      recipientType: 'BIREYSEL',
    });
    expect(firstError(r.body).code).toBe('H111');
  });

  it('multiple status lists only ONAY recipients, any number of them', async () => {
    s = await setup();
    const batch = Array.from({ length: 1200 }, (_, i) => onay(s.sim, phone(100 + i)));
    await s.client.consents.addBatch(BRAND, batch);
    await s.client.consents.add(
      BRAND,
      onay(s.sim, phone(100), { status: 'RET', consentDate: minutesAgo(s.sim, 1) }),
    );
    const asked = [...Array.from({ length: 1200 }, (_, i) => phone(100 + i)), phone(5000)];
    const r = await s.client.consents.statusMany(BRAND, 'BIREYSEL', 'MESAJ', asked);
    expect(r.approved).toHaveLength(1199);
    expect(r.notApproved).toEqual([phone(100), phone(5000)]);
    expect(s.sim.stats().byRoute['POST /consents/BIREYSEL/status/MESAJ']).toBe(2);
    const over = await s.raw('POST', `/sps/600000/brands/${BRAND}/consents/BIREYSEL/status/MESAJ`, {
      recipients: asked,
    });
    expect([over.status, firstError(over.body).code]).toEqual([422, 'H403']);
    const empty = await s.raw('POST', `/sps/600000/brands/${BRAND}/consents/BIREYSEL/status/MESAJ`, {
      recipients: [],
    });
    expect(firstError(empty.body).code).toBe('H164');
    const badType = await s.raw('POST', `/sps/600000/brands/${BRAND}/consents/BIREYSEL/status/FAX`, {
      recipients: [phone(1)],
    });
    expect(firstError(badType.body).code).toBe('H117');
  });
});

describe('auth over HTTP', () => {
  it('wrong credentials (H251), missing ones (H250), no token (H351)', async () => {
    s = await setup({}, { password: 'wrong' });
    const e = await s.client.brands.list().catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'H251', status: 401 });
    const missing = await fetch(`${s.sim.url}/oauth2/token`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect([
      missing.status,
      ((await missing.json()) as { errors: { code: string }[] }).errors[0]!.code,
    ]).toEqual([400, 'H250']);
    const none = await fetch(`${s.sim.url}/sps/600000/brands`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('H351');
  });
  it('foreign iysCode or brand (H353), non-integer codes (H190, H191)', async () => {
    s = await setup({}, { iysCode: 600099 });
    await expect(s.client.brands.list()).rejects.toMatchObject({
      code: 'H353',
      status: 403,
      location: ['iysCode'],
    });
    await expect(
      s.client.consents.status(123, { recipient: phone(1), recipientType: 'BIREYSEL', type: 'MESAJ' }),
    ).rejects.toMatchObject({
      code: 'H353',
    });
    expect(firstError((await s.raw('GET', '/sps/abc/brands')).body).code).toBe('H190');
    expect(firstError((await s.raw('GET', '/sps/600000/brands/x1/retailers')).body).code).toBe('H191');
  });
  it('refreshes after the access token expires (401 → refresh → retry)', async () => {
    s = await setup({}, { now: () => new Date('2024-03-06T09:00:00Z') }); // the client does not see the clock move
    await s.client.brands.list();
    s.sim.advance(2 * 3600_000 + 1000);
    await s.client.brands.list();
    expect(s.sim.stats().byRoute['POST /oauth2/token']).toBe(2);
    expect(s.client.tokens.requests).toBe(2);
    s.sim.advance(5 * 3600_000); // refresh token expired too: log in again
    await s.client.brands.list();
    expect(s.client.tokens.requests).toBe(4);
  });
  it('limits token requests per hour with H084, and the client stops asking', async () => {
    s = await setup({ authRequestsPerHour: 1 });
    await s.client.brands.list();
    const { createIysClient } = await import('@izinkit/iys');
    const second = createIysClient({
      baseUrl: s.sim.url,
      username: 'izinkit',
      password: 'izinkit',
      iysCode: 600000,
      rateLimit: false,
    });
    const e = await second.brands.list().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IysClientError);
    expect((e as IysClientError).code).toBe('iys_token_halted');
    await expect(second.brands.list()).rejects.toMatchObject({ code: 'iys_token_halted' });
    expect(s.sim.stats().byRoute['POST /oauth2/token']).toBe(2);
  });
  it('accepts form-encoded token requests and answers tokenType when told', async () => {
    s = await setup({ variants: { tokenTypeKey: 'tokenType' } }, { compat: { tokenBody: 'form' } });
    expect(await s.client.brands.list()).toHaveLength(2);
    const r = await fetch(`${s.sim.url}/oauth2/token`, {
      method: 'POST',
      body: 'username=izinkit&password=izinkit&grant_type=password',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(Object.keys((await r.json()) as object)).toContain('tokenType');
  });
});

describe('answer variants and remaining codes', () => {
  it('pre-2015 dates: H155 with the docs’ text when told; H252 for a refresh without a token; “Success” deletes', async () => {
    s = await setup({ variants: { preMay2015Code: 'doc', deleteRetailerBody: 'Success' } });
    const e = await addError(onay(s.sim, phone(1), { consentDate: new Date('2014-01-01T00:00:00Z') }));
    expect([e.code, e.errors[0]!.message]).toEqual([
      'H155',
      'İzin tarihi (consentDate) için 2015-05-01 00:00:00 tarihinden önceki tarihler girilmemelidir.',
    ]);
    const r = await fetch(`${s.sim.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token' }),
    });
    expect([r.status, ((await r.json()) as { errors: { code: string }[] }).errors[0]!.code]).toEqual([
      400,
      'H252',
    ]);
    const { retailerCode } = await s.client.retailers.add(BRAND, { title: 'Bayi', name: 'Ali Veli' });
    const del = await s.raw('DELETE', `/sps/600000/brands/${BRAND}/retailers/${retailerCode}`);
    expect([del.status, del.body]).toEqual([200, 'Success']);
  });
});
