import {
  phoneishArb,
  TR_AREA_CODES,
  TR_FORMATS,
  trNationalArb,
  trPhoneInputArb,
  withDigits,
} from '@izinkit/test-utils/identity';
import fc from 'fast-check';
import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { type NormalizedPhone, normalizePhone, type PhoneKind } from '../src/index.js';

/**
 * The oracle: libphonenumber-js with its `max` metadata, restricted to valid numbers without an
 * extension — the documented semantics of normalizePhone.
 */
function oracle(input: string, defaultCountry: 'TR' | 'DE' | 'US' = 'TR'): NormalizedPhone | null {
  try {
    const p = parsePhoneNumberWithError(input, { defaultCountry });
    if (!p.isValid() || p.ext) return null;
    const t = p.getType();
    const kind: PhoneKind =
      t === 'MOBILE'
        ? 'mobile'
        : t === 'FIXED_LINE'
          ? 'fixed'
          : t === 'VOIP'
            ? 'voip'
            : t === 'UAN'
              ? 'uan'
              : t === 'TOLL_FREE'
                ? 'tollFree'
                : t === 'PREMIUM_RATE'
                  ? 'premium'
                  : 'other';
    return { e164: p.number, national: p.nationalNumber, kind };
  } catch {
    return null;
  }
}

function ours(input: string, defaultCountry?: 'TR' | 'DE' | 'US'): NormalizedPhone | null {
  const r = normalizePhone(input, defaultCountry === undefined ? undefined : { defaultCountry });
  return r.ok ? r.value : null;
}

describe('normalizePhone: the formats people type', () => {
  const mobile = { e164: '+905321234567', national: '5321234567', kind: 'mobile' };
  it.each([
    '0532 123 45 67',
    '(0532) 123-4567',
    '5321234567',
    '05321234567',
    '905321234567',
    '+90 532 123 45 67',
    '+905321234567',
    '0090 532 123 45 67',
    '00905321234567',
    '+90 0532 123 45 67',
    '(+90) 532 123 45 67',
    '+90-532-123-45-67',
    '0532.123.45.67',
    '0532\u00a0123\u00a045\u00a067',
    '  0532  123 45 67  ',
    '٠٥٣٢ ١٢٣ ٤٥ ٦٧',
    '۰۵۳۲۱۲۳۴۵۶۷',
    '０５３２１２３４５６７',
    'Tel: 0532 123 45 67',
    '0532 123 45 67 (cep)',
  ])('%j', (input) => {
    expect(normalizePhone(input)).toEqual({ ok: true, value: mobile });
  });
  it('types landlines, UAN, 0850, 0800, premium and the rest', () => {
    expect(ours('+90(212)1234567')).toEqual({ e164: '+902121234567', national: '2121234567', kind: 'fixed' });
    expect(ours('0 (312) 123 45 67')?.kind).toBe('fixed');
    expect(ours('+90 392 123 45 67')?.kind).toBe('fixed'); // Northern Cyprus
    expect(ours('444 1 444')).toEqual({ e164: '+904441444', national: '4441444', kind: 'uan' });
    expect(ours('0444 1 444')?.e164).toBe('+904441444');
    expect(ours('+90 444 1 444')?.kind).toBe('uan');
    expect(ours('0850 222 08 50')).toEqual({ e164: '+908502220850', national: '8502220850', kind: 'voip' });
    expect(ours('0800 123 45 67')).toEqual({
      e164: '+908001234567',
      national: '8001234567',
      kind: 'tollFree',
    });
    expect(ours('0800 123 456 789')?.kind).toBe('tollFree'); // 13-digit toll-free
    expect(ours('0811 123 45 67')?.kind).toBe('tollFree');
    expect(ours('0900 123 45 67')?.kind).toBe('premium');
    expect(ours('0888 123 45 67')?.kind).toBe('premium');
    expect(ours('0512 123 45 67')?.kind).toBe('other'); // pager
    expect(ours('0592 211 12 34')?.kind).toBe('other'); // personal number
  });
  it('rejects numbers the numbering plan does not allow, with codes', () => {
    const code = (s: string, c?: 'DE') => {
      const r = normalizePhone(s, c === undefined ? undefined : { defaultCountry: c });
      return r.ok ? 'ok' : r.error.code;
    };
    expect(code('')).toBe('empty');
    expect(code(' \u00a0 ')).toBe('empty');
    expect(code('merhaba')).toBe('not_a_number');
    expect(code('05')).toBe('too_short');
    expect(code('0632 123 45 67')).toBe('invalid_number');
    expect(code('0532 123 45 6')).toBe('invalid_number');
    expect(code('0532 123 45 678')).toBe('invalid_number');
    expect(code('0560 123 45 67')).toBe('invalid_number');
    expect(code('+0532')).toBe('invalid_country');
    expect(code('0532 123 45 67 ext 12')).toBe('has_extension');
    expect(code('1'.repeat(300))).toBe('too_long');
    expect(code('0532', 'XX' as 'DE')).toBe('invalid_country');
  });
  it('messages are in Turkish and English', () => {
    const r = normalizePhone('0632 123 45 67');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message.tr).toMatch(/telefon numarası/);
      expect(r.error.message.en).toMatch(/phone number/);
      expect(r.error.input).toBe('0632 123 45 67');
    }
  });
  it('sends other countries to libphonenumber-js', () => {
    expect(ours('+44 20 7946 0958')).toEqual({
      e164: '+442079460958',
      national: '2079460958',
      kind: 'fixed',
    });
    expect(ours('+1 212 555 0123')?.kind).toBe('other'); // FIXED_LINE_OR_MOBILE
    expect(ours('030 1234567', 'DE')).toEqual({ e164: '+49301234567', national: '301234567', kind: 'fixed' });
    expect(ours('0532 123 45 67', 'DE')?.e164).toBe('+495321234567'); // a German number then
    expect(ours('+90 532 123 45 67', 'DE')?.e164).toBe('+905321234567');
  });
});

describe('normalizePhone: agreement with libphonenumber-js (differential)', () => {
  it('normalises every generated Turkish number in every format to the expected answer, as libphonenumber-js does', () => {
    fc.assert(
      fc.property(trPhoneInputArb, ({ input, nsn, kind }) => {
        const expected = { e164: `+90${nsn}`, national: nsn, kind };
        expect(ours(input)).toEqual(expected);
        expect(oracle(input)).toEqual(expected);
      }),
      { numRuns: 3_000 },
    );
  });
  it('agrees on phone-like strings, valid or not', () => {
    fc.assert(
      fc.property(phoneishArb, (input) => {
        expect(ours(input)).toEqual(oracle(input));
      }),
      { numRuns: 5_000 },
    );
  });
  it('agrees on arbitrary strings (mostly rejections) and for other default countries', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.string({ unit: fc.constantFrom(...'0123456789 +-()٠٥۹\u00a0') }),
        ),
        fc.constantFrom('TR' as const, 'DE' as const, 'US' as const),
        (input, country) => {
          expect(ours(input, country)).toEqual(oracle(input, country));
        },
      ),
      { numRuns: 3_000 },
    );
  });
  it('agrees on every Turkish 3-digit prefix and the 6-digit special ranges', () => {
    const inputs: string[] = [];
    for (let p = 0; p < 1000; p++) {
      const pre = String(p).padStart(3, '0');
      for (const rest of [
        '0000000',
        '9999999',
        '1234567',
        '0110000',
        '6100000',
        '2110000',
        '4610000',
        '5000000',
      ]) {
        inputs.push(`0${pre}${rest}`, `+90${pre}${rest.slice(0, 4)}`, `90${pre}${rest}`, `${pre}${rest}00`);
      }
    }
    for (const pre of ['561', '582', '592', '512']) {
      for (let q = 0; q < 1000; q++) inputs.push(`0${pre}${String(q).padStart(3, '0')}1234`);
    }
    for (const input of inputs) expect(ours(input), input).toEqual(oracle(input));
  });
  it('covers every fixed-line area code of the reference table', () => {
    for (const area of TR_AREA_CODES) expect(ours(`0${area} 123 45 67`)?.kind, area).toBe('fixed');
  });
});

describe('normalizePhone: properties', () => {
  it('is idempotent: normalising the E.164 form gives the same number', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          trPhoneInputArb.map((x) => x.input),
          phoneishArb,
        ),
        (input) => {
          const a = normalizePhone(input);
          if (!a.ok) return true;
          expect(normalizePhone(a.value.e164)).toEqual(a);
          return true;
        },
      ),
      { numRuns: 2_000 },
    );
  });
  it('round-trips the national number through every format', () => {
    fc.assert(
      fc.property(trNationalArb, fc.integer({ min: 0, max: TR_FORMATS.length - 1 }), ({ nsn }, f) => {
        const r = normalizePhone(withDigits(TR_FORMATS[f]!(nsn), 'persian'));
        return r.ok && r.value.national === nsn && normalizePhone(`0${r.value.national}`).ok;
      }),
      { numRuns: 2_000 },
    );
  });
  it('never throws, whatever it is given', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => typeof normalizePhone(s).ok === 'boolean'));
    for (const bad of [undefined, null, 5321234567, {}, Symbol('x')] as unknown as string[]) {
      expect(normalizePhone(bad).ok).toBe(false);
    }
  });
});
