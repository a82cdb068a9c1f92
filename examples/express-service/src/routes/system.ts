/**
 * Operations endpoints (fixed paths): liveness, readiness, Prometheus metrics, the OpenAPI
 * document and the API reference page.
 */
import { z } from 'zod';
import { buildOpenApi } from '../http/openapi.js';
import { apiReferencePage, REFERENCE_CSS, REFERENCE_JS } from '../http/reference-page.js';
import { type AnyRoute, route } from '../http/route.js';
import { serviceMigrations } from '../hub.js';
import { ROUTES } from './index.js';

const Health = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
const Ready = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    database: z.enum(['ok', 'unreachable']),
    migrations: z.object({
      expected: z.number().int(),
      applied: z.number().int(),
      pending: z.array(z.string()),
    }),
  })
  .meta({ id: 'Readiness' });

export const healthz: AnyRoute = route({
  id: 'healthz',
  method: 'get',
  path: '/healthz',
  tag: 'operations',
  summary: 'Liveness: the process answers',
  auth: { kind: 'public' },
  responses: { 200: { description: 'alive', schema: Health } },
  handler: async () => ({ body: { status: 'ok' } }),
});

export const readyz: AnyRoute = route({
  id: 'readyz',
  method: 'get',
  path: '/readyz',
  tag: 'operations',
  summary: 'Readiness: the database answers and every migration is applied',
  auth: { kind: 'public' },
  responses: {
    200: { description: 'ready', schema: Ready },
    503: { description: 'not ready', schema: Ready },
  },
  handler: async ({ hub }) => {
    const expected = serviceMigrations().map((m) => m.id);
    try {
      const { rows } = await hub.db.query<{ id: string }>(
        `select id from "${hub.db.schema}".izinkit_migrations`,
      );
      const applied = new Set(rows.map((r) => r.id));
      const pending = expected.filter((id) => !applied.has(id));
      const ready = pending.length === 0;
      return {
        status: ready ? 200 : 503,
        body: {
          status: ready ? 'ready' : 'not_ready',
          database: 'ok',
          migrations: { expected: expected.length, applied: applied.size, pending },
        },
      };
    } catch {
      return {
        status: 503,
        body: {
          status: 'not_ready',
          database: 'unreachable',
          migrations: { expected: expected.length, applied: 0, pending: expected },
        },
      };
    }
  },
});

export const metrics: AnyRoute = route({
  id: 'metrics',
  method: 'get',
  path: '/metrics',
  tag: 'operations',
  summary: 'Prometheus metrics (text format 0.0.4)',
  description:
    'Request counts and latency histograms per route, consents by brand/channel/status, İYS outbox depth, overdue changes, sync results, evidence log size. Restrict it at the network level in production.',
  auth: { kind: 'public' },
  responses: { 200: { description: 'metrics', contentType: 'text/plain; version=0.0.4' } },
  handler: async ({ hub }) => ({
    body: await hub.metrics.render(),
    contentType: 'text/plain; version=0.0.4; charset=utf-8',
  }),
});

let openapiCache: string | undefined;

export const openapi: AnyRoute = route({
  id: 'openapi',
  method: 'get',
  path: '/openapi.json',
  tag: 'operations',
  summary: 'The OpenAPI 3.1 document, generated from the route registry',
  auth: { kind: 'public' },
  responses: { 200: { description: 'OpenAPI 3.1', schema: z.record(z.string(), z.unknown()) } },
  handler: async ({ hub }) => {
    openapiCache ??= JSON.stringify(buildOpenApi(ROUTES, { embedded: hub.config.embedded }));
    return { body: openapiCache, contentType: 'application/json; charset=utf-8' };
  },
});

export const reference: AnyRoute = route({
  id: 'apiReference',
  method: 'get',
  path: '/docs',
  tag: 'operations',
  summary: 'The API reference page (self-contained HTML; no CDN)',
  auth: { kind: 'public' },
  responses: { 200: { description: 'HTML', contentType: 'text/html' } },
  handler: async () => ({ body: apiReferencePage(), contentType: 'text/html; charset=utf-8' }),
});

export const referenceScript: AnyRoute = route({
  id: 'apiReferenceScript',
  method: 'get',
  path: '/docs/reference.js',
  tag: 'operations',
  summary: 'The API reference page’s script',
  auth: { kind: 'public' },
  responses: { 200: { description: 'JavaScript', contentType: 'text/javascript' } },
  handler: async () => ({ body: REFERENCE_JS, contentType: 'text/javascript; charset=utf-8' }),
});

export const referenceStyle: AnyRoute = route({
  id: 'apiReferenceStyle',
  method: 'get',
  path: '/docs/reference.css',
  tag: 'operations',
  summary: 'The API reference page’s stylesheet',
  auth: { kind: 'public' },
  responses: { 200: { description: 'CSS', contentType: 'text/css' } },
  handler: async () => ({ body: REFERENCE_CSS, contentType: 'text/css; charset=utf-8' }),
});

export const referenceAlias: AnyRoute = route({
  id: 'apiReferenceAlias',
  method: 'get',
  path: '/reference',
  tag: 'operations',
  summary: 'The API reference page (same as /docs)',
  auth: { kind: 'public' },
  responses: { 200: { description: 'HTML', contentType: 'text/html' } },
  handler: async () => ({ body: apiReferencePage(), contentType: 'text/html; charset=utf-8' }),
});
