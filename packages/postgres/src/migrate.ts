import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';
import { StorageError } from './errors.js';

/** One schema migration: a plain SQL file applied once, in order. */
export interface Migration {
  /** The file name without `.sql`, e.g. `0001_init`. Migrations apply in this order. */
  readonly id: string;
  /** The SQL script. */
  readonly sql: string;
  /** SHA-256 hex of the script: an applied migration whose file changed is refused. */
  readonly checksum: string;
}

/** What {@link migrate} did. */
export interface MigrateResult {
  /** Ids applied by this call, in order. */
  readonly applied: string[];
  /** Ids that were already applied. */
  readonly alreadyApplied: string[];
}

const MIGRATION_FILE = /^(\d{4}_[a-z0-9_]+)\.sql$/;

/**
 * The migrations shipped with this package (`migrations/*.sql`), in order.
 *
 * @example
 * ```ts
 * for (const m of bundledMigrations()) console.log(m.id, m.checksum.slice(0, 8));
 * ```
 */
export function bundledMigrations(): Migration[] {
  // `src/migrate.ts` and `dist/index.js` both sit one folder below the package root.
  const dir = fileURLToPath(new URL('../migrations/', import.meta.url));
  return readdirSync(dir)
    .filter((f) => MIGRATION_FILE.test(f))
    .sort()
    .map((f) => {
      const sql = readFileSync(`${dir}${f}`, 'utf8');
      return { id: f.replace(/\.sql$/, ''), sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /** Migrations to apply (default: {@link bundledMigrations}). */
  readonly migrations?: readonly Migration[];
  /** Called with a line per applied migration. */
  readonly log?: (line: string) => void;
}

/**
 * Brings the database schema up to date: creates the izinkit schema if needed, then applies, in one
 * transaction under an advisory lock (so several processes starting at once are safe), every
 * migration not yet recorded in `izinkit_migrations`. Refuses to run when an applied migration's
 * file has changed or the database knows a migration this code does not (a newer version ran).
 *
 * @example
 * ```ts
 * const db = await openDatabase();
 * const { applied } = await migrate(db, { log: console.log });
 * ```
 */
export async function migrate(db: Database, options: MigrateOptions = {}): Promise<MigrateResult> {
  const migrations = options.migrations ?? bundledMigrations();
  const ids = new Set(migrations.map((m) => m.id));
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`izinkit.migrate.${db.schema}`]);
    await tx.exec(`create schema if not exists "${db.schema}"`);
    await tx.exec(
      `create table if not exists "${db.schema}".izinkit_migrations (
         id text primary key,
         checksum text not null,
         applied_at timestamptz not null default now()
       )`,
    );
    const { rows } = await tx.query<{ id: string; checksum: string }>(
      `select id, checksum from "${db.schema}".izinkit_migrations order by id`,
    );
    const done = new Map(rows.map((r) => [r.id, r.checksum]));
    for (const id of done.keys()) {
      if (!ids.has(id)) {
        throw new StorageError(
          'migration_unknown',
          `Veritabanında bu sürümün bilmediği bir göç var / the database has a migration this version does not know: ${id}`,
        );
      }
    }
    const applied: string[] = [];
    const alreadyApplied: string[] = [];
    for (const m of migrations) {
      const checksum = done.get(m.id);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) {
          throw new StorageError(
            'migration_changed',
            `Uygulanmış göç dosyası değişmiş / an applied migration file has changed: ${m.id}`,
          );
        }
        alreadyApplied.push(m.id);
        continue;
      }
      try {
        await tx.exec(m.sql);
      } catch (e) {
        throw new StorageError(
          'migration_failed',
          `Göç uygulanamadı / migration failed: ${m.id}: ${(e as Error).message}`,
          {
            cause: e,
          },
        );
      }
      await tx.query(`insert into "${db.schema}".izinkit_migrations (id, checksum) values ($1, $2)`, [
        m.id,
        m.checksum,
      ]);
      applied.push(m.id);
      options.log?.(`migrated ${m.id}`);
    }
    return { applied, alreadyApplied };
  });
}
