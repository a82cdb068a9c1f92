/**
 * fast-check arbitraries and the exhaustive-walk alphabet for @izinkit/consent tests (import from
 * '@izinkit/test-utils/consent').
 *
 * test-utils does not depend on the workspace packages, so this file reaches @izinkit/consent by
 * a relative path, type-only: the values it builds are plain JSON.
 */

import type { ConsentEvent, ConsentKey, ConsentState } from '@izinkit/consent';
import fc from 'fast-check';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The walk's clock starts on Monday 2026-03-02 10:00 in Türkiye. */
export const WALK_START_MS: number = Date.parse('2026-03-02T07:00:00.000Z');
/** Each step of the walk moves the clock by 48 hours, so 3-iş-günü deadlines pass within depth 6. */
export const WALK_STEP_MS: number = 48 * HOUR;

/** The time of step `depth` of the walk (a function of the depth only, so paths can merge). */
export function walkClock(depth: number): number {
  return WALK_START_MS + depth * WALK_STEP_MS;
}

/** One letter of the walk's event alphabet: builds an event from the state and the step. */
export interface WalkLetter {
  readonly name: string;
  readonly make: (state: ConsentState, depth: number, at: string, ms: number) => ConsentEvent;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const headId = (s: ConsentState): string => s.outbox[0]?.changeId ?? 'no-such-change';
const verificationId = (s: ConsentState): string => s.verification?.verificationId ?? 'no-such-verification';

/**
 * A finite event alphabet that exercises every rule of the machine: every kind of decision
 * (valid, back-dated, older, HS_2015, HS_KARAR, future-dated, IYS_* source), every İYS result
 * (accepted, H174, H175, H178, failure, late results, results for queued changes), pulls (newer
 * RET/ONAY, stale, echoes of our own change), the clock, and the whole double opt-in. Ids derive
 * from the depth, so the same state reached by different paths is the same JSON.
 */
export const walkAlphabet: readonly WalkLetter[] = [
  {
    name: 'ONAY',
    make: (_s, d, at) => ({
      type: 'DECISION_RECORDED',
      at,
      decisionId: `d${d}`,
      status: 'ONAY',
      source: 'HS_WEB',
      consentDate: at,
    }),
  },
  {
    name: 'RET',
    make: (_s, d, at) => ({
      type: 'DECISION_RECORDED',
      at,
      decisionId: `d${d}`,
      status: 'RET',
      source: 'HS_CAGRI_MERKEZI',
      consentDate: at,
    }),
  },
  {
    name: 'RET_KARAR',
    make: (_s, d, at) => ({
      type: 'DECISION_RECORDED',
      at,
      decisionId: `d${d}`,
      status: 'RET',
      source: 'HS_KARAR',
      consentDate: at,
    }),
  },
  {
    name: 'RET_BACKDATED_5D',
    make: (_s, d, at, ms) => ({
      type: 'DECISION_RECORDED',
      at,
      decisionId: `d${d}`,
      status: 'RET',
      source: 'HS_ISLAK_IMZA',
      consentDate: iso(ms - 5 * DAY),
    }),
  },
  {
    name: 'ONAY_OLD_40D',
    make: (_s, d, at, ms) => ({
      type: 'DECISION_RECORDED',
      at,
      decisionId: `d${d}`,
      status: 'ONAY',
      source: 'HS_ISLAK_IMZA',
      consentDate: iso(ms - 40 * DAY),
    }),
  },
  {
    name: 'ONAY_HS2015',
    make: (_s, d, at) => ({
      type: 'DECISION_RECORDED',
      at,
      decisionId: `d${d}`,
      status: 'ONAY',
      source: 'HS_2015',
      consentDate: '2015-04-30T21:00:00.000Z',
    }),
  },
  {
    name: 'ONAY_FUTURE',
    make: (_s, d, at, ms) => ({
      type: 'DECISION_RECORDED',
      at,
      decisionId: `d${d}`,
      status: 'ONAY',
      source: 'HS_WEB',
      consentDate: iso(ms + HOUR),
    }),
  },
  { name: 'SUBMIT', make: (s, _d, at) => ({ type: 'IYS_SUBMITTED', at, changeId: headId(s) }) },
  {
    name: 'SUBMIT_SECOND',
    make: (s, _d, at) => ({
      type: 'IYS_SUBMITTED',
      at,
      changeId: s.outbox[1]?.changeId ?? s.history[0]?.changeId ?? 'no-such-change',
    }),
  },
  {
    name: 'ACCEPT',
    make: (s, d, at) => ({ type: 'IYS_ACCEPTED', at, changeId: headId(s), transactionId: `tx${d}` }),
  },
  {
    name: 'ACCEPT_SECOND',
    make: (s, d, at) => ({
      type: 'IYS_ACCEPTED',
      at,
      changeId: s.outbox[1]?.changeId ?? 'no-such-change',
      transactionId: `tx${d}`,
    }),
  },
  {
    name: 'ACCEPT_LATE',
    make: (s, d, at) => ({
      type: 'IYS_ACCEPTED',
      at,
      changeId: s.history[0]?.changeId ?? 'no-such-change',
      transactionId: `tx${d}`,
    }),
  },
  { name: 'H174', make: (s, _d, at) => ({ type: 'IYS_REFUSED', at, changeId: headId(s), code: 'H174' }) },
  { name: 'H175', make: (s, _d, at) => ({ type: 'IYS_REFUSED', at, changeId: headId(s), code: 'H175' }) },
  { name: 'H178', make: (s, _d, at) => ({ type: 'IYS_REFUSED', at, changeId: headId(s), code: 'H178' }) },
  {
    name: 'FAILED',
    make: (s, _d, at) => ({ type: 'IYS_SUBMISSION_FAILED', at, changeId: headId(s), reason: 'timeout' }),
  },
  {
    name: 'PULL_RET',
    make: (_s, d, at, ms) => ({
      type: 'IYS_PULLED',
      at,
      status: 'RET',
      source: 'IYS_MOBIL',
      consentDate: iso(ms - HOUR),
      transactionId: `p${d}`,
    }),
  },
  {
    name: 'PULL_ONAY',
    make: (_s, d, at, ms) => ({
      type: 'IYS_PULLED',
      at,
      status: 'ONAY',
      source: 'IYS_WEB',
      consentDate: iso(ms - HOUR),
      transactionId: `p${d}`,
    }),
  },
  {
    name: 'PULL_STALE',
    make: (_s, _d, at) => ({
      type: 'IYS_PULLED',
      at,
      status: 'RET',
      source: 'IYS_CM',
      consentDate: iso(WALK_START_MS - DAY),
      transactionId: 'stale',
    }),
  },
  {
    name: 'PULL_ECHO',
    make: (s, d, at) => {
      const c = s.outbox[0];
      return c === undefined
        ? {
            type: 'IYS_PULLED',
            at,
            status: 'ONAY',
            source: 'HS_WEB',
            consentDate: iso(WALK_START_MS - 2 * DAY),
          }
        : {
            type: 'IYS_PULLED',
            at,
            status: c.status,
            source: c.source,
            consentDate: c.consentDate,
            transactionId: `e${d}`,
          };
    },
  },
  { name: 'TICK', make: (_s, _d, at) => ({ type: 'TICK', at }) },
  {
    name: 'VERIFY_REQUEST',
    make: (_s, d, at, ms) => ({
      type: 'VERIFICATION_REQUESTED',
      at,
      verificationId: `v${d}`,
      source: 'HS_MESAJ',
      expiresAt: iso(ms + 60 * HOUR),
      maxAttempts: 2,
    }),
  },
  {
    name: 'CODE_SENT',
    make: (s, _d, at, ms) => ({
      type: 'VERIFICATION_CODE_SENT',
      at,
      verificationId: verificationId(s),
      codeDigest: 'digest-of-123456',
      expiresAt: iso(ms + 60 * HOUR),
    }),
  },
  {
    name: 'CODE_RESENT',
    make: (s, _d, at) => ({
      type: 'VERIFICATION_CODE_SENT',
      at,
      verificationId: verificationId(s),
      codeDigest: 'digest-of-123456',
    }),
  },
  {
    name: 'CODE_RIGHT',
    make: (s, _d, at) => ({
      type: 'VERIFICATION_CODE_ENTERED',
      at,
      verificationId: verificationId(s),
      codeDigest: 'digest-of-123456',
    }),
  },
  {
    name: 'CODE_WRONG',
    make: (s, _d, at) => ({
      type: 'VERIFICATION_CODE_ENTERED',
      at,
      verificationId: verificationId(s),
      codeDigest: 'digest-of-000000',
    }),
  },
];

/** A Turkish mobile number in E.164, as @izinkit/identity normalises it. */
export const e164MobileArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('30', '32', '33', '41', '42', '43', '44', '52', '53', '54', '55', '59'),
    fc.integer({ min: 0, max: 9_999_999 }),
  )
  .map(([op, n]) => `+905${op}${String(n).padStart(7, '0')}`);

/** An e-mail address already normalised by İYS's rules (ASCII, lower-case). */
export const emailArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9.]{1,10}[a-z0-9]$/),
    fc.constantFrom('example.com', 'ornek.com.tr', 'posta.net'),
  )
  .filter(([local]) => !local.includes('..'))
  .map(([local, domain]) => `${local}@${domain}`);

/** A valid consent key: a phone with MESAJ or ARAMA, or an e-mail with EPOSTA; BIREYSEL or TACIR. */
export const consentKeyArb: fc.Arbitrary<ConsentKey> = fc.oneof(
  fc.record({
    brandCode: fc.constantFrom('600000', '600001'),
    recipient: e164MobileArb,
    recipientType: fc.constantFrom('BIREYSEL' as const, 'TACIR' as const),
    type: fc.constantFrom('MESAJ' as const, 'ARAMA' as const),
  }),
  fc.record({
    brandCode: fc.constantFrom('600000', '600001'),
    recipient: emailArb,
    recipientType: fc.constantFrom('BIREYSEL' as const, 'TACIR' as const),
    type: fc.constant('EPOSTA' as const),
  }),
);

/** How far the clock jumps between two commands of a model run: seconds, hours, or days. */
export const clockJumpArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 1_000, max: 10 * 60_000 }),
  fc.integer({ min: HOUR, max: 12 * HOUR }),
  fc.integer({ min: DAY, max: 8 * DAY }),
);

/** Provider sources a decision of ours may carry (HS_2015 and HS_KARAR have rules of their own). */
export const everydaySourceArb: fc.Arbitrary<
  'HS_WEB' | 'HS_MOBIL' | 'HS_CAGRI_MERKEZI' | 'HS_ISLAK_IMZA' | 'HS_FIZIKSEL_ORTAM' | 'HS_MESAJ'
> = fc.constantFrom(
  'HS_WEB',
  'HS_MOBIL',
  'HS_CAGRI_MERKEZI',
  'HS_ISLAK_IMZA',
  'HS_FIZIKSEL_ORTAM',
  'HS_MESAJ',
);

/** Sources İYS reports for citizen changes. */
export const citizenSourceArb: fc.Arbitrary<string> = fc.constantFrom(
  'IYS_WEB',
  'IYS_MOBIL',
  'IYS_CM',
  'IYS_KISAMESAJ',
  'IYS_3338',
);
