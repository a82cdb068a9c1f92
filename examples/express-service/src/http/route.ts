/**
 * The route registry's types. Every API route is declared once — method, path, who may call it,
 * the zod schemas of its path, query, body and responses, and its handler — and everything else
 * is generated from that declaration: the Express routes, request validation, the OpenAPI 3.1
 * document, and the auth-matrix and fuzz tests.
 */
import type { ApiKeyInfo } from '@izinkit/postgres';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { Brand } from '../domain/brands.js';
import type { Hub } from '../hub.js';
import type { Locale } from '../i18n.js';

/** A permission an API key scope may grant. */
export type Permission =
  | 'consents:read'
  | 'consents:write'
  | 'agreements:read'
  | 'agreements:write'
  | 'evidence:read'
  | 'dsr:read'
  | 'dsr:write'
  | 'sync:read'
  | 'retailers:read'
  | 'retailers:write'
  | 'reports:read'
  | 'admin';

/** Every permission, read ones first. */
export const PERMISSIONS: readonly Permission[] = [
  'consents:read',
  'agreements:read',
  'evidence:read',
  'dsr:read',
  'sync:read',
  'retailers:read',
  'reports:read',
  'consents:write',
  'agreements:write',
  'dsr:write',
  'retailers:write',
  'admin',
];

/** Who may call a route. */
export type RouteAuth =
  | { readonly kind: 'public' }
  /** A key with `permission` on the `{brandCode}` of the path. */
  | { readonly kind: 'brand'; readonly permission: Permission }
  /** A key with `permission` on every brand of the hub. */
  | { readonly kind: 'global'; readonly permission: Permission }
  /** Any key with `permission` on some brand; the handler shows only those brands. */
  | { readonly kind: 'key'; readonly permission: Permission };

/** A documented response. */
export interface RouteResponse {
  /** What it means. */
  readonly description: string;
  /** Its body schema (JSON) — omitted for non-JSON bodies. */
  readonly schema?: z.ZodType;
  /** Content type when not JSON. */
  readonly contentType?: string;
}

/** What a handler receives. */
export interface Call<P, Q, B> {
  /** The hub (services, repositories, configuration). */
  readonly hub: Hub;
  /** The Express request. */
  readonly req: Request;
  /** The Express response (for streaming handlers). */
  readonly res: Response;
  /** Validated path parameters. */
  readonly params: P;
  /** Validated query. */
  readonly query: Q;
  /** Validated body. */
  readonly body: B;
  /** The caller's language. */
  readonly locale: Locale;
  /** The API key, when the route needs one. */
  readonly key: ApiKeyInfo | null;
  /** The actor for audit entries (`api-key:<id>` or `anonymous`). */
  readonly actor: string;
  /** The brand of `{brandCode}`, for brand routes. */
  readonly brand: Brand | undefined;
  /** Brands the key may use this route on (`key` routes). */
  readonly brands: readonly string[];
  /** Client IP. */
  readonly ip: string;
}

/** What a handler returns: a JSON (or other) reply, or `undefined` when it wrote the response. */
export type Reply =
  | {
      readonly status?: number;
      readonly body?: unknown;
      readonly headers?: Readonly<Record<string, string>>;
      /** Send `body` as-is with this content type (string or Buffer). */
      readonly contentType?: string;
    }
  | undefined;

/** One API route. */
export interface Route<P = unknown, Q = unknown, B = unknown> {
  /** operationId. */
  readonly id: string;
  /** HTTP method. */
  readonly method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI-style path (`/v1/brands/{brandCode}/consents`). */
  readonly path: string;
  /** One line. */
  readonly summary: string;
  /** More. */
  readonly description?: string;
  /** Grouping in the reference. */
  readonly tag: string;
  /** Who may call it. */
  readonly auth: RouteAuth;
  /** Path parameters. */
  readonly params?: z.ZodType<P>;
  /** Query parameters (an object schema). */
  readonly query?: z.ZodType<Q>;
  /** JSON body. */
  readonly body?: z.ZodType<B>;
  /** A streamed body the handler reads itself, with its accepted content types. */
  readonly stream?: { readonly contentTypes: readonly string[]; readonly description: string };
  /** Responses by status. */
  readonly responses: Readonly<Record<number, RouteResponse>>;
  /** Only served on the embedded defaults. */
  readonly embeddedOnly?: boolean;
  /** An extra, stricter rate limit (requests per minute per key-or-IP and route). */
  readonly perMinute?: number;
  /** The handler. */
  readonly handler: (call: Call<P, Q, B>) => Promise<Reply>;
}

/** A route with its type parameters erased (the registry's element type). */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds routes of every shape
export type AnyRoute = Route<any, any, any>;

/**
 * Declares a route with its types inferred from its schemas.
 *
 * @example
 * ```ts
 * export const health = route({ id: 'health', method: 'get', path: '/healthz', ... });
 * ```
 */
export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  r: Route<P, Q, B>,
): Route<P, Q, B> {
  return r;
}
