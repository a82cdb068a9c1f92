import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import {
  type Database,
  DEFAULT_SCHEMA,
  isValidSchemaName,
  type Queryable,
  type QueryResult,
  type Row,
} from './database.js';
import { StorageError } from './errors.js';

/** Options of {@link openPglite}. */
export interface PgliteOptions {
  /**
   * Folder for the database files. Omit (or `memory://`) for an in-memory database that is gone on
   * close.
   */
  readonly dataDir?: string;
  /** Schema for izinkit's tables (default `izinkit`). */
  readonly schema?: string;
  /** An existing PGlite instance to use instead of creating one (it is not closed by `close()`). */
  readonly instance?: PGlite;
}

// `date` stays a plain `YYYY-MM-DD` string on both drivers (set per query, so an instance passed
// in by the caller behaves the same as one created here).
const QUERY_OPTIONS = { parsers: { 1082: (v: string): string => v } };

function wrap(q: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query<R extends object = Row>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      const r = await q.query<R>(text, params ? [...params] : undefined, QUERY_OPTIONS);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(script: string): Promise<void> {
      await q.exec(script);
    },
  };
}

/**
 * Opens an embedded PostgreSQL (PGlite, PostgreSQL compiled to WebAssembly): the same SQL as a
 * server, no installation. Used by the reference service when no `DATABASE_URL` is given, and by
 * every test.
 *
 * PGlite is single-connection: statements and transactions run one at a time, in order.
 *
 * @example
 * ```ts
 * const db = await openPglite({ dataDir: '.izinkit-data/db' });
 * await migrate(db);
 * ```
 */
export async function openPglite(options: PgliteOptions = {}): Promise<Database> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  if (!isValidSchemaName(schema)) {
    throw new StorageError(
      'invalid_option',
      `Geçersiz şema adı / invalid schema name: ${JSON.stringify(schema)}`,
    );
  }
  let pg: PGlite;
  try {
    if (options.instance) {
      pg = options.instance;
    } else {
      const dataDir = options.dataDir;
      if (dataDir && !dataDir.includes('://')) mkdirSync(dataDir, { recursive: true });
      pg = await PGlite.create(dataDir ? { dataDir } : {});
    }
    await pg.exec(`set search_path to "${schema}", public`);
  } catch (e) {
    throw new StorageError('connection_failed', `PGlite açılamadı / could not open PGlite: ${String(e)}`, {
      cause: e,
    });
  }
  const base = wrap(pg);
  return {
    dialect: 'pglite',
    schema,
    query: base.query,
    exec: base.exec,
    transaction: <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> => pg.transaction((tx) => fn(wrap(tx))),
    async close(): Promise<void> {
      if (!options.instance && !pg.closed) await pg.close();
    },
  };
}
