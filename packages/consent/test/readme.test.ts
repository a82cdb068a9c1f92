/**
 * The README's walk-through, run as a test. The code between the README markers below must equal
 * the `ts` block of README.md's "A full lifecycle" section (a second test checks it), so the README
 * can never show code that does not run. `IZINKIT_UPDATE_DOCS=1` rewrites the README block.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ConsentEvent,
  changesToSend,
  consentKey,
  initialState,
  maySend,
  missingConsents,
  replay,
  transition,
} from '../src/index.js';

function walkthrough(): void {
  // README:begin
  // 1. One consent: an address, a channel, a brand. The recipient is normalised (E.164).
  const key = consentKey({
    brandCode: '600000',
    recipient: '0532 123 45 67',
    recipientType: 'BIREYSEL',
    type: 'MESAJ',
  });
  if (!key.ok) throw new Error(key.error.message);

  // The event log is the truth; the state is a cache of it.
  const log: ConsentEvent[] = [];
  let state = initialState(key.value);
  const apply = (event: ConsentEvent): string[] => {
    const { state: next, effects, outcome } = transition(state, event);
    if (outcome.kind === 'rejected') throw new Error(outcome.error.message);
    if (outcome.kind === 'applied') log.push(event);
    state = next;
    return effects.map((e) => e.type); // run them: send the code, write the outbox row, …
  };

  // 2. Double opt-in from the web form (Friday 13 March 2026, 13:00 in Türkiye).
  assert.deepEqual(
    apply({
      type: 'VERIFICATION_REQUESTED',
      at: '2026-03-13T10:00:00.000Z',
      verificationId: 'v-1',
      source: 'HS_WEB',
      expiresAt: '2026-03-13T10:10:00.000Z',
    }),
    ['sendVerificationCode'],
  );
  apply({
    type: 'VERIFICATION_CODE_SENT',
    at: '2026-03-13T10:00:01.000Z',
    verificationId: 'v-1',
    codeDigest: 'hmac:8c1f',
  });
  assert.deepEqual(
    apply({
      type: 'VERIFICATION_CODE_ENTERED',
      at: '2026-03-13T10:01:30.000Z',
      verificationId: 'v-1',
      codeDigest: 'hmac:8c1f',
    }),
    ['recordEvidence', 'submitToIys', 'notifyRecipient'],
  );
  // Not before İYS holds it (Yön. art. 5(3)) — and it must get there within 3 iş günü.
  assert.equal(maySend(state, new Date('2026-03-13T10:02:00Z')).reason, 'awaiting_iys');

  // 3. The sync engine sends the change and feeds back İYS's answer.
  const [change] = changesToSend(state);
  assert.equal(change?.changeId, 'v-1');
  assert.equal(change?.deadlineAt, '2026-03-18T20:59:59.999Z'); // end of Wednesday, Türkiye time
  apply({ type: 'IYS_SUBMITTED', at: '2026-03-13T10:05:00.000Z', changeId: 'v-1' });
  apply({
    type: 'IYS_ACCEPTED',
    at: '2026-03-13T10:05:02.000Z',
    changeId: 'v-1',
    transactionId: 'e9815a44f852aec7',
  });
  assert.equal(maySend(state, new Date('2026-03-13T10:06:00Z')).allowed, true);

  // 4. At 16:00 the person calls the call centre: no more messages.
  apply({
    type: 'DECISION_RECORDED',
    at: '2026-03-13T13:00:05.000Z',
    decisionId: 'd-2',
    status: 'RET',
    source: 'HS_CAGRI_MERKEZI',
    consentDate: '2026-03-13T13:00:00.000Z',
  });
  const answer = maySend(state, new Date('2026-03-16T09:00:00+03:00'));
  assert.equal(answer.allowed, false); // at once…
  assert.equal(answer.stopDeadlineAt, '2026-03-18T20:59:59.999Z'); // …and ETK art. 8(3) says by Wednesday

  // 5. The reply to the RET is lost; the retry meets H174 — İYS already has it. Nothing is sent twice.
  apply({ type: 'IYS_SUBMITTED', at: '2026-03-13T13:01:00.000Z', changeId: 'd-2' });
  apply({
    type: 'IYS_SUBMISSION_FAILED',
    at: '2026-03-13T13:01:30.000Z',
    changeId: 'd-2',
    reason: 'timeout',
  });
  apply({ type: 'IYS_SUBMITTED', at: '2026-03-13T13:05:00.000Z', changeId: 'd-2' });
  apply({ type: 'IYS_REFUSED', at: '2026-03-13T13:05:01.000Z', changeId: 'd-2', code: 'H174' });
  assert.equal(state.iys?.status, 'RET');
  assert.deepEqual(changesToSend(state), []);

  // 6. In April the person says yes again in İYS's own app; the pull applies it and never echoes it.
  assert.deepEqual(
    apply({
      type: 'IYS_PULLED',
      at: '2026-04-02T08:00:00.000Z',
      status: 'ONAY',
      source: 'IYS_MOBIL',
      consentDate: '2026-04-01T17:30:00.000Z',
      transactionId: '53a37a1bd424b555',
    }),
    ['recordEvidence'],
  );
  assert.equal(maySend(state, new Date('2026-04-02T08:00:00Z')).allowed, true);

  // 7. Replay the log anywhere: the same state.
  assert.deepEqual(replay(log, key.value), state);

  // 8. Which consents is this person still missing? Ask only for those.
  const missing = missingConsents(
    { brandCode: '600000', recipients: ['0532 123 45 67', 'ali@example.com'] },
    [state],
  );
  assert.deepEqual(missing.ok && missing.value.map((m) => m.key.type), ['ARAMA', 'EPOSTA']);
  // README:end
}

describe('README', () => {
  it('the walk-through runs', () => {
    expect(walkthrough).not.toThrow();
  });

  it('shows exactly the code this test runs', () => {
    const source = readFileSync(import.meta.filename, 'utf8');
    const region = source.slice(source.indexOf('// README:begin\n') + 16, source.indexOf('  // README:end'));
    const code = region
      .split('\n')
      .map((l) => l.replace(/^ {2}/, ''))
      .join('\n');
    const file = join(import.meta.dirname, '..', 'README.md');
    let readme = readFileSync(file, 'utf8');
    const match = /## A full lifecycle[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme);
    expect(match, 'README.md has no ts block under "## A full lifecycle"').not.toBeNull();
    const block = match![1]!;
    const imports = block.slice(0, block.indexOf('\n\n') + 2);
    if (process.env.IZINKIT_UPDATE_DOCS === '1') {
      const at = match!.index + match![0].indexOf(block);
      readme = readme.slice(0, at) + imports + code + readme.slice(at + block.length);
      writeFileSync(file, readme);
    }
    const body = readFileSync(file, 'utf8').includes(imports + code);
    expect(
      body,
      'README.md "A full lifecycle" differs from test/readme.test.ts (IZINKIT_UPDATE_DOCS=1 rewrites it)',
    ).toBe(true);
  });
});
