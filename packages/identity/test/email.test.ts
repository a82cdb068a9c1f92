import { emailArb, messyEmailArb } from '@izinkit/test-utils/identity';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../src/index.js';

const code = (s: string) => {
  const r = normalizeEmail(s);
  return r.ok ? 'ok' : r.error.code;
};

describe('normalizeEmail', () => {
  it('trims and lower-cases the domain only', () => {
    expect(normalizeEmail('  Ali.Veli+iys@Example.COM.TR ')).toEqual({
      ok: true,
      value: 'Ali.Veli+iys@example.com.tr',
    });
    expect(normalizeEmail('a_b-c@sub.example.org')).toEqual({ ok: true, value: 'a_b-c@sub.example.org' });
    expect(normalizeEmail('x@xn--bcher-kva.com')).toEqual({ ok: true, value: 'x@xn--bcher-kva.com' });
  });
  it('enforces İYS’s length limits (6–265)', () => {
    expect(code('a@b.co')).toBe('ok'); // 6
    expect(code('a@b.c')).toBe('too_short');
    const local = 'a'.repeat(64);
    const domain = `${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`; // 4 labels, 195 chars
    expect(code(`${local}@${domain}`)).toBe('ok'); // 260
    expect(code(`${'a'.repeat(70)}@${domain}`)).toBe('too_long'); // 266
  });
  it('rejects each rule with its own code', () => {
    expect(code('')).toBe('empty');
    expect(code('   ')).toBe('empty');
    expect(code('ali veli@example.com')).toBe('contains_space');
    expect(code('ali@exam ple.com')).toBe('contains_space');
    expect(code('ayşe@example.com')).toBe('turkish_characters');
    expect(code('ali@örnek.com')).toBe('turkish_characters');
    expect(code('IŞIK@example.com')).toBe('turkish_characters');
    expect(code('ali.example.com')).toBe('missing_at');
    expect(code('ali@veli@example.com')).toBe('multiple_at');
    expect(code('ali!@example.com')).toBe('invalid_characters');
    expect(code('"ali"@example.com')).toBe('invalid_characters');
    expect(code('josé@example.com')).toBe('invalid_characters');
    expect(code('.ali@example.com')).toBe('invalid_local_part');
    expect(code('ali.@example.com')).toBe('invalid_local_part');
    expect(code('al..i@example.com')).toBe('invalid_local_part');
    expect(code('@example.com')).toBe('invalid_local_part');
    expect(code('ali@example')).toBe('invalid_domain');
    expect(code('ali@example.c')).toBe('invalid_domain');
    expect(code('ali@-example.com')).toBe('invalid_domain');
    expect(code('ali@example-.com')).toBe('invalid_domain');
    expect(code('ali@example..com')).toBe('invalid_domain');
    expect(code('ali@ex_ample.com')).toBe('invalid_domain');
    expect(code('ali@ex+ample.com')).toBe('invalid_domain');
    expect(code('ali@127.0.0.1')).toBe('invalid_domain');
    expect(code(`ali@${'a'.repeat(64)}.com`)).toBe('invalid_domain');
  });
  it('has Turkish and English messages', () => {
    const r = normalizeEmail('ayşe@example.com');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message.tr).toBe('E-posta adresinde Türkçe karakter olamaz.');
      expect(r.error.message.en).toMatch(/Turkish letters/);
    }
  });
  it('accepts every generated valid address unchanged and normalises messy ones', () => {
    fc.assert(
      fc.property(emailArb, (e) => code(e) === 'ok' && (normalizeEmail(e) as { value: string }).value === e),
    );
    fc.assert(
      fc.property(messyEmailArb, ({ input, normalized }) => {
        expect(normalizeEmail(input)).toEqual({ ok: true, value: normalized });
      }),
    );
  });
  it('is idempotent', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          messyEmailArb.map((m) => m.input),
          fc.string(),
        ),
        (s) => {
          const a = normalizeEmail(s);
          if (!a.ok) return true;
          expect(normalizeEmail(a.value)).toEqual(a);
          return true;
        },
      ),
    );
  });
  it('never outputs Turkish letters, spaces or a second @', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aZ09._+-@ şİ\u00a0!x.') }), (s) => {
        const r = normalizeEmail(s);
        if (!r.ok) return true;
        return /^[A-Za-z0-9._+-]+@[a-z0-9.-]+$/.test(r.value) && r.value.length >= 6 && r.value.length <= 265;
      }),
      { numRuns: 2_000 },
    );
  });
  it('never throws', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => typeof normalizeEmail(s).ok === 'boolean'));
    expect(normalizeEmail(null as unknown as string).ok).toBe(false);
  });
});
