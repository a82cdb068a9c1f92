import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { evidenceFieldsArb, ipv4Arb, ipv6Arb, notIpArb } from '@izinkit/test-utils/evidence';
import reference from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildEvidence,
  canonicalize,
  type EvidenceInput,
  EvidenceRecordSchema,
  evidenceEntry,
  keyedIdentifierHash,
  leafHash,
  parseIp,
  parseUserAgent,
  sha256Hex,
} from '../src/index.js';

const secret = new Uint8Array(32).fill(7);
const base: EvidenceInput = {
  id: 'rec-0001',
  subject: {
    identifiers: [
      { kind: 'TCKN', value: '10000000146' },
      { kind: 'PHONE', value: '+905321234567' },
    ],
    recipientType: 'BIREYSEL',
  },
  subjectKey: { id: 'k-2025', secret },
  decision: { status: 'ONAY', channel: 'MESAJ', source: 'HS_WEB', brandCode: '654321' },
  agreement: {
    versionId: 'etk-2025-03',
    textHash: sha256Hex(new TextEncoder().encode('ETK metni')),
    locale: 'tr',
    kind: 'ETK_CONSENT',
  },
  actor: { type: 'SUBJECT' },
  client: {
    ip: '2001:0DB8:0000:0000:0000:0000:0000:0001',
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
    deviceId: 'd-7f3a',
    deviceModel: 'iPhone15,2',
  },
  serverTime: '2025-03-01T07:15:00Z',
  clientTime: '2025-03-01T10:15:02.500+03:00',
  otp: {
    channel: 'MESAJ',
    codeHash: sha256Hex(new TextEncoder().encode('482913')),
    sentAt: '2025-03-01T07:14:10Z',
    verifiedAt: new Date('2025-03-01T07:14:55Z'),
    attempts: 1,
    messageId: 'sms-991',
  },
  captcha: { provider: 'turnstile', success: true, score: 0.9, checkedAt: '2025-03-01T07:14:00Z' },
  attachments: [{ name: 'imza.pdf', mediaType: 'application/pdf', sha256: 'ab'.repeat(32), size: 2048 }],
};

const build = (over: Partial<EvidenceInput>) => buildEvidence({ ...base, ...over } as EvidenceInput);

describe('buildEvidence', () => {
  it('assembles a complete record', () => {
    const r = buildEvidence(base);
    if (!r.ok) throw new Error(r.error.message);
    const rec = r.value;
    expect(rec.type).toBe('izinkit.evidence/v1');
    expect(rec.subject.keyId).toBe('k-2025');
    expect(rec.subject.identifiers.map((i) => i.kind)).toEqual(['PHONE', 'TCKN']);
    expect(rec.subject.identifiers.find((i) => i.kind === 'TCKN')?.hmac).toBe(
      keyedIdentifierHash('TCKN', '10000000146', secret),
    );
    expect(rec.client?.ip).toEqual({ version: 6, address: '2001:db8::1' });
    expect(rec.client?.userAgent?.browser).toEqual({ name: 'Safari', version: '17.4' });
    expect(rec.client?.userAgent?.os).toEqual({ name: 'iOS', version: '17.4' });
    expect(rec.client?.userAgent?.device).toBe('mobile');
    expect(rec.times).toEqual({
      server: '2025-03-01T07:15:00.000Z',
      client: '2025-03-01T10:15:02.500+03:00',
      clientOffsetMs: 2500,
    });
    expect(rec.otp?.verifiedAt).toBe('2025-03-01T07:14:55.000Z');
    expect(rec.decision).toEqual({ status: 'ONAY', channel: 'MESAJ', source: 'HS_WEB', brandCode: '654321' });
    expect(EvidenceRecordSchema.safeParse(rec).success).toBe(true);
  });

  it('never records a raw identifier or the secret', () => {
    fc.assert(
      fc.property(evidenceFieldsArb, (f) => {
        const r = buildEvidence({
          ...base,
          id: f.id,
          subject: { identifiers: f.identifiers },
          decision: { status: f.status, channel: f.channel, source: f.source },
          agreement: { versionId: 'v1', textHash: f.textHash },
          client: { ip: f.ip },
          notes: f.notes,
        });
        if (!r.ok) throw new Error(r.error.message);
        const text = canonicalize(r.value);
        for (const id of f.identifiers) expect(text).not.toContain(id.value);
        expect(text).not.toContain(Buffer.from(secret).toString('hex'));
        expect(EvidenceRecordSchema.safeParse(JSON.parse(text)).success).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('evidenceEntry: canonical text, entry bytes and leaf equal the `canonicalize` package + node:crypto', () => {
    fc.assert(
      fc.property(evidenceFieldsArb, (f) => {
        const r = buildEvidence({
          ...base,
          id: f.id,
          subject: { identifiers: f.identifiers },
          decision: { status: f.status, channel: f.channel, source: f.source },
          agreement: { versionId: 'v1', textHash: f.textHash },
          client: { ip: f.ip },
          notes: f.notes,
        });
        if (!r.ok) throw new Error(r.error.message);
        const want = reference(r.value)!;
        const e = evidenceEntry(r.value);
        expect(e.canonical).toBe(want);
        expect(Buffer.from(e.entry).equals(Buffer.from(want, 'utf8'))).toBe(true);
        const leaf = createHash('sha256').update(Uint8Array.of(0)).update(want, 'utf8').digest();
        expect(Buffer.from(e.leaf).equals(leaf)).toBe(true);
        expect(e.entry).toBe(e.entry); // made once
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic: the same input gives the same canonical bytes and leaf', () => {
    const a = buildEvidence(base);
    const b = buildEvidence({
      ...base,
      subject: { ...base.subject, identifiers: [...base.subject.identifiers].reverse() },
    });
    if (!a.ok || !b.ok) throw new Error('invalid');
    expect(evidenceEntry(a.value).canonical).toBe(evidenceEntry(b.value).canonical);
    expect(
      Buffer.from(evidenceEntry(a.value).leaf).equals(Buffer.from(leafHash(evidenceEntry(b.value).entry))),
    ).toBe(true);
  });

  it('keys identifiers by kind and by secret', () => {
    const h = keyedIdentifierHash('TCKN', '10000000146', secret);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedIdentifierHash('CUSTOMER_ID', '10000000146', secret)).not.toBe(h);
    expect(keyedIdentifierHash('TCKN', '10000000146', new Uint8Array(32).fill(8))).not.toBe(h);
  });

  const refused = (over: Partial<EvidenceInput>): string[] => {
    const r = build(over);
    if (r.ok) return [];
    expect(r.error.code).toBe('EVIDENCE_INVALID');
    for (const i of r.error.issues) {
      expect(i.message.length).toBeGreaterThan(0);
      expect(i.messageTr.length).toBeGreaterThan(0);
    }
    return r.error.issues.map((i) => i.path);
  };

  it('refuses invalid input with every issue, in Turkish and English', () => {
    expect(refused({ client: { ip: '192.168.001.1' } })).toEqual(['client.ip']);
    expect(refused({ client: { ip: 'fe80::1%eth0' } })).toEqual(['client.ip']);
    expect(refused({ actor: { type: 'AGENT' } })).toEqual(['actor.id']);
    expect(refused({ actor: { type: 'AGENT', id: 'agent-17', name: 'Ayşe', role: 'call-centre' } })).toEqual(
      [],
    );
    expect(refused({ subject: { identifiers: [] } })).toContain('subject.identifiers');
    expect(refused({ subjectKey: { id: 'k', secret: new Uint8Array(8) } })).toContain('subjectKey.secret');
    expect(
      refused({ decision: { status: 'ONAY', channel: 'MESAJ', source: 'IYS_WEB' as 'HS_WEB' } }),
    ).toContain('decision.source');
    expect(refused({ decision: { status: 'RED' as 'RET', channel: 'MESAJ', source: 'HS_WEB' } })).toContain(
      'decision.status',
    );
    expect(refused({ agreement: { versionId: 'v', textHash: 'ABC' } })).toContain('agreement.textHash');
    expect(refused({ serverTime: '2025-03-01 07:15' })).toContain('serverTime');
    expect(refused({ serverTime: new Date(Number.NaN) })).toContain('serverTime');
    expect(refused({ clientTime: '2025-03-01T10:15:02' })).toContain('clientTime');
    expect(refused({ id: 'has space' })).toContain('id');
    expect(refused({ attachments: [{ name: 'x', mediaType: 'pdf', sha256: 'ab'.repeat(32) }] })).toContain(
      'attachments.0.mediaType',
    );
    expect(refused({ captcha: { provider: 'x', success: true, score: 2 } })).toContain('captcha.score');
  });

  it('checks OTP and captcha times against each other and the server time', () => {
    const otp = base.otp!;
    expect(refused({ otp: { ...otp, verifiedAt: '2025-03-01T07:14:00Z' } })).toEqual(['otp.verifiedAt']);
    expect(refused({ otp: { ...otp, verifiedAt: '2025-03-01T07:16:00Z' } })).toEqual(['otp.verifiedAt']);
    expect(refused({ otp: { ...otp, attempts: 0 } })).toEqual(['otp.attempts']);
    expect(
      refused({ otp: { ...otp, sentAt: '2025-03-01T08:00:00Z', verifiedAt: undefined } as never }),
    ).toEqual(['otp.sentAt']);
    expect(
      refused({ captcha: { provider: 'x', success: false, checkedAt: '2025-03-02T00:00:00Z' } }),
    ).toEqual(['captcha.checkedAt']);
    expect(
      refused({ otp: { channel: 'MESAJ', codeHash: otp.codeHash, sentAt: otp.sentAt, attempts: 0 } }),
    ).toEqual([]);
  });
});

describe('parseIp', () => {
  it('accepts what node:net accepts (no zones) and rejects the rest', () => {
    fc.assert(
      fc.property(fc.oneof(ipv4Arb, ipv6Arb, notIpArb), (s) => {
        const want = isIP(s) !== 0 && !s.includes('%');
        // node:net accepts leading zeros in no IPv4 octet either; both must agree
        expect(parseIp(s).ok).toBe(want);
      }),
      { numRuns: 3000 },
    );
  });

  it('writes IPv6 in RFC 5952 form, as the WHATWG URL parser does (IPv4-mapped aside)', () => {
    fc.assert(
      fc.property(ipv6Arb, (s) => {
        const r = parseIp(s);
        if (!r.ok) throw new Error(s);
        const url = new URL(`http://[${s}]/`).hostname.slice(1, -1);
        if (!r.value.address.startsWith('::ffff:') || !r.value.address.includes('.'))
          expect(r.value.address).toBe(url);
        // canonical form is a fixed point
        expect(parseIp(r.value.address)).toEqual(r);
      }),
      { numRuns: 2000 },
    );
    expect(parseIp('::FFFF:192.0.2.1')).toEqual({
      ok: true,
      value: { version: 6, address: '::ffff:192.0.2.1' },
    });
    expect(parseIp('2001:db8:0:0:1:0:0:1')).toEqual({
      ok: true,
      value: { version: 6, address: '2001:db8::1:0:0:1' },
    });
    expect(parseIp('0:0:0:0:0:0:0:0')).toEqual({ ok: true, value: { version: 6, address: '::' } });
    expect(parseIp('1:0:0:2:0:0:0:0')).toEqual({ ok: true, value: { version: 6, address: '1:0:0:2::' } });
    expect(parseIp('1:0:2:0:0:3:0:0')).toEqual({ ok: true, value: { version: 6, address: '1:0:2::3:0:0' } });
    expect(parseIp('127.0.0.1')).toEqual({ ok: true, value: { version: 4, address: '127.0.0.1' } });
    const bad = parseIp('999.1.1.1');
    expect(bad.ok ? '' : bad.error.code).toBe('IP_INVALID');
  });
});

describe('parseUserAgent', () => {
  const cases: [string, string, string | undefined, string, string | undefined, string][] = [
    [
      'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.122 Mobile Safari/537.36',
      'Chrome',
      '126.0.6478.122',
      'Android',
      '14',
      'mobile',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87',
      'Edge',
      '126.0.2592.87',
      'Windows',
      '10/11',
      'desktop',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 YaBrowser/24.4.0.0 Safari/537.36',
      'Yandex Browser',
      '24.4.0.0',
      'Windows',
      '10/11',
      'desktop',
    ],
    [
      'Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
      'Samsung Internet',
      '25.0',
      'Android',
      '13',
      'mobile',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:128.0) Gecko/20100101 Firefox/128.0',
      'Firefox',
      '128.0',
      'macOS',
      '10.15',
      'desktop',
    ],
    [
      'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/125.0.6422.80 Mobile/15E148 Safari/604.1',
      'Chrome',
      '125.0.6422.80',
      'iPadOS',
      '16.6',
      'tablet',
    ],
    [
      'Mozilla/5.0 (Linux; Android 12; SM-T505) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      'Chrome',
      '120.0.0.0',
      'Android',
      '12',
      'tablet',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0',
      'Opera',
      '111.0.0.0',
      'Linux',
      undefined,
      'desktop',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 335.0.0.25.82',
      'Instagram',
      '335.0.0.25.82',
      'iOS',
      '17.5',
      'mobile',
    ],
    [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Googlebot',
      '2.1',
      'unknown',
      undefined,
      'bot',
    ],
    ['curl/8.5.0', 'curl', '8.5.0', 'unknown', undefined, 'bot'],
    [
      'Mozilla/5.0 (Windows NT 6.1; Trident/7.0; rv:11.0) like Gecko',
      'Internet Explorer',
      '11.0',
      'Windows',
      '7',
      'desktop',
    ],
    ['', 'unknown', undefined, 'unknown', undefined, 'unknown'],
  ];
  it.each(cases)('%s', (ua, browser, bv, os, ov, device) => {
    const r = parseUserAgent(ua);
    expect(r.browser).toEqual(bv ? { name: browser, version: bv } : { name: browser });
    expect(r.os).toEqual(ov ? { name: os, version: ov } : { name: os });
    expect(r.device).toBe(device);
  });

  it('never throws and always names something', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const r = parseUserAgent(s);
        expect(r.browser.name.length).toBeGreaterThan(0);
        expect(r.os.name.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });
});
