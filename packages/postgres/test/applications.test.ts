import { randomBytes } from 'node:crypto';
import { databaseFixtures } from '@izinkit/test-utils/postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApplicationRepository, type Database, migrate, type StorageKeys } from '../src/index.js';

const keys: StorageKeys = {
  lookupKey: randomBytes(32),
  encryptionKeys: { k1: randomBytes(32) },
  currentKeyId: 'k1',
};

for (const fixture of databaseFixtures()) {
  describe(`ApplicationRepository on ${fixture.name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    let apps: ApplicationRepository;
    beforeEach(async () => {
      ({ db, dispose } = await fixture.open());
      await migrate(db);
      apps = new ApplicationRepository({ db, keys });
    });
    afterEach(async () => {
      await dispose();
    });

    const receivedAt = new Date('2026-03-02T09:00:00+03:00');

    it('runs an application through the machine, encrypted at rest, with its log', async () => {
      const created = await apps.create(
        {
          id: 'BSV-1',
          kinds: ['learn_if_processed', 'erasure'],
          channel: 'registered_email',
          receivedAt,
          subject: { name: 'Ayşe Yılmaz', contact: 'ayse@example.com' },
        },
        { subjectHash: 'h-ayse' },
      );
      expect(created.ok).toBe(true);
      if (!created.ok) return;
      expect(created.value.state.deadlineAt).toBe('2026-04-01T20:59:59.999Z');
      const { rows } = await db.query<{ t: string }>(
        'select t::text as t from dsr_applications t union all select e::text from dsr_events e',
      );
      for (const r of rows) {
        expect(r.t).not.toContain('Ayşe');
        expect(r.t).not.toContain('ayse@example.com');
      }
      const wrong = await apps.apply('BSV-1', {
        type: 'answer',
        at: new Date('2026-03-03T09:00:00Z'),
        decision: 'accepted',
        summary: 'x',
      });
      expect(wrong.ok).toBe(false);
      if (!wrong.ok) expect(wrong.error.code).toBe('invalid_transition');
      await apps.apply('BSV-1', {
        type: 'verify_identity',
        at: new Date('2026-03-03T09:00:00Z'),
        method: 'otp',
      });
      await apps.apply('BSV-1', { type: 'start_processing', at: new Date('2026-03-04T09:00:00Z') });
      const done = await apps.apply('BSV-1', {
        type: 'answer',
        at: new Date('2026-03-05T09:00:00Z'),
        decision: 'accepted',
        summary: 'ok',
      });
      expect(done.ok && done.value.state.status).toBe('answered');
      expect((await apps.events('BSV-1')).map((e) => e.type)).toEqual([
        'received',
        'verify_identity',
        'start_processing',
        'answer',
      ]);
      expect((await apps.list({ subjectHash: 'h-ayse' })).map((a) => a.state.id)).toEqual(['BSV-1']);
    });

    it('counts open, unseen and overdue applications and orders the open queue by deadline', async () => {
      await apps.create({ id: 'A', kinds: ['learn_if_processed'], channel: 'registered_email', receivedAt });
      await apps.create({
        id: 'B',
        kinds: ['learn_if_processed'],
        channel: 'registered_email',
        receivedAt: new Date('2026-02-01T09:00:00+03:00'),
      });
      expect(await apps.counts(new Date('2026-03-10T00:00:00Z'))).toEqual({ open: 2, unseen: 2, overdue: 1 });
      await apps.markSeen('A');
      expect((await apps.counts(new Date('2026-03-10T00:00:00Z'))).unseen).toBe(1);
      expect((await apps.list({ open: true })).map((a) => a.state.id)).toEqual(['B', 'A']);
      await expect(
        apps.create({ id: 'A', kinds: ['learn_if_processed'], channel: 'registered_email', receivedAt }),
      ).rejects.toMatchObject({ code: 'conflict' });
    });
  });
}
