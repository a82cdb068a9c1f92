/**
 * Starting and stopping the service in one process: the hub, the HTTP server (API routes, then
 * the web pages), and — unless disabled — the background workers. `main.ts` calls this; tests
 * start the service in-process with it.
 */

import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { createApp, rateLimitSecret } from './http/app.js';
import { HubRateLimits } from './http/rate-limit.js';
import { type Hub, type OpenHubOptions, openHub } from './hub.js';
import { ROUTES } from './routes/index.js';
import { createWebRouter } from './web/index.js';
import { startWorkers } from './workers.js';

/** A running service. */
export interface RunningService {
  /** The hub. */
  readonly hub: Hub;
  /** The HTTP server. */
  readonly server: Server;
  /** `http://host:port`. */
  readonly url: string;
  /** The sync engine in use (`@izinkit/sync`), `null` without workers. */
  readonly syncEngine: string | null;
  /**
   * Graceful stop: stop accepting connections, let requests in flight finish (up to `graceMs`),
   * stop the workers (releasing claimed İYS work), close the database.
   */
  stop(graceMs?: number): Promise<void>;
}

/** Options of {@link startService}. */
export interface StartServiceOptions extends OpenHubOptions {
  /** Run the workers in this process (default: `config.inProcessWorkers`). */
  readonly workers?: boolean;
}

/**
 * Opens the hub and listens.
 *
 * @example
 * ```ts
 * const svc = await startService(config, log);
 * console.log(svc.url);
 * await svc.stop();
 * ```
 */
export async function startService(
  config: Config,
  log: Logger,
  options: StartServiceOptions = {},
): Promise<RunningService> {
  const hub = await openHub(config, log, options);
  const limits = new HubRateLimits(config, rateLimitSecret(hub));
  try {
    // On a PostgreSQL server any number of processes may serve the hub: they share the limits.
    // (Embedded PGlite has one process.)
    if (hub.db.dialect === 'postgres') {
      await limits.share(hub.db, {
        processId: randomUUID(),
        onError: (e) =>
          log.warn({ err: e }, 'rate limits not shared this round / hız sınırları bu turda paylaşılamadı'),
      });
    }
    const app = createApp(hub, { routes: ROUTES, web: createWebRouter(hub), limits });
    const server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    server.requestTimeout = 10 * 60_000;
    const addr = server.address() as AddressInfo;
    const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
    const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${addr.port}`;
    hub.setListenUrl(url);
    const workers = (options.workers ?? config.inProcessWorkers) ? await startWorkers(hub) : null;
    let stopping: Promise<void> | undefined;
    return {
      hub,
      server,
      url,
      syncEngine: workers?.engine ?? null,
      stop(graceMs = 10_000) {
        stopping ??= (async () => {
          const closed = new Promise<void>((resolve) => server.close(() => resolve()));
          server.closeIdleConnections();
          const timer = setTimeout(() => server.closeAllConnections(), graceMs);
          await closed;
          clearTimeout(timer);
          await workers?.stop();
          await limits.stop();
          await hub.close();
        })();
        return stopping;
      },
    };
  } catch (e) {
    await limits.stop();
    await hub.close();
    throw e;
  }
}
