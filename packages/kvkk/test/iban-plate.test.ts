import { badIbanArb, groupIban, ibanArb, plateArb } from '@izinkit/test-utils/kvkk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidTrIban,
  isValidTrPlate,
  PROVINCES,
  parseTrIban,
  parseTrPlate,
  provinceByCode,
  provinceByName,
} from '../src/index.js';

describe('TR IBAN', () => {
  it('accepts a known IBAN and parses its parts', () => {
    expect(isValidTrIban('TR330006100519786457841326')).toBe(true);
    const r = parseTrIban(' tr33 0006-1005 1978 6457 8413 26 ');
    expect(r).toEqual({
      ok: true,
      value: {
        iban: 'TR330006100519786457841326',
        formatted: 'TR33 0006 1005 1978 6457 8413 26',
        bankCode: '00061',
        accountNumber: '0519786457841326',
      },
    });
  });

  it('gives a coded error for each way an IBAN can be wrong', () => {
    const code = (s: string) => {
      const r = parseTrIban(s);
      return r.ok ? 'ok' : r.error.code;
    };
    expect(code('DE89370400440532013000')).toBe('not_tr');
    expect(code('TR33000610051978645784132')).toBe('bad_length');
    expect(code('TR33 0006 1005 1978 6457 8413 2X')).toBe('bad_character');
    expect(code('TR330006110519786457841326')).toBe('bad_reserved_digit');
    expect(code('TR330006100519786457841327')).toBe('bad_checksum');
    expect(code(42 as unknown as string)).toBe('not_string');
    const r = parseTrIban('TR330006100519786457841327');
    expect(!r.ok && r.error.message.tr.length > 0 && r.error.message.en.length > 0).toBe(true);
  });

  it('accepts every generated IBAN, grouped or not, and rejects every one-digit change', () => {
    fc.assert(
      fc.property(ibanArb, (i) => {
        expect(isValidTrIban(i)).toBe(true);
        const r = parseTrIban(groupIban(i));
        expect(r.ok && r.value.iban).toBe(i);
      }),
    );
    fc.assert(
      fc.property(badIbanArb, (i) => {
        expect(isValidTrIban(i)).toBe(false);
      }),
    );
  });

  it('catches every swap of two adjacent different digits', () => {
    fc.assert(
      fc.property(ibanArb, fc.integer({ min: 4, max: 24 }), (i, p) => {
        fc.pre(i[p] !== i[p + 1]);
        const swapped = i.slice(0, p) + i[p + 1] + i[p] + i.slice(p + 2);
        expect(isValidTrIban(swapped)).toBe(false);
      }),
    );
  });
});

describe('plates and provinces', () => {
  it('knows the 81 provinces by code and name', () => {
    expect(PROVINCES).toHaveLength(81);
    expect(provinceByCode('34')?.name).toBe('İstanbul');
    expect(provinceByCode(81)?.name).toBe('Düzce');
    expect(provinceByCode('00')).toBeUndefined();
    expect(provinceByCode(82)).toBeUndefined();
    expect(provinceByName('İSTANBUL')?.code).toBe('34');
    expect(provinceByName('Istanbul')?.code).toBe('34');
    expect(provinceByName('sanliurfa')?.code).toBe('63');
    expect(provinceByName('Urfa')?.code).toBe('63');
    expect(provinceByName('İçel')?.code).toBe('33');
    expect(provinceByName('Narnia')).toBeUndefined();
    expect(new Set(PROVINCES.map((p) => p.name)).size).toBe(81);
  });

  it('parses plates and says why others are not', () => {
    expect(parseTrPlate('34abc123')).toEqual({
      ok: true,
      value: {
        formatted: '34 ABC 123',
        province: { code: '34', name: 'İstanbul' },
        letters: 'ABC',
        digits: '123',
      },
    });
    const code = (s: string) => {
      const r = parseTrPlate(s);
      return r.ok ? 'ok' : r.error.code;
    };
    expect(code('06 A 12345')).toBe('ok');
    expect(code('82 A 1234')).toBe('bad_province');
    expect(code('34 QW 123')).toBe('bad_letter');
    expect(code('34 AB 12')).toBe('bad_digit_count');
    expect(code('34 A 123')).toBe('bad_digit_count');
    expect(code('34 ABCD 12')).toBe('bad_format');
    expect(code('plaka')).toBe('bad_format');
  });

  it('accepts every generated plate', () => {
    fc.assert(
      fc.property(plateArb, (p) => {
        expect(isValidTrPlate(p)).toBe(true);
      }),
    );
  });
});
