/**
 * The consent machine: a pure `transition(state, event, context) → { state, effects, outcome }`
 * and `replay(events)`, its fold. No clock, no I/O, no randomness: time comes in on the events,
 * the statutory calendar through `context.calendar`, ids from the caller.
 */
import type { CalendarOptions } from '@izinkit/calendar';
import { type ConsentStatus, isIysSource, isProviderSource, type ProviderSource } from '@izinkit/iys';
import type { ConsentEffect, RecordEvidence } from './effects.js';
import {
  type ConsentError,
  ConsentMachineError,
  consentError,
  type IgnoreCode,
  type RejectionCode,
} from './errors.js';
import {
  type ConsentEvent,
  DEFAULT_MAX_ATTEMPTS,
  type DecisionRecorded,
  type EvidenceData,
  type IysAccepted,
  type IysPulled,
  type IysRefused,
  type IysSubmissionFailed,
  type IysSubmitted,
  type Tick,
  type VerificationCodeEntered,
  type VerificationCodeSent,
  type VerificationRequested,
} from './events.js';
import { endOfSameDay, statutoryDeadline } from './internal/deadlines.js';
import { HS_2015_ISO, isInstant, isoOf, toSecond } from './internal/time.js';
import type { ConsentKey } from './key.js';
import {
  type ConsentState,
  type Decision,
  HISTORY_LIMIT,
  type IysChange,
  type IysView,
  initialState,
  MACHINE_VERSION,
  type Verification,
} from './state.js';

/**
 * What a transition needs besides the state and the event.
 *
 * @example
 * ```ts
 * const ctx: TransitionContext = { now: new Date(), calendar: { halfDays: 'holiday' } };
 * ```
 */
export interface TransitionContext {
  /**
   * The caller's clock. When given, an event stamped after it is refused (`event_in_future`).
   * The machine otherwise takes time only from the events, so a log replays the same anywhere.
   */
  readonly now?: Date;
  /**
   * How business days are counted for the 3-iş-günü deadlines (@izinkit/calendar options). Use
   * the same options when you replay a log.
   */
  readonly calendar?: CalendarOptions;
}

/**
 * How a transition went: `applied` (the state changed), `ignored` (a no-op with its reason; safe
 * to drop or to log), or `rejected` (the event breaks a rule; state unchanged; do not log it).
 *
 * @example
 * ```ts
 * const { outcome } = transition(state, event);
 * if (outcome.kind === 'rejected') reply(422, outcome.error);
 * ```
 */
export type TransitionOutcome =
  | {
      /** The state changed. */
      readonly kind: 'applied';
    }
  | {
      /** A no-op. */
      readonly kind: 'ignored';
      /** Why nothing changed. */
      readonly code: IgnoreCode;
      /** `"<Turkish> / <English>"`. */
      readonly message: string;
    }
  | {
      /** The event breaks a rule. */
      readonly kind: 'rejected';
      /** Which rule, in Turkish and English. */
      readonly error: ConsentError<RejectionCode>;
    };

/**
 * The result of {@link transition}.
 *
 * @example
 * ```ts
 * const { state: next, effects, outcome } = transition(state, event);
 * ```
 */
export interface TransitionResult {
  /** The next state (the same object when the event was ignored or rejected). */
  readonly state: ConsentState;
  /** What the shell must do, in order (empty unless applied). */
  readonly effects: readonly ConsentEffect[];
  /** Applied, ignored or rejected. */
  readonly outcome: TransitionOutcome;
}

/**
 * Options of {@link replay}.
 *
 * @example
 * ```ts
 * const o: ReplayOptions = { calendar: { halfDays: 'holiday' }, strict: true };
 * ```
 */
export interface ReplayOptions {
  /** The calendar options the log was recorded with. */
  readonly calendar?: CalendarOptions;
  /** Throw ({@link ConsentMachineError} `replay_rejected_event`) on an event the machine refuses. */
  readonly strict?: boolean;
}

/**
 * Sources whose consents are taken electronically: the regulation then asks for a confirmation
 * message the same day (Yön. art. 7), so an ONAY from one of these yields a `notifyRecipient`
 * effect. Physical forms, wet signatures, events and HS_2015 imports do not.
 *
 * @example
 * ```ts
 * CONFIRMATION_SOURCES.includes('HS_WEB'); // true
 * CONFIRMATION_SOURCES.includes('HS_ISLAK_IMZA'); // false
 * ```
 */
export const CONFIRMATION_SOURCES: readonly ProviderSource[] = [
  'HS_WEB',
  'HS_MOBIL',
  'HS_MESAJ',
  'HS_EPOSTA',
  'HS_EORTAM',
  'HS_SOSYAL_MEDYA',
  'HS_CAGRI_MERKEZI',
  'HS_ATM',
];
const CONFIRM = new Set<string>(CONFIRMATION_SOURCES);

// ── outcomes ──────────────────────────────────────────────────────────────────────────────────

type Ignored = Extract<TransitionOutcome, { kind: 'ignored' }>;
type Rejected = Extract<TransitionOutcome, { kind: 'rejected' }>;
type NotApplied = Ignored | Rejected;

const APPLIED: TransitionOutcome = Object.freeze({ kind: 'applied' });
const NO_EFFECTS: readonly ConsentEffect[] = Object.freeze([]);
const EMPTY: readonly IysChange[] = Object.freeze([]);

const ignoredCache = new Map<IgnoreCode, Ignored>();
function ignored(code: IgnoreCode): Ignored {
  let o = ignoredCache.get(code);
  if (o === undefined) {
    o = Object.freeze({ kind: 'ignored', code, message: consentError(code).message });
    ignoredCache.set(code, o);
  }
  return o;
}
const rejectedCache = new Map<RejectionCode, Rejected>();
function rejected(code: RejectionCode): Rejected {
  let o = rejectedCache.get(code);
  if (o === undefined) {
    o = Object.freeze({ kind: 'rejected', error: consentError(code) });
    rejectedCache.set(code, o);
  }
  return o;
}

type Step = ConsentState | NotApplied;

/**
 * The effects of the transition being computed. One buffer serves every call (a transition is
 * synchronous; a re-entered call gets a buffer of its own), and its effects are copied out at their
 * exact size only when there are any: most events produce none, and a fresh array per call (grown
 * to 16 slots by its first push) was a fair share of what a transition allocated.
 */
class EffectBuffer {
  private readonly items: (ConsentEffect | undefined)[] = [];
  private n = 0;
  busy = false;

  push(effect: ConsentEffect): void {
    this.items[this.n++] = effect;
  }

  /** The effects pushed since the last `take`, as a new array (the shared empty one for none). */
  take(): readonly ConsentEffect[] {
    const n = this.n;
    if (n === 0) return NO_EFFECTS;
    const items = this.items;
    const out = items.slice(0, n) as ConsentEffect[];
    for (let i = 0; i < n; i++) items[i] = undefined;
    this.n = 0;
    return out;
  }

  /** Forgets the effects pushed since the last `take`. */
  drop(): void {
    const items = this.items;
    for (let i = 0; i < this.n; i++) items[i] = undefined;
    this.n = 0;
  }
}
type Fx = EffectBuffer | null;
const FX = new EffectBuffer();

/**
 * The decision created by the transition being computed, if any: not visible to anyone before the
 * transition returns, so `reconcile` may count its first change in place instead of copying it.
 */
let fresh: Decision | null = null;

function notApplied(r: Step): r is NotApplied {
  return (r as NotApplied).kind !== undefined;
}

// The next state under construction: a fresh object (never shared until returned), so the
// handlers may fill it in place before it is handed out as an immutable state.
type Draft = { -readonly [K in keyof ConsentState]: ConsentState[K] };

function draft(s: ConsentState, at: string): Draft {
  return {
    machineVersion: MACHINE_VERSION,
    key: s.key,
    seq: s.seq + 1,
    updatedAt: at,
    current: s.current,
    stop: s.stop,
    iys: s.iys,
    outbox: s.outbox,
    history: s.history,
    verification: s.verification,
  };
}

// ── the public functions ───────────────────────────────────────────────────────────────────────

const NO_CONTEXT: TransitionContext = {};

/**
 * The consent machine's transition function: pure, total, deterministic. Given the state of one
 * consent and an event, it returns the next state, the effects the shell must run, and whether
 * the event was applied, ignored (a no-op such as the same status twice) or rejected (a rule
 * İYS would refuse, such as a first record of RET). It never throws for any event.
 *
 * Rules it keeps (İYS "İzin Doğrulama Kuralları", ETK, the Regulation):
 * - the first record cannot be RET (H175); the same status twice is a no-op (H174); an older (or
 *   same-dated) decision never overrides a newer one, on either side (H178);
 * - no consentDate after the event, none before 2015-05-01 00:00:00; `HS_2015` only with
 *   2015-05-01 00:00:00; `HS_KARAR` only as RET; `IYS_*` sources only from İYS;
 * - every local decision İYS does not already reflect becomes one İYS change with a stable id and
 *   its 3-iş-günü deadline (`submitToIys`); at most one change is in flight per consent and the
 *   next waits behind it; changes pulled from İYS are never echoed back;
 * - H174 on a change means İYS already has it (accepted); a refused change is never resent;
 * - a RET opens the ETK art. 8(3) stop window; an electronic ONAY asks for the same-day
 *   confirmation (`notifyRecipient`); `TICK` raises overdue changes once and expires verifications.
 *
 * @example
 * ```ts
 * let state = initialState(key);
 * const r = transition(state, {
 *   type: 'DECISION_RECORDED', at: '2026-03-13T13:00:00.000Z', decisionId: 'd-1',
 *   status: 'ONAY', source: 'HS_WEB', consentDate: '2026-03-13T12:59:00.000Z',
 * });
 * r.outcome.kind; // 'applied'
 * r.effects.map((e) => e.type); // ['recordEvidence', 'submitToIys', 'notifyRecipient']
 * state = r.state;
 * ```
 */
export function transition(
  state: ConsentState,
  event: ConsentEvent,
  context: TransitionContext = NO_CONTEXT,
): TransitionResult {
  const fx = FX.busy ? new EffectBuffer() : FX;
  fx.busy = true;
  let r: Step;
  try {
    r = step(state, event, context, fx);
  } catch (error) {
    fx.drop();
    throw error;
  } finally {
    fx.busy = false;
  }
  if (notApplied(r)) {
    fx.drop();
    return { state, effects: NO_EFFECTS, outcome: r };
  }
  return { state: r, effects: fx.take(), outcome: APPLIED };
}

/**
 * Folds an event log into a state: `replay(log, key)` equals applying {@link transition} to each
 * event in turn (effects are not produced: they ran when the events were recorded). Ignored and
 * rejected events leave the state as it was; with `strict`, a rejected event throws.
 *
 * Start from a key (a fresh consent) or from a snapshot (then pass only the events after it).
 *
 * @throws {@link ConsentMachineError} `replay_rejected_event` with `strict`.
 *
 * @example
 * ```ts
 * const state = replay(events, key);
 * const same = replay(events.slice(1000), snapshotAt1000);
 * ```
 */
export function replay(
  events: Iterable<ConsentEvent>,
  from: ConsentKey | ConsentState,
  options: ReplayOptions = {},
): ConsentState {
  let s = 'machineVersion' in from ? from : initialState(from);
  const ctx: TransitionContext = options.calendar === undefined ? NO_CONTEXT : { calendar: options.calendar };
  const strict = options.strict === true;
  let i = 0;
  for (const e of events) {
    const r = step(s, e, ctx, null);
    if (notApplied(r)) {
      if (strict && r.kind === 'rejected') {
        throw new ConsentMachineError(
          'replay_rejected_event',
          `event ${i} (${String((e as { type?: unknown }).type)}) was refused: ${r.error.code}`,
          { cause: r.error },
        );
      }
    } else {
      s = r;
    }
    i++;
  }
  return s;
}

// An invalid `now` accepts nothing (every comparison with NaN's stand-in fails). A service passes
// the same or a nearby clock reading with every event: the last one formatted is kept.
let lastNowMs = Number.NaN;
let lastNowIso = '';
function nowIso(now: Date): string {
  const ms = now.getTime();
  if (Number.isNaN(ms)) return '';
  if (ms !== lastNowMs) {
    lastNowIso = isoOf(ms);
    lastNowMs = ms;
  }
  return lastNowIso;
}

// ── dispatch ──────────────────────────────────────────────────────────────────────────────────

function step(s: ConsentState, e: ConsentEvent, ctx: TransitionContext, fx: Fx): Step {
  fresh = null;
  if (typeof e !== 'object' || e === null || !isInstant(e.at)) return rejected('invalid_event');
  if (ctx.now !== undefined && !(e.at <= nowIso(ctx.now))) return rejected('event_in_future');
  switch (e.type) {
    case 'DECISION_RECORDED':
      return onDecision(s, e, ctx, fx);
    case 'IYS_SUBMITTED':
      return onSubmitted(s, e);
    case 'IYS_ACCEPTED':
      return onAccepted(s, e, fx);
    case 'IYS_REFUSED':
      return onRefused(s, e, fx);
    case 'IYS_SUBMISSION_FAILED':
      return onFailed(s, e);
    case 'IYS_PULLED':
      return onPulled(s, e, ctx, fx);
    case 'TICK':
      return onTick(s, e, fx);
    case 'VERIFICATION_REQUESTED':
      return onVerificationRequested(s, e, fx);
    case 'VERIFICATION_CODE_SENT':
      return onCodeSent(s, e);
    case 'VERIFICATION_CODE_ENTERED':
      return onCodeEntered(s, e, ctx, fx);
    default:
      return rejected('invalid_event');
  }
}

// ── decisions of ours ─────────────────────────────────────────────────────────────────────────

function isStatus(v: unknown): v is ConsentStatus {
  return v === 'ONAY' || v === 'RET';
}
function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0;
}

function onDecision(s: ConsentState, e: DecisionRecorded, ctx: TransitionContext, fx: Fx): Step {
  if (!isStatus(e.status)) return rejected('invalid_status');
  const source: string = e.source;
  if (!isProviderSource(source)) {
    return rejected(
      typeof source === 'string' && isIysSource(source) ? 'iys_source_not_allowed' : 'invalid_source',
    );
  }
  if (!isId(e.decisionId) || !isInstant(e.consentDate)) return rejected('invalid_event');
  const consentDate = toSecond(e.consentDate);
  if (consentDate > e.at) return rejected('consent_date_in_future');
  if (consentDate < HS_2015_ISO) return rejected('consent_date_before_2015');
  if (source === 'HS_2015' && consentDate !== HS_2015_ISO) return rejected('hs2015_date_mismatch');
  if (source === 'HS_KARAR' && e.status !== 'RET') return rejected('karar_requires_ret');
  const rule = checkAgainstCurrent(s.current, e.status, consentDate);
  if (rule !== null) return rule;
  const decision = localDecision(
    e.decisionId,
    e.status,
    source,
    consentDate,
    e.at,
    ctx,
    e.retailerCode ?? null,
    e.retailerAccess ?? null,
  );
  if (decision === null) return rejected('calendar_not_covered');
  const d = draft(s, e.at);
  if (!adoptLocal(d, s.key, decision, e.at, ctx, fx, e.evidence ?? null, null)) {
    return rejected('calendar_not_covered');
  }
  return d;
}

// H174 / H175 / H178 against the decision on record.
function checkAgainstCurrent(
  cur: Decision | null,
  status: ConsentStatus,
  consentDate: string,
): NotApplied | null {
  if (cur === null) return status === 'RET' ? rejected('first_record_ret') : null;
  if (cur.status === status) return ignored('same_status');
  if (consentDate <= cur.consentDate) return rejected('older_than_current');
  return null;
}

function localDecision(
  id: string,
  status: ConsentStatus,
  source: ProviderSource,
  consentDate: string,
  at: string,
  ctx: TransitionContext,
  retailerCode: number | null,
  retailerAccess: readonly number[] | null,
): Decision | null {
  const registerBy = statutoryDeadline(
    status === 'ONAY' ? 'IYS_REGISTER_CONSENT' : 'IYS_REGISTER_RET',
    consentDate,
    ctx.calendar,
  );
  if (registerBy === null) return null;
  fresh = {
    id,
    status,
    source,
    consentDate,
    recordedAt: at,
    origin: 'local',
    registerBy,
    transactionId: null,
    retailerCode,
    retailerAccess,
    changesIssued: 0,
    iysRefusal: null,
  };
  return fresh;
}

// Makes `decision` the current one; false when the stop window cannot be computed.
function adoptLocal(
  d: Draft,
  key: ConsentKey,
  decision: Decision,
  at: string,
  ctx: TransitionContext,
  fx: Fx,
  evidence: EvidenceData | null,
  verification: RecordEvidence['verification'],
): boolean {
  if (decision.status === 'RET') {
    const stopBy = statutoryDeadline('ETK_RET_STOP_SENDING', decision.consentDate, ctx.calendar);
    if (stopBy === null) return false;
    d.stop = { since: decision.consentDate, deadlineAt: stopBy };
  } else {
    d.stop = null;
  }
  d.current = decision;
  if (fx !== null) fx.push(evidenceOf(key, decision, evidence, verification));
  reconcile(d, key, at, fx);
  if (fx !== null && decision.status === 'ONAY' && CONFIRM.has(decision.source)) {
    fx.push({
      type: 'notifyRecipient',
      key,
      decisionId: decision.id,
      reason: 'consent_confirmation',
      status: 'ONAY',
      dueBy: endOfSameDay(decision.consentDate),
    });
  }
  return true;
}

function evidenceOf(
  key: ConsentKey,
  decision: Decision,
  evidence: EvidenceData | null,
  verification: RecordEvidence['verification'],
): RecordEvidence {
  return {
    type: 'recordEvidence',
    key,
    decisionId: decision.id,
    status: decision.status,
    source: decision.source,
    consentDate: decision.consentDate,
    recordedAt: decision.recordedAt,
    origin: decision.origin,
    transactionId: decision.transactionId,
    verification,
    evidence,
  };
}

// ── the İYS outbox ────────────────────────────────────────────────────────────────────────────

function inFlight(c: IysChange): boolean {
  return c.phase === 'submitted' || c.attempts > 0;
}

// Would İYS need a change to reflect `cur`? (İYS rules: same status → H174; RET with no record →
// H175; not later → H178.)
function needed(cur: Decision, iys: IysView | null): boolean {
  if (iys === null) return cur.status === 'ONAY';
  if (iys.status === cur.status) return false;
  return cur.consentDate > iys.consentDate;
}

/** `c` resolved at `at`; `undefined` keeps a field as it was. */
function resolve(
  c: IysChange,
  phase: 'accepted' | 'refused' | 'superseded',
  at: string,
  transactionId: string | null | undefined,
  iysCode: string | null | undefined,
  note: string | null | undefined,
): IysChange {
  return {
    ...c,
    phase,
    resolvedAt: at,
    transactionId: transactionId === undefined ? c.transactionId : transactionId,
    iysCode: iysCode === undefined ? c.iysCode : iysCode,
    note: note === undefined ? c.note : note,
  };
}

function pushHistory(history: readonly IysChange[], resolved: IysChange[] | null): readonly IysChange[] {
  if (resolved === null || resolved.length === 0) return history;
  // The newest first: `resolved` backwards, then the old history, at most HISTORY_LIMIT in all
  // (a plain loop: spreads and `length =` cost more than the copy).
  const r = resolved.length;
  const len = Math.min(r + history.length, HISTORY_LIMIT);
  const next = new Array<IysChange>(len);
  for (let i = 0; i < len; i++) next[i] = i < r ? resolved[r - 1 - i]! : history[i - r]!;
  return next;
}

/** {@link pushHistory} of one change. */
function pushOne(history: readonly IysChange[], c: IysChange): readonly IysChange[] {
  const len = Math.min(1 + history.length, HISTORY_LIMIT);
  const next = new Array<IysChange>(len);
  next[0] = c;
  for (let i = 1; i < len; i++) next[i] = history[i - 1]!;
  return next;
}

function submitEffect(key: ConsentKey, c: IysChange): ConsentEffect {
  return {
    type: 'submitToIys',
    key,
    changeId: c.changeId,
    decisionId: c.decisionId,
    status: c.status,
    source: c.source,
    consentDate: c.consentDate,
    retailerCode: c.retailerCode,
    retailerAccess: c.retailerAccess,
    deadlineAt: c.deadlineAt,
  };
}

/**
 * Brings the outbox in line with the current decision and what İYS holds. At most one change is
 * in flight (submitted, or submitted before and failed: its outcome is unknown, so it is never
 * dropped silently); behind it waits at most one change, `queued` until the one in flight
 * resolves. Without a change in flight, there is one `pending` change exactly when İYS needs one.
 */
function reconcile(d: Draft, key: ConsentKey, at: string, fx: Fx): void {
  const box = d.outbox;
  const cur = d.current;
  if (box.length === 0 && (cur === null || cur.origin !== 'local' || cur.iysRefusal !== null)) return;
  let resolved: IysChange[] | null = null;
  let flying: IysChange | null = null;
  let tail: IysChange | null;
  const head = box[0];
  if (head !== undefined && inFlight(head)) {
    tail = box[1] ?? null;
    if (d.iys !== null && (head.consentDate <= d.iys.consentDate || d.iys.status === head.status)) {
      // İYS holds a record at least as new (ours is overridden, or would be refused: H178), or
      // already holds this status (H174): whether or not our request landed, nothing is left to do.
      const reason = head.consentDate <= d.iys.consentDate ? 'overridden_by_iys' : 'already_in_iys';
      resolved = [resolve(head, 'superseded', at, undefined, undefined, reason)];
      if (fx !== null) fx.push({ type: 'cancelIysSubmission', key, changeId: head.changeId, reason });
    } else {
      flying = head;
    }
  } else {
    tail = head ?? null;
  }

  let want = cur !== null && cur.origin === 'local' && cur.iysRefusal === null;
  if (want) want = flying !== null ? flying.decisionId !== cur!.id : needed(cur!, d.iys);

  if (tail !== null) {
    if (want && tail.decisionId === cur!.id) {
      want = false;
      if (flying === null && tail.phase === 'queued') {
        tail = { ...tail, phase: 'pending', announced: true };
        if (fx !== null) fx.push(submitEffect(key, tail));
      }
    } else {
      const reason =
        cur === null || tail.decisionId !== cur.id
          ? cur !== null && cur.origin === 'iys'
            ? 'overridden_by_iys'
            : 'superseded'
          : cur.status === 'RET' && d.iys === null
            ? 'nothing_to_withdraw'
            : 'already_in_iys';
      const gone = resolve(tail, 'superseded', at, undefined, undefined, reason);
      if (resolved === null) resolved = [gone];
      else resolved.push(gone);
      if (fx !== null && tail.announced) {
        fx.push({ type: 'cancelIysSubmission', key, changeId: tail.changeId, reason });
      }
      tail = null;
    }
  }

  if (want) {
    const c = cur!;
    const deadlineAt = c.registerBy!;
    const overdue = at > deadlineAt;
    tail = {
      changeId: c.changesIssued === 0 ? c.id : `${c.id}#${c.changesIssued}`,
      decisionId: c.id,
      status: c.status,
      source: c.source as ProviderSource,
      consentDate: c.consentDate,
      retailerCode: c.retailerCode,
      retailerAccess: c.retailerAccess,
      createdAt: at,
      deadlineAt,
      phase: flying !== null ? 'queued' : 'pending',
      announced: flying === null,
      attempts: 0,
      submittedAt: null,
      requestId: null,
      overdueAt: overdue ? at : null,
      resolvedAt: null,
      transactionId: null,
      iysCode: null,
      note: null,
    };
    if (c === fresh) (c as { changesIssued: number }).changesIssued = c.changesIssued + 1;
    else d.current = { ...c, changesIssued: c.changesIssued + 1 };
    if (fx !== null) {
      if (tail.phase === 'pending') fx.push(submitEffect(key, tail));
      if (overdue) {
        fx.push({
          type: 'raiseOverdue',
          key,
          changeId: tail.changeId,
          status: tail.status,
          deadlineAt,
          overdueAt: at,
        });
      }
    }
  }

  d.outbox = flying !== null ? (tail !== null ? [flying, tail] : [flying]) : tail !== null ? [tail] : EMPTY;
  d.history = pushHistory(d.history, resolved);
}

function indexOfChange(box: readonly IysChange[], changeId: string): number {
  for (let i = 0; i < box.length; i++) if (box[i]!.changeId === changeId) return i;
  return -1;
}
function inHistory(s: ConsentState, changeId: string): IysChange | undefined {
  for (const c of s.history) if (c.changeId === changeId) return c;
  return undefined;
}
function without(box: readonly IysChange[], i: number): readonly IysChange[] {
  if (box.length === 1) return EMPTY;
  const next = new Array<IysChange>(box.length - 1);
  for (let k = 0, j = 0; k < box.length; k++) if (k !== i) next[j++] = box[k]!;
  return next;
}

/** A copy of `box` with `c` in place `i`. */
function replaced(box: readonly IysChange[], i: number, c: IysChange): IysChange[] {
  if (box.length === 1) return [c];
  const next = new Array<IysChange>(box.length);
  for (let k = 0; k < box.length; k++) next[k] = k === i ? c : box[k]!;
  return next;
}

function onSubmitted(s: ConsentState, e: IysSubmitted): Step {
  if (!isId(e.changeId)) return rejected('invalid_event');
  const head = s.outbox[0];
  if (head !== undefined && head.changeId === e.changeId) {
    if (head.phase === 'submitted') return ignored('already_submitted');
    if (head.phase !== 'pending') return rejected('change_not_sendable');
    const d = draft(s, e.at);
    const next: IysChange = {
      ...head,
      phase: 'submitted',
      attempts: head.attempts + 1,
      submittedAt: e.at,
      requestId: e.requestId ?? head.requestId,
    };
    d.outbox = s.outbox.length === 1 ? [next] : replaced(s.outbox, 0, next);
    return d;
  }
  if (indexOfChange(s.outbox, e.changeId) >= 0 || inHistory(s, e.changeId) !== undefined) {
    return rejected('change_not_sendable');
  }
  return rejected('unknown_change');
}

// İYS holds `c`: update what we know of İYS if it is the newest thing we know.
function learnAccepted(
  d: Draft,
  c: IysChange,
  via: 'accepted' | 'already_registered',
  transactionId: string | null,
  creationDate: string | null,
): boolean {
  if (d.iys !== null && d.iys.status !== null && c.consentDate < d.iys.consentDate) return false;
  d.iys = {
    status: c.status,
    consentDate: c.consentDate,
    source: c.source,
    transactionId,
    creationDate,
    via,
  };
  return true;
}

function onAccepted(s: ConsentState, e: IysAccepted, fx: Fx): Step {
  if (!isId(e.changeId) || !isId(e.transactionId)) return rejected('invalid_event');
  const creationDate = e.creationDate !== undefined && isInstant(e.creationDate) ? e.creationDate : null;
  return accept(s, e.changeId, e.at, 'accepted', e.transactionId, creationDate, null, fx);
}

function accept(
  s: ConsentState,
  changeId: string,
  at: string,
  via: 'accepted' | 'already_registered',
  transactionId: string | null,
  creationDate: string | null,
  iysCode: string | null,
  fx: Fx,
): Step {
  const i = indexOfChange(s.outbox, changeId);
  const d = draft(s, at);
  if (i < 0) {
    // A late acceptance of a change we had given up on (superseded while a request may have been
    // out): it still tells what İYS holds. Results for accepted or refused changes tell nothing.
    const old = inHistory(s, changeId);
    if (old === undefined) return rejected('unknown_change');
    if (
      via !== 'accepted' ||
      old.phase !== 'superseded' ||
      !old.announced ||
      !learnAccepted(d, old, via, transactionId, creationDate)
    ) {
      return ignored('late_result');
    }
    reconcile(d, s.key, at, fx);
    return d;
  }
  const c = s.outbox[i]!;
  // A queued change was never announced, so no result can be about it.
  if (c.phase === 'queued') return rejected('change_not_sendable');
  d.outbox = without(s.outbox, i);
  d.history = pushOne(s.history, resolve(c, 'accepted', at, transactionId, iysCode, undefined));
  learnAccepted(d, c, via, transactionId, creationDate);
  reconcile(d, s.key, at, fx);
  return d;
}

function onRefused(s: ConsentState, e: IysRefused, fx: Fx): Step {
  if (!isId(e.changeId) || typeof e.code !== 'string') return rejected('invalid_event');
  if (e.code === 'H174') return accept(s, e.changeId, e.at, 'already_registered', null, null, 'H174', fx);
  const i = indexOfChange(s.outbox, e.changeId);
  if (i < 0)
    return inHistory(s, e.changeId) !== undefined ? ignored('late_result') : rejected('unknown_change');
  const c = s.outbox[i]!;
  if (c.phase === 'queued') return rejected('change_not_sendable');
  const d = draft(s, e.at);
  d.outbox = without(s.outbox, i);
  d.history = pushOne(s.history, resolve(c, 'refused', e.at, undefined, e.code, e.message ?? null));
  if (e.code === 'H178') {
    // İYS holds a record at least as new as this change; which status, only a pull will tell.
    const lower = d.iys !== null && d.iys.consentDate > c.consentDate ? d.iys.consentDate : c.consentDate;
    d.iys = {
      status: null,
      consentDate: lower,
      source: null,
      transactionId: null,
      creationDate: null,
      via: 'refused_newer',
    };
  } else if (e.code === 'H175' && c.status === 'RET') {
    d.iys = null; // "first record cannot be RET": İYS holds no record at all.
  }
  if (d.current !== null && d.current.id === c.decisionId) d.current = { ...d.current, iysRefusal: e.code };
  reconcile(d, s.key, e.at, fx);
  return d;
}

function onFailed(s: ConsentState, e: IysSubmissionFailed): Step {
  if (!isId(e.changeId)) return rejected('invalid_event');
  const i = indexOfChange(s.outbox, e.changeId);
  if (i < 0)
    return inHistory(s, e.changeId) !== undefined ? ignored('late_result') : rejected('unknown_change');
  const c = s.outbox[i]!;
  if (c.phase === 'queued') return rejected('change_not_sendable');
  if (c.phase !== 'submitted') return ignored('not_submitted');
  const d = draft(s, e.at);
  d.outbox = replaced(s.outbox, i, { ...c, phase: 'pending', note: e.reason ?? null });
  return d;
}

// ── what İYS reports ──────────────────────────────────────────────────────────────────────────

// Between two İYS records with the same consentDate and different statuses: the later created
// wins; when that cannot be told, RET (the safe side). Antisymmetric, so pulls commute.
function pulledWinsTie(status: ConsentStatus, creationDate: string | null, other: IysView): boolean {
  if (creationDate !== null && other.creationDate !== null && creationDate !== other.creationDate) {
    return creationDate > other.creationDate;
  }
  return status === 'RET';
}

function onPulled(s: ConsentState, e: IysPulled, ctx: TransitionContext, fx: Fx): Step {
  if (!isStatus(e.status)) return rejected('invalid_status');
  const source: string = e.source;
  if (typeof source !== 'string' || !(isIysSource(source) || isProviderSource(source))) {
    return rejected('invalid_source');
  }
  if (!isInstant(e.consentDate)) return rejected('invalid_event');
  const cd = toSecond(e.consentDate);
  const creationDate = e.creationDate !== undefined && isInstant(e.creationDate) ? e.creationDate : null;
  const transactionId = e.transactionId !== undefined && isId(e.transactionId) ? e.transactionId : null;
  const view = s.iys;

  // Does this record tell us something new about İYS?
  let adopt: boolean;
  if (view === null || view.status === null) adopt = view === null || cd >= view.consentDate;
  else if (cd > view.consentDate) adopt = true;
  else if (cd < view.consentDate) adopt = false;
  else adopt = view.status !== e.status && pulledWinsTie(e.status, creationDate, view);

  // One of our changes, echoed by İYS (its reply was lost, or a `source=HS` pull)?
  let confirmed = -1;
  for (let i = 0; i < s.outbox.length; i++) {
    const c = s.outbox[i]!;
    if (c.status === e.status && c.consentDate === cd && c.phase !== 'queued') confirmed = i;
  }
  if (!adopt && confirmed < 0) {
    return ignored(
      view !== null && view.status === e.status && cd === view.consentDate ? 'duplicate_pull' : 'stale_pull',
    );
  }

  const d = draft(s, e.at);
  if (confirmed >= 0) {
    const c = s.outbox[confirmed]!;
    d.outbox = without(s.outbox, confirmed);
    d.history = pushOne(
      s.history,
      resolve(c, 'accepted', e.at, transactionId, undefined, 'confirmed_by_pull'),
    );
  }
  if (adopt) {
    d.iys = {
      status: e.status,
      consentDate: cd,
      source: e.source,
      transactionId,
      creationDate,
      via: 'pulled',
    };
    const cur = s.current;
    const newer = cur === null || cd > cur.consentDate || (cd === cur.consentDate && cur.status !== e.status);
    if (newer) {
      const decision: Decision = {
        id: transactionId !== null ? `iys:${transactionId}` : `iys:${cd}:${e.status}`,
        status: e.status,
        source: e.source,
        consentDate: cd,
        recordedAt: e.at,
        origin: 'iys',
        registerBy: null,
        transactionId,
        retailerCode: null,
        retailerAccess: null,
        changesIssued: 0,
        iysRefusal: null,
      };
      if (e.status === 'RET') {
        if (cur === null || cur.status !== 'RET' || s.stop === null) {
          const stopBy = statutoryDeadline('ETK_RET_STOP_SENDING', cd, ctx.calendar);
          if (stopBy === null) return rejected('calendar_not_covered');
          d.stop = { since: cd, deadlineAt: stopBy };
        }
      } else {
        d.stop = null;
      }
      d.current = decision;
      if (fx !== null) fx.push(evidenceOf(s.key, decision, null, null));
    }
  }
  reconcile(d, s.key, e.at, fx);
  return d;
}

// ── the clock ─────────────────────────────────────────────────────────────────────────────────

function onTick(s: ConsentState, e: Tick, fx: Fx): Step {
  const at = e.at;
  let d: Draft | null = null;
  const v = s.verification;
  if (v !== null && (v.phase === 'requested' || v.phase === 'codeSent') && at >= v.expiresAt) {
    d = draft(s, at);
    d.verification = { ...v, phase: 'expired', endedAt: at };
  }
  let box: IysChange[] | null = null;
  for (let i = 0; i < s.outbox.length; i++) {
    const c = s.outbox[i]!;
    if (c.overdueAt === null && at > c.deadlineAt) {
      box ??= [...s.outbox];
      box[i] = { ...c, overdueAt: at };
      if (fx !== null) {
        fx.push({
          type: 'raiseOverdue',
          key: s.key,
          changeId: c.changeId,
          status: c.status,
          deadlineAt: c.deadlineAt,
          overdueAt: at,
        });
      }
    }
  }
  if (box !== null) {
    d ??= draft(s, at);
    d.outbox = box;
  }
  return d === null ? ignored('nothing_due') : d;
}

// ── double opt-in ─────────────────────────────────────────────────────────────────────────────

function active(v: Verification): boolean {
  return v.phase === 'requested' || v.phase === 'codeSent';
}

function onVerificationRequested(s: ConsentState, e: VerificationRequested, fx: Fx): Step {
  const source: string = e.source;
  if (!isProviderSource(source)) {
    return rejected(
      typeof source === 'string' && isIysSource(source) ? 'iys_source_not_allowed' : 'invalid_source',
    );
  }
  if (source === 'HS_KARAR' || source === 'HS_2015') return rejected('invalid_verification_source');
  if (!isId(e.verificationId)) return rejected('invalid_event');
  const max = e.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(max) || max < 1) return rejected('invalid_event');
  if (!isInstant(e.expiresAt) || e.expiresAt <= e.at) return rejected('invalid_expiry');
  if (s.current !== null && s.current.status === 'ONAY') return ignored('already_granted');
  const v = s.verification;
  if (v !== null && v.verificationId === e.verificationId) {
    return active(v) ? ignored('duplicate_verification') : rejected('verification_not_active');
  }
  const d = draft(s, e.at);
  d.verification = {
    verificationId: e.verificationId,
    phase: 'requested',
    source,
    requestedAt: e.at,
    expiresAt: e.expiresAt,
    codeSentAt: null,
    codeDigest: null,
    attempts: 0,
    maxAttempts: max,
    endedAt: null,
  };
  if (fx !== null) {
    fx.push({
      type: 'sendVerificationCode',
      key: s.key,
      verificationId: e.verificationId,
      source,
      expiresAt: e.expiresAt,
    });
  }
  return d;
}

function expire(s: ConsentState, v: Verification, at: string): ConsentState {
  const d = draft(s, at);
  d.verification = { ...v, phase: 'expired', endedAt: at };
  return d;
}

function onCodeSent(s: ConsentState, e: VerificationCodeSent): Step {
  const v = s.verification;
  if (v === null || v.verificationId !== e.verificationId) return rejected('unknown_verification');
  if (!active(v)) return rejected('verification_not_active');
  if (!isId(e.codeDigest)) return rejected('invalid_event');
  if (e.expiresAt !== undefined && (!isInstant(e.expiresAt) || e.expiresAt <= e.at))
    return rejected('invalid_expiry');
  if (e.expiresAt === undefined && e.at >= v.expiresAt) return expire(s, v, e.at);
  const d = draft(s, e.at);
  d.verification = {
    ...v,
    phase: 'codeSent',
    codeSentAt: e.at,
    codeDigest: e.codeDigest,
    expiresAt: e.expiresAt ?? v.expiresAt,
  };
  return d;
}

function onCodeEntered(s: ConsentState, e: VerificationCodeEntered, ctx: TransitionContext, fx: Fx): Step {
  const v = s.verification;
  if (v === null || v.verificationId !== e.verificationId) return rejected('unknown_verification');
  if (v.phase === 'requested') return rejected('code_not_sent');
  if (!active(v)) return rejected('verification_not_active');
  if (!isId(e.codeDigest)) return rejected('invalid_event');
  if (e.at >= v.expiresAt) return expire(s, v, e.at);
  const d = draft(s, e.at);
  if (e.codeDigest !== v.codeDigest) {
    const attempts = v.attempts + 1;
    d.verification =
      attempts >= v.maxAttempts ? { ...v, attempts, phase: 'locked', endedAt: e.at } : { ...v, attempts };
    return d;
  }
  d.verification = { ...v, phase: 'verified', endedAt: e.at };
  const consentDate = toSecond(e.at);
  // The verified consent is a decision like any other: it may be a no-op (ONAY already on record)
  // or lose to a later decision; the verification itself is done either way.
  if (checkAgainstCurrent(s.current, 'ONAY', consentDate) === null) {
    const decision = localDecision(v.verificationId, 'ONAY', v.source, consentDate, e.at, ctx, null, null);
    if (decision === null) return rejected('calendar_not_covered');
    const proof = {
      verificationId: v.verificationId,
      requestedAt: v.requestedAt,
      codeSentAt: v.codeSentAt,
      failedAttempts: v.attempts,
    };
    adoptLocal(d, s.key, decision, e.at, ctx, fx, e.evidence ?? null, proof);
  }
  return d;
}
