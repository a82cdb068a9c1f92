/**
 * Progress on stderr: a redrawn bar with rate and ETA on a terminal; plain lines every few seconds
 * (and at the end of each phase) when stderr is a file or a pipe, so logs stay readable.
 */

/**
 * Where progress goes: `process.stderr`, or anything with `write` (and `isTTY`/`columns` when it
 * is a terminal).
 *
 * @example
 * ```ts
 * const out: ProgressOutput = process.stderr;
 * ```
 */
export interface ProgressOutput {
  /** Writes text. */
  write(text: string): unknown;
  /** True for a terminal. */
  readonly isTTY?: boolean | undefined;
  /** Terminal width. */
  readonly columns?: number | undefined;
}

/**
 * Formats a duration in seconds as `m:ss` or `h:mm:ss`.
 *
 * @example
 * ```ts
 * formatDuration(75); // '1:15'
 * formatDuration(3725); // '1:02:05'
 * ```
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

const num = (n: number): string => Math.round(n).toLocaleString('tr-TR');

/**
 * One progress display, phase after phase.
 *
 * @example
 * ```ts
 * const p = new Progress(process.stderr);
 * p.start('yükleme / upload', 2500, 'izin / consents');
 * p.update(1000);
 * p.done();
 * ```
 */
export class Progress {
  private label = '';
  private unit = '';
  private total = 0;
  private current = 0;
  private startedAt = 0;
  private startValue = 0;
  private lastDraw = 0;
  private drawn = false;
  private drawnValue = -1;
  private drawnTotal = -1;
  private readonly tty: boolean;

  /**
   * @param out - where to write.
   * @param options - `quiet` writes nothing; `intervalMs` is the time between plain lines (default 5000).
   * @param clock - milliseconds now (for tests).
   */
  constructor(
    private readonly out: ProgressOutput,
    private readonly options: { readonly quiet?: boolean; readonly intervalMs?: number } = {},
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.tty = out.isTTY === true;
  }

  /** Starts a phase: its label, its total (0 when unknown) and its unit. */
  start(label: string, total: number, unit: string, startValue = 0): void {
    this.label = label;
    this.unit = unit;
    this.total = total;
    this.current = startValue;
    this.startValue = startValue;
    this.startedAt = this.clock();
    this.lastDraw = this.startedAt;
    this.drawn = false;
  }

  /** Sets the total (when it becomes known). */
  setTotal(total: number): void {
    this.total = total;
  }

  /** Reports the amount done so far. */
  update(current: number): void {
    this.current = current;
    if (this.options.quiet) return;
    const now = this.clock();
    const every = this.tty ? 100 : (this.options.intervalMs ?? 5000);
    if (now - this.lastDraw < every) return;
    this.lastDraw = now;
    this.draw(now);
  }

  /** Ends the phase with a final line (not repeated when the last line already said it). */
  done(): void {
    if (this.options.quiet) return;
    if (!this.tty && this.drawn && this.drawnValue === this.current && this.drawnTotal === this.total) return;
    this.draw(this.clock());
    if (this.tty) this.out.write('\n');
  }

  /** The current line, as drawn (for tests). */
  line(now: number = this.clock()): string {
    const elapsed = (now - this.startedAt) / 1000;
    const rate = elapsed > 0 ? (this.current - this.startValue) / elapsed : 0;
    const pct = this.total > 0 ? Math.min(100, (this.current / this.total) * 100) : undefined;
    const eta =
      this.total > 0 && rate > 0
        ? formatDuration((this.total - this.current) / rate)
        : this.total > 0
          ? '?'
          : '';
    const amount =
      this.total > 0
        ? `${num(this.current)}/${num(this.total)} ${this.unit}`
        : `${num(this.current)} ${this.unit}`;
    const parts = [
      this.label,
      pct === undefined ? '' : `${pct.toFixed(1)}%`,
      amount,
      `${num(rate)}/sn`,
      eta === '' ? '' : `kalan/ETA ${eta}`,
    ].filter((p) => p !== '');
    if (!this.tty || pct === undefined) return parts.join('  ');
    const width = Math.max(10, Math.min(30, (this.out.columns ?? 80) - 70));
    const fill = Math.round((pct / 100) * width);
    return `${parts[0]} [${'█'.repeat(fill)}${'░'.repeat(width - fill)}] ${parts.slice(1).join('  ')}`;
  }

  private draw(now: number): void {
    const text = this.line(now);
    if (this.tty) this.out.write(`\r\u001b[K${text}`);
    else this.out.write(`${text}\n`);
    this.drawn = true;
    this.drawnValue = this.current;
    this.drawnTotal = this.total;
  }

  /** Whether anything was drawn in this phase. */
  get wroteSomething(): boolean {
    return this.drawn;
  }
}
