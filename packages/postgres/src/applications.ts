import {
  type ApplicationError,
  type ApplicationEvent,
  type ApplicationState,
  ApplicationStateSchema,
  applyApplicationEvent,
  type ReceiveApplicationInput,
  receiveApplication,
} from '@izinkit/kvkk';
import type { Database } from './database.js';
import { StorageError } from './errors.js';
import { type Crypto, type StorageKeys, storageCrypto } from './keys.js';

const STATE_PURPOSE = 'dsr.state';
const EVENT_PURPOSE = 'dsr.event';

/**
 * A stored data-subject application with its queue columns.
 *
 * @example
 * ```ts
 * const a = await applications.get('BSV-2026-0001');
 * a?.state.status; // 'received'
 * ```
 */
export interface StoredApplication {
  /** The application state (@izinkit/kvkk), decrypted. */
  readonly state: ApplicationState;
  /** Keyed hash of the applicant's identifier, when given at creation. */
  readonly subjectHash: string | null;
  /** When an admin first opened it (`null`: new). */
  readonly seenAt: Date | null;
  /** Events applied so far (creation included). */
  readonly eventCount: number;
}

/**
 * The outcome of {@link ApplicationRepository.create} or {@link ApplicationRepository.apply}: the
 * stored application, or the machine's coded refusal (nothing written).
 */
export type ApplicationWriteResult = ApplicationWritten | ApplicationRefused;

/** The write went through. */
export interface ApplicationWritten {
  /** Success. */
  readonly ok: true;
  /** The stored application. */
  readonly value: StoredApplication;
}

/** The machine refused the input or event; nothing was written. */
export interface ApplicationRefused {
  /** Failure. */
  readonly ok: false;
  /** The machine's coded error (TR/EN messages). */
  readonly error: ApplicationError;
}

/** Queue counts for the admin header. */
export interface ApplicationCounts {
  /** Open applications. */
  readonly open: number;
  /** Never opened by an admin (the "new" badge). */
  readonly unseen: number;
  /** Open and past their deadline. */
  readonly overdue: number;
}

/** One entry of an application's event log. */
export interface ApplicationLogEntry {
  /** Position, from 1 (the creation input). */
  readonly n: number;
  /** Event type (`received` for the creation). */
  readonly type: string;
  /** The event (or creation input), decrypted. */
  readonly event: unknown;
  /** When it was written. */
  readonly recordedAt: Date;
}

interface Row {
  id: string;
  subject_hash: string | null;
  seen_at: Date | null;
  state_enc: string;
  event_count: number;
}

/**
 * KVKK data-subject applications (başvuru, art. 11 / 13) on PostgreSQL: the @izinkit/kvkk
 * application machine's state per application, encrypted (it holds the applicant's personal data),
 * its event log, and the columns the admin queue needs (status, 30-day deadline, "new" badge).
 *
 * @example
 * ```ts
 * const applications = new ApplicationRepository({ db, keys });
 * await applications.create({ id: 'BSV-1', kinds: ['learn_if_processed'], channel: 'registered_email', receivedAt: new Date() });
 * await applications.apply('BSV-1', { type: 'verify_identity', at: new Date(), method: 'otp' });
 * ```
 */
export class ApplicationRepository {
  readonly #db: Database;
  readonly #crypto: Crypto;

  /** @param options - the database and the storage keys */
  constructor(options: { readonly db: Database; readonly keys: StorageKeys }) {
    this.#db = options.db;
    this.#crypto = storageCrypto(options.keys);
  }

  /**
   * Receives a new application (its deadline from `KVKK_APPLICATION_ANSWER`). `subjectHash` is
   * the keyed hash the applicant is found by later (e.g. of their phone or e-mail).
   *
   * @example
   * ```ts
   * const r = await applications.create(input, { subjectHash });
   * if (!r.ok) console.log(r.error.code);
   * ```
   */
  async create(
    input: ReceiveApplicationInput,
    options: { readonly subjectHash?: string } = {},
  ): Promise<ApplicationWriteResult> {
    const r = receiveApplication(input);
    if (!r.ok) return r;
    const state = r.value;
    const inserted = await this.#db.transaction(async (tx) => {
      const ins = await tx.query<Row>(
        `insert into dsr_applications (id, subject_hash, status, kinds, received_at, deadline_at, closed_at, state_enc, event_count)
         values ($1, $2, $3, $4::text[], $5, $6, $7, $8, 1) on conflict (id) do nothing returning *`,
        [
          state.id,
          options.subjectHash ?? null,
          state.status,
          [...state.kinds],
          state.receivedAt,
          state.deadlineAt,
          state.closedAt,
          this.#crypto.encrypt(JSON.stringify(state), STATE_PURPOSE),
        ],
      );
      if (!ins.rows[0]) return null;
      await tx.query(
        `insert into dsr_events (application_id, n, type, event_enc) values ($1, 1, 'received', $2)`,
        [state.id, this.#crypto.encrypt(JSON.stringify(input), EVENT_PURPOSE)],
      );
      return ins.rows[0];
    });
    if (!inserted) throw new StorageError('conflict', `Başvuru zaten var / application exists: ${state.id}`);
    return { ok: true, value: this.#stored(inserted) };
  }

  /**
   * Applies an event under a row lock; a refused event writes nothing and comes back as the
   * machine's coded error.
   *
   * @example
   * ```ts
   * await applications.apply(id, { type: 'answer', at: new Date(), decision: 'accepted', summary: 'Verileriniz ekte' });
   * ```
   */
  async apply(id: string, event: ApplicationEvent): Promise<ApplicationWriteResult> {
    return this.#db.transaction(async (tx) => {
      const { rows } = await tx.query<Row>('select * from dsr_applications where id = $1 for update', [id]);
      if (!rows[0]) throw new StorageError('not_found', `Başvuru bulunamadı / no application ${id}`);
      const current = this.#state(rows[0]);
      const r = applyApplicationEvent(current, event);
      if (!r.ok) return r;
      const next = r.value;
      const n = rows[0].event_count + 1;
      const upd = await tx.query<Row>(
        `update dsr_applications set status = $2, deadline_at = $3, closed_at = $4, state_enc = $5, event_count = $6, updated_at = now()
          where id = $1 returning *`,
        [
          id,
          next.status,
          next.deadlineAt,
          next.closedAt,
          this.#crypto.encrypt(JSON.stringify(next), STATE_PURPOSE),
          n,
        ],
      );
      await tx.query('insert into dsr_events (application_id, n, type, event_enc) values ($1, $2, $3, $4)', [
        id,
        n,
        event.type,
        this.#crypto.encrypt(JSON.stringify(event), EVENT_PURPOSE),
      ]);
      return { ok: true, value: this.#stored(upd.rows[0]!) };
    });
  }

  /**
   * One application, or `null`.
   *
   * @example
   * ```ts
   * const a = await applications.get(id);
   * ```
   */
  async get(id: string): Promise<StoredApplication | null> {
    const { rows } = await this.#db.query<Row>('select * from dsr_applications where id = $1', [id]);
    return rows[0] ? this.#stored(rows[0]) : null;
  }

  /**
   * Applications for the admin queue: open ones by deadline (or all, newest first), paged.
   *
   * @example
   * ```ts
   * const queue = await applications.list({ open: true, limit: 50 });
   * ```
   */
  async list(
    query: {
      readonly open?: boolean;
      readonly limit?: number;
      readonly offset?: number;
      readonly subjectHash?: string;
    } = {},
  ): Promise<StoredApplication[]> {
    const { rows } = await this.#db.query<Row>(
      `select * from dsr_applications
        where ($1::boolean is not true or closed_at is null) and ($2::text is null or subject_hash = $2)
        order by ${query.open ? 'deadline_at, id' : 'received_at desc, id'} limit $3 offset $4`,
      [
        query.open ?? null,
        query.subjectHash ?? null,
        Math.min(Math.max(query.limit ?? 50, 1), 500),
        Math.max(query.offset ?? 0, 0),
      ],
    );
    return rows.map((r) => this.#stored(r));
  }

  /**
   * Counts for the queue header: open, unseen ("new" badge), and open past their deadline at `now`.
   *
   * @example
   * ```ts
   * const { unseen } = await applications.counts(new Date());
   * ```
   */
  async counts(now: Date): Promise<ApplicationCounts> {
    const { rows } = await this.#db.query<{ open: number; unseen: number; overdue: number }>(
      `select count(*) filter (where closed_at is null)::int as open,
              count(*) filter (where seen_at is null)::int as unseen,
              count(*) filter (where closed_at is null and deadline_at < $1)::int as overdue
         from dsr_applications`,
      [now],
    );
    return rows[0]!;
  }

  /**
   * Marks an application seen by an admin (clears its "new" badge).
   *
   * @example
   * ```ts
   * await applications.markSeen(id);
   * ```
   */
  async markSeen(id: string): Promise<void> {
    await this.#db.query('update dsr_applications set seen_at = coalesce(seen_at, now()) where id = $1', [
      id,
    ]);
  }

  /**
   * The application's event log (creation input first), decrypted.
   *
   * @example
   * ```ts
   * const log = await applications.events(id);
   * ```
   */
  async events(id: string): Promise<ApplicationLogEntry[]> {
    const { rows } = await this.#db.query<{ n: number; type: string; event_enc: string; recorded_at: Date }>(
      'select n, type, event_enc, recorded_at from dsr_events where application_id = $1 order by n',
      [id],
    );
    return rows.map((r) => ({
      n: r.n,
      type: r.type,
      event: JSON.parse(this.#crypto.decrypt(r.event_enc, EVENT_PURPOSE)),
      recordedAt: r.recorded_at,
    }));
  }

  #state(r: Row): ApplicationState {
    const parsed = ApplicationStateSchema.safeParse(
      JSON.parse(this.#crypto.decrypt(r.state_enc, STATE_PURPOSE)),
    );
    if (!parsed.success) throw new StorageError('query_failed', `stored application ${r.id} is unreadable`);
    return parsed.data;
  }

  #stored(r: Row): StoredApplication {
    return {
      state: this.#state(r),
      subjectHash: r.subject_hash,
      seenAt: r.seen_at,
      eventCount: r.event_count,
    };
  }
}
