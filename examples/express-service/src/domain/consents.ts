/**
 * Consent decisions and queries: the domain behind `/v1/brands/{brandCode}/consents`. The web
 * pages (hosted forms, recipient portal) call the same functions.
 */
import { randomUUID } from 'node:crypto';
import {
  type ConsentKey,
  type ConsentState,
  consentKey,
  keyId,
  maySend,
  missingConsents,
  type RejectionCode,
  summarizePerson,
} from '@izinkit/consent';
import type { EvidenceIssue } from '@izinkit/evidence';
import { normalizeRecipient } from '@izinkit/identity';
import {
  type ConsentSource,
  ConsentSourceSchema,
  type ConsentStatus,
  ConsentStatusSchema,
  type ConsentType,
  ConsentTypeSchema,
  isProviderSource,
  type RecipientType,
  RecipientTypeSchema,
} from '@izinkit/iys';
import type { RecordResult } from '@izinkit/postgres';
import { z } from 'zod';
import { type FieldError, Problem, validationProblem } from '../http/problem.js';
import { DateTimeInput, RecipientInput } from '../http/schemas.js';
import type { Hub } from '../hub.js';
import type { Brand } from './brands.js';
import { decisionEvidence, type EvidenceBody, EvidenceBodySchema } from './evidence-record.js';

/** The body of `POST /v1/brands/{brandCode}/consents` (İYS's field names). */
export interface ConsentInput {
  /** Phone or e-mail, any form identity accepts. */
  readonly recipient: string;
  /** BIREYSEL or TACIR. */
  readonly recipientType: RecipientType;
  /** MESAJ, ARAMA or EPOSTA. */
  readonly type: ConsentType;
  /** ONAY or RET. */
  readonly status: ConsentStatus;
  /** HS_* source. */
  readonly source: ConsentSource;
  /** When the person decided (canonical instant after parsing). */
  readonly consentDate: string;
  /** Retailer (bayi) code. */
  readonly retailerCode?: number | undefined;
  /** Retailers given access. */
  readonly retailerAccess?: readonly number[] | undefined;
  /** The agreement version shown (default: the ETK text in force). */
  readonly agreementVersionId?: string | undefined;
  /** Locale of the text shown (default tr). */
  readonly locale?: 'tr' | 'en' | undefined;
  /** Your id for this decision: sending it again is a no-op (idempotency). */
  readonly decisionId?: string | undefined;
  /** Proof details. */
  readonly evidence?: EvidenceBody | undefined;
}

/** zod schema of {@link ConsentInput}. */
export const ConsentInputSchema: z.ZodType<ConsentInput, unknown> = z.strictObject({
  recipient: RecipientInput,
  recipientType: RecipientTypeSchema,
  type: ConsentTypeSchema,
  status: ConsentStatusSchema,
  source: ConsentSourceSchema,
  consentDate: DateTimeInput,
  retailerCode: z.number().int().positive().max(999_999_999_999).optional(),
  retailerAccess: z.array(z.number().int().positive().max(999_999_999_999)).max(100).optional(),
  agreementVersionId: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  locale: z.enum(['tr', 'en']).optional(),
  decisionId: z
    .string()
    .regex(/^[\x21-\x7e]{1,100}$/)
    .optional(),
  evidence: EvidenceBodySchema.optional(),
}) as z.ZodType<ConsentInput, unknown>;

/** One channel's state as the API shows it. */
export interface ConsentView {
  /** Brand. */
  readonly brandCode: string;
  /** Normalised recipient. */
  readonly recipient: string;
  /** BIREYSEL or TACIR. */
  readonly recipientType: RecipientType;
  /** Channel. */
  readonly type: ConsentType;
  /** Current decision, `null` when none. */
  readonly status: ConsentStatus | null;
  /** Its source. */
  readonly source: ConsentSource | null;
  /** Its consent date. */
  readonly consentDate: string | null;
  /** What İYS holds, as far as known. */
  readonly iys: { readonly status: ConsentStatus | null; readonly transactionId: string | null } | null;
  /** The statutory deadline for İYS to hold the current decision (3 iş günü), while it does not. */
  readonly iysDeadlineAt: string | null;
  /** The change on its way to İYS. */
  readonly pendingChange: {
    readonly changeId: string;
    readonly status: ConsentStatus;
    readonly phase: string;
    readonly deadlineAt: string;
    readonly overdue: boolean;
    readonly iysCode: string | null;
  } | null;
  /** May a commercial message go out now? */
  readonly maySend: { readonly allowed: boolean; readonly reason: string; readonly message: string };
  /** After a RET: the ETK art. 8(3) deadline to stop sending. */
  readonly stopDeadlineAt: string | null;
  /** The double opt-in in progress, if any. */
  readonly verification: { readonly id: string; readonly phase: string; readonly expiresAt: string } | null;
}

/** zod schema of {@link ConsentView} (documentation of responses). */
export const ConsentViewSchema: z.ZodType<ConsentView> = z
  .object({
    brandCode: z.string(),
    recipient: z.string(),
    recipientType: RecipientTypeSchema,
    type: ConsentTypeSchema,
    status: ConsentStatusSchema.nullable(),
    source: ConsentSourceSchema.nullable(),
    consentDate: z.string().nullable(),
    iys: z
      .object({ status: ConsentStatusSchema.nullable(), transactionId: z.string().nullable() })
      .nullable(),
    iysDeadlineAt: z.string().nullable(),
    pendingChange: z
      .object({
        changeId: z.string(),
        status: ConsentStatusSchema,
        phase: z.string(),
        deadlineAt: z.string(),
        overdue: z.boolean(),
        iysCode: z.string().nullable(),
      })
      .nullable(),
    maySend: z.object({ allowed: z.boolean(), reason: z.string(), message: z.string() }),
    stopDeadlineAt: z.string().nullable(),
    verification: z.object({ id: z.string(), phase: z.string(), expiresAt: z.string() }).nullable(),
  })
  .meta({ id: 'ConsentView' });

/**
 * The API view of a stored state.
 *
 * @example
 * ```ts
 * const view = viewOf(stored.state, new Date());
 * ```
 */
export function viewOf(state: ConsentState, at: Date): ConsentView {
  const head = state.outbox[0];
  const when = at.toISOString();
  const ms = maySend(state, at);
  const registered = state.iys?.status === state.current?.status && state.iys !== null;
  return {
    brandCode: state.key.brandCode,
    recipient: state.key.recipient,
    recipientType: state.key.recipientType,
    type: state.key.type,
    status: state.current?.status ?? null,
    source: state.current?.source ?? null,
    consentDate: state.current?.consentDate ?? null,
    iys: state.iys ? { status: state.iys.status, transactionId: state.iys.transactionId } : null,
    iysDeadlineAt: registered ? null : (head?.deadlineAt ?? state.current?.registerBy ?? null),
    pendingChange: head
      ? {
          changeId: head.changeId,
          status: head.status,
          phase: head.phase,
          deadlineAt: head.deadlineAt,
          overdue: when > head.deadlineAt,
          iysCode: head.iysCode,
        }
      : null,
    maySend: { allowed: ms.allowed, reason: ms.reason, message: ms.message },
    stopDeadlineAt: ms.stopDeadlineAt,
    verification: state.verification
      ? {
          id: state.verification.verificationId,
          phase: state.verification.phase,
          expiresAt: state.verification.expiresAt,
        }
      : null,
  };
}

/** The answer to a recorded decision. */
export interface DecisionResult {
  /** `applied` (state changed) or `ignored` (already so: İYS H174). */
  readonly outcome: 'applied' | 'ignored';
  /** Why ignored. */
  readonly ignored: { readonly code: string; readonly message: string } | null;
  /** The decision id. */
  readonly decisionId: string;
  /** The evidence entry recorded with it (null when ignored). */
  readonly evidenceId: number | null;
  /** The consent after the decision. */
  readonly consent: ConsentView;
}

/** zod schema of {@link DecisionResult}. */
export const DecisionResultSchema: z.ZodType<DecisionResult> = z
  .object({
    outcome: z.enum(['applied', 'ignored']),
    ignored: z.object({ code: z.string(), message: z.string() }).nullable(),
    decisionId: z.string(),
    evidenceId: z.number().int().nullable(),
    consent: ConsentViewSchema,
  })
  .meta({ id: 'DecisionResult' });

const REJECTION_STATUS: Partial<Record<RejectionCode, number>> = {};

/** The İYS H-code a machine refusal corresponds to, where there is one. */
const H_CODE_OF: Partial<Record<string, string>> = {
  first_record_ret: 'H175',
  older_than_current: 'H178',
  consent_date_in_future: 'H162',
  consent_date_before_2015: 'H156',
  hs2015_date_mismatch: 'H155',
  karar_requires_ret: 'H408',
  invalid_source: 'H119',
  invalid_status: 'H115',
};

/**
 * A 422 problem for a decision the consent machine refused (with İYS's H-code where it has one).
 *
 * @example
 * ```ts
 * if (r.outcome.kind === 'rejected') throw rejectionProblem(r.outcome.error);
 * ```
 */
export function rejectionProblem(error: {
  code: string;
  tr: string;
  en: string;
  path?: readonly (string | number)[];
}): Problem {
  const iysCode = H_CODE_OF[error.code];
  return new Problem(
    REJECTION_STATUS[error.code as RejectionCode] ?? 422,
    error.code,
    'problem.consent_rejected',
    {
      detail: { tr: error.tr, en: error.en },
      extra: iysCode ? { iysCode } : {},
    },
  );
}

/**
 * Builds and checks the consent key of an input; a bad recipient or channel is a 400 naming the field.
 *
 * @example
 * ```ts
 * const key = keyOrProblem('600000', { recipient: '0532 123 45 67', recipientType: 'BIREYSEL', type: 'MESAJ' }, 'body');
 * ```
 */
export function keyOrProblem(
  brandCode: string,
  input: { readonly recipient: string; readonly recipientType: RecipientType; readonly type: ConsentType },
  where: FieldError['in'],
): ConsentKey {
  const k = consentKey({
    brandCode,
    recipient: input.recipient,
    recipientType: input.recipientType,
    type: input.type,
  });
  if (k.ok) return k.value;
  const field =
    k.error.path?.[0] === 'type' ? 'type' : k.error.path?.[0] === 'brandCode' ? 'brandCode' : 'recipient';
  throw validationProblem(
    [{ in: where, field, pointer: `/${field}`, detail: k.error.message }],
    k.error.code,
  );
}

/**
 * A normalised recipient (E.164 phone or İYS-normalised e-mail), or a 400 naming `field`.
 *
 * @example
 * ```ts
 * normalizedRecipient('0532 123 45 67', 'query', 'recipient'); // '+905321234567'
 * ```
 */
export function normalizedRecipient(raw: string, where: FieldError['in'], field: string): string {
  const r = normalizeRecipient(raw);
  if (r.ok) return r.value.kind === 'phone' ? r.value.e164 : r.value.address;
  throw validationProblem(
    [{ in: where, field, pointer: `/${field}`, detail: `${r.error.message.tr} / ${r.error.message.en}` }],
    'invalid_recipient',
  );
}

function evidenceProblem(issues: readonly EvidenceIssue[]): Problem {
  return validationProblem(
    issues.map((i) => ({
      in: 'body' as const,
      field: `evidence.${i.path}`,
      pointer: `/evidence/${i.path.replace(/\./g, '/')}`,
      detail: `${i.messageTr} / ${i.message}`,
    })),
    'invalid_evidence',
  );
}

/**
 * Records one decision: checks it, builds its evidence record on the agreement text shown, and
 * writes it (with the audit entry) through the group-commit writer.
 *
 * @example
 * ```ts
 * const r = await recordDecision(hub, brand, input, { actor: 'api-key:…' });
 * ```
 */
export async function recordDecision(
  hub: Hub,
  brand: Brand,
  input: ConsentInput,
  who: { readonly actor: string },
): Promise<DecisionResult> {
  const key = keyOrProblem(brand.code, input, 'body');
  if (!isProviderSource(input.source)) {
    throw rejectionProblem({
      code: 'iys_source_not_allowed',
      tr: 'IYS_* kaynakları yalnızca İYS tarafından bildirilir; hizmet sağlayıcı gönderemez.',
      en: 'IYS_* sources come only from İYS; a service provider cannot record them.',
    });
  }
  const now = hub.now();
  const decisionId = input.decisionId ?? randomUUID();
  const locale = input.locale ?? 'tr';
  const text = input.agreementVersionId
    ? await hub.texts.byId(brand, input.agreementVersionId)
    : await hub.texts.inForce(brand, 'ETK_CONSENT', key.type, locale);
  if (input.agreementVersionId && !text) {
    throw validationProblem(
      [
        {
          in: 'body',
          field: 'agreementVersionId',
          pointer: '/agreementVersionId',
          detail: 'bu markanın yayımlanmış böyle bir sürümü yok / this brand has no such published version',
        },
      ],
      'unknown_agreement_version',
    );
  }
  let evidence: unknown;
  if (text) {
    const ev = decisionEvidence({
      id: decisionId,
      key,
      status: input.status,
      source: input.source,
      text,
      body: input.evidence,
      defaultActor: { type: 'AGENT', id: who.actor },
      now,
      subjectKey: hub.subjectKey,
    });
    if (!ev.ok) throw evidenceProblem(ev.issues);
    evidence = ev.value;
  }
  const [r] = await hub.writer.write({
    items: [
      {
        key,
        event: {
          type: 'DECISION_RECORDED',
          at: now.toISOString(),
          decisionId,
          status: input.status,
          source: input.source,
          consentDate: input.consentDate,
          ...(input.retailerCode !== undefined ? { retailerCode: input.retailerCode } : {}),
          ...(input.retailerAccess !== undefined ? { retailerAccess: input.retailerAccess } : {}),
        },
        ...(evidence !== undefined ? { evidence } : {}),
      },
    ],
    audit: [
      {
        actor: who.actor,
        action: 'consent.record',
        target: hub.consents.keyHash(key),
        details: {
          brandCode: brand.code,
          type: key.type,
          status: input.status,
          source: input.source,
          decisionId,
        },
        at: now,
      },
    ],
  });
  return decisionResult(hub, r!, decisionId, now);
}

/**
 * Turns a write result into the API answer (or a 422 for a refused decision).
 *
 * @example
 * ```ts
 * return decisionResult(hub, results[0], decisionId, now);
 * ```
 */
export function decisionResult(hub: Hub, r: RecordResult, decisionId: string, now: Date): DecisionResult {
  if (r.outcome.kind === 'rejected') throw rejectionProblem(r.outcome.error);
  if (r.effects.length > 0) hub.kick();
  return {
    outcome: r.outcome.kind,
    ignored: r.outcome.kind === 'ignored' ? { code: r.outcome.code, message: r.outcome.message } : null,
    decisionId,
    evidenceId: r.evidenceIds[0] ?? null,
    consent: viewOf(r.state, now),
  };
}

/** The current state of one person at one brand. */
export interface PersonView {
  /** The normalised recipient. */
  readonly recipient: string;
  /** Every channel on record. */
  readonly channels: readonly ConsentView[];
  /** Channels a commercial message may go out on now. */
  readonly sendable: readonly ConsentType[];
  /** The nearest İYS deadline. */
  readonly nextDeadlineAt: string | null;
  /** Changes past their deadline. */
  readonly overdue: number;
}

/** zod schema of {@link PersonView}. */
export const PersonViewSchema: z.ZodType<PersonView> = z
  .object({
    recipient: z.string(),
    channels: z.array(ConsentViewSchema),
    sendable: z.array(ConsentTypeSchema),
    nextDeadlineAt: z.string().nullable(),
    overdue: z.number().int(),
  })
  .meta({ id: 'PersonView' });

/**
 * The current state per channel of one recipient at one brand.
 *
 * @example
 * ```ts
 * const v = await personStatus(hub, '600000', '+905321234567');
 * ```
 */
export async function personStatus(
  hub: Hub,
  brandCode: string,
  recipient: string,
  recipientType?: RecipientType,
): Promise<PersonView> {
  const now = hub.now();
  const stored = await hub.consents.findByRecipient(brandCode, recipient);
  const states = stored
    .map((s) => s.state)
    .filter((s) => recipientType === undefined || s.key.recipientType === recipientType);
  const summary = summarizePerson(states, now);
  return {
    recipient,
    channels: states.map((s) => viewOf(s, now)),
    sendable: summary.sendable.map((k) => k.type),
    nextDeadlineAt: summary.nextDeadlineAt,
    overdue: summary.overdue,
  };
}

/**
 * The consents a person has not given yet, across the channels their addresses take.
 *
 * @example
 * ```ts
 * await missingFor(hub, '600000', ['+905321234567', 'ayse@example.com'], { includeRefused: false });
 * ```
 */
export async function missingFor(
  hub: Hub,
  brandCode: string,
  recipients: readonly string[],
  options: { readonly recipientTypes?: readonly RecipientType[]; readonly includeRefused?: boolean },
): Promise<{ key: ConsentKey; reason: string }[]> {
  const states: ConsentState[] = [];
  for (const r of recipients)
    for (const s of await hub.consents.findByRecipient(brandCode, r)) states.push(s.state);
  const m = missingConsents(
    {
      brandCode,
      recipients,
      ...(options.recipientTypes ? { recipientTypes: options.recipientTypes } : {}),
      ...(options.includeRefused !== undefined ? { includeRefused: options.includeRefused } : {}),
    },
    states,
  );
  if (!m.ok)
    throw validationProblem([
      { in: 'query', field: 'recipient', pointer: '/recipient', detail: m.error.message },
    ]);
  return m.value.map((x) => ({ key: x.key, reason: x.reason }));
}

/** One event of a consent's history, with its evidence. */
export interface HistoryEntry {
  /** Position in the log. */
  readonly n: number;
  /** Event type. */
  readonly type: string;
  /** The event's own time. */
  readonly at: string;
  /** `applied` or `ignored`. */
  readonly outcome: string;
  /** When it was written. */
  readonly recordedAt: string;
  /** The event. */
  readonly event: Record<string, unknown>;
  /** The evidence entry recorded with it. */
  readonly evidence: {
    readonly id: number;
    readonly kind: string;
    readonly leafIndex: number | null;
    readonly record: unknown;
  } | null;
}

/**
 * A consent's event log, oldest first, each event with its evidence record.
 *
 * @example
 * ```ts
 * const h = await history(hub, key);
 * ```
 */
export async function history(hub: Hub, key: ConsentKey): Promise<HistoryEntry[]> {
  const events = await hub.consents.events(key);
  const out: HistoryEntry[] = [];
  for (const e of events) {
    const entry = e.evidenceId === null ? null : await hub.evidence.entry(e.evidenceId);
    out.push({
      n: e.n,
      type: e.event.type,
      at: e.event.at,
      outcome: e.outcome,
      recordedAt: e.recordedAt.toISOString(),
      event: e.event as unknown as Record<string, unknown>,
      evidence: entry
        ? {
            id: entry.id,
            kind: entry.kind,
            leafIndex: entry.leafIndex,
            record: JSON.parse(entry.canonical) as unknown,
          }
        : null,
    });
  }
  return out;
}

/** The stable id of a consent key (for logs and audit: a keyed hash, never the recipient). */
export function consentRef(hub: Hub, key: ConsentKey): string {
  return hub.consents.keyHash(key);
}

export { keyId };
