/**
 * The OpenAPI 3.1 document, generated from the route registry and the routes' zod schemas
 * (zod 4's `z.toJSONSchema`, JSON Schema 2020-12 — OpenAPI 3.1's own dialect). Nothing is written
 * by hand, so the document cannot drift from what the service validates.
 */
import { z } from 'zod';
import type { AnyRoute } from './route.js';
import { ProblemSchema } from './schemas.js';

type Json = Record<string, unknown>;

function schemaOf(s: z.ZodType, io: 'input' | 'output', defs: Json): Json {
  const json = z.toJSONSchema(s, { io, unrepresentable: 'any', reused: 'inline' }) as Json;
  const { $schema: _s, $defs, ...rest } = json;
  if ($defs && typeof $defs === 'object') Object.assign(defs, $defs);
  return rewriteRefs(rest) as Json;
}

function rewriteRefs(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(rewriteRefs);
  if (v && typeof v === 'object') {
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) {
      out[k] =
        k === '$ref' && typeof x === 'string'
          ? x.replace('#/$defs/', '#/components/schemas/')
          : rewriteRefs(x);
    }
    return out;
  }
  return v;
}

function parameters(where: 'path' | 'query', s: z.ZodType | undefined, defs: Json): Json[] {
  if (!s) return [];
  const json = schemaOf(s, 'input', defs);
  const props = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(props).map(([name, schema]) => {
    const { description, ...rest } = schema as Json & { description?: string };
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const problemRef = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string): Json => ({
  description,
  content: { 'application/problem+json': { schema: problemRef } },
});

/**
 * Builds the document.
 *
 * @example
 * ```ts
 * const doc = buildOpenApi(ROUTES, { embedded: true });
 * doc.openapi; // '3.1.0'
 * ```
 */
export function buildOpenApi(routes: readonly AnyRoute[], options: { readonly embedded: boolean }): Json {
  const defs: Json = {};
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    if (r.embeddedOnly && !options.embedded) continue;
    const responses: Json = {};
    for (const [status, resp] of Object.entries(r.responses)) {
      responses[status] = resp.schema
        ? {
            description: resp.description,
            content: { 'application/json': { schema: schemaOf(resp.schema, 'output', defs) } },
          }
        : resp.contentType
          ? { description: resp.description, content: { [resp.contentType]: { schema: { type: 'string' } } } }
          : { description: resp.description };
    }
    const hasInput = r.params || r.query || r.body || r.stream;
    if (hasInput)
      responses['400'] ??= problemResponse('invalid request (each invalid field named in `errors`)');
    if (r.auth.kind !== 'public') {
      responses['401'] ??= problemResponse('no or unknown API key');
      responses['403'] ??= problemResponse('the key lacks the permission for this brand');
      responses['429'] ??= problemResponse('rate limit exceeded (per key and per IP, per instance)');
    }
    if (r.body) responses['413'] ??= problemResponse('body too large');
    const op: Json = {
      operationId: r.id,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: [r.tag],
      ...(r.auth.kind === 'public'
        ? { security: [] }
        : {
            security: [{ bearerAuth: [] }, { apiKeyHeader: [] }],
            'x-permission': r.auth.permission,
            'x-scope': r.auth.kind,
          }),
      parameters: [
        ...parameters('path', r.params, defs),
        ...parameters('query', r.query, defs),
        {
          name: 'Accept-Language',
          in: 'header',
          required: false,
          schema: { type: 'string', example: 'tr, en;q=0.8' },
          description: 'tr (default) or en',
        },
      ],
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemaOf(r.body, 'input', defs) } },
            },
          }
        : r.stream
          ? {
              requestBody: {
                required: true,
                description: r.stream.description,
                content: Object.fromEntries(
                  r.stream.contentTypes.map((t) => [t, { schema: { type: 'string' } }]),
                ),
              },
            }
          : {}),
      responses,
    };
    paths[r.path] ??= {};
    const p = paths[r.path]!;
    p[r.method] = op;
  }
  defs.Problem = schemaOf(ProblemSchema, 'output', {});
  return {
    openapi: '3.1.0',
    info: {
      title: 'izinkit consent hub',
      version: '1',
      description:
        'İYS consents, double opt-in, agreement texts, evidence, KVKK applications and İYS sync. Errors are RFC 9457 problem+json in Turkish or English (Accept-Language).',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <API key>' },
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
      schemas: defs,
    },
    paths,
  };
}
