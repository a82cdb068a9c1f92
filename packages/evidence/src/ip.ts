/**
 * IP address validation and canonical text form, so the same address is always recorded — and
 * hashed — the same way.
 */
import type { Problem, Result } from './result.js';

/**
 * A validated IP address in canonical text form: IPv4 as four decimal octets without leading
 * zeros, IPv6 as RFC 5952 recommends (lower case, no leading zeros, the longest run of two or
 * more zero groups shortened to `::`, IPv4-mapped addresses as `::ffff:a.b.c.d`).
 *
 * @example
 * ```ts
 * const ip: IpAddress = { version: 6, address: '2001:db8::1' };
 * ```
 */
export interface IpAddress {
  /** 4 or 6. */
  readonly version: 4 | 6;
  /** The canonical text form. */
  readonly address: string;
}

/** Code of an {@link parseIp} failure. */
export type IpErrorCode = 'IP_INVALID';

const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const V4 = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

function parseV4(s: string): number[] | undefined {
  const m = V4.exec(s);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] : undefined;
}

function parseV6(s: string): number[] | undefined {
  if (s.length > 45 || s.length < 2) return undefined;
  let head = s;
  let v4: number[] | undefined;
  const lastColon = s.lastIndexOf(':');
  if (s.indexOf('.', lastColon) >= 0) {
    v4 = parseV4(s.slice(lastColon + 1));
    if (!v4) return undefined;
    // Keep a `::` that ends right before the IPv4 part; drop a single separating colon.
    head = s[lastColon - 1] === ':' ? s.slice(0, lastColon + 1) : s.slice(0, lastColon);
  }
  const want = v4 ? 6 : 8;
  const parts = head.split('::');
  if (parts.length > 2) return undefined;
  const group = (g: string): number | undefined =>
    /^[0-9a-fA-F]{1,4}$/.test(g) ? Number.parseInt(g, 16) : undefined;
  const side = (t: string): number[] | undefined => {
    if (t === '') return [];
    const out: number[] = [];
    for (const g of t.split(':')) {
      const v = group(g);
      if (v === undefined) return undefined;
      out.push(v);
    }
    return out;
  };
  let groups: number[];
  if (parts.length === 2) {
    const l = side(parts[0]!);
    const r = side(parts[1]!);
    if (!l || !r || l.length + r.length > want - 1) return undefined;
    groups = [...l, ...new Array<number>(want - l.length - r.length).fill(0), ...r];
  } else {
    const all = side(parts[0]!);
    if (!all || all.length !== want) return undefined;
    groups = all;
  }
  if (v4) groups.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
  return groups;
}

function formatV6(g: number[]): string {
  const mapped = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
  if (mapped) return `::ffff:${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestLen < 2) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

/**
 * Validates an IPv4 or IPv6 address and returns its canonical form. Rejects leading zeros in
 * IPv4 octets (ambiguous: octal in some parsers), zone identifiers (`%eth0`), brackets, ports
 * and surrounding spaces.
 *
 * @example
 * ```ts
 * parseIp('2001:0DB8:0:0:0:0:0:1'); // { ok: true, value: { version: 6, address: '2001:db8::1' } }
 * parseIp('192.168.001.1').ok; // false
 * ```
 */
export function parseIp(input: string): Result<IpAddress, Problem<IpErrorCode>> {
  if (typeof input === 'string') {
    const v4 = parseV4(input);
    if (v4) return { ok: true, value: { version: 4, address: v4.join('.') } };
    if (input.includes(':')) {
      const v6 = parseV6(input);
      if (v6) return { ok: true, value: { version: 6, address: formatV6(v6) } };
    }
  }
  return {
    ok: false,
    error: {
      code: 'IP_INVALID',
      message: `${JSON.stringify(input)} is not an IPv4 or IPv6 address`,
      messageTr: `${JSON.stringify(input)} geçerli bir IPv4 ya da IPv6 adresi değil`,
    },
  };
}
