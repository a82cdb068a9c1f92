/**
 * Turkish identity primitives: TCKN, YKN, VKN and MERSİS validation, phone normalisation to E.164,
 * İYS e-mail rules, Turkish name folding, identity keys and record de-duplication.
 *
 * @packageDocumentation
 */
export type {
  DedupeConflict,
  DedupeGroup,
  DedupeInvalid,
  DedupeOptions,
  DedupeResult,
  PersonRecord,
} from './dedupe.js';
export { dedupe } from './dedupe.js';
export type { EmailError, EmailErrorCode } from './email.js';
export { normalizeEmail } from './email.js';
export type { IdentityErrorCode, IdentityIssue, IdentityResult, LocalizedText } from './errors.js';
export { IdentityError, isIdentityError } from './errors.js';
export type { IdentityKeyError, IdentityKeyOptions, IdentityKind } from './key.js';
export { canonicalIdentifier, identityKey } from './key.js';
export type { MersisError, MersisErrorCode, MersisOptions } from './mersis.js';
export { isValidMersis, parseMersis } from './mersis.js';
export type { FoldNameOptions } from './name.js';
export { foldName } from './name.js';
export type {
  CountryCode,
  NormalizedPhone,
  NormalizePhoneOptions,
  PhoneError,
  PhoneErrorCode,
  PhoneKind,
} from './phone.js';
export { normalizePhone } from './phone.js';
export type {
  NormalizeRecipientOptions,
  Recipient,
  RecipientError,
  RecipientErrorCode,
} from './recipient.js';
export { normalizeRecipient } from './recipient.js';
export {
  EmailSchema,
  MersisSchema,
  PersonRecordSchema,
  PhoneDetailsSchema,
  PhoneKindSchema,
  PhoneSchema,
  phoneSchema,
  RecipientSchema,
  TaxIdSchema,
  TcknSchema,
  VknSchema,
  YknSchema,
} from './schemas.js';
export type { TcknError, TcknErrorCode } from './tckn.js';
export { completeTckn, isValidTckn, parseTckn } from './tckn.js';
export type { VknError, VknErrorCode } from './vkn.js';
export { completeVkn, isValidVkn, parseVkn } from './vkn.js';
export type { ParsedYkn, YknError, YknErrorCode } from './ykn.js';
export { hasTcknStyleChecksum, isValidYkn, parseYkn } from './ykn.js';
