import { databaseFixtures } from '@izinkit/test-utils/postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Database,
  type LocalIysTransaction,
  migrate,
  ReconciliationRepository,
  type ReconciliationRun,
  reportDayBounds,
  type StoredReconciliationDifference,
  SyncStateRepository,
} from '../src/index.js';

/** Inserts a consent row (reconciliation reads only its id) and the given transactions. */
async function seed(db: Database, brandCode: string, rows: readonly LocalIysTransaction[]): Promise<void> {
  const { rows: c } = await db.query<{ id: number }>(
    `insert into consents (key_hash, brand_code, recipient_hash, recipient_enc, recipient_kind, recipient_type, type, machine_version, state)
     values ($1, $2, 'r', 'enc', 'phone', 'BIREYSEL', 'MESAJ', 1, '{}'::jsonb) returning id`,
    [`k-${brandCode}-${Math.random()}`, brandCode],
  );
  const consentId = c[0]!.id;
  for (const r of rows) {
    await db.query(
      `insert into iys_transactions (brand_code, transaction_id, consent_id, key_hash, recipient_type, type, party, status,
                                     consent_date, source, creation_date)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        brandCode,
        r.transactionId,
        consentId,
        r.keyHash,
        r.recipientType,
        r.type,
        r.party,
        r.status,
        r.consentDate === null ? null : new Date(r.consentDate),
        r.source,
        new Date(r.creationDate),
      ],
    );
  }
}

const tx = (
  id: string,
  creationDate: string,
  extra: Partial<LocalIysTransaction> = {},
): LocalIysTransaction => ({
  transactionId: id,
  keyHash: `h-${id}`,
  recipientType: 'BIREYSEL',
  type: 'MESAJ',
  party: 'HS',
  status: 'ONAY',
  consentDate: Date.parse('2026-03-10T08:00:00.250Z'),
  source: 'HS_WEB',
  creationDate: Date.parse(creationDate),
  ...extra,
});

describe('reportDayBounds', () => {
  it('covers one Türkiye day, 00:00–24:00 at +03:00', () => {
    const b = reportDayBounds('2026-03-16');
    expect(b.start.toISOString()).toBe('2026-03-15T21:00:00.000Z');
    expect(b.end.toISOString()).toBe('2026-03-16T21:00:00.000Z');
  });
  it('refuses a malformed or impossible day with a clear error', () => {
    for (const bad of ['2026-3-16', '2026-02-30', '16.03.2026', '']) {
      expect(() => reportDayBounds(bad)).toThrow(/YYYY-MM-DD/);
    }
  });
});

for (const fixture of databaseFixtures()) {
  describe(`ReconciliationRepository on ${fixture.name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    let store: ReconciliationRepository;
    beforeEach(async () => {
      ({ db, dispose } = await fixture.open());
      await migrate(db);
      store = new ReconciliationRepository(db);
    });
    afterEach(async () => {
      await dispose();
    });

    it('reads exactly the transactions of one Türkiye day of one brand, page by page', async () => {
      const inDay = [
        tx('a', '2026-03-15T21:00:00.000Z'), // 00:00 Türkiye, first instant of the day
        tx('c', '2026-03-16T10:00:00.000Z', { consentDate: null, source: null, recipientType: 'TACIR' }),
        tx('b', '2026-03-16T10:00:00.000Z', { party: 'IYS', status: 'RET', source: 'IYS_MOBIL' }),
        tx('d', '2026-03-16T20:59:59.999Z'),
        tx('e,\u001fodd id', '2026-03-16T20:59:59.999Z', { keyHash: 'ab'.repeat(32) }), // separators inside an id survive
      ];
      // ids and key hashes beyond ASCII (2-, 3- and 4-byte UTF-8) survive too
      inDay.splice(3, 0, tx('ğ€😀:9', '2026-03-16T20:00:00.000Z', { keyHash: 'ş😀:1', source: 'İ😀' }));
      await seed(db, '600000', [
        ...inDay,
        tx('before', '2026-03-15T20:59:59.999Z'),
        tx('after', '2026-03-16T21:00:00.000Z'),
      ]);
      await seed(db, '600001', [tx('other-brand', '2026-03-16T10:00:00.000Z')]);
      for (const pageSize of [1, 2, 3, 100]) {
        const pages: LocalIysTransaction[][] = [];
        for await (const page of store.transactionsOfDay('600000', '2026-03-16', { pageSize }))
          pages.push(page);
        expect(pages.every((p) => p.length <= pageSize)).toBe(true);
        const all = pages.flat();
        // ordered by creation date, then transaction id
        expect(all.map((t) => t.transactionId)).toEqual(['a', 'b', 'c', 'ğ€😀:9', 'd', 'e,\u001fodd id']);
        expect(all.find((t) => t.transactionId === 'ğ€😀:9')).toEqual(inDay[3]);
        expect(all.at(-1)).toEqual(inDay.at(-1));
        const c = all.find((t) => t.transactionId === 'c')!;
        expect(c).toEqual(inDay[1]);
        expect(all.find((t) => t.transactionId === 'b')).toEqual(inDay[2]);
      }
      const found = await store.findTransactions('600000', ['after', 'nope', 'a']);
      expect(found.map((t) => t.transactionId).sort()).toEqual(['a', 'after']);
      expect(await store.findTransactions('600000', [])).toEqual([]);
    });

    it('reads dates exactly as floor(epoch × 1000), microseconds and dates before 1970 included', async () => {
      const instants = [
        '2026-03-16T10:00:00.000000Z',
        '2026-03-16T10:00:00.123999Z',
        '2026-03-16T10:00:00.999999Z',
        '2026-03-16T10:00:00.000001Z',
        '1969-12-31T23:59:59.999500Z',
        '1969-12-31T23:59:59.000001Z',
        '1970-01-01T00:00:00.000000Z',
        '1900-01-01T00:00:00.000500Z',
        '2262-04-11T23:47:16.854775Z',
      ];
      await seed(db, '600000', [tx('seed', '2026-03-16T09:00:00.000Z')]);
      // One row per instant: as consentDate, and as creationDate a microsecond-precise instant of the day.
      for (const [k, at] of instants.entries()) {
        await db.query(
          `insert into iys_transactions (brand_code, transaction_id, consent_id, key_hash, recipient_type, type, party, status,
                                         consent_date, source, creation_date)
           select brand_code, $1, consent_id, key_hash, recipient_type, type, party, status, $2::timestamptz, source,
                  '2026-03-16T10:00:00Z'::timestamptz + make_interval(secs => $3::float8 / 1000000)
             from iys_transactions where transaction_id = 'seed'`,
          [`t${k}`, at, 1 + k * 123_457],
        );
      }
      // The oracle: the server's own exact arithmetic.
      const { rows: exact } = await db.query<{ id: string; consent: string; creation: string }>(
        `select transaction_id as id, floor(extract(epoch from consent_date) * 1000)::text as consent,
                floor(extract(epoch from creation_date) * 1000)::text as creation
           from iys_transactions where brand_code = '600000'`,
      );
      for (const pageSize of [1, 4, 100]) {
        const got = new Map<string, LocalIysTransaction>();
        for await (const page of store.transactionsOfDay('600000', '2026-03-16', { pageSize })) {
          for (const t of page) got.set(t.transactionId, t);
        }
        expect(got.size).toBe(instants.length + 1);
        for (const e of exact) {
          expect([e.id, got.get(e.id)?.consentDate, got.get(e.id)?.creationDate]).toEqual([
            e.id,
            Number(e.consent),
            Number(e.creation),
          ]);
        }
      }
    });

    it('reuses its arrays across batches only when asked, with the same contents', async () => {
      const rows = Array.from({ length: 7 }, (_, i) =>
        tx(
          `id-${i}`,
          `2026-03-16T10:00:0${i}.000Z`,
          i === 3 ? { keyHash: 'not hex' } : { keyHash: String(i).repeat(64) },
        ),
      );
      await seed(db, '600000', rows);
      const read = async (reuseBuffers: boolean) => {
        const copies: string[] = [];
        const buffers: ArrayBufferLike[] = [];
        for await (const b of store.transactionBatchesOfDay('600000', '2026-03-16', {
          pageSize: 3,
          reuseBuffers,
        })) {
          buffers.push(b.idEnds.buffer);
          // what a consumer that copies each batch sees
          copies.push(
            JSON.stringify({
              length: b.length,
              ids: Buffer.from(b.ids).toString('utf8'),
              idEnds: [...b.idEnds],
              keyHashes: Buffer.from(b.keyHashes).toString('hex'),
              other: [...b.otherKeyHashes],
              fields: [b.recipientType, b.type, b.party, b.status, b.source].map((a) => [...a]),
              sources: b.sources,
              dates: [...b.consentDate, ...b.creationDate],
            }),
          );
        }
        return { copies, distinct: new Set(buffers).size };
      };
      const fresh = await read(false);
      const reused = await read(true);
      expect(reused.copies).toEqual(fresh.copies);
      expect(fresh.copies).toHaveLength(3);
      expect(fresh.distinct).toBe(3);
      expect(reused.distinct).toBe(1);
      expect(JSON.parse(fresh.copies[1]!).other).toEqual([[0, 'not hex']]);
    });

    it('stores a run with one row per difference, replaces it on a re-run and keeps the agreement', async () => {
      const differences: StoredReconciliationDifference[] = Array.from({ length: 2_345 }, (_, i) => ({
        kind: i % 2 === 0 ? 'missing_local' : 'mismatch',
        transactionId: `t${i}`,
        fields: i % 2 === 0 ? [] : ['status', 'consent"Date'],
        local: i % 2 === 0 ? null : { status: 'ONAY' },
        remote: { status: 'RET', recipient: '+90532*****67' },
      }));
      const run: ReconciliationRun = {
        brandCode: '600000',
        reportDate: '2026-03-16',
        status: 'differences',
        fileSha256: 'ab'.repeat(32),
        rows: 10,
        summary: { iys: [] },
        differences,
        differenceCount: 5_000,
        agreementSaved: false,
        error: null,
        counts: { missing_local: 2_500, mismatch: 2_500 },
        localRows: 9,
        startedAt: new Date('2026-03-17T06:00:00Z'),
        finishedAt: new Date('2026-03-17T06:00:05Z'),
      };
      await store.save(run);
      const got = await store.get('600000', '2026-03-16', { limit: 3 });
      expect(got).toMatchObject({
        status: 'differences',
        differenceCount: 5_000,
        counts: { missing_local: 2_500, mismatch: 2_500 },
        localRows: 9,
        rows: 10,
      });
      expect(got!.differences).toEqual(differences.slice(0, 3));
      expect(got!.startedAt!.toISOString()).toBe('2026-03-17T06:00:00.000Z');
      expect(await store.differences('600000', '2026-03-16', { offset: 2_000, limit: 10_000 })).toEqual(
        differences.slice(2_000),
      );
      const mismatches = await store.differences('600000', '2026-03-16', { kind: 'mismatch', limit: 5 });
      expect(mismatches.map((d) => d.transactionId)).toEqual(['t1', 't3', 't5', 't7', 't9']);
      expect(mismatches[0]!.fields).toEqual(['status', 'consent"Date']);
      // The report list of SyncStateRepository shows a preview and the exact total.
      const [listed] = await new SyncStateRepository(db).listReconciliations({ brandCode: '600000' });
      expect(listed!.differences).toHaveLength(50);
      expect(listed!.differenceCount).toBe(5_000);

      await store.markAgreed('600000', '2026-03-16');
      await store.save({ ...run, status: 'matched', differences: [], differenceCount: 0, counts: {} });
      const again = await store.get('600000', '2026-03-16');
      expect(again).toMatchObject({
        status: 'matched',
        differenceCount: 0,
        agreementSaved: true,
        differences: [],
      });
      const { rows } = await db.query<{ n: number }>(
        'select count(*)::int as n from reconciliation_differences',
      );
      expect(rows[0]!.n).toBe(0);
      expect(await store.get('600000', '2026-03-17')).toBeNull();
    });

    it('refuses an invalid day before touching the database', async () => {
      await expect(
        store.save({
          brandCode: '600000',
          reportDate: '2026-13-01',
          status: 'failed',
          fileSha256: null,
          rows: null,
          summary: {},
          differences: [],
          differenceCount: 0,
          agreementSaved: false,
          error: 'x',
          counts: {},
          localRows: null,
          startedAt: null,
          finishedAt: null,
        }),
      ).rejects.toThrow(/YYYY-MM-DD/);
      await expect(store.transactionsOfDay('600000', 'yesterday').next()).rejects.toThrow(/YYYY-MM-DD/);
    });
  });
}
