/**
 * The resume journal: an append-only file of JSON lines next to the result CSV
 * (`<output>.journal`). It records the plan (which file, which options, which consents in which
 * batches — by hash), each batch's İYS `requestId` as soon as İYS gives it (before polling), and
 * each batch's results once they are in. A run that is killed at any point leaves a journal from
 * which the next run knows what İYS has already been sent:
 *
 * - a batch with results is never sent again;
 * - a batch with a `requestId` and no results is polled, not re-sent;
 * - a batch marked as about to be sent (`p`) but without a `requestId` may or may not have
 *   reached İYS (the kill fell between sending the request and journaling its answer): its
 *   consents are looked up in İYS first, and only those İYS does not hold are sent;
 * - a batch with none of these is sent.
 *
 * Each line is written with one `write` and flushed to disk (`fdatasync`) before the next step;
 * a torn last line (killed mid-write) is ignored on reading.
 */
import { closeSync, existsSync, fdatasyncSync, openSync, readFileSync, writeSync } from 'node:fs';

/**
 * The first line: what the journal belongs to.
 *
 * @example
 * ```ts
 * const h: JournalHeader = { t: 'h', v: 1, input: 'ab12…', now: '2026-03-16T12:00:00.000Z', plan: 'cd34…', batches: 3, items: 2500, batchSize: 1000 };
 * ```
 */
export interface JournalHeader {
  /** Line type. */
  readonly t: 'h';
  /** Format version. */
  readonly v: 1;
  /** SHA-256 of the input file. */
  readonly input: string;
  /** The "now" the rows were validated with (reused on resume so the plan stays the same). */
  readonly now: string;
  /** SHA-256 of the plan: brand, and every consent of every batch in order. */
  readonly plan: string;
  /** Number of batches. */
  readonly batches: number;
  /** Number of consents to send. */
  readonly items: number;
  /** Consents per batch (a resumed run without `--batch-size` reuses it). */
  readonly batchSize?: number | undefined;
}

/**
 * One item's İYS result: the transaction id (a string) or `[code, message]`.
 *
 * @example
 * ```ts
 * const ok: ItemResult = '9e4b…';
 * const refused: ItemResult = ['H174', 'İzin durumu (status) güncellemesi için farklı bir durum girilmelidir.'];
 * ```
 */
export type ItemResult = string | readonly [code: string, message: string];

/**
 * What a journal holds after reading.
 *
 * @example
 * ```ts
 * const state = readJournal('out.csv.journal');
 * state?.done.size; // batches with results
 * ```
 */
export interface JournalState {
  /** The header. */
  readonly header: JournalHeader;
  /** Batches marked as about to be sent (they may have reached İYS without a journaled requestId). */
  readonly intended: Set<number>;
  /** requestId and sub-request ids per submitted batch. */
  readonly submitted: Map<number, { readonly requestId: string; readonly subrequestIds: readonly string[] }>;
  /** Results per finished batch. */
  readonly done: Map<number, readonly ItemResult[]>;
}

/**
 * Reads a journal; `undefined` when the file does not exist or has no valid header.
 *
 * @example
 * ```ts
 * const state = readJournal('/tmp/out.csv.journal');
 * ```
 */
export function readJournal(path: string): JournalState | undefined {
  if (!existsSync(path)) return undefined;
  const lines = readFileSync(path, 'utf8').split('\n');
  let header: JournalHeader | undefined;
  const intended: JournalState['intended'] = new Set();
  const submitted: JournalState['submitted'] = new Map();
  const done: JournalState['done'] = new Map();
  for (const line of lines) {
    if (line === '') continue;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue; // a torn last line
    }
    if (entry.t === 'h' && header === undefined) header = entry as unknown as JournalHeader;
    else if (entry.t === 'p' && typeof entry.b === 'number') intended.add(entry.b);
    else if (entry.t === 's' && typeof entry.b === 'number' && typeof entry.req === 'string') {
      submitted.set(entry.b, { requestId: entry.req, subrequestIds: (entry.subs as string[]) ?? [] });
    } else if (entry.t === 'd' && typeof entry.b === 'number' && Array.isArray(entry.r)) {
      done.set(entry.b, entry.r as ItemResult[]);
    }
  }
  return header === undefined ? undefined : { header, intended, submitted, done };
}

/**
 * Appends to a journal, one durable line at a time.
 *
 * @example
 * ```ts
 * const j = JournalWriter.create('out.csv.journal', header);
 * j.intent(0);
 * j.submitted(0, 'req-1', ['sub-1']);
 * j.done(0, ['tx-1']);
 * j.close();
 * ```
 */
export class JournalWriter {
  private constructor(private fd: number | undefined) {}

  /** Starts a new journal (replacing any old one) with its header. */
  static create(path: string, header: JournalHeader): JournalWriter {
    const w = new JournalWriter(openSync(path, 'w'));
    w.line(header);
    return w;
  }

  /** Continues an existing journal. */
  static append(path: string): JournalWriter {
    const fd = openSync(path, 'a');
    // A torn last line must not swallow the next one: start on a fresh line.
    writeSync(fd, '\n');
    return new JournalWriter(fd);
  }

  /** Records that a batch is about to be sent (before the request leaves). */
  intent(batch: number): void {
    this.line({ t: 'p', b: batch });
  }

  /** Records a batch's requestId (before polling it). */
  submitted(batch: number, requestId: string, subrequestIds: readonly string[]): void {
    this.line({ t: 's', b: batch, req: requestId, subs: subrequestIds });
  }

  /** Records a batch's results. */
  done(batch: number, results: readonly ItemResult[]): void {
    this.line({ t: 'd', b: batch, r: results });
  }

  /** Closes the file. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private line(value: unknown): void {
    if (this.fd === undefined) throw new Error('journal closed');
    writeSync(this.fd, `${JSON.stringify(value)}\n`);
    fdatasyncSync(this.fd);
  }
}
