/**
 * Proof-of-consent records (@izinkit/evidence `buildEvidence`) for the decisions the service
 * records: who decided, on which text (version id and the rendered text's hash), through which
 * client, when — identifiers only as keyed hashes.
 */
import { createHmac } from 'node:crypto';
import type { ConsentKey } from '@izinkit/consent';
import {
  type ActorType,
  buildEvidence,
  type EvidenceInput,
  type EvidenceIssue,
  type EvidenceRecord,
} from '@izinkit/evidence';
import type { ConsentStatus, ProviderSource } from '@izinkit/iys';
import type { StorageKeys } from '@izinkit/postgres';
import { z } from 'zod';
import type { ResolvedText } from './agreement-texts.js';

/** The evidence a caller may send with a decision (all optional). */
export interface EvidenceBody {
  /** The person's IP address as the caller saw it. */
  readonly ip?: string | undefined;
  /** The person's browser or app User-Agent. */
  readonly userAgent?: string | undefined;
  /** The client's clock (ISO 8601), kept as sent. */
  readonly clientTime?: string | undefined;
  /** A device id. */
  readonly deviceId?: string | undefined;
  /** A device model. */
  readonly deviceModel?: string | undefined;
  /** Who acted: the person (`SUBJECT`), an agent on their behalf, or a system. */
  readonly actor?:
    | {
        readonly type: ActorType;
        readonly id?: string | undefined;
        readonly name?: string | undefined;
        readonly role?: string | undefined;
      }
    | undefined;
  /** A CAPTCHA result. */
  readonly captcha?:
    | {
        readonly provider: string;
        readonly success: boolean;
        readonly score?: number | undefined;
        readonly action?: string | undefined;
      }
    | undefined;
  /** Attachments by hash (a signed form's scan, a call recording). */
  readonly attachments?:
    | readonly {
        readonly name: string;
        readonly mediaType: string;
        readonly sha256: string;
        readonly size?: number | undefined;
      }[]
    | undefined;
  /** Free-text notes (never personal data). */
  readonly notes?: string | undefined;
}

/** zod schema of {@link EvidenceBody}. */
export const EvidenceBodySchema: z.ZodType<EvidenceBody> = z.strictObject({
  ip: z.string().min(2).max(64).optional(),
  userAgent: z.string().min(1).max(1024).optional(),
  clientTime: z.string().min(1).max(64).optional(),
  deviceId: z.string().min(1).max(200).optional(),
  deviceModel: z.string().min(1).max(200).optional(),
  actor: z
    .strictObject({
      type: z.enum(['SUBJECT', 'AGENT', 'SYSTEM']),
      id: z.string().min(1).max(200).optional(),
      name: z.string().min(1).max(200).optional(),
      role: z.string().min(1).max(200).optional(),
    })
    .optional(),
  captcha: z
    .strictObject({
      provider: z.string().min(1).max(100),
      success: z.boolean(),
      score: z.number().min(0).max(1).optional(),
      action: z.string().min(1).max(100).optional(),
    })
    .optional(),
  attachments: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(200),
        mediaType: z.string().min(3).max(100),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        size: z.number().int().nonnegative().optional(),
      }),
    )
    .max(20)
    .optional(),
  notes: z.string().max(2000).optional(),
});

/** The key identifiers in evidence records are hashed with (derived from the lookup key). */
export function subjectKeyOf(keys: StorageKeys): { readonly id: string; readonly secret: Uint8Array } {
  return {
    id: 's1',
    secret: createHmac('sha256', keys.lookupKey).update('izinkit.service.evidence-subject.v1').digest(),
  };
}

/** What {@link decisionEvidence} needs. */
export interface DecisionEvidenceInput {
  /** Record id (the decision id). */
  readonly id: string;
  /** The consent. */
  readonly key: ConsentKey;
  /** ONAY or RET. */
  readonly status: ConsentStatus;
  /** HS_* source. */
  readonly source: ProviderSource;
  /** The text the person saw. */
  readonly text: ResolvedText;
  /** The caller's evidence. */
  readonly body: EvidenceBody | undefined;
  /** Actor when the body names none. */
  readonly defaultActor: { readonly type: ActorType; readonly id?: string };
  /** Server time. */
  readonly now: Date;
  /** One-time-code proof. */
  readonly otp?: EvidenceInput['otp'];
  /** Hash key for identifiers. */
  readonly subjectKey: { readonly id: string; readonly secret: Uint8Array };
}

/**
 * Builds the evidence record of one decision; issues carry the field path under `evidence`.
 *
 * @example
 * ```ts
 * const r = decisionEvidence({ id, key, status: 'ONAY', source: 'HS_WEB', text, body, defaultActor: { type: 'AGENT' }, now, subjectKey });
 * ```
 */
export function decisionEvidence(
  input: DecisionEvidenceInput,
): { ok: true; value: EvidenceRecord } | { ok: false; issues: readonly EvidenceIssue[] } {
  const b = input.body ?? {};
  const actor = b.actor ?? input.defaultActor;
  const client = {
    ...(b.ip ? { ip: b.ip } : {}),
    ...(b.userAgent ? { userAgent: b.userAgent } : {}),
    ...(b.deviceId ? { deviceId: b.deviceId } : {}),
    ...(b.deviceModel ? { deviceModel: b.deviceModel } : {}),
  };
  const r = buildEvidence({
    id: input.id,
    subject: {
      identifiers: [
        { kind: input.key.recipient.includes('@') ? 'EMAIL' : 'PHONE', value: input.key.recipient },
      ],
      recipientType: input.key.recipientType,
    },
    subjectKey: input.subjectKey,
    decision: {
      status: input.status,
      channel: input.key.type,
      source: input.source,
      brandCode: input.key.brandCode,
    },
    agreement: {
      versionId: input.text.version.id,
      textHash: input.text.rendered.hash,
      locale: input.text.version.document.locale,
      kind: input.text.version.document.kind,
    },
    actor: Object.fromEntries(
      Object.entries(actor).filter(([, v]) => v !== undefined),
    ) as EvidenceInput['actor'],
    ...(Object.keys(client).length > 0 ? { client } : {}),
    serverTime: input.now,
    ...(b.clientTime ? { clientTime: b.clientTime } : {}),
    ...(input.otp ? { otp: input.otp } : {}),
    ...(b.captcha
      ? {
          captcha: Object.fromEntries(
            Object.entries(b.captcha).filter(([, v]) => v !== undefined),
          ) as EvidenceInput['captcha'] & object,
        }
      : {}),
    ...(b.attachments
      ? {
          attachments: b.attachments.map(
            (a) =>
              Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as {
                name: string;
                mediaType: string;
                sha256: string;
              },
          ),
        }
      : {}),
    ...(b.notes ? { notes: b.notes } : {}),
  });
  if (r.ok) return { ok: true, value: r.value };
  return { ok: false, issues: r.error.issues };
}
