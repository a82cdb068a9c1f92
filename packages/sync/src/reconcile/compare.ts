import { type ConsentKey, consentKey } from '@izinkit/consent';
import type { DailyFileRow, ReconciliationSummary } from '@izinkit/iys';
import type {
  LocalIysTransaction,
  LocalIysTransactionBatch,
  ReconciliationDifferenceKind,
} from '@izinkit/postgres';
import type { ReconciliationCounts, ReconciliationDifference, ReconciliationKindCounts } from './schema.js';

const RT = ['BIREYSEL', 'TACIR'] as const;
const TYPES = ['MESAJ', 'ARAMA', 'EPOSTA'] as const;
const STATUS = ['ONAY', 'RET'] as const;
const PARTY = ['HS', 'IYS'] as const;
const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Masks a recipient for a report: enough to recognise it, not enough to use it
 * (`+90532*****67`, `a***@example.com`).
 *
 * @example
 * ```ts
 * maskRecipient('+905321234567'); // '+90532*****67'
 * ```
 */
export function maskRecipient(recipient: string): string {
  const at = recipient.lastIndexOf('@');
  if (at > 0) return `${recipient[0]}***${recipient.slice(at)}`;
  if (recipient.length <= 6) return '*'.repeat(recipient.length);
  return `${recipient.slice(0, 6)}${'*'.repeat(Math.max(recipient.length - 8, 1))}${recipient.slice(-2)}`;
}

const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined || Number.isNaN(ms) ? null : new Date(ms).toISOString();

/** Seconds, the resolution of İYS's dates (our log may keep milliseconds). */
const sec = (ms: number): number => Math.floor(ms / 1000);

const partyOfSource = (source: string | undefined | null): 'HS' | 'IYS' =>
  source?.startsWith('IYS') ? 'IYS' : 'HS';

/** Options of {@link DayComparer}. */
export interface DayComparerOptions {
  /** The brand (digits). */
  readonly brandCode: string;
  /** The keyed hash of a consent key, as stored in `iys_transactions.key_hash` (`ConsentRepository.keyHash`). */
  readonly keyHash: (key: ConsentKey) => string;
  /** How many differences to keep (all are counted). */
  readonly maxDifferences: number;
}

/** Bits of the fields a mismatch names, in the order they are reported. */
const F_RECIPIENT_TYPE = 1;
const F_TYPE = 2;
const F_RECIPIENT = 4;
const F_STATUS = 8;
const F_CONSENT_DATE = 16;
const F_SOURCE = 32;
const F_CREATION_DATE = 64;
const FIELD_NAMES = ['recipientType', 'type', 'recipient', 'status', 'consentDate', 'source', 'creationDate'];

/** The most rows {@link DayComparer.reserve} makes room for. */
const MAX_RESERVE = 10_000_000;
/** Id bytes reserved per row (İYS's transaction ids are 64 characters; longer ones still fit). */
const RESERVED_ID_BYTES = 64;

/**
 * The layout of an entry's 64-byte record: FNV-1a hash of the id (int32 at 0), where the id starts
 * in the id bytes (uint32 at 4), its length (uint16 at 8, 65,535 meaning "see `#longIds`"), the
 * source (uint16 at 10), the flags byte (12: recipient type bit 0, channel bits 1–2, status bit 3,
 * party bit 4, seen bit 5), consentDate (float64 at 16, NaN for none), creationDate (float64 at 24)
 * and the key hash's 32 bytes (32–63).
 */
const REC = 64;
const R_FLAGS = 12;
const R_KEY = 32;
const SEEN = 0x20;
const LONG_ID = 0xffff;

/** 32-bit FNV-1a offset basis and prime. */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

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

/**
 * The streaming comparison at the heart of the daily reconciliation, with no I/O: feed it our log
 * of the day (pages of `LocalIysTransaction`, or the columnar batches of
 * `ReconciliationRepository.transactionBatchesOfDay`, from @izinkit/postgres), then İYS's file row by
 * row, then {@link DayComparer.finish}. Our side is held in a compact index with no object per
 * transaction — the ids' UTF-8 bytes in one buffer, an open-addressing hash table of 32-bit slots
 * and one 64-byte record per transaction (key hash as 32 bytes, the other fields packed: one cache
 * line per lookup), ≈ 140 bytes per transaction with 64-character ids; İYS's file is never held.
 * {@link DayComparer.reserve} sizes the index once when the day's count is known.
 *
 * A file row whose transaction is not in the day's index is handed back (`remote` returns
 * `false`) so the caller can look it up on other days and settle it with
 * {@link DayComparer.settle}.
 *
 * @example
 * ```ts
 * const cmp = new DayComparer({ brandCode: '600000', keyHash: (k) => consents.keyHash(k), maxDifferences: 1000 });
 * cmp.addLocal(localRows);
 * for (const row of fileRows) if (!cmp.remote(row)) cmp.settle(row, undefined);
 * cmp.finish([]);
 * cmp.counts.missing_local;
 * ```
 */
export class DayComparer {
  readonly #brandCode: string;
  readonly #keyHash: (key: ConsentKey) => string;
  readonly #max: number;
  #cap = 0;
  /** The ids' UTF-8 bytes, back to back (`#idBytes` of them used). */
  #ids: Buffer = Buffer.alloc(0);
  #idBytes = 0;
  /**
   * One 64-byte record per entry (one cache line: a lookup touches the table, the record and the
   * id), viewed through the arrays below; see the `R_*` offsets.
   */
  #rec: Buffer = Buffer.alloc(0);
  #rec16 = new Uint16Array(0);
  #recI32 = new Int32Array(0);
  #recU32 = new Uint32Array(0);
  #recF64 = new Float64Array(0);
  /** Lengths of ids of 65,535 bytes or more (their record holds 65,535). */
  readonly #longIds = new Map<number, number>();
  /** Open addressing, linear probing: entry index + 1, 0 when free; at most half full. */
  #table = new Int32Array(0);
  #mask = 0;
  /** Key hashes that are not 64 lowercase hex characters (the others are 32 bytes of the record). */
  readonly #keyOther = new Map<number, string>();
  readonly #sources: (string | null)[] = [null];
  readonly #sourceIds = new Map<string, number>();
  /** Scratch space for an id that is not plain ASCII (rare). */
  #scratch: Buffer = Buffer.alloc(256);
  /** Ids of file rows that were not in the day's index (to catch their duplicates). */
  readonly #elsewhere = new Set<string>();
  /** ONAY/RET counts of İYS's file by recipient type × channel × party (see `#count`). */
  readonly #fileCounts = new Float64Array(24);
  readonly #kinds: Record<ReconciliationDifferenceKind, number> = {
    missing_local: 0,
    missing_remote: 0,
    mismatch: 0,
    duplicate_remote: 0,
    summary: 0,
  };
  /** The differences kept (at most `maxDifferences`). */
  readonly differences: ReconciliationDifference[] = [];
  /** Local rows indexed. */
  localRows = 0;
  /** File rows read. */
  remoteRows = 0;

  /** @param options - brand, key hash, cap */
  constructor(options: DayComparerOptions) {
    this.#brandCode = options.brandCode;
    this.#keyHash = options.keyHash;
    this.#max = Math.max(0, Math.trunc(options.maxDifferences));
  }

  /** Exact differences per kind so far. */
  get counts(): ReconciliationKindCounts {
    return { ...this.#kinds };
  }

  /** Total differences so far. */
  get differenceCount(): number {
    const k = this.#kinds;
    return k.missing_local + k.missing_remote + k.mismatch + k.duplicate_remote + k.summary;
  }

  /** The counts per recipient type, channel and party taken from İYS's file. */
  get fileCounts(): ReconciliationCounts[] {
    const out: ReconciliationCounts[] = [];
    for (let g = 0; g < 12; g++) {
      const approval = this.#fileCounts[g * 2]!;
      const rejection = this.#fileCounts[g * 2 + 1]!;
      if (approval + rejection === 0) continue;
      out.push({
        recipientType: RT[Math.floor(g / 6)]!,
        type: TYPES[Math.floor((g % 6) / 2)]!,
        party: PARTY[g % 2]!,
        total: approval + rejection,
        approval,
        rejection,
      });
    }
    return out;
  }

  /**
   * Makes room for `rows` local transactions at once — a hint, such as the day's total in İYS's
   * summary: the index then need not grow step by step (each step copies it and touches fresh
   * memory). Room not used is never touched, so an overestimate costs address space, not memory.
   * More rows than reserved still fit (the index grows as without a hint); at most 10,000,000 rows
   * are reserved.
   *
   * @example
   * ```ts
   * cmp.reserve(1_000_000);
   * ```
   */
  reserve(rows: number): void {
    const n = Math.min(Math.max(Math.trunc(rows), 0), MAX_RESERVE);
    if (!(n > this.#cap)) return;
    try {
      this.#grow(n, true);
      this.#growIds(n * RESERVED_ID_BYTES);
    } catch (e) {
      // Only a hint: when that much address space is not to be had, grow as rows come.
      if (!(e instanceof RangeError)) throw e;
    }
  }

  /** Room for `need` entries (and their table at most half full); `exact`: no more than that. */
  #grow(need: number, exact = false): void {
    if (need <= this.#cap) return;
    const cap = exact ? need : Math.max(need, this.#cap * 2, 1024);
    const rec = Buffer.alloc(cap * REC);
    this.#rec.copy(rec, 0, 0, this.localRows * REC);
    this.#rec = rec;
    const ab = rec.buffer;
    this.#rec16 = new Uint16Array(ab, rec.byteOffset, cap * (REC / 2));
    this.#recI32 = new Int32Array(ab, rec.byteOffset, cap * (REC / 4));
    this.#recU32 = new Uint32Array(ab, rec.byteOffset, cap * (REC / 4));
    this.#recF64 = new Float64Array(ab, rec.byteOffset, cap * (REC / 8));
    let size = 1;
    while (size < cap * 2) size *= 2;
    const table = new Int32Array(size);
    const mask = size - 1;
    const hashes = this.#recI32;
    for (let i = 0; i < this.localRows; i++) {
      let slot = hashes[i * (REC / 4)]! & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = i + 1;
    }
    this.#table = table;
    this.#mask = mask;
    this.#cap = cap;
  }

  /** Room for `bytes` more id bytes. */
  #growIds(bytes: number): void {
    const used = this.#idBytes;
    if (used + bytes <= this.#ids.length) return;
    const next = Buffer.allocUnsafe(Math.max(used + bytes, this.#ids.length * 2, 64 * 1024));
    this.#ids.copy(next, 0, 0, used);
    this.#ids = next;
  }

  #idStart(i: number): number {
    return this.#recU32[i * (REC / 4) + 1]!;
  }

  #idLength(i: number): number {
    const len = this.#rec16[i * (REC / 2) + 4]!;
    return len === LONG_ID ? this.#longIds.get(i)! : len;
  }

  /** The entry whose id is the bytes `bytes[from, to)` (hash `h`), or -1. */
  #findBytes(bytes: Uint8Array, from: number, to: number, h: number): number {
    const len = to - from;
    const ids = this.#ids;
    const hashes = this.#recI32;
    for (let slot = h & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const e = this.#table[slot]!;
      if (e === 0) return -1;
      const i = e - 1;
      if (hashes[i * (REC / 4)] !== h) continue;
      if (this.#idLength(i) !== len) continue;
      const start = this.#idStart(i);
      let k = 0;
      while (k < len && ids[start + k] === bytes[from + k]) k++;
      if (k === len) return i;
    }
  }

  /** The entry of a transaction id, or -1. */
  #find(id: string): number {
    if (this.localRows === 0) return -1;
    let h = FNV_OFFSET;
    const n = id.length;
    for (let k = 0; k < n; k++) {
      const c = id.charCodeAt(k);
      if (c >= 0x80) return this.#findNonAscii(id);
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    const ids = this.#ids;
    const hashes = this.#recI32;
    for (let slot = h & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const e = this.#table[slot]!;
      if (e === 0) return -1;
      const i = e - 1;
      if (hashes[i * (REC / 4)] !== h) continue;
      if (this.#idLength(i) !== n) continue;
      const start = this.#idStart(i);
      let k = 0;
      while (k < n && ids[start + k] === id.charCodeAt(k)) k++;
      if (k === n) return i;
    }
  }

  #findNonAscii(id: string): number {
    const need = Buffer.byteLength(id, 'utf8');
    if (need > this.#scratch.length) this.#scratch = Buffer.alloc(need * 2);
    const len = this.#scratch.write(id, 0, 'utf8');
    return this.#findBytes(this.#scratch, 0, len, hashBytes(this.#scratch, 0, len));
  }

  /**
   * Appends the id bytes `bytes[from, to)` as entry `localRows`, unless the id is indexed already;
   * returns the new entry or -1. The caller has grown the records.
   */
  #insert(bytes: Uint8Array, from: number, to: number): number {
    const h = hashBytes(bytes, from, to);
    const len = to - from;
    const table = this.#table;
    const mask = this.#mask;
    const hashes = this.#recI32;
    // One probe: an equal id ends it (a duplicate), else the first free slot is the new entry's.
    let slot = h & mask;
    for (let e = table[slot]!; e !== 0; slot = (slot + 1) & mask, e = table[slot]!) {
      const i = e - 1;
      if (hashes[i * (REC / 4)] !== h || this.#idLength(i) !== len) continue;
      const ids = this.#ids;
      const start = this.#idStart(i);
      let k = 0;
      while (k < len && ids[start + k] === bytes[from + k]) k++;
      if (k === len) return -1;
    }
    this.#growIds(len);
    const i = this.localRows++;
    const start = this.#idBytes;
    this.#ids.set(bytes.subarray(from, to), start);
    this.#idBytes = start + len;
    this.#recI32[i * (REC / 4)] = h;
    this.#recU32[i * (REC / 4) + 1] = start;
    this.#rec16[i * (REC / 2) + 4] = Math.min(len, LONG_ID);
    if (len >= LONG_ID) this.#longIds.set(i, len);
    table[slot] = i + 1;
    return i;
  }

  /** Writes entry `i`'s fields (its id is written). */
  #setFields(
    i: number,
    recipientType: number,
    type: number,
    status: number,
    party: number,
    source: number,
    consentDate: number,
    creationDate: number,
  ): void {
    this.#rec[i * REC + R_FLAGS] = recipientType | (type << 1) | (status << 3) | (party << 4);
    this.#rec16[i * (REC / 2) + 5] = source;
    this.#recF64[i * (REC / 8) + 2] = consentDate;
    this.#recF64[i * (REC / 8) + 3] = creationDate;
  }

  #sourceId(source: string | null): number {
    if (source === null) return 0;
    let id = this.#sourceIds.get(source);
    if (id === undefined) {
      id = this.#sources.length;
      if (id > 0xffff) throw new RangeError('too many distinct sources');
      this.#sources.push(source);
      this.#sourceIds.set(source, id);
    }
    return id;
  }

  /**
   * Adds a page of our log of the day. A transaction id seen twice keeps its first row (the
   * table's primary key makes that impossible in practice).
   */
  addLocal(rows: readonly LocalIysTransaction[]): void {
    this.#grow(this.localRows + rows.length);
    for (const r of rows) {
      const id = Buffer.from(r.transactionId, 'utf8');
      const i = this.#insert(id, 0, id.length);
      if (i < 0) continue;
      if (HEX64.test(r.keyHash)) this.#rec.write(r.keyHash, i * REC + R_KEY, 'hex');
      else this.#keyOther.set(i, r.keyHash);
      this.#setFields(
        i,
        r.recipientType === 'TACIR' ? 1 : 0,
        r.type === 'MESAJ' ? 0 : r.type === 'ARAMA' ? 1 : 2,
        r.status === 'ONAY' ? 0 : 1,
        r.party === 'IYS' ? 1 : 0,
        this.#sourceId(r.source),
        r.consentDate ?? Number.NaN,
        r.creationDate,
      );
    }
  }

  /**
   * Adds a columnar batch of our log of the day (`ReconciliationRepository.transactionBatchesOfDay`):
   * the same as {@link DayComparer.addLocal} with the same rows, without an object per row.
   */
  addLocalBatch(batch: LocalIysTransactionBatch): void {
    const n = batch.length;
    this.#grow(this.localRows + n);
    const sourceIds = batch.sources.map((s) => this.#sourceId(s));
    const keys = batch.keyHashes;
    const ids = batch.ids;
    const ends = batch.idEnds;
    const rec = this.#rec;
    for (let j = 0, from = 0; j < n; j++) {
      const to = ends[j]!;
      const i = this.#insert(ids, from, to);
      from = to;
      if (i < 0) continue;
      const other = batch.otherKeyHashes.size === 0 ? undefined : batch.otherKeyHashes.get(j);
      if (other === undefined) {
        const at = i * REC + R_KEY;
        for (let k = 0; k < 32; k++) rec[at + k] = keys[j * 32 + k]!;
      } else this.#keyOther.set(i, other);
      this.#setFields(
        i,
        batch.recipientType[j]!,
        batch.type[j]!,
        batch.status[j]!,
        batch.party[j]!,
        sourceIds[batch.source[j]!]!,
        batch.consentDate[j]!,
        batch.creationDate[j]!,
      );
    }
  }

  #push(d: ReconciliationDifference): void {
    this.#kinds[d.kind]++;
    if (this.differences.length < this.#max) this.differences.push(d);
  }

  #count(row: DailyFileRow): void {
    const slot =
      ((row.recipientType === 'TACIR' ? 6 : 0) +
        (row.type === 'MESAJ' ? 0 : row.type === 'ARAMA' ? 2 : 4) +
        (row.source?.startsWith('IYS') ? 1 : 0)) *
        2 +
      (row.status === 'ONAY' ? 0 : 1);
    this.#fileCounts[slot]!++;
  }

  /**
   * Compares one row of İYS's file. Returns `false` when its transaction is not in the day's
   * index: the caller must then {@link DayComparer.settle} it (after looking it up elsewhere).
   */
  remote(row: DailyFileRow): boolean {
    this.remoteRows++;
    this.#count(row);
    const i = this.#find(row.transactionId);
    if (i < 0) {
      if (this.#elsewhere.has(row.transactionId)) {
        this.#push(duplicate(row));
        return true;
      }
      this.#elsewhere.add(row.transactionId);
      return false;
    }
    const flags = this.#rec[i * REC + R_FLAGS]!;
    if ((flags & SEEN) !== 0) {
      this.#push(duplicate(row));
      return true;
    }
    this.#rec[i * REC + R_FLAGS] = flags | SEEN;
    const rt = RT[flags & 1]!;
    const type = TYPES[(flags >> 1) & 3]!;
    const same = this.#sameRecipient(
      row,
      rt,
      type,
      this.#keyOther.size === 0 ? undefined : this.#keyOther.get(i),
      i,
    );
    const fields = this.#diff(
      row,
      rt,
      type,
      STATUS[(flags >> 3) & 1]!,
      this.#sources[this.#rec16[i * (REC / 2) + 5]!] ?? null,
      this.#recF64[i * (REC / 8) + 2]!,
      this.#recF64[i * (REC / 8) + 3]!,
      same,
    );
    if (fields !== 0) this.#mismatch(row, fields, localView(this.#localAt(i)));
    return true;
  }

  /**
   * Settles a file row {@link DayComparer.remote} handed back: `local` is the same transaction found
   * on another day of our log (compared field by field), or `undefined` (missing here).
   */
  settle(row: DailyFileRow, local: LocalIysTransaction | undefined): void {
    if (local === undefined) {
      this.#push({
        kind: 'missing_local',
        transactionId: row.transactionId,
        fields: [],
        local: null,
        remote: remoteView(row),
      });
      return;
    }
    const same = this.#sameRecipient(row, local.recipientType, local.type, local.keyHash, -1);
    const fields = this.#diff(
      row,
      local.recipientType,
      local.type,
      local.status,
      local.source,
      local.consentDate ?? Number.NaN,
      local.creationDate,
      same,
    );
    if (fields !== 0) this.#mismatch(row, fields, localView(local));
  }

  /** True when the 64-character hex `h` spells entry `i`'s 32-byte key hash. */
  #isKeyHashAt(h: string, i: number): boolean {
    if (h.length !== 64) return false;
    const k = this.#rec;
    const at = i * REC + R_KEY;
    for (let j = 0; j < 32; j++) {
      const hi = hexValue(h.charCodeAt(2 * j));
      const lo = hexValue(h.charCodeAt(2 * j + 1));
      if (hi < 0 || lo < 0 || ((hi << 4) | lo) !== k[at + j]) return false;
    }
    return true;
  }

  #localAt(i: number): LocalIysTransaction {
    const consentDate = this.#recF64[i * (REC / 8) + 2]!;
    const flags = this.#rec[i * REC + R_FLAGS]!;
    const start = this.#idStart(i);
    return {
      transactionId: this.#ids.toString('utf8', start, start + this.#idLength(i)),
      keyHash: this.#keyOther.get(i) ?? this.#rec.toString('hex', i * REC + R_KEY, i * REC + R_KEY + 32),
      recipientType: RT[flags & 1]!,
      type: TYPES[(flags >> 1) & 3]!,
      status: STATUS[(flags >> 3) & 1]!,
      party: PARTY[(flags >> 4) & 1]!,
      source: this.#sources[this.#rec16[i * (REC / 2) + 5]!] ?? null,
      consentDate: Number.isNaN(consentDate) ? null : consentDate,
      creationDate: this.#recF64[i * (REC / 8) + 3]!,
    };
  }

  /**
   * True when the file row's recipient hashes to the local key hash: `keyHash` as a string, or
   * (when `undefined`) entry `i`'s 32 bytes.
   */
  #sameRecipient(
    row: DailyFileRow,
    recipientType: LocalIysTransaction['recipientType'],
    type: LocalIysTransaction['type'],
    keyHash: string | undefined,
    i: number,
  ): boolean {
    const key: ConsentKey = { brandCode: this.#brandCode, recipient: row.recipient, recipientType, type };
    const h = this.#keyHash(key);
    if (keyHash === undefined ? this.#isKeyHashAt(h, i) : h === keyHash) return true;
    // İYS may spell the recipient differently from our normalised form: normalise and retry.
    const normal = consentKey(key);
    if (!normal.ok || normal.value.recipient === row.recipient) return false;
    const n = this.#keyHash(normal.value);
    return keyHash === undefined ? this.#isKeyHashAt(n, i) : n === keyHash;
  }

  /** The fields that differ, as `F_*` bits. `consentDate` is `NaN` for none. */
  #diff(
    row: DailyFileRow,
    recipientType: string,
    type: string,
    status: string,
    source: string | null,
    consentDate: number,
    creationDate: number,
    sameRecipient: boolean,
  ): number {
    let f = 0;
    if (row.recipientType !== recipientType) f |= F_RECIPIENT_TYPE;
    if (row.type !== type) f |= F_TYPE;
    if (!sameRecipient) f |= F_RECIPIENT;
    if (row.status !== status) f |= F_STATUS;
    const rc = row.consentDate?.getTime();
    const none = Number.isNaN(consentDate);
    if (rc === undefined ? !none : none || sec(rc) !== sec(consentDate)) f |= F_CONSENT_DATE;
    if ((row.source ?? null) !== source) f |= F_SOURCE;
    if (sec(row.creationDate.getTime()) !== sec(creationDate)) f |= F_CREATION_DATE;
    return f;
  }

  #mismatch(row: DailyFileRow, bits: number, local: Record<string, unknown>): void {
    const fields: string[] = [];
    for (let b = 0; b < FIELD_NAMES.length; b++) if (bits & (1 << b)) fields.push(FIELD_NAMES[b]!);
    this.#push({
      kind: 'mismatch',
      transactionId: row.transactionId,
      fields,
      local,
      remote: remoteView(row),
    });
  }

  /**
   * Ends the comparison: every local transaction the file did not have becomes `missing_remote`
   * (in the order our log gave them), and İYS's summary (both recipient types) is checked against
   * the counts of its own file.
   */
  finish(
    summaries: readonly (readonly [recipientType: 'BIREYSEL' | 'TACIR', ReconciliationSummary])[],
  ): void {
    for (let i = 0; i < this.localRows; i++) {
      if ((this.#rec[i * REC + R_FLAGS]! & SEEN) !== 0) continue;
      const l = this.#localAt(i);
      this.#push({
        kind: 'missing_remote',
        transactionId: l.transactionId,
        fields: [],
        local: localView(l),
        remote: null,
      });
    }
    for (const d of summaryDifferences(summaryCounts(summaries), this.fileCounts)) this.#push(d);
  }
}

/** 32-bit FNV-1a of `bytes[from, to)` (for ASCII, the same as over the string's char codes). */
function hashBytes(bytes: Uint8Array, from: number, to: number): number {
  let h = FNV_OFFSET;
  for (let k = from; k < to; k++) h = Math.imul(h ^ bytes[k]!, FNV_PRIME);
  return h;
}

function localView(l: LocalIysTransaction): Record<string, unknown> {
  return {
    recipientType: l.recipientType,
    type: l.type,
    party: l.party,
    status: l.status,
    consentDate: iso(l.consentDate),
    source: l.source,
    creationDate: iso(l.creationDate),
  };
}

function remoteView(row: DailyFileRow): Record<string, unknown> {
  return {
    recipient: maskRecipient(row.recipient),
    recipientType: row.recipientType,
    type: row.type,
    party: partyOfSource(row.source),
    status: row.status,
    consentDate: iso(row.consentDate?.getTime()),
    source: row.source ?? null,
    creationDate: iso(row.creationDate.getTime()),
  };
}

function duplicate(row: DailyFileRow): ReconciliationDifference {
  return {
    kind: 'duplicate_remote',
    transactionId: row.transactionId,
    fields: [],
    local: null,
    remote: remoteView(row),
  };
}

/**
 * İYS's summary answers (one per recipient type) as flat counts.
 *
 * @example
 * ```ts
 * summaryCounts([['BIREYSEL', { changeStats: [{ type: 'MESAJ', consents: [{ source: 'HS', total: 1, approval: 1, rejection: 0 }] }] }]]);
 * ```
 */
export function summaryCounts(
  summaries: readonly (readonly [recipientType: 'BIREYSEL' | 'TACIR', ReconciliationSummary])[],
): ReconciliationCounts[] {
  const out = new Map<string, ReconciliationCounts>();
  for (const [recipientType, s] of summaries) {
    for (const stat of s.changeStats) {
      for (const c of stat.consents) {
        const k = `${recipientType}|${stat.type}|${c.source}`;
        const prev = out.get(k);
        out.set(k, {
          recipientType,
          type: stat.type,
          party: c.source,
          total: (prev?.total ?? 0) + c.total,
          approval: (prev?.approval ?? 0) + c.approval,
          rejection: (prev?.rejection ?? 0) + c.rejection,
        });
      }
    }
  }
  return [...out.values()];
}

function summaryDifferences(
  iys: readonly ReconciliationCounts[],
  file: readonly ReconciliationCounts[],
): ReconciliationDifference[] {
  const key = (c: ReconciliationCounts): string => `${c.recipientType}|${c.type}|${c.party}`;
  const a = new Map(iys.map((c) => [key(c), c]));
  const b = new Map(file.map((c) => [key(c), c]));
  const out: ReconciliationDifference[] = [];
  for (const k of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const s = a.get(k);
    const f = b.get(k);
    const fields = (['total', 'approval', 'rejection'] as const).filter(
      (n) => (s?.[n] ?? 0) !== (f?.[n] ?? 0),
    );
    if (fields.length === 0) continue;
    const [recipientType, type, party] = k.split('|');
    const view = (c: ReconciliationCounts | undefined): Record<string, unknown> => ({
      recipientType,
      type,
      party,
      total: c?.total ?? 0,
      approval: c?.approval ?? 0,
      rejection: c?.rejection ?? 0,
    });
    out.push({ kind: 'summary', transactionId: null, fields, local: view(f), remote: view(s) });
  }
  return out;
}
