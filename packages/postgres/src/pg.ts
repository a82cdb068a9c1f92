import pg from 'pg';
import {
  type Database,
  DEFAULT_SCHEMA,
  isValidSchemaName,
  type Queryable,
  type QueryResult,
  type Row,
} from './database.js';
import { StorageError } from './errors.js';

/** Options of {@link openPostgres}. */
export interface PostgresOptions {
  /** A `postgres://` connection string. */
  readonly url: string;
  /** Schema for izinkit's tables (default `izinkit`). */
  readonly schema?: string;
  /** Pool size (default 10). */
  readonly max?: number;
  /** Application name shown in `pg_stat_activity` (default `izinkit`). */
  readonly applicationName?: string;
}

const INT8_OID = 20;
const DATE_OID = 1082;

const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (oid === INT8_OID) {
      return (v: string) => {
        const n = Number(v);
        if (!Number.isSafeInteger(n)) {
          throw new StorageError('query_failed', `int8 değeri çok büyük / int8 value beyond 2^53: ${v}`);
        }
        return n;
      };
    }
    if (oid === DATE_OID) return (v: string) => v;
    return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
  },
};

function toParams(params: readonly unknown[] | undefined): unknown[] | undefined {
  if (!params) return undefined;
  return params.map((p) =>
    p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p.buffer, p.byteOffset, p.byteLength) : p,
  );
}

function wrapClient(c: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R extends object = Row>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
      const r = await c.query<R>(text, toParams(params));
      return { rows: r.rows, rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(script: string): Promise<void> {
      await c.query(script);
    },
  };
}

/**
 * Opens a pool to a PostgreSQL server (or a Postgres-compatible engine). Every connection's
 * `search_path` is set to the izinkit schema, so repositories use unqualified names.
 *
 * @example
 * ```ts
 * const db = await openPostgres({ url: 'postgres://postgres@127.0.0.1:5432/test' });
 * await migrate(db);
 * ```
 */
export async function openPostgres(options: PostgresOptions): Promise<Database> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  if (!isValidSchemaName(schema)) {
    throw new StorageError(
      'invalid_option',
      `Geçersiz şema adı / invalid schema name: ${JSON.stringify(schema)}`,
    );
  }
  if (!/^postgres(ql)?:\/\//.test(options.url)) {
    throw new StorageError(
      'invalid_option',
      'Bağlantı adresi postgres:// ile başlamalı / the connection URL must start with postgres://',
    );
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'izinkit',
    options: `-c search_path="${schema}",public`,
    types: typeParsers,
  });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  try {
    const c = await pool.connect();
    c.release();
  } catch (e) {
    await pool.end().catch(() => {});
    throw new StorageError(
      'connection_failed',
      `PostgreSQL'e bağlanılamadı / could not connect to PostgreSQL: ${(e as Error).message}`,
      { cause: e },
    );
  }
  const base = wrapClient(pool);
  return {
    dialect: 'postgres',
    schema,
    query: base.query,
    exec: base.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('begin');
        const result = await fn(wrapClient(client));
        await client.query('commit');
        return result;
      } catch (e) {
        // A connection that cannot even roll back is destroyed rather than returned to the pool.
        await client.query('rollback').catch((r: Error) => {
          broken = r;
        });
        throw e;
      } finally {
        client.release(broken);
      }
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
}
