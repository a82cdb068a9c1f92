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
  if (
    text.length !== 19 ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 32 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  ) {
    return undefined;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
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

  return {
    push(chunk: string): DailyFileRow[] {
      buffer += chunk;
      const out: DailyFileRow[] = [];
      let nl = buffer.indexOf('\n');
      let start = 0;
      while (nl >= 0) {
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
