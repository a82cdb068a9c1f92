import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contentHash,
  orThrow,
  parseTemplate,
  renderTemplate,
  type TemplateValues,
  VARIABLE_TYPES,
  WELL_KNOWN_VARIABLES,
} from '../src/index.js';

const ETK =
  '{{brandName}} ({{tradeName}}, MERSİS: {{mersis}}) size kampanya iletileri gönderebilir.\n' +
  'Sayın {{recipientName}}, bu onay {{ recipientAddress }} adresi içindir.\n' +
  'Reddetmek için: {{retInstructions}} — kısa numara {{shortNumber}}, {{retUrl}}, {{customerServicePhone}}.\n' +
  'İletişim: {{contactEmail}}. Yürürlük: {{effectiveDate}}. Kampanya: {{campaign:text}} / {{campaign}}';

const VALUES: TemplateValues = {
  brandName: 'Örnek',
  tradeName: 'Örnek Ticaret A.Ş.',
  mersis: '0720106477000001',
  recipientName: 'Ayşe Yılmaz',
  recipientAddress: '+905321234567',
  retInstructions: "RET yazıp 3338'e gönderin",
  shortNumber: '3338',
  retUrl: 'https://ornek.com.tr/ret',
  customerServicePhone: '0850 123 45 67',
  contactEmail: 'kvkk@ornek.com.tr',
  effectiveDate: '2025-03-01',
  campaign: 'Yaz {{indirimi}}',
};

describe('parseTemplate', () => {
  it('finds placeholders, types and segments', () => {
    const t = orThrow(parseTemplate(ETK));
    expect(t.variables.map((v) => `${v.name}:${v.type}`)).toEqual([
      'brandName:text',
      'tradeName:text',
      'mersis:mersis',
      'recipientName:text',
      'recipientAddress:text',
      'retInstructions:multiline',
      'shortNumber:shortNumber',
      'retUrl:url',
      'customerServicePhone:phone',
      'contactEmail:email',
      'effectiveDate:date',
      'campaign:text',
    ]);
    expect(t.segments.filter((s) => s.kind === 'variable')).toHaveLength(13);
    expect(t.segments.map((s) => (s.kind === 'text' ? s.value : `{{${s.name}}}`)).join('')).toBe(
      t.text
        .replace('{{ recipientAddress }}', '{{recipientAddress}}')
        .replace('{{campaign:text}}', '{{campaign}}'),
    );
    expect(t.text.endsWith('\n')).toBe(true);
  });

  it('lets a later placeholder declare the type of an earlier one', () => {
    const t = orThrow(parseTemplate('{{x}} then {{x:date}}'));
    expect(t.variables).toEqual([{ name: 'x', type: 'date' }]);
  });

  it('reports syntax errors with line and column', () => {
    const r = parseTemplate('satır bir\nmerhaba {{ad soyad}}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'TEMPLATE_SYNTAX', line: 2, column: 9 });
    expect(parseTemplate('{{x').ok).toBe(false);
    expect(parseTemplate('{{{brandName}}}').ok).toBe(false);
    expect(parseTemplate('{{9x:text}}').ok).toBe(false);
    expect(parseTemplate('a }} b').ok).toBe(true);
  });

  it('reports untyped, unknown-typed and conflicting placeholders', () => {
    const untyped = parseTemplate('Merhaba {{ad}}');
    expect(untyped.ok || [untyped.error.code, untyped.error.variable, untyped.error.column]).toEqual([
      'TEMPLATE_VARIABLE',
      'ad',
      9,
    ]);
    const unknown = parseTemplate('{{ad:isim}}');
    expect(unknown.ok || unknown.error.messages.en).toContain('Unknown type "isim"');
    const wellKnownConflict = parseTemplate('{{mersis:text}}');
    expect(wellKnownConflict.ok || wellKnownConflict.error.code).toBe('TEMPLATE_VARIABLE');
    const twoTypes = parseTemplate('{{x:text}} {{x:url}}');
    expect(twoTypes.ok || twoTypes.error.messages.en).toContain('two types');
    expect(parseTemplate('{{mersis:mersis}}').ok).toBe(true);
  });

  it('refuses invalid text', () => {
    const r = parseTemplate('\n\n');
    expect(r.ok || r.error.code).toBe('INVALID_TEXT');
  });

  it('names a type for every well-known variable', () => {
    for (const t of Object.values(WELL_KNOWN_VARIABLES)) expect(VARIABLE_TYPES).toContain(t);
  });
});

describe('renderTemplate', () => {
  const t = orThrow(parseTemplate(ETK));

  it('renders the exact text, with dates per locale, and hashes it', () => {
    const r = orThrow(renderTemplate(t, VALUES, 'tr'));
    expect(r.text).toBe(
      'Örnek (Örnek Ticaret A.Ş., MERSİS: 0720106477000001) size kampanya iletileri gönderebilir.\n' +
        'Sayın Ayşe Yılmaz, bu onay +905321234567 adresi içindir.\n' +
        "Reddetmek için: RET yazıp 3338'e gönderin — kısa numara 3338, https://ornek.com.tr/ret, 0850 123 45 67.\n" +
        'İletişim: kvkk@ornek.com.tr. Yürürlük: 01.03.2025. Kampanya: Yaz {{indirimi}} / Yaz {{indirimi}}\n',
    );
    expect(r.hash).toBe(contentHash(r.text));
    expect(orThrow(renderTemplate(t, VALUES, 'en')).text).toContain('Yürürlük: 1 March 2025.');
  });

  it('canonicalises what values bring in (CRLF, decomposed letters, trailing blanks)', () => {
    const m = orThrow(parseTemplate('Ret:\n{{retInstructions}}\nSon.'));
    const r = orThrow(renderTemplate(m, { retInstructions: 'RET  \r\nI\u0307PTAL   ' }, 'tr'));
    expect(r.text).toBe('Ret:\nRET\nİPTAL\nSon.\n');
  });

  it('reports every missing and malformed value at once', () => {
    const r = renderTemplate(
      t,
      { ...VALUES, mersis: '123', shortNumber: undefined, retUrl: 'ftp://x', effectiveDate: '2025-02-30' },
      'tr',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_VALUES');
      expect(r.error.valueIssues?.map((i) => `${i.variable}:${i.code}`)).toEqual([
        'mersis:INVALID_VALUE',
        'shortNumber:MISSING_VALUE',
        'retUrl:INVALID_VALUE',
        'effectiveDate:INVALID_VALUE',
      ]);
      expect(r.error.valueIssues?.[0]?.messages.tr).toContain('MERSİS');
    }
  });

  it('checks each type', () => {
    const cases: Record<string, { good: string[]; bad: string[] }> = {
      text: {
        good: ['Örnek', ' a '],
        bad: ['', '   ', 'a\nb', 'a\u0007', 'x'.repeat(1001), 'a\u2028b', '\uFEFF', 'a\uD800'],
      },
      multiline: { good: ['a\nb', 'a\r\nb\tc'], bad: ['', '\n\n', 'a\u0000', 'x'.repeat(20_001)] },
      mersis: {
        good: ['0720106477000001'],
        bad: ['072010647700000', '07201064770000011', '072010647700000a', '٠٧٢٠١٠٦٤٧٧٠٠٠٠٠١'],
      },
      shortNumber: { good: ['3338', '123', '123456'], bad: ['12', '1234567', '33 38'] },
      url: {
        good: ['https://a.tr/ret?x=1', 'http://localhost:8080'],
        bad: ['ftp://a', 'a.tr/ret', 'https://a b', 'javascript:alert(1)'],
      },
      email: { good: ['a@b.tr', 'kvkk+ret@ornek.com.tr'], bad: ['a@b', 'a b@c.tr', '@b.tr', 'a@@b.tr'] },
      phone: {
        good: ['+90 532 123 45 67', '0850 123 45 67', '444 0 123', '(0212) 555-1234'],
        bad: ['123456', '+90 532 abc', '1'.repeat(16), '+'],
      },
      date: {
        good: ['2024-02-29', '2025-12-31'],
        bad: ['2025-02-29', '2025-13-01', '01.03.2025', '2025-3-1'],
      },
    };
    for (const [type, { good, bad }] of Object.entries(cases)) {
      const tpl = orThrow(parseTemplate(`[{{v:${type}}}]`));
      for (const g of good)
        expect(renderTemplate(tpl, { v: g }, 'tr').ok, `${type} should accept ${JSON.stringify(g)}`).toBe(
          true,
        );
      for (const b of bad)
        expect(renderTemplate(tpl, { v: b }, 'tr').ok, `${type} should refuse ${JSON.stringify(b)}`).toBe(
          false,
        );
    }
    const tpl = orThrow(parseTemplate('{{v:text}}'));
    expect(renderTemplate(tpl, { v: 42 as unknown as string }, 'tr').ok).toBe(false);
  });

  it('inserts values literally (a value is never expanded as a template)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z{} ]{1,20}$/).filter((s) => /\S/.test(s)),
        (v) => {
          const tpl = orThrow(parseTemplate('<{{v:text}}>'));
          expect(orThrow(renderTemplate(tpl, { v }, 'tr')).text).toBe(`<${v}>\n`.replace(/[ \t]+\n/, '\n'));
        },
      ),
    );
  });

  it('ignores values the template does not use, and inherited properties', () => {
    const tpl = orThrow(parseTemplate('{{brandName}}'));
    expect(orThrow(renderTemplate(tpl, { brandName: 'A', other: 'x' }, 'tr')).text).toBe('A\n');
    const proto = Object.create({ brandName: 'inherited' }) as TemplateValues;
    expect(renderTemplate(tpl, proto, 'tr').ok).toBe(false);
  });
});
