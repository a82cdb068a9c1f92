import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generalise, isKvkkError, mask, OPERATORS, redact } from '../src/index.js';

describe('OPERATORS', () => {
  it('states each operator’s linkability', () => {
    expect(Object.fromEntries(Object.values(OPERATORS).map((o) => [o.name, o.linkability]))).toEqual({
      redact: 'none',
      mask: 'none',
      generalise: 'none',
      pseudonymize: 'keyed',
      saltedHash: 'none',
      tokenize: 'reversible',
    });
    for (const o of Object.values(OPERATORS)) {
      expect(o.summary.tr.length).toBeGreaterThan(10);
      expect(o.summary.en.length).toBeGreaterThan(10);
      if (o.linkability !== 'none') expect(o.stillPersonalData).toBe('yes');
    }
  });
});

describe('mask', () => {
  it('masks as documented', () => {
    expect(mask('0532 123 45 67', { keepLast: 2 })).toBe('**** *** ** 67');
    expect(mask('Ahmet Yılmaz', { keepFirst: 1, perWord: true })).toBe('A**** Y*****');
    expect(mask('10000000146', { keepFirst: 9 })).toBe('10000******');
    expect(mask('ali@example.com', { keepFirst: 1 })).toBe('a**@*******.***');
    expect(mask('abc', { keepSeparators: false, char: '#' })).toBe('###');
    expect(mask('')).toBe('');
    expect(mask('---')).toBe('---');
  });

  it('always hides at least half of the letters and digits, and keeps the length', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.nat({ max: 50 }),
        fc.nat({ max: 50 }),
        (s, keepFirst, keepLast) => {
          const out = mask(s, { keepFirst, keepLast });
          expect(Array.from(out)).toHaveLength(Array.from(s).length);
          const maskable = Array.from(s).filter((c) => /[\p{L}\p{N}]/u.test(c)).length;
          const stars = Array.from(out).filter((c, i) => c === '*' && Array.from(s)[i] !== '*').length;
          expect(stars).toBeGreaterThanOrEqual(Math.ceil(maskable / 2));
        },
      ),
    );
  });

  it('throws a coded error for negative counts', () => {
    expect(() => mask('x', { keepFirst: -1 })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    try {
      mask('x', { keepLast: 1.5 });
    } catch (e) {
      expect(isKvkkError(e)).toBe(true);
    }
  });
});

describe('redact', () => {
  it('returns the replacement whatever the value', () => {
    expect(redact('10000000146')).toBe('[GİZLİ]');
    expect(redact({ any: 'thing' }, '[X]')).toBe('[X]');
  });
});

describe('generalise', () => {
  const v = (r: ReturnType<typeof generalise>) => (r.ok ? r.value : `!${r.error.code}`);
  it('coarsens dates', () => {
    expect(v(generalise('12.03.1985', { kind: 'date', to: 'year' }))).toBe('1985');
    expect(v(generalise('12 Mart 1985', { kind: 'date', to: 'month' }))).toBe('1985-03');
    expect(v(generalise('1985-03-12', { kind: 'date', to: 'decade' }))).toBe('1980-1989');
    expect(v(generalise('1985-03-12T10:00:00Z', { kind: 'date', to: 'year' }))).toBe('1985');
    expect(v(generalise('yarın', { kind: 'date', to: 'year' }))).toBe('!not_a_date');
    expect(v(generalise('31.02.1985', { kind: 'date', to: 'year' }))).toBe('!not_a_date');
  });

  it('computes age bands on a given day (birthday counted on the day)', () => {
    const spec = { kind: 'ageBand', asOf: '2026-03-12' } as const;
    expect(v(generalise('1986-03-12', spec))).toBe('40-49');
    expect(v(generalise('1986-03-13', spec))).toBe('30-39');
    expect(v(generalise('2000-01-01', { ...spec, width: 5 }))).toBe('25-29');
    expect(v(generalise('2000-01-01', { ...spec, width: 1 }))).toBe('26');
    expect(v(generalise('2027-01-01', spec))).toBe('!future_birth_date');
  });

  it('reduces addresses to il or ilçe/il', () => {
    expect(v(generalise('Moda Cad. No 5, Kadıköy/İSTANBUL', { kind: 'address', to: 'ilce' }))).toBe(
      'Kadıköy/İstanbul',
    );
    expect(v(generalise('Moda Cad. No 5, Kadıköy / istanbul', { kind: 'address', to: 'il' }))).toBe(
      'İstanbul',
    );
    expect(v(generalise('Atatürk Bulvarı 12 ÇANKAYA ANKARA', { kind: 'address', to: 'ilce' }))).toBe(
      'Çankaya/Ankara',
    );
    expect(
      v(generalise('Cumhuriyet Mah. 35100 Bornova/İzmir Türkiye', { kind: 'address', to: 'ilce' })),
    ).toBe('Bornova/İzmir');
    expect(v(generalise({ il: 'izmir', ilce: 'BORNOVA' }, { kind: 'address', to: 'ilce' }))).toBe(
      'Bornova/İzmir',
    );
    expect(v(generalise('Hiçbir yer', { kind: 'address', to: 'il' }))).toBe('!not_an_address');
  });

  it('reduces phones to their prefix, plates to their province, numbers to bands', () => {
    expect(v(generalise('0532 123 45 67', { kind: 'phone' }))).toBe('+90 532');
    expect(v(generalise('+90 (212) 555 12 34', { kind: 'phone' }))).toBe('+90 212');
    expect(v(generalise('12345', { kind: 'phone' }))).toBe('!not_a_phone');
    expect(v(generalise('34 ABC 123', { kind: 'plate' }))).toBe('İstanbul');
    expect(v(generalise('99 ABC 123', { kind: 'plate' }))).toBe('!not_a_plate');
    expect(v(generalise(47, { kind: 'number', width: 10 }))).toBe('40-49');
    expect(v(generalise('-3', { kind: 'number', width: 10 }))).toBe('-10--1');
    expect(v(generalise('abc', { kind: 'number', width: 10 }))).toBe('!not_a_number');
    expect(v(generalise('34710', { kind: 'prefix', keep: 2 }))).toBe('34***');
    expect(v(generalise('anything', { kind: 'suppress' }))).toBe('*');
    expect(v(generalise('x', { kind: 'nope' } as never))).toBe('!invalid_spec');
  });
});
