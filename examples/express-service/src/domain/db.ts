/**
 * Small helpers over @izinkit/postgres's `Database`.
 */
import type { Database, Queryable } from '@izinkit/postgres';

/**
 * A `Database` view of an open transaction: repositories built on it run every statement — their
 * own "transactions" included — inside the caller's transaction. This is how one request's
 * consent change, audit entry and service rows commit together.
 *
 * @example
 * ```ts
 * await db.transaction(async (tx) => {
 *   const repo = new ConsentRepository({ db: inTransaction(db, tx), keys });
 *   await repo.recordMany(items);
 *   await tx.query('insert into import_rows …');
 * });
 * ```
 */
export function inTransaction(db: Database, tx: Queryable): Database {
  return {
    dialect: db.dialect,
    schema: db.schema,
    query: (text, params) => tx.query(text, params),
    exec: (script) => tx.exec(script),
    transaction: (fn) => fn(tx),
    close: async () => {},
  };
}
