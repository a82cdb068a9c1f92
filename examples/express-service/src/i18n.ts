/**
 * The message catalogue: every text a person reads from the service, in Turkish and English.
 * The web pages (hosted forms, recipient portal, admin) add their keys here too.
 */

/** A supported locale. */
export type Locale = 'tr' | 'en';

/** Both languages of one message. */
export interface Localized {
  /** Türkçe. */
  readonly tr: string;
  /** English. */
  readonly en: string;
}

/**
 * A key of the message catalogue (written out so the declaration does not depend on the
 * catalogue's inferred type; the catalogue below must have exactly these keys).
 */
export type MessageKey =
  | 'problem.unauthorized'
  | 'problem.unauthorized.detail'
  | 'problem.forbidden'
  | 'problem.forbidden.detail'
  | 'problem.forbidden.global'
  | 'problem.validation'
  | 'problem.validation.detail'
  | 'problem.malformed_json'
  | 'problem.bad_encoding'
  | 'problem.bad_url'
  | 'problem.too_large'
  | 'problem.too_large.detail'
  | 'problem.unsupported_media_type'
  | 'problem.unsupported_media_type.detail'
  | 'problem.not_found'
  | 'problem.not_found.route'
  | 'problem.method_not_allowed'
  | 'problem.rate_limited'
  | 'problem.rate_limited.detail'
  | 'problem.consent_rejected'
  | 'problem.conflict'
  | 'problem.unavailable'
  | 'problem.internal'
  | 'problem.internal.detail'
  | 'problem.unknown_brand'
  | 'problem.unknown_brand.detail'
  | 'problem.iys'
  | 'problem.otp_invalid'
  | 'problem.otp_invalid.detail'
  | 'problem.otp_locked'
  | 'problem.otp_locked.detail'
  | 'problem.otp_expired'
  | 'problem.not_sequenced'
  | 'problem.not_sequenced.detail'
  | 'problem.agreement'
  | 'problem.application'
  | 'sms.code'
  | 'sms.link'
  | 'sms.confirm.ONAY'
  | 'sms.confirm.RET'
  | 'email.code.subject'
  | 'email.link.subject'
  | 'email.confirm.subject'
  | 'web.optin.title'
  | 'web.optin.etk'
  | 'web.optin.kvkk'
  | 'web.optin.aydinlatma'
  | 'web.optin.separate'
  | 'web.optin.submit'
  | 'web.optin.done'
  | 'web.optin.gone'
  | 'web.login.title'
  | 'web.login.username'
  | 'web.login.password'
  | 'web.login.submit'
  | 'web.login.failed'
  | 'web.admin.title'
  | 'web.admin.signedIn'
  | 'web.admin.logout'
  | 'web.csrf';

const CATALOGUE: Readonly<Record<MessageKey, Localized>> = {
  // ── problems (RFC 9457 titles and details) ──────────────────────────────────────────────
  'problem.unauthorized': {
    tr: 'Kimlik doğrulaması gerekli',
    en: 'Authentication required',
  },
  'problem.unauthorized.detail': {
    tr: 'Geçerli bir API anahtarını "Authorization: Bearer <anahtar>" ya da "X-API-Key" başlığında gönderin.',
    en: 'Send a valid API key in "Authorization: Bearer <key>" or the "X-API-Key" header.',
  },
  'problem.forbidden': { tr: 'Yetki yok', en: 'Forbidden' },
  'problem.forbidden.detail': {
    tr: 'Bu API anahtarının {brand} markası için "{permission}" yetkisi yok.',
    en: 'This API key lacks the "{permission}" permission for brand {brand}.',
  },
  'problem.forbidden.global': {
    tr: 'Bu işlem için API anahtarının hub’daki tüm markalarda "{permission}" yetkisi olmalı.',
    en: 'This action needs the "{permission}" permission on every brand of the hub.',
  },
  'problem.validation': { tr: 'İstek geçersiz', en: 'Invalid request' },
  'problem.validation.detail': {
    tr: 'İstekteki {count} alan geçersiz: {fields}.',
    en: '{count} field(s) of the request are invalid: {fields}.',
  },
  'problem.malformed_json': { tr: 'Gövde geçerli JSON değil', en: 'The body is not valid JSON' },
  'problem.bad_encoding': { tr: 'Gövde geçerli UTF-8 değil', en: 'The body is not valid UTF-8' },
  'problem.bad_url': { tr: 'Adres çözülemedi', en: 'The URL could not be decoded' },
  'problem.too_large': { tr: 'İstek gövdesi çok büyük', en: 'The request body is too large' },
  'problem.too_large.detail': {
    tr: 'En çok {limit} bayt kabul edilir.',
    en: 'At most {limit} bytes are accepted.',
  },
  'problem.unsupported_media_type': { tr: 'İçerik türü desteklenmiyor', en: 'Unsupported media type' },
  'problem.unsupported_media_type.detail': { tr: 'Beklenen: {expected}.', en: 'Expected: {expected}.' },
  'problem.not_found': { tr: 'Bulunamadı', en: 'Not found' },
  'problem.not_found.route': { tr: 'Böyle bir uç nokta yok.', en: 'There is no such endpoint.' },
  'problem.method_not_allowed': { tr: 'Yöntem desteklenmiyor', en: 'Method not allowed' },
  'problem.rate_limited': { tr: 'Çok fazla istek', en: 'Too many requests' },
  'problem.rate_limited.detail': {
    tr: 'İstek sınırı aşıldı; {seconds} saniye sonra yeniden deneyin.',
    en: 'The rate limit was exceeded; retry in {seconds} s.',
  },
  'problem.consent_rejected': { tr: 'İzin kaydı reddedildi', en: 'The consent decision was refused' },
  'problem.conflict': { tr: 'Çakışma', en: 'Conflict' },
  'problem.unavailable': { tr: 'Hizmet kullanılamıyor', en: 'Service unavailable' },
  'problem.internal': { tr: 'Beklenmeyen hata', en: 'Unexpected error' },
  'problem.internal.detail': {
    tr: 'İstek işlenirken beklenmeyen bir hata oluştu; kayıt numarası: {id}.',
    en: 'An unexpected error occurred; reference: {id}.',
  },
  'problem.unknown_brand': { tr: 'Marka bulunamadı', en: 'Unknown brand' },
  'problem.unknown_brand.detail': {
    tr: '{brand} bu hub’da tanımlı bir marka değil.',
    en: '{brand} is not a brand of this hub.',
  },
  'problem.iys': { tr: 'İYS isteği başarısız', en: 'The İYS request failed' },
  'problem.otp_invalid': { tr: 'Doğrulama kodu yanlış', en: 'Wrong verification code' },
  'problem.otp_invalid.detail': {
    tr: 'Kod yanlış; {left} deneme hakkınız kaldı.',
    en: 'The code is wrong; {left} attempt(s) left.',
  },
  'problem.otp_locked': { tr: 'Doğrulama kilitlendi', en: 'Verification locked' },
  'problem.otp_locked.detail': {
    tr: 'Çok fazla yanlış deneme; yeni bir doğrulama isteyin.',
    en: 'Too many wrong attempts; request a new verification.',
  },
  'problem.otp_expired': { tr: 'Doğrulamanın süresi doldu', en: 'Verification expired' },
  'problem.not_sequenced': { tr: 'Kanıt henüz günlükte değil', en: 'Evidence not in the log yet' },
  'problem.not_sequenced.detail': {
    tr: 'Kayıt birkaç saniye içinde Merkle günlüğüne eklenir; yeniden deneyin.',
    en: 'The entry joins the Merkle log within seconds; retry.',
  },
  'problem.agreement': { tr: 'Sözleşme metni işlemi reddedildi', en: 'The agreement operation was refused' },
  'problem.application': { tr: 'Başvuru işlemi reddedildi', en: 'The application event was refused' },

  // ── messages to people (SMS / e-mail) ───────────────────────────────────────────────────
  'sms.code': {
    tr: '{brand} ticari ileti onay kodunuz: {code}. Kod {minutes} dk geçerlidir. İzninizi geri almak için: {ret} MERSİS: {mersis}',
    en: '{brand} consent code for commercial messages: {code}. Valid for {minutes} min. To opt out: {ret} MERSIS: {mersis}',
  },
  'sms.link': {
    tr: '{brand} ticari ileti ve KVKK izinleriniz için: {url} İzninizi geri almak için: {ret} MERSİS: {mersis}',
    en: '{brand} – review your commercial-message and KVKK consents: {url} To opt out: {ret} MERSIS: {mersis}',
  },
  'sms.confirm.ONAY': {
    tr: '{brand} ticari elektronik ileti onayınız {date} tarihinde alınmıştır. İzninizi geri almak için: {ret} MERSİS: {mersis}',
    en: '{brand} recorded your consent to commercial messages on {date}. To opt out: {ret} MERSIS: {mersis}',
  },
  'sms.confirm.RET': {
    tr: '{brand} ticari elektronik ileti ret talebiniz {date} tarihinde alınmıştır. Yeniden izin için: {url} MERSİS: {mersis}',
    en: '{brand} recorded your opt-out from commercial messages on {date}. To opt in again: {url} MERSIS: {mersis}',
  },
  'email.code.subject': { tr: '{brand} onay kodunuz', en: 'Your {brand} consent code' },
  'email.link.subject': { tr: '{brand} izinleriniz', en: 'Your {brand} consents' },
  'email.confirm.subject': { tr: '{brand} izin kaydınız', en: 'Your {brand} consent record' },

  // ── web pages ────────────────────────────────────────────────────────────────────────────
  'web.optin.title': { tr: '{brand} – izinleriniz', en: '{brand} – your consents' },
  'web.optin.etk': {
    tr: 'Ticari elektronik ileti (ETK) almayı kabul ediyorum.',
    en: 'I agree to receive commercial electronic messages (ETK).',
  },
  'web.optin.kvkk': {
    tr: 'Kişisel verilerimin işlenmesine açık rıza veriyorum (KVKK).',
    en: 'I give explicit consent to the processing of my personal data (KVKK).',
  },
  'web.optin.aydinlatma': { tr: 'Aydınlatma metni', en: 'Information notice' },
  'web.optin.separate': {
    tr: 'İki onay birbirinden bağımsızdır; ikisini de vermek zorunda değilsiniz.',
    en: 'The two consents are independent; you need not give either.',
  },
  'web.optin.submit': { tr: 'Onayla', en: 'Confirm' },
  'web.optin.done': {
    tr: 'Tercihleriniz kaydedildi. Teşekkürler.',
    en: 'Your choices were recorded. Thank you.',
  },
  'web.optin.gone': {
    tr: 'Bu bağlantı geçersiz ya da süresi dolmuş.',
    en: 'This link is invalid or has expired.',
  },
  'web.login.title': { tr: 'Yönetici girişi', en: 'Admin sign-in' },
  'web.login.username': { tr: 'Kullanıcı adı', en: 'Username' },
  'web.login.password': { tr: 'Parola', en: 'Password' },
  'web.login.submit': { tr: 'Giriş', en: 'Sign in' },
  'web.login.failed': { tr: 'Kullanıcı adı ya da parola yanlış.', en: 'Wrong username or password.' },
  'web.admin.title': { tr: 'izinkit yönetim', en: 'izinkit admin' },
  'web.admin.signedIn': { tr: '{user} olarak giriş yaptınız.', en: 'Signed in as {user}.' },
  'web.admin.logout': { tr: 'Çıkış', en: 'Sign out' },
  'web.csrf': { tr: 'Form süresi doldu; sayfayı yenileyin.', en: 'The form expired; reload the page.' },
};

/**
 * Looks a message up and fills `{name}` placeholders.
 *
 * @example
 * ```ts
 * t('tr', 'problem.too_large.detail', { limit: 1024 }); // 'En çok 1024 bayt kabul edilir.'
 * ```
 */
export function t(
  locale: Locale,
  key: MessageKey,
  params: Readonly<Record<string, string | number>> = {},
): string {
  const text: string = CATALOGUE[key][locale];
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/**
 * Both languages of a message.
 *
 * @example
 * ```ts
 * both('problem.forbidden'); // { tr: 'Yetki yok', en: 'Forbidden' }
 * ```
 */
export function both(key: MessageKey, params: Readonly<Record<string, string | number>> = {}): Localized {
  return { tr: t('tr', key, params), en: t('en', key, params) };
}

/**
 * The preferred supported locale of an `Accept-Language` header (q-values honoured); Turkish
 * when nothing matches.
 *
 * @example
 * ```ts
 * localeFrom('en-GB,en;q=0.9,tr;q=0.8'); // 'en'
 * ```
 */
export function localeFrom(header: string | undefined): Locale {
  if (!header) return 'tr';
  let best: Locale = 'tr';
  let bestQ = -1;
  for (const part of header.split(',').slice(0, 20)) {
    const [tag, ...params] = part.trim().split(';');
    const lang = tag?.trim().toLowerCase().slice(0, 2);
    if (lang !== 'tr' && lang !== 'en') continue;
    const qp = params.find((p) => p.trim().startsWith('q='));
    const q = qp ? Number(qp.trim().slice(2)) : 1;
    if (Number.isFinite(q) && q > bestQ) {
      best = lang;
      bestQ = q;
    }
  }
  return best;
}
