import { customerArb } from '@izinkit/test-utils/kvkk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  achieveKAnonymity,
  isKvkkError,
  kAnonymity,
  lDiversity,
  type QuasiIdentifier,
} from '../src/index.js';

const rows = [
  { year: '1985', il: 'İzmir', dx: 'A' },
  { year: '1985', il: 'İzmir', dx: 'B' },
  { year: '1990', il: 'Van', dx: 'A' },
  { year: '1990', il: 'Van', dx: 'A' },
  { year: '1991', il: 'Van', dx: 'C' },
];

describe('kAnonymity', () => {
  it('reports the smallest class', () => {
    expect(kAnonymity(rows, ['year', 'il'])).toEqual({
      k: 1,
      rows: 5,
      classes: 3,
      smallest: { values: { year: '1991', il: 'Van' }, size: 1 },
      smallClasses: { 1: 1, 2: 2 },
    });
    expect(kAnonymity(rows, ['il']).k).toBe(2);
    expect(kAnonymity([], ['il'])).toMatchObject({ k: 0, rows: 0, classes: 0, smallest: null });
  });

  it('compares values exactly and reads dotted paths', () => {
    expect(kAnonymity([{ a: '34' }, { a: 34 }], ['a']).k).toBe(1);
    expect(kAnonymity([{ a: { b: 1 } }, { a: { b: 1 } }], ['a.b']).k).toBe(2);
    expect(kAnonymity([{ a: undefined }, {}], ['a']).k).toBe(2);
  });

  it('rejects a bad quasi-identifier list', () => {
    expect(() => kAnonymity(rows, [''])).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });
});

describe('lDiversity', () => {
  it('reports distinct and entropy ℓ', () => {
    const r = lDiversity(rows, ['year', 'il'], 'dx');
    expect(r.distinctL).toBe(1);
    expect(r.worst?.distinct).toBe(1);
    const even = lDiversity(
      [
        { q: 1, s: 'a' },
        { q: 1, s: 'b' },
      ],
      ['q'],
      's',
    );
    expect(even.distinctL).toBe(2);
    expect(even.entropyL).toBeCloseTo(2, 10);
    const skewed = lDiversity(
      [
        { q: 1, s: 'a' },
        { q: 1, s: 'a' },
        { q: 1, s: 'a' },
        { q: 1, s: 'b' },
      ],
      ['q'],
      's',
    );
    expect(skewed.distinctL).toBe(2);
    expect(skewed.entropyL).toBeLessThan(2);
    expect(lDiversity([], ['q'], 's')).toMatchObject({ distinctL: 0, entropyL: 0, worst: null });
  });
});

const qis: QuasiIdentifier[] = [
  {
    field: 'birthDate',
    levels: [
      { kind: 'date', to: 'year' },
      { kind: 'date', to: 'decade' },
    ],
  },
  {
    field: 'address.line',
    levels: [
      { kind: 'address', to: 'ilce' },
      { kind: 'address', to: 'il' },
    ],
  },
];

describe('achieveKAnonymity', () => {
  it('generalises as little as needed', () => {
    const data = [
      { b: '1985-01-01', dx: 'x' },
      { b: '1985-06-01', dx: 'y' },
      { b: '1986-01-01', dx: 'x' },
      { b: '1987-01-01', dx: 'y' },
    ];
    const r = achieveKAnonymity(data, {
      k: 2,
      quasiIdentifiers: [
        {
          field: 'b',
          levels: [
            { kind: 'date', to: 'year' },
            { kind: 'date', to: 'decade' },
          ],
        },
      ],
    });
    expect(r.levels).toEqual({ b: 2 });
    expect(r.rows.map((x) => x.b)).toEqual(['1980-1989', '1980-1989', '1980-1989', '1980-1989']);
    expect(r.rows.map((x) => x.dx)).toEqual(['x', 'y', 'x', 'y']);
    const s = achieveKAnonymity(data, {
      k: 2,
      quasiIdentifiers: [{ field: 'b', levels: [{ kind: 'date', to: 'year' }] }],
      maxSuppression: 0.5,
    });
    expect(s.levels).toEqual({ b: 1 });
    expect(s.suppressedIndices).toEqual([2, 3]);
    expect(s.k).toBe(2);
  });

  it('removes every row when there are fewer than k', () => {
    const r = achieveKAnonymity([{ b: '1985-01-01' }], {
      k: 2,
      quasiIdentifiers: [{ field: 'b', levels: [] }],
    });
    expect(r).toMatchObject({ rows: [], suppressed: 1, k: 0 });
  });

  it('rejects a bad k', () => {
    try {
      achieveKAnonymity([], { k: 0, quasiIdentifiers: qis });
      expect.unreachable();
    } catch (e) {
      expect(isKvkkError(e) && e.code).toBe('invalid_argument');
    }
  });

  it('always reaches the requested k (and ℓ) on generated data', () => {
    fc.assert(
      fc.property(
        fc.array(customerArb, { minLength: 0, maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom(0, 0.05, 0.3),
        fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
        (customers, k, maxSuppression, l) => {
          const data = customers.map((c, i) => ({ ...c, dx: ['A', 'B', 'C'][i % 3] }));
          const r = achieveKAnonymity(data, {
            k,
            quasiIdentifiers: qis,
            maxSuppression,
            ...(l !== undefined ? { lDiversity: { sensitive: 'dx', l } } : {}),
          });
          expect(r.rows.length + r.suppressed).toBe(data.length);
          if (r.rows.length > 0) {
            expect(kAnonymity(r.rows, ['birthDate', 'address.line']).k).toBeGreaterThanOrEqual(k);
            if (l !== undefined)
              expect(
                lDiversity(r.rows, ['birthDate', 'address.line'], 'dx').distinctL,
              ).toBeGreaterThanOrEqual(l);
          }
          if (l === undefined && data.length >= k)
            expect(r.suppressed).toBeLessThanOrEqual(Math.floor(maxSuppression * data.length));
          expect(r.generalisationShare).toBeGreaterThanOrEqual(0);
          expect(r.generalisationShare).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 150 },
    );
  });
});
