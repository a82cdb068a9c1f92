import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  buildSubjectExport,
  escapeXml,
  isXmlName,
  type JsonValue,
  SubjectDataExportSchema,
  subjectExportToJson,
  subjectExportToXml,
  toXml,
} from '../src/index.js';

// Rebuilds JSON from toXml's output with an independent parser, following the documented mapping.
type Node = Record<string, unknown>;
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
});

function rebuild(node: Node): JsonValue {
  const name = Object.keys(node).find((k) => k !== ':@')!;
  const attrs = (node[':@'] ?? {}) as Record<string, string>;
  const children = node[name] as Node[];
  const text = children
    .filter((c) => '#text' in c)
    .map((c) => String(c['#text']))
    .join('');
  const elements = children.filter((c) => !('#text' in c));
  switch (attrs.type) {
    case 'null':
      return null;
    case 'number':
      return Number(text);
    case 'boolean':
      return text === 'true';
    case 'array':
      return elements.map(rebuild);
    case 'object':
      return {};
  }
  if (elements.length === 0) return text;
  const out: Record<string, JsonValue> = {};
  for (const e of elements) {
    const n = Object.keys(e).find((k) => k !== ':@')!;
    const key =
      n === 'entry' && (e[':@'] as Record<string, string> | undefined)?.key !== undefined
        ? (e[':@'] as Record<string, string>).key!
        : n;
    out[key] = rebuild(e);
  }
  return out;
}

const parse = (xml: string): JsonValue => {
  const doc = parser.parse(xml) as Node[];
  return rebuild(doc.find((n) => !('?xml' in n))!);
};

// Strings XML 1.0 can carry.
const xmlChar = fc.oneof(
  fc.constantFrom('&', '<', '>', '"', "'", ']]>', '\t', '\n', '\r', '\r\n', ' ', 'ğ', 'İ', '€', '😀'),
  fc.string({ maxLength: 3 }),
);
const xmlString = fc.array(xmlChar, { maxLength: 6 }).map((a) =>
  Array.from(a.join(''))
    .filter((ch) => {
      const c = ch.charCodeAt(0);
      return (c >= 0x20 || c === 9 || c === 10 || c === 13) && c !== 0xfffe && c !== 0xffff;
    })
    .join(''),
);
const key = fc.oneof(
  fc.constantFrom('ad', 'doğumTarihi', 'e-posta adresi', '2fa', 'xmlns', 'item', 'entry', 'a:b', ''),
  xmlString,
);
const json: fc.Arbitrary<JsonValue> = fc.letrec<{ v: JsonValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    xmlString,
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(key, tie('v'), { maxKeys: 4 }),
  ),
})).v;

describe('toXml', () => {
  it('writes the documented mapping', () => {
    expect(
      toXml({ ad: 'Ayşe & Ali', yas: 36, etiketler: ['a'] }, { root: 'kisi', indent: 0, declaration: false }),
    ).toBe(
      '<kisi><ad>Ayşe &amp; Ali</ad><yas type="number">36</yas><etiketler type="array"><item>a</item></etiketler></kisi>',
    );
    expect(
      toXml({ 'e-posta adresi': 'a@b.co', n: null, o: {}, a: [] }, { indent: 0, declaration: false }),
    ).toBe(
      '<data><entry key="e-posta adresi">a@b.co</entry><n type="null"/><o type="object"/><a type="array"/></data>',
    );
    expect(toXml('x')).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<data>x</data>\n');
  });

  it('escapes text and attributes, and replaces what XML 1.0 cannot carry', () => {
    expect(escapeXml('<a href="x">&\'</a>]]>')).toBe('&lt;a href="x"&gt;&amp;\'&lt;/a&gt;]]&gt;');
    expect(escapeXml('"\'\t\n\r', true)).toBe('&quot;&apos;&#9;&#10;&#13;');
    expect(escapeXml('a\u0000b\u001Fc\uD800d')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
    expect(escapeXml('😀')).toBe('😀');
  });

  it('knows XML names', () => {
    expect(isXmlName('doğumTarihi')).toBe(true);
    expect(isXmlName('_x.y-z')).toBe(true);
    for (const bad of ['', '2fa', 'a b', 'a:b', 'xmlFoo', '-a', '.a', 'a&b'])
      expect(isXmlName(bad)).toBe(false);
  });

  it('rejects what is not JSON and bad names', () => {
    const code = (f: () => unknown) => {
      try {
        f();
        return 'none';
      } catch (e) {
        return (e as { code?: string }).code;
      }
    };
    expect(code(() => toXml(Number.NaN))).toBe('invalid_json');
    expect(code(() => toXml({ d: new Date() } as never))).toBe('invalid_json');
    const cyc: Record<string, unknown> = {};
    cyc.self = cyc;
    expect(code(() => toXml(cyc as never))).toBe('invalid_json');
    expect(code(() => toXml(1, { root: 'a b' }))).toBe('invalid_argument');
  });

  it('produces well-formed XML from which an independent parser rebuilds the same JSON', () => {
    fc.assert(
      fc.property(json, fc.constantFrom(0, 2), (v, indent) => {
        const xml = toXml(v, { indent });
        expect(XMLValidator.validate(xml)).toBe(true);
        if (indent === 0) expect(parse(xml)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 400 },
    );
  });
});

describe('subject data export', () => {
  const input = {
    generatedAt: new Date('2026-01-20T12:00:00Z'),
    controller: { name: 'Örnek A.Ş.', contact: 'kvkk@ornek.com.tr' },
    subject: { reference: 'customer-42', name: 'Ayşe Yılmaz' },
    applicationId: 'B-2026-0001',
    categories: [
      {
        category: 'iletişim',
        purposes: ['sipariş', 'kampanya <e-posta>'],
        legalBasis: 'KVKK 5(2)(c)',
        recipients: ['Kargo & Lojistik A.Ş.'],
        records: [
          { telefon: '+905321234567', 'e-posta adresi': 'ayse@example.com', izinler: { EPOSTA: 'ONAY' } },
        ],
      },
    ],
  };

  it('builds, validates and writes JSON and XML', () => {
    const r = buildSubjectExport(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.format).toBe('izinkit.kvkk.subject-export/1');
    expect(r.value.generatedAt).toBe('2026-01-20T12:00:00.000Z');
    const json = subjectExportToJson(r.value);
    expect(SubjectDataExportSchema.parse(JSON.parse(json))).toEqual(r.value);
    const xml = subjectExportToXml(r.value);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<entry key="e-posta adresi">ayse@example.com</entry>');
    expect(xml).toContain('<item>Kargo &amp; Lojistik A.Ş.</item>');
    expect(parse(xml)).toEqual(JSON.parse(json));
  });

  it('refuses records that are not JSON', () => {
    const r = buildSubjectExport({
      ...input,
      categories: [{ category: 'x', purposes: [], records: [{ at: new Date() as never }] }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('invalid_export');
    expect(buildSubjectExport({ ...input, controller: { name: '' } }).ok).toBe(false);
  });
});
