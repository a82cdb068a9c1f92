/**
 * Offline-verifiable proof of consent: RFC 8785 canonical JSON, an RFC 9162 Merkle log with
 * signed checkpoints, RFC 3161 time stamps and evidence bundles.
 *
 * @packageDocumentation
 */
export type {
  BundleCheck,
  BundleCheckId,
  BundleParts,
  BundleReport,
  BundleVerifyOptions,
  EvidenceBundle,
} from './bundle.js';
export {
  BUNDLE_FORMAT,
  bundleFromLog,
  createEvidenceBundle,
  EvidenceBundleSchema,
  formatBundleReport,
  verifyEvidenceBundle,
} from './bundle.js';
export { canonicalHash, canonicalize } from './canonicalize.js';
export type { Checkpoint, CheckpointError, CheckpointErrorCode, VerifiedCheckpoint } from './checkpoint.js';
export {
  checkpointOf,
  formatCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  verifyCheckpoint,
} from './checkpoint.js';
export type { EvidenceErrorCode } from './errors.js';
export { EvidenceError, EvidenceRangeError, EvidenceTypeError, isIzinkitError } from './errors.js';
export type {
  ActorType,
  EvidenceAttachment,
  EvidenceBuildError,
  EvidenceEntry,
  EvidenceInput,
  EvidenceIssue,
  EvidenceRecord,
  IdentifierKind,
  KnownIdentifierKind,
  SubjectIdentifierInput,
  TimeInput,
} from './evidence.js';
export {
  ACTOR_TYPES,
  buildEvidence,
  EVIDENCE_RECORD_TYPE,
  EvidenceInputSchema,
  EvidenceRecordSchema,
  evidenceEntry,
  keyedIdentifierHash,
  sha256Hex,
} from './evidence.js';
export type { IpAddress, IpErrorCode } from './ip.js';
export { parseIp } from './ip.js';
export type {
  AppendResult,
  HashStore,
  LogAppend,
  LogAppendMany,
  LogState,
  LogStateErrorCode,
  LogStateJSON,
  TreeNode,
  TreeNodeRef,
} from './log.js';
export {
  appendLeafHash,
  consistencyProofFromStore,
  EMPTY_LOG_STATE,
  inclusionProofFromStore,
  LogStateJSONSchema,
  logRoot,
  logStateFromJSON,
  logStateToJSON,
  MemoryHashStore,
  MerkleLog,
  rootFromStore,
} from './log.js';
export type { InclusionVerifierOptions } from './merkle.js';
export {
  consistencyProof,
  HASH_SIZE,
  InclusionVerifier,
  inclusionProof,
  leafHash,
  merkleTreeHead,
  nodeHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';
export type {
  NoteError,
  NoteErrorCode,
  NoteKeyPair,
  NoteKeyRef,
  NoteSigner,
  NoteVerifier,
  OpenedNote,
} from './note.js';
export {
  ed25519NoteSigner,
  ed25519NoteVerifier,
  generateNoteKey,
  noteKeyId,
  noteSignerFromKey,
  noteVerifierFromKey,
  openNote,
  signNote,
} from './note.js';
export type { Problem, Result } from './result.js';
export type {
  CertificateInput,
  TimeStampError,
  TimeStampErrorCode,
  TimeStampInfo,
  TimeStampRequest,
  TimeStampRequestOptions,
  TimeStampVerifyOptions,
} from './timestamp.js';
export {
  createTimeStampRequest,
  parseCertificates,
  timeStampRequestForCheckpoint,
  verifyTimeStampResponse,
  verifyTimeStampToken,
} from './timestamp.js';
export type { DeviceType, NamedVersion, UserAgentInfo } from './user-agent.js';
export { parseUserAgent } from './user-agent.js';
