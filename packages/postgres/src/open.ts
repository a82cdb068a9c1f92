import type { Database } from './database.js';
import { openPostgres } from './pg.js';
import { openPglite } from './pglite.js';

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** A `postgres://` URL. When set, a pool to that server is opened. */
  readonly url?: string | undefined;
  /** Otherwise: PGlite in this folder (omit for in-memory). */
  readonly dataDir?: string | undefined;
  /** Schema for izinkit's tables (default `izinkit`). */
  readonly schema?: string | undefined;
  /** Pool size on a server (default 10). */
  readonly max?: number | undefined;
}

/**
 * Opens a PostgreSQL server when `url` is given and embedded PGlite otherwise — the one switch the
 * reference service turns with `DATABASE_URL`.
 *
 * @example
 * ```ts
 * const db = await openDatabase({ url: process.env.DATABASE_URL, dataDir: '.izinkit-data/db' });
 * ```
 */
export function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const schema = options.schema === undefined ? {} : { schema: options.schema };
  if (options.url) {
    return openPostgres({
      url: options.url,
      ...schema,
      ...(options.max === undefined ? {} : { max: options.max }),
    });
  }
  return openPglite({ ...schema, ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }) });
}
