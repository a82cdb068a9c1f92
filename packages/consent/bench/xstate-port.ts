/**
 * The consent machine's logic expressed as an XState v5 machine, for the benchmark: the same
 * rules and the same state data, written the way XState users write machines — parallel regions
 * for the consent status and the double opt-in, guards, `assign` for the data (the İYS view and
 * the outbox), and the effects as an action with dynamic params.
 *
 * It reads the statutory deadlines through the same helper as izinkit (@izinkit/calendar with the
 * same day cache), so the comparison measures the state-machine layer, not the calendar.
 *
 * `test/xstate-port.test.ts` runs the benchmark workload and random event sequences through both
 * machines and checks that they end in the same state with the same effects.
 */
import { isIysSource, isProviderSource, type ProviderSource } from '@izinkit/iys';
import {
  type AnyMachineSnapshot,
  and,
  assign,
  createActor,
  initialTransition,
  setup,
  transition,
} from 'xstate';
import {
  CONFIRMATION_SOURCES,
  type ConsentEffect,
  type ConsentEvent,
  type ConsentKey,
  type ConsentState,
  DEFAULT_MAX_ATTEMPTS,
  type Decision,
  HISTORY_LIMIT,
  type IysChange,
  initialState,
} from '../src/index.js';
import { endOfSameDay, statutoryDeadline } from '../src/internal/deadlines.js';
import { HS_2015_ISO, isInstant, toSecond } from '../src/internal/time.js';

/**
 * The machine's context: the izinkit state, the effects of the last event, and that event (several
 * regions may act on one event: it counts once in `seq`, and their effects add up).
 */
export interface PortContext {
  state: ConsentState;
  fx: ConsentEffect[];
  step: unknown;
}

type Ev = ConsentEvent;
type Ctx = PortContext;
const CONFIRM = new Set<string>(CONFIRMATION_SOURCES);

// ── data helpers (the same rules as src/machine.ts, written for assign) ─────────────────────────

function validLocal(s: ConsentState, e: Extract<Ev, { type: 'DECISION_RECORDED' }>): boolean {
  if (e.status !== 'ONAY' && e.status !== 'RET') return false;
  if (!isProviderSource(e.source) || !isInstant(e.consentDate) || !isInstant(e.at)) return false;
  const cd = toSecond(e.consentDate);
  if (cd > e.at || cd < HS_2015_ISO) return false;
  if (e.source === 'HS_2015' && cd !== HS_2015_ISO) return false;
  if (e.source === 'HS_KARAR' && e.status !== 'RET') return false;
  const cur = s.current;
  if (cur === null) return e.status === 'ONAY';
  return cur.status !== e.status && cd > cur.consentDate;
}

function needed(cur: Decision, iys: ConsentState['iys']): boolean {
  if (iys === null) return cur.status === 'ONAY';
  if (iys.status === cur.status) return false;
  return cur.consentDate > iys.consentDate;
}

function submitFx(key: ConsentKey, c: IysChange): ConsentEffect {
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

function settle(
  s: ConsentState,
  at: string,
  fx: ConsentEffect[],
): Pick<ConsentState, 'outbox' | 'history' | 'current'> {
  const box = s.outbox;
  let cur = s.current;
  const resolved: IysChange[] = [];
  let flying: IysChange | null = null;
  let tail: IysChange | null;
  const head = box[0];
  if (head !== undefined && (head.phase === 'submitted' || head.attempts > 0)) {
    tail = box[1] ?? null;
    if (s.iys !== null && (head.consentDate <= s.iys.consentDate || s.iys.status === head.status)) {
      const reason = head.consentDate <= s.iys.consentDate ? 'overridden_by_iys' : 'already_in_iys';
      resolved.push({ ...head, phase: 'superseded', resolvedAt: at, note: reason });
      fx.push({ type: 'cancelIysSubmission', key: s.key, changeId: head.changeId, reason });
    } else flying = head;
  } else tail = head ?? null;
  let want = cur !== null && cur.origin === 'local' && cur.iysRefusal === null;
  if (want && cur !== null) want = flying !== null ? flying.decisionId !== cur.id : needed(cur, s.iys);
  if (tail !== null) {
    if (want && cur !== null && tail.decisionId === cur.id) {
      want = false;
      if (flying === null && tail.phase === 'queued') {
        tail = { ...tail, phase: 'pending', announced: true };
        fx.push(submitFx(s.key, tail));
      }
    } else {
      const reason =
        cur === null || tail.decisionId !== cur.id
          ? cur !== null && cur.origin === 'iys'
            ? 'overridden_by_iys'
            : 'superseded'
          : cur.status === 'RET' && s.iys === null
            ? 'nothing_to_withdraw'
            : 'already_in_iys';
      resolved.push({ ...tail, phase: 'superseded', resolvedAt: at, note: reason });
      if (tail.announced)
        fx.push({ type: 'cancelIysSubmission', key: s.key, changeId: tail.changeId, reason });
      tail = null;
    }
  }
  if (want && cur !== null) {
    const overdue = at > cur.registerBy!;
    tail = {
      changeId: cur.changesIssued === 0 ? cur.id : `${cur.id}#${cur.changesIssued}`,
      decisionId: cur.id,
      status: cur.status,
      source: cur.source as ProviderSource,
      consentDate: cur.consentDate,
      retailerCode: cur.retailerCode,
      retailerAccess: cur.retailerAccess,
      createdAt: at,
      deadlineAt: cur.registerBy!,
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
    cur = { ...cur, changesIssued: cur.changesIssued + 1 };
    if (tail.phase === 'pending') fx.push(submitFx(s.key, tail));
    if (overdue) {
      fx.push({
        type: 'raiseOverdue',
        key: s.key,
        changeId: tail.changeId,
        status: tail.status,
        deadlineAt: tail.deadlineAt,
        overdueAt: at,
      });
    }
  }
  const outbox = flying !== null ? (tail !== null ? [flying, tail] : [flying]) : tail !== null ? [tail] : [];
  const history =
    resolved.length === 0 ? s.history : [...resolved.reverse(), ...s.history].slice(0, HISTORY_LIMIT);
  return { outbox, history, current: cur };
}

function evidenceFx(s: ConsentState, d: Decision, evidence: unknown, verification: unknown): ConsentEffect {
  return {
    type: 'recordEvidence',
    key: s.key,
    decisionId: d.id,
    status: d.status,
    source: d.source,
    consentDate: d.consentDate,
    recordedAt: d.recordedAt,
    origin: d.origin,
    transactionId: d.transactionId,
    verification: verification as never,
    evidence: (evidence ?? null) as never,
  };
}

function adopt(
  s: ConsentState,
  d: Decision,
  at: string,
  fx: ConsentEffect[],
  evidence: unknown,
  proof: unknown,
): ConsentState {
  let stop: ConsentState['stop'] = null;
  if (d.status === 'RET')
    stop = {
      since: d.consentDate,
      deadlineAt: statutoryDeadline('ETK_RET_STOP_SENDING', d.consentDate, undefined)!,
    };
  fx.push(evidenceFx(s, d, evidence, proof));
  const next = { ...s, current: d, stop };
  const r = settle(next, at, fx);
  if (d.status === 'ONAY' && CONFIRM.has(d.source)) {
    fx.push({
      type: 'notifyRecipient',
      key: s.key,
      decisionId: d.id,
      reason: 'consent_confirmation',
      status: 'ONAY',
      dueBy: endOfSameDay(d.consentDate),
    });
  }
  return { ...s, current: r.current, stop, outbox: r.outbox, history: r.history };
}

function localDecision(
  id: string,
  status: 'ONAY' | 'RET',
  source: ProviderSource,
  cd: string,
  at: string,
  rc: number | null,
  ra: readonly number[] | null,
): Decision {
  return {
    id,
    status,
    source,
    consentDate: cd,
    recordedAt: at,
    origin: 'local',
    registerBy: statutoryDeadline(
      status === 'ONAY' ? 'IYS_REGISTER_CONSENT' : 'IYS_REGISTER_RET',
      cd,
      undefined,
    ),
    transactionId: null,
    retailerCode: rc,
    retailerAccess: ra,
    changesIssued: 0,
    iysRefusal: null,
  };
}

const idx = (s: ConsentState, id: string): number => s.outbox.findIndex((c) => c.changeId === id);
const removeAt = (box: readonly IysChange[], i: number): IysChange[] => box.filter((_, j) => j !== i);
const pushHist = (h: readonly IysChange[], c: IysChange): IysChange[] => [c, ...h].slice(0, HISTORY_LIMIT);

function codeOk(s: ConsentState, e: Extract<Ev, { type: 'VERIFICATION_CODE_ENTERED' }>): boolean {
  const v = s.verification;
  return (
    v !== null &&
    v.verificationId === e.verificationId &&
    v.phase === 'codeSent' &&
    e.at < v.expiresAt &&
    e.codeDigest === v.codeDigest
  );
}
function verifiedLater(s: ConsentState, e: Extract<Ev, { type: 'VERIFICATION_CODE_ENTERED' }>): boolean {
  const cur = s.current;
  return codeOk(s, e) && (cur === null || (cur.status !== 'ONAY' && toSecond(e.at) > cur.consentDate));
}

function pullOutcome(
  s: ConsentState,
  e: Extract<Ev, { type: 'IYS_PULLED' }>,
): { adopt: boolean; confirmed: number; newer: boolean } {
  const cd = toSecond(e.consentDate);
  const view = s.iys;
  let adoptIt: boolean;
  if (view === null || view.status === null) adoptIt = view === null || cd >= view.consentDate;
  else if (cd !== view.consentDate) adoptIt = cd > view.consentDate;
  else {
    const cre = e.creationDate ?? null;
    adoptIt =
      view.status !== e.status &&
      (cre !== null && view.creationDate !== null && cre !== view.creationDate
        ? cre > view.creationDate
        : e.status === 'RET');
  }
  let confirmed = -1;
  s.outbox.forEach((c, i) => {
    if (c.status === e.status && c.consentDate === cd && c.phase !== 'queued') confirmed = i;
  });
  const cur = s.current;
  const newer =
    adoptIt && (cur === null || cd > cur.consentDate || (cd === cur.consentDate && cur.status !== e.status));
  return { adopt: adoptIt, confirmed, newer };
}

function applyPull(
  s: ConsentState,
  e: Extract<Ev, { type: 'IYS_PULLED' }>,
  fx: ConsentEffect[],
): ConsentState {
  const o = pullOutcome(s, e);
  const cd = toSecond(e.consentDate);
  const tx = e.transactionId ?? null;
  let next: ConsentState = s;
  if (o.confirmed >= 0) {
    const c = s.outbox[o.confirmed]!;
    next = {
      ...next,
      outbox: removeAt(s.outbox, o.confirmed),
      history: pushHist(s.history, {
        ...c,
        phase: 'accepted',
        resolvedAt: e.at,
        transactionId: tx,
        note: 'confirmed_by_pull',
      }),
    };
  }
  if (o.adopt) {
    next = {
      ...next,
      iys: {
        status: e.status,
        consentDate: cd,
        source: e.source,
        transactionId: tx,
        creationDate: e.creationDate ?? null,
        via: 'pulled',
      },
    };
    if (o.newer) {
      const d: Decision = {
        id: tx !== null ? `iys:${tx}` : `iys:${cd}:${e.status}`,
        status: e.status,
        source: e.source,
        consentDate: cd,
        recordedAt: e.at,
        origin: 'iys',
        registerBy: null,
        transactionId: tx,
        retailerCode: null,
        retailerAccess: null,
        changesIssued: 0,
        iysRefusal: null,
      };
      let stop = next.stop;
      if (e.status === 'RET') {
        if (s.current === null || s.current.status !== 'RET' || s.stop === null) {
          stop = { since: cd, deadlineAt: statutoryDeadline('ETK_RET_STOP_SENDING', cd, undefined)! };
        }
      } else stop = null;
      next = { ...next, current: d, stop };
      fx.push(evidenceFx(s, d, null, null));
    }
  }
  return { ...next, ...settle(next, e.at, fx) };
}

function accept(
  s: ConsentState,
  changeId: string,
  at: string,
  via: 'accepted' | 'already_registered',
  tx: string | null,
  cre: string | null,
  code: string | null,
  fx: ConsentEffect[],
): ConsentState {
  const i = idx(s, changeId);
  const c = s.outbox[i]!;
  let iys = s.iys;
  if (!(iys !== null && iys.status !== null && c.consentDate < iys.consentDate)) {
    iys = {
      status: c.status,
      consentDate: c.consentDate,
      source: c.source,
      transactionId: tx,
      creationDate: cre,
      via,
    };
  }
  const next = {
    ...s,
    iys,
    outbox: removeAt(s.outbox, i),
    history: pushHist(s.history, {
      ...c,
      phase: 'accepted',
      resolvedAt: at,
      transactionId: tx,
      iysCode: code,
    }),
  };
  return { ...next, ...settle(next, at, fx) };
}

const open = (s: ConsentState, id: string): boolean => {
  const i = idx(s, id);
  return i >= 0 && s.outbox[i]!.phase !== 'queued';
};

// ── the machine ───────────────────────────────────────────────────────────────────────────────

/** The state and effects an action starts from: the first action of an event counts it. */
function begin(ctx: Ctx, event: Ev): { s: ConsentState; fx: ConsentEffect[] } {
  if (ctx.step === event) return { s: ctx.state, fx: [...ctx.fx] };
  return { s: { ...ctx.state, seq: ctx.state.seq + 1, updatedAt: event.at }, fx: [] };
}
const done = (event: Ev, s: ConsentState, fx: ConsentEffect[]): Partial<Ctx> => ({
  state: s,
  fx,
  step: event,
});

type E<T extends Ev['type']> = Extract<Ev, { type: T }>;

function sameVerification(s: ConsentState, event: Ev): boolean {
  return 'verificationId' in event && s.verification?.verificationId === event.verificationId;
}
function expiredAt(s: ConsentState, event: Ev): boolean {
  const v = s.verification;
  if (v === null) return false;
  if (event.type === 'VERIFICATION_CODE_SENT' && event.expiresAt !== undefined) return false;
  return event.at >= v.expiresAt;
}

/** The XState v5 version of the consent machine (used through portStart/portStep). */
const consentXState = setup({
  types: { context: {} as Ctx, events: {} as Ev, input: {} as { key: ConsentKey } },
  guards: {
    validDecision: ({ context, event }) =>
      event.type === 'DECISION_RECORDED' && validLocal(context.state, event),
    verifiedLater: ({ context, event }) =>
      event.type === 'VERIFICATION_CODE_ENTERED' && verifiedLater(context.state, event),
    pullToOnay: ({ context, event }) =>
      event.type === 'IYS_PULLED' && event.status === 'ONAY' && pullOutcome(context.state, event).newer,
    pullToRet: ({ context, event }) =>
      event.type === 'IYS_PULLED' && event.status === 'RET' && pullOutcome(context.state, event).newer,
    pullTellsSomething: ({ context, event }) => {
      if (event.type !== 'IYS_PULLED') return false;
      const o = pullOutcome(context.state, event);
      return o.adopt || o.confirmed >= 0;
    },
    pendingHead: ({ context, event }) =>
      event.type === 'IYS_SUBMITTED' &&
      context.state.outbox[0]?.changeId === event.changeId &&
      context.state.outbox[0]?.phase === 'pending',
    openChange: ({ context, event }) =>
      (event.type === 'IYS_ACCEPTED' || event.type === 'IYS_REFUSED') && open(context.state, event.changeId),
    submittedChange: ({ context, event }) => {
      if (event.type !== 'IYS_SUBMISSION_FAILED') return false;
      const i = idx(context.state, event.changeId);
      return i >= 0 && context.state.outbox[i]!.phase === 'submitted';
    },
    lateAcceptance: ({ context, event }) => {
      if (event.type !== 'IYS_ACCEPTED') return false;
      const s = context.state;
      if (idx(s, event.changeId) >= 0) return false;
      const old = s.history.find((c) => c.changeId === event.changeId);
      return (
        old !== undefined &&
        old.phase === 'superseded' &&
        old.announced &&
        !(s.iys !== null && s.iys.status !== null && old.consentDate < s.iys.consentDate)
      );
    },
    overdueDue: ({ context, event }) =>
      context.state.outbox.some((c) => c.overdueAt === null && event.at > c.deadlineAt),
    canRequest: ({ context, event }) => {
      if (event.type !== 'VERIFICATION_REQUESTED') return false;
      const s = context.state;
      const src: string = event.source;
      if (!isProviderSource(src) || src === 'HS_KARAR' || src === 'HS_2015' || isIysSource(src)) return false;
      if (!isInstant(event.expiresAt) || event.expiresAt <= event.at) return false;
      if (s.current !== null && s.current.status === 'ONAY') return false;
      return s.verification === null || s.verification.verificationId !== event.verificationId;
    },
    sameExpired: ({ context, event }) =>
      sameVerification(context.state, event) && expiredAt(context.state, event),
    sameLive: ({ context, event }) =>
      sameVerification(context.state, event) &&
      !expiredAt(context.state, event) &&
      (event.type !== 'VERIFICATION_CODE_SENT' ||
        event.expiresAt === undefined ||
        event.expiresAt > event.at),
    rightCode: ({ context, event }) =>
      event.type === 'VERIFICATION_CODE_ENTERED' &&
      event.codeDigest === context.state.verification?.codeDigest,
    lastAttempt: ({ context }) => {
      const v = context.state.verification;
      return v !== null && v.attempts + 1 >= v.maxAttempts;
    },
    expiredByClock: ({ context, event }) => expiredAt(context.state, event),
  },
  actions: {
    applyDecision: assign(({ context, event }) => {
      const e = event as E<'DECISION_RECORDED'>;
      const { s, fx } = begin(context, event);
      const d = localDecision(
        e.decisionId,
        e.status,
        e.source,
        toSecond(e.consentDate),
        e.at,
        e.retailerCode ?? null,
        e.retailerAccess ?? null,
      );
      return done(event, adopt(s, d, e.at, fx, e.evidence, null), fx);
    }),
    applyVerified: assign(({ context, event }) => {
      const e = event as E<'VERIFICATION_CODE_ENTERED'>;
      const { s, fx } = begin(context, event);
      const v = s.verification!;
      const d = localDecision(v.verificationId, 'ONAY', v.source, toSecond(e.at), e.at, null, null);
      const proof = {
        verificationId: v.verificationId,
        requestedAt: v.requestedAt,
        codeSentAt: v.codeSentAt,
        failedAttempts: v.attempts,
      };
      return done(event, adopt(s, d, e.at, fx, e.evidence, proof), fx);
    }),
    applyPull: assign(({ context, event }) => {
      const { s, fx } = begin(context, event);
      return done(event, applyPull(s, event as E<'IYS_PULLED'>, fx), fx);
    }),
    markSubmitted: assign(({ context, event }) => {
      const e = event as E<'IYS_SUBMITTED'>;
      const { s, fx } = begin(context, event);
      const h = s.outbox[0]!;
      const next = {
        ...h,
        phase: 'submitted' as const,
        attempts: h.attempts + 1,
        submittedAt: e.at,
        requestId: e.requestId ?? h.requestId,
      };
      return done(event, { ...s, outbox: [next, ...s.outbox.slice(1)] }, fx);
    }),
    applyResult: assign(({ context, event }) => {
      const { s, fx } = begin(context, event);
      if (event.type === 'IYS_ACCEPTED') {
        return done(
          event,
          accept(
            s,
            event.changeId,
            event.at,
            'accepted',
            event.transactionId,
            event.creationDate ?? null,
            null,
            fx,
          ),
          fx,
        );
      }
      const e = event as E<'IYS_REFUSED'>;
      if (e.code === 'H174')
        return done(event, accept(s, e.changeId, e.at, 'already_registered', null, null, 'H174', fx), fx);
      const i = idx(s, e.changeId);
      const c = s.outbox[i]!;
      let iys = s.iys;
      if (e.code === 'H178') {
        const lower = iys !== null && iys.consentDate > c.consentDate ? iys.consentDate : c.consentDate;
        iys = {
          status: null,
          consentDate: lower,
          source: null,
          transactionId: null,
          creationDate: null,
          via: 'refused_newer',
        };
      } else if (e.code === 'H175' && c.status === 'RET') iys = null;
      const current =
        s.current !== null && s.current.id === c.decisionId
          ? { ...s.current, iysRefusal: e.code }
          : s.current;
      const refused: IysChange = {
        ...c,
        phase: 'refused',
        resolvedAt: e.at,
        iysCode: e.code,
        note: e.message ?? null,
      };
      const next = {
        ...s,
        iys,
        current,
        outbox: removeAt(s.outbox, i),
        history: pushHist(s.history, refused),
      };
      return done(event, { ...next, ...settle(next, e.at, fx) }, fx);
    }),
    applyLateAcceptance: assign(({ context, event }) => {
      const e = event as E<'IYS_ACCEPTED'>;
      const { s, fx } = begin(context, event);
      const old = s.history.find((c) => c.changeId === e.changeId)!;
      const iys = {
        status: old.status,
        consentDate: old.consentDate,
        source: old.source,
        transactionId: e.transactionId,
        creationDate: e.creationDate ?? null,
        via: 'accepted' as const,
      };
      const next = { ...s, iys };
      return done(event, { ...next, ...settle(next, e.at, fx) }, fx);
    }),
    markFailed: assign(({ context, event }) => {
      const e = event as E<'IYS_SUBMISSION_FAILED'>;
      const { s, fx } = begin(context, event);
      const i = idx(s, e.changeId);
      const box = [...s.outbox];
      box[i] = { ...box[i]!, phase: 'pending', note: e.reason ?? null };
      return done(event, { ...s, outbox: box }, fx);
    }),
    raiseOverdue: assign(({ context, event }) => {
      const { s, fx } = begin(context, event);
      const outbox = s.outbox.map((c) => {
        if (c.overdueAt !== null || !(event.at > c.deadlineAt)) return c;
        fx.push({
          type: 'raiseOverdue',
          key: s.key,
          changeId: c.changeId,
          status: c.status,
          deadlineAt: c.deadlineAt,
          overdueAt: event.at,
        });
        return { ...c, overdueAt: event.at };
      });
      return done(event, { ...s, outbox }, fx);
    }),
    request: assign(({ context, event }) => {
      const e = event as E<'VERIFICATION_REQUESTED'>;
      const { s, fx } = begin(context, event);
      fx.push({
        type: 'sendVerificationCode',
        key: s.key,
        verificationId: e.verificationId,
        source: e.source,
        expiresAt: e.expiresAt,
      });
      const verification = {
        verificationId: e.verificationId,
        phase: 'requested' as const,
        source: e.source,
        requestedAt: e.at,
        expiresAt: e.expiresAt,
        codeSentAt: null,
        codeDigest: null,
        attempts: 0,
        maxAttempts: e.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        endedAt: null,
      };
      return done(event, { ...s, verification }, fx);
    }),
    codeSent: assign(({ context, event }) => {
      const e = event as E<'VERIFICATION_CODE_SENT'>;
      const { s, fx } = begin(context, event);
      const v = s.verification!;
      const verification = {
        ...v,
        phase: 'codeSent' as const,
        codeSentAt: e.at,
        codeDigest: e.codeDigest,
        expiresAt: e.expiresAt ?? v.expiresAt,
      };
      return done(event, { ...s, verification }, fx);
    }),
    expire: assign(({ context, event }) => {
      const { s, fx } = begin(context, event);
      return done(
        event,
        { ...s, verification: { ...s.verification!, phase: 'expired', endedAt: event.at } },
        fx,
      );
    }),
    verified: assign(({ context, event }) => {
      const { s, fx } = begin(context, event);
      return done(
        event,
        { ...s, verification: { ...s.verification!, phase: 'verified', endedAt: event.at } },
        fx,
      );
    }),
    wrongCode: assign(({ context, event }) => {
      const { s, fx } = begin(context, event);
      const v = s.verification!;
      const attempts = v.attempts + 1;
      const verification =
        attempts >= v.maxAttempts
          ? { ...v, attempts, phase: 'locked' as const, endedAt: event.at }
          : { ...v, attempts };
      return done(event, { ...s, verification }, fx);
    }),
  },
}).createMachine({
  id: 'consent',
  type: 'parallel',
  context: ({ input }) => ({ state: initialState(input.key), fx: [], step: null }),
  states: {
    consent: {
      initial: 'none',
      states: {
        none: {
          on: {
            DECISION_RECORDED: { guard: 'validDecision', target: 'ONAY', actions: 'applyDecision' },
            VERIFICATION_CODE_ENTERED: { guard: 'verifiedLater', target: 'ONAY', actions: 'applyVerified' },
            IYS_PULLED: [
              { guard: 'pullToOnay', target: 'ONAY', actions: 'applyPull' },
              { guard: 'pullToRet', target: 'RET', actions: 'applyPull' },
              { guard: 'pullTellsSomething', actions: 'applyPull' },
            ],
          },
        },
        ONAY: {
          on: {
            DECISION_RECORDED: { guard: 'validDecision', target: 'RET', actions: 'applyDecision' },
            IYS_PULLED: [
              { guard: 'pullToRet', target: 'RET', actions: 'applyPull' },
              { guard: 'pullTellsSomething', actions: 'applyPull' },
            ],
          },
        },
        RET: {
          on: {
            DECISION_RECORDED: { guard: 'validDecision', target: 'ONAY', actions: 'applyDecision' },
            VERIFICATION_CODE_ENTERED: { guard: 'verifiedLater', target: 'ONAY', actions: 'applyVerified' },
            IYS_PULLED: [
              { guard: 'pullToOnay', target: 'ONAY', actions: 'applyPull' },
              { guard: 'pullTellsSomething', actions: 'applyPull' },
            ],
          },
        },
      },
    },
    sync: {
      on: {
        IYS_SUBMITTED: { guard: 'pendingHead', actions: 'markSubmitted' },
        IYS_ACCEPTED: [
          { guard: 'openChange', actions: 'applyResult' },
          { guard: 'lateAcceptance', actions: 'applyLateAcceptance' },
        ],
        IYS_REFUSED: { guard: 'openChange', actions: 'applyResult' },
        IYS_SUBMISSION_FAILED: { guard: 'submittedChange', actions: 'markFailed' },
        TICK: { guard: 'overdueDue', actions: 'raiseOverdue' },
      },
    },
    verification: {
      initial: 'idle',
      on: { VERIFICATION_REQUESTED: { guard: 'canRequest', target: '.requested', actions: 'request' } },
      states: {
        idle: {},
        requested: {
          on: {
            VERIFICATION_CODE_SENT: [
              { guard: 'sameExpired', target: 'expired', actions: 'expire' },
              { guard: 'sameLive', target: 'codeSent', actions: 'codeSent' },
            ],
            TICK: { guard: 'expiredByClock', target: 'expired', actions: 'expire' },
          },
        },
        codeSent: {
          on: {
            VERIFICATION_CODE_SENT: [
              { guard: 'sameExpired', target: 'expired', actions: 'expire' },
              { guard: 'sameLive', target: 'codeSent', actions: 'codeSent' },
            ],
            VERIFICATION_CODE_ENTERED: [
              { guard: 'sameExpired', target: 'expired', actions: 'expire' },
              { guard: and(['sameLive', 'rightCode']), target: 'verified', actions: 'verified' },
              { guard: and(['sameLive', 'lastAttempt']), target: 'locked', actions: 'wrongCode' },
              { guard: 'sameLive', actions: 'wrongCode' },
            ],
            TICK: { guard: 'expiredByClock', target: 'expired', actions: 'expire' },
          },
        },
        verified: {},
        expired: {},
        locked: {},
      },
    },
  },
});

/** The initial snapshot for a key. */
export function portStart(key: ConsentKey): AnyMachineSnapshot {
  return initialTransition(consentXState, { key })[0];
}

/**
 * Runs one event through the XState machine with XState's pure `transition`, returning the next
 * snapshot and the effects of that event.
 */
export function portStep(
  snapshot: AnyMachineSnapshot,
  event: Ev,
): { snapshot: AnyMachineSnapshot; effects: ConsentEffect[] } {
  const [next] = transition(consentXState, snapshot as never, event);
  const ctx = next.context as Ctx;
  return { snapshot: next, effects: ctx.step === event ? ctx.fx : [] };
}

/** The izinkit state held by a snapshot. */
export function portState(snapshot: AnyMachineSnapshot): ConsentState {
  return (snapshot.context as Ctx).state;
}

/**
 * The same machine run as XState users usually run it: an actor, fed with `send`. Returns a
 * function that feeds one event and returns that event's effects, and a reader of the state.
 */
export function portActor(key: ConsentKey): {
  send: (event: Ev) => ConsentEffect[];
  state: () => ConsentState;
} {
  const actor = createActor(consentXState, { input: { key } });
  actor.start();
  return {
    send: (event) => {
      actor.send(event);
      const ctx = actor.getSnapshot().context as Ctx;
      return ctx.step === event ? ctx.fx : [];
    },
    state: () => (actor.getSnapshot().context as Ctx).state,
  };
}
