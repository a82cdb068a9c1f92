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
  CONSENT_STATUSES,
  CONSENT_TYPES,
  type ConsentSource,
  ConsentSourceSchema,
  type ConsentStatus,
  type ConsentType,
  RECIPIENT_TYPES,
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

  const fail = (code: DailyFileErrorCode, en: string, tr: string, input: string): never => {
    throw new DailyFileParseError({ code, message: `${tr} / ${en}`, line: lineNo, input });
  };

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
    const get = (i: number): string => f[order![i]!] ?? '';
    const bad = (what: string): never => fail('daily_file_row', `invalid ${what}`, `geçersiz ${what}`, line);
    const creation = parseIysDateTime(get(0));
    if (!creation.ok) bad('creationDate');
    const transactionId = get(1);
    if (!transactionId) bad('transactionId');
    const recipient = get(2);
    if (!recipient) bad('recipient');
    const recipientType = get(3) as RecipientType;
    if (!RECIPIENT_TYPES.includes(recipientType)) bad('recipientType');
    const type = get(4) as ConsentType;
    if (!CONSENT_TYPES.includes(type)) bad('type');
    const status = get(5) as ConsentStatus;
    if (!CONSENT_STATUSES.includes(status)) bad('status');
    let consentDate: Date | undefined;
    if (get(6)) {
      const c = parseIysDateTime(get(6));
      if (!c.ok) bad('consentDate');
      else consentDate = c.value;
    }
    let source: ConsentSource | undefined;
    if (get(7)) {
      const s = ConsentSourceSchema.safeParse(get(7));
      if (!s.success) bad('source');
      else source = s.data;
    }
    out.push({
      creationDate: (creation as { value: Date }).value,
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
