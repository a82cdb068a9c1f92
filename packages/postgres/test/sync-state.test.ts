import { databaseFixtures } from '@izinkit/test-utils/postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, migrate, type ReconciliationReport, SyncStateRepository } from '../src/index.js';

for (const fixture of databaseFixtures()) {
  describe(`SyncStateRepository on ${fixture.name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    let sync: SyncStateRepository;
    beforeEach(async () => {
      ({ db, dispose } = await fixture.open());
      await migrate(db);
      sync = new SyncStateRepository(db);
    });
    afterEach(async () => {
      await dispose();
    });

    it('keeps one cursor per brand and source', async () => {
      expect(await sync.getCursor('600000', 'IYS')).toBeNull();
      await sync.setCursor('600000', 'IYS', 'c1');
      await sync.setCursor('600000', 'IYS', 'c2');
      await sync.setCursor('600001', 'IYS', 'other');
      expect(await sync.getCursor('600000', 'IYS')).toBe('c2');
      expect(await sync.getCursor('600000', 'HS')).toBeNull();
    });

    it('replaces a day report but never forgets that it was saved in İYS', async () => {
      const base: ReconciliationReport = {
        brandCode: '600000',
        reportDate: '2026-03-16',
        status: 'matched',
        fileSha256: 'ab',
        rows: 3,
        summary: { ours: 3 },
        differences: [],
        differenceCount: 0,
        agreementSaved: true,
        error: null,
      };
      await sync.saveReconciliation(base);
      await sync.saveReconciliation({ ...base, agreementSaved: false, rows: 4 });
      await sync.saveReconciliation({
        ...base,
        reportDate: '2026-03-17',
        status: 'differences',
        differences: [{ k: 1 }],
        differenceCount: 1,
        agreementSaved: false,
      });
      const list = await sync.listReconciliations({ brandCode: '600000' });
      expect(list.map((r) => [r.reportDate, r.status, r.agreementSaved, r.rows])).toEqual([
        ['2026-03-17', 'differences', false, 3],
        ['2026-03-16', 'matched', true, 4],
      ]);
    });
  });
}
