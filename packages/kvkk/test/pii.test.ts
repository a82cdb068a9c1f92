import { isValidTckn, isValidVkn } from '@izinkit/identity';
import {
  badTcknArb,
  emailArb,
  groupIban,
  ibanArb,
  labelledTextArb,
  makeBadTckn,
  makeNonPhone10,
  mersisArb,
  mulberry32,
  phoneArb,
  plateArb,
  tcknArb,
  vknArb,
} from '@izinkit/test-utils/kvkk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPii, type PiiKind, type PiiMatch } from '../src/index.js';

const NOT_PLATE = ['TL', 'YTL', 'GSM', 'TEL', 'NO', 'KG', 'KM', 'KDV', 'USD', 'EUR', 'TRY'];

const kinds = (text: string): [PiiKind, string][] => findPii(text).map((m) => [m.kind, m.value]);

describe('findPii — examples', () => {
  it('finds each kind in a Turkish sentence, in order, with exact offsets', () => {
    const text = 'Ali Veli, TCKN 10000000146, tel 0532 123 45 67, ali@example.com';
    expect(findPii(text)).toEqual([
      { kind: 'tckn', start: 15, end: 26, value: '10000000146' },
      { kind: 'phone', start: 32, end: 46, value: '0532 123 45 67' },
      { kind: 'email', start: 48, end: 63, value: 'ali@example.com' },
    ]);
  });

  it('never reports a number that fails the TCKN checksum as a TCKN', () => {
    expect(findPii('TCKN 10000000145')).toEqual([]);
    expect(findPii('T.C. Kimlik No: 17291716050')).toEqual([]);
  });

  it('accepts valid TCKNs that a sign-keeping modulo rejects (kvkk-pii bug)', () => {
    // 19090909018: the intermediate sum is negative.
    expect(kinds('TC: 19090909018.')).toEqual([['tckn', '19090909018']]);
  });

  it('reads Turkish phone numbers as people write them', () => {
    for (const p of [
      '0532 123 45 67',
      '+90 532 123 45 67',
      '+905321234567',
      '05321234567',
      '(0532) 123 45 67',
      '0532-123-4567',
      '532 123 45 67',
      '0090 532 123 4567',
      '+90 (212) 555 12 34',
      '0 (532) 123 45 67',
      '+90(532)1234567',
      '905321234567',
    ])
      expect(kinds(`Tel: ${p}. Teşekkürler`), p).toEqual([['phone', p]]);
  });

  it('does not report 444, 0800 or premium numbers (companies, not people)', () => {
    expect(findPii('Çağrı merkezi 444 0 444, ücretsiz hat 0800 211 00 00')).toEqual([]);
  });

  it('reads IBANs grouped, compact and lower-case, and rejects a wrong check', () => {
    expect(kinds('IBAN TR33 0006 1005 1978 6457 8413 26.')).toEqual([
      ['iban', 'TR33 0006 1005 1978 6457 8413 26'],
    ]);
    expect(kinds('iban: TR330006100519786457841326')).toEqual([['iban', 'TR330006100519786457841326']]);
    expect(kinds('tr330006100519786457841326 hesabı')).toEqual([['iban', 'tr330006100519786457841326']]);
    expect(findPii('IBAN TR33 0006 1005 1978 6457 8413 27')).toEqual([]);
  });

  it('reads plates, and not impossible ones or units', () => {
    expect(kinds('Plaka 34 ABC 123, diğeri 06A1234.')).toEqual([
      ['plate', '34 ABC 123'],
      ['plate', '06A1234'],
    ]);
    expect(findPii('Plaka 82 ABC 123 ve 00 AB 123')).toEqual([]);
    expect(findPii('34 AB 12 — iki harfe iki rakam olmaz')).toEqual([]);
    expect(findPii('Fiyat 50 TL 250 kuruş, 15 GSM 555')).toEqual([]);
  });

  it('reads MERSİS numbers whose digits 2–11 are a valid VKN, and not card numbers', () => {
    expect(kinds('MERSİS No: 0720106477000001')).toEqual([['mersis', '0720106477000001']]);
    expect(findPii('Kart 4111111111111111 ile ödendi')).toEqual([]);
    expect(findPii('MERSİS 0720106478000001')).toEqual([]);
  });

  it('reports dates of birth only when the text says so', () => {
    expect(kinds('Doğum tarihi: 12.03.1985.')).toEqual([['birthDate', '12.03.1985']]);
    expect(kinds('D.T. 1985-03-12')).toEqual([['birthDate', '1985-03-12']]);
    expect(kinds('12 Mart 1985 doğumlu')).toEqual([['birthDate', '12 Mart 1985']]);
    expect(findPii('Sipariş 12.03.2024 tarihinde verildi.')).toEqual([]);
    // `doğumlu` belongs to the date before it, not to the next one.
    expect(kinds('1985-03-12 doğumlu. İşlem 13.07.2015 tarihinde.')).toEqual([['birthDate', '1985-03-12']]);
    expect(findPii('Doğum tarihi: 31.02.1985')).toEqual([]);
  });

  it('decides a 10-digit number that is both a valid VKN and a valid phone by the nearer keyword', () => {
    // 5075681513 is a valid mobile number; find one that is also a valid VKN.
    let both = '';
    for (let n = 5_321_000_000; n < 5_321_001_000 && !both; n++) if (isValidVkn(String(n))) both = String(n);
    expect(both).not.toBe('');
    expect(kinds(`Vergi No: ${both}`)).toEqual([['vkn', both]]);
    expect(kinds(`Tel: ${both}`)).toEqual([['phone', both]]);
    expect(kinds(`${both}`)).toEqual([['phone', both]]);
    expect(kinds(`vergi dairesini arayın: ${both}`)).toEqual([['phone', both]]);
  });

  it('does not read a mistyped tax number after "vergi no" as a phone', () => {
    // A valid mobile number that fails the VKN check.
    const n = '5321234567';
    expect(isValidVkn(n)).toBe(false);
    expect(findPii(`Vergi No: ${n}`)).toEqual([]);
    expect(kinds(`Tel ${n}`)).toEqual([['phone', n]]);
  });

  it('skips digits glued to words, decimals and thousands', () => {
    expect(findPii('Stok AB10000000146 ve 10000000146XY')).toEqual([]);
    expect(findPii('pi 3,10000000146 ve 1.10000000146')).toEqual([]);
    expect(findPii('ref 100000001461')).toEqual([]);
  });

  it('takes the digits of an e-mail address as part of it', () => {
    expect(kinds('yaz: 10000000146@example.com')).toEqual([['email', '10000000146@example.com']]);
    expect(kinds('ali.veli+kampanya@ornek.com.tr, sonra')).toEqual([
      ['email', 'ali.veli+kampanya@ornek.com.tr'],
    ]);
    expect(findPii('@ali ve x@y ve a@b.c')).toEqual([]);
  });

  it('separates a TCKN followed by another number', () => {
    expect(kinds('10000000146 2024 yılında')).toEqual([['tckn', '10000000146']]);
    expect(kinds('TCKN 10000000146 0532 123 45 67')).toEqual([
      ['tckn', '10000000146'],
      ['phone', '0532 123 45 67'],
    ]);
  });

  it('honours the kinds filter without changing how spans are read', () => {
    const text = 'IBAN TR33 0006 1005 1978 6457 8413 26, tel 0532 123 45 67';
    expect(kinds(text)).toHaveLength(2);
    expect(findPii(text, { kinds: ['phone'] }).map((m) => m.kind)).toEqual(['phone']);
    expect(findPii(text, { kinds: [] })).toEqual([]);
  });
});

const wellFormed = (text: string, ms: PiiMatch[]): void => {
  let last = 0;
  for (const m of ms) {
    expect(m.start).toBeGreaterThanOrEqual(last);
    expect(m.end).toBeGreaterThan(m.start);
    expect(text.slice(m.start, m.end)).toBe(m.value);
    last = m.end;
  }
};

describe('findPii — properties', () => {
  it('finds every generated identifier embedded in a sentence', () => {
    const gens: [PiiKind, fc.Arbitrary<string>, string][] = [
      ['tckn', tcknArb, 'T.C. Kimlik No: '],
      ['vkn', vknArb, 'Vergi No: '],
      ['iban', ibanArb.map(groupIban), 'IBAN: '],
      ['iban', ibanArb, 'Hesap '],
      ['mersis', mersisArb, 'MERSİS '],
      ['phone', phoneArb, 'Tel: '],
      ['plate', plateArb.filter((p) => !NOT_PLATE.includes(p.replace(/[\d\s]/g, ''))), 'Plaka '],
      ['email', emailArb, 'E-posta: '],
    ];
    for (const [kind, arb, intro] of gens)
      fc.assert(
        fc.property(arb, (v) => {
          expect(findPii(`Müşteri bilgisi. ${intro}${v}. Teşekkürler.`)).toEqual([
            { kind, start: 17 + intro.length, end: 17 + intro.length + v.length, value: v },
          ]);
        }),
        { numRuns: 300 },
      );
  });

  it('never reports a TCKN whose checksum fails, whatever surrounds it', () => {
    fc.assert(
      fc.property(badTcknArb, fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (bad, a, b) => {
        expect(isValidTckn(bad)).toBe(false);
        for (const m of findPii(`${a} ${bad} ${b}`)) expect(m.kind === 'tckn' && m.value === bad).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('every reported TCKN passes the checksum (on random digit soup)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.stringMatching(/^\d{1,13}$/), fc.constantFrom(' ', ', ', '-', '.', 'a')), {
          maxLength: 40,
        }),
        (parts) => {
          const text = parts.join('');
          for (const m of findPii(text)) if (m.kind === 'tckn') expect(isValidTckn(m.value)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reports nothing in near-misses: bad TCKNs, 10-digit numbers that are not phones', () => {
    const rng = mulberry32(7);
    for (let i = 0; i < 2000; i++) {
      expect(findPii(`Referans ${makeBadTckn(rng)} ve takip ${makeNonPhone10(rng)} kodu`)).toEqual([]);
    }
  });

  it('returns ordered, non-overlapping matches equal to their slices, and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => wellFormed(s, findPii(s))),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(labelledTextArb, (d) => wellFormed(d.text, findPii(d.text))),
      { numRuns: 300 },
    );
  });

  it('finds all labelled spans of generated documents apart from the documented unsupported forms', () => {
    fc.assert(
      fc.property(labelledTextArb, (d) => {
        const found = new Set(findPii(d.text).map((m) => `${m.kind}:${m.start}:${m.end}`));
        for (const s of d.spans) {
          // Forms documented as not read, and plates whose letters are a unit (`28 TL 980`).
          const unsupported =
            s.unsupported === true ||
            (s.kind === 'plate' && NOT_PLATE.includes(s.value.replace(/[\d\s]/g, '')));
          if (!unsupported)
            expect(found.has(`${s.kind}:${s.start}:${s.end}`), `${s.kind} ${s.value} in ${d.text}`).toBe(
              true,
            );
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('findPii — the shortcut before the tax-number keywords', () => {
  it('only v, V, x and X match the letters v and x case-insensitively (every code point)', () => {
    // findPii skips its VKN keyword expressions (/…/giu) when the words before a 10-digit number
    // hold none of v, V, x, X: every keyword needs one of those letters, and nothing else matches them.
    const found: number[] = [];
    for (let c = 0; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      if (/^[vx]$/iu.test(String.fromCodePoint(c))) found.push(c);
    }
    expect(found).toEqual([0x56, 0x58, 0x76, 0x78]);
  });
  it('still reads a 10-digit number after a tax keyword as a VKN, and as a phone otherwise', () => {
    const both = '5321234565'; // a valid mobile number and a valid VKN
    expect(isValidVkn(both)).toBe(true);
    const kinds = (t: string) => findPii(t).map((m) => m.kind);
    expect(kinds(`Vergi No: ${both}`)).toEqual(['vkn']);
    expect(kinds(`VKN ${both}`)).toEqual(['vkn']);
    expect(kinds(`tax id ${both}`)).toEqual(['vkn']);
    expect(kinds(`Takip için arayın: ${both}`)).toEqual(['phone']); // no v or x before it
    expect(kinds(`Müşteri ${both} numarasından aradı`)).toEqual(['phone']);
    expect(kinds('tax id 5321234567 hatalı')).toEqual([]); // a phone, but after "tax" and not a VKN
  });
});
