/**
 * Line-level diff for reviewers: Myers' O(ND) algorithm in its linear-space form (E. W. Myers,
 * "An O(ND) Difference Algorithm and Its Variations", Algorithmica 1986, section 4b). The edit
 * script is minimal: no other script turns the old lines into the new ones with fewer inserted plus
 * deleted lines.
 */
import { splitLines } from './canonical.js';
import { documentKeyString } from './document.js';
import type { AgreementVersion } from './version.js';

/**
 * One line of a diff: kept (`equal`), removed from the old text (`delete`) or added in the new one
 * (`insert`). Line numbers are 1-based.
 *
 * @example
 * ```ts
 * const c: LineChange = { op: 'insert', newLine: 3, text: 'Yeni paragraf' };
 * ```
 */
export type LineChange =
  | {
      /** The line is in both texts. */
      readonly op: 'equal';
      /** Its line number in the old text. */
      readonly oldLine: number;
      /** Its line number in the new text. */
      readonly newLine: number;
      /** The line, without LF. */
      readonly text: string;
    }
  | {
      /** The line is only in the old text. */
      readonly op: 'delete';
      /** Its line number in the old text. */
      readonly oldLine: number;
      /** The line, without LF. */
      readonly text: string;
    }
  | {
      /** The line is only in the new text. */
      readonly op: 'insert';
      /** Its line number in the new text. */
      readonly newLine: number;
      /** The line, without LF. */
      readonly text: string;
    };

/**
 * The minimal line-level edit script from `oldText` to `newText` (lines split by
 * {@link splitLines}; texts are compared as given, so canonicalise them first if they may differ
 * only in form). Within a changed block, deletions come before insertions.
 *
 * @example
 * ```ts
 * diffLines('a\nb\nc\n', 'a\nB\nc\n').map((c) => c.op);
 * // ['equal', 'delete', 'insert', 'equal']
 * ```
 */
export function diffLines(oldText: string, newText: string): LineChange[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  // Compare small integers instead of strings.
  const ids = new Map<string, number>();
  const intern = (line: string): number => {
    let id = ids.get(line);
    if (id === undefined) {
      id = ids.size;
      ids.set(line, id);
    }
    return id;
  };
  const A = Int32Array.from(a, intern);
  const B = Int32Array.from(b, intern);
  const edits: Edit[] = [];
  myers(A, 0, A.length, B, 0, B.length, edits);
  const out: LineChange[] = [];
  for (const e of edits) {
    if (e.op === 'equal') out.push({ op: 'equal', oldLine: e.i + 1, newLine: e.j + 1, text: a[e.i]! });
    else if (e.op === 'delete') out.push({ op: 'delete', oldLine: e.i + 1, text: a[e.i]! });
    else out.push({ op: 'insert', newLine: e.j + 1, text: b[e.j]! });
  }
  return out;
}

type Edit = { op: 'equal'; i: number; j: number } | { op: 'delete'; i: number } | { op: 'insert'; j: number };

/** Appends the edit script for A[aLo, aHi) → B[bLo, bHi) to `out`, in order. */
function myers(
  A: Int32Array,
  aLo: number,
  aHi: number,
  B: Int32Array,
  bLo: number,
  bHi: number,
  out: Edit[],
): void {
  // Common prefix.
  while (aLo < aHi && bLo < bHi && A[aLo] === B[bLo]) {
    out.push({ op: 'equal', i: aLo, j: bLo });
    aLo++;
    bLo++;
  }
  // Common suffix (emitted after the middle).
  let suffix = 0;
  while (aHi - suffix > aLo && bHi - suffix > bLo && A[aHi - suffix - 1] === B[bHi - suffix - 1]) suffix++;
  aHi -= suffix;
  bHi -= suffix;

  if (aLo === aHi) {
    for (let j = bLo; j < bHi; j++) out.push({ op: 'insert', j });
  } else if (bLo === bHi) {
    for (let i = aLo; i < aHi; i++) out.push({ op: 'delete', i });
  } else {
    const [x, y, u, v] = middleSnake(A, aLo, aHi, B, bLo, bHi);
    myers(A, aLo, aLo + x, B, bLo, bLo + y, out);
    for (let k = 0; k < u - x; k++) out.push({ op: 'equal', i: aLo + x + k, j: bLo + y + k });
    myers(A, aLo + u, aHi, B, bLo + v, bHi, out);
  }

  for (let k = 0; k < suffix; k++) out.push({ op: 'equal', i: aHi + k, j: bHi + k });
}

/**
 * Finds the middle snake of a shortest edit script of A[aLo, aHi) → B[bLo, bHi): returns
 * `[x, y, u, v]`, relative to (aLo, bLo), such that the diagonal run (x, y) → (u, v) lies on a
 * shortest path. Both ends are non-empty and differ at their first and last elements (the caller
 * strips common prefixes and suffixes), so the sub-problems on either side are strictly smaller.
 */
function middleSnake(
  A: Int32Array,
  aLo: number,
  aHi: number,
  B: Int32Array,
  bLo: number,
  bHi: number,
): [number, number, number, number] {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const delta = n - m;
  const odd = (delta & 1) !== 0;
  const max = Math.ceil((n + m) / 2);
  const off = max + 1;
  // vf[k + off]: furthest x on diagonal k (k = x - y) going forward from (0, 0);
  // vb[k + off]: furthest distance travelled backward from (n, m) on reversed diagonal k.
  const vf = new Int32Array(2 * max + 3);
  const vb = new Int32Array(2 * max + 3);
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && vf[k - 1 + off]! < vf[k + 1 + off]!)
          ? vf[k + 1 + off]!
          : vf[k - 1 + off]! + 1;
      let y = x - k;
      const x0 = x;
      const y0 = y;
      while (x < n && y < m && A[aLo + x] === B[bLo + y]) {
        x++;
        y++;
      }
      vf[k + off] = x;
      // Reversed diagonal of forward diagonal k is delta - k.
      const c = delta - k;
      if (odd && c >= -(d - 1) && c <= d - 1 && x + vb[c + off]! >= n) return [x0, y0, x, y];
    }
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && vb[k - 1 + off]! < vb[k + 1 + off]!)
          ? vb[k + 1 + off]!
          : vb[k - 1 + off]! + 1;
      let y = x - k;
      const x0 = x;
      const y0 = y;
      while (x < n && y < m && A[aHi - 1 - x] === B[bHi - 1 - y]) {
        x++;
        y++;
      }
      vb[k + off] = x;
      const c = delta - k;
      if (!odd && c >= -d && c <= d && x + vf[c + off]! >= n) return [n - x, m - y, n - x0, m - y0];
    }
  }
  /* c8 ignore next */
  throw new Error('unreachable: Myers middle snake not found');
}

/**
 * Counts of a diff.
 *
 * @example
 * ```ts
 * const s: DiffStats = diffStats(diffLines('a\n', 'b\n')); // { inserted: 1, deleted: 1, unchanged: 0 }
 * ```
 */
export interface DiffStats {
  /** Lines only in the new text. */
  readonly inserted: number;
  /** Lines only in the old text. */
  readonly deleted: number;
  /** Lines in both. */
  readonly unchanged: number;
}

/**
 * Counts the inserted, deleted and unchanged lines of a diff.
 *
 * @example
 * ```ts
 * diffStats(diffLines('a\nb\n', 'a\nc\nd\n')); // { inserted: 2, deleted: 1, unchanged: 1 }
 * ```
 */
export function diffStats(changes: readonly LineChange[]): DiffStats {
  let inserted = 0;
  let deleted = 0;
  let unchanged = 0;
  for (const c of changes) {
    if (c.op === 'insert') inserted++;
    else if (c.op === 'delete') deleted++;
    else unchanged++;
  }
  return { inserted, deleted, unchanged };
}

/**
 * Options of {@link unifiedDiff}.
 *
 * @example
 * ```ts
 * const o: UnifiedDiffOptions = { oldLabel: 'v1', newLabel: 'v2', context: 1 };
 * ```
 */
export interface UnifiedDiffOptions {
  /** Name printed after `---` (default `old`). */
  readonly oldLabel?: string;
  /** Name printed after `+++` (default `new`). */
  readonly newLabel?: string;
  /** Unchanged lines shown around each change (default 3). */
  readonly context?: number;
}

/**
 * The diff in unified format (as `diff -u` prints it; `patch` applies it): `---`/`+++` headers,
 * then `@@ -l,s +l,s @@` hunks with ` `, `-` and `+` lines. Empty when the texts have the same
 * lines.
 *
 * @example
 * ```ts
 * unifiedDiff('a\nb\nc\n', 'a\nB\nc\n', { oldLabel: 'v1', newLabel: 'v2' });
 * // '--- v1\n+++ v2\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n'
 * ```
 */
export function unifiedDiff(oldText: string, newText: string, options: UnifiedDiffOptions = {}): string {
  const changes = diffLines(oldText, newText);
  const context = Math.max(0, Math.floor(options.context ?? 3));
  const changed = changes.map((c) => c.op !== 'equal');
  if (!changed.includes(true)) return '';
  let out = `--- ${options.oldLabel ?? 'old'}\n+++ ${options.newLabel ?? 'new'}\n`;
  // Old/new line counts before each change index.
  const oldBefore: number[] = [];
  const newBefore: number[] = [];
  let o = 0;
  let nw = 0;
  for (const c of changes) {
    oldBefore.push(o);
    newBefore.push(nw);
    if (c.op !== 'insert') o++;
    if (c.op !== 'delete') nw++;
  }
  let i = 0;
  while (i < changes.length) {
    if (!changed[i]) {
      i++;
      continue;
    }
    // A hunk starts `context` lines before this change and extends while changes are at most
    // 2 × context unchanged lines apart.
    const start = Math.max(0, i - context);
    let end = i;
    let last = i;
    while (end < changes.length) {
      if (changed[end]) last = end;
      else if (end - last > 2 * context) break;
      end++;
    }
    const stop = Math.min(changes.length, last + context + 1);
    let oldCount = 0;
    let newCount = 0;
    let body = '';
    for (let k = start; k < stop; k++) {
      const c = changes[k]!;
      if (c.op === 'equal') {
        body += ` ${c.text}\n`;
        oldCount++;
        newCount++;
      } else if (c.op === 'delete') {
        body += `-${c.text}\n`;
        oldCount++;
      } else {
        body += `+${c.text}\n`;
        newCount++;
      }
    }
    const range = (before: number, count: number): string =>
      count === 0 ? `${before},0` : count === 1 ? `${before + 1}` : `${before + 1},${count}`;
    out += `@@ -${range(oldBefore[start]!, oldCount)} +${range(newBefore[start]!, newCount)} @@\n${body}`;
    i = stop;
  }
  return out;
}

/**
 * A review diff between two versions.
 *
 * @example
 * ```ts
 * const d: VersionDiff = diffVersions(v1, v2);
 * console.log(d.unified);
 * ```
 */
export interface VersionDiff {
  /** The older version's id. */
  readonly from: string;
  /** The newer version's id. */
  readonly to: string;
  /** Line by line. */
  readonly changes: readonly LineChange[];
  /** Counts. */
  readonly stats: DiffStats;
  /** Unified format, labelled `<document>@r<revision>`. */
  readonly unified: string;
}

/**
 * Diffs two versions' template texts for a reviewer.
 *
 * @example
 * ```ts
 * const d = diffVersions(history.versions[0]!, history.versions[1]!, 2);
 * d.stats; // { inserted: 1, deleted: 1, unchanged: 12 }
 * ```
 */
export function diffVersions(from: AgreementVersion, to: AgreementVersion, context = 3): VersionDiff {
  const changes = diffLines(from.text, to.text);
  return {
    from: from.id,
    to: to.id,
    changes,
    stats: diffStats(changes),
    unified: unifiedDiff(from.text, to.text, {
      oldLabel: `${documentKeyString(from.document)}@r${from.revision} ${from.id.slice(0, 12)}`,
      newLabel: `${documentKeyString(to.document)}@r${to.revision} ${to.id.slice(0, 12)}`,
      context,
    }),
  };
}
