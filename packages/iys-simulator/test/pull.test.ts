import { afterEach, describe, expect, it } from 'vitest';
import { BRAND, firstError, onay, phone, type Setup, setup } from './helpers.js';

let s: Setup;
afterEach(async () => s?.close());

const HOUR = 3_600_000;

describe('changes pull (source=HS|IYS)', () => {
  it('separates provider and citizen changes and hides the last hour', async () => {
    s = await setup();
    await s.client.consents.add(BRAND, onay(s.sim, phone(1)));
    await s.sim.citizenChange({
      brandCode: BRAND,
      recipient: phone(1),
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
      status: 'RET',
      source: 'IYS_MOBIL',
    });
    await s.sim.citizenChange({
      brandCode: BRAND,
      recipient: 'yeni@example.com',
      recipientType: 'BIREYSEL',
      type: 'EPOSTA',
      status: 'ONAY',
      source: 'IYS_WEB',
      citizenName: 'Ayşe Yılmaz',
    });
    const collect = async (source: 'HS' | 'IYS', after?: string) => {
      const it = s.client.consents.changes(BRAND, { source, after });
      const out = [];
      for await (const c of it) out.push(c);
      return { out, cursor: it.cursor };
    };
    expect((await collect('IYS')).out).toEqual([]); // still inside the last hour
    s.sim.advance(HOUR);
    const iys = await collect('IYS');
    expect(iys.out.map((c) => [c.source, c.status, c.citizenName])).toEqual([
      ['IYS_MOBIL', 'RET', undefined],
      ['IYS_WEB', 'ONAY', 'Ayşe Yılmaz'],
    ]);
    const hs = await collect('HS');
    expect(hs.out.map((c) => c.source)).toEqual(['HS_WEB']);
    // Resuming from the cursor gives nothing new and keeps the cursor.
    const again = await collect('IYS', iys.cursor);
    expect(again).toEqual({ out: [], cursor: iys.cursor });
    // …until something happens.
    await s.sim.citizenChange({
      brandCode: BRAND,
      recipient: phone(1),
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
      status: 'ONAY',
      source: 'IYS_CM',
    });
    s.sim.advance(HOUR);
    const next = await collect('IYS', iys.cursor);
    expect(next.out.map((c) => c.source)).toEqual(['IYS_CM']);
    expect(next.cursor).not.toBe(iys.cursor);
    // The citizen's change is what status queries now show.
    const st = await s.client.consents.status(BRAND, {
      recipient: phone(1),
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
    });
    expect(st).toMatchObject({ status: 'ONAY', source: 'IYS_CM' });
  });

  it('pages with limit, moves the cursor with the last item of a page, and keeps a 7-day window', async () => {
    s = await setup();
    await s.client.consents.addBatch(
      BRAND,
      Array.from({ length: 25 }, (_, i) => onay(s.sim, phone(i))),
    );
    s.sim.advance(HOUR);
    const it = s.client.consents.changes(BRAND, { source: 'HS', limit: 10 });
    const cursors: (string | undefined)[] = [];
    let n = 0;
    for await (const _ of it) {
      n++;
      cursors.push(it.cursor);
    }
    expect(n).toBe(25);
    expect(new Set(cursors).size).toBe(4); // none yet, then one per page
    expect(cursors[8]).toBe(undefined);
    expect(cursors[9]).toMatch(/^\d+_[0-9a-f]{64}$/);
    expect(s.sim.stats().byRoute['GET /consents/changes']).toBe(3);
    // pages()
    let pages = 0;
    for await (const page of s.client.consents.changes(BRAND, { source: 'HS', limit: 10 }).pages()) {
      pages++;
      expect(page.list.length).toBeLessThanOrEqual(10);
    }
    expect(pages).toBe(3);
    s.sim.advance(7 * 24 * HOUR);
    let late = 0;
    for await (const _ of s.client.consents.changes(BRAND, { source: 'HS' })) late++;
    expect(late).toBe(0);
  });

  it('validates the query (H098, H183, H187)', async () => {
    s = await setup();
    const base = `/sps/600000/brands/${BRAND}/consents/changes`;
    expect(firstError((await s.raw('GET', `${base}?source=XX`)).body).code).toBe('H098');
    expect(firstError((await s.raw('GET', `${base}?source=HS&after=garbage`)).body).code).toBe('H098');
    expect(firstError((await s.raw('GET', `${base}?source=HS&limit=abc`)).body).code).toBe('H183');
    expect(firstError((await s.raw('GET', `${base}?source=HS&limit=0`)).body).code).toBe('H187');
    expect(firstError((await s.raw('GET', `${base}?source=HS&limit=5000`)).body).code).toBe('H183');
    const ok = await s.raw('GET', `${base}?source=HS&after=1604423100000_${'a'.repeat(64)}`);
    expect(ok.status).toBe(200);
  });

  it('refuses citizen changes İYS would refuse', async () => {
    s = await setup();
    const c = {
      brandCode: BRAND,
      recipient: phone(1),
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
      status: 'RET',
      source: 'IYS_WEB',
    } as const;
    await s.sim.citizenChange(c);
    await expect(s.sim.citizenChange(c)).rejects.toMatchObject({ code: 'H174' });
    await expect(s.sim.citizenChange({ ...c, source: 'HS_WEB' as never })).rejects.toMatchObject({
      code: 'H119',
    });
    await expect(s.sim.citizenChange({ ...c, recipient: 'x' })).rejects.toMatchObject({ code: 'H122' });
    await expect(s.sim.citizenChange({ ...c, brandCode: 1 })).rejects.toMatchObject({ code: 'H353' });
  });
});
