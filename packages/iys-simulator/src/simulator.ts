/**
 * `startIysSimulator`: a local İYS over node:http.
 */
import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ConsentSource,
  type ConsentStatus,
  type ConsentType,
  formatHMessage,
  type RecipientType,
} from '@izinkit/iys';
import { IysSimulatorError } from './errors.js';
import { Engine, errors, type Reply } from './internal/engine.js';
import { idSource, prng, randomSeed } from './internal/ids.js';
import { checkRecipient, problem } from './internal/rules.js';
import {
  type BrandState,
  dailyFile,
  fromJson,
  State,
  sortedLog,
  submissionKey,
  toJson,
} from './internal/state.js';
import type {
  CitizenChange,
  FaultKind,
  FaultOptions,
  IysSimulatorOptions,
  OneShotFault,
  SimulatorBrand,
  SimulatorVariants,
} from './options.js';

/**
 * A consent as the simulator holds it.
 *
 * @example
 * ```ts
 * const [first] = sim.consents(600000);
 * first?.status; // 'ONAY'
 * ```
 */
export interface SimulatedConsent {
  /** Recipient (normalised). */
  readonly recipient: string;
  /** Recipient type. */
  readonly recipientType: RecipientType;
  /** Channel. */
  readonly type: ConsentType;
  /** Current status. */
  readonly status: ConsentStatus;
  /** Source of the current status. */
  readonly source: ConsentSource | undefined;
  /** When the consent was given. */
  readonly consentDate: Date | undefined;
  /** When the last change was recorded. */
  readonly creationDate: Date;
  /** Id of the last change. */
  readonly transactionId: string;
  /** Brokering retailer. */
  readonly retailerCode: number | undefined;
  /** Retailers with access. */
  readonly retailerAccess: readonly number[];
}

/**
 * One entry of a brand's change log: what the pull, the summaries and the daily file are made of.
 *
 * @example
 * ```ts
 * sim.changeLog(600000).filter((c) => c.party === 'IYS');
 * ```
 */
export interface SimulatedChange {
  /** Id of the change. */
  readonly transactionId: string;
  /** When it was recorded. */
  readonly creationDate: Date;
  /** Consent date. */
  readonly consentDate: Date | undefined;
  /** Source. */
  readonly source: ConsentSource | undefined;
  /** Recipient. */
  readonly recipient: string;
  /** Recipient type. */
  readonly recipientType: RecipientType;
  /** Channel. */
  readonly type: ConsentType;
  /** New status. */
  readonly status: ConsentStatus;
  /** `HS` (provider) or `IYS` (citizen). */
  readonly party: 'HS' | 'IYS';
  /** Citizen name, when given. */
  readonly citizenName: string | undefined;
}

/**
 * One consent submission that reached processing (single add or batch item), successful or not.
 * Requests refused before processing (shape errors, injected faults, rate limits) are not here.
 *
 * @example
 * ```ts
 * sim.submissions().filter((s) => s.outcome === 'failure').map((s) => s.code);
 * ```
 */
export interface SubmissionRecord {
  /** Brand. */
  readonly brandCode: number;
  /** Recipient (normalised). */
  readonly recipient: string;
  /** Recipient type. */
  readonly recipientType: RecipientType;
  /** Channel. */
  readonly type: ConsentType;
  /** Submitted status. */
  readonly status: ConsentStatus;
  /** `single` or `batch`. */
  readonly via: 'single' | 'batch';
  /** Whether İYS stored it. */
  readonly outcome: 'success' | 'failure';
  /** The H-code of a failure. */
  readonly code: string | undefined;
  /** When it was processed (simulated time). */
  readonly at: Date;
}

/**
 * The whole state, for assertions.
 *
 * @example
 * ```ts
 * const snap = sim.snapshot();
 * snap.brands[0]?.consents.length;
 * ```
 */
export interface SimulatorSnapshot {
  /** Simulated time. */
  readonly now: Date;
  /** Per brand. */
  readonly brands: readonly {
    /** Brand code. */
    readonly brandCode: number;
    /** Name. */
    readonly name: string;
    /** Main brand. */
    readonly master: boolean;
    /** Consents. */
    readonly consents: readonly SimulatedConsent[];
    /** Change log, oldest first. */
    readonly changes: readonly SimulatedChange[];
    /** Retailer codes. */
    readonly retailers: readonly number[];
    /** Saved reconciliation days. */
    readonly agreements: readonly string[];
  }[];
  /** Batch requests not yet processed. */
  readonly pendingBatches: number;
}

/**
 * Counters of the HTTP side.
 *
 * @example
 * ```ts
 * sim.stats().faultsInjected;
 * ```
 */
export interface SimulatorStats {
  /** Requests received. */
  readonly requests: number;
  /** Requests per route (`POST /consents/request`, …). */
  readonly byRoute: Readonly<Record<string, number>>;
  /** Requests answered with an injected fault. */
  readonly faultsInjected: number;
  /** Requests refused by the rate limit (429 H124). */
  readonly rateLimited: number;
  /** Tokens issued (logins and refreshes). */
  readonly tokensIssued: number;
}

/**
 * A running simulator.
 *
 * @example
 * ```ts
 * const sim = await startIysSimulator();
 * console.log(sim.url); // http://127.0.0.1:54321
 * await sim.close();
 * ```
 */
export interface IysSimulator {
  /** Base URL for the client (`http://127.0.0.1:<port>`). */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /** Stops listening and saves the data file. */
  close(): Promise<void>;
  /** Records a change a citizen made on İYS; throws {@link IysSimulatorError} when İYS would refuse it. */
  citizenChange(change: CitizenChange): Promise<void>;
  /** The simulated time. */
  now(): Date;
  /** Sets the clock: a fixed instant, or a function. */
  setNow(now: Date | (() => Date)): void;
  /** Moves the clock forward (or back, with a negative value) by `ms`. */
  advance(ms: number): void;
  /** Replaces the random faults (`undefined` turns them off). */
  setFaults(faults: FaultOptions | undefined): void;
  /** Queues a fault for the next matching request(s). */
  injectFault(fault: OneShotFault): void;
  /** Processes every queued batch request now; resolves to the number of items processed. */
  processBatches(): Promise<number>;
  /** The whole state. */
  snapshot(): SimulatorSnapshot;
  /** The consents of one brand. */
  consents(brandCode: number): SimulatedConsent[];
  /** The change log of one brand, oldest first. */
  changeLog(brandCode: number): SimulatedChange[];
  /** The daily file of one brand and day, as served (ignores the 7-day window). */
  dailyFile(
    brandCode: number,
    reportDate: string,
  ): {
    /** The file's text. */
    readonly text: string;
    /** Hex SHA-256 of its UTF-8 bytes (the `hashValue` of the info answer). */
    readonly sha256: string;
  };
  /** Every consent submission that reached processing. */
  submissions(): readonly SubmissionRecord[];
  /** How many times one (brand, recipientType, type, recipient) was submitted and processed. */
  submissionCount(key: {
    readonly brandCode: number;
    readonly recipientType: RecipientType;
    readonly type: ConsentType;
    readonly recipient: string;
  }): number;
  /** HTTP counters. */
  stats(): SimulatorStats;
  /** Writes the data file now (no-op without one). */
  flush(): Promise<void>;
}

/**
 * The defaults: user `izinkit`/`izinkit`, iysCode 600000, brands 600000 (master) and 600001.
 *
 * @example
 * ```ts
 * createIysClient({ baseUrl: sim.url, username: SIMULATOR_DEFAULTS.username, password: SIMULATOR_DEFAULTS.password, iysCode: SIMULATOR_DEFAULTS.iysCode });
 * ```
 */
export const SIMULATOR_DEFAULTS: {
  /** `izinkit`. */
  readonly username: string;
  /** `izinkit`. */
  readonly password: string;
  /** 600000. */
  readonly iysCode: number;
  /** 600000 (master) and 600001. */
  readonly brands: readonly SimulatorBrand[];
} = Object.freeze({
  username: 'izinkit',
  password: 'izinkit',
  iysCode: 600000,
  brands: Object.freeze([
    Object.freeze({ brandCode: 600000, name: 'izinkit Ana Marka', master: true }),
    Object.freeze({ brandCode: 600001, name: 'izinkit İkinci Marka', master: false }),
  ]),
});

const DEFAULT_VARIANTS: Required<SimulatorVariants> = {
  subrequestIdKey: 'subrequestId',
  tokenTypeKey: 'token_type',
  consentStatusShape: 'live',
  batchErrorIndexBase: 0,
  batchStatusIndexBase: 1,
  preMay2015Code: 'errtab',
  deleteRetailerBody: 'Başarı',
};

const MAX_BODY = 32 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  let payload: string | Buffer = '';
  if (reply.bytes !== undefined) {
    payload = reply.bytes;
    headers['content-type'] = reply.contentType ?? 'application/octet-stream';
  } else if (reply.text !== undefined) {
    payload = reply.text;
    headers['content-type'] = reply.contentType ?? 'text/plain; charset=utf-8';
  } else if (reply.json !== undefined) {
    payload = JSON.stringify(reply.json);
    headers['content-type'] = 'application/json; charset=utf-8';
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const defaultMatch = (r: { path: string }): boolean => r.path !== '/oauth2/token';

/**
 * Starts a simulated İYS on loopback. It speaks the same paths, validation rules, H-codes and
 * limits as İYS (see `docs/iys.md` for what is confirmed and what is assumed), processes batch
 * requests asynchronously, lets tests play the citizen's side, move the clock, inject faults and
 * inspect the state, and keeps its state in a JSON file when given one.
 *
 * @example
 * ```ts
 * import { startIysSimulator } from '@izinkit/iys-simulator';
 * import { createIysClient } from '@izinkit/iys';
 *
 * const sim = await startIysSimulator({ port: 0 });
 * const client = createIysClient({ baseUrl: sim.url, username: 'izinkit', password: 'izinkit', iysCode: 600000 });
 * await client.consents.add(600000, {
 *   recipient: '+905321234567', recipientType: 'BIREYSEL', type: 'MESAJ', status: 'ONAY',
 *   source: 'HS_WEB', consentDate: sim.now(),
 * });
 * await sim.citizenChange({ brandCode: 600000, recipient: '+905321234567', recipientType: 'BIREYSEL', type: 'MESAJ', status: 'RET', source: 'IYS_MOBIL' });
 * await sim.close();
 * ```
 */
export async function startIysSimulator(options: IysSimulatorOptions = {}): Promise<IysSimulator> {
  const username = options.username ?? SIMULATOR_DEFAULTS.username;
  const password = options.password ?? SIMULATOR_DEFAULTS.password;
  const iysCode = options.iysCode ?? SIMULATOR_DEFAULTS.iysCode;
  const brandDefs = options.brands ?? SIMULATOR_DEFAULTS.brands;
  const variants: Required<SimulatorVariants> = { ...DEFAULT_VARIANTS, ...(options.variants ?? {}) };
  const accessTtl = (options.accessTokenTtlSeconds ?? 7200) * 1000;
  const refreshTtl = (options.refreshTokenTtlSeconds ?? 14_400) * 1000;
  const authPerHour = options.authRequestsPerHour ?? 100;
  const seed = options.seed ?? randomSeed();
  const ids = idSource(prng(seed));
  const dice = { random: prng(seed ^ 0x5bd1e995) };

  let clock: () => Date = options.now ?? (() => new Date());
  let offset = 0;
  const nowMs = (): number => clock().getTime() + offset;

  // ─── state and persistence ───────────────────────────────────────────────────────────────────
  let state: State;
  const dataFile = options.dataFile;
  if (dataFile && existsSync(dataFile)) {
    try {
      state = fromJson(readFileSync(dataFile, 'utf8'), brandDefs);
    } catch (e) {
      throw new IysSimulatorError(
        'simulator_data_file',
        `Veri dosyası okunamadı / cannot read the data file ${dataFile}`,
        { cause: e },
      );
    }
  } else {
    state = new State(brandDefs);
  }
  const persistInterval = options.persistIntervalMs ?? 1000;
  let dirty = false;
  let saving: Promise<void> | undefined;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const saveNow = async (): Promise<void> => {
    if (!dataFile) return;
    while (saving) await saving;
    if (!dirty) return;
    dirty = false;
    const tmp = `${dataFile}.${process.pid}.tmp`;
    saving = writeFile(tmp, toJson(state)).then(() => rename(tmp, dataFile));
    try {
      await saving;
    } finally {
      saving = undefined;
    }
  };
  const onChange = (): void => {
    if (!dataFile) return;
    dirty = true;
    if (saveTimer === undefined) {
      saveTimer = setTimeout(() => {
        saveTimer = undefined;
        saveNow().catch(() => {
          dirty = true;
        });
      }, persistInterval);
    }
  };

  const threeDay = options.threeBusinessDayRule ?? true;
  const engine = new Engine(state, {
    now: nowMs,
    ids,
    threeDayRule:
      threeDay === false
        ? false
        : threeDay === true
          ? { activatedAt: 0 }
          : { activatedAt: threeDay.activatedAt.getTime() },
    variants,
    pullDefaultLimit: options.pull?.defaultLimit ?? 500,
    pullMaxLimit: options.pull?.maxLimit ?? 1000,
    onChange,
  });

  // ─── batch processing ────────────────────────────────────────────────────────────────────────
  const manual = options.batch?.manual ?? false;
  const batchDelay = options.batch?.delayMs ?? 0;
  let batchTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleBatches = (): void => {
    if (manual || batchTimer !== undefined) return;
    batchTimer = setTimeout(() => {
      batchTimer = undefined;
      engine.processPending();
    }, batchDelay);
  };
  if (state.pendingBatches.length > 0) scheduleBatches();

  // ─── faults and limits ───────────────────────────────────────────────────────────────────────
  let faults: FaultOptions | undefined = options.faults;
  const oneShots: { fault: OneShotFault; left: number }[] = [];
  const stats = {
    requests: 0,
    byRoute: {} as Record<string, number>,
    faultsInjected: 0,
    rateLimited: 0,
    tokensIssued: 0,
  };
  const rate = options.rateLimit === undefined || options.rateLimit === false ? undefined : options.rateLimit;
  let windowStart = 0;
  let windowCount = 0;

  const pickFault = (
    method: string,
    path: string,
  ): { kind: FaultKind; phase: 'before' | 'after' } | undefined => {
    for (let i = 0; i < oneShots.length; i++) {
      const o = oneShots[i]!;
      if ((o.fault.match ?? defaultMatch)({ method, path })) {
        if (--o.left <= 0) oneShots.splice(i, 1);
        return { kind: o.fault.kind, phase: o.fault.phase ?? 'before' };
      }
    }
    if (!faults?.rate || !(faults.match ?? defaultMatch)({ method, path })) return undefined;
    if (dice.random() >= faults.rate) return undefined;
    const kinds = faults.kinds ?? (['500', '503', '429', 'H192'] as const);
    const kind = kinds[Math.floor(dice.random() * kinds.length)] ?? '500';
    return { kind, phase: faults.phase ?? 'before' };
  };

  const faultReply = (kind: FaultKind): Reply | 'drop' => {
    switch (kind) {
      case 'drop':
        return 'drop';
      case '429': {
        const seconds = faults?.retryAfterSeconds ?? 1;
        return {
          ...errors([problem('H124')], 429),
          ...(seconds > 0 ? { headers: { 'retry-after': String(seconds) } } : {}),
        };
      }
      case 'H192':
        return errors([problem('H192')], 503);
      default:
        return { status: Number(kind), json: { message: 'Internal Server Error', status: Number(kind) } };
    }
  };

  // ─── tokens ──────────────────────────────────────────────────────────────────────────────────
  const issueToken = (): Reply => {
    const now = nowMs();
    const access = ids.hex64();
    const refresh = ids.hex64();
    state.accessTokens.set(access, now + accessTtl);
    state.refreshTokens.set(refresh, now + refreshTtl);
    stats.tokensIssued++;
    if (state.accessTokens.size > 10_000) {
      for (const [k, exp] of state.accessTokens) if (exp < now) state.accessTokens.delete(k);
      for (const [k, exp] of state.refreshTokens) if (exp < now) state.refreshTokens.delete(k);
    }
    onChange();
    return {
      status: 200,
      json: {
        access_token: access,
        refresh_token: refresh,
        expires_in: accessTtl / 1000,
        refresh_expires_in: refreshTtl / 1000,
        [variants.tokenTypeKey]: 'bearer',
      },
    };
  };

  const tokenEndpoint = (req: IncomingMessage, raw: string): Reply => {
    const now = nowMs();
    state.authRequests = state.authRequests.filter((t) => t > now - 3_600_000);
    if (state.authRequests.length >= authPerHour) {
      return { status: 429, json: { code: 'H084', message: formatHMessage('H084') } };
    }
    state.authRequests.push(now);
    let body: Record<string, unknown> = {};
    const type = req.headers['content-type'] ?? '';
    if (type.includes('application/x-www-form-urlencoded')) {
      body = Object.fromEntries(new URLSearchParams(raw));
    } else if (raw.trim() !== '') {
      try {
        const parsed: unknown = JSON.parse(raw);
        if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
      } catch {
        return errors([problem('H014')], 400);
      }
    }
    if (body.grant_type === 'refresh_token') {
      const token = body.refresh_token;
      if (typeof token !== 'string' || token === '') return errors([problem('H252')], 400);
      const exp = state.refreshTokens.get(token);
      if (exp === undefined || exp <= now) return errors([problem('H251')], 401);
      state.refreshTokens.delete(token);
      return issueToken();
    }
    if (
      typeof body.username !== 'string' ||
      typeof body.password !== 'string' ||
      !body.username ||
      !body.password
    ) {
      return errors([problem('H250')], 400);
    }
    if (body.username !== username || body.password !== password) return errors([problem('H251')], 401);
    return issueToken();
  };

  // ─── routing ─────────────────────────────────────────────────────────────────────────────────
  const routeName = (method: string, segs: string[]): string => {
    if (segs[0] === 'sps' && segs.length === 3) return `${method} /brands`;
    const tail = segs[0] === 'sps' ? segs.slice(4) : segs;
    return `${method} /${tail.map((s) => (/^\d+$/.test(s) || s.length > 30 || /^\d{4}-/.test(s) ? ':id' : s)).join('/')}`;
  };

  const notFound: Reply = { status: 404, json: { message: 'Not Found', status: 404 } };
  const badMethod: Reply = { status: 405, json: { message: 'Method Not Allowed', status: 405 } };

  const route = (method: string, segs: string[], query: URLSearchParams, body: unknown): Reply => {
    if (segs[0] !== 'sps') return notFound;
    const iysText = segs[1] ?? '';
    if (!/^\d+$/.test(iysText)) return errors([problem('H190', { location: ['iysCode'], value: iysText })]);
    if (Number(iysText) !== iysCode) {
      return errors([
        problem('H353', { location: ['iysCode'], value: iysText, params: { field: 'iysCode' } }),
      ]);
    }
    if (segs[2] !== 'brands') return notFound;
    if (segs.length === 3) return method === 'GET' ? engine.brands() : badMethod;
    const brandText = segs[3]!;
    if (!/^\d+$/.test(brandText))
      return errors([problem('H191', { location: ['brandCode'], value: brandText })]);
    const brand: BrandState | undefined = state.brands.get(Number(brandText));
    if (!brand) {
      return errors([
        problem('H353', { location: ['brandCode'], value: brandText, params: { field: 'brandCode' } }),
      ]);
    }
    const [a, b, c, d, e] = segs.slice(4);
    const n = segs.length - 4;
    if (a === 'consents' || a === 'consent') {
      if (a === 'consents' && n === 1) return method === 'POST' ? engine.addConsent(brand, body) : badMethod;
      if (a === 'consents' && b === 'request') {
        if (n === 2) {
          if (method !== 'POST') return badMethod;
          const reply = engine.submitBatch(brand, body);
          if (reply.status === 200) scheduleBatches();
          return reply;
        }
        if (n === 3) return method === 'GET' ? engine.batchStatus(brand, decodeURIComponent(c!)) : badMethod;
      }
      if (a === 'consents' && b === 'status' && n === 2)
        return method === 'POST' ? engine.consentStatus(brand, body) : badMethod;
      if (a === 'consents' && c === 'status' && n === 4) {
        return method === 'POST' ? engine.multipleStatus(brand, b!, d!, body) : badMethod;
      }
      if (a === 'consents' && b === 'changes' && n === 2)
        return method === 'GET' ? engine.changes(brand, query) : badMethod;
      if ((b === 'retailers' || b === 'retailer') && c === 'access') {
        if (n === 3 && a === 'consents' && b === 'retailers') {
          if (method === 'POST') return engine.addAccess(brand, body);
          if (method === 'PUT') return engine.giveAccess(brand, body);
          return badMethod;
        }
        if (n === 4 && d === 'list' && b === 'retailers') {
          return method === 'POST' ? engine.listAccess(brand, body, query) : badMethod;
        }
        if (a === 'consents' && d === 'remove' && n === 4) {
          return method === 'POST' ? engine.removeAccess(brand, body, false) : badMethod;
        }
        if (a === 'consents' && d === 'remove' && e === 'all' && n === 5) {
          return method === 'POST' ? engine.removeAccess(brand, body, true) : badMethod;
        }
      }
      return notFound;
    }
    if (a === 'retailers') {
      if (n === 1) {
        if (method === 'POST') return engine.addRetailer(brand, body);
        if (method === 'GET') return engine.listRetailers(brand, query);
        return badMethod;
      }
      if (n === 2) {
        if (method === 'GET') return engine.getRetailer(brand, b!);
        if (method === 'DELETE') return engine.deleteRetailer(brand, b!);
        return badMethod;
      }
    }
    if (a === 'changes' && b !== undefined) {
      if (c === 'recipients' && n === 4) return method === 'GET' ? engine.summary(brand, b, d!) : badMethod;
      if (c === 'file' && n === 3) return method === 'GET' ? engine.file(brand, b) : badMethod;
    }
    if (a === 'agreements' && b !== undefined && n === 2) {
      if (method === 'GET') return engine.info(brand, b);
      if (method === 'PUT') return engine.save(brand, b, body);
      return badMethod;
    }
    return notFound;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    stats.requests++;
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://simulator');
    let segs = url.pathname.split('/').filter((s) => s !== '');
    if (segs[0] === 'v2') segs = segs.slice(1);
    const path = `/${segs.join('/')}`;
    const name = path === '/oauth2/token' ? `${method} /oauth2/token` : routeName(method, segs);
    stats.byRoute[name] = (stats.byRoute[name] ?? 0) + 1;
    const raw = await readBody(req);
    if (raw === undefined)
      return send(res, { status: 413, json: { message: 'Payload Too Large', status: 413 } });

    const latency = faults?.latencyMs;
    if (latency !== undefined && (faults?.match ?? defaultMatch)({ method, path })) {
      const ms =
        typeof latency === 'number' ? latency : latency[0] + dice.random() * (latency[1] - latency[0]);
      if (ms > 0) await sleep(ms);
    }
    if (rate) {
      const t = Date.now();
      if (t - windowStart >= 1000) {
        windowStart = t;
        windowCount = 0;
      }
      if (++windowCount > rate.requestsPerSecond) {
        stats.rateLimited++;
        return send(res, { ...errors([problem('H124')], 429), headers: { 'retry-after': '1' } });
      }
    }
    const fault = pickFault(method, path);
    if (fault?.phase === 'before') {
      stats.faultsInjected++;
      const r = faultReply(fault.kind);
      if (r === 'drop') {
        req.socket.destroy();
        return;
      }
      return send(res, r);
    }

    let reply: Reply;
    if (path === '/oauth2/token') {
      reply = method === 'POST' ? tokenEndpoint(req, raw) : badMethod;
    } else if (path === '/version') {
      reply = { status: 200, json: { version: 'izinkit-iys-simulator' } };
    } else {
      const auth = req.headers.authorization ?? '';
      const token = /^Bearer\s+(.+)$/i.exec(auth)?.[1];
      const exp = token === undefined ? undefined : state.accessTokens.get(token);
      if (exp === undefined || exp <= nowMs()) {
        reply = errors([problem('H351')], 401);
      } else {
        let body: unknown;
        let parsed = true;
        if (raw.trim() !== '') {
          try {
            body = JSON.parse(raw);
          } catch {
            parsed = false;
          }
        }
        reply = parsed ? route(method, segs, url.searchParams, body) : errors([problem('H014')], 400);
      }
    }
    if (fault?.phase === 'after') {
      stats.faultsInjected++;
      const r = faultReply(fault.kind);
      if (r === 'drop') {
        req.socket.destroy();
        return;
      }
      return send(res, r);
    }
    send(res, reply);
  };

  const server = createServer({ keepAlive: true }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        send(res, {
          status: 500,
          json: { message: e instanceof Error ? e.message : String(e), status: 500 },
        });
      } else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  // ─── views ───────────────────────────────────────────────────────────────────────────────────
  const brandOf = (brandCode: number): BrandState => {
    const b = state.brands.get(brandCode);
    if (!b) throw new IysSimulatorError('H353', `Bilinmeyen marka / unknown brand ${brandCode}`);
    return b;
  };
  const consentView = (brand: BrandState): SimulatedConsent[] =>
    [...brand.consents.values()].map((c) => ({
      recipient: c.recipient,
      recipientType: c.recipientType,
      type: c.type,
      status: c.status,
      source: c.source as ConsentSource | undefined,
      consentDate: c.consentDate === undefined ? undefined : new Date(c.consentDate),
      creationDate: new Date(c.creationDate),
      transactionId: c.transactionId,
      retailerCode: c.retailerCode,
      retailerAccess: [...c.retailerAccess],
    }));
  const changeView = (brand: BrandState): SimulatedChange[] =>
    sortedLog(brand).map((e) => ({
      transactionId: e.transactionId,
      creationDate: new Date(e.creationDate),
      consentDate: e.consentDate === undefined ? undefined : new Date(e.consentDate),
      source: e.source as ConsentSource | undefined,
      recipient: e.recipient,
      recipientType: e.recipientType,
      type: e.type,
      status: e.status,
      party: e.party,
      citizenName: e.citizenName,
    }));

  return {
    url: `http://${urlHost}:${port}`,
    port,
    async close(): Promise<void> {
      if (batchTimer !== undefined) clearTimeout(batchTimer);
      if (saveTimer !== undefined) clearTimeout(saveTimer);
      saveTimer = undefined;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await saveNow();
    },
    async citizenChange(change: CitizenChange): Promise<void> {
      const p = engine.citizenChange(change);
      if (p) {
        throw new IysSimulatorError(p.code, p.message, p.location ? { location: p.location } : {});
      }
    },
    now: () => new Date(nowMs()),
    setNow(now: Date | (() => Date)): void {
      offset = 0;
      if (typeof now === 'function') clock = now;
      else {
        const fixed = new Date(now.getTime());
        clock = () => fixed;
      }
    },
    advance(ms: number): void {
      offset += ms;
    },
    setFaults(f: FaultOptions | undefined): void {
      faults = f;
    },
    injectFault(fault: OneShotFault): void {
      oneShots.push({ fault, left: fault.times ?? 1 });
    },
    async processBatches(): Promise<number> {
      return engine.processPending();
    },
    snapshot(): SimulatorSnapshot {
      return {
        now: new Date(nowMs()),
        brands: [...state.brands.values()].map((b) => ({
          brandCode: b.brandCode,
          name: b.name,
          master: b.master,
          consents: consentView(b),
          changes: changeView(b),
          retailers: [...b.retailers.keys()],
          agreements: [...b.agreements.keys()],
        })),
        pendingBatches: state.pendingBatches.length,
      };
    },
    consents: (brandCode) => consentView(brandOf(brandCode)),
    changeLog: (brandCode) => changeView(brandOf(brandCode)),
    dailyFile(brandCode, reportDate) {
      const f = dailyFile(brandOf(brandCode), reportDate);
      return { text: f.bytes.toString('utf8'), sha256: f.hash };
    },
    submissions: () =>
      state.submissions.map((s) => ({
        brandCode: s.brandCode,
        recipient: s.recipient,
        recipientType: s.recipientType,
        type: s.type,
        status: s.status,
        via: s.via,
        outcome: s.outcome,
        code: s.code,
        at: new Date(s.at),
      })),
    submissionCount: (key) => {
      const r = checkRecipient(key.recipient, key.type, ['recipient'], undefined);
      const recipient = typeof r === 'string' ? r : key.recipient;
      return state.submissionCounts.get(submissionKey({ ...key, recipient })) ?? 0;
    },
    stats: () => ({ ...stats, byRoute: { ...stats.byRoute } }),
    flush: async () => {
      dirty = dataFile !== undefined;
      await saveNow();
    },
  };
}
