/**
 * What the web pages keep beyond the service's tables: the portal's one-time sign-in codes and
 * the erasure markers of people whose data was anonymised on request (tables `web_portal_codes` and
 * `web_erasures`, migration 0010_web of @izinkit/postgres).
 * Cookie values that carry personal data are sealed with the storage keys (AES-256-GCM).
 */
import { createHmac, randomInt, randomUUID } from 'node:crypto';
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
