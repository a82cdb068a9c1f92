import { createHash } from 'node:crypto';
import { canonicalEdgeArb, messyTextArb, plainAgreementTextArb } from '@izinkit/test-utils/agreements';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ContentHashSchema,
  canonicalText,
  contentHash,
  MAX_TEXT_LENGTH,
  splitLines,
  validateAgreementText,
  verifyContentHash,
} from '../src/index.js';

describe('canonicalText', () => {
  it('applies every documented rule', () => {
    expect(canonicalText('\uFEFFMerhaba  \r\n\r\nDünya\r\n\r\n')).toBe('Merhaba\n\nDünya\n');
    expect(canonicalText('a\rb\u0085c\u2028d\u2029e')).toBe('a\nb\nc\nd\ne\n');
    expect(canonicalText('a\r\r\nb\r\n\rc')).toBe('a\n\nb\n\nc\n'); // a lone CR before CR LF is its own break
    expect(canonicalText('a\r\uFEFF\nb')).toBe('a\nb\n'); // U+FEFF goes first (step 2), so CR LF meet
    expect(canonicalText('\uD800\uFEFF\uDC00')).toBe('\uFFFD\uFFFD\n'); // surrogates first (step 1)
    expect(canonicalText('\n\n  \t\nbody\n \n\t\n')).toBe('body\n');
    expect(canonicalText('  indented\t \n\n\nkept inner blanks')).toBe('  indented\n\n\nkept inner blanks\n');
    expect(canonicalText('no\u00A0break\u00A0')).toBe('no\u00A0break\u00A0\n'); // NBSP is kept
    expect(canonicalText('zero\uFEFFwidth')).toBe('zerowidth\n');
    expect(canonicalText('')).toBe('');
    expect(canonicalText(' \r\n\t')).toBe('');
  });

  it('composes to NFC: decomposed Turkish letters hash like precomposed ones', () => {
    expect(canonicalText('I\u0307stanbul')).toBe('İstanbul\n');
    expect(canonicalText('s\u0327g\u0306u\u0308')).toBe('şğü\n');
    expect(contentHash('I\u0307stanbul\r\n')).toBe(contentHash('İstanbul'));
    // sha256 of the UTF-8 bytes "İstanbul\n" (printf '\xc4\xb0stanbul\n' | sha256sum).
    expect(contentHash('I\u0307stanbul')).toBe(
      'cc2bf44c18eb2bce63ece3c35135ced977500eac006bab615369eed04d184288',
    );
  });

  it('replaces lone surrogates so the UTF-8 bytes are unambiguous', () => {
    expect(canonicalText('a\uD800b')).toBe('a\uFFFDb\n');
    expect(canonicalText('\uDC00')).toBe('\uFFFD\n');
    expect(canonicalText('😀')).toBe('😀\n');
  });

  it('matches a plain regular-expression reading of the documented rules', () => {
    const reference = (text: string): string => {
      const s = text
        .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
        .replace(/\uFEFF/g, '')
        .replace(/\r\n|[\r\u0085\u2028\u2029]/g, '\n')
        .normalize('NFC');
      const lines = s.split('\n').map((l) => l.replace(/[ \t]+$/, ''));
      while (lines.length > 0 && lines[0] === '') lines.shift();
      while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
      return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
    };
    fc.assert(
      fc.property(fc.oneof(canonicalEdgeArb, messyTextArb, fc.string({ unit: 'binary' })), (t) => {
        expect(canonicalText(t)).toBe(reference(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(canonicalEdgeArb, messyTextArb, fc.string({ unit: 'binary' })), (t) => {
        const once = canonicalText(t);
        expect(canonicalText(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('produces text with only LF breaks, no trailing blanks, NFC, and one final LF', () => {
    fc.assert(
      fc.property(messyTextArb, (t) => {
        const c = canonicalText(t);
        if (c === '') return;
        expect(c.endsWith('\n')).toBe(true);
        expect(c.endsWith('\n\n')).toBe(false);
        expect(c.startsWith('\n')).toBe(false);
        expect(c).not.toMatch(/[\r\u0085\u2028\u2029\uFEFF]/);
        expect(c).not.toMatch(/[ \t]\n/);
        expect(c.normalize('NFC')).toBe(c);
      }),
      { numRuns: 500 },
    );
  });

  it('does not care how the lines were broken or padded', () => {
    fc.assert(
      fc.property(plainAgreementTextArb, fc.constantFrom('\r\n', '\r', '\u2028'), (t, br) => {
        const messy = `\uFEFF\n${t.split('\n').join(`  ${br}`)}\t\n\n`;
        expect(contentHash(messy)).toBe(contentHash(t));
      }),
    );
  });
});

describe('contentHash', () => {
  it('is the SHA-256 of the canonical UTF-8 bytes (an independent check)', () => {
    // printf 'Merhaba\n' | sha256sum
    expect(contentHash('Merhaba')).toBe('9239257aac927332f70d28429de44431c7bc26436dd8d718677f88e9090f7c6d');
    // printf 'Merhaba\n\nD\xc3\xbcnya\n' | sha256sum
    expect(contentHash('Merhaba\r\n\r\nDu\u0308nya  ')).toBe(
      '38e386fdaaeaae1edc460ab74e6bc404b999f2a4705c61da22ad9da501f72e13',
    );
    fc.assert(
      fc.property(messyTextArb, (t) => {
        const expected = createHash('sha256')
          .update(Buffer.from(canonicalText(t), 'utf8'))
          .digest('hex');
        expect(contentHash(t)).toBe(expected);
        expect(ContentHashSchema.safeParse(contentHash(t)).success).toBe(true);
      }),
    );
  });

  it('tells different canonical texts apart', () => {
    fc.assert(
      fc.property(messyTextArb, messyTextArb, (a, b) => {
        fc.pre(canonicalText(a) !== canonicalText(b));
        expect(contentHash(a)).not.toBe(contentHash(b));
      }),
    );
    expect(contentHash('ı')).not.toBe(contentHash('i'));
    expect(contentHash('a\n\nb')).not.toBe(contentHash('a\nb'));
  });

  it('verifies', () => {
    expect(verifyContentHash('Merhaba\r\n', contentHash('Merhaba'))).toBe(true);
    expect(verifyContentHash('Merhaba!', contentHash('Merhaba'))).toBe(false);
  });
});

describe('validateAgreementText', () => {
  it('returns the canonical text', () => {
    expect(validateAgreementText('Metin\r\n')).toEqual({ ok: true, value: 'Metin\n' });
  });
  it('refuses empty, control characters, lone surrogates and huge texts, with positions', () => {
    const empty = validateAgreementText(' \n\t\r\n');
    expect(empty.ok || empty.error.code).toBe('INVALID_TEXT');
    const ctl = validateAgreementText('ilk satır\nikinci\u0007satır');
    expect(ctl.ok).toBe(false);
    if (!ctl.ok) {
      expect(ctl.error).toMatchObject({ code: 'INVALID_TEXT', line: 2, column: 7 });
      expect(ctl.error.messages.en).toContain('U+0007');
      expect(ctl.error.message).toContain(' / ');
    }
    const lone = validateAgreementText('ab\n\uD800');
    expect(lone.ok || [lone.error.code, lone.error.line, lone.error.column]).toEqual(['INVALID_TEXT', 2, 1]);
    const huge = validateAgreementText('x'.repeat(MAX_TEXT_LENGTH + 1));
    expect(huge.ok).toBe(false);
    expect(validateAgreementText(42 as unknown as string).ok).toBe(false);
    expect(validateAgreementText('tab\tis fine').ok).toBe(true);
  });
});

describe('splitLines', () => {
  it('treats a final LF as ending the last line', () => {
    expect(splitLines('a\nb\n')).toEqual(['a', 'b']);
    expect(splitLines('a\nb')).toEqual(['a', 'b']);
    expect(splitLines('\n')).toEqual(['']);
    expect(splitLines('')).toEqual([]);
  });
});
