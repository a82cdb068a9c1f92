import { describe, expect, it } from 'vitest';
import { lowerMonthUnit, turkishMonth, turkishMonthAt } from '../src/internal/dates.js';

const NAMES = [
  'ocak',
  'şubat',
  'subat',
  'mart',
  'nisan',
  'mayıs',
  'mayis',
  'haziran',
  'temmuz',
  'ağustos',
  'agustos',
  'eylül',
  'eylul',
  'ekim',
  'kasım',
  'kasim',
  'aralık',
  'aralik',
];
const ALPHABET = new Set(NAMES.join(''));

describe('turkishMonthAt (the allocation-free reader findPii uses)', () => {
  it('lower-cases every UTF-16 code unit to a month letter exactly when toLowerCase does', () => {
    for (let c = 0; c < 0x10000; c++) {
      const lower = String.fromCharCode(c).toLowerCase();
      const mine = String.fromCharCode(lowerMonthUnit(c));
      if (lower.length === 1 && ALPHABET.has(lower)) {
        if (mine !== lower) expect({ c, mine }).toEqual({ c, mine: lower });
      } else if (ALPHABET.has(mine)) {
        expect({ c, mine, lower }).toEqual({ c, mine: 'no month letter', lower });
      }
    }
  });

  it('agrees with turkishMonth when one code unit of a month name is replaced', () => {
    // Every unit that toLowerCase changes or that is a month letter, and a spread of others.
    const units: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      if (s.toLowerCase() !== s || ALPHABET.has(s) || c % 257 === 0) units.push(c);
    }
    for (const base of [...NAMES, ...NAMES.map((n) => n.toUpperCase())]) {
      for (let i = 0; i < base.length; i++) {
        for (const c of units) {
          const w = `${base.slice(0, i)}${String.fromCharCode(c)}${base.slice(i + 1)}`;
          const got = turkishMonthAt(`12 ${w} 1985`, 3, 3 + w.length);
          if (got !== turkishMonth(w)) expect({ w, got }).toEqual({ w, got: turkishMonth(w) });
        }
      }
    }
  });

  it('reads the month names in any case and rejects other words', () => {
    expect(turkishMonthAt('3 Mart', 2, 6)).toBe(3);
    expect(turkishMonthAt('3 ŞUBAT', 2, 7)).toBe(2);
    expect(turkishMonthAt('3 AĞUSTOS', 2, 9)).toBe(8);
    expect(turkishMonthAt('3 Eylül', 2, 7)).toBe(9);
    expect(turkishMonthAt('3 \u212Aasım', 2, 7)).toBe(11); // the Kelvin sign lower-cases to k
    expect(turkishMonthAt('3 NİSAN', 2, 7)).toBe(0); // İ lower-cases to two code units
    expect(turkishMonthAt('00 arası', 3, 8)).toBe(0);
  });
});
