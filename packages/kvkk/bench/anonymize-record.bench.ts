/**
 * anonymizeRecord throughput (target ≥ 500,000 records/s for a five-field policy), side by side with
 * maskdata's maskJSON2 — the most downloaded npm package for masking fields of JSON records
 * (≈283k downloads a month) — on the same records, with a masking-only policy both can express.
 */
import { randomBytes } from 'node:crypto';
import { compare, isQuick, measure, printMeasurement, recordResults } from '@izinkit/test-utils/bench';
import { makeCustomer, mulberry32 } from '@izinkit/test-utils/kvkk';
import maskdata from 'maskdata';
import { type AnonymizationPolicy, anonymizeRecord } from '../src/index.js';
import { cpuTimed, printCpu } from './cpu.js';

const n = isQuick() ? 20_000 : 200_000;
const rng = mulberry32(3);
const records = Array.from({ length: n }, (_, i) => {
  const c = makeCustomer(rng, i);
  return {
    name: c.name,
    tckn: c.tckn,
    birthDate: c.birthDate,
    email: c.email,
    phone: c.phone,
    il: c.address.il,
    notes: 'x',
  };
});
const ctx = { keys: { k1: randomBytes(32) } };

// The five-field policy of the target: two masks, a redaction, a generalisation and a keyed
// pseudonym; `il` kept; `notes` dropped as unlisted.
const mixed: AnonymizationPolicy = {
  fields: {
    name: { op: 'mask', keepFirst: 1, perWord: true },
    tckn: { op: 'redact' },
    birthDate: { op: 'generalise', spec: { kind: 'date', to: 'year' } },
    email: { op: 'pseudonymize', keyId: 'k1', purpose: 'analytics' },
    il: { op: 'keep' },
  },
};
const run = (policy: AnonymizationPolicy) => () => {
  let k = 0;
  for (const r of records) k += Object.keys(anonymizeRecord(r, policy, ctx)).length;
  return k;
};
const mixedCpu = cpuTimed(run(mixed));
const mixedM = measure('izinkit anonymizeRecord (5 fields, with HMAC)', mixedCpu.fn, {
  items: n,
  unit: 'records',
});
console.log(
  `\nanonymizeRecord, five-field policy (mask, redact, generalise, pseudonymize, keep), ${n} records`,
);
printMeasurement(mixedM);
const mixedCpuRate = printCpu(
  'izinkit anonymizeRecord (5 fields, with HMAC)',
  n,
  'records',
  mixedCpu.median(5),
);
console.log(`  target ≥ 500,000 records/s (wall clock): ${mixedM.perSecond >= 500_000 ? 'met' : 'NOT MET'}`);

// The same five fields without the keyed pseudonym (email masked instead), to show what the HMAC costs.
const unkeyed: AnonymizationPolicy = {
  fields: { ...mixed.fields, email: { op: 'mask', keepFirst: 2 } },
};
const unkeyedCpu = cpuTimed(run(unkeyed));
const unkeyedM = measure('izinkit anonymizeRecord (5 fields, no HMAC)', unkeyedCpu.fn, {
  items: n,
  unit: 'records',
});
printMeasurement(unkeyedM);
const unkeyedCpuRate = printCpu(
  'izinkit anonymizeRecord (5 fields, no HMAC)',
  n,
  'records',
  unkeyedCpu.median(5),
);

// Masking only, which maskdata can also do: five string fields masked.
const maskOnly: AnonymizationPolicy = {
  fields: {
    name: { op: 'mask', keepFirst: 2 },
    tckn: { op: 'mask', keepLast: 2 },
    birthDate: { op: 'mask', keepFirst: 4 },
    email: { op: 'mask', keepFirst: 2 },
    phone: { op: 'mask', keepLast: 2 },
  },
  otherFields: 'keep',
};
const maskConfig = {
  genericStrings: [
    { fields: ['name'], config: { maskWith: '*', unmaskedStartCharacters: 2 } },
    { fields: ['tckn'], config: { maskWith: '*', unmaskedEndCharacters: 2 } },
    { fields: ['birthDate'], config: { maskWith: '*', unmaskedStartCharacters: 4 } },
    { fields: ['email'], config: { maskWith: '*', unmaskedStartCharacters: 2 } },
    { fields: ['phone'], config: { maskWith: '*', unmaskedEndCharacters: 2 } },
  ],
};
const side = compare(
  `Masking five fields of ${n} records: anonymizeRecord vs maskdata.maskJSON2`,
  measure('izinkit anonymizeRecord (5 masks)', run(maskOnly), { items: n, unit: 'records' }),
  measure(
    'maskdata maskJSON2 (5 masks)',
    () => {
      let k = 0;
      for (const r of records) k += Object.keys(maskdata.maskJSON2(r, maskConfig)).length;
      return k;
    },
    { items: n, unit: 'records' },
  ),
);

recordResults('kvkk', 'anonymize-record', {
  records: n,
  mixed: mixedM,
  mixedCpuRecordsPerSecond: mixedCpuRate,
  unkeyed: unkeyedM,
  unkeyedCpuRecordsPerSecond: unkeyedCpuRate,
  target: { recordsPerSecond: 500_000, met: mixedM.perSecond >= 500_000 },
  maskOnly: side,
});
