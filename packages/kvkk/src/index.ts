/**
 * KVKK helpers: Turkish PII detection, anonymisation operators with explicit linkability,
 * k-anonymity, data-subject applications, retention and destruction records.
 *
 * @packageDocumentation
 */
export type { AnonymizeContext, Anonymized, AnonymizedText } from './anonymize.js';
export {
  anonymizeRecord,
  anonymizeText,
  anonymizeTextWithReport,
  REDACTION_LABELS,
} from './anonymize.js';
export type {
  ApplicantInfo,
  ApplicationChannel,
  ApplicationClock,
  ApplicationError,
  ApplicationErrorCode,
  ApplicationEvent,
  ApplicationFee,
  ApplicationHistoryEntry,
  ApplicationOutcome,
  ApplicationPause,
  ApplicationState,
  ApplicationStatus,
  IdentityCheck,
  ReceiveApplicationInput,
  RejectionReason,
  ReplayError,
  RequestKind,
  RequestKindInfo,
} from './applications.js';
export {
  APPLICATION_CHANNELS,
  APPLICATION_STATUSES,
  ApplicationEventSchema,
  ApplicationStateSchema,
  applicationClock,
  applyApplicationEvent,
  REQUEST_KIND_INFO,
  REQUEST_KINDS,
  ReceiveApplicationInputSchema,
  RequestKindSchema,
  receiveApplication,
  replayApplication,
} from './applications.js';
export type {
  DetokenizeOptions,
  KeyLookup,
  Pseudonym,
  PseudonymizeOptions,
  PseudonymLookupOptions,
  RandomSource,
  SaltedHash,
  SaltedHashOptions,
  Token,
  TokenError,
  TokenErrorCode,
  TokenizeOptions,
} from './crypto.js';
export {
  detokenize,
  keyIdOf,
  pseudonymize,
  pseudonymsFor,
  saltedHash,
  tokenize,
  verifyPseudonym,
} from './crypto.js';
export type { ErasureDecision, ErasureField, ErasureInput, ErasurePlan } from './erasure.js';
export { planErasure } from './erasure.js';
export type { KvkkErrorCode, KvkkIssue, KvkkResult, Localized, ValidationIssue } from './errors.js';
export { isKvkkError, KvkkError } from './errors.js';
export type { IbanError, IbanErrorCode, TrIban } from './iban.js';
export { isValidTrIban, parseTrIban } from './iban.js';
export type {
  AchieveKAnonymityOptions,
  AchieveKAnonymityResult,
  KAnonymityReport,
  LDiversityReport,
  QuasiIdentifier,
  Row,
} from './kanonymity.js';
export { achieveKAnonymity, kAnonymity, lDiversity } from './kanonymity.js';
export type {
  AddressParts,
  GeneraliseError,
  GeneraliseErrorCode,
  GeneraliseSpec,
  Linkability,
  MaskOptions,
  OperatorDescription,
  OperatorDescriptionOf,
  OperatorName,
} from './operators.js';
export { GeneraliseSpecSchema, generalise, mask, OPERATORS, redact } from './operators.js';
export type { FindPiiOptions, PiiKind, PiiMatch } from './pii.js';
export { findPii, PII_KINDS, PiiKindSchema } from './pii.js';
export type { PlateError, PlateErrorCode, TrPlate } from './plate.js';
export { isValidTrPlate, parseTrPlate } from './plate.js';
export type {
  AnonymizationPolicy,
  FieldRule,
  PolicyDescription,
  PolicyError,
  PolicyFieldDescription,
  TextPolicy,
  TextRule,
} from './policy.js';
export {
  AnonymizationPolicySchema,
  describeAnonymizationPolicy,
  FieldRuleSchema,
  parseAnonymizationPolicy,
  TextPolicySchema,
  TextRuleSchema,
} from './policy.js';
export type { Province } from './provinces.js';
export { PROVINCES, provinceByCode, provinceByName } from './provinces.js';
export type {
  DestructionEntry,
  DestructionMethod,
  DestructionPlan,
  DestructionRecord,
  DestructionRecordInput,
  DestructionSchedule,
  DueCategory,
  PeriodicDestructionInput,
  RetentionError,
  RetentionErrorCode,
  RetentionItem,
  RetentionPeriod,
  RetentionPolicy,
} from './retention.js';
export {
  CONSENT_RECORD_POLICY,
  createDestructionRecord,
  DESTRUCTION_METHODS,
  DESTRUCTION_RECORD_POLICY,
  DESTRUCTION_TECHNIQUES,
  DestructionRecordSchema,
  DestructionScheduleSchema,
  nextDestructionRunAt,
  planPeriodicDestruction,
  RetentionPolicySchema,
  retentionEndsAt,
} from './retention.js';
export type {
  DataController,
  SubjectDataCategory,
  SubjectDataExport,
  SubjectExportError,
  SubjectExportInput,
  SubjectReference,
} from './subject-export.js';
export {
  buildSubjectExport,
  SubjectDataExportSchema,
  subjectExportToJson,
  subjectExportToXml,
} from './subject-export.js';
export type { JsonValue, ToXmlOptions } from './xml.js';
export { escapeXml, isXmlName, toXml } from './xml.js';
