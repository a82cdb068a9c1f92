/**
 * Appending to the incremental RFC 9162 log (target: ≥ 200,000 leaves/s), side by side with
 * merkletreejs building a tree of the same leaves. merkletreejs is NOT RFC 9162: no 0x00/0x01
 * domain separation, lonely nodes promoted instead of the left-balanced split, no consistency
 * proofs — its roots differ from any RFC 9162 log's, and it has no incremental append cheaper
 * than rebuilding its layers. It is here because it is what a JavaScript developer reaches for.
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
import {
  appendLeafHash,
  EMPTY_LOG_STATE,
  leafHash,
  MemoryHashStore,
  MerkleLog,
  merkleTreeHead,
} from '../src/index.js';
import { cpuRate, cpuRateAsync } from './cpu.js';

const n = isQuick() ? 100_000 : 1_000_000;
const entries = Array.from({ length: n }, () => new Uint8Array(randomBytes(32)));
const sha256 = (d: Buffer): Buffer => createHash('sha256').update(d).digest();

console.log(`${n.toLocaleString('en-US')} entries of 32 bytes`);

const pure = measure(
  'izinkit appendLeafHash (pure, hash + state)',
  () => {
    let s = EMPTY_LOG_STATE;
    for (const e of entries) s = appendLeafHash(s, leafHash(e)).state;
    return s.size;
  },
  { items: n, unit: 'leaves', runs: 3 },
);
const logged = await measureAsync(
  'izinkit MerkleLog.append (memory store, one await each)',
  async () => {
    const log = new MerkleLog(new MemoryHashStore());
    for (const e of entries) await log.append(e);
    return log.size;
  },
  { items: n, unit: 'leaves', runs: 3 },
);
const batched = await measureAsync(
  'izinkit MerkleLog.appendMany (batches of 1,000)',
  async () => {
    const log = new MerkleLog(new MemoryHashStore());
    for (let i = 0; i < n; i += 1000) await log.appendMany(entries.slice(i, i + 1000));
    return log.size;
  },
  { items: n, unit: 'leaves', runs: 3 },
);
const peer = measure(
  'merkletreejs new MerkleTree(leaves, sha256, { hashLeaves })',
  () =>
    new MerkleTree(
      entries.map((e) => Buffer.from(e)),
      sha256,
      { hashLeaves: true },
    ).getRoot(),
  { items: n, unit: 'leaves', runs: 3 },
);
const c1 = compare('Incremental append vs merkletreejs full build (not RFC 9162)', logged, peer);
const c2 = compare('Pure append vs merkletreejs full build', pure, peer);
const c3 = compare('Batched append vs merkletreejs full build', batched, peer);

// merkletreejs has addLeaf, but every call rebuilds the layers: O(n) per append.
const small = isQuick() ? 500 : 2_000;
const inc = measure(
  `merkletreejs addLeaf one by one (${small.toLocaleString('en-US')} leaves)`,
  () => {
    const t = new MerkleTree([], sha256, { hashLeaves: true });
    for (let i = 0; i < small; i++) t.addLeaf(Buffer.from(entries[i]!), true);
    return t.getRoot();
  },
  { items: small, unit: 'leaves', runs: 1, warmup: 0 },
);
const oursSmall = await measureAsync(
  `izinkit MerkleLog.append (${small.toLocaleString('en-US')} leaves)`,
  async () => {
    const log = new MerkleLog(new MemoryHashStore());
    for (let i = 0; i < small; i++) await log.append(entries[i]!);
    return log.size;
  },
  { items: small, unit: 'leaves', runs: 3 },
);
const c4 = compare('Appending one leaf at a time, small log', oursSmall, inc);

// Not RFC 9162: the same three leaves give a different root.
const three = entries.slice(0, 3);
const ours3 = Buffer.from(merkleTreeHead(three)).toString('hex');
const theirs3 = new MerkleTree(
  three.map((e) => Buffer.from(e)),
  sha256,
  { hashLeaves: true },
)
  .getRoot()
  .toString('hex');
console.log(
  `\nroot of 3 leaves: RFC 9162 ${ours3.slice(0, 16)}… vs merkletreejs ${theirs3.slice(0, 16)}… (${ours3 === theirs3 ? 'same' : 'different'})`,
);

console.log('\nCPU time of this process only (the machine is shared):');
const cpu = [
  await cpuRateAsync(
    'izinkit MerkleLog.append',
    async () => {
      const log = new MerkleLog(new MemoryHashStore());
      for (const e of entries) await log.append(e);
      return log.size;
    },
    n,
  ),
  cpuRate(
    'izinkit appendLeafHash (pure)',
    () => {
      let s = EMPTY_LOG_STATE;
      for (const e of entries) s = appendLeafHash(s, leafHash(e)).state;
      return s.size;
    },
    n,
  ),
  cpuRate(
    'merkletreejs full build',
    () =>
      new MerkleTree(
        entries.map((e) => Buffer.from(e)),
        sha256,
        { hashLeaves: true },
      ).getRoot(),
    n,
    1,
  ),
];

const target = 200_000;
console.log(
  `\ntarget ≥ ${target.toLocaleString('en-US')} leaves/s (MerkleLog.append): ${logged.perSecond >= target ? 'met' : 'NOT MET'}`,
);
console.log(`peak RSS ${(peakRssBytes() / 2 ** 20).toFixed(0)} MiB`);
recordResults('evidence', 'log', {
  leaves: n,
  target: { leavesPerSecond: target, met: logged.perSecond >= target },
  comparisons: [c1, c2, c3, c4],
  cpu,
  peakRssBytes: peakRssBytes(),
});
