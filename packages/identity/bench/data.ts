/**
 * Deterministic benchmark inputs (no fast-check: 1M values must be quick to build). A small
 * xorshift generator so every run of every machine measures the same data.
 */
import { completeTckn, type PersonRecord } from '../src/index.js';

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

const MOBILE = [
  '501',
  '505',
  '506',
  '507',
  '530',
  '532',
  '533',
  '535',
  '536',
  '538',
  '541',
  '542',
  '543',
  '544',
  '545',
  '546',
  '549',
  '551',
  '552',
  '553',
  '554',
  '555',
  '559',
];
const FIXED = [
  '212',
  '216',
  '224',
  '232',
  '242',
  '312',
  '322',
  '342',
  '352',
  '362',
  '412',
  '442',
  '462',
  '482',
];

/** A valid Turkish national number: mostly mobile, some landlines, a few 0850/0800/444. */
export function nationalNumber(r: () => number): string {
  const digits = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(r() * 10);
    return s;
  };
  const x = r();
  if (x < 0.75) return MOBILE[Math.floor(r() * MOBILE.length)]! + digits(7);
  if (x < 0.93) return FIXED[Math.floor(r() * FIXED.length)]! + digits(7);
  if (x < 0.96) return `850${digits(7)}`;
  if (x < 0.98) return `800${digits(7)}`;
  return `444${digits(4)}`;
}

const ARABIC = '٠١٢٣٤٥٦٧٨٩';
const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const g = (n: string) =>
  n.length === 10 ? `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6, 8)} ${n.slice(8)}` : n;

/** The formats of the issue: 0532 123 45 67, (0532) 123-4567, 5321234567, 905321234567, +90 …, 0090…, +90(212)…, other digits, stray spaces. */
export const FORMATS: readonly ((n: string) => string)[] = [
  (n) => `0${g(n)}`,
  (n) => (n.length === 10 ? `(0${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}` : `0${n}`),
  (n) => n,
  (n) => `0${n}`,
  (n) => `90${n}`,
  (n) => `+90 ${g(n)}`,
  (n) => `+90${n}`,
  (n) => `0090${n}`,
  (n) => (n.length === 10 ? `+90(${n.slice(0, 3)})${n.slice(3)}` : `+90${n}`),
  (n) => `0${g(n)}`.replace(/[0-9]/g, (d) => ARABIC[Number(d)]!),
  (n) => `0${n}`.replace(/[0-9]/g, (d) => PERSIAN[Number(d)]!),
  (n) => ` 0${g(n).replaceAll(' ', '\u00a0')}  `,
];

/** `n` phone inputs in mixed formats, all valid Turkish numbers, with their E.164 answers. */
export function phoneInputs(n: number, seed = 42): { inputs: string[]; e164: string[] } {
  const r = rng(seed);
  const inputs: string[] = [];
  const e164: string[] = [];
  for (let i = 0; i < n; i++) {
    const nsn = nationalNumber(r);
    inputs.push(FORMATS[Math.floor(r() * FORMATS.length)]!(nsn));
    e164.push(`+90${nsn}`);
  }
  return { inputs, e164 };
}

/** `n` 11-digit strings: half valid TCKNs, half random (almost all invalid). */
export function tcknInputs(n: number, seed = 7): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let s = String(1 + Math.floor(r() * 9));
    for (let k = 0; k < 8; k++) s += Math.floor(r() * 10);
    if (i % 2 === 0) out.push(completeTckn(s));
    else out.push(s + Math.floor(r() * 10) + Math.floor(r() * 10));
  }
  return out;
}

const FIRST = [
  'Ali',
  'Ayşe',
  'Mehmet',
  'Fatma',
  'Mustafa',
  'Emine',
  'Ahmet',
  'Hatice',
  'Hüseyin',
  'Zeynep',
  'İbrahim',
  'Elif',
  'Hasan',
  'Şeyma',
  'Işıl',
  'Ömer',
  'Çağrı',
  'Ümit',
  'Gül',
  'Burak',
  'Irmak',
  'İlker',
  'Deniz',
  'Ece',
  'Can',
  'Ahmet Can',
  'Ayşe Nur',
  'Oğuz',
  'Selin',
  'Kerem',
];
const LAST = [
  'Yılmaz',
  'Kaya',
  'Demir',
  'Şahin',
  'Çelik',
  'Yıldız',
  'Yıldırım',
  'Öztürk',
  'Aydın',
  'Özdemir',
  'Arslan',
  'Doğan',
  'Kılıç',
  'Aslan',
  'Çetin',
  'Kara',
  'Koç',
  'Kurt',
  'Özkan',
  'Şimşek',
  'Işık',
  'İnce',
  'Güneş',
  'Erdoğan',
  'Polat',
];
const ASCII: Record<string, string> = {
  ç: 'c',
  ğ: 'g',
  ı: 'i',
  ö: 'o',
  ş: 's',
  ü: 'u',
  İ: 'I',
  Ç: 'C',
  Ş: 'S',
  Ö: 'O',
  Ü: 'U',
  ' ': '.',
};

/**
 * `n` person records of which 20% are duplicates of another record written differently: the phone
 * in another format, the TCKN with spaces, the e-mail in capitals, the name in capitals — and some
 * fields missing. Ids are `p<i>`.
 */
export function personRecords(n: number, seed = 2024): PersonRecord[] {
  const r = rng(seed);
  const unique = Math.round(n * 0.8);
  const people: { tckn?: string; nsn?: string; email?: string; first: string; last: string }[] = [];
  const out: PersonRecord[] = [];
  for (let i = 0; i < unique; i++) {
    const first = FIRST[Math.floor(r() * FIRST.length)]!;
    const last = LAST[Math.floor(r() * LAST.length)]!;
    let nine = String(1 + Math.floor(r() * 9));
    for (let k = 0; k < 8; k++) nine += Math.floor(r() * 10);
    const p: (typeof people)[number] = { first, last };
    if (r() < 0.7) p.tckn = completeTckn(nine);
    if (r() < 0.9) p.nsn = nationalNumber(r);
    if (r() < 0.5)
      p.email = `${first}.${last}${i}@example.com.tr`
        .replace(/[çğıöşüİÇŞÖÜ ]/g, (c) => ASCII[c]!)
        .toLowerCase();
    people.push(p);
    const rec: { -readonly [K in keyof PersonRecord]: PersonRecord[K] } = {
      id: `p${i}`,
      firstName: first,
      lastName: last,
    };
    if (p.tckn) rec.tckn = p.tckn;
    if (p.nsn) rec.phone = FORMATS[Math.floor(r() * FORMATS.length)]!(p.nsn);
    if (p.email) rec.email = p.email;
    out.push(rec);
  }
  for (let i = unique; i < n; i++) {
    const p = people[Math.floor(r() * unique)]!;
    const upper = r() < 0.5;
    const rec: { -readonly [K in keyof PersonRecord]: PersonRecord[K] } = {
      id: `p${i}`,
      firstName: upper ? p.first.toLocaleUpperCase('tr') : p.first,
      lastName: upper ? ` ${p.last.toLocaleUpperCase('tr')} ` : p.last,
    };
    if (p.tckn && r() < 0.6) rec.tckn = `${p.tckn.slice(0, 3)} ${p.tckn.slice(3, 6)} ${p.tckn.slice(6)}`;
    if (p.nsn && r() < 0.85) rec.phone = FORMATS[Math.floor(r() * FORMATS.length)]!(p.nsn);
    if (p.email && r() < 0.7) rec.email = r() < 0.5 ? p.email.toUpperCase() : ` ${p.email}`;
    out.push(rec);
  }
  // Shuffle so duplicates are not all at the end.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}
