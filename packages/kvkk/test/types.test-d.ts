import { expectTypeOf, test } from 'vitest';
import {
  type Anonymized,
  type ApplicationError,
  type ApplicationState,
  anonymizeRecord,
  detokenize,
  findPii,
  type KvkkResult,
  type Linkability,
  OPERATORS,
  type PiiMatch,
  type Pseudonym,
  pseudonymize,
  receiveApplication,
  type SaltedHash,
  saltedHash,
  type Token,
  type TokenError,
  tokenize,
} from '../src/index.js';

test('findPii returns matches', () => {
  expectTypeOf(findPii).parameter(0).toEqualTypeOf<string>();
  expectTypeOf(findPii).returns.toEqualTypeOf<PiiMatch[]>();
  expectTypeOf<PiiMatch['kind']>().toEqualTypeOf<
    'tckn' | 'vkn' | 'iban' | 'phone' | 'email' | 'plate' | 'mersis' | 'birthDate'
  >();
});

test('linkability is in the types', () => {
  expectTypeOf(OPERATORS.pseudonymize.linkability).toEqualTypeOf<Linkability>();
  expectTypeOf(OPERATORS.tokenize.name).toEqualTypeOf<'tokenize'>();
  expectTypeOf(pseudonymize).returns.toEqualTypeOf<Pseudonym>();
  expectTypeOf(saltedHash).returns.toEqualTypeOf<SaltedHash>();
  expectTypeOf(tokenize).returns.toEqualTypeOf<Token>();
  expectTypeOf<Pseudonym>().not.toEqualTypeOf<Token>();
  expectTypeOf(detokenize).returns.toEqualTypeOf<KvkkResult<string, TokenError>>();
});

test('anonymizeRecord keeps the array-ness of its input', () => {
  expectTypeOf<Anonymized<{ a: string }>>().toEqualTypeOf<Record<string, unknown>>();
  expectTypeOf<Anonymized<{ a: string }[]>>().toEqualTypeOf<Record<string, unknown>[]>();
  expectTypeOf(anonymizeRecord([{ a: 1 }], { fields: {} })).toEqualTypeOf<Record<string, unknown>[]>();
});

test('applications are results', () => {
  expectTypeOf(receiveApplication).returns.toEqualTypeOf<KvkkResult<ApplicationState, ApplicationError>>();
});
