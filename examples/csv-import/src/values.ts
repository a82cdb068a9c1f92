/**
 * Cell values: statuses, channels, recipient types, sources and consent dates as people type them
 * in spreadsheets, mapped explicitly to İYS's vocabulary (imported from @izinkit/iys, never
 * redefined here). Anything not in the tables is an error, never a guess.
 */
import {
  type ConsentStatus,
  type ConsentType,
  HS_2015_CONSENT_INSTANT,
  PROVIDER_SOURCES,
  type ProviderSource,
  parseIysDateTime,
  type RecipientType,
} from '@izinkit/iys';

// Folded like headers: Turkish-aware lower case to ASCII, letters and digits only. Cheaper than
// foldName for short cells (a handful of characters, called once per row and column).
const TR_FOLD: Readonly<Record<string, string>> = {
  ç: 'c',
  Ç: 'c',
  ğ: 'g',
  Ğ: 'g',
  ı: 'i',
  I: 'i',
  İ: 'i',
  ö: 'o',
  Ö: 'o',
  ş: 's',
  Ş: 's',
  ü: 'u',
  Ü: 'u',
  â: 'a',
  Â: 'a',
  î: 'i',
  Î: 'i',
  û: 'u',
  Û: 'u',
};

/**
 * Folds a cell for matching: Turkish letters to ASCII (`I` → `i`, `İ` → `i`), lower case, and only
 * `a–z`/`0–9` kept.
 *
 * @example
 * ```ts
 * foldCell(' Hayır '); // 'hayir'
 * foldCell('E-Posta'); // 'eposta'
 * foldCell('ÇAĞRI MERKEZİ'); // 'cagrimerkezi'
 * ```
 */
export function foldCell(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 97 && c <= 122) out += value[i];
    else if (c >= 48 && c <= 57) out += value[i];
    else if (c >= 65 && c <= 90) out += c === 73 ? 'i' : String.fromCharCode(c + 32);
    else if (c > 127) {
      const f = TR_FOLD[value[i]!];
      if (f !== undefined) out += f;
    }
  }
  return out;
}

function table<T>(entries: Record<T & string, readonly string[]>): ReadonlyMap<string, T> {
  const m = new Map<string, T>();
  for (const [value, spellings] of Object.entries(entries) as [T & string, readonly string[]][]) {
    for (const s of spellings) m.set(s, value);
  }
  return m;
}

/** Status spellings (folded) → ONAY / RET. */
export const STATUS_VALUES: ReadonlyMap<string, ConsentStatus> = table<ConsentStatus>({
  ONAY: ['onay', 'onayli', 'evet', 'var', 'yes', 'true', '1', 'kabul', 'izinli', 'optin', 'granted'],
  RET: ['ret', 'red', 'reddet', 'hayir', 'yok', 'no', 'false', '0', 'iptal', 'izinsiz', 'optout', 'denied'],
});

/** Channel spellings (folded) → MESAJ / ARAMA / EPOSTA. */
export const TYPE_VALUES: ReadonlyMap<string, ConsentType> = table<ConsentType>({
  MESAJ: ['mesaj', 'sms', 'kisamesaj', 'ileti', 'mms', 'message', 'text'],
  ARAMA: ['arama', 'sesliarama', 'sesli', 'call', 'voice', 'phonecall', 'telefonarama'],
  EPOSTA: ['eposta', 'email', 'mail', 'elektronikposta'],
});

/** Recipient-type spellings (folded) → BIREYSEL / TACIR. */
export const RECIPIENT_TYPE_VALUES: ReadonlyMap<string, RecipientType> = table<RecipientType>({
  BIREYSEL: ['bireysel', 'birey', 'kisisel', 'individual', 'personal', 'person', 'consumer', 'b2c'],
  TACIR: ['tacir', 'kurumsal', 'ticari', 'esnaf', 'sirket', 'merchant', 'business', 'corporate', 'b2b'],
});

const SOURCE_VALUES: ReadonlyMap<string, ProviderSource> = (() => {
  const m = new Map<string, ProviderSource>();
  for (const s of PROVIDER_SOURCES) {
    m.set(foldCell(s), s); // hsweb
    m.set(foldCell(s.slice(3)), s); // web
  }
  const extra: Record<string, ProviderSource> = {
    fiziksel: 'HS_FIZIKSEL_ORTAM',
    fizikselortam: 'HS_FIZIKSEL_ORTAM',
    magaza: 'HS_FIZIKSEL_ORTAM',
    sube: 'HS_FIZIKSEL_ORTAM',
    store: 'HS_FIZIKSEL_ORTAM',
    physical: 'HS_FIZIKSEL_ORTAM',
    islakimza: 'HS_ISLAK_IMZA',
    imza: 'HS_ISLAK_IMZA',
    wetsignature: 'HS_ISLAK_IMZA',
    website: 'HS_WEB',
    internet: 'HS_WEB',
    cagri: 'HS_CAGRI_MERKEZI',
    cagrimerkezi: 'HS_CAGRI_MERKEZI',
    callcenter: 'HS_CAGRI_MERKEZI',
    sosyalmedya: 'HS_SOSYAL_MEDYA',
    socialmedia: 'HS_SOSYAL_MEDYA',
    email: 'HS_EPOSTA',
    eposta: 'HS_EPOSTA',
    sms: 'HS_MESAJ',
    mesaj: 'HS_MESAJ',
    mobil: 'HS_MOBIL',
    mobile: 'HS_MOBIL',
    app: 'HS_MOBIL',
    eortam: 'HS_EORTAM',
    elektronikortam: 'HS_EORTAM',
    etkinlik: 'HS_ETKINLIK',
    event: 'HS_ETKINLIK',
    '2015': 'HS_2015',
    '2015oncesi': 'HS_2015',
    atm: 'HS_ATM',
    karar: 'HS_KARAR',
    mahkemekarari: 'HS_KARAR',
  };
  for (const [k, v] of Object.entries(extra)) m.set(k, v);
  return m;
})();

/**
 * Reads a status cell. `undefined` when it is not one of {@link STATUS_VALUES}.
 *
 * @example
 * ```ts
 * parseStatus('Evet'); // 'ONAY'
 * parseStatus('HAYIR'); // 'RET'
 * parseStatus('0'); // 'RET'
 * parseStatus('belki'); // undefined
 * ```
 */
export function parseStatus(value: string): ConsentStatus | undefined {
  return STATUS_VALUES.get(foldCell(value));
}

/**
 * Reads a channel cell. `undefined` when it is not one of {@link TYPE_VALUES}.
 *
 * @example
 * ```ts
 * parseChannel('SMS'); // 'MESAJ'
 * parseChannel('e-posta'); // 'EPOSTA'
 * ```
 */
export function parseChannel(value: string): ConsentType | undefined {
  return TYPE_VALUES.get(foldCell(value));
}

/**
 * Reads a recipient-type cell. `undefined` when it is not one of {@link RECIPIENT_TYPE_VALUES}.
 *
 * @example
 * ```ts
 * parseRecipientType('Kurumsal'); // 'TACIR'
 * parseRecipientType('bireysel'); // 'BIREYSEL'
 * ```
 */
export function parseRecipientType(value: string): RecipientType | undefined {
  return RECIPIENT_TYPE_VALUES.get(foldCell(value));
}

/**
 * Reads a source cell: an `HS_*` value in any case, the same without `HS_`, or a common name
 * (`Çağrı Merkezi`, `web sitesi`, `ıslak imza`, `2015 öncesi` …). `'iys'` for an `IYS_*` value (only
 * İYS may report those); `undefined` when unknown.
 *
 * @example
 * ```ts
 * parseSource('hs_web'); // 'HS_WEB'
 * parseSource('Çağrı Merkezi'); // 'HS_CAGRI_MERKEZI'
 * parseSource('IYS_MOBIL'); // 'iys'
 * ```
 */
export function parseSource(value: string): ProviderSource | 'iys' | undefined {
  const trimmed = value.trim();
  if (/^iys_/i.test(trimmed)) return 'iys';
  const folded = foldCell(trimmed);
  return SOURCE_VALUES.get(folded) ?? SOURCE_VALUES.get(folded.replace(/sitesi$|kanali$/, ''));
}

const HOUR = 3_600_000;
/** 2016-09-07 00:00 Türkiye time: from here on Türkiye is UTC+3 all year. */
const FIXED_OFFSET_FROM_LOCAL = Date.UTC(2016, 8, 7, 0, 0, 0);

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
}

const DMY = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?:[ T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$/;
const YMD =
  /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Reads a consent date, as milliseconds since the epoch; `undefined` when it cannot be read.
 *
 * Accepted: `dd.MM.yyyy HH:mm[:ss]`, `dd.MM.yyyy`, the same with `/` or `-`, two-digit years
 * (20yy), `yyyy-MM-dd[ HH:mm[:ss]]`, `yyyy/MM/dd …`, and ISO 8601 with `T`, fractions and an offset
 * or `Z`. Without an offset the time is Türkiye time — UTC+3 from 7 September 2016, and the
 * historical offsets (EET/EEST) before that, taken from @izinkit/iys; a date without a time is
 * midnight. Day-first (Turkish) order: `03.04.2024` is 3 April.
 *
 * @example
 * ```ts
 * new Date(parseConsentDate('15.03.2024 14:30')!).toISOString(); // '2024-03-15T11:30:00.000Z'
 * new Date(parseConsentDate('2015-06-01 10:00:00')!).toISOString(); // '2015-06-01T07:00:00.000Z' (summer time)
 * parseConsentDate('31.02.2024'); // undefined
 * ```
 */
export function parseConsentDate(value: string): number | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  let y: number;
  let mo: number;
  let d: number;
  let h = 0;
  let mi = 0;
  let s = 0;
  let ms = 0;
  let offset: string | undefined;
  let m = DMY.exec(text);
  if (m !== null) {
    d = Number(m[1]);
    mo = Number(m[2]);
    y = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    if (m[4] !== undefined) {
      h = Number(m[4]);
      mi = Number(m[5]);
      s = m[6] === undefined ? 0 : Number(m[6]);
    }
  } else {
    m = YMD.exec(text);
    if (m === null) return undefined;
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
    if (m[4] !== undefined) {
      h = Number(m[4]);
      mi = Number(m[5]);
      s = m[6] === undefined ? 0 : Number(m[6]);
      ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
    }
    offset = m[8];
  }
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59) return undefined;
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (offset !== undefined) {
    if (offset.toUpperCase() === 'Z') return local;
    const sign = offset[0] === '-' ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    const off = Number(digits.slice(0, 2)) * HOUR + Number(digits.slice(2)) * 60_000;
    return local - sign * off;
  }
  if (local >= FIXED_OFFSET_FROM_LOCAL) return local - 3 * HOUR;
  // Before 7 September 2016 Türkiye changed clocks twice a year: let @izinkit/iys read the wall
  // time with the historical offsets.
  // Memoised: legacy files repeat a few old wall times (every HS_2015 row is 2015-05-01 00:00).
  const cached = oldWallTimes.get(local - ms);
  if (cached !== undefined) return cached + ms;
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const r = parseIysDateTime(`${p(y, 4)}-${p(mo)}-${p(d)} ${p(h)}:${p(mi)}:${p(s)}`);
  if (!r.ok) return undefined;
  if (oldWallTimes.size >= 100_000) oldWallTimes.clear();
  oldWallTimes.set(local - ms, r.value.getTime());
  return r.value.getTime() + ms;
}
const oldWallTimes = new Map<number, number>();

/** The one consentDate `HS_2015` takes, in milliseconds (2015-05-01 00:00:00 Türkiye time). */
export const HS_2015_MS: number = HS_2015_CONSENT_INSTANT.getTime();
