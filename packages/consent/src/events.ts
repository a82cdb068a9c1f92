/**
 * The events of the consent machine. An event is plain JSON and carries its own time (`at`, a
 * canonical ISO instant): the event log is the source of truth and replays the same way anywhere.
 */
import {
  type ConsentSource,
  ConsentSourceSchema,
  type ConsentStatus,
  ConsentStatusSchema,
  type ProviderSource,
  ProviderSourceSchema,
} from '@izinkit/iys';
import { z } from 'zod';
import { type ConsentError, ConsentMachineError, consentError, type Result } from './errors.js';

/**
 * Free-form proof details (IP, user agent, form, agreement version hash …) passed through to the
 * `recordEvidence` effect.
 *
 * @example
 * ```ts
 * const e: EvidenceData = { ip: '203.0.113.7', agreementVersion: 'sha256:…' };
 * ```
 */
export type EvidenceData = Readonly<Record<string, unknown>>;

/**
 * A decision of ours: a grant (ONAY) or a rejection (RET) received on one of our channels (web
 * form, call centre, wet signature …), with its `HS_*` source and its consentDate. Creates an İYS
 * change when İYS does not already reflect it.
 *
 * @example
 * ```ts
 * const e: DecisionRecorded = {
 *   type: 'DECISION_RECORDED', at: '2026-03-13T13:00:00.000Z', decisionId: 'd-1',
 *   status: 'ONAY', source: 'HS_WEB', consentDate: '2026-03-13T12:59:30.000Z',
 * };
 * ```
 */
export interface DecisionRecorded {
  /** Discriminant. */
  readonly type: 'DECISION_RECORDED';
  /** When we received it. */
  readonly at: string;
  /** Caller-chosen unique id (a UUID): becomes the decision id and the İYS change id. */
  readonly decisionId: string;
  /** ONAY or RET. */
  readonly status: ConsentStatus;
  /** Where we obtained it (`HS_*`). */
  readonly source: ProviderSource;
  /** When the person decided (not after `at`); kept to the second, as İYS keeps it. */
  readonly consentDate: string;
  /** Retailer that brokered the consent. */
  readonly retailerCode?: number;
  /** Retailers to give access. */
  readonly retailerAccess?: readonly number[];
  /** Proof details for the `recordEvidence` effect. */
  readonly evidence?: EvidenceData;
}

/**
 * Starts a double opt-in: the machine asks (effect `sendVerificationCode`) for a code to be sent to
 * the address.
 *
 * @example
 * ```ts
 * const e: VerificationRequested = {
 *   type: 'VERIFICATION_REQUESTED', at: '2026-03-13T13:00:00.000Z', verificationId: 'v-1',
 *   source: 'HS_WEB', expiresAt: '2026-03-13T13:10:00.000Z',
 * };
 * ```
 */
export interface VerificationRequested {
  /** Discriminant. */
  readonly type: 'VERIFICATION_REQUESTED';
  /** When it was requested. */
  readonly at: string;
  /** Caller-chosen unique id; on success it becomes the decision id. */
  readonly verificationId: string;
  /** The source the consent will carry (not `HS_KARAR`, not `HS_2015`). */
  readonly source: ProviderSource;
  /** When the whole verification stops being valid. */
  readonly expiresAt: string;
  /** Wrong codes allowed (default {@link DEFAULT_MAX_ATTEMPTS}). */
  readonly maxAttempts?: number;
}

/**
 * The code went out (or went out again). Carries a digest of it, never the code.
 *
 * @example
 * ```ts
 * const e: VerificationCodeSent = {
 *   type: 'VERIFICATION_CODE_SENT', at: '2026-03-13T13:00:02.000Z', verificationId: 'v-1', codeDigest: 'hmac:…',
 * };
 * ```
 */
export interface VerificationCodeSent {
  /** Discriminant. */
  readonly type: 'VERIFICATION_CODE_SENT';
  /** When it was sent. */
  readonly at: string;
  /** Which verification. */
  readonly verificationId: string;
  /** Digest of the code (for example an HMAC with a server key). */
  readonly codeDigest: string;
  /** A new expiry, if sending the code moves it. */
  readonly expiresAt?: string;
}

/**
 * The person entered a code (or opened the confirmation link): its digest is compared with the
 * digest of the code sent.
 *
 * @example
 * ```ts
 * const e: VerificationCodeEntered = {
 *   type: 'VERIFICATION_CODE_ENTERED', at: '2026-03-13T13:01:00.000Z', verificationId: 'v-1', codeDigest: 'hmac:…',
 * };
 * ```
 */
export interface VerificationCodeEntered {
  /** Discriminant. */
  readonly type: 'VERIFICATION_CODE_ENTERED';
  /** When it was entered: the consentDate if it is right. */
  readonly at: string;
  /** Which verification. */
  readonly verificationId: string;
  /** Digest of the code entered. */
  readonly codeDigest: string;
  /** Proof details for the `recordEvidence` effect. */
  readonly evidence?: EvidenceData;
}

/**
 * The sync is sending a change to İYS. Feed it before the request leaves (in the transaction that
 * claims the outbox row): from then on the machine treats the change as possibly applied and never
 * drops it silently. Refused (`change_not_sendable`) when the change must not be sent.
 *
 * @example
 * ```ts
 * const e: IysSubmitted = { type: 'IYS_SUBMITTED', at: '2026-03-13T13:05:00.000Z', changeId: 'd-1' };
 * ```
 */
export interface IysSubmitted {
  /** Discriminant. */
  readonly type: 'IYS_SUBMITTED';
  /** When it was sent. */
  readonly at: string;
  /** The change. */
  readonly changeId: string;
  /** İYS batch request id, if known. */
  readonly requestId?: string;
}

/**
 * İYS accepted a change.
 *
 * @example
 * ```ts
 * const e: IysAccepted = { type: 'IYS_ACCEPTED', at: '2026-03-13T13:06:00.000Z', changeId: 'd-1', transactionId: 'e98…' };
 * ```
 */
export interface IysAccepted {
  /** Discriminant. */
  readonly type: 'IYS_ACCEPTED';
  /** When the result arrived. */
  readonly at: string;
  /** The change. */
  readonly changeId: string;
  /** İYS transaction id. */
  readonly transactionId: string;
  /** İYS creationDate, as a canonical instant. */
  readonly creationDate?: string;
}

/**
 * İYS refused a change with an H-code. `H174` ("same status") means İYS already holds it — after
 * a lost reply, our own earlier submission — and is taken as accepted; `H178` means İYS holds a
 * record at least as new (its status becomes unknown); `H175` means İYS holds nothing. A refused
 * change is never resent.
 *
 * @example
 * ```ts
 * const e: IysRefused = { type: 'IYS_REFUSED', at: '2026-03-13T13:06:00.000Z', changeId: 'd-1', code: 'H178' };
 * ```
 */
export interface IysRefused {
  /** Discriminant. */
  readonly type: 'IYS_REFUSED';
  /** When the result arrived. */
  readonly at: string;
  /** The change. */
  readonly changeId: string;
  /** İYS H-code. */
  readonly code: string;
  /** İYS message. */
  readonly message?: string;
}

/**
 * A submission failed without an answer from İYS (timeout, 5xx, a retryable H-code): the change
 * goes back to `pending` to be sent again. Its outcome is unknown, so it stays first in line.
 *
 * @example
 * ```ts
 * const e: IysSubmissionFailed = { type: 'IYS_SUBMISSION_FAILED', at: '2026-03-13T13:06:00.000Z', changeId: 'd-1' };
 * ```
 */
export interface IysSubmissionFailed {
  /** Discriminant. */
  readonly type: 'IYS_SUBMISSION_FAILED';
  /** When it failed. */
  readonly at: string;
  /** The change. */
  readonly changeId: string;
  /** Why, for the record (an H-code, `timeout` …). */
  readonly reason?: string;
}

/**
 * A change read from İYS (pull `changes?source=IYS|HS`, a status query, the daily file): İYS's
 * own record. Applied by "latest consentDate wins" and never echoed back to İYS. Duplicates and
 * out-of-order pulls are harmless.
 *
 * @example
 * ```ts
 * const e: IysPulled = {
 *   type: 'IYS_PULLED', at: '2026-03-14T09:00:00.000Z', status: 'RET', source: 'IYS_MOBIL',
 *   consentDate: '2026-03-14T07:00:00.000Z', transactionId: '9c1…',
 * };
 * ```
 */
export interface IysPulled {
  /** Discriminant. */
  readonly type: 'IYS_PULLED';
  /** When we read it. */
  readonly at: string;
  /** ONAY or RET. */
  readonly status: ConsentStatus;
  /** Its source (`IYS_*` for citizen changes; `HS_*` for providers' own). */
  readonly source: ConsentSource;
  /** Its consentDate (canonical instant). */
  readonly consentDate: string;
  /** İYS transaction id. */
  readonly transactionId?: string;
  /** İYS creationDate (canonical instant): breaks ties between records with the same date. */
  readonly creationDate?: string;
}

/**
 * The clock: deadlines are data, and expiry happens only through this event. Marks changes past
 * their deadline as overdue (effect `raiseOverdue`, once each) and expires verifications.
 *
 * @example
 * ```ts
 * const e: Tick = { type: 'TICK', at: new Date().toISOString() };
 * ```
 */
export interface Tick {
  /** Discriminant. */
  readonly type: 'TICK';
  /** Now. */
  readonly at: string;
}

/**
 * Every event of the consent machine.
 *
 * @example
 * ```ts
 * const log: ConsentEvent[] = [{ type: 'TICK', at: '2026-03-13T13:00:00.000Z' }];
 * ```
 */
export type ConsentEvent =
  | DecisionRecorded
  | VerificationRequested
  | VerificationCodeSent
  | VerificationCodeEntered
  | IysSubmitted
  | IysAccepted
  | IysRefused
  | IysSubmissionFailed
  | IysPulled
  | Tick;

/**
 * The `type` of a {@link ConsentEvent}.
 *
 * @example
 * ```ts
 * const t: ConsentEventType = 'IYS_PULLED';
 * ```
 */
export type ConsentEventType = ConsentEvent['type'];

/**
 * Every event type, in the order the documentation lists them.
 *
 * @example
 * ```ts
 * CONSENT_EVENT_TYPES.length; // 10
 * ```
 */
export const CONSENT_EVENT_TYPES: readonly ConsentEventType[] = [
  'DECISION_RECORDED',
  'VERIFICATION_REQUESTED',
  'VERIFICATION_CODE_SENT',
  'VERIFICATION_CODE_ENTERED',
  'IYS_SUBMITTED',
  'IYS_ACCEPTED',
  'IYS_REFUSED',
  'IYS_SUBMISSION_FAILED',
  'IYS_PULLED',
  'TICK',
];

/**
 * Wrong codes a verification allows when the request does not say.
 *
 * @example
 * ```ts
 * DEFAULT_MAX_ATTEMPTS; // 5
 * ```
 */
export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * The canonical instant for a `Date`, an ISO string with any offset, or epoch milliseconds — the
 * form every event and state uses.
 *
 * @throws {@link ConsentMachineError} `invalid_instant` for a value that is not a valid time.
 *
 * @example
 * ```ts
 * toInstant('2026-03-13T16:00:00+03:00'); // '2026-03-13T13:00:00.000Z'
 * toInstant(new Date(0)); // '1970-01-01T00:00:00.000Z'
 * ```
 */
export function toInstant(value: Date | string | number): string {
  const d = value instanceof Date ? value : new Date(value);
  const ms = d.getTime();
  if (Number.isNaN(ms) || (typeof value === 'string' && !ISO_LIKE.test(value))) {
    throw new ConsentMachineError('invalid_instant', `not a valid instant: ${String(value)}`);
  }
  return d.toISOString();
}
const ISO_LIKE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

// Boundary form of an instant: any ISO 8601 date-time with an offset, normalised to canonical form.
const instant = z
  .string()
  .regex(ISO_LIKE, 'ISO 8601 zaman bekleniyor / expected an ISO 8601 date-time with offset')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'geçersiz zaman / invalid instant')
  .transform((s) => new Date(s).toISOString());
const id = z.string().min(1).max(200);
const evidence = z.record(z.string(), z.unknown());
const retailerCode = z.number().int().nonnegative();

/**
 * zod schema of a {@link ConsentEvent} read from a log, a queue or an API. Instants may carry any
 * offset and come out canonical; unknown fields are refused.
 *
 * @example
 * ```ts
 * ConsentEventSchema.parse({ type: 'TICK', at: '2026-03-13T16:00:00+03:00' });
 * // { type: 'TICK', at: '2026-03-13T13:00:00.000Z' }
 * ```
 */
export const ConsentEventSchema: z.ZodType<ConsentEvent> = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('DECISION_RECORDED'),
      at: instant,
      decisionId: id,
      status: ConsentStatusSchema,
      source: ProviderSourceSchema,
      consentDate: instant,
      retailerCode: retailerCode.exactOptional(),
      retailerAccess: z.array(retailerCode).readonly().exactOptional(),
      evidence: evidence.exactOptional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('VERIFICATION_REQUESTED'),
      at: instant,
      verificationId: id,
      source: ProviderSourceSchema,
      expiresAt: instant,
      maxAttempts: z.number().int().min(1).max(100).exactOptional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('VERIFICATION_CODE_SENT'),
      at: instant,
      verificationId: id,
      codeDigest: z.string().min(1),
      expiresAt: instant.exactOptional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('VERIFICATION_CODE_ENTERED'),
      at: instant,
      verificationId: id,
      codeDigest: z.string().min(1),
      evidence: evidence.exactOptional(),
    })
    .strict(),
  z
    .object({ type: z.literal('IYS_SUBMITTED'), at: instant, changeId: id, requestId: id.exactOptional() })
    .strict(),
  z
    .object({
      type: z.literal('IYS_ACCEPTED'),
      at: instant,
      changeId: id,
      transactionId: id,
      creationDate: instant.exactOptional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('IYS_REFUSED'),
      at: instant,
      changeId: id,
      code: z.string().min(1).max(20),
      message: z.string().exactOptional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('IYS_SUBMISSION_FAILED'),
      at: instant,
      changeId: id,
      reason: z.string().exactOptional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('IYS_PULLED'),
      at: instant,
      status: ConsentStatusSchema,
      source: ConsentSourceSchema,
      consentDate: instant,
      transactionId: id.exactOptional(),
      creationDate: instant.exactOptional(),
    })
    .strict(),
  z.object({ type: z.literal('TICK'), at: instant }).strict(),
]);

/**
 * Reads an event from untrusted input (a log row, a queue message, a request body).
 *
 * @example
 * ```ts
 * const r = parseEvent(JSON.parse(row.event_json));
 * if (r.ok) state = transition(state, r.value).state;
 * else console.error(r.error.code, r.error.path); // 'invalid_event', ['consentDate']
 * ```
 */
export function parseEvent(input: unknown): Result<ConsentEvent, ConsentError<'invalid_event'>> {
  const r = ConsentEventSchema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0];
  return {
    ok: false,
    error: consentError('invalid_event', {
      path: issue?.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) ?? [],
      input: r.error.issues,
    }),
  };
}
