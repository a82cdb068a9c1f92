/**
 * Test harness: the service started in-process on a free loopback port, on a fresh schema of
 * PGlite (always) or the PostgreSQL server (when TEST_DATABASE_URL is set), with its own data
 * folder (secrets, simulator state) and log lines captured for inspection.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { DatabaseFixture } from '@izinkit/test-utils/postgres';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { type RunningService, startService } from '../src/service.js';

/** The full-scope key every test service registers. */
export const FULL_KEY = 'test-full-key-0123456789abcdef';

/** A started test service. */
export interface TestService extends RunningService {
  /** Captured log lines. */
  readonly logs: string[];
  /** fetch against the service with the full key. */
  call(path: string, init?: RequestInit & { key?: string | null; json?: unknown }): Promise<Response>;
  /** Stops the service and frees its database and folder. */
  dispose(): Promise<void>;
}

/**
 * Starts a service on a fixture's database.
 *
 * @example
 * ```ts
 * const svc = await startTestService(fixture);
 * ```
 */
export async function startTestService(
  fixture: DatabaseFixture,
  env: Record<string, string> = {},
  options: { workers?: boolean } = {},
): Promise<TestService> {
  const dir = mkdtempSync(join(tmpdir(), 'izinkit-svc-'));
  const cfg = loadConfig({
    IZINKIT_DATA_DIR: dir,
    PORT: '0',
    IZINKIT_API_KEY: FULL_KEY,
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_KEY: '100000:100000',
    RATE_LIMIT_PER_IP: '100000:100000',
    ...env,
  });
  if (!cfg.ok) throw new Error(JSON.stringify(cfg.issues));
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const log = createLogger('info', sink);
  const { db, dispose } = await fixture.open();
  let svc: RunningService;
  try {
    svc = await startService(cfg.value, log, { db, workers: options.workers ?? true });
  } catch (e) {
    await dispose();
    throw e;
  }
  return {
    ...svc,
    logs,
    call(path, init = {}) {
      const { key = FULL_KEY, json, headers, ...rest } = init;
      const h = new Headers(headers);
      if (key) h.set('authorization', `Bearer ${key}`);
      if (json !== undefined) h.set('content-type', 'application/json');
      return fetch(`${svc.url}${path}`, {
        ...rest,
        headers: h,
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      });
    },
    async dispose() {
      await svc.stop(2000);
      await dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `fn` returns a truthy value (or throws after `ms`). */
export async function eventually<T>(
  fn: () => Promise<T | undefined | null | false>,
  ms = 10_000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
