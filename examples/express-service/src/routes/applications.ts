/**
 * KVKK data-subject applications (art. 11 rights, art. 13 procedure, 30-day clock): file one
 * with a brand, advance it through its state machine, export it (JSON or XML) with the person's
 * consent records, and plan the erasure of their data against the retention policies.
 */
import { randomUUID } from 'node:crypto';
import {
  APPLICATION_CHANNELS,
  type ApplicationEvent,
  ApplicationEventSchema,
  type ApplicationState,
  applicationClock,
  CONSENT_RECORD_POLICY,
  type JsonValue,
  planErasure,
  RequestKindSchema,
  toXml,
} from '@izinkit/kvkk';
import type { StoredApplication } from '@izinkit/postgres';
import { z } from 'zod';
import { normalizedRecipient, viewOf } from '../domain/consents.js';
import { Problem, validationProblem } from '../http/problem.js';
import { type AnyRoute, route } from '../http/route.js';
import { BrandParams, RecipientInput } from '../http/schemas.js';
import type { Hub } from '../hub.js';

const AppParams = z.strictObject({
  brandCode: z.string().regex(/^[0-9]{1,12}$/),
  applicationId: z.string().regex(/^dsr_[0-9a-f-]{36}$/),
});

const ApplicationViewSchema = z
  .object({
    id: z.string(),
    status: z.string(),
    kinds: z.array(z.string()),
    channel: z.string(),
    receivedAt: z.string(),
    deadlineAt: z.string(),
    closedAt: z.string().nullable(),
    overdue: z.boolean(),
    outcome: z.unknown(),
    history: z.array(z.unknown()),
  })
  .meta({ id: 'Application' });

function view(a: StoredApplication, now: Date): z.output<typeof ApplicationViewSchema> {
  const s = a.state;
  return {
    id: s.id,
    status: s.status,
    kinds: [...s.kinds],
    channel: s.channel,
    receivedAt: s.receivedAt,
    deadlineAt: s.deadlineAt,
    closedAt: s.closedAt,
    overdue: applicationClock(s, now).overdue,
    outcome: s.outcome,
    history: [...s.history],
  };
}

async function load(hub: Hub, brandCode: string, id: string): Promise<StoredApplication> {
  const { rows } = await hub.db.query(
    'select 1 from application_brands where application_id = $1 and brand_code = $2',
    [id, brandCode],
  );
  const a = rows.length ? await hub.applications.get(id) : null;
  if (!a)
    throw new Problem(404, 'application_not_found', 'problem.not_found', {
      detail: { tr: 'Böyle bir başvuru yok.', en: 'No such application.' },
    });
  return a;
}

const refused = (e: { code: string; message: { tr: string; en: string } | string }): Problem =>
  new Problem(422, e.code, 'problem.application', {
    detail:
      typeof e.message === 'string'
        ? { tr: e.message, en: e.message }
        : { tr: e.message.tr, en: e.message.en },
  });

const CreateBody = z.strictObject({
  kinds: z.array(RequestKindSchema).min(1).max(10),
  channel: z.enum(APPLICATION_CHANNELS),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  recipient: RecipientInput.optional().meta({
    description: 'the person’s phone or e-mail: links the application to their consents',
  }),
  name: z.string().min(1).max(500).optional(),
  reference: z.string().min(1).max(500).optional(),
});

/** `POST /v1/brands/{brandCode}/applications`. */
export const createApplication: AnyRoute = route({
  id: 'createApplication',
  method: 'post',
  path: '/v1/brands/{brandCode}/applications',
  tag: 'kvkk applications',
  summary: 'File a data-subject application (KVKK art. 11); the 30-day clock starts at receipt',
  auth: { kind: 'brand', permission: 'dsr:write' },
  params: BrandParams,
  body: CreateBody,
  responses: { 201: { description: 'filed', schema: ApplicationViewSchema } },
  handler: async ({ hub, brand, body, actor }) => {
    const recipient = body.recipient ? normalizedRecipient(body.recipient, 'body', 'recipient') : undefined;
    const id = `dsr_${randomUUID()}`;
    const now = hub.now();
    const subject = {
      ...(recipient ? { contact: recipient } : {}),
      ...(body.name ? { name: body.name } : {}),
      ...(body.reference ? { reference: body.reference } : {}),
    };
    const r = await hub.applications.create(
      {
        id,
        kinds: body.kinds,
        channel: body.channel,
        receivedAt: body.receivedAt ?? now.toISOString(),
        subject,
      },
      recipient ? { subjectHash: hub.consents.recipientHash(recipient) } : {},
    );
    if (!r.ok) throw refused(r.error as never);
    await hub.db.query('insert into application_brands (application_id, brand_code) values ($1, $2)', [
      id,
      brand!.code,
    ]);
    await hub.access.audit({
      actor,
      action: 'dsr.create',
      target: id,
      details: { brandCode: brand!.code, kinds: body.kinds },
    });
    return { status: 201, body: view(r.value, now) };
  },
});

/** `GET /v1/brands/{brandCode}/applications`. */
export const listApplications: AnyRoute = route({
  id: 'listApplications',
  method: 'get',
  path: '/v1/brands/{brandCode}/applications',
  tag: 'kvkk applications',
  summary: 'The brand’s applications, open ones by deadline',
  auth: { kind: 'brand', permission: 'dsr:read' },
  params: BrandParams,
  query: z.strictObject({
    open: z.enum(['true', 'false']).optional(),
    limit: z
      .string()
      .regex(/^\d{1,3}$/)
      .optional(),
  }),
  responses: {
    200: { description: 'applications', schema: z.object({ applications: z.array(ApplicationViewSchema) }) },
  },
  handler: async ({ hub, brand, query }) => {
    const open = query.open === 'true';
    const limit = Math.min(Math.max(Number(query.limit ?? 50), 1), 200);
    const { rows } = await hub.db.query<{ application_id: string }>(
      `select b.application_id from application_brands b join dsr_applications a on a.id = b.application_id
        where b.brand_code = $1 and ($2::boolean is not true or a.closed_at is null)
        order by ${open ? 'a.deadline_at' : 'a.received_at desc'} limit $3`,
      [brand!.code, open, limit],
    );
    const now = hub.now();
    const out = [];
    for (const r of rows) {
      const a = await hub.applications.get(r.application_id);
      if (a) out.push(view(a, now));
    }
    return { body: { applications: out } };
  },
});

/** `GET /v1/brands/{brandCode}/applications/{applicationId}`. */
export const getApplication: AnyRoute = route({
  id: 'getApplication',
  method: 'get',
  path: '/v1/brands/{brandCode}/applications/{applicationId}',
  tag: 'kvkk applications',
  summary: 'One application with its history and deadline',
  auth: { kind: 'brand', permission: 'dsr:read' },
  params: AppParams,
  responses: {
    200: { description: 'the application', schema: ApplicationViewSchema },
    404: { description: 'no such application' },
  },
  handler: async ({ hub, brand, params }) => ({
    body: view(await load(hub, brand!.code, params.applicationId), hub.now()),
  }),
});

/** `POST /v1/brands/{brandCode}/applications/{applicationId}/events`. */
export const advanceApplication: AnyRoute = route({
  id: 'advanceApplication',
  method: 'post',
  path: '/v1/brands/{brandCode}/applications/{applicationId}/events',
  tag: 'kvkk applications',
  summary:
    'Advance an application: verify_identity, start_processing, pause, resume, answer, reject, forward, note',
  auth: { kind: 'brand', permission: 'dsr:write' },
  params: AppParams,
  body: ApplicationEventSchema as z.ZodType<ApplicationEvent>,
  responses: {
    200: { description: 'the application afterwards', schema: ApplicationViewSchema },
    422: { description: 'not allowed in this state' },
  },
  handler: async ({ hub, brand, params, body, actor }) => {
    await load(hub, brand!.code, params.applicationId);
    const r = await hub.applications.apply(params.applicationId, body);
    if (!r.ok) throw refused(r.error as never);
    await hub.access.audit({
      actor,
      action: 'dsr.advance',
      target: params.applicationId,
      details: { brandCode: brand!.code, type: body.type },
    });
    return { body: view(r.value, hub.now()) };
  },
});

async function exportOf(
  hub: Hub,
  brandCode: string,
  a: StoredApplication,
): Promise<Record<string, JsonValue>> {
  const s: ApplicationState = a.state;
  const now = hub.now();
  const contact = s.subject.contact;
  const consents = contact
    ? (await hub.consents.findByRecipient(brandCode, contact)).map((c) => viewOf(c.state, now))
    : [];
  const events = (await hub.applications.events(a.state.id)).map((e) => ({
    n: e.n,
    type: e.type,
    recordedAt: e.recordedAt.toISOString(),
  }));
  return JSON.parse(
    JSON.stringify({
      application: {
        id: s.id,
        kinds: s.kinds,
        channel: s.channel,
        status: s.status,
        receivedAt: s.receivedAt,
        deadlineAt: s.deadlineAt,
        closedAt: s.closedAt,
        outcome: s.outcome,
      },
      events,
      consents,
      exportedAt: now.toISOString(),
    }),
  ) as Record<string, JsonValue>;
}

/** `GET /v1/brands/{brandCode}/applications/{applicationId}/export`. */
export const exportApplication: AnyRoute = route({
  id: 'exportApplication',
  method: 'get',
  path: '/v1/brands/{brandCode}/applications/{applicationId}/export',
  tag: 'kvkk applications',
  summary: 'Export the application and the person’s consent records as JSON or XML',
  auth: { kind: 'brand', permission: 'dsr:read' },
  params: AppParams,
  query: z.strictObject({ format: z.enum(['json', 'xml']).optional() }),
  responses: {
    200: { description: 'export (application/json or application/xml)', contentType: 'application/json' },
  },
  handler: async ({ hub, brand, params, query, actor }) => {
    const a = await load(hub, brand!.code, params.applicationId);
    const data = await exportOf(hub, brand!.code, a);
    await hub.access.audit({
      actor,
      action: 'dsr.export',
      target: a.state.id,
      details: { brandCode: brand!.code, format: query.format ?? 'json' },
    });
    const name = `kvkk-${a.state.id}`;
    if (query.format === 'xml') {
      return {
        body: toXml(data, { root: 'kvkkBasvuru' }),
        contentType: 'application/xml; charset=utf-8',
        headers: { 'Content-Disposition': `attachment; filename="${name}.xml"` },
      };
    }
    return { body: data, headers: { 'Content-Disposition': `attachment; filename="${name}.json"` } };
  },
});

/** `GET /v1/brands/{brandCode}/applications/{applicationId}/erasure-plan`. */
export const erasurePlan: AnyRoute = route({
  id: 'erasurePlan',
  method: 'get',
  path: '/v1/brands/{brandCode}/applications/{applicationId}/erasure-plan',
  tag: 'kvkk applications',
  summary:
    'What erasure would do with the person’s data: delete, anonymise, or keep (with the law that requires it)',
  description:
    'ETK consent and RET records must be kept for 3 years after the consent ends (Yön. art. 11), so an erasure request keeps them until then.',
  auth: { kind: 'brand', permission: 'dsr:read' },
  params: AppParams,
  responses: { 200: { description: 'the plan', schema: z.record(z.string(), z.unknown()) } },
  handler: async ({ hub, brand, params }) => {
    const a = await load(hub, brand!.code, params.applicationId);
    const contact = a.state.subject.contact;
    if (!contact) {
      throw validationProblem(
        [
          {
            in: 'body',
            field: 'recipient',
            pointer: '/recipient',
            detail: 'başvuruda alıcı yok / the application names no recipient',
          },
        ],
        'no_recipient',
      );
    }
    const stored = await hub.consents.findByRecipient(brand!.code, contact);
    const fields = stored.map((c) => ({
      path: `consents/${c.state.key.type}`,
      category: CONSENT_RECORD_POLICY.category,
      ...(c.state.current?.status === 'RET' && c.state.current.consentDate
        ? { retentionStartsAt: c.state.current.consentDate }
        : {}),
    }));
    const plan = planErasure({
      fields,
      policies: [CONSENT_RECORD_POLICY],
      now: hub.now(),
      applicationId: a.state.id,
      requestReceivedAt: a.state.receivedAt,
    });
    return { body: plan };
  },
});
