import { createHash, randomBytes, randomUUID, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Database, Queryable } from './database.js';
import { StorageError } from './errors.js';
import { appendEvidenceEntry } from './evidence-log.js';

const scrypt = promisify(scryptCb) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: object,
) => Promise<Buffer>;

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/**
 * What an API key may do: a set of permissions on a set of brands (`'*'`: every brand).
 *
 * @example
 * ```ts
 * const scope: ApiKeyScope = { brands: ['600000'], permissions: ['consents:read'] };
 * ```
 */
export interface ApiKeyScope {
  /** Brand codes, or `'*'` for all. */
  readonly brands: readonly string[] | '*';
  /** Permission names (the service defines them). */
  readonly permissions: readonly string[];
}

/**
 * An API key as listed (never with its secret).
 *
 * @example
 * ```ts
 * for (const k of await access.listApiKeys()) console.log(k.prefix, k.name, k.revokedAt);
 * ```
 */
export interface ApiKeyInfo {
  /** Stable id. */
  readonly id: string;
  /** The public first part of the key (`izk_<prefix>_…`), safe to show. */
  readonly prefix: string;
  /** A label. */
  readonly name: string;
  /** What it may do. */
  readonly scopes: readonly ApiKeyScope[];
  /** Who created it. */
  readonly createdBy: string | null;
  /** When. */
  readonly createdAt: Date;
  /** Last successful use. */
  readonly lastUsedAt: Date | null;
  /** When it was revoked, if it was. */
  readonly revokedAt: Date | null;
}

/**
 * An admin user as listed (never with the password hash).
 *
 * @example
 * ```ts
 * const u = await access.verifyPassword('admin', password);
 * ```
 */
export interface AdminUser {
  /** Stable id. */
  readonly id: string;
  /** Login name. */
  readonly username: string;
  /** Role (`admin` for now). */
  readonly role: string;
  /** When created. */
  readonly createdAt: Date;
}

/**
 * An admin session (the token itself is only returned once, by {@link AccessRepository.createSession}).
 *
 * @example
 * ```ts
 * const s = await access.getSession(cookieToken);
 * if (s && csrfFromForm === s.csrfToken) { ... }
 * ```
 */
export interface AdminSession {
  /** The user. */
  readonly user: AdminUser;
  /** The CSRF token forms must echo. */
  readonly csrfToken: string;
  /** When it ends. */
  readonly expiresAt: Date;
}

/**
 * One audit-log entry.
 *
 * @example
 * ```ts
 * await access.audit({ actor: 'admin:u1', action: 'agreement.publish', target: 'ETK_CONSENT/600000', details: { versionId } });
 * ```
 */
export interface AuditInput {
  /** Who: `api-key:<id>`, `admin:<id>`, `recipient`, `system`. */
  readonly actor: string;
  /** What, as a dotted verb (`consent.record`, `dsr.advance` …). */
  readonly action: string;
  /** On what (an id; never raw personal data). */
  readonly target?: string | null;
  /** Details (no raw personal data: pass keyed hashes or masked values). */
  readonly details?: Readonly<Record<string, unknown>>;
  /** When (default: now). */
  readonly at?: Date;
}

/**
 * A stored audit entry with its place in the evidence log and its chain hash (set once the
 * evidence sequencer has integrated it).
 */
export interface AuditEntry {
  /** Row id, in arrival order. */
  readonly id: number;
  /** When. */
  readonly at: Date;
  /** Who. */
  readonly actor: string;
  /** What. */
  readonly action: string;
  /** On what. */
  readonly target: string | null;
  /** Details. */
  readonly details: Record<string, unknown>;
  /** Its evidence entry. */
  readonly evidenceId: number;
  /** Previous entry's chain hash (null until sequenced; `''` for the first). */
  readonly prevHash: string | null;
  /** SHA-256(prevHash ‖ canonical entry) — null until sequenced. */
  readonly hash: string | null;
}

/** A new API key: the key itself (shown once) and its stored description. */
export interface CreatedApiKey {
  /** The key: give it to the client now; it cannot be read back. */
  readonly key: string;
  /** What is stored about it. */
  readonly info: ApiKeyInfo;
}

/** A new admin session. */
export interface CreatedSession {
  /** The session token for the cookie (only its hash is stored). */
  readonly token: string;
  /** The CSRF token forms must echo. */
  readonly csrfToken: string;
  /** When it ends. */
  readonly expiresAt: Date;
}

/** Where an audit entry was written. */
export interface AuditWritten {
  /** The audit_log row id. */
  readonly id: number;
  /** Its evidence_entries row id. */
  readonly evidenceId: number;
}

/**
 * @internal An audit entry's row values and its evidence record (`izinkit.audit/1`, the leaf the
 * evidence log stores) — the one definition of that record, shared by `AccessRepository.audit`
 * and the batched audit writes of `ConsentRepository.recordMany`.
 *
 * @example
 * ```ts
 * const { record } = auditRecord({ actor: 'system', action: 'consent.record' });
 * canonicalize(record); // the evidence entry's canonical JSON
 * ```
 */
export function auditRecord(input: AuditInput): {
  at: Date;
  details: Readonly<Record<string, unknown>>;
  record: {
    type: 'izinkit.audit/1';
    at: string;
    actor: string;
    action: string;
    target: string | null;
    details: Readonly<Record<string, unknown>>;
  };
} {
  const at = input.at ?? new Date();
  const details = input.details ?? {};
  return {
    at,
    details,
    record: {
      type: 'izinkit.audit/1',
      at: at.toISOString(),
      actor: input.actor,
      action: input.action,
      target: input.target ?? null,
      details,
    },
  };
}

/** scrypt cost parameters (N = 2^15, r = 8, p = 1: about 32 MiB and tens of milliseconds). */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keylen: 32, maxmem: 64 * 1024 * 1024 };

/**
 * Hashes a password with scrypt and a random salt: `scrypt$N$r$p$salt$hash` (base64url).
 *
 * @example
 * ```ts
 * const stored = await hashPassword('correct horse battery staple');
 * await verifyPasswordHash('correct horse battery staple', stored); // true
 * ```
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, SCRYPT.keylen, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/**
 * Checks a password against a {@link hashPassword} string in constant time.
 *
 * @example
 * ```ts
 * await verifyPasswordHash('wrong', stored); // false
 * ```
 */
export async function verifyPasswordHash(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (!Number.isInteger(N) || !Number.isInteger(r) || !Number.isInteger(p) || expected.length === 0)
    return false;
  const got = await scrypt(password, salt, expected.length, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
  return timingSafeEqual(got, expected);
}

/** Keys izinkit generates: `izk_` + 43 base64url characters (256 bits). */
const GENERATED_PREFIX = 'izk_';
/** Any key a caller supplies (e.g. IZINKIT_API_KEY): 16–256 visible ASCII characters. */
const KEY_RE = /^[\x21-\x7e]{16,256}$/;
const prefixOf = (key: string): string => key.slice(0, key.startsWith(GENERATED_PREFIX) ? 12 : 6);

/**
 * API keys, admin users, their sessions, and the audit log.
 *
 * Generated API keys look like `izk_<43 base64url characters>`; only their SHA-256 is stored, and
 * the key is returned once, when created. A caller may also register its own key (such as
 * `IZINKIT_API_KEY`). Admin passwords are hashed with scrypt. Session tokens are
 * stored as SHA-256. Every audit entry is also an evidence-log entry.
 *
 * @example
 * ```ts
 * const access = new AccessRepository(db);
 * const { key } = await access.createApiKey({ name: 'CRM', scopes: [{ brands: ['600000'], permissions: ['consents:write'] }] });
 * const info = await access.verifyApiKey(key); // ApiKeyInfo | null
 * ```
 */
export class AccessRepository {
  readonly #db: Database;

  /** @param db - the database (migrated) */
  constructor(db: Database) {
    this.#db = db;
  }

  /**
   * Creates an API key and returns it — the only time the secret exists outside the caller.
   *
   * @example
   * ```ts
   * const { key, info } = await access.createApiKey({ name: 'demo', scopes: [{ brands: '*', permissions: ['*'] }] });
   * ```
   */
  async createApiKey(input: {
    /** A label. */
    readonly name: string;
    /** What it may do. */
    readonly scopes: readonly ApiKeyScope[];
    /** Who creates it. */
    readonly createdBy?: string;
    /** Use this exact key (16–256 visible ASCII characters), e.g. from IZINKIT_API_KEY. */
    readonly key?: string;
  }): Promise<CreatedApiKey> {
    const key = input.key ?? `${GENERATED_PREFIX}${randomBytes(32).toString('base64url')}`;
    if (!KEY_RE.test(key)) {
      throw new StorageError(
        'invalid_option',
        'API anahtarı 16-256 görünür ASCII karakter olmalı / an API key must be 16-256 visible ASCII characters',
      );
    }
    const id = randomUUID();
    const { rows } = await this.#db.query<ApiKeyRow>(
      `insert into api_keys (id, prefix, secret_hash, name, scopes, created_by)
       values ($1, $2, $3, $4, $5::jsonb, $6)
       on conflict (secret_hash) do nothing
       returning *`,
      [id, prefixOf(key), sha256(key), input.name, JSON.stringify(input.scopes), input.createdBy ?? null],
    );
    if (!rows[0]) throw new StorageError('conflict', 'Bu anahtar zaten kayıtlı / this key already exists');
    return { key, info: toKeyInfo(rows[0]) };
  }

  /**
   * Finds the key by its SHA-256; `null` for an unknown or revoked key. Marks it used (to the
   * minute).
   *
   * @example
   * ```ts
   * const info = await access.verifyApiKey(req.get('authorization')?.replace(/^Bearer /, '') ?? '');
   * ```
   */
  async verifyApiKey(key: string): Promise<ApiKeyInfo | null> {
    if (typeof key !== 'string' || !KEY_RE.test(key)) return null;
    // Keys are high-entropy secrets: looking them up by their SHA-256 leaks nothing useful through
    // timing (an attacker would need a preimage), so no constant-time compare is needed here.
    const { rows } = await this.#db.query<ApiKeyRow>('select * from api_keys where secret_hash = $1', [
      sha256(key),
    ]);
    const row = rows[0];
    if (!row || row.revoked_at) return null;
    // Last use is kept to the minute: not a write per request.
    if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
      await this.#db.query('update api_keys set last_used_at = now() where id = $1', [row.id]);
    }
    return toKeyInfo(row);
  }

  /**
   * Every API key, newest first.
   *
   * @example
   * ```ts
   * const keys = await access.listApiKeys();
   * ```
   */
  async listApiKeys(): Promise<ApiKeyInfo[]> {
    const { rows } = await this.#db.query<ApiKeyRow>('select * from api_keys order by created_at desc, id');
    return rows.map(toKeyInfo);
  }

  /**
   * Revokes a key; returns false when there was no such active key.
   *
   * @example
   * ```ts
   * await access.revokeApiKey(id);
   * ```
   */
  async revokeApiKey(id: string): Promise<boolean> {
    const r = await this.#db.query(
      'update api_keys set revoked_at = now() where id = $1 and revoked_at is null',
      [id],
    );
    return r.rowCount > 0;
  }

  /**
   * Creates an admin user (or, with `upsert`, sets the password of an existing one).
   *
   * @example
   * ```ts
   * await access.createAdmin('admin', generatedPassword);
   * ```
   */
  async createAdmin(
    username: string,
    password: string,
    options: { readonly upsert?: boolean } = {},
  ): Promise<AdminUser> {
    if (!/^[a-z0-9._-]{3,64}$/.test(username)) {
      throw new StorageError(
        'invalid_option',
        'Kullanıcı adı 3-64 küçük harf, rakam, . _ - / username: 3-64 of a-z 0-9 . _ -',
      );
    }
    if (password.length < 12) {
      throw new StorageError(
        'invalid_option',
        'Parola en az 12 karakter olmalı / the password must have at least 12 characters',
      );
    }
    const hash = await hashPassword(password);
    const { rows } = await this.#db.query<AdminRow>(
      `insert into admin_users (id, username, password_hash) values ($1, $2, $3)
       on conflict (username) do ${options.upsert ? 'update set password_hash = excluded.password_hash' : 'nothing'}
       returning id, username, role, created_at`,
      [randomUUID(), username, hash],
    );
    if (!rows[0]) throw new StorageError('conflict', `Kullanıcı zaten var / user exists: ${username}`);
    return toAdmin(rows[0]);
  }

  /**
   * Checks a login. `null` for an unknown user, a wrong password or a disabled account (the
   * same answer, so usernames cannot be probed).
   *
   * @example
   * ```ts
   * const user = await access.verifyPassword(form.username, form.password);
   * ```
   */
  async verifyPassword(username: string, password: string): Promise<AdminUser | null> {
    const { rows } = await this.#db.query<AdminRow & { password_hash: string; disabled_at: Date | null }>(
      'select * from admin_users where username = $1',
      [username],
    );
    const row = rows[0];
    // Hash anyway when the user is unknown, so the answer takes as long either way.
    const ok = await verifyPasswordHash(password, row?.password_hash ?? DUMMY_HASH);
    return row && ok && !row.disabled_at ? toAdmin(row) : null;
  }

  /**
   * Opens a session; returns the token to put in a cookie (only its hash is stored).
   *
   * @example
   * ```ts
   * const { token, csrfToken } = await access.createSession(user.id, { ttlMs: 8 * 3600_000 });
   * ```
   */
  async createSession(
    userId: string,
    options: { readonly ttlMs?: number; readonly ip?: string; readonly userAgent?: string } = {},
  ): Promise<CreatedSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + (options.ttlMs ?? 8 * 3_600_000));
    await this.#db.query(
      `insert into admin_sessions (id_hash, user_id, csrf_token, expires_at, ip, user_agent) values ($1, $2, $3, $4, $5, $6)`,
      [sha256(token), userId, csrfToken, expiresAt, options.ip ?? null, options.userAgent ?? null],
    );
    return { token, csrfToken, expiresAt };
  }

  /**
   * The live session of a token, or `null` (unknown, expired, or its user disabled).
   *
   * @example
   * ```ts
   * const session = await access.getSession(req.cookies.izinkit_session);
   * ```
   */
  async getSession(token: string): Promise<AdminSession | null> {
    if (typeof token !== 'string' || token.length < 20 || token.length > 100) return null;
    const { rows } = await this.#db.query<AdminRow & { csrf_token: string; expires_at: Date }>(
      `select u.id, u.username, u.role, u.created_at, s.csrf_token, s.expires_at
         from admin_sessions s join admin_users u on u.id = s.user_id
        where s.id_hash = $1 and s.expires_at > now() and u.disabled_at is null`,
      [sha256(token)],
    );
    const r = rows[0];
    return r ? { user: toAdmin(r), csrfToken: r.csrf_token, expiresAt: r.expires_at } : null;
  }

  /**
   * Ends a session (log out), and removes expired ones.
   *
   * @example
   * ```ts
   * await access.endSession(token);
   * ```
   */
  async endSession(token: string): Promise<void> {
    await this.#db.query('delete from admin_sessions where id_hash = $1 or expires_at < now()', [
      sha256(token),
    ]);
  }

  /**
   * Appends an audit entry, and the same entry to the evidence log, in one transaction (or in
   * the caller's transaction when `tx` is given).
   *
   * @example
   * ```ts
   * await access.audit({ actor: `api-key:${key.id}`, action: 'consent.record', target: consentKeyHash });
   * ```
   */
  async audit(input: AuditInput, tx?: Queryable): Promise<AuditWritten> {
    const { at, details, record: entry } = auditRecord(input);
    const run = async (q: Queryable): Promise<AuditWritten> => {
      const { id: evidenceId } = await appendEvidenceEntry(q, {
        kind: 'audit',
        record: entry,
        ref: `audit:${input.action}`,
      });
      const a = await q.query<{ id: number }>(
        `insert into audit_log (at, actor, action, target, details, evidence_id) values ($1, $2, $3, $4, $5::jsonb, $6) returning id`,
        [at, input.actor, input.action, input.target ?? null, JSON.stringify(details), evidenceId],
      );
      return { id: a.rows[0]!.id, evidenceId };
    };
    return tx ? run(tx) : this.#db.transaction(run);
  }

  /**
   * Audit entries, newest first, with optional filters and keyset paging (`beforeId`).
   *
   * @example
   * ```ts
   * const page = await access.listAudit({ limit: 50, action: 'consent.record' });
   * ```
   */
  async listAudit(
    query: {
      readonly limit?: number;
      readonly beforeId?: number;
      readonly actor?: string;
      readonly action?: string;
    } = {},
  ): Promise<AuditEntry[]> {
    const { rows } = await this.#db.query<{
      id: number;
      at: Date;
      actor: string;
      action: string;
      target: string | null;
      details: Record<string, unknown>;
      evidence_id: number;
      prev_hash: string | null;
      hash: string | null;
    }>(
      `select * from audit_log
        where ($1::bigint is null or id < $1) and ($2::text is null or actor = $2) and ($3::text is null or action = $3)
        order by id desc limit $4`,
      [
        query.beforeId ?? null,
        query.actor ?? null,
        query.action ?? null,
        Math.min(Math.max(query.limit ?? 50, 1), 500),
      ],
    );
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      target: r.target,
      details: r.details,
      evidenceId: r.evidence_id,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
  }
}

// A valid scrypt string for a random password: verifying against it costs what a real check costs.
const DUMMY_HASH = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${randomBytes(16).toString('base64url')}$${randomBytes(32).toString('base64url')}`;

interface ApiKeyRow {
  id: string;
  prefix: string;
  secret_hash: string;
  name: string;
  scopes: ApiKeyScope[];
  created_by: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

interface AdminRow {
  id: string;
  username: string;
  role: string;
  created_at: Date;
}

function toKeyInfo(r: ApiKeyRow): ApiKeyInfo {
  return {
    id: r.id,
    prefix: r.prefix,
    name: r.name,
    scopes: r.scopes,
    createdBy: r.created_by,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  };
}

function toAdmin(r: AdminRow): AdminUser {
  return { id: r.id, username: r.username, role: r.role, createdAt: r.created_at };
}
