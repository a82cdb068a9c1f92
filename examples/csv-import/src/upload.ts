/**
 * Pass 2: sending the plan to İYS, batch by batch (at most 1000 consents each), with the journal
 * making every step resumable. Before a batch leaves, an "about to send" line is journaled; it is
 * submitted with `client.consents.submitBatch`, its `requestId` journaled at once, then polled
 * with `client.consents.batchStatus` until no item is `enqueue`; its results are journaled and
 * applied to the plan. A batch an earlier run was sending without journaling its `requestId` is
 * looked up in İYS first (`statusMany` / `status`) and only what İYS lacks is sent. When İYS
 * refuses a whole request synchronously for some items, that batch goes through
 * `client.consents.addBatch`, which drops the refused items and sends the rest.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type BatchStatusItem, type Consent, IysApiError, type IysClient } from '@izinkit/iys';
import type { Analysis } from './analyse.js';
import type { ItemResult, JournalState, JournalWriter } from './journal.js';
import { iysMessage } from './messages.js';
import { consentOf, OUTCOME, type Plan } from './plan.js';

/**
 * Options of {@link uploadPlan}.
 *
 * @example
 * ```ts
 * const o: UploadOptions = { brandCode: 600000, concurrency: 2, pollIntervalMs: 1000, maxPollIntervalMs: 30_000, pollTimeoutMs: 3_600_000 };
 * ```
 */
export interface UploadOptions {
  /** The brand. */
  readonly brandCode: number;
  /** Batches in flight at once. */
  readonly concurrency: number;
  /** First wait before polling a batch, in ms (grows by half each poll). */
  readonly pollIntervalMs: number;
  /** Longest wait between polls, in ms. */
  readonly maxPollIntervalMs: number;
  /** Give up waiting for a batch after this long, in ms (the run stops; the next one resumes polling). */
  readonly pollTimeoutMs: number;
  /** Called after each finished batch with the consents settled so far. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Stops starting new batches and stops polling. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Why an upload stopped before the end: İYS could not be reached (after the client's retries), a
 * batch stayed `enqueue` past the poll timeout, or the run was interrupted. The journal holds what
 * was done; running the same command again resumes.
 *
 * @example
 * ```ts
 * try { await uploadPlan(…); } catch (e) { if (e instanceof UploadStoppedError) console.error(e.code); }
 * ```
 */
export class UploadStoppedError extends Error {
  /** `iys_unreachable`, `batch_pending` or `interrupted`. */
  readonly code: 'iys_unreachable' | 'batch_pending' | 'interrupted';
  /** @param code - why. @param message - Turkish / English. @param options - the cause. */
  constructor(code: UploadStoppedError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UploadStoppedError';
    this.code = code;
    Object.defineProperty(this, Symbol.for('izinkit.error'), { value: true });
  }
}

/**
 * Applies journaled results to the plan (for batches done in an earlier run, and as each batch
 * finishes). Returns the number of consents.
 *
 * @example
 * ```ts
 * applyResults(analysis, plan, 0, ['tx-1', ['H174', '…']]);
 * ```
 */
export function applyResults(a: Analysis, plan: Plan, batch: number, results: readonly ItemResult[]): number {
  const [start, end] = plan.batches[batch]!;
  for (let i = start; i < end; i++) {
    const slot = plan.send[i]!;
    const r = results[i - start];
    if (r === undefined) {
      plan.kind[slot] = OUTCOME.failed;
      plan.code[slot] = a.codes.intern('iys_bad_response', {
        tr: 'İYS bu öğe için sonuç döndürmedi.',
        en: 'İYS returned no result for this item.',
      });
    } else if (typeof r === 'string') {
      plan.kind[slot] = OUTCOME.registered;
      plan.code[slot] = 0;
      plan.transactionId[slot] = r;
    } else {
      const [code, message] = r;
      plan.kind[slot] =
        code === 'H174' || code === 'already_in_iys'
          ? OUTCOME.alreadyRegistered
          : /^H\d+$/.test(code)
            ? OUTCOME.rejected
            : OUTCOME.failed;
      plan.code[slot] = a.codes.intern(code, iysMessage(code, message));
    }
  }
  return end - start;
}

/**
 * Sends every batch of the plan that the journal does not show as done. Results go into the plan
 * and the journal; progress through `onProgress`. Throws {@link UploadStoppedError} when it has to
 * stop early (every finished batch is journaled by then).
 *
 * @example
 * ```ts
 * await uploadPlan(client, analysis, plan, journalState, writer, { brandCode: 600000, concurrency: 2, pollIntervalMs: 1000, maxPollIntervalMs: 30_000, pollTimeoutMs: 3_600_000 });
 * ```
 */
export async function uploadPlan(
  client: IysClient,
  a: Analysis,
  plan: Plan,
  previous: JournalState | undefined,
  journal: JournalWriter,
  options: UploadOptions,
): Promise<void> {
  const total = plan.send.length;
  let done = 0;
  const todo: number[] = [];
  for (let b = 0; b < plan.batches.length; b++) {
    const results = previous?.done.get(b);
    if (results !== undefined) done += applyResults(a, plan, b, results);
    else todo.push(b);
  }
  options.onProgress?.(done, total);
  const signal = options.signal;
  const call = signal === undefined ? {} : { signal };

  const runBatch = async (b: number): Promise<void> => {
    const [start, end] = plan.batches[b]!;
    const consents: Consent[] = [];
    for (let i = start; i < end; i++) consents.push(consentOf(a, plan.send[i]!));
    let sub = previous?.submitted.get(b);
    let results: ItemResult[] | undefined;
    if (sub !== undefined) {
      // Submitted by an earlier run: poll it instead of sending it again.
      results = await poll(b, sub.requestId, sub.subrequestIds, consents.length, true);
    }
    if (results === undefined && sub === undefined && previous?.intended.has(b) === true) {
      // An earlier run was killed while sending this batch: İYS may hold some of it already.
      results = await reconcile(consents);
    }
    if (results === undefined) {
      journal.intent(b);
      try {
        const answer = await client.consents.submitBatch(options.brandCode, consents, call);
        sub = { requestId: answer.requestId, subrequestIds: answer.subRequests.map((s) => s.subrequestId) };
        journal.submitted(b, sub.requestId, sub.subrequestIds);
      } catch (e) {
        if (signal?.aborted) throw interrupted(e);
        if (
          e instanceof IysApiError &&
          (e.status === 0 || (e.status >= 400 && e.status < 500 && !e.retryable))
        ) {
          // İYS (or the client's own shape check, status 0) refused the request for some of its
          // items: let addBatch separate them and send the rest.
          results = await viaAddBatch(consents);
        } else {
          throw unreachable(e);
        }
      }
      if (results === undefined && sub !== undefined) {
        results = await poll(b, sub.requestId, sub.subrequestIds, consents.length, false);
      }
    }
    if (results === undefined) throw new Error(`batch ${b}: no results`); // poll() throws first
    journal.done(b, results);
    done += applyResults(a, plan, b, results);
    options.onProgress?.(done, total);
  };

  // Polls until no item is `enqueue`; `undefined` when İYS does not know the request (then it is
  // sent again: its rows answer H174 where they got through).
  const poll = async (
    b: number,
    requestId: string,
    subrequestIds: readonly string[],
    count: number,
    resumed: boolean,
  ): Promise<ItemResult[] | undefined> => {
    const started = Date.now();
    let wait = resumed ? 0 : options.pollIntervalMs;
    for (;;) {
      if (wait > 0) {
        try {
          await sleep(wait, undefined, { signal });
        } catch (e) {
          throw interrupted(e);
        }
      }
      let items: BatchStatusItem[];
      try {
        items = await client.consents.batchStatus(options.brandCode, requestId, call);
      } catch (e) {
        if (signal?.aborted) throw interrupted(e);
        if (e instanceof IysApiError && e.code === 'H093') return undefined;
        throw unreachable(e);
      }
      if (!items.some((i) => i.status === 'enqueue') && items.length > 0) {
        return toResults(items, subrequestIds, count);
      }
      if (Date.now() - started > options.pollTimeoutMs) {
        throw new UploadStoppedError(
          'batch_pending',
          `İYS ${b + 1}. grubu (requestId ${requestId}) ${Math.round(options.pollTimeoutMs / 1000)} sn içinde işlemedi; komutu yeniden çalıştırınca sorgulanmaya devam edilir. / İYS did not process batch ${b + 1} (requestId ${requestId}) within ${Math.round(options.pollTimeoutMs / 1000)} s; running the command again resumes polling it.`,
        );
      }
      wait = Math.min(options.maxPollIntervalMs, Math.max(options.pollIntervalMs, wait * 1.5));
    }
  };

  // Looks the batch's consents up in İYS: those it already holds with the same status are
  // reported as such; the rest are sent (through addBatch, which polls to the end). A kill during
  // that send leaves the batch `intended` again, and the next run looks again.
  const reconcile = async (consents: Consent[]): Promise<ItemResult[]> => {
    const found: (ItemResult | undefined)[] = new Array(consents.length);
    try {
      const groups = new Map<string, number[]>();
      for (let i = 0; i < consents.length; i++) {
        const c = consents[i]!;
        if (c.status === 'RET') {
          const rec = await client.consents.status(
            options.brandCode,
            { recipient: c.recipient, recipientType: c.recipientType, type: c.type },
            call,
          );
          if (rec?.status === 'RET') found[i] = ['already_in_iys', ALREADY_IN_IYS];
          continue;
        }
        const k = `${c.recipientType} ${c.type}`;
        let g = groups.get(k);
        if (g === undefined) {
          g = [];
          groups.set(k, g);
        }
        g.push(i);
      }
      for (const positions of groups.values()) {
        const first = consents[positions[0]!]!;
        const r = await client.consents.statusMany(
          options.brandCode,
          first.recipientType,
          first.type,
          positions.map((i) => consents[i]!.recipient),
          call,
        );
        const approved = new Set(r.approved);
        for (const i of positions)
          if (approved.has(consents[i]!.recipient)) found[i] = ['already_in_iys', ALREADY_IN_IYS];
      }
    } catch (e) {
      if (signal?.aborted) throw interrupted(e);
      throw unreachable(e);
    }
    const missing: number[] = [];
    for (let i = 0; i < consents.length; i++) if (found[i] === undefined) missing.push(i);
    if (missing.length > 0) {
      const sent = await viaAddBatch(missing.map((i) => consents[i]!));
      missing.forEach((i, k) => {
        found[i] = sent[k];
      });
    }
    return found.map(
      (r) =>
        r ?? [
          'iys_bad_response',
          'İYS bu öğe için sonuç döndürmedi. / İYS returned no result for this item.',
        ],
    );
  };

  const viaAddBatch = async (consents: Consent[]): Promise<ItemResult[]> => {
    let out: Awaited<ReturnType<IysClient['consents']['addBatch']>>;
    try {
      out = await client.consents.addBatch(options.brandCode, consents, call);
    } catch (e) {
      if (signal?.aborted) throw interrupted(e);
      throw unreachable(e);
    }
    return out.map((r) => (r.ok ? r.value.transactionId : ([r.error.code, r.error.message] as const)));
  };

  // A pool of `concurrency` workers over the batches still to do, in order.
  let next = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < todo.length) {
      if (signal?.aborted) throw interrupted(signal.reason);
      const b = todo[next++]!;
      try {
        await runBatch(b);
      } catch (e) {
        failure ??= e;
        throw e;
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(options.concurrency, todo.length)) }, worker);
  const settled = await Promise.allSettled(workers);
  if (failure !== undefined) throw failure;
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
}

const ALREADY_IN_IYS =
  'İYS bu izni aynı durumla zaten tutuyor (kesilen bir önceki çalıştırma göndermiş olabilir); yeniden gönderilmedi. / İYS already holds this consent with this status (an interrupted earlier run probably sent it); not sent again.';

function toResults(
  items: readonly BatchStatusItem[],
  subrequestIds: readonly string[],
  count: number,
): ItemResult[] {
  const bySub = new Map<string, BatchStatusItem>();
  for (const item of items) if (item.subrequestId !== undefined) bySub.set(item.subrequestId, item);
  const out: ItemResult[] = [];
  for (let pos = 0; pos < count; pos++) {
    const id = subrequestIds[pos];
    const item =
      (id === undefined ? undefined : bySub.get(id)) ?? (items.length === count ? items[pos] : undefined);
    if (item === undefined)
      out.push([
        'iys_bad_response',
        'İYS bu öğe için sonuç döndürmedi. / İYS returned no result for this item.',
      ]);
    else if (item.status === 'success') out.push(item.transactionId ?? '');
    else out.push([item.error?.code ?? 'iys_batch_failure', item.error?.message ?? '']);
  }
  return out;
}

function interrupted(cause: unknown): UploadStoppedError {
  if (cause instanceof UploadStoppedError) return cause;
  return new UploadStoppedError(
    'interrupted',
    'İçe aktarma durduruldu; aynı komutu yeniden çalıştırınca kaldığı yerden devam eder. / The import was interrupted; running the same command again resumes it.',
    { cause },
  );
}

function unreachable(cause: unknown): UploadStoppedError {
  if (cause instanceof UploadStoppedError) return cause;
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new UploadStoppedError(
    'iys_unreachable',
    `İYS’ye ulaşılamadı (${detail}); aynı komutu yeniden çalıştırınca kaldığı yerden devam eder. / İYS could not be reached (${detail}); running the same command again resumes.`,
    { cause },
  );
}
