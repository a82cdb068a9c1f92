/**
 * fast-check arbitraries for @izinkit/evidence tests (import from '@izinkit/test-utils/evidence').
 * Plain data only, so they can be shared without importing the package under test.
 */
import fc from 'fast-check';

/** A log entry: 0–64 arbitrary bytes. */
export const entryArb: fc.Arbitrary<Uint8Array> = fc.uint8Array({ minLength: 0, maxLength: 64 });

/** A list of log entries of the given size range. */
export function entriesArb(minLength: number, maxLength: number): fc.Arbitrary<Uint8Array[]> {
  return fc.array(entryArb, { minLength, maxLength });
}

/** A 32-byte hash-shaped value. */
export const hash32Arb: fc.Arbitrary<Uint8Array> = fc.uint8Array({ minLength: 32, maxLength: 32 });

/** An IPv4 address in its canonical dotted form. */
export const ipv4Arb: fc.Arbitrary<string> = fc.ipV4();

/** An IPv6 address in any valid text form (compressed or not, with embedded IPv4 or not). */
export const ipv6Arb: fc.Arbitrary<string> = fc.ipV6();

/** Strings that look like IP addresses but are not (leading zeros, too many groups, zones …). */
export const notIpArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '1.2.3',
    '1.2.3.4.5',
    '01.2.3.4',
    '1.2.3.256',
    ' 1.2.3.4',
    '1.2.3.4 ',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    ':::',
    'fe80::1%eth0',
    '[::1]',
    '::ffff:1.2.3.04',
    'gggg::1',
    '12345::1',
  ),
  fc.string({ maxLength: 20 }).filter((s) => !/^[0-9a-fA-F:.]+$/.test(s)),
);

/** JSON values as JSON.parse could return them (the input domain of RFC 8785). */
export const jsonArb: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 4 });

/** Finite doubles of every magnitude, -0 and the extremes included (RFC 8785 number formatting). */
export const doubleArb: fc.Arbitrary<number> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(0, -0, 5e-324, 1.7976931348623157e308, 1e21, 1e-7, 2 ** 53 + 2, 0.1, 1e20),
);

/** Normalised subject identifiers, as a caller would pass them to `buildEvidence`. */
export const identifierArb: fc.Arbitrary<{ kind: string; value: string }> = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 1, max: 9 }),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 10, maxLength: 10 }),
    )
    .map(([a, rest]) => ({ kind: 'TCKN', value: `${a}${rest.join('')}` })),
  fc.integer({ min: 5_000_000_000, max: 5_599_999_999 }).map((n) => ({ kind: 'PHONE', value: `+90${n}` })),
  fc.emailAddress().map((e) => ({ kind: 'EMAIL', value: e.toLowerCase() })),
  fc.uuid().map((u) => ({ kind: 'CUSTOMER_ID', value: u })),
);

/** Plain-data fields of an evidence input (no secret, no times): combine with fixed values in tests. */
export const evidenceFieldsArb: fc.Arbitrary<{
  id: string;
  identifiers: { kind: string; value: string }[];
  status: 'ONAY' | 'RET';
  channel: 'MESAJ' | 'ARAMA' | 'EPOSTA';
  source: 'HS_WEB' | 'HS_CAGRI_MERKEZI' | 'HS_MOBIL' | 'HS_FIZIKSEL_ORTAM' | 'HS_ISLAK_IMZA';
  textHash: string;
  ip: string;
  notes: string;
}> = fc.record({
  id: fc.uuid(),
  identifiers: fc.array(identifierArb, { minLength: 1, maxLength: 4 }),
  status: fc.constantFrom('ONAY', 'RET'),
  channel: fc.constantFrom('MESAJ', 'ARAMA', 'EPOSTA'),
  source: fc.constantFrom('HS_WEB', 'HS_CAGRI_MERKEZI', 'HS_MOBIL', 'HS_FIZIKSEL_ORTAM', 'HS_ISLAK_IMZA'),
  textHash: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex')),
  ip: fc.oneof(fc.ipV4(), fc.ipV6()),
  notes: fc.string({ maxLength: 200 }),
});
