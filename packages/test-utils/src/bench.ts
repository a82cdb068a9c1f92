/**
 * The benchmark harness every `bench/*.bench.ts` uses. A benchmark file is a plain program run by
 * `pnpm bench` (see `scripts/bench.mjs`) in its own Node process, so memory figures are its own.
 *
 * Rules (CONVENTIONS.md): always measure izinkit side by side with the peer a user would otherwise
 * pick, in the same process and run, on the same inputs, and report the ratio. Never assert timings
 * in `pnpm test`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, totalmem } from 'node:os';
import { join } from 'node:path';

/** One measured task. */
export interface Measurement {
  readonly name: string;
  /** Work items processed by one run (calls, records, bytes …). */
  readonly items: number;
  /** What an item is, for the printed table ("calls", "records", "MB" …). */
  readonly unit: string;
  readonly runs: number;
  /** Median wall time of one run, in milliseconds. */
  readonly medianMs: number;
  readonly minMs: number;
  /** items / median seconds. */
  readonly perSecond: number;
}

/** Options of {@link measure}. */
export interface MeasureOptions {
  /** Items processed by one call of the function. */
  readonly items: number;
  readonly unit?: string;
  /** Timed runs (default 5). */
  readonly runs?: number;
  /** Untimed warm-up runs (default 1). */
  readonly warmup?: number;
}

let sink: unknown;
/** Keeps a value alive so the optimiser cannot drop the work that produced it. */
export function consume(value: unknown): void {
  sink = value;
}
/** @internal */
export function lastConsumed(): unknown {
  return sink;
}

function summarise(name: string, times: number[], o: MeasureOptions): Measurement {
  const sorted = [...times].sort((a, b) => a - b);
  const medianMs = sorted[Math.floor(sorted.length / 2)]!;
  return {
    name,
    items: o.items,
    unit: o.unit ?? 'ops',
    runs: times.length,
    medianMs,
    minMs: sorted[0]!,
    perSecond: o.items / (medianMs / 1000),
  };
}

/** Times a synchronous function: `warmup` untimed runs, then `runs` timed ones; reports the median. */
export function measure(name: string, fn: () => unknown, options: MeasureOptions): Measurement {
  const runs = options.runs ?? 5;
  for (let i = 0; i < (options.warmup ?? 1); i++) consume(fn());
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    consume(fn());
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return summarise(name, times, options);
}

/** {@link measure} for asynchronous work. */
export async function measureAsync(
  name: string,
  fn: () => Promise<unknown>,
  options: MeasureOptions,
): Promise<Measurement> {
  const runs = options.runs ?? 5;
  for (let i = 0; i < (options.warmup ?? 1); i++) consume(await fn());
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    consume(await fn());
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return summarise(name, times, options);
}

/** A side-by-side comparison: ours against the peer, with the ratio and the target it must meet. */
export interface Comparison {
  readonly title: string;
  readonly ours: Measurement;
  readonly peer: Measurement;
  /** ours.perSecond / peer.perSecond. */
  readonly ratio: number;
  /** The ratio the issue asks for, if any (for example 10 for "at least 10×"). */
  readonly target?: number;
  readonly met?: boolean;
}

/** Builds a {@link Comparison} and prints it. */
export function compare(title: string, ours: Measurement, peer: Measurement, target?: number): Comparison {
  const ratio = ours.perSecond / peer.perSecond;
  const c: Comparison =
    target === undefined
      ? { title, ours, peer, ratio }
      : { title, ours, peer, ratio, target, met: ratio >= target };
  printComparison(c);
  return c;
}

const fmt = (n: number): string =>
  n >= 100
    ? Math.round(n).toLocaleString('en-US')
    : n.toLocaleString('en-US', { maximumSignificantDigits: 3 });

/** Prints one measurement as a line. */
export function printMeasurement(m: Measurement): void {
  console.log(
    `  ${m.name.padEnd(48)} ${fmt(m.perSecond).padStart(14)} ${m.unit}/s   median ${fmt(m.medianMs)} ms over ${m.runs} runs`,
  );
}

function printComparison(c: Comparison): void {
  console.log(`\n${c.title}`);
  printMeasurement(c.ours);
  printMeasurement(c.peer);
  const verdict =
    c.target === undefined
      ? ''
      : c.met
        ? `  (target ≥ ${c.target}×: met)`
        : `  (target ≥ ${c.target}×: NOT MET)`;
  console.log(`  ratio ours/peer: ${c.ratio.toFixed(2)}×${verdict}`);
}

/** Peak resident set size of this process so far, in bytes. */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** The machine the figures come from, for docs/benchmarks.md. */
export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly freeMemoryGiB: number;
  readonly node: string;
  readonly platform: string;
}

/** Describes this machine. */
export function machineInfo(): MachineInfo {
  const c = cpus();
  return {
    cpu: c[0]?.model ?? 'unknown',
    cores: c.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/**
 * Writes a benchmark's results as JSON to `bench-results/<package>--<name>.json` at the repository
 * root (git-ignored), with the machine description. `scripts/bench.mjs` collects them.
 */
export function recordResults(pkg: string, name: string, results: Record<string, unknown>): void {
  const dir =
    process.env.IZINKIT_BENCH_RESULTS ?? join(import.meta.dirname, '..', '..', '..', 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${pkg}--${name}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ package: pkg, name, at: new Date().toISOString(), machine: machineInfo(), results }, null, 2)}\n`,
  );
  console.log(`\nresults written to ${file}`);
}

/** True when `pnpm bench --quick` asked for smaller inputs (a smoke run, not figures to publish). */
export function isQuick(): boolean {
  return process.env.IZINKIT_BENCH_QUICK === '1';
}
