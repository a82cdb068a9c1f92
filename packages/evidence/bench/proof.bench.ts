/**
 * Inclusion proofs at tree size 1,000,000 (target: verify ≥ 100,000 proofs/s), side by side with
 * merkletreejs on the same leaves. merkletreejs is NOT RFC 9162 (see log.bench.ts); its proofs
 * carry a position flag per step and are checked with its own `verify`.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  compare,
  isQuick,
  measure,
  measureAsync,
  peakRssBytes,
  recordResults,
} from '@izinkit/test-utils/bench';
import { MerkleTree } from 'merkletreejs';
import { InclusionVerifier, leafHash, MemoryHashStore, MerkleLog, verifyInclusion } from '../src/index.js';
import { cpuRate } from './cpu.js';

const n = isQuick() ? 100_000 : 1_000_000;
const k = isQuick() ? 10_000 : 100_000;
const entries = Array.from({ length: n }, () => new Uint8Array(randomBytes(32)));
const sha256 = (d: Buffer): Buffer => createHash('sha256').update(d).digest();
let seed = 12345;
const rnd = (): number => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed;
};
const indices = Array.from({ length: k }, () => rnd() % n);
console.log(
  `tree of ${n.toLocaleString('en-US')} leaves, ${k.toLocaleString('en-US')} proofs of random leaves`,
);

const log = new MerkleLog(new MemoryHashStore());
for (let i = 0; i < n; i += 10_000) await log.appendMany(entries.slice(i, i + 10_000));
const root = log.root();
const leafHashes = indices.map((i) => leafHash(entries[i]!));

let proofs: Uint8Array[][] = [];
const gen = await measureAsync(
  'izinkit inclusionProof from the memory store',
  async () => {
    proofs = [];
    for (const i of indices) proofs.push(await log.inclusionProof(i));
    return proofs.length;
  },
  { items: k, unit: 'proofs', runs: 3 },
);

const verify = measure(
  'izinkit verifyInclusion (stateless, RFC 9162 §2.1.3.2)',
  () => {
    let ok = 0;
    for (let j = 0; j < k; j++) if (verifyInclusion(leafHashes[j]!, indices[j]!, n, proofs[j]!, root)) ok++;
    if (ok !== k) throw new Error(`${k - ok} proofs failed`);
    return ok;
  },
  { items: k, unit: 'proofs', runs: 5 },
);
const batch = measure(
  'izinkit InclusionVerifier (one root, shared nodes)',
  () => {
    const v = new InclusionVerifier(root, n);
    let ok = 0;
    for (let j = 0; j < k; j++) if (v.verify(leafHashes[j]!, indices[j]!, proofs[j]!)) ok++;
    if (ok !== k) throw new Error(`${k - ok} proofs failed`);
    return ok;
  },
  { items: k, unit: 'proofs', runs: 5 },
);

const tree = new MerkleTree(
  entries.map((e) => Buffer.from(e)),
  sha256,
  { hashLeaves: true },
);
const peerRoot = tree.getRoot();
const peerLeaves = indices.map((i) => sha256(Buffer.from(entries[i]!)));
let peerProofs: ReturnType<MerkleTree['getProof']>[] = [];
const peerGen = measure(
  'merkletreejs getProof',
  () => {
    peerProofs = indices.map((i, j) => tree.getProof(peerLeaves[j]!, i));
    return peerProofs.length;
  },
  { items: k, unit: 'proofs', runs: 3 },
);
const peerVerify = measure(
  'merkletreejs verify',
  () => {
    let ok = 0;
    for (let j = 0; j < k; j++) if (tree.verify(peerProofs[j]!, peerLeaves[j]!, peerRoot)) ok++;
    if (ok !== k) throw new Error(`${k - ok} merkletreejs proofs failed`);
    return ok;
  },
  { items: k, unit: 'proofs', runs: 3 },
);

const c1 = compare('Verify inclusion proofs at 1M leaves (stateless)', verify, peerVerify);
const c2 = compare('Verify inclusion proofs at 1M leaves (InclusionVerifier)', batch, peerVerify);
const c3 = compare('Produce inclusion proofs at 1M leaves', gen, peerGen);

console.log('\nCPU time of this process only (the machine is shared):');
const verifyFn = () => {
  let ok = 0;
  for (let j = 0; j < k; j++) if (verifyInclusion(leafHashes[j]!, indices[j]!, n, proofs[j]!, root)) ok++;
  return ok;
};
const batchFn = () => {
  const v = new InclusionVerifier(root, n);
  let ok = 0;
  for (let j = 0; j < k; j++) if (v.verify(leafHashes[j]!, indices[j]!, proofs[j]!)) ok++;
  return ok;
};
const peerFn = () => {
  let ok = 0;
  for (let j = 0; j < k; j++) if (tree.verify(peerProofs[j]!, peerLeaves[j]!, peerRoot)) ok++;
  return ok;
};
const cpu = [
  cpuRate('izinkit verifyInclusion', verifyFn, k),
  cpuRate('izinkit InclusionVerifier', batchFn, k),
  cpuRate('merkletreejs verify', peerFn, k, 1),
];

const target = 100_000;
console.log(`\ntarget ≥ ${target.toLocaleString('en-US')} proofs/s:`);
console.log(`  verifyInclusion:   ${verify.perSecond >= target ? 'met' : 'NOT MET'}`);
console.log(`  InclusionVerifier: ${batch.perSecond >= target ? 'met' : 'NOT MET'}`);
console.log(`peak RSS ${(peakRssBytes() / 2 ** 20).toFixed(0)} MiB`);
recordResults('evidence', 'proof', {
  leaves: n,
  proofs: k,
  target: {
    proofsPerSecond: target,
    verifyInclusionMet: verify.perSecond >= target,
    inclusionVerifierMet: batch.perSecond >= target,
  },
  comparisons: [c1, c2, c3],
  cpu,
  peakRssBytes: peakRssBytes(),
});
