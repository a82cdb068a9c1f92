import { tcknArb } from '@izinkit/test-utils/identity';
import fc from 'fast-check';
import { stdnum } from 'stdnum';
import { describe, expect, it } from 'vitest';
import { completeTckn, isIdentityError, isValidTckn, parseTckn } from '../src/index.js';
import { tcknNumber } from '../src/tckn.js';

/** A deliberately plain reference: python-stdnum's formulation of the same rule. */
function referenceTckn(s: string): boolean {
  if (!/^[1-9][0-9]{10}$/.test(s)) return false;
  const d = [...s].map(Number);
  const w = [3, 1, 3, 1, 3, 1, 3, 1, 3];
  const c1 = (((10 - w.reduce((a, wi, i) => a + wi * d[i]!, 0)) % 10) + 10) % 10;
  const c2 = (c1 + d.slice(0, 9).reduce((a, b) => a + b, 0)) % 10;
  return d[9] === c1 && d[10] === c2;
}

const elevenDigits = fc.stringMatching(/^[0-9]{11}$/);

describe('isValidTckn', () => {
  it('accepts the known valid numbers', () => {
    expect(isValidTckn('10000000146')).toBe(true); // Atatürk: valid, no exception needed
    expect(isValidTckn('19090909018')).toBe(true); // negative intermediate sum (kvkk-pii bug)
    expect(isValidTckn('17291716060')).toBe(true); // python-stdnum doctest
  });
  it('rejects bad ones', () => {
    expect(isValidTckn('17291716050')).toBe(false); // stdnum doctest: wrong check digits
    expect(isValidTckn('07291716092')).toBe(false); // leading zero
    expect(isValidTckn('10000000145')).toBe(false);
    expect(isValidTckn('1000000014')).toBe(false);
    expect(isValidTckn('100000001460')).toBe(false);
    expect(isValidTckn('1000000014a')).toBe(false);
    expect(isValidTckn('100 0000014')).toBe(false);
    expect(isValidTckn('١٠٠٠٠٠٠٠١٤٦')).toBe(false); // not ASCII: parseTckn converts, isValidTckn does not
    expect(isValidTckn('')).toBe(false);
  });
  it('has no "all digits equal" rule', () => {
    // 11111111110 passes the official check digits; some libraries reject it on an unofficial rule.
    expect(isValidTckn('11111111110')).toBe(true);
    expect(referenceTckn('11111111110')).toBe(true);
  });
  it('accepts every generated number', () => {
    fc.assert(fc.property(tcknArb, (t) => isValidTckn(t)));
  });
  it('agrees with a plain reference implementation on any 11 digits', () => {
    fc.assert(
      fc.property(elevenDigits, (s) => isValidTckn(s) === referenceTckn(s)),
      { numRuns: 10_000 },
    );
    fc.assert(fc.property(tcknArb, (s) => referenceTckn(s)));
  });
  it('agrees with python-stdnum’s JavaScript port (npm stdnum)', () => {
    const peer = (s: string) => stdnum.TR!.tckimlik!.validate(s).isValid;
    fc.assert(
      fc.property(fc.oneof(elevenDigits, tcknArb), (s) => isValidTckn(s) === peer(s)),
      { numRuns: 5_000 },
    );
  });
  it('detects every single-digit error', () => {
    fc.assert(
      fc.property(
        tcknArb,
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 9 }),
        (t, pos, delta) => {
          const d = (Number(t[pos]) + delta) % 10;
          const changed = t.slice(0, pos) + d + t.slice(pos + 1);
          return !isValidTckn(changed);
        },
      ),
    );
  });
  it('never throws, whatever it is given', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => typeof isValidTckn(s) === 'boolean'));
    expect(isValidTckn(undefined as unknown as string)).toBe(false);
    expect(isValidTckn(10000000146 as unknown as string)).toBe(false);
  });
});

describe('parseTckn', () => {
  it('accepts spaces, dashes and non-ASCII digits', () => {
    expect(parseTckn(' 100 000 001-46 ')).toEqual({ ok: true, value: '10000000146' });
    expect(parseTckn('100\u00a0000\u00a000146')).toEqual({ ok: true, value: '10000000146' });
    expect(parseTckn('١٠٠٠٠٠٠٠١٤٦')).toEqual({ ok: true, value: '10000000146' });
    expect(parseTckn('۱۰۰۰۰۰۰۰۱۴۶')).toEqual({ ok: true, value: '10000000146' });
  });
  it('gives a coded error for each rejection', () => {
    const code = (s: string) => {
      const r = parseTckn(s);
      return r.ok ? 'ok' : r.error.code;
    };
    expect(code('')).toBe('empty');
    expect(code('   ')).toBe('empty');
    expect(code('100.000.001.46')).toBe('invalid_characters');
    expect(code('TR10000000146')).toBe('invalid_characters');
    expect(code('1000000014')).toBe('too_short');
    expect(code('100000001460')).toBe('too_long');
    expect(code('01000000146')).toBe('leading_zero');
    expect(code('10000000145')).toBe('bad_checksum');
    expect(code(42 as unknown as string)).toBe('invalid_characters');
  });
  it('carries Turkish and English messages and the input', () => {
    const r = parseTckn('1000000014');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message.tr).toBe('TCKN 11 haneli olmalıdır; 10 hane girildi.');
      expect(r.error.message.en).toBe('A TCKN has 11 digits; got 10.');
      expect(r.error.input).toBe('1000000014');
    }
  });
  it('round-trips formatted numbers and is idempotent', () => {
    fc.assert(
      fc.property(
        tcknArb,
        fc.array(fc.constantFrom(' ', '-', '\u00a0'), { minLength: 11, maxLength: 11 }),
        (t, seps) => {
          const formatted = [...t]
            .map((d, i) => d + (i < 10 ? seps[i]!.repeat(i % 3 === 2 ? 1 : 0) : ''))
            .join('');
          const r = parseTckn(formatted);
          if (!r.ok || r.value !== t) return false;
          const again = parseTckn(r.value);
          return again.ok && again.value === r.value;
        },
      ),
    );
  });
  it('accepts exactly what isValidTckn accepts, once the separators are gone', () => {
    fc.assert(
      fc.property(elevenDigits, (s) => parseTckn(s).ok === isValidTckn(s)),
      { numRuns: 5_000 },
    );
  });
  it('never throws', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => typeof parseTckn(s).ok === 'boolean'));
  });
});

describe('completeTckn', () => {
  it('computes the check digits', () => {
    expect(completeTckn('100000001')).toBe('10000000146');
    expect(completeTckn('190909090')).toBe('19090909018');
    fc.assert(fc.property(tcknArb, (t) => completeTckn(t.slice(0, 9)) === t));
  });
  it('throws a branded IdentityError on a wrong argument', () => {
    expect(() => completeTckn('012345678')).toThrow();
    try {
      completeTckn('12345');
    } catch (e) {
      expect(isIdentityError(e, 'invalid_argument')).toBe(true);
      expect((e as Record<symbol, unknown>)[Symbol.for('izinkit.error')]).toBe(true);
    }
  });
});

describe('tcknNumber (internal, used by dedupe)', () => {
  it('equals parseTckn as a number, 0 when parseTckn rejects', () => {
    const expected = (s: string) => {
      const r = parseTckn(s);
      return r.ok ? Number(r.value) : 0;
    };
    fc.assert(
      fc.property(
        fc.oneof(
          tcknArb,
          tcknArb.map((t) => `${t.slice(0, 3)} ${t.slice(3, 7)}-${t.slice(7)}`),
          elevenDigits,
          fc.string({ unit: fc.constantFrom(...'0123456789 -١x') }),
          fc.string({ unit: 'binary' }),
        ),
        (s) => tcknNumber(s) === expected(s),
      ),
      { numRuns: 5_000 },
    );
  });
});
