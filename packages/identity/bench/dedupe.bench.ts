/**
 * dedupe at 100k and 1M records (20% duplicates in mixed formats), each size in a fresh child
 * process so that its peak RSS is its own, against the pipeline a user would otherwise assemble
 * from npm packages: libphonenumber-js for phones, npm stdnum for TCKNs, `toLocaleLowerCase('tr')`
 * for names, and the same union–find rules. Both must produce identical groups.
 *
 * Targets (issue 2): 1M records < 5 s and < 1.5 GB peak RSS; time(1M) ≤ 11 × time(100k).
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  compare,
  consume,
  isQuick,
  type Measurement,
  measure,
  peakRssBytes,
  printMeasurement,
  recordResults,
} from '@izinkit/test-utils/bench';
import { parsePhoneNumberWithError } from 'libphonenumber-js';
import { stdnum } from 'stdnum';
import { type DedupeResult, dedupe, type PersonRecord } from '../src/index.js';
import { personRecords } from './data.js';

/** The same rules, built the usual way from npm packages. */
function baselineDedupe(records: readonly PersonRecord[]): DedupeResult {
  const n = records.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const tckn: (string | undefined)[] = new Array(n);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const byT = new Map<string, number>();
  records.forEach((r, i) => {
    if (!r.tckn) return;
    const v = stdnum.TR!.tckimlik!.validate(r.tckn.replace(/[\s-]/g, ''));
    if (!v.isValid) return;
    const first = byT.get(v.compact);
    if (first === undefined) {
      byT.set(v.compact, i);
      tckn[i] = v.compact;
    } else parent[find(i)] = find(first);
  });
  const byKey = new Map<string, number>();
  const conflicts: DedupeResult['conflicts'][number][] = [];
  const tryLink = (i: number, rep: number, via: 'phone' | 'email') => {
    const a = find(i);
    const b = find(rep);
    if (a === b) return;
    if (tckn[a] && tckn[b] && tckn[a] !== tckn[b]) {
      conflicts.push({ ids: [records[i]!.id, records[rep]!.id], tckns: [tckn[a]!, tckn[b]!], via });
      return;
    }
    parent[b] = a;
    tckn[a] ??= tckn[b];
  };
  records.forEach((r, i) => {
    const name = `${r.firstName ?? ''} ${r.lastName ?? ''}`
      .toLocaleLowerCase('tr')
      .replace(/\s+/g, ' ')
      .trim();
    if (!name) return;
    if (r.phone) {
      try {
        const p = parsePhoneNumberWithError(r.phone, 'TR');
        if (p.isValid()) {
          const k = `p${p.number}|${name}`;
          const rep = byKey.get(k);
          if (rep === undefined) byKey.set(k, i);
          else tryLink(i, rep, 'phone');
        }
      } catch {}
    }
    if (r.email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(r.email.trim())) {
      const k = `e${r.email.trim().toLowerCase()}|${name}`;
      const rep = byKey.get(k);
      if (rep === undefined) byKey.set(k, i);
      else tryLink(i, rep, 'email');
    }
  });
  const groupOf = new Map<number, number>();
  const groups: { ids: string[] }[] = [];
  records.forEach((r, i) => {
    const root = find(i);
    let g = groupOf.get(root);
    if (g === undefined) {
      g = groups.length;
      groupOf.set(root, g);
      groups.push({ ids: [] });
    }
    groups[g]!.ids.push(r.id);
  });
  return { groups, conflicts, invalid: [] };
}

interface ChildReport {
  readonly size: number;
  readonly which: 'izinkit' | 'baseline';
  readonly measurement: Measurement;
  /** CPU time (`process.cpuUsage`: every thread of the child, GC included) of each timed run, ms. */
  readonly cpuMs: readonly number[];
  readonly groups: number;
  readonly conflicts: number;
  readonly rssAfterDataBytes: number;
  readonly peakRssBytes: number;
  readonly signature: string;
  /** Where the records lie in memory (see {@link loadRecords}). */
  readonly layout: Layout;
  /**
   * CPU time (ms) of reading every field of every record once and nothing else (median of three):
   * the floor any de-duplication pays, set by where the records lie in memory.
   */
  readonly touchCpuMs: number;
}

/**
 * `shuffled`: the records as `personRecords` builds them: allocated in generation order, then
 * shuffled, so record i and its strings lie at a random place in the heap (every record read is a
 * cache and TLB miss at 1M). `parsed`: the same records in the same order, re-read with
 * `JSON.parse` as a service reading them from a file or a database would get them: allocated in
 * input order, so reading them in order walks the heap sequentially.
 */
type Layout = 'shuffled' | 'parsed';

function loadRecords(size: number, layout: Layout): PersonRecord[] {
  const built = personRecords(size);
  if (layout === 'shuffled') return built;
  let json: string | undefined = JSON.stringify(built);
  built.length = 0;
  (globalThis as { gc?: () => void }).gc?.();
  const parsed = JSON.parse(json) as PersonRecord[];
  json = undefined;
  return parsed;
}

/** Reads every field of every record once (the `touchCpuMs` floor). */
function touch(records: readonly PersonRecord[]): number {
  const len = (v: string | null | undefined): number => (typeof v === 'string' ? v.length : 0);
  let t = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    t += len(r.id) + len(r.tckn) + len(r.phone) + len(r.email) + len(r.firstName) + len(r.lastName);
  }
  return t;
}

/** A cheap fingerprint of a partition, to check both implementations agree. */
function signature(r: DedupeResult): string {
  let h = 0;
  for (const g of r.groups) {
    const key = g.ids.join(',');
    for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
    h = (Math.imul(h, 17) + g.ids.length) | 0;
  }
  return `${r.groups.length}:${h}`;
}

function child(size: number, which: 'izinkit' | 'baseline', layout: Layout): void {
  const records = loadRecords(size, layout);
  (globalThis as { gc?: () => void }).gc?.();
  const rssAfterData = process.memoryUsage().rss;
  const f = which === 'izinkit' ? dedupe : baselineDedupe;
  let last: DedupeResult | undefined;
  const runs = size >= 1_000_000 ? 3 : 5;
  // The CPU time of each timed run, next to `measure`'s wall times: on a shared machine the wall
  // time also counts the time spent waiting for a core.
  const cpuMs: number[] = [];
  let c0: NodeJS.CpuUsage | undefined;
  let timed = -1; // `measure` makes one warm-up call, then `runs` timed ones
  const m = measure(
    `${which} dedupe ${size.toLocaleString('en-US')} records`,
    () => {
      if (c0 !== undefined && timed >= 1) {
        const c = process.cpuUsage(c0);
        cpuMs.push((c.user + c.system) / 1000);
      }
      timed++;
      c0 = process.cpuUsage();
      last = f(records);
      return last;
    },
    { items: size, unit: 'records', runs, warmup: 1 },
  );
  const c = process.cpuUsage(c0);
  cpuMs.push((c.user + c.system) / 1000);
  consume(last);
  const touchMs: number[] = [];
  for (let k = 0; k < 4; k++) {
    const t0 = process.cpuUsage();
    consume(touch(records));
    const t = process.cpuUsage(t0);
    if (k > 0) touchMs.push((t.user + t.system) / 1000);
  }
  touchMs.sort((a, b) => a - b);
  const report: ChildReport = {
    size,
    which,
    measurement: m,
    cpuMs,
    groups: last!.groups.length,
    conflicts: last!.conflicts.length,
    rssAfterDataBytes: rssAfterData,
    peakRssBytes: peakRssBytes(),
    signature: signature(last!),
    layout,
    touchCpuMs: touchMs[1]!,
  };
  console.log(`@@REPORT${JSON.stringify(report)}`);
}

function runChild(size: number, which: 'izinkit' | 'baseline', layout: Layout = 'shuffled'): ChildReport {
  const r = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--child', String(size), which, layout],
    {
      encoding: 'utf8',
      env: process.env,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (r.status !== 0) throw new Error(`child ${size} ${which} failed: ${r.stderr}`);
  const line = r.stdout.split('\n').find((l) => l.startsWith('@@REPORT'));
  if (!line) throw new Error(`child ${size} ${which} printed no report: ${r.stdout} ${r.stderr}`);
  return JSON.parse(line.slice('@@REPORT'.length)) as ChildReport;
}

const argv = process.argv;
const childAt = argv.indexOf('--child');
if (childAt >= 0) {
  child(
    Number(argv[childAt + 1]),
    argv[childAt + 2] as 'izinkit' | 'baseline',
    argv[childAt + 3] === 'parsed' ? 'parsed' : 'shuffled',
  );
} else {
  const sizes = isQuick() ? [10_000, 100_000] : [100_000, 1_000_000];
  const reports: ChildReport[] = [];
  const load = (): string =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(', ');
  const loadStart = loadavg();
  console.log(`load average at start: ${load()}`);
  const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;
  for (const size of sizes) {
    const ours = runChild(size, 'izinkit');
    const peer = runChild(size, 'baseline');
    if (ours.signature !== peer.signature) {
      throw new Error(`groups differ at ${size}: ${ours.signature} vs ${peer.signature}`);
    }
    reports.push(ours, peer);
    compare(
      `dedupe, ${size.toLocaleString('en-US')} records (20% duplicates, mixed formats): ${ours.groups.toLocaleString('en-US')} groups, ${ours.conflicts} conflicts, identical partitions`,
      ours.measurement,
      peer.measurement,
    );
    console.log(
      `  peak RSS (child process, incl. the input records): izinkit ${mb(ours.peakRssBytes)} (records alone ${mb(ours.rssAfterDataBytes)}), baseline ${mb(peer.peakRssBytes)}`,
    );
    const cpu = (r: ChildReport): string =>
      `${r.cpuMs.map((x) => x.toFixed(0)).join(' / ')} ms (wall best ${r.measurement.minMs.toFixed(0)} ms)`;
    console.log(`  CPU time per timed run: izinkit ${cpu(ours)}; baseline ${cpu(peer)}`);
    console.log(`  load average now: ${load()}`);
  }
  const [small, large] = [reports[0]!, reports[2]!];
  const scale = large.measurement.medianMs / small.measurement.medianMs;
  const sizeRatio = large.size / small.size;
  console.log(
    `\nscaling ${small.size.toLocaleString('en-US')} → ${large.size.toLocaleString('en-US')} records: ${scale.toFixed(2)}× the time for ${sizeRatio}× the records (target ≤ 11×: ${scale <= 11 ? 'met' : 'NOT MET'})`,
  );
  if (!isQuick()) {
    console.log(
      `1M records: ${large.measurement.medianMs.toFixed(0)} ms (target < 5000 ms: ${large.measurement.medianMs < 5000 ? 'met' : 'NOT MET'}), peak RSS ${mb(large.peakRssBytes)} (target < 1536 MB: ${large.peakRssBytes < 1.5 * 2 ** 30 ? 'met' : 'NOT MET'})`,
    );
  }
  const medianCpu = (r: ChildReport): number =>
    [...r.cpuMs].sort((a, b) => a - b)[Math.floor(r.cpuMs.length / 2)]!;
  const cpuScale = medianCpu(large) / medianCpu(small);
  console.log(`scaling by CPU time (medians): ${cpuScale.toFixed(2)}×`);
  console.log(
    `floor — reading every field of every record once, CPU: ${small.touchCpuMs.toFixed(0)} ms → ${large.touchCpuMs.toFixed(0)} ms = ${(large.touchCpuMs / small.touchCpuMs).toFixed(2)}×`,
  );
  // The same records allocated in input order (as parsed from a file), izinkit only.
  const parsed = sizes.map((size) => runChild(size, 'izinkit', 'parsed'));
  for (const r of parsed) {
    if (r.signature !== reports[sizes.indexOf(r.size) * 2]!.signature) {
      throw new Error(`parsed layout changed the groups at ${r.size}`);
    }
    console.log(
      `records in input order (JSON.parse), ${r.size.toLocaleString('en-US')}: median ${r.measurement.medianMs.toFixed(0)} ms, CPU ${r.cpuMs.map((x) => x.toFixed(0)).join(' / ')} ms, floor ${r.touchCpuMs.toFixed(0)} ms, peak RSS ${mb(r.peakRssBytes)}`,
    );
  }
  const parsedScale = parsed[1]!.measurement.medianMs / parsed[0]!.measurement.medianMs;
  console.log(
    `scaling with records in input order: ${parsedScale.toFixed(2)}× (target ≤ 11×: ${parsedScale <= 11 ? 'met' : 'NOT MET'}); load average now: ${load()}`,
  );
  for (const r of [...reports, ...parsed]) printMeasurement(r.measurement);
  recordResults('identity', 'dedupe', {
    reports,
    scaleTimeRatio: scale,
    scaleCpuRatio: cpuScale,
    parsed,
    scaleTimeRatioParsed: parsedScale,
    loadAverage: { start: loadStart, end: loadavg() },
  });
}
