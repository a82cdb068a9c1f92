/**
 * The import's own codes, each with its Turkish and English message, and a small registry that
 * interns (code, message) pairs as numbers so that a million rows can carry their outcome in a
 * typed array.
 */
import { H_CODE_TABLE, isHCode } from '@izinkit/iys';

/**
 * A message in Turkish and English.
 *
 * @example
 * ```ts
 * const m: Bilingual = { tr: 'Telefon numarası geçersiz.', en: 'The phone number is not valid.' };
 * ```
 */
export interface Bilingual {
  /** Turkish. */
  readonly tr: string;
  /** English. */
  readonly en: string;
}

/**
 * Codes the import gives a row itself (besides the codes of @izinkit/identity, @izinkit/consent
 * and İYS's H-codes, which are passed through).
 *
 * @example
 * ```ts
 * const code: ImportCode = 'missing_recipient';
 * ```
 */
export type ImportCode =
  | 'missing_recipient'
  | 'ambiguous_recipient'
  | 'missing_type'
  | 'invalid_type'
  | 'missing_status'
  | 'invalid_status'
  | 'missing_source'
  | 'invalid_source'
  | 'missing_consent_date'
  | 'invalid_consent_date'
  | 'invalid_recipient_type'
  | 'registration_window_passed'
  | 'nothing_to_withdraw'
  | 'duplicate'
  | 'duplicate_conflict'
  | 'not_sent'
  | 'row_too_long';

/** Turkish and English text of every {@link ImportCode}. */
export const IMPORT_MESSAGES: { readonly [C in ImportCode]: Bilingual } = {
  missing_recipient: {
    tr: 'Satırda telefon numarası ya da e-posta adresi yok.',
    en: 'The row has no phone number or e-mail address.',
  },
  ambiguous_recipient: {
    tr: 'Satırda hem telefon hem e-posta var ve kanal (tip) belirtilmemiş; hangisinin izni olduğu belli değil.',
    en: 'The row has both a phone number and an e-mail address and no channel: it is not clear which one the consent is for.',
  },
  missing_type: {
    tr: 'İzin kanalı (MESAJ, ARAMA, EPOSTA) belirtilmemiş; --default-type ile bir varsayılan verin.',
    en: 'The channel (MESAJ, ARAMA, EPOSTA) is missing; give a default with --default-type.',
  },
  invalid_type: {
    tr: 'İzin kanalı tanınmadı; MESAJ, ARAMA ya da EPOSTA olmalıdır.',
    en: 'The channel is not recognised; it must be MESAJ, ARAMA or EPOSTA.',
  },
  missing_status: {
    tr: 'İzin durumu (ONAY/RET) boş.',
    en: 'The status (ONAY/RET) is empty.',
  },
  invalid_status: {
    tr: 'İzin durumu tanınmadı; ONAY/RET, evet/hayır, yes/no ya da 1/0 olmalıdır.',
    en: 'The status is not recognised; use ONAY/RET, evet/hayır, yes/no or 1/0.',
  },
  missing_source: {
    tr: 'İzin kaynağı (HS_*) boş; bireysel alıcılar için zorunludur (İYS H113). --default-source ile bir varsayılan verin.',
    en: 'The source (HS_*) is empty; it is required for BIREYSEL recipients (İYS H113). Give a default with --default-source.',
  },
  invalid_source: {
    tr: 'İzin kaynağı tanınmadı; HS_WEB, HS_FIZIKSEL_ORTAM, HS_2015 … gibi bir HS_* kaynağı olmalıdır (İYS H119).',
    en: 'The source is not recognised; it must be an HS_* source such as HS_WEB, HS_FIZIKSEL_ORTAM, HS_2015 (İYS H119).',
  },
  missing_consent_date: {
    tr: 'İzin tarihi boş; bireysel alıcılar için zorunludur (İYS H112).',
    en: 'The consent date is empty; it is required for BIREYSEL recipients (İYS H112).',
  },
  invalid_consent_date: {
    tr: 'İzin tarihi okunamadı; gg.aa.yyyy ss:dd[:sn] ya da yyyy-aa-gg ss:dd[:sn] (Türkiye saati) bekleniyor.',
    en: 'The consent date could not be read; expected dd.MM.yyyy HH:mm[:ss] or yyyy-MM-dd HH:mm[:ss] (Türkiye time).',
  },
  invalid_recipient_type: {
    tr: 'Alıcı tipi tanınmadı; BIREYSEL ya da TACIR (kurumsal) olmalıdır.',
    en: 'The recipient type is not recognised; it must be BIREYSEL or TACIR (business).',
  },
  registration_window_passed: {
    tr: 'Bu onay 3 iş günü içinde İYS’ye kaydedilmemiş; İYS eski tarihli onayları kabul etmez (İzin Doğrulama Kuralları; HS_2015 hariç). Yine de göndermek için --send-late.',
    en: 'This consent was not registered with İYS within 3 business days; İYS refuses back-dated consents (validation rules; HS_2015 excepted). Use --send-late to send it anyway.',
  },
  nothing_to_withdraw: {
    tr: 'Son karar RET ve dosyadaki önceki onay İYS’de kayıtlı değil; geri çekilecek bir izin yok, gönderilmedi. Markanın izinleri İYS’de zaten kayıtlıysa --known-to-iys kullanın.',
    en: 'The latest decision is RET and the earlier ONAY in the file is not in İYS: there is nothing to withdraw, so nothing was sent. Use --known-to-iys when the brand’s consents are already in İYS.',
  },
  duplicate: {
    tr: 'Aynı izin (alıcı, kanal, alıcı tipi) dosyada birden fazla kez var; en son tarihli satırla birleştirildi.',
    en: 'The same consent (recipient, channel, recipient type) appears more than once; merged into the row with the latest consent date.',
  },
  duplicate_conflict: {
    tr: 'Aynı izin için dosyada çelişen kararlar var (ONAY ve RET); en son tarihli karar geçerli sayıldı (aynı tarihte RET).',
    en: 'The file holds conflicting decisions for the same consent (ONAY and RET); the latest one wins (RET on the same date).',
  },
  not_sent: {
    tr: 'Gönderilmedi: içe aktarma tamamlanmadan durdu ya da deneme (--dry-run) çalıştırmasıydı. Devam etmek için aynı komutu yeniden çalıştırın.',
    en: 'Not sent: the import stopped before it finished, or it was a dry run (--dry-run). Run the same command again to resume.',
  },
  row_too_long: {
    tr: 'Satırda başlıktan daha fazla alan var; fazla alanlar yok sayıldı.',
    en: 'The row has more fields than the header; the extra fields were ignored.',
  },
};

/**
 * Interns outcome codes with their messages: `intern(code, message)` returns a small number,
 * `get(n)` gives the code and message back. Index 0 is reserved for "no code".
 *
 * @example
 * ```ts
 * const codes = new CodeRegistry();
 * const n = codes.intern('missing_status', IMPORT_MESSAGES.missing_status);
 * codes.get(n).code; // 'missing_status'
 * ```
 */
export class CodeRegistry {
  private readonly entries: { readonly code: string; readonly message: Bilingual }[] = [
    { code: '', message: { tr: '', en: '' } },
  ];
  private readonly index = new Map<string, number>();

  /** The number of a code (and message), added on first use. */
  intern(code: string, message: Bilingual): number {
    const k = `${code}\u0000${message.tr}\u0000${message.en}`;
    let n = this.index.get(k);
    if (n === undefined) {
      n = this.entries.length;
      if (n > 0xffff) throw new RangeError('too many distinct outcome codes');
      this.entries.push({ code, message });
      this.index.set(k, n);
    }
    return n;
  }

  /** An {@link ImportCode} with its own message. */
  local(code: ImportCode): number {
    return this.intern(code, IMPORT_MESSAGES[code]);
  }

  /** The code and message of a number. */
  get(n: number): { readonly code: string; readonly message: Bilingual } {
    const e = this.entries[n];
    if (e === undefined) throw new RangeError(`unknown outcome ${n}`);
    return e;
  }
}

/**
 * The Turkish and English message of an İYS answer: İYS's own Turkish text when it sent one, and
 * the English explanation from the client's H-code table.
 *
 * @example
 * ```ts
 * iysMessage('H175', 'İlk defa kaydedilen bir iznin durum (status) bilgisi RET olmamalıdır.').en;
 * // 'The first record of a consent cannot be RET.'
 * ```
 */
export function iysMessage(code: string, message: string): Bilingual {
  if (isHCode(code)) {
    const info = H_CODE_TABLE[code];
    return { tr: message !== '' ? message : info.tr, en: info.en };
  }
  // Client codes (iys_network, iys_timeout, …) carry "Turkish / English" messages.
  const slash = message.indexOf(' / ');
  return slash > 0
    ? { tr: message.slice(0, slash), en: message.slice(slash + 3) }
    : { tr: message, en: message };
}
