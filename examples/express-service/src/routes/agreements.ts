/**
 * Agreement texts (ETK consent, KVKK aydınlatma and açık rıza) per brand: the documents, a
 * document's versions, publishing a new version (draft and publish in one call), and the diff
 * between two versions.
 */
import {
  AgreementChannelSchema,
  AgreementKindSchema,
  AgreementLocaleSchema,
  type AgreementsIssue,
  type DocumentKey,
} from '@izinkit/agreements';
import { z } from 'zod';
import { Problem } from '../http/problem.js';
import { type AnyRoute, route } from '../http/route.js';
import { BrandParams } from '../http/schemas.js';

const DocParams = z.strictObject({
  brandCode: z.string().regex(/^[0-9]{1,12}$/),
  kind: AgreementKindSchema,
  channel: AgreementChannelSchema,
  locale: AgreementLocaleSchema,
});

const VersionSchema = z
  .object({
    id: z.string(),
    revision: z.number().int(),
    status: z.string(),
    material: z.boolean(),
    changeNote: z.string(),
    author: z.string(),
    createdAt: z.string(),
    publishedAt: z.string().nullable(),
    effectiveFrom: z.string().nullable(),
    retiredAt: z.string().nullable(),
    text: z.string(),
  })
  .meta({ id: 'AgreementVersion' });

type VersionLike = {
  id: string;
  revision: number;
  status: string;
  material: boolean;
  changeNote: string;
  author: string;
  createdAt: Date;
  publishedAt?: Date;
  effectiveFrom?: Date;
  retiredAt?: Date;
  text: string;
};

const viewVersion = (v: VersionLike): z.output<typeof VersionSchema> => ({
  id: v.id,
  revision: v.revision,
  status: v.status,
  material: v.material,
  changeNote: v.changeNote,
  author: v.author,
  createdAt: v.createdAt.toISOString(),
  publishedAt: v.publishedAt?.toISOString() ?? null,
  effectiveFrom: v.effectiveFrom?.toISOString() ?? null,
  retiredAt: v.retiredAt?.toISOString() ?? null,
  text: v.text,
});

function agreementProblem(e: AgreementsIssue): Problem {
  const status =
    e.code === 'VERSION_NOT_FOUND'
      ? 404
      : e.code === 'CONFLICT' || e.code === 'DUPLICATE_VERSION'
        ? 409
        : 422;
  return new Problem(
    status,
    e.code.toLowerCase(),
    status === 404 ? 'problem.not_found' : status === 409 ? 'problem.conflict' : 'problem.agreement',
    {
      detail: { tr: e.messages.tr, en: e.messages.en },
      extra: {
        ...(e.findings ? { findings: e.findings } : {}),
        ...(e.issues ? { issues: e.issues } : {}),
        ...(e.valueIssues ? { valueIssues: e.valueIssues } : {}),
      },
    },
  );
}

const docOf = (p: z.output<typeof DocParams>): DocumentKey => ({
  brand: p.brandCode,
  kind: p.kind,
  channel: p.channel,
  locale: p.locale,
});

/** `GET /v1/brands/{brandCode}/agreements`. */
export const listAgreements: AnyRoute = route({
  id: 'listAgreements',
  method: 'get',
  path: '/v1/brands/{brandCode}/agreements',
  tag: 'agreements',
  summary: 'The brand’s agreement documents, each with the version in force',
  auth: { kind: 'brand', permission: 'agreements:read' },
  params: BrandParams,
  responses: {
    200: {
      description: 'documents',
      schema: z.object({
        documents: z.array(
          z.object({
            kind: z.string(),
            channel: z.string(),
            locale: z.string(),
            versions: z.number().int(),
            inForce: VersionSchema.nullable(),
          }),
        ),
      }),
    },
  },
  handler: async ({ hub, brand }) => {
    const docs = await hub.agreements.documents({ brand: brand!.code });
    const out = [];
    for (const d of docs) {
      const h = await hub.agreements.history(d);
      const inForce = h.versionAt(hub.now());
      out.push({
        kind: d.kind,
        channel: d.channel,
        locale: d.locale,
        versions: h.versions.length,
        inForce: inForce ? viewVersion(inForce) : null,
      });
    }
    return { body: { documents: out } };
  },
});

/** `GET /v1/brands/{brandCode}/agreements/{kind}/{channel}/{locale}`. */
export const agreementVersions: AnyRoute = route({
  id: 'agreementVersions',
  method: 'get',
  path: '/v1/brands/{brandCode}/agreements/{kind}/{channel}/{locale}',
  tag: 'agreements',
  summary: 'Every version of one document, oldest first, with its status and text',
  auth: { kind: 'brand', permission: 'agreements:read' },
  params: DocParams,
  responses: {
    200: {
      description: 'versions',
      schema: z.object({ versions: z.array(VersionSchema), inForce: z.string().nullable() }),
    },
  },
  handler: async ({ hub, params }) => {
    const h = await hub.agreements.history(docOf(params));
    return { body: { versions: h.versions.map(viewVersion), inForce: h.versionAt(hub.now())?.id ?? null } };
  },
});

const PublishBody = z.strictObject({
  text: z.string().min(1).max(100_000),
  changeNote: z.string().min(1).max(2000),
  material: z.boolean(),
  effectiveFrom: z.iso.datetime({ offset: true }).optional(),
  acknowledgeFindings: z.array(z.string().max(100)).max(50).optional(),
});

/** `POST /v1/brands/{brandCode}/agreements/{kind}/{channel}/{locale}`. */
export const publishAgreement: AnyRoute = route({
  id: 'publishAgreement',
  method: 'post',
  path: '/v1/brands/{brandCode}/agreements/{kind}/{channel}/{locale}',
  tag: 'agreements',
  summary: 'Publish a new version of a document (a material change asks people to consent again)',
  description:
    'The text is a template ({{brand.name}}, {{brand.mersis}} …) checked against the content rules (ETK art. 6/7 sender identity and RET instructions, KVKK art. 10 elements); findings are refused unless acknowledged.',
  auth: { kind: 'brand', permission: 'agreements:write' },
  params: DocParams,
  body: PublishBody,
  responses: {
    201: { description: 'published', schema: VersionSchema },
    422: { description: 'refused (rule findings, invalid template)' },
  },
  handler: async ({ hub, params, body, actor }) => {
    const document = docOf(params);
    const draft = await hub.agreements.createDraft({
      document,
      text: body.text,
      author: actor,
      changeNote: body.changeNote,
      material: body.material,
    });
    if (!draft.ok) throw agreementProblem(draft.error);
    const pub = await hub.agreements.publish(document, {
      id: draft.value.id,
      by: actor,
      ...(body.effectiveFrom ? { effectiveFrom: new Date(body.effectiveFrom) } : {}),
      ...(body.acknowledgeFindings ? { acknowledgeFindings: body.acknowledgeFindings as never } : {}),
    });
    if (!pub.ok) {
      await hub.agreements.discardDraft(document, draft.value.id).catch(() => undefined);
      throw agreementProblem(pub.error);
    }
    hub.texts.clear();
    await hub.access.audit({
      actor,
      action: 'agreement.publish',
      target: pub.value.id,
      details: {
        brandCode: params.brandCode,
        kind: params.kind,
        channel: params.channel,
        locale: params.locale,
        material: body.material,
      },
    });
    return { status: 201, body: viewVersion(pub.value) };
  },
});

/** `GET /v1/brands/{brandCode}/agreements/{kind}/{channel}/{locale}/diff`. */
export const agreementDiff: AnyRoute = route({
  id: 'agreementDiff',
  method: 'get',
  path: '/v1/brands/{brandCode}/agreements/{kind}/{channel}/{locale}/diff',
  tag: 'agreements',
  summary: 'The line diff between two versions (unified format and statistics)',
  auth: { kind: 'brand', permission: 'agreements:read' },
  params: DocParams,
  query: z.strictObject({ from: z.string().regex(/^[0-9a-f]{64}$/), to: z.string().regex(/^[0-9a-f]{64}$/) }),
  responses: {
    200: {
      description: 'diff',
      schema: z.object({
        from: z.string(),
        to: z.string(),
        stats: z.record(z.string(), z.number()),
        unified: z.string(),
      }),
    },
    404: { description: 'no such version' },
  },
  handler: async ({ hub, params, query }) => {
    const d = await hub.agreements.diff(docOf(params), query.from, query.to);
    if (!d.ok) throw agreementProblem(d.error);
    return {
      body: { from: d.value.from, to: d.value.to, stats: { ...d.value.stats }, unified: d.value.unified },
    };
  },
});
