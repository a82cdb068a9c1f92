/**
 * An independent, deliberately naive model of the Turkish calendar, built from the reference text
 * (not from the package's source): the bayram table is parsed from a verbatim copy of
 * /work/shared/reference/legal-calendar.md §3, the fixed holidays are written from §2. Tests
 * compare the package with it day by day.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ReferenceBayram {
  readonly bayram: 'ramazan' | 'kurban';
  readonly label: string;
  readonly arife: string;
  readonly arifeWeekday: string;
  readonly firstDay: string;
  readonly firstWeekday: string;
  readonly lastDay: string;
  readonly lastWeekday: string;
  readonly evidence: readonly string[];
}

const FIXTURE = join(import.meta.dirname, 'fixtures', 'reference-bayram-table.md');

/** Every row of the reference bayram table. */
export const referenceBayrams: readonly ReferenceBayram[] = readFileSync(FIXTURE, 'utf8')
  .split('\n')
  .filter((l) => /^\| (Ramazan|Kurban) \d{4}/.test(l))
  .map((line) => {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const [label, arife, first, last, evidence] = cells as [string, string, string, string, string];
    const [a, aw] = arife.split(' ') as [string, string];
    const [f, fw] = first.split(' ') as [string, string];
    const [z, zw] = last.split(' ') as [string, string];
    return {
      bayram: label.startsWith('Ramazan') ? 'ramazan' : 'kurban',
      label,
      arife: a,
      arifeWeekday: aw,
      firstDay: f,
      firstWeekday: fw,
      lastDay: z,
      lastWeekday: zw,
      evidence: evidence.split(','),
    } as const;
  });

const DAY_MS = 86_400_000;
export const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
export const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const weekdayName = (iso: string): string =>
  ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(`${iso}T00:00:00Z`).getUTCDay()]!;

/** §2: the fixed holidays of Law 2429 as amended, for a year. */
export function referenceFixed(year: number): Array<{ date: string; kind: 'full' | 'half' }> {
  const out: Array<{ date: string; kind: 'full' | 'half' }> = [
    { date: `${year}-01-01`, kind: 'full' },
    { date: `${year}-04-23`, kind: 'full' },
    { date: `${year}-05-19`, kind: 'full' },
    { date: `${year}-08-30`, kind: 'full' },
    { date: `${year}-10-28`, kind: 'half' },
    { date: `${year}-10-29`, kind: 'full' },
  ];
  if (year >= 2009) out.push({ date: `${year}-05-01`, kind: 'full' }); // Law 5892
  if (year >= 2017) out.push({ date: `${year}-07-15`, kind: 'full' }); // Law 6752
  return out;
}

/** Holiday kind per date for 2015–2035 (full wins over half on coinciding dates). */
export const referenceKinds: ReadonlyMap<string, 'full' | 'half'> = (() => {
  const m = new Map<string, 'full' | 'half'>();
  const put = (date: string, kind: 'full' | 'half') => {
    if (m.get(date) !== 'full') m.set(date, kind);
  };
  for (let y = 2015; y <= 2035; y++) for (const f of referenceFixed(y)) put(f.date, f.kind);
  for (const b of referenceBayrams) {
    put(b.arife, 'half');
    for (let d = dayOf(b.firstDay); d <= dayOf(b.lastDay); d++) put(isoOf(d), 'full');
  }
  return m;
})();

/** The naive business-day rule: Monday–Friday, not a full holiday (nor a half one if asked). */
export function referenceIsBusinessDay(iso: string, halfDaysAreHolidays = false): boolean {
  const wd = new Date(`${iso}T00:00:00Z`).getUTCDay();
  if (wd === 0 || wd === 6) return false;
  const k = referenceKinds.get(iso);
  return k === undefined || (k === 'half' && !halfDaysAreHolidays);
}

/** Walks day by day: the n-th business day after (n > 0) or before (n < 0) a date. */
export function referenceAddBusinessDays(iso: string, n: number, halfDaysAreHolidays = false): string {
  let d = dayOf(iso);
  const step = n > 0 ? 1 : -1;
  let left = Math.abs(n);
  while (left > 0) {
    d += step;
    if (referenceIsBusinessDay(isoOf(d), halfDaysAreHolidays)) left--;
  }
  return isoOf(d);
}

export const FIRST_DAY: number = dayOf('2015-01-01');
export const LAST_DAY: number = dayOf('2035-12-31');
