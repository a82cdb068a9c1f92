import { diffLinesArb } from '@izinkit/test-utils/agreements';
import { applyPatch, diffLines as jsdiffLines } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, diffStats, type LineChange, splitLines, unifiedDiff } from '../src/index.js';

const text = (lines: readonly string[]): string => lines.map((l) => `${l}\n`).join('');

/** Rebuilds both sides from an edit script. */
function sides(changes: readonly LineChange[]): [string[], string[]] {
  const a: string[] = [];
  const b: string[] = [];
  for (const c of changes) {
    if (c.op !== 'insert') a.push(c.text);
    if (c.op !== 'delete') b.push(c.text);
  }
  return [a, b];
}

/** Length of the longest common subsequence, by dynamic programming (the reference). */
function lcs(a: readonly string[], b: readonly string[]): number {
  const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      dp[i]![j] = a[i - 1] === b[j - 1] ? dp[i - 1]![j - 1]! + 1 : Math.max(dp[i - 1]![j]!, dp[i]![j - 1]!);
    }
  }
  return dp[a.length]![b.length]!;
}

describe('diffLines', () => {
  it('gives the expected script on examples', () => {
    expect(diffLines('a\nb\nc\n', 'a\nB\nc\n')).toEqual([
      { op: 'equal', oldLine: 1, newLine: 1, text: 'a' },
      { op: 'delete', oldLine: 2, text: 'b' },
      { op: 'insert', newLine: 2, text: 'B' },
      { op: 'equal', oldLine: 3, newLine: 3, text: 'c' },
    ]);
    expect(diffLines('', 'x\ny\n').map((c) => c.op)).toEqual(['insert', 'insert']);
    expect(diffLines('x\ny\n', '').map((c) => c.op)).toEqual(['delete', 'delete']);
    expect(diffLines('', '')).toEqual([]);
    expect(diffStats(diffLines('a\nb\nc\nd\n', 'b\nc\ne\n'))).toEqual({
      inserted: 1,
      deleted: 2,
      unchanged: 2,
    });
  });

  it('rebuilds both texts, numbers lines, and is minimal (checked against an LCS table)', () => {
    fc.assert(
      fc.property(diffLinesArb, diffLinesArb, (a, b) => {
        const changes = diffLines(text(a), text(b));
        expect(sides(changes)).toEqual([a, b]);
        let o = 0;
        let n = 0;
        for (const c of changes) {
          if (c.op !== 'insert') expect(c.oldLine).toBe(++o);
          if (c.op !== 'delete') expect(c.newLine).toBe(++n);
        }
        const s = diffStats(changes);
        expect(s.unchanged).toBe(lcs(a, b));
        expect(s.inserted + s.deleted).toBe(a.length + b.length - 2 * lcs(a, b));
      }),
      { numRuns: 400 },
    );
  });

  it('edits as few lines as jsdiff (the `diff` package) does — a differential check', () => {
    fc.assert(
      fc.property(diffLinesArb, diffLinesArb, (a, b) => {
        const ours = diffStats(diffLines(text(a), text(b)));
        const theirs = jsdiffLines(text(a), text(b));
        const added = theirs.filter((p) => p.added).reduce((k, p) => k + p.count, 0);
        const removed = theirs.filter((p) => p.removed).reduce((k, p) => k + p.count, 0);
        expect(ours.inserted + ours.deleted).toBe(added + removed);
      }),
      { numRuns: 300 },
    );
  });

  it('handles long texts with few changes quickly and correctly', () => {
    const a = Array.from({ length: 20_000 }, (_, i) => `satır ${i}`);
    const b = [...a];
    b.splice(10_000, 1, 'değişti');
    b.splice(100, 0, 'eklendi');
    const s = diffStats(diffLines(text(a), text(b)));
    expect(s).toEqual({ inserted: 2, deleted: 1, unchanged: 19_999 });
  });

  it('handles completely different texts (worst case) without blowing up', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`);
    expect(diffStats(diffLines(text(a), text(b)))).toEqual({ inserted: 3000, deleted: 3000, unchanged: 0 });
  });
});

describe('unifiedDiff', () => {
  it('prints the documented example', () => {
    expect(unifiedDiff('a\nb\nc\n', 'a\nB\nc\n', { oldLabel: 'v1', newLabel: 'v2' })).toBe(
      '--- v1\n+++ v2\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n',
    );
    expect(unifiedDiff('same\n', 'same\n')).toBe('');
  });

  it('splits far-apart changes into hunks and uses GNU ranges', () => {
    const a = Array.from({ length: 20 }, (_, i) => `${i + 1}`);
    const b = [...a];
    b[1] = 'two';
    b.splice(17, 0, 'new');
    const u = unifiedDiff(text(a), text(b), { context: 1 });
    expect(u).toBe(
      '--- old\n+++ new\n@@ -1,3 +1,3 @@\n 1\n-2\n+two\n 3\n@@ -17,2 +17,3 @@\n 17\n+new\n 18\n',
    );
    expect(unifiedDiff('', 'x\n')).toBe('--- old\n+++ new\n@@ -0,0 +1 @@\n+x\n');
    expect(unifiedDiff('x\n', '')).toBe('--- old\n+++ new\n@@ -1 +0,0 @@\n-x\n');
  });

  it('produces patches that jsdiff applies to get the new text back', () => {
    fc.assert(
      fc.property(diffLinesArb, diffLinesArb, fc.nat(4), (a, b, context) => {
        const patch = unifiedDiff(text(a), text(b), { context });
        const applied = patch === '' ? text(a) : applyPatch(text(a), patch);
        expect(applied).toBe(text(b));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every line of the diff in a hunk exactly once', () => {
    fc.assert(
      fc.property(diffLinesArb, diffLinesArb, (a, b) => {
        const u = unifiedDiff(text(a), text(b), { context: 0 });
        const body = splitLines(u).filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+) /.test(l));
        const s = diffStats(diffLines(text(a), text(b)));
        expect(body.length).toBe(s.inserted + s.deleted);
      }),
    );
  });
});
