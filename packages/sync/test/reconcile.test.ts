import { randomBytes } from 'node:crypto';
import { consentKey } from '@izinkit/consent';
import { createIysClient, type IysClient, type ReconciliationInfo } from '@izinkit/iys';
import { type IysSimulator, type SimulatedChange, startIysSimulator } from '@izinkit/iys-simulator';
import {
  ConsentRepository,
  type Database,
  migrate,
  ReconciliationRepository,
  type StorageKeys,
} from '@izinkit/postgres';
import { databaseFixtures } from '@izinkit/test-utils/postgres';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type ReconciliationProgress,
  type ReconciliationResult,
  ReconciliationResultSchema,
  reconcileDay,
} from '../src/index.js';

const keys: StorageKeys = {
  lookupKey: randomBytes(32),
  encryptionKeys: { k1: randomBytes(32) },
  currentKeyId: 'k1',
};
const DAY = '2026-03-16';
const BRAND = 600000;
const OTHER = 600001;

/** Copies İYS's change log into our log the way the sync engine records it (one consent row per key). */
async function mirror(
  db: Database,
  consents: ConsentRepository,
  brandCode: number,
  changes: readonly SimulatedChange[],
): Promise<void> {
  for (const c of changes) {
    const k = consentKey({ brandCode, recipient: c.recipient, recipientType: c.recipientType, type: c.type });
    if (!k.ok) throw new Error(k.error.code);
    const keyHash = consents.keyHash(k.value);
    await db.query(
      `insert into consents (key_hash, brand_code, recipient_hash, recipient_enc, recipient_kind, recipient_type, type, machine_version, state)
       values ($1, $2, 'r', 'enc', $3, $4, $5, 1, '{}'::jsonb) on conflict (key_hash) do nothing`,
      [keyHash, String(brandCode), c.type === 'EPOSTA' ? 'email' : 'phone', c.recipientType, c.type],
    );
    await db.query(
      `insert into iys_transactions (brand_code, transaction_id, consent_id, key_hash, recipient_type, type, party, status,
                                     consent_date, source, creation_date)
       select $1, $2, id, $3, $4, $5, $6, $7, $8, $9, $10 from consents where key_hash = $3`,
      [
        String(brandCode),
        c.transactionId,
        keyHash,
        c.recipientType,
        c.type,
        c.party,
        c.status,
        c.consentDate ?? null,
        c.source ?? null,
        c.creationDate,
      ],
    );
  }
}

/** A simulator holding one day of changes for both brands, the clock the next morning. */
async function simulatedDay(): Promise<{ sim: IysSimulator; client: IysClient }> {
  // 12:00 in Türkiye on the day to reconcile.
  const sim = await startIysSimulator({ port: 0, now: () => new Date('2026-03-16T09:00:00Z') });
  const client = createIysClient({
    baseUrl: sim.url,
    username: 'izinkit',
    password: 'izinkit',
    iysCode: 600000,
  });
  for (const brand of [BRAND, OTHER]) {
    for (let i = 0; i < 12; i++) {
      sim.advance(60_000);
      await client.consents.add(brand, {
        recipient: i % 3 === 2 ? `kisi${i}@example.com` : `+90532100${String(i).padStart(4, '0')}`,
        recipientType: i % 4 === 3 ? 'TACIR' : 'BIREYSEL',
        type: i % 3 === 2 ? 'EPOSTA' : i % 2 === 0 ? 'MESAJ' : 'ARAMA',
        status: 'ONAY',
        source: 'HS_WEB',
        consentDate: new Date(sim.now().getTime() - 30_000),
      });
    }
    sim.advance(60_000);
    await sim.citizenChange({
      brandCode: brand,
      recipient: '+905321000000',
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
      status: 'RET',
      source: 'IYS_MOBIL',
    });
  }
  // The next morning: the day is over and its file is served.
  sim.setNow(new Date('2026-03-17T05:00:00Z'));
  return { sim, client };
}

for (const fixture of databaseFixtures()) {
  describe(`reconcileDay on ${fixture.name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    let consents: ConsentRepository;
    let store: ReconciliationRepository;
    // One simulator per database, so each starts with the day not yet agreed.
    let sim: IysSimulator;
    let client: IysClient;
    beforeAll(async () => {
      ({ sim, client } = await simulatedDay());
    });
    afterAll(async () => {
      await sim.close();
    });
    beforeEach(async () => {
      ({ db, dispose } = await fixture.open());
      await migrate(db);
      consents = new ConsentRepository({ db, keys });
      store = new ReconciliationRepository(db);
    });
    afterEach(async () => {
      await dispose();
    });

    it('agrees with İYS when our log equals the daily file, and only once', async () => {
      const log = sim.changeLog(BRAND);
      expect(log).toHaveLength(13);
      await mirror(db, consents, BRAND, log);
      const seen: ReconciliationProgress[] = [];
      const r = await reconcileDay({
        db,
        consents,
        client,
        brandCode: BRAND,
        day: DAY,
        progressEvery: 5,
        onProgress: (p) => seen.push(p),
      });
      expect(ReconciliationResultSchema.parse(JSON.parse(JSON.stringify(r)))).toEqual(r);
      expect(r).toMatchObject({
        status: 'matched',
        agreement: 'saved',
        agreementSaved: true,
        remoteRows: 13,
        localRows: 13,
        differenceCount: 0,
        error: null,
        fileSha256: sim.dailyFile(BRAND, DAY).sha256,
      });
      expect(r.summary.iys.filter((c) => c.total > 0).length).toBeGreaterThan(0);
      expect(seen.at(-1)).toEqual({ phase: 'done', localRows: 13, remoteRows: 13, differences: 0 });
      expect(seen.some((p) => p.phase === 'file' && p.remoteRows === 5)).toBe(true);
      expect(sim.snapshot().brands.find((b) => b.brandCode === BRAND)!.agreements).toContain(DAY);
      expect(await store.get(String(BRAND), DAY)).toMatchObject({
        status: 'matched',
        agreementSaved: true,
        differenceCount: 0,
        rows: 13,
        localRows: 13,
      });

      const again = await reconcileDay({ db, consents, client, brandCode: BRAND, day: DAY });
      expect(again).toMatchObject({ status: 'matched', agreement: 'already_saved', agreementSaved: true });
    });

    it('reports every difference exactly, stores them, and does not agree', async () => {
      const log = sim.changeLog(OTHER);
      const [dropped, changed, ...rest] = log;
      // Ours: one transaction missing, one with another status, one İYS does not have.
      await mirror(db, consents, OTHER, [...rest, { ...changed!, status: 'RET' }]);
      await mirror(db, consents, OTHER, [
        { ...rest[0]!, transactionId: 'f'.repeat(64), creationDate: new Date('2026-03-16T12:00:00Z') },
      ]);
      const save = vi.spyOn(client.reconciliation, 'save');
      const r = await reconcileDay({ db, consents, client, brandCode: OTHER, day: DAY });
      expect(save).not.toHaveBeenCalled();
      save.mockRestore();
      expect(r.status).toBe('differences');
      expect(r.agreement).toBe('not_attempted');
      expect(r.agreementSaved).toBe(false);
      expect(r.counts).toEqual({
        missing_local: 1,
        missing_remote: 1,
        mismatch: 1,
        duplicate_remote: 0,
        summary: 0,
      });
      const byKind = Object.fromEntries(r.differences.map((d) => [d.kind, d]));
      expect(byKind.missing_local!.transactionId).toBe(dropped!.transactionId);
      expect(byKind.missing_remote!.transactionId).toBe('f'.repeat(64));
      expect(byKind.mismatch).toMatchObject({
        transactionId: changed!.transactionId,
        fields: ['status'],
        local: { status: 'RET' },
        remote: { status: changed!.status },
      });
      // İYS's recipient is never stored in clear.
      expect(JSON.stringify(r.differences)).not.toContain(dropped!.recipient);
      expect(sim.snapshot().brands.find((b) => b.brandCode === OTHER)!.agreements).not.toContain(DAY);
      const stored = await store.differences(String(OTHER), DAY);
      expect(stored.map((d) => d.kind).sort()).toEqual(['mismatch', 'missing_local', 'missing_remote']);
      expect((await store.get(String(OTHER), DAY))!.counts).toEqual(r.counts);
    });

    it('never agrees when the file hash or the process status is wrong, or İYS refuses the day', async () => {
      await mirror(db, consents, BRAND, sim.changeLog(BRAND));
      const withInfo = (patch: Partial<ReconciliationInfo>): Pick<IysClient, 'reconciliation'> => ({
        reconciliation: {
          ...client.reconciliation,
          info: async (...args) => ({
            ...(await client.reconciliation.info(...args)),
            agreementStatus: false,
            ...patch,
          }),
          save: async () => {
            throw new Error('must not be called');
          },
        },
      });
      const bad: ReconciliationResult = await reconcileDay({
        db,
        consents,
        client: withInfo({ hashValue: '0'.repeat(64) }),
        brandCode: BRAND,
        day: DAY,
      });
      expect(bad).toMatchObject({
        status: 'failed',
        agreement: 'not_attempted',
        error: { code: 'iys_hash_mismatch' },
      });
      expect((await store.get(String(BRAND), DAY))!.status).toBe('failed');

      const pending = await reconcileDay({
        db,
        consents,
        client: withInfo({ processStatus: 'processing' }),
        brandCode: BRAND,
        day: DAY,
      });
      expect(pending).toMatchObject({
        status: 'failed',
        agreement: 'not_attempted',
        error: { code: 'iys_not_completed' },
      });

      // Today is not reconcilable yet: İYS answers H502, which is kept as the failure.
      const today = await reconcileDay({ db, consents, client, brandCode: BRAND, day: '2026-03-17' });
      expect(today.status).toBe('failed');
      expect(today.error!.message).toMatch(/H502|reportDate/);
      expect((await store.get(String(BRAND), '2026-03-17'))!.error).toMatch(/H502|reportDate/);

      const invalid = await reconcileDay({ db, consents, client, brandCode: BRAND, day: '17.03.2026' });
      expect(invalid).toMatchObject({ status: 'failed', error: { code: 'invalid_day' } });
    });
  });
}
