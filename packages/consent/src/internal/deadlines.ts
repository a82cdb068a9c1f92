/**
 * The statutory clock, from @izinkit/calendar: the machine never counts business days itself.
 *
 * Speed: every deadline the machine needs (`IYS_REGISTER_CONSENT`, `IYS_REGISTER_RET`,
 * `ETK_RET_STOP_SENDING`: 3 iş günü) depends only on the Türkiye calendar day of its start —
 * @izinkit/calendar documents that the day of receipt does not count, whatever the hour — and on
 * the calendar options. So each day's answers are kept, with that day's bounds, in a small
 * direct-mapped table of days (4,096 slots: about eleven years of consecutive days without a
 * collision). An instant finds its slot from its day number at UTC+3 (Türkiye's offset since
 * 2016); the slot's bounds decide, so an instant of another offset (before 2016) is never given a
 * wrong day — at worst it misses and asks the calendar. The cache is invisible: the results are
 * exactly calendar's (a test compares them on random instants in random order).
 */
import {
  type CalendarOptions,
  deadline,
  endOfIstanbulDay,
  istanbulDate,
  startOfIstanbulDay,
  statutes,
} from '@izinkit/calendar';
import { instantMs, isoOf } from './time.js';

type DayStatute = 'IYS_REGISTER_CONSENT' | 'IYS_REGISTER_RET' | 'ETK_RET_STOP_SENDING';
const DAY_STATUTES: readonly DayStatute[] = [
  'IYS_REGISTER_CONSENT',
  'IYS_REGISTER_RET',
  'ETK_RET_STOP_SENDING',
];

// Statutes with the same period (all three are 3 business days in @izinkit/calendar's `statutes`)
// end at the same moment for the same start: they share one answer. Read from calendar's data, so
// a statute whose period changes there gets a place of its own.
const periods: string[] = [];
const PLACE = {} as { [S in DayStatute]: number };
for (const id of DAY_STATUTES) {
  const p = statutes[id].period;
  const signature = `${p.unit}:${p.amount}:${statutes[id].rollForward}`;
  let i = periods.indexOf(signature);
  if (i < 0) i = periods.push(signature) - 1;
  PLACE[id] = i;
}
const PLACES = periods.length;

interface Day {
  /** First and last millisecond of the day in Türkiye. */
  readonly startMs: number;
  readonly endMs: number;
  /** An instant of the day (the one first asked about): the day is all that matters. */
  readonly at: Date;
  /** The options `deadlines` were computed with. */
  options: CalendarOptions | undefined;
  /** Deadline per period (`null`: the calendar cannot answer; `undefined`: not asked yet). */
  deadlines: (string | null | undefined)[];
  /** The end of the day as a canonical instant, filled on demand. */
  end: string | null;
}

const DAY_MS = 86_400_000;
/** UTC+3: only chooses the slot; the day's bounds decide whether it holds the instant. */
const SLOT_OFFSET_MS = 3 * 3_600_000;
const SLOTS = 4096;
const days: (Day | undefined)[] = new Array<Day | undefined>(SLOTS).fill(undefined);

function noDeadlines(): (string | null | undefined)[] {
  return new Array<string | null | undefined>(PLACES).fill(undefined);
}

function dayOf(iso: string): Day | null {
  const ms = instantMs(iso);
  if (Number.isNaN(ms)) return null;
  const slot = Math.floor((ms + SLOT_OFFSET_MS) / DAY_MS) & (SLOTS - 1);
  const known = days[slot];
  if (known !== undefined && ms >= known.startMs && ms <= known.endMs) return known;
  const at = new Date(ms);
  let date: string;
  try {
    date = istanbulDate(at);
  } catch {
    return null;
  }
  const day: Day = {
    startMs: startOfIstanbulDay(date).getTime(),
    endMs: endOfIstanbulDay(date).getTime(),
    at,
    options: undefined,
    deadlines: noDeadlines(),
    end: null,
  };
  days[slot] = day;
  return day;
}

/**
 * The end of a 3-business-day period that starts at `fromIso`, as a canonical instant; `null`
 * when the calendar cannot answer (a year outside its bayram table).
 */
export function statutoryDeadline(
  statute: DayStatute,
  fromIso: string,
  calendar: CalendarOptions | undefined,
): string | null {
  const day = dayOf(fromIso);
  if (day === null) return null;
  if (day.options !== calendar) {
    day.options = calendar;
    day.deadlines = noDeadlines();
  }
  const place = PLACE[statute];
  const known = day.deadlines[place];
  if (known !== undefined) return known;
  let value: string | null;
  try {
    value = isoOf(deadline(statute, day.at, calendar).getTime());
  } catch {
    value = null; // calendar_not_covered (or options the calendar refuses): the caller refuses the event
  }
  day.deadlines[place] = value;
  return value;
}

/** The last millisecond of the Türkiye calendar day that contains `iso` ("the same day"). */
export function endOfSameDay(iso: string): string {
  const day = dayOf(iso);
  if (day === null) return iso;
  day.end ??= isoOf(day.endMs);
  return day.end;
}

/** Empties the table of days (for benchmarks that measure the cost of a day not seen before). */
export function forgetDays(): void {
  days.fill(undefined);
}
