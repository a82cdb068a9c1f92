/**
 * An open-addressing hash table keyed by numbers, for `dedupe`'s name cache: no `Map` of heap
 * numbers, each slot's key and value side by side in one array of unboxed doubles. See
 * `arrays.ts` for why this is not a typed array.
 * @internal
 */
import { doubleArray } from './arrays.js';
import { hashNumber } from './hash.js';

/**
 * A hash table from positive integer keys (below 2^53) to values 0 … 2^31 − 1. Slot `s` is
 * `[key, value]` at `slots[2s]`; key 0 marks an empty slot. Grows at a load factor of 3/4.
 */
export class NumTable {
  private slots: number[];
  private mask: number;
  private size = 0;

  constructor(expected: number) {
    let cap = 16;
    while (cap * 3 < expected * 4) cap *= 2;
    this.slots = doubleArray(cap * 2);
    this.mask = cap - 1;
  }

  /** The value stored for `key` (> 0), or -1. */
  get(key: number): number {
    const slots = this.slots;
    let s = hashNumber(key) & this.mask;
    for (;;) {
      const k = slots[2 * s]!;
      if (k === key) return slots[2 * s + 1]!;
      if (k === 0) return -1;
      s = (s + 1) & this.mask;
    }
  }

  /** Stores `value` (≥ 0) for `key` (> 0), replacing any previous value. */
  set(key: number, value: number): void {
    const slots = this.slots;
    let s = hashNumber(key) & this.mask;
    for (;;) {
      const k = slots[2 * s]!;
      if (k === key) {
        slots[2 * s + 1] = value;
        return;
      }
      if (k === 0) break;
      s = (s + 1) & this.mask;
    }
    slots[2 * s] = key;
    slots[2 * s + 1] = value;
    if (++this.size * 4 > (this.mask + 1) * 3) this.grow();
  }

  private grow(): void {
    const old = this.slots;
    const cap = (this.mask + 1) * 2;
    const slots = doubleArray(cap * 2);
    const mask = cap - 1;
    for (let o = 0; o < old.length; o += 2) {
      const key = old[o]!;
      if (key === 0) continue;
      let s = hashNumber(key) & mask;
      while (slots[2 * s] !== 0) s = (s + 1) & mask;
      slots[2 * s] = key;
      slots[2 * s + 1] = old[o + 1]!;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
