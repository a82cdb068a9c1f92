/**
 * Transparency-log checkpoints in the C2SP format (c2sp.org/tlog-checkpoint): a signed note whose
 * text is the log's origin, its tree size and its base64 root hash, one per line.
 */
import { EvidenceTypeError } from './errors.js';
import { fromBase64, isBytes, toBase64 } from './internal/bytes.js';
import { isSize } from './internal/tree-math.js';
import { type LogState, logRoot } from './log.js';
import { HASH_SIZE } from './merkle.js';
import { type NoteKeyRef, type NoteSigner, type NoteVerifier, openNote, signNote } from './note.js';
import type { Problem, Result } from './result.js';

/**
 * A log's tree head at one size.
 *
 * @example
 * ```ts
 * const cp: Checkpoint = { origin: 'example.com/log', size: 0, rootHash: new Uint8Array(32), extensions: [] };
 * ```
 */
export interface Checkpoint {
  /** The log's identity, a schema-less URL such as `consent.example.com/evidence`. */
  readonly origin: string;
  /** Number of leaves. */
  readonly size: number;
  /** RFC 9162 root hash at that size (32 bytes). */
  readonly rootHash: Uint8Array;
  /** Optional extension lines (the C2SP spec advises against them). */
  readonly extensions: readonly string[];
}

/**
 * A checkpoint whose signature verified, with the exact signed note it came from.
 *
 * @example
 * ```ts
 * declare const v: VerifiedCheckpoint;
 * console.log(v.size, v.verifiedBy[0]?.name);
 * ```
 */
export interface VerifiedCheckpoint extends Checkpoint {
  /** The signed note, verbatim. */
  readonly note: string;
  /** The trusted keys whose signatures verified. */
  readonly verifiedBy: readonly NoteKeyRef[];
}

/** Codes of checkpoint failures (the signed-note codes included). */
export type CheckpointErrorCode =
  | 'KEY_INVALID'
  | 'CHECKPOINT_MALFORMED'
  | 'CHECKPOINT_WRONG_ORIGIN'
  | 'NOTE_MALFORMED'
  | 'NOTE_BAD_SIGNATURE'
  | 'NOTE_UNVERIFIED';

/**
 * A failure to read or verify a checkpoint.
 *
 * @example
 * ```ts
 * const r = parseCheckpoint('x\n');
 * if (!r.ok) console.log(r.error.code); // 'CHECKPOINT_MALFORMED'
 * ```
 */
export interface CheckpointError extends Problem<CheckpointErrorCode> {}

function validLine(s: string): boolean {
  if (typeof s !== 'string' || s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) < 0x20) return false;
  return true;
}

/**
 * The checkpoint of a log state (no signature yet).
 *
 * @example
 * ```ts
 * const cp = checkpointOf('example.com/log', EMPTY_LOG_STATE);
 * cp.size; // 0
 * ```
 */
export function checkpointOf(origin: string, state: LogState): Checkpoint {
  return { origin, size: state.size, rootHash: logRoot(state), extensions: [] };
}

/**
 * The note text of a checkpoint: origin, size and base64 root hash, then any extension lines,
 * each ending in a newline.
 *
 * @example
 * ```ts
 * formatCheckpoint({ origin: 'example.com/log', size: 0, rootHash: new Uint8Array(32), extensions: [] });
 * // 'example.com/log\n0\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n'
 * ```
 */
export function formatCheckpoint(cp: Checkpoint): string {
  if (!validLine(cp.origin)) throw new EvidenceTypeError('a checkpoint origin must be one non-empty line');
  if (!isSize(cp.size)) throw new EvidenceTypeError('a checkpoint size must be a non-negative safe integer');
  if (!isBytes(cp.rootHash, HASH_SIZE))
    throw new EvidenceTypeError('a checkpoint root hash must be 32 bytes');
  for (const e of cp.extensions) {
    if (!validLine(e))
      throw new EvidenceTypeError('checkpoint extension lines must be non-empty single lines');
  }
  return [cp.origin, String(cp.size), toBase64(cp.rootHash), ...cp.extensions].map((l) => `${l}\n`).join('');
}

/**
 * Parses checkpoint note text (not the signatures: see {@link verifyCheckpoint}).
 *
 * @example
 * ```ts
 * const r = parseCheckpoint('example.com/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n');
 * if (r.ok) console.log(r.value.size); // 0
 * ```
 */
export function parseCheckpoint(text: string): Result<Checkpoint, CheckpointError> {
  const bad = (en: string, tr: string): Result<Checkpoint, CheckpointError> => ({
    ok: false,
    error: {
      code: 'CHECKPOINT_MALFORMED',
      message: `malformed checkpoint: ${en}`,
      messageTr: `kontrol noktası bozuk: ${tr}`,
    },
  });
  if (typeof text !== 'string' || !text.endsWith('\n'))
    return bad('it does not end in a newline', 'yeni satırla bitmiyor');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) return bad('fewer than three lines', 'üç satırdan az');
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];
  if (!validLine(origin)) return bad('empty origin line', 'köken satırı boş');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine) || !isSize(Number(sizeLine))) {
    return bad(
      'the tree size is not a decimal number without leading zeros',
      'ağaç boyutu geçerli bir sayı değil',
    );
  }
  const rootHash = fromBase64(rootLine);
  if (!rootHash || rootHash.length !== HASH_SIZE) {
    return bad('the root hash is not 32 bytes of base64', 'kök özeti 32 baytlık base64 değil');
  }
  for (const e of extensions) if (e.length === 0) return bad('an empty extension line', 'boş bir ek satır');
  return { ok: true, value: { origin, size: Number(sizeLine), rootHash, extensions } };
}

/**
 * Signs a checkpoint and returns the signed note. The log's key name should equal its origin.
 *
 * @example
 * ```ts
 * const s = noteSignerFromKey(generateNoteKey('example.com/log').signerKey);
 * if (s.ok) signCheckpoint(checkpointOf('example.com/log', EMPTY_LOG_STATE), s.value);
 * ```
 */
export function signCheckpoint(cp: Checkpoint, signer: NoteSigner, ...cosigners: NoteSigner[]): string {
  return signNote(formatCheckpoint(cp), [signer, ...cosigners]);
}

/**
 * Verifies a signed checkpoint with the given trusted keys and parses it. With `origin`, the
 * checkpoint must also name that origin.
 *
 * @example
 * ```ts
 * const { signerKey, verifierKey } = generateNoteKey('example.com/log');
 * const s = noteSignerFromKey(signerKey);
 * const v = noteVerifierFromKey(verifierKey);
 * if (s.ok && v.ok) {
 *   const note = signCheckpoint(checkpointOf('example.com/log', EMPTY_LOG_STATE), s.value);
 *   verifyCheckpoint(note, [v.value], { origin: 'example.com/log' }).ok; // true
 * }
 * ```
 */
export function verifyCheckpoint(
  note: string,
  verifiers: readonly NoteVerifier[],
  options: { readonly origin?: string } = {},
): Result<VerifiedCheckpoint, CheckpointError> {
  const opened = openNote(note, verifiers);
  if (!opened.ok) return opened;
  const cp = parseCheckpoint(opened.value.text);
  if (!cp.ok) return cp;
  if (options.origin !== undefined && cp.value.origin !== options.origin) {
    return {
      ok: false,
      error: {
        code: 'CHECKPOINT_WRONG_ORIGIN',
        message: `the checkpoint is from log ${JSON.stringify(cp.value.origin)}, not ${JSON.stringify(options.origin)}`,
        messageTr: `kontrol noktası ${JSON.stringify(options.origin)} değil, ${JSON.stringify(cp.value.origin)} günlüğüne ait`,
      },
    };
  }
  return { ok: true, value: { ...cp.value, note, verifiedBy: opened.value.verifiedBy } };
}
