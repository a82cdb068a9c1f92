/**
 * Bounded exhaustive walk: every sequence of events from the finite alphabet
 * `walkAlphabet` (@izinkit/test-utils/consent), up to depth 6, from the initial state.
 *
 * Why merging states is exhaustive: `transition` is a pure, deterministic function of (state,
 * event), and the alphabet builds its events from (state, depth) only (the clock and every id are
 * functions of the depth). Two sequences that reach the same state at the same depth therefore
 * have exactly the same continuations, so the walk expands each distinct (state, depth) once and
 * still checks the outcome of every sequence. Sequences with ignored or refused events are kept
 * (the unchanged state carries on to the next depth).
 */
import { walkAlphabet, walkClock } from '@izinkit/test-utils/consent';
import { describe, expect, it } from 'vitest';
import {
  type ConsentEvent,
  type ConsentState,
  ConsentStateSchema,
  changeLifecyclePhase,
  consentPhase,
  initialState,
  iysPhase,
  type LifecycleRegion,
  migrate,
  TRANSITION_TABLE,
  type TransitionResult,
  transition,
  verificationPhase,
  violatedStepInvariants,
} from '../src/index.js';
import { PHONE_KEY } from './helpers.js';

const DEPTH = 6;

interface Edge {
  readonly region: LifecycleRegion;
  readonly from: string;
  readonly to: string;
  readonly event: string;
}
const edgeKey = (e: Edge): string => `${e.region} ${e.from} -> ${e.to} : ${e.event}`;

/** The lifecycle edges one step takes, by region (as `TRANSITION_TABLE` describes them). */
function edgesOf(before: ConsentState, event: ConsentEvent, after: ConsentState): Edge[] {
  if (after === before) return [];
  const out: Edge[] = [];
  const ev = event.type;
  const c0 = consentPhase(before);
  const c1 = consentPhase(after);
  if (c0 !== c1 || before.current?.id !== after.current?.id) {
    out.push({ region: 'consent', from: c0, to: c1, event: ev });
  }
  const i0 = iysPhase(before);
  const i1 = iysPhase(after);
  if (i0 !== i1) out.push({ region: 'iys', from: i0, to: i1, event: ev });
  const v0 = verificationPhase(before);
  const v1 = verificationPhase(after);
  if (v0 !== v1 || before.verification?.verificationId !== after.verification?.verificationId) {
    out.push({ region: 'verification', from: v0, to: v1, event: ev });
  }
  // A change's edge: its phase label changed, or it was just found overdue (a self-loop).
  const was = new Map(before.outbox.map((c) => [c.changeId, c]));
  const changes = [...after.outbox, ...after.history.filter((c) => !before.history.includes(c))];
  for (const c of changes) {
    const prev = was.get(c.changeId);
    const from = prev === undefined ? '[*]' : changeLifecyclePhase(prev);
    const to = changeLifecyclePhase(c);
    if (from !== to || (prev !== undefined && prev.overdueAt === null && c.overdueAt !== null)) {
      out.push({ region: 'change', from, to, event: ev });
    }
  }
  return out;
}

const TABLE = new Map<string, (typeof TRANSITION_TABLE)[number]>();
for (const row of TRANSITION_TABLE) {
  for (const event of row.events) {
    const k = edgeKey({ region: row.region, from: row.from, to: row.to, event });
    if (TABLE.has(k)) throw new Error(`TRANSITION_TABLE lists ${k} twice`);
    TABLE.set(k, row);
  }
}

describe('bounded exhaustive walk (depth 6)', () => {
  it('keeps every invariant, in every state of every sequence, and takes exactly the edges of TRANSITION_TABLE', () => {
    const parent = new Map<ConsentState, { from: ConsentState; letter: string } | null>();
    const pathOf = (s: ConsentState): string[] => {
      const names: string[] = [];
      for (let p = parent.get(s); p; p = parent.get(p.from)) names.unshift(p.letter);
      return names;
    };
    const start = initialState(PHONE_KEY);
    parent.set(start, null);
    let frontier: ConsentState[] = [start];
    const observed = new Set<string>();
    const outcomes = new Map<string, number>();
    const failures: string[] = [];
    let sequences = 0;
    let distinct = 1;

    for (let depth = 0; depth < DEPTH; depth++) {
      const ms = walkClock(depth);
      const at = new Date(ms).toISOString();
      const seen = new Map<string, ConsentState>();
      const last = depth === DEPTH - 1;
      for (const s of frontier) {
        for (const letter of walkAlphabet) {
          const event = letter.make(s, depth, at, ms);
          const r: TransitionResult = transition(s, event);
          sequences++;
          const kind =
            r.outcome.kind === 'applied'
              ? 'applied'
              : r.outcome.kind === 'ignored'
                ? r.outcome.code
                : r.outcome.error.code;
          outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
          const broken = violatedStepInvariants(s, event, r);
          if (broken.length > 0 && failures.length < 5) {
            failures.push(`${[...pathOf(s), letter.name].join(' → ')}: ${broken.join(', ')}`);
          }
          const edges = edgesOf(s, event, r.state);
          const allowedEffects = new Set<string>();
          for (const e of edges) {
            const k = edgeKey(e);
            observed.add(k);
            const row = TABLE.get(k);
            if (row === undefined) {
              if (failures.length < 5)
                failures.push(`${[...pathOf(s), letter.name].join(' → ')}: edge not in the table: ${k}`);
            } else {
              for (const fx of row.effects) allowedEffects.add(fx);
            }
          }
          for (const fx of r.effects) {
            if (!allowedEffects.has(fx.type) && failures.length < 5) {
              failures.push(`${[...pathOf(s), letter.name].join(' → ')}: effect ${fx.type} on no edge taken`);
            }
          }
          if (!last && r.state !== s) {
            const k = JSON.stringify(r.state);
            if (!seen.has(k)) {
              seen.set(k, r.state);
              parent.set(r.state, { from: s, letter: letter.name });
            }
          }
        }
      }
      // States that stayed unchanged continue too (their sequences had a no-op at this depth).
      for (const s of frontier) {
        const k = JSON.stringify(s);
        if (!seen.has(k)) seen.set(k, s);
      }
      distinct += seen.size;
      frontier = [...seen.values()];
    }

    console.log(
      `exhaustive walk: ${walkAlphabet.length} letters, depth ${DEPTH}, ${sequences} transitions, ${distinct} distinct states`,
    );
    expect(failures).toEqual([]);
    const missing = [...TABLE.keys()].filter((k) => !observed.has(k));
    expect(missing, 'edges in TRANSITION_TABLE the machine never takes').toEqual([]);
    // The walk is meaningful: it reaches many states and every kind of outcome.
    expect(sequences).toBeGreaterThan(500_000);
    expect(distinct).toBeGreaterThan(20_000);
    const unseenOutcomes = [
      'applied',
      'same_status',
      'first_record_ret',
      'older_than_current',
      'consent_date_in_future',
      'duplicate_pull',
      'stale_pull',
      'late_result',
      'nothing_due',
      'change_not_sendable',
      'unknown_change',
      'already_submitted',
      'not_submitted',
      'code_not_sent',
      'verification_not_active',
      'unknown_verification',
      'already_granted',
    ].filter((code) => (outcomes.get(code) ?? 0) === 0);
    expect(unseenOutcomes, 'outcomes the walk never produced').toEqual([]);
  });

  it('every state reached to depth 4 survives JSON and its zod schema unchanged, and migrate accepts it', () => {
    let frontier: ConsentState[] = [initialState(PHONE_KEY)];
    const all = new Map<string, ConsentState>();
    for (let depth = 0; depth < 4; depth++) {
      const ms = walkClock(depth);
      const at = new Date(ms).toISOString();
      const next = new Map<string, ConsentState>();
      for (const s of frontier) {
        for (const letter of walkAlphabet) {
          const r = transition(s, letter.make(s, depth, at, ms));
          const k = JSON.stringify(r.state);
          next.set(k, r.state);
          all.set(k, r.state);
        }
      }
      frontier = [...next.values()];
    }
    expect(all.size).toBeGreaterThan(1000);
    for (const [json, s] of all) {
      const back = JSON.parse(json) as unknown;
      expect(back).toEqual(s);
      expect(ConsentStateSchema.parse(back)).toEqual(s);
      const m = migrate(back);
      expect(m.ok && m.value).toEqual(s);
    }
  });
});
