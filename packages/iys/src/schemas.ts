/**
 * zod schemas for every İYS request and response the client sends or reads.
 *
 * Response schemas parse the wire form (dates as `YYYY-MM-DD HH:mm:ss` Türkiye time) into the
 * client's types (dates as `Date`), and accept the known variants: `subrequestId` or
 * `subRequestId`, `retailerAccess` or `retailerAccessCount`, `token_type` or `tokenType`, numbers
 * or strings for TCKN/MERSİS, booleans or `"true"`/`"false"` for `canBeDeleted`.
 */
import { z } from 'zod';
import { IysDateTimeSchema } from './datetime.js';
import {
  type ConsentSource,
  ConsentSourceSchema,
  type ConsentStatus,
  ConsentStatusSchema,
  type ConsentType,
  ConsentTypeSchema,
  type ProviderSource,
  ProviderSourceSchema,
  type RecipientType,
  RecipientTypeSchema,
} from './vocabulary.js';

const int = (): z.ZodNumber => z.number().int();
const intLike = (): z.ZodType<number> =>
  z.union([
    z.number().int(),
    z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number),
  ]) as z.ZodType<number>;
const stringLike = (): z.ZodType<string> =>
  z.union([z.string(), z.number().transform(String)]) as z.ZodType<string>;

// ─── tokens ────────────────────────────────────────────────────────────────────────────────────

/**
 * The body of `POST /oauth2/token` for a login.
 *
 * @example
 * ```ts
 * const body: TokenRequest = { username: 'izinkit', password: 'izinkit', grant_type: 'password' };
 * ```
 */
export interface TokenRequest {
  /** API user name. */
  readonly username: string;
  /** API password. */
  readonly password: string;
  /** Always `password`. */
  readonly grant_type: 'password';
}

/**
 * zod schema for {@link TokenRequest}.
 *
 * @example
 * ```ts
 * TokenRequestSchema.parse({ username: 'u', password: 'p', grant_type: 'password' });
 * ```
 */
export const TokenRequestSchema: z.ZodType<TokenRequest> = z.object({
  username: z.string().min(1),
  password: z.string().min(1),
  grant_type: z.literal('password'),
});

/**
 * The body of `POST /oauth2/token` for a refresh.
 *
 * @example
 * ```ts
 * const body: RefreshTokenRequest = { refresh_token: 'r', grant_type: 'refresh_token' };
 * ```
 */
export interface RefreshTokenRequest {
  /** The refresh token from the last token response. */
  readonly refresh_token: string;
  /** Always `refresh_token`. */
  readonly grant_type: 'refresh_token';
}

/**
 * zod schema for {@link RefreshTokenRequest}.
 *
 * @example
 * ```ts
 * RefreshTokenRequestSchema.parse({ refresh_token: 'r', grant_type: 'refresh_token' });
 * ```
 */
export const RefreshTokenRequestSchema: z.ZodType<RefreshTokenRequest> = z.object({
  refresh_token: z.string().min(1),
  grant_type: z.literal('refresh_token'),
});

/**
 * A token response, normalised.
 *
 * @example
 * ```ts
 * const t: TokenResponse = { accessToken: 'a', refreshToken: 'r', expiresIn: 7200, refreshExpiresIn: 14400, tokenType: 'bearer' };
 * ```
 */
export interface TokenResponse {
  /** `access_token`. */
  readonly accessToken: string;
  /** `refresh_token`, when sent. */
  readonly refreshToken: string | undefined;
  /** `expires_in`, seconds (7200 in İYS's example). */
  readonly expiresIn: number;
  /** `refresh_expires_in`, seconds (14400), when sent. */
  readonly refreshExpiresIn: number | undefined;
  /** `token_type` or `tokenType` (`bearer`). */
  readonly tokenType: string;
}

/**
 * zod schema for the token response: reads `access_token` (never `accessToken`, a bug of one
 * public client), and `token_type` or `tokenType`.
 *
 * @example
 * ```ts
 * TokenResponseSchema.parse({ access_token: 'a', expires_in: 7200, tokenType: 'bearer' }).tokenType; // 'bearer'
 * ```
 */
export const TokenResponseSchema: z.ZodType<TokenResponse> = z
  .object({
    access_token: z.string().min(1),
    refresh_token: z.string().optional(),
    expires_in: z.number().positive(),
    refresh_expires_in: z.number().positive().optional(),
    token_type: z.string().optional(),
    tokenType: z.string().optional(),
  })
  .transform((t) => ({
    accessToken: t.access_token,
    refreshToken: t.refresh_token,
    expiresIn: t.expires_in,
    refreshExpiresIn: t.refresh_expires_in,
    tokenType: t.token_type ?? t.tokenType ?? 'bearer',
  }));

// ─── errors ────────────────────────────────────────────────────────────────────────────────────

/**
 * One item of an error body, as parsed.
 *
 * @example
 * ```ts
 * const e: IysErrorItemWire = { code: 'H180', message: '…', location: ['retailerAccess', 0], value: 90043618 };
 * ```
 */
export interface IysErrorItemWire {
  /** H-code. */
  readonly code: string;
  /** Turkish message. */
  readonly message: string;
  /** Field path. */
  readonly location?: (string | number)[] | undefined;
  /** Rejected value. */
  readonly value?: unknown;
  /** Batch index. */
  readonly index?: number | undefined;
}

/**
 * zod schema for İYS's error bodies, normalised to a list of items: `{ errors: [...] }`,
 * identity-server `{ code, message }`, or generic `{ message, status }` (no code: empty list).
 *
 * @example
 * ```ts
 * IysErrorBodySchema.parse({ code: 'H084', message: 'limit' }); // [{ code: 'H084', message: 'limit' }]
 * ```
 */
export const IysErrorBodySchema: z.ZodType<IysErrorItemWire[]> = z.union([
  z
    .object({
      errors: z.array(
        z.object({
          code: z.string(),
          message: z.string().optional().default(''),
          location: z.array(z.union([z.string(), z.number()])).optional(),
          value: z.unknown().optional(),
          index: z.number().int().optional(),
        }),
      ),
    })
    .transform((b) =>
      b.errors.map((e) => {
        const item: IysErrorItemWire = { code: e.code, message: e.message };
        return {
          ...item,
          ...(e.location !== undefined ? { location: e.location } : {}),
          ...('value' in e ? { value: e.value } : {}),
          ...(e.index !== undefined ? { index: e.index } : {}),
        };
      }),
    ),
  z.object({ code: z.string(), message: z.string().optional().default('') }).transform((b) => [b]),
  z.object({ message: z.string() }).transform((): IysErrorItemWire[] => []),
]);

// ─── consents ──────────────────────────────────────────────────────────────────────────────────

/**
 * A consent to register. `consentDate` and `source` are required for `BIREYSEL`; for `TACIR` they
 * may be left out on the first record but are required on updates (H462/H463).
 *
 * @example
 * ```ts
 * const consent: Consent = {
 *   recipient: '+905321234567', recipientType: 'BIREYSEL', type: 'MESAJ', status: 'ONAY',
 *   source: 'HS_WEB', consentDate: new Date('2024-03-01T07:30:00Z'),
 * };
 * ```
 */
export interface Consent {
  /** E.164 phone (`+905…`) or e-mail address. */
  readonly recipient: string;
  /** `BIREYSEL` or `TACIR`. */
  readonly recipientType: RecipientType;
  /** `MESAJ`, `ARAMA` or `EPOSTA`. */
  readonly type: ConsentType;
  /** `ONAY` or `RET`. */
  readonly status: ConsentStatus;
  /** Where the consent was taken (`HS_*`). */
  readonly source?: ProviderSource | undefined;
  /** When the consent was given. */
  readonly consentDate?: Date | undefined;
  /** The retailer (bayi) that brokered the consent. */
  readonly retailerCode?: number | undefined;
  /** Retailers given access to the consent. */
  readonly retailerAccess?: readonly number[] | undefined;
}

/**
 * zod schema for {@link Consent} (the client's input; dates as `Date`). Unknown fields are
 * rejected, as İYS does (H118).
 *
 * @example
 * ```ts
 * ConsentSchema.safeParse({ recipient: 'a@b.co', recipientType: 'BIREYSEL', type: 'EPOSTA', status: 'ONAY' }).success; // true
 * ```
 */
export const ConsentSchema: z.ZodType<Consent> = z.strictObject({
  recipient: z.string().min(1),
  recipientType: RecipientTypeSchema,
  type: ConsentTypeSchema,
  status: ConsentStatusSchema,
  source: ProviderSourceSchema.optional(),
  consentDate: z.date().optional(),
  retailerCode: int().positive().optional(),
  retailerAccess: z.array(int().positive()).optional(),
});

/**
 * A consent as sent on the wire (`consentDate` as `YYYY-MM-DD HH:mm:ss`).
 *
 * @example
 * ```ts
 * const wire: ConsentWire = { recipient: 'a@b.co', recipientType: 'BIREYSEL', type: 'EPOSTA', status: 'ONAY', source: 'HS_WEB', consentDate: '2024-03-01 10:30:00' };
 * ```
 */
export interface ConsentWire {
  /** Recipient. */
  readonly recipient: string;
  /** Recipient type. */
  readonly recipientType: RecipientType;
  /** Channel. */
  readonly type: ConsentType;
  /** Status. */
  readonly status: ConsentStatus;
  /** Source. */
  readonly source?: ProviderSource | undefined;
  /** `YYYY-MM-DD HH:mm:ss`, Türkiye time. */
  readonly consentDate?: string | undefined;
  /** Brokering retailer. */
  readonly retailerCode?: number | undefined;
  /** Retailers with access. */
  readonly retailerAccess?: readonly number[] | undefined;
}

/**
 * zod schema for {@link ConsentWire}: the single-add body, and one item of a batch body.
 *
 * @example
 * ```ts
 * ConsentWireSchema.parse({ recipient: '+905321234567', recipientType: 'BIREYSEL', type: 'ARAMA', status: 'ONAY', source: 'HS_CAGRI_MERKEZI', consentDate: '2018-02-10 09:30:00' });
 * ```
 */
export const ConsentWireSchema: z.ZodType<ConsentWire> = z.strictObject({
  recipient: z.string().min(1),
  recipientType: RecipientTypeSchema,
  type: ConsentTypeSchema,
  status: ConsentStatusSchema,
  source: ProviderSourceSchema.optional(),
  consentDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
    .optional(),
  retailerCode: int().optional(),
  retailerAccess: z.array(int()).optional(),
});

/**
 * The answer to a single add: `transactionId` (a 64-hex string in live responses, a UUID in the
 * docs) and `creationDate`.
 *
 * @example
 * ```ts
 * const r: AddConsentResponse = { transactionId: 'e981…', creationDate: new Date() };
 * ```
 */
export interface AddConsentResponse {
  /** İYS's id of the change. */
  readonly transactionId: string;
  /** When İYS recorded it. */
  readonly creationDate: Date;
}

/**
 * zod schema for {@link AddConsentResponse}.
 *
 * @example
 * ```ts
 * AddConsentResponseSchema.parse({ transactionId: 'x', creationDate: '2020-07-24 14:27:06' });
 * ```
 */
export const AddConsentResponseSchema: z.ZodType<AddConsentResponse> = z.object({
  transactionId: z.string().min(1),
  creationDate: IysDateTimeSchema,
});

/**
 * One sub-request of a batch submission, normalised to `subrequestId`.
 *
 * @example
 * ```ts
 * const s: BatchSubRequest = { subrequestId: '7ed0…', recipient: 'a@b.co', recipientType: 'BIREYSEL', type: 'EPOSTA', status: 'ONAY' };
 * ```
 */
export interface BatchSubRequest {
  /** `subrequestId` (docs) or `subRequestId` (live clients). */
  readonly subrequestId: string;
  /** Recipient as İYS echoed it. */
  readonly recipient: string;
  /** Recipient type. */
  readonly recipientType: string;
  /** Channel. */
  readonly type: string;
  /** Status. */
  readonly status: string;
  /** Source, when echoed. */
  readonly source?: string | undefined;
  /** Consent date as echoed (wire text). */
  readonly consentDate?: string | undefined;
}

/**
 * The answer to a batch submission: a `requestId` to poll and one sub-request per item, in order.
 *
 * @example
 * ```ts
 * const r: BatchSubmitResponse = { requestId: '73b7…', subRequests: [] };
 * ```
 */
export interface BatchSubmitResponse {
  /** The id to poll. */
  readonly requestId: string;
  /** One per submitted item, in order. */
  readonly subRequests: readonly BatchSubRequest[];
}

const SubRequestWire = z
  .object({
    subrequestId: z.string().optional(),
    subRequestId: z.string().optional(),
    recipient: z.string(),
    recipientType: z.string(),
    type: z.string(),
    status: z.string(),
    source: z.string().optional(),
    consentDate: z.string().optional(),
  })
  .refine((s) => (s.subrequestId ?? s.subRequestId) !== undefined, 'subrequestId missing')
  .transform((s) => ({
    subrequestId: (s.subrequestId ?? s.subRequestId) as string,
    recipient: s.recipient,
    recipientType: s.recipientType,
    type: s.type,
    status: s.status,
    source: s.source,
    consentDate: s.consentDate,
  }));

/**
 * zod schema for {@link BatchSubmitResponse}; accepts `subrequestId` and `subRequestId`.
 *
 * @example
 * ```ts
 * BatchSubmitResponseSchema.parse({ requestId: 'r', subRequests: [{ subRequestId: 's', recipient: 'a@b.co', recipientType: 'BIREYSEL', type: 'EPOSTA', status: 'ONAY' }] }).subRequests[0].subrequestId; // 's'
 * ```
 */
export const BatchSubmitResponseSchema: z.ZodType<BatchSubmitResponse> = z.object({
  requestId: z.string().min(1),
  subRequests: z.array(SubRequestWire),
});

/** Status of one item of a batch request. */
export const BATCH_ITEM_STATUSES = ['success', 'failure', 'enqueue'] as const;
/**
 * `success`, `failure` or `enqueue` (still waiting).
 *
 * @example
 * ```ts
 * const s: BatchItemStatus = 'enqueue';
 * ```
 */
export type BatchItemStatus = (typeof BATCH_ITEM_STATUSES)[number];

/**
 * One item of the batch status answer.
 *
 * @example
 * ```ts
 * const item: BatchStatusItem = { index: 1, status: 'failure', subrequestId: 'cf7b…', error: { code: 'H155', message: '…' } };
 * ```
 */
export interface BatchStatusItem {
  /** Position (İYS's example starts at 1). */
  readonly index: number | undefined;
  /** `success`, `failure` or `enqueue`. */
  readonly status: BatchItemStatus;
  /** The sub-request id from the submission. */
  readonly subrequestId: string | undefined;
  /** Set once processed successfully (and sometimes while enqueued). */
  readonly transactionId: string | undefined;
  /** When İYS recorded it. */
  readonly creationDate: Date | undefined;
  /** Set on failure. */
  readonly error:
    | {
        /** The H-code. */
        readonly code: string;
        /** İYS's message. */
        readonly message: string;
      }
    | undefined;
}

/**
 * zod schema for the batch status answer (an array of {@link BatchStatusItem}).
 *
 * @example
 * ```ts
 * BatchStatusResponseSchema.parse([{ index: 2, status: 'success', subrequestId: 's', transactionId: 't', creationDate: '2020-07-24 15:25:00' }]);
 * ```
 */
export const BatchStatusResponseSchema: z.ZodType<BatchStatusItem[]> = z.array(
  z
    .object({
      index: z.number().int().optional(),
      status: z.enum(BATCH_ITEM_STATUSES),
      subrequestId: z.string().optional(),
      subRequestId: z.string().optional(),
      transactionId: z.string().nullish(),
      creationDate: IysDateTimeSchema.nullish(),
      error: z.object({ code: z.string(), message: z.string().optional().default('') }).nullish(),
    })
    .transform((i) => ({
      index: i.index,
      status: i.status,
      subrequestId: i.subrequestId ?? i.subRequestId,
      transactionId: i.transactionId ?? undefined,
      creationDate: i.creationDate ?? undefined,
      error: i.error ?? undefined,
    })),
);

/**
 * The body of a single status query (`POST …/consents/status`).
 *
 * @example
 * ```ts
 * const q: ConsentQuery = { recipient: '+905813334455', recipientType: 'BIREYSEL', type: 'MESAJ' };
 * ```
 */
export interface ConsentQuery {
  /** Recipient. */
  readonly recipient: string;
  /** Recipient type. */
  readonly recipientType: RecipientType;
  /** Channel. */
  readonly type: ConsentType;
}

/**
 * zod schema for {@link ConsentQuery}.
 *
 * @example
 * ```ts
 * ConsentQuerySchema.parse({ recipient: 'a@b.co', recipientType: 'BIREYSEL', type: 'EPOSTA' });
 * ```
 */
export const ConsentQuerySchema: z.ZodType<ConsentQuery> = z.strictObject({
  recipient: z.string().min(1),
  recipientType: RecipientTypeSchema,
  type: ConsentTypeSchema,
});

/**
 * A consent as İYS reports it (single status query). Both the documented fields
 * (`retailerCode`, `retailerAccess`) and the live ones (`retailerAccessCount`, `transactionId`,
 * `retailerTitle`) are optional.
 *
 * @example
 * ```ts
 * const c: ConsentRecord = { recipient: '+905813334455', recipientType: 'BIREYSEL', type: 'MESAJ', status: 'ONAY', source: 'HS_WEB' };
 * ```
 */
export interface ConsentRecord {
  /** Recipient. */
  readonly recipient: string;
  /** Recipient type. */
  readonly recipientType: RecipientType;
  /** Channel. */
  readonly type: ConsentType;
  /** Current status. */
  readonly status: ConsentStatus;
  /** Source of the current status (`HS_*` or `IYS_*`). */
  readonly source?: ConsentSource | undefined;
  /** When the consent was given. */
  readonly consentDate?: Date | undefined;
  /** When İYS recorded it. */
  readonly creationDate?: Date | undefined;
  /** İYS's id of the last change. */
  readonly transactionId?: string | undefined;
  /** Brokering retailer. */
  readonly retailerCode?: number | undefined;
  /** Retailers with access (documented form). */
  readonly retailerAccess?: readonly number[] | undefined;
  /** Number of retailers with access (live form). */
  readonly retailerAccessCount?: number | undefined;
  /** Title of the brokering retailer (live form). */
  readonly retailerTitle?: string | undefined;
}

/**
 * zod schema for {@link ConsentRecord}: the single status answer.
 *
 * @example
 * ```ts
 * ConsentRecordSchema.parse({ recipient: 'a@b.co', recipientType: 'BIREYSEL', type: 'EPOSTA', status: 'RET', retailerAccessCount: 0 });
 * ```
 */
export const ConsentRecordSchema: z.ZodType<ConsentRecord> = z.object({
  recipient: z.string(),
  recipientType: RecipientTypeSchema,
  type: ConsentTypeSchema,
  status: ConsentStatusSchema,
  source: ConsentSourceSchema.nullish().transform((v) => v ?? undefined),
  consentDate: IysDateTimeSchema.nullish().transform((v) => v ?? undefined),
  creationDate: IysDateTimeSchema.nullish().transform((v) => v ?? undefined),
  transactionId: z
    .string()
    .nullish()
    .transform((v) => v ?? undefined),
  retailerCode: intLike()
    .nullish()
    .transform((v) => v ?? undefined),
  retailerAccess: z
    .array(intLike())
    .nullish()
    .transform((v) => v ?? undefined),
  retailerAccessCount: z
    .number()
    .int()
    .nullish()
    .transform((v) => v ?? undefined),
  retailerTitle: z
    .string()
    .nullish()
    .transform((v) => v ?? undefined),
});

/**
 * The body of a multiple status query (`POST …/consents/{recipientType}/status/{type}`).
 *
 * @example
 * ```ts
 * const body: MultipleStatusRequest = { recipients: ['+905321234567', '+905321234568'] };
 * ```
 */
export interface MultipleStatusRequest {
  /** At most 1000 recipients. */
  readonly recipients: readonly string[];
}

/**
 * zod schema for {@link MultipleStatusRequest}.
 *
 * @example
 * ```ts
 * MultipleStatusRequestSchema.parse({ recipients: ['a@b.co'] });
 * ```
 */
export const MultipleStatusRequestSchema: z.ZodType<MultipleStatusRequest> = z.object({
  recipients: z.array(z.string().min(1)).min(1).max(1000),
});

/**
 * The answer to a multiple status query: `list` holds only the recipients whose status is ONAY.
 *
 * @example
 * ```ts
 * const r: MultipleStatusResponse = { requestId: undefined, list: ['+905321234567'] };
 * ```
 */
export interface MultipleStatusResponse {
  /** Present in some answers (unconfirmed). */
  readonly requestId: string | undefined;
  /** Recipients in ONAY. */
  readonly list: readonly string[];
}

/**
 * zod schema for {@link MultipleStatusResponse}.
 *
 * @example
 * ```ts
 * MultipleStatusResponseSchema.parse({ list: [] });
 * ```
 */
export const MultipleStatusResponseSchema: z.ZodType<MultipleStatusResponse> = z
  .object({ requestId: z.string().nullish(), list: z.array(z.string()).nullish() })
  .transform((r) => ({ requestId: r.requestId ?? undefined, list: r.list ?? [] }));

/**
 * `HS` (the provider's own changes) or `IYS` (changes citizens made on İYS).
 *
 * @example
 * ```ts
 * const side: ChangeSource = 'IYS';
 * ```
 */
export type ChangeSource = 'HS' | 'IYS';
/**
 * zod schema for {@link ChangeSource}.
 *
 * @example
 * ```ts
 * ChangeSourceSchema.parse('HS');
 * ```
 */
export const ChangeSourceSchema: z.ZodEnum<{ [K in ChangeSource]: K }> = z.enum(['HS', 'IYS']);

/**
 * One change from the pull endpoint (`GET …/consents/changes`).
 *
 * @example
 * ```ts
 * const c: ConsentChange = { transactionId: 't', recipient: '+905321234567', recipientType: 'BIREYSEL', type: 'MESAJ', status: 'RET', source: 'IYS_MOBIL', consentDate: new Date(), creationDate: new Date() };
 * ```
 */
export interface ConsentChange {
  /** İYS's id of the change. */
  readonly transactionId: string;
  /** Recipient. */
  readonly recipient: string;
  /** Recipient type. */
  readonly recipientType: RecipientType;
  /** Channel. */
  readonly type: ConsentType;
  /** New status. */
  readonly status: ConsentStatus;
  /** Source (`HS_*` for the provider's, `IYS_*` for citizens'). */
  readonly source: ConsentSource | undefined;
  /** When the consent was given. */
  readonly consentDate: Date | undefined;
  /** When İYS recorded the change. */
  readonly creationDate: Date;
  /** Only with `source=IYS`, for a citizen who first gave the brand access within the last 7 days. */
  readonly citizenName?: string | undefined;
}

const ConsentChangeSchema: z.ZodType<ConsentChange> = z
  .object({
    transactionId: z.string(),
    recipient: z.string(),
    recipientType: RecipientTypeSchema,
    type: ConsentTypeSchema,
    status: ConsentStatusSchema,
    source: ConsentSourceSchema.nullish(),
    consentDate: IysDateTimeSchema.nullish(),
    creationDate: IysDateTimeSchema,
    citizenName: z.string().nullish(),
  })
  .transform((c) => ({
    transactionId: c.transactionId,
    recipient: c.recipient,
    recipientType: c.recipientType,
    type: c.type,
    status: c.status,
    source: c.source ?? undefined,
    consentDate: c.consentDate ?? undefined,
    creationDate: c.creationDate,
    ...(c.citizenName ? { citizenName: c.citizenName } : {}),
  }));

/**
 * One page of changes: the items and the cursor to pass back as `after`.
 *
 * @example
 * ```ts
 * const page: ConsentChangesPage = { after: '1604423100000_053a…', list: [] };
 * ```
 */
export interface ConsentChangesPage {
  /** Cursor for the next page (absent on an empty page: keep the old one). */
  readonly after: string | undefined;
  /** Changes, oldest first. */
  readonly list: readonly ConsentChange[];
}

/**
 * zod schema for {@link ConsentChangesPage}.
 *
 * @example
 * ```ts
 * ConsentChangesPageSchema.parse({ after: 'x', list: [] });
 * ```
 */
export const ConsentChangesPageSchema: z.ZodType<ConsentChangesPage> = z
  .object({ after: z.string().nullish(), list: z.array(ConsentChangeSchema).nullish() })
  .transform((p) => ({ after: p.after ?? undefined, list: p.list ?? [] }));

// ─── brands ────────────────────────────────────────────────────────────────────────────────────

/**
 * A brand of the service provider, with its consent and retailer counts.
 *
 * @example
 * ```ts
 * const b: Brand = { brandCode: 600000, name: 'Ana marka', master: true, stats: { consents: { approval: 1, rejection: 0, total: 1 }, retailers: { total: 0 } } };
 * ```
 */
export interface Brand {
  /** The brand's İYS number. */
  readonly brandCode: number;
  /** Brand name. */
  readonly name: string;
  /** True for the main brand. */
  readonly master: boolean;
  /** Counts. */
  readonly stats: {
    /** Consent counts. */
    readonly consents: {
      /** Consents in ONAY. */
      readonly approval: number;
      /** Consents in RET. */
      readonly rejection: number;
      /** All consents. */
      readonly total: number;
    };
    /** Retailer count. */
    readonly retailers: {
      /** All retailers. */
      readonly total: number;
    };
  };
}

/**
 * zod schema for the brand list answer (an array of {@link Brand}).
 *
 * @example
 * ```ts
 * BrandListSchema.parse([{ brandCode: 1, name: 'x', master: true }]);
 * ```
 */
export const BrandListSchema: z.ZodType<Brand[]> = z.array(
  z.object({
    brandCode: intLike(),
    name: z.string(),
    master: z.boolean().optional().default(false),
    stats: z
      .object({
        consents: z
          .object({
            approval: z.number().default(0),
            rejection: z.number().default(0),
            total: z.number().default(0),
          })
          .default({ approval: 0, rejection: 0, total: 0 }),
        retailers: z.object({ total: z.number().default(0) }).default({ total: 0 }),
      })
      .default({ consents: { approval: 0, rejection: 0, total: 0 }, retailers: { total: 0 } }),
  }),
);

// ─── retailers ─────────────────────────────────────────────────────────────────────────────────

/**
 * A city or town reference: `{ code: '34', name: 'İstanbul' }`.
 *
 * @example
 * ```ts
 * const city: PlaceRef = { code: '34', name: 'İstanbul' };
 * ```
 */
export interface PlaceRef {
  /** Code (`"34"` for a city, `"05"` for a town). */
  readonly code: string;
  /** Name. */
  readonly name: string;
}

const PlaceRefSchema = z.object({ code: stringLike(), name: z.string() });

/** Retailer statuses. */
export const RETAILER_STATUSES = ['active', 'passive', 'pending'] as const;
/**
 * `active` (default), `passive` or `pending`.
 *
 * @example
 * ```ts
 * const s: RetailerStatus = 'active';
 * ```
 */
export type RetailerStatus = (typeof RETAILER_STATUSES)[number];

/**
 * The body of `POST …/retailers`. TCKN and MERSİS are strings (MERSİS has leading zeros).
 *
 * @example
 * ```ts
 * const r: NewRetailer = { title: 'Bayi A.Ş.', name: 'Ayşe Yılmaz', tckn: '10000000146', mobile: '+905321234567', city: { code: '34', name: 'İstanbul' }, town: { code: '05', name: 'Şişli' } };
 * ```
 */
export interface NewRetailer {
  /** Company title (≤ 255). */
  readonly title: string;
  /** Contact name (letters only, ≤ 255). */
  readonly name: string;
  /** Contact's TCKN (11 digits, unique per brand). */
  readonly tckn?: string | undefined;
  /** MERSİS number (16 digits). */
  readonly mersis?: string | undefined;
  /** Alias (≤ 255). */
  readonly alias?: string | undefined;
  /** Mobile phone (E.164). */
  readonly mobile?: string | undefined;
  /** City. */
  readonly city?: PlaceRef | undefined;
  /** Town. */
  readonly town?: PlaceRef | undefined;
  /** Status (default `active`). */
  readonly status?: RetailerStatus | undefined;
}

/**
 * zod schema for {@link NewRetailer}.
 *
 * @example
 * ```ts
 * NewRetailerSchema.parse({ title: 'Bayi', name: 'Ayşe Yılmaz' });
 * ```
 */
export const NewRetailerSchema: z.ZodType<NewRetailer> = z.strictObject({
  title: z.string().min(1).max(255),
  name: z.string().min(1).max(255),
  tckn: z
    .string()
    .regex(/^\d{11}$/)
    .optional(),
  mersis: z
    .string()
    .regex(/^\d{16}$/)
    .optional(),
  alias: z.string().max(255).optional(),
  mobile: z.string().optional(),
  city: PlaceRefSchema.optional(),
  town: PlaceRefSchema.optional(),
  status: z.enum(RETAILER_STATUSES).optional(),
});

/**
 * A retailer as İYS lists it.
 *
 * @example
 * ```ts
 * const r: Retailer = { retailerCode: 44445555, title: 'Bayi', name: 'Ayşe', status: 'active', canBeDeleted: true, retailerAccessCount: 0 };
 * ```
 */
export interface Retailer {
  /** The retailer's İYS number. */
  readonly retailerCode: number;
  /** Title. */
  readonly title: string;
  /** Contact name. */
  readonly name: string | undefined;
  /** Status (`active`, `passive`, `pending`, or another value İYS sends). */
  readonly status: string;
  /** Whether it may still be deleted (never linked to a consent). Read from `"true"`/`"false"` too. */
  readonly canBeDeleted: boolean | undefined;
  /** Number of consents it has access to. */
  readonly retailerAccessCount: number | undefined;
  /** TCKN. */
  readonly tckn?: string | undefined;
  /** MERSİS. */
  readonly mersis?: string | undefined;
  /** Alias. */
  readonly alias?: string | undefined;
  /** Mobile. */
  readonly mobile?: string | undefined;
  /** City. */
  readonly city?: PlaceRef | undefined;
  /** Town. */
  readonly town?: PlaceRef | undefined;
}

/**
 * zod schema for {@link Retailer}.
 *
 * @example
 * ```ts
 * RetailerSchema.parse({ retailerCode: 1, title: 'x', canBeDeleted: 'true' }).canBeDeleted; // true
 * ```
 */
export const RetailerSchema: z.ZodType<Retailer> = z
  .object({
    retailerCode: intLike(),
    title: z.string().default(''),
    name: z.string().nullish(),
    status: z.string().default('active'),
    canBeDeleted: z.union([z.boolean(), z.enum(['true', 'false'])]).nullish(),
    retailerAccessCount: z.number().int().nullish(),
    tckn: stringLike().nullish(),
    mersis: stringLike().nullish(),
    alias: z.string().nullish(),
    mobile: z.string().nullish(),
    city: PlaceRefSchema.nullish(),
    town: PlaceRefSchema.nullish(),
  })
  .transform((r) => ({
    retailerCode: r.retailerCode,
    title: r.title,
    name: r.name ?? undefined,
    status: r.status,
    canBeDeleted:
      r.canBeDeleted === undefined || r.canBeDeleted === null
        ? undefined
        : r.canBeDeleted === true || r.canBeDeleted === 'true',
    retailerAccessCount: r.retailerAccessCount ?? undefined,
    ...(r.tckn != null ? { tckn: r.tckn } : {}),
    ...(r.mersis != null ? { mersis: r.mersis } : {}),
    ...(r.alias != null ? { alias: r.alias } : {}),
    ...(r.mobile != null ? { mobile: r.mobile } : {}),
    ...(r.city != null ? { city: r.city } : {}),
    ...(r.town != null ? { town: r.town } : {}),
  }));

/**
 * Pagination of list answers.
 *
 * @example
 * ```ts
 * const p: Pagination = { offset: 0, pageSize: 100, totalCount: 2 };
 * ```
 */
export interface Pagination {
  /** Offset of the first item. */
  readonly offset: number;
  /** Page size (≤ 100). */
  readonly pageSize: number;
  /** Total items. */
  readonly totalCount: number;
}

/**
 * A page of retailers.
 *
 * @example
 * ```ts
 * const page: RetailerPage = { pagination: { offset: 0, pageSize: 100, totalCount: 0 }, list: [] };
 * ```
 */
export interface RetailerPage {
  /** Pagination. */
  readonly pagination: Pagination;
  /** Retailers. */
  readonly list: readonly Retailer[];
}

/**
 * zod schema for {@link RetailerPage} (retailer list and retailer-access list answers).
 *
 * @example
 * ```ts
 * RetailerPageSchema.parse({ pagination: { offset: 0, pageSize: 100, totalCount: 0 }, list: [] });
 * ```
 */
export const RetailerPageSchema: z.ZodType<RetailerPage> = z.object({
  pagination: z.object({
    offset: z.number().int().default(0),
    pageSize: z.number().int().default(100),
    totalCount: z.number().int().default(0),
  }),
  list: z.array(RetailerSchema).default([]),
});

/**
 * The answer to `POST …/retailers`.
 *
 * @example
 * ```ts
 * const r: RetailerCreated = { retailerCode: 44445555 };
 * ```
 */
export interface RetailerCreated {
  /** The new retailer's İYS number. */
  readonly retailerCode: number;
}

/**
 * zod schema for the answer to `POST …/retailers`: `{ retailerCode }`.
 *
 * @example
 * ```ts
 * AddRetailerResponseSchema.parse({ retailerCode: 44445555 });
 * ```
 */
export const AddRetailerResponseSchema: z.ZodType<RetailerCreated> = z.object({
  retailerCode: intLike(),
});

/**
 * Which consent(s) a retailer-access call is about, and which retailers.
 *
 * @example
 * ```ts
 * const body: RetailerAccessRequest = { recipients: ['+905321234567'], recipientType: 'BIREYSEL', type: 'MESAJ', retailerAccess: [44445555] };
 * ```
 */
export interface RetailerAccessRequest {
  /** Recipients (≤ 100). */
  readonly recipients: readonly string[];
  /** Recipient type. */
  readonly recipientType: RecipientType;
  /** Channel. */
  readonly type: ConsentType;
  /** Retailer codes (≤ 100). */
  readonly retailerAccess: readonly number[];
}

/**
 * zod schema for {@link RetailerAccessRequest}.
 *
 * @example
 * ```ts
 * RetailerAccessRequestSchema.parse({ recipients: ['a@b.co'], recipientType: 'BIREYSEL', type: 'EPOSTA', retailerAccess: [1] });
 * ```
 */
export const RetailerAccessRequestSchema: z.ZodType<RetailerAccessRequest> = z.strictObject({
  recipients: z.array(z.string().min(1)).min(1).max(100),
  recipientType: RecipientTypeSchema,
  type: ConsentTypeSchema,
  retailerAccess: z.array(int().positive()).min(1).max(100),
});

// ─── reconciliation ────────────────────────────────────────────────────────────────────────────

/**
 * Counts of one party's changes on one channel in a day's summary.
 *
 * @example
 * ```ts
 * const c: SummaryCounts = { source: 'HS', total: 63, approval: 34, rejection: 29 };
 * ```
 */
export interface SummaryCounts {
  /** `HS` (the provider) or `IYS` (citizens). */
  readonly source: string;
  /** All changes. */
  readonly total: number;
  /** ONAY changes. */
  readonly approval: number;
  /** RET changes. */
  readonly rejection: number;
}

/**
 * A day's reconciliation summary: per channel, counts per party.
 *
 * @example
 * ```ts
 * const s: ReconciliationSummary = { changeStats: [{ type: 'MESAJ', consents: [{ source: 'HS', total: 1, approval: 1, rejection: 0 }] }] };
 * ```
 */
export interface ReconciliationSummary {
  /** One entry per channel. */
  readonly changeStats: readonly {
    /** Channel. */
    readonly type: ConsentType;
    /** Counts per party. */
    readonly consents: readonly SummaryCounts[];
  }[];
}

/**
 * zod schema for {@link ReconciliationSummary}.
 *
 * @example
 * ```ts
 * ReconciliationSummarySchema.parse({ changeStats: [] });
 * ```
 */
export const ReconciliationSummarySchema: z.ZodType<ReconciliationSummary> = z.object({
  changeStats: z.array(
    z.object({
      type: ConsentTypeSchema,
      consents: z
        .array(
          z.object({
            source: z.string(),
            total: z.number().int().default(0),
            approval: z.number().int().default(0),
            rejection: z.number().int().default(0),
          }),
        )
        .default([]),
    }),
  ),
});

/**
 * A day's reconciliation info: the SHA-256 of the daily file and whether the day was saved.
 *
 * @example
 * ```ts
 * const i: ReconciliationInfo = { processStatus: 'completed', hashValue: 'f082…', hashMethod: 'SHA-256', agreementStatus: false };
 * ```
 */
export interface ReconciliationInfo {
  /** `completed` (other values unconfirmed). */
  readonly processStatus: string;
  /** Hex SHA-256 of the daily file. */
  readonly hashValue: string;
  /** `SHA-256`. */
  readonly hashMethod: string;
  /** True once saved. */
  readonly agreementStatus: boolean;
}

/**
 * zod schema for {@link ReconciliationInfo}.
 *
 * @example
 * ```ts
 * ReconciliationInfoSchema.parse({ processStatus: 'completed', hashValue: 'ab', hashMethod: 'SHA-256', agreementStatus: false });
 * ```
 */
export const ReconciliationInfoSchema: z.ZodType<ReconciliationInfo> = z.object({
  processStatus: z.string(),
  hashValue: z.string(),
  hashMethod: z.string().default('SHA-256'),
  agreementStatus: z.boolean().default(false),
});

/**
 * The answer to a reconciliation save.
 *
 * @example
 * ```ts
 * const r: AgreementSaveResult = { agreementCaptured: true };
 * ```
 */
export interface AgreementSaveResult {
  /** True once İYS recorded the agreement. */
  readonly agreementCaptured: boolean;
}

/**
 * zod schema for the answer to a save: `{ agreementCaptured: true }`.
 *
 * @example
 * ```ts
 * ReconciliationSaveResponseSchema.parse({ agreementCaptured: true });
 * ```
 */
export const ReconciliationSaveResponseSchema: z.ZodType<AgreementSaveResult> = z.object({
  agreementCaptured: z.boolean(),
});

/**
 * The add-access answer for one consent (`POST …/consents/retailers/access`); fields unconfirmed.
 *
 * @example
 * ```ts
 * const r: RetailerAccessAddResponse = { transactionId: 't', creationDate: new Date() };
 * ```
 */
export interface RetailerAccessAddResponse {
  /** İYS's id of the change, when sent. */
  readonly transactionId: string | undefined;
  /** When İYS recorded it, when sent. */
  readonly creationDate: Date | undefined;
}

/**
 * zod schema for {@link RetailerAccessAddResponse}; an empty or text body also parses.
 *
 * @example
 * ```ts
 * RetailerAccessAddResponseSchema.parse({});
 * ```
 */
export const RetailerAccessAddResponseSchema: z.ZodType<RetailerAccessAddResponse> = z
  .union([
    z.object({ transactionId: z.string().nullish(), creationDate: IysDateTimeSchema.nullish() }),
    z.unknown().transform(() => ({ transactionId: undefined, creationDate: undefined })),
  ])
  .transform((r) => ({
    transactionId: (r as { transactionId?: string | null }).transactionId ?? undefined,
    creationDate: (r as { creationDate?: Date | null }).creationDate ?? undefined,
  }));
