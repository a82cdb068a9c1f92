/**
 * Scratch arrays for `dedupe`, kept on the JavaScript heap on purpose.
 *
 * Typed arrays would be the obvious choice, but their memory lives outside the heap, and V8
 * answers every 64 MB of new external memory with a full mark-compact of the whole heap
 * ("external memory pressure"). De-duplicating a million records needs a few hundred MB of
 * scratch space, so with typed arrays each call forced two or three full collections — each of
 * which marks every one of the caller's records (seconds, at that size). Plain arrays of small
 * integers (`HOLEY_SMI_ELEMENTS`) or of doubles (`HOLEY_DOUBLE_ELEMENTS`) are just as compact
 * (8 bytes an element), hold no pointers for the collector to follow, and only count against the
 * ordinary heap limit.
 * @internal
 */

/** An array of `length` zeros that stays an array of small integers (only store values in ±2^30). */
export function smiArray(length: number): number[] {
  return new Array<number>(length).fill(0);
}

/** An array of `length` zeros stored unboxed as doubles. */
export function doubleArray(length: number): number[] {
  return new Array<number>(length).fill(0.5).fill(0);
}
