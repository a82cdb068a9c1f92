/**
 * `instantMs` (src/internal/time.ts) parses canonical instants by hand with integer arithmetic.
 * This checks it against the plain definition — the digits through `Date.UTC` — on valid instants
 * of every year, on instants with out-of-range fields (30 February, 31 April, month 13, hour 24 …)
 * and on strings of the right shape with any character in any place. And `isoOf` against
 * `Date.prototype.toISOString`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantMs, isInstant, isoOf } from '../src/internal/time.js';

/** The reference: what `instantMs` must equal. */
function reference(iso: string): number {
  if (!isInstant(iso)) return Number.NaN;
  const num = (from: number, len: number): number => {
    let v = 0;
    for (let i = from; i < from + len; i++) {
      const d = iso.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return Number.NaN;
      v = v * 10 + d;
    }
    return v;
  };
  const [year, month, day, hour, minute, second, ms] = [
    num(0, 4),
    num(5, 2),
    num(8, 2),
    num(11, 2),
    num(14, 2),
    num(17, 2),
    num(20, 3),
  ] as [number, number, number, number, number, number, number];
  if (Number.isNaN(ms)) return Number.NaN;
  if (
    !(
      year >= 100 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= 31 &&
      hour < 24 &&
      minute < 60 &&
      second < 60
    )
  ) {
    return Number.NaN;
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

describe('instantMs', () => {
  it('equals Date.UTC of the digits on every field combination, rolled-over days included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 999 }),
        (y, mo, d, h, mi, s, ms) => {
          const iso = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`;
          expect(instantMs(iso)).toBe(reference(iso));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('round-trips every toISOString of years 0100–9999', () => {
    const lo = Date.UTC(100, 0, 1);
    const hi = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    fc.assert(
      fc.property(fc.integer({ min: lo, max: hi }), (t) => {
        expect(instantMs(new Date(t).toISOString())).toBe(t);
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with the reference on any character in any place', () => {
    const base = '2026-03-13T13:00:00.000Z';
    const chars = fc.constantFrom('0', '9', '/', ':', 'a', ' ', '-', '٣', '\u0000', 'T', 'Z', '.');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 23 }), chars), { maxLength: 4 }), (edits) => {
        const a = [...base];
        for (const [i, c] of edits) a[i] = c;
        const iso = a.join('');
        expect(instantMs(iso)).toBe(reference(iso));
      }),
      { numRuns: 1000 },
    );
    for (const s of ['', 'not-a-date', '2026-03-13T13:00:00Z', `${base} `, '2026-02-30T00:00:00.000Z']) {
      expect(instantMs(s)).toBe(reference(s));
    }
  });
});

describe('isoOf', () => {
  it('equals toISOString on instants of every year, and beyond 0000–9999', () => {
    const lo = new Date('0000-01-01T00:00:00.000Z').getTime();
    const hi = new Date('9999-12-31T23:59:59.999Z').getTime();
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: lo, max: hi }),
          fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2036, 0, 1) }),
          fc.constantFrom(lo, hi, lo - 1, hi + 1, 0, -1, 951_782_400_000, 8.64e15, -8.64e15),
        ),
        (t) => {
          expect(isoOf(t)).toBe(new Date(t).toISOString());
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('throws as toISOString does for an invalid time', () => {
    expect(() => isoOf(Number.NaN)).toThrow(RangeError);
  });
});
