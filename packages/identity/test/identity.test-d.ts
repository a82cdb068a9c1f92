import { expectTypeOf, test } from 'vitest';
import {
  type DedupeResult,
  dedupe,
  type IdentityResult,
  isValidMersis,
  isValidTckn,
  isValidVkn,
  isValidYkn,
  type NormalizedPhone,
  normalizeEmail,
  normalizePhone,
  normalizeRecipient,
  type PhoneError,
  type PhoneKind,
  PhoneSchema,
  parseTckn,
  parseVkn,
  type Recipient,
  type TcknError,
  TcknSchema,
} from '../src/index.js';

test('fixed signatures', () => {
  expectTypeOf(isValidYkn).parameter(0).toEqualTypeOf<string>();
  expectTypeOf(isValidVkn).returns.toEqualTypeOf<boolean>();
  expectTypeOf(isValidMersis).returns.toEqualTypeOf<boolean>();
  expectTypeOf(isValidTckn).returns.toEqualTypeOf<boolean>();
  expectTypeOf(parseTckn).returns.toEqualTypeOf<IdentityResult<string, TcknError>>();
  expectTypeOf(parseVkn('x')).toMatchTypeOf<{ ok: boolean }>();
  expectTypeOf(normalizePhone).returns.toEqualTypeOf<IdentityResult<NormalizedPhone, PhoneError>>();
  expectTypeOf<NormalizedPhone['kind']>().toEqualTypeOf<PhoneKind>();
  expectTypeOf<PhoneKind>().toEqualTypeOf<
    'mobile' | 'fixed' | 'voip' | 'uan' | 'tollFree' | 'premium' | 'other'
  >();
  expectTypeOf(normalizeEmail('x')).toMatchTypeOf<
    { ok: true; value: string } | { ok: false; error: { code: string } }
  >();
  expectTypeOf(dedupe).returns.toEqualTypeOf<DedupeResult>();
  expectTypeOf<DedupeResult['groups'][number]['ids']>().toEqualTypeOf<string[]>();
  expectTypeOf(normalizeRecipient).returns.toMatchTypeOf<IdentityResult<Recipient, { code: string }>>();
});

test('results narrow on ok', () => {
  const r = normalizePhone('0532 123 45 67');
  if (r.ok) expectTypeOf(r.value.e164).toEqualTypeOf<string>();
  else expectTypeOf(r.error.code).toEqualTypeOf<PhoneError['code']>();
});

test('schemas output canonical strings', () => {
  expectTypeOf(TcknSchema.parse('x')).toEqualTypeOf<string>();
  expectTypeOf(PhoneSchema.parse('x')).toEqualTypeOf<string>();
});
