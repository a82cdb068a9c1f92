/**
 * One person across channels: a summary of every consent they have, and which consents are still
 * missing (so a channel asks only for those).
 */
import {
  type ConsentSource,
  type ConsentStatus,
  type ConsentType,
  channelsFor,
  type RecipientType,
} from '@izinkit/iys';
import type { ConsentError, KeyErrorCode, Result } from './errors.js';
import { type ConsentKey, consentKey, keyId, recipientKind } from './key.js';
import { type MaySendDecision, maySend } from './may-send.js';
import type { ChangePhase, ConsentState, VerificationPhase } from './state.js';

/**
 * One channel of a person in a {@link PersonSummary}.
 *
 * @example
 * ```ts
 * const c: ChannelSummary = summarizePerson(states, new Date()).channels[0]!;
 * c.maySend.allowed;
 * ```
 */
export interface ChannelSummary {
  /** Which consent. */
  readonly key: ConsentKey;
  /** Our latest decision (from either side), or `null`. */
  readonly status: ConsentStatus | null;
  /** Its consentDate. */
  readonly consentDate: string | null;
  /** Its source. */
  readonly source: ConsentSource | null;
  /** Ours or İYS's. */
  readonly origin: 'local' | 'iys' | null;
  /** What İYS holds: a status, `unknown`, or `null` for no record. */
  readonly iysStatus: ConsentStatus | 'unknown' | null;
  /** The answer of {@link maySend} at the summary's time. */
  readonly maySend: MaySendDecision;
  /** The change on its way to İYS, if any. */
  readonly outstanding: {
    /** Change id. */
    readonly changeId: string;
    /** ONAY or RET. */
    readonly status: ConsentStatus;
    /** Where it is. */
    readonly phase: ChangePhase;
    /** Its statutory deadline. */
    readonly deadlineAt: string;
    /** Past its deadline at the summary's time. */
    readonly overdue: boolean;
  } | null;
  /** The phase of the latest double opt-in, if any. */
  readonly verification: VerificationPhase | null;
}

/**
 * Every consent of one person, and what to do about them.
 *
 * @example
 * ```ts
 * const p: PersonSummary = summarizePerson(states, new Date());
 * p.sendable.map((k) => k.type); // ['EPOSTA']
 * ```
 */
export interface PersonSummary {
  /** One entry per consent, ordered by brand, recipient, recipient type and channel. */
  readonly channels: readonly ChannelSummary[];
  /** The keys a commercial message may go to now. */
  readonly sendable: readonly ConsentKey[];
  /** The earliest deadline among changes on their way to İYS. */
  readonly nextDeadlineAt: string | null;
  /** Changes on their way to İYS that are past their deadline. */
  readonly overdue: number;
}

const TYPE_ORDER: Readonly<Record<ConsentType, number>> = { MESAJ: 0, ARAMA: 1, EPOSTA: 2 };

/**
 * Summarises the consents of one person (pass the states of all their keys: every address, brand,
 * recipient type and channel) as of `at`.
 *
 * @example
 * ```ts
 * const p = summarizePerson([smsState, callState, mailState], new Date());
 * for (const c of p.channels) console.log(c.key.type, c.status, c.maySend.reason);
 * ```
 */
export function summarizePerson(states: Iterable<ConsentState>, at: Date): PersonSummary {
  const when = at.toISOString();
  const channels: ChannelSummary[] = [];
  let nextDeadlineAt: string | null = null;
  let overdue = 0;
  for (const s of states) {
    const head = s.outbox[0];
    const decision = maySend(s, at);
    if (head !== undefined) {
      if (nextDeadlineAt === null || head.deadlineAt < nextDeadlineAt) nextDeadlineAt = head.deadlineAt;
    }
    for (const c of s.outbox) if (when > c.deadlineAt) overdue++;
    channels.push({
      key: s.key,
      status: s.current?.status ?? null,
      consentDate: s.current?.consentDate ?? null,
      source: s.current?.source ?? null,
      origin: s.current?.origin ?? null,
      iysStatus: s.iys === null ? null : (s.iys.status ?? 'unknown'),
      maySend: decision,
      outstanding:
        head === undefined
          ? null
          : {
              changeId: head.changeId,
              status: head.status,
              phase: head.phase,
              deadlineAt: head.deadlineAt,
              overdue: when > head.deadlineAt,
            },
      verification: s.verification?.phase ?? null,
    });
  }
  channels.sort(
    (a, b) =>
      cmp(a.key.brandCode, b.key.brandCode) ||
      cmp(a.key.recipient, b.key.recipient) ||
      cmp(a.key.recipientType, b.key.recipientType) ||
      TYPE_ORDER[a.key.type] - TYPE_ORDER[b.key.type],
  );
  return {
    channels,
    sendable: channels.filter((c) => c.maySend.allowed).map((c) => c.key),
    nextDeadlineAt,
    overdue,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * What {@link missingConsents} is asked about: one person's addresses at one brand.
 *
 * @example
 * ```ts
 * const q: MissingConsentsRequest = { brandCode: '600000', recipients: ['0532 123 45 67', 'ali@example.com'] };
 * ```
 */
export interface MissingConsentsRequest {
  /** The brand. */
  readonly brandCode: string | number;
  /** The person's phone numbers and e-mail addresses, in any format @izinkit/identity accepts. */
  readonly recipients: readonly string[];
  /** Recipient types to consider (default `['BIREYSEL']`; add `TACIR` for a merchant). */
  readonly recipientTypes?: readonly RecipientType[];
  /** Only these channels (default: every channel that fits each address). */
  readonly types?: readonly ConsentType[];
  /** Also list consents the person refused (RET) — default `false`: a refusal is an answer. */
  readonly includeRefused?: boolean;
}

/**
 * A consent still to ask for.
 *
 * @example
 * ```ts
 * const m: MissingConsent = { key, reason: 'never_recorded' };
 * ```
 */
export interface MissingConsent {
  /** The consent to ask for. */
  readonly key: ConsentKey;
  /** `never_recorded`, `verification_pending` (a double opt-in is under way), or `refused`. */
  readonly reason: 'never_recorded' | 'verification_pending' | 'refused';
}

/**
 * Which consents a person has not given yet, across every channel their addresses take (phones:
 * MESAJ and ARAMA; e-mail: EPOSTA) — so a form or a call centre asks only for those. A consent
 * counts as given once ONAY is on record, even while it is on its way to İYS.
 *
 * @example
 * ```ts
 * const r = missingConsents({ brandCode: '600000', recipients: ['0532 123 45 67', 'ali@example.com'] }, states);
 * if (r.ok) r.value.map((m) => m.key.type); // e.g. ['ARAMA', 'EPOSTA'] when MESAJ is already ONAY
 * ```
 */
export function missingConsents(
  request: MissingConsentsRequest,
  states: Iterable<ConsentState>,
): Result<readonly MissingConsent[], ConsentError<KeyErrorCode>> {
  const byKey = new Map<string, ConsentState>();
  for (const s of states) byKey.set(keyId(s.key), s);
  const recipientTypes = request.recipientTypes ?? ['BIREYSEL'];
  const seen = new Set<string>();
  const missing: MissingConsent[] = [];
  for (const recipient of request.recipients) {
    for (const recipientType of recipientTypes) {
      const kind = recipientKind(recipient);
      for (const type of channelsFor(kind)) {
        if (request.types !== undefined && !request.types.includes(type)) continue;
        const k = consentKey({ brandCode: request.brandCode, recipient, recipientType, type });
        if (!k.ok) return k;
        const id = keyId(k.value);
        if (seen.has(id)) continue;
        seen.add(id);
        const s = byKey.get(id);
        const status = s?.current?.status ?? null;
        if (status === 'ONAY') continue;
        if (status === 'RET') {
          if (request.includeRefused === true) missing.push({ key: k.value, reason: 'refused' });
          continue;
        }
        const v = s?.verification ?? null;
        const pending = v !== null && (v.phase === 'requested' || v.phase === 'codeSent');
        missing.push({ key: k.value, reason: pending ? 'verification_pending' : 'never_recorded' });
      }
    }
  }
  return { ok: true, value: missing };
}
