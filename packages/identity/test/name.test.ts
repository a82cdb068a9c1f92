import { nameVariantArb, TR_FIRST_NAMES, TR_LAST_NAMES } from '@izinkit/test-utils/identity';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldName } from '../src/index.js';

const slow = (s: string) =>
  s.normalize('NFC').toLocaleLowerCase('tr').normalize('NFC').replace(/\s+/g, ' ').trim();

describe('foldName', () => {
  it('folds by Turkish rules', () => {
    expect(foldName('  İLKER   IŞIK ')).toBe('ilker ışık');
    expect(foldName('Ayşe\u00a0Nur  YILMAZ')).toBe('ayşe nur yılmaz');
    expect(foldName('ISPARTA')).toBe('ısparta');
    expect(foldName('İSTANBUL')).toBe('istanbul');
    expect(foldName('ÇAĞRI ÖZTÜRK')).toBe('çağrı öztürk');
    expect(foldName('Işık')).toBe(foldName('IŞIK'));
    expect(foldName('Irmak')).not.toBe(foldName('irmak')); // I is ı in Turkish
    expect(foldName('I\u0307rmak')).toBe('irmak'); // decomposed İ
    expect(foldName('a\tb\nc')).toBe('a b c');
    expect(foldName('')).toBe('');
    expect(foldName(undefined as unknown as string)).toBe('');
  });
  it('ascii option maps Turkish letters to their base letters', () => {
    expect(foldName('ŞEYMA', { ascii: true })).toBe('seyma');
    expect(foldName('Işık Çağrı Öz Ünal', { ascii: true })).toBe('isik cagri oz unal');
    expect(foldName('SEYMA', { ascii: true })).toBe(foldName('Şeyma', { ascii: true }));
  });
  it('equals the plain Turkish-locale definition on any string (the fast path is exact)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.string({
            unit: fc.constantFrom(...'AaIıİiŞşĞğÜüÖöÇçÂâ \t\u00a0\u0307\u0130\u00df\u00b5\u00ff'),
          }),
        ),
        (s) => foldName(s) === slow(s),
      ),
      { numRuns: 3_000 },
    );
  });
  it('is idempotent and case-insensitive for the name variants people type', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom(...TR_FIRST_NAMES, ...TR_LAST_NAMES)),
        (s) => {
          const f = foldName(s);
          return (
            foldName(f) === f &&
            foldName(f, { ascii: true }) === foldName(foldName(s, { ascii: true }), { ascii: true })
          );
        },
      ),
      { numRuns: 2_000 },
    );
    fc.assert(
      fc.property(
        fc
          .constantFrom(...TR_FIRST_NAMES, ...TR_LAST_NAMES)
          .chain((n) => fc.tuple(fc.constant(n), nameVariantArb(n))),
        ([name, variant]) => foldName(variant) === foldName(name),
      ),
    );
  });
});
