import { createHash } from 'node:crypto';
import { doubleArb, jsonArb } from '@izinkit/test-utils/evidence';
import reference from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalHash, canonicalize, EvidenceError, isIzinkitError } from '../src/index.js';

// RFC 8785 Appendix B: IEEE 754 bit patterns and their required serialisation.
const NUMBER_VECTORS: [string, string][] = [
  ['0000000000000000', '0'],
  ['8000000000000000', '0'],
  ['0000000000000001', '5e-324'],
  ['8000000000000001', '-5e-324'],
  ['7fefffffffffffff', '1.7976931348623157e+308'],
  ['ffefffffffffffff', '-1.7976931348623157e+308'],
  ['4340000000000000', '9007199254740992'],
  ['c340000000000000', '-9007199254740992'],
  ['4430000000000000', '295147905179352830000'],
  ['44b52d02c7e14af5', '9.999999999999997e+22'],
  ['44b52d02c7e14af6', '1e+23'],
  ['44b52d02c7e14af7', '1.0000000000000001e+23'],
  ['444b1ae4d6e2ef4e', '999999999999999700000'],
  ['444b1ae4d6e2ef4f', '999999999999999900000'],
  ['444b1ae4d6e2ef50', '1e+21'],
  ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
  ['3eb0c6f7a0b5ed8d', '0.000001'],
  ['41b3de4355555553', '333333333.3333332'],
  ['41b3de4355555554', '333333333.33333325'],
  ['41b3de4355555555', '333333333.3333333'],
  ['41b3de4355555556', '333333333.3333334'],
  ['41b3de4355555557', '333333333.33333343'],
  ['becbf647612f3696', '-0.0000033333333333333333'],
  ['43143ff3c1cb0959', '1424953923781206.2'],
];

const double = (hex: string): number => Buffer.from(hex, 'hex').readDoubleBE(0);

describe('canonicalize (RFC 8785)', () => {
  it('serialises the numbers of RFC 8785 Appendix B', () => {
    for (const [bits, want] of NUMBER_VECTORS) expect(canonicalize(double(bits)), bits).toBe(want);
  });

  it('rejects NaN and the infinities (Appendix B: 7fffffffffffffff, 7ff0000000000000)', () => {
    for (const bits of ['7fffffffffffffff', '7ff0000000000000', 'fff0000000000000']) {
      expect(() => canonicalize([double(bits)])).toThrow(EvidenceError);
    }
  });

  it('matches the §3.2.2 example (numbers, string escapes, literals)', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts members by UTF-16 code units (§3.2.3 example)', () => {
    const input = JSON.parse(
      '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One",' +
        '"\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}',
    );
    expect(canonicalize(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    // A UTF-16 sort puts the surrogate pair (U+1F600) before U+FB33; a code-point sort would not.
    expect(canonicalize({ '\ufb33': 1, '\ud83d\ude00': 2 })).toBe('{"\ud83d\ude00":2,"\ufb33":1}');
  });

  it('escapes exactly what JCS escapes', () => {
    expect(canonicalize('\u0000\u0008\u0009\u000a\u000c\u000d\u001f"\\/\u007f\u2028é')).toBe(
      '"\\u0000\\b\\t\\n\\f\\r\\u001f\\"\\\\/\u007f\u2028é"',
    );
  });

  it('leaves out undefined members, uses toJSON, and refuses what JSON cannot carry', () => {
    expect(canonicalize({ b: undefined, a: 1 })).toBe('{"a":1}');
    expect(canonicalize({ t: new Date('2025-01-01T00:00:00Z') })).toBe('{"t":"2025-01-01T00:00:00.000Z"}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const bad of [
      [undefined],
      '\ud800',
      { '\udc00': 1 },
      1n,
      () => 1,
      Symbol('s'),
      new Map([[1, 2]]),
      cyclic,
      undefined,
    ]) {
      let caught: unknown;
      try {
        canonicalize(bad);
      } catch (e) {
        caught = e;
      }
      expect(caught, String(typeof bad)).toBeInstanceOf(EvidenceError);
      expect(isIzinkitError(caught)).toBe(true);
      expect((caught as EvidenceError).code).toBe('NOT_JSON');
    }
  });

  it('agrees with the established `canonicalize` package on every JSON value (differential)', () => {
    fc.assert(
      fc.property(jsonArb, (v) => {
        expect(canonicalize(v)).toBe(reference(v));
      }),
      { numRuns: 1500 },
    );
  });

  it('agrees with `canonicalize` on every double and on member names of any UTF-16 content', () => {
    fc.assert(
      fc.property(doubleArb, (d) => {
        expect(canonicalize(d)).toBe(reference(d));
        expect(JSON.parse(canonicalize(d))).toBe(d === 0 ? 0 : d);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'grapheme' }), fc.integer()), (o) => {
        expect(canonicalize(o)).toBe(reference(o));
      }),
      { numRuns: 500 },
    );
  });

  it('canonicalHash is node:crypto SHA-256 of the `canonicalize` package output (UTF-8)', () => {
    const want = (v: unknown): string => createHash('sha256').update(reference(v)!, 'utf8').digest('hex');
    const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
    fc.assert(
      fc.property(jsonArb, (v) => {
        expect(hex(canonicalHash(v))).toBe(want(v));
      }),
      { numRuns: 1000 },
    );
    // Texts around and beyond the reused 16 KiB encoding buffer and its 1 MiB limit, non-ASCII included.
    for (const n of [5_000, 5_461, 5_462, 20_000, 349_525, 349_526, 400_000]) {
      const v = { a: 'ğ'.repeat(n), b: ['x'.repeat(n), '😀'.repeat(n >> 3)] };
      expect(hex(canonicalHash(v))).toBe(want(v));
    }
    expect(hex(canonicalHash({ s: 'a' }))).toBe(want({ s: 'a' })); // the shared buffer after growth
  });

  it('is idempotent and independent of member order', () => {
    fc.assert(
      fc.property(jsonArb, (v) => {
        const c = canonicalize(v);
        expect(canonicalize(JSON.parse(c))).toBe(c);
        if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
          const reversed = Object.fromEntries(Object.entries(v).reverse());
          expect(canonicalize(reversed)).toBe(c);
          expect(canonicalHash(reversed)).toEqual(canonicalHash(v));
        }
      }),
      { numRuns: 500 },
    );
  });
});
