/**
 * The 81 provinces (il) of Türkiye with their official codes — the codes that open every licence
 * plate and that the İYS retailer API uses for `city.code`. 01–67 follow the alphabetical order of
 * the 1960s (Mersin was İçel, Kahramanmaraş was Maraş, Şanlıurfa was Urfa); 68–81 were added as new
 * provinces were created.
 */

/**
 * One province: its two-digit code and its name.
 *
 * @example
 * ```ts
 * const p: Province = { code: '34', name: 'İstanbul' };
 * ```
 */
export interface Province {
  /** Two-digit code, `01`–`81`. */
  readonly code: string;
  /** Official name, Turkish spelling. */
  readonly name: string;
}

const NAMES = [
  'Adana',
  'Adıyaman',
  'Afyonkarahisar',
  'Ağrı',
  'Amasya',
  'Ankara',
  'Antalya',
  'Artvin',
  'Aydın',
  'Balıkesir',
  'Bilecik',
  'Bingöl',
  'Bitlis',
  'Bolu',
  'Burdur',
  'Bursa',
  'Çanakkale',
  'Çankırı',
  'Çorum',
  'Denizli',
  'Diyarbakır',
  'Edirne',
  'Elazığ',
  'Erzincan',
  'Erzurum',
  'Eskişehir',
  'Gaziantep',
  'Giresun',
  'Gümüşhane',
  'Hakkari',
  'Hatay',
  'Isparta',
  'Mersin',
  'İstanbul',
  'İzmir',
  'Kars',
  'Kastamonu',
  'Kayseri',
  'Kırklareli',
  'Kırşehir',
  'Kocaeli',
  'Konya',
  'Kütahya',
  'Malatya',
  'Manisa',
  'Kahramanmaraş',
  'Mardin',
  'Muğla',
  'Muş',
  'Nevşehir',
  'Niğde',
  'Ordu',
  'Rize',
  'Sakarya',
  'Samsun',
  'Siirt',
  'Sinop',
  'Sivas',
  'Tekirdağ',
  'Tokat',
  'Trabzon',
  'Tunceli',
  'Şanlıurfa',
  'Uşak',
  'Van',
  'Yozgat',
  'Zonguldak',
  'Aksaray',
  'Bayburt',
  'Karaman',
  'Kırıkkale',
  'Batman',
  'Şırnak',
  'Bartın',
  'Ardahan',
  'Iğdır',
  'Yalova',
  'Karabük',
  'Kilis',
  'Osmaniye',
  'Düzce',
] as const;

/**
 * All 81 provinces in code order (`PROVINCES[0]` is `01` Adana, `PROVINCES[80]` is `81` Düzce).
 *
 * @example
 * ```ts
 * PROVINCES.find((p) => p.code === '06')?.name; // 'Ankara'
 * ```
 */
export const PROVINCES: readonly Province[] = NAMES.map((name, i) => ({
  code: String(i + 1).padStart(2, '0'),
  name,
}));

/**
 * The province with this code (`'34'` or `34`), or `undefined`.
 *
 * @example
 * ```ts
 * provinceByCode('34')?.name; // 'İstanbul'
 * provinceByCode(82); // undefined
 * ```
 */
export function provinceByCode(code: string | number): Province | undefined {
  const n = typeof code === 'number' ? code : /^\d{1,2}$/.test(code) ? Number(code) : Number.NaN;
  return Number.isInteger(n) && n >= 1 && n <= 81 ? PROVINCES[n - 1] : undefined;
}

const ASCII: Record<string, string> = {
  ı: 'i',
  ş: 's',
  ğ: 'g',
  ü: 'u',
  ö: 'o',
  ç: 'c',
  â: 'a',
  î: 'i',
  û: 'u',
};
// Turkish lower-casing, then Turkish letters to ASCII: `İSTANBUL`, `Istanbul` and `istanbul` meet.
const fold = (s: string): string =>
  s
    .trim()
    .toLocaleLowerCase('tr')
    .replace(/[ışğüöçâîû]/g, (c) => ASCII[c] ?? c)
    .replace(/[\s.]+/g, ' ');
const BY_FOLDED = new Map<string, Province>();
for (const p of PROVINCES) BY_FOLDED.set(fold(p.name), p);
// Former and common alternative names.
for (const [alias, code] of [
  ['İçel', 33],
  ['Afyon', 3],
  ['Maraş', 46],
  ['K.Maraş', 46],
  ['Urfa', 63],
  ['Antep', 27],
] as const)
  BY_FOLDED.set(fold(alias), PROVINCES[code - 1]!);

/**
 * The province with this name, matched with Turkish case folding and without diacritics (`İSTANBUL`, `Istanbul`, `Sanliurfa`) and a
 * few former names (İçel, Maraş, Urfa, Afyon, Antep); `undefined` when it is not a province.
 *
 * @example
 * ```ts
 * provinceByName('İSTANBUL')?.code; // '34'
 * provinceByName('Urfa')?.name; // 'Şanlıurfa'
 * ```
 */
export function provinceByName(name: string): Province | undefined {
  if (typeof name !== 'string') return undefined;
  return BY_FOLDED.get(fold(name));
}
