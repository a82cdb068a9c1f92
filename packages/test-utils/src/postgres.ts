/**
 * Database fixtures for izinkit's storage tests: every suite runs on embedded PGlite, and also on
 * the PostgreSQL server named by `TEST_DATABASE_URL` when it is set (CI sets it). When it is set,
 * the server tests must run: an unreachable server fails them, it never skips them.
 */
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { type Database, openPglite, openPostgres } from '@izinkit/postgres';

/** A way to open a fresh, empty database for one test. */
export interface DatabaseFixture {
  /** `pglite` or `postgres`, for test names. */
  readonly name: 'pglite' | 'postgres';
  /** Opens a database in a schema of its own; `dispose` drops that schema (server) and closes. */
  open(): Promise<{ db: Database; dispose: () => Promise<void> }>;
}

// One embedded instance per test file (starting PGlite costs seconds); each test gets a schema.
let shared: Promise<PGlite> | undefined;

const pglite: DatabaseFixture = {
  name: 'pglite',
  async open() {
    shared ??= PGlite.create();
    const instance = await shared;
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const db = await openPglite({ instance, schema });
    return {
      db,
      dispose: async () => {
        await db.exec(`drop schema if exists "${schema}" cascade`);
        await db.close();
      },
    };
  },
};

function postgres(url: string): DatabaseFixture {
  return {
    name: 'postgres',
    async open() {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const db = await openPostgres({ url, schema, max: 8 });
      return {
        db,
        dispose: async () => {
          await db.exec(`drop schema if exists "${schema}" cascade`);
          await db.close();
        },
      };
    },
  };
}

/** The fixtures to run storage tests on: PGlite always, the server when `TEST_DATABASE_URL` is set. */
export function databaseFixtures(): DatabaseFixture[] {
  const url = process.env.TEST_DATABASE_URL;
  return url ? [pglite, postgres(url)] : [pglite];
}
