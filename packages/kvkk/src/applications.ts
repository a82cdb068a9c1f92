/**
 * Data-subject applications (ilgili kişi başvurusu) under KVKK art. 11 and 13: a pure state machine
 * over plain, serialisable JSON. Time is always a parameter: every event carries its `at`.
 *
 *     received ──verify_identity──▶ identity_verified ──start_processing──▶ in_progress
 *        │                               │                                   │
 *        └──────reject──▶ rejected ◀─────┴──────────────reject───────────────┤
 *                                                     answered ◀──answer─────┤
 *                                                     forwarded ◀──forward───┘
 *
 * `pause` / `resume` (missing information) may happen in any open state when the application was
 * received with `pausesAllowed: true`; the time paused is added to the deadline.
 */
import { deadline } from '@izinkit/calendar';
import { z } from 'zod';
import type { KvkkIssue, KvkkResult, Localized, ValidationIssue } from './errors.js';
import { err, issue, ok } from './internal/result.js';

/**
 * The rights of KVKK art. 11(1) an application can invoke, in the order of the article.
 *
 * @example
 * ```ts
 * REQUEST_KINDS[5]; // 'erasure' — art. 11(1)(e)
 * ```
 */
export const REQUEST_KINDS = [
  'learn_if_processed',
  'request_information',
  'learn_purpose',
  'learn_recipients',
  'rectification',
  'erasure',
  'notify_third_parties',
  'object_to_automated_decision',
  'compensation',
] as const;

/**
 * One right of KVKK art. 11(1): (a) `learn_if_processed`, (b) `request_information`,
 * (c) `learn_purpose`, (ç) `learn_recipients`, (d) `rectification`, (e) `erasure` (deletion or
 * destruction under art. 7), (f) `notify_third_parties` of (d) and (e), (g)
 * `object_to_automated_decision`, (ğ) `compensation`.
 *
 * @example
 * ```ts
 * const k: RequestKind = 'erasure';
 * ```
 */
export type RequestKind = (typeof REQUEST_KINDS)[number];

/**
 * zod schema for {@link RequestKind}.
 *
 * @example
 * ```ts
 * RequestKindSchema.parse('rectification');
 * ```
 */
export const RequestKindSchema: z.ZodEnum<{ [K in RequestKind]: K }> = z.enum(REQUEST_KINDS);

/**
 * The article and title of one {@link RequestKind}.
 *
 * @example
 * ```ts
 * const i: RequestKindInfo = REQUEST_KIND_INFO.rectification;
 * ```
 */
export interface RequestKindInfo {
  /** The provision, `KVKK art. 11(1)(d)`. */
  readonly article: string;
  /** The right in Turkish and English. */
  readonly title: Localized;
}

/**
 * The article and a title for each {@link RequestKind}.
 *
 * @example
 * ```ts
 * REQUEST_KIND_INFO.erasure.article; // 'KVKK art. 11(1)(e)'
 * REQUEST_KIND_INFO.erasure.title.tr; // 'Kişisel verilerin silinmesini veya yok edilmesini isteme'
 * ```
 */
export const REQUEST_KIND_INFO: { readonly [K in RequestKind]: RequestKindInfo } = {
  learn_if_processed: {
    article: 'KVKK art. 11(1)(a)',
    title: {
      tr: 'Kişisel veri işlenip işlenmediğini öğrenme',
      en: 'Learn whether personal data is processed',
    },
  },
  request_information: {
    article: 'KVKK art. 11(1)(b)',
    title: { tr: 'İşlenmişse buna ilişkin bilgi talep etme', en: 'Request information about the processing' },
  },
  learn_purpose: {
    article: 'KVKK art. 11(1)(c)',
    title: {
      tr: 'İşlenme amacını ve amacına uygun kullanılıp kullanılmadığını öğrenme',
      en: 'Learn the purpose and whether data is used for it',
    },
  },
  learn_recipients: {
    article: 'KVKK art. 11(1)(ç)',
    title: {
      tr: 'Yurt içinde veya yurt dışında aktarıldığı üçüncü kişileri bilme',
      en: 'Know the third parties, in Türkiye or abroad, the data is transferred to',
    },
  },
  rectification: {
    article: 'KVKK art. 11(1)(d)',
    title: {
      tr: 'Eksik veya yanlış işlenmişse düzeltilmesini isteme',
      en: 'Request correction of incomplete or wrong data',
    },
  },
  erasure: {
    article: 'KVKK art. 11(1)(e)',
    title: {
      tr: 'Kişisel verilerin silinmesini veya yok edilmesini isteme',
      en: 'Request deletion or destruction of the data (art. 7)',
    },
  },
  notify_third_parties: {
    article: 'KVKK art. 11(1)(f)',
    title: {
      tr: 'Düzeltme ve silme işlemlerinin aktarılan üçüncü kişilere bildirilmesini isteme',
      en: 'Request that corrections and deletions be notified to the third parties',
    },
  },
  object_to_automated_decision: {
    article: 'KVKK art. 11(1)(g)',
    title: {
      tr: 'Münhasıran otomatik sistemlerle analiz sonucu aleyhe bir sonuca itiraz etme',
      en: 'Object to an adverse result of exclusively automated analysis',
    },
  },
  compensation: {
    article: 'KVKK art. 11(1)(ğ)',
    title: {
      tr: 'Kanuna aykırı işleme sebebiyle uğranılan zararın giderilmesini talep etme',
      en: 'Claim compensation for damage from unlawful processing',
    },
  },
};

/**
 * How the application reached the controller (KVKK art. 13(1) and the Communiqué on the procedure
 * of applications to the controller): in writing, by KEP, with a secure e-signature or mobile
 * signature, from an e-mail address the subject registered with the controller, through an
 * application software the controller offers, or otherwise.
 *
 * @example
 * ```ts
 * APPLICATION_CHANNELS.includes('kep'); // true
 * ```
 */
export const APPLICATION_CHANNELS = [
  'written',
  'kep',
  'e_signature',
  'mobile_signature',
  'registered_email',
  'controller_application',
  'other',
] as const;

/**
 * One of {@link APPLICATION_CHANNELS}.
 *
 * @example
 * ```ts
 * const c: ApplicationChannel = 'registered_email';
 * ```
 */
export type ApplicationChannel = (typeof APPLICATION_CHANNELS)[number];

/**
 * The states of an application. `answered`, `rejected` and `forwarded` are final.
 *
 * @example
 * ```ts
 * APPLICATION_STATUSES.length; // 6
 * ```
 */
export const APPLICATION_STATUSES = [
  'received',
  'identity_verified',
  'in_progress',
  'answered',
  'rejected',
  'forwarded',
] as const;

/**
 * One of {@link APPLICATION_STATUSES}.
 *
 * @example
 * ```ts
 * const s: ApplicationStatus = 'in_progress';
 * ```
 */
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/**
 * Why an application was rejected: the identity could not be verified, the application lacks what
 * the Communiqué requires, an exemption of KVKK art. 28 applies, the request is unfounded, or
 * something else (say what in `detail`).
 *
 * @example
 * ```ts
 * const r: RejectionReason = 'identity_not_verified';
 * ```
 */
export type RejectionReason =
  | 'identity_not_verified'
  | 'incomplete_application'
  | 'exempt'
  | 'unfounded'
  | 'other';

const Instant = z.union([z.date(), z.iso.datetime({ offset: true })]);
const Text = z.string().min(1).max(10_000);

/**
 * An event of the application state machine. Every event has `at` (a `Date` or an ISO 8601
 * instant), stored as an ISO string.
 * - `verify_identity` — the applicant's identity was checked (`method`: e-signature, ID copy …);
 * - `start_processing` — work on the request began;
 * - `pause` / `resume` — information is missing / it arrived (only with `pausesAllowed`);
 * - `answer` — the request was answered (`accepted` or `partially_accepted`), with an optional fee
 *   (the Communiqué allows one only for extra cost);
 * - `reject` — rejected with a reason (art. 13(2): the reasons are given in writing);
 * - `forward` — passed to the third parties the data went to (art. 11(1)(f));
 * - `note` — anything worth recording; the state does not change.
 *
 * @example
 * ```ts
 * const e: ApplicationEvent = { type: 'verify_identity', at: '2026-01-05T10:00:00+03:00', method: 'e-imza' };
 * ```
 */
export type ApplicationEvent =
  | {
      /** The applicant's identity was checked. */
      readonly type: 'verify_identity';
      /** When it happened: a `Date` or an ISO 8601 instant with offset. */
      readonly at: Date | string;
      /** How (e-signature, KEP, ID copy …). */
      readonly method: string;
    }
  | {
      /** Work on the request began. */
      readonly type: 'start_processing';
      /** When it happened: a `Date` or an ISO 8601 instant with offset. */
      readonly at: Date | string;
      /** Who handles it. */
      readonly assignee?: string | undefined;
    }
  | {
      /** Information is missing: the clock stops. */
      readonly type: 'pause';
      /** When it happened: a `Date` or an ISO 8601 instant with offset. */
      readonly at: Date | string;
      /** What is missing. */
      readonly reason: string;
    }
  | {
      /** The missing information arrived: the clock runs again. */
      readonly type: 'resume';
      /** When it happened: a `Date` or an ISO 8601 instant with offset. */
      readonly at: Date | string;
    }
  | {
      /** The request was answered. */
      readonly type: 'answer';
      /** When it happened: a `Date` or an ISO 8601 instant with offset. */
      readonly at: Date | string;
      /** Fully or partly accepted. */
      readonly decision: 'accepted' | 'partially_accepted';
      /** What was done or answered. */
      readonly summary: string;
      /** A fee, only where the Communiqué allows one (extra cost). */
      readonly fee?: ApplicationFee | undefined;
    }
  | {
      /** The request was rejected. */
      readonly type: 'reject';
      /** When it happened: a `Date` or an ISO 8601 instant with offset. */
      readonly at: Date | string;
      /** Why. */
      readonly reason: RejectionReason;
      /** The reasons in words (art. 13(2): they are given to the applicant). */
      readonly detail?: string | undefined;
      /** The provision relied on. */
      readonly legalBasis?: string | undefined;
    }
  | {
      /** The request was passed to the third parties the data went to. */
      readonly type: 'forward';
      /** When it happened: a `Date` or an ISO 8601 instant with offset. */
      readonly at: Date | string;
      /** Who it was passed to. */
      readonly recipients: readonly string[];
      /** What was passed. */
      readonly summary: string;
    }
  | {
      /** A note for the file; the status does not change. */
      readonly type: 'note';
      /** When it happened: a `Date` or an ISO 8601 instant with offset. */
      readonly at: Date | string;
      /** The note. */
      readonly text: string;
    };

/**
 * A fee charged for answering an application: allowed only when answering causes an extra cost
 * (Communiqué on the procedure of applications to the controller).
 *
 * @example
 * ```ts
 * const f: ApplicationFee = { amountTry: 15, reason: '25 sayfa: ilk 10 sayfa ücretsiz, sonrası sayfa başı 1 TL' };
 * ```
 */
export interface ApplicationFee {
  /** Amount in Turkish lira. */
  readonly amountTry: number;
  /** What it pays for. */
  readonly reason: string;
}

/**
 * zod schema for {@link ApplicationEvent}.
 *
 * @example
 * ```ts
 * ApplicationEventSchema.parse({ type: 'resume', at: new Date() });
 * ```
 */
export const ApplicationEventSchema: z.ZodType<ApplicationEvent> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('verify_identity'), at: Instant, method: Text }).strict(),
  z.object({ type: z.literal('start_processing'), at: Instant, assignee: Text.optional() }).strict(),
  z.object({ type: z.literal('pause'), at: Instant, reason: Text }).strict(),
  z.object({ type: z.literal('resume'), at: Instant }).strict(),
  z
    .object({
      type: z.literal('answer'),
      at: Instant,
      decision: z.enum(['accepted', 'partially_accepted']),
      summary: Text,
      fee: z
        .object({ amountTry: z.number().finite().min(0), reason: Text })
        .strict()
        .optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('reject'),
      at: Instant,
      reason: z.enum(['identity_not_verified', 'incomplete_application', 'exempt', 'unfounded', 'other']),
      detail: Text.optional(),
      legalBasis: Text.optional(),
    })
    .strict(),
  z
    .object({ type: z.literal('forward'), at: Instant, recipients: z.array(Text).min(1), summary: Text })
    .strict(),
  z.object({ type: z.literal('note'), at: Instant, text: Text }).strict(),
]);

/**
 * How an application ended.
 *
 * @example
 * ```ts
 * const o: ApplicationOutcome = { type: 'answered', decision: 'accepted', summary: 'Veriler silindi.' };
 * ```
 */
export type ApplicationOutcome =
  | {
      /** Answered. */
      readonly type: 'answered';
      /** Fully or partly accepted. */
      readonly decision: 'accepted' | 'partially_accepted';
      /** What was done or answered. */
      readonly summary: string;
      /** The fee charged, if any. */
      readonly fee?: ApplicationFee | undefined;
    }
  | {
      /** Rejected. */
      readonly type: 'rejected';
      /** Why. */
      readonly reason: RejectionReason;
      /** The reasons in words. */
      readonly detail?: string | undefined;
      /** The provision relied on. */
      readonly legalBasis?: string | undefined;
    }
  | {
      /** Forwarded to third parties. */
      readonly type: 'forwarded';
      /** Who it was passed to. */
      readonly recipients: readonly string[];
      /** What was passed. */
      readonly summary: string;
    };

/**
 * One line of an application's history.
 *
 * @example
 * ```ts
 * const h: ApplicationHistoryEntry = { at: '2026-01-05T07:00:00.000Z', event: 'verify_identity', from: 'received', to: 'identity_verified' };
 * ```
 */
export interface ApplicationHistoryEntry {
  /** When, as an ISO instant (UTC). */
  readonly at: string;
  /** The event type (`received` for the first line). */
  readonly event: ApplicationEvent['type'] | 'received';
  /** Status before. */
  readonly from: ApplicationStatus | null;
  /** Status after. */
  readonly to: ApplicationStatus;
  /** Free text carried by the event (method, reason, note …). */
  readonly detail?: string | undefined;
}

/**
 * Who applied, as far as you want to record it in the application's state (the state is kept as
 * long as the application record; keep references rather than personal data where you can).
 *
 * @example
 * ```ts
 * const a: ApplicantInfo = { reference: 'customer-42' };
 * ```
 */
export interface ApplicantInfo {
  /** Your reference to the person (customer id …). */
  readonly reference?: string | undefined;
  /** Name as given in the application. */
  readonly name?: string | undefined;
  /** Where to send the answer. */
  readonly contact?: string | undefined;
}

/**
 * An open pause of the application clock.
 *
 * @example
 * ```ts
 * const p: ApplicationPause = { since: '2026-01-06T06:00:00.000Z', reason: 'Kimlik belgesi eksik' };
 * ```
 */
export interface ApplicationPause {
  /** When the clock stopped (ISO instant). */
  readonly since: string;
  /** What information is missing. */
  readonly reason: string;
}

/**
 * When and how the applicant's identity was verified.
 *
 * @example
 * ```ts
 * const i: IdentityCheck = { at: '2026-01-05T07:00:00.000Z', method: 'KEP' };
 * ```
 */
export interface IdentityCheck {
  /** When (ISO instant). */
  readonly at: string;
  /** How. */
  readonly method: string;
}

/**
 * The state of one application: plain JSON, ready to store (see {@link ApplicationStateSchema}).
 *
 * @example
 * ```ts
 * const r = receiveApplication({ id: 'B-2026-0001', kinds: ['erasure'], channel: 'kep', receivedAt: new Date() });
 * if (r.ok) {
 *   const s: ApplicationState = r.value;
 *   console.log(s.deadlineAt);
 * }
 * ```
 */
export interface ApplicationState {
  /** Format version of this object. */
  readonly version: 1;
  /** Your identifier for the application. */
  readonly id: string;
  /** The rights invoked. */
  readonly kinds: readonly RequestKind[];
  /** How it arrived. */
  readonly channel: ApplicationChannel;
  /** Who applied, as far as you want to record it here. */
  readonly subject: ApplicantInfo;
  /** Current status. */
  readonly status: ApplicationStatus;
  /** When it reached the controller (ISO instant, UTC). */
  readonly receivedAt: string;
  /** When the answer is due: KVKK art. 13(2), 30 days, plus the time paused. */
  readonly deadlineAt: string;
  /** Settings fixed at reception. */
  readonly settings: {
    /** Whether the clock may stop while information is missing. */
    readonly pausesAllowed: boolean;
    /** Whether a deadline falling on a holiday moves to the next business day. */
    readonly rollForward: boolean;
  };
  /** The open pause, if any. */
  readonly pause: ApplicationPause | null;
  /** Milliseconds spent in closed pauses. */
  readonly pausedMs: number;
  /** When and how the identity was verified. */
  readonly identity: IdentityCheck | null;
  /** When it reached a final status. */
  readonly closedAt: string | null;
  /** How it ended. */
  readonly outcome: ApplicationOutcome | null;
  /** Every event, oldest first. */
  readonly history: readonly ApplicationHistoryEntry[];
}

const IsoUtc = z.iso.datetime();
const Status = z.enum(APPLICATION_STATUSES);

/**
 * zod schema for {@link ApplicationState}, to validate a state loaded from storage.
 *
 * @example
 * ```ts
 * const state = ApplicationStateSchema.parse(JSON.parse(row.state));
 * ```
 */
export const ApplicationStateSchema: z.ZodType<ApplicationState> = z
  .object({
    version: z.literal(1),
    id: z.string().min(1).max(200),
    kinds: z.array(RequestKindSchema).min(1),
    channel: z.enum(APPLICATION_CHANNELS),
    subject: z
      .object({
        reference: z.string().optional(),
        name: z.string().optional(),
        contact: z.string().optional(),
      })
      .strict(),
    status: Status,
    receivedAt: IsoUtc,
    deadlineAt: IsoUtc,
    settings: z.object({ pausesAllowed: z.boolean(), rollForward: z.boolean() }).strict(),
    pause: z.object({ since: IsoUtc, reason: z.string() }).strict().nullable(),
    pausedMs: z.number().int().min(0),
    identity: z.object({ at: IsoUtc, method: z.string() }).strict().nullable(),
    closedAt: IsoUtc.nullable(),
    outcome: z
      .discriminatedUnion('type', [
        z
          .object({
            type: z.literal('answered'),
            decision: z.enum(['accepted', 'partially_accepted']),
            summary: z.string(),
            fee: z.object({ amountTry: z.number(), reason: z.string() }).strict().optional(),
          })
          .strict(),
        z
          .object({
            type: z.literal('rejected'),
            reason: z.enum([
              'identity_not_verified',
              'incomplete_application',
              'exempt',
              'unfounded',
              'other',
            ]),
            detail: z.string().optional(),
            legalBasis: z.string().optional(),
          })
          .strict(),
        z
          .object({ type: z.literal('forwarded'), recipients: z.array(z.string()), summary: z.string() })
          .strict(),
      ])
      .nullable(),
    history: z.array(
      z
        .object({
          at: IsoUtc,
          event: z.enum([
            'received',
            'verify_identity',
            'start_processing',
            'pause',
            'resume',
            'answer',
            'reject',
            'forward',
            'note',
          ]),
          from: Status.nullable(),
          to: Status,
          detail: z.string().optional(),
        })
        .strict(),
    ),
  })
  .strict();

/**
 * Input of {@link receiveApplication}.
 *
 * @example
 * ```ts
 * const input: ReceiveApplicationInput = {
 *   id: 'B-2026-0001',
 *   kinds: ['learn_if_processed', 'erasure'],
 *   channel: 'registered_email',
 *   receivedAt: '2026-01-05T09:00:00+03:00',
 *   subject: { reference: 'customer-42' },
 * };
 * ```
 */
export interface ReceiveApplicationInput {
  /** Your identifier for the application. */
  readonly id: string;
  /** The rights invoked (at least one). */
  readonly kinds: readonly RequestKind[];
  /** How it arrived. */
  readonly channel: ApplicationChannel;
  /** When it reached the controller. */
  readonly receivedAt: Date | string;
  /** Who applied. */
  readonly subject?: ApplicantInfo | undefined;
  /**
   * Let the clock stop while information is missing (default `false`). KVKK itself has no such
   * clause; enable it only if your legal team relies on the reading that an incomplete application
   * starts the 30 days once completed.
   */
  readonly pausesAllowed?: boolean | undefined;
  /**
   * Move a deadline that falls on a weekend or holiday to the end of the next business day
   * (default `false`: KVKK has no roll-forward clause, so the conservative deadline is day 30).
   */
  readonly rollForward?: boolean | undefined;
}

/**
 * zod schema for {@link ReceiveApplicationInput}.
 *
 * @example
 * ```ts
 * ReceiveApplicationInputSchema.safeParse({ id: 'x', kinds: [], channel: 'kep', receivedAt: new Date() }).success; // false
 * ```
 */
export const ReceiveApplicationInputSchema: z.ZodType<ReceiveApplicationInput> = z
  .object({
    id: z.string().min(1).max(200),
    kinds: z.array(RequestKindSchema).min(1),
    channel: z.enum(APPLICATION_CHANNELS),
    receivedAt: Instant,
    subject: z
      .object({
        reference: z.string().max(500).optional(),
        name: z.string().max(500).optional(),
        contact: z.string().max(500).optional(),
      })
      .strict()
      .optional(),
    pausesAllowed: z.boolean().optional(),
    rollForward: z.boolean().optional(),
  })
  .strict();

/**
 * Error codes of {@link receiveApplication} and {@link applyApplicationEvent}.
 *
 * @example
 * ```ts
 * const c: ApplicationErrorCode = 'invalid_transition';
 * ```
 */
export type ApplicationErrorCode =
  | 'invalid_input'
  | 'invalid_event'
  | 'invalid_transition'
  | 'application_closed'
  | 'application_paused'
  | 'pauses_not_allowed'
  | 'already_paused'
  | 'not_paused'
  | 'time_went_backwards'
  | 'calendar_error';

/**
 * Why the state machine refused.
 *
 * @example
 * ```ts
 * const r = applyApplicationEvent(state, { type: 'answer', at: new Date(), decision: 'accepted', summary: '…' });
 * if (!r.ok) {
 *   const e: ApplicationError = r.error;
 *   console.log(e.code, e.message.tr);
 * }
 * ```
 */
export interface ApplicationError extends KvkkIssue<ApplicationErrorCode> {
  /** The status the application was in. */
  readonly status?: ApplicationStatus;
  /** The event refused. */
  readonly event?: string;
  /** The validation problems, for `invalid_input` and `invalid_event`. */
  readonly issues?: readonly ValidationIssue[];
}

const iso = (at: Date | string): string => (at instanceof Date ? at : new Date(at)).toISOString();

function computeDeadline(
  receivedAt: string,
  pausedMs: number,
  rollForward: boolean,
): KvkkResult<string, ApplicationError> {
  try {
    const d = deadline('KVKK_APPLICATION_ANSWER', new Date(Date.parse(receivedAt) + pausedMs), {
      rollForward,
    });
    return ok(d.toISOString());
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    return err(
      issue('calendar_error', `Son gün hesaplanamadı: ${m}`, `Could not compute the deadline: ${m}`),
    );
  }
}

/**
 * Registers a new application: status `received`, with its answer deadline computed by
 * `@izinkit/calendar`'s `deadline('KVKK_APPLICATION_ANSWER', receivedAt)` — the end (23:59:59.999,
 * Istanbul) of the 30th day after the day of receipt (KVKK art. 13(2)).
 *
 * @example
 * ```ts
 * const r = receiveApplication({
 *   id: 'B-2026-0001',
 *   kinds: ['erasure'],
 *   channel: 'kep',
 *   receivedAt: '2026-01-05T09:00:00+03:00',
 * });
 * r.ok && r.value.deadlineAt; // '2026-02-04T20:59:59.999Z' — end of 4 February, Istanbul
 * ```
 */
export function receiveApplication(
  input: ReceiveApplicationInput,
): KvkkResult<ApplicationState, ApplicationError> {
  const p = ReceiveApplicationInputSchema.safeParse(input);
  if (!p.success)
    return err({
      ...issue('invalid_input', 'Başvuru bilgileri geçersiz', 'The application is invalid'),
      issues: p.error.issues.map((i) => ({ path: i.path, message: i.message })),
    });
  const v = p.data;
  const receivedAt = iso(v.receivedAt);
  const settings = { pausesAllowed: v.pausesAllowed ?? false, rollForward: v.rollForward ?? false };
  const d = computeDeadline(receivedAt, 0, settings.rollForward);
  if (!d.ok) return d;
  return ok({
    version: 1,
    id: v.id,
    kinds: [...new Set(v.kinds)],
    channel: v.channel,
    subject: { ...(v.subject ?? {}) },
    status: 'received',
    receivedAt,
    deadlineAt: d.value,
    settings,
    pause: null,
    pausedMs: 0,
    identity: null,
    closedAt: null,
    outcome: null,
    history: [{ at: receivedAt, event: 'received', from: null, to: 'received' }],
  });
}

const NEXT: {
  readonly [S in ApplicationStatus]: Partial<Record<ApplicationEvent['type'], ApplicationStatus>>;
} = {
  received: { verify_identity: 'identity_verified', reject: 'rejected' },
  identity_verified: { start_processing: 'in_progress', reject: 'rejected' },
  in_progress: { answer: 'answered', reject: 'rejected', forward: 'forwarded' },
  answered: {},
  rejected: {},
  forwarded: {},
};

/** True for the final statuses. */
const isFinal = (s: ApplicationStatus): boolean => s === 'answered' || s === 'rejected' || s === 'forwarded';

/**
 * Applies one event to an application and returns the next state (the input is not modified), or
 * a coded error: `invalid_event`, `invalid_transition` (e.g. `answer` before `start_processing`),
 * `application_closed`, `application_paused` (only `resume`, `reject` and `note` while paused),
 * `pauses_not_allowed`, `already_paused`, `not_paused`, `time_went_backwards` (an event older than
 * the last one), `calendar_error`.
 *
 * `resume` adds the paused time to `pausedMs` and recomputes `deadlineAt` as the deadline of an
 * application received `pausedMs` later.
 *
 * @example
 * ```ts
 * let s = receiveApplication({ id: 'B-1', kinds: ['erasure'], channel: 'kep', receivedAt: '2026-01-05T09:00:00+03:00' });
 * for (const e of [
 *   { type: 'verify_identity', at: '2026-01-05T10:00:00+03:00', method: 'KEP' },
 *   { type: 'start_processing', at: '2026-01-06T09:00:00+03:00' },
 *   { type: 'answer', at: '2026-01-20T15:00:00+03:00', decision: 'accepted', summary: 'Silindi.' },
 * ] as const) {
 *   if (s.ok) s = applyApplicationEvent(s.value, e);
 * }
 * s.ok && s.value.status; // 'answered'
 * ```
 */
export function applyApplicationEvent(
  state: ApplicationState,
  event: ApplicationEvent,
): KvkkResult<ApplicationState, ApplicationError> {
  const p = ApplicationEventSchema.safeParse(event);
  if (!p.success)
    return err({
      ...issue('invalid_event', 'Olay geçersiz', 'The event is invalid'),
      status: state.status,
      issues: p.error.issues.map((i) => ({ path: i.path, message: i.message })),
    });
  const e = p.data;
  const at = iso(e.at);
  const fail = (code: ApplicationErrorCode, tr: string, en: string): { ok: false; error: ApplicationError } =>
    err({ ...issue(code, tr, en), status: state.status, event: e.type });
  const last = state.history[state.history.length - 1]?.at ?? state.receivedAt;
  if (Date.parse(at) < Date.parse(last))
    return fail('time_went_backwards', 'Olay son olaydan önce', 'The event is older than the last one');
  if (isFinal(state.status))
    return fail('application_closed', 'Başvuru sonuçlandırılmış', 'The application is already closed');
  const entry = (to: ApplicationStatus, detail?: string): ApplicationHistoryEntry =>
    detail === undefined
      ? { at, event: e.type, from: state.status, to }
      : { at, event: e.type, from: state.status, to, detail };

  switch (e.type) {
    case 'note':
      return ok({ ...state, history: [...state.history, entry(state.status, e.text)] });
    case 'pause':
      if (!state.settings.pausesAllowed)
        return fail(
          'pauses_not_allowed',
          'Bu başvuruda süre durdurulamaz',
          'Pauses are not allowed for this application',
        );
      if (state.pause) return fail('already_paused', 'Süre zaten durdurulmuş', 'The clock is already paused');
      return ok({
        ...state,
        pause: { since: at, reason: e.reason },
        history: [...state.history, entry(state.status, e.reason)],
      });
    case 'resume': {
      if (!state.pause) return fail('not_paused', 'Süre durdurulmamış', 'The clock is not paused');
      const pausedMs = state.pausedMs + (Date.parse(at) - Date.parse(state.pause.since));
      const d = computeDeadline(state.receivedAt, pausedMs, state.settings.rollForward);
      if (!d.ok) return d;
      return ok({
        ...state,
        pause: null,
        pausedMs,
        deadlineAt: d.value,
        history: [...state.history, entry(state.status)],
      });
    }
    default:
      break;
  }
  if (state.pause && e.type !== 'reject')
    return fail(
      'application_paused',
      'Süre durdurulmuşken yalnızca devam, ret veya not',
      'While paused only resume, reject or note',
    );
  const to = NEXT[state.status][e.type];
  if (!to)
    return fail(
      'invalid_transition',
      `“${state.status}” durumunda “${e.type}” yapılamaz`,
      `“${e.type}” is not allowed in status “${state.status}”`,
    );
  // A reject while paused closes the pause.
  const closing = state.pause
    ? { pause: null, pausedMs: state.pausedMs + (Date.parse(at) - Date.parse(state.pause.since)) }
    : {};
  switch (e.type) {
    case 'verify_identity':
      return ok({
        ...state,
        status: to,
        identity: { at, method: e.method },
        history: [...state.history, entry(to, e.method)],
      });
    case 'start_processing':
      return ok({ ...state, status: to, history: [...state.history, entry(to, e.assignee)] });
    case 'answer': {
      const outcome: ApplicationOutcome = e.fee
        ? { type: 'answered', decision: e.decision, summary: e.summary, fee: e.fee }
        : { type: 'answered', decision: e.decision, summary: e.summary };
      return ok({
        ...state,
        status: to,
        closedAt: at,
        outcome,
        history: [...state.history, entry(to, e.summary)],
      });
    }
    case 'reject': {
      const outcome: ApplicationOutcome = {
        type: 'rejected',
        reason: e.reason,
        ...(e.detail !== undefined ? { detail: e.detail } : {}),
        ...(e.legalBasis !== undefined ? { legalBasis: e.legalBasis } : {}),
      };
      return ok({
        ...state,
        ...closing,
        status: to,
        closedAt: at,
        outcome,
        history: [...state.history, entry(to, e.detail ?? e.reason)],
      });
    }
    case 'forward':
      return ok({
        ...state,
        status: to,
        closedAt: at,
        outcome: { type: 'forwarded', recipients: [...e.recipients], summary: e.summary },
        history: [...state.history, entry(to, e.recipients.join(', '))],
      });
    default:
      return fail('invalid_transition', 'Geçersiz olay', 'Invalid event');
  }
}

/**
 * Why {@link replayApplication} stopped: the refusal, and which event caused it.
 *
 * @example
 * ```ts
 * const r = replayApplication(state, events);
 * if (!r.ok) {
 *   const e: ReplayError = r.error;
 *   console.log(e.index, e.code);
 * }
 * ```
 */
export interface ReplayError extends ApplicationError {
  /** Index of the refused event in the list. */
  readonly index: number;
}

/**
 * Applies events in order; stops at the first refusal and returns it.
 *
 * @example
 * ```ts
 * const start = receiveApplication(input);
 * const end = start.ok ? replayApplication(start.value, storedEvents) : start;
 * ```
 */
export function replayApplication(
  state: ApplicationState,
  events: readonly ApplicationEvent[],
): KvkkResult<ApplicationState, ReplayError> {
  let s = state;
  for (let i = 0; i < events.length; i++) {
    const r = applyApplicationEvent(s, events[i]!);
    if (!r.ok) return err({ ...r.error, index: i });
    s = r.value;
  }
  return ok(s);
}

/**
 * Where an application stands against its deadline at `now`.
 *
 * @example
 * ```ts
 * const c: ApplicationClock = applicationClock(state, new Date());
 * if (c.overdue) alert(`Başvuru ${state.id} gecikti`);
 * ```
 */
export interface ApplicationClock {
  /** The answer deadline (ISO instant). */
  readonly deadlineAt: string;
  /** Whether the clock is stopped for missing information. */
  readonly paused: boolean;
  /**
   * Whether the application is open and past its deadline. A paused application is overdue only
   * if it was paused after its deadline had passed.
   */
  readonly overdue: boolean;
  /**
   * Milliseconds left (negative when late): at `now` for an open application, frozen at the start
   * of the pause for a paused one, at closing time for a closed one.
   */
  readonly remainingMs: number;
  /** For a closed application, whether it closed by the deadline; `null` while open. */
  readonly closedInTime: boolean | null;
}

/**
 * Computes where an application stands at `now` (time is a parameter; nothing is read from the
 * clock).
 *
 * @example
 * ```ts
 * const r = receiveApplication({ id: 'B-1', kinds: ['erasure'], channel: 'kep', receivedAt: '2026-01-05T09:00:00+03:00' });
 * if (r.ok) applicationClock(r.value, new Date('2026-02-10T00:00:00+03:00')).overdue; // true
 * ```
 */
export function applicationClock(state: ApplicationState, now: Date): ApplicationClock {
  const due = Date.parse(state.deadlineAt);
  if (state.closedAt !== null) {
    const closed = Date.parse(state.closedAt);
    return {
      deadlineAt: state.deadlineAt,
      paused: false,
      overdue: false,
      remainingMs: due - closed,
      closedInTime: closed <= due,
    };
  }
  if (state.pause) {
    const since = Date.parse(state.pause.since);
    return {
      deadlineAt: state.deadlineAt,
      paused: true,
      overdue: since > due,
      remainingMs: due - since,
      closedInTime: null,
    };
  }
  const t = now.getTime();
  return {
    deadlineAt: state.deadlineAt,
    paused: false,
    overdue: t > due,
    remainingMs: due - t,
    closedInTime: null,
  };
}
