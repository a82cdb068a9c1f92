import type { LocalizedText } from './errors.js';

/**
 * The statutory periods {@link deadline} knows, by id. Each carries its legal basis as data in
 * {@link statutes}.
 *
 * @example
 * ```ts
 * const id: StatuteId = 'ETK_RET_STOP_SENDING';
 * statutes[id].basis; // "ETK (Law 6563) art. 8(3)"
 * ```
 */
export type StatuteId =
  | 'ETK_RET_STOP_SENDING'
  | 'IYS_REGISTER_CONSENT'
  | 'IYS_REGISTER_RET'
  | 'KVKK_APPLICATION_ANSWER'
  | 'KVKK_BREACH_NOTIFY'
  | 'KVKK_PERIODIC_DESTRUCTION'
  | 'CONSENT_RECORD_RETENTION'
  | 'DESTRUCTION_RECORD_RETENTION'
  | 'ETK_MESSAGE_RECORD_RETENTION'
  | 'KVKK_BOARD_COMPLAINT'
  | 'KVKK_BOARD_COMPLAINT_NO_ANSWER'
  | 'KVKK_DELETION_REQUEST'
  | 'KVKK_STANDARD_CONTRACT_NOTIFY';

/**
 * The unit a statutory period is counted in.
 *
 * - `businessDays`: the day of the starting event does not count; the period ends at the end
 *   (23:59:59.999 Europe/Istanbul) of the n-th business day after it.
 * - `days`, `months`, `years`: calendar periods. The starting day does not count (TBK art. 92 and
 *   the general rule of Turkish procedure); the period ends at the end of the day n days later, or
 *   of the corresponding day of the last month (its last day when it has none: 31 August + 6
 *   months → 28/29 February). Holidays count inside the period.
 * - `hours`: exactly n hours after the starting instant.
 *
 * @example
 * ```ts
 * const unit: PeriodUnit = 'businessDays';
 * ```
 */
export type PeriodUnit = 'businessDays' | 'days' | 'months' | 'years' | 'hours';

/**
 * How sure the legal basis is, after the reference research: `high` — primary text, or several
 * independent sources that agree; `medium` — secondary sources that agree, or primary text whose
 * paragraph number was not seen; `low` — a single secondary source or an inference. Check `low`
 * and `medium` ones against mevzuat.gov.tr before relying on them.
 *
 * @example
 * ```ts
 * const c: Confidence = 'high';
 * ```
 */
export type Confidence = 'high' | 'medium' | 'low';

/**
 * A statutory period with its legal basis.
 *
 * @example
 * ```ts
 * const s: Statute = statutes.KVKK_APPLICATION_ANSWER;
 * s.period; // { amount: 30, unit: 'days' }
 * s.basis; // "KVKK (Law 6698) art. 13(2)"
 * s.rollForward; // "optional"
 * ```
 */
export interface Statute {
  /** Its id, the key in {@link statutes}. */
  readonly id: StatuteId;
  /** What must happen, in Turkish and English. */
  readonly title: LocalizedText;
  /** The length of the period. */
  readonly period: {
    /** How many units. */
    readonly amount: number;
    /** The unit, see {@link PeriodUnit}. */
    readonly unit: PeriodUnit;
  };
  /** The legal basis: law and article. */
  readonly basis: string;
  /** The event the period runs from (the `from` instant of {@link deadline}). */
  readonly runsFrom: LocalizedText;
  /**
   * Whether a calendar period that ends on a non-business day may be moved to the next business
   * day: `'never'` for business-day and hour periods, `'optional'` where the law is silent (KVKK
   * has no such clause; HMK art. 93 and VUK art. 18 apply it in their own fields). Off by default:
   * the conservative reading ends on the calendar day.
   */
  readonly rollForward: 'never' | 'optional';
  /** How sure the legal basis is. */
  readonly confidence: Confidence;
  /** Where the rule and its reading come from, and any caveat. */
  readonly notes: string;
}

const ETK_3_DAYS_NOTE =
  'ETK and the Regulation do not define iş günü; read as Monday–Friday minus Law 2429 holidays. The day of receipt does not count (TBK art. 92, CMK art. 39); the period ends at the end of the third business day after it, 23:59:59.999 Europe/Istanbul.';

function statute(s: Statute): Statute {
  return Object.freeze({
    ...s,
    title: Object.freeze({ ...s.title }),
    period: Object.freeze({ ...s.period }),
  });
}

/**
 * Every statutory period of ETK, the İYS regulation and KVKK that izinkit computes, with its legal
 * basis as data. Pass the id to {@link deadline}.
 *
 * | id | period | basis |
 * |---|---|---|
 * | `ETK_RET_STOP_SENDING` | 3 business days | ETK art. 8(3) |
 * | `IYS_REGISTER_CONSENT` | 3 business days | Regulation art. 7 (amended 04.01.2020) |
 * | `IYS_REGISTER_RET` | 3 business days | Regulation art. 9 (amended 04.01.2020) |
 * | `KVKK_APPLICATION_ANSWER` | 30 days | KVKK art. 13(2) |
 * | `KVKK_BREACH_NOTIFY` | 72 hours | KVKK art. 12(5), Board decision 2019/10 |
 * | `KVKK_PERIODIC_DESTRUCTION` | 6 months | Deletion Regulation art. 11(2) |
 * | `CONSENT_RECORD_RETENTION` | 3 years | Regulation, record keeping (art. 13 in the 2015 numbering) |
 * | `DESTRUCTION_RECORD_RETENTION` | 3 years | Deletion Regulation |
 * | `ETK_MESSAGE_RECORD_RETENTION` | 3 years | Regulation, record keeping |
 * | `KVKK_BOARD_COMPLAINT` | 30 days | KVKK art. 14(1) |
 * | `KVKK_BOARD_COMPLAINT_NO_ANSWER` | 60 days | KVKK art. 14(1) |
 * | `KVKK_DELETION_REQUEST` | 30 days | Deletion Regulation (request-based destruction) |
 * | `KVKK_STANDARD_CONTRACT_NOTIFY` | 5 business days | KVKK art. 9 as amended by Law 7499 |
 *
 * @example
 * ```ts
 * statutes.ETK_RET_STOP_SENDING.basis; // "ETK (Law 6563) art. 8(3)"
 * statutes.KVKK_BREACH_NOTIFY.period; // { amount: 72, unit: 'hours' }
 * Object.keys(statutes); // every StatuteId
 * ```
 */
export const statutes: Readonly<Record<StatuteId, Statute>> = Object.freeze({
  ETK_RET_STOP_SENDING: statute({
    id: 'ETK_RET_STOP_SENDING',
    title: {
      tr: 'Ret bildiriminden sonra ileti gönderimini durdurma',
      en: 'Stop sending messages after a rejection (RET)',
    },
    period: { amount: 3, unit: 'businessDays' },
    basis: 'ETK (Law 6563) art. 8(3)',
    runsFrom: {
      tr: 'Ret talebinin hizmet sağlayıcıya ulaşması',
      en: 'The RET reaching the service provider',
    },
    rollForward: 'never',
    confidence: 'high',
    notes: `"Talebin ulaşmasını müteakip hizmet sağlayıcı üç iş günü içinde alıcıya elektronik ileti göndermeyi durdurur." ${ETK_3_DAYS_NOTE}`,
  }),
  IYS_REGISTER_CONSENT: statute({
    id: 'IYS_REGISTER_CONSENT',
    title: {
      tr: "İYS dışında alınan onayı İYS'ye kaydetme (kaydedilmeyen onay geçersizdir)",
      en: 'Register in İYS a consent obtained outside İYS (an unregistered consent is void)',
    },
    period: { amount: 3, unit: 'businessDays' },
    basis:
      'Regulation on Commercial Communication and Commercial Electronic Messages (RG 15.07.2015 no. 29417) art. 7, as amended on 04.01.2020 (RG 30998)',
    runsFrom: { tr: 'Onayın alınması', en: 'The consent being obtained' },
    rollForward: 'never',
    confidence: 'medium',
    notes: `Paragraph not verified in the primary text; the 3 business days and the voidness are reported by the AA wire on the 2020 amendment and by law firms. ${ETK_3_DAYS_NOTE}`,
  }),
  IYS_REGISTER_RET: statute({
    id: 'IYS_REGISTER_RET',
    title: {
      tr: "İYS dışında alınan ret bildirimini İYS'ye bildirme",
      en: 'Report to İYS a rejection (RET) received outside İYS',
    },
    period: { amount: 3, unit: 'businessDays' },
    basis:
      'Regulation on Commercial Communication and Commercial Electronic Messages (RG 15.07.2015 no. 29417) art. 9, as amended on 04.01.2020 (RG 30998)',
    runsFrom: {
      tr: 'Ret bildiriminin hizmet sağlayıcıya ulaşması',
      en: 'The RET reaching the service provider',
    },
    rollForward: 'never',
    confidence: 'medium',
    notes: `Paragraph not verified in the primary text. ${ETK_3_DAYS_NOTE}`,
  }),
  KVKK_APPLICATION_ANSWER: statute({
    id: 'KVKK_APPLICATION_ANSWER',
    title: {
      tr: 'İlgili kişi başvurusunu sonuçlandırma (en geç 30 gün)',
      en: "Answer a data subject's application (at the latest within 30 days)",
    },
    period: { amount: 30, unit: 'days' },
    basis: 'KVKK (Law 6698) art. 13(2)',
    runsFrom: { tr: 'Başvurunun veri sorumlusuna ulaşması', en: 'The application reaching the controller' },
    rollForward: 'optional',
    confidence: 'high',
    notes:
      '"En kısa sürede ve en geç otuz gün içinde ücretsiz olarak sonuçlandırır." Calendar days; KVKK has no roll-forward clause, so by default the period ends on day 30 even when it is a holiday. { rollForward: true } applies the HMK art. 93 rule instead.',
  }),
  KVKK_BREACH_NOTIFY: statute({
    id: 'KVKK_BREACH_NOTIFY',
    title: {
      tr: "Veri ihlalini Kurul'a bildirme (72 saat)",
      en: 'Notify the Board of a personal-data breach (72 hours)',
    },
    period: { amount: 72, unit: 'hours' },
    basis: 'KVKK (Law 6698) art. 12(5); KVK Board decision 2019/10 of 24.01.2019',
    runsFrom: { tr: 'İhlalin öğrenilmesi', en: 'Learning of the breach' },
    rollForward: 'never',
    confidence: 'high',
    notes:
      'The law says "en kısa sürede"; the Board reads it as 72 hours from learning of the breach. Data subjects are told within a reasonable time once identified. A late notice must give the reasons for the delay.',
  }),
  KVKK_PERIODIC_DESTRUCTION: statute({
    id: 'KVKK_PERIODIC_DESTRUCTION',
    title: {
      tr: 'Periyodik imha (en fazla 6 ayda bir)',
      en: 'Periodic destruction (at most every 6 months)',
    },
    period: { amount: 6, unit: 'months' },
    basis:
      'Regulation on the Deletion, Destruction or Anonymisation of Personal Data (RG 28.10.2017 no. 30224) art. 11(2)',
    runsFrom: { tr: 'Bir önceki periyodik imha', en: 'The previous periodic destruction' },
    rollForward: 'optional',
    confidence: 'medium',
    notes:
      'For controllers that must keep a retention-and-destruction policy (VERBİS registrants): the policy sets the interval, at most 6 months. Controllers without that duty are commonly given 3 months (a single commentary source).',
  }),
  CONSENT_RECORD_RETENTION: statute({
    id: 'CONSENT_RECORD_RETENTION',
    title: {
      tr: 'Onay kayıtlarını saklama (onayın geçerliliği bittikten sonra 3 yıl)',
      en: 'Keep consent records (3 years after the consent stops being valid)',
    },
    period: { amount: 3, unit: 'years' },
    basis:
      'Regulation on Commercial Communication and Commercial Electronic Messages, record-keeping article (art. 13 in the 2015 numbering), as amended',
    runsFrom: {
      tr: 'Onayın geçerliliğinin sona erdiği an (ret)',
      en: 'The consent ceasing to be valid (the RET)',
    },
    rollForward: 'optional',
    confidence: 'medium',
    notes:
      'The deadline is the end of the retention duty: keep the records at least until then. The original 2015 text said 1 year; the current text says 3 years. Confirm on mevzuat.gov.tr.',
  }),
  DESTRUCTION_RECORD_RETENTION: statute({
    id: 'DESTRUCTION_RECORD_RETENTION',
    title: {
      tr: 'Silme, yok etme ve anonimleştirme kayıtlarını saklama (en az 3 yıl)',
      en: 'Keep the records of deletion, destruction and anonymisation (at least 3 years)',
    },
    period: { amount: 3, unit: 'years' },
    basis:
      'Regulation on the Deletion, Destruction or Anonymisation of Personal Data (RG 28.10.2017 no. 30224), general principles',
    runsFrom: { tr: 'İmha işlemi', en: 'The destruction operation' },
    rollForward: 'optional',
    confidence: 'medium',
    notes:
      'At least 3 years unless another law requires longer. The deadline is the end of the retention duty.',
  }),
  ETK_MESSAGE_RECORD_RETENTION: statute({
    id: 'ETK_MESSAGE_RECORD_RETENTION',
    title: {
      tr: 'Ticari elektronik iletiye ilişkin diğer kayıtları saklama (3 yıl)',
      en: 'Keep the other records of commercial electronic messages (3 years)',
    },
    period: { amount: 3, unit: 'years' },
    basis:
      'Regulation on Commercial Communication and Commercial Electronic Messages, record-keeping article (art. 13 in the 2015 numbering), as amended',
    runsFrom: { tr: 'Kayıt tarihi', en: 'The record date' },
    rollForward: 'optional',
    confidence: 'medium',
    notes: 'Weakest row of the reference: confirm the current text on mevzuat.gov.tr.',
  }),
  KVKK_BOARD_COMPLAINT: statute({
    id: 'KVKK_BOARD_COMPLAINT',
    title: {
      tr: "Cevabı öğrendikten sonra Kurul'a şikâyet (30 gün)",
      en: 'Complain to the Board after learning of the answer (30 days)',
    },
    period: { amount: 30, unit: 'days' },
    basis: 'KVKK (Law 6698) art. 14(1); KVK Board decision 2019/9',
    runsFrom: { tr: 'Veri sorumlusunun cevabının öğrenilmesi', en: "Learning of the controller's answer" },
    rollForward: 'optional',
    confidence: 'high',
    notes:
      "The data subject's period, useful to know how long a case may stay open. In any case within 60 days of the application.",
  }),
  KVKK_BOARD_COMPLAINT_NO_ANSWER: statute({
    id: 'KVKK_BOARD_COMPLAINT_NO_ANSWER',
    title: {
      tr: "Cevap verilmezse Kurul'a şikâyet (başvurudan itibaren 60 gün)",
      en: 'Complain to the Board when there is no answer (60 days from the application)',
    },
    period: { amount: 60, unit: 'days' },
    basis: 'KVKK (Law 6698) art. 14(1); KVK Board decision 2019/9',
    runsFrom: { tr: 'Başvuru', en: 'The application' },
    rollForward: 'optional',
    confidence: 'high',
    notes: "The data subject's period.",
  }),
  KVKK_DELETION_REQUEST: statute({
    id: 'KVKK_DELETION_REQUEST',
    title: {
      tr: 'İlgili kişinin silme veya yok etme talebini sonuçlandırma (30 gün)',
      en: "Carry out a data subject's request for deletion or destruction (30 days)",
    },
    period: { amount: 30, unit: 'days' },
    basis:
      'Regulation on the Deletion, Destruction or Anonymisation of Personal Data (RG 28.10.2017 no. 30224), request-based destruction; KVKK art. 13(2)',
    runsFrom: { tr: 'Talebin veri sorumlusuna ulaşması', en: 'The request reaching the controller' },
    rollForward: 'optional',
    confidence: 'medium',
    notes: 'If the data were transferred, the request is passed on to the third parties.',
  }),
  KVKK_STANDARD_CONTRACT_NOTIFY: statute({
    id: 'KVKK_STANDARD_CONTRACT_NOTIFY',
    title: {
      tr: "Yurt dışı aktarım standart sözleşmesini Kurul'a bildirme (5 iş günü)",
      en: 'Notify the Board of a signed cross-border standard contract (5 business days)',
    },
    period: { amount: 5, unit: 'businessDays' },
    basis: 'KVKK (Law 6698) art. 9, as amended by Law 7499 (RG 12.03.2024, in force 01.06.2024)',
    runsFrom: { tr: 'Sözleşmenin imzalanması', en: 'The signature of the contract' },
    rollForward: 'never',
    confidence: 'medium',
    notes: 'The wording "beş iş günü" is reported from memory in the reference; confirm on mevzuat.gov.tr.',
  }),
});

/** @internal */
export const STATUTE_IDS: ReadonlySet<string> = new Set(Object.keys(statutes));
