/**
 * Background work, in `serve` (unless `IZINKIT_WORKERS=false`) and in `worker` mode:
 *
 * - the evidence sequencer (every second) and signed checkpoints (when the log grew);
 * - the effect worker: verification codes and links, the same-day confirmation after an ONAY or
 *   RET taken electronically (Yön. art. 7), overdue alerts;
 * - the İYS sync: `startSyncEngine` from @izinkit/sync (push earliest deadline first, pull
 *   citizens' changes, deadline alerts).
 *
 * Every loop stops cleanly: the current round finishes (or its claimed İYS work is released) before
 * `stop()` resolves.
 */
import { hostname } from 'node:os';
import type { ConsentEffect } from '@izinkit/consent';
import type { PendingEffect } from '@izinkit/postgres';
import { startSyncEngine } from '@izinkit/sync';
import { sendVerification } from './domain/optin.js';
import type { Hub } from './hub.js';
import { type Locale, t } from './i18n.js';

/** A periodic job that can be woken early and stopped cleanly. */
export class Loop {
  readonly #name: string;
  readonly #intervalMs: number;
  readonly #fn: () => Promise<boolean | undefined>;
  readonly #hub: Hub;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;
  #again = false;

  /**
   * @param hub - for logging
   * @param name - for logs
   * @param intervalMs - pause between rounds
   * @param fn - one round; returning `true` runs the next round at once (more work waiting)
   */
  constructor(hub: Hub, name: string, intervalMs: number, fn: () => Promise<boolean | undefined>) {
    this.#hub = hub;
    this.#name = name;
    this.#intervalMs = intervalMs;
    this.#fn = fn;
  }

  /** Starts the loop. */
  start(): void {
    this.#schedule(0);
  }

  /** Runs a round soon (new work arrived). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#schedule(0);
  }

  /** Stops after the current round. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#round(), ms);
    this.#timer.unref?.();
  }

  #round(): void {
    if (this.#running || this.#stopped) return;
    this.#again = false;
    this.#running = (async () => {
      let more = false;
      try {
        more = (await this.#fn()) === true;
      } catch (e) {
        if (!this.#stopped) this.#hub.log.error({ err: e, worker: this.#name }, 'worker round failed');
      }
      this.#running = undefined;
      this.#schedule(more || this.#again ? 0 : this.#intervalMs);
    })();
  }
}

/** Something running that can be stopped. */
export interface Stoppable {
  /** Stops it (resolves when it stopped). */
  stop(): Promise<void>;
}

const workerId = (role: string): string => `${role}@${hostname()}:${process.pid}`;

/** The evidence sequencer and checkpoint signer. */
export function startEvidenceWorker(hub: Hub): Stoppable {
  let lastCheckpointSize = -1;
  let lastCheckpointAt = 0;
  const loop = new Loop(hub, 'evidence', 1000, async () => {
    const r = await hub.evidence.sequence();
    const now = Date.now();
    if (r.ran && r.size > 0 && r.size !== lastCheckpointSize && now - lastCheckpointAt > 5000) {
      const cp = await hub.evidence.checkpoint();
      lastCheckpointSize = cp.treeSize;
      lastCheckpointAt = now;
    }
    return r.sequenced >= 5000;
  });
  loop.start();
  return loop;
}

/** Sends the message of a `notifyRecipient` effect: the same-day confirmation. */
async function sendConfirmation(hub: Hub, fx: PendingEffect): Promise<void> {
  const e = fx.effect;
  if (e.type !== 'notifyRecipient') return;
  const brand = await hub.brands.get(e.key.brandCode);
  if (!brand) return;
  const locale: Locale = 'tr';
  const isEmail = e.key.recipient.includes('@');
  const date = new Intl.DateTimeFormat('tr-TR', {
    timeZone: 'Europe/Istanbul',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(hub.now());
  const params = {
    brand: brand.name,
    date,
    ret: brand.retInstructions[locale],
    mersis: brand.mersis,
    url: hub.publicUrl(),
  };
  await hub.messages.send({
    brandCode: brand.code,
    channel: isEmail ? 'email' : 'sms',
    to: e.key.recipient,
    toHash: hub.consents.recipientHash(e.key.recipient),
    purpose: 'confirmation',
    locale,
    ...(isEmail ? { subject: t(locale, 'email.confirm.subject', { brand: brand.name }) } : {}),
    body: t(locale, e.status === 'ONAY' ? 'sms.confirm.ONAY' : 'sms.confirm.RET', params),
  });
  hub.metrics.inc('izinkit_messages_sent_total', 'Messages handed to the provider.', {
    purpose: 'confirmation',
    channel: isEmail ? 'email' : 'sms',
  });
}

/** Verification messages, confirmations and overdue alerts from the effect outbox. */
export function startEffectWorker(hub: Hub): Stoppable {
  const worker = workerId('effects');
  const loop = new Loop(hub, 'effects', 500, async () => {
    const claimed = await hub.consents.claimEffects({
      worker,
      kinds: ['sendVerificationCode', 'notifyRecipient', 'raiseOverdue'],
      limit: 50,
      leaseMs: 60_000,
    });
    for (const fx of claimed) {
      try {
        await runEffect(hub, fx);
        await hub.consents.completeEffect(fx.id);
      } catch (e) {
        const retryAt =
          fx.attempts >= 8 ? null : new Date(Date.now() + Math.min(2 ** fx.attempts, 300) * 1000);
        hub.log.warn({ err: e, effect: fx.kind, id: fx.id, attempts: fx.attempts }, 'effect failed');
        await hub.consents.failEffect(fx.id, String((e as Error).message ?? e).slice(0, 500), retryAt);
      }
    }
    return claimed.length === 50;
  });
  hub.onKick(() => loop.kick());
  loop.start();
  return loop;
}

async function runEffect(hub: Hub, fx: PendingEffect): Promise<void> {
  const e: ConsentEffect = fx.effect;
  switch (e.type) {
    case 'sendVerificationCode':
      return sendVerification(hub, fx);
    case 'notifyRecipient':
      return sendConfirmation(hub, fx);
    case 'raiseOverdue':
      hub.metrics.inc(
        'izinkit_iys_overdue_raised_total',
        'İYS changes that passed their statutory deadline.',
        { brand: e.key.brandCode },
      );
      hub.log.warn(
        { brand: e.key.brandCode, channel: e.key.type, changeId: e.changeId, deadlineAt: e.deadlineAt },
        'İYS change overdue',
      );
      return;
    default:
      return;
  }
}

/**
 * The İYS sync: the @izinkit/sync engine (push earliest deadline first, pull citizens' changes,
 * deadline alerts).
 */
export async function startSync(hub: Hub): Promise<Stoppable & { readonly engine: string }> {
  const brands = [...(await hub.brands.all()).keys()];
  const running = startSyncEngine({
    db: hub.db,
    consents: hub.consents,
    client: hub.syncIys,
    brandCodes: brands,
    workerId: workerId('sync'),
    logger: hub.log,
    onAlert: (alert) => hub.log.warn({ alert: alert.kind }, alert.message.en),
  });
  hub.log.info('sync: @izinkit/sync engine started');
  return { engine: '@izinkit/sync', stop: () => running.stop() };
}

/** Starts every worker; returns a stop for all. */
export async function startWorkers(hub: Hub): Promise<{ readonly engine: string; stop(): Promise<void> }> {
  const evidence = startEvidenceWorker(hub);
  const effects = startEffectWorker(hub);
  const sync = await startSync(hub);
  return {
    engine: sync.engine,
    async stop() {
      await sync.stop();
      await effects.stop();
      await evidence.stop();
    },
  };
}
