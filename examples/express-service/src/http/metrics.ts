/**
 * Prometheus metrics in the text exposition format (0.0.4): request counts and latency
 * histograms per route, plus gauges read from the database on scrape (consents by brand, channel
 * and status; İYS outbox depth; overdue changes; sync results) and counters the workers bump.
 */
import type { Database } from '@izinkit/postgres';

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const esc = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (l: Readonly<Record<string, string | number>>): string => {
  const parts = Object.entries(l).map(([k, v]) => `${k}="${esc(String(v))}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
};

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

/**
 * The service's metrics.
 *
 * @example
 * ```ts
 * const metrics = new Metrics(db);
 * metrics.observeRequest('POST', '/v1/brands/{brandCode}/consents', 201, 0.004);
 * res.type('text/plain').send(await metrics.render());
 * ```
 */
export class Metrics {
  readonly #db: Database;
  readonly #requests = new Map<string, number>();
  readonly #latency = new Map<string, Histogram>();
  readonly #counters = new Map<string, { help: string; values: Map<string, number> }>();
  #dbCache: { at: number; text: string } | undefined;

  /** @param db - the database the gauges are read from */
  constructor(db: Database) {
    this.#db = db;
  }

  /** Records one finished request. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const k = `${method}\u0000${route}\u0000${status}`;
    this.#requests.set(k, (this.#requests.get(k) ?? 0) + 1);
    const hk = `${method}\u0000${route}`;
    let h = this.#latency.get(hk);
    if (!h) {
      h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.#latency.set(hk, h);
    }
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) h.counts[i]!++;
    h.sum += seconds;
    h.count++;
  }

  /** Adds to a counter (declared on first use). */
  inc(name: string, help: string, labelValues: Readonly<Record<string, string>> = {}, by = 1): void {
    let c = this.#counters.get(name);
    if (!c) {
      c = { help, values: new Map() };
      this.#counters.set(name, c);
    }
    const k = labels(labelValues);
    c.values.set(k, (c.values.get(k) ?? 0) + by);
  }

  /** The exposition text. */
  async render(): Promise<string> {
    const out: string[] = [];
    out.push('# HELP izinkit_http_requests_total HTTP requests by route and status.');
    out.push('# TYPE izinkit_http_requests_total counter');
    for (const [k, n] of this.#requests) {
      const [method, route, status] = k.split('\u0000');
      out.push(
        `izinkit_http_requests_total${labels({ method: method!, route: route!, status: status! })} ${n}`,
      );
    }
    out.push('# HELP izinkit_http_request_duration_seconds HTTP request latency by route.');
    out.push('# TYPE izinkit_http_request_duration_seconds histogram');
    for (const [k, h] of this.#latency) {
      const [method, route] = k.split('\u0000');
      const base = { method: method!, route: route! };
      BUCKETS.forEach((b, i) => {
        out.push(`izinkit_http_request_duration_seconds_bucket${labels({ ...base, le: b })} ${h.counts[i]}`);
      });
      out.push(`izinkit_http_request_duration_seconds_bucket${labels({ ...base, le: '+Inf' })} ${h.count}`);
      out.push(`izinkit_http_request_duration_seconds_sum${labels(base)} ${h.sum}`);
      out.push(`izinkit_http_request_duration_seconds_count${labels(base)} ${h.count}`);
    }
    for (const [name, c] of this.#counters) {
      out.push(`# HELP ${name} ${c.help}`);
      out.push(`# TYPE ${name} counter`);
      for (const [l, v] of c.values) out.push(`${name}${l} ${v}`);
    }
    out.push(await this.#fromDatabase());
    return `${out.join('\n')}\n`;
  }

  async #fromDatabase(): Promise<string> {
    const now = Date.now();
    if (this.#dbCache && now - this.#dbCache.at < 5000) return this.#dbCache.text;
    const out: string[] = [];
    const consents = await this.#db.query<{
      brand_code: string;
      type: string;
      status: string | null;
      n: number;
    }>('select brand_code, type, status, count(*)::int as n from consents group by 1, 2, 3 order by 1, 2, 3');
    out.push('# HELP izinkit_consents Consents by brand, channel and current status.');
    out.push('# TYPE izinkit_consents gauge');
    for (const r of consents.rows) {
      out.push(
        `izinkit_consents${labels({ brand: r.brand_code, channel: r.type, status: r.status ?? 'none' })} ${r.n}`,
      );
    }
    const outbox = await this.#db.query<{ brand_code: string; status: string; n: number }>(
      `select brand_code, status, count(*)::int as n from iys_outbox where status in ('pending', 'claimed') group by 1, 2 order by 1, 2`,
    );
    out.push(
      '# HELP izinkit_iys_outbox_depth İYS changes waiting to be sent (pending) or in flight (claimed).',
    );
    out.push('# TYPE izinkit_iys_outbox_depth gauge');
    for (const r of outbox.rows)
      out.push(`izinkit_iys_outbox_depth${labels({ brand: r.brand_code, status: r.status })} ${r.n}`);
    const overdue = await this.#db.query<{ n: number }>(
      `select count(*)::int as n from iys_outbox where status in ('pending', 'claimed') and deadline_at < now()`,
    );
    out.push('# HELP izinkit_iys_overdue İYS changes past their statutory deadline and not yet registered.');
    out.push('# TYPE izinkit_iys_overdue gauge');
    out.push(`izinkit_iys_overdue ${overdue.rows[0]?.n ?? 0}`);
    const results = await this.#db.query<{ brand_code: string; result: string; n: number }>(
      `select brand_code, result, count(*)::int as n from iys_outbox where result is not null group by 1, 2 order by 1, 2`,
    );
    out.push(
      '# HELP izinkit_iys_sync_results İYS submissions by result (accepted, refused, already_registered, cancelled).',
    );
    out.push('# TYPE izinkit_iys_sync_results gauge');
    for (const r of results.rows)
      out.push(`izinkit_iys_sync_results${labels({ brand: r.brand_code, result: r.result })} ${r.n}`);
    const effects = await this.#db.query<{ kind: string; n: number }>(
      `select kind, count(*)::int as n from effect_outbox where status in ('pending', 'claimed') group by 1 order by 1`,
    );
    out.push('# HELP izinkit_effect_outbox_depth Messages and alerts waiting in the effect outbox.');
    out.push('# TYPE izinkit_effect_outbox_depth gauge');
    for (const r of effects.rows) out.push(`izinkit_effect_outbox_depth${labels({ kind: r.kind })} ${r.n}`);
    const log = await this.#db.query<{ size: number; queued: number }>(
      `select (select size from evidence_log where id = 1)::bigint as size,
              (select count(*) from evidence_entries where leaf_index is null)::int as queued`,
    );
    out.push('# HELP izinkit_evidence_log_size Entries in the evidence Merkle log.');
    out.push('# TYPE izinkit_evidence_log_size gauge');
    out.push(`izinkit_evidence_log_size ${log.rows[0]?.size ?? 0}`);
    out.push('# HELP izinkit_evidence_queue Evidence entries waiting for the sequencer.');
    out.push('# TYPE izinkit_evidence_queue gauge');
    out.push(`izinkit_evidence_queue ${log.rows[0]?.queued ?? 0}`);
    const text = out.join('\n');
    this.#dbCache = { at: now, text };
    return text;
  }
}
