/**
 * The simulator's behaviour, endpoint by endpoint, over plain data: each handler takes the parsed
 * request and returns a reply. The HTTP shell (server.ts) does routing, auth, limits and faults.
 */
import { isValidTckn } from '@izinkit/identity';
import {
  CONSENT_TYPES,
  type ConsentStatus,
  type ConsentType,
  formatHMessage,
  formatIysDate,
  formatIysDateTime,
  isIysSource,
  parseIysDate,
  RECIPIENT_TYPES,
  type RecipientType,
} from '@izinkit/iys';
import type { CitizenChange, SimulatorVariants } from '../options.js';
import type { IdSource } from './ids.js';
import {
  checkRecipient,
  checkShape,
  checkState,
  keyOf,
  type NormConsent,
  type Problem,
  problem,
} from './rules.js';
import {
  type BatchRequest,
  type BrandState,
  type ChangeEvent,
  dailyFile,
  type RetailerRec,
  type State,
  type StoredConsent,
  sortedLog,
  upperBound,
} from './state.js';

export interface Reply {
  status: number;
  json?: unknown;
  text?: string;
  bytes?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface EngineConfig {
  now: () => number;
  ids: IdSource;
  threeDayRule: false | { activatedAt: number };
  variants: Required<SimulatorVariants>;
  pullDefaultLimit: number;
  pullMaxLimit: number;
  onChange: () => void;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

export function errors(list: readonly Problem[], status?: number): Reply {
  return {
    status: status ?? list[0]?.status ?? 422,
    json: {
      errors: list.map((p) => {
        const { status: _s, ...item } = p;
        return item;
      }),
    },
  };
}

const wireDate = (ms: number | undefined): string | undefined =>
  ms === undefined ? undefined : formatIysDateTime(new Date(ms));

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class Engine {
  constructor(
    readonly state: State,
    readonly config: EngineConfig,
  ) {}

  private stateOptions(brand: BrandState): Parameters<typeof checkState>[2] {
    return {
      now: this.config.now(),
      threeDayRule: this.config.threeDayRule,
      preMay2015Code: this.config.variants.preMay2015Code,
      knownRetailer: (code) => brand.retailers.has(code),
    };
  }

  /** Stores a provider consent that passed every check; returns its transaction. */
  private applyProvider(brand: BrandState, c: NormConsent, now: number): StoredConsent {
    const key = keyOf(c);
    const existing = brand.consents.get(key);
    const access = new Set(existing?.retailerAccess ?? []);
    for (const code of c.retailerAccess ?? []) access.add(code);
    const stored: StoredConsent = {
      recipient: c.recipient,
      recipientType: c.recipientType,
      type: c.type,
      status: c.status,
      source: c.source,
      consentDate: c.consentDate ?? (existing ? existing.consentDate : undefined),
      creationDate: now,
      transactionId: this.config.ids.hex64(),
      retailerCode: c.retailerCode ?? existing?.retailerCode,
      retailerAccess: [...access],
    };
    if (stored.retailerCode !== undefined) brand.retailers.get(stored.retailerCode)!.everLinked = true;
    for (const code of stored.retailerAccess) brand.retailers.get(code)!.everLinked = true;
    brand.consents.set(key, stored);
    this.state.appendEvent(brand, {
      transactionId: stored.transactionId,
      creationDate: now,
      consentDate: c.consentDate,
      source: c.source,
      recipient: c.recipient,
      recipientType: c.recipientType,
      type: c.type,
      status: c.status,
      party: 'HS',
    });
    return stored;
  }

  // ─── consents ────────────────────────────────────────────────────────────────────────────────

  addConsent(brand: BrandState, body: unknown): Reply {
    const shape = checkShape(body, undefined, 'H085');
    if (!shape.consent) return errors(shape.errors);
    const c = shape.consent;
    const now = this.config.now();
    const p = checkState(c, brand.consents.get(keyOf(c)), this.stateOptions(brand), undefined);
    this.state.recordSubmission({
      brandCode: brand.brandCode,
      recipient: c.recipient,
      recipientType: c.recipientType,
      type: c.type,
      status: c.status,
      via: 'single',
      outcome: p ? 'failure' : 'success',
      code: p?.code,
      at: now,
    });
    if (p) {
      this.config.onChange();
      return errors([p]);
    }
    const stored = this.applyProvider(brand, c, now);
    this.config.onChange();
    return { status: 200, json: { transactionId: stored.transactionId, creationDate: wireDate(now) } };
  }

  submitBatch(brand: BrandState, body: unknown): Reply {
    if (!Array.isArray(body) || body.length === 0) return errors([problem('H092')]);
    if (body.length > 1000) return errors([problem('H125')]);
    const base = this.config.variants.batchErrorIndexBase;
    const problems: Problem[] = [];
    const consents: NormConsent[] = [];
    const seen = new Set<string>();
    body.forEach((raw, i) => {
      const r = checkShape(raw, i + base, 'H092');
      problems.push(...r.errors);
      if (r.consent) {
        const key = keyOf(r.consent);
        if (seen.has(key)) problems.push(problem('H194', { index: i + base, value: r.consent.recipient }));
        seen.add(key);
        consents.push(r.consent);
      }
    });
    if (problems.length > 0) return errors(problems);
    const request: BatchRequest = {
      requestId: this.config.ids.uuid(),
      brandCode: brand.brandCode,
      createdAt: this.config.now(),
      done: false,
      items: consents.map((consent) => ({
        subrequestId: this.config.ids.uuid(),
        consent,
        status: 'enqueue',
        transactionId: undefined,
        creationDate: undefined,
        error: undefined,
      })),
    };
    this.state.batches.set(request.requestId, request);
    this.state.pendingBatches.push(request.requestId);
    this.config.onChange();
    const key = this.config.variants.subrequestIdKey;
    return {
      status: 200,
      json: {
        requestId: request.requestId,
        subRequests: request.items.map((item, i) => {
          const raw = body[i] as Record<string, unknown>;
          return {
            [key]: item.subrequestId,
            consentDate: raw.consentDate,
            recipient: raw.recipient,
            recipientType: raw.recipientType,
            source: raw.source,
            status: raw.status,
            type: raw.type,
          };
        }),
      },
    };
  }

  /** Processes every queued batch request; returns the number of items processed. */
  processPending(): number {
    let count = 0;
    while (this.state.pendingBatches.length > 0) {
      const id = this.state.pendingBatches.shift()!;
      const request = this.state.batches.get(id);
      if (!request || request.done) continue;
      const brand = this.state.brands.get(request.brandCode);
      if (!brand) continue;
      for (const item of request.items) {
        if (item.status !== 'enqueue') continue;
        const now = this.config.now();
        const c = item.consent;
        const p = checkState(c, brand.consents.get(keyOf(c)), this.stateOptions(brand), undefined);
        this.state.recordSubmission({
          brandCode: brand.brandCode,
          recipient: c.recipient,
          recipientType: c.recipientType,
          type: c.type,
          status: c.status,
          via: 'batch',
          outcome: p ? 'failure' : 'success',
          code: p?.code,
          at: now,
        });
        if (p) {
          item.status = 'failure';
          item.error = { code: p.code, message: p.message };
        } else {
          const stored = this.applyProvider(brand, c, now);
          item.status = 'success';
          item.transactionId = stored.transactionId;
          item.creationDate = now;
        }
        count++;
      }
      request.done = true;
    }
    if (count > 0) this.config.onChange();
    return count;
  }

  batchStatus(brand: BrandState, requestId: string): Reply {
    if (requestId.length > 36)
      return errors([problem('H198', { location: ['requestId'], value: requestId })]);
    if (/^[A-Za-z]+$/.test(requestId))
      return errors([problem('H199', { location: ['requestId'], value: requestId })]);
    if (/^\d+$/.test(requestId))
      return errors([problem('H400', { location: ['requestId'], value: requestId })]);
    const request = this.state.batches.get(requestId);
    if (!request || request.brandCode !== brand.brandCode) {
      return errors([
        problem('H093', { location: ['requestId'], value: requestId, params: { transactionId: requestId } }),
      ]);
    }
    const base = this.config.variants.batchStatusIndexBase;
    const key = this.config.variants.subrequestIdKey;
    return {
      status: 200,
      json: request.items.map((item, i) => {
        const out: Record<string, unknown> = {
          index: i + base,
          status: item.status,
          [key]: item.subrequestId,
        };
        if (item.transactionId) out.transactionId = item.transactionId;
        if (item.creationDate !== undefined) out.creationDate = wireDate(item.creationDate);
        if (item.error) out.error = item.error;
        return out;
      }),
    };
  }

  /** Shape checks shared by the query endpoints: recipient, recipientType, type. */
  private queryShape(
    body: unknown,
    allowed: readonly string[],
  ): { problems: Problem[]; query?: { recipient: string; recipientType: RecipientType; type: ConsentType } } {
    if (!isRecord(body)) return { problems: [problem('H097')] };
    const problems: Problem[] = [];
    for (const field of Object.keys(body)) {
      if (!allowed.includes(field)) {
        problems.push(problem('H118', { location: [field], params: { unacceptableField: field } }));
      }
    }
    const { recipient, recipientType, type } = body;
    if (typeof recipient !== 'string' || recipient === '')
      problems.push(problem('H114', { location: ['recipient'] }));
    if (recipientType === undefined) problems.push(problem('H170', { location: ['recipientType'] }));
    else if (!(RECIPIENT_TYPES as readonly unknown[]).includes(recipientType)) {
      problems.push(problem('H116', { location: ['recipientType'], value: recipientType }));
    }
    if (type === undefined) problems.push(problem('H111', { location: ['type'] }));
    else if (!(CONSENT_TYPES as readonly unknown[]).includes(type)) {
      problems.push(problem('H117', { location: ['type'], value: type }));
    }
    if (problems.length > 0) return { problems };
    const r = checkRecipient(recipient as string, type as ConsentType, ['recipient'], undefined);
    if (typeof r !== 'string') return { problems: [r] };
    return {
      problems,
      query: { recipient: r, recipientType: recipientType as RecipientType, type: type as ConsentType },
    };
  }

  consentStatus(brand: BrandState, body: unknown): Reply {
    const q = this.queryShape(body, ['recipient', 'recipientType', 'type']);
    if (!q.query) return errors(q.problems);
    const c = brand.consents.get(keyOf(q.query));
    if (!c) {
      return errors(
        [
          problem('H093', {
            location: ['recipient'],
            value: q.query.recipient,
            params: { transactionId: q.query.recipient },
          }),
        ],
        404,
      );
    }
    const shape = this.config.variants.consentStatusShape;
    const out: Record<string, unknown> = {
      type: c.type,
      source: c.source,
      recipient: c.recipient,
      recipientType: c.recipientType,
      status: c.status,
      consentDate: wireDate(c.consentDate),
      creationDate: wireDate(c.creationDate),
    };
    if (shape !== 'live') {
      if (c.retailerCode !== undefined) out.retailerCode = c.retailerCode;
      out.retailerAccess = c.retailerAccess;
    }
    if (shape !== 'doc') {
      out.retailerAccessCount = c.retailerAccess.length;
      out.transactionId = c.transactionId;
      if (c.retailerCode !== undefined) out.retailerTitle = brand.retailers.get(c.retailerCode)?.title;
    }
    return { status: 200, json: out };
  }

  multipleStatus(brand: BrandState, recipientType: string, type: string, body: unknown): Reply {
    if (!(RECIPIENT_TYPES as readonly string[]).includes(recipientType)) {
      return errors([problem('H116', { location: ['recipientType'], value: recipientType })]);
    }
    if (!(CONSENT_TYPES as readonly string[]).includes(type)) {
      return errors([problem('H117', { location: ['type'], value: type })]);
    }
    if (!isRecord(body) || body.recipients === undefined)
      return errors([problem('H168', { location: ['recipients'] })]);
    const recipients = body.recipients;
    if (!Array.isArray(recipients) || !recipients.every((r) => typeof r === 'string')) {
      return errors([problem('H403', { location: ['recipients'] })]);
    }
    if (recipients.length === 0) return errors([problem('H164', { location: ['recipients'] })]);
    if (recipients.length > 1000) {
      return errors([problem('H403', { location: ['recipients'], value: recipients.length })]);
    }
    const list: string[] = [];
    for (const r of recipients as string[]) {
      const n = checkRecipient(r, type as ConsentType, ['recipients'], undefined);
      if (typeof n !== 'string') continue;
      const c = brand.consents.get(keyOf({ recipientType, type, recipient: n }));
      if (c?.status === 'ONAY') list.push(r);
    }
    return { status: 200, json: { requestId: this.config.ids.uuid(), list } };
  }

  changes(brand: BrandState, query: URLSearchParams): Reply {
    const source = query.get('source');
    if (source !== 'HS' && source !== 'IYS') {
      return errors([problem('H098', { location: ['source'], value: source ?? undefined })]);
    }
    let limit = this.config.pullDefaultLimit;
    const limitText = query.get('limit');
    if (limitText !== null) {
      if (!/^\d+$/.test(limitText))
        return errors([problem('H183', { location: ['limit'], value: limitText })]);
      limit = Number(limitText);
      if (limit === 0) return errors([problem('H187', { location: ['limit'], value: limit })]);
      if (limit > this.config.pullMaxLimit)
        return errors([problem('H183', { location: ['limit'], value: limit })]);
    }
    const log = sortedLog(brand);
    const now = this.config.now();
    const windowStart = now - 7 * DAY;
    const windowEnd = now - HOUR;
    let start = upperBound(log, windowStart - 1, Number.MAX_SAFE_INTEGER);
    const after = query.get('after');
    if (after !== null && after !== '') {
      const m = /^(\d+)_([0-9a-f]{64})$/.exec(after);
      if (!m) return errors([problem('H098', { location: ['after'], value: after })]);
      const event = brand.byTx.get(m[2]!);
      const from = event
        ? upperBound(log, event.creationDate, event.seq)
        : upperBound(log, Number(m[1]), Number.MAX_SAFE_INTEGER);
      start = Math.max(start, from);
    }
    const list: ChangeEvent[] = [];
    for (let i = start; i < log.length && list.length < limit; i++) {
      const e = log[i]!;
      if (e.creationDate > windowEnd) break;
      if (e.party === source) list.push(e);
    }
    const last = list[list.length - 1];
    return {
      status: 200,
      json: {
        after: last ? `${last.creationDate}_${last.transactionId}` : after || null,
        list: list.map((e) => {
          const item: Record<string, unknown> = {
            consentDate: wireDate(e.consentDate),
            creationDate: wireDate(e.creationDate),
            source: e.source,
            recipient: e.recipient,
            recipientType: e.recipientType,
            status: e.status,
            type: e.type,
            transactionId: e.transactionId,
          };
          if (e.citizenName !== undefined) item.citizenName = e.citizenName;
          return item;
        }),
      },
    };
  }

  /** A change made by a citizen on İYS. Throws a problem when the change is invalid. */
  citizenChange(change: CitizenChange): Problem | undefined {
    const brand = this.state.brands.get(change.brandCode);
    if (!brand)
      return problem('H353', {
        location: ['brandCode'],
        value: change.brandCode,
        params: { field: 'brandCode' },
      });
    if (!(RECIPIENT_TYPES as readonly unknown[]).includes(change.recipientType)) {
      return problem('H116', { location: ['recipientType'], value: change.recipientType });
    }
    if (!(CONSENT_TYPES as readonly unknown[]).includes(change.type)) {
      return problem('H117', { location: ['type'], value: change.type });
    }
    if (change.status !== 'ONAY' && change.status !== 'RET') {
      return problem('H115', { location: ['status'], value: change.status });
    }
    if (typeof change.source !== 'string' || !isIysSource(change.source)) {
      return problem(
        'H119',
        { location: ['source'], value: change.source },
        'Vatandaş değişikliklerinin kaynağı IYS_* olmalıdır. / A citizen change takes an IYS_* source.',
      );
    }
    const r = checkRecipient(change.recipient, change.type, ['recipient'], undefined);
    if (typeof r !== 'string') return r;
    const key = keyOf({ recipientType: change.recipientType, type: change.type, recipient: r });
    const existing = brand.consents.get(key);
    if (existing?.status === change.status) {
      return problem('H174', {
        location: ['status'],
        value: change.status,
        params: { status: change.status },
      });
    }
    const now = this.config.now();
    const transactionId = this.config.ids.hex64();
    brand.consents.set(key, {
      recipient: r,
      recipientType: change.recipientType,
      type: change.type,
      status: change.status,
      source: change.source,
      consentDate: now,
      creationDate: now,
      transactionId,
      retailerCode: existing?.retailerCode,
      retailerAccess: existing?.retailerAccess ?? [],
    });
    this.state.appendEvent(brand, {
      transactionId,
      creationDate: now,
      consentDate: now,
      source: change.source,
      recipient: r,
      recipientType: change.recipientType,
      type: change.type,
      status: change.status,
      party: 'IYS',
      ...(change.citizenName !== undefined ? { citizenName: change.citizenName } : {}),
    });
    this.config.onChange();
    return undefined;
  }

  // ─── brands ──────────────────────────────────────────────────────────────────────────────────

  brands(): Reply {
    return {
      status: 200,
      json: [...this.state.brands.values()].map((b) => {
        let approval = 0;
        let rejection = 0;
        for (const c of b.consents.values()) {
          if (c.status === 'ONAY') approval++;
          else rejection++;
        }
        return {
          brandCode: b.brandCode,
          name: b.name,
          master: b.master,
          stats: {
            consents: { approval, rejection, total: approval + rejection },
            retailers: { total: b.retailers.size },
          },
        };
      }),
    };
  }

  // ─── retailers ───────────────────────────────────────────────────────────────────────────────

  private retailerJson(brand: BrandState, r: RetailerRec): Record<string, unknown> {
    let count = 0;
    for (const c of brand.consents.values()) if (c.retailerAccess.includes(r.retailerCode)) count++;
    return {
      canBeDeleted: r.everLinked ? 'false' : 'true',
      tckn: r.tckn,
      mersis: r.mersis,
      mobile: r.mobile,
      title: r.title,
      name: r.name,
      alias: r.alias,
      retailerCode: r.retailerCode,
      status: r.status,
      city: r.city,
      town: r.town,
      retailerAccessCount: count,
    };
  }

  addRetailer(brand: BrandState, body: unknown): Reply {
    if (!isRecord(body)) return errors([problem('H090')]);
    const allowed = ['title', 'mersis', 'alias', 'name', 'tckn', 'mobile', 'city', 'town', 'status'];
    const bad = (field: string, why: string, value?: unknown): Problem =>
      problem(
        'H090',
        { location: [field], ...(value !== undefined ? { value } : {}) },
        `${formatHMessage('H090')} ${why}`,
      );
    const problems: Problem[] = [];
    for (const k of Object.keys(body)) {
      if (!allowed.includes(k)) problems.push(bad(k, `${k} kabul edilemedi.`));
    }
    const str = (v: unknown): string | undefined =>
      typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
    const title = str(body.title);
    if (!title || title.length > 255)
      problems.push(bad('title', 'Ünvan (title) zorunludur, en fazla 255 karakter.', body.title));
    const name = str(body.name);
    if (!name || name.length > 255 || !/^[\p{L} .'-]+$/u.test(name)) {
      problems.push(bad('name', 'Ad (name) zorunludur ve yalnızca harf içermelidir.', body.name));
    }
    const tckn = str(body.tckn);
    if (tckn !== undefined && !isValidTckn(tckn))
      problems.push(bad('tckn', 'TCKN geçerli olmalıdır.', body.tckn));
    const mersis = str(body.mersis);
    if (mersis !== undefined && !/^\d{16}$/.test(mersis)) {
      problems.push(bad('mersis', 'MERSİS numarası 16 haneli olmalıdır.', body.mersis));
    }
    const alias = str(body.alias);
    if (alias !== undefined && alias.length > 255)
      problems.push(bad('alias', 'Takma ad en fazla 255 karakter.', alias));
    const status = body.status ?? 'active';
    if (status !== 'active' && status !== 'passive' && status !== 'pending') {
      problems.push(bad('status', 'Durum active, passive ya da pending olmalıdır.', status));
    }
    const place = (v: unknown, field: string): { code: string; name: string } | undefined => {
      if (v === undefined || v === null) return undefined;
      if (isRecord(v) && str(v.code) !== undefined && typeof v.name === 'string') {
        return { code: str(v.code)!, name: v.name };
      }
      problems.push(bad(field, `${field} { code, name } olmalıdır.`, v));
      return undefined;
    };
    const city = place(body.city, 'city');
    const town = place(body.town, 'town');
    if (problems.length > 0) return errors(problems);
    for (const r of brand.retailers.values()) {
      if (tckn !== undefined && r.tckn === tckn && (mersis === undefined || r.mersis === mersis)) {
        return errors([bad('tckn', 'Bu TCKN ile kayıtlı bir bayi var.', tckn)]);
      }
    }
    if (brand.retailers.size >= 3000)
      return errors([bad('retailerCode', 'Bir marka en fazla 3000 bayi ekleyebilir.')]);
    const retailerCode = this.state.nextRetailerCode++;
    brand.retailers.set(retailerCode, {
      retailerCode,
      title: title!,
      name,
      tckn,
      mersis,
      alias,
      mobile: str(body.mobile),
      city,
      town,
      status: status as string,
      everLinked: false,
    });
    this.config.onChange();
    return { status: 200, json: { retailerCode } };
  }

  /** offset/limit checks shared by the paginated endpoints (H182, H183, H186, H187). */
  private page(query: URLSearchParams): { offset: number; limit: number } | Reply {
    const offsetText = query.get('offset');
    const limitText = query.get('limit');
    let offset = 0;
    let limit = 100;
    if (offsetText !== null) {
      if (!/^\d+$/.test(offsetText))
        return errors([problem('H182', { location: ['offset'], value: offsetText })]);
      offset = Number(offsetText);
    }
    if (limitText !== null) {
      if (!/^\d+$/.test(limitText))
        return errors([problem('H183', { location: ['limit'], value: limitText })]);
      limit = Number(limitText);
      if (limit === 0) return errors([problem('H187', { location: ['limit'], value: limit })]);
      if (limit > 100) return errors([problem('H186', { location: ['limit'], value: limit })]);
    }
    return { offset, limit };
  }

  private pageOf(brand: BrandState, list: RetailerRec[], query: URLSearchParams): Reply {
    const p = this.page(query);
    if ('status' in p) return p;
    return {
      status: 200,
      json: {
        pagination: { offset: p.offset, pageSize: p.limit, totalCount: list.length },
        list: list.slice(p.offset, p.offset + p.limit).map((r) => this.retailerJson(brand, r)),
      },
    };
  }

  listRetailers(brand: BrandState, query: URLSearchParams): Reply {
    return this.pageOf(brand, [...brand.retailers.values()], query);
  }

  private unknownRetailer(code: string | number): Reply {
    return errors([problem('H180', { location: ['retailerCode'], value: code })]);
  }

  getRetailer(brand: BrandState, code: string): Reply {
    const r = brand.retailers.get(Number(code));
    if (!/^\d+$/.test(code) || !r) return this.unknownRetailer(code);
    return { status: 200, json: this.retailerJson(brand, r) };
  }

  deleteRetailer(brand: BrandState, code: string): Reply {
    const r = brand.retailers.get(Number(code));
    if (!/^\d+$/.test(code) || !r) return this.unknownRetailer(code);
    if (r.everLinked) {
      return errors([
        problem(
          'H090',
          { location: ['retailerCode'], value: r.retailerCode },
          'Bir izinle ilişkilendirilmiş bayi silinemez. / A retailer ever linked to a consent cannot be deleted.',
        ),
      ]);
    }
    brand.retailers.delete(r.retailerCode);
    this.config.onChange();
    return {
      status: 200,
      text: this.config.variants.deleteRetailerBody,
      contentType: 'text/plain; charset=utf-8',
    };
  }

  // ─── retailer access ─────────────────────────────────────────────────────────────────────────

  private retailerList(
    brand: BrandState,
    value: unknown,
    requestCode: 'H171' | 'H172' | 'H173',
  ): number[] | Problem {
    if (value === undefined || value === null) return problem('H169', { location: ['retailerAccess'] });
    if (!Array.isArray(value)) return problem(requestCode, { location: ['retailerAccess'], value });
    if (value.length === 0) return problem('H163', { location: ['retailerAccess'] });
    if (value.length > 100) return problem('H126', { location: ['retailerAccess'] });
    const seen = new Set<number>();
    for (let i = 0; i < value.length; i++) {
      const code = value[i];
      if (typeof code !== 'number' || !Number.isSafeInteger(code)) {
        return problem(requestCode, { location: ['retailerAccess', i], value: code });
      }
      if (seen.has(code)) {
        return problem('H193', {
          location: ['retailerAccess', i],
          value: code,
          params: { field: 'Bayi kod', value: code },
        });
      }
      seen.add(code);
    }
    for (let i = 0; i < value.length; i++) {
      if (!brand.retailers.has(value[i] as number)) {
        return problem('H180', { location: ['retailerAccess', i], value: value[i] });
      }
    }
    return [...seen];
  }

  /** recipients / recipientType / type of the many-consent access calls; returns the consents. */
  private accessTargets(
    brand: BrandState,
    body: Record<string, unknown>,
    recipients: unknown,
    requestCode: 'H171' | 'H172',
  ): StoredConsent[] | Problem {
    if (recipients === undefined || recipients === null) return problem('H168', { location: ['recipients'] });
    if (!Array.isArray(recipients))
      return problem(requestCode, { location: ['recipients'], value: recipients });
    if (recipients.length === 0) return problem('H164', { location: ['recipients'] });
    if (recipients.length > 100) return problem('H127', { location: ['recipients'] });
    const { recipientType, type } = body;
    if (recipientType === undefined) return problem('H170', { location: ['recipientType'] });
    if (!(RECIPIENT_TYPES as readonly unknown[]).includes(recipientType)) {
      return problem('H116', { location: ['recipientType'], value: recipientType });
    }
    if (type === undefined) return problem('H111', { location: ['type'] });
    if (!(CONSENT_TYPES as readonly unknown[]).includes(type))
      return problem('H117', { location: ['type'], value: type });
    const seen = new Set<string>();
    const out: StoredConsent[] = [];
    for (let i = 0; i < recipients.length; i++) {
      const raw = recipients[i];
      if (typeof raw !== 'string') return problem(requestCode, { location: ['recipients', i], value: raw });
      const r = checkRecipient(raw, type as ConsentType, ['recipients', i], undefined);
      if (typeof r !== 'string') return r;
      if (seen.has(r))
        return problem('H193', {
          location: ['recipients', i],
          value: raw,
          params: { field: 'Alıcı', value: raw },
        });
      seen.add(r);
      const c = brand.consents.get(
        keyOf({ recipientType: recipientType as string, type: type as string, recipient: r }),
      );
      if (!c) return problem('H401', { location: ['recipients', i], value: raw });
      out.push(c);
    }
    return out;
  }

  private link(brand: BrandState, consents: readonly StoredConsent[], codes: readonly number[]): void {
    for (const c of consents) {
      const set = new Set(c.retailerAccess);
      for (const code of codes) set.add(code);
      c.retailerAccess = [...set];
    }
    for (const code of codes) brand.retailers.get(code)!.everLinked = true;
    this.config.onChange();
  }

  addAccess(brand: BrandState, body: unknown): Reply {
    const q = this.queryShape(body, ['recipient', 'recipientType', 'type', 'retailerAccess']);
    if (!q.query) return errors(q.problems);
    const codes = this.retailerList(brand, (body as Record<string, unknown>).retailerAccess, 'H171');
    if (!Array.isArray(codes)) return errors([codes]);
    const c = brand.consents.get(keyOf(q.query));
    if (!c) return errors([problem('H401', { location: ['recipient'], value: q.query.recipient })]);
    this.link(brand, [c], codes);
    const now = this.config.now();
    return { status: 200, json: { transactionId: this.config.ids.hex64(), creationDate: wireDate(now) } };
  }

  giveAccess(brand: BrandState, body: unknown): Reply {
    if (!isRecord(body)) return errors([problem('H171')]);
    // Sources disagree on the key: `recipients` (SDK) or `recipient` as an array (another client).
    const recipients = body.recipients ?? (Array.isArray(body.recipient) ? body.recipient : undefined);
    const targets = this.accessTargets(brand, body, recipients, 'H171');
    if (!Array.isArray(targets)) return errors([targets]);
    const codes = this.retailerList(brand, body.retailerAccess, 'H171');
    if (!Array.isArray(codes)) return errors([codes]);
    this.link(brand, targets, codes);
    return { status: 200, text: 'Başarı', contentType: 'text/plain; charset=utf-8' };
  }

  listAccess(brand: BrandState, body: unknown, query: URLSearchParams): Reply {
    const q = this.queryShape(body, ['recipient', 'recipientType', 'type']);
    if (!q.query) return errors(q.problems);
    const c = brand.consents.get(keyOf(q.query));
    const list = (c?.retailerAccess ?? [])
      .map((code) => brand.retailers.get(code))
      .filter((r) => r !== undefined);
    return this.pageOf(brand, list, query);
  }

  removeAccess(brand: BrandState, body: unknown, all: boolean): Reply {
    if (!isRecord(body)) return errors([problem('H172')]);
    const targets = this.accessTargets(brand, body, body.recipients, 'H172');
    if (!Array.isArray(targets)) return errors([targets]);
    if (all) {
      for (const c of targets) c.retailerAccess = [];
    } else {
      const codes = this.retailerList(brand, body.retailerAccess, 'H172');
      if (!Array.isArray(codes)) return errors([codes]);
      for (const c of targets) c.retailerAccess = c.retailerAccess.filter((x) => !codes.includes(x));
    }
    this.config.onChange();
    return { status: 202, text: 'Başarı', contentType: 'text/plain; charset=utf-8' };
  }

  // ─── reconciliation ──────────────────────────────────────────────────────────────────────────

  /** H501 for a malformed date, H502 unless it is yesterday or earlier (Türkiye dates). */
  private reportDate(text: string, fileWindow: boolean): string | Reply {
    const r = parseIysDate(text);
    if (!r.ok) return errors([problem('H501', { location: ['reportDate'], value: text })]);
    const now = this.config.now();
    const today = formatIysDate(new Date(now));
    if (text >= today) return errors([problem('H502', { location: ['reportDate'], value: text })]);
    if (fileWindow) {
      const oldest = formatIysDate(new Date(now - 7 * DAY));
      if (text < oldest) {
        return errors([
          problem(
            'H502',
            { location: ['reportDate'], value: text },
            'reportDate son 7 gün içinde olmalıdır. / The daily file is only served for the 7 days before today.',
          ),
        ]);
      }
    }
    return text;
  }

  summary(brand: BrandState, date: string, recipientType: string): Reply {
    const day = this.reportDate(date, false);
    if (typeof day !== 'string') return day;
    if (!(RECIPIENT_TYPES as readonly string[]).includes(recipientType)) {
      return errors([
        problem('H503', {
          location: ['recipientType'],
          value: recipientType,
          params: { value: recipientType },
        }),
      ]);
    }
    const events = (brand.byDay.get(day) ?? []).filter((e) => e.recipientType === recipientType);
    const types: ConsentType[] = ['MESAJ', 'ARAMA', 'EPOSTA'];
    return {
      status: 200,
      json: {
        changeStats: types.map((type) => ({
          type,
          consents: (['HS', 'IYS'] as const).map((party) => {
            const mine = events.filter((e) => e.type === type && e.party === party);
            const approval = mine.filter((e) => e.status === 'ONAY').length;
            return { source: party, total: mine.length, approval, rejection: mine.length - approval };
          }),
        })),
      },
    };
  }

  info(brand: BrandState, date: string): Reply {
    const day = this.reportDate(date, false);
    if (typeof day !== 'string') return day;
    return {
      status: 200,
      json: {
        processStatus: 'completed',
        hashValue: dailyFile(brand, day).hash,
        hashMethod: 'SHA-256',
        agreementStatus: brand.agreements.has(day),
      },
    };
  }

  save(brand: BrandState, date: string, body: unknown): Reply {
    const day = this.reportDate(date, false);
    if (typeof day !== 'string') return day;
    const value = isRecord(body) ? body.agreementStatus : undefined;
    if (value !== true) {
      return errors([
        problem('H512', { location: ['agreementStatus'], value, params: { value: String(value) } }),
      ]);
    }
    if (brand.agreements.has(day)) {
      return errors([
        problem(
          'H512',
          { location: ['agreementStatus'], value },
          'Bu tarih için mutabakat daha önce kaydedildi; değiştirilemez. / This day was already saved; it cannot be changed.',
        ),
      ]);
    }
    brand.agreements.set(day, this.config.now());
    this.config.onChange();
    return { status: 200, json: { agreementCaptured: true } };
  }

  file(brand: BrandState, date: string): Reply {
    const day = this.reportDate(date, true);
    if (typeof day !== 'string') return day;
    return { status: 200, bytes: dailyFile(brand, day).bytes, contentType: 'text/csv; charset=utf-8' };
  }
}

export type { ConsentStatus };
