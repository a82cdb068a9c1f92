/**
 * Effects are data: what the shell must do after a transition. The machine never sends a message,
 * writes a row or calls İYS; it says so, and the shell does it (and feeds the results back as
 * events).
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
import type { EvidenceData } from './events.js';
import { type ConsentKey, ConsentKeySchema } from './key.js';
import { InstantSchema } from './state.js';

/**
 * Send a verification code (or link) to the key's address, then feed `VERIFICATION_CODE_SENT`
 * with a digest of it.
 *
 * @example
 * ```ts
 * if (fx.type === 'sendVerificationCode') await sms.sendCode(fx.key.recipient, fx.verificationId);
 * ```
 */
export interface SendVerificationCode {
  /** Discriminant. */
  readonly type: 'sendVerificationCode';
  /** Which consent (its recipient is the address to send to). */
  readonly key: ConsentKey;
  /** The verification. */
  readonly verificationId: string;
  /** The source the consent will carry. */
  readonly source: ProviderSource;
  /** When the verification stops being valid. */
  readonly expiresAt: string;
}

/**
 * Register a change in İYS (an outbox row for the sync). Send it as İYS's consent object
 * `{ recipient, recipientType, type, status, source, consentDate, retailerCode?, retailerAccess? }`
 * for `key.brandCode`, feed `IYS_SUBMITTED` before it leaves and the result after.
 *
 * @example
 * ```ts
 * if (fx.type === 'submitToIys') await outbox.insert({ id: fx.changeId, due: fx.deadlineAt, body: fx });
 * ```
 */
export interface SubmitToIys {
  /** Discriminant. */
  readonly type: 'submitToIys';
  /** Which consent. */
  readonly key: ConsentKey;
  /** Stable change id: every result event carries it. */
  readonly changeId: string;
  /** The decision it registers. */
  readonly decisionId: string;
  /** ONAY or RET. */
  readonly status: ConsentStatus;
  /** `HS_*` source. */
  readonly source: ProviderSource;
  /** consentDate (canonical instant; İYS wants it as Türkiye local time `YYYY-MM-DD HH:mm:ss`). */
  readonly consentDate: string;
  /** Retailer code, if any. */
  readonly retailerCode: number | null;
  /** Retailer access, if any. */
  readonly retailerAccess: readonly number[] | null;
  /** Statutory deadline (3 iş günü): send earliest deadline first. */
  readonly deadlineAt: string;
}

/**
 * Drop an outbox row: the change is no longer to be sent (a newer decision replaced it, or İYS
 * already reflects it). If a request is already out, its result is still welcome.
 *
 * @example
 * ```ts
 * if (fx.type === 'cancelIysSubmission') await outbox.cancel(fx.changeId);
 * ```
 */
export interface CancelIysSubmission {
  /** Discriminant. */
  readonly type: 'cancelIysSubmission';
  /** Which consent. */
  readonly key: ConsentKey;
  /** The change. */
  readonly changeId: string;
  /** Why (`superseded`, `already_in_iys`, `overridden_by_iys`, `nothing_to_withdraw`). */
  readonly reason: string;
}

/**
 * Send the recipient the confirmation the regulation asks for when consent is taken
 * electronically: the same day (by `dueBy`, the end of that day in Türkiye), with a way to
 * reject (Yön. art. 7).
 *
 * @example
 * ```ts
 * if (fx.type === 'notifyRecipient') await messages.confirm(fx.key, { before: fx.dueBy });
 * ```
 */
export interface NotifyRecipient {
  /** Discriminant. */
  readonly type: 'notifyRecipient';
  /** Which consent (its recipient is the address). */
  readonly key: ConsentKey;
  /** The decision being confirmed. */
  readonly decisionId: string;
  /** Always `consent_confirmation` for now. */
  readonly reason: 'consent_confirmation';
  /** The status confirmed (ONAY). */
  readonly status: ConsentStatus;
  /** The end of the consent's day in Türkiye. */
  readonly dueBy: string;
}

/**
 * A change passed its statutory deadline without being accepted: alert someone. Raised once per
 * change.
 *
 * @example
 * ```ts
 * if (fx.type === 'raiseOverdue') alerts.push(`${fx.changeId} overdue since ${fx.deadlineAt}`);
 * ```
 */
export interface RaiseOverdue {
  /** Discriminant. */
  readonly type: 'raiseOverdue';
  /** Which consent. */
  readonly key: ConsentKey;
  /** The change. */
  readonly changeId: string;
  /** ONAY or RET. */
  readonly status: ConsentStatus;
  /** The deadline it missed. */
  readonly deadlineAt: string;
  /** When the machine noticed. */
  readonly overdueAt: string;
}

/**
 * Keep proof of a decision (append it to the evidence log): a local decision with its details, or
 * a record pulled from İYS with its transaction id. Decisions must be kept for 3 years after they
 * stop being valid (see @izinkit/calendar `CONSENT_RECORD_RETENTION`).
 *
 * @example
 * ```ts
 * if (fx.type === 'recordEvidence') await evidence.append(fx);
 * ```
 */
export interface RecordEvidence {
  /** Discriminant. */
  readonly type: 'recordEvidence';
  /** Which consent. */
  readonly key: ConsentKey;
  /** The decision. */
  readonly decisionId: string;
  /** ONAY or RET. */
  readonly status: ConsentStatus;
  /** Its source. */
  readonly source: ConsentSource;
  /** Its consentDate. */
  readonly consentDate: string;
  /** When we learnt of it. */
  readonly recordedAt: string;
  /** Ours or İYS's. */
  readonly origin: 'local' | 'iys';
  /** İYS transaction id, for pulled records. */
  readonly transactionId: string | null;
  /** The double opt-in behind it, if any. */
  readonly verification: {
    /** The verification id. */
    readonly verificationId: string;
    /** When it was requested. */
    readonly requestedAt: string;
    /** When the code was sent. */
    readonly codeSentAt: string | null;
    /** Wrong codes before the right one. */
    readonly failedAttempts: number;
  } | null;
  /** Details the event carried (IP, user agent, agreement version …). */
  readonly evidence: EvidenceData | null;
}

/**
 * Every effect.
 *
 * @example
 * ```ts
 * for (const fx of transition(state, event).effects) await run(fx);
 * ```
 */
export type ConsentEffect =
  | SendVerificationCode
  | SubmitToIys
  | CancelIysSubmission
  | NotifyRecipient
  | RaiseOverdue
  | RecordEvidence;

/**
 * The `type` of a {@link ConsentEffect}.
 *
 * @example
 * ```ts
 * const t: ConsentEffectType = 'submitToIys';
 * ```
 */
export type ConsentEffectType = ConsentEffect['type'];

const nullableInstant = InstantSchema.nullable();
const access = z.array(z.number().int().nonnegative()).readonly().nullable();

/**
 * zod schema of a {@link ConsentEffect} (for outbox rows and queues).
 *
 * @example
 * ```ts
 * ConsentEffectSchema.parse(JSON.parse(row.effect_json));
 * ```
 */
export const ConsentEffectSchema: z.ZodType<ConsentEffect> = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('sendVerificationCode'),
      key: ConsentKeySchema,
      verificationId: z.string().min(1),
      source: ProviderSourceSchema,
      expiresAt: InstantSchema,
    })
    .strict(),
  z
    .object({
      type: z.literal('submitToIys'),
      key: ConsentKeySchema,
      changeId: z.string().min(1),
      decisionId: z.string().min(1),
      status: ConsentStatusSchema,
      source: ProviderSourceSchema,
      consentDate: InstantSchema,
      retailerCode: z.number().int().nonnegative().nullable(),
      retailerAccess: access,
      deadlineAt: InstantSchema,
    })
    .strict(),
  z
    .object({
      type: z.literal('cancelIysSubmission'),
      key: ConsentKeySchema,
      changeId: z.string().min(1),
      reason: z.string(),
    })
    .strict(),
  z
    .object({
      type: z.literal('notifyRecipient'),
      key: ConsentKeySchema,
      decisionId: z.string().min(1),
      reason: z.literal('consent_confirmation'),
      status: ConsentStatusSchema,
      dueBy: InstantSchema,
    })
    .strict(),
  z
    .object({
      type: z.literal('raiseOverdue'),
      key: ConsentKeySchema,
      changeId: z.string().min(1),
      status: ConsentStatusSchema,
      deadlineAt: InstantSchema,
      overdueAt: InstantSchema,
    })
    .strict(),
  z
    .object({
      type: z.literal('recordEvidence'),
      key: ConsentKeySchema,
      decisionId: z.string().min(1),
      status: ConsentStatusSchema,
      source: ConsentSourceSchema,
      consentDate: InstantSchema,
      recordedAt: InstantSchema,
      origin: z.enum(['local', 'iys']),
      transactionId: z.string().nullable(),
      verification: z
        .object({
          verificationId: z.string().min(1),
          requestedAt: InstantSchema,
          codeSentAt: nullableInstant,
          failedAttempts: z.number().int().nonnegative(),
        })
        .strict()
        .nullable(),
      evidence: z.record(z.string(), z.unknown()).nullable(),
    })
    .strict(),
]);
