import type { Consent } from '@izinkit/iys';
import { afterEach, describe, expect, it } from 'vitest';
import { BRAND, firstError, minutesAgo, onay, phone, type Setup, setup } from './helpers.js';

let s: Setup;
afterEach(async () => s?.close());

describe('batch add', () => {
  it('returns one result per input, in order, with transactionIds or H-codes', async () => {
    s = await setup();
    await s.client.consents.add(BRAND, onay(s.sim, phone(1)));
    const input: Consent[] = [
      onay(s.sim, phone(2)),
      onay(s.sim, phone(1)), // H174 (already ONAY): fails in processing
      onay(s.sim, phone(3), { status: 'RET' }), // H175
      onay(s.sim, 'bad recipient'), // H122: İYS rejects the whole request; the client drops it and resends
      { ...onay(s.sim, phone(4)), consentDate: undefined }, // H112: caught locally
      onay(s.sim, 'ayse@example.com'),
    ];
    const results = await s.client.consents.addBatch(BRAND, input);
    expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5]);
    const summary = results.map((r) => (r.ok ? 'ok' : `${r.error.code}/${r.error.stage}`));
    expect(summary).toEqual(['ok', 'H174/processing', 'H175/processing', 'H122/request', 'H112/local', 'ok']);
    const ok = results[0]!;
    if (ok.ok) {
      expect(ok.value.transactionId).toBe(
        s.sim.consents(BRAND).find((c) => c.recipient === phone(2))!.transactionId,
      );
      expect(ok.value.requestId).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(s.sim.stats().byRoute['POST /consents/request']).toBe(2);
  });

  it('splits large inputs into requests of ≤ 1000 and sends repeats of a key in later requests', async () => {
    s = await setup();
    const input = Array.from({ length: 2300 }, (_, i) =>
      onay(s.sim, phone(i), { consentDate: minutesAgo(s.sim, 30) }),
    );
    input.push(onay(s.sim, phone(5), { status: 'RET', consentDate: minutesAgo(s.sim, 20) }));
    input.push(onay(s.sim, phone(5), { status: 'ONAY', consentDate: minutesAgo(s.sim, 10) }));
    const results = await s.client.consents.addBatch(BRAND, input, { onProgress: () => {} });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(s.sim.stats().byRoute['POST /consents/request']).toBe(5); // 3 chunks + 2 waves of repeats
    const five = s.sim.changeLog(BRAND).filter((c) => c.recipient === phone(5));
    expect(five.map((c) => c.status)).toEqual(['ONAY', 'RET', 'ONAY']);
  });

  it('rejects a whole request synchronously with indexed errors (H125, H194, H092)', async () => {
    s = await setup();
    const wire = (i: number) => ({
      recipient: phone(i),
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
      status: 'ONAY',
      source: 'HS_WEB',
      consentDate: '2024-03-06 11:00:00',
    });
    const path = `/sps/600000/brands/${BRAND}/consents/request`;
    const big = await s.raw(
      'POST',
      path,
      Array.from({ length: 1001 }, (_, i) => wire(i)),
    );
    expect([big.status, firstError(big.body).code]).toEqual([422, 'H125']);
    const dup = await s.raw('POST', path, [wire(1), wire(2), wire(1)]);
    expect(firstError(dup.body)).toMatchObject({ code: 'H194', index: 2 });
    const notList = await s.raw('POST', path, wire(1));
    expect(firstError(notList.body).code).toBe('H092');
    const mixed = await s.raw('POST', path, [
      wire(1),
      { ...wire(2), status: 'X' },
      { ...wire(3), recipient: 'x' },
    ]);
    expect((mixed.body as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({ index: 1, code: 'H115', location: ['status'], value: 'X' }),
      expect.objectContaining({ index: 2, code: 'H122', location: ['recipient'], value: 'x' }),
    ]);
  });

  it('maps indexes whichever base İYS uses, and both sub-request spellings', async () => {
    for (const variants of [
      { batchErrorIndexBase: 1, batchStatusIndexBase: 0, subrequestIdKey: 'subRequestId' },
      { batchErrorIndexBase: 0, batchStatusIndexBase: 1, subrequestIdKey: 'subrequestId' },
    ] as const) {
      s = await setup({ variants });
      const input = [
        onay(s.sim, phone(1)),
        onay(s.sim, '+90532'),
        onay(s.sim, phone(2)),
        onay(s.sim, 'a@b'),
        onay(s.sim, phone(3)),
      ];
      const results = await s.client.consents.addBatch(BRAND, input);
      expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'H121', 'ok', 'H120', 'ok']);
      await s.close();
    }
  });

  it('polls until no item is enqueue (batches processed asynchronously)', async () => {
    s = await setup({ batch: { manual: true } });
    const sub = await s.client.consents.submitBatch(BRAND, [
      onay(s.sim, phone(1)),
      onay(s.sim, phone(2), { status: 'RET' }),
    ]);
    expect(sub.subRequests).toHaveLength(2);
    let items = await s.client.consents.batchStatus(BRAND, sub.requestId);
    expect(items.map((i) => i.status)).toEqual(['enqueue', 'enqueue']);
    expect(s.sim.snapshot().pendingBatches).toBe(1);
    expect(await s.sim.processBatches()).toBe(2);
    items = await s.client.consents.batchStatus(BRAND, sub.requestId);
    expect(items.map((i) => [i.index, i.status, i.error?.code])).toEqual([
      [1, 'success', undefined],
      [2, 'failure', 'H175'],
    ]);
    expect(items[0]!.transactionId).toMatch(/^[0-9a-f]{64}$/);
    // addBatch waits for the processing
    const pending = s.client.consents.addBatch(BRAND, [onay(s.sim, phone(3))]);
    await new Promise((r) => setTimeout(r, 30));
    await s.sim.processBatches();
    const [r] = await pending;
    expect(r!.ok).toBe(true);
    await expect(s.client.consents.submitBatch(BRAND, [])).rejects.toMatchObject({
      code: 'iys_invalid_argument',
    });
  });

  it('gives up polling after pollTimeoutMs and returns the requestId to poll later', async () => {
    s = await setup({ batch: { manual: true } }, { batch: { pollIntervalMs: 5, pollTimeoutMs: 30 } });
    const [r] = await s.client.consents.addBatch(BRAND, [onay(s.sim, phone(1))]);
    expect(r!.ok).toBe(false);
    if (!r!.ok) {
      expect(r!.error).toMatchObject({ code: 'iys_batch_pending', stage: 'transport' });
      expect(r!.error.requestId).toMatch(/-/);
      await s.sim.processBatches();
      const items = await s.client.consents.batchStatus(BRAND, r!.error.requestId!);
      expect(items[0]!.status).toBe('success');
    }
  });

  it('validates request ids (H198, H199, H400, H093)', async () => {
    s = await setup();
    const base = `/sps/600000/brands/${BRAND}/consents/request/`;
    expect(firstError((await s.raw('GET', base + 'a'.repeat(37))).body).code).toBe('H198');
    expect(firstError((await s.raw('GET', `${base}abcdef`)).body).code).toBe('H199');
    expect(firstError((await s.raw('GET', `${base}123456`)).body).code).toBe('H400');
    await expect(
      s.client.consents.batchStatus(BRAND, '73b75030-3a92-4f1e-b247-b0509dbadbfc'),
    ).rejects.toMatchObject({
      code: 'H093',
      status: 422,
    });
  });
});
