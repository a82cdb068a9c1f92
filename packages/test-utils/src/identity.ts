/**
 * fast-check arbitraries for @izinkit/identity tests (import from '@izinkit/test-utils/identity').
 *
 * The Turkish numbering plan here is written from the reference tables (legal-calendar.md §4.5 and
 * the libphonenumber metadata), independently of the package's fast path, so that a mistake in one
 * shows up as a disagreement in the differential tests.
 */
import fc from 'fast-check';

const digitsArb = (n: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

/** Any valid TCKN, built from nine random digits and the two computed check digits. */
export const tcknArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 1, max: 9 }),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }),
  )
  .map(([first, rest]) => {
    const d = [first, ...rest];
    const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!;
    const even = d[1]! + d[3]! + d[5]! + d[7]!;
    const d10 = (((odd * 7 - even) % 10) + 10) % 10;
    const d11 = (odd + even + d10) % 10;
    return [...d, d10, d11].join('');
  });

/** Any 11-digit string starting with 99 (a well-formed YKN; the checksum may or may not fit). */
export const yknArb: fc.Arbitrary<string> = digitsArb(9).map((d) => `99${d}`);

/** Reference VKN check digit (python-stdnum's formulation, reversed weights). */
export function vknCheckDigit(first9: string): number {
  let s = 0;
  for (let i = 1; i <= 9; i++) {
    const n = Number(first9[9 - i]);
    const c1 = (n + i) % 10;
    if (c1 !== 0) {
      const c2 = (c1 * 2 ** i) % 9;
      s += c2 === 0 ? 9 : c2;
    }
  }
  return (10 - (s % 10)) % 10;
}

/** Any valid VKN. */
export const vknArb: fc.Arbitrary<string> = digitsArb(9).map((d) => `${d}${vknCheckDigit(d)}`);

/** A MERSİS number of the published form: 0 + a valid VKN + 5 digits. */
export const mersisArb: fc.Arbitrary<string> = fc
  .tuple(vknArb, digitsArb(5))
  .map(([vkn, tail]) => `0${vkn}${tail}`);

/** Area codes of Turkish fixed lines (84, incl. 392 Northern Cyprus). */
export const TR_AREA_CODES: readonly string[] = (
  '212 216 222 224 226 228 232 236 238 242 246 248 252 256 258 262 264 266 272 274 276 282 284 286 288 ' +
  '312 318 322 324 326 328 332 338 342 344 346 348 352 354 356 358 362 364 366 368 370 372 374 376 378 380 382 384 386 388 392 ' +
  '412 414 416 422 424 426 428 432 434 436 438 442 446 452 454 456 458 462 464 466 472 474 476 478 482 484 486 488'
).split(' ');

/** Mobile prefixes with seven free digits after them. */
export const TR_MOBILE_PREFIXES: readonly string[] = [
  ...Array.from({ length: 10 }, (_, i) => `50${i}`),
  '510',
  '516',
  '524',
  ...Array.from({ length: 30 }, (_, i) => String(530 + i)),
  '562',
  '564',
  '572',
  '574',
  '575',
  '594',
  '596',
];

/** The kinds the generators produce, as the package names them. */
export type TrKind = 'mobile' | 'fixed' | 'voip' | 'uan' | 'tollFree' | 'premium' | 'other';

/** A valid Turkish national significant number with its expected kind. */
export const trNationalArb: fc.Arbitrary<{ nsn: string; kind: TrKind }> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(...TR_MOBILE_PREFIXES), digitsArb(7))
      .map(([p, d]) => ({ nsn: p + d, kind: 'mobile' as const })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('561011', '56161'), digitsArb(5))
      .map(([p, d]) => ({ nsn: (p + d).slice(0, 10), kind: 'mobile' as const })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('5822', '5823', '5824', '5825'), digitsArb(6))
      .map(([p, d]) => ({ nsn: p + d, kind: 'mobile' as const })),
  },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom(...TR_AREA_CODES), digitsArb(7))
      .map(([p, d]) => ({ nsn: p + d, kind: 'fixed' as const })),
  },
  { weight: 1, arbitrary: digitsArb(7).map((d) => ({ nsn: `850${d}`, kind: 'voip' as const })) },
  { weight: 1, arbitrary: digitsArb(4).map((d) => ({ nsn: `444${d}`, kind: 'uan' as const })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(7, 9, 10), digitsArb(10))
      .map(([n, d]) => ({ nsn: `800${d.slice(0, n)}`, kind: 'tollFree' as const })),
  },
  { weight: 1, arbitrary: digitsArb(7).map((d) => ({ nsn: `811${d}`, kind: 'tollFree' as const })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('900', '888', '898'), digitsArb(7))
      .map(([p, d]) => ({ nsn: p + d, kind: 'premium' as const })),
  },
  { weight: 1, arbitrary: digitsArb(7).map((d) => ({ nsn: `512${d}`, kind: 'other' as const })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('592211', '592212', '592461'), digitsArb(4))
      .map(([p, d]) => ({ nsn: p + d, kind: 'other' as const })),
  },
);

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';
const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const FULLWIDTH = '０１２３４５６７８９';

/** Rewrites the ASCII digits of `s` in another script. */
export function withDigits(s: string, script: 'ascii' | 'arabic' | 'persian' | 'fullwidth'): string {
  if (script === 'ascii') return s;
  const table = script === 'arabic' ? ARABIC_INDIC : script === 'persian' ? PERSIAN : FULLWIDTH;
  return s.replace(/[0-9]/g, (d) => table[Number(d)]!);
}

/** Groups a 10-digit national number as `532 123 45 67`. */
function grouped(nsn: string, sep = ' '): string {
  if (nsn.length !== 10) return nsn;
  return [nsn.slice(0, 3), nsn.slice(3, 6), nsn.slice(6, 8), nsn.slice(8)].join(sep);
}

/** The ways people write a Turkish number (nsn = national significant number). */
export const TR_FORMATS: readonly ((nsn: string) => string)[] = [
  (n) => `0${grouped(n)}`, // 0532 123 45 67
  (n) => (n.length === 10 ? `(0${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}` : `0${n}`), // (0532) 123-4567
  (n) => n, // 5321234567
  (n) => `0${n}`, // 05321234567
  (n) => `90${n}`, // 905321234567
  (n) => `+90 ${grouped(n)}`, // +90 532 123 45 67
  (n) => `+90${n}`, // +905321234567
  (n) => `0090${n}`, // 00905321234567
  (n) => `0090 ${grouped(n)}`,
  (n) => (n.length === 10 ? `+90(${n.slice(0, 3)})${n.slice(3)}` : `+90${n}`), // +90(212)1234567
  (n) =>
    n.length === 10 ? `+90 (${n.slice(0, 3)}) ${n.slice(3, 6)} ${n.slice(6, 8)} ${n.slice(8)}` : `+90 ${n}`,
  (n) => `(+90) ${grouped(n)}`,
  (n) => `+90 0${grouped(n)}`, // a stray trunk 0
  (n) => `0${grouped(n, '-')}`,
  (n) => `0${grouped(n, '.')}`,
  (n) => `+90-${grouped(n, '-')}`,
  (n) => `0${grouped(n, '\u00a0')}`, // non-breaking spaces
  (n) => (n.length === 7 ? `${n.slice(0, 3)} ${n[3]} ${n.slice(4)}` : `0 ${grouped(n)}`), // 444 1 444
];

/** Adds stray spaces: around the number and, sometimes, doubled inside it. */
const noiseArb: fc.Arbitrary<(s: string) => string> = fc
  .tuple(
    fc.constantFrom('', ' ', '  ', '\u00a0', ' \u00a0 '),
    fc.constantFrom('', ' ', '\u00a0', '  '),
    fc.boolean(),
  )
  .map(
    ([before, after, doubled]) =>
      (s: string) =>
        before + (doubled ? s.replaceAll(' ', '  ') : s) + after,
  );

/** A Turkish number written the way people type it, with the answer it must normalise to. */
export const trPhoneInputArb: fc.Arbitrary<{ input: string; nsn: string; kind: TrKind }> = fc
  .tuple(
    trNationalArb,
    fc.integer({ min: 0, max: TR_FORMATS.length - 1 }),
    fc.constantFrom('ascii', 'ascii', 'ascii', 'arabic', 'persian', 'fullwidth') as fc.Arbitrary<
      'ascii' | 'arabic' | 'persian' | 'fullwidth'
    >,
    noiseArb,
  )
  .map(([{ nsn, kind }, f, script, noise]) => ({
    input: noise(withDigits(TR_FORMATS[f]!(nsn), script)),
    nsn,
    kind,
  }));

/** Phone-like strings that are often not valid: random digits behind the usual prefixes and separators. */
export const phoneishArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(
      '',
      '0',
      '+90',
      '90',
      '0090',
      '+900',
      '900',
      '00',
      '+',
      '+9',
      '(0',
      '+90 (',
      '+44 ',
      '+1 ',
      '0 0',
    ),
    fc.array(
      fc.oneof(
        { weight: 8, arbitrary: fc.integer({ min: 0, max: 9 }).map(String) },
        { weight: 2, arbitrary: fc.constantFrom(' ', '-', '.', '(', ')', '\u00a0', '/') },
      ),
      {
        maxLength: 18,
      },
    ),
    fc.constantFrom('', ' ', ')', ' ext 12', 'x', '#', '\t', 'a'),
  )
  .map(([p, body, tail]) => p + body.join('') + tail);

/** A valid e-mail address by İYS's rules, in normalised form (lower-case domain). */
export const emailArb: fc.Arbitrary<string> = fc
  .tuple(
    fc
      .array(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_+-]{0,5}$/), { minLength: 1, maxLength: 3 })
      .map((parts) => parts.join('.')),
    fc.array(fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/), { minLength: 1, maxLength: 3 }),
    fc.constantFrom('com', 'tr', 'net', 'org', 'io', 'xn--p1ai'),
  )
  .map(([local, labels, tld]) => `${local}@${[...labels, tld].join('.')}`)
  .filter((s) => s.length >= 6 && s.length <= 265);

/** Randomly upper-cases ASCII letters of the domain part and pads with whitespace. */
export const messyEmailArb: fc.Arbitrary<{ input: string; normalized: string }> = fc
  .tuple(emailArb, fc.boolean(), fc.constantFrom('', ' ', '\t', '  '), fc.constantFrom('', ' ', '\n'))
  .map(([e, upper, before, after]) => {
    const at = e.indexOf('@');
    const shown = upper ? e.slice(0, at + 1) + e.slice(at + 1).toUpperCase() : e;
    return { input: before + shown + after, normalized: e };
  });

/** Turkish given names and surnames, with the letters that fold differently (I/ı, İ/i). */
export const TR_FIRST_NAMES: readonly string[] = [
  'Ali',
  'Ayşe',
  'İlker',
  'Işıl',
  'Ömer',
  'Şeyma',
  'Ünal',
  'Çağrı',
  'Irmak',
  'Ahmet Can',
];
/** See {@link TR_FIRST_NAMES}. */
export const TR_LAST_NAMES: readonly string[] = [
  'Yılmaz',
  'Işık',
  'Öztürk',
  'Şahin',
  'Çelik',
  'Kılıç',
  'İnce',
  'Aydın',
];

/** Writes a name as people do: upper-case (Turkish rules), lower-case or as is, with stray spaces. */
export const nameVariantArb = (name: string): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom('as-is', 'upper', 'lower'), fc.constantFrom('', ' ', '  '), fc.boolean())
    .map(([c, pad, doubled]) => {
      const cased =
        c === 'upper' ? name.toLocaleUpperCase('tr') : c === 'lower' ? name.toLocaleLowerCase('tr') : name;
      return pad + (doubled ? cased.replaceAll(' ', '   ') : cased) + pad;
    });

/**
 * Person records with many collisions: identifiers come from small pools so that TCKNs, phones,
 * e-mails and names repeat across records, in mixed formats, with some invalid values. Ids are
 * unique (`r0`, `r1`, …).
 */
export const personRecordsArb = (
  maxLength = 40,
): fc.Arbitrary<
  { id: string; tckn?: string; phone?: string; email?: string; firstName?: string; lastName?: string }[]
> =>
  fc
    .tuple(
      fc.uniqueArray(tcknArb, { minLength: 1, maxLength: 4 }),
      fc.uniqueArray(
        trNationalArb.map((x) => x.nsn),
        { minLength: 1, maxLength: 4 },
      ),
      fc.uniqueArray(emailArb, { minLength: 1, maxLength: 3 }),
    )
    .chain(([tckns, nsns, emails]) =>
      fc.array(
        fc.record(
          {
            tckn: fc.oneof(
              {
                weight: 5,
                arbitrary: fc
                  .constantFrom(...tckns)
                  .chain((t) =>
                    fc.constantFrom(
                      t,
                      `${t.slice(0, 3)} ${t.slice(3, 6)} ${t.slice(6)}`,
                      `${t.slice(0, 5)}-${t.slice(5)}`,
                    ),
                  ),
              },
              { weight: 1, arbitrary: fc.constantFrom('12345678901', '01234567890', 'abc', '') },
            ),
            phone: fc.oneof(
              {
                weight: 5,
                arbitrary: fc
                  .tuple(fc.constantFrom(...nsns), fc.integer({ min: 0, max: TR_FORMATS.length - 1 }))
                  .map(([n, f]) => TR_FORMATS[f]!(n)),
              },
              { weight: 1, arbitrary: fc.constantFrom('0632 123 45 67', '123', '') },
            ),
            email: fc.oneof(
              {
                weight: 5,
                arbitrary: fc
                  .constantFrom(...emails)
                  .chain((e) => fc.constantFrom(e, e.toUpperCase(), ` ${e} `)),
              },
              { weight: 1, arbitrary: fc.constantFrom('ayşe@example.com', 'no-at.example.com') },
            ),
            firstName: fc.constantFrom(...TR_FIRST_NAMES.slice(0, 3)).chain(nameVariantArb),
            lastName: fc.constantFrom(...TR_LAST_NAMES.slice(0, 2)).chain(nameVariantArb),
          },
          { requiredKeys: [] },
        ),
        { maxLength },
      ),
    )
    .map((rs) => rs.map((r, i) => ({ id: `r${i}`, ...r })));
