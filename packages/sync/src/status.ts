import { addBusinessDays, type CalendarOptions, endOfIstanbulDay, istanbulDate } from '@izinkit/calendar';
import type { ConsentRepository, IysOutboxStatus } from '@izinkit/postgres';

/**
 * The İYS sync as a service shows it: what waits, what is due soon, what is overdue and what İYS
 * refused, by H-code.
 *
 * @example
 * ```ts
 * const s: SyncStatus = await syncStatus({ consents });
 * if (s.overdue > 0) console.warn(`${s.overdue} changes missed their 3-iş-günü deadline`);
 * ```
 */
export interface SyncStatus extends IysOutboxStatus {
  /** "Due soon" means a deadline before this instant: the end of the risk window. */
  readonly dueBefore: Date;
  /** When it was measured. */
  readonly at: Date;
}

/** Options of {@link syncStatus} and {@link riskWindowEnd}. */
export interface SyncStatusOptions {
  /** The consent store. */
  readonly consents: ConsentRepository;
  /** Only this brand. */
  readonly brandCode?: string;
  /** A change is due soon when its deadline is at most this many business days away (default 1). */
  readonly riskBusinessDays?: number;
  /** Business-day options. */
  readonly calendar?: CalendarOptions;
  /** The clock (default: the system clock). */
  readonly now?: Date;
}

/**
 * The end of the risk window: the end (Türkiye time) of the business day `riskBusinessDays`
 * business days after today. A change whose deadline falls before it is "at risk".
 *
 * @example
 * ```ts
 * // Friday 13 March 2026, 1 business day → end of Monday 16 March (Türkiye)
 * riskWindowEnd(new Date('2026-03-13T10:00:00Z'), 1).toISOString(); // '2026-03-16T20:59:59.999Z'
 * ```
 */
export function riskWindowEnd(now: Date, riskBusinessDays = 1, calendar?: CalendarOptions): Date {
  const days = Math.max(0, Math.floor(riskBusinessDays));
  const today = istanbulDate(now);
  return endOfIstanbulDay(days === 0 ? today : addBusinessDays(today, days, calendar));
}

/**
 * Reads the sync status from the outbox (no engine needed): any process sharing the database sees
 * the same numbers.
 *
 * @example
 * ```ts
 * const s = await syncStatus({ consents, riskBusinessDays: 1 });
 * res.json({ pending: s.pending, dueSoon: s.dueSoon, overdue: s.overdue, refused: s.refused });
 * ```
 */
export async function syncStatus(options: SyncStatusOptions): Promise<SyncStatus> {
  const now = options.now ?? new Date();
  const dueBefore = riskWindowEnd(now, options.riskBusinessDays ?? 1, options.calendar);
  const s = await options.consents.iysOutboxStatus({
    dueBefore,
    now,
    ...(options.brandCode !== undefined ? { brandCode: options.brandCode } : {}),
  });
  return { ...s, dueBefore, at: now };
}
