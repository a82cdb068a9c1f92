/**
 * A hand-written reader for the batch status answer, the one response a large `addBatch` reads
 * thousands of times. It accepts exactly what `BatchStatusResponseSchema` accepts in the usual
 * case and returns `undefined` for anything unusual, so the caller falls back to the schema (and
 * its error messages).
 */
import { parseIysDateTime } from '../datetime.js';
import type { BatchStatusItem } from '../schemas.js';

const STATUSES = new Set(['success', 'failure', 'enqueue']);

export function fastBatchStatus(body: unknown): BatchStatusItem[] | undefined {
  if (!Array.isArray(body)) return undefined;
  const out: BatchStatusItem[] = new Array(body.length);
  for (let i = 0; i < body.length; i++) {
    const x = body[i] as Record<string, unknown> | null;
    if (typeof x !== 'object' || x === null) return undefined;
    const { index, status, transactionId, creationDate, error } = x;
    const sub = x.subrequestId ?? x.subRequestId;
    if (typeof status !== 'string' || !STATUSES.has(status)) return undefined;
    if (index !== undefined && !Number.isInteger(index)) return undefined;
    if (sub !== undefined && typeof sub !== 'string') return undefined;
    if (transactionId != null && typeof transactionId !== 'string') return undefined;
    let created: Date | undefined;
    if (creationDate != null) {
      if (typeof creationDate !== 'string') return undefined;
      const d = parseIysDateTime(creationDate);
      if (!d.ok) return undefined;
      created = d.value;
    }
    let err: BatchStatusItem['error'];
    if (error != null) {
      const e = error as Record<string, unknown>;
      if (typeof e !== 'object' || typeof e.code !== 'string') return undefined;
      if (e.message !== undefined && typeof e.message !== 'string') return undefined;
      err = { code: e.code, message: (e.message as string | undefined) ?? '' };
    }
    out[i] = {
      index: index as number | undefined,
      status: status as BatchStatusItem['status'],
      subrequestId: sub as string | undefined,
      transactionId: (transactionId as string | null | undefined) ?? undefined,
      creationDate: created,
      error: err,
    };
  }
  return out;
}
