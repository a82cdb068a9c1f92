/**
 * The benchmark workload: event logs of realistic consent lifecycles, generated deterministically
 * (a seeded PRNG), so izinkit and the XState port see exactly the same events.
 *
 * One cycle of a key's life (12 events): a double opt-in (request, code sent, right code → ONAY),
 * the sync (submitted, accepted), a duplicate pull echoing it, clock ticks, a RET from the call
 * centre, its sync with one lost reply (failed, resubmitted, H174 = already there), and a stale pull.
 * Every event is applied (or a no-op the machine must recognise); none is refused.
 */
import type { ConsentEvent, ConsentKey } from '../src/index.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/** xorshift32: small, fast and deterministic. */
export function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

/** A key per index: phones on MESAJ. */
export function benchKey(i: number): ConsentKey {
  return {
    brandCode: '600000',
    recipient: `+90532${String(i % 10_000_000).padStart(7, '0')}`,
    recipientType: 'BIREYSEL',
    type: 'MESAJ',
  };
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * `cycles` lifecycles of one key, starting at `startMs` (2026-01-05 by default). At `scale` 1 a
 * cycle spans about two days of clock time, so a log crosses weekends and holidays (1,000 cycles
 * reach 2031); a dense log (`scale` 0.01: every step at least a minute, a cycle about 15 minutes)
 * puts 83,000 cycles — a million events — within about two years, inside the calendar's years.
 */
export function lifecycleLog(
  cycles: number,
  seed: number = 1,
  startMs: number = Date.parse('2026-01-05T07:00:00.000Z'),
  scale: number = 1,
): ConsentEvent[] {
  const rnd = prng(seed);
  const out: ConsentEvent[] = [];
  let now = startMs;
  const step = (minutes: number): string => {
    now += Math.max(1, Math.round(minutes * scale * (0.5 + rnd()))) * MIN;
    return iso(now);
  };
  const dayMinutes = DAY / MIN;
  for (let c = 0; c < cycles; c++) {
    const v = `v${c}`;
    const r = `r${c}`;
    let at = step(10);
    out.push({
      type: 'VERIFICATION_REQUESTED',
      at,
      verificationId: v,
      source: 'HS_WEB',
      expiresAt: iso(now + 10 * MIN),
    });
    out.push({ type: 'VERIFICATION_CODE_SENT', at: step(0.2), verificationId: v, codeDigest: `h${c}` });
    out.push({ type: 'VERIFICATION_CODE_ENTERED', at: step(1), verificationId: v, codeDigest: `h${c}` });
    const onayDate = iso(now - (now % 1000));
    out.push({ type: 'IYS_SUBMITTED', at: step(5), changeId: v });
    out.push({ type: 'IYS_ACCEPTED', at: step(1), changeId: v, transactionId: `t${c}` });
    out.push({
      type: 'IYS_PULLED',
      at: step(120),
      status: 'ONAY',
      source: 'HS_WEB',
      consentDate: onayDate,
      transactionId: `t${c}`,
    });
    out.push({ type: 'TICK', at: step(dayMinutes) });
    at = step(dayMinutes);
    out.push({
      type: 'DECISION_RECORDED',
      at,
      decisionId: r,
      status: 'RET',
      source: 'HS_CAGRI_MERKEZI',
      consentDate: at,
    });
    out.push({ type: 'IYS_SUBMITTED', at: step(3), changeId: r });
    out.push({ type: 'IYS_SUBMISSION_FAILED', at: step(1), changeId: r, reason: 'timeout' });
    out.push({ type: 'IYS_SUBMITTED', at: step(10), changeId: r });
    out.push({ type: 'IYS_REFUSED', at: step(1), changeId: r, code: 'H174' });
  }
  return out;
}

/** Events per cycle of {@link lifecycleLog}. */
export const EVENTS_PER_CYCLE = 12;

/**
 * A service's day: `keys` consents whose lifecycles run side by side, merged into one stream in
 * time order (many decisions fall on the same day, as in production). Each item names its key.
 */
export function serviceStream(
  keys: number,
  cyclesPerKey: number,
  seed: number = 1,
): { key: number; event: ConsentEvent }[] {
  const rnd = prng(seed);
  const start = Date.parse('2026-01-05T06:00:00.000Z');
  const all: { key: number; event: ConsentEvent }[] = [];
  for (let k = 0; k < keys; k++) {
    const offset = Math.floor(rnd() * 8 * 60) * MIN; // keys start within a working day
    for (const event of lifecycleLog(cyclesPerKey, seed + k, start + offset)) all.push({ key: k, event });
  }
  all.sort((a, b) => (a.event.at < b.event.at ? -1 : a.event.at > b.event.at ? 1 : a.key - b.key));
  return all;
}
