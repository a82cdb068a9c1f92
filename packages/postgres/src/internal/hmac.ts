/**
 * HMAC-SHA256 under one key as lowercase hex, from the private `@izinkit/internal-sha256` (shared
 * with `@izinkit/evidence` and `@izinkit/kvkk`, bundled into this package's build by tsup, never
 * exported): the key's inner and outer pad states are computed once, and the hex is written straight
 * from the digest's words. Same bytes as `createHmac('sha256', key).update(value).digest('hex')`
 * (test/keys.test.ts compares them on generated strings).
 */
import { HmacSha256, hexOfWords } from '@izinkit/internal-sha256';

/** Digest scratch (calls are synchronous). */
const digest = new Int32Array(8);

/** HMAC-SHA256 under one key, with the key's pad states precomputed. */
export class KeyedHash extends HmacSha256 {
  /** The HMAC of the UTF-8 encoding of `value`, as 64 lowercase hex characters. */
  hex(value: string): string {
    return hexOfWords(this.digestString(value, digest));
  }
}
