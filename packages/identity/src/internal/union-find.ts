/**
 * Union–find over record indices for `dedupe`, with the TCKN of each group: union by rank, path
 * halving. A class rather than closures inside `dedupe`, so that the optimising compiler sees the
 * same functions on every call.
 * @internal
 */
import { smiArray } from './arrays.js';

export class UnionFind {
  /** `parent[i]`: i's parent, or -1 − rank when i is a root. */
  readonly parent: number[];
  /** `tckn[root]`: the TCKN of the root's group as a number (11 digits fit a double); 0 = none. */
  readonly tckn: number[];

  /**
   * One singleton group per record. `tckn[i]`: record i's valid TCKN as a number, 0 = none; the
   * union–find takes the array over (a root's entry is then its group's TCKN: `link` carries it),
   * and `scratch` too when given (an array of small integers of the same length, whose contents are
   * no longer needed: one array fewer for the collector at a million records).
   */
  constructor(tckn: number[], scratch?: number[]) {
    this.parent =
      scratch !== undefined && scratch.length === tckn.length
        ? scratch.fill(-1)
        : smiArray(tckn.length).fill(-1);
    this.tckn = tckn;
  }

  /** The root of x's group. */
  find(x: number): number {
    const parent = this.parent;
    for (;;) {
      const p = parent[x]!;
      if (p < 0) return x;
      const gp = parent[p]!;
      if (gp < 0) return p;
      parent[x] = gp;
      x = gp;
    }
  }

  /** Joins the groups of two different roots; the joined group keeps whichever TCKN it had. */
  link(ra: number, rb: number): void {
    const parent = this.parent;
    const a = parent[ra]!;
    const b = parent[rb]!;
    if (a > b) {
      // rb has the higher rank: it becomes the root.
      const t = ra;
      ra = rb;
      rb = t;
    } else if (a === b) parent[ra] = a - 1;
    parent[rb] = ra;
    if (this.tckn[ra] === 0) this.tckn[ra] = this.tckn[rb]!;
  }
}
