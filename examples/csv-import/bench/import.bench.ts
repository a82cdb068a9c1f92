/**
 * csv-import speed and memory (issue 9):
 *
 * 1. pass 1 — stream, normalise (@izinkit/identity), validate (@izinkit/consent), de-duplicate —
 *    on a generated legacy spreadsheet, upload excluded, against the peer script a developer would
 *    otherwise write (bench/peer.ts: csv-parse + libphonenumber-js + a Map), same file, same run;
 * 2. a whole dry-run import (pass 1, plan, per-row report) of 1,000,000 rows in a child process,
 *    its peak RSS read from the child itself.
 *
 *   pnpm bench --filter csv-import          (add --quick for a smoke run)
 *
 * Targets: at least 20,000 rows/s through normalise + de-duplicate + validate; 1M rows under 1 GB RSS.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  compare,
  isQuick,
  machineInfo,
  measureAsync,
  peakRssBytes,
  recordResults,
} from '@izinkit/test-utils/bench';
import { GENERATED_NOW, generateConsentCsv } from '@izinkit/test-utils/csv';
import { analyseCsv } from '../src/analyse.js';
import { peerImport } from './peer.js';

const quick = isQuick();
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const mib = (b: number): string => `${fmt(b / 2 ** 20)} MiB`;
console.log('machine:', machineInfo());
const dir = mkdtempSync(join(tmpdir(), 'csv-import-bench-'));

try {
  // 1. Throughput of pass 1 against the peer.
  const rows = quick ? 20_000 : 200_000;
  const file = join(dir, 'pass1.csv');
  const stats = await generateConsentCsv(file, { rows, seed: 42 });
  const check = await analyseCsv(file, { brandCode: '600000', now: GENERATED_NOW });
  if (
    check.invalidRows !== stats.invalid ||
    check.keys.size !== stats.keys ||
    check.duplicateRows !== stats.duplicates
  ) {
    throw new Error('the import did not find what the generator wrote: the figures would mean nothing');
  }
  const peerCheck = await peerImport(file);
  console.log(
    `\n${fmt(rows)} rows; generator: ${fmt(stats.invalid)} invalid, ${fmt(stats.keys)} keys, ${fmt(stats.duplicates)} duplicates`,
  );
  console.log(`peer found ${fmt(peerCheck.invalid)} invalid, ${fmt(peerCheck.keys)} keys (it checks less)`);
  const runs = quick ? 3 : 5;
  const ours = await measureAsync(
    'izinkit analyseCsv (normalise+validate+dedupe)',
    () => analyseCsv(file, { brandCode: '600000', now: GENERATED_NOW }),
    { items: rows, unit: 'rows', runs },
  );
  const peer = await measureAsync('csv-parse + libphonenumber-js + Map', () => peerImport(file), {
    items: rows,
    unit: 'rows',
    runs,
  });
  const c = compare('pass 1: normalise + de-duplicate + validate (upload excluded)', ours, peer);
  // Rows per CPU-second (user + system time of this process, all its threads): less dependent on
  // what else the machine runs than wall time, which is what the target is about.
  const perCpuSecond = async (fn: () => Promise<unknown>): Promise<number> => {
    const before = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(before);
    return rows / ((used.user + used.system) / 1e6);
  };
  const oursCpu = await perCpuSecond(() => analyseCsv(file, { brandCode: '600000', now: GENERATED_NOW }));
  const peerCpu = await perCpuSecond(() => peerImport(file));
  console.log(
    `  per CPU-second: izinkit ${fmt(oursCpu)} rows, peer ${fmt(peerCpu)} rows (ratio ${(oursCpu / peerCpu).toFixed(2)}×)`,
  );
  const target = 20_000;
  console.log(
    `  target ≥ ${fmt(target)} rows/s: ${ours.perSecond >= target ? 'met' : 'NOT MET'} (${fmt(ours.perSecond)})`,
  );
  console.log(`  peak RSS of this process so far: ${mib(peakRssBytes())}`);

  // 2. One million rows, whole dry-run import, in a child process.
  const bigRows = quick ? 100_000 : 1_000_000;
  const big = join(dir, 'big.csv');
  const t0 = performance.now();
  const bigStats = await generateConsentCsv(big, { rows: bigRows, seed: 43 });
  console.log(`\ngenerated ${fmt(bigRows)} rows in ${fmt(performance.now() - t0)} ms`);
  const root = join(import.meta.dirname, '..', '..', '..');
  const child = spawnSync(
    join(root, 'node_modules', '.bin', 'tsx'),
    [
      '--conditions=@izinkit/source',
      join(import.meta.dirname, 'rss-child.ts'),
      big,
      GENERATED_NOW.toISOString(),
    ],
    {
      encoding: 'utf8',
      // The child's own heap limit stays Node's default; no --expose-gc, nothing forced.
      env: { ...process.env, NODE_OPTIONS: '' },
      maxBuffer: 1 << 20,
    },
  );
  if (child.status !== 0) throw new Error(`rss child failed: ${child.stderr}`);
  const r = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
    rows: number;
    keys: number;
    invalid: number;
    ms: number;
    cpuMs: number;
    peakRssBytes: number;
  };
  if (r.rows !== bigRows || r.keys !== bigStats.keys || r.invalid !== bigStats.invalid) {
    throw new Error('the 1M-row import did not find what the generator wrote');
  }
  const limit = 2 ** 30;
  console.log(
    `whole dry-run import (pass 1 + plan + report) of ${fmt(r.rows)} rows: ${fmt(r.ms)} ms = ${fmt((r.rows / r.ms) * 1000)} rows/s (${fmt((r.rows / r.cpuMs) * 1000)} rows per CPU-second); ` +
      `peak RSS ${mib(r.peakRssBytes)} (target < 1 GiB: ${r.peakRssBytes < limit ? 'met' : 'NOT MET'})`,
  );

  recordResults('csv-import', 'import', {
    quick,
    pass1: { rows, ours, peer, ratio: c.ratio, oursCpu, peerCpu, target, met: ours.perSecond >= target },
    million: { ...r, limitBytes: limit, met: r.peakRssBytes < limit },
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
