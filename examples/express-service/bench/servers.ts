/**
 * The benchmark's server process: the hub's API and, beside it on the same database, a bare
 * `node:http` server answering the same consent-status query (same repository call, same JSON
 * view) without Express, validation, authentication, rate limits or security headers. Prints
 * `READY <api-url> <bare-url>` once both listen; stops on SIGTERM.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeRecipient } from '@izinkit/identity';
import { loadConfig } from '../src/config.js';
import { personStatus } from '../src/domain/consents.js';
import { createLogger } from '../src/log.js';
import { startService } from '../src/service.js';

const KEY = 'bench-key-0123456789abcdef';
const SEED = Number(process.env.BENCH_SEED_CONSENTS ?? 2000);
const dir = mkdtempSync(join(tmpdir(), 'izinkit-bench-'));
const cfg = loadConfig({
  IZINKIT_DATA_DIR: dir,
  PORT: '0',
  IZINKIT_API_KEY: KEY,
  IZINKIT_WORKERS: 'false',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_KEY: '1000000:1000000',
  RATE_LIMIT_PER_IP: '1000000:1000000',
  DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '',
  DATABASE_SCHEMA: process.env.BENCH_DATABASE_URL ? `bench_${process.pid}` : '',
  DATABASE_POOL_SIZE: '20',
  // BENCH_WRITE_LANES: group-commit lanes (default: the writer's own, 2 on a server).
  ...(process.env.BENCH_WRITE_LANES ? { DATABASE_WRITE_LANES: process.env.BENCH_WRITE_LANES } : {}),
});
if (!cfg.ok) throw new Error(JSON.stringify(cfg.issues));
const svc = await startService(cfg.value, createLogger('warn'), { workers: false });
const hub = svc.hub;

// Seed consents (the GET benchmark reads a random one of them).
const recent = new Date(Date.now() - 3_600_000).toISOString();
for (let i = 0; i < SEED; i += 200) {
  const items = [];
  for (let k = i; k < Math.min(SEED, i + 200); k++) {
    items.push({
      key: {
        brandCode: '600000',
        recipient: `+90532${String(1_000_000 + k).padStart(7, '0')}`,
        recipientType: 'BIREYSEL' as const,
        type: 'MESAJ' as const,
      },
      event: {
        type: 'DECISION_RECORDED' as const,
        at: new Date().toISOString(),
        decisionId: `seed-${k}`,
        status: 'ONAY' as const,
        source: 'HS_WEB' as const,
        consentDate: recent,
      },
    });
  }
  await hub.consents.recordMany(items);
}

// The peer: node:http, the same query from the same database, no framework.
const bare = createServer((req, res) => {
  const u = new URL(req.url ?? '/', 'http://x');
  const m = /^\/v1\/brands\/(\d{1,12})\/consents$/.exec(u.pathname);
  const raw = u.searchParams.get('recipient');
  const r = raw ? normalizeRecipient(raw) : null;
  if (!m || !r?.ok) {
    res.writeHead(400).end();
    return;
  }
  const recipient = r.value.kind === 'phone' ? r.value.e164 : r.value.address;
  personStatus(hub, m[1]!, recipient).then(
    (v) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(v));
    },
    () => res.writeHead(500).end(),
  );
});
await new Promise<void>((r) => bare.listen(0, '127.0.0.1', () => r()));
const port = (bare.address() as AddressInfo).port;
process.stdout.write(`READY ${svc.url} http://127.0.0.1:${port} ${hub.db.dialect}\n`);

process.on('SIGTERM', () => {
  bare.close();
  void (async () => {
    if (process.env.BENCH_DATABASE_URL)
      await hub.db.exec(`drop schema if exists "${hub.db.schema}" cascade`).catch(() => {});
    await svc.stop(1000);
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  })();
});
