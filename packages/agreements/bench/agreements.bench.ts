/**
 * @izinkit/agreements throughput, side by side with what a developer would use otherwise, on the
 * same inputs in one process (the issue sets no speed target for this package; this is for the
 * record):
 *
 * 1. render + hash one consent text per person: `renderVersion` (parse, type-check every value,
 *    substitute, canonicalise, SHA-256) against Mustache (`mustache` 4) + `createHash('sha256')`
 *    on the raw output (no checks, no canonical form);
 * 2. content hash of a 4 KiB notice: `contentHash` (canonicalise + SHA-256) against a bare
 *    `createHash('sha256')` of the raw string — the price of the canonical form;
 * 3. line diff of two versions: `diffLines` against jsdiff (`diff` 9) `diffLines`, on a 400-line
 *    notice with 12 edited lines, and on a 5,000-line text with 200 edited lines.
 */
import { createHash } from 'node:crypto';
import {
  compare,
  consume,
  isQuick,
  machineInfo,
  measure,
  peakRssBytes,
  recordResults,
} from '@izinkit/test-utils/bench';
import { diffLines as jsdiffLines } from 'diff';
import Mustache from 'mustache';
import {
  type AgreementVersion,
  contentHash,
  diffLines,
  diffStats,
  orThrow,
  planCreateDraft,
  renderVersion,
} from '../src/index.js';

const quick = isQuick();
const now = new Date('2025-01-06T09:00:00Z');

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}
const rand = rng(20250106);

// ── 1. render + hash ─────────────────────────────────────────────────────────────────────────
const TEMPLATE = [
  'Sayın {{recipientName}},',
  '{{tradeName}} (MERSİS: {{mersis}}) olarak {{recipientAddress}} numaranıza kampanya, indirim ve',
  'duyurularımızı SMS ile gönderebilmek için onayınızı istiyoruz. Onayınız, reddetme hakkınızı',
  'kullanıncaya kadar geçerlidir.',
  'Onayınızı dilediğiniz zaman ücretsiz geri alabilirsiniz: {{retInstructions}}',
  'Müşteri hizmetleri: {{customerServicePhone}} · Yürürlük: {{effectiveDate}}',
].join('\n');
const version: AgreementVersion = orThrow(
  planCreateDraft(
    [],
    {
      document: { brand: '600123', kind: 'ETK_CONSENT', channel: 'MESAJ', locale: 'tr' },
      text: TEMPLATE,
      author: 'bench',
      changeNote: 'bench',
      material: true,
    },
    now,
  ),
).version;
const NAMES = ['Ayşe Yılmaz', 'Mehmet Öztürk', 'Zeynep Çelik', 'Ali Şahin', 'Elif Doğan', 'İbrahim Güneş'];
const people = Array.from({ length: quick ? 2_000 : 50_000 }, (_, i) => ({
  recipientName: NAMES[i % NAMES.length]!,
  tradeName: 'Örnek Ticaret A.Ş.',
  mersis: '0720106477000001',
  recipientAddress: `0532 ${String(Math.floor(rand() * 1e7)).padStart(7, '0')}`,
  retInstructions: "RET yazıp 3338'e gönderin.",
  customerServicePhone: '0850 123 45 67',
  effectiveDate: '2025-01-06',
}));
// Mustache HTML-escapes {{x}}; the fair peer for plain text uses {{{x}}}. Its date stays ISO.
const MUSTACHE_TEMPLATE = TEMPLATE.replace(/\{\{(\w+)\}\}/g, '{{{$1}}}');
Mustache.parse(MUSTACHE_TEMPLATE);

// Same text (except the date format) from both, for one person:
const sample = orThrow(renderVersion(version, people[0]!));
console.log(`sample rendered text (${sample.text.length} chars):\n${sample.text}`);

const renderOurs = measure(
  'izinkit renderVersion (typed, canonical, hashed)',
  () => {
    let last = '';
    for (const p of people) last = orThrow(renderVersion(version, p)).hash;
    return last;
  },
  { items: people.length, unit: 'texts' },
);
const renderPeer = measure(
  'peer Mustache.render + sha256',
  () => {
    let last = '';
    for (const p of people)
      last = createHash('sha256').update(Mustache.render(MUSTACHE_TEMPLATE, p), 'utf8').digest('hex');
    return last;
  },
  { items: people.length, unit: 'texts' },
);
const render = compare('render + hash one consent text per person', renderOurs, renderPeer);

// ── 2. content hash ──────────────────────────────────────────────────────────────────────────
const NOTICE = Array.from(
  { length: 60 },
  (_, i) => `${i + 1}. Kişisel verileriniz KVKK'nın 5. ve 6. maddeleri uyarınca işlenmektedir.\r\n`,
).join('');
const hashRuns = quick ? 2_000 : 50_000;
const hashOurs = measure(
  'izinkit contentHash (canonical + sha256)',
  () => {
    let last = '';
    for (let i = 0; i < hashRuns; i++) last = contentHash(NOTICE);
    return last;
  },
  { items: hashRuns, unit: 'texts' },
);
const hashPeer = measure(
  'peer createHash(sha256) of the raw string',
  () => {
    let last = '';
    for (let i = 0; i < hashRuns; i++) last = createHash('sha256').update(NOTICE, 'utf8').digest('hex');
    return last;
  },
  { items: hashRuns, unit: 'texts' },
);
const hash = compare(`content hash of a ${(NOTICE.length / 1024).toFixed(1)} KiB notice`, hashOurs, hashPeer);

// ── 3. diff ──────────────────────────────────────────────────────────────────────────────────
function edited(lines: number, edits: number): [string, string] {
  const a = Array.from(
    { length: lines },
    (_, i) => `Madde ${i + 1}: ${Math.floor(rand() * 1e9).toString(36)}`,
  );
  const b = [...a];
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * b.length);
    const kind = e % 3;
    if (kind === 0) b[at] = `${b[at]} (değişti)`;
    else if (kind === 1) b.splice(at, 0, `Yeni madde ${e}`);
    else b.splice(at, 1);
  }
  return [`${a.join('\n')}\n`, `${b.join('\n')}\n`];
}
const diffs: Record<string, unknown> = {};
for (const [lines, edits, reps] of [
  [400, 12, quick ? 50 : 1_000],
  [5_000, 200, quick ? 5 : 50],
] as const) {
  const [a, b] = edited(lines, edits);
  const ours = diffStats(diffLines(a, b));
  const theirs = jsdiffLines(a, b);
  const theirEdits = theirs.filter((p) => p.added || p.removed).reduce((k, p) => k + p.count, 0);
  console.log(
    `\n${lines} lines: izinkit edits ${ours.inserted + ours.deleted}, jsdiff edits ${theirEdits} (both minimal when equal)`,
  );
  const o = measure(
    `izinkit diffLines (${lines} lines)`,
    () => {
      for (let i = 0; i < reps; i++) consume(diffLines(a, b));
    },
    { items: reps, unit: 'diffs' },
  );
  const p = measure(
    `peer jsdiff diffLines (${lines} lines)`,
    () => {
      for (let i = 0; i < reps; i++) consume(jsdiffLines(a, b));
    },
    { items: reps, unit: 'diffs' },
  );
  diffs[`lines${lines}`] = compare(`line diff, ${lines} lines, ${edits} edits`, o, p);
}

const rss = peakRssBytes();
console.log(`\npeak RSS ${(rss / 2 ** 20).toFixed(0)} MiB; machine ${JSON.stringify(machineInfo())}`);
recordResults('agreements', 'agreements', { quick, render, hash, diffs, peakRssBytes: rss });
