import { describe, expect, it } from 'vitest';
import {
  type ConsentKey,
  type ConsentState,
  consentKey,
  initialState,
  keyId,
  missingConsents,
  summarizePerson,
} from '../src/index.js';
import { decision, EMAIL_KEY, PHONE_KEY, run, t } from './helpers.js';

function granted(key: ConsentKey, registered: boolean): ConsentState {
  const events = [decision(t(0), 'd1', 'ONAY')];
  if (registered) {
    events.push(
      { type: 'IYS_SUBMITTED', at: t(1), changeId: 'd1' },
      { type: 'IYS_ACCEPTED', at: t(2), changeId: 'd1', transactionId: 'tx1' },
    );
  }
  return run(events, initialState(key)).state;
}

describe('consentKey', () => {
  it('normalises the recipient and checks the channel fits it', () => {
    expect(
      consentKey({
        brandCode: 600000,
        recipient: '0532 123 45 67',
        recipientType: 'BIREYSEL',
        type: 'MESAJ',
      }),
    ).toEqual({
      ok: true,
      value: PHONE_KEY,
    });
    const mismatch = consentKey({
      brandCode: '600000',
      recipient: 'ali@example.com',
      recipientType: 'BIREYSEL',
      type: 'ARAMA',
    });
    expect(mismatch.ok ? null : mismatch.error.code).toBe('channel_mismatch');
    const phoneMail = consentKey({
      brandCode: '600000',
      recipient: '0532 123 45 67',
      recipientType: 'BIREYSEL',
      type: 'EPOSTA',
    });
    expect(phoneMail.ok ? null : phoneMail.error.code).toBe('channel_mismatch');
    const bad = consentKey({
      brandCode: '600000',
      recipient: 'merhaba',
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
    });
    expect(bad.ok ? null : [bad.error.code, (bad.error.input as { iysCode: string }).iysCode]).toEqual([
      'invalid_recipient',
      'H122',
    ]);
    const brand = consentKey({
      brandCode: 'ABC',
      recipient: 'ali@example.com',
      recipientType: 'BIREYSEL',
      type: 'EPOSTA',
    });
    expect(brand.ok ? null : brand.error.code).toBe('invalid_brand_code');
    const rt = consentKey({
      brandCode: '1',
      recipient: 'ali@example.com',
      recipientType: 'KURUM' as never,
      type: 'EPOSTA',
    });
    expect(rt.ok ? null : rt.error.code).toBe('invalid_recipient_type');
  });

  it('gives each key a stable id', () => {
    expect(keyId(PHONE_KEY)).toBe('600000|BIREYSEL|MESAJ|+905321234567');
  });
});

describe('one person across channels', () => {
  const sms = granted(PHONE_KEY, true);
  const call = granted({ ...PHONE_KEY, type: 'ARAMA' }, false);
  const mail = run(
    [decision(t(0), 'd1', 'ONAY'), decision(t(1), 'd2', 'RET')],
    initialState(EMAIL_KEY),
  ).state;

  it('summarises every channel with its maySend answer and the next deadline', () => {
    const p = summarizePerson([mail, call, sms], new Date(t(10)));
    expect(p.channels.map((c) => [c.key.type, c.status, c.iysStatus, c.maySend.reason])).toEqual([
      ['MESAJ', 'ONAY', 'ONAY', 'registered_in_iys'],
      ['ARAMA', 'ONAY', null, 'awaiting_iys'],
      ['EPOSTA', 'RET', null, 'ret'],
    ]);
    expect(p.sendable).toEqual([PHONE_KEY]);
    expect(p.nextDeadlineAt).toBe('2026-03-05T20:59:59.999Z');
    expect(p.overdue).toBe(0);
    expect(summarizePerson([call], new Date('2026-03-06T00:00:00Z')).overdue).toBe(1);
  });

  it('lists only the consents still missing, across the channels each address takes', () => {
    const r = missingConsents(
      { brandCode: '600000', recipients: ['0532 123 45 67', 'ALI@Example.com', '+90 532 123 4567'] },
      [sms],
    );
    expect(r.ok && r.value.map((m) => [m.key.recipient, m.key.type, m.reason])).toEqual([
      ['+905321234567', 'ARAMA', 'never_recorded'],
      ['ALI@example.com', 'EPOSTA', 'never_recorded'],
    ]);
    const withRefusal = missingConsents(
      { brandCode: '600000', recipients: ['ali@example.com'], includeRefused: true },
      [mail],
    );
    expect(withRefusal.ok && withRefusal.value.map((m) => m.reason)).toEqual(['refused']);
    const withoutRefusal = missingConsents({ brandCode: '600000', recipients: ['ali@example.com'] }, [mail]);
    expect(withoutRefusal.ok && withoutRefusal.value).toEqual([]);
    const tacir = missingConsents(
      {
        brandCode: '600000',
        recipients: ['0532 123 45 67'],
        recipientTypes: ['BIREYSEL', 'TACIR'],
        types: ['MESAJ'],
      },
      [sms],
    );
    expect(tacir.ok && tacir.value.map((m) => [m.key.recipientType, m.key.type])).toEqual([
      ['TACIR', 'MESAJ'],
    ]);
    const bad = missingConsents({ brandCode: '600000', recipients: ['not a number'] }, []);
    expect(bad.ok).toBe(false);
  });
});
