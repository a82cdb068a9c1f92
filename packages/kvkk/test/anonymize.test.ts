import { randomBytes } from 'node:crypto';
import { customerArb, labelledTextArb } from '@izinkit/test-utils/kvkk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AnonymizationPolicy,
  anonymizeRecord,
  anonymizeText,
  anonymizeTextWithReport,
  describeAnonymizationPolicy,
  detokenize,
  findPii,
  isKvkkError,
  parseAnonymizationPolicy,
  pseudonymize,
  type TextPolicy,
} from '../src/index.js';

const key = randomBytes(32);
const ctx = { keys: { k1: key } };

const customerPolicy: AnonymizationPolicy = {
  fields: {
    name: { op: 'mask', keepFirst: 1, perWord: true },
    tckn: { op: 'redact' },
    birthDate: { op: 'generalise', spec: { kind: 'date', to: 'year' } },
    email: { op: 'pseudonymize', keyId: 'k1', purpose: 'analytics' },
    'address.il': { op: 'keep' },
    notes: { op: 'text', policy: { default: { op: 'redact' } } },
  },
};

describe('anonymizeRecord', () => {
  it('applies a per-field policy and drops unlisted fields by default', () => {
    const out = anonymizeRecord(
      {
        name: 'Ayşe Yılmaz',
        tckn: '10000000146',
        birthDate: '1990-05-17',
        email: 'ayse@example.com',
        address: { line: 'Moda Cad. 5', il: 'İstanbul' },
        notes: 'Aradı: 0532 123 45 67',
        iban: 'TR330006100519786457841326',
      },
      customerPolicy,
      ctx,
    );
    expect(out).toEqual({
      name: 'A*** Y*****',
      tckn: '[GİZLİ]',
      birthDate: '1990',
      email: pseudonymize('ayse@example.com', { key, keyId: 'k1', purpose: 'analytics' }),
      address: { il: 'İstanbul' },
      notes: 'Aradı: [TELEFON]',
    });
  });

  it('applies the same policy to each record of an array, and walks nested arrays', () => {
    const policy: AnonymizationPolicy = {
      fields: {
        'orders[].phone': { op: 'mask', keepLast: 2 },
        'orders.total': { op: 'keep' },
        tags: { op: 'redact', replacement: 'x' },
      },
    };
    const out = anonymizeRecord(
      [
        { orders: [{ phone: '05321234567', total: 10, secret: 1 }], tags: ['a', 'b'] },
        { orders: [], tags: null },
      ],
      policy,
    );
    expect(out).toEqual([
      { orders: [{ phone: '*********67', total: 10 }], tags: ['x', 'x'] },
      { orders: [], tags: null },
    ]);
  });

  it('keeps other fields when asked, and leaves null and missing values alone', () => {
    const out = anonymizeRecord(
      { a: 1, b: null, c: 'x', d: { e: 2 } },
      { fields: { b: { op: 'redact' }, c: { op: 'drop' }, z: { op: 'redact' } }, otherFields: 'keep' },
    );
    expect(out).toEqual({ a: 1, b: null, d: { e: 2 } });
  });

  it('does not modify its input', () => {
    const input = { name: 'Ali Veli', tckn: '10000000146' };
    const copy = structuredClone(input);
    anonymizeRecord(input, { fields: { name: { op: 'mask' }, tckn: { op: 'drop' } } });
    expect(input).toEqual(copy);
  });

  it('writes * for values that cannot be generalised, and generalises numbers and dates', () => {
    const out = anonymizeRecord(
      { b: 'not a date', age: 47, d: new Date('1985-03-12T00:00:00Z') },
      {
        fields: {
          b: { op: 'generalise', spec: { kind: 'date', to: 'year' } },
          age: { op: 'generalise', spec: { kind: 'number', width: 10 } },
          d: { op: 'generalise', spec: { kind: 'date', to: 'decade' } },
        },
      },
    );
    expect(out).toEqual({ b: '*', age: '40-49', d: '1980-1989' });
  });

  it('tokenizes reversibly and hashes with the injected randomness', () => {
    const out = anonymizeRecord(
      { iban: 'TR330006100519786457841326', h: 'x' },
      { fields: { iban: { op: 'tokenize', keyId: 'k1', purpose: 'refunds' }, h: { op: 'saltedHash' } } },
      { keys: { k1: key }, random: (n) => new Uint8Array(n) },
    );
    expect(detokenize(String(out.iban), { keys: { k1: key }, purpose: 'refunds' })).toEqual({
      ok: true,
      value: 'TR330006100519786457841326',
    });
    expect(String(out.h)).toMatch(/^h1\./);
  });

  it('throws coded errors for invalid policies and missing keys', () => {
    const code = (f: () => unknown) => {
      try {
        f();
        return 'no error';
      } catch (e) {
        return isKvkkError(e) ? e.code : 'other';
      }
    };
    expect(code(() => anonymizeRecord({}, { fields: { a: { op: 'hash' } } } as never))).toBe(
      'invalid_policy',
    );
    expect(code(() => anonymizeRecord({}, { fields: { a: { op: 'drop' }, 'a.b': { op: 'keep' } } }))).toBe(
      'invalid_policy',
    );
    expect(
      code(() =>
        anonymizeRecord({}, { fields: { a: { op: 'pseudonymize', keyId: 'k9', purpose: 'p' } } }, ctx),
      ),
    ).toBe('unknown_key');
    try {
      anonymizeRecord({}, { fields: { 'bad path': { op: 'keep' } } });
    } catch (e) {
      expect(isKvkkError(e) && e.cause).toMatchObject({ code: 'invalid_policy' });
    }
  });

  it('anonymises every generated customer without leaking identifiers', () => {
    fc.assert(
      fc.property(customerArb, (c) => {
        const out = anonymizeRecord(c, customerPolicy, ctx);
        const json = JSON.stringify(out);
        expect(json).not.toContain(c.tckn);
        expect(json).not.toContain(c.email);
        expect(json).not.toContain(c.birthDate);
        expect(out.address).toEqual({ il: c.address.il });
        for (const m of findPii(String(out.notes))) expect(m.kind).toBe('never');
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseAnonymizationPolicy and describeAnonymizationPolicy', () => {
  it('validates JSON policies with paths to the problems', () => {
    expect(parseAnonymizationPolicy(JSON.parse(JSON.stringify(customerPolicy))).ok).toBe(true);
    const r = parseAnonymizationPolicy({ fields: { x: { op: 'mask', keepFirst: -1 } }, extra: 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('invalid_policy');
      expect(r.error.issues.some((i) => i.path.join('.') === 'fields.x.keepFirst')).toBe(true);
    }
  });

  it('states linkability, personal-data status and key ids', () => {
    expect(describeAnonymizationPolicy(customerPolicy)).toEqual({
      fields: [
        { path: 'name', op: 'mask', linkability: 'none' },
        { path: 'tckn', op: 'redact', linkability: 'none' },
        { path: 'birthDate', op: 'generalise', linkability: 'none' },
        { path: 'email', op: 'pseudonymize', linkability: 'keyed' },
        { path: 'address.il', op: 'keep', linkability: 'kept' },
        { path: 'notes', op: 'text', linkability: 'none' },
      ],
      linkability: 'keyed',
      stillPersonalData: 'yes',
      keyIds: ['k1'],
    });
    expect(
      describeAnonymizationPolicy({ fields: { a: { op: 'redact' }, b: { op: 'drop' } } }).stillPersonalData,
    ).toBe('no');
    expect(
      describeAnonymizationPolicy({
        fields: { a: { op: 'text', policy: { kinds: { iban: { op: 'tokenize', keyId: 'k2' } } } } },
      }),
    ).toMatchObject({ linkability: 'reversible', keyIds: ['k2'] });
    expect(
      describeAnonymizationPolicy({ fields: { a: { op: 'redact' } }, otherFields: 'keep' }).stillPersonalData,
    ).toBe('depends');
  });
});

describe('anonymizeText', () => {
  it('redacts every kind to its label by default and counts what it found', () => {
    const text =
      'Ayşe, TCKN 10000000146, tel 0532 123 45 67, ayse@example.com, TR33 0006 1005 1978 6457 8413 26';
    expect(anonymizeText(text)).toBe('Ayşe, TCKN [TCKN], tel [TELEFON], [E-POSTA], [IBAN]');
    expect(anonymizeTextWithReport(text).counts).toEqual({ tckn: 1, phone: 1, email: 1, iban: 1 });
  });

  it('applies per-kind rules', () => {
    const policy: TextPolicy = {
      kinds: {
        phone: { op: 'mask', keepLast: 2 },
        birthDate: { op: 'generalise', spec: { kind: 'date', to: 'year' } },
        email: { op: 'keep' },
        tckn: { op: 'pseudonymize', keyId: 'k1', purpose: 'support' },
      },
    };
    expect(
      anonymizeText(
        'Tel 0532 123 45 67, doğum tarihi 12.03.1985, a@b.co, TC 10000000146, plaka 34 ABC 123',
        policy,
        ctx,
      ),
    ).toBe(
      `Tel **** *** ** 67, doğum tarihi 1985, a@b.co, TC ${pseudonymize('10000000146', { key, keyId: 'k1', purpose: 'support' })}, plaka [PLAKA]`,
    );
  });

  it('leaves no detected value in the output under a redact or mask policy', () => {
    const policies: TextPolicy[] = [
      {},
      { default: { op: 'redact', replacement: '' } },
      { default: { op: 'mask' } },
      { default: { op: 'mask', keepFirst: 3, keepLast: 3 } },
      { default: { op: 'mask', keepFirst: 20, keepLast: 20, char: '#' } },
    ];
    fc.assert(
      fc.property(labelledTextArb, fc.constantFrom(...policies), (d, policy) => {
        const before = findPii(d.text);
        const out = anonymizeText(d.text, policy);
        for (const m of before) expect(out.includes(m.value), `${m.value} survived in ${out}`).toBe(false);
        expect(findPii(out)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});
