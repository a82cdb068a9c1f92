/**
 * İYS error codes (`H…`): the Turkish message İYS sends, an English explanation, the HTTP status it
 * comes with and whether the request should be sent again.
 *
 * Sources: the official developer pages, İYS's own sample uploader and a third-party copy of İYS's
 * error table (see `docs/iys.md`). Where İYS's exact Turkish wording was not found, the entry says
 * so (`textSource: 'izinkit'`) and the text is ours. Match errors on `code`, never on the message:
 * İYS has changed its messages between versions.
 */

/** Every H-code izinkit knows, in numeric order. */
export const H_CODES = [
  'H014',
  'H015',
  'H082',
  'H083',
  'H084',
  'H085',
  'H090',
  'H091',
  'H092',
  'H093',
  'H095',
  'H097',
  'H098',
  'H100',
  'H101',
  'H102',
  'H103',
  'H104',
  'H105',
  'H106',
  'H107',
  'H110',
  'H111',
  'H112',
  'H113',
  'H114',
  'H115',
  'H116',
  'H117',
  'H118',
  'H119',
  'H120',
  'H121',
  'H122',
  'H123',
  'H124',
  'H125',
  'H126',
  'H127',
  'H129',
  'H155',
  'H156',
  'H157',
  'H158',
  'H160',
  'H161',
  'H162',
  'H163',
  'H164',
  'H166',
  'H168',
  'H169',
  'H170',
  'H171',
  'H172',
  'H173',
  'H174',
  'H175',
  'H176',
  'H178',
  'H179',
  'H180',
  'H181',
  'H182',
  'H183',
  'H186',
  'H187',
  'H190',
  'H191',
  'H192',
  'H193',
  'H194',
  'H195',
  'H196',
  'H198',
  'H199',
  'H250',
  'H251',
  'H252',
  'H351',
  'H353',
  'H355',
  'H363',
  'H400',
  'H401',
  'H403',
  'H408',
  'H412',
  'H459',
  'H462',
  'H463',
  'H464',
  'H470',
  'H501',
  'H502',
  'H503',
  'H512',
] as const;

/**
 * An İYS error code izinkit knows. İYS may send others; errors keep them as plain strings.
 *
 * @example
 * ```ts
 * const code: HCode = 'H174';
 * ```
 */
export type HCode = (typeof H_CODES)[number];

/**
 * What izinkit knows about one H-code.
 *
 * @example
 * ```ts
 * const info: HCodeInfo = H_CODE_TABLE.H175;
 * info.httpStatus; // 422
 * ```
 */
export interface HCodeInfo {
  /** The code, e.g. `H174`. */
  readonly code: HCode;
  /** İYS's Turkish message; `{{name}}` marks a placeholder İYS fills in. */
  readonly tr: string;
  /** What it means, in English. */
  readonly en: string;
  /** The HTTP status İYS sends it with. */
  readonly httpStatus: number;
  /** True when İYS lists it among the codes whose request must be sent again. */
  readonly retryable: boolean;
  /** `iys`: the Turkish text is İYS's own; `izinkit`: İYS's wording was not found, the text is ours. */
  readonly textSource: 'iys' | 'izinkit';
  /** Caveats: unconfirmed statuses, assumptions, known variants. */
  readonly note?: string;
}

type Row = [
  tr: string,
  en: string,
  httpStatus: number,
  retryable: boolean,
  textSource: 'iys' | 'izinkit',
  note?: string,
];

const ROWS: Record<HCode, Row> = {
  H014: [
    'Gönderilen istek JSON formatına uygun olmalıdır.',
    'The request body is not valid JSON.',
    400,
    false,
    'iys',
  ],
  H015: [
    'Beklenmeyen bir hata oluştu.',
    'Unexpected server error; send the request again.',
    500,
    true,
    'izinkit',
  ],
  H082: [
    'Değer listesi getirilemedi.',
    'Listing the allowed values failed on the server.',
    500,
    false,
    'izinkit',
  ],
  H083: [
    'Saniyede kabul edilen istek limitine ulaşıldı. Lütfen daha sonra tekrar deneyiniz.',
    'Per-second request limit reached; wait and send again.',
    429,
    true,
    'iys',
  ],
  H084: [
    'Saatte kabul edilen kimlik doğrulama istek limitine ulaşıldı. Lütfen daha sonra tekrar deneyiniz.',
    'Hourly limit on authentication (token) requests reached; stop asking for tokens for an hour.',
    429,
    false,
    'iys',
    'HTTP status not confirmed; clients observed in production stop requesting tokens for one hour.',
  ],
  H085: ['Geçersiz izin ekleme isteği.', 'Invalid consent add request.', 400, false, 'izinkit'],
  H090: [
    'Geçersiz bayi ekleme isteği.',
    'Invalid retailer add request (field rules of the retailer body).',
    422,
    false,
    'izinkit',
    'The simulator also uses it for retailer limits and for deleting a retailer that was linked to a consent (İYS codes for those are not published).',
  ],
  H091: [
    'İzin ekleme sayısı en fazla {{BATCH_CONSENT_COUNT}} olmalıdır.',
    'Too many consents in one request.',
    422,
    false,
    'iys',
  ],
  H092: ['Geçersiz çoklu izin ekleme isteği.', 'Invalid batch consent request.', 400, false, 'izinkit'],
  H093: [
    '{{transactionId}} bulunamadı.',
    'The requested item (request id, transaction, consent) was not found.',
    422,
    false,
    'iys',
    'Which endpoints use it, and with which HTTP status, is not confirmed; the simulator uses it for unknown batch requests (422) and for a consent that does not exist (404).',
  ],
  H095: ['Geçersiz işlem sorgulama isteği.', 'Invalid transaction query.', 400, false, 'izinkit'],
  H097: ['Geçersiz izin sorgulama isteği.', 'Invalid consent query.', 400, false, 'izinkit'],
  H098: [
    'Geçersiz günlük değişiklik sorgulama isteği.',
    'Invalid change (pull) query, e.g. a malformed `after` cursor.',
    422,
    false,
    'izinkit',
  ],
  H100: ['Kayıt işlemi gerçekleştirilemedi.', 'Server-side storage failure.', 500, false, 'izinkit'],
  H101: [
    'Kayıt işlemi gerçekleştirilemedi.',
    'Server-side storage failure; send again.',
    500,
    true,
    'izinkit',
  ],
  H102: [
    'Şifreleme işlemi gerçekleştirilemedi.',
    'Server-side encryption failure; send again.',
    500,
    true,
    'izinkit',
  ],
  H103: [
    'Arama işlemi gerçekleştirilemedi.',
    'Server-side search failure; send again.',
    500,
    true,
    'izinkit',
  ],
  H104: ['Rapor oluşturulamadı.', 'Server-side report failure.', 500, false, 'izinkit'],
  H105: ['Listeleme işlemi gerçekleştirilemedi.', 'Server-side listing failure.', 500, false, 'izinkit'],
  H106: ['İşlem gerçekleştirilemedi.', 'Server-side failure.', 500, false, 'izinkit'],
  H107: ['İşlem gerçekleştirilemedi.', 'Server-side failure.', 500, false, 'izinkit'],
  H110: [
    'İzin durumu (status) bulunamadı.',
    'Missing field: status.',
    422,
    false,
    'izinkit',
    'Worded like H111/H113/H114.',
  ],
  H111: ['İzin tipi (type) bulunamadı.', 'Missing field: type.', 422, false, 'iys'],
  H112: [
    'İzin tarihi (consentDate) bulunamadı.',
    'Missing field: consentDate (required for BIREYSEL).',
    422,
    false,
    'izinkit',
    'Worded like H111/H113/H114.',
  ],
  H113: [
    'İzin kaynağı (source) bulunamadı.',
    'Missing field: source (required for BIREYSEL).',
    422,
    false,
    'iys',
  ],
  H114: ['Alıcı (recipient) bulunamadı.', 'Missing field: recipient.', 422, false, 'iys'],
  H115: [
    'İzin durumu (status) için uygun değerler: ONAY, RET',
    'Invalid status: ONAY or RET.',
    422,
    false,
    'izinkit',
    'Worded like H117.',
  ],
  H116: [
    'Alıcı tipi (recipientType) için uygun değerler: BIREYSEL, TACIR',
    'Invalid recipientType: BIREYSEL or TACIR.',
    422,
    false,
    'izinkit',
    'Worded like H117.',
  ],
  H117: [
    'İzin tipi (type) için uygun değerler: ARAMA, MESAJ, EPOSTA',
    'Invalid type: ARAMA, MESAJ or EPOSTA.',
    422,
    false,
    'iys',
  ],
  H118: [
    '{{unacceptableField}} kabul edilemedi. İstek gövdesinde bulunabilecek değerler: recipientType, retailerAccess, recipient, retailerCode, source, type, consentDate, status olmalıdır.',
    'Unknown field in the request body.',
    422,
    false,
    'iys',
  ],
  H119: [
    'İzin kaynağı (source) için uygun değerler: HS_FIZIKSEL_ORTAM, HS_ISLAK_IMZA, HS_WEB, HS_CAGRI_MERKEZI, HS_SOSYAL_MEDYA, HS_EPOSTA, HS_MESAJ, HS_MOBIL, HS_EORTAM, HS_ETKINLIK, HS_2015, HS_ATM, HS_KARAR',
    'Invalid source; a provider may send only HS_* values (never IYS_*).',
    422,
    false,
    'izinkit',
    'The value list is İYS’s; the sentence is worded like H117.',
  ],
  H120: [
    'Alıcı (recipient) kabul edilemedi. Geçerli bir eposta adresi giriniz.',
    'Invalid e-mail address.',
    422,
    false,
    'iys',
  ],
  H121: [
    'Alıcı (recipient) için E164 uluslararası([+][country code][area code][local phone number]) formatına uygun bir telefon numarası girilmelidir. (örn. +905992000000)',
    'Phone numbers must be E.164, e.g. +905992000000.',
    422,
    false,
    'iys',
  ],
  H122: [
    'Alıcı (recipient) telefon numarası ya da eposta adresi olmalıdır.',
    'The recipient is neither a phone number nor an e-mail address.',
    422,
    false,
    'izinkit',
  ],
  H123: [
    'Servis şu anda meşguldür. Lütfen daha sonra tekrar deneyiniz.',
    'Service busy; send again later.',
    503,
    true,
    'iys',
    'HTTP status not confirmed.',
  ],
  H124: [
    'Saniyede kabul edilen istek limitine ulaşıldı. Lütfen daha sonra tekrar deneyiniz.',
    'Per-second request limit reached; wait and send again.',
    429,
    true,
    'iys',
  ],
  H125: [
    'Tek seferde eklenecek izin sayısı en fazla 1000 olmalıdır.',
    'At most 1000 consents per batch request.',
    422,
    false,
    'iys',
  ],
  H126: [
    'Bayi erişim listesi (retailerAccess) uzunluğu en fazla 100 olmalıdır.',
    'At most 100 retailers in retailerAccess.',
    422,
    false,
    'izinkit',
    'İYS’s own message is truncated in the only copy found ("en fazla {{100…").',
  ],
  H127: [
    'Alıcı listesi (recipients) uzunluğu en fazla 100 olmalıdır.',
    'At most 100 recipients per retailer-access request.',
    422,
    false,
    'iys',
  ],
  H129: ['Entegratör:{{iysCode}} bulunamadı.', 'Integrator not found.', 404, false, 'iys'],
  H155: [
    'İzin kaynağı "1 Mayıs 2015 öncesi" olan izinler için, izin tarihi sadece 2015-05-01 00:00:00 olabilir.',
    'Source HS_2015 takes only consentDate 2015-05-01 00:00:00.',
    422,
    false,
    'iys',
    'The official batch-status example shows H155 with "İzin tarihi (consentDate) için 2015-05-01 00:00:00 tarihinden önceki tarihler girilmemelidir." (the pre-2015 rule): the text changed between versions.',
  ],
  H156: [
    "İzinler için 1 Mayıs 2015'den önceki tarihler kabul edilmemektedir.",
    'consentDate may not be before 2015-05-01 00:00:00.',
    422,
    false,
    'iys',
  ],
  H157: [
    'Geçerli bir tarih girilmelidir.',
    'The consentDate does not exist (e.g. 30 February).',
    422,
    false,
    'iys',
  ],
  H158: [
    'İzin tarihi yyyy-mm-dd hh:mm:ss formatında olmalıdır.',
    'consentDate must be YYYY-MM-DD HH:mm:ss (Türkiye time).',
    422,
    false,
    'iys',
  ],
  H160: [
    'Alıcı (recipient) en fazla 15 karakter olmalıdır.',
    'A phone recipient is longer than 15 characters.',
    422,
    false,
    'izinkit',
  ],
  H161: [
    'İzin tarihi (consentDate) mevcut tarih ve saatten en fazla 3 iş günü geride olabilir.',
    'A consent may be registered at most 3 business days after its consentDate.',
    422,
    false,
    'izinkit',
    'ASSUMPTION: İYS enforces the 3-business-day rule but its code is not published. izinkit (client and simulator) uses H161, a code missing from every copy of the error table.',
  ],
  H162: [
    'Mevcut tarih ve saatten ileri bir tarih ve saat girilmemelidir.',
    'consentDate may not be in the future.',
    422,
    false,
    'iys',
  ],
  H163: [
    'Bayiler (retailer) kabul edilemedi. Lütfen boş liste eklemeyiniz.',
    'retailerAccess may not be an empty list.',
    422,
    false,
    'iys',
  ],
  H164: [
    'Alıcılar (recipients) kabul edilemedi. Lütfen boş liste eklemeyiniz.',
    'recipients may not be an empty list.',
    422,
    false,
    'izinkit',
  ],
  H166: [
    'Alıcı (recipient) en fazla 15 karakter olmalıdır.',
    'A phone recipient is longer than 15 characters.',
    422,
    false,
    'izinkit',
  ],
  H168: ['Alıcı listesi (recipients) bulunamadı.', 'Missing field: recipients.', 422, false, 'izinkit'],
  H169: [
    'Bayi erişim listesi (retailerAccess) bulunamadı.',
    'Missing field: retailerAccess.',
    422,
    false,
    'izinkit',
  ],
  H170: [
    'Alıcı tipi (recipientType) bulunamadı.',
    'Missing field: recipientType.',
    422,
    false,
    'izinkit',
    'Worded like H111/H113/H114.',
  ],
  H171: [
    'Geçersiz bayi erişimi verme isteği.',
    'Invalid retailer-access give request.',
    422,
    false,
    'izinkit',
  ],
  H172: [
    'Geçersiz bayi erişimi silme isteği.',
    'Invalid retailer-access remove request.',
    422,
    false,
    'izinkit',
  ],
  H173: ['Geçersiz bayi erişimi sorgulama isteği.', 'Invalid retailer-access query.', 422, false, 'izinkit'],
  H174: [
    'İzin durumu (status) güncellemesi için farklı bir durum girilmelidir. İzin durumu: {{status}}',
    'The consent already has this status (ONAY on ONAY, RET on RET). After a retry this usually means "already registered".',
    422,
    false,
    'iys',
  ],
  H175: [
    'İlk defa kaydedilen bir iznin durum (status) bilgisi RET olmamalıdır.',
    'The first record of a consent cannot be RET.',
    422,
    false,
    'iys',
  ],
  H176: [
    'Sadece admin hesabıyla işlem yapılabilir.',
    'Only an admin account may do this.',
    403,
    false,
    'iys',
  ],
  H178: [
    'Sistemdeki iznin tarihinden önceki tarihli izinlerle güncelleme yapılamaz.',
    'The consentDate is not later than the stored consent’s consentDate.',
    422,
    false,
    'iys',
  ],
  H179: [
    'İzin tarihi karşılaştırması yapılamadı.',
    'Date comparison failed on the server; send again.',
    500,
    true,
    'iys',
  ],
  H180: [
    'İstek gövdesinde yer alan bayi İYS numarasıyla (retailerCode) herhangi bir bayi bulunamadı.',
    'Unknown retailer code.',
    403,
    false,
    'iys',
  ],
  H181: ['Bayi bilgisi listelenemedi.', 'Listing retailers failed on the server.', 500, false, 'iys'],
  H182: ['offset değeri geçerli olmalıdır.', 'Invalid offset.', 422, false, 'iys'],
  H183: ['limit değeri geçerli olmalıdır.', 'Invalid limit.', 422, false, 'iys'],
  H186: [
    'Sayfalama (pagination) değeri en fazla 100 olabilir.',
    'Page size (limit) is at most 100.',
    422,
    false,
    'iys',
  ],
  H187: ['Limit değerleri sıfır olmamalıdır.', 'limit may not be zero.', 422, false, 'iys'],
  H190: ['iysCode integer bir değer olmalıdır.', 'iysCode must be an integer.', 422, false, 'iys'],
  H191: ['brandCode integer bir değer olmalıdır.', 'brandCode must be an integer.', 422, false, 'iys'],
  H192: ['İstek zaman aşımına uğradı.', 'The request timed out on the server; send again.', 503, true, 'iys'],
  H193: [
    '{{field}} ({{value}}) değeri liste içinde tekrarlanamaz.',
    'A value appears twice in a list (retailer code or recipient).',
    422,
    false,
    'iys',
  ],
  H194: [
    'İzin listede daha önce tanımlandı. Liste içinde izinler alıcı tipi (recipientType), tip (type) ve alıcı (recipient) değerleri için tekrarlanamaz.',
    'The same (recipientType, type, recipient) appears twice in one batch.',
    422,
    false,
    'iys',
  ],
  H195: ['Marka bilgisi bulunamadı.', 'Brand not found for this service provider.', 403, false, 'izinkit'],
  H196: [
    'Hizmet sağlayıcı bilgisi bulunamadı.',
    'Service provider (iysCode) not found.',
    403,
    false,
    'izinkit',
  ],
  H198: [
    'requestId 36 karakterden daha uzun olamaz.',
    'requestId longer than 36 characters.',
    422,
    false,
    'iys',
  ],
  H199: [
    'requestId sadece harflerden meydana gelemez.',
    'requestId may not be letters only.',
    422,
    false,
    'iys',
  ],
  H250: ['Kullanıcı adı veya şifre eksik!', 'Username or password missing.', 400, false, 'iys'],
  H251: ['Kullanıcı kimlik bilgileri geçersiz!', 'Invalid credentials.', 401, false, 'iys'],
  H252: [
    'Kimlik doğrulaması yapılamadı. Kimlik bilgileri eksik!',
    'Authentication failed: credentials incomplete (e.g. refresh token missing or expired).',
    400,
    false,
    'iys',
  ],
  H351: ['Eksik veya geçersiz jeton!', 'Missing, invalid or expired access token.', 401, false, 'iys'],
  H353: [
    '{{field}}, kullanıcı izinleriyle eşleştirilemiyor',
    'The iysCode (or brand) does not belong to this API user.',
    403,
    false,
    'iys',
  ],
  H355: [
    'Kullanıcı da {{type}} yetkisi bulunmamaktadır!',
    'The user lacks this permission.',
    404,
    false,
    'iys',
  ],
  H363: [
    'Bu servisi kullanabilmek için yetkiniz bulunmamaktadır.',
    'Not authorised to use this service.',
    400,
    false,
    'iys',
  ],
  H400: [
    'requestId sadece sayılardan meydana gelemez.',
    'requestId may not be digits only.',
    422,
    false,
    'iys',
  ],
  H401: [
    'Bayi eklenmesi beklenen izin sistemde bulunmamaktadır.',
    'The consent to give retailer access to does not exist.',
    422,
    false,
    'iys',
  ],
  H403: [
    'Geçersiz izin durumu sorgulama isteği.',
    'Invalid consent status query (e.g. more than 1000 recipients).',
    422,
    false,
    'izinkit',
  ],
  H408: [
    'HS_KARAR kaynağından iletilen izinler için durum bilgisi RET olmalıdır.',
    'Source HS_KARAR takes only status RET.',
    422,
    false,
    'iys',
  ],
  H412: ['İşlem şu anda gerçekleştirilemiyor.', 'Temporary failure; send again.', 500, true, 'izinkit'],
  H459: [
    'Alıcı (recipient) telefon formatında olduğunda izin tipi (type) MESAJ veya ARAMA olmalıdır.',
    'A phone recipient takes type MESAJ or ARAMA.',
    422,
    false,
    'izinkit',
  ],
  H462: [
    'TACIR izinleri güncellenirken izin tarihi (consentDate) verilmelidir',
    'Updating a TACIR consent needs consentDate.',
    422,
    false,
    'iys',
  ],
  H463: [
    'TACIR izinleri güncellenirken izin kaynağı (source) verilmelidir.',
    'Updating a TACIR consent needs source.',
    422,
    false,
    'iys',
  ],
  H464: [
    'İzin tipi (type) {{type}} için, alıcı (recipient) telefon formatında olmalıdır.',
    'Types MESAJ and ARAMA need a phone recipient.',
    422,
    false,
    'iys',
  ],
  H470: ['İşlem şu anda gerçekleştirilemiyor.', 'Temporary failure; send again.', 500, true, 'izinkit'],
  H501: [
    'Tarih formatı yyyy-mm-dd olmalıdır.',
    'reportDate must be YYYY-MM-DD.',
    422,
    false,
    'izinkit',
    'İYS’s message is truncated in the copy found ("Tarih formatı y…").',
  ],
  H502: [
    'reportDate alanı dün veya daha eski bir tarih olmalıdır.',
    'reportDate must be yesterday or earlier (the daily file: one of the 7 days before today).',
    422,
    false,
    'iys',
  ],
  H503: [
    '{{value}} kabul edilemedi. İstek gövdesinde bulunabilecek değerler: BIREYSEL, TACIR',
    'Invalid recipientType in the reconciliation path.',
    422,
    false,
    'iys',
  ],
  H512: [
    '{{value}} kabul edilemedi. İstek gövdesinde bulunabilecek değerler: true',
    'agreementStatus accepts only true, and a saved reconciliation cannot be changed.',
    422,
    false,
    'iys',
    'The simulator also answers H512 when a day is saved a second time (İYS’s code for that is not published).',
  ],
};

/**
 * The H-code table: for every {@link HCode}, its Turkish message, English explanation, HTTP status
 * and retry flag.
 *
 * @example
 * ```ts
 * H_CODE_TABLE.H124.retryable; // true
 * H_CODE_TABLE.H180.httpStatus; // 403
 * ```
 */
export const H_CODE_TABLE: Readonly<Record<HCode, HCodeInfo>> = Object.freeze(
  Object.fromEntries(
    H_CODES.map((code) => {
      const [tr, en, httpStatus, retryable, textSource, note] = ROWS[code];
      const info: HCodeInfo =
        note === undefined
          ? { code, tr, en, httpStatus, retryable, textSource }
          : { code, tr, en, httpStatus, retryable, textSource, note };
      return [code, Object.freeze(info)];
    }),
  ) as Record<HCode, HCodeInfo>,
);

/**
 * The code izinkit uses for the 3-business-day rule. **An assumption**: İYS enforces the rule but
 * its code is not published.
 *
 * @example
 * ```ts
 * if (error.code === THREE_BUSINESS_DAY_RULE_CODE) console.log('registered too late');
 * ```
 */
export const THREE_BUSINESS_DAY_RULE_CODE: HCode = 'H161';

/**
 * The codes İYS says must be sent again ("İsteğin Tekrar Gönderilmesi Gereken Hata Kodları"),
 * plus H083.
 *
 * @example
 * ```ts
 * RETRYABLE_H_CODES.includes('H192'); // true
 * ```
 */
export const RETRYABLE_H_CODES: readonly HCode[] = Object.freeze(H_CODES.filter((c) => ROWS[c][3]));

/**
 * True for a code izinkit knows.
 *
 * @example
 * ```ts
 * isHCode('H174'); // true
 * isHCode('H999'); // false
 * ```
 */
export function isHCode(code: unknown): code is HCode {
  return typeof code === 'string' && Object.hasOwn(ROWS, code);
}

/**
 * What izinkit knows about a code, or `undefined` for an unknown one.
 *
 * @example
 * ```ts
 * describeHCode('H175')?.en; // 'The first record of a consent cannot be RET.'
 * ```
 */
export function describeHCode(code: string): HCodeInfo | undefined {
  return isHCode(code) ? H_CODE_TABLE[code] : undefined;
}

/**
 * True when a request that failed with this code should be sent again (after a pause).
 *
 * @example
 * ```ts
 * isRetryableHCode('H124'); // true
 * isRetryableHCode('H174'); // false
 * ```
 */
export function isRetryableHCode(code: string): boolean {
  return isHCode(code) && ROWS[code][3];
}

/**
 * İYS's Turkish message for a code, with `{{placeholders}}` filled from `params` (unknown
 * placeholders are left as they are).
 *
 * @example
 * ```ts
 * formatHMessage('H174', { status: 'ONAY' });
 * // 'İzin durumu (status) güncellemesi için farklı bir durum girilmelidir. İzin durumu: ONAY'
 * ```
 */
export function formatHMessage(code: HCode, params: Readonly<Record<string, string | number>> = {}): string {
  return ROWS[code][0].replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}
