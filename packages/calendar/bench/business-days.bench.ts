/**
 * @izinkit/calendar against a business-day function built the usual way on date-holidays +
 * date-fns, on the same seeded random queries over 2015–2035, side by side in one process.
 *
 * Two peers, so the comparison is not against a straw man:
 * - "peer (per call)": `hd.isHoliday(date)` for every day looked at — what most code does;
 * - "peer (cached)": date-holidays asked once per day at 12:00 Istanbul time, kept per year in a
 *   Set — what a careful developer does. The ≥ 20× target is judged against this one.
 *
 * It also counts the days 2015–2035 on which the peers disagree with izinkit (wrong bayram dates
 * in date-holidays, its half-day intervals), and times deadline() (target ≥ 1M calls/s).
 */
import { compare, consume, isQuick, measure, peakRssBytes, recordResults } from '@izinkit/test-utils/bench';
import { addDays, endOfDay, format, isWeekend, parseISO } from 'date-fns';
import Holidays from 'date-holidays';
import { addBusinessDays, deadline, isBusinessDay, type StatuteId } from '../src/index.js';

// ── cold start: the first call builds the day table ─────────────────────────────────────────
const t0 = process.hrtime.bigint();
consume(isBusinessDay('2026-03-18'));
const coldMs = Number(process.hrtime.bigint() - t0) / 1e6;
const t1 = process.hrtime.bigint();
consume(isBusinessDay('2026-03-18', { halfDays: 'holiday' }));
const coldHalfMs = Number(process.hrtime.bigint() - t1) / 1e6;
console.log(
  `first call (builds the 2015–2035 table): ${coldMs.toFixed(2)} ms; second policy: ${coldHalfMs.toFixed(2)} ms`,
);

// ── the peers ────────────────────────────────────────────────────────────────────────────────
const hd = new Holidays('TR');

function peerIsBusinessDayPerCall(iso: string): boolean {
  const d = parseISO(iso);
  if (isWeekend(d)) return false;
  const h = hd.isHoliday(d);
  return !(Array.isArray(h) && h.some((x) => x.type === 'public'));
}

// Per year, once: date-holidays asked about every day at 12:00 Istanbul time (so the process time
// zone cannot shift a holiday to the wrong date), kept in a Set of holiday dates.
const cachedYears = new Map<number, Set<string>>();
function holidaySet(year: number): Set<string> {
  let s = cachedYears.get(year);
  if (s === undefined) {
    s = new Set();
    for (
      let d = new Date(Date.UTC(year, 0, 1));
      d.getUTCFullYear() === year;
      d = new Date(d.getTime() + 86_400_000)
    ) {
      const iso = d.toISOString().slice(0, 10);
      const h = hd.isHoliday(new Date(`${iso}T12:00:00+03:00`));
      if (Array.isArray(h) && h.some((x) => x.type === 'public')) s.add(iso);
    }
    cachedYears.set(year, s);
  }
  return s;
}
function peerIsBusinessDayCached(iso: string): boolean {
  const d = parseISO(iso);
  if (isWeekend(d)) return false;
  return !holidaySet(d.getFullYear()).has(iso);
}

// Warm the peer's per-year cache outside the timed runs (its one-off cost is printed, not counted).
const tPeer = process.hrtime.bigint();
for (let y = 2014; y <= 2036; y++) holidaySet(y);
const peerColdMs = Number(process.hrtime.bigint() - tPeer) / 1e6;
console.log(`peer (cached): building its 2014–2036 Sets took ${peerColdMs.toFixed(0)} ms`);

function peerAddBusinessDays(iso: string, n: number, isBiz: (iso: string) => boolean): string {
  let d = parseISO(iso);
  const step = n > 0 ? 1 : -1;
  let left = Math.abs(n);
  while (left > 0) {
    d = addDays(d, step);
    if (isBiz(format(d, 'yyyy-MM-dd'))) left--;
  }
  return format(d, 'yyyy-MM-dd');
}

function peerDeadline(from: Date): Date {
  return endOfDay(parseISO(peerAddBusinessDays(format(from, 'yyyy-MM-dd'), 3, peerIsBusinessDayCached)));
}

// ── the queries: seeded, the same for everyone ────────────────────────────────────────────────
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(20260318);
const DAY = 86_400_000;
// Keep 60 days from the edges so ±20 business days stay inside 2015–2035.
const lo = Date.UTC(2015, 2, 1) / DAY;
const hi = Date.UTC(2035, 9, 31) / DAY;
const N = isQuick() ? 50_000 : 1_000_000;
const dates: string[] = Array.from({ length: N }, () =>
  new Date((lo + Math.floor(rnd() * (hi - lo + 1))) * DAY).toISOString().slice(0, 10),
);
const counts: number[] = Array.from({ length: N }, () => Math.floor(rnd() * 41) - 20);
const instants: Date[] = Array.from({ length: N }, () => new Date((lo + rnd() * (hi - lo)) * DAY));

const perCallN = isQuick() ? 300 : 3_000;
const cachedN = isQuick() ? 10_000 : 100_000;

// ── isBusinessDay ─────────────────────────────────────────────────────────────────────────────
const runIsBiz = (f: (iso: string) => boolean, n: number) => () => {
  let c = 0;
  for (let i = 0; i < n; i++) if (f(dates[i]!)) c++;
  return c;
};
const oursIsBiz = measure('izinkit isBusinessDay', runIsBiz(isBusinessDay, N), { items: N, unit: 'calls' });
const isBizCached = compare(
  'isBusinessDay — random dates 2015–2035 (peer: date-holidays + date-fns, per-year cached Set)',
  oursIsBiz,
  measure('peer (cached)', runIsBiz(peerIsBusinessDayCached, cachedN), { items: cachedN, unit: 'calls' }),
  20,
);
const isBizPerCall = compare(
  'isBusinessDay — random dates 2015–2035 (peer: date-holidays isHoliday per call)',
  oursIsBiz,
  measure('peer (per call)', runIsBiz(peerIsBusinessDayPerCall, perCallN), {
    items: perCallN,
    unit: 'calls',
    runs: 3,
  }),
  20,
);

// ── addBusinessDays ───────────────────────────────────────────────────────────────────────────
const oursAdd = measure(
  'izinkit addBusinessDays',
  () => {
    let c = 0;
    for (let i = 0; i < N; i++) c += addBusinessDays(dates[i]!, counts[i]!).length;
    return c;
  },
  { items: N, unit: 'calls' },
);
const addCached = compare(
  'addBusinessDays — random dates 2015–2035, n in −20…20 (peer: per-year cached Set)',
  oursAdd,
  measure(
    'peer (cached)',
    () => {
      let c = 0;
      for (let i = 0; i < cachedN / 10; i++) {
        c += peerAddBusinessDays(dates[i]!, counts[i]!, peerIsBusinessDayCached).length;
      }
      return c;
    },
    { items: cachedN / 10, unit: 'calls' },
  ),
  20,
);
const addPerCall = compare(
  'addBusinessDays — random dates 2015–2035, n in −20…20 (peer: isHoliday per call)',
  oursAdd,
  measure(
    'peer (per call)',
    () => {
      let c = 0;
      for (let i = 0; i < perCallN / 30; i++) {
        c += peerAddBusinessDays(dates[i]!, counts[i]!, peerIsBusinessDayPerCall).length;
      }
      return c;
    },
    { items: perCallN / 30, unit: 'calls', runs: 3 },
  ),
  20,
);

// ── deadline ──────────────────────────────────────────────────────────────────────────────────
const ids: StatuteId[] = [
  'ETK_RET_STOP_SENDING',
  'IYS_REGISTER_CONSENT',
  'IYS_REGISTER_RET',
  'KVKK_APPLICATION_ANSWER',
  'KVKK_BREACH_NOTIFY',
  'KVKK_PERIODIC_DESTRUCTION',
  'CONSENT_RECORD_RETENTION',
  'DESTRUCTION_RECORD_RETENTION',
];
const oursDeadline = measure(
  'izinkit deadline(ETK_RET_STOP_SENDING)',
  () => {
    let c = 0;
    for (let i = 0; i < N; i++) c += deadline('ETK_RET_STOP_SENDING', instants[i]!).getTime() % 7;
    return c;
  },
  { items: N, unit: 'calls' },
);
const deadlineCmp = compare(
  'deadline(ETK_RET_STOP_SENDING) — random instants 2015–2035 (peer: 3 business days with date-fns + cached date-holidays)',
  oursDeadline,
  measure(
    'peer (cached)',
    () => {
      let c = 0;
      for (let i = 0; i < cachedN / 10; i++) c += peerDeadline(instants[i]!).getTime() % 7;
      return c;
    },
    { items: cachedN / 10, unit: 'calls' },
  ),
);
const mixed = measure(
  'izinkit deadline(), all eight statutes in turn',
  () => {
    let c = 0;
    for (let i = 0; i < N; i++) c += deadline(ids[i & 7]!, instants[i]!).getTime() % 7;
    return c;
  },
  { items: N, unit: 'calls' },
);
console.log('\ndeadline() throughput (target ≥ 1,000,000 calls/s)');
for (const m of [oursDeadline, mixed]) {
  console.log(
    `  ${m.name.padEnd(48)} ${Math.round(m.perSecond).toLocaleString('en-US').padStart(14)} calls/s  (${m.perSecond >= 1e6 ? 'met' : 'NOT MET'})`,
  );
}

// ── correctness: where do the peers disagree with izinkit? ──────────────────────────────────────
const disagreements = { perCall: [] as string[], cached: [] as string[] };
for (let d = Date.UTC(2015, 0, 1) / DAY; d <= Date.UTC(2035, 11, 31) / DAY; d++) {
  const iso = new Date(d * DAY).toISOString().slice(0, 10);
  const ours = isBusinessDay(iso);
  if (peerIsBusinessDayCached(iso) !== ours) disagreements.cached.push(iso);
  if (peerIsBusinessDayPerCall(iso) !== ours) disagreements.perCall.push(iso);
}
console.log('\nDays of 2015–2035 on which the peer disagrees with izinkit about isBusinessDay:');
console.log(
  `  peer (per call): ${disagreements.perCall.length}  e.g. ${disagreements.perCall.slice(0, 8).join(', ')}`,
);
console.log(
  `  peer (cached):   ${disagreements.cached.length}  e.g. ${disagreements.cached.slice(0, 8).join(', ')}`,
);

const rss = peakRssBytes();
console.log(
  `\npeak RSS: ${(rss / 2 ** 20).toFixed(1)} MiB (process TZ: ${Intl.DateTimeFormat().resolvedOptions().timeZone})`,
);

recordResults('calendar', 'business-days', {
  coldStartMs: coldMs,
  coldStartSecondPolicyMs: coldHalfMs,
  peerCachedColdStartMs: peerColdMs,
  isBusinessDay: { cached: isBizCached, perCall: isBizPerCall },
  addBusinessDays: { cached: addCached, perCall: addPerCall },
  deadline: { vsPeer: deadlineCmp, mixed },
  disagreements: {
    perCall: disagreements.perCall.length,
    cached: disagreements.cached.length,
    perCallDates: disagreements.perCall,
    cachedDates: disagreements.cached,
  },
  peakRssBytes: rss,
});
