import type { Database, Queryable } from './database.js';
import { StorageError } from './errors.js';
import type { ReconciliationReport } from './sync-state.js';

/**
 * The kinds of difference a daily reconciliation reports:
 *
 * - `missing_local` — İYS's daily file has a transaction our log does not know;
 * - `missing_remote` — our log has a transaction of that day that İYS's file lacks;
 * - `mismatch` — both know the transaction but some fields differ (`fields` lists them);
 * - `duplicate_remote` — the same transaction id appears twice in İYS's file;
 * - `summary` — İYS's daily summary counts disagree with İYS's own file.
 *
 * @example
 * ```ts
 * RECONCILIATION_DIFFERENCE_KINDS.includes('mismatch'); // true
 * ```
 */
export const RECONCILIATION_DIFFERENCE_KINDS = [
  'missing_local',
  'missing_remote',
  'mismatch',
  'duplicate_remote',
  'summary',
] as const;

/**
 * One of {@link RECONCILIATION_DIFFERENCE_KINDS}.
 *
 * @example
 * ```ts
 * const kind: ReconciliationDifferenceKind = 'missing_local';
 * ```
 */
export type ReconciliationDifferenceKind = (typeof RECONCILIATION_DIFFERENCE_KINDS)[number];

/**
 * One stored difference. `local` and `remote` are plain JSON objects describing each side (never a
 * recipient in clear: İYS's recipient is kept masked).
 *
 * @example
 * ```ts
 * const d: StoredReconciliationDifference = {
 *   kind: 'mismatch', transactionId: 'f26a…', fields: ['status'],
 *   local: { status: 'ONAY' }, remote: { status: 'RET' },
 * };
 * ```
 */
export interface StoredReconciliationDifference {
  /** What kind of difference. */
  readonly kind: ReconciliationDifferenceKind;
  /** The İYS transaction, or `null` for a summary difference. */
  readonly transactionId: string | null;
  /** The fields that differ (for `mismatch` and `summary`; empty otherwise). */
  readonly fields: readonly string[];
  /** Our side, or `null` when we have none. */
  readonly local: Readonly<Record<string, unknown>> | null;
  /** İYS's side, or `null` when İYS has none. */
  readonly remote: Readonly<Record<string, unknown>> | null;
}

/**
 * A full reconciliation run of one brand and day: the report row plus the counts per kind and the
 * differences themselves (as many as the reconciler kept; `differenceCount` is the exact total).
 *
 * @example
 * ```ts
 * const run: ReconciliationRun = { ...report, counts: { missing_local: 1 }, localRows: 10, startedAt: null, finishedAt: null, differences: [] };
 * ```
 */
export interface ReconciliationRun extends ReconciliationReport {
  /** Exact number of differences per kind. */
  readonly counts: Readonly<Partial<Record<ReconciliationDifferenceKind, number>>>;
  /** Rows of our log for that day. */
  readonly localRows: number | null;
  /** When the run started. */
  readonly startedAt: Date | null;
  /** When the run ended. */
  readonly finishedAt: Date | null;
  /** The differences kept (at most the reconciler's cap). */
  readonly differences: readonly StoredReconciliationDifference[];
}

/**
 * One row of the local İYS transaction log (`iys_transactions`) in the compact form the
 * reconciler compares: dates as epoch milliseconds.
 *
 * @example
 * ```ts
 * const t: LocalIysTransaction = {
 *   transactionId: 'f26a…', keyHash: 'ab12…', recipientType: 'BIREYSEL', type: 'MESAJ', party: 'HS',
 *   status: 'ONAY', consentDate: 1709280000000, source: 'HS_WEB', creationDate: 1709283600000,
 * };
 * ```
 */
export interface LocalIysTransaction {
  /** İYS's transaction id. */
  readonly transactionId: string;
  /** The consent's `key_hash` (keyed hash of brand, recipient type, channel and recipient). */
  readonly keyHash: string;
  /** Recipient type. */
  readonly recipientType: 'BIREYSEL' | 'TACIR';
  /** Channel. */
  readonly type: 'MESAJ' | 'ARAMA' | 'EPOSTA';
  /** Who made the change: the provider (`HS`) or the citizen on İYS (`IYS`). */
  readonly party: 'HS' | 'IYS';
  /** Status after the change. */
  readonly status: 'ONAY' | 'RET';
  /** consentDate in epoch ms, or `null`. */
  readonly consentDate: number | null;
  /** Source, or `null`. */
  readonly source: string | null;
  /** İYS's creationDate in epoch ms. */
  readonly creationDate: number;
}

const DAY_MS = 86_400_000;
const REPORT_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instants a Türkiye calendar day covers, `[start, end)`. Türkiye has kept UTC+3 all year
 * since September 2016, and İYS started in 2020, so a day is 00:00–24:00 at +03:00.
 *
 * @example
 * ```ts
 * reportDayBounds('2026-03-16'); // { start: 2026-03-15T21:00:00.000Z, end: 2026-03-16T21:00:00.000Z }
 * ```
 */
export function reportDayBounds(day: string): {
  /** 00:00 of the day in Türkiye (inclusive). */
  readonly start: Date;
  /** 00:00 of the next day (exclusive). */
  readonly end: Date;
} {
  const m = typeof day === 'string' ? REPORT_DATE.exec(day) : null;
  const start = m ? Date.parse(`${day}T00:00:00+03:00`) : Number.NaN;
  const check = Number.isFinite(start) ? new Date(start + 3 * 3_600_000).toISOString().slice(0, 10) : '';
  if (!m || check !== day) {
    throw new StorageError(
      'invalid_option',
      `Gün YYYY-MM-DD biçiminde geçerli bir tarih olmalı / the day must be a valid YYYY-MM-DD date: ${String(day)}`,
    );
  }
  return { start: new Date(start), end: new Date(start + DAY_MS) };
}

interface TransactionRow {
  transaction_id: string;
  key_hash: string;
  recipient_type: 'BIREYSEL' | 'TACIR';
  type: 'MESAJ' | 'ARAMA' | 'EPOSTA';
  party: 'HS' | 'IYS';
  status: 'ONAY' | 'RET';
  consent_ms: number | null;
  source: string | null;
  creation_ms: number;
}

const TRANSACTION_COLUMNS = `transaction_id, key_hash, recipient_type, type, party, status,
  (extract(epoch from consent_date) * 1000)::float8 as consent_ms, source,
  (extract(epoch from creation_date) * 1000)::float8 as creation_ms`;

/**
 * Our log of a day in the columnar form the reconciler indexes without one object per row: one
 * batch holds a page of transactions, field by field, in typed arrays.
 *
 * Row `i`'s transaction id is the UTF-8 bytes `ids[i === 0 ? 0 : idEnds[i - 1]]` to `ids[idEnds[i]]`;
 * its key hash the 32 bytes at `keyHashes[i * 32]` when it is 64 lowercase hex characters (as
 * `ConsentRepository.keyHash` writes them), otherwise the string in `otherKeyHashes`.
 *
 * @example
 * ```ts
 * for await (const batch of store.transactionBatchesOfDay('600000', '2026-03-16')) {
 *   const firstId = Buffer.from(batch.ids.subarray(0, batch.idEnds[0])).toString('utf8');
 * }
 * ```
 */
export interface LocalIysTransactionBatch {
  /** Rows in the batch. */
  readonly length: number;
  /** The transaction ids as UTF-8 bytes, back to back. */
  readonly ids: Uint8Array;
  /** Where each row's id ends in `ids` (exclusive). */
  readonly idEnds: Uint32Array;
  /** Key hashes, 32 bytes per row (zero where `otherKeyHashes` has the row). */
  readonly keyHashes: Uint8Array;
  /** Key hashes that are not 64 lowercase hex characters, by row. */
  readonly otherKeyHashes: ReadonlyMap<number, string>;
  /** Recipient type per row: 0 `BIREYSEL`, 1 `TACIR`. */
  readonly recipientType: Uint8Array;
  /** Channel per row: 0 `MESAJ`, 1 `ARAMA`, 2 `EPOSTA`. */
  readonly type: Uint8Array;
  /** Party per row: 0 `HS`, 1 `IYS`. */
  readonly party: Uint8Array;
  /** Status per row: 0 `ONAY`, 1 `RET`. */
  readonly status: Uint8Array;
  /** Source per row, as an index into `sources`. */
  readonly source: Uint16Array;
  /** The distinct sources of the batch; index 0 is `null` (no source). */
  readonly sources: readonly (string | null)[];
  /** consentDate per row in epoch ms (`NaN` when there is none). */
  readonly consentDate: Float64Array;
  /** İYS's creationDate per row in epoch ms. */
  readonly creationDate: Float64Array;
}

/**
 * One row of a page as a single text value, so the driver parses one value per row instead of
 * nine. The id and the key hash may hold any character: each is prefixed with its length in
 * UTF-8 bytes. Recipient type, channel, party and status come as stored (the table's checks keep
 * them to their few values), each followed by a comma. Dates come as `extract(epoch …)`, the
 * exact decimal seconds (`1773612345.123456`; empty for no consentDate), which the parser floors to
 * whole epoch milliseconds (the reconciler compares to the second and reports to the millisecond).
 * The source comes last, `s<source>` or `n` for none:
 * `<id length>:<id><hash length>:<hash><rt>,<type>,<party>,<status>,<consent s>,<creation s>,(s<source>|n)`
 *
 * One `concat` with the values as they are is the cheapest form for the server: measured on
 * PostgreSQL 15 (1,000,000 rows), the earlier `||` chain with `case` mappings and
 * `floor(extract(epoch …) * 1000)::int8` cost the server about twice the CPU, most of it in the
 * numeric arithmetic. (One `string_agg` per page would spare the driver the row messages, but it
 * costs the server more CPU per row and cannot stream; measured, it was slower end to end.)
 */
const PAGE_ROW = `concat(octet_length(transaction_id), ':', transaction_id, octet_length(key_hash), ':', key_hash,
  recipient_type, ',', type, ',', party, ',', status, ',',
  extract(epoch from consent_date), ',', extract(epoch from creation_date), ',', coalesce('s' || source, 'n'))`;

const RT_NAMES = ['BIREYSEL', 'TACIR'] as const;
const TYPE_NAMES = ['MESAJ', 'ARAMA', 'EPOSTA'] as const;
const PARTY_NAMES = ['HS', 'IYS'] as const;
const STATUS_NAMES = ['ONAY', 'RET'] as const;

interface PageRow {
  r: string;
}

const COLON = 58;
const COMMA = 44;
const MINUS = 45;
const ZERO = 48;
const DOT = 46;
const NO_SOURCE = 110; // 'n'

/** Value of each lowercase hex digit by character code, -1 for every other code below 128. */
const HEX_DIGITS = new Int8Array(128).fill(-1);
for (let c = 0; c < 16; c++) HEX_DIGITS['0123456789abcdef'.charCodeAt(c)] = c;

/**
 * Hex digit value of a lowercase hex character code, or -1 (a table, not comparisons: the digits
 * and letters of a hash come in random order, and mispredicted branches cost more than the look-up).
 */
function hexValue(c: number): number {
  return c < 128 ? HEX_DIGITS[c]! : -1;
}

function malformed(): never {
  throw new StorageError('query_failed', 'İşlem sayfası okunamadı / malformed transaction page');
}

/** The parse position in the row being read (module state: no closure per row). */
let at = 0;

/** A decimal integer of `r` from `at` up to the character `stop` (`-` allowed first); NaN when empty. */
function intUntil(r: string, stop: number): number {
  let neg = false;
  if (r.charCodeAt(at) === MINUS) {
    neg = true;
    at++;
  }
  const from = at;
  let v = 0;
  for (let c = r.charCodeAt(at); c !== stop; c = r.charCodeAt(++at)) {
    const d = c - ZERO;
    if (!(d >= 0 && d <= 9)) malformed();
    v = v * 10 + d;
  }
  at++; // the stop character
  if (at - 1 === from) return Number.NaN;
  return neg ? -v : v;
}

/**
 * Epoch seconds as PostgreSQL prints a numeric (`[-]digits[.digits]`) of `r` from `at` up to the
 * character `stop`, as whole milliseconds rounded down (exact: decimal digits, no floating point);
 * NaN when empty.
 */
function msUntil(r: string, stop: number): number {
  let neg = false;
  if (r.charCodeAt(at) === MINUS) {
    neg = true;
    at++;
  }
  const digitsFrom = at;
  let seconds = 0;
  let c = r.charCodeAt(at);
  while (c >= ZERO && c <= ZERO + 9) {
    seconds = seconds * 10 + (c - ZERO);
    c = r.charCodeAt(++at);
  }
  if (at === digitsFrom) {
    if (c === stop && !neg) {
      at++;
      return Number.NaN;
    }
    malformed();
  }
  let ms = seconds * 1000;
  let below = false; // a non-zero digit below the millisecond
  if (c === DOT) {
    c = r.charCodeAt(++at);
    for (let scale = 100; c >= ZERO && c <= ZERO + 9; c = r.charCodeAt(++at)) {
      if (scale >= 1) {
        ms += (c - ZERO) * scale;
        scale /= 10;
      } else if (c !== ZERO) below = true;
    }
  }
  if (c !== stop) malformed();
  at++;
  return neg ? 0 - ms - (below ? 1 : 0) : ms;
}

/**
 * The index (0 or 1, or 2 for a third name) of the name of `r` from `at` up to the next comma,
 * told apart by its first character among `names` (the table's checks keep the column to them).
 */
function nameUntilComma(r: string, names: readonly string[]): number {
  const end = r.indexOf(',', at);
  if (end < 0) malformed();
  const first = r.charCodeAt(at);
  for (let k = 0; k < names.length; k++) {
    const name = names[k]!;
    if (name.charCodeAt(0) === first && name.length === end - at) {
      at = end + 1;
      return k;
    }
  }
  return malformed();
}

/** How many UTF-16 code units of `r` from `from` make `bytes` UTF-8 bytes (-1 when none do). */
function unitsForBytes(r: string, from: number, bytes: number): number {
  let k = from;
  let b = 0;
  while (b < bytes && k < r.length) {
    const c = r.charCodeAt(k);
    if (c < 0x80) b += 1;
    else if (c < 0x800) b += 2;
    else if (c >= 0xd800 && c <= 0xdbff && k + 1 < r.length) {
      b += 4;
      k++;
    } else b += 3;
    k++;
  }
  return b === bytes ? k - from : -1;
}

/** The transaction id of one page row (see {@link PAGE_ROW}). */
function idOfRow(r: string): string {
  at = 0;
  const len = intUntil(r, COLON);
  if (!(len >= 0) || at + len > r.length) malformed();
  const units = unitsForBytes(r, at, len);
  if (units < 0) malformed();
  return r.slice(at, at + units);
}

/** The typed arrays a page is parsed into (kept for the next page with `reuseBuffers`). */
interface PageArrays {
  ids: Uint8Array;
  readonly idEnds: Uint32Array;
  readonly keyHashes: Uint8Array;
  readonly recipientType: Uint8Array;
  readonly type: Uint8Array;
  readonly party: Uint8Array;
  readonly status: Uint8Array;
  readonly source: Uint16Array;
  readonly consentDate: Float64Array;
  readonly creationDate: Float64Array;
}

function pageArrays(n: number): PageArrays {
  return {
    ids: new Uint8Array(n * 64 + 64),
    idEnds: new Uint32Array(n),
    keyHashes: new Uint8Array(n * 32),
    recipientType: new Uint8Array(n),
    type: new Uint8Array(n),
    party: new Uint8Array(n),
    status: new Uint8Array(n),
    source: new Uint16Array(n),
    consentDate: new Float64Array(n),
    creationDate: new Float64Array(n),
  };
}

/**
 * Parses the rows of one page (see {@link PAGE_ROW}) into a batch, in `into` when it has room
 * (its arrays are overwritten; `into.ids` may be replaced by a larger one).
 */
function parsePage(rows: readonly PageRow[], into: PageArrays): LocalIysTransactionBatch {
  const n = rows.length;
  const { idEnds, keyHashes, recipientType, type, party, status, source, consentDate, creationDate } = into;
  let ids = into.ids;
  const otherKeyHashes = new Map<number, string>();
  const sources: (string | null)[] = [null];
  let idLen = 0;
  for (let i = 0; i < n; i++) {
    const r = rows[i]!.r;
    at = 0;
    // id (its length in bytes): ASCII straight into the bytes, anything else as UTF-8
    let len = intUntil(r, COLON);
    if (!(len >= 0) || at + len > r.length) malformed();
    if (idLen + len > ids.length) {
      const grown = new Uint8Array(Math.max(ids.length * 2, idLen + len));
      grown.set(ids.subarray(0, idLen));
      ids = grown;
      into.ids = grown;
    }
    let ascii = true;
    for (let k = 0; k < len; k++) {
      const c = r.charCodeAt(at + k);
      if (c >= 0x80) {
        ascii = false;
        break;
      }
      ids[idLen + k] = c;
    }
    if (ascii) at += len;
    else {
      const units = unitsForBytes(r, at, len);
      if (units < 0) malformed();
      ids.set(Buffer.from(r.slice(at, at + units), 'utf8'), idLen);
      at += units;
    }
    idLen += len;
    idEnds[i] = idLen;
    // key hash (its length in bytes): 32 bytes when it is 64 lowercase hex characters
    len = intUntil(r, COLON);
    if (!(len >= 0) || at + len > r.length) malformed();
    let hex = len === 64;
    for (let k = 0; hex && k < 32; k++) {
      const hi = hexValue(r.charCodeAt(at + 2 * k));
      const lo = hexValue(r.charCodeAt(at + 2 * k + 1));
      if (hi < 0 || lo < 0) hex = false;
      else keyHashes[i * 32 + k] = (hi << 4) | lo;
    }
    if (hex) at += 64;
    else {
      keyHashes.fill(0, i * 32, i * 32 + 32);
      const units = unitsForBytes(r, at, len);
      if (units < 0) malformed();
      otherKeyHashes.set(i, r.slice(at, at + units));
      at += units;
    }
    recipientType[i] = nameUntilComma(r, RT_NAMES);
    type[i] = nameUntilComma(r, TYPE_NAMES);
    party[i] = nameUntilComma(r, PARTY_NAMES);
    status[i] = nameUntilComma(r, STATUS_NAMES);
    consentDate[i] = msUntil(r, COMMA);
    const creation = msUntil(r, COMMA);
    if (Number.isNaN(creation)) malformed();
    creationDate[i] = creation;
    if (r.charCodeAt(at) === NO_SOURCE) {
      if (at + 1 !== r.length) malformed();
      source[i] = 0;
    } else {
      at++; // 's'
      len = r.length - at;
      // Sources are few: find this one among the batch's before making a string.
      let found = 0;
      for (let k = 1; k < sources.length && found === 0; k++) {
        const known = sources[k]!;
        if (known.length === len && r.startsWith(known, at)) found = k;
      }
      if (found === 0) {
        found = sources.length;
        if (found > 0xffff) malformed();
        sources.push(r.slice(at));
      }
      source[i] = found;
    }
  }
  const whole = idEnds.length === n;
  return {
    length: n,
    ids: ids.subarray(0, idLen),
    idEnds: whole ? idEnds : idEnds.subarray(0, n),
    keyHashes: whole ? keyHashes : keyHashes.subarray(0, n * 32),
    otherKeyHashes,
    recipientType: whole ? recipientType : recipientType.subarray(0, n),
    type: whole ? type : type.subarray(0, n),
    party: whole ? party : party.subarray(0, n),
    status: whole ? status : status.subarray(0, n),
    source: whole ? source : source.subarray(0, n),
    sources,
    consentDate: whole ? consentDate : consentDate.subarray(0, n),
    creationDate: whole ? creationDate : creationDate.subarray(0, n),
  };
}

/** The rows of a batch as objects. */
function batchRows(batch: LocalIysTransactionBatch): LocalIysTransaction[] {
  const out: LocalIysTransaction[] = [];
  const ids = Buffer.from(batch.ids.buffer, batch.ids.byteOffset, batch.ids.byteLength);
  const keys = Buffer.from(batch.keyHashes.buffer, batch.keyHashes.byteOffset, batch.keyHashes.byteLength);
  for (let i = 0; i < batch.length; i++) {
    const consentDate = batch.consentDate[i]!;
    out.push({
      transactionId: ids.toString('utf8', i === 0 ? 0 : batch.idEnds[i - 1]!, batch.idEnds[i]!),
      keyHash: batch.otherKeyHashes.get(i) ?? keys.toString('hex', i * 32, i * 32 + 32),
      recipientType: RT_NAMES[batch.recipientType[i]!]!,
      type: TYPE_NAMES[batch.type[i]!]!,
      party: PARTY_NAMES[batch.party[i]!]!,
      status: STATUS_NAMES[batch.status[i]!]!,
      consentDate: Number.isNaN(consentDate) ? null : consentDate,
      source: batch.sources[batch.source[i]!] ?? null,
      creationDate: batch.creationDate[i]!,
    });
  }
  return out;
}

function toLocal(r: TransactionRow): LocalIysTransaction {
  return {
    transactionId: r.transaction_id,
    keyHash: r.key_hash,
    recipientType: r.recipient_type,
    type: r.type,
    party: r.party,
    status: r.status,
    consentDate: r.consent_ms === null ? null : Number(r.consent_ms),
    source: r.source,
    creationDate: Number(r.creation_ms),
  };
}

/** How many differences the report row keeps inline (`reconciliation_reports.differences`). */
const PREVIEW = 50;
/** Rows per insert statement when storing differences. */
const INSERT_CHUNK = 2_000;

interface RunRow {
  brand_code: string;
  report_date: string | Date;
  status: 'matched' | 'differences' | 'failed';
  file_sha256: string | null;
  rows: number | null;
  summary: Record<string, unknown>;
  difference_count: number;
  agreement_saved: boolean;
  error: string | null;
  updated_at: Date;
  counts: Record<string, number>;
  local_rows: number | null;
  started_at: Date | null;
  finished_at: Date | null;
}

interface DifferenceRow {
  kind: ReconciliationDifferenceKind;
  transaction_id: string | null;
  fields: string[];
  local_value: Record<string, unknown> | null;
  remote_value: Record<string, unknown> | null;
}

const dateText = (v: string | Date): string => (typeof v === 'string' ? v : v.toISOString().slice(0, 10));

function toDifference(r: DifferenceRow): StoredReconciliationDifference {
  return {
    kind: r.kind,
    transactionId: r.transaction_id,
    fields: r.fields,
    local: r.local_value,
    remote: r.remote_value,
  };
}

/**
 * Storage for the daily İYS reconciliation: reads the local transaction log of a day in pages
 * (keyset pagination over the `(brand_code, creation_date, transaction_id)` index, so memory stays
 * flat however long the day) and stores each run with one row per difference.
 *
 * @example
 * ```ts
 * const store = new ReconciliationRepository(db);
 * for await (const page of store.transactionsOfDay('600000', '2026-03-16')) console.log(page.length);
 * const last = await store.get('600000', '2026-03-16');
 * ```
 */
export class ReconciliationRepository {
  readonly #db: Database;

  /** @param db - the database (migrated) */
  constructor(db: Database) {
    this.#db = db;
  }

  /**
   * The local transactions of one brand whose İYS creationDate falls on `day` (Türkiye), in
   * pages of `pageSize` rows, ordered by creationDate then transaction id.
   *
   * @example
   * ```ts
   * let n = 0;
   * for await (const page of store.transactionsOfDay('600000', '2026-03-16', { pageSize: 10_000 })) n += page.length;
   * ```
   */
  async *transactionsOfDay(
    brandCode: string,
    day: string,
    options: { readonly pageSize?: number } = {},
  ): AsyncGenerator<LocalIysTransaction[], void, undefined> {
    // Each batch becomes objects before the next is asked for: its arrays can be reused.
    for await (const batch of this.transactionBatchesOfDay(brandCode, day, {
      ...options,
      reuseBuffers: true,
    })) {
      yield batchRows(batch);
    }
  }

  /**
   * The same transactions as {@link ReconciliationRepository.transactionsOfDay}, in the same order,
   * as columnar batches of up to `pageSize` rows (default 50,000, at most 200,000): no object per
   * row, one text value per row from the database (keyset pagination over the
   * `(brand_code, creation_date, transaction_id)` index, the next page asked for while the
   * current one is handed over).
   *
   * With `reuseBuffers: true` every batch is parsed into the same typed arrays: a batch is then
   * valid only until the next one is asked for (copy what you keep). That spares allocating and
   * first touching a page's worth of fresh memory per page — for a consumer that indexes each batch
   * before asking for the next, as the reconciler does.
   *
   * @example
   * ```ts
   * let n = 0;
   * for await (const batch of store.transactionBatchesOfDay('600000', '2026-03-16')) n += batch.length;
   * for await (const batch of store.transactionBatchesOfDay('600000', '2026-03-16', { reuseBuffers: true })) {
   *   index.add(batch); // copies what it keeps: the arrays are overwritten by the next batch
   * }
   * ```
   */
  async *transactionBatchesOfDay(
    brandCode: string,
    day: string,
    options: { readonly pageSize?: number; readonly reuseBuffers?: boolean } = {},
  ): AsyncGenerator<LocalIysTransactionBatch, void, undefined> {
    const { start, end } = reportDayBounds(day);
    const pageSize = Math.min(Math.max(Math.trunc(options.pageSize ?? 50_000), 1), 200_000);
    let arrays: PageArrays | undefined;
    const page = (after: string | undefined): Promise<{ rows: PageRow[] }> =>
      after === undefined
        ? this.#db.query<PageRow>(
            `select ${PAGE_ROW} as r from iys_transactions
              where brand_code = $1 and creation_date >= $2 and creation_date < $3
              order by creation_date, transaction_id limit $4`,
            [brandCode, start, end, pageSize],
          )
        : this.#db.query<PageRow>(
            `select ${PAGE_ROW} as r from iys_transactions
              where brand_code = $1 and creation_date < $3
                and (creation_date, transaction_id) >
                    (select creation_date, transaction_id from iys_transactions where brand_code = $1 and transaction_id = $2)
              order by creation_date, transaction_id limit $4`,
            [brandCode, after, end, pageSize],
          );
    let next = page(undefined);
    try {
      for (;;) {
        const { rows } = await next;
        const n = rows.length;
        if (n === 0) return;
        // Ask for the next page before parsing this one: the database works while we parse and
        // compare. (A malformed last row fails here as it would in the parse.)
        if (n === pageSize) next = page(idOfRow(rows[n - 1]!.r));
        if (arrays === undefined || arrays.idEnds.length < n || options.reuseBuffers !== true) {
          arrays = pageArrays(options.reuseBuffers === true ? Math.max(n, Math.min(pageSize, 200_000)) : n);
        }
        const batch = parsePage(rows, arrays);
        yield batch;
        if (n < pageSize) return;
      }
    } finally {
      // A consumer that stops early leaves the prefetch behind: never let it fail unobserved.
      next.catch(() => undefined);
    }
  }

  /**
   * Looks transactions up by id, whatever their day (a transaction our log dated on another day
   * is then a `mismatch` on creationDate rather than missing).
   *
   * @example
   * ```ts
   * const found = await store.findTransactions('600000', ['f26a…']);
   * ```
   */
  async findTransactions(
    brandCode: string,
    transactionIds: readonly string[],
  ): Promise<LocalIysTransaction[]> {
    if (transactionIds.length === 0) return [];
    const { rows } = await this.#db.query<TransactionRow>(
      `select ${TRANSACTION_COLUMNS} from iys_transactions where brand_code = $1 and transaction_id = any($2::text[])`,
      [brandCode, transactionIds],
    );
    return rows.map(toLocal);
  }

  /**
   * Writes (or replaces) the run of one brand and day: the report row and every difference given,
   * in one transaction. A day once agreed in İYS stays agreed.
   *
   * @example
   * ```ts
   * await store.save(run);
   * ```
   */
  async save(run: ReconciliationRun): Promise<void> {
    reportDayBounds(run.reportDate);
    await this.#db.transaction(async (tx) => {
      await tx.query(
        `insert into reconciliation_reports
           (brand_code, report_date, status, file_sha256, rows, summary, differences, difference_count, agreement_saved,
            error, counts, local_rows, stored_differences, started_at, finished_at, updated_at)
         values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11::jsonb, $12, $13, $14, $15, now())
         on conflict (brand_code, report_date) do update set
           status = excluded.status, file_sha256 = excluded.file_sha256, rows = excluded.rows, summary = excluded.summary,
           differences = excluded.differences, difference_count = excluded.difference_count,
           agreement_saved = reconciliation_reports.agreement_saved or excluded.agreement_saved,
           error = excluded.error, counts = excluded.counts, local_rows = excluded.local_rows,
           stored_differences = excluded.stored_differences, started_at = excluded.started_at,
           finished_at = excluded.finished_at, updated_at = now()`,
        [
          run.brandCode,
          run.reportDate,
          run.status,
          run.fileSha256,
          run.rows,
          JSON.stringify(run.summary),
          JSON.stringify(run.differences.slice(0, PREVIEW)),
          run.differenceCount,
          run.agreementSaved,
          run.error,
          JSON.stringify(run.counts),
          run.localRows,
          run.differences.length,
          run.startedAt,
          run.finishedAt,
        ],
      );
      await tx.query('delete from reconciliation_differences where brand_code = $1 and report_date = $2', [
        run.brandCode,
        run.reportDate,
      ]);
      for (let from = 0; from < run.differences.length; from += INSERT_CHUNK) {
        await insertDifferences(tx, run, from, run.differences.slice(from, from + INSERT_CHUNK));
      }
    });
  }

  /**
   * Records that the day was agreed in İYS (after a successful save call).
   *
   * @example
   * ```ts
   * await store.markAgreed('600000', '2026-03-16');
   * ```
   */
  async markAgreed(brandCode: string, day: string): Promise<void> {
    await this.#db.query(
      `update reconciliation_reports set agreement_saved = true, updated_at = now()
        where brand_code = $1 and report_date = $2`,
      [brandCode, day],
    );
  }

  /**
   * The stored run of one brand and day (with the first `limit` differences, default 100), or
   * `null`.
   *
   * @example
   * ```ts
   * const run = await store.get('600000', '2026-03-16');
   * run?.counts.missing_local;
   * ```
   */
  async get(
    brandCode: string,
    day: string,
    options: { readonly limit?: number } = {},
  ): Promise<ReconciliationRun | null> {
    const { rows } = await this.#db.query<RunRow>(
      'select * from reconciliation_reports where brand_code = $1 and report_date = $2',
      [brandCode, day],
    );
    const r = rows[0];
    if (!r) return null;
    const differences = await this.differences(brandCode, day, { limit: options.limit ?? 100 });
    return {
      brandCode: r.brand_code,
      reportDate: dateText(r.report_date),
      status: r.status,
      fileSha256: r.file_sha256,
      rows: r.rows,
      summary: r.summary,
      differences,
      differenceCount: r.difference_count,
      agreementSaved: r.agreement_saved,
      error: r.error,
      updatedAt: r.updated_at,
      counts: r.counts,
      localRows: r.local_rows,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
    };
  }

  /**
   * The stored differences of one brand and day, in the order found, optionally of one kind;
   * `limit` defaults to 1000 (at most 10,000 per call; page with `offset`).
   *
   * @example
   * ```ts
   * const missing = await store.differences('600000', '2026-03-16', { kind: 'missing_local', limit: 50 });
   * ```
   */
  async differences(
    brandCode: string,
    day: string,
    options: {
      readonly kind?: ReconciliationDifferenceKind;
      readonly offset?: number;
      readonly limit?: number;
    } = {},
  ): Promise<StoredReconciliationDifference[]> {
    const { rows } = await this.#db.query<DifferenceRow>(
      `select kind, transaction_id, fields, local_value, remote_value from reconciliation_differences
        where brand_code = $1 and report_date = $2 and ($3::text is null or kind = $3)
        order by seq offset $4 limit $5`,
      [
        brandCode,
        day,
        options.kind ?? null,
        Math.max(Math.trunc(options.offset ?? 0), 0),
        Math.min(Math.max(Math.trunc(options.limit ?? 1000), 1), 10_000),
      ],
    );
    return rows.map(toDifference);
  }
}

async function insertDifferences(
  tx: Queryable,
  run: ReconciliationRun,
  from: number,
  chunk: readonly StoredReconciliationDifference[],
): Promise<void> {
  if (chunk.length === 0) return;
  await tx.query(
    `insert into reconciliation_differences
       (brand_code, report_date, seq, kind, transaction_id, fields, local_value, remote_value)
     select $1, $2::date, t.seq, t.kind, t.transaction_id, coalesce(t.fields::text[], '{}'), t.local_value::jsonb, t.remote_value::jsonb
       from unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         as t(seq, kind, transaction_id, fields, local_value, remote_value)`,
    [
      run.brandCode,
      run.reportDate,
      chunk.map((_, i) => from + i),
      chunk.map((d) => d.kind),
      chunk.map((d) => d.transactionId),
      // text[] of text[] literals: unnest cannot take a ragged 2-D array.
      chunk.map((d) => `{${d.fields.map((f) => `"${f.replace(/["\\]/g, '\\$&')}"`).join(',')}}`),
      chunk.map((d) => (d.local === null ? null : JSON.stringify(d.local))),
      chunk.map((d) => (d.remote === null ? null : JSON.stringify(d.remote))),
    ],
  );
}
