/**
 * The lifecycle as data: the phase of each part of a state (the consent itself, what İYS holds,
 * the double opt-in, each İYS change), the table of every phase change the machine makes, and a
 * Mermaid state diagram generated from that table. The exhaustive test walk checks the table
 * against the machine in both directions, so neither the table nor the diagram can drift.
 */
import type { ConsentEffectType } from './effects.js';
import type { ConsentEventType } from './events.js';
import type { ConsentState, IysChange } from './state.js';

/**
 * The four parts of a consent's lifecycle, each with its own phases:
 * - `consent`: our latest decision — `none`, `ONAY`, `RET`;
 * - `iys`: what İYS holds — `none`, `ONAY`, `RET`, `unknown`;
 * - `verification`: the double opt-in — `idle`, `requested`, `codeSent`, `verified`, `expired`, `locked`;
 * - `change`: each İYS change — `queued`, `pending`, `submitted`, `overdue`, `accepted`, `refused`,
 *   `superseded` (`[*]` before it exists).
 *
 * @example
 * ```ts
 * const r: LifecycleRegion = 'change';
 * ```
 */
export type LifecycleRegion = 'consent' | 'iys' | 'verification' | 'change';

/**
 * The phase of the `consent` region of a state: its current status, or `none`.
 *
 * @example
 * ```ts
 * consentPhase(initialState(key)); // 'none'
 * ```
 */
export function consentPhase(state: ConsentState): 'none' | 'ONAY' | 'RET' {
  return state.current?.status ?? 'none';
}

/**
 * The phase of the `iys` region: what İYS holds as far as the machine knows.
 *
 * @example
 * ```ts
 * iysPhase(initialState(key)); // 'none'
 * ```
 */
export function iysPhase(state: ConsentState): 'none' | 'ONAY' | 'RET' | 'unknown' {
  return state.iys === null ? 'none' : (state.iys.status ?? 'unknown');
}

/**
 * The phase of the `verification` region: the latest double opt-in's phase, or `idle`.
 *
 * @example
 * ```ts
 * verificationPhase(initialState(key)); // 'idle'
 * ```
 */
export function verificationPhase(
  state: ConsentState,
): 'idle' | 'requested' | 'codeSent' | 'verified' | 'expired' | 'locked' {
  return state.verification?.phase ?? 'idle';
}

/**
 * The phase of one change in the `change` region: its {@link ChangePhase}, except that a pending
 * or submitted change past its deadline shows as `overdue` (a queued one stays `queued`: it is
 * raised, and becomes `overdue` when it is announced).
 *
 * @example
 * ```ts
 * changeLifecyclePhase(state.outbox[0]!); // 'pending'
 * ```
 */
export function changeLifecyclePhase(change: IysChange): string {
  const p = change.phase;
  return change.overdueAt !== null && (p === 'pending' || p === 'submitted') ? 'overdue' : p;
}

/**
 * One edge of the lifecycle: in `region`, the events that move a part of the state from phase
 * `from` to phase `to` (`[*]`: a change that did not exist), when, and the effects that may
 * come with it.
 *
 * @example
 * ```ts
 * const t: LifecycleTransition = TRANSITION_TABLE[0]!;
 * `${t.region}: ${t.from} → ${t.to} on ${t.events.join(', ')}`;
 * ```
 */
export interface LifecycleTransition {
  /** Which part of the state. */
  readonly region: LifecycleRegion;
  /** Phase before (`[*]` for a change being created). */
  readonly from: string;
  /** Phase after. */
  readonly to: string;
  /** The events that take this edge. */
  readonly events: readonly ConsentEventType[];
  /** When it is taken, in words. */
  readonly when: string;
  /** Effects that may come with it. */
  readonly effects: readonly ConsentEffectType[];
}

function t(
  region: LifecycleRegion,
  from: string,
  to: string,
  events: readonly ConsentEventType[],
  when: string,
  effects: readonly ConsentEffectType[] = [],
): LifecycleTransition {
  return { region, from, to, events, when, effects };
}

const DECIDE = ['DECISION_RECORDED', 'VERIFICATION_CODE_ENTERED'] as const;
const RESULT = ['IYS_ACCEPTED', 'IYS_REFUSED', 'IYS_PULLED'] as const;
const LEARN = ['IYS_ACCEPTED', 'IYS_REFUSED', 'IYS_PULLED'] as const;

/**
 * Every phase change the machine makes, region by region. It is documentation and a contract:
 * the exhaustive test walks every event sequence to depth 6 and fails if the machine takes an
 * edge missing here, or if an edge here is never taken. {@link lifecycleDiagram} draws it.
 *
 * @example
 * ```ts
 * TRANSITION_TABLE.filter((r) => r.region === 'consent').map((r) => `${r.from}→${r.to}`);
 * ```
 */
export const TRANSITION_TABLE: readonly LifecycleTransition[] = [
  // ── consent: our latest decision ──
  t('consent', 'none', 'ONAY', DECIDE, 'our ONAY (decision, or the right verification code in time)', [
    'recordEvidence',
    'notifyRecipient',
  ]),
  t('consent', 'none', 'ONAY', ['IYS_PULLED'], 'İYS reports ONAY', ['recordEvidence']),
  t('consent', 'none', 'RET', ['IYS_PULLED'], 'İYS reports RET (our own first RET is refused: H175)', [
    'recordEvidence',
  ]),
  t('consent', 'ONAY', 'RET', ['DECISION_RECORDED'], 'our RET, dated after the ONAY (else H178)', [
    'recordEvidence',
  ]),
  t('consent', 'ONAY', 'RET', ['IYS_PULLED'], 'İYS reports a RET at least as new', ['recordEvidence']),
  t('consent', 'RET', 'ONAY', DECIDE, 'our ONAY, dated after the RET', ['recordEvidence', 'notifyRecipient']),
  t('consent', 'RET', 'ONAY', ['IYS_PULLED'], 'İYS reports a newer ONAY', ['recordEvidence']),
  t(
    'consent',
    'ONAY',
    'ONAY',
    ['IYS_PULLED'],
    'İYS reports a newer ONAY (ours: same status is a no-op, H174)',
    ['recordEvidence'],
  ),
  t('consent', 'RET', 'RET', ['IYS_PULLED'], 'İYS reports a newer RET (the stop window keeps its start)', [
    'recordEvidence',
  ]),

  // ── iys: what İYS holds ──
  t('iys', 'none', 'ONAY', LEARN, 'our ONAY accepted (or H174: already there), or pulled'),
  t('iys', 'none', 'RET', ['IYS_PULLED'], 'a RET pulled from İYS'),
  t('iys', 'none', 'unknown', ['IYS_REFUSED'], 'H178: İYS holds a record at least as new as ours'),
  t('iys', 'ONAY', 'RET', LEARN, 'our RET accepted (or H174), or a newer RET pulled'),
  t('iys', 'ONAY', 'unknown', ['IYS_REFUSED'], 'H178'),
  t('iys', 'ONAY', 'none', ['IYS_REFUSED'], 'H175 on our RET: İYS holds no record'),
  t('iys', 'RET', 'ONAY', LEARN, 'our ONAY accepted (or H174), or a newer ONAY pulled'),
  t('iys', 'RET', 'unknown', ['IYS_REFUSED'], 'H178'),
  t('iys', 'unknown', 'ONAY', LEARN, 'our ONAY accepted (or H174), or pulled'),
  t('iys', 'unknown', 'RET', LEARN, 'our RET accepted (or H174), or pulled'),
  t('iys', 'unknown', 'none', ['IYS_REFUSED'], 'H175 on our RET'),

  // ── verification: double opt-in ──
  t('verification', 'idle', 'requested', ['VERIFICATION_REQUESTED'], 'no ONAY on record', [
    'sendVerificationCode',
  ]),
  t('verification', 'requested', 'codeSent', ['VERIFICATION_CODE_SENT'], 'before expiry'),
  t('verification', 'requested', 'expired', ['TICK', 'VERIFICATION_CODE_SENT'], 'at or after expiresAt'),
  t('verification', 'requested', 'requested', ['VERIFICATION_REQUESTED'], 'a new verification replaces it', [
    'sendVerificationCode',
  ]),
  t('verification', 'codeSent', 'verified', ['VERIFICATION_CODE_ENTERED'], 'the right code before expiry'),
  t(
    'verification',
    'codeSent',
    'locked',
    ['VERIFICATION_CODE_ENTERED'],
    'a wrong code, the last attempt allowed',
  ),
  t(
    'verification',
    'codeSent',
    'expired',
    ['TICK', 'VERIFICATION_CODE_ENTERED', 'VERIFICATION_CODE_SENT'],
    'at or after expiresAt',
  ),
  t('verification', 'codeSent', 'requested', ['VERIFICATION_REQUESTED'], 'a new verification replaces it', [
    'sendVerificationCode',
  ]),
  t('verification', 'verified', 'requested', ['VERIFICATION_REQUESTED'], 'a new verification (after a RET)', [
    'sendVerificationCode',
  ]),
  t('verification', 'expired', 'requested', ['VERIFICATION_REQUESTED'], 'a new verification', [
    'sendVerificationCode',
  ]),
  t('verification', 'locked', 'requested', ['VERIFICATION_REQUESTED'], 'a new verification', [
    'sendVerificationCode',
  ]),

  // ── change: each İYS change ──
  t('change', '[*]', 'pending', DECIDE, 'a decision of ours İYS does not reflect, nothing in flight', [
    'submitToIys',
  ]),
  t(
    'change',
    '[*]',
    'pending',
    ['IYS_ACCEPTED', 'IYS_PULLED'],
    'İYS moved away from our latest decision: it is sent again (change id `#n`)',
    ['submitToIys'],
  ),
  t(
    'change',
    '[*]',
    'queued',
    DECIDE,
    'another change is in flight: wait behind it (raised at once if already late)',
    ['raiseOverdue'],
  ),
  t(
    'change',
    '[*]',
    'overdue',
    ['DECISION_RECORDED', 'IYS_ACCEPTED', 'IYS_PULLED'],
    'created already past its deadline (a back-dated decision)',
    ['submitToIys', 'raiseOverdue'],
  ),
  t('change', 'queued', 'pending', RESULT, 'the change in flight resolved and İYS still needs this one', [
    'submitToIys',
  ]),
  t('change', 'queued', 'superseded', DECIDE, 'a newer decision of ours'),
  t('change', 'queued', 'superseded', RESULT, 'İYS reflects it already, or holds something newer'),
  t('change', 'queued', 'queued', ['TICK'], 'past deadlineAt: raised, still waiting', ['raiseOverdue']),
  t('change', 'queued', 'overdue', RESULT, 'announced when the change in flight resolves, already late', [
    'submitToIys',
  ]),
  t('change', 'pending', 'submitted', ['IYS_SUBMITTED'], 'the sync sends it'),
  t('change', 'pending', 'overdue', ['TICK'], 'past deadlineAt', ['raiseOverdue']),
  t('change', 'pending', 'accepted', RESULT, 'accepted, H174 (already there), or echoed by a pull'),
  t('change', 'pending', 'refused', ['IYS_REFUSED'], 'any other H-code: never resent'),
  t('change', 'pending', 'superseded', DECIDE, 'a newer decision of ours', ['cancelIysSubmission']),
  t(
    'change',
    'pending',
    'superseded',
    ['IYS_ACCEPTED', 'IYS_PULLED'],
    'İYS reflects it already, or holds something newer',
    ['cancelIysSubmission'],
  ),
  t(
    'change',
    'submitted',
    'pending',
    ['IYS_SUBMISSION_FAILED'],
    'no answer: send again (it stays first in line)',
  ),
  t('change', 'submitted', 'overdue', ['TICK'], 'past deadlineAt', ['raiseOverdue']),
  t('change', 'submitted', 'accepted', RESULT, 'accepted, H174 after a lost reply, or echoed by a pull'),
  t('change', 'submitted', 'refused', ['IYS_REFUSED'], 'any other H-code: never resent'),
  t(
    'change',
    'submitted',
    'superseded',
    ['IYS_ACCEPTED', 'IYS_PULLED'],
    'İYS holds a newer record, or already this status: ours is moot, landed or not',
    ['cancelIysSubmission'],
  ),
  t('change', 'overdue', 'accepted', RESULT, 'accepted late'),
  t('change', 'overdue', 'refused', ['IYS_REFUSED'], 'refused'),
  t(
    'change',
    'overdue',
    'superseded',
    ['DECISION_RECORDED', 'VERIFICATION_CODE_ENTERED', 'IYS_PULLED'],
    'a newer decision, or İYS moved on',
    ['cancelIysSubmission'],
  ),
];

const REGION_TITLES: Readonly<Record<LifecycleRegion, string>> = {
  consent: 'Consent — our latest decision',
  iys: 'İYS — what İYS holds',
  verification: 'Double opt-in',
  change: 'Each İYS change',
};
const REGION_ORDER: readonly LifecycleRegion[] = ['consent', 'iys', 'verification', 'change'];
const INITIAL: Readonly<Record<LifecycleRegion, string>> = {
  consent: 'none',
  iys: 'none',
  verification: 'idle',
  change: '[*]',
};

/**
 * A Mermaid `stateDiagram-v2` of the lifecycle, generated from {@link TRANSITION_TABLE}: one
 * composite state per region, one arrow per (from, to) pair labelled with its events and
 * effects. `docs/consent-lifecycle.md` embeds this output, and a test fails if it drifts.
 *
 * @example
 * ```ts
 * const mermaid = lifecycleDiagram();
 * mermaid.startsWith('stateDiagram-v2'); // true
 * ```
 */
export function lifecycleDiagram(table: readonly LifecycleTransition[] = TRANSITION_TABLE): string {
  const lines = ['stateDiagram-v2', '  direction LR'];
  for (const region of REGION_ORDER) {
    const rows = table.filter((r) => r.region === region);
    if (rows.length === 0) continue;
    const id = (phase: string): string => (phase === '[*]' ? '[*]' : `${region}_${phase}`);
    lines.push(`  state "${REGION_TITLES[region]}" as ${region} {`);
    const phases = new Set<string>();
    for (const r of rows) {
      if (r.from !== '[*]') phases.add(r.from);
      phases.add(r.to);
    }
    for (const p of phases) lines.push(`    state "${p}" as ${id(p)}`);
    if (INITIAL[region] !== '[*]') lines.push(`    [*] --> ${id(INITIAL[region])}`);
    const edges = new Map<string, { from: string; to: string; events: Set<string>; effects: Set<string> }>();
    for (const r of rows) {
      const k = `${r.from}\u0000${r.to}`;
      let e = edges.get(k);
      if (e === undefined) {
        e = { from: r.from, to: r.to, events: new Set(), effects: new Set() };
        edges.set(k, e);
      }
      for (const ev of r.events) e.events.add(ev);
      for (const fx of r.effects) e.effects.add(fx);
    }
    for (const e of edges.values()) {
      const label = [...e.events].join(', ') + (e.effects.size > 0 ? ` / ${[...e.effects].join(', ')}` : '');
      lines.push(`    ${id(e.from)} --> ${id(e.to)} : ${label}`);
    }
    lines.push('  }');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * {@link TRANSITION_TABLE} as a Markdown table (region, from, to, events, when, effects), for the
 * guide. Generated, like the diagram.
 *
 * @example
 * ```ts
 * lifecycleMarkdownTable().split('\n')[0]; // '| region | from | to | events | when | effects |'
 * ```
 */
export function lifecycleMarkdownTable(table: readonly LifecycleTransition[] = TRANSITION_TABLE): string {
  const lines = ['| region | from | to | events | when | effects |', '|---|---|---|---|---|---|'];
  for (const r of table) {
    const code = (xs: readonly string[]): string => xs.map((x) => `\`${x}\``).join(', ');
    lines.push(
      `| ${r.region} | ${r.from === '[*]' ? '(new)' : r.from} | ${r.to} | ${code(r.events)} | ${r.when} | ${code(r.effects)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
