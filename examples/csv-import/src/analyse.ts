/**
 * Pass 1 of the import, and the part the speed target is about: stream the file, read each row's
 * columns, normalise the recipient (@izinkit/identity, through the consent key of
 * @izinkit/consent), validate the decision with the consent machine, and merge duplicates per
 * consent key (latest consent date wins) in the compact {@link KeyTable}. Nothing is uploaded here.
 */
import { createHash } from 'node:crypto';
import {
  type ConsentError,
  consentError,
  consentKey,
  initialState,
  type RejectionCode,
  transition,
} from '@izinkit/consent';
import { parseTckn, type RecipientError } from '@izinkit/identity';
import {
  type ConsentStatus,
  type ConsentType,
  PROVIDER_SOURCES,
  type ProviderSource,
  type RecipientType,
} from '@izinkit/iys';
import { type ColumnLayout, type Field, resolveColumns } from './columns.js';
import { type CsvEncoding, type CsvFileInfo, type Delimiter, readCsvFile } from './csv.js';
import {
  FLAG_PERSON_CONFLICT,
  FLAG_RET,
  FLAG_SEEN_ONAY,
  FLAG_STATUS_CONFLICT,
  hash32,
  KeyTable,
  keyCode,
} from './key-table.js';
import { CodeRegistry, type ImportCode } from './messages.js';
import {
  foldCell,
  HS_2015_MS,
  parseChannel,
  parseConsentDate,
  parseRecipientType,
  parseSource,
  parseStatus,
} from './values.js';

/**
 * Options of {@link analyseCsv}.
 *
 * @example
 * ```ts
 * const o: AnalyseOptions = { brandCode: '600000', now: new Date(), defaultType: 'MESAJ' };
 * ```
 */
export interface AnalyseOptions {
  /** The İYS brand code the consents belong to. */
  readonly brandCode: string;
  /** The current time: the consent rules (no future dates, the 3-iş-günü window) read it. */
  readonly now: Date;
  /** Header → field overrides (`--map`), keys folded with `foldHeader`. */
  readonly columnMap?: ReadonlyMap<string, Field | 'ignore'> | undefined;
  /** The channel of rows that name none (`--default-type`). */
  readonly defaultType?: ConsentType | undefined;
  /** The source of rows that name none (`--default-source`). */
  readonly defaultSource?: ProviderSource | undefined;
  /** The recipient type of rows that name none (default `BIREYSEL`). */
  readonly defaultRecipientType?: RecipientType | undefined;
  /** Do not refuse ONAY rows older than 3 iş günü (`--send-late`). */
  readonly sendLate?: boolean | undefined;
  /** Forced delimiter. */
  readonly delimiter?: Delimiter | undefined;
  /** Forced encoding. */
  readonly encoding?: CsvEncoding | undefined;
  /** Compute the SHA-256 of the file (the resume journal checks it). */
  readonly hash?: boolean | undefined;
  /** Progress: bytes read, file size, data rows so far. */
  readonly onProgress?: ((bytesRead: number, totalBytes: number, rows: number) => void) | undefined;
  /** Stops reading. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * The outcome of pass 1. Per data row (index 0 = the first row after the header): its local
 * outcome (`rowCode`: 0 = valid, else a {@link CodeRegistry} number), its slot in the key table
 * (`rowSlot`, -1 when invalid), a warning (`rowWarning`) and its status bit (`rowRet`).
 *
 * @example
 * ```ts
 * const a = await analyseCsv('consents.csv', { brandCode: '600000', now: new Date() });
 * console.log(a.rows, a.keys.size, a.invalidRows, a.duplicateRows);
 * ```
 */
export interface Analysis {
  /** The file as read: delimiter, encoding, records, bytes. */
  readonly file: CsvFileInfo;
  /** SHA-256 of the file, when asked for. */
  readonly sha256: string | undefined;
  /** The header row. */
  readonly header: readonly string[];
  /** Which column holds what. */
  readonly columns: ColumnLayout;
  /** Data rows read. */
  readonly rows: number;
  /** The consent keys with their winning rows. */
  readonly keys: KeyTable;
  /** Outcome codes and messages. */
  readonly codes: CodeRegistry;
  /** Local outcome per row (0 = valid). */
  readonly rowCode: Uint16Array;
  /** Key slot per row (-1 = invalid row). */
  readonly rowSlot: Int32Array;
  /** Warning per row (0 = none). */
  readonly rowWarning: Uint16Array;
  /** 1 when the row's status is RET. */
  readonly rowRet: Uint8Array;
  /** Rows with a local error. */
  readonly invalidRows: number;
  /** Valid rows merged into an earlier key. */
  readonly duplicateRows: number;
  /** Keys whose rows disagree on the status. */
  readonly statusConflicts: number;
  /** Keys whose rows name different people. */
  readonly personConflicts: number;
}

/**
 * Why the file cannot be imported at all (as opposed to a row that fails).
 *
 * @example
 * ```ts
 * try { await analyseCsv('x.csv', options); } catch (e) { if (e instanceof ImportInputError) console.error(e.code); }
 * ```
 */
export class ImportInputError extends Error {
  /** `empty_file`, `no_recipient_column` or `no_status_column`. */
  readonly code: 'empty_file' | 'no_recipient_column' | 'no_status_column';
  /** @param code - the code. @param message - Turkish / English. */
  constructor(code: ImportInputError['code'], message: string) {
    super(message);
    this.name = 'ImportInputError';
    this.code = code;
    Object.defineProperty(this, Symbol.for('izinkit.error'), { value: true });
  }
}

class Grow<T extends Uint16Array | Int32Array | Uint8Array> {
  a: T;
  constructor(private readonly make: (n: number) => T) {
    this.a = make(1 << 16);
  }
  set(i: number, v: number): void {
    if (i >= this.a.length) {
      const b = this.make(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[i] = v;
  }
  trim(n: number): T {
    return this.a.subarray(0, n) as T;
  }
}

const SOURCE_INDEX: ReadonlyMap<string, number> = new Map(PROVIDER_SOURCES.map((s, i) => [s, i]));

/**
 * Runs pass 1 over a CSV file: every row normalised, validated and merged per consent key. The
 * file's first record is its header (see `resolveColumns`). Throws {@link ImportInputError} when
 * the file is empty or has no recipient or status column.
 *
 * @example
 * ```ts
 * const a = await analyseCsv('samples/musteri-izinleri.csv', { brandCode: '600000', now: new Date('2026-03-16T09:00:00+03:00') });
 * a.rows; // data rows
 * ```
 */
export async function analyseCsv(path: string, options: AnalyseOptions): Promise<Analysis> {
  const codes = new CodeRegistry();
  const keys = new KeyTable(1 << 14);
  const rowCode = new Grow((n) => new Uint16Array(n));
  const rowSlot = new Grow((n) => new Int32Array(n));
  const rowWarning = new Grow((n) => new Uint16Array(n));
  const rowRet = new Grow((n) => new Uint8Array(n));
  const hasher = options.hash ? createHash('sha256') : undefined;

  const now = options.now;
  const nowIso = now.toISOString();
  const brandCode = options.brandCode;
  const defaultRecipientType = options.defaultRecipientType ?? 'BIREYSEL';
  const sendLate = options.sendLate === true;

  let header: string[] | undefined;
  let columns: ColumnLayout | undefined;
  let col: Partial<Record<Field, number>> = {};
  let rows = 0;
  let invalidRows = 0;
  let duplicateRows = 0;

  const local = (c: ImportCode): number => codes.local(c);
  const fromConsent = (e: ConsentError): number => codes.intern(e.code, { tr: e.tr, en: e.en });
  const iysSourceCode = fromConsent(consentError('iys_source_not_allowed'));
  const personWarning = codes.intern('different_person', {
    tr: 'Aynı adres dosyada farklı kişilerle (farklı TCKN ya da ad) geçiyor.',
    en: 'The same address appears with different people (a different TCKN or name).',
  });
  const tcknWarnings = new Map<string, number>();
  const tooLong = local('row_too_long');
  let headerLength = 0;

  const cell = (rec: string[], f: Field): string => {
    const i = col[f];
    if (i === undefined) return '';
    const v = rec[i];
    return v === undefined ? '' : v.trim();
  };

  const fail = (row: number, code: number): undefined => {
    rowCode.set(row, code);
    rowSlot.set(row, -1);
    invalidRows++;
  };

  const onRecord = (rec: string[], ordinal: number): undefined => {
    if (ordinal === 1) {
      header = rec;
      headerLength = rec.length;
      columns = resolveColumns(rec, options.columnMap);
      col = columns.fields;
      if (col.phone === undefined && col.email === undefined && col.recipient === undefined) {
        throw new ImportInputError(
          'no_recipient_column',
          `Telefon ya da e-posta sütunu bulunamadı (başlık: ${rec.join(', ')}); --map ile belirtin. / No phone or e-mail column found (header: ${rec.join(', ')}); name one with --map.`,
        );
      }
      if (col.status === undefined) {
        throw new ImportInputError(
          'no_status_column',
          `İzin durumu (ONAY/RET) sütunu bulunamadı; --map ile belirtin. / No status (ONAY/RET) column found; name one with --map.`,
        );
      }
      return;
    }
    const row = rows++;
    // Cells beyond the header are not read: say so, rather than drop them silently.
    let extra = false;
    for (let i = headerLength; i < rec.length; i++) if (rec[i]!.trim() !== '') extra = true;
    rowWarning.set(row, extra ? tooLong : 0);
    rowRet.set(row, 0);

    // Channel and recipient.
    const typeCell = cell(rec, 'type');
    let type: ConsentType | undefined;
    if (typeCell !== '') {
      type = parseChannel(typeCell);
      if (type === undefined) return fail(row, local('invalid_type'));
    }
    const phoneCell = cell(rec, 'phone');
    const emailCell = cell(rec, 'email');
    const anyCell = cell(rec, 'recipient');
    let raw: string;
    if (type === undefined) {
      if (phoneCell !== '' && emailCell !== '') {
        if (options.defaultType === undefined) return fail(row, local('ambiguous_recipient'));
        type = options.defaultType;
        raw = type === 'EPOSTA' ? emailCell : phoneCell;
      } else if (emailCell !== '' || (phoneCell === '' && anyCell.includes('@'))) {
        type = 'EPOSTA';
        raw = emailCell !== '' ? emailCell : anyCell;
      } else {
        raw = phoneCell !== '' ? phoneCell : anyCell;
        if (raw === '') return fail(row, local('missing_recipient'));
        if (options.defaultType === undefined) return fail(row, local('missing_type'));
        type = options.defaultType;
      }
    } else if (type === 'EPOSTA') {
      raw = emailCell !== '' ? emailCell : anyCell !== '' ? anyCell : phoneCell;
    } else {
      raw = phoneCell !== '' ? phoneCell : anyCell !== '' ? anyCell : emailCell;
    }
    if (raw === '') return fail(row, local('missing_recipient'));

    // Status, recipient type, source, date.
    const statusCell = cell(rec, 'status');
    if (statusCell === '') return fail(row, local('missing_status'));
    const status: ConsentStatus | undefined = parseStatus(statusCell);
    if (status === undefined) return fail(row, local('invalid_status'));
    const rtCell = cell(rec, 'recipientType');
    const recipientType = rtCell === '' ? defaultRecipientType : parseRecipientType(rtCell);
    if (recipientType === undefined) return fail(row, local('invalid_recipient_type'));
    const sourceCell = cell(rec, 'source');
    let source: ProviderSource | undefined;
    if (sourceCell !== '') {
      const s = parseSource(sourceCell);
      if (s === 'iys') return fail(row, iysSourceCode);
      if (s === undefined) return fail(row, local('invalid_source'));
      source = s;
    } else {
      source = options.defaultSource;
      if (source === undefined) return fail(row, local('missing_source'));
    }
    const dateCell = cell(rec, 'consentDate');
    let ms: number | undefined;
    if (dateCell === '') {
      if (source !== 'HS_2015') return fail(row, local('missing_consent_date'));
      ms = HS_2015_MS;
    } else {
      ms = parseConsentDate(dateCell);
      if (ms === undefined) return fail(row, local('invalid_consent_date'));
    }

    // Normalise the recipient and check the channel fits it (@izinkit/consent → @izinkit/identity).
    const key = consentKey({ brandCode, recipient: raw, recipientType, type });
    if (!key.ok) {
      const e = key.error;
      if (e.code === 'invalid_recipient') {
        const id = e.input as RecipientError | undefined;
        if (id === undefined) return fail(row, fromConsent(e));
        const c = id.reason === undefined ? id.code : `${id.code}:${id.reason}`;
        return fail(row, codes.intern(`${c} (${id.iysCode})`, id.message));
      }
      return fail(row, fromConsent(e));
    }

    // The consent rules, by the machine: no future dates, none before 2015-05-01, HS_2015 only
    // with its date, HS_KARAR only as RET. A RET is refused here only as a first record — whether
    // it is one depends on the other rows of its key, so that is decided after the merge.
    const r = transition(
      initialState(key.value),
      {
        type: 'DECISION_RECORDED',
        at: nowIso,
        decisionId: `row-${row + 2}`,
        status,
        source,
        consentDate: new Date(ms).toISOString(),
      },
      // No context: the event is stamped `now`, so "not after now" is the machine's own
      // consentDate ≤ at rule (and the clock is not read a million times).
    );
    if (r.outcome.kind === 'rejected') {
      const code: RejectionCode = r.outcome.error.code;
      if (!(code === 'first_record_ret' && status === 'RET')) return fail(row, fromConsent(r.outcome.error));
    } else if (status === 'ONAY' && source !== 'HS_2015' && !sendLate) {
      const registerBy = r.state.current?.registerBy;
      if (registerBy != null && registerBy < nowIso) return fail(row, local('registration_window_passed'));
    }

    // Who the row is about (never sent; used to notice two people on one address).
    let tcknHash = 0;
    const tcknCell = cell(rec, 'tckn');
    if (tcknCell !== '') {
      const t = parseTckn(tcknCell);
      if (t.ok) tcknHash = hash32(t.value);
      else {
        let w = tcknWarnings.get(t.error.code);
        if (w === undefined) {
          w = codes.intern(`tckn_${t.error.code}`, t.error.message);
          tcknWarnings.set(t.error.code, w);
        }
        rowWarning.set(row, w);
      }
    }
    let nameHash = 0;
    const full = cell(rec, 'fullName');
    const nameText = full !== '' ? full : `${cell(rec, 'firstName')} ${cell(rec, 'lastName')}`;
    if (nameText.trim() !== '') {
      // Folded cheaply (Turkish letters to ASCII, case and punctuation dropped): "ALİ YILMAZ" and
      // "Ali Yılmaz" are one name.
      const folded = foldCell(nameText);
      if (folded !== '') nameHash = hash32(folded);
    }

    // Merge per consent key: the latest consent date wins; on the same date RET wins.
    const ret = status === 'RET';
    rowCode.set(row, 0);
    rowRet.set(row, ret ? 1 : 0);
    const slot = keys.slotOf(key.value.recipient, keyCode(recipientType, type));
    rowSlot.set(row, slot);
    const src = SOURCE_INDEX.get(source)!;
    if (keys.created) {
      keys.winnerRow[slot] = row;
      keys.winnerMs[slot] = ms;
      keys.flags[slot] = ret ? FLAG_RET : FLAG_SEEN_ONAY;
      keys.source[slot] = src;
      keys.tckn[slot] = tcknHash;
      keys.name[slot] = nameHash;
      keys.rows[slot] = 1;
      return;
    }
    duplicateRows++;
    keys.rows[slot]!++;
    let flags = keys.flags[slot]!;
    const winnerRet = (flags & FLAG_RET) !== 0;
    if (ret !== winnerRet) flags |= FLAG_STATUS_CONFLICT;
    if (!ret) flags |= FLAG_SEEN_ONAY;
    const kt = keys.tckn[slot]!;
    const kn = keys.name[slot]!;
    const differentPerson =
      tcknHash !== 0 && kt !== 0 ? tcknHash !== kt : nameHash !== 0 && kn !== 0 && nameHash !== kn;
    if (differentPerson) {
      flags |= FLAG_PERSON_CONFLICT;
      rowWarning.set(row, personWarning);
    }
    if (kt === 0) keys.tckn[slot] = tcknHash;
    if (kn === 0) keys.name[slot] = nameHash;
    const winnerMs = keys.winnerMs[slot]!;
    if (ms > winnerMs || (ms === winnerMs && ret && !winnerRet)) {
      keys.winnerRow[slot] = row;
      keys.winnerMs[slot] = ms;
      keys.source[slot] = src;
      flags = ret ? flags | FLAG_RET : flags & ~FLAG_RET;
    }
    keys.flags[slot] = flags;
  };

  const file = await readCsvFile(path, onRecord, {
    delimiter: options.delimiter,
    encoding: options.encoding,
    signal: options.signal,
    ...(hasher !== undefined || options.onProgress !== undefined
      ? {
          onChunk: hasher === undefined ? undefined : (chunk: Uint8Array) => hasher.update(chunk),
          onProgress: (read: number, total: number) => options.onProgress?.(read, total, rows),
        }
      : {}),
  });
  if (header === undefined || columns === undefined) {
    throw new ImportInputError('empty_file', 'Dosya boş. / The file is empty.');
  }
  let statusConflicts = 0;
  let personConflicts = 0;
  for (let s = 0; s < keys.size; s++) {
    const f = keys.flags[s]!;
    if (f & FLAG_STATUS_CONFLICT) statusConflicts++;
    if (f & FLAG_PERSON_CONFLICT) personConflicts++;
  }
  return {
    file,
    sha256: hasher?.digest('hex'),
    header,
    columns,
    rows,
    keys,
    codes,
    rowCode: rowCode.trim(rows),
    rowSlot: rowSlot.trim(rows),
    rowWarning: rowWarning.trim(rows),
    rowRet: rowRet.trim(rows),
    invalidRows,
    duplicateRows,
    statusConflicts,
    personConflicts,
  };
}
