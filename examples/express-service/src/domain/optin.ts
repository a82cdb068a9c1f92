/**
 * Double opt-in, both ways smartADM does it:
 *
 * - **code**: a one-time code goes by SMS (or e-mail); the channel's app sends back what the
 *   person typed (`POST …/optin/{id}/verify`);
 * - **link**: an SMS carries a landing-page link where the person ticks the ETK consent and the
 *   KVKK explicit consent separately and confirms.
 *
 * Either way the consent machine holds the verification (code digest, attempts, expiry, lockout
 * after the fifth wrong code) and turns a verified code into an ONAY with its evidence; this
 * module holds how the person is reached. Codes and link tokens are never stored: only their
 * keyed digests (and the link's SHA-256).
 */
import { createHash, createHmac, randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { ConsentKey } from '@izinkit/consent';
import type { ConsentType, ProviderSource, RecipientType } from '@izinkit/iys';
import { channelsFor } from '@izinkit/iys';
import { detokenize, tokenize } from '@izinkit/kvkk';
import type { PendingEffect, RecordItem } from '@izinkit/postgres';
import { ConsentRepository } from '@izinkit/postgres';
import { Problem } from '../http/problem.js';
import type { Hub } from '../hub.js';
import { type Locale, t } from '../i18n.js';
import type { Brand } from './brands.js';
import { keyOrProblem, type PersonView, personStatus } from './consents.js';
import { inTransaction } from './db.js';
import { decisionEvidence, type EvidenceBody } from './evidence-record.js';
import type { OutgoingMessage } from './messages.js';

/** How long a code or link stays valid. */
export const OPTIN_TTL_MS: { readonly code: number; readonly link: number } = {
  code: 10 * 60_000,
  link: 48 * 3_600_000,
};
/** Wrong codes before the verification locks. */
export const OPTIN_MAX_ATTEMPTS = 5;

const RECIPIENT_PURPOSE = 'optin.recipient';

/** A new opt-in request. */
export interface OptinRequestInput {
  /** Phone or e-mail. */
  readonly recipient: string;
  /** BIREYSEL (default) or TACIR. */
  readonly recipientType?: RecipientType | undefined;
  /** Channels to ask for (default: every channel the address takes). */
  readonly channels?: readonly ConsentType[] | undefined;
  /** `code` or `link`. */
  readonly method: 'code' | 'link';
  /** Where the person started (HS_WEB, HS_MOBIL, HS_CAGRI_MERKEZI …). */
  readonly source: ProviderSource;
  /** Language of the messages and the page. */
  readonly locale?: Locale | undefined;
}

/** What `POST …/optin` answers. */
export interface OptinCreated {
  /** The request id (also the machine's verificationId). */
  readonly optinId: string;
  /** Until when the code or link works. */
  readonly expiresAt: string;
  /** The channels asked for. */
  readonly channels: readonly ConsentType[];
  /** Channels already granted (nothing asked). */
  readonly alreadyGranted: readonly ConsentType[];
  /** code or link. */
  readonly method: 'code' | 'link';
}

const digest = (hub: Hub, optinId: string, secret: string): string =>
  `hmac:${createHmac('sha256', hub.secrets.storage.lookupKey).update(`izinkit.optin.v1\0${optinId}\0${secret}`).digest('hex')}`;
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

function encryptRecipient(hub: Hub, recipient: string): string {
  const k = hub.secrets.storage;
  return tokenize(recipient, {
    key: k.encryptionKeys[k.currentKeyId]!,
    keyId: k.currentKeyId,
    purpose: RECIPIENT_PURPOSE,
  });
}
function decryptRecipient(hub: Hub, token: string): string {
  const r = detokenize(token, { keys: hub.secrets.storage.encryptionKeys, purpose: RECIPIENT_PURPOSE });
  if (!r.ok) throw new Error(`optin recipient: ${r.error.code}`);
  return r.value;
}

/**
 * Starts a double opt-in: one verification per channel, sharing one code or link. The message
 * itself is sent by the effect worker (from the transactional outbox), so a crash between the
 * commit and the send never loses it.
 *
 * @example
 * ```ts
 * const r = await requestOptin(hub, brand, { recipient: '0532 123 45 67', method: 'code', source: 'HS_WEB' }, actor);
 * ```
 */
export async function requestOptin(
  hub: Hub,
  brand: Brand,
  input: OptinRequestInput,
  actor: string,
): Promise<OptinCreated> {
  const recipientType = input.recipientType ?? 'BIREYSEL';
  const probe = keyOrProblem(
    brand.code,
    { recipient: input.recipient, recipientType, type: input.recipient.includes('@') ? 'EPOSTA' : 'MESAJ' },
    'body',
  );
  const kind = probe.recipient.includes('@') ? 'email' : 'phone';
  const allowed = channelsFor(kind);
  const channels = [...new Set(input.channels ?? allowed)];
  for (const c of channels) {
    if (!allowed.includes(c)) {
      keyOrProblem(brand.code, { recipient: probe.recipient, recipientType, type: c }, 'body');
    }
  }
  const now = hub.now();
  const optinId = `opt_${randomUUID()}`;
  const expiresAt = new Date(now.getTime() + OPTIN_TTL_MS[input.method]).toISOString();
  const keys: ConsentKey[] = channels.map((type) => ({ ...probe, type }));
  const items: RecordItem[] = keys.map((key) => ({
    key,
    event: {
      type: 'VERIFICATION_REQUESTED',
      at: now.toISOString(),
      verificationId: optinId,
      source: input.source,
      expiresAt,
      maxAttempts: OPTIN_MAX_ATTEMPTS,
    },
  }));
  const results = await hub.writer.write({
    items,
    audit: [
      {
        actor,
        action: 'optin.request',
        target: optinId,
        details: { brandCode: brand.code, channels, method: input.method, source: input.source },
        at: now,
      },
    ],
    extra: async (tx) => {
      await tx.query(
        `insert into optin_requests (id, brand_code, recipient_hash, recipient_enc, recipient_type, channels, method, source, locale, expires_at)
         values ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $10)`,
        [
          optinId,
          brand.code,
          hub.consents.recipientHash(probe.recipient),
          encryptRecipient(hub, probe.recipient),
          recipientType,
          channels,
          input.method,
          input.source,
          input.locale ?? 'tr',
          expiresAt,
        ],
      );
    },
  });
  const rejected = results.find((r) => r.outcome.kind === 'rejected');
  if (rejected && rejected.outcome.kind === 'rejected') {
    throw new Problem(422, rejected.outcome.error.code, 'problem.consent_rejected', {
      detail: { tr: rejected.outcome.error.tr, en: rejected.outcome.error.en },
    });
  }
  const alreadyGranted = keys
    .filter((_, i) => results[i]!.outcome.kind === 'ignored' && results[i]!.state.current?.status === 'ONAY')
    .map((k) => k.type);
  hub.kick();
  return {
    optinId,
    expiresAt,
    channels: channels.filter((c) => !alreadyGranted.includes(c)),
    alreadyGranted,
    method: input.method,
  };
}

interface OptinRow {
  id: string;
  brand_code: string;
  recipient_enc: string;
  recipient_type: RecipientType;
  channels: ConsentType[];
  method: 'code' | 'link';
  source: ProviderSource;
  locale: Locale;
  status: string;
  expires_at: Date;
  sent_at: Date | null;
}

/**
 * Sends the code or link of a `sendVerificationCode` effect: the first effect of a request
 * generates the secret, records its digest on every channel (`VERIFICATION_CODE_SENT`) and
 * commits before the message leaves; the other channels' effects find it sent.
 *
 * @example
 * ```ts
 * await sendVerification(hub, effect);
 * ```
 */
export async function sendVerification(hub: Hub, fx: PendingEffect): Promise<void> {
  const e = fx.effect;
  if (e.type !== 'sendVerificationCode') return;
  const prepared = await hub.db.transaction(async (tx) => {
    const { rows } = await tx.query<OptinRow>('select * from optin_requests where id = $1 for update', [
      e.verificationId,
    ]);
    const row = rows[0];
    if (!row || row.sent_at !== null || row.status !== 'pending') return null;
    const now = hub.now();
    if (now >= row.expires_at) {
      await tx.query(`update optin_requests set status = 'expired' where id = $1`, [row.id]);
      return null;
    }
    const recipient = decryptRecipient(hub, row.recipient_enc);
    const secret =
      row.method === 'code'
        ? String(randomInt(0, 1_000_000)).padStart(6, '0')
        : randomBytes(24).toString('base64url');
    const codeDigest = digest(hub, row.id, secret);
    const repo = new ConsentRepository({ db: inTransaction(hub.db, tx), keys: hub.secrets.storage });
    await repo.recordMany(
      row.channels.map((type) => ({
        key: { brandCode: row.brand_code, recipient, recipientType: row.recipient_type, type },
        event: { type: 'VERIFICATION_CODE_SENT', at: now.toISOString(), verificationId: row.id, codeDigest },
      })),
    );
    await tx.query(`update optin_requests set sent_at = $2, status = 'sent', link_hash = $3 where id = $1`, [
      row.id,
      now,
      row.method === 'link' ? sha256(secret) : null,
    ]);
    return { row, recipient, secret };
  });
  if (!prepared) return;
  const brand = await hub.brands.get(prepared.row.brand_code);
  if (!brand) return;
  const { row, recipient, secret } = prepared;
  const locale = row.locale;
  const ret = brand.retInstructions[locale];
  const isEmail = recipient.includes('@');
  const body =
    row.method === 'code'
      ? t(locale, 'sms.code', {
          brand: brand.name,
          code: secret,
          minutes: OPTIN_TTL_MS.code / 60_000,
          ret,
          mersis: brand.mersis,
        })
      : t(locale, 'sms.link', {
          brand: brand.name,
          url: `${hub.publicUrl()}/optin/${secret}`,
          ret,
          mersis: brand.mersis,
        });
  const message: OutgoingMessage = {
    brandCode: brand.code,
    channel: isEmail ? 'email' : 'sms',
    to: recipient,
    toHash: hub.consents.recipientHash(recipient),
    purpose: row.method === 'code' ? 'verification_code' : 'optin_link',
    locale,
    ...(isEmail
      ? {
          subject: t(locale, row.method === 'code' ? 'email.code.subject' : 'email.link.subject', {
            brand: brand.name,
          }),
        }
      : {}),
    body,
  };
  try {
    await hub.messages.send(message);
    hub.metrics.inc('izinkit_messages_sent_total', 'Messages handed to the provider.', {
      purpose: message.purpose,
      channel: message.channel,
    });
  } catch (err) {
    // Not sent: forget this secret so the retry makes (and records) a new one.
    await hub.db.query(
      `update optin_requests set sent_at = null, status = 'pending', link_hash = null where id = $1`,
      [row.id],
    );
    throw err;
  }
}

/** The verify call's answer. */
export interface OptinVerified {
  /** The request. */
  readonly optinId: string;
  /** verified, wrong_code, locked or expired. */
  readonly result: 'verified';
  /** The person's consents afterwards. */
  readonly person: PersonView;
}

/**
 * Checks a code typed by the person. Every channel of the request moves together: verified →
 * ONAY with evidence (the one-time-code proof included) and an İYS submission; wrong → attempts
 * counted, locked at the fifth.
 *
 * @example
 * ```ts
 * await verifyOptin(hub, brand, optinId, { code: '123456', evidence: { ip, userAgent } }, actor);
 * ```
 */
export async function verifyOptin(
  hub: Hub,
  brand: Brand,
  optinId: string,
  input: { readonly code: string; readonly evidence?: EvidenceBody | undefined },
  actor: string,
): Promise<OptinVerified> {
  const { rows } = await hub.db.query<OptinRow>(
    'select * from optin_requests where id = $1 and brand_code = $2',
    [optinId, brand.code],
  );
  const row = rows[0];
  if (row?.method !== 'code') {
    throw new Problem(404, 'optin_not_found', 'problem.not_found', {
      detail: { tr: 'Böyle bir doğrulama yok.', en: 'No such verification.' },
    });
  }
  return complete(hub, brand, row, input.code, {
    etk: true,
    evidence: input.evidence,
    actor: { type: 'SUBJECT', id: actor },
  });
}

async function complete(
  hub: Hub,
  brand: Brand,
  row: OptinRow,
  secret: string,
  opts: {
    readonly etk: boolean;
    readonly evidence: EvidenceBody | undefined;
    readonly actor: { readonly type: 'SUBJECT'; readonly id: string };
  },
): Promise<OptinVerified> {
  const now = hub.now();
  if (row.status === 'confirmed') {
    throw new Problem(409, 'optin_completed', 'problem.conflict', {
      detail: { tr: 'Bu doğrulama tamamlandı.', en: 'This verification is complete.' },
    });
  }
  if (row.status === 'locked')
    throw new Problem(423, 'otp_locked', 'problem.otp_locked', {
      detail: { key: 'problem.otp_locked.detail' },
    });
  if (row.sent_at === null) {
    throw new Problem(409, 'code_not_sent', 'problem.conflict', {
      detail: { tr: 'Kod henüz gönderilmedi.', en: 'The code has not been sent yet.' },
    });
  }
  if (now >= row.expires_at || row.status === 'expired')
    throw new Problem(410, 'otp_expired', 'problem.otp_expired');
  const recipient = decryptRecipient(hub, row.recipient_enc);
  const codeDigest = digest(hub, row.id, secret);
  const items: RecordItem[] = [];
  for (const type of row.channels) {
    const key: ConsentKey = { brandCode: row.brand_code, recipient, recipientType: row.recipient_type, type };
    const text = await hub.texts.inForce(brand, 'ETK_CONSENT', type, row.locale);
    const ev = text
      ? decisionEvidence({
          id: row.id,
          key,
          status: 'ONAY',
          source: row.source,
          text,
          body: opts.evidence,
          defaultActor: opts.actor,
          now,
          subjectKey: hub.subjectKey,
          otp: {
            channel: type,
            codeHash: codeDigest.slice(5),
            sentAt: row.sent_at!,
            verifiedAt: now,
            attempts: 1, // this attempt (the evidence rules refuse a verified OTP with none)
          },
        })
      : undefined;
    items.push({
      key,
      event: { type: 'VERIFICATION_CODE_ENTERED', at: now.toISOString(), verificationId: row.id, codeDigest },
      ...(ev?.ok ? { evidence: ev.value } : {}),
    });
  }
  const results = await hub.writer.write({
    items,
    audit: [
      {
        actor: opts.actor.id,
        action: 'optin.verify',
        target: row.id,
        details: { brandCode: brand.code },
        at: now,
      },
    ],
    extra: async (tx, recorded) => {
      // Channels already granted before the request never had this verification: skip them.
      const phases = recorded
        .filter((r) => r.outcome.kind !== 'rejected')
        .map((r) => r.state.verification?.phase);
      if (phases.length === 0) return;
      const status = phases.every((p) => p === 'verified')
        ? 'confirmed'
        : phases.some((p) => p === 'locked')
          ? 'locked'
          : phases.some((p) => p === 'expired')
            ? 'expired'
            : null;
      if (status)
        await tx.query('update optin_requests set status = $2, completed_at = now() where id = $1', [
          row.id,
          status,
        ]);
    },
  });
  const relevant = results.filter((r) => r.outcome.kind !== 'rejected');
  const rejected = results.find((r) => r.outcome.kind === 'rejected');
  if (relevant.length === 0 && rejected?.outcome.kind === 'rejected') {
    throw new Problem(409, rejected.outcome.error.code, 'problem.conflict', {
      detail: { tr: rejected.outcome.error.tr, en: rejected.outcome.error.en },
    });
  }
  const v = relevant[0]?.state.verification;
  if (v?.phase === 'locked')
    throw new Problem(423, 'otp_locked', 'problem.otp_locked', {
      detail: { key: 'problem.otp_locked.detail' },
    });
  if (v?.phase === 'expired') throw new Problem(410, 'otp_expired', 'problem.otp_expired');
  if (v?.phase !== 'verified') {
    const left = v ? v.maxAttempts - v.attempts : 0;
    throw new Problem(422, 'otp_invalid', 'problem.otp_invalid', {
      detail: { key: 'problem.otp_invalid.detail', params: { left } },
      extra: { attemptsLeft: left },
    });
  }
  hub.kick();
  return {
    optinId: row.id,
    result: 'verified',
    person: await personStatus(hub, brand.code, recipient, row.recipient_type),
  };
}

/** What the landing page needs. */
export interface LandingPage {
  /** The brand. */
  readonly brand: Brand;
  /** The request. */
  readonly optinId: string;
  /** Language. */
  readonly locale: Locale;
  /** The channels offered. */
  readonly channels: readonly ConsentType[];
}

/**
 * The opt-in request behind a landing-page token, or `null` (unknown, used or expired).
 *
 * @example
 * ```ts
 * const page = await landingPage(hub, token);
 * ```
 */
export async function landingPage(hub: Hub, token: string): Promise<LandingPage | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const { rows } = await hub.db.query<OptinRow>('select * from optin_requests where link_hash = $1', [
    sha256(token),
  ]);
  const row = rows[0];
  if (row?.status !== 'sent' || hub.now() >= row.expires_at) return null;
  const brand = await hub.brands.get(row.brand_code);
  return brand ? { brand, optinId: row.id, locale: row.locale, channels: row.channels } : null;
}

/**
 * Records what the person chose on the landing page: the ETK consent (a verified ONAY on every
 * channel of the request) and, separately, the KVKK explicit consent (an acceptance — or refusal —
 * of the açık rıza text in the agreements ledger), with IP and browser as evidence.
 *
 * @example
 * ```ts
 * await confirmLanding(hub, token, { etk: true, kvkk: false, ip, userAgent });
 * ```
 */
export async function confirmLanding(
  hub: Hub,
  token: string,
  choice: {
    readonly etk: boolean;
    readonly kvkk: boolean;
    readonly ip: string;
    readonly userAgent: string | undefined;
  },
): Promise<{ readonly etk: boolean; readonly kvkk: boolean }> {
  const page = await landingPage(hub, token);
  if (!page) throw new Problem(410, 'optin_link_gone', 'problem.otp_expired');
  const { rows } = await hub.db.query<OptinRow>('select * from optin_requests where id = $1', [page.optinId]);
  const row = rows[0]!;
  const evidence: EvidenceBody = {
    ip: choice.ip,
    ...(choice.userAgent ? { userAgent: choice.userAgent.slice(0, 1024) } : {}),
  };
  const recipient = decryptRecipient(hub, row.recipient_enc);
  if (choice.etk) {
    await complete(hub, page.brand, row, token, {
      etk: true,
      evidence,
      actor: { type: 'SUBJECT', id: 'recipient' },
    });
  } else {
    await hub.db.query(`update optin_requests set status = 'declined', completed_at = now() where id = $1`, [
      row.id,
    ]);
  }
  const text = await hub.texts.inForce(page.brand, 'KVKK_ACIK_RIZA', 'ANY', page.locale);
  if (text) {
    const subject = `subj_${hub.consents.recipientHash(recipient)}`;
    const r = await hub.agreements.recordAcceptance({
      subject,
      document: text.version.document,
      versionId: text.version.id,
      renderedHash: text.rendered.hash,
      decision: choice.kvkk ? 'ONAY' : 'RET',
      at: hub.now(),
      evidenceId: row.id,
    });
    if (!r.ok) hub.log.warn({ code: r.error.code }, 'KVKK acceptance not recorded');
    await hub.access.audit({
      actor: 'recipient',
      action: 'kvkk.explicit_consent',
      target: row.id,
      details: {
        brandCode: page.brand.code,
        decision: choice.kvkk ? 'ONAY' : 'RET',
        versionId: text.version.id,
      },
    });
  }
  return { etk: choice.etk, kvkk: choice.kvkk };
}
