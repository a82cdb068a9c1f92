/**
 * The state of one consent: plain, serialisable JSON. Instants are canonical ISO strings
 * (`2026-03-13T13:00:00.000Z`), so a state survives `JSON.stringify`/`JSON.parse` unchanged and
 * string order is time order.
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
import { type ConsentKey, ConsentKeySchema } from './key.js';

/**
 * The version of the state format. Stored snapshots carry it; {@link migrate} upgrades older ones.
 *
 * @example
 * ```ts
 * initialState(key).machineVersion === MACHINE_VERSION; // true
 * ```
 */
export const MACHINE_VERSION = 1 as const;

/**
 * A consent decision: ONAY or RET, with its source and date. Decisions come from us (`origin:
 * 'local'`: a form, a call centre, a verified double opt-in …) or from İYS (`origin: 'iys'`: a
 * change pulled from İYS, usually one a citizen made there).
 *
 * @example
 * ```ts
 * const d: Decision = state.current!;
 * d.status; // 'ONAY'
 * ```
 */
export interface Decision {
  /** `decisionId` of the event (local), the verification id (double opt-in), or `iys:…` (pulled). */
  readonly id: string;
  /** ONAY or RET. */
  readonly status: ConsentStatus;
  /** `HS_*` for our decisions; `IYS_*` (or `HS_*`) for what İYS reported. */
  readonly source: ConsentSource;
  /** When the person decided (İYS `consentDate`), to the second. */
  readonly consentDate: string;
  /** When the machine learnt of it (the event's `at`). */
  readonly recordedAt: string;
  /** Ours, or reported by İYS. */
  readonly origin: 'local' | 'iys';
  /** For local decisions: the İYS registration deadline (3 iş günü from consentDate). */
  readonly registerBy: string | null;
  /** For decisions pulled from İYS: İYS's transaction id. */
  readonly transactionId: string | null;
  /** Retailer that brokered the consent (İYS `retailerCode`), passed on to İYS. */
  readonly retailerCode: number | null;
  /** Retailers given access (İYS `retailerAccess`), passed on to İYS. */
  readonly retailerAccess: readonly number[] | null;
  /** How many İYS changes were issued for this decision (change ids stay unique). */
  readonly changesIssued: number;
  /** The H-code when İYS refused the change that carried this decision: it is not sent again. */
  readonly iysRefusal: string | null;
}

/**
 * What İYS holds for this key, as far as the machine knows. `status: null` means İYS holds a
 * record we cannot see: it refused a change of ours with H178 (a record at least as new), and only
 * a pull or a status query will tell which.
 *
 * @example
 * ```ts
 * state.iys?.status; // 'ONAY' once İYS accepted our ONAY
 * ```
 */
export interface IysView {
  /** ONAY, RET, or `null` for "a record we cannot see". */
  readonly status: ConsentStatus | null;
  /** Its consentDate (a lower bound when `status` is `null`). */
  readonly consentDate: string;
  /** Its source, when known. */
  readonly source: ConsentSource | null;
  /** İYS's transaction id, when known. */
  readonly transactionId: string | null;
  /** When İYS created the record (its `creationDate`), when known. */
  readonly creationDate: string | null;
  /** How we know: our change accepted, H174 ("already there"), a pull, or an H178 refusal. */
  readonly via: 'accepted' | 'already_registered' | 'pulled' | 'refused_newer';
}

/**
 * Where an İYS change is in its life:
 * - `queued`: waiting behind a change in flight (not announced to the sync yet);
 * - `pending`: to be sent (a `submitToIys` effect announced it);
 * - `submitted`: sent, outcome unknown;
 * - `accepted`: İYS holds it (transactionId, or H174 "already there");
 * - `refused`: İYS refused it (H-code); it is never resent;
 * - `superseded`: no longer to be sent (a newer decision, or İYS already reflects it).
 *
 * A change in `pending`/`submitted`/`queued` is overdue once `overdueAt` is set.
 *
 * @example
 * ```ts
 * const p: ChangePhase = 'submitted';
 * ```
 */
export type ChangePhase = 'queued' | 'pending' | 'submitted' | 'accepted' | 'refused' | 'superseded';

/**
 * One change to register in İYS: a local decision on its way. `changeId` is stable: the
 * `submitToIys` effect, the outbox row and every result event carry it.
 *
 * @example
 * ```ts
 * const c: IysChange | undefined = state.outbox[0];
 * c?.deadlineAt; // end of the 3rd business day after consentDate
 * ```
 */
export interface IysChange {
  /** Stable id: the decision id, `#n` appended when a decision is sent again after a reset. */
  readonly changeId: string;
  /** The decision it carries. */
  readonly decisionId: string;
  /** ONAY or RET. */
  readonly status: ConsentStatus;
  /** The provider source (never `IYS_*`). */
  readonly source: ProviderSource;
  /** The decision's consentDate. */
  readonly consentDate: string;
  /** Retailer code to send, if any. */
  readonly retailerCode: number | null;
  /** Retailer access list to send, if any. */
  readonly retailerAccess: readonly number[] | null;
  /** When the machine created the change. */
  readonly createdAt: string;
  /** The statutory deadline: `IYS_REGISTER_CONSENT` (ONAY) or `IYS_REGISTER_RET` (RET). */
  readonly deadlineAt: string;
  /** Where it is in its life. */
  readonly phase: ChangePhase;
  /** Whether a `submitToIys` effect announced it (a queued change is not announced until it is next). */
  readonly announced: boolean;
  /** How many times it was submitted. */
  readonly attempts: number;
  /** When it was last submitted. */
  readonly submittedAt: string | null;
  /** İYS batch request id of the last submission, when the sync reported it. */
  readonly requestId: string | null;
  /** When the machine found it past its deadline (a `raiseOverdue` effect went out then). */
  readonly overdueAt: string | null;
  /** When it was accepted, refused or superseded. */
  readonly resolvedAt: string | null;
  /** İYS transaction id once accepted (null after H174). */
  readonly transactionId: string | null;
  /** İYS H-code of a refusal (or `H174` for "already there"). */
  readonly iysCode: string | null;
  /** İYS message of a refusal, or why it was superseded. */
  readonly note: string | null;
}

/**
 * Where a double opt-in is: requested → code sent → verified, or expired, or locked after too many
 * wrong codes.
 *
 * @example
 * ```ts
 * const p: VerificationPhase = 'codeSent';
 * ```
 */
export type VerificationPhase = 'requested' | 'codeSent' | 'verified' | 'expired' | 'locked';

/**
 * A double opt-in: an activation code (or a link token) sent to the address, entered back.
 *
 * @example
 * ```ts
 * state.verification?.attempts; // wrong codes so far
 * ```
 */
export interface Verification {
  /** Caller-chosen id; on success it becomes the decision id (and change id). */
  readonly verificationId: string;
  /** Where it is. */
  readonly phase: VerificationPhase;
  /** The source the consent will carry (`HS_WEB`, `HS_MESAJ` …). */
  readonly source: ProviderSource;
  /** When it was requested. */
  readonly requestedAt: string;
  /** When it stops being valid. */
  readonly expiresAt: string;
  /** When the last code was sent. */
  readonly codeSentAt: string | null;
  /** A digest (e.g. HMAC) of the code sent; the code itself never enters the machine. */
  readonly codeDigest: string | null;
  /** Wrong codes entered so far. */
  readonly attempts: number;
  /** Wrong codes allowed before it locks. */
  readonly maxAttempts: number;
  /** When it was verified, expired or locked. */
  readonly endedAt: string | null;
}

/**
 * The ETK art. 8(3) window after a RET reaches us: stop sending by `deadlineAt` (3 iş günü).
 *
 * @example
 * ```ts
 * state.stop?.deadlineAt;
 * ```
 */
export interface StopWindow {
  /** When the RET reached us (its consentDate). */
  readonly since: string;
  /** The `ETK_RET_STOP_SENDING` deadline. */
  readonly deadlineAt: string;
}

/**
 * The state of one consent (one {@link ConsentKey}).
 *
 * @example
 * ```ts
 * const s: ConsentState = initialState(key);
 * JSON.parse(JSON.stringify(s)); // the same state
 * ```
 */
export interface ConsentState {
  /** The state format version ({@link MACHINE_VERSION}). */
  readonly machineVersion: typeof MACHINE_VERSION;
  /** Which consent. */
  readonly key: ConsentKey;
  /** Number of events applied (ignored and refused events do not count). */
  readonly seq: number;
  /** `at` of the last applied event. */
  readonly updatedAt: string | null;
  /** The latest decision from either side (latest consentDate wins), or `null`. */
  readonly current: Decision | null;
  /** Set while the current decision is RET. */
  readonly stop: StopWindow | null;
  /** What İYS holds as far as we know; `null`: no record. */
  readonly iys: IysView | null;
  /** Changes still on their way to İYS, in order: at most one in flight and one behind it. */
  readonly outbox: readonly IysChange[];
  /** The last resolved changes, newest first (at most {@link HISTORY_LIMIT}). */
  readonly history: readonly IysChange[];
  /** The latest double opt-in, if any. */
  readonly verification: Verification | null;
}

/**
 * How many resolved changes a state keeps (the event log keeps them all).
 *
 * @example
 * ```ts
 * state.history.length <= HISTORY_LIMIT; // true
 * ```
 */
export const HISTORY_LIMIT = 4;

/**
 * The state of a consent nothing is known about yet.
 *
 * @example
 * ```ts
 * const s = initialState({ brandCode: '600000', recipient: '+905321234567', recipientType: 'BIREYSEL', type: 'MESAJ' });
 * s.current; // null
 * ```
 */
export function initialState(key: ConsentKey): ConsentState {
  return {
    machineVersion: MACHINE_VERSION,
    key,
    seq: 0,
    updatedAt: null,
    current: null,
    stop: null,
    iys: null,
    outbox: [],
    history: [],
    verification: null,
  };
}

const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * zod schema of a canonical instant: `Date.prototype.toISOString()` output (UTC, milliseconds,
 * `Z`). Stored states and logs use only this form.
 *
 * @example
 * ```ts
 * InstantSchema.parse('2026-03-13T13:00:00.000Z');
 * InstantSchema.safeParse('2026-03-13T16:00:00+03:00').success; // false — use toInstant()
 * ```
 */
export const InstantSchema: z.ZodType<string> = z
  .string()
  .regex(CANONICAL_INSTANT, 'kanonik ISO zaman bekleniyor / expected a canonical ISO instant')
  .refine((s) => {
    const ms = Date.parse(s);
    return !Number.isNaN(ms) && new Date(ms).toISOString() === s;
  }, 'geçersiz zaman / invalid instant');

const nullableInstant = InstantSchema.nullable();
const retailerAccessSchema = z.array(z.number().int().nonnegative()).readonly().nullable();

const DecisionSchema: z.ZodType<Decision> = z
  .object({
    id: z.string().min(1),
    status: ConsentStatusSchema,
    source: ConsentSourceSchema,
    consentDate: InstantSchema,
    recordedAt: InstantSchema,
    origin: z.enum(['local', 'iys']),
    registerBy: nullableInstant,
    transactionId: z.string().nullable(),
    retailerCode: z.number().int().nonnegative().nullable(),
    retailerAccess: retailerAccessSchema,
    changesIssued: z.number().int().nonnegative(),
    iysRefusal: z.string().nullable(),
  })
  .strict();

const IysViewSchema: z.ZodType<IysView> = z
  .object({
    status: ConsentStatusSchema.nullable(),
    consentDate: InstantSchema,
    source: ConsentSourceSchema.nullable(),
    transactionId: z.string().nullable(),
    creationDate: nullableInstant,
    via: z.enum(['accepted', 'already_registered', 'pulled', 'refused_newer']),
  })
  .strict();

const IysChangeSchema: z.ZodType<IysChange> = z
  .object({
    changeId: z.string().min(1),
    decisionId: z.string().min(1),
    status: ConsentStatusSchema,
    source: ProviderSourceSchema,
    consentDate: InstantSchema,
    retailerCode: z.number().int().nonnegative().nullable(),
    retailerAccess: retailerAccessSchema,
    createdAt: InstantSchema,
    deadlineAt: InstantSchema,
    phase: z.enum(['queued', 'pending', 'submitted', 'accepted', 'refused', 'superseded']),
    announced: z.boolean(),
    attempts: z.number().int().nonnegative(),
    submittedAt: nullableInstant,
    requestId: z.string().nullable(),
    overdueAt: nullableInstant,
    resolvedAt: nullableInstant,
    transactionId: z.string().nullable(),
    iysCode: z.string().nullable(),
    note: z.string().nullable(),
  })
  .strict();

const VerificationSchema: z.ZodType<Verification> = z
  .object({
    verificationId: z.string().min(1),
    phase: z.enum(['requested', 'codeSent', 'verified', 'expired', 'locked']),
    source: ProviderSourceSchema,
    requestedAt: InstantSchema,
    expiresAt: InstantSchema,
    codeSentAt: nullableInstant,
    codeDigest: z.string().nullable(),
    attempts: z.number().int().nonnegative(),
    maxAttempts: z.number().int().positive(),
    endedAt: nullableInstant,
  })
  .strict();

/**
 * zod schema of a stored {@link ConsentState} of the current {@link MACHINE_VERSION}. Use
 * {@link migrate} to read snapshots of any version.
 *
 * @example
 * ```ts
 * ConsentStateSchema.parse(JSON.parse(row.state_json));
 * ```
 */
export const ConsentStateSchema: z.ZodType<ConsentState> = z
  .object({
    machineVersion: z.literal(MACHINE_VERSION),
    key: ConsentKeySchema,
    seq: z.number().int().nonnegative(),
    updatedAt: nullableInstant,
    current: DecisionSchema.nullable(),
    stop: z.object({ since: InstantSchema, deadlineAt: InstantSchema }).strict().nullable(),
    iys: IysViewSchema.nullable(),
    outbox: z.array(IysChangeSchema).readonly(),
    history: z.array(IysChangeSchema).readonly(),
    verification: VerificationSchema.nullable(),
  })
  .strict();
