/**
 * Errors and results of the consent machine. Expected failures are values with a stable string
 * `code` and a message in Turkish and English; exceptions ({@link ConsentMachineError}) are for
 * bugs and corrupt data.
 */

/**
 * The outcome of an operation that can fail in an expected way.
 *
 * @example
 * ```ts
 * const r: Result<number, string> = { ok: true, value: 1 };
 * if (r.ok) console.log(r.value);
 * ```
 */
export type Result<T, E> =
  | {
      /** It worked. */
      readonly ok: true;
      /** The value. */
      readonly value: T;
    }
  | {
      /** It failed in an expected way. */
      readonly ok: false;
      /** Why. */
      readonly error: E;
    };

/**
 * Why a consent key could not be built ({@link consentKey}).
 *
 * @example
 * ```ts
 * const code: KeyErrorCode = 'channel_mismatch';
 * ```
 */
export type KeyErrorCode =
  | 'invalid_brand_code'
  | 'invalid_recipient'
  | 'invalid_recipient_type'
  | 'invalid_type'
  | 'channel_mismatch';

/**
 * Why {@link transition} refused an event. The state is left exactly as it was and no effect is
 * produced; a refused event should not be appended to the log. Where İYS has a rule of its own the
 * İYS code is named: the machine refuses what İYS would refuse, before it is sent.
 *
 * - `invalid_event` — malformed (timestamps must be canonical ISO instants, see {@link toInstant}).
 * - `event_in_future` — the event is stamped after `context.now`.
 * - `invalid_status` / `invalid_source` — not an İYS value (H115 / H119).
 * - `iys_source_not_allowed` — an `IYS_*` source on a decision of ours (rule 3; only İYS reports those).
 * - `consent_date_in_future` — consentDate after the event (H162).
 * - `consent_date_before_2015` — consentDate before 2015-05-01 00:00:00 (H155/H156).
 * - `hs2015_date_mismatch` — `HS_2015` with any date but 2015-05-01 00:00:00 (H155).
 * - `karar_requires_ret` — `HS_KARAR` with ONAY (H408).
 * - `first_record_ret` — a RET with no consent on record (H175).
 * - `older_than_current` — not later than the decision on record (H178: latest consentDate wins).
 * - `calendar_not_covered` — the statutory deadline falls outside the holiday calendar.
 * - `invalid_verification_source` — double opt-in with `HS_KARAR` or `HS_2015`.
 * - `invalid_expiry` — a verification that expires before it starts.
 * - `unknown_verification` / `verification_not_active` / `code_not_sent` — a verification event
 *   that does not fit the verification in progress.
 * - `unknown_change` — an İYS result for a change this key never had.
 * - `change_not_sendable` — `IYS_SUBMITTED` for a change that must not be sent (queued behind
 *   another, or already resolved): do not send it.
 *
 * @example
 * ```ts
 * const code: RejectionCode = 'first_record_ret';
 * ```
 */
export type RejectionCode =
  | 'invalid_event'
  | 'event_in_future'
  | 'invalid_status'
  | 'invalid_source'
  | 'iys_source_not_allowed'
  | 'consent_date_in_future'
  | 'consent_date_before_2015'
  | 'hs2015_date_mismatch'
  | 'karar_requires_ret'
  | 'first_record_ret'
  | 'older_than_current'
  | 'calendar_not_covered'
  | 'invalid_verification_source'
  | 'invalid_expiry'
  | 'unknown_verification'
  | 'verification_not_active'
  | 'code_not_sent'
  | 'unknown_change'
  | 'change_not_sendable';

/**
 * Why {@link transition} accepted an event but changed nothing (a no-op, safe to drop or to log).
 *
 * - `same_status` — the status on record already (H174: the same status twice is not a change).
 * - `already_granted` — double opt-in asked while ONAY is on record.
 * - `duplicate_verification` — the verification in progress, requested again.
 * - `already_submitted` — `IYS_SUBMITTED` twice for the same change.
 * - `not_submitted` — a failed submission reported for a change that was not in flight.
 * - `duplicate_pull` — an İYS change already known.
 * - `stale_pull` — an İYS change older than what is known of İYS.
 * - `late_result` — a result for a change that is no longer outstanding, telling nothing new.
 * - `nothing_due` — a `TICK` with no deadline reached.
 *
 * @example
 * ```ts
 * const code: IgnoreCode = 'same_status';
 * ```
 */
export type IgnoreCode =
  | 'same_status'
  | 'already_granted'
  | 'duplicate_verification'
  | 'already_submitted'
  | 'not_submitted'
  | 'duplicate_pull'
  | 'stale_pull'
  | 'late_result'
  | 'nothing_due';

/**
 * Why a stored snapshot or a log entry could not be read ({@link migrate}, {@link parseEvent}).
 *
 * @example
 * ```ts
 * const code: ParseErrorCode = 'unsupported_version';
 * ```
 */
export type ParseErrorCode = 'invalid_state' | 'unsupported_version' | 'invalid_event';

/**
 * Every error code of this package.
 *
 * @example
 * ```ts
 * const code: ConsentErrorCode = 'older_than_current';
 * ```
 */
export type ConsentErrorCode = KeyErrorCode | RejectionCode | IgnoreCode | ParseErrorCode;

/**
 * An expected failure: a stable `code`, a message in Turkish and in English (`message` holds both,
 * `tr` and `en` each), and where it applies the `path` of the offending field and the `input`.
 *
 * @example
 * ```ts
 * const e: ConsentError<'first_record_ret'> = consentError('first_record_ret');
 * e.en; // 'The first record of a consent cannot be RET (İYS H175).'
 * ```
 */
export interface ConsentError<C extends ConsentErrorCode = ConsentErrorCode> {
  /** Stable machine-readable code. */
  readonly code: C;
  /** `"<Turkish> / <English>"`. */
  readonly message: string;
  /** The message in Turkish. */
  readonly tr: string;
  /** The message in English. */
  readonly en: string;
  /** The field at fault, when there is one. */
  readonly path?: readonly (string | number)[];
  /** The offending value, when it helps. */
  readonly input?: unknown;
}

const MESSAGES: { readonly [C in ConsentErrorCode]: readonly [tr: string, en: string] } = {
  invalid_brand_code: ['Marka kodu (brandCode) rakamlardan oluşmalıdır.', 'The brand code must be digits.'],
  invalid_recipient: [
    'Alıcı (recipient) geçerli bir telefon numarası ya da e-posta adresi değil.',
    'The recipient is neither a valid phone number nor a valid e-mail address.',
  ],
  invalid_recipient_type: [
    'Alıcı tipi (recipientType) BIREYSEL ya da TACIR olmalıdır.',
    'The recipient type must be BIREYSEL or TACIR.',
  ],
  invalid_type: [
    'İzin tipi (type) MESAJ, ARAMA ya da EPOSTA olmalıdır.',
    'The type must be MESAJ, ARAMA or EPOSTA.',
  ],
  channel_mismatch: [
    'Telefon numaraları yalnızca MESAJ ve ARAMA, e-posta adresleri yalnızca EPOSTA iznine sahip olabilir (İYS H459/H464).',
    'Phone numbers take only MESAJ and ARAMA, e-mail addresses only EPOSTA (İYS H459/H464).',
  ],
  invalid_event: ['Olay biçimi geçersiz.', 'The event is malformed.'],
  event_in_future: ['Olay zamanı şu andan sonra olamaz.', 'The event is stamped after the current time.'],
  invalid_status: [
    'İzin durumu (status) ONAY ya da RET olmalıdır (İYS H115).',
    'The status must be ONAY or RET (İYS H115).',
  ],
  invalid_source: [
    'İzin kaynağı (source) geçersiz (İYS H119).',
    'The source is not an İYS source (İYS H119).',
  ],
  iys_source_not_allowed: [
    'IYS_* kaynakları yalnızca İYS tarafından bildirilir; hizmet sağlayıcı gönderemez.',
    'IYS_* sources come only from İYS; a service provider cannot record them.',
  ],
  consent_date_in_future: [
    'İzin tarihi (consentDate) mevcut tarih ve saatten ileri olamaz (İYS H162).',
    'The consent date cannot be in the future (İYS H162).',
  ],
  consent_date_before_2015: [
    'İzin tarihi 2015-05-01 00:00:00 tarihinden önce olamaz (İYS H155/H156).',
    'The consent date cannot be before 2015-05-01 00:00:00 (İYS H155/H156).',
  ],
  hs2015_date_mismatch: [
    'HS_2015 kaynaklı izinlerde izin tarihi yalnızca 2015-05-01 00:00:00 olabilir (İYS H155).',
    'With source HS_2015 the consent date must be exactly 2015-05-01 00:00:00 (İYS H155).',
  ],
  karar_requires_ret: [
    'HS_KARAR kaynağından iletilen izinler için durum bilgisi RET olmalıdır (İYS H408).',
    'Source HS_KARAR is only valid with status RET (İYS H408).',
  ],
  first_record_ret: [
    'İlk defa kaydedilen bir iznin durumu RET olamaz; geri çekilecek bir onay yok (İYS H175).',
    'The first record of a consent cannot be RET (İYS H175).',
  ],
  older_than_current: [
    'Kayıtlı iznin tarihinden önceki ya da aynı tarihli bir izinle güncelleme yapılamaz (İYS H178).',
    'A decision cannot override one with the same or a later consent date (İYS H178).',
  ],
  calendar_not_covered: [
    'Yasal süre hesaplanamadı: tarih, tatil takviminin kapsadığı yılların dışında.',
    'The statutory deadline could not be computed: the date is outside the holiday calendar.',
  ],
  invalid_verification_source: [
    'Çift onay (double opt-in) HS_KARAR ya da HS_2015 kaynağıyla başlatılamaz.',
    'Double opt-in cannot use source HS_KARAR or HS_2015.',
  ],
  invalid_expiry: [
    'Doğrulamanın bitiş zamanı başlangıcından sonra olmalıdır.',
    'A verification must expire after it starts.',
  ],
  unknown_verification: ['Bu doğrulama bulunamadı.', 'No such verification for this consent.'],
  verification_not_active: ['Doğrulama artık geçerli değil.', 'The verification is no longer in progress.'],
  code_not_sent: ['Doğrulama kodu henüz gönderilmedi.', 'The verification code has not been sent yet.'],
  unknown_change: ['Bu izin değişikliği bulunamadı.', 'This consent never had such a change.'],
  change_not_sendable: [
    'Bu değişiklik İYS’ye gönderilmemeli (sırada bekliyor ya da sonuçlandı).',
    'This change must not be sent to İYS (it is queued behind another one, or resolved).',
  ],
  same_status: [
    'İzin zaten bu durumda; yeni bir değişiklik oluşmadı (İYS H174).',
    'The consent already has this status; nothing changed (İYS H174).',
  ],
  already_granted: [
    'Onay zaten kayıtlı; doğrulama gerekmiyor.',
    'ONAY is already on record; no verification needed.',
  ],
  duplicate_verification: ['Bu doğrulama zaten sürüyor.', 'This verification is already in progress.'],
  already_submitted: ['Değişiklik zaten gönderildi.', 'The change was already submitted.'],
  not_submitted: ['Değişiklik gönderimde değildi.', 'The change was not in flight.'],
  duplicate_pull: ['Bu İYS değişikliği zaten biliniyor.', 'This İYS change is already known.'],
  stale_pull: [
    'Bu İYS değişikliği bilinen kayıttan eski; yok sayıldı.',
    'This İYS change is older than what is known of İYS; ignored.',
  ],
  late_result: [
    'Sonuç, artık beklenmeyen bir değişikliğe ait; yeni bilgi yok.',
    'The result belongs to a change that is no longer outstanding and tells nothing new.',
  ],
  nothing_due: ['Süresi dolan bir şey yok.', 'No deadline has been reached.'],
  invalid_state: ['Kayıtlı durum (snapshot) okunamadı.', 'The stored state could not be read.'],
  unsupported_version: [
    'Kayıtlı durumun makine sürümü desteklenmiyor.',
    'The machine version of the stored state is not supported.',
  ],
};

const SHARED = new Map<ConsentErrorCode, ConsentError>();

/**
 * Builds the error for a code, with its Turkish and English messages. Without `path`/`input` the
 * same frozen object is returned every time (the machine's hot path allocates nothing for it).
 *
 * @example
 * ```ts
 * consentError('same_status').tr; // 'İzin zaten bu durumda; yeni bir değişiklik oluşmadı (İYS H174).'
 * consentError('invalid_event', { path: ['at'], input: 'yesterday' }).path; // ['at']
 * ```
 */
export function consentError<C extends ConsentErrorCode>(
  code: C,
  detail?: { readonly path?: readonly (string | number)[]; readonly input?: unknown },
): ConsentError<C> {
  if (detail === undefined) {
    const shared = SHARED.get(code);
    if (shared) return shared as ConsentError<C>;
  }
  const [tr, en] = MESSAGES[code];
  const error: ConsentError<C> = {
    code,
    message: `${tr} / ${en}`,
    tr,
    en,
    ...(detail?.path === undefined ? {} : { path: detail.path }),
    ...(detail !== undefined && 'input' in detail ? { input: detail.input } : {}),
  };
  Object.freeze(error);
  if (detail === undefined) SHARED.set(code, error);
  return error;
}

const BRAND: symbol = Symbol.for('izinkit.error');

/**
 * Codes of {@link ConsentMachineError}: `replay_rejected_event` (a strict replay met an event the
 * machine refuses), `invalid_state` (a corrupt snapshot passed where a valid one is required),
 * `invalid_instant` ({@link toInstant} got something that is not a time).
 *
 * @example
 * ```ts
 * const code: MachineErrorCode = 'replay_rejected_event';
 * ```
 */
export type MachineErrorCode = 'replay_rejected_event' | 'invalid_state' | 'invalid_instant';

/**
 * Thrown for bugs and corrupt data, never for an expected failure: a `code`, the `cause` kept,
 * and the cross-copy brand `Symbol.for('izinkit.error')` (see {@link isIzinkitError}).
 *
 * @example
 * ```ts
 * try {
 *   replay(log, key, {}, { strict: true });
 * } catch (e) {
 *   if (isIzinkitError(e)) console.error(e.code);
 * }
 * ```
 */
export class ConsentMachineError extends Error {
  /** Stable code. */
  readonly code: MachineErrorCode;
  /**
   * @param code - stable code.
   * @param message - human message.
   * @param options - `cause`: the underlying error or refusal.
   */
  constructor(code: MachineErrorCode, message: string, options?: { readonly cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConsentMachineError';
    this.code = code;
    // The brand every izinkit error carries (see isIzinkitError).
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * True for an error thrown by any izinkit package, even from another copy of the package
 * (it checks the `Symbol.for('izinkit.error')` brand, not the class).
 *
 * @example
 * ```ts
 * isIzinkitError(new ConsentMachineError('invalid_state', 'bad snapshot')); // true
 * isIzinkitError(new Error('x')); // false
 * ```
 */
export function isIzinkitError(value: unknown): value is Error & {
  /** The error's stable code. */
  readonly code: string;
} {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}
