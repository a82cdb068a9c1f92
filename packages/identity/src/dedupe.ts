import { normalizeEmail } from './email.js';
import { IdentityError } from './errors.js';
import { doubleArray, smiArray } from './internal/arrays.js';
import { emailKeyRange, RANGE } from './internal/email-key.js';
import { equalAsciiLower, hashAsciiLower, hashNumber, hashPair, hashString } from './internal/hash.js';
import { NumTable } from './internal/num-table.js';
import { Partitioner } from './internal/partition.js';
import { trNationalNumberKey } from './internal/tr-phone.js';
import { UnionFind } from './internal/union-find.js';
import { type FoldNameOptions, foldName } from './name.js';
import { type CountryCode, type NormalizedPhone, normalizePhone } from './phone.js';
import { parseTckn, tcknNumber } from './tckn.js';

/**
 * One person record to de-duplicate. Only `id` is required; the identifiers may be typed in any
 * form the parsers accept (`0532 123 45 67`, `100 000 001 46`, ` Ali@Example.com`). Empty strings,
 * `null` and `undefined` mean "not given".
 *
 * @example
 * ```ts
 * const r: PersonRecord = { id: 'crm-17', tckn: '10000000146', phone: '0532 123 45 67', firstName: 'Ali', lastName: 'Yılmaz' };
 * ```
 */
export interface PersonRecord {
  /** The caller's identifier of the record; unique within one call. */
  readonly id: string;
  /** T.C. Kimlik No (or a YKN whose TCKN-style check digits fit). */
  readonly tckn?: string | null | undefined;
  /** Phone number in any accepted format. */
  readonly phone?: string | null | undefined;
  /** E-mail address. */
  readonly email?: string | null | undefined;
  /** Given name(s). */
  readonly firstName?: string | null | undefined;
  /** Family name(s). */
  readonly lastName?: string | null | undefined;
}

/**
 * Options of {@link dedupe}.
 *
 * @example
 * ```ts
 * const o: DedupeOptions = { asciiNames: true, defaultCountry: 'TR' };
 * ```
 */
export interface DedupeOptions {
  /** Country of phone numbers written without a country code. Default `'TR'`. */
  readonly defaultCountry?: CountryCode;
  /** Compare names after ASCII folding (`Şeyma` = `SEYMA`); see {@link FoldNameOptions}. Default false. */
  readonly asciiNames?: boolean;
  /**
   * Let records without any name match on phone or e-mail alone (with other nameless records).
   * Default false: a shared phone or address without a name proves nothing (family phones, shared
   * mailboxes), so such records only match by TCKN.
   */
  readonly matchWithoutName?: boolean;
}

/**
 * One person: the ids of the records that belong together, in input order.
 *
 * @example
 * ```ts
 * const g: DedupeGroup = { ids: ['crm-17', 'web-4'] };
 * ```
 */
export interface DedupeGroup {
  /** Record ids, in input order. */
  readonly ids: string[];
}

/**
 * A match {@link dedupe} refused because it would have put two different valid TCKNs in one group.
 * `ids[0]` is the record whose link was refused, `ids[1]` the first record with the same key;
 * `tckns` are the TCKNs of their two groups.
 *
 * @example
 * ```ts
 * const c: DedupeConflict = { ids: ['b', 'a'], tckns: ['19090909018', '10000000146'], via: 'phone' };
 * ```
 */
export interface DedupeConflict {
  /** The refused record and the record it would have joined. */
  readonly ids: readonly [string, string];
  /** The TCKNs of the two groups (different by construction). */
  readonly tckns: readonly [string, string];
  /** Which shared key proposed the match. */
  readonly via: 'phone' | 'email';
}

/**
 * An identifier {@link dedupe} ignored because it is not valid (it then matches nothing).
 *
 * @example
 * ```ts
 * const i: DedupeInvalid = { id: 'crm-9', field: 'tckn', code: 'bad_checksum' };
 * ```
 */
export interface DedupeInvalid {
  /** The record. */
  readonly id: string;
  /** The field that was ignored. */
  readonly field: 'tckn' | 'phone' | 'email';
  /** The parser's error code (`bad_checksum`, `invalid_number`, `turkish_characters`, …). */
  readonly code: string;
}

/**
 * The result of {@link dedupe}.
 *
 * @example
 * ```ts
 * const r: DedupeResult = dedupe([{ id: 'a' }]);
 * r.groups; // [{ ids: ['a'] }]
 * ```
 */
export interface DedupeResult {
  /** A partition of the input ids: every id in exactly one group; groups in order of their first record. */
  readonly groups: DedupeGroup[];
  /** Matches refused by the TCKN rule. */
  readonly conflicts: DedupeConflict[];
  /** Identifiers that were ignored because they are invalid. */
  readonly invalid: DedupeInvalid[];
}

function given(v: string | null | undefined): v is string {
  return typeof v === 'string' && v.length > 0;
}

/**
 * De-duplicates person records: groups the records that describe the same person.
 *
 * Two records are the same person when they
 * 1. share a valid TCKN (in any typed form), or
 * 2. share a normalised phone number ({@link normalizePhone}, E.164) **and** the same folded full
 *    name ({@link foldName} of first + last name, so `Ali Veli / Yılmaz` = `Ali / Veli Yılmaz`), or
 * 3. share a normalised e-mail address ({@link normalizeEmail}, compared case-insensitively)
 *    **and** the same folded full name.
 *
 * The relation is transitive (A~B and B~C put A, B, C together), with one exception: two records
 * with **different valid TCKNs are never merged**, not even through a third record. Such a refused
 * link is reported in `conflicts`; the record joins the group it was linked to first (TCKN links,
 * then phone and e-mail links in input order). Invalid identifiers never match anything and are
 * listed in `invalid`; records without a name match only by TCKN unless `matchWithoutName` is set.
 * Every input id appears in exactly one group.
 *
 * Union–find over hash maps: linear in the number of records (1M mixed-format records in a few
 * seconds; see the package's benchmarks). Throws an {@link IdentityError} `duplicate_id` when two
 * records share an id.
 *
 * @example
 * ```ts
 * const { groups, conflicts } = dedupe([
 *   { id: '1', tckn: '10000000146', phone: '0532 123 45 67', firstName: 'Ali', lastName: 'Yılmaz' },
 *   { id: '2', phone: '+90 532 123 4567', firstName: 'ALİ', lastName: 'YILMAZ' },
 *   { id: '3', email: 'ali@example.com', tckn: '100 000 001 46' },
 *   { id: '4', phone: '05321234567', firstName: 'Ali', lastName: 'Yılmaz', tckn: '19090909018' },
 * ]);
 * groups; // [{ ids: ['1', '2', '3'] }, { ids: ['4'] }]
 * conflicts; // [{ ids: ['4', '1'], tckns: ['19090909018', '10000000146'], via: 'phone' }]
 * ```
 */
export function dedupe(records: readonly PersonRecord[], options?: DedupeOptions): DedupeResult {
  const n = records.length;
  const phoneOptions = options?.defaultCountry === undefined ? undefined : options;
  const trDefault = (options?.defaultCountry ?? 'TR') === 'TR';
  const names = new NameIds(
    options?.asciiNames === true ? { ascii: true } : undefined,
    options?.matchWithoutName === true,
  );

  // Pass 1, the only pass over the records: every field read once, reduced to numbers in arrays
  // indexed by record. Nothing is allocated per record on the common path: Turkish phones become
  // their national number as a number, e-mails are located in the input (trimmed, and later
  // compared with ASCII letters lower-cased on the fly), and names are folded once per distinct
  // (first name, last name) pair.
  const ids: unknown[] = new Array(n);
  const idHash = smiArray(n); // hash of a string id; -1 for other ids
  const tckn = doubleArray(n); // the valid TCKN as a number; 0 = none
  const phone = doubleArray(n); // the phone key (see PHONE_OTHER); 0 = none or no name
  const emailIn: (string | undefined)[] = new Array(n); // the string holding the e-mail key
  const emailAt = doubleArray(n); // where: start * RANGE + length
  const emailHash = smiArray(n);
  const name = smiArray(n); // the folded full name's id, for records with a phone or e-mail key
  const otherPhones = new Map<string, number>();
  let otherIds: Set<unknown> | undefined;
  let repeatedOther = n; // the first record whose non-string id repeats an earlier one
  const invalidTckn: DedupeInvalid[] = [];
  const invalidOther: DedupeInvalid[] = [];
  let tcknCount = 0;
  let phoneCount = 0;
  let emailCount = 0;
  for (let i = 0; i < n; i++) {
    const r = records[i]!;
    const id = r.id;
    ids[i] = id;
    if (typeof id === 'string') idHash[i] = hashString(id);
    else {
      // Ids that are not strings (callers without types): SameValueZero, like a Set.
      idHash[i] = -1;
      otherIds ??= new Set();
      if (otherIds.has(id)) repeatedOther = Math.min(repeatedOther, i);
      else otherIds.add(id);
    }

    const t = r.tckn;
    if (given(t)) {
      const num = tcknNumber(t);
      if (num !== 0) {
        tckn[i] = num;
        tcknCount++;
      } else {
        const p = parseTckn(t);
        invalidTckn.push({ id: id as string, field: 'tckn', code: p.ok ? 'bad_checksum' : p.error.code });
      }
    }

    const ph = r.phone;
    const em = r.email;
    const hasPhone = given(ph);
    const hasEmail = given(em);
    if (!hasPhone && !hasEmail) continue;
    let phoneKey = 0;
    if (hasPhone) {
      // Turkish numbers key on their national number as a number, straight from the fast path.
      const k = trDefault ? trNationalNumberKey(ph) : -1;
      if (k > 0) phoneKey = k;
      else {
        const p = normalizePhone(ph, phoneOptions);
        if (p.ok) phoneKey = phoneKeyOf(p.value, otherPhones);
        else invalidOther.push({ id: id as string, field: 'phone', code: p.error.code });
      }
    }
    let emailSource: string | undefined;
    let emailRange = 0;
    if (hasEmail) {
      const range = emailKeyRange(em);
      if (range >= 0) {
        emailSource = em;
        emailRange = range;
      } else {
        const e = normalizeEmail(em);
        if (e.ok) {
          emailSource = e.value;
          emailRange = e.value.length;
        } else invalidOther.push({ id: id as string, field: 'email', code: e.error.code });
      }
    }
    if (phoneKey === 0 && emailSource === undefined) continue;
    const nameId = names.of(r.firstName, r.lastName);
    if (nameId < 0) continue;
    name[i] = nameId;
    if (phoneKey !== 0) {
      phone[i] = phoneKey;
      phoneCount++;
    }
    if (emailSource !== undefined) {
      const start = (emailRange / RANGE) | 0;
      emailIn[i] = emailSource;
      emailAt[i] = emailRange;
      emailHash[i] = hashAsciiLower(emailSource, start, start + (emailRange & (RANGE - 1)));
      emailCount++;
    }
  }

  const parts = new Partitioner(Math.max(n, 1));
  const repeated = Math.min(firstRepeatedId(ids, idHash, parts), repeatedOther);
  if (repeated < n) {
    const id = ids[repeated];
    throw new IdentityError('duplicate_id', {
      tr: `dedupe: aynı kimlikli (id) iki kayıt var: ${String(id)}`,
      en: `dedupe: two records have the same id: ${String(id)}`,
    });
  }

  // TCKN links first (equal TCKNs never conflict), then the phone and e-mail links in input
  // order, phone before e-mail within a record.
  // The union–find takes `tckn` over: every record starts as a group with its own TCKN; and
  // `idHash`, no longer needed, becomes its parent array.
  const groups = new UnionFind(tckn, idHash);
  if (tcknCount > 0) linkTckns(tckn, groups, parts);
  // `phone` and `emailHash` now receive, per record, the first record with the same phone
  // (e-mail) and name, + 1; 0 = none. (Both are all zeros when no record has such a key.)
  const viaPhone = phone;
  if (phoneCount > 0) firstWithPhone(phone, name, parts, viaPhone);
  const viaEmail = emailHash;
  if (emailCount > 0) firstWithEmail(emailIn, emailAt, emailHash, name, parts, viaEmail);
  const conflicts: DedupeConflict[] = [];
  for (let i = 0; i < n; i++) {
    const p = viaPhone[i]!;
    if (p !== 0) tryLink(groups, i, p - 1, 'phone', ids as string[], conflicts);
    const e = viaEmail[i]!;
    if (e !== 0) tryLink(groups, i, e - 1, 'email', ids as string[], conflicts);
  }

  return {
    // `name` and the partitions' arrays are no longer needed either: `partition` reuses them.
    groups: partition(ids as string[], groups, name, parts.record),
    conflicts,
    invalid: invalidTckn.length === 0 ? invalidOther : invalidTckn.concat(invalidOther),
  };
}

/** Links `i`'s group to `rep`'s, unless both have a valid TCKN and they differ (a conflict). */
function tryLink(
  groups: UnionFind,
  i: number,
  rep: number,
  via: 'phone' | 'email',
  ids: readonly string[],
  conflicts: DedupeConflict[],
): void {
  const ra = groups.find(i);
  const rb = groups.find(rep);
  if (ra === rb) return;
  const ta = groups.tckn[ra]!;
  const tb = groups.tckn[rb]!;
  if (ta !== 0 && tb !== 0 && ta !== tb) {
    conflicts.push({ ids: [ids[i]!, ids[rep]!], tckns: [String(ta), String(tb)], via });
  } else groups.link(ra, rb);
}

/** The first record whose (string) id an earlier record already has, or `ids.length`. */
function firstRepeatedId(ids: readonly unknown[], idHash: readonly number[], parts: Partitioner): number {
  const n = ids.length;
  parts.begin();
  for (let i = 0; i < n; i++) {
    const h = idHash[i]!;
    if (h >= 0) parts.count(h);
  }
  parts.seal();
  for (let i = 0; i < n; i++) {
    const h = idHash[i]!;
    if (h >= 0) parts.put(h, 0, h, i);
  }
  let first = n;
  for (let b = 0; b < parts.buckets; b++) {
    parts.open(b);
    const { mask, slotAux, slotRecord, slotStamp, stamp, aux, record } = parts;
    for (let k = parts.start[b]!, end = parts.start[b + 1]!; k < end; k++) {
      const h = aux[k]!;
      const i = record[k]!;
      let s = h & mask;
      for (;;) {
        if (slotStamp[s] !== stamp) {
          slotStamp[s] = stamp;
          slotAux[s] = h;
          slotRecord[s] = i;
          break;
        }
        if (slotAux[s] === h && ids[slotRecord[s]!] === ids[i]) {
          // Entries come in input order: the first repeat of this partition is its earliest.
          if (i < first) first = i;
          break;
        }
        s = (s + 1) & mask;
      }
    }
  }
  return first;
}

/** Links every record to the first record with the same TCKN. */
function linkTckns(tckn: readonly number[], groups: UnionFind, parts: Partitioner): void {
  const n = tckn.length;
  parts.begin();
  for (let i = 0; i < n; i++) {
    const t = tckn[i]!;
    if (t !== 0) parts.count(hashNumber(t));
  }
  parts.seal();
  for (let i = 0; i < n; i++) {
    const t = tckn[i]!;
    if (t !== 0) parts.put(hashNumber(t), t, 0, i);
  }
  for (let b = 0; b < parts.buckets; b++) {
    parts.open(b);
    const { mask, slotKey, slotRecord, slotStamp, stamp, key, record } = parts;
    for (let k = parts.start[b]!, end = parts.start[b + 1]!; k < end; k++) {
      const t = key[k]!;
      const i = record[k]!;
      let s = hashNumber(t) & mask;
      for (;;) {
        if (slotStamp[s] !== stamp) {
          slotStamp[s] = stamp;
          slotKey[s] = t;
          slotRecord[s] = i;
          break;
        }
        if (slotKey[s] === t) {
          groups.link(groups.find(i), groups.find(slotRecord[s]!));
          break;
        }
        s = (s + 1) & mask;
      }
    }
  }
}

/**
 * For each record with a phone key, the first record with the same phone key and name, + 1, into
 * `out` (0 when it is that first record, and for records without a phone key). `out` may be
 * `phone` itself: the keys are read into the partitions before `out` is cleared, and only the
 * repeats are then written (sequential clearing is cheaper than a scattered write per record).
 */
function firstWithPhone(
  phone: readonly number[],
  name: readonly number[],
  parts: Partitioner,
  out: number[],
): void {
  const n = phone.length;
  parts.begin();
  for (let i = 0; i < n; i++) {
    const p = phone[i]!;
    if (p !== 0) parts.count(hashPair(hashNumber(p), name[i]!));
  }
  parts.seal();
  for (let i = 0; i < n; i++) {
    const p = phone[i]!;
    if (p !== 0) parts.put(hashPair(hashNumber(p), name[i]!), p, name[i]!, i);
  }
  out.fill(0);
  for (let b = 0; b < parts.buckets; b++) {
    parts.open(b);
    const { mask, slotKey, slotAux, slotRecord, slotStamp, stamp, key, aux, record } = parts;
    for (let k = parts.start[b]!, end = parts.start[b + 1]!; k < end; k++) {
      const p = key[k]!;
      const nm = aux[k]!;
      const i = record[k]!;
      let s = hashPair(hashNumber(p), nm) & mask;
      for (;;) {
        if (slotStamp[s] !== stamp) {
          slotStamp[s] = stamp;
          slotKey[s] = p;
          slotAux[s] = nm;
          slotRecord[s] = i;
          break;
        }
        if (slotKey[s] === p && slotAux[s] === nm) {
          out[i] = slotRecord[s]! + 1;
          break;
        }
        s = (s + 1) & mask;
      }
    }
  }
}

/**
 * For each record with an e-mail key, the first record with the same e-mail (ASCII letters
 * compared case-insensitively) and name, + 1, into `out` (0 when it is that first record, and
 * for records without an e-mail key). `out` may be `emailHash` itself (read into the partitions
 * before `out` is cleared).
 */
function firstWithEmail(
  emailIn: readonly (string | undefined)[],
  emailAt: readonly number[],
  emailHash: readonly number[],
  name: readonly number[],
  parts: Partitioner,
  out: number[],
): void {
  const n = emailIn.length;
  parts.begin();
  for (let i = 0; i < n; i++) {
    if (emailIn[i] !== undefined) parts.count(hashPair(emailHash[i]!, name[i]!));
  }
  parts.seal();
  for (let i = 0; i < n; i++) {
    if (emailIn[i] !== undefined) parts.put(hashPair(emailHash[i]!, name[i]!), emailHash[i]!, name[i]!, i);
  }
  out.fill(0);
  for (let b = 0; b < parts.buckets; b++) {
    parts.open(b);
    const { mask, slotAux, slotKey, slotRecord, slotStamp, stamp, key, aux, record } = parts;
    for (let k = parts.start[b]!, end = parts.start[b + 1]!; k < end; k++) {
      const eh = key[k]!;
      const nm = aux[k]!;
      const i = record[k]!;
      let s = hashPair(eh, nm) & mask;
      for (;;) {
        if (slotStamp[s] !== stamp) {
          slotStamp[s] = stamp;
          slotKey[s] = eh;
          slotAux[s] = nm;
          slotRecord[s] = i;
          break;
        }
        const j = slotRecord[s]!;
        if (slotKey[s] === eh && slotAux[s] === nm && sameEmail(emailIn, emailAt, j, i)) {
          out[i] = j + 1;
          break;
        }
        s = (s + 1) & mask;
      }
    }
  }
}

function sameEmail(
  emailIn: readonly (string | undefined)[],
  emailAt: readonly number[],
  a: number,
  b: number,
): boolean {
  const ra = emailAt[a]!;
  const rb = emailAt[b]!;
  const sa = (ra / RANGE) | 0;
  const sb = (rb / RANGE) | 0;
  return equalAsciiLower(emailIn[a]!, sa, sa + (ra & (RANGE - 1)), emailIn[b]!, sb, sb + (rb & (RANGE - 1)));
}

/** The key of a valid phone number that did not take the Turkish fast path. */
function phoneKeyOf(p: NormalizedPhone, others: Map<string, number>): number {
  if (p.e164.startsWith('+90')) {
    const national = Number(p.national);
    if (national < PHONE_OTHER) return national;
  }
  let id = others.get(p.e164);
  if (id === undefined) {
    id = others.size;
    others.set(p.e164, id);
  }
  return PHONE_OTHER + id;
}

/**
 * Phone keys are numbers: a Turkish national significant number as such (at most 13 digits, so
 * below 2^44), any other number `PHONE_OTHER` + its id. Exact doubles; they never collide.
 */
const PHONE_OTHER = 2 ** 45;

/** Pairs of raw names packed into one table key: `first id * PAIR + last id + 1`. */
const PAIR = 2 ** 26;

/**
 * Folded full names as small integers. `foldName(first + ' ' + last)` runs once per distinct
 * (raw first name, raw last name) pair; later records with the same pair find its id through two
 * look-ups of the raw strings (whose hashes V8 caches on the strings) and one typed-array probe.
 */
class NameIds {
  private readonly raw = new Map<string, number>();
  private readonly pairs = new NumTable(1024);
  private readonly folded = new Map<string, number>();
  private readonly ascii: FoldNameOptions | undefined;
  private readonly withoutName: boolean;

  constructor(ascii: FoldNameOptions | undefined, withoutName: boolean) {
    this.ascii = ascii;
    this.withoutName = withoutName;
  }

  /** The id (≥ 0) of the folded full name, or -1 when the record has no name and needs one. */
  of(firstName: string | null | undefined, lastName: string | null | undefined): number {
    const first = given(firstName) ? firstName : '';
    const last = given(lastName) ? lastName : '';
    const a = this.rawId(first);
    const b = this.rawId(last);
    if (a >= PAIR || b >= PAIR) return this.fold(first, last);
    const key = a * PAIR + b + 1;
    const known = this.pairs.get(key);
    if (known >= 0) return known - 1;
    const id = this.fold(first, last);
    this.pairs.set(key, id + 1);
    return id;
  }

  private rawId(s: string): number {
    if (s === '') return 0;
    let id = this.raw.get(s);
    if (id === undefined) {
      id = this.raw.size + 1;
      this.raw.set(s, id);
    }
    return id;
  }

  private fold(first: string, last: string): number {
    const name = first === '' && last === '' ? '' : foldName(`${first} ${last}`, this.ascii);
    if (name === '' && !this.withoutName) return -1;
    let id = this.folded.get(name);
    if (id === undefined) {
      id = this.folded.size;
      this.folded.set(name, id);
    }
    return id;
  }
}

/**
 * The partition as {@link DedupeGroup}s, in order of each group's first record, ids in input
 * order: a counting sort of the records by group, then one exactly sized array per group. Reuses
 * the union–find's arrays, which are not needed once every record's root is known, and two
 * scratch arrays of small integers (`scratchN`: length n, `scratchStart`: any length).
 */
function partition(
  ids: readonly string[],
  uf: UnionFind,
  scratchN: number[],
  scratchStart: number[],
): DedupeGroup[] {
  const n = ids.length;
  // groupOf[i]: first i's root, then i's group number (groups numbered by first record).
  const groupOf = scratchN.length === n ? scratchN : smiArray(n);
  for (let i = 0; i < n; i++) groupOf[i] = uf.find(i);
  const groupOfRoot = uf.parent.fill(-1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const root = groupOf[i]!;
    let g = groupOfRoot[root]!;
    if (g < 0) {
      g = count++;
      groupOfRoot[root] = g;
    }
    groupOf[i] = g;
  }
  // start[g]: where group g begins in `order`; next[g]: its next free place.
  const start = scratchStart.length > count ? scratchStart.fill(0, 0, count + 1) : smiArray(count + 1);
  for (let i = 0; i < n; i++) start[groupOf[i]! + 1]!++;
  for (let g = 0; g < count; g++) start[g + 1]! += start[g]!;
  const next = uf.tckn;
  for (let g = 0; g < count; g++) next[g] = start[g]!;
  const order = groupOfRoot;
  for (let i = 0; i < n; i++) order[next[groupOf[i]!]!++] = i;
  const groups: DedupeGroup[] = new Array(count);
  for (let g = 0; g < count; g++) {
    const s = start[g]!;
    const e = start[g + 1]!;
    if (e - s === 1) groups[g] = { ids: [ids[order[s]!]!] };
    else {
      const members = new Array<string>(e - s);
      for (let k = s; k < e; k++) members[k - s] = ids[order[k]!]!;
      groups[g] = { ids: members };
    }
  }
  return groups;
}
