/**
 * Header detection: which column holds what, for the ways Turkish and English spreadsheets name
 * their columns (`Cep Tel`, `GSM`, `E-Posta`, `İzin Tarihi`, `Consent date`, `Alıcı Tipi`, …), with
 * `--map` for anything else.
 */
import { foldName } from '@izinkit/identity';

/**
 * A field the import reads.
 *
 * - `recipient`: a column that may hold a phone number or an e-mail address;
 * - `phone` / `email`: columns that hold only one of them;
 * - `fullName` or `firstName` + `lastName`, and `tckn`: who the row is about (used to notice two
 *   different people on one address; never sent to İYS);
 * - `type` (channel), `status`, `source`, `consentDate`, `recipientType`: the İYS fields.
 *
 * @example
 * ```ts
 * const f: Field = 'consentDate';
 * ```
 */
export type Field =
  | 'recipient'
  | 'phone'
  | 'email'
  | 'firstName'
  | 'lastName'
  | 'fullName'
  | 'tckn'
  | 'type'
  | 'status'
  | 'source'
  | 'consentDate'
  | 'recipientType';

/** Every {@link Field}, in the order the result report names them. */
export const FIELDS: readonly Field[] = [
  'recipient',
  'phone',
  'email',
  'firstName',
  'lastName',
  'fullName',
  'tckn',
  'type',
  'status',
  'source',
  'consentDate',
  'recipientType',
];

/**
 * Header spellings per field, written folded: Turkish letters to ASCII, lower case, with every
 * character that is not a letter or digit removed (`İzin Tarihi` → `izintarihi`, `E-Posta` →
 * `eposta`, `TC Kimlik No` → `tckimlikno`).
 */
export const HEADER_ALIASES: { readonly [F in Field]: readonly string[] } = {
  recipient: ['alici', 'recipient', 'iletisimadresi', 'adres', 'iletisimbilgisi', 'contact', 'address'],
  phone: [
    'telefon',
    'tel',
    'telno',
    'telefonno',
    'telefonnumarasi',
    'gsm',
    'gsmno',
    'gsmnumarasi',
    'cep',
    'ceptel',
    'ceptelefonu',
    'ceptelefon',
    'cepno',
    'mobil',
    'mobiltelefon',
    'mobile',
    'mobilephone',
    'mobileno',
    'mobilenumber',
    'phone',
    'phonenumber',
    'phoneno',
    'telephone',
    'cell',
    'cellphone',
    'msisdn',
  ],
  email: [
    'eposta',
    'epostaadresi',
    'elektronikposta',
    'email',
    'emailaddress',
    'mail',
    'mailadresi',
    'emailadresi',
  ],
  firstName: ['ad', 'adi', 'isim', 'isimler', 'firstname', 'givenname', 'name', 'forename'],
  lastName: ['soyad', 'soyadi', 'soyisim', 'soyisimi', 'lastname', 'surname', 'familyname'],
  fullName: [
    'adsoyad',
    'adisoyadi',
    'adisoyad',
    'isimsoyisim',
    'isimsoyad',
    'fullname',
    'musteriadi',
    'musteri',
    'customername',
  ],
  tckn: [
    'tckn',
    'tc',
    'tcno',
    'tckimlik',
    'tckimlikno',
    'tckimliknumarasi',
    'kimlikno',
    'kimliknumarasi',
    'nationalid',
    'turkishid',
    'identitynumber',
  ],
  type: [
    'kanal',
    'tip',
    'tur',
    'izintipi',
    'izinturu',
    'izinkanali',
    'iletisimkanali',
    'type',
    'channel',
    'consenttype',
    'consentchannel',
  ],
  status: [
    'durum',
    'izindurumu',
    'onaydurumu',
    'izin',
    'onay',
    'status',
    'consentstatus',
    'consent',
    'optin',
  ],
  source: ['kaynak', 'izinkaynagi', 'onaykaynagi', 'source', 'consentsource'],
  consentDate: [
    'izintarihi',
    'tarih',
    'onaytarihi',
    'izinzamani',
    'consentdate',
    'date',
    'consentdatetime',
    'consenttime',
  ],
  recipientType: [
    'alicitipi',
    'alicituru',
    'musteritipi',
    'musterituru',
    'recipienttype',
    'customertype',
    'kisitipi',
  ],
};

const ALIAS_INDEX: ReadonlyMap<string, Field> = new Map(
  FIELDS.flatMap((f) => HEADER_ALIASES[f].map((a) => [a, f] as const)),
);

/**
 * Folds a header the way {@link HEADER_ALIASES} are written: Turkish-aware lower case, ASCII, and
 * only letters and digits.
 *
 * @example
 * ```ts
 * foldHeader('İzin Tarihi'); // 'izintarihi'
 * foldHeader(' Cep Tel. '); // 'ceptel'
 * foldHeader('recipientType'); // 'recipienttype'
 * ```
 */
export function foldHeader(header: string): string {
  return foldName(header, { ascii: true }).replace(/[^a-z0-9]/g, '');
}

/**
 * Reads a `--map` option: `"Header=field,Other header=field"` (`;` also separates pairs). A field
 * is a {@link Field} name, or `ignore` to skip a column without reporting it.
 *
 * @example
 * ```ts
 * parseColumnMap('Müşteri GSM=phone; İzin Durumu=status');
 * // { ok: true, value: Map { 'musterigsm' => 'phone', 'izindurumu' => 'status' } }
 * ```
 */
export function parseColumnMap(
  text: string,
): { ok: true; value: Map<string, Field | 'ignore'> } | { ok: false; error: string } {
  const out = new Map<string, Field | 'ignore'>();
  for (const part of text.split(/[;,\n]/)) {
    if (part.trim() === '') continue;
    const eq = part.lastIndexOf('=');
    if (eq <= 0) return { ok: false, error: `"${part.trim()}": expected Header=field` };
    const header = foldHeader(part.slice(0, eq));
    const name = part.slice(eq + 1).trim();
    const field =
      name.toLowerCase() === 'ignore'
        ? 'ignore'
        : FIELDS.find((f) => f.toLowerCase() === name.toLowerCase().replace(/[^a-z]/g, ''));
    if (field === undefined) {
      return { ok: false, error: `"${name}": not a field (${FIELDS.join(', ')}, ignore)` };
    }
    if (header === '') return { ok: false, error: `"${part.trim()}": empty header` };
    out.set(header, field);
  }
  return { ok: true, value: out };
}

/**
 * The columns of one file: the index of each recognised field, and what was not recognised.
 *
 * @example
 * ```ts
 * const c: ColumnLayout = { fields: { phone: 1, status: 2 }, unknown: ['Şube'], duplicate: [], ignored: [] };
 * ```
 */
export interface ColumnLayout {
  /** Column index per recognised field. */
  readonly fields: Partial<Record<Field, number>>;
  /** Headers that matched nothing (reported, their values ignored). */
  readonly unknown: readonly string[];
  /** Headers whose field was already taken by an earlier column (ignored). */
  readonly duplicate: readonly string[];
  /** Headers `--map` told to ignore. */
  readonly ignored: readonly string[];
}

/**
 * Matches a header row: the `--map` entries first, then the built-in spellings. The first column
 * of a field wins; a later column for the same field is reported in `duplicate`.
 *
 * @example
 * ```ts
 * resolveColumns(['Ad Soyad', 'GSM', 'E-Posta', 'Kanal', 'Durum', 'Kaynak', 'İzin Tarihi', 'Şube']);
 * // { fields: { fullName: 0, phone: 1, email: 2, type: 3, status: 4, source: 5, consentDate: 6 }, unknown: ['Şube'], … }
 * ```
 */
export function resolveColumns(
  header: readonly string[],
  map: ReadonlyMap<string, Field | 'ignore'> = new Map(),
): ColumnLayout {
  const fields: Partial<Record<Field, number>> = {};
  const unknown: string[] = [];
  const duplicate: string[] = [];
  const ignored: string[] = [];
  header.forEach((raw, i) => {
    const folded = foldHeader(raw);
    const field = map.get(folded) ?? ALIAS_INDEX.get(folded);
    if (field === 'ignore') {
      ignored.push(raw);
    } else if (field === undefined) {
      if (raw.trim() !== '') unknown.push(raw);
    } else if (fields[field] !== undefined) {
      duplicate.push(raw);
    } else {
      fields[field] = i;
    }
  });
  return { fields, unknown, duplicate, ignored };
}
