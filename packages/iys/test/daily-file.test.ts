import { iysEmailArb, modernInstantArb, transactionIdArb, trMobileArb } from '@izinkit/test-utils/iys';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONSENT_STATUSES,
  CONSENT_TYPES,
  createDailyFileReader,
  DAILY_FILE_COLUMNS,
  DailyFileParseError,
  type DailyFileRow,
  formatDailyFile,
  KNOWN_IYS_SOURCES,
  PROVIDER_SOURCES,
  parseDailyFile,
  parseIysDateTime,
  RECIPIENT_TYPES,
} from '../src/index.js';

const rowArb: fc.Arbitrary<DailyFileRow> = fc.record({
  creationDate: modernInstantArb,
  transactionId: transactionIdArb,
  recipient: fc.oneof(trMobileArb, iysEmailArb),
  recipientType: fc.constantFrom(...RECIPIENT_TYPES),
  type: fc.constantFrom(...CONSENT_TYPES),
  status: fc.constantFrom(...CONSENT_STATUSES),
  consentDate: fc.option(modernInstantArb, { nil: undefined }),
  source: fc.option(fc.constantFrom(...PROVIDER_SOURCES, ...KNOWN_IYS_SOURCES), { nil: undefined }),
});

const SAMPLE =
  '2020-10-29 23:58:53,f26ab94c4e89,ornek@mail.com,BIREYSEL,EPOSTA,ONAY,2017-06-28 19:39:28,HS_WEB';

describe('daily change file', () => {
  it('round-trips through its own dialect', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), (rows) => {
        const r = parseDailyFile(formatDailyFile(rows));
        expect(r).toEqual({ ok: true, value: rows });
      }),
      { numRuns: 200 },
    );
  });
  it('reads the dialects İYS might use', () => {
    const expected = parseDailyFile(SAMPLE);
    expect(expected.ok).toBe(true);
    const variants = [
      `creationDate;transactionId;recipient;recipientType;type;status;consentDate;source\r\n${SAMPLE.replaceAll(',', ';')}\r\n`,
      `\uFEFF${SAMPLE.replaceAll(',', ' | ')}`,
      SAMPLE.replaceAll(',', '\t'),
      `"${SAMPLE.split(',').join('","')}"\n`,
      // columns in another order, named by the header
      `source,status,type,recipientType,recipient,transactionId,creationDate,consentDate\nHS_WEB,ONAY,EPOSTA,BIREYSEL,ornek@mail.com,f26ab94c4e89,2020-10-29 23:58:53,2017-06-28 19:39:28\n`,
    ];
    for (const v of variants) expect(parseDailyFile(v), v).toEqual(expected);
  });
  it('streams across arbitrary chunk boundaries', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (rows, cuts) => {
          const text = formatDailyFile(rows);
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const reader = createDailyFileReader();
          const out: DailyFileRow[] = [];
          let last = 0;
          for (const p of points) {
            out.push(...reader.push(text.slice(last, p)));
            last = p;
          }
          out.push(...reader.push(text.slice(last)), ...reader.end());
          expect(out).toEqual(rows);
        },
      ),
      { numRuns: 100 },
    );
  });
  it('reports a malformed row with its line', () => {
    const r = parseDailyFile(`${SAMPLE}\n2020-10-29 23:58:53,x,y,BIREYSEL,FAX,ONAY,,\n`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'daily_file_row', line: 2 });
    const h = parseDailyFile('transactionId,recipient\nx,y\n');
    expect(!h.ok && h.error.code).toBe('daily_file_columns');
    expect(() => createDailyFileReader().push('bad,row\n')).toThrow(DailyFileParseError);
  });

  it('reads every date text exactly as parseIysDateTime does (fast path included)', () => {
    const two = (n: number): string => String(n).padStart(2, '0');
    const textArb = fc
      .tuple(
        fc.integer({ min: 2014, max: 2040 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
      )
      .map(([y, mo, d, h, mi, s]) => `${y}-${two(mo)}-${two(d)} ${two(h)}:${two(mi)}:${two(s)}`);
    fc.assert(
      fc.property(textArb, (text) => {
        const expected = parseIysDateTime(text);
        const r = parseDailyFile(`${text},t1,a@b.co,BIREYSEL,EPOSTA,ONAY,${text},HS_WEB\n`);
        expect(r.ok).toBe(expected.ok);
        if (r.ok && expected.ok) {
          expect(r.value[0]!.creationDate.getTime()).toBe(expected.value.getTime());
          expect(r.value[0]!.consentDate!.getTime()).toBe(expected.value.getTime());
        }
      }),
      { numRuns: 2000 },
    );
  });
  it('reads a plain line (the fast path) exactly as the general path reads it', () => {
    // The same lines twice: as given, and with an extra quoted column, which sends every line
    // through the general path (extra columns are ignored). Rows and errors must be the same.
    // Per column: common values (mostly), then odd ones (padded, malformed, general-path only).
    const pools: readonly (readonly [readonly string[], readonly string[]])[] = [
      [
        ['2026-03-16 10:00:00', '2026-03-16 23:59:59'],
        [' 2026-03-16 10:00:00', '2026-13-01 00:00:00', '2015-06-01 12:00:00', '2026-03-16T10:00:00', ''],
      ],
      [
        ['f26a', 'ğüş1', 'x y'],
        ['f26a ', ' f26a', ''],
      ],
      [
        ['+905321234567', 'a@b.co'],
        [' a@b.co', 'a@b.co ', ''],
      ],
      [
        ['BIREYSEL', 'TACIR'],
        ['bireysel', ' TACIR', 'TACIR ', ''],
      ],
      [
        ['MESAJ', 'ARAMA', 'EPOSTA'],
        ['FAX', 'MESAJ ', ''],
      ],
      [
        ['ONAY', 'RET'],
        ['onay', 'RET ', ''],
      ],
      [
        ['', '2026-03-01 08:30:00'],
        ['2016-09-01 08:30:00', '2026-02-30 08:30:00', ' 2026-03-01 08:30:00'],
      ],
      [
        ['', 'HS_WEB', 'IYS_MOBIL', 'HS_MESAJ'],
        ['BAD', 'HS_WEB ', ' HS_WEB'],
      ],
    ];
    const lineArb = fc.tuple(
      ...pools.map(([common, odd]) =>
        fc.oneof(
          { arbitrary: fc.constantFrom(...common), weight: 30 },
          { arbitrary: fc.constantFrom(...odd), weight: 1 },
        ),
      ),
    );
    const fileArb = fc.record({
      delimiter: fc.constantFrom(',', ';', '|', '\t'),
      eol: fc.constantFrom('\n', '\r\n'),
      header: fc.constantFrom('none', 'documented', 'shuffled'),
      perm: fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7], { minLength: 8, maxLength: 8 }),
      lines: fc.array(lineArb, { minLength: 1, maxLength: 12 }),
    });
    const outcome = (text: string) => {
      const r = parseDailyFile(text);
      return r.ok ? { rows: r.value } : { error: [r.error.code, r.error.line] };
    };
    fc.assert(
      fc.property(fileArb, ({ delimiter, eol, header, perm, lines }) => {
        const order = header === 'shuffled' ? perm : [0, 1, 2, 3, 4, 5, 6, 7];
        const head = header === 'none' ? [] : [order.map((i) => DAILY_FILE_COLUMNS[i]).join(delimiter)];
        const body = lines.map((l) => order.map((i) => l[i]).join(delimiter));
        const plain = [...head, ...body].map((l) => `${l}${eol}`).join('');
        const general = [...head, ...body.map((l) => `${l}${delimiter}""`)].map((l) => `${l}${eol}`).join('');
        expect(outcome(plain)).toEqual(outcome(general));
      }),
      { numRuns: 1000 },
    );
  });
});
