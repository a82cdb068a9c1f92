import { describe, expect, it } from 'vitest';
import type { ConsentEvent } from '../src/index.js';
import { decision, outcomeCode, run, t } from './helpers.js';

const request = (at: string, id: string, expiresAt: string, maxAttempts?: number): ConsentEvent => ({
  type: 'VERIFICATION_REQUESTED',
  at,
  verificationId: id,
  source: 'HS_WEB',
  expiresAt,
  ...(maxAttempts === undefined ? {} : { maxAttempts }),
});
const sent = (at: string, id: string, expiresAt?: string): ConsentEvent => ({
  type: 'VERIFICATION_CODE_SENT',
  at,
  verificationId: id,
  codeDigest: 'hmac-of-482913',
  ...(expiresAt === undefined ? {} : { expiresAt }),
});
const entered = (at: string, id: string, digest: string): ConsentEvent => ({
  type: 'VERIFICATION_CODE_ENTERED',
  at,
  verificationId: id,
  codeDigest: digest,
  evidence: { ip: '203.0.113.7' },
});

describe('double opt-in', () => {
  it('requested → code sent → verified records ONAY, with the verification as evidence', () => {
    const { results, state } = run([
      request(t(0), 'v1', t(10)),
      sent(t(0.1), 'v1'),
      entered(t(2), 'v1', 'hmac-of-482913'),
    ]);
    expect(results[0]?.effects).toEqual([
      {
        type: 'sendVerificationCode',
        key: state.key,
        verificationId: 'v1',
        source: 'HS_WEB',
        expiresAt: t(10),
      },
    ]);
    const last = results[2]!;
    expect(last.effects.map((e) => e.type)).toEqual(['recordEvidence', 'submitToIys', 'notifyRecipient']);
    expect(last.effects[0]).toMatchObject({
      decisionId: 'v1',
      evidence: { ip: '203.0.113.7' },
      verification: { verificationId: 'v1', failedAttempts: 0, requestedAt: t(0) },
    });
    expect(state.verification?.phase).toBe('verified');
    expect(state.current).toMatchObject({ id: 'v1', status: 'ONAY', source: 'HS_WEB', consentDate: t(2) });
  });

  it('locks after too many wrong codes; a locked verification accepts nothing more', () => {
    const { results, state } = run([
      request(t(0), 'v1', t(10), 2),
      sent(t(0.1), 'v1'),
      entered(t(1), 'v1', 'wrong'),
      entered(t(2), 'v1', 'wrong'),
    ]);
    expect(results.map(outcomeCode)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(state.verification).toMatchObject({ phase: 'locked', attempts: 2 });
    expect(state.current).toBeNull();
    expect(outcomeCode(run([entered(t(3), 'v1', 'hmac-of-482913')], state).last)).toBe(
      'verification_not_active',
    );
  });

  it('expires: by TICK, by a late code, or by sending the code too late', () => {
    const tick = run([request(t(0), 'v1', t(10)), sent(t(1), 'v1'), { type: 'TICK', at: t(10) }]);
    expect(tick.state.verification?.phase).toBe('expired');
    const late = run([request(t(0), 'v1', t(10)), sent(t(1), 'v1'), entered(t(11), 'v1', 'hmac-of-482913')]);
    expect(late.state.verification?.phase).toBe('expired');
    expect(late.state.current).toBeNull();
    const lateSend = run([request(t(0), 'v1', t(10)), sent(t(12), 'v1')]);
    expect(lateSend.state.verification?.phase).toBe('expired');
  });

  it('a resent code replaces the digest and may move the expiry', () => {
    const { state } = run([
      request(t(0), 'v1', t(10)),
      sent(t(1), 'v1'),
      {
        type: 'VERIFICATION_CODE_SENT',
        at: t(9),
        verificationId: 'v1',
        codeDigest: 'hmac-of-111111',
        expiresAt: t(20),
      },
      entered(t(15), 'v1', 'hmac-of-111111'),
    ]);
    expect(state.verification?.phase).toBe('verified');
  });

  it('refuses verification events that do not fit', () => {
    const base = run([request(t(0), 'v1', t(10))]).state;
    expect(outcomeCode(run([entered(t(1), 'v1', 'x')], base).last)).toBe('code_not_sent');
    expect(outcomeCode(run([entered(t(1), 'v2', 'x')], base).last)).toBe('unknown_verification');
    expect(outcomeCode(run([request(t(1), 'v1', t(10))], base).last)).toBe('duplicate_verification');
    expect(outcomeCode(run([request(t(1), 'v2', t(0))], base).last)).toBe('invalid_expiry');
    expect(
      outcomeCode(
        run(
          [
            {
              type: 'VERIFICATION_REQUESTED',
              at: t(1),
              verificationId: 'v2',
              source: 'HS_KARAR',
              expiresAt: t(9),
            },
          ],
          base,
        ).last,
      ),
    ).toBe('invalid_verification_source');
  });

  it('is not needed once ONAY is on record; after a RET it is', () => {
    const onay = run([decision(t(0), 'd1', 'ONAY')]).state;
    expect(outcomeCode(run([request(t(1), 'v1', t(10))], onay).last)).toBe('already_granted');
    const ret = run([decision(t(2), 'd2', 'RET'), request(t(3), 'v1', t(10))], onay);
    expect(outcomeCode(ret.last)).toBe('applied');
  });
});
