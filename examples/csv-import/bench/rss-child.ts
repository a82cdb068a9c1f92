/**
 * Child process of import.bench.ts: runs a whole dry-run import (pass 1 — read, normalise,
 * de-duplicate, validate —, the plan, and pass 2 — the per-row report) of one file and prints its
 * own peak RSS as JSON. Run in its own process so the figure is the import's alone.
 *
 *   tsx --conditions=@izinkit/source bench/rss-child.ts <file.csv> <now ISO>
 */
import { runImport } from '../src/import.js';

const [input, now] = process.argv.slice(2);
if (input === undefined || now === undefined) throw new Error('usage: rss-child.ts <file.csv> <now>');
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const summary = await runImport(
  { input, brandCode: 600000, now: new Date(now), dryRun: true, restart: true, quiet: true },
  process.stderr,
);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  `${JSON.stringify({
    rows: summary.rows,
    keys: summary.keys,
    invalid: summary.invalid,
    duplicates: summary.duplicates,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  })}\n`,
);
