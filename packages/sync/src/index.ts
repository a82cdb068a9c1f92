/**
 * The two-way İYS sync engine: pushes local consent changes through the outbox within the
 * statutory deadline (earliest deadline first, never twice), pulls citizens' changes, raises the
 * changes at risk of missing their deadline — embedded or as worker processes on one PostgreSQL.
 *
 * @packageDocumentation
 */

export type { SyncEngine, SyncEngineStatus, SyncRunResult } from './engine.js';
export { startSyncEngine } from './engine.js';
export type { PullRoundResult } from './internal/pull.js';
export type { PushRoundResult } from './internal/push.js';
export type {
  AlertOptions,
  PullOptions,
  PushOptions,
  SyncAlert,
  SyncEngineOptions,
  SyncLogger,
  SyncMessage,
} from './options.js';
export type { DayComparerOptions } from './reconcile/compare.js';
export { DayComparer, maskRecipient, summaryCounts } from './reconcile/compare.js';
export type { ReconcileDayOptions } from './reconcile/reconcile-day.js';
export { reconcileDay } from './reconcile/reconcile-day.js';
export type {
  ReconciliationAgreement,
  ReconciliationCounts,
  ReconciliationDifference,
  ReconciliationKindCounts,
  ReconciliationProgress,
  ReconciliationResult,
} from './reconcile/schema.js';
export {
  ReconciliationDifferenceKindSchema,
  ReconciliationDifferenceSchema,
  ReconciliationResultSchema,
} from './reconcile/schema.js';
export type { SyncStatus, SyncStatusOptions } from './status.js';
export { riskWindowEnd, syncStatus } from './status.js';
