import type { CalendarOptions } from '@izinkit/calendar';
import {
  type ConsentEffect,
  type ConsentEvent,
  type ConsentKey,
  type ConsentState,
  ConsentStateSchema,
  consentKey,
  initialState,
  keyId,
  migrate as migrateState,
  recipientKind,
  type TransitionOutcome,
  transition,
} from '@izinkit/consent';
import { canonicalize } from '@izinkit/evidence';
import { type AuditInput, auditRecord } from './access.js';
import type { Database, Queryable } from './database.js';
import { StorageError } from './errors.js';
import { type Crypto, type StorageKeys, storageCrypto } from './keys.js';

/** Purpose labels bound into the ciphertexts, so a value encrypted for one use never opens as another. */
const RECIPIENT_PURPOSE = 'consent.recipient';

/**
 * A consent as stored: the machine's state plus the row's identity and bookkeeping.
 *
 * @example
 * ```ts
 * const c = await consents.get(key);
 * c?.state.current?.status; // 'ONAY'
 * ```
 */
export interface StoredConsent {
  /** Row id (stable). */
  readonly id: number;
  /** The machine's state, recipient included. */
  readonly state: ConsentState;
  /** Events in its log. */
  readonly eventCount: number;
  /** When the row was created. */
  readonly createdAt: Date;
  /** When it last changed. */
  readonly updatedAt: Date;
}

/**
 * One entry of a consent's event log.
 *
 * @example
 * ```ts
 * for (const e of await consents.events(key)) console.log(e.n, e.event.type, e.outcome);
 * ```
 */
export interface StoredConsentEvent {
  /** Position in the consent's log, from 1. */
  readonly n: number;
  /** The event as recorded. */
  readonly event: ConsentEvent;
  /** `applied`, or `ignored` (a no-op the machine explained; kept for the audit trail). */
  readonly outcome: 'applied' | 'ignored';
  /** The evidence entry recorded with it, if any. */
  readonly evidenceId: number | null;
  /** When it was written. */
  readonly recordedAt: Date;
}

/**
 * One change to apply in {@link ConsentRepository.recordMany}.
 *
 * @example
 * ```ts
 * const item: RecordItem = { key, event: { type: 'TICK', at: new Date().toISOString() } };
 * ```
 */
export interface RecordItem {
  /** Which consent (normalised key; see `consentKey` in @izinkit/consent). */
  readonly key: ConsentKey;
  /** The event. */
  readonly event: ConsentEvent;
  /**
   * A proof-of-consent record (any JSON, typically `buildEvidence(...).value` from
   * @izinkit/evidence) stored as the evidence entry of the decision this event records. Without
   * it, the entry is built from the machine's `recordEvidence` effect.
   */
  readonly evidence?: unknown;
}

/**
 * The outcome of one recorded event.
 *
 * @example
 * ```ts
 * const r = await consents.record(key, event);
 * if (r.outcome.kind === 'rejected') console.log(r.outcome.error.code);
 * ```
 */
export interface RecordResult {
  /** The consent's row id. */
  readonly consentId: number;
  /** The state after the event (unchanged unless applied). */
  readonly state: ConsentState;
  /** The effects of the event (already written to the outboxes and the evidence queue). */
  readonly effects: readonly ConsentEffect[];
  /** Applied, ignored or rejected. A rejected event is not logged. */
  readonly outcome: TransitionOutcome;
  /** Evidence entries written for it. */
  readonly evidenceIds: readonly number[];
}

/** Options of {@link ConsentRepository}. */
export interface ConsentRepositoryOptions {
  /** The database (migrated). */
  readonly db: Database;
  /** Lookup and encryption keys. */
  readonly keys: StorageKeys;
  /** Business-day options for the machine's deadlines (use the same ones everywhere). */
  readonly calendar?: CalendarOptions;
  /** The clock events are checked against (default: the system clock). */
  readonly now?: () => Date;
}

/**
 * A change the İYS sync has claimed from the outbox: what to send, with the recipient decrypted.
 *
 * @example
 * ```ts
 * const batch = await consents.claimIysChanges({ worker: 'w1', limit: 1000 });
 * ```
 */
export interface ClaimedIysChange {
  /** Outbox row id. */
  readonly outboxId: number;
  /** Consent row id. */
  readonly consentId: number;
  /** The consent's key (recipient decrypted). */
  readonly key: ConsentKey;
  /** The change id the result events must carry. */
  readonly changeId: string;
  /** ONAY or RET. */
  readonly status: 'ONAY' | 'RET';
  /** HS_* source. */
  readonly source: string;
  /** consentDate, canonical instant. */
  readonly consentDate: string;
  /** Retailer code, if any. */
  readonly retailerCode: number | null;
  /** Retailer access, if any. */
  readonly retailerAccess: readonly number[] | null;
  /** Statutory deadline. */
  readonly deadlineAt: Date;
  /** Claims so far (this one included). */
  readonly attempts: number;
  /** The İYS batch request id of an earlier submission (set by {@link ConsentRepository.markIysSubmitted}). */
  readonly requestId: string | null;
  /** The item's sub-request id in that request (set by {@link ConsentRepository.recordIysRequest}). */
  readonly subrequestId: string | null;
  /** The item's position (from 0) in that request (set by {@link ConsentRepository.recordIysRequest}). */
  readonly requestIndex: number | null;
  /** The error kept by the last failed attempt, if any. */
  readonly lastError: string | null;
  /**
   * When an earlier attempt may have reached İYS without its outcome being known (set by
   * {@link ConsentRepository.markIysSubmitted}, cleared by a result with `notSent`, or when done).
   * With no `requestId`, ask İYS for the consent's status before sending it again.
   */
  readonly submittedAt: Date | null;
}

/** Options of {@link ConsentRepository.claimIysChanges}. */
export interface ClaimOptions {
  /** The claiming worker's name (kept on the row). */
  readonly worker: string;
  /** At most this many rows (default 1000). */
  readonly limit?: number;
  /** How long the claim holds before another worker may take the row over (default 60 s). */
  readonly leaseMs?: number;
  /** Only this brand. */
  readonly brandCode?: string;
  /** The clock (default: the repository's). */
  readonly now?: Date;
}

/** Options of {@link ConsentRepository.claimIysChangesToSend}. */
export interface ClaimToSendOptions extends ClaimOptions {
  /** When a change the machine refused to mark for now may be claimed again (default: at once). */
  readonly retryAt?: Date;
}

/**
 * What {@link ConsentRepository.claimIysChangesToSend} claimed: changes marked submitted in the
 * same transaction (send them now), and changes sent before (poll their request, or check with İYS
 * before sending again).
 *
 * @example
 * ```ts
 * const { send, resume } = await consents.claimIysChangesToSend({ worker: 'w1', limit: 1000 });
 * ```
 */
export interface IysSendClaim {
  /**
   * Claimed and marked submitted (`IYS_SUBMITTED` applied, `submitted_at` set): not sent before,
   * to send now. Their `submittedAt` is the mark's time.
   */
  readonly send: ClaimedIysChange[];
  /**
   * Claimed changes an earlier attempt may have sent (a request id to poll, or `submittedAt` with
   * the outcome unknown), exactly as {@link ConsentRepository.claimIysChanges} returns them.
   */
  readonly resume: ClaimedIysChange[];
  /** Rows settled as cancelled in the same transaction: the machine no longer wants them sent. */
  readonly cancelled: number;
  /** Rows given back in the same transaction: the machine cannot send them yet (`retryAt`). */
  readonly released: number;
}

/**
 * A result to feed back for a claimed outbox row ({@link ConsentRepository.completeIysChanges}):
 * the machine event (`IYS_ACCEPTED`, `IYS_REFUSED` or `IYS_SUBMISSION_FAILED`) and, for a failure to
 * retry, when the row may be claimed again.
 *
 * @example
 * ```ts
 * const r: IysResult = { outboxId: 7, event: { type: 'IYS_ACCEPTED', at, changeId, transactionId } };
 * ```
 */
export interface IysResult {
  /** The claimed outbox row. */
  readonly outboxId: number;
  /** The event to apply to the consent. */
  readonly event: ConsentEvent;
  /** For a retryable failure: when to try again (default: at once). */
  readonly retryAt?: Date;
  /** For a retryable failure: the error text kept on the row. */
  readonly error?: string;
  /**
   * For a retryable failure: the change certainly did not reach İYS (the request was refused before
   * processing, or İYS processed it as a failure), so the next attempt may send it without asking
   * İYS first. Leave unset when the outcome is unknown (a lost reply).
   */
  readonly notSent?: boolean;
}

/**
 * A change read from İYS, for {@link ConsentRepository.applyIysPulls}.
 *
 * @example
 * ```ts
 * const c: PulledIysChange = { key, transactionId: 't1', status: 'RET', source: 'IYS_MOBIL',
 *   consentDate: '2026-03-14T07:00:00.000Z', creationDate: '2026-03-14T07:00:05.000Z' };
 * ```
 */
export interface PulledIysChange {
  /** The consent (normalised key). */
  readonly key: ConsentKey;
  /** İYS's transaction id. */
  readonly transactionId: string;
  /** ONAY or RET. */
  readonly status: 'ONAY' | 'RET';
  /** Its source (`IYS_*` for citizens' changes). */
  readonly source: string;
  /** consentDate, canonical instant. */
  readonly consentDate: string;
  /** İYS's creationDate, canonical instant. */
  readonly creationDate: string;
}

/**
 * What {@link ConsentRepository.applyIysPulls} did.
 *
 * @example
 * ```ts
 * const { applied, ignored, duplicates, rejected } = await consents.applyIysPulls('600000', changes);
 * ```
 */
export interface PullApplyResult {
  /** Changes that moved a consent. */
  readonly applied: number;
  /** Changes the machine logged as no-ops (stale or known). */
  readonly ignored: number;
  /** Transactions already known, skipped. */
  readonly duplicates: number;
  /** Changes the machine refused (not logged), with its code. */
  readonly rejected: readonly {
    /** İYS's transaction id. */
    readonly transactionId: string;
    /** The machine's rejection code. */
    readonly code: string;
  }[];
}

/**
 * Counts of the İYS outbox ({@link ConsentRepository.iysOutboxStatus}).
 *
 * @example
 * ```ts
 * const s: IysOutboxStatus = await consents.iysOutboxStatus({ dueBefore });
 * ```
 */
export interface IysOutboxStatus {
  /** Waiting to be claimed. */
  readonly pending: number;
  /** Claimed by a worker. */
  readonly inFlight: number;
  /** Not settled, deadline before `dueBefore` and not passed. */
  readonly dueSoon: number;
  /** Not settled and past the deadline. */
  readonly overdue: number;
  /** Sent at least once with the outcome unknown (checked with İYS before any resend). */
  readonly inDoubt: number;
  /** The earliest deadline not settled. */
  readonly nextDeadlineAt: Date | null;
  /** Settled rows by result: `accepted`, `already_registered`, `refused`, `cancelled`. */
  readonly results: Readonly<Record<string, number>>;
  /** Refusals by İYS H-code. */
  readonly refused: readonly {
    /** The H-code. */
    readonly code: string;
    /** How many changes İYS refused with it. */
    readonly count: number;
  }[];
}

/**
 * An unsettled İYS change near or past its deadline ({@link ConsentRepository.iysChangesDueBefore}).
 *
 * @example
 * ```ts
 * const [first] = await consents.iysChangesDueBefore({ dueBefore });
 * first?.deadlineAt;
 * ```
 */
export interface DueIysChange {
  /** Outbox row id. */
  readonly outboxId: number;
  /** Consent row id. */
  readonly consentId: number;
  /** Brand. */
  readonly brandCode: string;
  /** The change id. */
  readonly changeId: string;
  /** Channel (`MESAJ`, `ARAMA`, `EPOSTA`). */
  readonly channel: string;
  /** ONAY or RET. */
  readonly status: 'ONAY' | 'RET';
  /** `pending` or `claimed`. */
  readonly queueStatus: 'pending' | 'claimed';
  /** Statutory deadline. */
  readonly deadlineAt: Date;
  /** Claims so far. */
  readonly attempts: number;
  /** Last error kept on the row. */
  readonly lastError: string | null;
}

/** An effect other than an İYS submission, waiting in `effect_outbox` for the shell to run. */
export interface PendingEffect {
  /** Row id. */
  readonly id: number;
  /** The effect's type. */
  readonly kind: string;
  /** The effect, recipient decrypted. */
  readonly effect: ConsentEffect;
  /** Claims so far (this one included). */
  readonly attempts: number;
}

interface LockedRow {
  id: number;
  key_hash: string;
  recipient_enc: string;
  state: unknown;
  event_count: number;
  /** The row version's writing transaction (`xmin`), to recognise a state this process wrote. */
  xmin: string;
  /**
   * Set for a consent this transaction creates: the row does not exist yet (its id is reserved
   * from the sequence) and is inserted with its final state when the batch is written.
   */
  created?: {
    readonly key: ConsentKey;
    readonly recipientHash: string;
  };
}

/** A consent another transaction created at the same moment: the transaction is run again. */
class CreatedConcurrently extends Error {}

/**
 * The row versions this repository wrote and saw committed, by consent id: `xmin:event_count`.
 * A locked row still carrying that version holds exactly the state this process validated and
 * wrote, so it is read back without running the state schema again (the trusted fast path); any
 * other row — written by another process, an older version, a transaction that rolled back — is
 * parsed and validated in full. Bounded (oldest forgotten first); holds no recipient.
 */
class WrittenVersions {
  readonly #max: number;
  readonly #map = new Map<number, string>();

  constructor(max: number) {
    this.#max = max;
  }

  has(row: Pick<LockedRow, 'id' | 'xmin' | 'event_count'>): boolean {
    return this.#map.get(row.id) === `${row.xmin}:${row.event_count}`;
  }

  remember(written: readonly { id: number; xmin: string; count: number }[]): void {
    for (const w of written) {
      this.#map.delete(w.id);
      this.#map.set(w.id, `${w.xmin}:${w.count}`);
    }
    for (const id of this.#map.keys()) {
      if (this.#map.size <= this.#max) break;
      this.#map.delete(id);
    }
  }
}

/**
 * The states a claim wrote (recipient blanked), by consent id, with the row version holding them
 * (`id:xmin:event_count`), for the complete path of the same changes: it reads a consent's state
 * back from the database only when the row is no longer that version (another writer came
 * between, the transaction that wrote it rolled back, or the entry was forgotten). Filled after
 * the claim committed; an entry is used once. Bounded (oldest forgotten first); holds no
 * recipient. Only the push path uses it.
 */
class ClaimedStates {
  readonly #max: number;
  readonly #byConsent = new Map<number, { readonly version: string; readonly state: ConsentState }>();
  /** Outbox id → consent id, for the rows the claim sent. */
  readonly #consentOf = new Map<number, number>();

  constructor(max: number) {
    this.#max = max;
  }

  remember(
    written: readonly { id: number; xmin: string; count: number }[],
    states: ReadonlyMap<number, ConsentState>,
    outbox: readonly { readonly outboxId: number; readonly consentId: number }[],
  ): void {
    for (const w of written) {
      const state = states.get(w.id);
      if (state === undefined) continue;
      this.#byConsent.delete(w.id);
      this.#byConsent.set(w.id, { version: `${w.id}:${w.xmin}:${w.count}`, state: blank(state) });
    }
    for (const o of outbox) {
      if (!this.#byConsent.has(o.consentId)) continue;
      this.#consentOf.delete(o.outboxId);
      this.#consentOf.set(o.outboxId, o.consentId);
    }
    for (const map of [this.#byConsent, this.#consentOf] as Map<number, unknown>[]) {
      for (const id of map.keys()) {
        if (map.size <= this.#max) break;
        map.delete(id);
      }
    }
  }

  /** The row versions known for the consents of these outbox rows. */
  versions(outboxIds: readonly number[]): string[] {
    const out: string[] = [];
    for (const id of outboxIds) {
      const c = this.#consentOf.get(id);
      const e = c === undefined ? undefined : this.#byConsent.get(c);
      if (e) out.push(e.version);
    }
    return out;
  }

  /** The state kept for this exact row version, if any (the entry is used up). */
  take(row: Pick<LockedRow, 'id' | 'xmin' | 'event_count'>): ConsentState | undefined {
    const e = this.#byConsent.get(row.id);
    if (!e || e.version !== `${row.id}:${row.xmin}:${row.event_count}`) return undefined;
    this.#byConsent.delete(row.id);
    return e.state;
  }

  /** Forgets these outbox rows (settled). */
  forget(outboxIds: readonly number[]): void {
    for (const id of outboxIds) {
      const c = this.#consentOf.get(id);
      this.#consentOf.delete(id);
      if (c !== undefined) this.#byConsent.delete(c);
    }
  }
}

/** An outbox row as a claim reads it. */
interface ClaimRow {
  id: number;
  consent_id: number;
  change_id: string;
  payload: {
    status: 'ONAY' | 'RET';
    source: string;
    consentDate: string;
    retailerCode?: number | null;
    retailerAccess?: number[] | null;
    key: Omit<ConsentKey, 'recipient'>;
  };
  deadline_at: Date;
  attempts: number;
  request_id: string | null;
  subrequest_id: string | null;
  request_index: number | null;
  last_error: string | null;
  submitted_at: Date | null;
}

interface Prepared {
  readonly key: ConsentKey;
  readonly keyHash: string;
}

interface OutboxRow {
  id: number;
  consent_id: number;
  payload: {
    key: Omit<ConsentKey, 'recipient'>;
    status: 'ONAY' | 'RET';
    source: string;
    consentDate: string;
  };
}

interface IysTransactionRow {
  readonly brandCode: string;
  readonly transactionId: string;
  readonly consentId: number;
  readonly keyHash: string;
  readonly recipientType: string;
  readonly type: string;
  readonly party: 'HS' | 'IYS';
  readonly status: string;
  readonly consentDate: string | null;
  readonly source: string | null;
  readonly creationDate: string;
  readonly changeId: string | null;
}

/** Keeps İYS transactions learnt in this transaction (a transaction already known is left alone). */
async function insertIysTransactions(tx: Queryable, rows: readonly IysTransactionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await runExtra(tx, [iysTransactionsInsert(rows)]);
}

/** The insert of İYS transaction rows (known ones are skipped), as a batch's extra write. */
function iysTransactionsInsert(rows: readonly IysTransactionRow[]): Extra {
  return (p) =>
    `insert into iys_transactions (brand_code, transaction_id, consent_id, key_hash, recipient_type, type, party, status,
                                   consent_date, source, creation_date, change_id)
     select * from unnest(${p(rows.map((r) => r.brandCode))}::text[], ${p(rows.map((r) => r.transactionId))}::text[],
                          ${p(rows.map((r) => r.consentId))}::bigint[], ${p(rows.map((r) => r.keyHash))}::text[],
                          ${p(rows.map((r) => r.recipientType))}::text[], ${p(rows.map((r) => r.type))}::text[],
                          ${p(rows.map((r) => r.party))}::text[], ${p(rows.map((r) => r.status))}::text[],
                          ${p(rows.map((r) => r.consentDate))}::timestamptz[], ${p(rows.map((r) => r.source))}::text[],
                          ${p(rows.map((r) => r.creationDate))}::timestamptz[], ${p(rows.map((r) => r.changeId))}::text[])
     on conflict (brand_code, transaction_id) do nothing`;
}

/**
 * The audit entries of a `recordMany` call as two writes of the batch's statement: their evidence
 * entries (in input order, so the k-th smallest id drawn is the k-th entry), then the `audit_log`
 * rows pointing at them. The second refers to the first by the name the batch gives its extra
 * writes (`x<index>`, see {@link Batch.flush} and {@link runExtra}).
 */
function auditWrites(entries: readonly AuditInput[]): Extra[] {
  const doc = JSON.stringify(
    entries.map((a, o) => {
      const { at, details, record } = auditRecord(a);
      return {
        o,
        c: canonicalize(record),
        r: `audit:${a.action}`,
        at: at.toISOString(),
        ac: a.actor,
        act: a.action,
        t: a.target ?? null,
        d: details,
      };
    }),
  );
  let placeholder = '';
  return [
    (p) => {
      placeholder = p(doc);
      return `insert into evidence_entries (kind, canonical, subject_hash, ref)
        select 'audit', v.c, null, v.r from jsonb_to_recordset(${placeholder}::jsonb) as v(o int, c text, r text)
         order by v.o
        returning id`;
    },
    () => {
      // Built right after the first, into the same parameter list: the document is sent once.
      const again = placeholder;
      return `insert into audit_log (at, actor, action, target, details, evidence_id)
        select v.at, v.ac, v.act, v.t, v.d, e.id
          from jsonb_to_recordset(${again}::jsonb) as v(o int, at timestamptz, ac text, act text, t text, d jsonb)
          join (select id, (row_number() over (order by id))::int - 1 as o from x0) e on e.o = v.o
         order by v.o`;
    },
  ];
}

const isProviderChangeEvent = (e: ConsentEvent): boolean =>
  e.type === 'IYS_ACCEPTED' || e.type === 'IYS_REFUSED' || e.type === 'IYS_SUBMISSION_FAILED';

/**
 * The consent store: every consent's current state and its append-only event log, with the
 * effects of each event written in the same transaction — İYS submissions to `iys_outbox`, messages
 * and alerts to `effect_outbox`, proof to the evidence queue. A consent change, its evidence record
 * and its outbox row commit together or not at all.
 *
 * Events go through the @izinkit/consent machine under a row lock (`SELECT … FOR UPDATE`), so any
 * number of processes may record concurrently. Recipients are stored as keyed hashes and
 * encrypted values only.
 *
 * @example
 * ```ts
 * const consents = new ConsentRepository({ db, keys });
 * const key = consentKeyOrThrow({ brandCode: '600000', recipient: '0532 123 45 67', recipientType: 'BIREYSEL', type: 'MESAJ' });
 * const r = await consents.record(key, {
 *   type: 'DECISION_RECORDED', at: new Date().toISOString(), decisionId: 'd-1',
 *   status: 'ONAY', source: 'HS_WEB', consentDate: new Date(Date.now() - 1000).toISOString(),
 * });
 * r.effects.map((e) => e.type); // ['recordEvidence', 'submitToIys', 'notifyRecipient']
 * ```
 */
export class ConsentRepository {
  readonly #db: Database;
  readonly #crypto: Crypto;
  readonly #calendar: CalendarOptions | undefined;
  readonly #now: () => Date;
  readonly #written = new WrittenVersions(200_000);
  readonly #claimedStates = new ClaimedStates(20_000);

  /** @param options - database, keys, calendar options and clock */
  constructor(options: ConsentRepositoryOptions) {
    this.#db = options.db;
    this.#crypto = storageCrypto(options.keys);
    this.#calendar = options.calendar;
    this.#now = options.now ?? (() => new Date());
  }

  #plan(now: Date): Batch {
    return new Batch(this.#crypto, this.#calendar, now, this.#written);
  }

  /** Runs `fn` in a transaction; the versions its plans wrote are remembered once it committed. */
  async #transaction<T>(fn: (tx: Queryable, plans: Batch[]) => Promise<T>): Promise<T> {
    const plans: Batch[] = [];
    const out = await this.#db.transaction((tx) => fn(tx, plans));
    for (const p of plans) this.#written.remember(p.written);
    return out;
  }

  /** Keyed hash of a recipient (phone or e-mail), as stored in `recipient_hash`. */
  recipientHash(recipient: string): string {
    return this.#crypto.hash(recipientKind(recipient) === 'phone' ? 'phone' : 'email', recipient);
  }

  /** Keyed hash of a whole consent key, as stored in `key_hash`. */
  keyHash(key: ConsentKey): string {
    return this.#crypto.hashRaw('consent.key', keyId(key));
  }

  /**
   * Records one event for one consent: locks (or creates) its row, runs the machine, appends the
   * event, updates the state and writes the effects — one transaction.
   *
   * @example
   * ```ts
   * await consents.record(key, { type: 'TICK', at: new Date().toISOString() });
   * ```
   */
  async record(
    key: ConsentKey,
    event: ConsentEvent,
    options: { evidence?: unknown } = {},
  ): Promise<RecordResult> {
    const item: RecordItem =
      options.evidence === undefined ? { key, event } : { key, event, evidence: options.evidence };
    const [r] = await this.recordMany([item]);
    return r!;
  }

  /**
   * Records many events in one transaction, each through the machine in the order given (several
   * events for one consent apply in sequence). Returns one result per item, in order.
   *
   * `options.audit`: audit entries to write in the same transaction — each an `audit` entry of the
   * evidence log and an `audit_log` row pointing at it, exactly as `AccessRepository.audit` writes
   * one — carried by the batch's own statement (no extra round trip), so the consent changes and
   * their audit trail commit together.
   *
   * @example
   * ```ts
   * const results = await consents.recordMany(rows.map((r) => ({ key: r.key, event: r.event })));
   * await consents.recordMany([{ key, event }], {
   *   audit: [{ actor: 'api-key:k1', action: 'consent.record', target: consents.keyHash(key) }],
   * });
   * ```
   */
  async recordMany(
    items: readonly RecordItem[],
    options: { readonly audit?: readonly AuditInput[] } = {},
  ): Promise<RecordResult[]> {
    const audit = options.audit ?? [];
    if (items.length === 0 && audit.length === 0) return [];
    const prepared = items.map((i) => this.#prepare(i.key));
    const extra = audit.length > 0 ? auditWrites(audit) : [];
    return this.#creating((tx, plans) =>
      (async () => {
        const rows =
          prepared.length > 0 ? await this.#lockOrCreate(tx, prepared) : new Map<string, LockedRow>();
        const plan = this.#plan(this.#now());
        plans.push(plan);
        const results = items.map((item, i) => plan.apply(rows.get(prepared[i]!.keyHash)!, item));
        await plan.flush(tx, extra);
        return results.map((r) => ({ ...r, evidenceIds: plan.evidenceIdsOf(r) }));
      })(),
    );
  }

  /**
   * A transaction that may create consents: run again (a few times) when another transaction
   * created one of the same consents at the same moment — the second run finds and locks it.
   */
  async #creating<T>(fn: (tx: Queryable, plans: Batch[]) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#transaction(fn);
      } catch (e) {
        if (!(e instanceof CreatedConcurrently) || attempt >= 5) throw e;
      }
    }
  }

  /**
   * The stored consent of a key, or `null`.
   *
   * @example
   * ```ts
   * const c = await consents.get(key);
   * ```
   */
  async get(key: ConsentKey): Promise<StoredConsent | null> {
    const { rows } = await this.#db.query<ConsentRow>(
      'select id, recipient_enc, state, event_count, created_at, updated_at from consents where key_hash = $1',
      [this.keyHash(key)],
    );
    return rows[0] ? this.#stored(rows[0]) : null;
  }

  /**
   * Every consent of one recipient at one brand (all channels, both recipient types).
   *
   * @example
   * ```ts
   * const all = await consents.findByRecipient('600000', '+905321234567');
   * ```
   */
  async findByRecipient(brandCode: string, recipient: string): Promise<StoredConsent[]> {
    const { rows } = await this.#db.query<ConsentRow>(
      `select id, recipient_enc, state, event_count, created_at, updated_at from consents
        where brand_code = $1 and recipient_hash = $2 order by recipient_type, type`,
      [brandCode, this.recipientHash(recipient)],
    );
    return rows.map((r) => this.#stored(r));
  }

  /**
   * Every consent of one recipient at every brand.
   *
   * @example
   * ```ts
   * const all = await consents.findByRecipientEverywhere('ayse@example.com');
   * ```
   */
  async findByRecipientEverywhere(recipient: string): Promise<StoredConsent[]> {
    const { rows } = await this.#db.query<ConsentRow>(
      `select id, recipient_enc, state, event_count, created_at, updated_at from consents
        where recipient_hash = $1 order by brand_code, recipient_type, type`,
      [this.recipientHash(recipient)],
    );
    return rows.map((r) => this.#stored(r));
  }

  /**
   * A consent's event log, oldest first.
   *
   * @example
   * ```ts
   * const log = await consents.events(key);
   * ```
   */
  async events(key: ConsentKey): Promise<StoredConsentEvent[]> {
    const { rows } = await this.#db.query<{
      n: number;
      event: ConsentEvent;
      outcome: 'applied' | 'ignored';
      evidence_id: number | null;
      recorded_at: Date;
    }>(
      `select e.n, e.event, e.outcome, e.evidence_id, e.recorded_at
         from consent_events e join consents c on c.id = e.consent_id
        where c.key_hash = $1 order by e.n`,
      [this.keyHash(key)],
    );
    return rows.map((r) => ({
      n: r.n,
      event: r.event,
      outcome: r.outcome,
      evidenceId: r.evidence_id,
      recordedAt: r.recorded_at,
    }));
  }

  /**
   * Claims up to `limit` İYS changes for one worker, earliest deadline first, with
   * `FOR UPDATE SKIP LOCKED` so concurrent workers never take the same row. A claim whose lease
   * ran out (its worker died) is taken over.
   *
   * @example
   * ```ts
   * const claimed = await consents.claimIysChanges({ worker: `w-${process.pid}`, limit: 1000, leaseMs: 60_000 });
   * ```
   */
  async claimIysChanges(options: ClaimOptions): Promise<ClaimedIysChange[]> {
    const now = options.now ?? this.#now();
    const limit = options.limit ?? 1000;
    const leaseUntil = new Date(now.getTime() + (options.leaseMs ?? 60_000));
    const { rows } = await this.#db.transaction((tx) =>
      tx.query<{
        id: number;
        consent_id: number;
        change_id: string;
        payload: {
          status: 'ONAY' | 'RET';
          source: string;
          consentDate: string;
          retailerCode: number | null;
          retailerAccess: number[] | null;
          key: Omit<ConsentKey, 'recipient'>;
        };
        deadline_at: Date;
        attempts: number;
        request_id: string | null;
        subrequest_id: string | null;
        request_index: number | null;
        last_error: string | null;
        submitted_at: Date | null;
        recipient_enc: string;
      }>(
        `with picked as (
           select id from iys_outbox
            where ((status = 'pending' and available_at <= $1) or (status = 'claimed' and claimed_until < $1))
              and ($4::text is null or brand_code = $4)
            order by deadline_at, id
            limit $2
            for update skip locked
         )
         update iys_outbox o
            set status = 'claimed', claimed_by = $3, claimed_until = $5, attempts = o.attempts + 1
           from picked, consents c
          where o.id = picked.id and c.id = o.consent_id
        returning o.id, o.consent_id, o.change_id, o.payload, o.deadline_at, o.attempts, o.request_id,
                  o.subrequest_id, o.request_index, o.last_error, o.submitted_at, c.recipient_enc`,
        [now, limit, options.worker, options.brandCode ?? null, leaseUntil],
      ),
    );
    return rows
      .sort((a, b) => a.deadline_at.getTime() - b.deadline_at.getTime() || a.id - b.id)
      .map((r) => ({
        outboxId: r.id,
        consentId: r.consent_id,
        key: { ...r.payload.key, recipient: this.#crypto.decrypt(r.recipient_enc, RECIPIENT_PURPOSE) },
        changeId: r.change_id,
        status: r.payload.status,
        source: r.payload.source,
        consentDate: r.payload.consentDate,
        retailerCode: r.payload.retailerCode,
        retailerAccess: r.payload.retailerAccess,
        deadlineAt: r.deadline_at,
        attempts: r.attempts,
        requestId: r.request_id,
        subrequestId: r.subrequest_id,
        requestIndex: r.request_index,
        lastError: r.last_error,
        submittedAt: r.submitted_at,
      }));
  }

  /**
   * Claims up to `limit` İYS changes and, in the same transaction, marks the ones not sent before
   * as leaving: {@link ConsentRepository.claimIysChanges} followed by
   * {@link ConsentRepository.markIysSubmitted}, in one transaction and half the statements. Rows
   * are taken earliest deadline first with `FOR UPDATE SKIP LOCKED` on the outbox row and its
   * consent (a consent busy in another transaction is left for the next claim). A change the
   * machine refuses to mark is cancelled when the machine no longer wants it sent (superseded), or
   * given back until `retryAt` when it is still wanted (another change of the consent goes first).
   *
   * @example
   * ```ts
   * const { send, resume } = await consents.claimIysChangesToSend({ worker: 'w1', limit: 1000, leaseMs: 120_000 });
   * const { requestId } = await client.consents.submitBatch(600000, send.map(toConsent));
   * ```
   */
  async claimIysChangesToSend(options: ClaimToSendOptions): Promise<IysSendClaim> {
    const now = options.now ?? this.#now();
    const at = now.toISOString();
    const limit = options.limit ?? 1000;
    const leaseUntil = new Date(now.getTime() + (options.leaseMs ?? 60_000));
    // The states this claim writes, for the complete path of the same changes (kept once the
    // transaction committed).
    let written: Batch | undefined;
    const finalStates = new Map<number, ConsentState>();
    const sentRows: { outboxId: number; consentId: number }[] = [];
    const out = await this.#transaction(async (tx, plans) => {
      // The claim must walk the queue index in deadline order and stop at `limit` rows. Without
      // statistics (never analysed, or stale after a burst) the planner takes the pending rows to
      // be a few dozen and instead collects every one of them through bitmap scans, joins each to
      // its consent, sorts them all and keeps `limit`: measured 2.1 s per claim with 100,000
      // pending (a 150 MB on-disk sort) against 14 ms in index order. Without bitmap scans the
      // ordered queue index is the cheapest path at any size; the setting is restored for the
      // batch's statement below. (Not `enable_sort = off`: its penalty cost pushes the batch's
      // statement, which must sort, over the JIT threshold.)
      await tx.exec('set local enable_bitmapscan = off');
      const { rows } = await tx.query<
        LockedRow & {
          outbox_id: number;
          change_id: string;
          payload: ClaimRow['payload'];
          deadline_at: Date;
          attempts: number;
          request_id: string | null;
          subrequest_id: string | null;
          request_index: number | null;
          last_error: string | null;
          submitted_at: Date | null;
        }
      >(
        `select o.id as outbox_id, o.change_id, o.payload, o.deadline_at, o.attempts + 1 as attempts, o.request_id,
                o.subrequest_id, o.request_index, o.last_error, o.submitted_at,
                c.id, c.key_hash, c.recipient_enc, c.event_count, c.xmin::text as xmin,
                case when o.request_id is null and o.submitted_at is null then c.state end as state
           from iys_outbox o join consents c on c.id = o.consent_id
          where ((o.status = 'pending' and o.available_at <= $1) or (o.status = 'claimed' and o.claimed_until < $1))
            and ($3::text is null or o.brand_code = $3)
          order by o.deadline_at, o.id
          limit $2
          for update of o, c skip locked`,
        [now, limit, options.brandCode ?? null],
      );
      if (rows.length === 0) return { send: [], resume: [], cancelled: 0, released: 0 };
      await tx.exec('reset enable_bitmapscan');
      const plan = this.#plan(now);
      plans.push(plan);
      written = plan;
      const unsure = new Set<number>();
      const send: ClaimedIysChange[] = [];
      const resume: ClaimedIysChange[] = [];
      const update = {
        id: [] as number[],
        status: [] as string[],
        mark: [] as boolean[],
        error: [] as (string | null)[],
      };
      const recipients = new Map<number, string>();
      let cancelled = 0;
      let released = 0;
      for (const r of rows) {
        let recipient = recipients.get(r.id);
        if (recipient === undefined) {
          recipient = this.#crypto.decrypt(r.recipient_enc, RECIPIENT_PURPOSE);
          recipients.set(r.id, recipient);
        }
        const fresh = r.request_id === null && r.submitted_at === null;
        const claimed = this.#claimed({ ...r, id: r.outbox_id, consent_id: r.id }, recipient);
        update.id.push(r.outbox_id);
        if (!fresh) {
          resume.push(claimed);
          update.status.push('claimed');
          update.mark.push(false);
          update.error.push(null);
          continue;
        }
        const m = plan.apply(r, {
          key: claimed.key,
          event: { type: 'IYS_SUBMITTED', at, changeId: r.change_id },
        });
        if (m.outcome.kind === 'rejected') unsure.add(r.id);
        else finalStates.set(r.id, m.state);
        if (m.outcome.kind !== 'rejected') {
          send.push({ ...claimed, submittedAt: now });
          sentRows.push({ outboxId: r.outbox_id, consentId: r.id });
          update.status.push('claimed');
          update.mark.push(true);
          update.error.push(null);
        } else if (m.state.outbox.some((x) => x.changeId === r.change_id)) {
          released++;
          update.status.push('pending');
          update.mark.push(false);
          update.error.push(null);
        } else {
          cancelled++;
          update.status.push('cancelled');
          update.mark.push(false);
          update.error.push(m.outcome.error.code);
        }
      }
      // The claim's outbox update goes into the batch's statement (one round trip fewer).
      await plan.flush(tx, [
        (p) => {
          const ids = p(update.id);
          return `update iys_outbox o
              set status = v.status, attempts = o.attempts + 1,
                  claimed_by = case when v.status = 'claimed' then ${p(options.worker)}::text end,
                  claimed_until = case when v.status = 'claimed' then ${p(leaseUntil)}::timestamptz end,
                  submitted_at = case when v.mark then ${p(now)}::timestamptz else o.submitted_at end,
                  available_at = case when v.status = 'pending' then coalesce(${p(options.retryAt ?? null)}::timestamptz, o.available_at) else o.available_at end,
                  result = case when v.status = 'cancelled' then 'cancelled' else o.result end,
                  last_error = coalesce(v.error, o.last_error),
                  done_at = case when v.status = 'cancelled' then now() else o.done_at end
             from unnest(${ids}::bigint[], ${p(update.status)}::text[], ${p(update.mark)}::boolean[], ${p(update.error)}::text[]) as v(id, status, mark, error)
            where o.id = v.id and o.id = any(${ids}::bigint[])`;
        },
      ]);
      for (const id of unsure) finalStates.delete(id);
      const order = (a: ClaimedIysChange, b: ClaimedIysChange): number =>
        a.deadlineAt.getTime() - b.deadlineAt.getTime() || a.outboxId - b.outboxId;
      return { send: send.sort(order), resume: resume.sort(order), cancelled, released };
    });
    if (written) this.#claimedStates.remember(written.written, finalStates, sentRows);
    return out;
  }

  /** A claimed row as the sync sees it. */
  #claimed(r: ClaimRow, recipient: string): ClaimedIysChange {
    return {
      outboxId: r.id,
      consentId: r.consent_id,
      key: { ...r.payload.key, recipient },
      changeId: r.change_id,
      status: r.payload.status,
      source: r.payload.source,
      consentDate: r.payload.consentDate,
      retailerCode: r.payload.retailerCode ?? null,
      retailerAccess: r.payload.retailerAccess ?? null,
      deadlineAt: r.deadline_at,
      attempts: r.attempts,
      requestId: r.request_id,
      subrequestId: r.subrequest_id,
      requestIndex: r.request_index,
      lastError: r.last_error,
      submittedAt: r.submitted_at,
    };
  }

  /**
   * Records that claimed changes are leaving for İYS: applies `IYS_SUBMITTED` to each consent (its
   * change becomes `submitted`) and keeps the İYS batch request id on the rows, in one
   * transaction. Call it before the request is sent with the id unknown, or right after
   * `submitBatch` answered with it — then a worker that crashes before the result is known is
   * replaced by one that polls that request instead of submitting again.
   *
   * @example
   * ```ts
   * await consents.markIysSubmitted(batch, { requestId });
   * ```
   */
  async markIysSubmitted(
    claims: readonly Pick<ClaimedIysChange, 'outboxId' | 'changeId'>[],
    options: { readonly requestId?: string; readonly at?: Date } = {},
  ): Promise<RecordResult[]> {
    if (claims.length === 0) return [];
    const at = (options.at ?? this.#now()).toISOString();
    return this.#transaction(async (tx, plans) => {
      const results = await this.#applyToOutboxRows(
        tx,
        plans,
        claims.map((c) => ({
          outboxId: c.outboxId,
          event:
            options.requestId === undefined
              ? { type: 'IYS_SUBMITTED', at, changeId: c.changeId }
              : { type: 'IYS_SUBMITTED', at, changeId: c.changeId, requestId: options.requestId },
        })),
        () => [
          (p) =>
            `update iys_outbox set submitted_at = ${p(at)}::timestamptz, request_id = coalesce(${p(options.requestId ?? null)}::text, request_id)
              where id = any(${p(claims.map((c) => c.outboxId))}::bigint[])`,
        ],
      );
      return results;
    });
  }

  /**
   * Keeps the İYS batch request id on claimed rows (no machine event): once `submitBatch` has
   * answered, a worker that crashes before the result is known is replaced by one that polls this
   * request instead of submitting again.
   *
   * @example
   * ```ts
   * const { requestId } = await client.consents.submitBatch(brandCode, payloads);
   * await consents.setIysRequest(batch.map((c) => c.outboxId), requestId);
   * ```
   */
  async setIysRequest(outboxIds: readonly number[], requestId: string): Promise<void> {
    if (outboxIds.length === 0) return;
    await this.#db.query('update iys_outbox set request_id = $2 where id = any($1::bigint[])', [
      [...outboxIds],
      requestId,
    ]);
  }

  /**
   * Gives claimed rows back without a result (graceful shutdown): they become claimable at once,
   * or at `retryAt`. No machine event is applied, so a change already marked submitted stays
   * submitted (its outcome is unknown) and the next claim knows to check before sending again.
   * With `worker`, only rows that worker still holds are released.
   *
   * @example
   * ```ts
   * await consents.releaseIysChanges(unsent.map((c) => c.outboxId));
   * await consents.releaseIysChanges(ids, { worker: 'w1', retryAt: new Date(Date.now() + 60_000), error: 'iys_timeout' });
   * ```
   */
  async releaseIysChanges(
    outboxIds: readonly number[],
    options: {
      /** When the rows may be claimed again (default: at once). */
      readonly retryAt?: Date;
      /** Kept on the rows as `last_error`. */
      readonly error?: string;
      /** Only rows this worker still holds. */
      readonly worker?: string;
    } = {},
  ): Promise<void> {
    if (outboxIds.length === 0) return;
    await this.#db.query(
      `update iys_outbox set status = 'pending', claimed_by = null, claimed_until = null,
              available_at = coalesce($2, available_at), last_error = coalesce($3, last_error)
        where id = any($1::bigint[]) and status = 'claimed' and ($4::text is null or claimed_by = $4)`,
      [[...outboxIds], options.retryAt ?? null, options.error ?? null, options.worker ?? null],
    );
  }

  /**
   * Keeps where each change sits in an İYS batch request: the request id and, per row, the
   * sub-request id and position İYS answered `submitBatch` with. A worker that takes the rows over
   * after a crash polls `batchStatus` with them instead of submitting again.
   *
   * @example
   * ```ts
   * const { requestId, subRequests } = await client.consents.submitBatch(600000, payloads);
   * await consents.recordIysRequest(requestId, batch.map((c, i) => ({ outboxId: c.outboxId, subrequestId: subRequests[i]!.subrequestId, requestIndex: i })));
   * ```
   */
  async recordIysRequest(
    requestId: string,
    items: readonly {
      readonly outboxId: number;
      readonly subrequestId: string | null;
      readonly requestIndex: number;
    }[],
  ): Promise<void> {
    if (items.length === 0) return;
    await this.#db.query(
      `update iys_outbox o set request_id = $1, subrequest_id = v.sub, request_index = v.ix
         from unnest($2::bigint[], $3::text[], $4::int[]) as v(id, sub, ix)
        where o.id = v.id and o.id = any($2::bigint[])`,
      [
        requestId,
        items.map((i) => i.outboxId),
        items.map((i) => i.subrequestId),
        items.map((i) => i.requestIndex),
      ],
    );
  }

  /**
   * Extends the lease of rows a worker still holds (a long poll must not let another worker take
   * them over). Returns the ids renewed; a row missing from the answer was taken over or settled.
   *
   * @example
   * ```ts
   * const kept = await consents.renewIysClaims(ids, { worker: 'w1', leaseMs: 60_000 });
   * ```
   */
  async renewIysClaims(
    outboxIds: readonly number[],
    options: {
      /** The worker holding them. */
      readonly worker: string;
      /** New lease from now (default 60 s). */
      readonly leaseMs?: number;
      /** The clock (default: the repository's). */
      readonly now?: Date;
    },
  ): Promise<number[]> {
    if (outboxIds.length === 0) return [];
    const now = options.now ?? this.#now();
    const { rows } = await this.#db.query<{ id: number }>(
      `update iys_outbox set claimed_until = $3
        where id = any($1::bigint[]) and status = 'claimed' and claimed_by = $2
       returning id`,
      [[...outboxIds], options.worker, new Date(now.getTime() + (options.leaseMs ?? 60_000))],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Settles claimed rows whose change must not be sent any more (the machine refused
   * `IYS_SUBMITTED` for them: superseded by a newer decision or by İYS itself while they waited):
   * they become `cancelled`, with the reason kept. Only rows the worker still holds are touched.
   *
   * @example
   * ```ts
   * await consents.cancelClaimedIysChanges([c.outboxId], { worker: 'w1', reason: 'change_not_sendable' });
   * ```
   */
  async cancelClaimedIysChanges(
    outboxIds: readonly number[],
    options: {
      /** The worker holding them. */
      readonly worker: string;
      /** Why (kept as `last_error`). */
      readonly reason: string;
    },
  ): Promise<number> {
    if (outboxIds.length === 0) return 0;
    const r = await this.#db.query(
      `update iys_outbox set status = 'cancelled', result = 'cancelled', last_error = $3, done_at = now(),
              claimed_by = null, claimed_until = null
        where id = any($1::bigint[]) and status = 'claimed' and claimed_by = $2`,
      [[...outboxIds], options.worker, options.reason],
    );
    return r.rowCount;
  }

  /**
   * Feeds İYS results back for claimed rows in one transaction: applies each event to its consent
   * through the machine and settles the row — done for `IYS_ACCEPTED` / `IYS_REFUSED`, back to
   * pending (at `retryAt`) for `IYS_SUBMISSION_FAILED`.
   *
   * @example
   * ```ts
   * await consents.completeIysChanges([{ outboxId: c.outboxId, event: { type: 'IYS_ACCEPTED', at, changeId: c.changeId, transactionId } }]);
   * ```
   */
  async completeIysChanges(results: readonly IysResult[]): Promise<RecordResult[]> {
    if (results.length === 0) return [];
    for (const r of results) {
      if (!isProviderChangeEvent(r.event)) {
        throw new StorageError(
          'invalid_option',
          `an İYS result must be IYS_ACCEPTED, IYS_REFUSED or IYS_SUBMISSION_FAILED, not ${r.event.type}`,
        );
      }
    }
    return this.#transaction(async (tx, plans) => {
      const settle = results.map((r) => {
        if (r.event.type === 'IYS_SUBMISSION_FAILED') {
          return {
            id: r.outboxId,
            status: 'pending',
            result: null,
            availableAt: r.retryAt ?? this.#now(),
            error: r.error ?? r.event.reason ?? null,
            notSent: r.notSent === true,
          };
        }
        if (r.event.type === 'IYS_ACCEPTED') {
          return {
            id: r.outboxId,
            status: 'done',
            result: 'accepted',
            availableAt: null,
            error: null,
            notSent: false,
          };
        }
        const code = r.event.type === 'IYS_REFUSED' ? r.event.code : null;
        // H174 ("the same status again") after a lost reply means İYS already holds the change.
        return {
          id: r.outboxId,
          status: 'done',
          result: code === 'H174' ? 'already_registered' : 'refused',
          availableAt: null,
          error: code,
          notSent: false,
        };
      });
      // `o.id = any(…)` lets the planner reach the rows by the primary key; joined to the unnest
      // alone, a table without statistics is read in full and hashed (every row, every batch).
      const settleUpdate: Extra = (p) => {
        const ids = p(settle.map((x) => x.id));
        return `update iys_outbox o
            set status = v.status, result = coalesce(v.result, o.result), last_error = v.error,
                available_at = coalesce(v.available_at, o.available_at),
                claimed_by = null, claimed_until = null,
                submitted_at = case when v.not_sent then null else o.submitted_at end,
                request_id = case when v.not_sent then null else o.request_id end,
                subrequest_id = case when v.not_sent then null else o.subrequest_id end,
                request_index = case when v.not_sent then null else o.request_index end,
                done_at = case when v.status = 'done' then now() else o.done_at end
           from unnest(${ids}::bigint[], ${p(settle.map((x) => x.status))}::text[],
                       ${p(settle.map((x) => x.result))}::text[], ${p(settle.map((x) => x.availableAt))}::timestamptz[],
                       ${p(settle.map((x) => x.error))}::text[], ${p(settle.map((x) => x.notSent))}::boolean[])
             as v(id, status, result, available_at, error, not_sent)
          where o.id = v.id and o.id = any(${ids}::bigint[])`;
      };
      // The batch's writes, the İYS transactions and the settled outbox rows: one statement.
      return this.#applyToOutboxRows(tx, plans, results, (rows, consentRows) => {
        // İYS recorded these changes: keep their transactions for the daily reconciliation.
        const accepted: IysTransactionRow[] = [];
        for (const r of results) {
          if (r.event.type !== 'IYS_ACCEPTED') continue;
          const row = rows.get(r.outboxId);
          const consent = row ? consentRows.get(row.consent_id) : undefined;
          if (!row || !consent) continue;
          accepted.push({
            brandCode: row.payload.key.brandCode,
            transactionId: r.event.transactionId,
            consentId: consent.id,
            keyHash: consent.key_hash,
            recipientType: row.payload.key.recipientType,
            type: row.payload.key.type,
            party: 'HS',
            status: row.payload.status,
            consentDate: row.payload.consentDate,
            source: row.payload.source,
            creationDate: r.event.creationDate ?? r.event.at,
            changeId: r.event.changeId,
          });
        }
        return accepted.length > 0 ? [iysTransactionsInsert(accepted), settleUpdate] : [settleUpdate];
      });
    });
  }

  /**
   * Applies changes pulled from İYS (`changes?source=IYS`, citizens' own changes) through the
   * machine — latest consentDate wins, nothing is echoed back — and, in the same transaction, keeps
   * their İYS transactions (party `IYS`) and moves the pull cursor. A transaction already known is
   * skipped, so a page delivered twice after a crash changes nothing.
   *
   * @example
   * ```ts
   * const r = await consents.applyIysPulls('600000', [{ key, transactionId: 't1', status: 'RET', source: 'IYS_MOBIL',
   *   consentDate: '2026-03-14T07:00:00.000Z', creationDate: '2026-03-14T07:00:05.000Z' }], { cursor: page.after });
   * ```
   */
  async applyIysPulls(
    brandCode: string,
    changes: readonly PulledIysChange[],
    options: {
      /** The pull cursor to store with them (`sync_cursors`, source `IYS`); omitted: left alone. */
      readonly cursor?: string | null;
      /** The pull's source (default `IYS`). */
      readonly source?: 'HS' | 'IYS';
      /** When they were read (default: the repository's clock). */
      readonly at?: Date;
    } = {},
  ): Promise<PullApplyResult> {
    const at = (options.at ?? this.#now()).toISOString();
    return this.#creating(async (tx, plans) => {
      let fresh: PulledIysChange[] = [];
      if (changes.length > 0) {
        const { rows: known } = await tx.query<{ transaction_id: string }>(
          'select transaction_id from iys_transactions where brand_code = $1 and transaction_id = any($2::text[])',
          [brandCode, changes.map((c) => c.transactionId)],
        );
        const seen = new Set(known.map((k) => k.transaction_id));
        for (const c of changes) {
          if (seen.has(c.transactionId)) continue;
          seen.add(c.transactionId);
          fresh.push(c);
        }
      }
      for (const c of fresh) {
        if (c.key.brandCode !== brandCode) {
          throw new StorageError(
            'invalid_option',
            `pulled change for brand ${c.key.brandCode} in a pull of ${brandCode}`,
          );
        }
      }
      fresh = [...fresh].sort((a, b) =>
        a.creationDate < b.creationDate ? -1 : a.creationDate > b.creationDate ? 1 : 0,
      );
      let applied = 0;
      let ignored = 0;
      const rejected: { transactionId: string; code: string }[] = [];
      if (fresh.length > 0) {
        const prepared = fresh.map((c) => this.#prepare(c.key));
        const rows = await this.#lockOrCreate(tx, prepared);
        const plan = this.#plan(this.#now());
        plans.push(plan);
        const txRows: IysTransactionRow[] = [];
        fresh.forEach((c, i) => {
          const row = rows.get(prepared[i]!.keyHash)!;
          const event: ConsentEvent = {
            type: 'IYS_PULLED',
            at,
            status: c.status,
            source: c.source as never,
            consentDate: c.consentDate,
            transactionId: c.transactionId,
            creationDate: c.creationDate,
          };
          const r = plan.apply(row, { key: c.key, event });
          if (r.outcome.kind === 'applied') applied++;
          else if (r.outcome.kind === 'ignored') ignored++;
          else rejected.push({ transactionId: c.transactionId, code: r.outcome.error.code });
          txRows.push({
            brandCode,
            transactionId: c.transactionId,
            consentId: row.id,
            keyHash: row.key_hash,
            recipientType: c.key.recipientType,
            type: c.key.type,
            party: (options.source ?? 'IYS') === 'IYS' ? 'IYS' : 'HS',
            status: c.status,
            consentDate: c.consentDate,
            source: c.source,
            creationDate: c.creationDate,
            changeId: null,
          });
        });
        await plan.flush(tx);
        await insertIysTransactions(tx, txRows);
      }
      if (options.cursor !== undefined) {
        await tx.query(
          `insert into sync_cursors (brand_code, source, cursor, updated_at) values ($1, $2, $3, now())
           on conflict (brand_code, source) do update set cursor = excluded.cursor, updated_at = now()`,
          [brandCode, options.source ?? 'IYS', options.cursor],
        );
      }
      return { applied, ignored, duplicates: changes.length - fresh.length, rejected };
    });
  }

  /**
   * Runs the clock (`TICK`) over consents whose earliest pending İYS change passed its deadline
   * and is not yet marked overdue: the machine marks them and writes a `raiseOverdue` effect once
   * each. Rows locked by another process are skipped (`SKIP LOCKED`). Returns how many were ticked.
   *
   * @example
   * ```ts
   * await consents.tickOverdueConsents({ limit: 500 });
   * ```
   */
  async tickOverdueConsents(options: { readonly now?: Date; readonly limit?: number } = {}): Promise<number> {
    const now = options.now ?? this.#now();
    return this.#transaction(async (tx, plans) => {
      const { rows } = await tx.query<LockedRow>(
        `select id, key_hash, recipient_enc, state, event_count, xmin::text as xmin from consents
          where pending_changes > 0 and not overdue and next_deadline_at < $1
          order by next_deadline_at limit $2 for update skip locked`,
        [now, options.limit ?? 500],
      );
      if (rows.length === 0) return 0;
      const plan = this.#plan(now);
      plans.push(plan);
      for (const row of rows) {
        const recipient = this.#crypto.decrypt(row.recipient_enc, RECIPIENT_PURPOSE);
        const state = readState(row.state, recipient);
        plan.apply(row, { key: state.key, event: { type: 'TICK', at: now.toISOString() } });
      }
      await plan.flush(tx);
      return rows.length;
    });
  }

  /**
   * Counts of the İYS outbox for a sync status page: waiting, in flight, due soon, overdue, in
   * doubt (sent, outcome unknown), and settled results with the refusals by H-code.
   *
   * @example
   * ```ts
   * const s = await consents.iysOutboxStatus({ dueBefore: new Date(Date.now() + 86_400_000) });
   * s.overdue; // changes past their 3-iş-günü deadline and not yet in İYS
   * ```
   */
  async iysOutboxStatus(options: {
    /** "Due soon" means a deadline before this instant (and not yet passed). */
    readonly dueBefore: Date;
    /** Only this brand. */
    readonly brandCode?: string;
    /** The clock (default: the repository's). */
    readonly now?: Date;
  }): Promise<IysOutboxStatus> {
    const now = options.now ?? this.#now();
    const brand = options.brandCode ?? null;
    const { rows } = await this.#db.query<{
      pending: number;
      claimed: number;
      due_soon: number;
      overdue: number;
      in_doubt: number;
      next_deadline: Date | null;
    }>(
      `select count(*) filter (where status = 'pending')::int as pending,
              count(*) filter (where status = 'claimed')::int as claimed,
              count(*) filter (where deadline_at >= $1 and deadline_at <= $2)::int as due_soon,
              count(*) filter (where deadline_at < $1)::int as overdue,
              count(*) filter (where submitted_at is not null)::int as in_doubt,
              min(deadline_at) as next_deadline
         from iys_outbox where status in ('pending', 'claimed') and ($3::text is null or brand_code = $3)`,
      [now, options.dueBefore, brand],
    );
    const { rows: settled } = await this.#db.query<{ result: string; code: string | null; n: number }>(
      `select result, case when result = 'refused' then last_error end as code, count(*)::int as n
         from iys_outbox where status in ('done', 'cancelled') and ($1::text is null or brand_code = $1)
        group by 1, 2 order by 1, 2`,
      [brand],
    );
    const r = rows[0]!;
    const results: Record<string, number> = {};
    const refused: { code: string; count: number }[] = [];
    for (const s of settled) {
      results[s.result] = (results[s.result] ?? 0) + s.n;
      if (s.result === 'refused') refused.push({ code: s.code ?? 'unknown', count: s.n });
    }
    return {
      pending: r.pending,
      inFlight: r.claimed,
      dueSoon: r.due_soon,
      overdue: r.overdue,
      inDoubt: r.in_doubt,
      nextDeadlineAt: r.next_deadline,
      results,
      refused,
    };
  }

  /**
   * The unsettled İYS changes whose deadline falls before `dueBefore` (overdue ones included),
   * earliest first — the changes at risk of missing their 3-iş-günü deadline. No recipient is
   * returned (the consent id and key hash identify the row).
   *
   * @example
   * ```ts
   * for (const c of await consents.iysChangesDueBefore({ dueBefore: tomorrow })) console.log(c.changeId, c.deadlineAt);
   * ```
   */
  async iysChangesDueBefore(options: {
    /** Deadline bound. */
    readonly dueBefore: Date;
    /** At most this many (default 100). */
    readonly limit?: number;
    /** Only this brand. */
    readonly brandCode?: string;
  }): Promise<DueIysChange[]> {
    const { rows } = await this.#db.query<{
      id: number;
      consent_id: number;
      brand_code: string;
      change_id: string;
      status: 'pending' | 'claimed';
      deadline_at: Date;
      attempts: number;
      last_error: string | null;
      channel: string;
      change_status: 'ONAY' | 'RET';
    }>(
      `select id, consent_id, brand_code, change_id, status, deadline_at, attempts, last_error,
              payload->'key'->>'type' as channel, payload->>'status' as change_status
         from iys_outbox
        where status in ('pending', 'claimed') and deadline_at <= $1 and ($3::text is null or brand_code = $3)
        order by deadline_at, id limit $2`,
      [options.dueBefore, Math.min(Math.max(options.limit ?? 100, 1), 10_000), options.brandCode ?? null],
    );
    return rows.map((r) => ({
      outboxId: r.id,
      consentId: r.consent_id,
      brandCode: r.brand_code,
      changeId: r.change_id,
      channel: r.channel,
      status: r.change_status,
      queueStatus: r.status,
      deadlineAt: r.deadline_at,
      attempts: r.attempts,
      lastError: r.last_error,
    }));
  }

  /**
   * Applies one event per outbox row to the row's consent, under the consents' row locks (taken in
   * `key_hash` order, as every writer of consents does, so two batches never wait on each other in
   * a cycle), in one batch. The outbox rows are read without a lock: a claimed row's payload does
   * not change, and the caller's settling update follows under the consents' locks.
   */
  async #applyToOutboxRows(
    tx: Queryable,
    plans: Batch[],
    items: readonly { readonly outboxId: number; readonly event: ConsentEvent }[],
    also?: (rows: ReadonlyMap<number, OutboxRow>, consents: ReadonlyMap<number, LockedRow>) => Extra[],
  ): Promise<RecordResult[]> {
    // One round trip: the outbox rows (not locked) and their consents, locked in key_hash order.
    // A consent still at the version the claim of these changes wrote comes back without its state
    // (the claim's copy is used: no transfer, no parse).
    const outboxIds = items.map((i) => i.outboxId);
    const { rows: both } = await tx.query<
      { t: 'o' | 'c'; consent_id: number | null; payload: OutboxRow['payload'] | null } & LockedRow
    >(
      `with o as (select id, consent_id, payload from iys_outbox where id = any($1::bigint[])),
            c as materialized (
              select id, key_hash, recipient_enc,
                     case when id::text || ':' || xmin::text || ':' || event_count::text = any($2::text[]) then null else state end as state,
                     event_count, xmin::text as xmin from consents
               where id in (select consent_id from o) order by key_hash for update)
       select 'o'::text as t, id, consent_id, payload, null::text as key_hash, null::text as recipient_enc,
              null::jsonb as state, null::int as event_count, null::text as xmin from o
       union all
       select 'c'::text, id, null, null, key_hash, recipient_enc, state, event_count, xmin from c`,
      [outboxIds, this.#claimedStates.versions(outboxIds)],
    );
    const rows: OutboxRow[] = [];
    const locked: { rows: LockedRow[] } = { rows: [] };
    const missing: LockedRow[] = [];
    for (const r of both) {
      if (r.t === 'o') rows.push({ id: r.id, consent_id: r.consent_id!, payload: r.payload! });
      else {
        const row: LockedRow = {
          id: r.id,
          key_hash: r.key_hash,
          recipient_enc: r.recipient_enc,
          state: r.state ?? this.#claimedStates.take(r) ?? null,
          event_count: r.event_count,
          xmin: r.xmin,
        };
        if (row.state === null) missing.push(row);
        locked.rows.push(row);
      }
    }
    this.#claimedStates.forget(outboxIds);
    if (missing.length > 0) {
      // Held when the statement was sent, used up by a concurrent call since: read (still locked).
      const { rows: states } = await tx.query<{ id: number; state: unknown }>(
        'select id, state from consents where id = any($1::bigint[])',
        [missing.map((r) => r.id)],
      );
      const byConsent = new Map(states.map((r) => [r.id, r.state]));
      for (const r of missing) r.state = byConsent.get(r.id) ?? null;
    }
    const byId = new Map(rows.map((r) => [r.id, r]));
    const consentRows = new Map(locked.rows.map((r) => [r.id, r]));
    const plan = this.#plan(this.#now());
    plans.push(plan);
    const out: Omit<RecordResult, 'evidenceIds'>[] = [];
    const recipients = new Map<number, string>();
    for (const item of items) {
      const row = byId.get(item.outboxId);
      if (!row) throw new StorageError('not_found', `iys_outbox row ${item.outboxId} not found`);
      const consent = consentRows.get(row.consent_id)!;
      let recipient = recipients.get(consent.id);
      if (recipient === undefined) {
        recipient = this.#crypto.decrypt(consent.recipient_enc, RECIPIENT_PURPOSE);
        recipients.set(consent.id, recipient);
      }
      out.push(plan.apply(consent, { key: { ...row.payload.key, recipient }, event: item.event }));
    }
    await plan.flush(tx, also ? also(byId, consentRows) : []);
    return out.map((r) => ({ ...r, evidenceIds: plan.evidenceIdsOf(r) }));
  }

  /**
   * Claims pending non-İYS effects (verification codes and confirmations to send, overdue alerts
   * to raise), oldest first, with the same lease discipline as the İYS outbox.
   *
   * @example
   * ```ts
   * for (const fx of await consents.claimEffects({ worker: 'mailer', kinds: ['notifyRecipient'] })) {
   *   await send(fx.effect);
   *   await consents.completeEffect(fx.id);
   * }
   * ```
   */
  async claimEffects(options: {
    /** Claiming worker. */
    readonly worker: string;
    /** Effect types to take (default: all). */
    readonly kinds?: readonly string[];
    /** At most this many (default 100). */
    readonly limit?: number;
    /** Lease (default 60 s). */
    readonly leaseMs?: number;
  }): Promise<PendingEffect[]> {
    const now = this.#now();
    const { rows } = await this.#db.query<{
      id: number;
      kind: string;
      payload: ConsentEffect;
      attempts: number;
      recipient_enc: string | null;
    }>(
      `with picked as (
         select id from effect_outbox
          where ((status = 'pending' and available_at <= $1) or (status = 'claimed' and claimed_until < $1))
            and ($2::text[] is null or kind = any($2::text[]))
          order by available_at, id limit $3 for update skip locked
       )
       update effect_outbox e set status = 'claimed', claimed_by = $4, claimed_until = $5, attempts = e.attempts + 1
         from picked left join consents c on true
        where e.id = picked.id and (c.id = e.consent_id)
       returning e.id, e.kind, e.payload, e.attempts, c.recipient_enc`,
      [
        now,
        options.kinds ? [...options.kinds] : null,
        options.limit ?? 100,
        options.worker,
        new Date(now.getTime() + (options.leaseMs ?? 60_000)),
      ],
    );
    return rows.map((r) => {
      const fx = r.payload as ConsentEffect & { key: ConsentKey };
      const recipient = r.recipient_enc
        ? this.#crypto.decrypt(r.recipient_enc, RECIPIENT_PURPOSE)
        : fx.key.recipient;
      return {
        id: r.id,
        kind: r.kind,
        attempts: r.attempts,
        effect: { ...fx, key: { ...fx.key, recipient } },
      };
    });
  }

  /** Marks a claimed effect as done. */
  async completeEffect(id: number): Promise<void> {
    await this.#db.query(
      `update effect_outbox set status = 'done', done_at = now(), claimed_by = null, claimed_until = null where id = $1`,
      [id],
    );
  }

  /** Records a failed attempt: retried at `retryAt`, or given up (`failed`) when `retryAt` is null. */
  async failEffect(id: number, error: string, retryAt: Date | null): Promise<void> {
    await this.#db.query(
      `update effect_outbox set status = $2, last_error = $3, available_at = coalesce($4, available_at),
              claimed_by = null, claimed_until = null where id = $1`,
      [id, retryAt ? 'pending' : 'failed', error, retryAt],
    );
  }

  #prepare(key: ConsentKey): Prepared {
    // The key must already be normalised: a key that normalises differently would split a
    // consent's history over two rows.
    const check = consentKey(key);
    if (!check.ok || keyId(check.value) !== keyId(key)) {
      throw new StorageError(
        'invalid_option',
        `consent key is not normalised (use consentKey() first): ${check.ok ? keyId(check.value) : check.error.code}`,
      );
    }
    return { key, keyHash: this.keyHash(key) };
  }

  /**
   * Locks the consents of the given keys (in `key_hash` order) and prepares the missing ones: their
   * ids are reserved now and their rows are inserted once, with their final state, when the batch
   * is written (a consent created at the same moment by another transaction makes the batch's
   * insert find a conflict, and the transaction runs again — see {@link ConsentRepository.#creating}).
   */
  async #lockOrCreate(tx: Queryable, prepared: readonly Prepared[]): Promise<Map<string, LockedRow>> {
    const unique = new Map<string, Prepared>();
    for (const p of prepared) unique.set(p.keyHash, p);
    const list = [...unique.values()].sort((a, b) => (a.keyHash < b.keyHash ? -1 : 1));
    // One round trip: lock the existing rows (in key_hash order) and reserve ids for the rest; the
    // reserved ids come back as rows without a key_hash.
    const { rows: all } = await tx.query<LockedRow>(
      `with l as materialized (
         select id, key_hash, recipient_enc, state, event_count, xmin::text as xmin
           from consents where key_hash = any($1::text[]) order by key_hash for update)
       select id, key_hash, recipient_enc, state, event_count, xmin from l
       union all
       select nextval(pg_get_serial_sequence('consents', 'id'))::bigint, null, null, null, null, null
         from generate_series(1, $2::int - (select count(*)::int from l))`,
      [list.map((p) => p.keyHash), list.length],
    );
    const out = new Map<string, LockedRow>();
    const ids: { id: number }[] = [];
    for (const r of all) {
      if (r.key_hash === null) ids.push(r);
      else out.set(r.key_hash, r);
    }
    const missing = list.filter((p) => !out.has(p.keyHash));
    if (missing.length !== ids.length)
      throw new Error('consents: reserved ids do not match the missing rows');
    if (missing.length > 0) {
      missing.forEach((p, i) => {
        out.set(p.keyHash, {
          id: ids[i]!.id,
          key_hash: p.keyHash,
          recipient_enc: this.#crypto.encrypt(p.key.recipient, RECIPIENT_PURPOSE),
          state: null,
          event_count: 0,
          xmin: '',
          created: { key: p.key, recipientHash: this.recipientHash(p.key.recipient) },
        });
      });
    }
    return out;
  }

  #stored(r: ConsentRow): StoredConsent {
    const recipient = this.#crypto.decrypt(r.recipient_enc, RECIPIENT_PURPOSE);
    return {
      id: r.id,
      state: readState(r.state, recipient),
      eventCount: r.event_count,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }
}

interface ConsentRow {
  id: number;
  recipient_enc: string;
  state: unknown;
  event_count: number;
  created_at: Date;
  updated_at: Date;
}

/** A state as stored: the recipient blanked (it lives encrypted in its own column). */
function blank(state: ConsentState): ConsentState {
  return { ...state, key: { ...state.key, recipient: '' } };
}

function readState(json: unknown, recipient: string): ConsentState {
  const withKey = {
    ...(json as Record<string, unknown>),
    key: { ...((json as { key: object }).key ?? {}), recipient },
  };
  const migrated = migrateState(withKey);
  if (!migrated.ok) {
    throw new StorageError('query_failed', `stored consent state is unreadable: ${migrated.error.code}`);
  }
  return migrated.value;
}

/**
 * A stored state this process wrote itself and that no one changed since (same row version): it
 * was validated before it was written, so only the recipient is put back.
 */
function trustedState(json: unknown, recipient: string): ConsentState {
  const s = json as ConsentState;
  return { ...s, key: { ...s.key, recipient } };
}

/** The state columns derived from a state, for reports and queues. */
function derived(state: ConsentState): {
  status: string | null;
  source: string | null;
  consentDate: string | null;
  iysStatus: string | null;
  pending: number;
  nextDeadline: string | null;
  overdue: boolean;
} {
  let next: string | null = null;
  let overdue = false;
  for (const c of state.outbox) {
    if (next === null || c.deadlineAt < next) next = c.deadlineAt;
    if (c.overdueAt !== null) overdue = true;
  }
  return {
    status: state.current?.status ?? null,
    source: state.current?.source ?? null,
    consentDate: state.current?.consentDate ?? null,
    iysStatus: state.iys?.status ?? null,
    pending: state.outbox.length,
    nextDeadline: next,
    overdue,
  };
}

/**
 * One more write for a batch's statement: the body of a data-modifying CTE, given a function that
 * adds a parameter and returns its placeholder.
 */
type Extra = (param: (value: unknown) => string) => string;

/** Runs writes on their own, as one statement. */
async function runExtra(tx: Queryable, extra: readonly Extra[]): Promise<void> {
  const params: unknown[] = [];
  const param = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const ctes = extra.map((x, i) => `x${i} as (${x(param)})`);
  await tx.query(`with ${ctes.join(',\n')} select 1 where false`, params);
}

/**
 * The writes of one transaction, collected while the machine runs and flushed in a handful of
 * set-based statements (so a batch of 1000 results costs about as many round trips as one).
 */
class Batch {
  readonly now: Date;
  readonly #crypto: Crypto;
  readonly #calendar: CalendarOptions | undefined;
  readonly #states = new Map<number, { row: LockedRow; state: ConsentState; count: number }>();
  readonly #events: {
    consentId: number;
    n: number;
    event: ConsentEvent;
    outcome: string;
    evidenceSlot: number | null;
  }[] = [];
  readonly #outbox: {
    consentId: number;
    brandCode: string;
    changeId: string;
    payload: string;
    deadlineAt: string;
  }[] = [];
  readonly #cancel: { consentId: number; changeId: string }[] = [];
  readonly #effects: { kind: string; consentId: number; payload: string }[] = [];
  readonly #evidence: { kind: string; canonical: string; subjectHash: string; ref: string }[] = [];
  readonly #evidenceOf = new WeakMap<object, number[]>();
  readonly #versions: WrittenVersions;
  #evidenceIds: number[] = [];
  /** The row versions the flush wrote (remembered by the repository once the transaction committed). */
  written: { id: number; xmin: string; count: number }[] = [];

  constructor(crypto: Crypto, calendar: CalendarOptions | undefined, now: Date, versions: WrittenVersions) {
    this.#crypto = crypto;
    this.#calendar = calendar;
    this.now = now;
    this.#versions = versions;
  }

  apply(row: LockedRow, item: RecordItem): Omit<RecordResult, 'evidenceIds'> {
    let entry = this.#states.get(row.id);
    if (!entry) {
      const state = row.created
        ? initialState(row.created.key)
        : this.#versions.has(row)
          ? trustedState(row.state, item.key.recipient)
          : readState(row.state, item.key.recipient);
      entry = { row, state, count: row.event_count };
      this.#states.set(row.id, entry);
    }
    const ctx =
      this.#calendar === undefined ? { now: this.now } : { now: this.now, calendar: this.#calendar };
    const r = transition(entry.state, item.event, ctx);
    const result = { consentId: row.id, state: r.state, effects: r.effects, outcome: r.outcome };
    if (r.outcome.kind === 'rejected') return result;
    entry.state = r.state;
    entry.count += 1;
    const slots: number[] = [];
    for (const fx of r.effects) {
      const payloadKey = {
        brandCode: fx.key.brandCode,
        recipientType: fx.key.recipientType,
        type: fx.key.type,
      };
      switch (fx.type) {
        case 'submitToIys': {
          const { key: _k, type: _t, ...rest } = fx;
          this.#outbox.push({
            consentId: row.id,
            brandCode: fx.key.brandCode,
            changeId: fx.changeId,
            payload: JSON.stringify({ ...rest, key: payloadKey }),
            deadlineAt: fx.deadlineAt,
          });
          break;
        }
        case 'cancelIysSubmission':
          this.#cancel.push({ consentId: row.id, changeId: fx.changeId });
          break;
        case 'recordEvidence': {
          const { key: _k, evidence, ...decision } = fx;
          const subjectHash = this.#crypto.hash(
            recipientKind(item.key.recipient) === 'phone' ? 'phone' : 'email',
            item.key.recipient,
          );
          // A caller's proof record (e.g. buildEvidence(...) from @izinkit/evidence) is the leaf
          // itself, unchanged, so an evidence bundle can carry it; otherwise the decision as the
          // machine reported it, with the subject as a keyed hash.
          const record =
            item.evidence !== undefined
              ? item.evidence
              : {
                  type: 'izinkit.consent-decision/1',
                  decision,
                  consentKey: this.#crypto.hashRaw('consent.key', keyId(fx.key)),
                  brandCode: fx.key.brandCode,
                  channel: fx.key.type,
                  recipientType: fx.key.recipientType,
                  subject: subjectHash,
                  details: evidence,
                };
          slots.push(this.#evidence.length);
          this.#evidence.push({
            kind: item.evidence !== undefined ? 'consent_evidence' : 'consent_decision',
            canonical: canonicalize(record),
            subjectHash,
            ref: `${entry.row.key_hash}:${fx.decisionId}`,
          });
          break;
        }
        default: {
          const { key: _k, ...rest } = fx;
          this.#effects.push({
            kind: fx.type,
            consentId: row.id,
            payload: JSON.stringify({ ...rest, key: { ...payloadKey, recipient: '' } }),
          });
        }
      }
    }
    this.#events.push({
      consentId: row.id,
      n: entry.count,
      event: item.event,
      outcome: r.outcome.kind,
      evidenceSlot: slots[0] ?? null,
    });
    this.#evidenceOf.set(result, slots);
    return result;
  }

  evidenceIdsOf(result: object): number[] {
    return (this.#evidenceOf.get(result) ?? []).map((slot) => this.#evidenceIds[slot]!);
  }

  /**
   * Writes the batch in one statement of data-modifying CTEs (new consents, evidence records,
   * events, state updates, İYS and effect outbox rows), plus one for cancelled submissions if any:
   * all in the caller's transaction, so a change, its evidence and its outbox row commit together.
   * Rows inserted by one CTE are visible to the foreign-key checks of the others (they run at the
   * end of the statement); events, outbox and effect rows are only written when every new consent
   * was inserted, otherwise the statement reports the conflict and the transaction runs again.
   */
  async flush(tx: Queryable, extra: readonly Extra[] = []): Promise<void> {
    // A cancellation must run after the outbox insert and before any extra write (as the
    // statements ran one by one before): with cancellations, the extras get a statement of their own.
    const inline = this.#cancel.length === 0;
    const params: unknown[] = [];
    const param = (v: unknown): string => {
      params.push(v);
      return `$${params.length}`;
    };
    const ctes: string[] = [];
    const results: string[] = [];
    // New consents first (events and outbox rows refer to them), with their final state.
    const created = [...this.#states.values()]
      .filter((s) => s.row.created)
      .sort((a, b) => (a.row.key_hash < b.row.key_hash ? -1 : 1));
    let guard = '';
    if (created.length > 0) {
      ctes.push(`ins as (
        insert into consents (id, key_hash, brand_code, recipient_hash, recipient_enc, recipient_kind, recipient_type, type,
                              machine_version, state, event_count, status, source, consent_date, iys_status,
                              pending_changes, next_deadline_at, overdue)
        select id, key_hash, brand_code, recipient_hash, recipient_enc, recipient_kind, recipient_type, type,
               mv, state, event_count, status, source, consent_date, iys_status, pending, next_deadline, overdue
          from jsonb_to_recordset(${param(
            JSON.stringify(
              created.map((s) => {
                const c = s.row.created!;
                const d = derived(s.state);
                return {
                  id: s.row.id,
                  key_hash: s.row.key_hash,
                  brand_code: c.key.brandCode,
                  recipient_hash: c.recipientHash,
                  recipient_enc: s.row.recipient_enc,
                  recipient_kind: recipientKind(c.key.recipient),
                  recipient_type: c.key.recipientType,
                  type: c.key.type,
                  mv: s.state.machineVersion,
                  state: blank(s.state),
                  event_count: s.count,
                  status: d.status,
                  source: d.source,
                  consent_date: d.consentDate,
                  iys_status: d.iysStatus,
                  pending: d.pending,
                  next_deadline: d.nextDeadline,
                  overdue: d.overdue,
                };
              }),
            ),
          )}::jsonb)
            as v(id bigint, key_hash text, brand_code text, recipient_hash text, recipient_enc text, recipient_kind text,
                 recipient_type text, type text, mv int, state jsonb, event_count int, status text, source text,
                 consent_date timestamptz, iys_status text, pending int, next_deadline timestamptz, overdue boolean)
        on conflict (key_hash) do nothing
        returning id, xmin::text as xmin, event_count)`);
      results.push(`select 'c'::text as t, id, xmin, event_count from ins`);
      // Rows that refer to a consent are written only if all new consents were inserted.
      guard = ` and (select count(*) from ins) = ${created.length}`;
    }
    if (this.#evidence.length > 0) {
      ctes.push(`ev as (
        insert into evidence_entries (kind, canonical, subject_hash, ref)
        select k, c, s, r from unnest(${param(this.#evidence.map((e) => e.kind))}::text[], ${param(
          this.#evidence.map((e) => e.canonical),
        )}::text[], ${param(this.#evidence.map((e) => e.subjectHash))}::text[], ${param(
          this.#evidence.map((e) => e.ref),
        )}::text[]) with ordinality as v(k, c, s, r, o)
        order by o returning id)`);
      // Ids are drawn in insertion order: the k-th smallest is the k-th record (slot k - 1).
      ctes.push('evs as (select id, (row_number() over (order by id))::int - 1 as slot from ev)');
      results.push(`select 'e'::text, id, null::text, null::int from ev`);
    }
    if (this.#events.length > 0) {
      // One JSON document for the whole batch: serialised natively, and parsed once by the server
      // (text[] parameters of JSON would be escaped element by element on the client).
      const withEvidence = this.#evidence.length > 0;
      ctes.push(`evt as (
        insert into consent_events (consent_id, n, type, at, outcome, event, evidence_id)
        select v.c, v.n, v.e->>'type', (v.e->>'at')::timestamptz, v.o, v.e, ${withEvidence ? 'evs.id' : 'null::bigint'}
          from jsonb_to_recordset(${param(
            JSON.stringify(
              this.#events.map((e, i) => ({
                i,
                c: e.consentId,
                n: e.n,
                o: e.outcome,
                e: e.event,
                s: e.evidenceSlot,
              })),
            ),
          )}::jsonb) as v(i int, c bigint, n int, o text, e jsonb, s int)
          ${withEvidence ? 'left join evs on evs.slot = v.s' : ''}
         where true${guard}
         order by v.i)`);
    }
    const states = [...this.#states.entries()].filter(([, s]) => !s.row.created);
    if (states.length > 0) {
      const d = states.map(([, s]) => derived(s.state));
      ctes.push(`upd as (
        update consents c set state = v.state, event_count = v.event_count, machine_version = v.mv,
               status = v.status, source = v.source, consent_date = v.consent_date, iys_status = v.iys_status,
               pending_changes = v.pending, next_deadline_at = v.next_deadline, overdue = v.overdue, updated_at = now()
          from jsonb_to_recordset(${param(
            JSON.stringify(
              states.map(([id, s], i) => ({
                id,
                state: blank(s.state),
                event_count: s.count,
                mv: s.state.machineVersion,
                status: d[i]!.status,
                source: d[i]!.source,
                consent_date: d[i]!.consentDate,
                iys_status: d[i]!.iysStatus,
                pending: d[i]!.pending,
                next_deadline: d[i]!.nextDeadline,
                overdue: d[i]!.overdue,
              })),
            ),
          )}::jsonb)
            as v(id bigint, state jsonb, event_count int, mv int, status text, source text, consent_date timestamptz,
                 iys_status text, pending int, next_deadline timestamptz, overdue boolean)
         where c.id = v.id
        returning c.id, c.xmin::text as xmin, c.event_count)`);
      results.push(`select 'u'::text, id, xmin, event_count from upd`);
    }
    if (this.#outbox.length > 0) {
      ctes.push(`ob as (
        insert into iys_outbox (consent_id, brand_code, change_id, payload, deadline_at, available_at)
        select c, b, ch, p::jsonb, d, ${param(this.now)}::timestamptz
          from unnest(${param(this.#outbox.map((o) => o.consentId))}::bigint[], ${param(
            this.#outbox.map((o) => o.brandCode),
          )}::text[], ${param(this.#outbox.map((o) => o.changeId))}::text[], ${param(
            this.#outbox.map((o) => o.payload),
          )}::text[], ${param(this.#outbox.map((o) => o.deadlineAt))}::timestamptz[]) with ordinality as v(c, b, ch, p, d, o)
         where true${guard}
         order by o
        on conflict (consent_id, change_id) do update
          set status = 'pending', payload = excluded.payload, deadline_at = excluded.deadline_at,
              available_at = excluded.available_at, done_at = null, result = null
        where iys_outbox.status = 'cancelled')`);
    }
    if (this.#effects.length > 0) {
      ctes.push(`fx as (
        insert into effect_outbox (kind, consent_id, payload, available_at)
        select k, c, p::jsonb, ${param(this.now)}::timestamptz
          from unnest(${param(this.#effects.map((e) => e.kind))}::text[], ${param(
            this.#effects.map((e) => e.consentId),
          )}::bigint[], ${param(this.#effects.map((e) => e.payload))}::text[]) with ordinality as v(k, c, p, o)
         where true${guard}
         order by o)`);
    }
    if (inline) for (const [i, x] of extra.entries()) ctes.push(`x${i} as (${x(param)})`);
    if (ctes.length > 0) {
      const { rows } = await tx.query<{
        t: string;
        id: number;
        xmin: string | null;
        event_count: number | null;
      }>(
        `with ${ctes.join(',\n')}\n${results.length > 0 ? results.join('\nunion all\n') : "select 'n'::text as t, 0::bigint as id, null::text as xmin, null::int as event_count where false"}`,
        params,
      );
      const evidenceIds: number[] = [];
      let inserted = 0;
      for (const r of rows) {
        if (r.t === 'e') evidenceIds.push(r.id);
        else {
          if (r.t === 'c') inserted++;
          this.written.push({ id: r.id, xmin: r.xmin!, count: r.event_count! });
        }
      }
      if (inserted !== created.length) throw new CreatedConcurrently('consent created concurrently');
      this.#evidenceIds = evidenceIds.sort((a, b) => a - b);
    }
    if (this.#cancel.length > 0) {
      // After the outbox insert (a statement of its own: a submission cancelled in the same batch
      // must see the row the batch inserted).
      await tx.query(
        `update iys_outbox o set status = 'cancelled', result = 'cancelled', done_at = now()
           from unnest($1::bigint[], $2::text[]) as v(c, ch)
          where o.consent_id = v.c and o.change_id = v.ch and o.status = 'pending'`,
        [this.#cancel.map((c) => c.consentId), this.#cancel.map((c) => c.changeId)],
      );
      if (extra.length > 0) await runExtra(tx, extra);
    }
  }
}

/**
 * Reads a stored state of any machine version (an older snapshot is migrated) — exported for
 * tools that read `consents.state` directly.
 *
 * @example
 * ```ts
 * const state = parseStoredState(row.state, '+905321234567');
 * ```
 */
export function parseStoredState(json: unknown, recipient: string): ConsentState {
  const s = readState(json, recipient);
  return ConsentStateSchema.parse(s);
}
