/**
 * A streaming CSV reader for legacy spreadsheets: `,`, `;` or tab (detected), quoted fields with
 * `""` escapes and line breaks inside quotes, a UTF-8 byte-order mark, CRLF / LF / CR line ends,
 * and UTF-8 or Windows-1254 text (what Turkish Excel writes; detected, or told).
 *
 * It is push-based: feed text chunks with {@link CsvParser.push}, get each record through a
 * callback. No record is held longer than it takes to read it, so memory does not grow with the
 * file.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { TextDecoder } from 'node:util';

/**
 * A field delimiter the reader detects.
 *
 * @example
 * ```ts
 * const d: Delimiter = ';';
 * ```
 */
export type Delimiter = ',' | ';' | '\t';

/**
 * The text encodings the reader decodes.
 *
 * @example
 * ```ts
 * const e: CsvEncoding = 'windows-1254';
 * ```
 */
export type CsvEncoding = 'utf-8' | 'windows-1254';

const DELIMITERS: readonly Delimiter[] = [';', '\t', ','];

/**
 * Picks the delimiter of a CSV text from its first lines: the candidate that appears (outside
 * quotes) on the header line and the same number of times on most of the following lines. Ties go
 * to `;`, then tab, then `,` (a Turkish Excel export uses `;`, because `,` is the decimal mark).
 *
 * @example
 * ```ts
 * detectDelimiter('ad;telefon\nAli;0532 123 45 67\n'); // ';'
 * detectDelimiter('name,phone\n"Yılmaz, Ali",05321234567\n'); // ','
 * ```
 */
export function detectDelimiter(sample: string): Delimiter {
  const lines = splitSampleLines(sample, 20);
  let best: Delimiter = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const head = counts[0] ?? 0;
    if (head === 0) continue;
    const rest = counts.slice(1);
    const agree = rest.length === 0 ? 1 : rest.filter((c) => c === head).length / rest.length;
    const score = agree * 1000 + Math.min(head, 999);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

// Lines of the sample, with quoted line breaks kept inside their line; the last (possibly cut)
// line is dropped when there are others.
function splitSampleLines(sample: string, max: number): string[] {
  const lines: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < sample.length && lines.length < max; i++) {
    const c = sample.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (!inQuotes && (c === 10 || c === 13)) {
      if (i > start) lines.push(sample.slice(start, i));
      start = i + 1;
    }
  }
  if (lines.length === 0 && start < sample.length) lines.push(sample.slice(start));
  return lines.filter((l) => l.trim() !== '');
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let inQuotes = false;
  const code = d.charCodeAt(0);
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (c === code && !inQuotes) n++;
  }
  return n;
}

/**
 * Whether a byte sample is valid UTF-8 (a sequence cut at the end of the sample is allowed);
 * otherwise the reader takes it as Windows-1254, the Turkish code page Excel writes.
 *
 * @example
 * ```ts
 * detectEncoding(Buffer.from('Ayşe', 'utf8')); // 'utf-8'
 * detectEncoding(Buffer.from([0x41, 0x79, 0xfe, 0x65])); // 'windows-1254' ("Ayşe" in cp1254)
 * ```
 */
export function detectEncoding(sample: Uint8Array): CsvEncoding {
  let i = 0;
  const n = sample.length;
  while (i < n) {
    const b = sample[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return 'windows-1254';
    for (let k = 1; k < len; k++) {
      if (i + k >= n) return 'utf-8'; // cut at the end of the sample
      const c = sample[i + k]!;
      if (c < 0x80 || c > 0xbf) return 'windows-1254';
    }
    i += len;
  }
  return 'utf-8';
}

/**
 * The push parser. Call {@link CsvParser.push} with consecutive chunks of text and
 * {@link CsvParser.end} once at the end; `onRecord` receives every record (an array of fields) with
 * its ordinal (1 = the first record, usually the header). Blank lines are skipped (they still
 * count as lines, not as records). A quote inside an unquoted field is kept as a character, and
 * text after a closing quote is appended to the field — what spreadsheet programs do.
 *
 * @example
 * ```ts
 * const rows: string[][] = [];
 * const p = new CsvParser(';', (fields) => rows.push(fields));
 * p.push('\uFEFFad;not\r\nAli;"çok ""özel""\r\nsatır"\r\n');
 * p.end();
 * rows; // [['ad', 'not'], ['Ali', 'çok "özel"\r\nsatır']]
 * ```
 */
export class CsvParser {
  private readonly delim: number;
  private field = '';
  private record: string[] = [];
  private inQuotes = false;
  /** A `"` ended the previous chunk inside a quoted field: escape or close, decided by the next char. */
  private quotePending = false;
  /** A CR ended the previous chunk: skip a LF at the start of the next one. */
  private crPending = false;
  private started = false;
  private fieldStart = true;
  private count = 0;

  /**
   * @param delimiter - the field delimiter.
   * @param onRecord - called with each record and its ordinal (1-based).
   */
  constructor(
    delimiter: Delimiter,
    private readonly onRecord: (fields: string[], ordinal: number) => void,
  ) {
    this.delim = delimiter.charCodeAt(0);
  }

  /** Records emitted so far. */
  get records(): number {
    return this.count;
  }

  /** Feeds the next chunk of text. */
  push(chunk: string): void {
    let i = 0;
    const n = chunk.length;
    if (n === 0) return;
    if (!this.started) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    if (this.crPending) {
      this.crPending = false;
      if (i < n && chunk.charCodeAt(i) === 10) i++;
    }
    if (this.quotePending) {
      this.quotePending = false;
      if (i < n && chunk.charCodeAt(i) === 34) {
        this.field += '"';
        i++;
      } else {
        this.inQuotes = false;
      }
    }
    const d = this.delim;
    while (i < n) {
      if (this.inQuotes) {
        const q = chunk.indexOf('"', i);
        if (q < 0) {
          this.field += chunk.slice(i);
          return;
        }
        this.field += chunk.slice(i, q);
        if (q + 1 >= n) {
          this.quotePending = true;
          return;
        }
        if (chunk.charCodeAt(q + 1) === 34) {
          this.field += '"';
          i = q + 2;
        } else {
          this.inQuotes = false;
          i = q + 1;
        }
        continue;
      }
      if (this.fieldStart && chunk.charCodeAt(i) === 34) {
        this.inQuotes = true;
        this.fieldStart = false;
        i++;
        continue;
      }
      // Unquoted text up to the next delimiter or line end.
      let j = i;
      let c = 0;
      for (; j < n; j++) {
        c = chunk.charCodeAt(j);
        if (c === d || c === 10 || c === 13) break;
      }
      if (j > i) this.field = this.field === '' ? chunk.slice(i, j) : this.field + chunk.slice(i, j);
      if (j >= n) {
        this.fieldStart = false;
        return;
      }
      if (c === d) {
        this.record.push(this.field);
        this.field = '';
        this.fieldStart = true;
        i = j + 1;
        continue;
      }
      // Line end.
      this.endRecord();
      if (c === 13) {
        if (j + 1 >= n) {
          this.crPending = true;
          return;
        }
        i = chunk.charCodeAt(j + 1) === 10 ? j + 2 : j + 1;
      } else {
        i = j + 1;
      }
    }
  }

  /** Flushes the last record (a file need not end with a line break). */
  end(): void {
    if (this.quotePending) {
      this.quotePending = false;
      this.inQuotes = false;
    }
    if (this.inQuotes || this.field !== '' || this.record.length > 0) this.endRecord();
    this.inQuotes = false;
  }

  private endRecord(): void {
    this.record.push(this.field);
    const rec = this.record;
    this.record = [];
    this.field = '';
    this.fieldStart = true;
    if (rec.length === 1 && rec[0] === '') return; // blank line
    this.count++;
    this.onRecord(rec, this.count);
  }
}

/**
 * Options of {@link readCsvFile}.
 *
 * @example
 * ```ts
 * const o: ReadCsvOptions = { delimiter: ';', encoding: 'utf-8' };
 * ```
 */
export interface ReadCsvOptions {
  /** The delimiter; detected from the first 64 KiB when absent. */
  readonly delimiter?: Delimiter | undefined;
  /** The encoding; detected from the first 64 KiB when absent. */
  readonly encoding?: CsvEncoding | undefined;
  /** Called with each raw chunk of bytes, before it is decoded (to hash the file, say). */
  readonly onChunk?: ((bytes: Uint8Array) => void) | undefined;
  /** Awaited after each chunk is parsed (back-pressure for whoever consumes the records). */
  readonly afterChunk?: (() => Promise<unknown> | undefined) | undefined;
  /** Called after each chunk with the bytes read so far and the file's size. */
  readonly onProgress?: ((bytesRead: number, totalBytes: number) => void) | undefined;
  /** Stops reading (the promise then rejects with the signal's reason). */
  readonly signal?: AbortSignal | undefined;
}

/**
 * What {@link readCsvFile} found out about a file.
 *
 * @example
 * ```ts
 * const info: CsvFileInfo = { delimiter: ';', encoding: 'utf-8', records: 1001, bytes: 52_000 };
 * ```
 */
export interface CsvFileInfo {
  /** The delimiter used. */
  readonly delimiter: Delimiter;
  /** The encoding used. */
  readonly encoding: CsvEncoding;
  /** Records read (the header included). */
  readonly records: number;
  /** File size in bytes. */
  readonly bytes: number;
}

/**
 * Streams a CSV file through a {@link CsvParser}: 1 MiB chunks, decoded incrementally (a character
 * split between chunks is joined), records handed to `onRecord` as they complete.
 *
 * @example
 * ```ts
 * const info = await readCsvFile('consents.csv', (fields, ordinal) => console.log(ordinal, fields));
 * info.delimiter; // ';'
 * ```
 */
export async function readCsvFile(
  path: string,
  onRecord: (fields: string[], ordinal: number) => void,
  options: ReadCsvOptions = {},
): Promise<CsvFileInfo> {
  const { size } = await stat(path);
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  let decoder: TextDecoder | undefined;
  let parser: CsvParser | undefined;
  let delimiter: Delimiter | undefined = options.delimiter;
  let encoding: CsvEncoding | undefined = options.encoding;
  let read = 0;
  const abort = (): void => {
    stream.destroy(options.signal?.reason instanceof Error ? options.signal.reason : new Error('aborted'));
  };
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      read += chunk.length;
      options.onChunk?.(chunk);
      if (decoder === undefined) {
        encoding ??= detectEncoding(chunk.subarray(0, 1 << 16));
        decoder = new TextDecoder(encoding);
      }
      const text = decoder.decode(chunk, { stream: true });
      if (parser === undefined) {
        delimiter ??= detectDelimiter(text.slice(0, 1 << 16));
        parser = new CsvParser(delimiter, onRecord);
      }
      parser.push(text);
      options.onProgress?.(read, size);
      const wait = options.afterChunk?.();
      if (wait !== undefined) await wait;
    }
    if (decoder !== undefined && parser !== undefined) {
      const tail = decoder.decode();
      if (tail !== '') parser.push(tail);
      parser.end();
    }
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
  if (options.signal?.aborted) throw options.signal.reason;
  return {
    delimiter: delimiter ?? ',',
    encoding: encoding ?? 'utf-8',
    records: parser?.records ?? 0,
    bytes: size,
  };
}

/**
 * Quotes a field for CSV output when it needs it (the delimiter, a quote, a line break, or leading
 * or trailing spaces); a field starting with `=`, `+`, `-` or `@` is prefixed with `'` so that a
 * spreadsheet does not run it as a formula (CSV injection) — except for E.164 phone numbers and
 * plain numbers. `defuse: false` only quotes (for text that goes inside another cell).
 *
 * @example
 * ```ts
 * csvField('Ali', ','); // 'Ali'
 * csvField('Yılmaz, Ali', ','); // '"Yılmaz, Ali"'
 * csvField('=HYPERLINK("x")', ','); // `"'=HYPERLINK(""x"")"`
 * csvField('+905321234567', ','); // '+905321234567'
 * csvField('+90 532 123 45 67', ',', false); // '+90 532 123 45 67'
 * ```
 */
export function csvField(value: string, delimiter: Delimiter, defuse = true): string {
  let v = value;
  const first = v.charCodeAt(0);
  if (
    defuse &&
    (first === 61 || first === 43 || first === 45 || first === 64) &&
    !/^\+[0-9]{7,15}$/.test(v) &&
    !/^-?[0-9]+(?:[.,][0-9]+)?$/.test(v)
  ) {
    v = `'${v}`;
  }
  if (
    v.includes('"') ||
    v.includes(delimiter) ||
    v.includes('\n') ||
    v.includes('\r') ||
    (v.length > 0 && (v[0] === ' ' || v[v.length - 1] === ' '))
  ) {
    return `"${v.replaceAll('"', '""')}"`;
  }
  return v;
}
