import { emailArb, tcknArb, trPhoneInputArb, vknArb } from '@izinkit/test-utils/identity';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalIdentifier, identityKey, isIdentityError, normalizeRecipient } from '../src/index.js';

const KEY = 'test key: sixteen bytes or more';

describe('normalizeRecipient', () => {
  it('classifies and normalises in one call', () => {
    expect(normalizeRecipient('0532 123 45 67')).toEqual({
      ok: true,
      value: { kind: 'phone', e164: '+905321234567', phoneKind: 'mobile' },
    });
    expect(normalizeRecipient(' Ali@Example.com ')).toEqual({
      ok: true,
      value: { kind: 'email', address: 'Ali@example.com' },
    });
    expect(normalizeRecipient('444 1 444')).toEqual({
      ok: true,
      value: { kind: 'phone', e164: '+904441444', phoneKind: 'uan' },
    });
    expect(normalizeRecipient('030 1234567', { defaultCountry: 'DE' }).ok).toBe(true);
  });
  it('gives İYS H-codes with the reason', () => {
    const err = (s: string) => {
      const r = normalizeRecipient(s);
      return r.ok ? undefined : [r.error.code, r.error.iysCode, r.error.reason];
    };
    expect(err('')).toEqual(['empty', 'H114', undefined]);
    expect(err('merhaba')).toEqual(['not_a_recipient', 'H122', undefined]);
    expect(err('0632 123 45 67')).toEqual(['invalid_phone', 'H121', 'invalid_number']);
    expect(err('ayşe@example.com')).toEqual(['invalid_email', 'H120', 'turkish_characters']);
    const r = normalizeRecipient('ayşe@example.com');
    if (!r.ok) {
      expect(r.error.message.tr).toMatch(/^Alıcı geçerli bir e-posta adresi değil/);
      expect(r.error.message.en).toMatch(/^The recipient is not a valid e-mail address/);
    }
  });
  it('agrees with normalizePhone and normalizeEmail on generated recipients', () => {
    fc.assert(
      fc.property(trPhoneInputArb, ({ input, nsn }) => {
        const r = normalizeRecipient(input);
        return r.ok && r.value.kind === 'phone' && r.value.e164 === `+90${nsn}`;
      }),
    );
    fc.assert(
      fc.property(emailArb, (e) => {
        const r = normalizeRecipient(e);
        return r.ok && r.value.kind === 'email' && r.value.address === e;
      }),
    );
  });
  it('is idempotent and never throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          emailArb,
          trPhoneInputArb.map((x) => x.input),
        ),
        (s) => {
          const r = normalizeRecipient(s);
          if (!r.ok) return true;
          const again = normalizeRecipient(r.value.kind === 'phone' ? r.value.e164 : r.value.address);
          expect(again).toEqual(r);
          return true;
        },
      ),
    );
    expect(normalizeRecipient(undefined as unknown as string).ok).toBe(false);
  });
});

describe('identityKey', () => {
  it('gives the same key for every typed form of one identifier', () => {
    fc.assert(
      fc.property(trPhoneInputArb, ({ input, nsn }) => {
        const a = identityKey('phone', input, KEY);
        const b = identityKey('phone', `+90${nsn}`, KEY);
        return a.ok && b.ok && a.value === b.value && /^[0-9a-f]{64}$/.test(a.value);
      }),
    );
    fc.assert(
      fc.property(tcknArb, (t) => {
        const a = identityKey('tckn', `${t.slice(0, 3)} ${t.slice(3)}`, KEY);
        const b = identityKey('tckn', t, KEY);
        return a.ok && b.ok && a.value === b.value;
      }),
    );
    const e1 = identityKey('email', ' Ali@Example.com', KEY);
    const e2 = identityKey('email', 'ali@example.com', KEY);
    expect(e1.ok && e2.ok && e1.value === e2.value).toBe(true);
  });
  it('is HMAC-SHA-256 over a documented, domain-separated message', async () => {
    const { createHmac } = await import('node:crypto');
    const expected = createHmac('sha256', KEY)
      .update('izinkit.identity.v1\u0000tckn\u000010000000146')
      .digest('hex');
    expect(identityKey('tckn', '10000000146', KEY)).toEqual({ ok: true, value: expected });
    const b64 = identityKey('tckn', '10000000146', new TextEncoder().encode(KEY), { encoding: 'base64url' });
    expect(b64).toEqual({ ok: true, value: Buffer.from(expected, 'hex').toString('base64url') });
  });
  it('separates kinds and keys', () => {
    fc.assert(
      fc.property(vknArb, (v) => {
        const asVkn = identityKey('vkn', v, KEY);
        const other = identityKey('vkn', v, `${KEY}!`);
        return asVkn.ok && other.ok && asVkn.value !== other.value;
      }),
    );
    const t = identityKey('tckn', '10000000146', KEY);
    const y = identityKey('ykn', '99000000042', KEY);
    expect(t.ok && y.ok && t.value !== y.value).toBe(true);
  });
  it('returns an error value for invalid identifiers and throws on bad keys or kinds', () => {
    expect(identityKey('tckn', '10000000145', KEY)).toMatchObject({
      ok: false,
      error: { code: 'invalid_identifier', kind: 'tckn', reason: 'bad_checksum' },
    });
    expect(identityKey('mersis', '0720106477000001', KEY).ok).toBe(true);
    expect(identityKey('email', 'ayşe@example.com', KEY).ok).toBe(false);
    expect(() => identityKey('tckn', '10000000146', 'short')).toThrow();
    try {
      identityKey('tckn', '10000000146', new Uint8Array(8));
    } catch (e) {
      expect(isIdentityError(e, 'invalid_key')).toBe(true);
    }
    try {
      identityKey('iban' as 'tckn', 'x', KEY);
    } catch (e) {
      expect(isIdentityError(e, 'invalid_argument')).toBe(true);
    }
  });
  it('exposes the canonical form', () => {
    expect(canonicalIdentifier('phone', '0532 123 45 67')).toEqual({ ok: true, value: '+905321234567' });
    expect(canonicalIdentifier('email', 'Ali@Example.com')).toEqual({ ok: true, value: 'ali@example.com' });
    expect(canonicalIdentifier('ykn', '990 000 000 42')).toEqual({ ok: true, value: '99000000042' });
  });
});
