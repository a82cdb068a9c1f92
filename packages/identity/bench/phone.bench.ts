/**
 * Turkish phone normalisation: izinkit's normalizePhone against libphonenumber-js's
 * `parsePhoneNumberWithError(x, 'TR').number` (default metadata), on the same 1M mixed-format
 * inputs (every format of the issue, Arabic-Indic and Persian digits, non-breaking spaces), with
 * identical output checked on every input before timing.
 */
import { compare, isQuick, measure, printMeasurement, recordResults } from '@izinkit/test-utils/bench';
import { parsePhoneNumberWithError } from 'libphonenumber-js';
import { parsePhoneNumberWithError as parseMax } from 'libphonenumber-js/max';
import { normalizePhone } from '../src/index.js';
import { phoneInputs } from './data.js';

const n = isQuick() ? 100_000 : 1_000_000;
const { inputs, e164 } = phoneInputs(n);

const ourE164 = (s: string): string => {
  const r = normalizePhone(s);
  return r.ok ? r.value.e164 : '';
};
const peerE164 = (s: string): string => parsePhoneNumberWithError(s, 'TR').number;
const peerMaxTyped = (s: string): string => {
  const p = parseMax(s, 'TR');
  return p.isValid() ? `${p.number}${p.getType()}` : '';
};

for (let i = 0; i < n; i++) {
  const a = ourE164(inputs[i]!);
  const b = peerE164(inputs[i]!);
  if (a !== b || a !== e164[i])
    throw new Error(`outputs differ on ${JSON.stringify(inputs[i])}: ${a} vs ${b}`);
}
console.log(`${n} inputs: izinkit and libphonenumber-js give the identical E.164 for every one`);

const run = (f: (s: string) => string) => () => {
  let len = 0;
  for (const s of inputs) len += f(s).length;
  return len;
};
const ours = measure('izinkit normalizePhone(x).value.e164', run(ourE164), {
  items: n,
  unit: 'numbers',
  runs: 7,
});
const peer = measure("libphonenumber-js parsePhoneNumberWithError(x,'TR').number", run(peerE164), {
  items: n,
  unit: 'numbers',
  runs: 3,
});
const c = compare(
  `Turkish phone normalisation, ${n.toLocaleString('en-US')} mixed-format inputs`,
  ours,
  peer,
  10,
);
// The typed variant is slower still: timed on the first 100,000 inputs only.
const sub = inputs.slice(0, 100_000);
const typed = measure(
  'libphonenumber-js/max parse + isValid + getType (first 100k)',
  () => {
    let len = 0;
    for (const s of sub) len += peerMaxTyped(s).length;
    return len;
  },
  { items: sub.length, unit: 'numbers', runs: 3 },
);
printMeasurement(typed);
console.log(
  `  ratio izinkit (which also validates and types) / max parse+validate+type: ${(ours.perSecond / typed.perSecond).toFixed(2)}×`,
);
recordResults('identity', 'phone', { comparison: c, maxMetadataTyped: typed, inputs: n });
