/**
 * "May I send a commercial message on this channel now?" and "what must still go to İYS?".
 */
import type { SubmitToIys } from './effects.js';
import { ConsentMachineError } from './errors.js';
import type { ConsentState } from './state.js';

/**
 * Why {@link maySend} answered as it did.
 *
 * - `registered_in_iys` — allowed: our latest decision is ONAY and İYS holds ONAY (Yön. art. 5(3):
 *   no message to a recipient without ONAY in İYS).
 * - `no_consent` — nothing on record (a double opt-in in progress is not a consent).
 * - `ret` — the latest decision, ours or İYS's, is RET. `stopDeadlineAt` is the ETK art. 8(3)
 *   deadline (3 iş günü after the RET reached us); the answer is "no" from the moment the RET is
 *   known, the deadline says by when the law required it.
 * - `awaiting_iys` — our ONAY is on its way to İYS; not before İYS holds it.
 * - `registration_overdue` — our ONAY was not registered within 3 iş günü: the regulation treats
 *   it as void until İYS holds it.
 * - `iys_refused` — İYS refused the change carrying our ONAY.
 * - `iys_unknown` — İYS holds a record we cannot see (after H178): pull or query İYS first.
 *
 * @example
 * ```ts
 * const r: MaySendReason = 'awaiting_iys';
 * ```
 */
export type MaySendReason =
  | 'registered_in_iys'
  | 'no_consent'
  | 'ret'
  | 'awaiting_iys'
  | 'registration_overdue'
  | 'iys_refused'
  | 'iys_unknown';

/**
 * The answer of {@link maySend}.
 *
 * @example
 * ```ts
 * const d: MaySendDecision = maySend(state, new Date());
 * if (!d.allowed) console.log(d.reason, d.message);
 * ```
 */
export interface MaySendDecision {
  /** Whether a commercial electronic message may go out on this channel at `at`. */
  readonly allowed: boolean;
  /** Why. */
  readonly reason: MaySendReason;
  /** `"<Turkish> / <English>"` explanation. */
  readonly message: string;
  /** For `ret`: the ETK art. 8(3) stop deadline. */
  readonly stopDeadlineAt: string | null;
  /**
   * For `ret`: `at` is still inside the 3-iş-günü window (the law had not yet required stopping).
   * Useful to judge messages already sent; the answer stays "no".
   */
  readonly withinStopWindow: boolean;
  /** For our ONAY not yet in İYS: its registration deadline. */
  readonly registerBy: string | null;
}

const MESSAGES: { readonly [R in MaySendReason]: string } = {
  registered_in_iys: 'Onay İYS’de kayıtlı; gönderilebilir. / ONAY is registered in İYS; you may send.',
  no_consent: 'Kayıtlı bir onay yok. / There is no consent on record.',
  ret: 'Alıcı reddetti (RET); gönderim durdurulmalı. / The recipient refused (RET); stop sending.',
  awaiting_iys: 'Onay henüz İYS’ye kaydedilmedi. / The consent is not registered in İYS yet.',
  registration_overdue:
    'Onay 3 iş günü içinde İYS’ye kaydedilmedi; geçersiz sayılır. / The consent was not registered in İYS within 3 business days; it is void.',
  iys_refused: 'İYS bu onayı reddetti. / İYS refused the change carrying this consent.',
  iys_unknown:
    'İYS’deki kayıt bilinmiyor; önce İYS’den sorgulayın. / The record in İYS is unknown; query İYS first.',
};

function answer(
  allowed: boolean,
  reason: MaySendReason,
  stopDeadlineAt: string | null = null,
  withinStopWindow = false,
  registerBy: string | null = null,
): MaySendDecision {
  return { allowed, reason, message: MESSAGES[reason], stopDeadlineAt, withinStopWindow, registerBy };
}

/**
 * May a commercial electronic message go out on this consent's channel at `at`? Only when our
 * latest decision is ONAY and İYS holds ONAY. After a RET — ours or one pulled from İYS — the
 * answer is no at once, and the ETK art. 8(3) stop deadline is reported beside it.
 *
 * `at` is the moment asked about; it decides whether a registration deadline or the stop window
 * has passed. The state should be current (feed the events up to `at` first).
 *
 * @throws {@link ConsentMachineError} `invalid_instant` when `at` is not a valid `Date` (a bug).
 *
 * @example
 * ```ts
 * const d = maySend(state, new Date('2026-03-16T09:00:00+03:00'));
 * d.allowed; // false
 * d.reason; // 'ret'
 * d.stopDeadlineAt; // '2026-03-18T20:59:59.999Z'
 * ```
 */
export function maySend(state: ConsentState, at: Date): MaySendDecision {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new ConsentMachineError('invalid_instant', `maySend: not a valid Date: ${String(at)}`);
  }
  const cur = state.current;
  if (cur === null) return answer(false, 'no_consent');
  const when = at.toISOString();
  if (cur.status === 'RET') {
    const stop = state.stop;
    return answer(false, 'ret', stop?.deadlineAt ?? null, stop !== null && when <= stop.deadlineAt);
  }
  const iys = state.iys;
  if (iys !== null && iys.status === 'ONAY') return answer(true, 'registered_in_iys');
  if (cur.iysRefusal !== null) return answer(false, 'iys_refused');
  if (iys !== null && iys.status === null) return answer(false, 'iys_unknown');
  const registerBy = cur.registerBy;
  if (registerBy !== null && when > registerBy) {
    return answer(false, 'registration_overdue', null, false, registerBy);
  }
  return answer(false, 'awaiting_iys', null, false, registerBy);
}

/**
 * The changes to send to İYS now: the pending change, if there is one (a change waits while
 * another is in flight). The same payload the `submitToIys` effect carried, so a sync engine can
 * rebuild its outbox from stored states.
 *
 * @example
 * ```ts
 * for (const c of changesToSend(state)) outbox.upsert(c.changeId, c);
 * ```
 */
export function changesToSend(state: ConsentState): readonly SubmitToIys[] {
  const out: SubmitToIys[] = [];
  for (const c of state.outbox) {
    if (c.phase !== 'pending') continue;
    out.push({
      type: 'submitToIys',
      key: state.key,
      changeId: c.changeId,
      decisionId: c.decisionId,
      status: c.status,
      source: c.source,
      consentDate: c.consentDate,
      retailerCode: c.retailerCode,
      retailerAccess: c.retailerAccess,
      deadlineAt: c.deadlineAt,
    });
  }
  return out;
}
