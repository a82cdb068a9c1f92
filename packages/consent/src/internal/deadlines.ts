/**
 * The statutory clock, from @izinkit/calendar: the machine never counts business days itself.
 *
 * Speed: a service records many decisions on the same day, and every deadline the machine needs
 * (`IYS_REGISTER_CONSENT`, `IYS_REGISTER_RET`, `ETK_RET_STOP_SENDING`: 3 iş günü) depends only on
 * the Türkiye calendar day of its start — @izinkit/calendar documents that the day of receipt does
 * not count, whatever the hour. So the answers for the last day asked about are kept, with that
 * day's bounds; any instant inside the bounds reuses them. The cache is invisible: the results are
 * exactly calendar's (a test compares them on random instants).
 */
import {
  type CalendarOptions,
  deadline,
  endOfIstanbulDay,
  istanbulDate,
  startOfIstanbulDay,
  statutes,
} from '@izinkit/calendar';
import { instantMs } from './time.js';

type DayStatute = 'IYS_REGISTER_CONSENT' | 'IYS_REGISTER_RET' | 'ETK_RET_STOP_SENDING';

// Statutes with the same period (all three are 3 business days in @izinkit/calendar's `statutes`)
// end at the same moment for the same start: they share one cache slot. Read from calendar's data,
// so a statute whose period changes there gets a slot of its own.
const SLOT: { readonly [S in DayStatute]: string } = {
  IYS_REGISTER_CONSENT: slotOf('IYS_REGISTER_CONSENT'),
  IYS_REGISTER_RET: slotOf('IYS_REGISTER_RET'),
  ETK_RET_STOP_SENDING: slotOf('ETK_RET_STOP_SENDING'),
};
function slotOf(id: DayStatute): string {
  const p = statutes[id].period;
  return `${p.unit}:${p.amount}:${statutes[id].rollForward}`;
}

interface Day {
  /** First and last millisecond of the day in Türkiye. */
  readonly startMs: number;
  readonly endMs: number;
  /** An instant of the day (the one first asked about): the day is all that matters. */
  readonly at: Date;
  readonly options: CalendarOptions | undefined;
  /** Deadline per period (`null`: the calendar cannot answer), filled on demand. */
  readonly deadlines: Map<string, string | null>;
  /** The end of the day as a canonical instant, filled on demand. */
  end: string | null;
}

let last: Day | null = null;

function dayOf(iso: string, options: CalendarOptions | undefined): Day | null {
  const ms = instantMs(iso);
  if (Number.isNaN(ms)) return null;
  const d = last;
  if (d !== null && d.options === options && ms >= d.startMs && ms <= d.endMs) return d;
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
    options,
    deadlines: new Map(),
    end: null,
  };
  last = day;
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
  const day = dayOf(fromIso, calendar);
  if (day === null) return null;
  const slot = SLOT[statute];
  const known = day.deadlines.get(slot);
  if (known !== undefined) return known;
  let value: string | null;
  try {
    value = deadline(statute, day.at, calendar).toISOString();
  } catch {
    value = null; // calendar_not_covered (or options the calendar refuses): the caller refuses the event
  }
  day.deadlines.set(slot, value);
  return value;
}

/** The last millisecond of the Türkiye calendar day that contains `iso` ("the same day"). */
export function endOfSameDay(iso: string): string {
  const day = dayOf(iso, last?.options);
  if (day === null) return iso;
  day.end ??= new Date(day.endMs).toISOString();
  return day.end;
}
