import { type ConsentKey, consentKey } from '@izinkit/consent';
import type { DailyFileRow, ReconciliationSummary } from '@izinkit/iys';
import type { LocalIysTransaction, ReconciliationDifferenceKind } from '@izinkit/postgres';
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

/**
 * The streaming comparison at the heart of the daily reconciliation, with no I/O: feed it our log
 * of the day (pages of `LocalIysTransaction` from @izinkit/postgres), then İYS's file row by row, then
 * {@link DayComparer.finish}. Our side is held in a compact index (one `Map` entry and a few
 * typed-array slots per transaction, ≈ 300 bytes measured); İYS's file is never held.
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
  readonly #index = new Map<string, number>();
  #cap = 0;
  /** Key hashes as 32 bytes each (they are 64 lowercase hex characters); others kept as given. */
  #keyBin: Buffer = Buffer.alloc(0);
  readonly #keyOther = new Map<number, string>();
  #rt = new Uint8Array(0);
  #type = new Uint8Array(0);
  #status = new Uint8Array(0);
  #party = new Uint8Array(0);
  #seen = new Uint8Array(0);
  #source = new Uint16Array(0);
  #consentDate = new Float64Array(0);
  #creationDate = new Float64Array(0);
  readonly #sources: (string | null)[] = [null];
  readonly #sourceIds = new Map<string, number>();
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

  #grow(need: number): void {
    if (need <= this.#cap) return;
    const cap = Math.max(need, this.#cap * 2, 1024);
    const grow8 = (a: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> => {
      const b = new Uint8Array(cap);
      b.set(a);
      return b;
    };
    this.#rt = grow8(this.#rt);
    this.#type = grow8(this.#type);
    this.#status = grow8(this.#status);
    this.#party = grow8(this.#party);
    this.#seen = grow8(this.#seen);
    const k = Buffer.alloc(cap * 32);
    this.#keyBin.copy(k);
    this.#keyBin = k;
    const s = new Uint16Array(cap);
    s.set(this.#source);
    this.#source = s;
    const c = new Float64Array(cap);
    c.set(this.#consentDate);
    this.#consentDate = c;
    const d = new Float64Array(cap);
    d.set(this.#creationDate);
    this.#creationDate = d;
    this.#cap = cap;
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
      if (this.#index.has(r.transactionId)) continue;
      const i = this.localRows++;
      this.#index.set(r.transactionId, i);
      if (HEX64.test(r.keyHash)) this.#keyBin.write(r.keyHash, i * 32, 'hex');
      else this.#keyOther.set(i, r.keyHash);
      this.#rt[i] = r.recipientType === 'TACIR' ? 1 : 0;
      this.#type[i] = r.type === 'MESAJ' ? 0 : r.type === 'ARAMA' ? 1 : 2;
      this.#status[i] = r.status === 'ONAY' ? 0 : 1;
      this.#party[i] = r.party === 'IYS' ? 1 : 0;
      this.#source[i] = this.#sourceId(r.source);
      this.#consentDate[i] = r.consentDate ?? Number.NaN;
      this.#creationDate[i] = r.creationDate;
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
    const i = this.#index.get(row.transactionId);
    if (i === undefined) {
      if (this.#elsewhere.has(row.transactionId)) {
        this.#push(duplicate(row));
        return true;
      }
      this.#elsewhere.add(row.transactionId);
      return false;
    }
    if (this.#seen[i] === 1) {
      this.#push(duplicate(row));
      return true;
    }
    this.#seen[i] = 1;
    this.#compare(row, this.#localAt(i));
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
    } else {
      this.#compare(row, local);
    }
  }

  #localAt(i: number): LocalIysTransaction {
    const consentDate = this.#consentDate[i]!;
    return {
      transactionId: '',
      keyHash: this.#keyOther.get(i) ?? this.#keyBin.toString('hex', i * 32, i * 32 + 32),
      recipientType: RT[this.#rt[i]!]!,
      type: TYPES[this.#type[i]!]!,
      status: STATUS[this.#status[i]!]!,
      party: PARTY[this.#party[i]!]!,
      source: this.#sources[this.#source[i]!] ?? null,
      consentDate: Number.isNaN(consentDate) ? null : consentDate,
      creationDate: this.#creationDate[i]!,
    };
  }

  #sameRecipient(row: DailyFileRow, l: LocalIysTransaction): boolean {
    const key: ConsentKey = {
      brandCode: this.#brandCode,
      recipient: row.recipient,
      recipientType: l.recipientType,
      type: l.type,
    };
    if (this.#keyHash(key) === l.keyHash) return true;
    // İYS may spell the recipient differently from our normalised form: normalise and retry.
    const normal = consentKey(key);
    return normal.ok && normal.value.recipient !== row.recipient && this.#keyHash(normal.value) === l.keyHash;
  }

  #compare(row: DailyFileRow, l: LocalIysTransaction): void {
    const fields: string[] = [];
    if (row.recipientType !== l.recipientType) fields.push('recipientType');
    if (row.type !== l.type) fields.push('type');
    if (!this.#sameRecipient(row, l)) fields.push('recipient');
    if (row.status !== l.status) fields.push('status');
    const rc = row.consentDate?.getTime();
    if (
      rc === undefined ? l.consentDate !== null : l.consentDate === null || sec(rc) !== sec(l.consentDate)
    ) {
      fields.push('consentDate');
    }
    if ((row.source ?? null) !== l.source) fields.push('source');
    if (sec(row.creationDate.getTime()) !== sec(l.creationDate)) fields.push('creationDate');
    if (fields.length === 0) return;
    this.#push({
      kind: 'mismatch',
      transactionId: row.transactionId,
      fields,
      local: localView(l),
      remote: remoteView(row),
    });
  }

  /**
   * Ends the comparison: every local transaction the file did not have becomes `missing_remote`,
   * and İYS's summary (both recipient types) is checked against the counts of its own file.
   */
  finish(
    summaries: readonly (readonly [recipientType: 'BIREYSEL' | 'TACIR', ReconciliationSummary])[],
  ): void {
    for (const [id, i] of this.#index) {
      if (this.#seen[i] === 1) continue;
      const l = this.#localAt(i);
      this.#push({
        kind: 'missing_remote',
        transactionId: id,
        fields: [],
        local: localView(l),
        remote: null,
      });
    }
    for (const d of summaryDifferences(summaryCounts(summaries), this.fileCounts)) this.#push(d);
  }
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
