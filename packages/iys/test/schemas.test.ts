import { describe, expect, it } from 'vitest';
import {
  BatchStatusResponseSchema,
  BatchSubmitResponseSchema,
  BrandListSchema,
  ConsentChangesPageSchema,
  ConsentRecordSchema,
  ConsentSchema,
  consentToWire,
  IysErrorBodySchema,
  MultipleStatusResponseSchema,
  RetailerAccessAddResponseSchema,
  RetailerPageSchema,
  RetailerSchema,
  TokenResponseSchema,
} from '../src/index.js';

describe('response schemas accept the known variants', () => {
  it('token_type and tokenType; never accessToken', () => {
    expect(
      TokenResponseSchema.parse({ access_token: 'a', expires_in: 7200, token_type: 'bearer' }).tokenType,
    ).toBe('bearer');
    expect(
      TokenResponseSchema.parse({
        access_token: 'a',
        refresh_token: 'r',
        expires_in: 7200,
        tokenType: 'Bearer',
      }),
    ).toEqual({
      accessToken: 'a',
      refreshToken: 'r',
      expiresIn: 7200,
      refreshExpiresIn: undefined,
      tokenType: 'Bearer',
    });
    expect(TokenResponseSchema.safeParse({ accessToken: 'a', expiresIn: 7200 }).success).toBe(false);
  });
  it('subrequestId and subRequestId', () => {
    const base = { recipient: 'a@b.co', recipientType: 'BIREYSEL', type: 'EPOSTA', status: 'ONAY' };
    const a = BatchSubmitResponseSchema.parse({
      requestId: 'r',
      subRequests: [{ ...base, subrequestId: 's1' }],
    });
    const b = BatchSubmitResponseSchema.parse({
      requestId: 'r',
      subRequests: [{ ...base, subRequestId: 's2' }],
    });
    expect(a.subRequests[0]!.subrequestId).toBe('s1');
    expect(b.subRequests[0]!.subrequestId).toBe('s2');
    expect(BatchSubmitResponseSchema.safeParse({ requestId: 'r', subRequests: [base] }).success).toBe(false);
    const status = BatchStatusResponseSchema.parse([
      { index: 1, status: 'failure', subrequestId: 'x', error: { code: 'H155', message: 'm' } },
      {
        index: 2,
        status: 'success',
        subRequestId: 'y',
        transactionId: 't',
        creationDate: '2020-07-24 15:25:00',
      },
      { index: 3, status: 'enqueue', subrequestId: 'z', transactionId: null },
    ]);
    expect(status.map((s) => s.subrequestId)).toEqual(['x', 'y', 'z']);
    expect(status[1]!.creationDate?.toISOString()).toBe('2020-07-24T12:25:00.000Z');
    expect(status[0]!.error?.code).toBe('H155');
  });
  it('retailerAccess (docs) and retailerAccessCount + transactionId (live) in the status answer', () => {
    const doc = ConsentRecordSchema.parse({
      type: 'MESAJ',
      source: 'HS_WEB',
      recipient: '+905813334455',
      recipientType: 'BIREYSEL',
      status: 'ONAY',
      consentDate: '2018-02-10 09:50:02',
      creationDate: '2020-07-10 21:51:01',
      retailerCode: 11223344,
      retailerAccess: [22233344],
    });
    expect(doc.retailerAccess).toEqual([22233344]);
    expect(doc.consentDate?.toISOString()).toBe('2018-02-10T06:50:02.000Z');
    const live = ConsentRecordSchema.parse({
      recipientType: 'BIREYSEL',
      recipient: '+905813334455',
      source: 'IYS_MOBIL',
      type: 'MESAJ',
      consentDate: '2018-02-10 09:50:02',
      status: 'RET',
      creationDate: '2020-07-10 21:51:01',
      retailerAccessCount: 0,
      transactionId: 'e9815a44',
      retailerTitle: null,
    });
    expect(live.retailerAccessCount).toBe(0);
    expect(live.transactionId).toBe('e9815a44');
    expect(live.source).toBe('IYS_MOBIL');
  });
  it('retailers: string or boolean canBeDeleted, numeric tckn/mersis', () => {
    const r = RetailerSchema.parse({
      retailerCode: '44445555',
      title: 'x',
      canBeDeleted: 'false',
      tckn: 10000000146,
      mersis: 123,
    });
    expect(r).toMatchObject({
      retailerCode: 44445555,
      canBeDeleted: false,
      tckn: '10000000146',
      mersis: '123',
    });
    expect(RetailerSchema.parse({ retailerCode: 1, title: 'x', canBeDeleted: true }).canBeDeleted).toBe(true);
    const page = RetailerPageSchema.parse({
      pagination: { offset: 0, pageSize: 100, totalCount: 1 },
      list: [{ retailerCode: 1 }],
    });
    expect(page.list[0]!.status).toBe('active');
  });
  it('other answers', () => {
    expect(MultipleStatusResponseSchema.parse({ list: ['+905321234567'] })).toEqual({
      requestId: undefined,
      list: ['+905321234567'],
    });
    expect(ConsentChangesPageSchema.parse({ after: null, list: [] })).toEqual({ after: undefined, list: [] });
    expect(
      BrandListSchema.parse([{ brandCode: 77790, name: 'alt Marka 1', master: false }])[0]!.stats.consents
        .total,
    ).toBe(0);
    expect(RetailerAccessAddResponseSchema.parse('Başarı')).toEqual({
      transactionId: undefined,
      creationDate: undefined,
    });
  });
  it('error bodies of all three shapes', () => {
    expect(
      IysErrorBodySchema.parse({
        errors: [{ code: 'H180', message: 'm', location: ['retailerAccess', 0], value: 90043618 }],
      }),
    ).toEqual([{ code: 'H180', message: 'm', location: ['retailerAccess', 0], value: 90043618 }]);
    expect(IysErrorBodySchema.parse({ code: 'H084', message: 'limit' })).toEqual([
      { code: 'H084', message: 'limit' },
    ]);
    expect(IysErrorBodySchema.parse({ message: 'Internal', status: 500 })).toEqual([]);
  });
});

describe('consentToWire and ConsentSchema', () => {
  const ok = {
    recipient: '+905321234567',
    recipientType: 'BIREYSEL' as const,
    type: 'MESAJ' as const,
    status: 'ONAY' as const,
    source: 'HS_WEB' as const,
    consentDate: new Date('2024-03-01T07:30:00Z'),
  };
  it('formats the date and keeps only known fields', () => {
    const r = consentToWire({ ...ok, retailerAccess: [1, 2], extra: 1 } as never);
    expect(r).toEqual({
      ok: true,
      value: { ...ok, consentDate: '2024-03-01 10:30:00', retailerAccess: [1, 2] },
    });
  });
  it('gives İYS’s codes for shape errors', () => {
    const codes = (c: unknown): string[] => {
      const r = consentToWire(c as never);
      return r.ok ? [] : r.error.map((e) => e.code);
    };
    expect(codes({ ...ok, consentDate: undefined, source: undefined })).toEqual(['H112', 'H113']);
    expect(codes({ ...ok, recipientType: 'TACIR', consentDate: undefined, source: undefined })).toEqual([]);
    expect(codes({ ...ok, status: 'RED' })).toEqual(['H115']);
    expect(codes({ ...ok, type: 'SMS' })).toEqual(['H117']);
    expect(codes({ ...ok, recipientType: 'KURUMSAL' })).toEqual(['H116']);
    expect(codes({ ...ok, source: 'IYS_WEB' })).toEqual(['H119']);
    expect(codes({ ...ok, consentDate: new Date(Number.NaN) })).toEqual(['H157']);
    expect(codes({ ...ok, recipient: ' ' })).toEqual(['H114']);
    expect(codes({ recipient: 'x' })).toEqual(['H170', 'H111', 'H110', 'H112', 'H113']);
    expect(codes(null)).toEqual(['H085']);
  });
  it('ConsentSchema is strict like İYS (H118)', () => {
    expect(ConsentSchema.safeParse(ok).success).toBe(true);
    expect(ConsentSchema.safeParse({ ...ok, foo: 1 }).success).toBe(false);
  });
});

describe('the fast batch-status reader agrees with the schema', () => {
  it('on valid answers, and defers to the schema on anything else', async () => {
    const { fastBatchStatus } = await import('../src/internal/fast-parse.js');
    const fc = (await import('fast-check')).default;
    const item = fc.record(
      {
        index: fc.integer({ min: 0, max: 1000 }),
        status: fc.constantFrom('success', 'failure', 'enqueue'),
        subrequestId: fc.uuid(),
        subRequestId: fc.uuid(),
        transactionId: fc.option(fc.stringMatching(/^[0-9a-f]{64}$/)),
        creationDate: fc.option(
          fc.constantFrom('2020-07-24 15:25:00', '2024-02-29 23:59:59', '2024-02-30 10:00:00', 'x'),
        ),
        error: fc.option(
          fc.record(
            { code: fc.constantFrom('H155', 'H174'), message: fc.string() },
            { requiredKeys: ['code'] },
          ),
        ),
      },
      { requiredKeys: ['status'] },
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(item, fc.constant(null), fc.constant({ status: 'done' }))), (body) => {
        const fast = fastBatchStatus(body);
        const slow = BatchStatusResponseSchema.safeParse(body);
        if (fast !== undefined) expect(slow.success && slow.data).toEqual(fast);
        else if (slow.success) {
          // The fast reader may only give up on inputs it does not handle; the schema then decides.
          expect(Array.isArray(body)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
    expect(fastBatchStatus({})).toBeUndefined();
  });
});
