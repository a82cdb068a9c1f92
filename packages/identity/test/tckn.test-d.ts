import { expectTypeOf, test } from 'vitest';
import { isValidTckn } from '../src/index.js';

test('isValidTckn types', () => {
  expectTypeOf(isValidTckn).parameter(0).toEqualTypeOf<string>();
  expectTypeOf(isValidTckn).returns.toEqualTypeOf<boolean>();
});
