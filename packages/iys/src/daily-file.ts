/**
 * The daily change file (`GET …/changes/{reportDate}/file`, "izin hareket dosyası"): one row per
 * consent change of a brand on one day, with the columns `creationDate, transactionId, recipient,
 * recipientType, type, status, consentDate, source`.
 *
 * İYS publishes the columns but not the CSV dialect (delimiter, header row). izinkit writes a
 * header row, commas and `\n` (RFC 4180 quoting where needed), and reads any of `,` `;` `|` or tab,
 * with or without a header (columns are then taken in the documented order), with `\r\n`, a BOM
 * and padded fields.
 */
import { formatIysDateTime, parseIysDateTime } from './datetime.js';
import type { IysResult } from './result.js';
import {
  type ConsentSource,
  ConsentSourceSchema,
  type ConsentStatus,
  type ConsentType,
  type RecipientType,
} from './vocabulary.js';

/** The columns of the daily file, in İYS's documented order. */
export const DAILY_FILE_COLUMNS = [
  'creationDate',
  'transactionId',
  'recipient',
  'recipientType',
  'type',
  'status',
  'consentDate',
  'source',
] as const;

/**
 * One row of the daily file.
 *
 * @example
 * ```ts
 * const row: DailyFileRow = {
 *   creationDate: new Date('2020-10-29T20:58:53Z'), transactionId: 'f26a…', recipient: 'ornek@mail.com',
 *   recipientType: 'BIREYSEL', type: 'EPOSTA', status: 'ONAY', consentDate: new Date('2017-06-28T16:39:28Z'), source: 'HS_WEB',
 * };
 * ```
 */
export interface DailyFileRow {
  /** When İYS recorded the change. */
  readonly creationDate: Date;
  /** İYS's id of the change. */
  readonly transactionId: string;
  /** Recipient. */
  readonly recipient: string;
  /** Recipient type. */
  readonly recipientType: RecipientType;
  /** Channel. */
  readonly type: ConsentType;
  /** New status. */
  readonly status: ConsentStatus;
  /** When the consent was given (may be empty for TACIR). */
  readonly consentDate: Date | undefined;
  /** Source (may be empty for TACIR). */
  readonly source: ConsentSource | undefined;
}

function quote(value: string): string {
  return /[",;|\t\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Writes daily-file rows as izinkit's CSV dialect: a header row, comma-separated, `\n` after
 * every line. The bytes of this string (UTF-8) are what the simulator serves and hashes.
 *
 * @example
 * ```ts
 * formatDailyFile([]); // 'creationDate,transactionId,recipient,recipientType,type,status,consentDate,source\n'
 * ```
 */
export function formatDailyFile(rows: readonly DailyFileRow[]): string {
  const out: string[] = [`${DAILY_FILE_COLUMNS.join(',')}\n`];
  for (const r of rows) {
    out.push(
      `${formatIysDateTime(r.creationDate)},${quote(r.transactionId)},${quote(r.recipient)},${r.recipientType},${r.type},${r.status},${
        r.consentDate ? formatIysDateTime(r.consentDate) : ''
      },${r.source ?? ''}\n`,
    );
  }
  return out.join('');
}

/** Stable codes of {@link DailyFileError}. */
export type DailyFileErrorCode = 'daily_file_columns' | 'daily_file_row';

/**
 * Why the daily file did not parse, with the 1-based line number.
 *
 * @example
 * ```ts
 * const r = parseDailyFile('x,y\n1,2\n');
 * if (!r.ok) r.error.line; // 2
 * ```
 */
export interface DailyFileError {
  /** The stable code. */
  readonly code: DailyFileErrorCode;
  /** Turkish / English message. */
  readonly message: string;
  /** 1-based line number. */
  readonly line: number;
  /** The offending line. */
  readonly input: string;
}

function splitLine(line: string, delimiter: string): string[] {
  if (!line.includes('"')) {
    // Fast path (no quoting): one split, trimming only the fields that need it.
    const parts = line.split(delimiter);
    for (let k = 0; k < parts.length; k++) {
      const p = parts[k]!;
      if (p.length > 0 && (p.charCodeAt(0) <= 32 || p.charCodeAt(p.length - 1) <= 32)) parts[k] = p.trim();
    }
    return parts;
  }
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else value += line[i++];
      }
      const next = line.indexOf(delimiter, i);
      fields.push(value + (next < 0 ? line.slice(i) : line.slice(i, next)).trim());
      if (next < 0) break;
      i = next + 1;
    } else {
      const next = line.indexOf(delimiter, i);
      fields.push((next < 0 ? line.slice(i) : line.slice(i, next)).trim());
      if (next < 0) break;
      i = next + 1;
    }
  }
  return fields;
}

const DELIMITERS = [',', ';', '|', '\t'] as const;

const DIGIT0 = 48;
const TR_FIXED_FROM = Date.UTC(2016, 8, 6, 21, 0, 0); // Türkiye has been UTC+3 all year since then
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - DIGIT0;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * `YYYY-MM-DD HH:mm:ss` (Türkiye) to epoch ms without allocating, for the common case (a valid
 * date after September 2016, when Türkiye's offset became a fixed +03:00). `undefined` sends the
 * caller to {@link parseIysDateTime}, which handles every other case and reports errors.
 */
function fastInstant(text: string): number | undefined {
  return text.length === 19 ? fastInstantAt(text, 0) : undefined;
}

/** {@link fastInstant} of the 19 characters of `text` from `at`. */
function fastInstantAt(text: string, at: number): number | undefined {
  if (
    text.charCodeAt(at + 4) !== 45 ||
    text.charCodeAt(at + 7) !== 45 ||
    text.charCodeAt(at + 10) !== 32 ||
    text.charCodeAt(at + 13) !== 58 ||
    text.charCodeAt(at + 16) !== 58
  ) {
    return undefined;
  }
  const year = digits(text, at, 4);
  const month = digits(text, at + 5, 2);
  const day = digits(text, at + 8, 2);
  const hour = digits(text, at + 11, 2);
  const minute = digits(text, at + 14, 2);
  const second = digits(text, at + 17, 2);
  if (year < 2017 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return undefined;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS[month - 1]! + (leap ? 1 : 0)) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - 3 * 3_600_000;
  return ms >= TR_FIXED_FROM ? ms : undefined;
}

/**
 * An incremental daily-file reader: feed it text chunks as they arrive, get the complete rows
 * back. Throws a {@link DailyFileParseError} on a malformed line.
 *
 * @example
 * ```ts
 * const reader = createDailyFileReader();
 * const rows = [...reader.push('creationDate,transactionId,recipient,recipientType,type,status,consentDate,source\n'), ...reader.end()];
 * rows.length; // 0
 * ```
 */
export interface DailyFileReader {
  /** Feeds a chunk of text; returns the rows completed by it. */
  push(chunk: string): DailyFileRow[];
  /** Ends the input; returns the last row if the file did not end with a newline. */
  end(): DailyFileRow[];
}

/**
 * A malformed daily file, thrown by {@link DailyFileReader}; carries the {@link DailyFileError}.
 *
 * @example
 * ```ts
 * try { createDailyFileReader().push('garbage\nmore garbage\n'); } catch (e) { if (e instanceof DailyFileParseError) e.detail.line; }
 * ```
 */
export class DailyFileParseError extends Error {
  /** The stable code. */
  readonly code: DailyFileErrorCode;
  /** The error as a value. */
  readonly detail: DailyFileError;
  /**
   * @param detail - what went wrong, where
   */
  constructor(detail: DailyFileError) {
    super(detail.message);
    this.name = 'DailyFileParseError';
    this.code = detail.code;
    this.detail = detail;
    Object.defineProperty(this, Symbol.for('izinkit.error'), { value: true });
  }
}

/**
 * Creates a {@link DailyFileReader}.
 *
 * @example
 * ```ts
 * const reader = createDailyFileReader();
 * for (const row of reader.push(text)) console.log(row.transactionId);
 * reader.end();
 * ```
 */
export function createDailyFileReader(): DailyFileReader {
  let buffer = '';
  let lineNo = 0;
  let delimiter: string | undefined;
  let order: number[] | undefined; // order[i] = field index of DAILY_FILE_COLUMNS[i]

  // Sources repeat: check each distinct text once (bounded, so memory stays flat on any file).
  const sources = new Map<string, ConsentSource | null>();
  const dateOf = (text: string): Date | undefined => {
    const fast = fastInstant(text);
    if (fast !== undefined) return new Date(fast);
    const r = parseIysDateTime(text);
    return r.ok ? r.value : undefined;
  };
  const sourceOf = (text: string): ConsentSource | null => {
    let cached = sources.get(text);
    if (cached === undefined) {
      const s = ConsentSourceSchema.safeParse(text);
      cached = s.success ? s.data : null;
      if (sources.size < 1000) sources.set(text, cached);
    }
    return cached;
  };

  const fail = (code: DailyFileErrorCode, en: string, tr: string, input: string): never => {
    throw new DailyFileParseError({ code, message: `${tr} / ${en}`, line: lineNo, input });
  };

  const bad = (what: string, line: string): never =>
    fail('daily_file_row', `invalid ${what}`, `geçersiz ${what}`, line);

  const handle = (raw: string, out: DailyFileRow[]): void => {
    lineNo++;
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.trim() === '') return;
    if (delimiter === undefined) {
      delimiter = DELIMITERS.find((d) => line.includes(d)) ?? ',';
      const names = splitLine(line, delimiter).map((f) => f.toLowerCase());
      if (names.includes('transactionid')) {
        order = DAILY_FILE_COLUMNS.map((c) => names.indexOf(c.toLowerCase()));
        if (order.some((i) => i < 0)) {
          fail(
            'daily_file_columns',
            'header lacks a documented column',
            'Başlık satırında eksik sütun var',
            line,
          );
        }
        return;
      }
      order = DAILY_FILE_COLUMNS.map((_, i) => i);
    }
    const f = splitLine(line, delimiter);
    const o = order!;
    const creationDate = dateOf(f[o[0]!] ?? '');
    if (creationDate === undefined) bad('creationDate', line);
    const transactionId = f[o[1]!] ?? '';
    if (!transactionId) bad('transactionId', line);
    const recipient = f[o[2]!] ?? '';
    if (!recipient) bad('recipient', line);
    const recipientType = (f[o[3]!] ?? '') as RecipientType;
    if (recipientType !== 'BIREYSEL' && recipientType !== 'TACIR') bad('recipientType', line);
    const type = (f[o[4]!] ?? '') as ConsentType;
    if (type !== 'MESAJ' && type !== 'ARAMA' && type !== 'EPOSTA') bad('type', line);
    const status = (f[o[5]!] ?? '') as ConsentStatus;
    if (status !== 'ONAY' && status !== 'RET') bad('status', line);
    const consentText = f[o[6]!] ?? '';
    let consentDate: Date | undefined;
    if (consentText) {
      consentDate = dateOf(consentText);
      if (consentDate === undefined) bad('consentDate', line);
    }
    const sourceText = f[o[7]!] ?? '';
    let source: ConsentSource | undefined;
    if (sourceText) {
      const s = sourceOf(sourceText);
      if (s === null) bad('source', line);
      else source = s;
    }
    out.push({
      creationDate: creationDate as Date,
      transactionId,
      recipient,
      recipientType,
      type,
      status,
      consentDate,
      source,
    });
  };

  // The fast path: a plain line (no quote, no padding, every field valid in its common form) is
  // read straight from the buffer, without slicing the line or splitting it. Anything else goes
  // through `handle`, which accepts or reports it exactly as before.
  const bounds = new Int32Array(DAILY_FILE_COLUMNS.length + 1);
  const knownSources: [text: string, value: ConsentSource][] = [];
  const starts = new Int32Array(DAILY_FILE_COLUMNS.length);
  const ends = new Int32Array(DAILY_FILE_COLUMNS.length);
  /** Parses the line `text[start, end)` into `out`; false when it needs the general path. */
  const fast = (text: string, start: number, end: number, out: DailyFileRow[]): boolean => {
    const d = delimiter;
    if (d === undefined || lineNo === 0) return false;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    const cols = DAILY_FILE_COLUMNS.length;
    bounds[0] = start;
    let at = start;
    for (let k = 1; k < cols; k++) {
      const next = text.indexOf(d, at);
      if (next < 0 || next >= end) return false;
      bounds[k] = next + 1;
      at = next + 1;
    }
    const extra = text.indexOf(d, at);
    if (extra >= 0 && extra < end) return false; // more columns than documented
    bounds[cols] = end + 1;
    const o = order!;
    for (let c = 0; c < cols; c++) {
      const a = bounds[o[c]!]!;
      const b = bounds[o[c]! + 1]! - 1;
      if (b > a && (text.charCodeAt(a) <= 32 || text.charCodeAt(b - 1) <= 32)) return false;
      starts[c] = a;
      ends[c] = b;
    }
    // creationDate
    let a = starts[0]!;
    if (ends[0]! - a !== 19) return false;
    const creation = fastInstantAt(text, a);
    if (creation === undefined) return false;
    // transactionId, recipient
    const idFrom = starts[1]!;
    const idTo = ends[1]!;
    const recFrom = starts[2]!;
    const recTo = ends[2]!;
    if (idTo === idFrom || recTo === recFrom) return false;
    // recipientType
    a = starts[3]!;
    let len = ends[3]! - a;
    let recipientType: RecipientType;
    if (len === 8 && text.startsWith('BIREYSEL', a)) recipientType = 'BIREYSEL';
    else if (len === 5 && text.startsWith('TACIR', a)) recipientType = 'TACIR';
    else return false;
    // type
    a = starts[4]!;
    len = ends[4]! - a;
    let type: ConsentType;
    if (len === 5 && text.startsWith('MESAJ', a)) type = 'MESAJ';
    else if (len === 5 && text.startsWith('ARAMA', a)) type = 'ARAMA';
    else if (len === 6 && text.startsWith('EPOSTA', a)) type = 'EPOSTA';
    else return false;
    // status
    a = starts[5]!;
    len = ends[5]! - a;
    let status: ConsentStatus;
    if (len === 4 && text.startsWith('ONAY', a)) status = 'ONAY';
    else if (len === 3 && text.startsWith('RET', a)) status = 'RET';
    else return false;
    // consentDate
    a = starts[6]!;
    len = ends[6]! - a;
    let consent: number | undefined;
    if (len !== 0) {
      if (len !== 19) return false;
      consent = fastInstantAt(text, a);
      if (consent === undefined) return false;
    }
    // source
    a = starts[7]!;
    len = ends[7]! - a;
    let source: ConsentSource | undefined;
    if (len !== 0) {
      for (let k = 0; k < knownSources.length; k++) {
        const [t, v] = knownSources[k]!;
        if (t.length === len && text.startsWith(t, a)) {
          source = v;
          break;
        }
      }
      if (source === undefined) {
        const t = text.slice(a, a + len);
        const v = sourceOf(t);
        if (v === null) return false;
        if (knownSources.length < 32) knownSources.push([t, v]);
        source = v;
      }
    }
    lineNo++;
    out.push({
      creationDate: new Date(creation),
      transactionId: text.slice(idFrom, idTo),
      recipient: text.slice(recFrom, recTo),
      recipientType,
      type,
      status,
      consentDate: consent === undefined ? undefined : new Date(consent),
      source,
    });
    return true;
  };

  return {
    push(chunk: string): DailyFileRow[] {
      buffer += chunk;
      const out: DailyFileRow[] = [];
      let nl = buffer.indexOf('\n');
      let start = 0;
      // A quote anywhere in a line sends it to the general path.
      let quote = buffer.indexOf('"');
      while (nl >= 0) {
        if (quote >= 0 && quote < start) quote = buffer.indexOf('"', start);
        if (!((quote < 0 || quote > nl) && fast(buffer, start, nl, out)))
          handle(buffer.slice(start, nl), out);
        start = nl + 1;
        nl = buffer.indexOf('\n', start);
      }
      buffer = buffer.slice(start);
      return out;
    },
    end(): DailyFileRow[] {
      const out: DailyFileRow[] = [];
      if (buffer.length > 0) handle(buffer, out);
      buffer = '';
      return out;
    },
  };
}

/**
 * Parses a whole daily file. Never throws.
 *
 * @example
 * ```ts
 * const r = parseDailyFile('2020-10-29 23:58:53,f26a,ornek@mail.com,BIREYSEL,EPOSTA,ONAY,2017-06-28 19:39:28,HS_WEB\n');
 * if (r.ok) r.value[0]?.source; // 'HS_WEB'
 * ```
 */
export function parseDailyFile(text: string): IysResult<DailyFileRow[], DailyFileError> {
  const reader = createDailyFileReader();
  try {
    return { ok: true, value: [...reader.push(text), ...reader.end()] };
  } catch (e) {
    if (e instanceof DailyFileParseError) return { ok: false, error: e.detail };
    throw e;
  }
}
