/**
 * HMAC-SHA256 for many short messages under one key, from the private `@izinkit/internal-sha256`
 * (shared with `@izinkit/evidence`, bundled into this package's build by tsup, never exported): the
 * key's inner and outer pad states are computed once, so a value of up to 55 ASCII characters costs
 * two SHA-256 compressions in JavaScript instead of a call into node:crypto. The output is the same
 * HMAC, byte for byte (test/crypto.test.ts compares it with `createHmac` on random keys and strings).
 */
import { base64urlOfWords, HmacSha256 as Hmac } from '@izinkit/internal-sha256';

/** Digest scratch (calls are synchronous). */
const digest = new Int32Array(8);

/** HMAC-SHA256 under one key, with the key's pad states precomputed. */
export class HmacSha256 extends Hmac {
  /**
   * The HMAC of the UTF-8 encoding of `value` (lone surrogates become U+FFFD, as in
   * `createHmac(…).update(value, 'utf8')`), as unpadded base64url (43 characters), encoded straight
   * from the digest's words.
   */
  base64url(value: string): string {
    return base64urlOfWords(this.digestString(value, digest));
  }
}
