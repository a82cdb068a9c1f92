/**
 * PostgreSQL storage for izinkit: migrations, repositories and a transactional outbox — one SQL
 * dialect that runs on embedded PGlite and on a PostgreSQL server.
 *
 * @packageDocumentation
 */

export type {
  AdminSession,
  AdminUser,
  ApiKeyInfo,
  ApiKeyScope,
  AuditEntry,
  AuditInput,
  AuditWritten,
  CreatedApiKey,
  CreatedSession,
} from './access.js';
export { AccessRepository, hashPassword, verifyPasswordHash } from './access.js';
export { PgAgreementRepository } from './agreements.js';
export type {
  ApplicationCounts,
  ApplicationLogEntry,
  ApplicationRefused,
  ApplicationWriteResult,
  ApplicationWritten,
  StoredApplication,
} from './applications.js';
export { ApplicationRepository } from './applications.js';
export type {
  ClaimedIysChange,
  ClaimOptions,
  ClaimToSendOptions,
  ConsentRepositoryOptions,
  DueIysChange,
  IysOutboxStatus,
  IysResult,
  IysSendClaim,
  PendingEffect,
  PullApplyResult,
  PulledIysChange,
  RecordItem,
  RecordResult,
  StoredConsent,
  StoredConsentEvent,
} from './consents.js';
export { ConsentRepository, parseStoredState } from './consents.js';
export type { Database, Dialect, Queryable, QueryResult, Row } from './database.js';
export { DEFAULT_SCHEMA, isValidSchemaName } from './database.js';
export type { IzinkitErrorLike, StorageErrorCode } from './errors.js';
export { isIzinkitError, StorageError } from './errors.js';
export type {
  AppendedEntry,
  EntryInclusionProof,
  EvidenceAppend,
  EvidenceLogEntry,
  EvidenceLogOptions,
  LogHead,
  SequenceResult,
  StoredCheckpoint,
} from './evidence-log.js';
export { EvidenceLogStore, PgHashStore } from './evidence-log.js';
export type { StorageKeys } from './keys.js';
export type { MigrateOptions, MigrateResult, Migration } from './migrate.js';
export { bundledMigrations, migrate } from './migrate.js';
export type { OpenDatabaseOptions } from './open.js';
export { openDatabase } from './open.js';
export type { PostgresOptions } from './pg.js';
export { openPostgres } from './pg.js';
export type { PgliteOptions } from './pglite.js';
export { openPglite } from './pglite.js';
export type {
  LocalIysTransaction,
  LocalIysTransactionBatch,
  ReconciliationDifferenceKind,
  ReconciliationRun,
  StoredReconciliationDifference,
} from './reconciliation.js';
export {
  RECONCILIATION_DIFFERENCE_KINDS,
  ReconciliationRepository,
  reportDayBounds,
} from './reconciliation.js';
export type { ReconciliationReport } from './sync-state.js';
export { SyncStateRepository } from './sync-state.js';
