/**
 * Everything around the consents: İYS sync status, reconciliation reports, retailers and their
 * access, reports, QR codes for hosted form links, the development message outbox, API keys and
 * the audit log.
 */
import {
  ConsentQuerySchema,
  ConsentTypeSchema,
  describeHCode,
  type IysApiError,
  isIysApiError,
  NewRetailerSchema,
  RecipientTypeSchema,
} from '@izinkit/iys';
import QRCode from 'qrcode';
import { z } from 'zod';
import { normalizedRecipient } from '../domain/consents.js';
import { readDevOutbox } from '../domain/messages.js';
import { Problem } from '../http/problem.js';
import { type AnyRoute, PERMISSIONS, route } from '../http/route.js';
import { BrandParams, RecipientInput } from '../http/schemas.js';
import type { Hub } from '../hub.js';

const DAY = 86_400_000;

/** İYS call errors as problems: İYS's own refusal keeps its H-code (422); transport trouble is a 502. */
async function callIys<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isIysApiError(e)) {
      const err = e as IysApiError;
      const info = err.hCode ? describeHCode(err.hCode) : undefined;
      if (err.status >= 400 && err.status < 500 && err.status !== 401 && err.status !== 429) {
        throw new Problem(422, 'iys_refused', 'problem.iys', {
          detail: info ? { tr: info.tr, en: info.en } : { tr: err.message, en: err.message },
          extra: { iysCode: err.hCode ?? null, iysStatus: err.status },
        });
      }
    }
    throw new Problem(502, 'iys_unavailable', 'problem.iys', {
      detail: {
        tr: 'İYS şu anda yanıt vermiyor; daha sonra yeniden deneyin.',
        en: 'İYS is not answering right now; retry later.',
      },
      cause: e,
    });
  }
}

/** `GET /v1/brands/{brandCode}/sync`. */
export const syncStatus: AnyRoute = route({
  id: 'syncStatus',
  method: 'get',
  path: '/v1/brands/{brandCode}/sync',
  tag: 'sync',
  summary: 'İYS sync status: pending, in flight, due within a day, overdue, refused by H-code',
  auth: { kind: 'brand', permission: 'sync:read' },
  params: BrandParams,
  responses: {
    200: {
      description: 'status',
      schema: z.object({
        pending: z.number().int(),
        inFlight: z.number().int(),
        dueSoon: z.number().int(),
        overdue: z.number().int(),
        inDoubt: z.number().int(),
        nextDeadlineAt: z.string().nullable(),
        results: z.record(z.string(), z.number().int()),
        refused: z.array(
          z.object({
            code: z.string(),
            count: z.number().int(),
            tr: z.string().nullable(),
            en: z.string().nullable(),
          }),
        ),
        overdueChanges: z.array(z.record(z.string(), z.unknown())),
      }),
    },
  },
  handler: async ({ hub, brand }) => {
    const now = hub.now();
    const s = await hub.consents.iysOutboxStatus({
      dueBefore: new Date(now.getTime() + DAY),
      brandCode: brand!.code,
      now,
    });
    const due = await hub.consents.iysChangesDueBefore({ dueBefore: now, brandCode: brand!.code, limit: 50 });
    return {
      body: {
        ...s,
        nextDeadlineAt: s.nextDeadlineAt?.toISOString() ?? null,
        refused: s.refused.map((r) => {
          const info = describeHCode(r.code);
          return { code: r.code, count: r.count, tr: info?.tr ?? null, en: info?.en ?? null };
        }),
        overdueChanges: due.map((d) => ({
          changeId: d.changeId,
          channel: d.channel,
          status: d.status,
          queueStatus: d.queueStatus,
          deadlineAt: d.deadlineAt.toISOString(),
          attempts: d.attempts,
          lastError: d.lastError,
        })),
      },
    };
  },
});

/** `GET /v1/brands/{brandCode}/reconciliations`. */
export const reconciliations: AnyRoute = route({
  id: 'reconciliations',
  method: 'get',
  path: '/v1/brands/{brandCode}/reconciliations',
  tag: 'sync',
  summary: 'Daily reconciliation (mutabakat) reports with İYS, newest first',
  auth: { kind: 'brand', permission: 'sync:read' },
  params: BrandParams,
  query: z.strictObject({
    limit: z
      .string()
      .regex(/^\d{1,3}$/)
      .optional(),
  }),
  responses: {
    200: {
      description: 'reports',
      schema: z.object({ reports: z.array(z.record(z.string(), z.unknown())), note: z.string().nullable() }),
    },
  },
  handler: async ({ hub, brand, query }) => {
    const reports = await hub.syncState.listReconciliations({
      brandCode: brand!.code,
      limit: Number(query.limit ?? 30),
    });
    return {
      body: {
        reports,
        note: reports.length
          ? null
          : 'Henüz mutabakat yapılmadı (günlük mutabakat @izinkit/sync ile çalışır). / No reconciliation has run yet (the daily reconciliation runs with @izinkit/sync).',
      },
    };
  },
});

/** `GET /v1/brands/{brandCode}/retailers`. */
export const listRetailers: AnyRoute = route({
  id: 'listRetailers',
  method: 'get',
  path: '/v1/brands/{brandCode}/retailers',
  tag: 'retailers',
  summary: 'The brand’s retailers (bayi) as İYS holds them',
  auth: { kind: 'brand', permission: 'retailers:read' },
  params: BrandParams,
  responses: {
    200: {
      description: 'retailers',
      schema: z.object({ retailers: z.array(z.record(z.string(), z.unknown())) }),
    },
    502: { description: 'İYS unavailable' },
  },
  handler: async ({ hub, brand }) => ({
    body: { retailers: await callIys(() => hub.iys.retailers.list(Number(brand!.code))) },
  }),
});

/** `POST /v1/brands/{brandCode}/retailers`. */
export const addRetailer: AnyRoute = route({
  id: 'addRetailer',
  method: 'post',
  path: '/v1/brands/{brandCode}/retailers',
  tag: 'retailers',
  summary: 'Register a retailer with İYS; answers its İYS retailer code',
  auth: { kind: 'brand', permission: 'retailers:write' },
  params: BrandParams,
  body: NewRetailerSchema,
  responses: {
    201: { description: 'registered', schema: z.record(z.string(), z.unknown()) },
    422: { description: 'refused by İYS (with iysCode)' },
  },
  handler: async ({ hub, brand, body, actor }) => {
    const r = await callIys(() => hub.iys.retailers.add(Number(brand!.code), body));
    await hub.access.audit({
      actor,
      action: 'retailer.add',
      target: String(r.retailerCode),
      details: { brandCode: brand!.code },
    });
    return { status: 201, body: r };
  },
});

const AccessBody = z.strictObject({
  recipients: z.array(RecipientInput).min(1).max(1000),
  recipientType: RecipientTypeSchema,
  type: ConsentTypeSchema,
  retailerAccess: z.array(z.number().int().positive().max(999_999_999_999)).min(1).max(100),
});

/** `POST /v1/brands/{brandCode}/retailers/access`. */
export const giveRetailerAccess: AnyRoute = route({
  id: 'giveRetailerAccess',
  method: 'post',
  path: '/v1/brands/{brandCode}/retailers/access',
  tag: 'retailers',
  summary: 'Give retailers access to consents (İYS retailer access)',
  auth: { kind: 'brand', permission: 'retailers:write' },
  params: BrandParams,
  body: AccessBody,
  responses: { 204: { description: 'given' } },
  handler: async ({ hub, brand, body, actor }) => {
    const recipients = body.recipients.map((r, i) => normalizedRecipient(r, 'body', `recipients.${i}`));
    await callIys(() => hub.iys.retailerAccess.give(Number(brand!.code), { ...body, recipients }));
    await hub.access.audit({
      actor,
      action: 'retailer.access.give',
      target: brand!.code,
      details: { count: recipients.length, type: body.type, retailers: body.retailerAccess },
    });
    return { status: 204 };
  },
});

/** `GET /v1/brands/{brandCode}/retailers/access`. */
export const listRetailerAccess: AnyRoute = route({
  id: 'listRetailerAccess',
  method: 'get',
  path: '/v1/brands/{brandCode}/retailers/access',
  tag: 'retailers',
  summary: 'The retailers with access to one consent',
  auth: { kind: 'brand', permission: 'retailers:read' },
  params: BrandParams,
  query: z.strictObject({
    recipient: RecipientInput,
    recipientType: RecipientTypeSchema,
    type: ConsentTypeSchema,
  }),
  responses: {
    200: {
      description: 'retailers',
      schema: z.object({ retailers: z.array(z.record(z.string(), z.unknown())) }),
    },
  },
  handler: async ({ hub, brand, query }) => {
    const recipient = normalizedRecipient(query.recipient, 'query', 'recipient');
    const q = ConsentQuerySchema.parse({ recipient, recipientType: query.recipientType, type: query.type });
    return { body: { retailers: await callIys(() => hub.iys.retailerAccess.list(Number(brand!.code), q)) } };
  },
});

const ReportQuery = z.strictObject({
  groupBy: z.enum(['channel', 'status', 'source', 'day']).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

/** `GET /v1/brands/{brandCode}/reports/consents`. */
export const consentReport: AnyRoute = route({
  id: 'consentReport',
  method: 'get',
  path: '/v1/brands/{brandCode}/reports/consents',
  tag: 'reports',
  summary: 'Consent counts by channel, status, source and day (Türkiye date of the consent date)',
  auth: { kind: 'brand', permission: 'reports:read' },
  params: BrandParams,
  query: ReportQuery,
  responses: {
    200: {
      description: 'rows',
      schema: z.object({
        brandCode: z.string(),
        rows: z.array(
          z.object({
            channel: z.string(),
            status: z.string().nullable(),
            source: z.string().nullable(),
            day: z.string().nullable(),
            count: z.number().int(),
          }),
        ),
        total: z.number().int(),
      }),
    },
  },
  handler: async ({ hub, brand, query }) => {
    const rows = await report(hub, brand!.code, query);
    return { body: { brandCode: brand!.code, rows, total: rows.reduce((n, r) => n + r.count, 0) } };
  },
});

async function report(
  hub: Hub,
  brandCode: string,
  q: z.output<typeof ReportQuery>,
): Promise<
  { channel: string; status: string | null; source: string | null; day: string | null; count: number }[]
> {
  const day = `to_char(consent_date at time zone 'Europe/Istanbul', 'YYYY-MM-DD')`;
  const { rows } = await hub.db.query<{
    channel: string;
    status: string | null;
    source: string | null;
    day: string | null;
    n: number;
  }>(
    `select type as channel, status, source, ${day} as day, count(*)::int as n
       from consents
      where brand_code = $1
        and ($2::date is null or (consent_date at time zone 'Europe/Istanbul')::date >= $2::date)
        and ($3::date is null or (consent_date at time zone 'Europe/Istanbul')::date <= $3::date)
      group by 1, 2, 3, 4 order by 4 nulls first, 1, 2, 3`,
    [brandCode, q.from ?? null, q.to ?? null],
  );
  const dims = q.groupBy ? [q.groupBy] : ['channel', 'status', 'source', 'day'];
  const merged = new Map<
    string,
    { channel: string; status: string | null; source: string | null; day: string | null; count: number }
  >();
  for (const r of rows) {
    const v = {
      channel: dims.includes('channel') ? r.channel : '*',
      status: dims.includes('status') ? r.status : null,
      source: dims.includes('source') ? r.source : null,
      day: dims.includes('day') ? r.day : null,
    };
    const k = JSON.stringify(v);
    const m = merged.get(k);
    if (m) m.count += r.n;
    else merged.set(k, { ...v, count: r.n });
  }
  return [...merged.values()];
}

/** `GET /v1/reports/consents`: every brand the key may read. */
export const consentReportAll: AnyRoute = route({
  id: 'consentReportAll',
  method: 'get',
  path: '/v1/reports/consents',
  tag: 'reports',
  summary: 'Consent counts per brand (the brands this key may read), by channel and status',
  auth: { kind: 'key', permission: 'reports:read' },
  responses: {
    200: {
      description: 'rows',
      schema: z.object({
        rows: z.array(
          z.object({
            brandCode: z.string(),
            channel: z.string(),
            status: z.string().nullable(),
            count: z.number().int(),
          }),
        ),
      }),
    },
  },
  handler: async ({ hub, brands }) => {
    const { rows } = await hub.db.query<{
      brand_code: string;
      type: string;
      status: string | null;
      n: number;
    }>(
      'select brand_code, type, status, count(*)::int as n from consents where brand_code = any($1::text[]) group by 1, 2, 3 order by 1, 2, 3',
      [[...brands]],
    );
    return {
      body: {
        rows: rows.map((r) => ({ brandCode: r.brand_code, channel: r.type, status: r.status, count: r.n })),
      },
    };
  },
});

/**
 * The hosted consent form's link for a brand (the web pages serve it).
 *
 * @example
 * ```ts
 * hostedFormUrl(hub, '600000', { channel: 'MESAJ' }); // 'http://127.0.0.1:3000/web/f/600000?channel=MESAJ'
 * ```
 */
export function hostedFormUrl(
  hub: Hub,
  brandCode: string,
  q: { readonly channel?: string | undefined; readonly source?: string | undefined },
): string {
  const u = new URL(`${hub.publicUrl()}/web/f/${brandCode}`);
  if (q.channel) u.searchParams.set('channel', q.channel);
  if (q.source) u.searchParams.set('source', q.source);
  return u.toString();
}

/** `GET /v1/brands/{brandCode}/forms/qr`. */
export const formQr: AnyRoute = route({
  id: 'formQr',
  method: 'get',
  path: '/v1/brands/{brandCode}/forms/qr',
  tag: 'forms',
  summary: 'A QR code (SVG or PNG) of the brand’s hosted consent form link',
  auth: { kind: 'brand', permission: 'consents:read' },
  params: BrandParams,
  query: z.strictObject({
    format: z.enum(['svg', 'png']).optional(),
    channel: ConsentTypeSchema.optional(),
    source: z.enum(['HS_WEB', 'HS_MOBIL', 'HS_FIZIKSEL_ORTAM', 'HS_ETKINLIK', 'HS_ISLAK_IMZA']).optional(),
    size: z
      .string()
      .regex(/^\d{2,4}$/)
      .optional(),
  }),
  responses: {
    200: {
      description: 'the QR code (image/svg+xml or image/png); the link is in the X-Form-Url header',
      contentType: 'image/svg+xml',
    },
  },
  handler: async ({ hub, brand, query }) => {
    const url = hostedFormUrl(hub, brand!.code, query);
    const width = Math.min(Math.max(Number(query.size ?? 256), 64), 2048);
    const headers = { 'X-Form-Url': url, 'Cache-Control': 'private, max-age=300' };
    if (query.format === 'png') {
      const png = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width });
      return { body: png, contentType: 'image/png', headers };
    }
    const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width });
    return { body: svg, contentType: 'image/svg+xml; charset=utf-8', headers };
  },
});

/** `GET /v1/dev/outbox` (embedded defaults only). */
export const devOutbox: AnyRoute = route({
  id: 'devOutbox',
  method: 'get',
  path: '/v1/dev/outbox',
  tag: 'development',
  summary: 'Messages the development provider “sent” (codes, links, confirmations), newest first',
  description:
    'Only served when the hub runs on its embedded defaults (no IYS_BASE_URL). Recipients are masked; filter by `recipient` to find one person’s messages.',
  auth: { kind: 'key', permission: 'consents:read' },
  embeddedOnly: true,
  query: z.strictObject({
    recipient: RecipientInput.optional(),
    limit: z
      .string()
      .regex(/^\d{1,3}$/)
      .optional(),
    beforeId: z
      .string()
      .regex(/^\d{1,15}$/)
      .optional(),
  }),
  responses: {
    200: {
      description: 'messages',
      schema: z.object({ messages: z.array(z.record(z.string(), z.unknown())) }),
    },
  },
  handler: async ({ hub, query, brands }) => {
    const recipient = query.recipient
      ? normalizedRecipient(query.recipient, 'query', 'recipient')
      : undefined;
    const messages = await readDevOutbox(hub.db, {
      brands,
      ...(recipient ? { recipientHash: hub.consents.recipientHash(recipient) } : {}),
      limit: Math.min(Math.max(Number(query.limit ?? 20), 1), 200),
      ...(query.beforeId ? { beforeId: Number(query.beforeId) } : {}),
    });
    return { body: { messages } };
  },
});

const Scope = z.strictObject({
  brands: z.union([
    z.literal('*'),
    z
      .array(z.string().regex(/^[0-9]{1,12}$/))
      .min(1)
      .max(1000),
  ]),
  permissions: z.array(z.enum(['*', ...PERMISSIONS] as [string, ...string[]])).min(1),
});

const KeyInfoSchema = z
  .object({
    id: z.string(),
    prefix: z.string(),
    name: z.string(),
    scopes: z.array(
      z.object({ brands: z.union([z.literal('*'), z.array(z.string())]), permissions: z.array(z.string()) }),
    ),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' });

type KeyInfo = {
  id: string;
  prefix: string;
  name: string;
  scopes: readonly { brands: readonly string[] | '*'; permissions: readonly string[] }[];
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};
const keyView = (k: KeyInfo): z.output<typeof KeyInfoSchema> => ({
  id: k.id,
  prefix: k.prefix,
  name: k.name,
  scopes: k.scopes.map((s) => ({
    brands: s.brands === '*' ? '*' : [...s.brands],
    permissions: [...s.permissions],
  })),
  createdBy: k.createdBy,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

/** `POST /v1/admin/api-keys`. */
export const createApiKey: AnyRoute = route({
  id: 'createApiKey',
  method: 'post',
  path: '/v1/admin/api-keys',
  tag: 'admin',
  summary: 'Create an API key with scopes (brand codes × permissions); the key is shown once',
  auth: { kind: 'global', permission: 'admin' },
  body: z.strictObject({ name: z.string().min(1).max(200), scopes: z.array(Scope).min(1).max(50) }),
  responses: {
    201: {
      description: 'created (the key appears only in this answer)',
      schema: z.object({ key: z.string(), info: KeyInfoSchema }),
    },
  },
  handler: async ({ hub, body, actor }) => {
    const created = await hub.access.createApiKey({ name: body.name, scopes: body.scopes, createdBy: actor });
    await hub.access.audit({
      actor,
      action: 'apikey.create',
      target: created.info.id,
      details: { name: body.name, scopes: body.scopes },
    });
    return { status: 201, body: { key: created.key, info: keyView(created.info) } };
  },
});

/** `GET /v1/admin/api-keys`. */
export const listApiKeys: AnyRoute = route({
  id: 'listApiKeys',
  method: 'get',
  path: '/v1/admin/api-keys',
  tag: 'admin',
  summary: 'The API keys (never their secrets)',
  auth: { kind: 'global', permission: 'admin' },
  responses: { 200: { description: 'keys', schema: z.object({ keys: z.array(KeyInfoSchema) }) } },
  handler: async ({ hub }) => ({ body: { keys: (await hub.access.listApiKeys()).map(keyView) } }),
});

/** `DELETE /v1/admin/api-keys/{keyId}`. */
export const revokeApiKey: AnyRoute = route({
  id: 'revokeApiKey',
  method: 'delete',
  path: '/v1/admin/api-keys/{keyId}',
  tag: 'admin',
  summary: 'Revoke an API key (every instance stops accepting it within 5 seconds)',
  auth: { kind: 'global', permission: 'admin' },
  params: z.strictObject({ keyId: z.uuid() }),
  responses: { 204: { description: 'revoked' }, 404: { description: 'no such key' } },
  handler: async ({ hub, params, actor }) => {
    const ok = await hub.access.revokeApiKey(params.keyId);
    if (!ok)
      throw new Problem(404, 'api_key_not_found', 'problem.not_found', {
        detail: { tr: 'Böyle bir anahtar yok.', en: 'No such key.' },
      });
    hub.auth.clear();
    await hub.access.audit({ actor, action: 'apikey.revoke', target: params.keyId });
    return { status: 204 };
  },
});

/** `GET /v1/admin/audit`. */
export const auditLog: AnyRoute = route({
  id: 'auditLog',
  method: 'get',
  path: '/v1/admin/audit',
  tag: 'admin',
  summary: 'The audit log, newest first; each entry is chained into the evidence log',
  auth: { kind: 'global', permission: 'admin' },
  query: z.strictObject({
    limit: z
      .string()
      .regex(/^\d{1,3}$/)
      .optional(),
    beforeId: z
      .string()
      .regex(/^\d{1,15}$/)
      .optional(),
    action: z
      .string()
      .regex(/^[a-z._]{1,64}$/)
      .optional(),
  }),
  responses: {
    200: {
      description: 'entries',
      schema: z.object({ entries: z.array(z.record(z.string(), z.unknown())) }),
    },
  },
  handler: async ({ hub, query }) => {
    const entries = await hub.access.listAudit({
      limit: Number(query.limit ?? 50),
      ...(query.beforeId ? { beforeId: Number(query.beforeId) } : {}),
      ...(query.action ? { action: query.action } : {}),
    });
    return { body: { entries: entries.map((e) => ({ ...e, at: e.at.toISOString() })) } };
  },
});
