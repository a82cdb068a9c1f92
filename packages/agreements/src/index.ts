/**
 * Versioned, content-addressed agreement texts (ETK consent, KVKK aydınlatma and açık rıza) per
 * brand, channel and locale: canonical text and SHA-256 ids, history with material changes and
 * re-consent, the draft → published → retired lifecycle with effective dates, typed templates that
 * render to the exact text shown, line diffs for reviewers, and an async repository port with an
 * in-memory implementation.
 *
 * @packageDocumentation
 */
export type {
  AcceptanceInput,
  AcceptanceQuery,
  AcceptanceRecord,
  VersionAcceptanceSummary,
} from './acceptance.js';
export {
  AcceptanceInputSchema,
  checkAcceptance,
  latestDecision,
  MAX_ACCEPTANCE_PAGE,
  SubjectKeySchema,
  summarizeAcceptances,
} from './acceptance.js';
export type { ContentHash } from './canonical.js';
export {
  ContentHashSchema,
  canonicalText,
  contentHash,
  MAX_TEXT_LENGTH,
  splitLines,
  validateAgreementText,
  verifyContentHash,
} from './canonical.js';
export type { DiffStats, LineChange, UnifiedDiffOptions, VersionDiff } from './diff.js';
export { diffLines, diffStats, diffVersions, unifiedDiff } from './diff.js';
export type {
  AgreementChannel,
  AgreementKind,
  AgreementLocale,
  BuiltinAgreementKind,
  CustomAgreementKind,
  DocumentKey,
} from './document.js';
export {
  AGREEMENT_CHANNELS,
  AGREEMENT_LOCALES,
  AgreementChannelSchema,
  AgreementKindSchema,
  AgreementLocaleSchema,
  ANY_CHANNEL,
  BrandSchema,
  BUILTIN_AGREEMENT_KINDS,
  DocumentKeySchema,
  documentKeyString,
  isCustomKind,
  sameDocument,
} from './document.js';
export type { ReconsentCheck, TimelineEntry } from './history.js';
export {
  AgreementHistory,
  checkHistoryInvariants,
  isInForce,
  needsReconsent,
  publications,
  reconsentCheck,
  timeline,
  versionAt,
} from './history.js';
export type { CreateDraftInput, Plan, PublishInput, RetireInput } from './lifecycle.js';
export {
  CreateDraftInputSchema,
  PublishInputSchema,
  planCreateDraft,
  planDiscardDraft,
  planPublish,
  planRetire,
  RetireInputSchema,
} from './lifecycle.js';
export { InMemoryAgreementRepository } from './memory-repository.js';
export type { RenderedAgreement } from './render.js';
export { renderVersion } from './render.js';
export type { AgreementRepository, CommitResult, DocumentFilter, DocumentSnapshot } from './repository.js';
export type {
  AgreementsErrorCode,
  AgreementsIssue,
  InputIssue,
  LocalizedText,
  Result,
  RuleFindingLike,
  ValueIssue,
} from './result.js';
export { AgreementsError, isIzinkitError, orThrow } from './result.js';
export type { RuleCode, RuleFinding } from './rules.js';
export { checkAgreementRules, RULE_CODES } from './rules.js';
export type { AgreementServiceOptions, SubjectReconsent } from './service.js';
export { AgreementService } from './service.js';
export type {
  ParsedTemplate,
  RenderedText,
  TemplateSegment,
  TemplateValues,
  TemplateVariable,
  VariableType,
  WellKnownValues,
  WellKnownVariable,
} from './template.js';
export { parseTemplate, renderTemplate, VARIABLE_TYPES, WELL_KNOWN_VARIABLES } from './template.js';
export type { AgreementVersion, RetireReason, VersionChange, VersionStatus } from './version.js';
export { AgreementVersionSchema, VERSION_STATUSES } from './version.js';
