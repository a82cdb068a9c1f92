/**
 * The simulator's state: brands, consents, the change log, retailers, batch requests, tokens and
 * the submission ledger — and its JSON form for the data file.
 */
import { createHash } from 'node:crypto';
import {
  type ConsentStatus,
  type ConsentType,
  formatDailyFile,
  formatIysDate,
  type RecipientType,
} from '@izinkit/iys';
import type { SimulatorBrand } from '../options.js';
import type { NormConsent } from './rules.js';

export interface StoredConsent {
  recipient: string;
  recipientType: RecipientType;
  type: ConsentType;
  status: ConsentStatus;
  source: string | undefined;
  consentDate: number | undefined;
  creationDate: number;
  transactionId: string;
  retailerCode: number | undefined;
  retailerAccess: number[];
}

export interface ChangeEvent {
  seq: number;
  transactionId: string;
  creationDate: number;
  consentDate: number | undefined;
  source: string | undefined;
  recipient: string;
  recipientType: RecipientType;
  type: ConsentType;
  status: ConsentStatus;
  party: 'HS' | 'IYS';
  citizenName?: string | undefined;
}

export interface RetailerRec {
  retailerCode: number;
  title: string;
  name: string | undefined;
  tckn: string | undefined;
  mersis: string | undefined;
  alias: string | undefined;
  mobile: string | undefined;
  city: { code: string; name: string } | undefined;
  town: { code: string; name: string } | undefined;
  status: string;
  everLinked: boolean;
}

export interface BrandState {
  brandCode: number;
  name: string;
  master: boolean;
  consents: Map<string, StoredConsent>;
  log: ChangeEvent[];
  sorted: boolean;
  byTx: Map<string, ChangeEvent>;
  byDay: Map<string, ChangeEvent[]>;
  retailers: Map<number, RetailerRec>;
  agreements: Map<string, number>;
  fileCache: Map<string, { count: number; bytes: Buffer; hash: string }>;
}

export interface BatchItemRec {
  subrequestId: string;
  consent: NormConsent;
  status: 'enqueue' | 'success' | 'failure';
  transactionId: string | undefined;
  creationDate: number | undefined;
  error: { code: string; message: string } | undefined;
}

export interface BatchRequest {
  requestId: string;
  brandCode: number;
  createdAt: number;
  items: BatchItemRec[];
  done: boolean;
}

export interface SubmissionRec {
  brandCode: number;
  recipient: string;
  recipientType: RecipientType;
  type: ConsentType;
  status: ConsentStatus;
  via: 'single' | 'batch';
  outcome: 'success' | 'failure';
  code: string | undefined;
  at: number;
}

export class State {
  brands: Map<number, BrandState> = new Map();
  batches: Map<string, BatchRequest> = new Map();
  pendingBatches: string[] = [];
  accessTokens: Map<string, number> = new Map();
  refreshTokens: Map<string, number> = new Map();
  authRequests: number[] = [];
  submissions: SubmissionRec[] = [];
  submissionCounts: Map<string, number> = new Map();
  seq = 0;
  nextRetailerCode = 10_000_001;

  constructor(brands: readonly SimulatorBrand[]) {
    for (const b of brands) this.brands.set(b.brandCode, newBrand(b));
  }

  appendEvent(brand: BrandState, e: Omit<ChangeEvent, 'seq'>): ChangeEvent {
    const event: ChangeEvent = { seq: ++this.seq, ...e };
    const last = brand.log[brand.log.length - 1];
    if (last && last.creationDate > event.creationDate) brand.sorted = false;
    brand.log.push(event);
    brand.byTx.set(event.transactionId, event);
    const day = formatIysDate(new Date(event.creationDate));
    let list = brand.byDay.get(day);
    if (!list) {
      list = [];
      brand.byDay.set(day, list);
    }
    list.push(event);
    return event;
  }

  recordSubmission(s: SubmissionRec): void {
    this.submissions.push(s);
    const key = submissionKey(s);
    this.submissionCounts.set(key, (this.submissionCounts.get(key) ?? 0) + 1);
  }
}

export const submissionKey = (s: {
  brandCode: number;
  recipientType: string;
  type: string;
  recipient: string;
}): string => `${s.brandCode}|${s.recipientType}|${s.type}|${s.recipient}`;

export function newBrand(b: SimulatorBrand): BrandState {
  return {
    brandCode: b.brandCode,
    name: b.name,
    master: b.master,
    consents: new Map(),
    log: [],
    sorted: true,
    byTx: new Map(),
    byDay: new Map(),
    retailers: new Map(),
    agreements: new Map(),
    fileCache: new Map(),
  };
}

const byTime = (a: ChangeEvent, b: ChangeEvent): number => a.creationDate - b.creationDate || a.seq - b.seq;

export function sortedLog(brand: BrandState): ChangeEvent[] {
  if (!brand.sorted) {
    brand.log.sort(byTime);
    brand.sorted = true;
  }
  return brand.log;
}

/** Index of the first event strictly after (ms, seq). */
export function upperBound(log: readonly ChangeEvent[], ms: number, seq: number): number {
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const e = log[mid]!;
    if (e.creationDate < ms || (e.creationDate === ms && e.seq <= seq)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The daily file of one brand and day: its exact bytes and their SHA-256. */
export function dailyFile(brand: BrandState, day: string): { bytes: Buffer; hash: string } {
  const events = brand.byDay.get(day) ?? [];
  const cached = brand.fileCache.get(day);
  if (cached && cached.count === events.length) return cached;
  const rows = [...events].sort(byTime).map((e) => ({
    creationDate: new Date(e.creationDate),
    transactionId: e.transactionId,
    recipient: e.recipient,
    recipientType: e.recipientType,
    type: e.type,
    status: e.status,
    consentDate: e.consentDate === undefined ? undefined : new Date(e.consentDate),
    source: e.source as never,
  }));
  const bytes = Buffer.from(formatDailyFile(rows), 'utf8');
  const entry = { count: events.length, bytes, hash: createHash('sha256').update(bytes).digest('hex') };
  brand.fileCache.set(day, entry);
  return entry;
}

// ─── persistence ───────────────────────────────────────────────────────────────────────────────

interface StateJson {
  format: 'izinkit-iys-simulator';
  version: 1;
  seq: number;
  nextRetailerCode: number;
  brands: {
    brandCode: number;
    name: string;
    master: boolean;
    consents: StoredConsent[];
    log: ChangeEvent[];
    retailers: RetailerRec[];
    agreements: [string, number][];
  }[];
  batches: BatchRequest[];
  pendingBatches: string[];
  accessTokens: [string, number][];
  refreshTokens: [string, number][];
  authRequests: number[];
  submissions: SubmissionRec[];
}

export function toJson(state: State): string {
  const json: StateJson = {
    format: 'izinkit-iys-simulator',
    version: 1,
    seq: state.seq,
    nextRetailerCode: state.nextRetailerCode,
    brands: [...state.brands.values()].map((b) => ({
      brandCode: b.brandCode,
      name: b.name,
      master: b.master,
      consents: [...b.consents.values()],
      log: b.log,
      retailers: [...b.retailers.values()],
      agreements: [...b.agreements.entries()],
    })),
    batches: [...state.batches.values()],
    pendingBatches: state.pendingBatches,
    accessTokens: [...state.accessTokens.entries()],
    refreshTokens: [...state.refreshTokens.entries()],
    authRequests: state.authRequests,
    submissions: state.submissions,
  };
  return JSON.stringify(json);
}

export function fromJson(text: string, defaults: readonly SimulatorBrand[]): State {
  const json = JSON.parse(text) as StateJson;
  if (json.format !== 'izinkit-iys-simulator' || json.version !== 1) {
    throw new Error('not an izinkit İYS simulator data file (format/version)');
  }
  const state = new State(defaults);
  state.seq = json.seq;
  state.nextRetailerCode = json.nextRetailerCode;
  for (const b of json.brands) {
    const brand = newBrand(b);
    for (const c of b.consents) brand.consents.set(`${c.recipientType}|${c.type}|${c.recipient}`, c);
    for (const r of b.retailers) brand.retailers.set(r.retailerCode, r);
    for (const [d, at] of b.agreements) brand.agreements.set(d, at);
    for (const e of b.log) {
      const last = brand.log[brand.log.length - 1];
      if (last && byTime(last, e) > 0) brand.sorted = false;
      brand.log.push(e);
      brand.byTx.set(e.transactionId, e);
      const day = formatIysDate(new Date(e.creationDate));
      let list = brand.byDay.get(day);
      if (!list) {
        list = [];
        brand.byDay.set(day, list);
      }
      list.push(e);
    }
    state.brands.set(b.brandCode, brand);
  }
  for (const r of json.batches) state.batches.set(r.requestId, r);
  state.pendingBatches = json.pendingBatches;
  state.accessTokens = new Map(json.accessTokens);
  state.refreshTokens = new Map(json.refreshTokens);
  state.authRequests = json.authRequests;
  for (const s of json.submissions) state.recordSubmission(s);
  return state;
}
