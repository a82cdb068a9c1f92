import { entriesArb } from '@izinkit/test-utils/evidence';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendLeafHash,
  consistencyProof,
  consistencyProofFromStore,
  EMPTY_LOG_STATE,
  EvidenceError,
  type HashStore,
  inclusionProof,
  inclusionProofFromStore,
  type LogState,
  leafHash,
  logRoot,
  logStateFromJSON,
  logStateToJSON,
  MemoryHashStore,
  MerkleLog,
  merkleTreeHead,
  rootFromStore,
  type TreeNode,
  type TreeNodeRef,
  verifyConsistency,
  verifyInclusion,
} from '../src/index.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const entry = (i: number): Uint8Array => Uint8Array.of(i & 255, (i >> 8) & 255, (i >> 16) & 255);

describe('incremental log state', () => {
  it('after every append, the root equals MTH of all entries so far, and the frontier has one hash per set bit', () => {
    let s: LogState = EMPTY_LOG_STATE;
    const entries: Uint8Array[] = [];
    expect(hex(logRoot(s))).toBe(hex(merkleTreeHead([])));
    for (let i = 0; i < 300; i++) {
      entries.push(entry(i));
      const r = appendLeafHash(s, leafHash(entries[i]!));
      expect(r.index).toBe(i);
      s = r.state;
      expect(hex(logRoot(s)), `size ${i + 1}`).toBe(hex(merkleTreeHead(entries)));
      expect(s.frontier.length).toBe((i + 1).toString(2).replace(/0/g, '').length);
      // the nodes an append completes: the leaf, then one per trailing 1 bit of the old size
      expect(r.nodes.length).toBe(1 + (i.toString(2).match(/1*$/)?.[0].length ?? 0));
    }
  });

  it('is pure: an append leaves the old state untouched', () => {
    const a = appendLeafHash(EMPTY_LOG_STATE, leafHash(entry(1))).state;
    const before = logStateToJSON(a);
    appendLeafHash(a, leafHash(entry(2)));
    expect(logStateToJSON(a)).toEqual(before);
  });

  it('serialises to JSON and back, and rejects states that cannot be', () => {
    let s: LogState = EMPTY_LOG_STATE;
    for (let i = 0; i < 77; i++) s = appendLeafHash(s, leafHash(entry(i))).state;
    const json = JSON.parse(JSON.stringify(logStateToJSON(s)));
    const back = logStateFromJSON(json);
    expect(back.ok).toBe(true);
    if (back.ok) expect(hex(logRoot(back.value))).toBe(hex(logRoot(s)));
    for (const bad of [
      null,
      { size: -1, frontier: [] },
      { size: 77, frontier: json.frontier.slice(1) },
      { size: 1, frontier: ['not base64!'] },
      { size: 1, frontier: ['AAAA'] },
      { size: 1.5, frontier: [] },
    ]) {
      const r = logStateFromJSON(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('LOG_STATE_INVALID');
        expect(r.error.messageTr.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('MerkleLog over a hash store', () => {
  it('store-served proofs equal the in-memory ones for every size and index up to 64', async () => {
    const entries = Array.from({ length: 64 }, (_, i) => entry(i));
    const log = new MerkleLog(new MemoryHashStore());
    for (const e of entries) await log.append(e);
    const wrong: string[] = [];
    for (let n = 0; n <= 64; n++) {
      const d = entries.slice(0, n);
      if (hex(await log.rootAt(n)) !== hex(merkleTreeHead(d))) wrong.push(`root ${n}`);
      for (let i = 0; i < n; i++) {
        const p = await log.inclusionProof(i, n);
        if (p.map(hex).join() !== inclusionProof(d, i).map(hex).join()) wrong.push(`inclusion ${i}/${n}`);
      }
      for (let m = 0; m <= n; m++) {
        const p = await log.consistencyProof(m, n);
        if (p.map(hex).join() !== consistencyProof(d, m).map(hex).join()) wrong.push(`consistency ${m}→${n}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('random logs: appends one by one or in batches give the same log, and its proofs verify', async () => {
    await fc.assert(
      fc.asyncProperty(entriesArb(1, 400), fc.nat(), fc.nat(), async (entries, a, b) => {
        const one = new MerkleLog(new MemoryHashStore());
        for (const e of entries) await one.append(e);
        const batch = new MerkleLog(new MemoryHashStore());
        const half = Math.floor(entries.length / 2);
        await batch.appendMany(entries.slice(0, half));
        await batch.appendMany(entries.slice(half));
        expect(hex(one.root())).toBe(hex(batch.root()));
        expect(hex(one.root())).toBe(hex(merkleTreeHead(entries)));
        const n = entries.length;
        const i = a % n;
        const m = b % (n + 1);
        expect(
          verifyInclusion(leafHash(entries[i]!), i, n, await batch.inclusionProof(i), batch.root()),
        ).toBe(true);
        expect(
          verifyConsistency(m, n, await batch.rootAt(m), batch.root(), await batch.consistencyProof(m)),
        ).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('resumes from a serialised state over the same store', async () => {
    const store = new MemoryHashStore();
    const first = new MerkleLog(store);
    for (let i = 0; i < 100; i++) await first.append(entry(i));
    const saved = JSON.stringify(logStateToJSON(first.state));
    const parsed = logStateFromJSON(JSON.parse(saved));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const resumed = new MerkleLog(store, parsed.value);
    for (let i = 100; i < 150; i++) await resumed.append(entry(i));
    const all = Array.from({ length: 150 }, (_, i) => entry(i));
    expect(hex(resumed.root())).toBe(hex(merkleTreeHead(all)));
    expect(
      verifyInclusion(leafHash(all[42]!), 42, 150, await resumed.inclusionProof(42), resumed.root()),
    ).toBe(true);
    expect(
      verifyConsistency(
        100,
        150,
        merkleTreeHead(all.slice(0, 100)),
        resumed.root(),
        await resumed.consistencyProof(100),
      ),
    ).toBe(true);
  });

  it('serialises concurrent appends in call order', async () => {
    const log = new MerkleLog(new MemoryHashStore());
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(entry(i))));
    expect(results.map((r) => r.index)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(hex(log.root())).toBe(hex(merkleTreeHead(Array.from({ length: 50 }, (_, i) => entry(i)))));
  });

  it('asks the store for a proof in one batch of O(log n) nodes', async () => {
    const inner = new MemoryHashStore();
    const log = new MerkleLog(inner);
    await log.appendMany(Array.from({ length: 1000 }, (_, i) => entry(i)));
    const calls: number[] = [];
    const counting: HashStore = {
      getNodes: (refs: readonly TreeNodeRef[]) => {
        calls.push(refs.length);
        return inner.getNodes(refs);
      },
      putNodes: (nodes: readonly TreeNode[]) => inner.putNodes(nodes),
    };
    await inclusionProofFromStore(counting, 999, 1000);
    await consistencyProofFromStore(counting, 333, 1000);
    await rootFromStore(counting, 777);
    expect(calls.length).toBe(3);
    for (const c of calls) expect(c).toBeLessThanOrEqual(2 * 10);
  });

  it('refuses to rewrite history or skip nodes, and reports a store that does not match', async () => {
    const store = new MemoryHashStore();
    const log = new MerkleLog(store);
    await log.append(entry(1));
    await expect(store.putNodes([{ level: 0, index: 0, hash: leafHash(entry(2)) }])).rejects.toMatchObject({
      code: 'STORE_CONFLICT',
    });
    await expect(store.putNodes([{ level: 0, index: 5, hash: leafHash(entry(2)) }])).rejects.toBeInstanceOf(
      EvidenceError,
    );
    // the same node again is fine
    await store.putNodes([{ level: 0, index: 0, hash: leafHash(entry(1)) }]);
    // a log state that claims more than the store holds
    let s = log.state;
    for (let i = 0; i < 3; i++) s = appendLeafHash(s, leafHash(entry(10 + i))).state;
    const liar = new MerkleLog(store, s);
    await expect(liar.inclusionProof(2)).rejects.toMatchObject({ code: 'STORE_MISSING_NODE' });
    await expect(log.inclusionProof(0, 5)).rejects.toBeInstanceOf(RangeError);
  });
});
