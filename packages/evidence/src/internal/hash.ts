/**
 * SHA-256 for the Merkle log, from the private `@izinkit/internal-sha256` (shared with
 * `@izinkit/kvkk`, bundled into this package's build by tsup, never exported): short messages in
 * JavaScript with the unrolled compression function, longer ones through node:crypto.
 */
import { hash as nodeHash } from 'node:crypto';
import { sha256 } from '@izinkit/internal-sha256';

export {
  equalWords,
  hashChildren,
  hashChildrenInto,
  hashNodeWords,
  NODE_TAIL,
  readWords,
  sha256,
  sha256WithPrefix,
  writeWords,
} from '@izinkit/internal-sha256';

/** SHA-256 of the empty string: the root of the empty tree. */
export const EMPTY_ROOT: Uint8Array = sha256(new Uint8Array(0));

/** Reused buffer for {@link sha256Utf8}: prefix byte + UTF-8 (at most 3 bytes per UTF-16 unit). */
let utf8Buf = Buffer.allocUnsafe(16 * 1024);

/**
 * SHA-256 of the UTF-8 encoding of `s` (lone surrogates become U+FFFD, as in `Buffer.from(s)`),
 * preceded by the byte `prefix` unless it is -1. The text is encoded into a reused buffer and hashed
 * by node:crypto: no concatenated string and no buffer per call.
 */
export function sha256Utf8(prefix: number, s: string): Uint8Array {
  const p = prefix >= 0 ? 1 : 0;
  const need = 3 * s.length + 1;
  if (need > utf8Buf.length) {
    // Grow the shared buffer up to 1 MiB; a longer text gets a buffer of its own.
    if (need > 1 << 20) {
      const own = Buffer.from(p ? `\u0000${s}` : s, 'utf8');
      if (p) own[0] = prefix;
      return new Uint8Array(nodeHash('sha256', own, 'buffer'));
    }
    utf8Buf = Buffer.allocUnsafe(need);
  }
  const b = utf8Buf;
  if (p) b[0] = prefix;
  const n = b.write(s, p, 'utf8');
  return new Uint8Array(nodeHash('sha256', b.subarray(0, n + p), 'buffer'));
}
