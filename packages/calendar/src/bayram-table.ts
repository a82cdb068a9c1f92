/**
 * The Diyanet table of Ramazan and Kurban Bayramı dates, 2015–2035, as static data with its
 * evidence. Not computed: no algorithm (Umm al-Qura, tabular, astronomical) reproduces Türkiye's
 * dates for all these years, and `Intl`'s Islamic calendars miss 6 or more of the 43 events.
 */

/**
 * The two religious holidays of Law 2429 art. 2(B): Ramazan Bayramı (3 days) and Kurban Bayramı
 * (4 days), each preceded by its arife, a half day from 13:00.
 *
 * @example
 * ```ts
 * const b: BayramKind = 'kurban';
 * ```
 */
export type BayramKind = 'ramazan' | 'kurban';

/**
 * Where a date of {@link bayramTable} comes from (legend in {@link BAYRAM_EVIDENCE}).
 *
 * @example
 * ```ts
 * const e: BayramEvidence = 'D'; // seen on an official Diyanet page
 * ```
 */
export type BayramEvidence = 'P' | 'Pe' | 'S' | 'A' | 'D' | 'T' | 'N';

/**
 * What each {@link BayramEvidence} code stands for.
 *
 * @example
 * ```ts
 * BAYRAM_EVIDENCE.D; // "An official Diyanet page seen directly …"
 * ```
 */
export const BAYRAM_EVIDENCE: Readonly<Record<BayramEvidence, string>> = {
  P: 'python-holidays (vacanza/holidays, holidays/countries/turkey.py @c382fde): Turkish dates confirmed for 1936–2032 against the Diyanet hijri→gregorian converter, with explicit overrides for Kurban 2015, Kurban 2016 and Ramazan 2016.',
  Pe: 'python-holidays estimated dates (2033–2035).',
  S: 'spatie/holidays src/Countries/Turkey.php @0a9abd5, synced in PR #286 with the Diyanet pages vakithesaplama.diyanet.gov.tr/icerik.php?icerik=153…192 for 2025–2035.',
  A: 'An independent reimplementation of the İstanbul 2016 International Hijri Calendar Union criterion (Moon altitude ≥ 5°, elongation ≥ 8° at sunset before 24:00 UTC); reproduces all 36 Diyanet-confirmed events of 2015–2032.',
  D: 'An official Diyanet page seen directly (2016: www2.diyanet.gov.tr; 2030: vakithesaplama.diyanet.gov.tr/icerik.php?icerik=195).',
  T: 'Türkiye Takvimi 2015 (official holiday list for 2015).',
  N: 'Press quoting the Diyanet calendar (2018–2026).',
};

/**
 * One bayram of the table: its arife (a half day from 13:00), first and last full day, and the
 * evidence for the dates.
 *
 * @example
 * ```ts
 * const k: BayramTableEntry = {
 *   bayram: 'kurban',
 *   arife: '2026-05-26',
 *   firstDay: '2026-05-27',
 *   lastDay: '2026-05-30',
 *   evidence: ['P', 'A', 'S', 'N'],
 * };
 * ```
 */
export interface BayramTableEntry {
  /** Which bayram. */
  readonly bayram: BayramKind;
  /** The eve, a half-day holiday from 13:00 Europe/Istanbul. */
  readonly arife: string;
  /** The first full day (1 Şevval for Ramazan, 10 Zilhicce for Kurban). */
  readonly firstDay: string;
  /** The last full day: day 3 of Ramazan, day 4 of Kurban. */
  readonly lastDay: string;
  /** Evidence codes, see {@link BAYRAM_EVIDENCE}. */
  readonly evidence: readonly BayramEvidence[];
}

type Row = readonly [BayramKind, string, string, string, readonly BayramEvidence[]];

const ROWS: readonly Row[] = [
  ['ramazan', '2015-07-16', '2015-07-17', '2015-07-19', ['P', 'A', 'S', 'T']],
  ['kurban', '2015-09-23', '2015-09-24', '2015-09-27', ['P', 'A', 'T']],
  ['ramazan', '2016-07-04', '2016-07-05', '2016-07-07', ['P', 'A', 'S', 'D']],
  ['kurban', '2016-09-11', '2016-09-12', '2016-09-15', ['P', 'A', 'S', 'D']],
  ['ramazan', '2017-06-24', '2017-06-25', '2017-06-27', ['P', 'A', 'S']],
  ['kurban', '2017-08-31', '2017-09-01', '2017-09-04', ['P', 'A', 'S']],
  ['ramazan', '2018-06-14', '2018-06-15', '2018-06-17', ['P', 'A', 'S', 'N']],
  ['kurban', '2018-08-20', '2018-08-21', '2018-08-24', ['P', 'A', 'S']],
  ['ramazan', '2019-06-03', '2019-06-04', '2019-06-06', ['P', 'A', 'S', 'N']],
  ['kurban', '2019-08-10', '2019-08-11', '2019-08-14', ['P', 'A', 'S', 'N']],
  ['ramazan', '2020-05-23', '2020-05-24', '2020-05-26', ['P', 'A', 'S']],
  ['kurban', '2020-07-30', '2020-07-31', '2020-08-03', ['P', 'A', 'S', 'N']],
  ['ramazan', '2021-05-12', '2021-05-13', '2021-05-15', ['P', 'A', 'S', 'N']],
  ['kurban', '2021-07-19', '2021-07-20', '2021-07-23', ['P', 'A', 'S']],
  ['ramazan', '2022-05-01', '2022-05-02', '2022-05-04', ['P', 'A', 'S', 'N']],
  ['kurban', '2022-07-08', '2022-07-09', '2022-07-12', ['P', 'A', 'S', 'N']],
  ['ramazan', '2023-04-20', '2023-04-21', '2023-04-23', ['P', 'A', 'S', 'N']],
  ['kurban', '2023-06-27', '2023-06-28', '2023-07-01', ['P', 'A', 'S', 'N']],
  ['ramazan', '2024-04-09', '2024-04-10', '2024-04-12', ['P', 'A', 'S']],
  ['kurban', '2024-06-15', '2024-06-16', '2024-06-19', ['P', 'A', 'S', 'N']],
  ['ramazan', '2025-03-29', '2025-03-30', '2025-04-01', ['P', 'A', 'S', 'N']],
  ['kurban', '2025-06-05', '2025-06-06', '2025-06-09', ['P', 'A', 'S', 'N']],
  ['ramazan', '2026-03-19', '2026-03-20', '2026-03-22', ['P', 'A', 'S', 'N']],
  ['kurban', '2026-05-26', '2026-05-27', '2026-05-30', ['P', 'A', 'S', 'N']],
  ['ramazan', '2027-03-08', '2027-03-09', '2027-03-11', ['P', 'A', 'S']],
  ['kurban', '2027-05-15', '2027-05-16', '2027-05-19', ['P', 'A', 'S']],
  ['ramazan', '2028-02-25', '2028-02-26', '2028-02-28', ['P', 'A', 'S']],
  ['kurban', '2028-05-04', '2028-05-05', '2028-05-08', ['P', 'A', 'S']],
  ['ramazan', '2029-02-13', '2029-02-14', '2029-02-16', ['P', 'A', 'S']],
  ['kurban', '2029-04-23', '2029-04-24', '2029-04-27', ['P', 'A', 'S']],
  ['ramazan', '2030-02-03', '2030-02-04', '2030-02-06', ['P', 'A', 'S', 'D']],
  ['kurban', '2030-04-12', '2030-04-13', '2030-04-16', ['P', 'A', 'S', 'D']],
  ['ramazan', '2031-01-23', '2031-01-24', '2031-01-26', ['P', 'A', 'S']],
  ['kurban', '2031-04-01', '2031-04-02', '2031-04-05', ['P', 'A', 'S']],
  ['ramazan', '2032-01-13', '2032-01-14', '2032-01-16', ['P', 'A', 'S']],
  ['kurban', '2032-03-21', '2032-03-22', '2032-03-25', ['P', 'A', 'S']],
  ['ramazan', '2033-01-01', '2033-01-02', '2033-01-04', ['Pe', 'A', 'S']],
  ['kurban', '2033-03-10', '2033-03-11', '2033-03-14', ['Pe', 'A', 'S']],
  ['ramazan', '2033-12-22', '2033-12-23', '2033-12-25', ['Pe', 'A', 'S']],
  ['kurban', '2034-02-28', '2034-03-01', '2034-03-04', ['Pe', 'A', 'S']],
  ['ramazan', '2034-12-11', '2034-12-12', '2034-12-14', ['Pe', 'A', 'S']],
  ['kurban', '2035-02-17', '2035-02-18', '2035-02-21', ['Pe', 'A', 'S']],
  ['ramazan', '2035-11-30', '2035-12-01', '2035-12-03', ['Pe', 'A', 'S']],
];

/**
 * Every Ramazan and Kurban Bayramı of 2015–2035 as published by the Presidency of Religious
 * Affairs (Diyanet), in date order, with the evidence for each (legend: {@link BAYRAM_EVIDENCE}).
 * 2015–2032 are confirmed against Diyanet; 2033–2035 agree across three independent lines (the
 * Diyanet-synced spatie table, python-holidays' estimates and an astronomical check). 2033 has two
 * Ramazan Bayramı.
 *
 * Years outside this table are not guessed: supply them through `options.bayramDates`.
 *
 * @example
 * ```ts
 * bayramTable.filter((b) => b.firstDay.startsWith('2026'));
 * // [{ bayram: 'ramazan', arife: '2026-03-19', firstDay: '2026-03-20', lastDay: '2026-03-22', … },
 * //  { bayram: 'kurban',  arife: '2026-05-26', firstDay: '2026-05-27', lastDay: '2026-05-30', … }]
 * ```
 */
export const bayramTable: readonly BayramTableEntry[] = Object.freeze(
  ROWS.map(([bayram, arife, firstDay, lastDay, evidence]) =>
    Object.freeze({ bayram, arife, firstDay, lastDay, evidence: Object.freeze([...evidence]) }),
  ),
);

/**
 * The years the built-in bayram table covers, inclusive. Outside them every function throws
 * `calendar_not_covered` unless `options.bayramDates` supplies the year.
 *
 * @example
 * ```ts
 * BUILT_IN_YEARS; // { from: 2015, to: 2035 }
 * ```
 */
export const BUILT_IN_YEARS: {
  /** The first covered year. */
  readonly from: number;
  /** The last covered year. */
  readonly to: number;
} = Object.freeze({
  from: 2015,
  to: 2035,
});
