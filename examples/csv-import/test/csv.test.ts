import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordsArb, toCsv } from '@izinkit/test-utils/csv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CsvParser,
  csvField,
  type Delimiter,
  detectDelimiter,
  detectEncoding,
  readCsvFile,
} from '../src/csv.js';

function parse(text: string, delimiter: Delimiter, cuts: readonly number[] = []): string[][] {
  const out: string[][] = [];
  const p = new CsvParser(delimiter, (r) => out.push(r));
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    p.push(text.slice(at, c));
    at = c;
  }
  p.push(text.slice(at));
  p.end();
  return out;
}

// Windows-1254 bytes of a string (the letters a Turkish Excel export holds).
const CP1254: Record<string, number> = {
  ş: 0xfe,
  Ş: 0xde,
  ı: 0xfd,
  İ: 0xdd,
  ğ: 0xf0,
  Ğ: 0xd0,
  ç: 0xe7,
  Ç: 0xc7,
  ö: 0xf6,
  Ö: 0xd6,
  ü: 0xfc,
  Ü: 0xdc,
};
function cp1254(text: string): Buffer {
  return Buffer.from(
    [...text].map((ch) => {
      const b = CP1254[ch] ?? ch.charCodeAt(0);
      if (b > 0xff) throw new Error(`no cp1254 byte for ${ch}`);
      return b;
    }),
  );
}

describe('CsvParser', () => {
  it('reads back what an independent writer wrote, however the text is cut into chunks', () => {
    fc.assert(
      fc.property(
        recordsArb,
        fc.constantFrom<Delimiter>(',', ';', '\t'),
        fc.constantFrom<'\n' | '\r\n' | '\r'>('\n', '\r\n', '\r'),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 6 }),
        (records, delimiter, eol, bom, quoteAll, cutSeeds) => {
          // recordsArb never makes a record of one empty field (a blank line, which is skipped).
          const text = toCsv(records, { delimiter, eol, bom, quoteAll });
          const cuts = cutSeeds.map((n) => n % (text.length + 1));
          expect(parse(text, delimiter, cuts)).toEqual(records);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('skips blank lines, keeps a last line without a line break, and treats stray quotes as text', () => {
    expect(parse('a;b\r\n\r\n1;2\n\n3;"x""y"\n4;ab"c\n5;"q"r', ';')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', 'x"y'],
      ['4', 'ab"c'],
      ['5', 'qr'],
    ]);
  });

  it('detects the delimiter', () => {
    expect(detectDelimiter('Ad;Telefon;Durum\nAli;0532;Evet\n')).toBe(';');
    expect(detectDelimiter('name,phone,status\n"Yılmaz, Ali",0532,yes\n')).toBe(',');
    expect(detectDelimiter('ad\ttel\nAli\t0532\n')).toBe('\t');
    // A `;` inside a quoted field does not count.
    expect(detectDelimiter('a,b\n"x;y;z",1\n"p;q",2\n')).toBe(',');
  });

  it('detects UTF-8 and Windows-1254', () => {
    expect(detectEncoding(Buffer.from('Ayşe Işık;Çağrı', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(cp1254('Ayşe Işık;Çağrı'))).toBe('windows-1254');
    expect(detectEncoding(Buffer.from('plain ascii'))).toBe('utf-8');
    // A UTF-8 sequence cut at the end of the sample is still UTF-8.
    expect(detectEncoding(Buffer.from('abş', 'utf8').subarray(0, 3))).toBe('utf-8');
  });

  it('reads a file in UTF-8 with a BOM, UTF-8 without, and Windows-1254 alike', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-import-'));
    const text = 'Ad Soyad;Durum\r\nŞule Işık;Evet\r\n"Çağrı; Öz";Hayır\r\n';
    const expected = [
      ['Ad Soyad', 'Durum'],
      ['Şule Işık', 'Evet'],
      ['Çağrı; Öz', 'Hayır'],
    ];
    const files = {
      bom: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
      utf8: Buffer.from(text, 'utf8'),
      cp1254: cp1254(text),
    };
    for (const [name, bytes] of Object.entries(files)) {
      const path = join(dir, `${name}.csv`);
      writeFileSync(path, bytes);
      const rows: string[][] = [];
      const info = await readCsvFile(path, (r) => rows.push(r));
      expect(rows, name).toEqual(expected);
      expect(info.delimiter).toBe(';');
      expect(info.encoding).toBe(name === 'cp1254' ? 'windows-1254' : 'utf-8');
    }
  });
});

describe('csvField', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvField('Ali', ';')).toBe('Ali');
    expect(csvField('a;b', ';')).toBe('"a;b"');
    expect(csvField('a,b', ';')).toBe('a,b');
    expect(csvField('say "hi"', ',')).toBe('"say ""hi"""');
    expect(csvField('=SUM(A1)', ',')).toBe("'=SUM(A1)");
    expect(csvField('@cmd', ',')).toBe("'@cmd");
    expect(csvField('+905321234567', ',')).toBe('+905321234567');
    expect(csvField('-12', ',')).toBe('-12');
  });
});

describe('csvField without defusing', () => {
  it('only quotes', () => {
    expect(csvField('+90 532 123 45 67', ';', false)).toBe('+90 532 123 45 67');
    expect(csvField('=1;2', ';', false)).toBe('"=1;2"');
  });
});
