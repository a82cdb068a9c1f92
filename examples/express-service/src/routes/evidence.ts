/**
 * Evidence: the proof bundle of one recorded decision (record, Merkle inclusion proof, signed
 * checkpoint, log key — verifiable offline without izinkit), the current signed checkpoint, and a
 * verification service for bundles.
 */
import { createEvidenceBundle, EvidenceRecordSchema, verifyEvidenceBundle } from '@izinkit/evidence';
import { z } from 'zod';
import { Problem } from '../http/problem.js';
import { type AnyRoute, route } from '../http/route.js';

const EvidenceParams = z.strictObject({
  brandCode: z.string().regex(/^[0-9]{1,12}$/),
  evidenceId: z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/)
    .transform(Number),
});

const notFound = (): Problem =>
  new Problem(404, 'evidence_not_found', 'problem.not_found', {
    detail: { tr: 'Bu markada böyle bir kanıt kaydı yok.', en: 'This brand has no such evidence record.' },
  });

/** `GET /v1/brands/{brandCode}/evidence/{evidenceId}/bundle`. */
export const evidenceBundle: AnyRoute = route({
  id: 'evidenceBundle',
  method: 'get',
  path: '/v1/brands/{brandCode}/evidence/{evidenceId}/bundle',
  tag: 'evidence',
  summary: 'The proof bundle of one decision: record, inclusion proof, signed checkpoint, log key',
  description:
    'Check it offline with `izinkit-verify` from @izinkit/evidence, or POST it to /v1/evidence/verify. 409 while the entry is not yet in the Merkle log (a second or two after the decision).',
  auth: { kind: 'brand', permission: 'evidence:read' },
  params: EvidenceParams,
  responses: {
    200: { description: 'the bundle (izinkit.evidence-bundle/1)', schema: z.record(z.string(), z.unknown()) },
    404: { description: 'no such evidence at this brand' },
    409: { description: 'not yet sequenced into the log' },
  },
  handler: async ({ hub, brand, params }) => {
    const entry = await hub.evidence.entry(params.evidenceId);
    if (!entry) throw notFound();
    const parsed = EvidenceRecordSchema.safeParse(JSON.parse(entry.canonical));
    if (!parsed.success || parsed.data.decision.brandCode !== brand!.code) throw notFound();
    if (entry.leafIndex === null) {
      throw new Problem(409, 'not_sequenced', 'problem.not_sequenced', {
        detail: { key: 'problem.not_sequenced.detail' },
        headers: { 'Retry-After': '2' },
      });
    }
    let cp = await hub.evidence.latestCheckpoint();
    if (!cp || cp.treeSize <= entry.leafIndex) cp = await hub.evidence.checkpoint();
    const proof = await hub.evidence.inclusionProof(entry.id, cp.treeSize);
    const bundle = createEvidenceBundle({
      record: parsed.data,
      leafIndex: proof.leafIndex,
      inclusionProof: proof.proof,
      checkpoint: cp.note,
      logKey: hub.secrets.verifierKey,
      ...(cp.timestampToken ? { timestamp: { token: cp.timestampToken } } : {}),
    });
    return {
      body: bundle,
      headers: { 'Content-Disposition': `attachment; filename="evidence-${entry.id}.json"` },
    };
  },
});

/** `GET /v1/evidence/checkpoint`. */
export const evidenceCheckpoint: AnyRoute = route({
  id: 'evidenceCheckpoint',
  method: 'get',
  path: '/v1/evidence/checkpoint',
  tag: 'evidence',
  summary: 'The evidence log’s current signed checkpoint (C2SP note) and its verifier key',
  auth: { kind: 'key', permission: 'evidence:read' },
  responses: {
    200: {
      description: 'checkpoint',
      schema: z.object({
        origin: z.string(),
        treeSize: z.number().int(),
        rootHash: z.string(),
        note: z.string(),
        verifierKey: z.string(),
        createdAt: z.string(),
      }),
    },
  },
  handler: async ({ hub }) => {
    const head = await hub.evidence.head();
    let cp = await hub.evidence.latestCheckpoint();
    if (!cp || cp.treeSize !== head.size) cp = await hub.evidence.checkpoint();
    return {
      body: {
        origin: hub.secrets.origin,
        treeSize: cp.treeSize,
        rootHash: Buffer.from(cp.rootHash).toString('base64'),
        note: cp.note,
        verifierKey: hub.secrets.verifierKey,
        createdAt: cp.createdAt.toISOString(),
      },
    };
  },
});

/** `POST /v1/evidence/verify`. */
export const verifyEvidence: AnyRoute = route({
  id: 'verifyEvidence',
  method: 'post',
  path: '/v1/evidence/verify',
  tag: 'evidence',
  summary: 'Verify a proof bundle against this hub’s log key (the same checks as the offline verifier)',
  auth: { kind: 'key', permission: 'evidence:read' },
  body: z.strictObject({ bundle: z.record(z.string(), z.unknown()) }),
  responses: {
    200: {
      description: 'report',
      schema: z.object({
        ok: z.boolean(),
        checks: z.array(z.record(z.string(), z.unknown())),
        proved: z.array(z.string()),
        provedTr: z.array(z.string()),
        caveats: z.array(z.string()),
        caveatsTr: z.array(z.string()),
      }),
    },
  },
  handler: async ({ hub, body }) => {
    const report = await verifyEvidenceBundle(body.bundle, {
      logKeys: [hub.secrets.verifierKey],
      origin: hub.secrets.origin,
    });
    return { body: report };
  },
});
