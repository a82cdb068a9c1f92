import { tcknArb, trPhoneInputArb } from '@izinkit/test-utils/identity';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EmailSchema,
  MersisSchema,
  PersonRecordSchema,
  PhoneDetailsSchema,
  PhoneKindSchema,
  PhoneSchema,
  phoneSchema,
  RecipientSchema,
  TaxIdSchema,
  TcknSchema,
  VknSchema,
  YknSchema,
} from '../src/index.js';

const paramsOf = (r: { error?: { issues: readonly unknown[] } | undefined }): unknown =>
  (r.error?.issues[0] as { params?: unknown } | undefined)?.params;

describe('zod schemas', () => {
  it('transform to canonical forms', () => {
    expect(TcknSchema.parse('100 000 001 46')).toBe('10000000146');
    expect(YknSchema.parse('99000000042')).toEqual({ ykn: '99000000042', checksumFits: true });
    expect(VknSchema.parse('454 053 6920')).toBe('4540536920');
    expect(MersisSchema.parse('0720-1064-7700-0001')).toBe('0720106477000001');
    expect(TaxIdSchema.parse('4540536920')).toBe('4540536920');
    expect(TaxIdSchema.parse('100 000 001 46')).toBe('10000000146');
    expect(EmailSchema.parse(' Ali@Example.COM ')).toBe('Ali@example.com');
    expect(PhoneSchema.parse('0532 123 45 67')).toBe('+905321234567');
    expect(phoneSchema({ defaultCountry: 'DE' }).parse('030 1234567')).toBe('+49301234567');
    expect(PhoneDetailsSchema.parse('444 1 444')).toEqual({
      e164: '+904441444',
      national: '4441444',
      kind: 'uan',
    });
    expect(RecipientSchema.parse('ali@example.com')).toEqual({ kind: 'email', address: 'ali@example.com' });
    expect(PhoneKindSchema.options).toEqual([
      'mobile',
      'fixed',
      'voip',
      'uan',
      'tollFree',
      'premium',
      'other',
    ]);
    expect(PersonRecordSchema.parse({ id: '1', phone: '0532', tckn: null })).toEqual({
      id: '1',
      phone: '0532',
      tckn: null,
    });
  });
  it('report failures as issues with the stable code and the Turkish text', () => {
    const r = TcknSchema.safeParse('10000000145');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({
      code: 'custom',
      message: 'The TCKN check digits do not match.',
      params: { code: 'bad_checksum', tr: 'TCKN kontrol haneleri tutmuyor.' },
    });
    expect(paramsOf(PhoneSchema.safeParse('0632 123 45 67'))).toMatchObject({ code: 'invalid_number' });
    expect(paramsOf(TaxIdSchema.safeParse('45405369'))).toMatchObject({ code: 'too_short' });
    expect(paramsOf(TaxIdSchema.safeParse('100000001460'))).toMatchObject({ code: 'too_long' });
    expect(TcknSchema.safeParse(10000000146).success).toBe(false);
    expect(PersonRecordSchema.safeParse({ id: '' }).success).toBe(false);
    expect(PhoneKindSchema.safeParse('landline').success).toBe(false);
  });
  it('agree with the functions on generated values', () => {
    fc.assert(fc.property(tcknArb, (t) => TcknSchema.parse(t) === t));
    fc.assert(fc.property(trPhoneInputArb, ({ input, nsn }) => PhoneSchema.parse(input) === `+90${nsn}`));
  });
});
