/**
 * One push round: claim → (poll | check | send) → feed results back through the consent machine.
 *
 * Every claimed change takes exactly one of three paths:
 * - it has a request id: İYS already has the request, so it is polled (`batchStatus`), never sent;
 * - it was sent before with no request id saved (a worker died between sending and saving, or the
 *   reply was lost): İYS is asked for the consent's status; if İYS holds this very change it is
 *   accepted, otherwise it is marked submitted again and sent;
 * - otherwise it was marked submitted (`IYS_SUBMITTED`, `submitted_at`) in the claim's own
 *   transaction (`claimIysChangesToSend`), and is sent with `submitBatch`, its request id saved
 *   (`recordIysRequest`) before the first poll, and polled.
 */
import {
  type Consent,
  consentToWire,
  type IysClient,
  type IysErrorItem,
  isIysApiError,
  isRetryableHCode,
} from '@izinkit/iys';
import type { ClaimedIysChange, ConsentRepository, IysResult } from '@izinkit/postgres';
import type { SyncAlert, SyncLogger } from '../options.js';

/** Settings of one push round (resolved). */
export interface PushSettings {
  readonly worker: string;
  readonly claimLimit: number;
  readonly batchSize: number;
  readonly leaseMs: number;
  readonly pollIntervalMs: number;
  readonly maxPollIntervalMs: number;
  readonly pollTimeoutMs: number;
  readonly inDoubtGraceMs: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
}

/** What a round needs. */
export interface PushContext {
  readonly consents: ConsentRepository;
  readonly client: IysClient;
  readonly settings: PushSettings;
  readonly now: () => Date;
  readonly random: () => number;
  readonly alert: (a: SyncAlert) => void;
  readonly logger: SyncLogger | undefined;
  readonly signal: AbortSignal;
  /** Rows this process holds (released on stop). */
  readonly held: Set<number>;
}

/** Counts of one round. */
export interface PushRoundResult {
  /** Rows claimed. */
  claimed: number;
  /** Registered (accepted, or already there: H174 / found by a status check). */
  accepted: number;
  /** Refused for good. */
  refused: number;
  /** Failed, to retry. */
  retried: number;
  /** Superseded before sending. */
  cancelled: number;
  /** Given back without a result (still processing at İYS, grace period, stop). */
  released: number;
  /** Items put in İYS batch requests. */
  sent: number;
  /** Status checks made for changes in doubt. */
  checked: number;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

function toConsent(c: ClaimedIysChange): Consent {
  return {
    recipient: c.key.recipient,
    recipientType: c.key.recipientType,
    type: c.key.type,
    status: c.status,
    source: c.source as Consent['source'],
    consentDate: new Date(c.consentDate),
    ...(c.retailerCode !== null ? { retailerCode: c.retailerCode } : {}),
    ...(c.retailerAccess !== null && c.retailerAccess.length > 0 ? { retailerAccess: c.retailerAccess } : {}),
  };
}

const errorCode = (e: unknown): string => {
  if (isIysApiError(e)) return e.hCode ?? `http_${e.status}`;
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string') return e.code;
  return 'iys_error';
};

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, 500);

/**
 * Whether a failed request certainly did not reach processing at İYS: refused with a 4xx (429
 * included), or the connection was refused outright. A timeout, a 5xx or a dropped connection
 * leave the outcome unknown.
 */
function notProcessed(e: unknown): boolean {
  if (isIysApiError(e)) return e.status >= 400 && e.status < 500;
  let cause: unknown = e;
  for (let i = 0; i < 4 && cause; i++) {
    const code = (cause as { code?: unknown }).code;
    if (code === 'ECONNREFUSED') return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

function refusalMessage(code: string, message: string | undefined): { tr: string; en: string } {
  const detail = message ? ` (${message})` : '';
  switch (code) {
    case 'H178':
      return {
        tr: `İYS'de bu değişiklikten yeni ya da aynı tarihli bir kayıt var (H178); değişiklik gönderilmedi${detail}`,
        en: `İYS holds a record at least as new as this change (H178); it was not registered${detail}`,
      };
    case 'H175':
      return {
        tr: `İYS'de kaydı olmayan bir alıcı için ilk kayıt RET olamaz (H175)${detail}`,
        en: `The first record of a recipient in İYS cannot be RET (H175)${detail}`,
      };
    default:
      return {
        tr: `İYS değişikliği reddetti: ${code}${detail}`,
        en: `İYS refused the change: ${code}${detail}`,
      };
  }
}

/** The item of a batch answer for a claimed change. */
interface Item {
  readonly status: 'success' | 'failure' | 'enqueue';
  readonly transactionId: string | undefined;
  readonly creationDate: Date | undefined;
  readonly code: string | undefined;
  readonly message: string | undefined;
}

export class PushRound {
  readonly #ctx: PushContext;
  readonly result: PushRoundResult = {
    claimed: 0,
    accepted: 0,
    refused: 0,
    retried: 0,
    cancelled: 0,
    released: 0,
    sent: 0,
    checked: 0,
  };

  /** When this round's claim was made (the context's clock, ms). */
  #claimedAt = Number.NEGATIVE_INFINITY;

  constructor(ctx: PushContext) {
    this.#ctx = ctx;
  }

  #at(): string {
    return this.#ctx.now().toISOString();
  }

  /** Backoff with "equal jitter": half fixed, half random. */
  #retryAt(attempts: number): Date {
    const s = this.#ctx.settings;
    const exp = Math.min(s.backoffMaxMs, s.backoffBaseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
    const ms = exp / 2 + (exp / 2) * this.#ctx.random();
    return new Date(this.#ctx.now().getTime() + ms);
  }

  async run(): Promise<PushRoundResult> {
    const { consents, settings, held } = this.#ctx;
    const now = this.#ctx.now();
    // Claim and mark in one transaction: the changes not sent before come back already marked
    // submitted (`submitted_at` saved), so a crash from here on leaves them in doubt, checked with
    // İYS before any resend.
    const claim = await consents.claimIysChangesToSend({
      worker: settings.worker,
      limit: settings.claimLimit,
      leaseMs: settings.leaseMs,
      now,
      retryAt: new Date(now.getTime() + settings.backoffBaseMs),
    });
    this.#claimedAt = now.getTime();
    const claimed = [...claim.resume, ...claim.send];
    this.result.claimed = claimed.length + claim.cancelled + claim.released;
    this.result.cancelled += claim.cancelled;
    this.result.released += claim.released;
    if (claimed.length === 0) return this.result;
    for (const c of claimed) held.add(c.outboxId);
    try {
      const byBrand = new Map<string, { resume: ClaimedIysChange[]; send: ClaimedIysChange[] }>();
      const of = (brand: string): { resume: ClaimedIysChange[]; send: ClaimedIysChange[] } => {
        let b = byBrand.get(brand);
        if (!b) {
          b = { resume: [], send: [] };
          byBrand.set(brand, b);
        }
        return b;
      };
      for (const c of claim.resume) of(c.key.brandCode).resume.push(c);
      for (const c of claim.send) of(c.key.brandCode).send.push(c);
      for (const [brand, b] of byBrand) await this.#brand(brand, b.resume, b.send);
    } catch (e) {
      // Stopping, or the database failed mid-round: give back what this worker still holds (rows
      // already settled are not touched). A change already sent keeps its request id or its
      // `submitted_at`, so whoever takes it polls or checks before sending again.
      try {
        await consents.releaseIysChanges(
          claimed.map((c) => c.outboxId),
          { worker: settings.worker },
        );
      } catch {
        // The lease runs out instead.
      }
      throw e;
    } finally {
      for (const c of claimed) held.delete(c.outboxId);
    }
    return this.result;
  }

  /**
   * One brand's share of the claim: `resume` were sent before (poll, or check), `marked` were
   * marked submitted by the claim (send).
   */
  async #brand(
    brand: string,
    resume: readonly ClaimedIysChange[],
    marked: readonly ClaimedIysChange[],
  ): Promise<void> {
    const polls = new Map<string, ClaimedIysChange[]>();
    const doubt: ClaimedIysChange[] = [];
    const fresh: ClaimedIysChange[] = [];
    for (const c of resume) {
      if (c.requestId !== null) {
        const l = polls.get(c.requestId) ?? [];
        l.push(c);
        polls.set(c.requestId, l);
      } else if (c.submittedAt !== null) doubt.push(c);
      else fresh.push(c);
    }
    // The claim's marked changes first, while their lease is fresh.
    if (marked.length > 0) await this.#send(brand, marked, true);
    for (const [requestId, group] of polls) {
      const unknown = await this.#poll(brand, requestId, group);
      doubt.push(...unknown);
    }
    if (doubt.length > 0) fresh.push(...(await this.#check(brand, doubt)));
    if (fresh.length > 0) await this.#send(brand, fresh, false);
  }

  /**
   * Changes sent before whose outcome is unknown: asks İYS for each consent's status. Returns the
   * changes İYS does not hold, to be sent.
   */
  async #check(brand: string, list: readonly ClaimedIysChange[]): Promise<ClaimedIysChange[]> {
    const { consents, client, settings } = this.#ctx;
    const now = this.#ctx.now().getTime();
    const young = list.filter((c) => now - c.submittedAt!.getTime() < settings.inDoubtGraceMs);
    if (young.length > 0) {
      // The lost request may still be waiting at İYS: look again once it must have been processed.
      const until = Math.max(...young.map((c) => c.submittedAt!.getTime())) + settings.inDoubtGraceMs;
      await consents.releaseIysChanges(
        young.map((c) => c.outboxId),
        { worker: settings.worker, retryAt: new Date(until) },
      );
      this.result.released += young.length;
    }
    const old = list.filter((c) => !young.includes(c));
    const toSend: ClaimedIysChange[] = [];
    const results: IysResult[] = [];
    const code = Number(brand);
    let failure: unknown;
    const queue = [...old];
    const worker = async (): Promise<void> => {
      for (let c = queue.shift(); c !== undefined; c = queue.shift()) {
        if (failure !== undefined) {
          results.push(this.#failed(c, failure));
          continue;
        }
        try {
          const rec = await client.consents.status(
            code,
            { recipient: c.key.recipient, recipientType: c.key.recipientType, type: c.key.type },
            { signal: this.#ctx.signal },
          );
          this.result.checked++;
          const sameDate =
            rec?.consentDate !== undefined &&
            Math.floor(rec.consentDate.getTime() / 1000) === Math.floor(Date.parse(c.consentDate) / 1000);
          if (
            rec &&
            rec.status === c.status &&
            sameDate &&
            (rec.source === undefined || rec.source === c.source)
          ) {
            // İYS holds this very change: our lost request landed.
            results.push(
              rec.transactionId
                ? {
                    outboxId: c.outboxId,
                    event: {
                      type: 'IYS_ACCEPTED',
                      at: this.#at(),
                      changeId: c.changeId,
                      transactionId: rec.transactionId,
                      ...(rec.creationDate ? { creationDate: rec.creationDate.toISOString() } : {}),
                    },
                  }
                : {
                    outboxId: c.outboxId,
                    event: { type: 'IYS_REFUSED', at: this.#at(), changeId: c.changeId, code: 'H174' },
                  },
            );
          } else {
            toSend.push(c);
          }
        } catch (e) {
          if (this.#ctx.signal.aborted) throw e;
          failure = e;
          results.push(this.#failed(c, e));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(8, old.length) }, worker));
    if (failure !== undefined) this.#unreachable(brand, failure);
    await this.#complete(brand, results);
    return toSend;
  }

  /** A result for a change whose attempt failed with the outcome unknown (or known not sent). */
  #failed(c: ClaimedIysChange, e: unknown, notSent = false): IysResult {
    this.result.retried++;
    return {
      outboxId: c.outboxId,
      event: { type: 'IYS_SUBMISSION_FAILED', at: this.#at(), changeId: c.changeId, reason: errorCode(e) },
      retryAt: this.#retryAt(c.attempts),
      error: `${errorCode(e)}: ${errorText(e)}`.slice(0, 500),
      ...(notSent ? { notSent: true } : {}),
    };
  }

  #unreachable(brand: string, e: unknown): void {
    const code = errorCode(e);
    this.#ctx.alert({
      kind: 'iys_unreachable',
      brandCode: brand,
      code,
      message: {
        tr: `İYS yanıt vermedi (${code}); değişiklikler saklanıyor ve yeniden denenecek`,
        en: `İYS did not answer (${code}); changes are kept and will be retried`,
      },
    });
    this.#ctx.logger?.warn?.({ brand, code, err: errorText(e) }, 'İYS unreachable; backing off');
  }

  /**
   * Sends changes: `marked` ones were marked submitted by the claim; the others (in doubt, checked
   * with İYS and not found there) are marked here first.
   */
  async #send(brand: string, list: readonly ClaimedIysChange[], marked: boolean): Promise<void> {
    const { settings } = this.#ctx;
    // Local checks first: a change İYS would refuse for its shape is refused here, unsent.
    const ok: ClaimedIysChange[] = [];
    const wires: Consent[] = [];
    const refusedLocally: IysResult[] = [];
    for (const c of list) {
      const consent = toConsent(c);
      const w = consentToWire(consent);
      if (w.ok) {
        ok.push(c);
        wires.push(consent);
      } else {
        const first = w.error[0]!;
        refusedLocally.push({
          outboxId: c.outboxId,
          event: {
            type: 'IYS_REFUSED',
            at: this.#at(),
            changeId: c.changeId,
            code: first.code,
            message: w.error
              .map((x) => x.message)
              .join(' ')
              .slice(0, 500),
          },
        });
      }
    }
    if (refusedLocally.length > 0) {
      // IYS_REFUSED needs the change in flight: mark (unless the claim did), then refuse.
      const kept = new Set(
        (marked
          ? list.filter((c) => refusedLocally.some((r) => r.outboxId === c.outboxId))
          : await this.#mark(refusedLocally.map((r) => list.find((c) => c.outboxId === r.outboxId)!))
        ).map((c) => c.outboxId),
      );
      await this.#complete(
        brand,
        refusedLocally.filter((r) => kept.has(r.outboxId)),
      );
    }
    const sendable = marked ? ok : await this.#mark(ok);
    const chunks: ClaimedIysChange[][] = [];
    for (let i = 0; i < sendable.length; i += settings.batchSize)
      chunks.push(sendable.slice(i, i + settings.batchSize));
    const consentOf = new Map(ok.map((c, i) => [c.outboxId, wires[i]!]));
    await Promise.all(chunks.map((chunk) => this.#sendChunk(brand, chunk, consentOf, marked)));
  }

  /**
   * Applies `IYS_SUBMITTED` (and sets `submitted_at`) for changes about to leave. Changes the
   * machine no longer wants sent are cancelled; the rest are returned.
   */
  async #mark(list: readonly ClaimedIysChange[]): Promise<ClaimedIysChange[]> {
    if (list.length === 0) return [];
    const { consents, settings } = this.#ctx;
    const marked = await consents.markIysSubmitted(list, { at: this.#ctx.now() });
    const keep: ClaimedIysChange[] = [];
    const cancel: { id: number; reason: string }[] = [];
    const release: number[] = [];
    marked.forEach((r, i) => {
      const c = list[i]!;
      if (r.outcome.kind !== 'rejected') {
        keep.push(c);
        return;
      }
      const stillWanted = r.state.outbox.some((x) => x.changeId === c.changeId);
      if (stillWanted) release.push(c.outboxId);
      else cancel.push({ id: c.outboxId, reason: r.outcome.error.code });
    });
    for (const reason of new Set(cancel.map((c) => c.reason))) {
      const ids = cancel.filter((c) => c.reason === reason).map((c) => c.id);
      this.result.cancelled += await consents.cancelClaimedIysChanges(ids, {
        worker: settings.worker,
        reason,
      });
    }
    if (release.length > 0) {
      await consents.releaseIysChanges(release, {
        worker: settings.worker,
        retryAt: new Date(this.#ctx.now().getTime() + settings.backoffBaseMs),
      });
      this.result.released += release.length;
    }
    return keep;
  }

  async #sendChunk(
    brand: string,
    chunk: readonly ClaimedIysChange[],
    consentOf: ReadonlyMap<number, Consent>,
    claimedNow: boolean,
  ): Promise<void> {
    const { client, consents, settings } = this.#ctx;
    let remaining = [...chunk];
    for (let round = 0; remaining.length > 0 && round < 4; round++) {
      // Send only what this worker still holds, with a fresh lease: a claim that ran out while the
      // machine work was done may have been taken over, and must then not leave twice. A claim
      // made moments ago (less than a quarter of the lease, by the clock the lease was set with)
      // holds as surely as a renewed one, so it is sent without renewing.
      const fresh =
        round === 0 && claimedNow && this.#ctx.now().getTime() - this.#claimedAt < settings.leaseMs / 4;
      if (!fresh) {
        const kept = new Set(
          await consents.renewIysClaims(
            remaining.map((c) => c.outboxId),
            { worker: settings.worker, leaseMs: settings.leaseMs, now: this.#ctx.now() },
          ),
        );
        remaining = remaining.filter((c) => kept.has(c.outboxId));
        if (remaining.length === 0) return;
      }
      let submitted: Awaited<ReturnType<IysClient['consents']['submitBatch']>>;
      try {
        submitted = await client.consents.submitBatch(
          Number(brand),
          remaining.map((c) => consentOf.get(c.outboxId)!),
          { signal: this.#ctx.signal },
        );
      } catch (e) {
        if (this.#ctx.signal.aborted) throw e;
        // Items İYS rejected with the whole request, synchronously: those are settled, the rest
        // (certainly unprocessed) go again.
        const positions =
          isIysApiError(e) && e.status >= 400 && e.status < 500
            ? rejectedPositions(e.errors, remaining, consentOf)
            : undefined;
        if (positions && positions.size > 0 && positions.size < remaining.length + 1) {
          const results: IysResult[] = [];
          for (const [pos, errs] of positions) {
            const c = remaining[pos]!;
            const first = errs[0]!;
            if (isRetryableHCode(first.code)) results.push(this.#failed(c, e, true));
            else
              results.push({
                outboxId: c.outboxId,
                event: {
                  type: 'IYS_REFUSED',
                  at: this.#at(),
                  changeId: c.changeId,
                  code: first.code,
                  message: errs
                    .map((x) => x.message)
                    .join(' ')
                    .slice(0, 500),
                },
              });
          }
          await this.#complete(brand, results);
          remaining = remaining.filter((_, pos) => !positions.has(pos));
          continue;
        }
        const sure = notProcessed(e);
        if (!sure || !isIysApiError(e) || e.status === 429) this.#unreachable(brand, e);
        await this.#complete(
          brand,
          remaining.map((c) => this.#failed(c, e, sure)),
        );
        return;
      }
      this.result.sent += remaining.length;
      if (submitted.subRequests.length !== remaining.length) {
        // İYS answered, so the request exists: keep the id and poll by position.
        await consents.recordIysRequest(
          submitted.requestId,
          remaining.map((c, i) => ({ outboxId: c.outboxId, subrequestId: null, requestIndex: i })),
        );
      } else {
        await consents.recordIysRequest(
          submitted.requestId,
          remaining.map((c, i) => ({
            outboxId: c.outboxId,
            subrequestId: submitted.subRequests[i]!.subrequestId,
            requestIndex: i,
          })),
        );
      }
      const withIds = remaining.map((c, i) => ({
        ...c,
        requestId: submitted.requestId,
        subrequestId: submitted.subRequests[i]?.subrequestId ?? null,
        requestIndex: i,
      }));
      const unknown = await this.#poll(brand, submitted.requestId, withIds);
      if (unknown.length > 0) {
        // İYS forgot a request it just acknowledged: ask before sending again.
        await consents.releaseIysChanges(
          unknown.map((c) => c.outboxId),
          { worker: this.#ctx.settings.worker },
        );
        this.result.released += unknown.length;
      }
      return;
    }
  }

  /**
   * Polls one İYS request until no item of ours is `enqueue` (or the poll times out), and settles
   * the items. Returns the changes İYS does not know the request of (to be checked).
   */
  async #poll(
    brand: string,
    requestId: string,
    list: readonly ClaimedIysChange[],
  ): Promise<ClaimedIysChange[]> {
    const { client, consents, settings } = this.#ctx;
    const started = Date.now();
    let wait = settings.pollIntervalMs;
    let lastRenew = Date.now();
    let open = [...list];
    for (;;) {
      await sleep(wait, this.#ctx.signal);
      let items: Awaited<ReturnType<IysClient['consents']['batchStatus']>>;
      try {
        items = await client.consents.batchStatus(Number(brand), requestId, { signal: this.#ctx.signal });
      } catch (e) {
        if (this.#ctx.signal.aborted) throw e;
        if (isIysApiError(e) && (e.hCode === 'H093' || e.status === 404)) {
          return open.map((c) => ({ ...c, requestId: null }));
        }
        // Keep the request id: the next claim polls again.
        this.#unreachable(brand, e);
        await consents.releaseIysChanges(
          open.map((c) => c.outboxId),
          {
            worker: settings.worker,
            retryAt: this.#retryAt(Math.max(...open.map((c) => c.attempts))),
            error: errorCode(e),
          },
        );
        this.result.released += open.length;
        return [];
      }
      const bySub = new Map<string, Item>();
      const byIndex = new Map<number, Item>();
      const indexBase = items.some((i) => i.index === 0) ? 0 : 1;
      for (const it of items) {
        const item: Item = {
          status: it.status,
          transactionId: it.transactionId,
          creationDate: it.creationDate,
          code: it.error?.code,
          message: it.error?.message,
        };
        if (it.subrequestId) bySub.set(it.subrequestId, item);
        if (it.index !== undefined) byIndex.set(it.index - indexBase, item);
      }
      const results: IysResult[] = [];
      const still: ClaimedIysChange[] = [];
      for (const c of open) {
        const item =
          (c.subrequestId !== null ? bySub.get(c.subrequestId) : undefined) ??
          (c.requestIndex !== null ? byIndex.get(c.requestIndex) : undefined);
        if (item === undefined || item.status === 'enqueue') {
          still.push(c);
          continue;
        }
        results.push(this.#itemResult(c, item));
      }
      await this.#complete(brand, results);
      open = still;
      if (open.length === 0) return [];
      if (Date.now() - started > settings.pollTimeoutMs) {
        // İYS is slow: give the rows back with their request id; a later claim polls again.
        await consents.releaseIysChanges(
          open.map((c) => c.outboxId),
          {
            worker: settings.worker,
            retryAt: new Date(this.#ctx.now().getTime() + settings.maxPollIntervalMs),
            error: 'iys_batch_pending',
          },
        );
        this.result.released += open.length;
        return [];
      }
      if (Date.now() - lastRenew > settings.leaseMs / 3) {
        const kept = new Set(
          await consents.renewIysClaims(
            open.map((c) => c.outboxId),
            { worker: settings.worker, leaseMs: settings.leaseMs, now: this.#ctx.now() },
          ),
        );
        open = open.filter((c) => kept.has(c.outboxId));
        lastRenew = Date.now();
        if (open.length === 0) return [];
      }
      wait = Math.min(settings.maxPollIntervalMs, Math.ceil(wait * 1.5));
    }
  }

  #itemResult(c: ClaimedIysChange, item: Item): IysResult {
    if (item.status === 'success') {
      return {
        outboxId: c.outboxId,
        event: {
          type: 'IYS_ACCEPTED',
          at: this.#at(),
          changeId: c.changeId,
          transactionId:
            item.transactionId ?? `${c.requestId ?? 'request'}:${c.subrequestId ?? c.requestIndex}`,
          ...(item.creationDate ? { creationDate: item.creationDate.toISOString() } : {}),
        },
      };
    }
    const code = item.code ?? 'iys_batch_failure';
    if (code !== 'H174' && isRetryableHCode(code)) {
      // Processed as a failure: İYS stored nothing, so the retry sends without asking first.
      return this.#failed(c, Object.assign(new Error(item.message ?? code), { code }), true);
    }
    return {
      outboxId: c.outboxId,
      event: {
        type: 'IYS_REFUSED',
        at: this.#at(),
        changeId: c.changeId,
        code,
        ...(item.message ? { message: item.message.slice(0, 500) } : {}),
      },
    };
  }

  async #complete(brand: string, results: readonly IysResult[]): Promise<void> {
    if (results.length === 0) return;
    await this.#ctx.consents.completeIysChanges(results);
    for (const r of results) {
      const e = r.event;
      if (e.type === 'IYS_ACCEPTED' || (e.type === 'IYS_REFUSED' && e.code === 'H174'))
        this.result.accepted++;
      else if (e.type === 'IYS_REFUSED') {
        this.result.refused++;
        this.#ctx.alert({
          kind: 'refused',
          brandCode: brand,
          outboxId: r.outboxId,
          changeId: e.changeId,
          code: e.code,
          message: refusalMessage(e.code, e.message),
        });
      }
    }
  }
}

/**
 * Which positions of a request İYS rejected synchronously. İYS's index base is unconfirmed (0 in
 * one client, 1 in the docs): the base under which every error's `value` matches its field wins.
 */
function rejectedPositions(
  errors: readonly IysErrorItem[],
  list: readonly ClaimedIysChange[],
  consentOf: ReadonlyMap<number, Consent>,
): Map<number, IysErrorItem[]> | undefined {
  if (errors.length === 0) return undefined;
  const wires = list.map((c) => {
    const w = consentToWire(consentOf.get(c.outboxId)!);
    return w.ok ? (w.value as unknown as Record<string, unknown>) : undefined;
  });
  const fits = (pos: number, e: IysErrorItem): boolean => {
    const w = wires[pos];
    if (!w) return false;
    const field = e.location?.[0];
    if (e.value === undefined || typeof field !== 'string') return true;
    return w[field] === e.value;
  };
  const base = errors.every((e) => e.index !== undefined && fits(e.index, e))
    ? 0
    : errors.every((e) => e.index !== undefined && fits(e.index - 1, e))
      ? 1
      : undefined;
  if (base === undefined) return undefined;
  const out = new Map<number, IysErrorItem[]>();
  for (const e of errors) {
    const pos = (e.index as number) - base;
    out.set(pos, [...(out.get(pos) ?? []), e]);
  }
  return out;
}
