/**
 * Canonicalising and hashing evidence records (target: ≥ 100,000 records/s), side by side with
 * the `canonicalize` package (the most used RFC 8785 implementation on npm) plus node:crypto
 * SHA-256 — what a user would otherwise write.
 */
import { createHash } from 'node:crypto';
import { compare, isQuick, measure, recordResults } from '@izinkit/test-utils/bench';
import reference from 'canonicalize';
import { buildEvidence, canonicalize, type EvidenceRecord, evidenceEntry } from '../src/index.js';
import { cpuRate } from './cpu.js';

const n = isQuick() ? 20_000 : 100_000;
const secret = new Uint8Array(32).fill(3);
const uas = [
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.122 Mobile Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87',
];
const records: EvidenceRecord[] = [];
for (let i = 0; i < n; i++) {
  const r = buildEvidence({
    id: `rec-${i}`,
    subject: {
      identifiers: [
        { kind: 'PHONE', value: `+90532${1_000_000 + i}` },
        { kind: 'TCKN', value: String(10_000_000_000 + i * 7919) },
      ],
      recipientType: 'BIREYSEL',
    },
    subjectKey: { id: 'k-2025', secret },
    decision: { status: i % 4 ? 'ONAY' : 'RET', channel: i % 2 ? 'MESAJ' : 'EPOSTA', source: 'HS_WEB' },
    agreement: { versionId: 'etk-2025-03', textHash: 'ab'.repeat(32), locale: 'tr', kind: 'ETK_CONSENT' },
    actor: i % 3 ? { type: 'SUBJECT' } : { type: 'AGENT', id: `agent-${i % 40}`, role: 'call-centre' },
    client: { ip: `203.0.113.${i % 250}`, userAgent: uas[i % 3]!, deviceId: `dev-${i}` },
    serverTime: new Date(Date.UTC(2025, 2, 1) + i * 1000),
    clientTime: new Date(Date.UTC(2025, 2, 1) + i * 1000 + 800).toISOString(),
    otp: {
      channel: 'MESAJ',
      codeHash: 'cd'.repeat(32),
      sentAt: new Date(Date.UTC(2025, 2, 1) + i * 1000 - 60_000),
      verifiedAt: new Date(Date.UTC(2025, 2, 1) + i * 1000 - 5_000),
      attempts: 1 + (i % 3),
    },
    captcha: { provider: 'turnstile', success: true, score: 0.9 },
  });
  if (!r.ok) throw new Error(r.error.message);
  records.push(r.value);
}
const bytes = Buffer.byteLength(canonicalize(records[0]!));
console.log(`${n.toLocaleString('en-US')} evidence records, about ${bytes} bytes each in canonical form`);

const ours = measure(
  'izinkit evidenceEntry (canonicalize + leaf hash)',
  () => {
    let x = 0;
    for (const r of records) x ^= evidenceEntry(r).leaf[0]!;
    return x;
  },
  { items: n, unit: 'records', runs: 5 },
);
const peer = measure(
  'canonicalize (npm) + node:crypto SHA-256',
  () => {
    let x = 0;
    for (const r of records) {
      x ^= createHash('sha256')
        .update(Uint8Array.of(0))
        .update(reference(r) ?? '')
        .digest()[0]!;
    }
    return x;
  },
  { items: n, unit: 'records', runs: 5 },
);
const c = compare('Canonicalize + hash evidence records', ours, peer);
const onlyOurs = measure('izinkit canonicalize only', () => records.map((r) => canonicalize(r)).length, {
  items: n,
  unit: 'records',
  runs: 5,
});
const onlyPeer = measure('canonicalize (npm) only', () => records.map((r) => reference(r)).length, {
  items: n,
  unit: 'records',
  runs: 5,
});
const c2 = compare('Canonicalize only', onlyOurs, onlyPeer);
// Records that did not come from buildEvidence or JSON.parse (members in any order) take the
// general path: shuffle the member order to measure it too.
const reversed = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(reversed)
    : v !== null && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .reverse()
            .map(([k, x]) => [k, reversed(x)]),
        )
      : v;
const shuffled = records.map((r) => reversed(r) as EvidenceRecord);
if (canonicalize(shuffled[0]) !== canonicalize(records[0])) throw new Error('shuffle changed the data');
const general = measure(
  'izinkit canonicalize, members out of order',
  () => shuffled.map((r) => canonicalize(r)).length,
  {
    items: n,
    unit: 'records',
    runs: 5,
  },
);
const c3 = compare('Canonicalize only, members out of order', general, onlyPeer);
console.log('\nCPU time of this process only (the machine is shared):');
const cpu = [
  cpuRate(
    'izinkit evidenceEntry',
    () => {
      let x = 0;
      for (const r of records) x ^= evidenceEntry(r).leaf[0]!;
      return x;
    },
    n,
  ),
  cpuRate(
    'canonicalize (npm) + node:crypto SHA-256',
    () => {
      let x = 0;
      for (const r of records)
        x ^= createHash('sha256')
          .update(Uint8Array.of(0))
          .update(reference(r) ?? '')
          .digest()[0]!;
      return x;
    },
    n,
  ),
];

const target = 100_000;
console.log(
  `\ntarget ≥ ${target.toLocaleString('en-US')} records/s: ${ours.perSecond >= target ? 'met' : 'NOT MET'}`,
);
recordResults('evidence', 'canonicalize', {
  records: n,
  bytesPerRecord: bytes,
  target: { recordsPerSecond: target, met: ours.perSecond >= target },
  comparisons: [c, c2, c3],
  cpu,
});
