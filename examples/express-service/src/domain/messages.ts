/**
 * Messages to people (verification codes, opt-in links, same-day confirmations) go through a
 * provider interface. The default provider, used only on the embedded defaults, writes to a dev
 * outbox table readable at `GET /v1/dev/outbox`; production plugs in a webhook (or any class
 * implementing {@link MessageProvider}).
 */
import { mask } from '@izinkit/kvkk';
import type { Database } from '@izinkit/postgres';
import type { Locale } from '../i18n.js';

/** One message to send. */
export interface OutgoingMessage {
  /** The brand it is sent for. */
  readonly brandCode: string;
  /** SMS for a phone number, e-mail for an address. */
  readonly channel: 'sms' | 'email';
  /** E.164 phone or e-mail address. */
  readonly to: string;
  /** Keyed hash of `to` (for lookups without the address). */
  readonly toHash: string;
  /** What it is for. */
  readonly purpose: 'verification_code' | 'optin_link' | 'confirmation';
  /** Language. */
  readonly locale: Locale;
  /** E-mail subject. */
  readonly subject?: string;
  /** The text. */
  readonly body: string;
}

/** Where messages go. */
export interface MessageProvider {
  /** A name for logs and the start banner. */
  readonly name: string;
  /** Sends one message; throws when it could not be handed over (the caller retries). */
  send(message: OutgoingMessage): Promise<void>;
}

/**
 * The development provider: writes every message to `dev_outbox` (recipient only as keyed hash
 * and masked form).
 *
 * @example
 * ```ts
 * const provider = new DevOutboxProvider(db);
 * await provider.send(message);
 * ```
 */
export class DevOutboxProvider implements MessageProvider {
  /** Provider name. */
  readonly name = 'dev-outbox';
  readonly #db: Database;

  /** @param db - the migrated database */
  constructor(db: Database) {
    this.#db = db;
  }

  /** Stores the message. */
  async send(m: OutgoingMessage): Promise<void> {
    const masked =
      m.channel === 'sms'
        ? mask(m.to, { keepFirst: 3, keepLast: 2 })
        : mask(m.to, { keepFirst: 1, keepSeparators: true });
    await this.#db.query(
      `insert into dev_outbox (brand_code, channel, recipient_hash, recipient_mask, purpose, locale, subject, body)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [m.brandCode, m.channel, m.toHash, masked, m.purpose, m.locale, m.subject ?? null, m.body],
    );
  }
}

/**
 * Hands messages to an HTTP endpoint of your SMS / e-mail gateway as JSON
 * (`{ brandCode, channel, to, subject, body, purpose, locale }`); any 2xx is success.
 *
 * @example
 * ```ts
 * const provider = new WebhookProvider('https://sms-gateway.internal/send');
 * ```
 */
export class WebhookProvider implements MessageProvider {
  /** Provider name. */
  readonly name = 'webhook';
  readonly #url: string;
  readonly #fetch: typeof fetch;

  /**
   * @param url - the gateway endpoint
   * @param fetchImpl - fetch (tests)
   */
  constructor(url: string, fetchImpl: typeof fetch = fetch) {
    this.#url = url;
    this.#fetch = fetchImpl;
  }

  /** POSTs the message. */
  async send(m: OutgoingMessage): Promise<void> {
    const res = await this.#fetch(this.#url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        brandCode: m.brandCode,
        channel: m.channel,
        to: m.to,
        subject: m.subject ?? null,
        body: m.body,
        purpose: m.purpose,
        locale: m.locale,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`message gateway answered ${res.status}`);
  }
}

/** A message as the dev outbox lists it. */
export interface DevOutboxEntry {
  /** Row id. */
  readonly id: number;
  /** When. */
  readonly createdAt: string;
  /** Brand. */
  readonly brandCode: string;
  /** sms or email. */
  readonly channel: string;
  /** Masked recipient. */
  readonly to: string;
  /** What for. */
  readonly purpose: string;
  /** Language. */
  readonly locale: string;
  /** E-mail subject. */
  readonly subject: string | null;
  /** Text. */
  readonly body: string;
}

/**
 * Reads the dev outbox, newest first.
 *
 * @example
 * ```ts
 * const last = await readDevOutbox(db, { brands: ['600000'], limit: 10 });
 * ```
 */
export async function readDevOutbox(
  db: Database,
  query: {
    readonly brands: readonly string[] | '*';
    readonly recipientHash?: string;
    readonly limit: number;
    readonly beforeId?: number;
  },
): Promise<DevOutboxEntry[]> {
  const { rows } = await db.query<{
    id: number;
    created_at: Date;
    brand_code: string;
    channel: string;
    recipient_mask: string;
    purpose: string;
    locale: string;
    subject: string | null;
    body: string;
  }>(
    `select * from dev_outbox
      where ($1::text[] is null or brand_code = any($1::text[])) and ($2::text is null or recipient_hash = $2)
        and ($3::bigint is null or id < $3)
      order by id desc limit $4`,
    [
      query.brands === '*' ? null : [...query.brands],
      query.recipientHash ?? null,
      query.beforeId ?? null,
      query.limit,
    ],
  );
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at.toISOString(),
    brandCode: r.brand_code,
    channel: r.channel,
    to: r.recipient_mask,
    purpose: r.purpose,
    locale: r.locale,
    subject: r.subject,
    body: r.body,
  }));
}
