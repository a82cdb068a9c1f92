/**
 * The minimal executor interface every repository in this package is written against, so the same
 * code and the same SQL run on embedded PGlite and on a PostgreSQL server.
 */

/** One row as returned by the driver. */
export type Row = Record<string, unknown>;

/** The rows a statement returned and how many rows it touched. */
export interface QueryResult<R extends object = Row> {
  /** The returned rows (empty for statements without `RETURNING`). */
  readonly rows: R[];
  /** Rows returned or affected. */
  readonly rowCount: number;
}

/**
 * Something that runs SQL: a database or an open transaction.
 *
 * Parameters use PostgreSQL's `$1, $2, …` placeholders. Both drivers return `int8`/`bigint`
 * columns as JavaScript numbers (izinkit never stores a value above 2^53), `timestamptz` as `Date`,
 * `jsonb` parsed, `bytea` as `Uint8Array`.
 */
export interface Queryable {
  /**
   * Runs one statement with parameters.
   *
   * @example
   * ```ts
   * const { rows } = await db.query<{ n: number }>('select count(*)::int as n from outbox where status = $1', ['pending']);
   * ```
   */
  query<R extends object = Row>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /**
   * Runs a script of several statements without parameters (migrations).
   *
   * @example
   * ```ts
   * await db.exec('create table t (id int); create index on t (id);');
   * ```
   */
  exec(script: string): Promise<void>;
}

/** Which engine a {@link Database} talks to. */
export type Dialect = 'pglite' | 'postgres';

/**
 * A database: runs statements, opens transactions, and closes.
 *
 * @example
 * ```ts
 * const db = await openDatabase({ url: process.env.DATABASE_URL });
 * await db.transaction(async (tx) => {
 *   await tx.query('insert into t values ($1)', [1]);
 * });
 * await db.close();
 * ```
 */
export interface Database extends Queryable {
  /** The engine behind it. */
  readonly dialect: Dialect;
  /** The PostgreSQL schema every unqualified name resolves to. */
  readonly schema: string;
  /**
   * Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws (the error is
   * rethrown). Statements inside must go through the `tx` handed in.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Closes the pool or the embedded instance. */
  close(): Promise<void>;
}

/** The default schema izinkit's tables live in. */
export const DEFAULT_SCHEMA = 'izinkit';

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * True for a schema name izinkit accepts: lower-case letters, digits and `_`, not starting with a
 * digit, at most 63 characters (so it never needs quoting rules beyond double quotes).
 *
 * @example
 * ```ts
 * isValidSchemaName('izinkit'); // true
 * isValidSchemaName('Robert"); drop'); // false
 * ```
 */
export function isValidSchemaName(name: string): boolean {
  return SCHEMA_RE.test(name);
}
