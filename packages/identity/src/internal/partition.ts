/**
 * Radix-partitioned hashing for `dedupe`.
 *
 * Looking up a million keys in one table of a million slots misses the processor caches on
 * almost every probe (and, with 4 KiB pages, the TLB too): on the benchmark machine that costs
 * about a quarter of a microsecond a probe, which makes a 1M-record call more than ten times as
 * slow as a 100k-record one. So `dedupe` first writes each key, with its record, into one of
 * `buckets` partitions chosen by the top bits of the key's hash (a counting sort: one pass to
 * count, one to place — sequential reads, a few hundred sequential write streams), then resolves
 * each partition with a small table that stays in cache. Inside a partition the entries keep the
 * input order, so "the first record with this key" means the same as in one big table.
 * @internal
 */
import { doubleArray, smiArray } from './arrays.js';

/** Target entries per partition: a partition's table (16 bytes a slot, half full) fits in L2. */
const PER_BUCKET = 4096;
/** At most 2^MAX_BITS partitions. */
const MAX_BITS = 10;

export class Partitioner {
  /** Number of partitions (a power of two). */
  readonly buckets: number;
  /** A 30-bit hash `h` belongs to partition `h >>> shift`. */
  private readonly shift: number;
  /** `start[b]`: where partition b begins in the entry arrays (`start[buckets]`: the end). */
  readonly start: Int32Array;
  private readonly next: Int32Array;
  /** The entries, partition by partition: a number key, a small-integer companion, the record. */
  readonly key: number[];
  readonly aux: number[];
  readonly record: number[];

  // The table of the current partition: parallel typed arrays (small, so they stay in cache),
  // with a stamp per slot instead of clearing (a slot is in use when its stamp is `stamp`).
  /** Slot mask of the current partition's table. */
  mask = 0;
  slotKey: Float64Array = new Float64Array(0);
  slotAux: Int32Array = new Int32Array(0);
  slotRecord: Int32Array = new Int32Array(0);
  slotStamp: Int32Array = new Int32Array(0);
  stamp = 0;

  /** Room for up to `capacity` entries at a time. */
  constructor(capacity: number) {
    let bits = 0;
    while (bits < MAX_BITS && capacity >> (bits + 1) >= PER_BUCKET) bits++;
    this.buckets = 1 << bits;
    this.shift = 30 - bits;
    this.start = new Int32Array(this.buckets + 1);
    this.next = new Int32Array(this.buckets);
    this.key = doubleArray(capacity);
    this.aux = smiArray(capacity);
    this.record = smiArray(capacity);
  }

  /** Starts a new partitioning: call {@link count} for each entry, then {@link seal}. */
  begin(): void {
    this.start.fill(0);
  }

  /** Counts one entry with the 30-bit hash `h`. */
  count(h: number): void {
    this.start[(h >>> this.shift) + 1]!++;
  }

  /** Ends the counting; then {@link put} every counted entry again, in the same order. */
  seal(): void {
    const start = this.start;
    for (let b = 0; b < this.buckets; b++) start[b + 1]! += start[b]!;
    this.next.set(start.subarray(0, this.buckets));
  }

  /** Places one entry. */
  put(h: number, key: number, aux: number, record: number): void {
    const at = this.next[h >>> this.shift]!++;
    this.key[at] = key;
    this.aux[at] = aux;
    this.record[at] = record;
  }

  /** Empties the table for partition `b` and sizes it for that partition's entries. */
  open(b: number): void {
    const entries = this.start[b + 1]! - this.start[b]!;
    let cap = 16;
    while (cap < entries * 2) cap *= 2;
    if (cap > this.slotStamp.length) {
      this.slotKey = new Float64Array(cap);
      this.slotAux = new Int32Array(cap);
      this.slotRecord = new Int32Array(cap);
      this.slotStamp = new Int32Array(cap);
    }
    this.mask = cap - 1;
    this.stamp++;
  }
}
