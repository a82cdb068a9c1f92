/**
 * Proof-of-consent records: what a person agreed to, when, where and how — assembled, validated
 * and made ready to be canonicalised and appended to the log.
 */
import { createHmac } from 'node:crypto';
import {
  type ConsentStatus,
  ConsentStatusSchema,
  type ConsentType,
  ConsentTypeSchema,
  type ProviderSource,
  ProviderSourceSchema,
  type RecipientType,
  RecipientTypeSchema,
} from '@izinkit/iys';
import { z } from 'zod';
import { canonicalize } from './canonicalize.js';
import { toHex, utf8 } from './internal/bytes.js';
import { sha256, sha256Utf8 } from './internal/hash.js';
import { type IpAddress, parseIp } from './ip.js';

import type { Problem, Result } from './result.js';
import { parseUserAgent, type UserAgentInfo } from './user-agent.js';

/** The `type` of every record this version builds. */
export const EVIDENCE_RECORD_TYPE = 'izinkit.evidence/v1';

/**
 * Identifier kinds with a fixed meaning. Any other upper-case name (`LOYALTY_NO`) is accepted too.
 *
 * @example
 * ```ts
 * const k: KnownIdentifierKind = 'TCKN';
 * ```
 */
export type KnownIdentifierKind = 'TCKN' | 'YKN' | 'VKN' | 'MERSIS' | 'PHONE' | 'EMAIL' | 'CUSTOMER_ID';

/**
 * The kind of a subject identifier: a {@link KnownIdentifierKind} or another upper-case name.
 *
 * @example
 * ```ts
 * const k: IdentifierKind = 'LOYALTY_NO';
 * ```
 */
export type IdentifierKind = KnownIdentifierKind | (string & {});

const HEX64 = /^[0-9a-f]{64}$/;
const KIND = /^[A-Z][A-Z0-9_]{0,31}$/;
const ID = /^[\x21-\x7e]{1,128}$/;

/**
 * The keyed hash under which a subject identifier is recorded: HMAC-SHA-256 with the caller's
 * secret over the UTF-8 of `kind + ":" + value`, in lower-case hex. The kind is part of the
 * message, so the same digits as a TCKN and as a customer number give different hashes. Without
 * the secret a TCKN (about 10⁹ candidates) cannot be recovered by trying them all, as it can
 * from a plain hash. Normalise the value first (for example E.164 phones with
 * `@izinkit/identity`), or the same person will hash differently.
 *
 * @example
 * ```ts
 * const secret = new TextEncoder().encode('a 32-byte secret from your KMS..');
 * keyedIdentifierHash('TCKN', '10000000146', secret).length; // 64
 * ```
 */
export function keyedIdentifierHash(kind: IdentifierKind, value: string, secret: Uint8Array): string {
  return createHmac('sha256', secret)
    .update(utf8(`${kind}:${value}`))
    .digest('hex');
}

/**
 * A subject identifier as the caller knows it (raw); only its keyed hash is recorded.
 *
 * @example
 * ```ts
 * const id: SubjectIdentifierInput = { kind: 'PHONE', value: '+905321234567' };
 * ```
 */
export interface SubjectIdentifierInput {
  /** The kind: `TCKN`, `PHONE`, `EMAIL` … */
  readonly kind: IdentifierKind;
  /** The normalised raw value. Never stored. */
  readonly value: string;
}

/**
 * Who acted: the subject themself, an agent on their behalf (a call-centre operator, a shop
 * assistant), or a system (an import, an İYS pull).
 *
 * @example
 * ```ts
 * const a: ActorType = 'AGENT';
 * ```
 */
export type ActorType = 'SUBJECT' | 'AGENT' | 'SYSTEM';

/** All actor types. */
export const ACTOR_TYPES: readonly ActorType[] = ['SUBJECT', 'AGENT', 'SYSTEM'];

/**
 * A time: a `Date` or an ISO 8601 string with a time zone (`Z` or `+03:00`).
 *
 * @example
 * ```ts
 * const t: TimeInput = '2025-03-01T10:15:00+03:00';
 * ```
 */
export type TimeInput = Date | string;

/**
 * Everything {@link buildEvidence} needs. Only `id`, `subject`, `subjectKey`, `decision`,
 * `agreement`, `actor` and `serverTime` are required.
 *
 * @example
 * ```ts
 * const input: EvidenceInput = {
 *   id: '0b6f6c1e-7c57-4d55-9d1f-7e0b0b3f3a11',
 *   subject: { identifiers: [{ kind: 'PHONE', value: '+905321234567' }], recipientType: 'BIREYSEL' },
 *   subjectKey: { id: 'k2025', secret: new Uint8Array(32) },
 *   decision: { status: 'ONAY', channel: 'MESAJ', source: 'HS_WEB' },
 *   agreement: { versionId: 'etk-2025-01', textHash: 'a'.repeat(64) },
 *   actor: { type: 'SUBJECT' },
 *   serverTime: new Date(),
 * };
 * ```
 */
export interface EvidenceInput {
  /** Your id for this record (a UUID, say): 1–128 visible ASCII characters. */
  readonly id: string;
  /** The person the consent is about. */
  readonly subject: {
    /** At least one identifier; each is recorded only as a keyed hash. */
    readonly identifiers: readonly SubjectIdentifierInput[];
    /** İYS recipient type, when the consent is a commercial-message consent. */
    readonly recipientType?: RecipientType;
  };
  /** The HMAC key for identifiers. */
  readonly subjectKey: {
    /** The key's id, recorded so a later lookup knows which key to use. */
    readonly id: string;
    /** The secret, at least 16 bytes. Never recorded. */
    readonly secret: Uint8Array;
  };
  /** The decision. */
  readonly decision: {
    /** `ONAY` (given) or `RET` (refused or withdrawn). */
    readonly status: ConsentStatus;
    /** The channel: `MESAJ`, `ARAMA` or `EPOSTA`. */
    readonly channel: ConsentType;
    /** How the consent was collected: an İYS `HS_*` source. */
    readonly source: ProviderSource;
    /** İYS brand code, when the provider has several brands. */
    readonly brandCode?: string;
  };
  /** The agreement version shown. */
  readonly agreement: {
    /** The agreement version's id (from `@izinkit/agreements`, or your own). */
    readonly versionId: string;
    /** SHA-256 (64 lower-case hex digits) of the exact rendered text the person saw. */
    readonly textHash: string;
    /** Locale of the text shown (`tr`, `en` …). */
    readonly locale?: string;
    /** Kind of agreement (`ETK_CONSENT`, `KVKK_ACIK_RIZA` …). */
    readonly kind?: string;
  };
  /** Who performed the action. */
  readonly actor: {
    /** The subject, an agent acting for them, or a system. */
    readonly type: ActorType;
    /** The actor's id; required for an `AGENT`. */
    readonly id?: string;
    /** The actor's display name. */
    readonly name?: string;
    /** The actor's role (`call-centre`, `store` …). */
    readonly role?: string;
  };
  /** What the client sent. */
  readonly client?: {
    /** The client's IP address (IPv4 or IPv6). */
    readonly ip?: string;
    /** The `User-Agent` header. */
    readonly userAgent?: string;
    /** A device id (app installation id, say). */
    readonly deviceId?: string;
    /** The device model (`SM-S918B`, `iPhone15,2`). */
    readonly deviceModel?: string;
  };
  /** When the server recorded the decision. */
  readonly serverTime: TimeInput;
  /** The time the client reported, verbatim (ISO 8601 with a time zone). */
  readonly clientTime?: string;
  /** One-time-password confirmation (double opt-in). */
  readonly otp?: {
    /** The channel the code went over. */
    readonly channel: ConsentType;
    /** SHA-256 or HMAC (64 lower-case hex digits) of the code sent — never the code. */
    readonly codeHash: string;
    /** When the code was sent. */
    readonly sentAt: TimeInput;
    /** When the right code was entered. */
    readonly verifiedAt?: TimeInput;
    /** Number of codes the person entered, the right one included. */
    readonly attempts: number;
    /** The SMS or e-mail gateway's message id. */
    readonly messageId?: string;
  };
  /** Captcha check result. */
  readonly captcha?: {
    /** The captcha service (`turnstile`, `recaptcha` …). */
    readonly provider: string;
    /** Whether the check passed. */
    readonly success: boolean;
    /** Score in [0, 1], for providers that give one. */
    readonly score?: number;
    /** The provider's action name. */
    readonly action?: string;
    /** When the check ran. */
    readonly checkedAt?: TimeInput;
  };
  /** Attachments by hash (a wet-signature scan, a call recording). */
  readonly attachments?: readonly EvidenceAttachment[];
  /** Free text (an agent's note). At most 2,000 characters. */
  readonly notes?: string;
}

/**
 * A file kept beside the record, referenced by its SHA-256.
 *
 * @example
 * ```ts
 * const a: EvidenceAttachment = { name: 'islak-imza.pdf', mediaType: 'application/pdf', sha256: 'ab'.repeat(32), size: 48213 };
 * ```
 */
export interface EvidenceAttachment {
  /** File name. */
  readonly name: string;
  /** Media type (`application/pdf`, `audio/ogg` …). */
  readonly mediaType: string;
  /** SHA-256 of the file, 64 lower-case hex digits. */
  readonly sha256: string;
  /** Size in bytes. */
  readonly size?: number;
}

/**
 * A proof-of-consent record: plain JSON data, ready for {@link canonicalize}. Times are ISO 8601
 * UTC strings with milliseconds.
 *
 * @example
 * ```ts
 * declare const record: EvidenceRecord;
 * console.log(record.decision.status, record.times.server);
 * ```
 */
export interface EvidenceRecord {
  /** Always {@link EVIDENCE_RECORD_TYPE}. */
  readonly type: typeof EVIDENCE_RECORD_TYPE;
  /** The caller's record id. */
  readonly id: string;
  /** The subject, as keyed hashes only. */
  readonly subject: {
    /** Id of the HMAC key used. */
    readonly keyId: string;
    /** Keyed hashes, sorted by kind then hash. */
    readonly identifiers: readonly {
      /** The identifier kind. */
      readonly kind: string;
      /** {@link keyedIdentifierHash} of the value, hex. */
      readonly hmac: string;
    }[];
    /** İYS recipient type. */
    readonly recipientType?: RecipientType;
  };
  /** The decision. */
  readonly decision: {
    /** `ONAY` or `RET`. */
    readonly status: ConsentStatus;
    /** The channel. */
    readonly channel: ConsentType;
    /** The İYS `HS_*` source. */
    readonly source: ProviderSource;
    /** İYS brand code. */
    readonly brandCode?: string;
  };
  /** The agreement version and the hash of the rendered text. */
  readonly agreement: {
    /** The agreement version's id. */
    readonly versionId: string;
    /** SHA-256 (hex) of the rendered text. */
    readonly textHash: string;
    /** Locale of the text. */
    readonly locale?: string;
    /** Kind of agreement. */
    readonly kind?: string;
  };
  /** Who acted. */
  readonly actor: {
    /** The subject, an agent, or a system. */
    readonly type: ActorType;
    /** The actor's id. */
    readonly id?: string;
    /** The actor's name. */
    readonly name?: string;
    /** The actor's role. */
    readonly role?: string;
  };
  /** What the client sent, with the IP in canonical form and the user agent parsed. */
  readonly client?: {
    /** The IP address, validated and canonical. */
    readonly ip?: IpAddress;
    /** The user agent: the raw header and what {@link parseUserAgent} made of it. */
    readonly userAgent?: {
      /** The header as received. */
      readonly raw: string;
    } & UserAgentInfo;
    /** The device id. */
    readonly deviceId?: string;
    /** The device model. */
    readonly deviceModel?: string;
  };
  /** Server time, client time as reported, and the client's clock offset. */
  readonly times: {
    /** When the server recorded the decision (ISO UTC). */
    readonly server: string;
    /** The client's time, as it reported it. */
    readonly client?: string;
    /** Client time minus server time, in milliseconds. */
    readonly clientOffsetMs?: number;
  };
  /** OTP confirmation. */
  readonly otp?: {
    /** Channel of the code. */
    readonly channel: ConsentType;
    /** Hash of the code. */
    readonly codeHash: string;
    /** When it was sent (ISO UTC). */
    readonly sentAt: string;
    /** When it was verified (ISO UTC). */
    readonly verifiedAt?: string;
    /** Codes entered. */
    readonly attempts: number;
    /** Gateway message id. */
    readonly messageId?: string;
  };
  /** Captcha result. */
  readonly captcha?: {
    /** The captcha service. */
    readonly provider: string;
    /** Whether it passed. */
    readonly success: boolean;
    /** Score in [0, 1]. */
    readonly score?: number;
    /** The provider's action name. */
    readonly action?: string;
    /** When it ran (ISO UTC). */
    readonly checkedAt?: string;
  };
  /** Attachments by hash. */
  readonly attachments?: readonly EvidenceAttachment[];
  /** Free text. */
  readonly notes?: string;
}

const text = (max: number) => z.string().trim().min(1).max(max);
const timeInput = z.union([
  z.date().refine((d) => !Number.isNaN(d.getTime()), 'geçersiz tarih / invalid date'),
  z.iso.datetime({ offset: true }),
]);
const hex64 = z
  .string()
  .regex(HEX64, 'küçük harfli 64 onaltılık rakam (SHA-256) / 64 lower-case hex digits (SHA-256)');

/**
 * zod schema of {@link EvidenceInput} (the shape; {@link buildEvidence} adds the checks that span
 * fields, such as OTP times).
 *
 * @example
 * ```ts
 * EvidenceInputSchema.safeParse({}).success; // false
 * ```
 */
export const EvidenceInputSchema: z.ZodType<EvidenceInput> = z.object({
  id: z.string().regex(ID, '1–128 görünür ASCII karakter / 1–128 visible ASCII characters'),
  subject: z.object({
    identifiers: z
      .array(
        z.object({
          kind: z.string().regex(KIND, 'büyük harfli bir tür adı / an upper-case kind name'),
          value: text(320),
        }),
      )
      .min(1, 'en az bir kimlik gerekli / at least one identifier is required')
      .max(16),
    recipientType: RecipientTypeSchema.optional(),
  }),
  subjectKey: z.object({
    id: z.string().regex(ID),
    secret: z
      .instanceof(Uint8Array)
      .refine((s) => s.length >= 16, 'anahtar en az 16 bayt olmalı / the secret must be at least 16 bytes'),
  }),
  decision: z.object({
    status: ConsentStatusSchema,
    channel: ConsentTypeSchema,
    source: ProviderSourceSchema,
    brandCode: z
      .string()
      .regex(/^[0-9]{1,20}$/)
      .optional(),
  }),
  agreement: z.object({
    versionId: text(200),
    textHash: hex64,
    locale: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
      .optional(),
    kind: text(64).optional(),
  }),
  actor: z.object({
    type: z.enum(['SUBJECT', 'AGENT', 'SYSTEM']),
    id: text(128).optional(),
    name: text(200).optional(),
    role: text(64).optional(),
  }),
  client: z
    .object({
      ip: z.string().optional(),
      userAgent: z.string().min(1).max(2048).optional(),
      deviceId: text(256).optional(),
      deviceModel: text(128).optional(),
    })
    .optional(),
  serverTime: timeInput,
  clientTime: z.iso.datetime({ offset: true }).optional(),
  otp: z
    .object({
      channel: ConsentTypeSchema,
      codeHash: hex64,
      sentAt: timeInput,
      verifiedAt: timeInput.optional(),
      attempts: z.number().int().min(0).max(1000),
      messageId: text(200).optional(),
    })
    .optional(),
  captcha: z
    .object({
      provider: text(64),
      success: z.boolean(),
      score: z.number().min(0).max(1).optional(),
      action: text(64).optional(),
      checkedAt: timeInput.optional(),
    })
    .optional(),
  attachments: z
    .array(
      z.object({
        name: text(256),
        mediaType: z.string().regex(/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/i, 'bir MIME türü / a media type'),
        sha256: hex64,
        size: z.number().int().nonnegative().optional(),
      }),
    )
    .max(64)
    .optional(),
  notes: z.string().max(2000).optional(),
}) as z.ZodType<EvidenceInput>;

const isoUtc = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
const namedVersion = z.object({ name: z.string().min(1), version: z.string().min(1).optional() });

/**
 * zod schema of {@link EvidenceRecord}: what a verifier accepts as a record (strict: unknown
 * fields are rejected, so nothing can be smuggled into a bundle beside the signed data).
 *
 * @example
 * ```ts
 * EvidenceRecordSchema.safeParse({ type: 'izinkit.evidence/v1' }).success; // false
 * ```
 */
export const EvidenceRecordSchema: z.ZodType<EvidenceRecord> = z.strictObject({
  type: z.literal(EVIDENCE_RECORD_TYPE),
  id: z.string().regex(ID),
  subject: z.strictObject({
    keyId: z.string().regex(ID),
    identifiers: z
      .array(z.strictObject({ kind: z.string().regex(KIND), hmac: z.string().regex(HEX64) }))
      .min(1),
    recipientType: RecipientTypeSchema.optional(),
  }),
  decision: z.strictObject({
    status: ConsentStatusSchema,
    channel: ConsentTypeSchema,
    source: ProviderSourceSchema,
    brandCode: z.string().optional(),
  }),
  agreement: z.strictObject({
    versionId: z.string().min(1),
    textHash: z.string().regex(HEX64),
    locale: z.string().optional(),
    kind: z.string().optional(),
  }),
  actor: z.strictObject({
    type: z.enum(['SUBJECT', 'AGENT', 'SYSTEM']),
    id: z.string().optional(),
    name: z.string().optional(),
    role: z.string().optional(),
  }),
  client: z
    .strictObject({
      ip: z.strictObject({ version: z.union([z.literal(4), z.literal(6)]), address: z.string() }).optional(),
      userAgent: z
        .strictObject({
          raw: z.string(),
          browser: namedVersion,
          os: namedVersion,
          device: z.enum(['desktop', 'mobile', 'tablet', 'bot', 'unknown']),
        })
        .optional(),
      deviceId: z.string().optional(),
      deviceModel: z.string().optional(),
    })
    .optional(),
  times: z.strictObject({
    server: isoUtc,
    client: z.string().optional(),
    clientOffsetMs: z.number().int().optional(),
  }),
  otp: z
    .strictObject({
      channel: ConsentTypeSchema,
      codeHash: z.string().regex(HEX64),
      sentAt: isoUtc,
      verifiedAt: isoUtc.optional(),
      attempts: z.number().int().nonnegative(),
      messageId: z.string().optional(),
    })
    .optional(),
  captcha: z
    .strictObject({
      provider: z.string(),
      success: z.boolean(),
      score: z.number().optional(),
      action: z.string().optional(),
      checkedAt: isoUtc.optional(),
    })
    .optional(),
  attachments: z
    .array(
      z.strictObject({
        name: z.string(),
        mediaType: z.string(),
        sha256: z.string().regex(HEX64),
        size: z.number().int().nonnegative().optional(),
      }),
    )
    .optional(),
  notes: z.string().optional(),
}) as z.ZodType<EvidenceRecord>;

/**
 * One problem with an {@link EvidenceInput}.
 *
 * @example
 * ```ts
 * const i: EvidenceIssue = { path: 'client.ip', message: 'not an IP address', messageTr: 'IP adresi değil' };
 * ```
 */
export interface EvidenceIssue {
  /** Dotted path of the field (`otp.verifiedAt`). */
  readonly path: string;
  /** What is wrong, in English. */
  readonly message: string;
  /** What is wrong, in Turkish. */
  readonly messageTr: string;
}

/**
 * Why {@link buildEvidence} refused an input: code `EVIDENCE_INVALID` and every issue found.
 *
 * @example
 * ```ts
 * declare const e: EvidenceBuildError;
 * for (const i of e.issues) console.log(i.path, i.message);
 * ```
 */
export interface EvidenceBuildError extends Problem<'EVIDENCE_INVALID'> {
  /** Each problem, with the field it concerns. */
  readonly issues: readonly EvidenceIssue[];
}

const toIso = (t: TimeInput): string => new Date(t).toISOString();

function splitMessage(m: string): { tr: string; en: string } {
  const i = m.indexOf(' / ');
  return i > 0 ? { tr: m.slice(0, i), en: m.slice(i + 3) } : { tr: m, en: m };
}

/**
 * Validates an {@link EvidenceInput} and assembles the {@link EvidenceRecord}: identifiers become
 * keyed hashes (see {@link keyedIdentifierHash}) and are sorted; the IP is validated and written
 * in canonical form; the user agent is parsed into browser, OS and device; times become ISO UTC
 * strings and the client's clock offset is computed. Checks across fields: an `AGENT` needs an
 * id; OTP `verifiedAt` is not before `sentAt` nor after `serverTime`, and a verified OTP has at
 * least one attempt; captcha `checkedAt` is not after `serverTime`. Pure: nothing is read from
 * the clock.
 *
 * @example
 * ```ts
 * const r = buildEvidence({
 *   id: 'rec-1',
 *   subject: { identifiers: [{ kind: 'TCKN', value: '10000000146' }] },
 *   subjectKey: { id: 'k1', secret: new Uint8Array(32).fill(7) },
 *   decision: { status: 'ONAY', channel: 'MESAJ', source: 'HS_WEB' },
 *   agreement: { versionId: 'etk-v3', textHash: 'ab'.repeat(32) },
 *   actor: { type: 'SUBJECT' },
 *   client: { ip: '2001:DB8::1', userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1' },
 *   serverTime: '2025-03-01T07:15:00.000Z',
 * });
 * if (r.ok) console.log(r.value.client?.ip?.address); // '2001:db8::1'
 * ```
 */
export function buildEvidence(input: EvidenceInput): Result<EvidenceRecord, EvidenceBuildError> {
  const parsed = EvidenceInputSchema.safeParse(input);
  const issues: EvidenceIssue[] = [];
  const issue = (path: string, en: string, tr: string): void => {
    issues.push({ path, message: en, messageTr: tr });
  };
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const m = splitMessage(i.message);
      const path = i.path.map(String).join('.');
      issues.push({
        path,
        message: `${path || 'input'}: ${m.en}`,
        messageTr:
          m.tr === m.en ? `${path || 'girdi'}: geçersiz değer (${m.en})` : `${path || 'girdi'}: ${m.tr}`,
      });
    }
    return fail(issues);
  }
  const v = parsed.data;
  const server = new Date(v.serverTime).getTime();

  if (v.actor.type === 'AGENT' && v.actor.id === undefined) {
    issue(
      'actor.id',
      'an AGENT actor needs an id (who acted for the subject)',
      'AGENT türündeki işlem yapanın kimliği gerekli',
    );
  }
  let ip: IpAddress | undefined;
  if (v.client?.ip !== undefined) {
    const r = parseIp(v.client.ip);
    if (r.ok) ip = r.value;
    else issue('client.ip', r.error.message, r.error.messageTr);
  }
  if (v.otp) {
    const sent = new Date(v.otp.sentAt).getTime();
    if (sent > server)
      issue(
        'otp.sentAt',
        'the OTP was sent after the server time',
        'tek kullanımlık kod, sunucu zamanından sonra gönderilmiş',
      );
    if (v.otp.verifiedAt !== undefined) {
      const verified = new Date(v.otp.verifiedAt).getTime();
      if (verified < sent)
        issue(
          'otp.verifiedAt',
          'the OTP was verified before it was sent',
          'kod, gönderilmeden önce doğrulanmış',
        );
      if (verified > server)
        issue(
          'otp.verifiedAt',
          'the OTP was verified after the server time',
          'kod, sunucu zamanından sonra doğrulanmış',
        );
      if (v.otp.attempts < 1)
        issue(
          'otp.attempts',
          'a verified OTP needs at least one attempt',
          'doğrulanmış kod için en az bir deneme gerekir',
        );
    }
  }
  if (v.captcha?.checkedAt !== undefined && new Date(v.captcha.checkedAt).getTime() > server) {
    issue(
      'captcha.checkedAt',
      'the captcha was checked after the server time',
      'captcha, sunucu zamanından sonra denetlenmiş',
    );
  }
  if (issues.length > 0) return fail(issues);

  const secret = v.subjectKey.secret;
  const identifiers = v.subject.identifiers
    .map((i) => ({ kind: i.kind, hmac: keyedIdentifierHash(i.kind, i.value, secret) }))
    .sort((a, b) =>
      a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.hmac < b.hmac ? -1 : a.hmac > b.hmac ? 1 : 0,
    )
    .filter((x, i, all) => i === 0 || x.kind !== all[i - 1]!.kind || x.hmac !== all[i - 1]!.hmac);

  const client = v.client
    ? {
        ...(ip ? { ip } : {}),
        ...(v.client.userAgent !== undefined
          ? { userAgent: { raw: v.client.userAgent, ...parseUserAgent(v.client.userAgent) } }
          : {}),
        ...(v.client.deviceId !== undefined ? { deviceId: v.client.deviceId } : {}),
        ...(v.client.deviceModel !== undefined ? { deviceModel: v.client.deviceModel } : {}),
      }
    : undefined;

  const record: EvidenceRecord = {
    type: EVIDENCE_RECORD_TYPE,
    id: v.id,
    subject: {
      keyId: v.subjectKey.id,
      identifiers,
      ...(v.subject.recipientType ? { recipientType: v.subject.recipientType } : {}),
    },
    decision: { ...v.decision },
    agreement: { ...v.agreement },
    actor: { ...v.actor },
    ...(client && Object.keys(client).length > 0 ? { client } : {}),
    times: {
      server: toIso(v.serverTime),
      ...(v.clientTime !== undefined
        ? { client: v.clientTime, clientOffsetMs: new Date(v.clientTime).getTime() - server }
        : {}),
    },
    ...(v.otp
      ? {
          otp: {
            channel: v.otp.channel,
            codeHash: v.otp.codeHash,
            sentAt: toIso(v.otp.sentAt),
            ...(v.otp.verifiedAt !== undefined ? { verifiedAt: toIso(v.otp.verifiedAt) } : {}),
            attempts: v.otp.attempts,
            ...(v.otp.messageId !== undefined ? { messageId: v.otp.messageId } : {}),
          },
        }
      : {}),
    ...(v.captcha
      ? {
          captcha: {
            provider: v.captcha.provider,
            success: v.captcha.success,
            ...(v.captcha.score !== undefined ? { score: v.captcha.score } : {}),
            ...(v.captcha.action !== undefined ? { action: v.captcha.action } : {}),
            ...(v.captcha.checkedAt !== undefined ? { checkedAt: toIso(v.captcha.checkedAt) } : {}),
          },
        }
      : {}),
    ...(v.attachments && v.attachments.length > 0
      ? { attachments: v.attachments.map((a) => ({ ...a })) }
      : {}),
    ...(v.notes !== undefined && v.notes.length > 0 ? { notes: v.notes } : {}),
  };
  // Rebuilt from its canonical form: plain data only, members in RFC 8785 order (so that
  // canonicalize takes its fast path on it later).
  return { ok: true, value: JSON.parse(canonicalize(record)) as EvidenceRecord };
}

function fail(issues: EvidenceIssue[]): Result<EvidenceRecord, EvidenceBuildError> {
  const first = issues[0];
  return {
    ok: false,
    error: {
      code: 'EVIDENCE_INVALID',
      message: `invalid evidence input (${issues.length} issue${issues.length === 1 ? '' : 's'}): ${first?.message ?? ''}`,
      messageTr: `kanıt girdisi geçersiz (${issues.length} sorun): ${first?.messageTr ?? ''}`,
      issues,
    },
  };
}

/**
 * A record's log entry, from {@link evidenceEntry}.
 *
 * @example
 * ```ts
 * declare const e: EvidenceEntry;
 * await log.append(e.entry);
 * ```
 */
export interface EvidenceEntry {
  /** The RFC 8785 canonical JSON of the record. */
  readonly canonical: string;
  /** Its UTF-8 bytes: the log entry (made on first access). */
  readonly entry: Uint8Array;
  /** The RFC 9162 leaf hash of the entry. */
  readonly leaf: Uint8Array;
}

/**
 * The log entry of a record: the UTF-8 bytes of its RFC 8785 canonical form, and the leaf hash
 * of those bytes.
 *
 * @example
 * ```ts
 * declare const record: EvidenceRecord;
 * const { canonical, entry, leaf } = evidenceEntry(record);
 * ```
 */
export function evidenceEntry(record: EvidenceRecord): EvidenceEntry {
  const canonical = canonicalize(record);
  // The leaf hash: the UTF-8 of 0x00 ‖ canonical written into a reused buffer and hashed by
  // node:crypto (no concatenated string, no per-record buffer). The entry bytes are only made when
  // asked for (append the leaf hash with MerkleLog.appendLeafHash and they never are).
  return new Entry(canonical, sha256Utf8(0x00, canonical));
}

/**
 * The {@link EvidenceEntry} of {@link evidenceEntry}: a class with the lazy `entry` getter on its
 * prototype (an object literal with a getter costs V8 a slow property definition per object).
 */
class Entry implements EvidenceEntry {
  readonly canonical: string;
  readonly leaf: Uint8Array;
  #entry: Uint8Array | undefined;
  constructor(canonical: string, leaf: Uint8Array) {
    this.canonical = canonical;
    this.leaf = leaf;
  }
  get entry(): Uint8Array {
    this.#entry ??= utf8(this.canonical);
    return this.#entry;
  }
}

/**
 * SHA-256 (hex) of some bytes: for the `agreement.textHash` of a rendered text or the `sha256` of
 * an attachment.
 *
 * @example
 * ```ts
 * sha256Hex(new TextEncoder().encode('')); // 'e3b0c442…b855'
 * ```
 */
export function sha256Hex(data: Uint8Array): string {
  return toHex(sha256(data));
}
