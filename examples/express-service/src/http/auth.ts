/**
 * API-key authentication and scope checks. Keys arrive as `Authorization: Bearer <key>` or
 * `X-API-Key: <key>`; a verified key is cached in this process for a few seconds (so a revoked
 * key stops working within `ttlMs` on every instance), keyed by the key's SHA-256.
 */
import { createHash } from 'node:crypto';
import type { AccessRepository, ApiKeyInfo, ApiKeyScope } from '@izinkit/postgres';
import type { Request } from 'express';
import type { Permission } from './route.js';

/**
 * The key in a request, or `undefined`.
 *
 * @example
 * ```ts
 * presentedKey(req); // 'izk_…' from "Authorization: Bearer izk_…"
 * ```
 */
export function presentedKey(req: Request): string | undefined {
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(auth);
    if (m) return m[1];
  }
  const x = req.headers['x-api-key'];
  if (typeof x === 'string' && x.length > 0) return x.trim();
  return undefined;
}

/** True when one scope grants `permission`. */
function grants(scope: ApiKeyScope, permission: Permission): boolean {
  return scope.permissions.includes('*') || scope.permissions.includes(permission);
}

/**
 * True when the key may use `permission` on `brand`.
 *
 * @example
 * ```ts
 * allows(info, 'consents:write', '600000');
 * ```
 */
export function allows(key: ApiKeyInfo, permission: Permission, brand: string): boolean {
  return key.scopes.some((s) => grants(s, permission) && (s.brands === '*' || s.brands.includes(brand)));
}

/**
 * The brands (of `all`) the key may use `permission` on.
 *
 * @example
 * ```ts
 * brandsAllowed(info, 'consents:read', ['600000', '600001']); // ['600000']
 * ```
 */
export function brandsAllowed(key: ApiKeyInfo, permission: Permission, all: readonly string[]): string[] {
  return all.filter((b) => allows(key, permission, b));
}

/**
 * Verifies keys through `AccessRepository.verifyApiKey`, caching answers briefly.
 *
 * @example
 * ```ts
 * const auth = new ApiKeyAuth(access);
 * const info = await auth.verify(presentedKey(req));
 * ```
 */
export class ApiKeyAuth {
  readonly #access: AccessRepository;
  readonly #ttlMs: number;
  readonly #cache = new Map<string, { at: number; info: Promise<ApiKeyInfo | null> }>();

  /**
   * @param access - the access repository
   * @param ttlMs - cache lifetime (default 5 s)
   */
  constructor(access: AccessRepository, ttlMs = 5000) {
    this.#access = access;
    this.#ttlMs = ttlMs;
  }

  /** The key's description, or `null` for an unknown, revoked or malformed key. */
  verify(key: string | undefined): Promise<ApiKeyInfo | null> {
    if (key === undefined || !/^[\x21-\x7e]{16,256}$/.test(key)) return Promise.resolve(null);
    const h = createHash('sha256').update(key).digest('base64');
    const now = Date.now();
    const hit = this.#cache.get(h);
    if (hit && now - hit.at < this.#ttlMs) return hit.info;
    if (this.#cache.size > 10_000) this.#cache.clear();
    const info = this.#access.verifyApiKey(key).catch((e: unknown) => {
      this.#cache.delete(h);
      throw e;
    });
    this.#cache.set(h, { at: now, info });
    return info;
  }

  /** Forgets every cached answer (after a revocation in this process). */
  clear(): void {
    this.#cache.clear();
  }
}
