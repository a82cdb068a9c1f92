/**
 * Bulk import: a streamed NDJSON or CSV body, one decision per row, committed in chunks. Each
 * chunk is one transaction holding the rows' consent changes (with evidence and outbox rows) and
 * their `import_rows` results, so after a crash (even SIGKILL) every row is either committed with
 * everything it implies, or absent — reported as not imported. A row's decision id is
 * `imp:<importId>:<row>`, and a resumed import skips rows already recorded: nothing is written
 * twice.
 */
import { randomUUID } from 'node:crypto';
import {
  ConsentSourceSchema,
  ConsentStatusSchema,
  ConsentTypeSchema,
  isProviderSource,
  type ProviderSource,
  RecipientTypeSchema,
} from '@izinkit/iys';
import type { RecordItem } from '@izinkit/postgres';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Problem } from '../http/problem.js';
import { DateTimeInput, RecipientInput } from '../http/schemas.js';
import type { Hub } from '../hub.js';
import type { ResolvedText } from './agreement-texts.js';
import type { Brand } from './brands.js';
import { keyOrProblem } from './consents.js';
import { decisionEvidence } from './evidence-record.js';

/** Rows per transaction. */
export const IMPORT_CHUNK = 500;

/** One row of an import. */
export const ImportRowSchema: z.ZodType = z.strictObject({
  recipient: RecipientInput,
  recipientType: RecipientTypeSchema,
  type: ConsentTypeSchema,
  status: ConsentStatusSchema,
  source: ConsentSourceSchema,
  consentDate: DateTimeInput,
  retailerCode: z.coerce.number().int().positive().max(999_999_999_999).optional(),
  agreementVersionId: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  locale: z.enum(['tr', 'en']).optional(),
});

interface ImportRow {
  recipient: string;
  recipientType: 'BIREYSEL' | 'TACIR';
  type: 'MESAJ' | 'ARAMA' | 'EPOSTA';
  status: 'ONAY' | 'RET';
  source: string;
  consentDate: string;
  retailerCode?: number;
  agreementVersionId?: string;
  locale?: 'tr' | 'en';
}

/** A row's result line. */
export interface ImportRowResult {
  /** Row number (data rows from 1). */
  readonly row: number;
  /** committed, unchanged (already so), rejected (the consent rules refused it), invalid (malformed), skipped (already imported). */
  readonly status: 'committed' | 'unchanged' | 'rejected' | 'invalid' | 'skipped';
  /** Consent row id. */
  readonly consentId?: number;
  /** Evidence entry id. */
  readonly evidenceId?: number;
  /** Stable code of a refusal. */
  readonly code?: string;
  /** Field of an invalid row. */
  readonly field?: string;
  /** Message (Turkish / English). */
  readonly message?: string;
}

/** The import's summary. */
export interface ImportSummary {
  /** Import id (send it again as `importId` to resume). */
  readonly importId: string;
  /** Rows read. */
  readonly rows: number;
  /** Per status. */
  readonly committed: number;
  /** Rows already in that state. */
  readonly unchanged: number;
  /** Refused by the consent rules. */
  readonly rejected: number;
  /** Malformed. */
  readonly invalid: number;
  /** Imported by an earlier attempt. */
  readonly skipped: number;
  /** True when the whole body was read. */
  readonly complete: boolean;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Splits a byte stream into lines (LF or CRLF), keeping each line's bytes. */
async function* lines(body: AsyncIterable<Buffer>, limit: number): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > limit)
      throw new Problem(413, 'body_too_large', 'problem.too_large', {
        detail: { key: 'problem.too_large.detail', params: { limit } },
      });
    let buf = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let i = buf.indexOf(10);
    while (i >= 0) {
      const end = i > 0 && buf[i - 1] === 13 ? i - 1 : i;
      yield buf.subarray(0, end);
      buf = buf.subarray(i + 1);
      i = buf.indexOf(10);
    }
    rest = Buffer.from(buf);
  }
  if (rest.length) yield rest;
}

/** Splits one CSV record (RFC 4180 quoting) with the given separator. */
export function splitCsv(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += c;
    } else if (c === '"' && cur === '') quoted = true;
    else if (c === sep) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((v) => v.trim());
}

const quotesOpen = (s: string): boolean => (s.match(/"/g)?.length ?? 0) % 2 === 1;

type Parsed =
  | { row: number; value: unknown }
  | { row: number; error: { code: string; field?: string; message: string } };

/** Rows of an NDJSON or CSV body, numbered from 1, each parsed or with its error. */
async function* rows(
  body: AsyncIterable<Buffer>,
  format: 'ndjson' | 'csv',
  limit: number,
): AsyncGenerator<Parsed> {
  let n = 0;
  let header: string[] | undefined;
  let sep = ',';
  let pending = '';
  for await (const raw of lines(body, limit)) {
    let text: string;
    try {
      text = decoder.decode(raw);
    } catch {
      if (format === 'csv' && header === undefined)
        throw new Problem(400, 'bad_encoding', 'problem.bad_encoding');
      n++;
      yield {
        row: n,
        error: { code: 'bad_utf8', message: 'satır geçerli UTF-8 değil / the row is not valid UTF-8' },
      };
      continue;
    }
    if (format === 'ndjson') {
      if (text.trim() === '') continue;
      n++;
      try {
        yield { row: n, value: JSON.parse(text) as unknown };
      } catch {
        yield {
          row: n,
          error: { code: 'malformed_json', message: 'satır geçerli JSON değil / the row is not valid JSON' },
        };
      }
      continue;
    }
    // CSV: a quoted field may span lines.
    if (pending) text = `${pending}\n${text}`;
    if (quotesOpen(text)) {
      pending = text;
      if (pending.length > 100_000)
        throw new Problem(400, 'malformed_csv', 'problem.validation', {
          detail: { tr: 'Kapanmayan tırnak', en: 'Unclosed quote' },
        });
      continue;
    }
    pending = '';
    if (text.trim() === '') continue;
    if (header === undefined) {
      const clean = text.replace(/^\uFEFF/, '');
      sep = clean.split(';').length > clean.split(',').length ? ';' : ',';
      header = splitCsv(clean, sep).map((h) => h.trim());
      continue;
    }
    n++;
    const cells = splitCsv(text, sep);
    if (cells.length !== header.length) {
      yield {
        row: n,
        error: {
          code: 'column_count',
          message: `${header.length} sütun bekleniyordu, ${cells.length} var / expected ${header.length} columns, got ${cells.length}`,
        },
      };
      continue;
    }
    const obj: Record<string, string> = {};
    header.forEach((h, i) => {
      if (cells[i] !== '') obj[h] = cells[i]!;
    });
    yield { row: n, value: obj };
  }
  if (pending) {
    n++;
    yield { row: n, error: { code: 'malformed_csv', message: 'kapanmayan tırnak / unclosed quote' } };
  }
}

const activeImports = new Set<string>();

/**
 * Runs an import from the request body and streams one NDJSON result line per row, then a
 * summary line.
 *
 * @example
 * ```ts
 * await runImport(hub, brand, req, res, { format: 'ndjson', actor, importId: undefined });
 * ```
 */
export async function runImport(
  hub: Hub,
  brand: Brand,
  req: Request,
  res: Response,
  options: {
    readonly format: 'ndjson' | 'csv';
    readonly actor: string;
    readonly importId: string | undefined;
  },
): Promise<void> {
  const importId = options.importId ?? randomUUID();
  const job = await hub.db.query<{ brand_code: string; status: string; stale: boolean; inserted: boolean }>(
    `insert into import_jobs (id, brand_code, format, actor) values ($1, $2, $3, $4)
     on conflict (id) do update set updated_at = import_jobs.updated_at
     returning brand_code, status, (updated_at < now() - interval '15 seconds') as stale, (xmax = 0) as inserted`,
    [importId, brand.code, options.format, options.actor],
  );
  const j = job.rows[0]!;
  if (j.brand_code !== brand.code) {
    throw new Problem(409, 'import_other_brand', 'problem.conflict', {
      detail: {
        tr: 'Bu içe aktarma kimliği başka bir markaya ait.',
        en: 'This import id belongs to another brand.',
      },
    });
  }
  // Another request (here or in another process: its rows moved in the last 15 s) is running it.
  if (activeImports.has(importId) || (!j.inserted && j.status === 'running' && !j.stale)) {
    throw new Problem(409, 'import_in_progress', 'problem.conflict', {
      detail: { tr: 'Bu içe aktarma şu anda sürüyor.', en: 'This import is running right now.' },
    });
  }
  activeImports.add(importId);
  try {
    const done = new Map<number, string>();
    const prior = await hub.db.query<{ row_no: number; status: string }>(
      'select row_no, status from import_rows where import_id = $1',
      [importId],
    );
    for (const r of prior.rows) done.set(r.row_no, r.status);
    await hub.db.query(`update import_jobs set status = 'running', updated_at = now() where id = $1`, [
      importId,
    ]);

    res.status(200);
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('X-Import-Id', importId);
    res.setHeader('Cache-Control', 'no-store');
    const counts = { rows: 0, committed: 0, unchanged: 0, rejected: 0, invalid: 0, skipped: 0 };
    const emit = (r: ImportRowResult): void => {
      counts.rows++;
      counts[r.status]++;
      res.write(`${JSON.stringify(r)}\n`);
    };
    let aborted = false;
    req.once('close', () => {
      if (!req.readableEnded) aborted = true;
    });

    let chunk: Prepared[] = [];
    const flush = async (): Promise<void> => {
      if (chunk.length === 0) return;
      const current = chunk;
      chunk = [];
      for (const c of current)
        if (c.item && c.versionId)
          resolveEvidence(c, await hub.texts.byId(brand, c.versionId), hub, now, options.actor);
      const withItems = current.filter((c) => c.item);
      const results = await hub.writer.write({
        items: withItems.map((c) => c.item!),
        audit: [
          {
            actor: options.actor,
            action: 'consent.import',
            target: importId,
            details: {
              brandCode: brand.code,
              fromRow: current[0]!.row,
              toRow: current[current.length - 1]!.row,
              rows: current.length,
            },
          },
        ],
        extra: async (tx, recorded) => {
          // Serialise chunks of one import and keep row results exactly once.
          await tx.query('select id from import_jobs where id = $1 for update', [importId]);
          let k = 0;
          const out: ImportRowResult[] = current.map((c) => {
            if (!c.item) return c.result!;
            const r = recorded[k++]!;
            if (r.outcome.kind === 'rejected')
              return {
                row: c.row,
                status: 'rejected',
                code: r.outcome.error.code,
                message: r.outcome.error.message,
              };
            const ev = r.evidenceIds[0];
            return r.outcome.kind === 'applied'
              ? {
                  row: c.row,
                  status: 'committed',
                  consentId: r.consentId,
                  ...(ev !== undefined ? { evidenceId: ev } : {}),
                }
              : { row: c.row, status: 'unchanged', consentId: r.consentId, code: r.outcome.code };
          });
          await tx.query(
            `insert into import_rows (import_id, row_no, status, consent_id, evidence_id, code)
             select $1, r, s, c, e, cd from unnest($2::int[], $3::text[], $4::bigint[], $5::bigint[], $6::text[]) as v(r, s, c, e, cd)`,
            [
              importId,
              out.map((o) => o.row),
              out.map((o) => o.status),
              out.map((o) => o.consentId ?? null),
              out.map((o) => o.evidenceId ?? null),
              out.map((o) => o.code ?? null),
            ],
          );
          await tx.query(
            'update import_jobs set rows_seen = greatest(rows_seen, $2), updated_at = now() where id = $1',
            [importId, out[out.length - 1]!.row],
          );
          for (let i = 0; i < out.length; i++) current[i]!.result = out[i]!;
        },
      });
      if (results.some((r) => r.effects.length > 0)) hub.kick();
      for (const c of current) emit(c.result!);
      hub.metrics.inc(
        'izinkit_import_rows_total',
        'Rows of bulk imports, by result.',
        { result: 'processed' },
        current.length,
      );
    };

    const now = hub.now();
    let complete = false;
    try {
      for await (const p of rows(req as AsyncIterable<Buffer>, options.format, hub.config.importLimitBytes)) {
        if (aborted) break;
        const previous = done.get(p.row);
        if (previous !== undefined) {
          emit({ row: p.row, status: 'skipped', code: `already_${previous}` });
          continue;
        }
        if ('error' in p) {
          chunk.push({
            row: p.row,
            result: { row: p.row, status: 'invalid', code: p.error.code, message: p.error.message },
          });
        } else {
          chunk.push(prepareRow(brand, importId, p.row, p.value, now));
        }
        if (chunk.length >= IMPORT_CHUNK) await flush();
      }
      if (!aborted) {
        await flush();
        complete = true;
      }
    } catch (e) {
      if (e instanceof Problem && !res.headersSent) throw e;
      if (!(e instanceof Problem)) hub.log.error({ err: e, importId }, 'import stopped');
      res.write(`${JSON.stringify({ error: e instanceof Problem ? e.code : 'import_failed' })}\n`);
    }
    await hub.db.query(
      `update import_jobs set status = $2, updated_at = now(), finished_at = case when $2 = 'finished' then now() else finished_at end where id = $1`,
      [importId, complete ? 'finished' : 'interrupted'],
    );
    const summary: ImportSummary = { importId, ...counts, complete };
    res.end(`${JSON.stringify({ summary })}\n`);
  } finally {
    activeImports.delete(importId);
  }
}

interface Prepared {
  readonly row: number;
  item?: RecordItem | undefined;
  result?: ImportRowResult;
  readonly versionId?: string;
}

function prepareRow(brand: Brand, importId: string, row: number, value: unknown, now: Date): Prepared {
  const parsed = ImportRowSchema.safeParse(value);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    const field =
      i.code === 'unrecognized_keys'
        ? ((i as { keys: string[] }).keys[0] ?? '')
        : i.path.filter((p) => typeof p !== 'symbol').join('.');
    return { row, result: { row, status: 'invalid', code: 'invalid_field', field, message: i.message } };
  }
  const r = parsed.data as ImportRow;
  let key: ReturnType<typeof keyOrProblem>;
  try {
    key = keyOrProblem(brand.code, r, 'body');
  } catch (e) {
    const p = e as Problem;
    return {
      row,
      result: {
        row,
        status: 'invalid',
        code: p.code,
        field: p.errors?.[0]?.field ?? 'recipient',
        message: p.errors?.[0]?.detail ?? p.code,
      },
    };
  }
  if (!isProviderSource(r.source)) {
    return {
      row,
      result: {
        row,
        status: 'rejected',
        code: 'iys_source_not_allowed',
        message: 'IYS_* kaynakları yalnızca İYS’den gelir / IYS_* sources come only from İYS',
      },
    };
  }
  const decisionId = `imp:${importId}:${row}`;
  const item: RecordItem = {
    key,
    event: {
      type: 'DECISION_RECORDED',
      at: now.toISOString(),
      decisionId,
      status: r.status,
      source: r.source,
      consentDate: r.consentDate,
      ...(r.retailerCode !== undefined ? { retailerCode: r.retailerCode } : {}),
    },
  };
  // Imports carry an evidence record only when the row names the text that was shown: for a
  // legacy row nobody knows it, and the machine's own decision record is what is kept.
  return r.agreementVersionId ? { row, item, versionId: r.agreementVersionId } : { row, item };
}

function resolveEvidence(c: Prepared, text: ResolvedText | null, hub: Hub, now: Date, actor: string): void {
  const item = c.item!;
  const e = item.event as { decisionId: string; status: 'ONAY' | 'RET'; source: ProviderSource };
  if (!text) {
    c.item = undefined;
    c.result = {
      row: c.row,
      status: 'invalid',
      code: 'unknown_agreement_version',
      field: 'agreementVersionId',
    };
    return;
  }
  const built = decisionEvidence({
    id: e.decisionId,
    key: item.key,
    status: e.status,
    source: e.source,
    text,
    body: undefined,
    defaultActor: { type: 'AGENT', id: actor },
    now,
    subjectKey: hub.subjectKey,
  });
  if (built.ok) c.item = { key: item.key, event: item.event, evidence: built.value };
}

/** An import's state and its row results. */
export interface ImportStatus {
  /** Import id. */
  readonly importId: string;
  /** running, finished or interrupted (a crash leaves `running` with no progress). */
  readonly status: string;
  /** Highest row number with a result. */
  readonly rowsSeen: number;
  /** Results per status. */
  readonly counts: Readonly<Record<string, number>>;
  /** Row results (paged with `afterRow`). */
  readonly rows: readonly ImportRowResult[];
}

/**
 * The stored state of an import: which rows were committed (and how), so a client that lost the
 * streamed answer knows every row not listed was not imported.
 *
 * @example
 * ```ts
 * const s = await importStatus(hub, '600000', importId, { afterRow: 0, limit: 1000 });
 * ```
 */
export async function importStatus(
  hub: Hub,
  brandCode: string,
  importId: string,
  page: { readonly afterRow: number; readonly limit: number },
): Promise<ImportStatus | null> {
  const job = await hub.db.query<{ status: string; rows_seen: number }>(
    'select status, rows_seen from import_jobs where id = $1 and brand_code = $2',
    [importId, brandCode],
  );
  if (!job.rows[0]) return null;
  const counts = await hub.db.query<{ status: string; n: number }>(
    'select status, count(*)::int as n from import_rows where import_id = $1 group by status',
    [importId],
  );
  const rowsQ = await hub.db.query<{
    row_no: number;
    status: ImportRowResult['status'];
    consent_id: number | null;
    evidence_id: number | null;
    code: string | null;
  }>(
    'select row_no, status, consent_id, evidence_id, code from import_rows where import_id = $1 and row_no > $2 order by row_no limit $3',
    [importId, page.afterRow, page.limit],
  );
  return {
    importId,
    status: job.rows[0].status,
    rowsSeen: job.rows[0].rows_seen,
    counts: Object.fromEntries(counts.rows.map((r) => [r.status, r.n])),
    rows: rowsQ.rows.map((r) => ({
      row: r.row_no,
      status: r.status,
      ...(r.consent_id !== null ? { consentId: r.consent_id } : {}),
      ...(r.evidence_id !== null ? { evidenceId: r.evidence_id } : {}),
      ...(r.code !== null ? { code: r.code } : {}),
    })),
  };
}
