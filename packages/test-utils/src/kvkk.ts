/**
 * Generators for @izinkit/kvkk tests and benchmarks (import from '@izinkit/test-utils/kvkk'):
 * identifiers with correct check digits (computed here independently of the code under test),
 * near-misses that are certainly invalid, and a labelled corpus of Turkish text.
 *
 * Everything is deterministic for a given seed, so the precision/recall figures in the kvkk README
 * can be recomputed exactly.
 */
import fc from 'fast-check';

/** A seeded PRNG (mulberry32): returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const digits = (rng: Rng, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += String(int(rng, 0, 9));
  return s;
};

// ─── identifiers ────────────────────────────────────────────────────────────────────────────────

/** TCKN check digits for the first nine digits (reference: legal-calendar.md §4.1). */
export function tcknCheck(nine: string): string {
  const d = [...nine].map(Number);
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!;
  const even = d[1]! + d[3]! + d[5]! + d[7]!;
  const d10 = (((odd * 7 - even) % 10) + 10) % 10;
  const d11 = (odd + even + d10) % 10;
  return `${d10}${d11}`;
}

export function makeTckn(rng: Rng): string {
  const nine = String(int(rng, 1, 9)) + digits(rng, 8);
  return nine + tcknCheck(nine);
}

/** An 11-digit number starting 1–9 whose last digit is wrong: never a valid TCKN. */
export function makeBadTckn(rng: Rng): string {
  const t = makeTckn(rng);
  const last = (Number(t[10]) + int(rng, 1, 9)) % 10;
  return t.slice(0, 10) + String(last);
}

/** VKN check digit for the first nine digits (reference: legal-calendar.md §4.3). */
export function vknCheck(nine: string): string {
  let sum = 0;
  for (let i = 1; i <= 9; i++) {
    const t = (Number(nine[i - 1]) + 10 - i) % 10;
    if (t === 0) continue;
    let v = (t * 2 ** (10 - i)) % 9;
    if (v === 0) v = 9;
    sum += v;
  }
  return String((10 - (sum % 10)) % 10);
}

export function makeVkn(rng: Rng): string {
  const nine = digits(rng, 9);
  return nine + vknCheck(nine);
}

export function makeBadVkn(rng: Rng): string {
  const v = makeVkn(rng);
  return v.slice(0, 9) + String((Number(v[9]) + int(rng, 1, 9)) % 10);
}

function mod97(s: string): number {
  let r = 0;
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 48 && c <= 57) r = (r * 10 + (c - 48)) % 97;
    else r = (r * 100 + (c - 55)) % 97;
  }
  return r;
}

/** A valid TR IBAN (compact): TR, check digits, 5-digit bank code, reserved 0, 16-digit account. */
export function makeIban(rng: Rng): string {
  const bban = `${digits(rng, 5)}0${digits(rng, 16)}`;
  const check = 98 - mod97(`${bban}TR00`);
  return `TR${String(check).padStart(2, '0')}${bban}`;
}

/** A TR IBAN with one digit changed: mod 97 always catches a single wrong digit. */
export function makeBadIban(rng: Rng): string {
  const i = makeIban(rng);
  const pos = int(rng, 11, 25);
  const d = (Number(i[pos]) + int(rng, 1, 9)) % 10;
  return i.slice(0, pos) + String(d) + i.slice(pos + 1);
}

export function groupIban(iban: string): string {
  return iban.replace(/(.{4})(?!$)/g, '$1 ');
}

/** A MERSİS number of the published shape: 0 + a valid VKN + a 5-digit branch suffix. */
export function makeMersis(rng: Rng): string {
  return `0${makeVkn(rng)}${String(int(rng, 1, 30)).padStart(5, '0')}`;
}

export const MOBILE_PREFIXES = [
  '501',
  '505',
  '506',
  '507',
  '530',
  '531',
  '532',
  '533',
  '534',
  '535',
  '536',
  '537',
  '538',
  '539',
  '540',
  '541',
  '542',
  '543',
  '544',
  '545',
  '546',
  '547',
  '548',
  '549',
  '551',
  '552',
  '553',
  '554',
  '555',
  '559',
] as const;
export const AREA_CODES = [
  '212',
  '216',
  '222',
  '224',
  '232',
  '236',
  '242',
  '252',
  '258',
  '262',
  '312',
  '322',
  '324',
  '332',
  '342',
  '352',
  '362',
  '412',
  '422',
  '442',
  '462',
  '472',
  '482',
  '488',
] as const;

/** A national 10-digit number: mobile or fixed line. */
export function makeNational(rng: Rng, kind: 'mobile' | 'fixed' = rng() < 0.7 ? 'mobile' : 'fixed'): string {
  // Subscriber numbers of fixed lines do not start with 0 or 1.
  const prefix = kind === 'mobile' ? pick(rng, MOBILE_PREFIXES) : pick(rng, AREA_CODES);
  return prefix + String(int(rng, 2, 9)) + digits(rng, 6);
}

/** The ways people write a Turkish phone number. */
export const PHONE_FORMS = [
  'spaced0',
  'plusSpaced',
  'plusCompact',
  'compact0',
  'paren',
  'dashed',
  'bare10',
  'spacedNo0',
  'zeroZero',
  'plusParen',
] as const;
export type PhoneForm = (typeof PHONE_FORMS)[number];

export function formatPhone(national: string, form: PhoneForm): string {
  const a = national.slice(0, 3);
  const b = national.slice(3, 6);
  const c = national.slice(6, 8);
  const d = national.slice(8, 10);
  switch (form) {
    case 'spaced0':
      return `0${a} ${b} ${c} ${d}`;
    case 'plusSpaced':
      return `+90 ${a} ${b} ${c} ${d}`;
    case 'plusCompact':
      return `+90${national}`;
    case 'compact0':
      return `0${national}`;
    case 'paren':
      return `(0${a}) ${b} ${c} ${d}`;
    case 'dashed':
      return `0${a}-${b}-${c}${d}`;
    case 'bare10':
      return national;
    case 'spacedNo0':
      return `${a} ${b} ${c} ${d}`;
    case 'zeroZero':
      return `0090 ${a} ${b} ${c}${d}`;
    case 'plusParen':
      return `+90 (${a}) ${b}-${c}-${d}`;
  }
}

export function makePhone(rng: Rng): string {
  return formatPhone(makeNational(rng), pick(rng, PHONE_FORMS));
}

/**
 * A 10-digit number that is neither a Turkish phone number nor a valid VKN: it starts with 1, 6 or
 * 7 (no such Turkish prefix) and its last digit is not the VKN check digit.
 */
export function makeNonPhone10(rng: Rng): string {
  const nine = pick(rng, ['1', '6', '7']) + digits(rng, 8);
  const check = Number(vknCheck(nine));
  return nine + String((check + int(rng, 1, 9)) % 10);
}

const PLATE_LETTERS = 'ABCDEFGHIJKLMNOPRSTUVYZ';

export function makePlate(rng: Rng): string {
  const province = String(int(rng, 1, 81)).padStart(2, '0');
  const n = int(rng, 1, 3);
  let letters = '';
  for (let i = 0; i < n; i++) letters += PLATE_LETTERS[int(rng, 0, PLATE_LETTERS.length - 1)];
  const digitCount = n === 1 ? int(rng, 4, 5) : n === 2 ? int(rng, 3, 4) : int(rng, 2, 3);
  const num = String(int(rng, 1, 9)) + digits(rng, digitCount - 1);
  return rng() < 0.8 ? `${province} ${letters} ${num}` : `${province}${letters}${num}`;
}

/** A plate-like string with an impossible province code (00 or 82–99). */
export function makeBadPlate(rng: Rng): string {
  const p = rng() < 0.2 ? '00' : String(int(rng, 82, 99));
  return `${p} ${PLATE_LETTERS[int(rng, 0, 22)]}${PLATE_LETTERS[int(rng, 0, 22)]} ${String(int(rng, 100, 999))}`;
}

const FIRST = [
  'ayse',
  'mehmet',
  'fatma',
  'ali',
  'zeynep',
  'mustafa',
  'elif',
  'emre',
  'hatice',
  'burak',
  'can',
  'deniz',
];
const LAST = ['yilmaz', 'kaya', 'demir', 'sahin', 'celik', 'yildiz', 'aydin', 'ozturk', 'arslan', 'dogan'];
const DOMAINS = [
  'gmail.com',
  'hotmail.com',
  'yahoo.com.tr',
  'ornek.com.tr',
  'firma.net',
  'okul.edu.tr',
  'outlook.com',
];

export function makeEmail(rng: Rng): string {
  const sep = pick(rng, ['.', '_', '', '-']);
  const num = rng() < 0.4 ? String(int(rng, 1, 99)) : '';
  const plus = rng() < 0.1 ? '+kampanya' : '';
  return `${pick(rng, FIRST)}${sep}${pick(rng, LAST)}${num}${plus}@${pick(rng, DOMAINS)}`;
}

const MONTHS = [
  'Ocak',
  'Şubat',
  'Mart',
  'Nisan',
  'Mayıs',
  'Haziran',
  'Temmuz',
  'Ağustos',
  'Eylül',
  'Ekim',
  'Kasım',
  'Aralık',
];

export function makeDate(rng: Rng, minYear = 1940, maxYear = 2008): { text: string; iso: string } {
  const y = int(rng, minYear, maxYear);
  const m = int(rng, 1, 12);
  const d = int(rng, 1, 28);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const iso = `${y}-${p2(m)}-${p2(d)}`;
  const form = int(rng, 0, 3);
  const text =
    form === 0
      ? `${p2(d)}.${p2(m)}.${y}`
      : form === 1
        ? `${p2(d)}/${p2(m)}/${y}`
        : form === 2
          ? iso
          : `${d} ${MONTHS[m - 1]} ${y}`;
  return { text, iso };
}

// ─── labelled corpus ────────────────────────────────────────────────────────────────────────────

export type CorpusKind = 'tckn' | 'vkn' | 'iban' | 'phone' | 'email' | 'plate' | 'mersis' | 'birthDate';

export interface LabelledSpan {
  readonly kind: CorpusKind;
  readonly start: number;
  readonly end: number;
  readonly value: string;
  /** Written in a form findPii documents that it does not read (see HARD_POSITIVES). */
  readonly unsupported?: true;
}

export interface LabelledText {
  readonly text: string;
  readonly spans: readonly LabelledSpan[];
}

class Builder {
  text = '';
  readonly spans: LabelledSpan[] = [];
  add(s: string): this {
    this.text += s;
    return this;
  }
  pii(kind: CorpusKind, value: string, unsupported = false): this {
    const start = this.text.length;
    this.text += value;
    this.spans.push(
      unsupported
        ? { kind, start, end: this.text.length, value, unsupported }
        : { kind, start, end: this.text.length, value },
    );
    return this;
  }
}

const FILLER = [
  'Müşterimiz mağazamıza gelerek bilgilerini güncelledi.',
  'Kargo 3 iş günü içinde teslim edilecektir.',
  'Sipariş toplamı 1.250,75 TL olup taksitli ödenmiştir.',
  'Görüşme 14:30’da tamamlandı, müşteri memnun kaldı.',
  'Şikâyet kaydı oluşturuldu ve ilgili birime iletildi.',
  'Kampanya kapsamında %20 indirim uygulandı.',
  'Fatura adresi ile teslimat adresi aynıdır.',
  'İade talebi 2 gün önce sisteme girildi.',
  'Çağrı merkezimiz hafta içi 09:00–18:00 arası hizmet verir.',
  'Ürün garantisi 24 ay süreyle geçerlidir.',
  'Ödeme onaylandı; işlem numarası yakında paylaşılacak.',
  'Öğleden sonra şubeye uğrayacağını söyledi.',
];

/** Text with no personal data that looks like it might have some. */
const NEAR_MISSES: ((rng: Rng) => string)[] = [
  (r) => `Referans numarası ${makeBadTckn(r)} olarak kaydedildi.`,
  (r) => `Kimlik no ${makeBadTckn(r)} doğrulanamadı.`,
  (r) => `Vergi No: ${makeBadVkn(r)} hatalı görünüyor.`,
  (r) => `Eski hesap ${groupIban(makeBadIban(r))} kapatıldı.`,
  (r) => `Takip kodu ${makeNonPhone10(r)} ile sorgulayabilirsiniz.`,
  (r) => `Barkod: ${makeNonPhone10(r)}`,
  (r) => `Sipariş no ${int(r, 100000, 9999999)} hazırlanıyor.`,
  (r) => `Tutar ${int(r, 1, 99)}.${digits(r, 3)},${digits(r, 2)} TL olarak tahsil edildi.`,
  (r) => `Kart numarası ${pick(r, ['4', '5'])}${digits(r, 15)} ile ödendi.`,
  (r) => `Plaka ${makeBadPlate(r)} sistemde bulunamadı.`,
  (r) => `İşlem ${makeDate(r, 2015, 2026).text} tarihinde yapıldı.`,
  (r) => `Toplantı ${int(r, 1, 28)} ${pick(r, MONTHS)} ${int(r, 2020, 2026)} günü saat 10:00’da.`,
  (r) => `Pi sayısı yaklaşık 3,${digits(r, 11)} olarak alındı.`,
  (r) => `Stok kodu AB${makeTckn(r)} güncellendi.`,
  (r) => `Destek için 444 ${int(r, 1, 9)} ${digits(r, 3)} numaralı hattı arayabilirsiniz.`,
  (r) => `Adres: ${int(r, 1, 200)}. Sokak No: ${int(r, 1, 99)} Daire ${int(r, 1, 20)}`,
];

const TCKN_INTROS = ['T.C. Kimlik No: ', 'TCKN ', 'kimlik numarası ', 'TC: ', 'TC kimlik numaram ', ''];
const VKN_INTROS = ['Vergi No: ', 'VKN ', 'vergi kimlik numarası ', 'V.D. Kadıköy / ', 'vergi numarası: '];
const PHONE_INTROS = [
  'Tel: ',
  'GSM ',
  'cep telefonu ',
  'telefon numarası ',
  'aranacak numara ',
  'İletişim: ',
  '',
];
const BIRTH_INTROS = ['Doğum tarihi: ', 'D.T. ', 'doğum tarihi ', 'Doğum Tarihi ', 'D. Tarihi: '];

const POSITIVES: ((b: Builder, r: Rng) => void)[] = [
  (b, r) => {
    b.add(`${pick(r, ['Müşteri', 'Başvuru sahibi', 'Kart hamili'])} ${pick(r, TCKN_INTROS)}`).pii(
      'tckn',
      makeTckn(r),
    );
    b.add(pick(r, [' ile kayıtlıdır.', '’dir.', '. ', ', adres teyidi yapıldı.']));
  },
  (b, r) => {
    b.add(pick(r, PHONE_INTROS)).pii('phone', makePhone(r));
    b.add(pick(r, [' numarasından ulaşıldı.', '. ', ' (mesai saatlerinde)', '’dan geri dönüş bekleniyor.']));
  },
  (b, r) => {
    b.add(pick(r, ['E-posta: ', 'mail adresi ', 'İletişim için ', ''])).pii('email', makeEmail(r));
    b.add(pick(r, [' adresine bilgi gönderildi.', '. ', ' üzerinden yazıştık.']));
  },
  (b, r) => {
    const iban = makeIban(r);
    b.add(pick(r, ['IBAN: ', 'iade hesabı ', 'Hesap ']))
      .pii('iban', r() < 0.6 ? groupIban(iban) : iban)
      .add(pick(r, [' olarak bildirildi.', '. ']));
  },
  (b, r) => {
    b.add(`${pick(r, ['Firma', 'Tedarikçi', 'Şirket'])} ${pick(r, VKN_INTROS)}`).pii('vkn', makeVkn(r));
    b.add(pick(r, [' ile fatura kesildi.', '. ']));
  },
  (b, r) => {
    b.add(pick(r, ['MERSİS No: ', 'Mersis numarası ', 'MERSİS: '])).pii('mersis', makeMersis(r));
    b.add('. ');
  },
  (b, r) => {
    b.add(pick(r, ['Araç plakası ', 'Plaka: ', 'aracın plakası '])).pii('plate', makePlate(r));
    b.add(pick(r, [' olarak not edildi.', '. ']));
  },
  (b, r) => {
    const d = makeDate(r);
    if (r() < 0.8) b.add(pick(r, BIRTH_INTROS)).pii('birthDate', d.text).add('. ');
    else b.pii('birthDate', d.text).add(' doğumlu. ');
  },
];

/**
 * Real ways of writing personal data that the detector is known not to read (dotted phone numbers,
 * a TCKN written in groups, a date of birth with no word saying so). They are in the corpus so that
 * the recall it reports is not flattered by leaving them out.
 */
const HARD_POSITIVES: ((b: Builder, r: Rng) => void)[] = [
  (b, r) => {
    const n = makeNational(r, 'mobile');
    b.add('Telefon: ')
      .pii('phone', `0${n.slice(0, 3)}.${n.slice(3, 6)}.${n.slice(6, 8)}.${n.slice(8)}`, true)
      .add('. ');
  },
  (b, r) => {
    const t = makeTckn(r);
    b.add('TC kimlik no ')
      .pii('tckn', `${t.slice(0, 3)} ${t.slice(3, 6)} ${t.slice(6, 9)} ${t.slice(9)}`, true)
      .add('. ');
  },
  (b, r) => {
    b.add(`${pick(r, ['Ayşe Kaya', 'Mehmet Demir', 'Elif Şahin'])}, `)
      .pii('birthDate', makeDate(r).text, true)
      .add(`, ${pick(r, ['İzmir', 'Ankara', 'Van'])}.`);
  },
];

/**
 * Numbers that are not personal data but that no detector can tell apart from it: an 11-digit
 * reference number passes the TCKN checksum one time in a hundred.
 */
const HARD_NEAR_MISSES: ((rng: Rng) => string)[] = [
  (r) => `Referans: ${String(int(r, 1, 9))}${digits(r, 10)}.`,
];

/**
 * One labelled document: Turkish sentences with identifiers, near-misses and filler, and the exact
 * spans of every identifier embedded (near-misses have none).
 */
export function makeDocument(rng: Rng, sentences: number = int(rng, 4, 12)): LabelledText {
  const b = new Builder();
  for (let i = 0; i < sentences; i++) {
    if (i > 0) b.add(' ');
    const x = rng();
    if (x < 0.45) pick(rng, POSITIVES)(b, rng);
    else if (x < 0.465) pick(rng, HARD_POSITIVES)(b, rng);
    else if (x < 0.75) b.add(pick(rng, NEAR_MISSES)(rng));
    else if (x < 0.77) b.add(pick(rng, HARD_NEAR_MISSES)(rng));
    else b.add(pick(rng, FILLER));
  }
  return { text: b.text, spans: b.spans };
}

/** A corpus of `documents` labelled documents from `seed`. */
export function makeCorpus(seed: number, documents: number): LabelledText[] {
  const rng = mulberry32(seed);
  return Array.from({ length: documents }, () => makeDocument(rng));
}

/**
 * Turkish text of about `chars` characters for throughput benchmarks: mostly filler, with an
 * identifier or a near-miss in roughly one sentence of three.
 */
export function makeBenchText(seed: number, chars: number): string {
  const rng = mulberry32(seed);
  const parts: string[] = [];
  let n = 0;
  while (n < chars) {
    const x = rng();
    let s: string;
    if (x < 0.2) {
      const b = new Builder();
      pick(rng, POSITIVES)(b, rng);
      s = b.text;
    } else if (x < 0.35) s = pick(rng, NEAR_MISSES)(rng);
    else s = pick(rng, FILLER);
    parts.push(s);
    n += s.length + 1;
  }
  return parts.join(' ');
}

// ─── fast-check arbitraries ─────────────────────────────────────────────────────────────────────

/** A labelled document, from a random seed. */
export const labelledTextArb: fc.Arbitrary<LabelledText> = fc
  .tuple(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 10 }))
  .map(([seed, sentences]) => makeDocument(mulberry32(seed), sentences));

const seeded = <T>(f: (r: Rng) => T): fc.Arbitrary<T> =>
  fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((seed) => f(mulberry32(seed)));

export const tcknArb: fc.Arbitrary<string> = seeded(makeTckn);
export const badTcknArb: fc.Arbitrary<string> = seeded(makeBadTckn);
export const vknArb: fc.Arbitrary<string> = seeded(makeVkn);
export const ibanArb: fc.Arbitrary<string> = seeded(makeIban);
export const badIbanArb: fc.Arbitrary<string> = seeded(makeBadIban);
export const mersisArb: fc.Arbitrary<string> = seeded(makeMersis);
export const phoneArb: fc.Arbitrary<string> = seeded(makePhone);
export const plateArb: fc.Arbitrary<string> = seeded(makePlate);
export const emailArb: fc.Arbitrary<string> = seeded(makeEmail);

/** A customer-like record with identifiers, free text and a nested address. */
export interface CustomerRecord {
  readonly id: number;
  readonly name: string;
  readonly tckn: string;
  readonly phone: string;
  readonly email: string;
  readonly birthDate: string;
  readonly address: { readonly line: string; readonly il: string };
  readonly notes: string;
}

const ILS = ['İstanbul', 'Ankara', 'İzmir', 'Bursa', 'Antalya', 'Van', 'Trabzon', 'Eskişehir'];
const ILCES = ['Merkez', 'Kadıköy', 'Çankaya', 'Bornova', 'Nilüfer', 'Muratpaşa', 'Tepebaşı'];

export function makeCustomer(rng: Rng, id: number): CustomerRecord {
  const first = pick(rng, ['Ayşe', 'Mehmet', 'Fatma', 'Ali', 'Zeynep', 'Mustafa', 'Elif', 'İsmail']);
  const last = pick(rng, ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Öztürk']);
  const il = pick(rng, ILS);
  return {
    id,
    name: `${first} ${last}`,
    tckn: makeTckn(rng),
    phone: formatPhone(makeNational(rng, 'mobile'), pick(rng, PHONE_FORMS)),
    email: makeEmail(rng),
    birthDate: makeDate(rng).iso,
    address: {
      line: `${pick(rng, ['Moda', 'Atatürk', 'Cumhuriyet'])} Cad. No ${int(rng, 1, 99)}, ${pick(rng, ILCES)}/${il}`,
      il,
    },
    notes: makeDocument(rng, int(rng, 1, 3)).text,
  };
}

export const customerArb: fc.Arbitrary<CustomerRecord> = fc
  .tuple(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.nat())
  .map(([seed, id]) => makeCustomer(mulberry32(seed), id));

// ─── detector evaluation ────────────────────────────────────────────────────────────────────────

export interface DetectorScore {
  readonly kind: CorpusKind | 'all';
  /** Values embedded in the corpus. */
  readonly embedded: number;
  /** Of which written in a form documented as unsupported. */
  readonly unsupported: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
}

/**
 * Scores a detector on a labelled corpus: a detection counts only when kind, start and end match a
 * labelled span exactly.
 */
export function evaluateDetector(
  detect: (text: string) => readonly { kind: string; start: number; end: number }[],
  corpus: readonly LabelledText[],
): DetectorScore[] {
  const kinds: CorpusKind[] = ['tckn', 'vkn', 'iban', 'phone', 'email', 'plate', 'mersis', 'birthDate'];
  const acc = new Map<
    string,
    { embedded: number; unsupported: number; tp: number; fp: number; fn: number }
  >();
  for (const k of [...kinds, 'all']) acc.set(k, { embedded: 0, unsupported: 0, tp: 0, fp: 0, fn: 0 });
  const key = (m: { kind: string; start: number; end: number }) => `${m.kind}:${m.start}:${m.end}`;
  for (const doc of corpus) {
    const found = detect(doc.text);
    const truth = new Set(doc.spans.map(key));
    const got = new Set(found.map(key));
    for (const s of doc.spans) {
      for (const a of [acc.get(s.kind)!, acc.get('all')!]) {
        a.embedded++;
        if (s.unsupported) a.unsupported++;
        if (got.has(key(s))) a.tp++;
        else a.fn++;
      }
    }
    for (const m of found)
      if (!truth.has(key(m))) {
        acc.get(m.kind)!.fp++;
        acc.get('all')!.fp++;
      }
  }
  return [...acc.entries()].map(([kind, a]) => ({
    kind: kind as CorpusKind | 'all',
    embedded: a.embedded,
    unsupported: a.unsupported,
    truePositives: a.tp,
    falsePositives: a.fp,
    falseNegatives: a.fn,
    precision: a.tp + a.fp === 0 ? 1 : a.tp / (a.tp + a.fp),
    recall: a.tp + a.fn === 0 ? 1 : a.tp / (a.tp + a.fn),
  }));
}

/** The corpus the kvkk README reports on. */
export const README_CORPUS = { seed: 20260101, documents: 2000 } as const;

/** The Markdown table the kvkk README shows (and its test compares against). */
export function scoreTable(scores: readonly DetectorScore[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
  const lines = [
    '| kind | embedded | of which unsupported forms | found right | false positives | missed | precision | recall |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const s of scores)
    lines.push(
      `| ${s.kind === 'all' ? '**all**' : `\`${s.kind}\``} | ${s.embedded} | ${s.unsupported} | ${s.truePositives} | ${s.falsePositives} | ${s.falseNegatives} | ${pct(s.precision)} | ${pct(s.recall)} |`,
    );
  return lines.join('\n');
}
