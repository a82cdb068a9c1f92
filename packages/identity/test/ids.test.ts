import { mersisArb, tcknArb, vknArb, vknCheckDigit, yknArb } from '@izinkit/test-utils/identity';
import fc from 'fast-check';
import { stdnum } from 'stdnum';
import { describe, expect, it } from 'vitest';
import {
  completeVkn,
  hasTcknStyleChecksum,
  isValidMersis,
  isValidTckn,
  isValidVkn,
  isValidYkn,
  parseMersis,
  parseVkn,
  parseYkn,
} from '../src/index.js';

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

describe('isValidYkn / parseYkn', () => {
  it('checks the format: 11 digits starting 99', () => {
    expect(isValidYkn('99123456780')).toBe(true);
    expect(isValidYkn('98123456780')).toBe(false);
    expect(isValidYkn('9912345678')).toBe(false);
    expect(isValidYkn('991234567801')).toBe(false);
    expect(isValidYkn('9912345678a')).toBe(false);
    fc.assert(fc.property(yknArb, (y) => isValidYkn(y)));
  });
  it('reports the unofficial checksum separately instead of rejecting', () => {
    expect(hasTcknStyleChecksum('99123456780')).toBe(false);
    expect(hasTcknStyleChecksum('99000000042')).toBe(true);
    expect(parseYkn('99123456780')).toEqual({ ok: true, value: { ykn: '99123456780', checksumFits: false } });
    expect(parseYkn('990 000 000 42')).toEqual({
      ok: true,
      value: { ykn: '99000000042', checksumFits: true },
    });
    // for 99-numbers the TCKN check and the YKN checksum coincide
    fc.assert(fc.property(yknArb, (y) => hasTcknStyleChecksum(y) === isValidTckn(y)));
  });
  it('gives coded errors', () => {
    expect(code(parseYkn(''))).toBe('empty');
    expect(code(parseYkn('99x'))).toBe('invalid_characters');
    expect(code(parseYkn('9912'))).toBe('too_short');
    expect(code(parseYkn('991234567890'))).toBe('too_long');
    expect(code(parseYkn('10000000146'))).toBe('not_ykn');
  });
});

describe('isValidVkn / parseVkn', () => {
  it('knows the published vectors', () => {
    expect(isValidVkn('4540536920')).toBe(true); // python-stdnum doctest
    expect(isValidVkn('4540536921')).toBe(false);
    expect(isValidVkn('1000000018')).toBe(true);
    expect(isValidVkn('7201064770')).toBe(true);
    expect(isValidVkn('5601466111')).toBe(true);
    expect(isValidVkn('454053692')).toBe(false);
    expect(isValidVkn('45405369200')).toBe(false);
    expect(isValidVkn('454053692a')).toBe(false);
  });
  it('accepts every generated number and agrees with the reference formulation', () => {
    fc.assert(fc.property(vknArb, (v) => isValidVkn(v)));
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{10}$/),
        (s) => isValidVkn(s) === (vknCheckDigit(s.slice(0, 9)) === Number(s[9])),
      ),
      { numRuns: 10_000 },
    );
  });
  it('agrees with npm stdnum', () => {
    fc.assert(
      fc.property(
        fc.oneof(vknArb, fc.stringMatching(/^[0-9]{10}$/)),
        (s) => isValidVkn(s) === stdnum.TR!.vkn!.validate(s).isValid,
      ),
      { numRuns: 5_000 },
    );
  });
  it('detects every single-digit error', () => {
    fc.assert(
      fc.property(vknArb, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (v, pos, delta) => {
        const d = (Number(v[pos]) + delta) % 10;
        return !isValidVkn(v.slice(0, pos) + d + v.slice(pos + 1));
      }),
    );
  });
  it('completes and parses', () => {
    expect(completeVkn('454053692')).toBe('4540536920');
    fc.assert(fc.property(vknArb, (v) => completeVkn(v.slice(0, 9)) === v));
    expect(() => completeVkn('12')).toThrow();
    expect(parseVkn('454 053 6920')).toEqual({ ok: true, value: '4540536920' });
    expect(parseVkn('454-053-6920')).toEqual({ ok: true, value: '4540536920' });
    expect(code(parseVkn(''))).toBe('empty');
    expect(code(parseVkn('45405369x0'))).toBe('invalid_characters');
    expect(code(parseVkn('454053692'))).toBe('too_short');
    expect(code(parseVkn('45405369200'))).toBe('too_long');
    expect(code(parseVkn('4540536921'))).toBe('bad_checksum');
    const r = parseVkn('4540536921');
    if (!r.ok)
      expect(r.error.message).toEqual({
        tr: 'VKN kontrol hanesi tutmuyor.',
        en: 'The VKN check digit does not match.',
      });
  });
});

describe('isValidMersis / parseMersis', () => {
  it('checks 16 digits, and the embedded VKN on request', () => {
    expect(isValidMersis('0720106477000001')).toBe(true);
    expect(isValidMersis('0560146611100001', { checkVkn: true })).toBe(true);
    expect(isValidMersis('0720106477000001', { checkVkn: true })).toBe(true);
    expect(isValidMersis('0720106478000001')).toBe(true);
    expect(isValidMersis('0720106478000001', { checkVkn: true })).toBe(false);
    expect(isValidMersis('8867713444958600')).toBe(true); // the odd published one: format only
    expect(isValidMersis('072010647700000')).toBe(false);
    expect(isValidMersis('07201064770000011')).toBe(false);
    expect(isValidMersis('072010647700000a')).toBe(false);
    fc.assert(fc.property(mersisArb, (m) => isValidMersis(m, { checkVkn: true })));
  });
  it('parses typed forms with coded errors', () => {
    expect(parseMersis('0720-1064-7700-0001')).toEqual({ ok: true, value: '0720106477000001' });
    expect(code(parseMersis(''))).toBe('empty');
    expect(code(parseMersis('0720 1064 7700 001'))).toBe('too_short');
    expect(code(parseMersis('0720 1064 7700 00011'))).toBe('too_long');
    expect(code(parseMersis('0720/1064/7700/0001'))).toBe('invalid_characters');
    expect(code(parseMersis('0720106478000001', { checkVkn: true }))).toBe('bad_vkn');
  });
});

describe('no identifier function throws on any string', () => {
  it('holds for arbitrary input', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.stringMatching(/^[0-9 -]{0,20}$/), tcknArb),
        (s) => {
          isValidYkn(s);
          hasTcknStyleChecksum(s);
          isValidVkn(s);
          isValidMersis(s, { checkVkn: true });
          parseYkn(s);
          parseVkn(s);
          parseMersis(s, { checkVkn: true });
          return true;
        },
      ),
    );
    for (const bad of [undefined, null, 1, {}, []] as unknown as string[]) {
      expect(isValidVkn(bad)).toBe(false);
      expect(parseVkn(bad).ok).toBe(false);
      expect(parseYkn(bad).ok).toBe(false);
      expect(parseMersis(bad).ok).toBe(false);
      expect(isValidMersis(bad)).toBe(false);
      expect(isValidYkn(bad)).toBe(false);
      expect(hasTcknStyleChecksum(bad)).toBe(false);
    }
  });
  it('keeps TCKN and YKN arbitraries honest', () => {
    fc.assert(fc.property(tcknArb, (t) => t.length === 11 && t[0] !== '0'));
  });
});
