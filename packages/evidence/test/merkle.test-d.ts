import { describe, expectTypeOf, it } from 'vitest';
import {
  buildEvidence,
  canonicalize,
  consistencyProof,
  type EvidenceBuildError,
  type EvidenceRecord,
  inclusionProof,
  leafHash,
  merkleTreeHead,
  type Result,
  verifyConsistency,
  verifyInclusion,
} from '../src/index.js';

describe('the fixed signatures of issue 6', () => {
  it('Merkle functions take and return Uint8Array', () => {
    expectTypeOf(leafHash).toEqualTypeOf<(entry: Uint8Array) => Uint8Array>();
    expectTypeOf(merkleTreeHead).toEqualTypeOf<(leaves: readonly Uint8Array[]) => Uint8Array>();
    expectTypeOf(inclusionProof).toEqualTypeOf<
      (leaves: readonly Uint8Array[], index: number) => Uint8Array[]
    >();
    expectTypeOf(consistencyProof).toEqualTypeOf<
      (leaves: readonly Uint8Array[], oldSize: number) => Uint8Array[]
    >();
    expectTypeOf(verifyInclusion).toEqualTypeOf<
      (
        leafHash: Uint8Array,
        index: number,
        treeSize: number,
        proof: readonly Uint8Array[],
        root: Uint8Array,
      ) => boolean
    >();
    expectTypeOf(verifyConsistency).toEqualTypeOf<
      (
        oldSize: number,
        newSize: number,
        oldRoot: Uint8Array,
        newRoot: Uint8Array,
        proof: readonly Uint8Array[],
      ) => boolean
    >();
    expectTypeOf(canonicalize).toEqualTypeOf<(value: unknown) => string>();
  });

  it('buildEvidence returns a result', () => {
    expectTypeOf(buildEvidence).returns.toEqualTypeOf<Result<EvidenceRecord, EvidenceBuildError>>();
    // a mutable Uint8Array[] is accepted where readonly is declared
    expectTypeOf<Uint8Array[]>().toExtend<Parameters<typeof merkleTreeHead>[0]>();
  });
});
