/**
 * Arbitraries and generators for the csv-import example (import from '@izinkit/test-utils/csv').
 *
 * - {@link recordsArb} and {@link toCsv}: random tables and an independent CSV writer, for
 *   round-trip and differential tests of the reader.
 * - {@link generateConsentCsv}: a deterministic legacy consent spreadsheet of any size (Turkish or
 *   English headers, mixed spellings, duplicates, invalid rows, HS_2015 rows), written as a stream,
 *   with the counts an import of it must report. The 1M-row benchmark file is made with it.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import fc from 'fast-check';

/** A CSV field: plain text, Turkish letters, and the characters CSV must quote. */
export const fieldArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  {
    weight: 3,
    arbitrary: fc
      .array(
        fc.constantFrom('a', 'Ş', 'ı', 'İ', 'ğ', ' ', ',', ';', '\t', '"', '\n', '\r\n', '0', '@', '+'),
        {
          maxLength: 10,
        },
      )
      .map((cs) => cs.join('')),
  },
  { weight: 1, arbitrary: fc.constant('') },
);

/**
 * A table: 1–8 columns, 1–30 records, every record with the same number of fields. A record that
 * is one empty field is avoided (it is indistinguishable from a blank line, which readers skip).
 */
export const recordsArb: fc.Arbitrary<string[][]> = fc
  .integer({ min: 1, max: 8 })
  .chain((cols) =>
    fc.array(fc.array(fieldArb, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 30 }),
  )
  .map((records) => records.map((r) => (r.length === 1 && r[0] === '' ? ['x'] : r)));

/** How {@link toCsv} writes. */
export interface ToCsvOptions {
  readonly delimiter: ',' | ';' | '\t';
  readonly eol: '\n' | '\r\n' | '\r';
  readonly bom?: boolean;
  /** Quote every field, not only those that need it. */
  readonly quoteAll?: boolean;
  /** End the last record with a line break. */
  readonly finalEol?: boolean;
}

/** Writes records as CSV (RFC 4180 quoting), independently of the reader under test. */
export function toCsv(records: readonly (readonly string[])[], o: ToCsvOptions): string {
  const q = (f: string): string =>
    o.quoteAll || /["\r\n]/.test(f) || f.includes(o.delimiter) ? `"${f.replaceAll('"', '""')}"` : f;
  const body = records.map((r) => r.map(q).join(o.delimiter)).join(o.eol);
  return `${o.bom ? '\uFEFF' : ''}${body}${o.finalEol === false ? '' : o.eol}`;
}

/** Options of {@link generateConsentCsv}. */
export interface GenerateOptions {
  /** Data rows to write. */
  readonly rows: number;
  /** Seed (default 1). */
  readonly seed?: number;
  /** Header language (default `tr`). */
  readonly language?: 'tr' | 'en';
  /** Delimiter (default `;` for Turkish, `,` for English). */
  readonly delimiter?: ',' | ';' | '\t';
  /** Write a UTF-8 BOM (default true). */
  readonly bom?: boolean;
  /** Share of rows that repeat an earlier consent key with a later date (default 0.1). */
  readonly duplicateRate?: number;
  /** Share of rows that are invalid in some way (default 0.04). */
  readonly invalidRate?: number;
  /** Share of rows that are HS_2015 (default 0.35). */
  readonly hs2015Rate?: number;
  /** Share of rows that are a RET with no earlier ONAY for the key (default 0.02). */
  readonly firstRetRate?: number;
  /** Tag phone numbers with this 3-digit mobile prefix (default: spread over valid prefixes). */
  readonly prefix?: string;
}

/** What a correct import of a generated file reports. */
export interface GeneratedCsvStats {
  /** Data rows written. */
  readonly rows: number;
  /** Rows written to be invalid. */
  readonly invalid: number;
  /** Valid rows that repeat an earlier consent key. */
  readonly duplicates: number;
  /** Distinct consent keys among valid rows. */
  readonly keys: number;
  /** Keys whose latest decision is ONAY (what an import sends to İYS). */
  readonly onayWinners: number;
  /** Keys whose latest decision is a RET after an ONAY in the file (nothing to withdraw). */
  readonly retAfterOnay: number;
  /** Keys that are a lone RET (first record RET). */
  readonly firstRet: number;
  /** Keys whose rows disagree on the status. */
  readonly statusConflicts: number;
  /** The instant the rows were made for (consent dates are within 3 iş günü before it). */
  readonly now: Date;
}

/** The "now" the generated files are made for: Monday 16 March 2026, 15:00 Türkiye time. */
export const GENERATED_NOW: Date = new Date('2026-03-16T12:00:00.000Z');

const PREFIXES = [
  '530',
  '531',
  '532',
  '533',
  '535',
  '536',
  '537',
  '538',
  '539',
  '541',
  '542',
  '543',
  '544',
  '545',
  '546',
  '505',
  '506',
  '507',
  '551',
  '552',
  '553',
  '554',
  '555',
];

// mulberry32: small, fast, deterministic.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEADERS = {
  tr: [
    'Ad',
    'Soyad',
    'TC Kimlik No',
    'Cep Telefonu',
    'E-Posta',
    'Kanal',
    'Durum',
    'Kaynak',
    'İzin Tarihi',
    'Alıcı Tipi',
    'Şube',
  ],
  en: [
    'First name',
    'Last name',
    'National ID',
    'Mobile',
    'Email',
    'Channel',
    'Status',
    'Source',
    'Consent date',
    'Recipient type',
    'Branch',
  ],
};
const FIRST = ['Ali', 'Ayşe', 'Mehmet', 'Zeynep', 'İlker', 'Şeyma', 'Oğuz', 'Gülşen', 'Irmak', 'Çağrı'];
const LAST = ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Öztürk', 'Aydın', 'Işık', 'Güneş', 'Koç'];
const ONAY_WORDS = { tr: ['ONAY', 'Evet', 'onay', '1'], en: ['yes', 'ONAY', 'Yes', '1'] };
const RET_WORDS = { tr: ['RET', 'Hayır', 'ret', '0'], en: ['no', 'RET', 'No', '0'] };
const SOURCES = ['HS_WEB', 'web', 'Çağrı Merkezi', 'HS_FIZIKSEL_ORTAM', 'ıslak imza', 'HS_MESAJ', 'HS_MOBIL'];

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

// A consent date between Thursday 12 March 2026 09:00 and Monday 16 March 2026 14:00 Türkiye
// time (inside the 3-iş-günü window of GENERATED_NOW), plus `later` minutes, in one of the
// formats people use.
function dateText(r: () => number, minutes: number, style: number): string {
  const base = Date.UTC(2026, 2, 12, 6, 0, 0) + 3 * 3_600_000; // as Türkiye wall time
  const t = new Date(base + minutes * 60_000);
  const y = t.getUTCFullYear();
  const mo = pad(t.getUTCMonth() + 1);
  const d = pad(t.getUTCDate());
  const h = pad(t.getUTCHours());
  const mi = pad(t.getUTCMinutes());
  const s = pad(Math.floor(r() * 60));
  switch (style % 4) {
    case 0:
      return `${d}.${mo}.${y} ${h}:${mi}`;
    case 1:
      return `${d}.${mo}.${y} ${h}:${mi}:${s}`;
    case 2:
      return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
    default:
      return `${y}-${mo}-${d}T${h}:${mi}:${s}+03:00`;
  }
}

function phoneText(prefix: string, sub: number, style: number): string {
  const s = String(sub).padStart(7, '0');
  const a = s.slice(0, 3);
  const b = s.slice(3, 5);
  const c = s.slice(5);
  switch (style % 6) {
    case 0:
      return `0${prefix} ${a} ${b} ${c}`;
    case 1:
      return `0${prefix}${s}`;
    case 2:
      return `+90 ${prefix} ${a} ${b}${c}`;
    case 3:
      return `90${prefix}${s}`;
    case 4:
      return `(0${prefix}) ${a}-${b}${c}`;
    default:
      return `${prefix} ${a} ${b} ${c}`;
  }
}

function validTckn(r: () => number): string {
  const d = [1 + Math.floor(r() * 9)];
  for (let i = 0; i < 8; i++) d.push(Math.floor(r() * 10));
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!;
  const even = d[1]! + d[3]! + d[5]! + d[7]!;
  const d10 = (((odd * 7 - even) % 10) + 10) % 10;
  d.push(d10, (odd + even + d10) % 10);
  return d.join('');
}

interface KeyRow {
  phone: string; // prefix + sub, or '' for e-mail
  email: string;
  channel: 'MESAJ' | 'ARAMA' | 'EPOSTA';
  first: string;
  last: string;
  tckn: string;
  minutes: number;
}

/**
 * Writes a legacy consent spreadsheet of `rows` data rows to `path`, deterministically from the
 * seed, and returns what a correct import must find in it (with `GENERATED_NOW` as "now" and no
 * options besides the defaults). Every consent key is distinct except the duplicates, which repeat
 * an earlier valid row's key with a later date; invalid rows use keys of their own.
 */
export async function generateConsentCsv(path: string, options: GenerateOptions): Promise<GeneratedCsvStats> {
  const r = rng(options.seed ?? 1);
  const lang = options.language ?? 'tr';
  const delimiter = options.delimiter ?? (lang === 'tr' ? ';' : ',');
  const dupRate = options.duplicateRate ?? 0.1;
  const invalidRate = options.invalidRate ?? 0.04;
  const hsRate = options.hs2015Rate ?? 0.35;
  const firstRetRate = options.firstRetRate ?? 0.02;
  const out = createWriteStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const q = (f: string): string =>
    f.includes(delimiter) || f.includes('"') ? `"${f.replaceAll('"', '""')}"` : f;
  let buf = `${options.bom === false ? '' : '\uFEFF'}${HEADERS[lang].map(q).join(delimiter)}\r\n`;
  const flush = async (force: boolean): Promise<void> => {
    if (buf.length < 1 << 20 && !force) return;
    if (!out.write(buf)) await once(out, 'drain');
    buf = '';
  };

  // Recent keys a duplicate may repeat (a window, so memory stays flat on huge files).
  const recent: KeyRow[] = [];
  // status per key index in `recent`: last status written
  const recentStatus: boolean[] = [];
  let sub = 0;
  let invalid = 0;
  let duplicates = 0;
  let keys = 0;
  let onayWinners = 0;
  let retAfterOnay = 0;
  let firstRet = 0;
  let statusConflicts = 0;
  const conflicted = new Set<KeyRow>();

  const write = (k: KeyRow, status: string, source: string, date: string, recipientType: string): void => {
    const style = Math.floor(r() * 6);
    const phone = k.phone === '' ? '' : phoneText(k.phone.slice(0, 3), Number(k.phone.slice(3)), style);
    const fields = [
      k.first,
      k.last,
      k.tckn,
      phone,
      k.email,
      k.channel === 'EPOSTA' && r() < 0.5 ? 'e-posta' : k.channel,
      status,
      source,
      date,
      recipientType,
      r() < 0.5 ? 'Kadıköy' : 'Çankaya',
    ];
    buf += `${fields.map(q).join(delimiter)}\r\n`;
  };

  for (let i = 0; i < options.rows; i++) {
    const x = r();
    const words = r() < 0.5 ? 0 : 1;
    if (x < invalidRate) {
      invalid++;
      const k = newKey();
      const kind = Math.floor(r() * 5);
      if (kind === 0)
        write(
          { ...k, phone: '', email: `bozuk.${sub}@` },
          ONAY_WORDS[lang][0]!,
          'HS_WEB',
          dateText(r, 60, 0),
          '',
        );
      else if (kind === 1) write({ ...k }, 'belki', 'HS_WEB', dateText(r, 60, 1), '');
      else if (kind === 2) write({ ...k }, ONAY_WORDS[lang][0]!, 'HS_2015', '02.05.2015 10:00', '');
      else if (kind === 3) write({ ...k }, ONAY_WORDS[lang][1]!, 'HS_WEB', '17.03.2027 10:00', '');
      else write({ ...k }, ONAY_WORDS[lang][0]!, 'HS_KARAR', dateText(r, 30, 2), 'BIREYSEL');
      continue;
    }
    if (x < invalidRate + dupRate && recent.length > 0) {
      // Repeat an earlier key, later, with either status.
      const idx = Math.floor(r() * recent.length);
      const k = recent[idx]!;
      const later = k.minutes + 1 + Math.floor(r() * 30);
      if (later > 4 * 24 * 60 + 5 * 60) {
        // Past "now": write a fresh key instead (no duplicate this time).
      } else {
        duplicates++;
        const ret = r() < 0.3;
        const wasRet = recentStatus[idx]!;
        if (ret !== wasRet && !conflicted.has(k)) {
          conflicted.add(k);
          statusConflicts++;
        }
        // Winner changes from ONAY to RET or back.
        if (ret && !wasRet) {
          onayWinners--;
          retAfterOnay++;
        } else if (!ret && wasRet) {
          onayWinners++;
          retAfterOnay--;
        }
        recentStatus[idx] = ret;
        k.minutes = later;
        write(
          k,
          (ret ? RET_WORDS : ONAY_WORDS)[lang][words * 2 + Math.floor(r() * 2)]!,
          SOURCES[Math.floor(r() * SOURCES.length)]!,
          dateText(r, later, Math.floor(r() * 4)),
          '',
        );
        await flush(false);
        continue;
      }
    }
    keys++;
    const k = newKey();
    if (r() < firstRetRate) {
      firstRet++;
      write(k, RET_WORDS[lang][0]!, 'HS_CAGRI_MERKEZI', dateText(r, k.minutes, 0), '');
    } else if (r() < hsRate) {
      // HS_2015: ONAY dated 2015-05-01 00:00 (or no date). Not repeated (a later duplicate would
      // need its own window logic); kept out of `recent`.
      onayWinners++;
      write(
        k,
        ONAY_WORDS[lang][words * 2]!,
        'HS_2015',
        r() < 0.5 ? '01.05.2015 00:00' : '',
        r() < 0.1 ? 'bireysel' : '',
      );
    } else {
      onayWinners++;
      write(
        k,
        ONAY_WORDS[lang][words * 2 + Math.floor(r() * 2)]!,
        SOURCES[Math.floor(r() * SOURCES.length)]!,
        dateText(r, k.minutes, Math.floor(r() * 4)),
        r() < 0.1 ? 'BIREYSEL' : '',
      );
      if (recent.length < 4096) {
        recent.push(k);
        recentStatus.push(false);
      } else {
        const j = Math.floor(r() * recent.length);
        recent[j] = k;
        recentStatus[j] = false;
      }
    }
    await flush(false);
  }
  await flush(true);
  out.end();
  await once(out, 'finish');
  return {
    rows: options.rows,
    invalid,
    duplicates,
    keys,
    onayWinners,
    retAfterOnay,
    firstRet,
    statusConflicts,
    now: GENERATED_NOW,
  };

  function newKey(): KeyRow {
    const n = sub++;
    const c = r();
    const channel = c < 0.7 ? 'MESAJ' : c < 0.85 ? 'ARAMA' : 'EPOSTA';
    const first = FIRST[Math.floor(r() * FIRST.length)]!;
    const last = LAST[Math.floor(r() * LAST.length)]!;
    const prefix = options.prefix ?? PREFIXES[n % PREFIXES.length]!;
    const subscriber = options.prefix === undefined ? Math.floor(n / PREFIXES.length) : n;
    return {
      phone: channel === 'EPOSTA' ? '' : `${prefix}${String(subscriber % 10_000_000).padStart(7, '0')}`,
      email: channel === 'EPOSTA' || r() < 0.2 ? `musteri.${n}@Example.COM.tr` : '',
      channel,
      first,
      last,
      tckn: r() < 0.6 ? validTckn(r) : '',
      minutes: Math.floor(r() * (3 * 24 * 60 + 4 * 60)),
    };
  }
}
