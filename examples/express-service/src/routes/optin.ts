/**
 * Double opt-in: start a verification (a code by SMS/e-mail, or a landing-page link by SMS) and
 * check the code the person typed. The landing page itself is one of the web pages (`/optin/{token}`).
 */
import {
  ConsentTypeSchema,
  type ProviderSource,
  ProviderSourceSchema,
  RecipientTypeSchema,
} from '@izinkit/iys';
import { z } from 'zod';
import { PersonViewSchema } from '../domain/consents.js';
import { EvidenceBodySchema } from '../domain/evidence-record.js';
import { requestOptin, verifyOptin } from '../domain/optin.js';
import { type AnyRoute, route } from '../http/route.js';
import { BrandParams, RecipientInput } from '../http/schemas.js';

const OptinBody = z.strictObject({
  recipient: RecipientInput,
  recipientType: RecipientTypeSchema.optional(),
  channels: z.array(ConsentTypeSchema).min(1).max(3).optional(),
  method: z.enum(['code', 'link']),
  source: ProviderSourceSchema as z.ZodType<ProviderSource>,
  locale: z.enum(['tr', 'en']).optional(),
});

const OptinCreatedSchema = z
  .object({
    optinId: z.string(),
    expiresAt: z.string(),
    channels: z.array(ConsentTypeSchema),
    alreadyGranted: z.array(ConsentTypeSchema),
    method: z.enum(['code', 'link']),
  })
  .meta({ id: 'OptinCreated' });

/** `POST /v1/brands/{brandCode}/optin`. */
export const startOptin: AnyRoute = route({
  id: 'startOptin',
  method: 'post',
  path: '/v1/brands/{brandCode}/optin',
  tag: 'double opt-in',
  summary: 'Start a double opt-in: an activation code, or a landing-page link, sent to the person',
  description:
    'One verification per channel, sharing one code or link. The message goes through the message provider (the dev outbox on the embedded defaults) and carries the RET instructions and the brand’s MERSİS number. Codes expire after 10 minutes and lock after 5 wrong attempts; links after 48 hours.',
  auth: { kind: 'brand', permission: 'consents:write' },
  params: BrandParams,
  body: OptinBody,
  perMinute: 600,
  responses: {
    201: { description: 'started', schema: OptinCreatedSchema },
    422: { description: 'refused by the consent rules' },
  },
  handler: async ({ hub, brand, body, actor }) => {
    const r = await requestOptin(
      hub,
      brand!,
      {
        recipient: body.recipient,
        recipientType: body.recipientType,
        channels: body.channels,
        method: body.method,
        source: body.source,
        locale: body.locale,
      },
      actor,
    );
    return { status: 201, body: r };
  },
});

const VerifyParams = z.strictObject({
  brandCode: z.string().regex(/^[0-9]{1,12}$/),
  optinId: z.string().regex(/^opt_[0-9a-f-]{36}$/),
});

/** `POST /v1/brands/{brandCode}/optin/{optinId}/verify`. */
export const verifyOptinRoute: AnyRoute = route({
  id: 'verifyOptin',
  method: 'post',
  path: '/v1/brands/{brandCode}/optin/{optinId}/verify',
  tag: 'double opt-in',
  summary: 'Check the activation code the person typed; a right code records ONAY with its evidence',
  description:
    'Wrong codes answer 422 with `attemptsLeft`; the fifth wrong code locks the verification (423). Calls are also rate-limited per key (60 per minute).',
  auth: { kind: 'brand', permission: 'consents:write' },
  params: VerifyParams,
  body: z.strictObject({ code: z.string().regex(/^[0-9]{6}$/), evidence: EvidenceBodySchema.optional() }),
  perMinute: 60,
  responses: {
    200: {
      description: 'verified',
      schema: z.object({ optinId: z.string(), result: z.literal('verified'), person: PersonViewSchema }),
    },
    404: { description: 'no such verification' },
    410: { description: 'expired' },
    422: { description: 'wrong code (with attemptsLeft)' },
    423: { description: 'locked after too many wrong codes' },
  },
  handler: async ({ hub, brand, params, body, actor }) => ({
    body: await verifyOptin(hub, brand!, params.optinId, { code: body.code, evidence: body.evidence }, actor),
  }),
});
