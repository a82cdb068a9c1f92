/**
 * The de-duplication map of the import: consent key → the best row so far, kept compact so that a
 * million keys fit in a few tens of megabytes.
 *
 * A consent key is (recipient, recipientType, type) within one brand. A phone key is a number —
 * the E.164 digits × 6 + the (recipientType, type) code, below 2^53 for every 15-digit number — in
 * an open-addressing hash table over typed arrays; only e-mail keys are strings (in a `Map`). Per
 * key, the winning row, its consent date, status and source, and what was seen of the person, live
 * in parallel typed arrays indexed by a slot number.
 */
import { CONSENT_TYPES, type ConsentType, RECIPIENT_TYPES, type RecipientType } from '@izinkit/iys';

/** Slot flag: the winning decision is RET (else ONAY). */
export const FLAG_RET = 1;
/** Slot flag: some row of the key is an ONAY. */
export const FLAG_SEEN_ONAY = 2;
/** Slot flag: rows of the key disagree on the status. */
export const FLAG_STATUS_CONFLICT = 4;
/** Slot flag: rows of the key name different people (different TCKN, or different names). */
export const FLAG_PERSON_CONFLICT = 8;

/**
 * The (recipientType, type) code of a key, 0–5.
 *
 * @example
 * ```ts
 * keyCode('BIREYSEL', 'MESAJ'); // 0
 * keyCode('TACIR', 'EPOSTA'); // 5
 * ```
 */
export function keyCode(recipientType: RecipientType, type: ConsentType): number {
  return RECIPIENT_TYPES.indexOf(recipientType) * 3 + CONSENT_TYPES.indexOf(type);
}

/**
 * The recipient type and channel of a {@link keyCode}.
 *
 * @example
 * ```ts
 * fromKeyCode(5); // { recipientType: 'TACIR', type: 'EPOSTA' }
 * ```
 */
export function fromKeyCode(code: number): { recipientType: RecipientType; type: ConsentType } {
  return { recipientType: RECIPIENT_TYPES[Math.floor(code / 3)]!, type: CONSENT_TYPES[code % 3]! };
}

/**
 * 32-bit FNV-1a of a string (0 is kept for "none": a hash of 0 becomes 1).
 *
 * @example
 * ```ts
 * hash32('10000000146') !== hash32('10000000145'); // true
 * ```
 */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0 || 1;
}

const TWO32 = 4294967296;

/**
 * The compact consent-key → best-row table.
 *
 * @example
 * ```ts
 * const t = new KeyTable();
 * const slot = t.slotOf('+905321234567', keyCode('BIREYSEL', 'MESAJ'));
 * t.created; // true: a new key
 * t.recipient(slot); // '+905321234567'
 * ```
 */
export class KeyTable {
  /** Slots in use. */
  size = 0;
  /** True when the last {@link KeyTable.slotOf} call created the slot. */
  created = false;

  /** Winning row (data-row index) per slot. */
  winnerRow: Int32Array;
  /** Winning consent date (epoch ms) per slot. */
  winnerMs: Float64Array;
  /** FLAG_* bits per slot. */
  flags: Uint8Array;
  /** Winning source (index into PROVIDER_SOURCES) per slot. */
  source: Uint8Array;
  /** (recipientType, type) code per slot. */
  code: Uint8Array;
  /** E.164 digits as a number per slot (0 for e-mail keys). */
  phone: Float64Array;
  /** Hash of the first valid TCKN seen per slot (0: none). */
  tckn: Uint32Array;
  /** Hash of the first folded name seen per slot (0: none). */
  name: Uint32Array;
  /** Rows merged into the slot. */
  rows: Uint32Array;
  private readonly emails: (string | undefined)[] = [];

  // Open addressing for phone keys.
  private tableKeys: Float64Array;
  private tableSlots: Int32Array;
  private mask: number;
  private readonly emailIndex = new Map<string, number>();

  /** @param capacity - expected number of keys (the table grows past it). */
  constructor(capacity = 1024) {
    const cap = Math.max(16, capacity);
    this.winnerRow = new Int32Array(cap);
    this.winnerMs = new Float64Array(cap);
    this.flags = new Uint8Array(cap);
    this.source = new Uint8Array(cap);
    this.code = new Uint8Array(cap);
    this.phone = new Float64Array(cap);
    this.tckn = new Uint32Array(cap);
    this.name = new Uint32Array(cap);
    this.rows = new Uint32Array(cap);
    let tableSize = 16;
    while (tableSize < cap * 2) tableSize *= 2;
    this.tableKeys = new Float64Array(tableSize);
    this.tableSlots = new Int32Array(tableSize).fill(-1);
    this.mask = tableSize - 1;
  }

  /**
   * The slot of a key, created when new ({@link KeyTable.created} tells which). `recipient` is the
   * normalised recipient: an E.164 number (`+90…`) or an e-mail address.
   */
  slotOf(recipient: string, code: number): number {
    if (recipient.charCodeAt(0) === 43 /* + */) {
      const digits = Number(recipient.slice(1));
      if (Number.isSafeInteger(digits) && digits > 0 && recipient.length <= 16) {
        return this.phoneSlot(digits * 6 + code, digits, code);
      }
    }
    const k = `${code}${recipient}`;
    const found = this.emailIndex.get(k);
    if (found !== undefined) {
      this.created = false;
      return found;
    }
    const slot = this.newSlot(code, 0);
    this.emails[slot] = recipient;
    this.emailIndex.set(k, slot);
    return slot;
  }

  /** The normalised recipient of a slot. */
  recipient(slot: number): string {
    const p = this.phone[slot]!;
    return p > 0 ? `+${p}` : this.emails[slot]!;
  }

  private phoneSlot(key: number, digits: number, code: number): number {
    const keys = this.tableKeys;
    let i = this.hash(key) & this.mask;
    for (;;) {
      const s = this.tableSlots[i]!;
      if (s < 0) break;
      if (keys[i] === key) {
        this.created = false;
        return s;
      }
      i = (i + 1) & this.mask;
    }
    const slot = this.newSlot(code, digits);
    keys[i] = key;
    this.tableSlots[i] = slot;
    if (this.size * 2 > this.mask) this.rehash();
    return slot;
  }

  private hash(key: number): number {
    const lo = (key % TWO32) | 0;
    const hi = Math.floor(key / TWO32) | 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 16);
  }

  private rehash(): void {
    const oldKeys = this.tableKeys;
    const oldSlots = this.tableSlots;
    const size = oldKeys.length * 2;
    this.tableKeys = new Float64Array(size);
    this.tableSlots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const s = oldSlots[j]!;
      if (s < 0) continue;
      const key = oldKeys[j]!;
      let i = this.hash(key) & this.mask;
      while (this.tableSlots[i]! >= 0) i = (i + 1) & this.mask;
      this.tableKeys[i] = key;
      this.tableSlots[i] = s;
    }
  }

  private newSlot(code: number, digits: number): number {
    const slot = this.size++;
    if (slot >= this.winnerRow.length) this.grow();
    this.code[slot] = code;
    this.phone[slot] = digits;
    this.created = true;
    return slot;
  }

  private grow(): void {
    const cap = this.winnerRow.length * 2;
    const g = <T extends Int32Array | Float64Array | Uint8Array | Uint32Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.winnerRow = g(this.winnerRow, (n) => new Int32Array(n));
    this.winnerMs = g(this.winnerMs, (n) => new Float64Array(n));
    this.flags = g(this.flags, (n) => new Uint8Array(n));
    this.source = g(this.source, (n) => new Uint8Array(n));
    this.code = g(this.code, (n) => new Uint8Array(n));
    this.phone = g(this.phone, (n) => new Float64Array(n));
    this.tckn = g(this.tckn, (n) => new Uint32Array(n));
    this.name = g(this.name, (n) => new Uint32Array(n));
    this.rows = g(this.rows, (n) => new Uint32Array(n));
  }
}
