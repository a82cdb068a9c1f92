/**
 * What the web pages keep beyond the service's tables: the portal's one-time sign-in codes and
 * the erasure markers of people whose data was anonymised on request (tables `web_portal_codes` and
 * `web_erasures`, migration 0010_web of @izinkit/postgres), and the hosted form's used captcha
 * challenges (`web_captcha_spent`, migration 0014).
 * Cookie values that carry personal data are sealed with the storage keys (AES-256-GCM).
 */
import { createHash, createHmac, randomInt, randomUUID } from 'node:crypto';
import { detokenize, tokenize } from '@izinkit/kvkk';
import type { Hub } from '../hub.js';

/** How long a portal sign-in code works. */
export const PORTAL_CODE_TTL_MS: number = 10 * 60_000;
/** Wrong codes before a sign-in code stops working. */
export const PORTAL_CODE_ATTEMPTS: number = 5;

function codeDigest(hub: Hub, id: string, code: string): string {
  return createHmac('sha256', hub.secrets.storage.lookupKey)
    .update(`izinkit.web.portal.v1\0${id}\0${code}`)
    .digest('hex');
}

/** Issues a 6-digit sign-in code for a recipient; only its keyed digest is stored. */
export async function issuePortalCode(
  hub: Hub,
  recipientHash: string,
): Promise<{ id: string; code: string; expiresAt: Date }> {
  const id = `pc_${randomUUID()}`;
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(hub.now().getTime() + PORTAL_CODE_TTL_MS);
  await hub.db.query(
    'insert into web_portal_codes (id, recipient_hash, code_digest, expires_at) values ($1, $2, $3, $4)',
    [id, recipientHash, codeDigest(hub, id, code), expiresAt],
  );
  return { id, code, expiresAt };
}

/** The outcome of checking a sign-in code. */
export type PortalCodeCheck =
  | { ok: true }
  | { ok: false; reason: 'wrong'; left: number }
  | { ok: false; reason: 'locked' | 'expired' | 'unknown' };

/** Checks a sign-in code (single use; locked after {@link PORTAL_CODE_ATTEMPTS} wrong tries). */
export async function checkPortalCode(
  hub: Hub,
  id: string,
  recipientHash: string,
  code: string,
): Promise<PortalCodeCheck> {
  return hub.db.transaction(async (tx) => {
    const { rows } = await tx.query<{
      code_digest: string;
      attempts: number;
      expires_at: Date;
      used_at: Date | null;
      recipient_hash: string;
    }>('select * from web_portal_codes where id = $1 for update', [id]);
    const row = rows[0];
    if (!row || row.recipient_hash !== recipientHash || row.used_at)
      return { ok: false, reason: 'unknown' } as const;
    if (hub.now() >= row.expires_at) return { ok: false, reason: 'expired' } as const;
    if (row.attempts >= PORTAL_CODE_ATTEMPTS) return { ok: false, reason: 'locked' } as const;
    const erased = await tx.query('select 1 from web_erasures where recipient_hash = $1', [recipientHash]);
    if (erased.rows.length > 0) return { ok: false, reason: 'unknown' } as const;
    if (/^[0-9]{6}$/.test(code) && codeDigest(hub, id, code) === row.code_digest) {
      await tx.query('update web_portal_codes set used_at = now() where id = $1', [id]);
      return { ok: true } as const;
    }
    await tx.query('update web_portal_codes set attempts = attempts + 1 where id = $1', [id]);
    const left = PORTAL_CODE_ATTEMPTS - row.attempts - 1;
    return left <= 0
      ? ({ ok: false, reason: 'locked' } as const)
      : ({ ok: false, reason: 'wrong', left } as const);
  });
}

/**
 * Records a solved captcha challenge as used, in the database every process shares: `true` the
 * first time, `false` after (a replayed form). Expired challenges are deleted as new ones come.
 *
 * @example
 * ```ts
 * new ProofOfWorkCaptcha({ secret, spend: (c, exp) => spendChallenge(hub, c, exp) });
 * ```
 */
export async function spendChallenge(hub: Hub, challenge: string, expiresAtMs: number): Promise<boolean> {
  const digest = createHash('sha256').update(challenge).digest('base64url');
  const { rows } = await hub.db.query(
    `with gone as (delete from web_captcha_spent where expires_at < now())
     insert into web_captcha_spent (digest, expires_at) values ($1, $2)
     on conflict (digest) do nothing returning 1`,
    [digest, new Date(expiresAtMs)],
  );
  return rows.length === 1;
}

/** Wrong admin passwords from one address before it is locked out. */
export const ADMIN_LOGIN_ATTEMPTS: number = 10;
/** How long the lockout lasts after the last wrong password, minutes. */
export const ADMIN_LOCKOUT_MINUTES: number = 15;

function addressDigest(hub: Hub, ip: string): string {
  return createHmac('sha256', hub.secrets.storage.lookupKey)
    .update(`izinkit.web.login.v1\0${ip}`)
    .digest('base64url');
}

/**
 * Whether admin sign-in from this address is locked ({@link ADMIN_LOGIN_ATTEMPTS} wrong passwords,
 * the last less than {@link ADMIN_LOCKOUT_MINUTES} ago) — counted in the database, so the lockout
 * holds across every process of the hub. Only a keyed digest of the address is stored.
 *
 * @example
 * ```ts
 * if (await loginLocked(hub, clientIp(req))) reply429();
 * ```
 */
export async function loginLocked(hub: Hub, ip: string): Promise<boolean> {
  const { rows } = await hub.db.query(
    'select 1 from web_login_failures where digest = $1 and failures >= $2 and until > now()',
    [addressDigest(hub, ip), ADMIN_LOGIN_ATTEMPTS],
  );
  return rows.length > 0;
}

/**
 * Counts a wrong admin password from this address (the count starts again once the lockout
 * window after the last one has passed).
 *
 * @example
 * ```ts
 * await loginFailed(hub, clientIp(req));
 * ```
 */
export async function loginFailed(hub: Hub, ip: string): Promise<void> {
  await hub.db.query(
    `insert into web_login_failures (digest, failures, until)
     values ($1, 1, now() + make_interval(mins => $2))
     on conflict (digest) do update set
       failures = case when web_login_failures.until > now() then web_login_failures.failures + 1 else 1 end,
       until = excluded.until`,
    [addressDigest(hub, ip), ADMIN_LOCKOUT_MINUTES],
  );
}

/**
 * Forgets the wrong passwords of this address after a good sign-in.
 *
 * @example
 * ```ts
 * await loginSucceeded(hub, clientIp(req));
 * ```
 */
export async function loginSucceeded(hub: Hub, ip: string): Promise<void> {
  await hub.db.query("delete from web_login_failures where digest = $1 or until < now() - interval '1 day'", [
    addressDigest(hub, ip),
  ]);
}

/** Whether a recipient's data was erased on request (they can no longer sign in). */
export async function isErased(hub: Hub, recipientHash: string): Promise<boolean> {
  const { rows } = await hub.db.query('select 1 from web_erasures where recipient_hash = $1', [
    recipientHash,
  ]);
  return rows.length > 0;
}

/** Seals a value for a cookie (authenticated encryption with the current storage key). */
export function seal(hub: Hub, purpose: string, value: unknown): string {
  const k = hub.secrets.storage;
  return tokenize(JSON.stringify(value), {
    key: k.encryptionKeys[k.currentKeyId]!,
    keyId: k.currentKeyId,
    purpose,
  });
}

/** Opens a sealed cookie value; `null` when it was tampered with, or sealed for another purpose. */
export function unseal<T>(hub: Hub, purpose: string, token: string | undefined): T | null {
  if (!token || token.length > 4096) return null;
  const r = detokenize(token, { keys: hub.secrets.storage.encryptionKeys, purpose });
  if (!r.ok) return null;
  try {
    return JSON.parse(r.value) as T;
  } catch {
    return null;
  }
}
