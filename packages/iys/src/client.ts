/**
 * `createIysClient`: a typed client for every İYS endpoint a service provider uses.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { consentToWire } from './consent-wire.js';
import { createDailyFileReader, type DailyFileRow } from './daily-file.js';
import { formatIysDate, parseIysDate } from './datetime.js';
import { IysApiError, IysClientError, type IysErrorItem } from './errors.js';
import { isRetryableHCode } from './hcodes.js';
import { fastBatchStatus } from './internal/fast-parse.js';
import { sleep } from './internal/sleep.js';
import { createTransport, type RequestSpec } from './internal/transport.js';
import type { IysLogger } from './logger.js';
import { createRateLimiter, type RateLimiterOptions } from './rate-limit.js';
import type { RetryOptions } from './retry.js';
import {
  type AddConsentResponse,
  AddConsentResponseSchema,
  AddRetailerResponseSchema,
  type AgreementSaveResult,
  type BatchStatusItem,
  BatchStatusResponseSchema,
  type BatchSubmitResponse,
  BatchSubmitResponseSchema,
  type Brand,
  BrandListSchema,
  type ChangeSource,
  type Consent,
  type ConsentChange,
  type ConsentChangesPage,
  ConsentChangesPageSchema,
  type ConsentQuery,
  type ConsentRecord,
  ConsentRecordSchema,
  type ConsentWire,
  MultipleStatusResponseSchema,
  type NewRetailer,
  type ReconciliationInfo,
  ReconciliationInfoSchema,
  ReconciliationSaveResponseSchema,
  type ReconciliationSummary,
  ReconciliationSummarySchema,
  type Retailer,
  type RetailerAccessAddResponse,
  RetailerAccessAddResponseSchema,
  type RetailerCreated,
  type RetailerPage,
  RetailerPageSchema,
  RetailerSchema,
  TokenResponseSchema,
} from './schemas.js';
import { createTokenManager, type TokenManager } from './token.js';
import type { ConsentType, RecipientType } from './vocabulary.js';

/**
 * Options of {@link createIysClient}.
 *
 * @example
 * ```ts
 * const options: IysClientOptions = {
 *   baseUrl: 'https://api.sandbox.iys.org.tr', username: 'api-user', password: 'secret', iysCode: 600000,
 *   timeoutMs: 30_000, retry: { retries: 5 }, rateLimit: { requestsPerSecond: 10 },
 * };
 * ```
 */
export interface IysClientOptions {
  /** `https://api.iys.org.tr`, `https://api.sandbox.iys.org.tr`, or a simulator's `url`. */
  readonly baseUrl: string;
  /** API user name. */
  readonly username: string;
  /** API password. */
  readonly password: string;
  /** The service provider's İYS number. */
  readonly iysCode: number;
  /** A `fetch` implementation (default: the global one). */
  readonly fetch?: typeof fetch;
  /** Per-attempt timeout in ms (default 30 000). */
  readonly timeoutMs?: number;
  /** Retry policy, or `false` for none (default: 5 retries, 250 ms → 30 s, full jitter). */
  readonly retry?: RetryOptions | false;
  /** Client-side rate limit, or `false` for none (default 10 requests/s, burst 10). */
  readonly rateLimit?: RateLimiterOptions | false;
  /** Logger (default: silent). */
  readonly logger?: IysLogger;
  /** Clock for token expiry (default `() => new Date()`). */
  readonly now?: () => Date;
  /** Refresh the access token this long before it expires, in ms (default 120 000). */
  readonly refreshAheadMs?: number;
  /** How `addBatch` submits and polls. */
  readonly batch?: BatchOptions;
  /** Where İYS's sources disagree, which form to send (defaults: the most likely form). */
  readonly compat?: CompatOptions;
}

/**
 * How `consents.addBatch` works through a large input.
 *
 * @example
 * ```ts
 * const batch: BatchOptions = { size: 1000, concurrency: 2, pollIntervalMs: 1000, maxPollIntervalMs: 30_000 };
 * ```
 */
export interface BatchOptions {
  /** Consents per request, 1–1000 (default 1000, İYS's maximum, H125). */
  readonly size?: number;
  /** Requests submitted and not yet finished at once (default 2). */
  readonly concurrency?: number;
  /** First wait before polling a request's status, in ms (default 1000). */
  readonly pollIntervalMs?: number;
  /** Longest wait between polls, in ms (default 30 000); waits grow by half each time. */
  readonly maxPollIntervalMs?: number;
  /** Give up polling a request after this long, in ms (default one hour); its items then fail with `iys_batch_pending`. */
  readonly pollTimeoutMs?: number;
}

/**
 * The forms to send where İYS's sources disagree. Defaults follow the evidence (see `docs/iys.md`).
 *
 * @example
 * ```ts
 * const compat: CompatOptions = { retailerAccessRemovePath: 'retailer' };
 * ```
 */
export interface CompatOptions {
  /** `consents/retailers/access/remove` (default; SDKs and a production proxy) or `consents/retailer/access/remove` (the 2020 docs). */
  readonly retailerAccessRemovePath?: 'retailers' | 'retailer';
  /** `consents/retailers/access/remove/all` (default; docs and SDKs) or `consents/retailer/access/remove/all`. */
  readonly retailerAccessRemoveAllPath?: 'retailers' | 'retailer';
  /** `consents/retailers/access/list` (default; docs) or `consent/retailers/access/list` (two SDKs). */
  readonly retailerAccessListPath?: 'consents' | 'consent';
  /** Body key of the give-access call: `recipients` (default) or `recipient`. */
  readonly giveAccessRecipientsKey?: 'recipients' | 'recipient';
  /** Token request body: `json` (default; the official sample) or `form` (urlencoded). */
  readonly tokenBody?: 'json' | 'form';
}

/**
 * Per-call options: every call takes an `AbortSignal`.
 *
 * @example
 * ```ts
 * await client.brands.list({ signal: AbortSignal.timeout(5000) });
 * ```
 */
export interface CallOptions {
  /** Aborts the call (waiting, retrying and polling included). */
  readonly signal?: AbortSignal;
}

/**
 * Options of `consents.addBatch`.
 *
 * @example
 * ```ts
 * await client.consents.addBatch(600000, consents, { onProgress: (done, total) => console.log(done, total) });
 * ```
 */
export interface AddBatchOptions extends CallOptions {
  /** Called as items get their final result. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Where an item of `addBatch` failed: `local` (the client's own shape checks, nothing sent),
 * `request` (İYS rejected it with the whole request, synchronously), `processing` (İYS processed
 * it and answered `failure`), `transport` (its request could not be sent or its result not read:
 * the outcome is unknown when `requestId` is set).
 *
 * @example
 * ```ts
 * const stage: BatchFailureStage = 'processing';
 * ```
 */
export type BatchFailureStage = 'local' | 'request' | 'processing' | 'transport';

/**
 * Why an item of `addBatch` failed.
 *
 * @example
 * ```ts
 * const e: BatchItemError = { code: 'H175', message: 'İlk defa kaydedilen…', stage: 'processing', retryable: false };
 * ```
 */
export interface BatchItemError {
  /** The H-code, or a client code (`iys_network`, `iys_timeout`, `iys_batch_pending`, …). */
  readonly code: string;
  /** İYS's message, or the client's Turkish / English message. */
  readonly message: string;
  /** Where it failed. */
  readonly stage: BatchFailureStage;
  /** True when sending the item again may succeed. */
  readonly retryable: boolean;
  /** Field path, when known. */
  readonly location?: readonly (string | number)[];
  /** Rejected value, when known. */
  readonly value?: unknown;
  /** The request the item was part of, when it was submitted (poll it later with `batchStatus`). */
  readonly requestId?: string;
  /** The item's sub-request id, when it was submitted. */
  readonly subrequestId?: string;
}

/**
 * The result of one input of `addBatch`, at the input's position.
 *
 * @example
 * ```ts
 * for (const r of results) {
 *   if (r.ok) console.log(r.index, r.value.transactionId);
 *   else console.log(r.index, r.error.code);
 * }
 * ```
 */
export type BatchConsentResult =
  | {
      /** Registered. */
      readonly ok: true;
      /** Position in the input. */
      readonly index: number;
      /** İYS's ids for the change. */
      readonly value: {
        /** İYS's id of the change. */
        readonly transactionId: string;
        /** When İYS recorded it. */
        readonly creationDate: Date | undefined;
        /** The batch request it was part of. */
        readonly requestId: string;
        /** Its sub-request id. */
        readonly subrequestId: string;
      };
    }
  | {
      /** Not registered. */
      readonly ok: false;
      /** Position in the input. */
      readonly index: number;
      /** Why it failed. */
      readonly error: BatchItemError;
    };

/**
 * The answer of `consents.statusMany`: which of the recipients are in ONAY.
 *
 * @example
 * ```ts
 * const r: StatusManyResult = { approved: ['+905321234567'], notApproved: ['+905321234568'] };
 * ```
 */
export interface StatusManyResult {
  /** Recipients İYS listed as ONAY. */
  readonly approved: readonly string[];
  /** The other recipients asked about (RET, or no record). */
  readonly notApproved: readonly string[];
}

/**
 * Options of `consents.changes`.
 *
 * @example
 * ```ts
 * const q: ChangesQuery = { source: 'IYS', after: savedCursor, limit: 500 };
 * ```
 */
export interface ChangesQuery extends CallOptions {
  /** `HS` (your own changes) or `IYS` (changes citizens made on İYS). */
  readonly source: ChangeSource;
  /** The cursor persisted from the last run. */
  readonly after?: string | undefined;
  /** Page size (İYS's maximum is unpublished; 999 is used in production). */
  readonly limit?: number;
}

/**
 * The pull iterator: yields every change after the cursor, page by page, and exposes the cursor
 * to persist. `cursor` moves to a page's `after` as that page's last item is yielded, so saving it
 * after handling an item never skips an unhandled one (a page may be delivered again after a
 * crash: handle changes idempotently, e.g. by `transactionId`). An empty page keeps the old cursor.
 *
 * @example
 * ```ts
 * const changes = client.consents.changes(600000, { source: 'IYS', after: await load() });
 * for await (const change of changes) {
 *   await apply(change);
 *   await save(changes.cursor);
 * }
 * ```
 */
export interface ConsentChangesIterator extends AsyncIterable<ConsentChange> {
  /** The cursor to persist. */
  readonly cursor: string | undefined;
  /** Iterates whole pages instead of items (the cursor moves after each page). */
  pages(): AsyncIterable<ConsentChangesPage>;
}

/**
 * The daily change file, streamed: iterate rows as they arrive, or `collect()` them. With
 * verification on (the default) the client first reads `info().hashValue`, hashes the exact bytes
 * it receives, and throws `IysClientError` `iys_hash_mismatch` at the end if they differ —
 * `collect()` only returns verified rows.
 *
 * @example
 * ```ts
 * const rows = await client.reconciliation.file(600000, '2024-03-01').collect();
 * ```
 */
export interface DailyFileStream extends AsyncIterable<DailyFileRow> {
  /** Reads the whole file, verifies it, returns the rows. */
  collect(): Promise<DailyFileRow[]>;
  /** Hex SHA-256 of the bytes received, once the file has been read to the end. */
  readonly sha256: string | undefined;
}

/**
 * Which consent and which retailers a single add-access call is about.
 *
 * @example
 * ```ts
 * const req: RetailerAccessOne = { recipient: '+905321234567', recipientType: 'BIREYSEL', type: 'MESAJ', retailerAccess: [44445555] };
 * ```
 */
export interface RetailerAccessOne {
  /** Recipient. */
  readonly recipient: string;
  /** Recipient type. */
  readonly recipientType: RecipientType;
  /** Channel. */
  readonly type: ConsentType;
  /** Retailer codes. */
  readonly retailerAccess: readonly number[];
}

/**
 * Which consents and which retailers a give/remove access call is about. Any number of
 * recipients: the client sends them 100 at a time (İYS's limit, H127).
 *
 * @example
 * ```ts
 * const req: RetailerAccessMany = { recipients: ['+905321234567'], recipientType: 'BIREYSEL', type: 'MESAJ', retailerAccess: [44445555] };
 * ```
 */
export interface RetailerAccessMany {
  /** Recipients. */
  readonly recipients: readonly string[];
  /** Recipient type. */
  readonly recipientType: RecipientType;
  /** Channel. */
  readonly type: ConsentType;
  /** Retailer codes. */
  readonly retailerAccess: readonly number[];
}

/**
 * The consents group of the client.
 *
 * @example
 * ```ts
 * const { transactionId } = await client.consents.add(600000, consent);
 * ```
 */
export interface ConsentsApi {
  /**
   * Registers one consent synchronously (`POST …/consents`). Throws {@link IysApiError} on
   * rejection; a consent that fails the local shape checks throws one too, with `status` 0 and the
   * H-codes İYS would answer, and nothing is sent.
   */
  add(brandCode: number, consent: Consent, options?: CallOptions): Promise<AddConsentResponse>;
  /**
   * Registers any number of consents: checks them locally, sends them 1000 at a time (repeats of
   * the same recipient/type go in later requests, in input order, to avoid H194), polls each
   * request until no item is `enqueue`, and returns one result per input in input order. Only an
   * abort or an invalid brand code throws; every other failure is an item result.
   */
  addBatch(
    brandCode: number,
    consents: readonly Consent[],
    options?: AddBatchOptions,
  ): Promise<BatchConsentResult[]>;
  /** Submits up to 1000 consents once (`POST …/consents/request`); persist `requestId` before polling. */
  submitBatch(
    brandCode: number,
    consents: readonly Consent[],
    options?: CallOptions,
  ): Promise<BatchSubmitResponse>;
  /** Reads a batch request's item statuses (`GET …/consents/request/{requestId}`). */
  batchStatus(brandCode: number, requestId: string, options?: CallOptions): Promise<BatchStatusItem[]>;
  /** The current consent of one recipient on one channel, or `null` when İYS has none. */
  status(brandCode: number, query: ConsentQuery, options?: CallOptions): Promise<ConsentRecord | null>;
  /** Which recipients are in ONAY (any number; sent 1000 at a time). */
  statusMany(
    brandCode: number,
    recipientType: RecipientType,
    type: ConsentType,
    recipients: readonly string[],
    options?: CallOptions,
  ): Promise<StatusManyResult>;
  /** Pulls changes (last 7 days, except the last hour) after a cursor. */
  changes(brandCode: number, query: ChangesQuery): ConsentChangesIterator;
}

/**
 * The brands group.
 *
 * @example
 * ```ts
 * const brands = await client.brands.list();
 * ```
 */
export interface BrandsApi {
  /** The provider's brands with their counts (`GET /sps/{iysCode}/brands`). */
  list(options?: CallOptions): Promise<Brand[]>;
}

/**
 * The retailers (bayi) group.
 *
 * @example
 * ```ts
 * const { retailerCode } = await client.retailers.add(600000, { title: 'Bayi', name: 'Ayşe Yılmaz' });
 * ```
 */
export interface RetailersApi {
  /** Adds a retailer; returns its İYS number. */
  add(brandCode: number, retailer: NewRetailer, options?: CallOptions): Promise<RetailerCreated>;
  /** All retailers of the brand (pages of 100 read transparently). */
  list(brandCode: number, options?: CallOptions): Promise<Retailer[]>;
  /** One page of retailers. */
  page(
    brandCode: number,
    page: { offset: number; limit: number },
    options?: CallOptions,
  ): Promise<RetailerPage>;
  /** One retailer, or `null` when İYS does not know it. */
  get(brandCode: number, retailerCode: number, options?: CallOptions): Promise<Retailer | null>;
  /** Deletes a retailer (only one never linked to a consent). */
  remove(brandCode: number, retailerCode: number, options?: CallOptions): Promise<void>;
}

/**
 * The retailer-access group: which retailers may see which consents.
 *
 * @example
 * ```ts
 * await client.retailerAccess.give(600000, { recipients, recipientType: 'BIREYSEL', type: 'MESAJ', retailerAccess: [44445555] });
 * ```
 */
export interface RetailerAccessApi {
  /** Adds retailers to one consent's access list. */
  add(
    brandCode: number,
    request: RetailerAccessOne,
    options?: CallOptions,
  ): Promise<RetailerAccessAddResponse>;
  /** Gives retailers access to many consents. */
  give(brandCode: number, request: RetailerAccessMany, options?: CallOptions): Promise<void>;
  /** The retailers with access to one consent (pages read transparently). */
  list(brandCode: number, query: ConsentQuery, options?: CallOptions): Promise<Retailer[]>;
  /** Removes the listed retailers' access to the consents. */
  remove(brandCode: number, request: RetailerAccessMany, options?: CallOptions): Promise<void>;
  /** Removes every retailer's access to the consents. */
  removeAll(
    brandCode: number,
    request: Omit<RetailerAccessMany, 'retailerAccess'>,
    options?: CallOptions,
  ): Promise<void>;
}

/**
 * The reconciliation (mutabakat) group. `reportDate` is a Türkiye date `YYYY-MM-DD`, or a `Date`
 * whose Türkiye date is taken.
 *
 * @example
 * ```ts
 * const info = await client.reconciliation.info(600000, '2024-03-01');
 * ```
 */
export interface ReconciliationApi {
  /** A day's change counts per channel and party. */
  summary(
    brandCode: number,
    reportDate: string | Date,
    recipientType: RecipientType,
    options?: CallOptions,
  ): Promise<ReconciliationSummary>;
  /** A day's file hash and saved flag. */
  info(brandCode: number, reportDate: string | Date, options?: CallOptions): Promise<ReconciliationInfo>;
  /** Records agreement with a day's file (once; it cannot be undone). */
  save(brandCode: number, reportDate: string | Date, options?: CallOptions): Promise<AgreementSaveResult>;
  /** The day's change file, streamed and verified. */
  file(
    brandCode: number,
    reportDate: string | Date,
    options?: CallOptions & { verify?: boolean },
  ): DailyFileStream;
}

/**
 * A typed İYS client.
 *
 * @example
 * ```ts
 * const client: IysClient = createIysClient({ baseUrl, username, password, iysCode: 600000 });
 * ```
 */
export interface IysClient {
  /** Consents. */
  readonly consents: ConsentsApi;
  /** Brands. */
  readonly brands: BrandsApi;
  /** Retailers. */
  readonly retailers: RetailersApi;
  /** Retailer access. */
  readonly retailerAccess: RetailerAccessApi;
  /** Reconciliation. */
  readonly reconciliation: ReconciliationApi;
  /** The token manager (shared by every call). */
  readonly tokens: TokenManager;
}

function checkCode(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new IysClientError(
      'iys_invalid_argument',
      `${name} pozitif bir tam sayı olmalı / ${name} must be a positive integer: ${String(value)}`,
      { details: { [name]: value } },
    );
  }
}

function reportDateOf(value: string | Date): string {
  if (value instanceof Date) {
    try {
      return formatIysDate(value);
    } catch (e) {
      throw new IysClientError('iys_invalid_argument', `reportDate geçersiz / invalid reportDate`, {
        cause: e,
      });
    }
  }
  const r = parseIysDate(value);
  if (!r.ok)
    throw new IysClientError('iys_invalid_argument', r.error.message, { details: { reportDate: value } });
  return r.value;
}

function keyOf(w: ConsentWire): string {
  return `${w.recipientType}\u0000${w.type}\u0000${w.recipient}`;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs `worker` over `items` with at most `limit` running at once. */
async function pool<T>(
  items: readonly T[],
  limit: number,
  worker: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const run = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const item = items[next++]!;
      try {
        await worker(item);
      } catch (e) {
        failure ??= { error: e };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
  if (failure) throw failure.error;
}

/**
 * Creates an İYS client. Nothing is sent until the first call; the first call logs in.
 *
 * @example
 * ```ts
 * import { createIysClient } from '@izinkit/iys';
 *
 * const client = createIysClient({ baseUrl: sim.url, username: 'izinkit', password: 'izinkit', iysCode: 600000 });
 * const { transactionId } = await client.consents.add(600000, {
 *   recipient: '+905321234567', recipientType: 'BIREYSEL', type: 'MESAJ', status: 'ONAY',
 *   source: 'HS_WEB', consentDate: new Date(),
 * });
 * ```
 */
export function createIysClient(options: IysClientOptions): IysClient {
  checkCode('iysCode', options.iysCode);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const compat = options.compat ?? {};
  const batchSize = Math.min(1000, Math.max(1, Math.floor(options.batch?.size ?? 1000)));
  const concurrency = Math.max(1, Math.floor(options.batch?.concurrency ?? 2));
  const pollInterval = Math.max(0, options.batch?.pollIntervalMs ?? 1000);
  const maxPollInterval = Math.max(pollInterval, options.batch?.maxPollIntervalMs ?? 30_000);
  const pollTimeout = options.batch?.pollTimeoutMs ?? 3_600_000;
  const limiter =
    options.rateLimit === false
      ? undefined
      : createRateLimiter(options.rateLimit ?? { requestsPerSecond: 10, burst: 10 });

  let tokens: TokenManager;
  const send = createTransport({
    baseUrl: options.baseUrl,
    fetch: fetchImpl,
    timeoutMs: options.timeoutMs ?? 30_000,
    retry: options.retry ?? {},
    limiter,
    logger: options.logger,
    tokens: () => tokens,
  });
  tokens = createTokenManager({
    username: options.username,
    password: options.password,
    ...(options.now ? { now: options.now } : {}),
    ...(options.refreshAheadMs !== undefined ? { refreshAheadMs: options.refreshAheadMs } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    transport: async (body, signal) => {
      const spec: RequestSpec = {
        method: 'POST',
        path: '/oauth2/token',
        auth: false,
        expect: 'json',
        signal,
      };
      if (compat.tokenBody === 'form') spec.form = body as unknown as Record<string, string>;
      else spec.json = body;
      const answer = await send(spec);
      return parse(TokenResponseSchema, answer.body, spec);
    },
  });

  const sps = `/sps/${options.iysCode}`;
  const brandPath = (brandCode: number): string => {
    checkCode('brandCode', brandCode);
    return `${sps}/brands/${brandCode}`;
  };

  function parse<T>(schema: z.ZodType<T>, body: unknown, spec: Pick<RequestSpec, 'method' | 'path'>): T {
    const r = schema.safeParse(body);
    if (r.success) return r.data;
    throw new IysClientError(
      'iys_bad_response',
      `${spec.method} ${spec.path}: İYS yanıtı beklenen biçimde değil / unexpected response shape`,
      { cause: r.error, details: { method: spec.method, path: spec.path, body, issues: r.error.issues } },
    );
  }

  async function call<T>(spec: RequestSpec, schema: z.ZodType<T>): Promise<T> {
    const answer = await send(spec);
    return parse(schema, answer.body, spec);
  }

  // ─── consents ────────────────────────────────────────────────────────────────────────────────

  function wireOrThrow(consent: Consent): ConsentWire {
    const r = consentToWire(consent);
    if (r.ok) return r.value;
    throw new IysApiError({
      status: 0,
      method: 'LOCAL',
      path: 'consentToWire',
      body: consent,
      errors: r.error,
    });
  }

  async function submitWire(
    brandCode: number,
    wires: readonly ConsentWire[],
    signal: AbortSignal | undefined,
  ): Promise<BatchSubmitResponse> {
    return call(
      {
        method: 'POST',
        path: `${brandPath(brandCode)}/consents/request`,
        json: wires,
        auth: true,
        expect: 'json',
        signal,
      },
      BatchSubmitResponseSchema,
    );
  }

  async function batchStatus(
    brandCode: number,
    requestId: string,
    signal: AbortSignal | undefined,
  ): Promise<BatchStatusItem[]> {
    return call(
      {
        method: 'GET',
        path: `${brandPath(brandCode)}/consents/request/${encodeURIComponent(requestId)}`,
        auth: true,
        expect: 'json',
        signal,
      },
      BatchStatusResponseSchema,
    );
  }

  /** Polls until no item is `enqueue`; `undefined` when the poll timeout passed first. */
  async function awaitBatch(
    brandCode: number,
    requestId: string,
    signal: AbortSignal | undefined,
  ): Promise<BatchStatusItem[] | undefined> {
    const started = Date.now();
    const spec: RequestSpec = {
      method: 'GET',
      path: `${brandPath(brandCode)}/consents/request/${encodeURIComponent(requestId)}`,
      auth: true,
      expect: 'json',
      signal,
    };
    let wait = pollInterval;
    for (;;) {
      await sleep(wait, signal);
      const { body } = await send(spec);
      // Still working: no need to validate a thousand items that will be read again.
      const pending =
        Array.isArray(body) &&
        body.some(
          (i) => typeof i === 'object' && i !== null && (i as { status?: unknown }).status === 'enqueue',
        );
      if (!pending) return fastBatchStatus(body) ?? parse(BatchStatusResponseSchema, body, spec);
      if (Date.now() - started > pollTimeout) return undefined;
      wait = Math.min(maxPollInterval, Math.max(1, wait * 1.5));
    }
  }

  /** Maps a synchronous rejection's error items to chunk positions; `undefined` if any lacks a usable index. */
  function rejectedPositions(
    errors: readonly IysErrorItem[],
    wires: readonly ConsentWire[],
  ): Map<number, IysErrorItem[]> | undefined {
    if (errors.length === 0) return undefined;
    const out = new Map<number, IysErrorItem[]>();
    // İYS's batch index base is unconfirmed (0 in one client, 1 in the docs): prefer the base under
    // which every error's `value` matches the field at `location`.
    const fits = (pos: number, e: IysErrorItem): boolean => {
      const w = wires[pos] as Record<string, unknown> | undefined;
      if (!w) return false;
      const field = e.location?.[0];
      if (e.value === undefined || typeof field !== 'string') return true;
      return w[field] === e.value;
    };
    const base = errors.every((e) => e.index !== undefined && fits(e.index, e))
      ? 0
      : errors.every((e) => e.index !== undefined && fits(e.index - 1, e))
        ? 1
        : undefined;
    if (base === undefined) return undefined;
    for (const e of errors) {
      const pos = (e.index as number) - base;
      out.set(pos, [...(out.get(pos) ?? []), e]);
    }
    return out;
  }

  async function addBatch(
    brandCode: number,
    consents: readonly Consent[],
    opts: AddBatchOptions = {},
  ): Promise<BatchConsentResult[]> {
    brandPath(brandCode);
    const signal = opts.signal;
    const total = consents.length;
    const results: (BatchConsentResult | undefined)[] = new Array(total);
    let done = 0;
    const settle = (r: BatchConsentResult): void => {
      results[r.index] = r;
      done++;
      opts.onProgress?.(done, total);
    };
    const fail = (index: number, error: BatchItemError): void => settle({ ok: false, index, error });

    // 1. Local checks, and waves: the k-th repeat of a (recipientType, type, recipient) goes in wave k.
    const wires: (ConsentWire | undefined)[] = new Array(total);
    const waves: number[][] = [];
    const seen = new Map<string, number>();
    for (let i = 0; i < total; i++) {
      const r = consentToWire(consents[i]!);
      if (!r.ok) {
        const first = r.error[0]!;
        fail(i, {
          code: first.code,
          message: r.error.map((e) => e.message).join(' '),
          stage: 'local',
          retryable: false,
          ...(first.location ? { location: first.location } : {}),
          ...('value' in first ? { value: first.value } : {}),
        });
        continue;
      }
      wires[i] = r.value;
      const key = keyOf(r.value);
      const wave = seen.get(key) ?? 0;
      seen.set(key, wave + 1);
      const list = waves[wave] ?? [];
      waves[wave] = list;
      list.push(i);
    }

    // 2. One chunk: submit (dropping items İYS rejects synchronously), then poll.
    const runChunk = async (indices: number[]): Promise<void> => {
      let remaining = indices;
      for (let round = 0; remaining.length > 0; round++) {
        const chunkWires = remaining.map((i) => wires[i]!);
        let submitted: BatchSubmitResponse;
        try {
          submitted = await submitWire(brandCode, chunkWires, signal);
        } catch (e) {
          if (signal?.aborted) throw signal.reason;
          const positions =
            e instanceof IysApiError && e.status >= 400 && e.status < 500 && round < 3
              ? rejectedPositions(e.errors, chunkWires)
              : undefined;
          if (positions && positions.size > 0) {
            for (const [pos, errs] of positions) {
              const first = errs[0]!;
              fail(remaining[pos]!, {
                code: first.code,
                message: errs.map((x) => x.message).join(' '),
                stage: 'request',
                retryable: isRetryableHCode(first.code),
                ...(first.location ? { location: first.location } : {}),
                ...('value' in first ? { value: first.value } : {}),
              });
            }
            remaining = remaining.filter((_, pos) => !positions.has(pos));
            continue;
          }
          const err = transportError(e, 'request');
          for (const i of remaining) fail(i, err);
          return;
        }
        if (submitted.subRequests.length !== remaining.length) {
          const err: BatchItemError = {
            code: 'iys_bad_response',
            message: `İYS ${remaining.length} öğe için ${submitted.subRequests.length} alt istek döndü / sub-request count mismatch`,
            stage: 'transport',
            retryable: false,
            requestId: submitted.requestId,
          };
          for (const i of remaining) fail(i, err);
          return;
        }
        let items: BatchStatusItem[] | undefined;
        try {
          items = await awaitBatch(brandCode, submitted.requestId, signal);
        } catch (e) {
          if (signal?.aborted) throw signal.reason;
          const err = { ...transportError(e, 'transport'), requestId: submitted.requestId };
          remaining.forEach((i, pos) => {
            fail(i, { ...err, subrequestId: submitted.subRequests[pos]!.subrequestId });
          });
          return;
        }
        const bySub = new Map<string, BatchStatusItem>();
        for (const item of items ?? []) if (item.subrequestId) bySub.set(item.subrequestId, item);
        remaining.forEach((i, pos) => {
          const sub = submitted.subRequests[pos]!;
          const item = bySub.get(sub.subrequestId);
          const ids = { requestId: submitted.requestId, subrequestId: sub.subrequestId };
          if (items === undefined || item === undefined || item.status === 'enqueue') {
            fail(i, {
              code: 'iys_batch_pending',
              message:
                'İYS bu öğeyi henüz işlemedi; requestId ile daha sonra sorgulayın. / İYS has not processed this item yet; poll its requestId later.',
              stage: 'transport',
              retryable: false,
              ...ids,
            });
          } else if (item.status === 'success') {
            settle({
              ok: true,
              index: i,
              value: { transactionId: item.transactionId ?? '', creationDate: item.creationDate, ...ids },
            });
          } else {
            const code = item.error?.code ?? 'iys_batch_failure';
            fail(i, {
              code,
              message: item.error?.message ?? 'İYS öğeyi reddetti / İYS rejected the item',
              stage: 'processing',
              retryable: isRetryableHCode(code),
              ...ids,
            });
          }
        });
        return;
      }
    };

    for (const wave of waves) {
      await pool(chunk(wave, batchSize), concurrency, runChunk);
    }
    return results as BatchConsentResult[];
  }

  function transportError(e: unknown, stage: BatchFailureStage): BatchItemError {
    if (e instanceof IysApiError) {
      return {
        code: e.code,
        message: e.message,
        stage,
        retryable: e.retryable,
        ...(e.location ? { location: e.location } : {}),
      };
    }
    if (e instanceof IysClientError) {
      return { code: e.code, message: e.message, stage, retryable: e.code !== 'iys_token_halted' };
    }
    return {
      code: 'iys_network',
      message: e instanceof Error ? e.message : String(e),
      stage,
      retryable: true,
    };
  }

  function changes(brandCode: number, query: ChangesQuery): ConsentChangesIterator {
    const path = `${brandPath(brandCode)}/consents/changes`;
    let cursor = query.after;
    const fetchPage = async (after: string | undefined): Promise<ConsentChangesPage> =>
      call(
        {
          method: 'GET',
          path,
          query: { source: query.source, after, limit: query.limit },
          auth: true,
          expect: 'json',
          signal: query.signal,
        },
        ConsentChangesPageSchema,
      );
    async function* pages(): AsyncGenerator<ConsentChangesPage> {
      for (;;) {
        const page = await fetchPage(cursor);
        if (page.list.length === 0) return;
        const moved = page.after !== undefined && page.after !== cursor;
        if (page.after !== undefined) cursor = page.after;
        yield page;
        if (!moved) return;
        if (query.limit !== undefined && page.list.length < query.limit) return;
      }
    }
    async function* items(): AsyncGenerator<ConsentChange> {
      for (;;) {
        const before = cursor;
        const page = await fetchPage(cursor);
        if (page.list.length === 0) return;
        const last = page.list.length - 1;
        for (let i = 0; i <= last; i++) {
          if (i === last && page.after !== undefined) cursor = page.after;
          yield page.list[i]!;
        }
        if (page.after === undefined || page.after === before) return;
        if (query.limit !== undefined && page.list.length < query.limit) return;
      }
    }
    return {
      get cursor(): string | undefined {
        return cursor;
      },
      pages: () => pages(),
      [Symbol.asyncIterator]: () => items(),
    };
  }

  const consentsApi: ConsentsApi = {
    add: async (brandCode, consent, o = {}) =>
      call(
        {
          method: 'POST',
          path: `${brandPath(brandCode)}/consents`,
          json: wireOrThrow(consent),
          auth: true,
          expect: 'json',
          signal: o.signal,
        },
        AddConsentResponseSchema,
      ),
    addBatch,
    submitBatch: async (brandCode, consents, o = {}) => {
      if (consents.length < 1 || consents.length > 1000) {
        throw new IysClientError(
          'iys_invalid_argument',
          'Bir istekte 1–1000 izin gönderilebilir / a batch request takes 1–1000 consents',
        );
      }
      return submitWire(brandCode, consents.map(wireOrThrow), o.signal);
    },
    batchStatus: async (brandCode, requestId, o = {}) => batchStatus(brandCode, requestId, o.signal),
    status: async (brandCode, query, o = {}) => {
      const spec: RequestSpec = {
        method: 'POST',
        path: `${brandPath(brandCode)}/consents/status`,
        json: { recipient: query.recipient, recipientType: query.recipientType, type: query.type },
        auth: true,
        expect: 'json',
        signal: o.signal,
        accept: [404],
      };
      try {
        const answer = await send(spec);
        if (answer.status === 404 || answer.body === undefined || answer.body === '') return null;
        if (
          typeof answer.body === 'object' &&
          answer.body !== null &&
          Object.keys(answer.body).length === 0
        ) {
          return null;
        }
        return parse(ConsentRecordSchema, answer.body, spec);
      } catch (e) {
        if (e instanceof IysApiError && e.hCode === 'H093') return null;
        throw e;
      }
    },
    statusMany: async (brandCode, recipientType, type, recipients, o = {}) => {
      const approved = new Set<string>();
      for (const part of chunk(recipients, 1000)) {
        const r = await call(
          {
            method: 'POST',
            path: `${brandPath(brandCode)}/consents/${recipientType}/status/${type}`,
            json: { recipients: part },
            auth: true,
            expect: 'json',
            signal: o.signal,
          },
          MultipleStatusResponseSchema,
        );
        for (const x of r.list) approved.add(x);
      }
      return {
        approved: recipients.filter((r) => approved.has(r)),
        notApproved: recipients.filter((r) => !approved.has(r)),
      };
    },
    changes,
  };

  // ─── retailers ───────────────────────────────────────────────────────────────────────────────

  async function allPages(
    fetchPage: (offset: number) => Promise<RetailerPage>,
    signal: AbortSignal | undefined,
  ): Promise<Retailer[]> {
    const out: Retailer[] = [];
    for (let offset = 0; ; ) {
      if (signal?.aborted) throw signal.reason;
      const page = await fetchPage(offset);
      out.push(...page.list);
      offset += page.list.length;
      if (page.list.length === 0 || offset >= page.pagination.totalCount) return out;
    }
  }

  const retailerPage = (brandCode: number, offset: number, limit: number, signal?: AbortSignal) =>
    call(
      {
        method: 'GET',
        path: `${brandPath(brandCode)}/retailers`,
        query: { offset, limit },
        auth: true,
        expect: 'json',
        signal,
      },
      RetailerPageSchema,
    );

  const retailersApi: RetailersApi = {
    add: async (brandCode, retailer, o = {}) =>
      call(
        {
          method: 'POST',
          path: `${brandPath(brandCode)}/retailers`,
          json: retailer,
          auth: true,
          expect: 'json',
          signal: o.signal,
        },
        AddRetailerResponseSchema,
      ),
    list: async (brandCode, o = {}) =>
      allPages((offset) => retailerPage(brandCode, offset, 100, o.signal), o.signal),
    page: async (brandCode, p, o = {}) => retailerPage(brandCode, p.offset, p.limit, o.signal),
    get: async (brandCode, retailerCode, o = {}) => {
      checkCode('retailerCode', retailerCode);
      const spec: RequestSpec = {
        method: 'GET',
        path: `${brandPath(brandCode)}/retailers/${retailerCode}`,
        auth: true,
        expect: 'json',
        signal: o.signal,
        accept: [404],
      };
      try {
        const answer = await send(spec);
        if (answer.status === 404) return null;
        return parse(RetailerSchema, answer.body, spec);
      } catch (e) {
        if (e instanceof IysApiError && e.hCode === 'H180') return null;
        throw e;
      }
    },
    remove: async (brandCode, retailerCode, o = {}) => {
      checkCode('retailerCode', retailerCode);
      await send({
        method: 'DELETE',
        path: `${brandPath(brandCode)}/retailers/${retailerCode}`,
        auth: true,
        expect: 'text',
        signal: o.signal,
      });
    },
  };

  // ─── retailer access ─────────────────────────────────────────────────────────────────────────

  const accessBase = (brandCode: number): string => `${brandPath(brandCode)}/consents/retailers/access`;

  const retailerAccessApi: RetailerAccessApi = {
    add: async (brandCode, req, o = {}) =>
      call(
        {
          method: 'POST',
          path: accessBase(brandCode),
          json: {
            recipient: req.recipient,
            recipientType: req.recipientType,
            type: req.type,
            retailerAccess: req.retailerAccess,
          },
          auth: true,
          expect: 'json',
          signal: o.signal,
        },
        RetailerAccessAddResponseSchema,
      ),
    give: async (brandCode, req, o = {}) => {
      const key = compat.giveAccessRecipientsKey ?? 'recipients';
      for (const part of chunk(req.recipients, 100)) {
        await send({
          method: 'PUT',
          path: accessBase(brandCode),
          json: {
            [key]: part,
            recipientType: req.recipientType,
            type: req.type,
            retailerAccess: req.retailerAccess,
          },
          auth: true,
          expect: 'text',
          signal: o.signal,
        });
      }
    },
    list: async (brandCode, q, o = {}) => {
      const path =
        compat.retailerAccessListPath === 'consent'
          ? `${brandPath(brandCode)}/consent/retailers/access/list`
          : `${accessBase(brandCode)}/list`;
      return allPages(
        (offset) =>
          call(
            {
              method: 'POST',
              path,
              query: { offset, limit: 100 },
              json: { recipient: q.recipient, recipientType: q.recipientType, type: q.type },
              auth: true,
              expect: 'json',
              signal: o.signal,
            },
            RetailerPageSchema,
          ),
        o.signal,
      );
    },
    remove: async (brandCode, req, o = {}) => {
      const seg = compat.retailerAccessRemovePath === 'retailer' ? 'retailer' : 'retailers';
      for (const part of chunk(req.recipients, 100)) {
        await send({
          method: 'POST',
          path: `${brandPath(brandCode)}/consents/${seg}/access/remove`,
          json: {
            recipients: part,
            recipientType: req.recipientType,
            type: req.type,
            retailerAccess: req.retailerAccess,
          },
          auth: true,
          expect: 'text',
          signal: o.signal,
        });
      }
    },
    removeAll: async (brandCode, req, o = {}) => {
      const seg = compat.retailerAccessRemoveAllPath === 'retailer' ? 'retailer' : 'retailers';
      for (const part of chunk(req.recipients, 100)) {
        await send({
          method: 'POST',
          path: `${brandPath(brandCode)}/consents/${seg}/access/remove/all`,
          json: { recipients: part, recipientType: req.recipientType, type: req.type },
          auth: true,
          expect: 'text',
          signal: o.signal,
        });
      }
    },
  };

  // ─── reconciliation ──────────────────────────────────────────────────────────────────────────

  const info = async (
    brandCode: number,
    reportDate: string | Date,
    o: CallOptions = {},
  ): Promise<ReconciliationInfo> =>
    call(
      {
        method: 'GET',
        path: `${brandPath(brandCode)}/agreements/${reportDateOf(reportDate)}`,
        auth: true,
        expect: 'json',
        signal: o.signal,
      },
      ReconciliationInfoSchema,
    );

  function file(
    brandCode: number,
    reportDate: string | Date,
    o: CallOptions & { verify?: boolean } = {},
  ): DailyFileStream {
    const date = reportDateOf(reportDate);
    const path = `${brandPath(brandCode)}/changes/${date}/file`;
    let sha256: string | undefined;
    async function* rows(): AsyncGenerator<DailyFileRow> {
      const expected = o.verify === false ? undefined : (await info(brandCode, date, o)).hashValue;
      const answer = await send({ method: 'GET', path, auth: true, expect: 'stream', signal: o.signal });
      const res = answer.response!;
      const hash = createHash('sha256');
      const decoder = new TextDecoder('utf-8');
      const reader = createDailyFileReader();
      if (res.body) {
        for await (const bytes of res.body as unknown as AsyncIterable<Uint8Array>) {
          hash.update(bytes);
          yield* reader.push(decoder.decode(bytes, { stream: true }));
        }
      }
      const tail = [...reader.push(decoder.decode()), ...reader.end()];
      sha256 = hash.digest('hex');
      if (expected !== undefined && expected.toLowerCase() !== sha256) {
        throw new IysClientError(
          'iys_hash_mismatch',
          `Günlük dosyanın SHA-256 özeti mutabakat bilgisiyle uyuşmuyor / the daily file's SHA-256 does not match info().hashValue (${date})`,
          { details: { expected, actual: sha256, reportDate: date } },
        );
      }
      yield* tail;
    }
    return {
      [Symbol.asyncIterator]: () => rows(),
      async collect(): Promise<DailyFileRow[]> {
        const out: DailyFileRow[] = [];
        for await (const row of rows()) out.push(row);
        return out;
      },
      get sha256(): string | undefined {
        return sha256;
      },
    };
  }

  const reconciliationApi: ReconciliationApi = {
    summary: async (brandCode, reportDate, recipientType, o = {}) =>
      call(
        {
          method: 'GET',
          path: `${brandPath(brandCode)}/changes/${reportDateOf(reportDate)}/recipients/${recipientType}`,
          auth: true,
          expect: 'json',
          signal: o.signal,
        },
        ReconciliationSummarySchema,
      ),
    info,
    save: async (brandCode, reportDate, o = {}) =>
      call(
        {
          method: 'PUT',
          path: `${brandPath(brandCode)}/agreements/${reportDateOf(reportDate)}`,
          json: { agreementStatus: true },
          auth: true,
          expect: 'json',
          signal: o.signal,
        },
        ReconciliationSaveResponseSchema,
      ),
    file,
  };

  return {
    consents: consentsApi,
    brands: {
      list: async (o = {}) =>
        call(
          { method: 'GET', path: `${sps}/brands`, auth: true, expect: 'json', signal: o.signal },
          BrandListSchema,
        ),
    },
    retailers: retailersApi,
    retailerAccess: retailerAccessApi,
    reconciliation: reconciliationApi,
    tokens,
  };
}
