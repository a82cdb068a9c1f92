/**
 * The rules every state and every step of the machine keeps, stated once as named predicates.
 * The exhaustive walk and the model-based tests check all of them on every state they reach; a
 * storage layer can check a projection with {@link violatedInvariants}. Contributors add rules
 * here, and every test picks them up.
 */
import { isProviderSource } from '@izinkit/iys';
import type { ConsentEvent } from './events.js';
import { HS_2015_ISO, isInstant } from './internal/time.js';
import type { TransitionResult } from './machine.js';
import { maySend } from './may-send.js';
import {
  type ConsentState,
  type Decision,
  HISTORY_LIMIT,
  type IysChange,
  type IysView,
  MACHINE_VERSION,
} from './state.js';

/**
 * A rule about one state.
 *
 * @example
 * ```ts
 * const rule: StateInvariant = INVARIANTS[0]!;
 * rule.holds(initialState(key)); // true
 * ```
 */
export interface StateInvariant {
  /** Short stable name (camelCase). */
  readonly name: string;
  /** The rule in words, with its source (İYS code, article). */
  readonly description: string;
  /** True when the state keeps the rule. */
  readonly holds: (state: ConsentState) => boolean;
}

/**
 * A rule about one step: the state before, the event, and what {@link transition} returned.
 *
 * @example
 * ```ts
 * const rule: StepInvariant = STEP_INVARIANTS[0]!;
 * rule.holds(state, event, transition(state, event)); // true
 * ```
 */
export interface StepInvariant {
  /** Short stable name (camelCase). */
  readonly name: string;
  /** The rule in words. */
  readonly description: string;
  /** True when the step keeps the rule. */
  readonly holds: (before: ConsentState, event: ConsentEvent, result: TransitionResult) => boolean;
}

const inFlight = (c: IysChange): boolean => c.phase === 'submitted' || c.attempts > 0;
const open = (c: IysChange): boolean =>
  c.phase === 'queued' || c.phase === 'pending' || c.phase === 'submitted';

// Would İYS need a change to reflect `d`? (Stated independently of the machine's own helper.)
function iysNeeds(d: Decision, iys: IysView | null): boolean {
  if (iys === null) return d.status === 'ONAY';
  if (iys.status === d.status) return false;
  return d.consentDate > iys.consentDate;
}

const ok = (t: string | null): boolean => t === null || isInstant(t);
const changeInstantsOk = (c: IysChange): boolean =>
  ok(c.consentDate) &&
  ok(c.createdAt) &&
  ok(c.deadlineAt) &&
  ok(c.submittedAt) &&
  ok(c.overdueAt) &&
  ok(c.resolvedAt);

function instantsOk(s: ConsentState): boolean {
  const cur = s.current;
  const v = s.verification;
  return (
    ok(s.updatedAt) &&
    (cur === null || (ok(cur.consentDate) && ok(cur.recordedAt) && ok(cur.registerBy))) &&
    (s.stop === null || (ok(s.stop.since) && ok(s.stop.deadlineAt))) &&
    (s.iys === null || (ok(s.iys.consentDate) && ok(s.iys.creationDate))) &&
    s.outbox.every(changeInstantsOk) &&
    s.history.every(changeInstantsOk) &&
    (v === null || (ok(v.requestedAt) && ok(v.expiresAt) && ok(v.codeSentAt) && ok(v.endedAt)))
  );
}

// maySend's `allowed` does not depend on the moment asked about (only its reasons do).
const ANY_TIME = new Date(0);

/**
 * The rules about states. Each names the İYS code or article behind it.
 *
 * @example
 * ```ts
 * for (const rule of INVARIANTS) if (!rule.holds(state)) console.error(rule.name);
 * ```
 */
export const INVARIANTS: readonly StateInvariant[] = [
  {
    name: 'versioned',
    description: 'A state carries the current machineVersion and a non-negative seq.',
    holds: (s) => s.machineVersion === MACHINE_VERSION && Number.isInteger(s.seq) && s.seq >= 0,
  },
  {
    name: 'canonicalInstants',
    description: 'Every instant in a state is a canonical ISO string, so string order is time order.',
    holds: instantsOk,
  },
  {
    name: 'latestWins',
    description:
      'The current decision is at least as new as what İYS holds (latest consentDate wins, on both sides); nothing is known of İYS before any decision.',
    holds: (s) =>
      s.current === null ? s.iys === null : s.iys === null || s.current.consentDate >= s.iys.consentDate,
  },
  {
    name: 'localDecisionsValid',
    description:
      'A decision of ours has an HS_* source, a consentDate not after its recording and not before 2015-05-01 00:00:00 (H162, H155/H156), HS_2015 only with that date, HS_KARAR only as RET (H408), and a registration deadline.',
    holds: (s) => {
      const d = s.current;
      if (d === null || d.origin !== 'local') return true;
      return (
        isProviderSource(d.source) &&
        d.consentDate <= d.recordedAt &&
        d.consentDate >= HS_2015_ISO &&
        (d.source !== 'HS_2015' || d.consentDate === HS_2015_ISO) &&
        (d.source !== 'HS_KARAR' || d.status === 'RET') &&
        d.registerBy !== null &&
        d.registerBy > d.consentDate
      );
    },
  },
  {
    name: 'stopWindowIffRet',
    description:
      'The ETK art. 8(3) stop window is open exactly while the current decision is RET, and ends after it starts.',
    holds: (s) =>
      (s.current?.status === 'RET') === (s.stop !== null) &&
      (s.stop === null || s.stop.deadlineAt > s.stop.since),
  },
  {
    name: 'outboxShape',
    description:
      'At most two open changes: one in flight (submitted, or submitted before) and one queued behind it; a queued change is never first; ids are unique.',
    holds: (s) => {
      const b = s.outbox;
      if (b.length > 2) return false;
      if (!b.every(open)) return false;
      if (b.length === 2)
        return inFlight(b[0]!) && b[1]!.phase === 'queued' && b[0]!.changeId !== b[1]!.changeId;
      return b.length === 0 || b[0]!.phase !== 'queued';
    },
  },
  {
    name: 'announcedUnlessQueued',
    description: 'A change is announced (submitToIys) unless it is queued; a queued change never was.',
    holds: (s) => s.outbox.every((c) => c.announced === (c.phase !== 'queued')),
  },
  {
    name: 'changesAreValidIysRecords',
    description:
      'Every change we would send has an HS_* source (rule 3), HS_2015 only with its date, HS_KARAR only as RET, and a deadline after its consentDate.',
    holds: (s) =>
      [...s.outbox, ...s.history].every(
        (c) =>
          isProviderSource(c.source) &&
          (c.source !== 'HS_2015' || c.consentDate === HS_2015_ISO) &&
          (c.source !== 'HS_KARAR' || c.status === 'RET') &&
          c.deadlineAt > c.consentDate,
      ),
  },
  {
    name: 'noFirstRecordRet',
    description: 'No RET is ready to go to an İYS that holds no record (H175).',
    holds: (s) => s.outbox.every((c) => c.phase === 'queued' || c.status !== 'RET' || s.iys !== null),
  },
  {
    name: 'noRedundantChange',
    description: 'No open change (but a queued one) has the status İYS is known to hold (H174).',
    holds: (s) => s.outbox.every((c) => c.phase === 'queued' || s.iys === null || s.iys.status !== c.status),
  },
  {
    name: 'noOlderChange',
    description: 'No open change is older than (or as old as) what İYS holds (H178).',
    holds: (s) =>
      s.outbox.every((c) => c.phase === 'queued' || s.iys === null || c.consentDate > s.iys.consentDate),
  },
  {
    name: 'queueInDateOrder',
    description: 'The queued change is newer than the one in flight.',
    holds: (s) => s.outbox.length < 2 || s.outbox[1]!.consentDate > s.outbox[0]!.consentDate,
  },
  {
    name: 'nothingLeftBehind',
    description:
      'With nothing in flight, a change waits exactly when İYS does not reflect our latest decision (and İYS has not refused it); the waiting change carries that decision.',
    holds: (s) => {
      const b = s.outbox;
      if (b.length > 0 && inFlight(b[0]!)) return true;
      const cur = s.current;
      const want = cur !== null && cur.origin === 'local' && cur.iysRefusal === null && iysNeeds(cur, s.iys);
      if (!want) return b.length === 0;
      return b.length === 1 && b[0]!.decisionId === cur!.id && b[0]!.phase === 'pending';
    },
  },
  {
    name: 'overdueOnlyAfterDeadline',
    description: 'A change is marked overdue only after its deadline.',
    holds: (s) =>
      [...s.outbox, ...s.history].every((c) => c.overdueAt === null || c.overdueAt > c.deadlineAt),
  },
  {
    name: 'historyResolved',
    description: `The history keeps at most ${HISTORY_LIMIT} resolved changes.`,
    holds: (s) =>
      s.history.length <= HISTORY_LIMIT &&
      s.history.every((c) => c.phase === 'accepted' || c.phase === 'refused' || c.phase === 'superseded'),
  },
  {
    name: 'verificationBounded',
    description:
      'A verification locks exactly when its wrong attempts reach the limit; a sent code has a digest; it ends only once.',
    holds: (s) => {
      const v = s.verification;
      if (v === null) return true;
      const ended = v.phase === 'verified' || v.phase === 'expired' || v.phase === 'locked';
      return (
        v.attempts <= v.maxAttempts &&
        (v.phase === 'locked') === v.attempts >= v.maxAttempts &&
        (v.phase !== 'codeSent' || v.codeDigest !== null) &&
        ended === (v.endedAt !== null) &&
        v.expiresAt > v.requestedAt
      );
    },
  },
  {
    name: 'maySendOnlyWithIysOnay',
    description:
      'maySend allows a message only when our latest decision is ONAY and İYS holds ONAY (Yön. art. 5(3)); never after a RET (ETK art. 8).',
    holds: (s) => {
      const probe = maySend(s, ANY_TIME);
      if (!probe.allowed) return s.current?.status !== 'ONAY' || s.iys?.status !== 'ONAY';
      return s.current?.status === 'ONAY' && s.iys?.status === 'ONAY';
    },
  },
];

/**
 * The rules about steps.
 *
 * @example
 * ```ts
 * const r = transition(state, event);
 * STEP_INVARIANTS.filter((rule) => !rule.holds(state, event, r)).map((rule) => rule.name); // []
 * ```
 */
export const STEP_INVARIANTS: readonly StepInvariant[] = [
  {
    name: 'unchangedUnlessApplied',
    description: 'An ignored or rejected event leaves the very same state and produces no effect.',
    holds: (before, _e, r) => r.outcome.kind === 'applied' || (r.state === before && r.effects.length === 0),
  },
  {
    name: 'seqCountsApplied',
    description:
      'Each applied event adds one to seq and stamps updatedAt with its time; the key never changes.',
    holds: (before, e, r) =>
      r.state.key === before.key &&
      (r.outcome.kind !== 'applied' || (r.state.seq === before.seq + 1 && r.state.updatedAt === e.at)),
  },
  {
    name: 'sameStatusIsNoop',
    description: 'A decision with the status already on record is a no-op, not a new change (H174).',
    holds: (before, e, r) =>
      e.type !== 'DECISION_RECORDED' ||
      before.current === null ||
      before.current.status !== e.status ||
      r.outcome.kind !== 'applied',
  },
  {
    name: 'firstRecordNotRet',
    description: 'A RET of ours with nothing on record is refused (H175).',
    holds: (before, e, r) =>
      e.type !== 'DECISION_RECORDED' ||
      before.current !== null ||
      e.status !== 'RET' ||
      r.outcome.kind === 'rejected',
  },
  {
    name: 'olderNeverOverrides',
    description:
      'A new current decision is newer than the one it replaces; only İYS wins a tie (it got there first).',
    holds: (before, _e, r) => {
      const a = before.current;
      const b = r.state.current;
      if (a === null || b === null || a.id === b.id) return true;
      return b.consentDate > a.consentDate || (b.consentDate === a.consentDate && b.origin === 'iys');
    },
  },
  {
    name: 'iysSourcesOnlyFromIys',
    description: 'Only İYS-origin decisions carry IYS_* sources; our events with one are refused (rule 3).',
    holds: (_before, _e, r) =>
      r.state.current === null ||
      r.state.current.origin === 'iys' ||
      isProviderSource(r.state.current.source),
  },
  {
    name: 'onlyLocalDecisionsSent',
    description:
      'Every submitToIys carries a decision of ours that is current and is announced in the outbox as pending: nothing pulled from İYS is echoed back.',
    holds: (_before, _e, r) =>
      r.effects.every(
        (f) =>
          f.type !== 'submitToIys' ||
          (r.state.current !== null &&
            r.state.current.origin === 'local' &&
            r.state.current.id === f.decisionId &&
            r.state.outbox.some((c) => c.changeId === f.changeId && c.phase === 'pending' && c.announced)),
      ),
  },
  {
    name: 'cancelOnlyAnnounced',
    description: 'cancelIysSubmission is only for a change that was announced and is no longer open.',
    holds: (before, _e, r) =>
      r.effects.every(
        (f) =>
          f.type !== 'cancelIysSubmission' ||
          (before.outbox.some((c) => c.changeId === f.changeId && c.announced) &&
            !r.state.outbox.some((c) => c.changeId === f.changeId)),
      ),
  },
  {
    name: 'overdueRaisedOnce',
    description: 'raiseOverdue goes out once per change, when it is found past its deadline.',
    holds: (before, e, r) =>
      r.effects.every((f) => {
        if (f.type !== 'raiseOverdue') return true;
        const prev = before.outbox.find((c) => c.changeId === f.changeId);
        return (
          f.overdueAt === e.at &&
          f.overdueAt > f.deadlineAt &&
          (prev === undefined || prev.overdueAt === null)
        );
      }),
  },
  {
    name: 'everyDecisionEvidenced',
    description: 'Whenever a new decision becomes current, a recordEvidence effect records it.',
    holds: (before, _e, r) => {
      const b = r.state.current;
      return (
        b === null ||
        b.id === before.current?.id ||
        r.effects.some((f) => f.type === 'recordEvidence' && f.decisionId === b.id)
      );
    },
  },
  {
    name: 'retStopsAtOnce',
    description: 'Whenever RET is current, maySend says no, at any time.',
    holds: (_before, _e, r) => r.state.current?.status !== 'RET' || !maySend(r.state, ANY_TIME).allowed,
  },
];

/**
 * The names of the {@link INVARIANTS} a state breaks (empty when it keeps them all).
 *
 * @example
 * ```ts
 * violatedInvariants(JSON.parse(row.state)); // []
 * ```
 */
export function violatedInvariants(state: ConsentState): string[] {
  const out: string[] = [];
  for (const rule of INVARIANTS) if (!rule.holds(state)) out.push(rule.name);
  return out;
}

/**
 * The names of the {@link STEP_INVARIANTS} a step breaks, and of the {@link INVARIANTS} the
 * resulting state breaks.
 *
 * @example
 * ```ts
 * violatedStepInvariants(state, event, transition(state, event)); // []
 * ```
 */
export function violatedStepInvariants(
  before: ConsentState,
  event: ConsentEvent,
  result: TransitionResult,
): string[] {
  const out: string[] = [];
  for (const rule of STEP_INVARIANTS) if (!rule.holds(before, event, result)) out.push(rule.name);
  if (result.state !== before) out.push(...violatedInvariants(result.state));
  return out;
}
