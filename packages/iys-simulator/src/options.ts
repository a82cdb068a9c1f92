import type { ConsentStatus, ConsentType, IysSource, RecipientType } from '@izinkit/iys';

/**
 * A brand the simulated service provider owns.
 *
 * @example
 * ```ts
 * const brand: SimulatorBrand = { brandCode: 600001, name: 'İkinci Marka', master: false };
 * ```
 */
export interface SimulatorBrand {
  /** The brand's İYS number. */
  readonly brandCode: number;
  /** Brand name. */
  readonly name: string;
  /** True for the main brand. */
  readonly master: boolean;
}

/**
 * What an injected fault does: answer HTTP 500, 502 or 503 (no H-code), 429 with H124, 503 with
 * H192 (İYS's own timeout), or drop the connection without an answer.
 *
 * @example
 * ```ts
 * const kinds: FaultKind[] = ['500', '429', 'H192', 'drop'];
 * ```
 */
export type FaultKind = '500' | '502' | '503' | '429' | 'H192' | 'drop';

/**
 * Random faults: with probability `rate` a request gets one of `kinds` instead of an answer.
 * With `phase: 'before'` (the default) the request is not processed at all, so a retry is always
 * safe; with `phase: 'after'` it is processed first and then the answer is lost — the ambiguous
 * case a client must survive (a retried consent then gets H174).
 *
 * @example
 * ```ts
 * const faults: FaultOptions = { rate: 0.2, kinds: ['503', '429'], latencyMs: [0, 20], seed: 42 };
 * ```
 */
export interface FaultOptions {
  /** Probability (0–1) that a request fails. */
  readonly rate?: number;
  /** Faults to choose from, evenly (default `['500', '503', '429', 'H192']`). */
  readonly kinds?: readonly FaultKind[];
  /** Extra latency before every matching request: a fixed number of ms or a `[min, max]` range. */
  readonly latencyMs?: number | readonly [number, number];
  /** `before` (default) or `after` processing. */
  readonly phase?: 'before' | 'after';
  /** Which requests the faults apply to (default: all but `/oauth2/token`). */
  readonly match?: (request: { readonly method: string; readonly path: string }) => boolean;
  /** `Retry-After` seconds on injected 429s (default 1; 0 sends none). */
  readonly retryAfterSeconds?: number;
  /** Seed of the fault dice, for repeatable runs. */
  readonly seed?: number;
}

/**
 * One fault for the next matching request(s), whatever the random faults say.
 *
 * @example
 * ```ts
 * sim.injectFault({ kind: '503', times: 2, match: (r) => r.path.endsWith('/consents/request') });
 * ```
 */
export interface OneShotFault {
  /** What to do. */
  readonly kind: FaultKind;
  /** How many matching requests get it (default 1). */
  readonly times?: number;
  /** `before` (default) or `after` processing. */
  readonly phase?: 'before' | 'after';
  /** Which requests (default: any but `/oauth2/token`). */
  readonly match?: (request: { readonly method: string; readonly path: string }) => boolean;
}

/**
 * Which form the simulator answers in, where İYS's sources disagree. The client reads every form;
 * contract tests switch these to prove it. Requests are accepted in every listed form regardless.
 *
 * @example
 * ```ts
 * const variants: SimulatorVariants = { subrequestIdKey: 'subRequestId', tokenTypeKey: 'tokenType', consentStatusShape: 'doc' };
 * ```
 */
export interface SimulatorVariants {
  /** `subrequestId` (the docs; default) or `subRequestId` (live clients). */
  readonly subrequestIdKey?: 'subrequestId' | 'subRequestId';
  /** `token_type` (default) or `tokenType` (the refresh doc page). */
  readonly tokenTypeKey?: 'token_type' | 'tokenType';
  /** Single status answer: `live` (`retailerAccessCount`, `transactionId`; default), `doc` (`retailerCode`, `retailerAccess`) or `both`. */
  readonly consentStatusShape?: 'live' | 'doc' | 'both';
  /** Base of `index` in synchronous batch errors (default 0). */
  readonly batchErrorIndexBase?: 0 | 1;
  /** Base of `index` in batch status items (default 1, as in the docs). */
  readonly batchStatusIndexBase?: 0 | 1;
  /** Pre-2015 consentDate: `errtab` answers H156 (default), `doc` answers H155 with the docs' text. */
  readonly preMay2015Code?: 'errtab' | 'doc';
  /** Body of a successful retailer delete: `Başarı` (the docs; default) or `Success`. */
  readonly deleteRetailerBody?: 'Başarı' | 'Success';
}

/**
 * Options of {@link startIysSimulator}.
 *
 * @example
 * ```ts
 * const options: IysSimulatorOptions = { port: 0, now: () => new Date('2024-03-04T09:00:00Z'), dataFile: 'sim.json' };
 * ```
 */
export interface IysSimulatorOptions {
  /** Port; `0` (default) picks a free one. */
  readonly port?: number;
  /** Interface to bind (default `127.0.0.1`). */
  readonly host?: string;
  /** The clock every time rule reads (default `() => new Date()`). */
  readonly now?: () => Date;
  /** API user (default `izinkit`). */
  readonly username?: string;
  /** API password (default `izinkit`). */
  readonly password?: string;
  /** The provider's İYS number (default 600000). */
  readonly iysCode?: number;
  /** Brands (default 600000 master and 600001). */
  readonly brands?: readonly SimulatorBrand[];
  /** A JSON file the state is loaded from and saved to (default: memory only). */
  readonly dataFile?: string;
  /** Save at most this often while busy, in ms (default 1000). */
  readonly persistIntervalMs?: number;
  /** Access-token lifetime in seconds (default 7200). */
  readonly accessTokenTtlSeconds?: number;
  /** Refresh-token lifetime in seconds (default 14 400). */
  readonly refreshTokenTtlSeconds?: number;
  /** Token requests allowed per hour of simulated time before H084 (default 100). */
  readonly authRequestsPerHour?: number;
  /** Requests per second (real time) before 429 + H124, or `false` (default) for no limit. */
  readonly rateLimit?:
    | {
        /** Requests allowed per second. */
        readonly requestsPerSecond: number;
      }
    | false;
  /** Random faults (can be changed later with `setFaults`). */
  readonly faults?: FaultOptions;
  /** How batch requests are processed: after `delayMs` of real time (default 0), or only when `processBatches()` is called (`manual`). */
  readonly batch?: {
    /** Real-time delay before a submitted request is processed (default 0). */
    readonly delayMs?: number;
    /** Process only when `processBatches()` is called. */
    readonly manual?: boolean;
  };
  /** The 3-business-day rule for ONAY consents: on (default), off, or on from an activation date. */
  readonly threeBusinessDayRule?:
    | boolean
    | {
        /** The rule applies to submissions from this instant on. */
        readonly activatedAt: Date;
      };
  /** Pull page size: default 500, maximum 1000. */
  readonly pull?: {
    /** Page size when the request has no `limit` (default 500). */
    readonly defaultLimit?: number;
    /** Largest `limit` accepted (default 1000; above it H183). */
    readonly maxLimit?: number;
  };
  /** Answer forms where sources disagree. */
  readonly variants?: SimulatorVariants;
  /** Seed for ids (transaction, request, cursor); default random. */
  readonly seed?: number;
}

/**
 * A change a citizen makes on İYS itself (e-Devlet, İYS web or mobile, call centre, SMS to 3338…).
 *
 * @example
 * ```ts
 * const change: CitizenChange = { brandCode: 600000, recipient: '+905321234567', recipientType: 'BIREYSEL', type: 'MESAJ', status: 'RET', source: 'IYS_MOBIL' };
 * ```
 */
export interface CitizenChange {
  /** The brand concerned. */
  readonly brandCode: number;
  /** Phone (E.164) or e-mail address. */
  readonly recipient: string;
  /** Recipient type. */
  readonly recipientType: RecipientType;
  /** Channel. */
  readonly type: ConsentType;
  /** New status. */
  readonly status: ConsentStatus;
  /** İYS channel the citizen used (`IYS_*`). */
  readonly source: IysSource;
  /** Shown in the pull with `source=IYS` (a citizen giving the brand access for the first time). */
  readonly citizenName?: string;
}
