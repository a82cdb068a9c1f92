/**
 * The İYS/ETK consent state machine: pure transitions, event replay, deadlines as data and
 * "may I send?" decisions.
 *
 * - {@link transition} and {@link replay}: the machine, over plain JSON states and events.
 * - {@link maySend}, {@link changesToSend}, {@link summarizePerson}, {@link missingConsents}: the
 *   questions a service asks.
 * - {@link TRANSITION_TABLE}, {@link lifecycleDiagram}: the lifecycle as data and as a Mermaid
 *   diagram; {@link INVARIANTS}: the rules every state keeps, as named predicates.
 *
 * @packageDocumentation
 */
export type {
  CancelIysSubmission,
  ConsentEffect,
  ConsentEffectType,
  NotifyRecipient,
  RaiseOverdue,
  RecordEvidence,
  SendVerificationCode,
  SubmitToIys,
} from './effects.js';
export { ConsentEffectSchema } from './effects.js';
export type {
  ConsentError,
  ConsentErrorCode,
  IgnoreCode,
  KeyErrorCode,
  MachineErrorCode,
  ParseErrorCode,
  RejectionCode,
  Result,
} from './errors.js';
export { ConsentMachineError, consentError, isIzinkitError } from './errors.js';
export type {
  ConsentEvent,
  ConsentEventType,
  DecisionRecorded,
  EvidenceData,
  IysAccepted,
  IysPulled,
  IysRefused,
  IysSubmissionFailed,
  IysSubmitted,
  Tick,
  VerificationCodeEntered,
  VerificationCodeSent,
  VerificationRequested,
} from './events.js';
export {
  CONSENT_EVENT_TYPES,
  ConsentEventSchema,
  DEFAULT_MAX_ATTEMPTS,
  parseEvent,
  toInstant,
} from './events.js';
export type { StateInvariant, StepInvariant } from './invariants.js';
export { INVARIANTS, STEP_INVARIANTS, violatedInvariants, violatedStepInvariants } from './invariants.js';
export type { ConsentKey, ConsentKeyInput } from './key.js';
export { ConsentKeySchema, consentKey, keyId, recipientKind } from './key.js';
export type { LifecycleRegion, LifecycleTransition } from './lifecycle.js';
export {
  changeLifecyclePhase,
  consentPhase,
  iysPhase,
  lifecycleDiagram,
  lifecycleMarkdownTable,
  TRANSITION_TABLE,
  verificationPhase,
} from './lifecycle.js';
export type { ReplayOptions, TransitionContext, TransitionOutcome, TransitionResult } from './machine.js';
export { CONFIRMATION_SOURCES, replay, transition } from './machine.js';
export type { MaySendDecision, MaySendReason } from './may-send.js';
export { changesToSend, maySend } from './may-send.js';
export { migrate } from './migrate.js';
export type { ChannelSummary, MissingConsent, MissingConsentsRequest, PersonSummary } from './person.js';
export { missingConsents, summarizePerson } from './person.js';
export type {
  ChangePhase,
  ConsentState,
  Decision,
  IysChange,
  IysView,
  StopWindow,
  Verification,
  VerificationPhase,
} from './state.js';
export {
  ConsentStateSchema,
  HISTORY_LIMIT,
  InstantSchema,
  initialState,
  MACHINE_VERSION,
} from './state.js';
