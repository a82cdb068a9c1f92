/**
 * Typed client for the İYS (İleti Yönetim Sistemi) REST API: tokens, consents, brands, retailers and
 * reconciliation — and the İYS vocabulary every izinkit package shares.
 *
 * @packageDocumentation
 */

export type {
  AddBatchOptions,
  BatchConsentResult,
  BatchFailureStage,
  BatchItemError,
  BatchOptions,
  BrandsApi,
  CallOptions,
  ChangesQuery,
  CompatOptions,
  ConsentChangesIterator,
  ConsentsApi,
  DailyFileStream,
  IysClient,
  IysClientOptions,
  ReconciliationApi,
  RetailerAccessApi,
  RetailerAccessMany,
  RetailerAccessOne,
  RetailersApi,
  StatusManyResult,
} from './client.js';
export { createIysClient } from './client.js';
export { consentToWire } from './consent-wire.js';
export type { DailyFileError, DailyFileErrorCode, DailyFileReader, DailyFileRow } from './daily-file.js';
export {
  createDailyFileReader,
  DAILY_FILE_COLUMNS,
  DailyFileParseError,
  formatDailyFile,
  parseDailyFile,
} from './daily-file.js';
export type { IysDateError, IysDateErrorCode, IysDateTimeError, IysDateTimeErrorCode } from './datetime.js';
export {
  formatIysDate,
  formatIysDateTime,
  IysDateTimeSchema,
  parseIysDate,
  parseIysDateTime,
  startOfIysDate,
} from './datetime.js';
export type { IysApiErrorInit, IysClientErrorCode, IysErrorItem, IzinkitErrorLike } from './errors.js';
export { IysApiError, IysClientError, isIysApiError, isIzinkitError } from './errors.js';
export type { HCode, HCodeInfo } from './hcodes.js';
export {
  describeHCode,
  formatHMessage,
  H_CODE_TABLE,
  H_CODES,
  isHCode,
  isRetryableHCode,
  RETRYABLE_H_CODES,
  THREE_BUSINESS_DAY_RULE_CODE,
} from './hcodes.js';
export type { IysLogger } from './logger.js';
export type { RateLimiter, RateLimiterOptions } from './rate-limit.js';
export { createRateLimiter } from './rate-limit.js';
export type { IysResult } from './result.js';
export type { RetryOptions } from './retry.js';
export { computeBackoffMs, parseRetryAfter } from './retry.js';
export type {
  AddConsentResponse,
  AgreementSaveResult,
  BatchItemStatus,
  BatchStatusItem,
  BatchSubmitResponse,
  BatchSubRequest,
  Brand,
  ChangeSource,
  Consent,
  ConsentChange,
  ConsentChangesPage,
  ConsentQuery,
  ConsentRecord,
  ConsentWire,
  IysErrorItemWire,
  MultipleStatusRequest,
  MultipleStatusResponse,
  NewRetailer,
  Pagination,
  PlaceRef,
  ReconciliationInfo,
  ReconciliationSummary,
  RefreshTokenRequest,
  Retailer,
  RetailerAccessAddResponse,
  RetailerAccessRequest,
  RetailerCreated,
  RetailerPage,
  RetailerStatus,
  SummaryCounts,
  TokenRequest,
  TokenResponse,
} from './schemas.js';
export {
  AddConsentResponseSchema,
  AddRetailerResponseSchema,
  BATCH_ITEM_STATUSES,
  BatchStatusResponseSchema,
  BatchSubmitResponseSchema,
  BrandListSchema,
  ChangeSourceSchema,
  ConsentChangesPageSchema,
  ConsentQuerySchema,
  ConsentRecordSchema,
  ConsentSchema,
  ConsentWireSchema,
  IysErrorBodySchema,
  MultipleStatusRequestSchema,
  MultipleStatusResponseSchema,
  NewRetailerSchema,
  RETAILER_STATUSES,
  ReconciliationInfoSchema,
  ReconciliationSaveResponseSchema,
  ReconciliationSummarySchema,
  RefreshTokenRequestSchema,
  RetailerAccessAddResponseSchema,
  RetailerAccessRequestSchema,
  RetailerPageSchema,
  RetailerSchema,
  TokenRequestSchema,
  TokenResponseSchema,
} from './schemas.js';
export type { TokenManager, TokenManagerOptions, TokenTransport } from './token.js';
export { createTokenManager } from './token.js';
export type {
  ConsentSource,
  ConsentStatus,
  ConsentType,
  IysSource,
  ProviderSource,
  RecipientType,
} from './vocabulary.js';
export {
  CONSENT_STATUSES,
  CONSENT_TYPES,
  ConsentSourceSchema,
  ConsentStatusSchema,
  ConsentTypeSchema,
  channelsFor,
  HS_2015_CONSENT_DATE,
  HS_2015_CONSENT_INSTANT,
  IysSourceSchema,
  isIysSource,
  isProviderSource,
  KNOWN_IYS_SOURCES,
  PROVIDER_SOURCES,
  ProviderSourceSchema,
  RECIPIENT_TYPES,
  RecipientTypeSchema,
} from './vocabulary.js';
