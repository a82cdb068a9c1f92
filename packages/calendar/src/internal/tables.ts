/**
 * The compiled calendars behind every public function.
 *
 * A {@link HolidaySet} depends only on which bayram dates are known (the built-in table plus
 * `options.bayramDates`): per-day holiday kinds over the whole covered span of years, and the
 * holidays with their names and laws. A {@link BusinessTable} adds the business-day policy
 * (half days, weekend, extra days): a per-day flag, a prefix sum of business days and the sorted
 * list of business days, so that `isBusinessDay`, `addBusinessDays` and `businessDaysBetween` are a
 * few array reads each. Both are built lazily, once per distinct set of options, and cached.
 */
import { type BayramKind, BUILT_IN_YEARS, bayramTable } from '../bayram-table.js';
import { invalidOptions, type LocalizedText, notCovered } from '../errors.js';
import type { BayramDate, CalendarOptions, CoverageOptions } from '../options.js';
import { dayNumber, formatIsoDate, parseIsoDate, weekday, yearOf } from './civil.js';

/** Law 2429 (RG 19.03.1981) is the first year this package models. */
export const MIN_YEAR = 1982;
export const MAX_YEAR = 9999;

/** One holiday that falls on a day (a day may carry two, e.g. 2023-04-23). */
export interface HolidayPart {
  readonly name: LocalizedText;
  readonly kind: 'full' | 'half';
  readonly law: string;
}

const KIND_NONE = 0;
const KIND_HALF = 1;
const KIND_FULL = 2;

export interface HolidaySet {
  readonly firstYear: number;
  readonly lastYear: number;
  /** Day number of 1 January of `firstYear`. */
  readonly startDay: number;
  /** Days from 1 January `firstYear` to 31 December `lastYear`. */
  readonly length: number;
  /** Per day: 0 none, 1 half-day holiday, 2 full-day holiday. */
  readonly kind: Uint8Array;
  /** Per day: 1 if the day's year is covered. */
  readonly covered: Uint8Array;
  /** True when some year between firstYear and lastYear is not covered. */
  readonly hasGaps: boolean;
  /** Holidays per day number. */
  readonly parts: ReadonlyMap<number, readonly HolidayPart[]>;
  /** `YYYY-MM-DD` of every day of the span, by index. */
  readonly iso: readonly string[];
  isCoveredYear(year: number): boolean;
}

export interface BusinessTable {
  readonly set: HolidaySet;
  readonly startDay: number;
  readonly length: number;
  /** Per day: 1 if a business day. */
  readonly isBiz: Uint8Array;
  /** prefix[i] = number of business days among indices [0, i). Length `length + 1`. */
  readonly prefix: Int32Array;
  /** Indices of the business days, ascending. */
  readonly biz: Int32Array;
  /** Only when the set has gaps: first and last index of the covered run each day belongs to. */
  readonly runStart: Int32Array | null;
  readonly runEnd: Int32Array | null;
}

// ── Law 2429: the fixed holidays ─────────────────────────────────────────────────────────────

const LAW_ART1 = 'Law 2429 art. 1';
const LAW_2A = 'Law 2429 art. 2(A)';
const LAW_2B = 'Law 2429 art. 2(B)';
const LAW_2C = 'Law 2429 art. 2(C)';
const LAW_MAY1 = 'Law 2429 art. 2, as amended by Law 5892 of 22.04.2009 (observed since 2009)';
const LAW_JUL15 = 'Law 2429 art. 2, as amended by Law 6752 of 25.10.2016 (observed since 2017)';

interface FixedHoliday {
  readonly month: number;
  readonly day: number;
  readonly from: number;
  readonly part: HolidayPart;
}

const FIXED: readonly FixedHoliday[] = [
  {
    month: 1,
    day: 1,
    from: MIN_YEAR,
    part: { name: { tr: 'Yılbaşı', en: "New Year's Day" }, kind: 'full', law: LAW_2C },
  },
  {
    month: 4,
    day: 23,
    from: MIN_YEAR,
    part: {
      name: { tr: 'Ulusal Egemenlik ve Çocuk Bayramı', en: "National Sovereignty and Children's Day" },
      kind: 'full',
      law: LAW_2A,
    },
  },
  {
    month: 5,
    day: 1,
    from: 2009,
    part: {
      name: { tr: 'Emek ve Dayanışma Günü', en: 'Labour and Solidarity Day' },
      kind: 'full',
      law: LAW_MAY1,
    },
  },
  {
    month: 5,
    day: 19,
    from: MIN_YEAR,
    part: {
      name: {
        tr: "Atatürk'ü Anma, Gençlik ve Spor Bayramı",
        en: 'Commemoration of Atatürk, Youth and Sports Day',
      },
      kind: 'full',
      law: LAW_2A,
    },
  },
  {
    month: 7,
    day: 15,
    from: 2017,
    part: {
      name: { tr: 'Demokrasi ve Millî Birlik Günü', en: 'Democracy and National Unity Day' },
      kind: 'full',
      law: LAW_JUL15,
    },
  },
  {
    month: 8,
    day: 30,
    from: MIN_YEAR,
    part: { name: { tr: 'Zafer Bayramı', en: 'Victory Day' }, kind: 'full', law: LAW_2A },
  },
  {
    month: 10,
    day: 28,
    from: MIN_YEAR,
    part: {
      name: { tr: "Cumhuriyet Bayramı arifesi (13.00'ten itibaren)", en: 'Republic Day eve (from 13:00)' },
      kind: 'half',
      law: LAW_ART1,
    },
  },
  {
    month: 10,
    day: 29,
    from: MIN_YEAR,
    part: { name: { tr: 'Cumhuriyet Bayramı', en: 'Republic Day' }, kind: 'full', law: LAW_ART1 },
  },
];

const BAYRAM_NAMES: Readonly<Record<BayramKind, { readonly tr: string; readonly en: string }>> = {
  ramazan: { tr: 'Ramazan Bayramı', en: 'Ramadan Feast' },
  kurban: { tr: 'Kurban Bayramı', en: 'Feast of Sacrifice' },
};
const BAYRAM_DAYS: Readonly<Record<BayramKind, number>> = { ramazan: 3, kurban: 4 };

function bayramParts(kind: BayramKind): HolidayPart[] {
  const n = BAYRAM_NAMES[kind];
  const out: HolidayPart[] = [
    {
      name: { tr: `${n.tr} arifesi (13.00'ten itibaren)`, en: `${n.en} eve (from 13:00)` },
      kind: 'half',
      law: LAW_2B,
    },
  ];
  for (let d = 1; d <= BAYRAM_DAYS[kind]; d++) {
    out.push({ name: { tr: `${n.tr} (${d}. gün)`, en: `${n.en} (day ${d})` }, kind: 'full', law: LAW_2B });
  }
  return out;
}
const PARTS: Readonly<Record<BayramKind, readonly HolidayPart[]>> = {
  ramazan: bayramParts('ramazan'),
  kurban: bayramParts('kurban'),
};

/** The span of a bayram as day numbers: arife … last day. */
function bayramSpan(kind: BayramKind, firstDay: number): [number, number] {
  return [firstDay - 1, firstDay + BAYRAM_DAYS[kind] - 1];
}

// ── Holiday sets ─────────────────────────────────────────────────────────────────────────────

interface NormalisedBayrams {
  /** Years the caller supplies, ascending. */
  readonly years: readonly number[];
  /** Every supplied bayram, deduplicated. */
  readonly entries: ReadonlyArray<{ readonly bayram: BayramKind; readonly firstDay: number }>;
  readonly key: string;
}

function buildHolidaySet(extra: NormalisedBayrams | null): HolidaySet {
  const covered = new Set<number>();
  for (let y = BUILT_IN_YEARS.from; y <= BUILT_IN_YEARS.to; y++) covered.add(y);
  const overridden = new Set<number>(extra?.years ?? []);
  for (const y of overridden) covered.add(y);
  const years = [...covered].sort((a, b) => a - b);
  const firstYear = years[0]!;
  const lastYear = years[years.length - 1]!;
  const startDay = dayNumber(firstYear, 1, 1);
  const length = dayNumber(lastYear, 12, 31) - startDay + 1;
  const kind = new Uint8Array(length);
  const coveredDays = new Uint8Array(length);
  const parts = new Map<number, HolidayPart[]>();
  let hasGaps = false;
  for (let y = firstYear; y <= lastYear; y++) {
    if (!covered.has(y)) {
      hasGaps = true;
      continue;
    }
    coveredDays.fill(1, dayNumber(y, 1, 1) - startDay, dayNumber(y, 12, 31) - startDay + 1);
  }
  const add = (dayNum: number, part: HolidayPart): void => {
    const i = dayNum - startDay;
    if (i < 0 || i >= length || coveredDays[i] !== 1) return;
    const list = parts.get(dayNum);
    if (list === undefined) parts.set(dayNum, [part]);
    else if (!list.includes(part)) list.push(part);
    const k = part.kind === 'full' ? KIND_FULL : KIND_HALF;
    if (k > kind[i]!) kind[i] = k;
  };
  for (const y of years) {
    for (const f of FIXED) if (y >= f.from) add(dayNumber(y, f.month, f.day), f.part);
  }
  const bayrams: Array<{ bayram: BayramKind; firstDay: number }> = [];
  for (const b of bayramTable) {
    const first = parseIsoDate(b.firstDay);
    const [s, e] = bayramSpan(b.bayram, first);
    if (overridden.has(yearOf(s)) || overridden.has(yearOf(e))) continue;
    bayrams.push({ bayram: b.bayram, firstDay: first });
  }
  if (extra) bayrams.push(...extra.entries);
  bayrams.sort((a, b) => a.firstDay - b.firstDay);
  for (const b of bayrams) {
    const list = PARTS[b.bayram];
    for (let d = 0; d < list.length; d++) add(b.firstDay - 1 + d, list[d]!);
  }
  const iso = new Array<string>(length);
  for (let i = 0; i < length; i++) iso[i] = formatIsoDate(startDay + i);
  return {
    firstYear,
    lastYear,
    startDay,
    length,
    kind,
    covered: coveredDays,
    hasGaps,
    parts,
    iso,
    isCoveredYear: (year: number) => covered.has(year),
  };
}

let defaultSet: HolidaySet | undefined;
const setsByIdentity = new WeakMap<object, HolidaySet>();
const setsByKey = new Map<string, HolidaySet>();
const CACHE_LIMIT = 32;

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.size >= CACHE_LIMIT) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  map.set(key, value);
}

/** The holiday set for these options (only `bayramDates` matters). */
export function holidaySetFor(options: CoverageOptions | undefined): HolidaySet {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw invalidOptions(options, { tr: 'seçenekler bir nesne olmalı', en: 'options must be an object' });
  }
  const bayramDates = options?.bayramDates;
  if (bayramDates === undefined) {
    defaultSet ??= buildHolidaySet(null);
    return defaultSet;
  }
  if (typeof bayramDates === 'object' && bayramDates !== null) {
    const hit = setsByIdentity.get(bayramDates);
    if (hit !== undefined) return hit;
  }
  const norm = normaliseBayrams(bayramDates);
  let set = setsByKey.get(norm.key);
  if (set === undefined) {
    set = buildHolidaySet(norm);
    remember(setsByKey, norm.key, set);
  }
  setsByIdentity.set(bayramDates, set);
  return set;
}

function normaliseBayrams(input: unknown): NormalisedBayrams {
  const bad = (tr: string, en: string): never => {
    throw invalidOptions(input, { tr: `bayramDates: ${tr}`, en: `bayramDates: ${en}` });
  };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    bad('yıl → bayram listesi biçiminde bir nesne olmalı', 'must be an object of year → list of bayrams');
  }
  const years: number[] = [];
  const seen = new Map<string, { bayram: BayramKind; firstDay: number }>();
  for (const [key, list] of Object.entries(input as Record<string, unknown>)) {
    const year = Number(key);
    if (!/^\d{4}$/.test(key) || year < MIN_YEAR || year > MAX_YEAR) {
      bad(
        `"${key}" ${MIN_YEAR}–${MAX_YEAR} arası bir yıl değil`,
        `"${key}" is not a year in ${MIN_YEAR}–${MAX_YEAR}`,
      );
    }
    if (!Array.isArray(list)) bad(`${key} için bir liste gerekli`, `${key} needs a list`);
    const counts: Record<BayramKind, number[]> = { ramazan: [], kurban: [] };
    for (const entry of list as unknown[]) {
      const e = entry as Partial<BayramDate> | null;
      if (typeof e !== 'object' || e === null || (e.bayram !== 'ramazan' && e.bayram !== 'kurban')) {
        bad(
          `${key}: her öğe { bayram: 'ramazan' | 'kurban', firstDay } olmalı`,
          `${key}: each entry must be { bayram: 'ramazan' | 'kurban', firstDay }`,
        );
      }
      const b = e as BayramDate;
      const first = parseIsoDate(b.firstDay);
      if (Number.isNaN(first)) bad(`${key}: geçersiz firstDay`, `${key}: invalid firstDay`);
      const [s, end] = bayramSpan(b.bayram, first);
      if (yearOf(s) !== year && yearOf(end) !== year) {
        bad(
          `${key}: ${b.bayram} ${b.firstDay} bu yıla hiç değmiyor`,
          `${key}: ${b.bayram} ${b.firstDay} does not touch that year`,
        );
      }
      counts[b.bayram].push(first);
      seen.set(`${b.bayram}:${first}`, { bayram: b.bayram, firstDay: first });
    }
    for (const kind of ['ramazan', 'kurban'] as const) {
      const days = [...new Set(counts[kind])].sort((a, b) => a - b);
      if (days.length < 1 || days.length > 2) {
        bad(
          `${key}: her yıl bir ya da iki ${kind} bayramı içerir, ${days.length} verildi`,
          `${key}: every year holds one or two ${kind} bayrams, got ${days.length}`,
        );
      }
      if (days.length === 2 && days[1]! - days[0]! < 340) {
        bad(
          `${key}: iki ${kind} bayramı bir yıldan yakın`,
          `${key}: two ${kind} bayrams less than a year apart`,
        );
      }
    }
    years.push(year);
  }
  years.sort((a, b) => a - b);
  const entries = [...seen.values()].sort(
    (a, b) => a.firstDay - b.firstDay || a.bayram.localeCompare(b.bayram),
  );
  const key = `${years.join(',')}|${entries.map((e) => `${e.bayram}:${e.firstDay}`).join(',')}`;
  return { years, entries, key };
}

// ── Business tables ──────────────────────────────────────────────────────────────────────────

interface Policy {
  readonly halfDaysAreHolidays: boolean;
  readonly weekendMask: number;
  readonly extraHolidays: ReadonlySet<number>;
  readonly extraBusinessDays: ReadonlySet<number>;
  readonly key: string;
}

function buildBusinessTable(set: HolidaySet, p: Policy): BusinessTable {
  const { startDay, length } = set;
  const isBiz = new Uint8Array(length);
  const prefix = new Int32Array(length + 1);
  let count = 0;
  for (let i = 0; i < length; i++) {
    prefix[i] = count;
    if (set.covered[i] !== 1) continue;
    const day = startDay + i;
    let biz: boolean;
    if (p.extraBusinessDays.has(day)) biz = true;
    else if (p.extraHolidays.has(day)) biz = false;
    else if ((p.weekendMask >> weekday(day)) & 1) biz = false;
    else {
      const k = set.kind[i]!;
      biz = k === KIND_NONE || (k === KIND_HALF && !p.halfDaysAreHolidays);
    }
    if (biz) {
      isBiz[i] = 1;
      count++;
    }
  }
  prefix[length] = count;
  const biz = new Int32Array(count);
  for (let i = 0, j = 0; i < length; i++) if (isBiz[i] === 1) biz[j++] = i;
  let runStart: Int32Array | null = null;
  let runEnd: Int32Array | null = null;
  if (set.hasGaps) {
    runStart = new Int32Array(length);
    runEnd = new Int32Array(length);
    let s = 0;
    for (let i = 0; i < length; i++) {
      if (i > 0 && set.covered[i] !== set.covered[i - 1]) s = i;
      runStart[i] = s;
    }
    let e = length - 1;
    for (let i = length - 1; i >= 0; i--) {
      if (i < length - 1 && set.covered[i] !== set.covered[i + 1]) e = i;
      runEnd[i] = e;
    }
  }
  return { set, startDay, length, isBiz, prefix, biz, runStart, runEnd };
}

const DEFAULT_WEEKEND_MASK = (1 << 0) | (1 << 6);
const EMPTY: ReadonlySet<number> = new Set();

let defaultTable: BusinessTable | undefined;
let halfHolidayTable: BusinessTable | undefined;

interface IdentityEntry {
  readonly halfDays: unknown;
  readonly extraHolidays: unknown;
  readonly extraHolidaysLength: number;
  readonly extraBusinessDays: unknown;
  readonly extraBusinessDaysLength: number;
  readonly weekend: unknown;
  readonly weekendLength: number;
  readonly bayramDates: unknown;
  readonly table: BusinessTable;
}
const tablesByIdentity = new WeakMap<object, IdentityEntry>();
const tablesByKey = new Map<string, BusinessTable>();

const lengthOf = (v: unknown): number => (Array.isArray(v) ? v.length : -1);

/** The business table for these options, built on first use and cached. */
export function tableFor(options: CalendarOptions | undefined): BusinessTable {
  if (options === undefined) {
    defaultTable ??= buildBusinessTable(holidaySetFor(undefined), defaultPolicy(false));
    return defaultTable;
  }
  if (typeof options !== 'object' || options === null) {
    throw invalidOptions(options, { tr: 'seçenekler bir nesne olmalı', en: 'options must be an object' });
  }
  const { halfDays, extraHolidays, extraBusinessDays, weekend, bayramDates } = options;
  if (
    extraHolidays === undefined &&
    extraBusinessDays === undefined &&
    weekend === undefined &&
    bayramDates === undefined
  ) {
    if (halfDays === undefined || halfDays === 'business') {
      defaultTable ??= buildBusinessTable(holidaySetFor(undefined), defaultPolicy(false));
      return defaultTable;
    }
    if (halfDays === 'holiday') {
      halfHolidayTable ??= buildBusinessTable(holidaySetFor(undefined), defaultPolicy(true));
      return halfHolidayTable;
    }
  }
  const hit = tablesByIdentity.get(options);
  if (
    hit !== undefined &&
    hit.halfDays === halfDays &&
    hit.extraHolidays === extraHolidays &&
    hit.extraHolidaysLength === lengthOf(extraHolidays) &&
    hit.extraBusinessDays === extraBusinessDays &&
    hit.extraBusinessDaysLength === lengthOf(extraBusinessDays) &&
    hit.weekend === weekend &&
    hit.weekendLength === lengthOf(weekend) &&
    hit.bayramDates === bayramDates
  ) {
    return hit.table;
  }
  const set = holidaySetFor(options);
  const policy = normalisePolicy(options);
  const key = `${policy.key}#${bayramDates === undefined ? '' : setKey(set)}`;
  let table = tablesByKey.get(key);
  if (table === undefined || table.set !== set) {
    table = buildBusinessTable(set, policy);
    remember(tablesByKey, key, table);
  }
  tablesByIdentity.set(options, {
    halfDays,
    extraHolidays,
    extraHolidaysLength: lengthOf(extraHolidays),
    extraBusinessDays,
    extraBusinessDaysLength: lengthOf(extraBusinessDays),
    weekend,
    weekendLength: lengthOf(weekend),
    bayramDates,
    table,
  });
  return table;
}

const setKeys = new WeakMap<HolidaySet, string>();
let setCounter = 0;
function setKey(set: HolidaySet): string {
  let k = setKeys.get(set);
  if (k === undefined) {
    k = `s${++setCounter}`;
    setKeys.set(set, k);
  }
  return k;
}

function defaultPolicy(halfDaysAreHolidays: boolean): Policy {
  return {
    halfDaysAreHolidays,
    weekendMask: DEFAULT_WEEKEND_MASK,
    extraHolidays: EMPTY,
    extraBusinessDays: EMPTY,
    key: '',
  };
}

function dateList(name: string, value: unknown): Set<number> {
  const out = new Set<number>();
  if (value === undefined) return out;
  if (!Array.isArray(value)) {
    throw invalidOptions(value, {
      tr: `${name} YYYY-AA-GG tarihlerinden oluşan bir liste olmalı`,
      en: `${name} must be a list of YYYY-MM-DD dates`,
    });
  }
  for (const v of value) {
    const d = parseIsoDate(v as string);
    if (Number.isNaN(d)) {
      throw invalidOptions(v, {
        tr: `${name} içinde geçersiz tarih ${JSON.stringify(String(v)).slice(0, 40)}`,
        en: `invalid date ${JSON.stringify(String(v)).slice(0, 40)} in ${name}`,
      });
    }
    out.add(d);
  }
  return out;
}

function normalisePolicy(options: CalendarOptions): Policy {
  const { halfDays, weekend } = options;
  if (halfDays !== undefined && halfDays !== 'business' && halfDays !== 'holiday') {
    throw invalidOptions(halfDays, {
      tr: "halfDays 'business' ya da 'holiday' olmalı",
      en: "halfDays must be 'business' or 'holiday'",
    });
  }
  const extraHolidays = dateList('extraHolidays', options.extraHolidays);
  const extraBusinessDays = dateList('extraBusinessDays', options.extraBusinessDays);
  for (const d of extraHolidays) {
    if (extraBusinessDays.has(d)) {
      throw invalidOptions(formatIsoDate(d), {
        tr: `${formatIsoDate(d)} hem extraHolidays hem extraBusinessDays içinde`,
        en: `${formatIsoDate(d)} is in both extraHolidays and extraBusinessDays`,
      });
    }
  }
  let weekendMask = DEFAULT_WEEKEND_MASK;
  if (weekend !== undefined) {
    if (!Array.isArray(weekend)) {
      throw invalidOptions(weekend, {
        tr: 'weekend 0–6 arası gün numaralarından oluşan bir liste olmalı',
        en: 'weekend must be a list of weekday numbers 0–6',
      });
    }
    weekendMask = 0;
    for (const w of weekend as unknown[]) {
      if (typeof w !== 'number' || !Number.isInteger(w) || w < 0 || w > 6) {
        throw invalidOptions(w, {
          tr: 'weekend yalnızca 0 (Pazar) ile 6 (Cumartesi) arası tam sayılar içerir',
          en: 'weekend holds only integers 0 (Sunday) to 6 (Saturday)',
        });
      }
      weekendMask |= 1 << w;
    }
    if (weekendMask === 0x7f) {
      throw invalidOptions(weekend, {
        tr: 'haftanın her günü tatil olamaz',
        en: 'the weekend cannot be every day of the week',
      });
    }
  }
  const sorted = (s: Set<number>): string => [...s].sort((a, b) => a - b).join(',');
  return {
    halfDaysAreHolidays: halfDays === 'holiday',
    weekendMask,
    extraHolidays,
    extraBusinessDays,
    key: `${halfDays === 'holiday' ? 'H' : 'B'}|${weekendMask}|${sorted(extraHolidays)}|${sorted(extraBusinessDays)}`,
  };
}

// ── Lookups shared by the public functions ───────────────────────────────────────────────────

/** Index of `dayNum` in the table, or throws `calendar_not_covered`. */
export function indexOf(t: BusinessTable, dayNum: number): number {
  const i = dayNum - t.startDay;
  if (i < 0 || i >= t.length || (t.runStart !== null && t.set.covered[i] !== 1))
    throw notCovered(yearOf(dayNum));
  return i;
}

/** Index of the n-th business day after (n > 0) or before (n < 0) index i; i itself when n = 0. */
export function stepBusinessDays(t: BusinessTable, i: number, n: number): number {
  if (n === 0) return i;
  let j: number;
  if (n > 0) {
    const k = t.prefix[i + 1]! + n - 1;
    if (k >= t.biz.length) throw notCovered(t.set.lastYear + 1);
    j = t.biz[k]!;
    if (t.runEnd !== null && j > t.runEnd[i]!) throw notCovered(yearOf(t.startDay + t.runEnd[i]! + 1));
  } else {
    const k = t.prefix[i]! + n;
    if (k < 0) throw notCovered(t.set.firstYear - 1);
    j = t.biz[k]!;
    if (t.runStart !== null && j < t.runStart[i]!) throw notCovered(yearOf(t.startDay + t.runStart[i]! - 1));
  }
  return j;
}

/** Index of the first business day on or after index i. */
export function businessDayOnOrAfter(t: BusinessTable, i: number): number {
  return t.isBiz[i] === 1 ? i : stepBusinessDays(t, i, 1);
}

/** Throws `calendar_not_covered` unless every day between the two indices is covered. */
export function assertRunCovers(t: BusinessTable, i: number, j: number): void {
  if (t.runEnd === null) return;
  const lo = Math.min(i, j);
  const hi = Math.max(i, j);
  if (hi > t.runEnd[lo]!) throw notCovered(yearOf(t.startDay + t.runEnd[lo]! + 1));
}

export { KIND_FULL, KIND_HALF, KIND_NONE };
