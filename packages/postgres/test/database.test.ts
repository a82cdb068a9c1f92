import { databaseFixtures } from '@izinkit/test-utils/postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, type Migration, migrate, openDatabase, StorageError } from '../src/index.js';

const m = (id: string, sql: string): Migration => ({ id, sql, checksum: `sum-${id}-${sql.length}` });

for (const fixture of databaseFixtures()) {
  describe(`executor and migrations on ${fixture.name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ db, dispose } = await fixture.open());
    });
    afterEach(async () => {
      await dispose();
    });

    it('leaves room on consents pages for HOT state rewrites (fillfactor 80)', async () => {
      await migrate(db);
      const { rows } = await db.query<{ reloptions: string[] | null }>(
        "select reloptions from pg_class where relname = 'consents' and relkind = 'r'",
      );
      expect(rows[0]?.reloptions).toContain('fillfactor=80');
    });

    it('maps types the same way on both drivers', async () => {
      await migrate(db, {
        migrations: [
          m('0001_t', 'create table t (id bigserial primary key, d date, j jsonb, b bytea, at timestamptz)'),
        ],
      });
      await db.query('insert into t (d, j, b, at) values ($1, $2::jsonb, $3, $4)', [
        '2026-03-18',
        JSON.stringify({ a: [1, 2] }),
        new Uint8Array([1, 2, 255]),
        new Date('2026-03-18T10:00:00Z'),
      ]);
      const { rows } = await db.query<{ id: number; d: string; j: unknown; b: Uint8Array; at: Date }>(
        'select * from t',
      );
      expect(rows).toHaveLength(1);
      const r = rows[0]!;
      expect(r.id).toBe(1);
      expect(r.d).toBe('2026-03-18');
      expect(r.j).toEqual({ a: [1, 2] });
      expect([...r.b]).toEqual([1, 2, 255]);
      expect(r.at.toISOString()).toBe('2026-03-18T10:00:00.000Z');
    });

    it('commits and rolls back transactions', async () => {
      await migrate(db, { migrations: [m('0001_t', 'create table t (v int not null)')] });
      await db.transaction(async (tx) => {
        await tx.query('insert into t values (1)');
      });
      await expect(
        db.transaction(async (tx) => {
          await tx.query('insert into t values (2)');
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const { rows } = await db.query<{ v: number }>('select v from t order by v');
      expect(rows.map((r) => r.v)).toEqual([1]);
    });

    it('applies migrations once, in order, and refuses changed or unknown ones', async () => {
      const first = [m('0001_a', 'create table a (x int)'), m('0002_b', 'create table b (y int)')];
      expect((await migrate(db, { migrations: first })).applied).toEqual(['0001_a', '0002_b']);
      const again = await migrate(db, { migrations: first });
      expect(again.applied).toEqual([]);
      expect(again.alreadyApplied).toEqual(['0001_a', '0002_b']);
      await expect(
        migrate(db, { migrations: [first[0]!, { ...first[1]!, checksum: 'changed' }] }),
      ).rejects.toMatchObject({
        code: 'migration_changed',
      });
      await expect(migrate(db, { migrations: [first[0]!] })).rejects.toMatchObject({
        code: 'migration_unknown',
      });
    });

    it('rolls back a failing migration whole', async () => {
      await expect(
        migrate(db, {
          migrations: [
            m('0001_ok', 'create table ok (x int)'),
            m('0002_bad', 'create table bad (x nosuchtype)'),
          ],
        }),
      ).rejects.toBeInstanceOf(StorageError);
      const { rows } = await db.query<{ n: number }>(
        "select count(*)::int as n from information_schema.tables where table_schema = $1 and table_name = 'ok'",
        [db.schema],
      );
      expect(rows[0]!.n).toBe(0);
    });
  });
}

describe('openDatabase', () => {
  it('rejects a bad schema name and a non-postgres URL with coded errors', async () => {
    await expect(openDatabase({ schema: 'Bad"Name' })).rejects.toMatchObject({ code: 'invalid_option' });
    await expect(openDatabase({ url: 'mysql://x' })).rejects.toMatchObject({ code: 'invalid_option' });
  });
  it('reports an unreachable server as connection_failed', async () => {
    await expect(openDatabase({ url: 'postgres://postgres@127.0.0.1:1/nope' })).rejects.toMatchObject({
      code: 'connection_failed',
    });
  });
});
