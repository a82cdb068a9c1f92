/**
 * findPii throughput (target ≥ 50 MB/s of Turkish text) and a side-by-side run against
 * @openredaction/openredaction — the most downloaded npm package that *detects* PII in free text
 * (≈145k downloads a month; maskdata has more but only masks values you point it at, and redact-pii
 * pulls in Google Cloud DLP). Same text, same process, same run.
 */

import { compare, isQuick, measure, printMeasurement, recordResults } from '@izinkit/test-utils/bench';
import { makeBenchText, makeCorpus } from '@izinkit/test-utils/kvkk';
import { OpenRedaction } from '@openredaction/openredaction';
import { findPii } from '../src/index.js';
import { cpuTimed, printCpu } from './cpu.js';

const quick = isQuick();

// 1. Throughput on a large text.
const big = makeBenchText(1, quick ? 2_000_000 : 16_000_000);
const bigMB = Buffer.byteLength(big) / 1e6;
const bigRuns = quick ? 3 : 7;
const bigCpu = cpuTimed(() => findPii(big).length);
const throughput = measure('izinkit findPii (large text)', bigCpu.fn, {
  items: bigMB,
  unit: 'MB',
  runs: bigRuns,
});
console.log(`\nfindPii on ${bigMB.toFixed(1)} MB of generated Turkish text (UTF-8 bytes)`);
printMeasurement(throughput);
const cpuRate = printCpu('izinkit findPii (large text)', bigMB, 'MB', bigCpu.median(bigRuns));
const target = 50;
console.log(`  target ≥ ${target} MB/s (wall clock): ${throughput.perSecond >= target ? 'met' : 'NOT MET'}`);

// 2. Side by side on the same smaller text (the peer is too slow for the large one).
const small = makeBenchText(2, quick ? 20_000 : 200_000);
const smallMB = Buffer.byteLength(small) / 1e6;
const shield = new OpenRedaction();
const head = compare(
  `findPii vs OpenRedaction.detect on the same ${(smallMB * 1000).toFixed(0)} kB`,
  measure('izinkit findPii', () => findPii(small).length, { items: smallMB, unit: 'MB', runs: 5 }),
  measure('@openredaction/openredaction detect', () => shield.detect(small).detections.length, {
    items: smallMB,
    unit: 'MB',
    runs: quick ? 2 : 3,
  }),
);

// 3. What each finds on a labelled corpus, kind-agnostic (a value counts as covered when one
//    detection spans it): what matters for redaction.
const corpus = makeCorpus(20260101, quick ? 50 : 300);
function coverage(detect: (t: string) => [number, number][]) {
  let embedded = 0;
  let covered = 0;
  let falseAlarms = 0;
  const byKind: Record<string, [number, number]> = {};
  for (const d of corpus) {
    const found = detect(d.text);
    for (const s of d.spans) {
      embedded++;
      const hit = found.some(([a, b]) => a <= s.start && s.end <= b);
      if (hit) covered++;
      const k = byKind[s.kind] ?? [0, 0];
      k[0]++;
      if (hit) k[1]++;
      byKind[s.kind] = k;
    }
    for (const [a, b] of found) if (!d.spans.some((s) => a < s.end && s.start < b)) falseAlarms++;
  }
  return { embedded, covered, recall: covered / embedded, falseAlarms, byKind };
}
const ours = coverage((t) => findPii(t).map((m) => [m.start, m.end]));
const peer = coverage((t) =>
  shield.detect(t).detections.map((x) => [x.position[0], x.position[1]] as [number, number]),
);
console.log(
  `\nCoverage of ${ours.embedded} identifiers in ${corpus.length} labelled documents (kind-agnostic)`,
);
for (const [name, c] of [
  ['izinkit findPii', ours],
  ['openredaction', peer],
] as const) {
  const kinds = Object.entries(c.byKind)
    .map(([k, [n, h]]) => `${k} ${((100 * h) / n).toFixed(0)}%`)
    .join(', ');
  console.log(
    `  ${name.padEnd(16)} recall ${(c.recall * 100).toFixed(1)} %, false alarms ${c.falseAlarms} — ${kinds}`,
  );
}

recordResults('kvkk', 'find-pii', {
  textMB: bigMB,
  throughput,
  cpuMBPerSecond: cpuRate,
  target: { mbPerSecond: target, met: throughput.perSecond >= target },
  sideBySide: head,
  coverage: { ours, peer },
});
