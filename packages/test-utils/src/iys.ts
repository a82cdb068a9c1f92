/**
 * fast-check arbitraries for @izinkit/iys and @izinkit/iys-simulator tests (import from
 * '@izinkit/test-utils/iys'). The İYS vocabulary itself is not repeated here: tests pass the
 * values from '@izinkit/iys' (this private package does not depend on it).
 */
import fc from 'fast-check';

/** A Turkish mobile number in E.164 (`+905XXXXXXXXX`) on an allocated operator prefix. */
export const trMobileArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(
      '505',
      '506',
      '507',
      '530',
      '531',
      '532',
      '533',
      '534',
      '535',
      '536',
      '537',
      '538',
      '539',
      '541',
      '542',
      '543',
      '544',
      '545',
      '546',
      '551',
      '552',
      '553',
      '554',
      '555',
    ),
    fc.integer({ min: 0, max: 9_999_999 }),
  )
  .map(([op, rest]) => `+90${op}${String(rest).padStart(7, '0')}`);

/** An e-mail address İYS accepts: ASCII, lower-case domain, 6–60 characters. */
export const iysEmailArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9]{2,12}$/),
    fc.option(fc.stringMatching(/^\+[a-z0-9]{1,6}$/), { nil: undefined }),
    fc.constantFrom('example.com', 'ornek.com.tr', 'posta.net', 'firma.org'),
  )
  .map(([local, tag, domain]) => `${local}${tag ?? ''}@${domain}`);

/** An instant between 2016-09-07 and 2035-12-31 (Türkiye on UTC+3), whole seconds. */
export const modernInstantArb: fc.Arbitrary<Date> = fc
  .integer({ min: Date.UTC(2016, 8, 7) / 1000, max: Date.UTC(2035, 11, 31) / 1000 })
  .map((s) => new Date(s * 1000));

/** Any instant between 1990 and 2040, whole seconds (covers Türkiye's DST years). */
export const anyInstantArb: fc.Arbitrary<Date> = fc
  .integer({ min: Date.UTC(1990, 0, 1) / 1000, max: Date.UTC(2040, 0, 1) / 1000 })
  .map((s) => new Date(s * 1000));

/** A 64-hex transaction id, as İYS sends them. */
export const transactionIdArb: fc.Arbitrary<string> = fc.stringMatching(/^[0-9a-f]{64}$/);

/**
 * A consent for a phone or e-mail recipient drawn from a small pool (so that operations collide),
 * with the vocabulary passed in from '@izinkit/iys'.
 */
export function consentOpArb<T extends string, S extends string, P extends string>(vocab: {
  readonly phones: readonly string[];
  readonly emails: readonly string[];
  readonly phoneTypes: readonly T[];
  readonly emailType: T;
  readonly statuses: readonly S[];
  readonly sources: readonly P[];
}): fc.Arbitrary<{ recipient: string; type: T; status: S; source: P }> {
  return fc.oneof(
    fc.record({
      recipient: fc.constantFrom(...vocab.phones),
      type: fc.constantFrom(...vocab.phoneTypes),
      status: fc.constantFrom(...vocab.statuses),
      source: fc.constantFrom(...vocab.sources),
    }),
    fc.record({
      recipient: fc.constantFrom(...vocab.emails),
      type: fc.constant(vocab.emailType),
      status: fc.constantFrom(...vocab.statuses),
      source: fc.constantFrom(...vocab.sources),
    }),
  );
}
