/**
 * Consents: record one decision (İYS's field names), the current state per channel, the history
 * with evidence, what is missing, and bulk import.
 */
import { ConsentTypeSchema, RecipientTypeSchema } from '@izinkit/iys';
import { z } from 'zod';
import {
  ConsentInputSchema,
  DecisionResultSchema,
  history,
  keyOrProblem,
  missingFor,
  normalizedRecipient,
  PersonViewSchema,
  personStatus,
  recordDecision,
} from '../domain/consents.js';
import { importStatus, runImport } from '../domain/imports.js';
import { Problem } from '../http/problem.js';
import { type AnyRoute, route } from '../http/route.js';
import { BrandParams, many, RecipientInput } from '../http/schemas.js';

export const recordConsent: AnyRoute = route({
  id: 'recordConsent',
  method: 'post',
  path: '/v1/brands/{brandCode}/consents',
  tag: 'consents',
  summary: 'Record one consent decision (ONAY or RET) with İYS’s field names',
  description:
    'The recipient may be in any form @izinkit/identity accepts. The decision goes through the consent machine (İYS’s rules: no first RET, no older date, no future date, HS_2015 only with 2015-05-01 …), is stored with its evidence record and an İYS outbox row in one transaction, and the answer carries the statutory İYS deadline (3 iş günü). Send `decisionId` to make retries idempotent.',
  auth: { kind: 'brand', permission: 'consents:write' },
  params: BrandParams,
  body: ConsentInputSchema,
  responses: {
    201: { description: 'recorded', schema: DecisionResultSchema },
    200: {
      description: 'nothing changed (the consent already has this status: İYS H174)',
      schema: DecisionResultSchema,
    },
    422: { description: 'refused by İYS’s rules (problem with `code` and `iysCode`)' },
  },
  handler: async ({ hub, brand, body, actor }) => {
    const r = await recordDecision(hub, brand!, body, { actor });
    return { status: r.outcome === 'applied' ? 201 : 200, body: r };
  },
});

const StatusQuery = z.strictObject({
  recipient: RecipientInput,
  recipientType: RecipientTypeSchema.optional(),
});

export const consentStatus: AnyRoute = route({
  id: 'consentStatus',
  method: 'get',
  path: '/v1/brands/{brandCode}/consents',
  tag: 'consents',
  summary: 'The current state of one recipient, per channel',
  description:
    'Status, İYS registration, pending change and its deadline, and whether a commercial message may go out now.',
  auth: { kind: 'brand', permission: 'consents:read' },
  params: BrandParams,
  query: StatusQuery,
  responses: { 200: { description: 'the person’s consents at this brand', schema: PersonViewSchema } },
  handler: async ({ hub, brand, query }) => {
    const recipient = normalizedRecipient(query.recipient, 'query', 'recipient');
    return { body: await personStatus(hub, brand!.code, recipient, query.recipientType) };
  },
});

const HistoryQuery = z.strictObject({
  recipient: RecipientInput,
  recipientType: RecipientTypeSchema,
  type: ConsentTypeSchema,
});

const HistorySchema = z
  .object({
    key: z.object({
      brandCode: z.string(),
      recipient: z.string(),
      recipientType: z.string(),
      type: z.string(),
    }),
    events: z.array(
      z.object({
        n: z.number().int(),
        type: z.string(),
        at: z.string(),
        outcome: z.string(),
        recordedAt: z.string(),
        event: z.record(z.string(), z.unknown()),
        evidence: z
          .object({
            id: z.number().int(),
            kind: z.string(),
            leafIndex: z.number().int().nullable(),
            record: z.unknown(),
          })
          .nullable(),
      }),
    ),
  })
  .meta({ id: 'ConsentHistory' });

export const consentHistory: AnyRoute = route({
  id: 'consentHistory',
  method: 'get',
  path: '/v1/brands/{brandCode}/consents/history',
  tag: 'consents',
  summary: 'The event log of one consent key, each event with its evidence record',
  auth: { kind: 'brand', permission: 'consents:read' },
  params: BrandParams,
  query: HistoryQuery,
  responses: { 200: { description: 'history, oldest first', schema: HistorySchema } },
  handler: async ({ hub, brand, query }) => {
    const key = keyOrProblem(brand!.code, query, 'query');
    return { body: { key, events: await history(hub, key) } };
  },
});

const MissingQuery = z.strictObject({
  recipient: many(RecipientInput, 10),
  recipientType: many(RecipientTypeSchema, 2).optional(),
  includeRefused: z.enum(['true', 'false']).optional(),
});

const MissingSchema = z
  .object({
    missing: z.array(
      z.object({
        recipient: z.string(),
        recipientType: z.string(),
        type: z.string(),
        reason: z.enum(['never_recorded', 'verification_pending', 'refused']),
      }),
    ),
  })
  .meta({ id: 'MissingConsents' });

export const missingConsentsRoute: AnyRoute = route({
  id: 'missingConsents',
  method: 'get',
  path: '/v1/brands/{brandCode}/consents/missing',
  tag: 'consents',
  summary: 'What is missing for this person: consents not given, across the channels their addresses take',
  auth: { kind: 'brand', permission: 'consents:read' },
  params: BrandParams,
  query: MissingQuery,
  responses: { 200: { description: 'missing consents', schema: MissingSchema } },
  handler: async ({ hub, brand, query }) => {
    const recipients = query.recipient.map((r, i) => normalizedRecipient(r, 'query', `recipient.${i}`));
    const missing = await missingFor(hub, brand!.code, recipients, {
      ...(query.recipientType ? { recipientTypes: query.recipientType } : {}),
      includeRefused: query.includeRefused === 'true',
    });
    return {
      body: {
        missing: missing.map((m) => ({
          recipient: m.key.recipient,
          recipientType: m.key.recipientType,
          type: m.key.type,
          reason: m.reason,
        })),
      },
    };
  },
});

const ImportQuery = z.strictObject({
  importId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/)
    .optional()
    .meta({ description: 'resume an earlier import: rows already recorded are skipped' }),
  format: z.enum(['ndjson', 'csv']).optional().meta({ description: 'default: from Content-Type' }),
});

export const importConsents: AnyRoute = route({
  id: 'importConsents',
  method: 'post',
  path: '/v1/brands/{brandCode}/consents/import',
  tag: 'consents',
  summary: 'Bulk import (streamed NDJSON or CSV), one result line per row',
  description:
    'Rows use İYS’s field names (recipient, recipientType, type, status, source, consentDate, retailerCode?, agreementVersionId?). Rows are committed in chunks of 500; each chunk commits its consent changes, evidence, outbox rows and row results together. The answer is NDJSON: one line per row (`committed`, `unchanged`, `rejected`, `invalid`, `skipped`) and a final `summary`. After an interruption, GET the import (or POST again with `importId`): rows without a result were not imported.',
  auth: { kind: 'brand', permission: 'consents:write' },
  params: BrandParams,
  query: ImportQuery,
  stream: {
    contentTypes: ['application/x-ndjson', 'text/csv'],
    description: 'NDJSON (one JSON object per line) or CSV with a header row (comma or semicolon)',
  },
  responses: {
    200: {
      description: 'per-row results (NDJSON), then a summary line',
      contentType: 'application/x-ndjson',
    },
  },
  handler: async ({ hub, brand, query, req, res, actor }) => {
    const ct = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const format =
      query.format ??
      (ct === 'text/csv'
        ? 'csv'
        : ct === 'application/x-ndjson' || ct === 'application/jsonl' || ct === 'application/ndjson'
          ? 'ndjson'
          : undefined);
    if (!format) {
      throw new Problem(415, 'unsupported_media_type', 'problem.unsupported_media_type', {
        detail: {
          key: 'problem.unsupported_media_type.detail',
          params: { expected: 'application/x-ndjson, text/csv' },
        },
      });
    }
    await runImport(hub, brand!, req, res, { format, actor, importId: query.importId });
    return undefined;
  },
});

const ImportParams = z.strictObject({
  brandCode: z.string().regex(/^[0-9]{1,12}$/),
  importId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
});

const ImportStatusSchema = z
  .object({
    importId: z.string(),
    status: z.string(),
    rowsSeen: z.number().int(),
    counts: z.record(z.string(), z.number().int()),
    rows: z.array(
      z.object({
        row: z.number().int(),
        status: z.string(),
        consentId: z.number().int().optional(),
        evidenceId: z.number().int().optional(),
        code: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'ImportStatus' });

export const importStatusRoute: AnyRoute = route({
  id: 'importStatus',
  method: 'get',
  path: '/v1/brands/{brandCode}/consents/imports/{importId}',
  tag: 'consents',
  summary: 'An import’s state and row results (rows not listed were not imported)',
  auth: { kind: 'brand', permission: 'consents:read' },
  params: ImportParams,
  query: z.strictObject({
    afterRow: z
      .string()
      .regex(/^\d{1,9}$/)
      .optional(),
    limit: z
      .string()
      .regex(/^\d{1,5}$/)
      .optional(),
  }),
  responses: {
    200: { description: 'the import', schema: ImportStatusSchema },
    404: { description: 'no such import' },
  },
  handler: async ({ hub, brand, params, query }) => {
    const s = await importStatus(hub, brand!.code, params.importId, {
      afterRow: Number(query.afterRow ?? 0),
      limit: Math.min(Math.max(Number(query.limit ?? 1000), 1), 10_000),
    });
    if (!s)
      throw new Problem(404, 'import_not_found', 'problem.not_found', {
        detail: { tr: 'Böyle bir içe aktarma yok.', en: 'No such import.' },
      });
    return { body: s };
  },
});
