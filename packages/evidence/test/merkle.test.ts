import { createHash } from 'node:crypto';
import { entriesArb, entryArb, hash32Arb } from '@izinkit/test-utils/evidence';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  EvidenceRangeError,
  EvidenceTypeError,
  InclusionVerifier,
  inclusionProof,
  leafHash,
  merkleTreeHead,
  nodeHash,
  verifyConsistency,
  verifyInclusion,
} from '../src/index.js';

// ---- An independent reference: the RFC 9162 §2.1 definitions, literally, over node:crypto. ----
const H = (...parts: Uint8Array[]): Uint8Array =>
  new Uint8Array(createHash('sha256').update(Buffer.concat(parts)).digest());
const refK = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};
const refMth = (d: Uint8Array[]): Uint8Array => {
  if (d.length === 0) return H();
  if (d.length === 1) return H(Uint8Array.of(0), d[0]!);
  const k = refK(d.length);
  return H(Uint8Array.of(1), refMth(d.slice(0, k)), refMth(d.slice(k)));
};
const refPath = (m: number, d: Uint8Array[]): Uint8Array[] => {
  if (d.length <= 1) return [];
  const k = refK(d.length);
  return m < k
    ? [...refPath(m, d.slice(0, k)), refMth(d.slice(k))]
    : [...refPath(m - k, d.slice(k)), refMth(d.slice(0, k))];
};
const refSubproof = (m: number, d: Uint8Array[], b: boolean): Uint8Array[] => {
  if (m === d.length) return b ? [] : [refMth(d)];
  const k = refK(d.length);
  return m <= k
    ? [...refSubproof(m, d.slice(0, k), b), refMth(d.slice(k))]
    : [...refSubproof(m - k, d.slice(k), false), refMth(d.slice(0, k))];
};
const refProof = (m: number, d: Uint8Array[]): Uint8Array[] => (m === 0 ? [] : refSubproof(m, d, true));

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
const flip = (b: Uint8Array, i: number): Uint8Array => {
  const c = b.slice();
  c[i] = c[i]! ^ 0x01;
  return c;
};

// Certificate Transparency's RFC 6962 test vectors (the leaves, and the root at each size 0..8).
const CT_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(unhex);
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('hashing', () => {
  it('leafHash is SHA-256(0x00 ‖ entry) and nodeHash SHA-256(0x01 ‖ l ‖ r), for every length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), hash32Arb, hash32Arb, (e, l, r) => {
        expect(hex(leafHash(e))).toBe(hex(H(Uint8Array.of(0), e)));
        expect(hex(nodeHash(l, r))).toBe(hex(H(Uint8Array.of(1), l, r)));
      }),
      { numRuns: 2000 },
    );
    // Every length around the JavaScript / node:crypto boundary and the padding boundaries.
    for (let n = 0; n < 260; n++) {
      const e = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 255);
      expect(hex(leafHash(e)), `length ${n}`).toBe(hex(H(Uint8Array.of(0), e)));
    }
  });

  it('rejects what is not bytes', () => {
    expect(() => leafHash('x' as unknown as Uint8Array)).toThrow(EvidenceTypeError);
    expect(() => nodeHash(new Uint8Array(31), new Uint8Array(32))).toThrow(TypeError);
  });
});

describe('RFC 9162 tree head and proofs', () => {
  it('matches the Certificate Transparency vectors', () => {
    for (let n = 0; n <= 8; n++)
      expect(hex(merkleTreeHead(CT_LEAVES.slice(0, n))), `size ${n}`).toBe(CT_ROOTS[n]);
    expect(inclusionProof(CT_LEAVES, 0).map(hex)).toEqual([
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(inclusionProof(CT_LEAVES, 5).map(hex)).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ]);
    expect(consistencyProof(CT_LEAVES, 2).map(hex)).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ]);
    expect(consistencyProof(CT_LEAVES.slice(0, 5), 2).map(hex)).toEqual([
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ]);
  });

  const N = 64;
  const leaves = Array.from({ length: N + 1 }, (_, i) => Uint8Array.of(i, (i * 7) & 255, 0xee));
  const hashes = leaves.map((e) => leafHash(e));
  const roots = Array.from({ length: N + 1 }, (_, n) => refMth(leaves.slice(0, n)));

  it('tree heads equal the reference for every size 0..64', () => {
    for (let n = 0; n <= N; n++)
      expect(hex(merkleTreeHead(leaves.slice(0, n))), `size ${n}`).toBe(hex(roots[n]!));
  });

  // proofs[n][i] for every 1 ≤ n ≤ 64, checked against the reference once.
  const proofs: Uint8Array[][][] = [[]];
  for (let n = 1; n <= N; n++)
    proofs.push(Array.from({ length: n }, (_, i) => inclusionProof(leaves.slice(0, n), i)));

  it('every inclusion proof for 1 ≤ n ≤ 64 equals the reference, verifies, and fails when anything is altered', () => {
    const wrong: string[] = [];
    const must = (ok: boolean, what: string): void => {
      if (!ok) wrong.push(what);
    };
    let checked = 0;
    for (let n = 1; n <= N; n++) {
      const d = leaves.slice(0, n);
      const root = roots[n]!;
      for (let i = 0; i < n; i++) {
        const proof = proofs[n]![i]!;
        const tag = `${i}/${n}`;
        must(
          hex(Buffer.concat(proof)) === hex(Buffer.concat(refPath(i, d))),
          `${tag} differs from the reference`,
        );
        must(verifyInclusion(hashes[i]!, i, n, proof, root), `${tag} does not verify`);
        // every byte of every proof hash, of the leaf hash and of the root
        for (let p = 0; p < proof.length; p++) {
          for (let b = 0; b < 32; b++) {
            const bad = proof.slice();
            bad[p] = flip(proof[p]!, b);
            must(!verifyInclusion(hashes[i]!, i, n, bad, root), `${tag} proof[${p}] byte ${b}`);
          }
        }
        for (let b = 0; b < 32; b += 5) {
          must(!verifyInclusion(flip(hashes[i]!, b), i, n, proof, root), `${tag} leaf byte ${b}`);
          must(!verifyInclusion(hashes[i]!, i, n, proof, flip(root, b)), `${tag} root byte ${b}`);
        }
        // another index; a truncated, extended or reordered proof
        for (let j = 0; j < n; j++)
          if (j !== i) must(!verifyInclusion(hashes[i]!, j, n, proof, root), `${tag} as index ${j}`);
        if (proof.length > 0)
          must(!verifyInclusion(hashes[i]!, i, n, proof.slice(0, -1), root), `${tag} truncated`);
        must(!verifyInclusion(hashes[i]!, i, n, [...proof, new Uint8Array(32)], root), `${tag} extended`);
        if (proof.length > 1 && hex(proof[0]!) !== hex(proof[1]!)) {
          must(
            !verifyInclusion(hashes[i]!, i, n, [proof[1]!, proof[0]!, ...proof.slice(2)], root),
            `${tag} reordered`,
          );
        }
        // A proof says "index i under this root"; against another size's root it fails unless that
        // size has the very same path (RFC 9162 binds the size through the root, not the proof).
        for (let m = i + 1; m <= N; m++) {
          if (m === n) continue;
          const same = hex(Buffer.concat(proofs[m]![i]!)) === hex(Buffer.concat(proof));
          must(verifyInclusion(hashes[i]!, i, m, proof, roots[m]!) === same, `${tag} against size ${m}`);
        }
        checked++;
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBe((N * (N + 1)) / 2);
  });

  it('every consistency proof for 0 ≤ m ≤ n ≤ 64 equals the reference, verifies, and fails when altered', () => {
    const wrong: string[] = [];
    const must = (ok: boolean, what: string): void => {
      if (!ok) wrong.push(what);
    };
    for (let n = 0; n <= N; n++) {
      const d = leaves.slice(0, n);
      for (let m = 0; m <= n; m++) {
        const tag = `${m}→${n}`;
        const proof = consistencyProof(d, m);
        must(
          hex(Buffer.concat(proof)) === hex(Buffer.concat(refProof(m, d))),
          `${tag} differs from the reference`,
        );
        must(verifyConsistency(m, n, roots[m]!, roots[n]!, proof), `${tag} does not verify`);
        for (let p = 0; p < proof.length; p++) {
          for (let b = 0; b < 32; b++) {
            const bad = proof.slice();
            bad[p] = flip(proof[p]!, b);
            must(!verifyConsistency(m, n, roots[m]!, roots[n]!, bad), `${tag} proof[${p}] byte ${b}`);
          }
        }
        for (let b = 0; b < 32; b += 5) {
          must(!verifyConsistency(m, n, flip(roots[m]!, b), roots[n]!, proof), `${tag} old root byte ${b}`);
          // (from the empty tree every tree is consistent, so m = 0 accepts any new root)
          if (m > 0)
            must(!verifyConsistency(m, n, roots[m]!, flip(roots[n]!, b), proof), `${tag} new root byte ${b}`);
        }
        if (proof.length > 0)
          must(!verifyConsistency(m, n, roots[m]!, roots[n]!, proof.slice(0, -1)), `${tag} truncated`);
        must(
          !verifyConsistency(m, n, roots[m]!, roots[n]!, [...proof, new Uint8Array(32)]),
          `${tag} extended`,
        );
        if (m > 0 && m < n) must(!verifyConsistency(n, m, roots[n]!, roots[m]!, proof), `${tag} reversed`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('consistency fails when history is rewritten (an earlier leaf changed)', () => {
    const wrong: string[] = [];
    for (let n = 2; n <= N; n++) {
      for (let m = 1; m < n; m++) {
        const honest = consistencyProof(leaves.slice(0, n), m);
        for (const j of new Set([0, m - 1])) {
          const rewritten = leaves.slice(0, n);
          rewritten[j] = Uint8Array.of(0xff, j);
          const forgedHead = merkleTreeHead(rewritten);
          // neither a proof made from the rewritten log nor the honest proof links the old head to it
          if (verifyConsistency(m, n, roots[m]!, forgedHead, consistencyProof(rewritten, m)))
            wrong.push(`${m}→${n} leaf ${j}`);
          if (verifyConsistency(m, n, roots[m]!, forgedHead, honest))
            wrong.push(`${m}→${n} leaf ${j} (honest proof)`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('degenerate consistency cases follow the definitions', () => {
    expect(verifyConsistency(4, 4, roots[4]!, roots[4]!, [])).toBe(true);
    expect(verifyConsistency(4, 4, roots[4]!, roots[5]!, [])).toBe(false);
    expect(verifyConsistency(4, 4, roots[4]!, roots[4]!, [new Uint8Array(32)])).toBe(false);
    expect(verifyConsistency(0, 8, roots[0]!, roots[8]!, [])).toBe(true);
    expect(verifyConsistency(0, 8, roots[1]!, roots[8]!, [])).toBe(false);
    expect(verifyConsistency(0, 8, roots[0]!, roots[8]!, [new Uint8Array(32)])).toBe(false);
    expect(verifyConsistency(3, 8, roots[3]!, roots[8]!, [])).toBe(false);
  });

  it('random larger trees: proofs equal the reference and verify', () => {
    fc.assert(
      fc.property(fc.integer({ min: 65, max: 1500 }), fc.nat(), fc.nat(), entryArb, (n, a, b, extra) => {
        const d = Array.from({ length: n }, (_, i) => (i === n - 1 ? extra : Uint8Array.of(i & 255, i >> 8)));
        const root = refMth(d);
        const i = a % n;
        const m = b % (n + 1);
        expect(hex(merkleTreeHead(d))).toBe(hex(root));
        const p = inclusionProof(d, i);
        expect(p.map(hex)).toEqual(refPath(i, d).map(hex));
        expect(verifyInclusion(leafHash(d[i]!), i, n, p, root)).toBe(true);
        const c = consistencyProof(d, m);
        expect(c.map(hex)).toEqual(refProof(m, d).map(hex));
        expect(verifyConsistency(m, n, refMth(d.slice(0, m)), root, c)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it('generators throw RangeError or TypeError for bad arguments; verifiers return false', () => {
    expect(() => inclusionProof(CT_LEAVES, 8)).toThrow(RangeError);
    expect(() => inclusionProof(CT_LEAVES, -1)).toThrow(EvidenceRangeError);
    expect(() => inclusionProof(CT_LEAVES, 1.5)).toThrow(TypeError);
    expect(() => consistencyProof(CT_LEAVES, 9)).toThrow(RangeError);
    expect(() => merkleTreeHead(['x'] as unknown as Uint8Array[])).toThrow(TypeError);
    expect(() => merkleTreeHead('no' as unknown as Uint8Array[])).toThrow(TypeError);
    const p = inclusionProof(CT_LEAVES, 5);
    const root = unhex(CT_ROOTS[8]!);
    const l5 = leafHash(CT_LEAVES[5]!);
    expect(verifyInclusion(l5, 5, 8, p, root)).toBe(true);
    expect(verifyInclusion(new Uint8Array(31), 5, 8, p, root)).toBe(false);
    expect(verifyInclusion(l5, 5, 8, p, new Uint8Array(31))).toBe(false);
    expect(verifyInclusion(l5, 5, 8, [new Uint8Array(31), ...p.slice(1)], root)).toBe(false);
    expect(verifyInclusion(l5, 5, 8, 'x' as unknown as Uint8Array[], root)).toBe(false);
    expect(verifyInclusion(l5, 8, 8, p, root)).toBe(false);
    expect(verifyInclusion(l5, -1, 8, p, root)).toBe(false);
    expect(verifyInclusion(l5, 5, Number.NaN, p, root)).toBe(false);
    expect(verifyConsistency(6, 8, new Uint8Array(31), root, consistencyProof(CT_LEAVES, 6))).toBe(false);
  });
});

describe('verifyInclusion over words (fast path) against node:crypto', () => {
  // The RFC 9162 §2.1.3.2 verification loop written over node:crypto: the root a proof leads to,
  // or undefined when the proof has the wrong shape for (index, size).
  const refRootOf = (leaf: Uint8Array, index: number, size: number, proof: Uint8Array[]) => {
    let fn = index;
    let sn = size - 1;
    let r = leaf;
    for (const p of proof) {
      if (sn === 0) return undefined;
      if (fn % 2 === 1 || fn === sn) {
        r = H(Uint8Array.of(1), p, r);
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      } else {
        r = H(Uint8Array.of(1), r, p);
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    return sn === 0 ? r : undefined;
  };

  // Proof length RFC 9162 expects for (index, size).
  const lengthFor = (index: number, size: number): number => {
    let fn = index;
    let sn = size - 1;
    let n = 0;
    while (sn > 0) {
      if (fn % 2 === 1 || fn === sn) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
      n++;
    }
    return n;
  };

  it('accepts exactly the root node:crypto computes from random leaves and proofs', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        hash32Arb,
        fc.array(hash32Arb, { minLength: 32, maxLength: 32 }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.nat(),
        fc.constantFrom(-1, 0, 0, 0, 1),
        fc.nat({ max: 31 }),
        (leaf, pool, size, i, skew, bit) => {
          const index = i % size;
          const proof = pool.slice(0, Math.max(0, lengthFor(index, size) + skew));
          const want = refRootOf(leaf, index, size, proof);
          const root = want ?? H(leaf);
          expect(verifyInclusion(leaf, index, size, proof, root)).toBe(want !== undefined);
          const other = flip(root, bit);
          expect(verifyInclusion(leaf, index, size, proof, other)).toBe(false);
          if (want !== undefined) {
            accepted++;
            const v = new InclusionVerifier(root, size);
            expect(v.verify(leaf, index, proof)).toBe(true);
            expect(v.verify(leaf, index, proof)).toBe(true); // now from remembered nodes
            expect(new InclusionVerifier(other, size).verify(leaf, index, proof)).toBe(false);
          }
        },
      ),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(500);
  });
});

describe('InclusionVerifier', () => {
  it('agrees with verifyInclusion on honest and forged proofs, in any order', () => {
    fc.assert(
      fc.property(
        entriesArb(1, 300),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 4 })), {
          minLength: 1,
          maxLength: 60,
        }),
        (entries, queries) => {
          const n = entries.length;
          const root = merkleTreeHead(entries);
          const v = new InclusionVerifier(root, n);
          const small = new InclusionVerifier(root, n, { maxCachedNodes: 8 }); // only the top levels
          for (const [a, b, kind] of queries) {
            const i = a % n;
            const proof = inclusionProof(entries, i);
            let leaf = leafHash(entries[i]!);
            let index = i;
            let p = proof;
            if (kind === 1 && p.length > 0) p = p.map((h, k) => (k === b % p.length ? flip(h, b % 32) : h));
            if (kind === 2) leaf = flip(leaf, b % 32);
            if (kind === 3) index = b % n;
            if (kind === 4 && p.length > 0) p = p.slice(0, -1);
            const want = verifyInclusion(leaf, index, n, p, root);
            expect(v.verify(leaf, index, p)).toBe(want);
            expect(small.verify(leaf, index, p)).toBe(want);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('remembers proven nodes and stays bounded', () => {
    const entries = Array.from({ length: 1000 }, (_, i) => Uint8Array.of(i & 255, i >> 8));
    const v = new InclusionVerifier(merkleTreeHead(entries), 1000, { maxCachedNodes: 500 });
    for (let i = 0; i < 1000; i += 7)
      expect(v.verify(leafHash(entries[i]!), i, inclusionProof(entries, i))).toBe(true);
    expect(v.cachedNodes).toBeGreaterThan(0);
    expect(v.cachedNodes).toBeLessThanOrEqual(500);
  });
});
