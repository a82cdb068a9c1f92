import { randomBytes } from 'node:crypto';

/** A small seeded PRNG (splitmix32) for ids and fault dice. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
}

export function randomSeed(): number {
  return randomBytes(4).readUInt32LE(0);
}

const HEX = '0123456789abcdef';

export interface IdSource {
  /** 64 hex characters, like İYS's live transaction ids. */
  hex64(): string;
  /** A version-4 UUID. */
  uuid(): string;
}

export function idSource(random: () => number): IdSource {
  const word = (): string => {
    const n = Math.floor(random() * 4294967296) >>> 0;
    let out = '';
    for (let i = 28; i >= 0; i -= 4) out += HEX[(n >>> i) & 15];
    return out;
  };
  return {
    hex64: () => word() + word() + word() + word() + word() + word() + word() + word(),
    uuid: () => {
      const h = word() + word() + word() + word();
      const variant = HEX[8 + (Number.parseInt(h[16]!, 16) & 3)];
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}
