/**
 * TCKN validation: izinkit's isValidTckn against the TCKN validators on npm, on the same 1M
 * 11-digit strings (half valid, half random). The npm registry this project uses holds one TCKN
 * validator, `stdnum` (the JavaScript port of python-stdnum, `stdnum.TR.tckimlik.validate`); the
 * other names tried (`@tcknvkn/js`, `tckn-vkn-validator`, `istckn`, `istckimlik`,
 * `@demirjs/tckimlikno`, `dogrula`, `tckn-js`) are not on it. For context the run also times the
 * "regex + array" validator most hand-written code uses.
 */
import { compare, isQuick, measure, printMeasurement, recordResults } from '@izinkit/test-utils/bench';
import { stdnum } from 'stdnum';
import { isValidTckn } from '../src/index.js';
import { tcknInputs } from './data.js';

const n = isQuick() ? 100_000 : 1_000_000;
const inputs = tcknInputs(n);
const stdnumValidate = (s: string): boolean => stdnum.TR!.tckimlik!.validate(s).isValid;
const handWritten = (s: string): boolean => {
  if (!/^[1-9]\d{10}$/.test(s)) return false;
  const d = [...s].map(Number);
  const c10 =
    ((((d[0]! + d[2]! + d[4]! + d[6]! + d[8]!) * 7 - (d[1]! + d[3]! + d[5]! + d[7]!)) % 10) + 10) % 10;
  return c10 === d[9] && d.slice(0, 10).reduce((a, b) => a + b, 0) % 10 === d[10];
};

// Same answers first: a benchmark of validators that disagree would compare nothing.
let valid = 0;
for (const s of inputs) {
  const a = isValidTckn(s);
  if (a !== stdnumValidate(s) || a !== handWritten(s)) throw new Error(`validators disagree on ${s}`);
  if (a) valid++;
}
console.log(`${n} inputs, ${valid} valid; all three validators agree on every input`);

const run = (f: (s: string) => boolean) => () => {
  let c = 0;
  for (const s of inputs) if (f(s)) c++;
  return c;
};
const ours = measure('izinkit isValidTckn', run(isValidTckn), { items: n, unit: 'calls', runs: 7 });
const peer = measure('stdnum TR.tckimlik.validate (npm stdnum 1.12)', run(stdnumValidate), {
  items: n,
  unit: 'calls',
  runs: 5,
});
const hand = measure('hand-written regex + array (reference)', run(handWritten), {
  items: n,
  unit: 'calls',
  runs: 5,
});
const c = compare(
  `TCKN validation, ${n.toLocaleString('en-US')} 11-digit strings (fastest npm validator found: stdnum)`,
  ours,
  peer,
  3,
);
printMeasurement(hand);
console.log(`  ratio izinkit/hand-written: ${(ours.perSecond / hand.perSecond).toFixed(2)}×`);
recordResults('identity', 'tckn', { comparison: c, handWritten: hand, inputs: n });
