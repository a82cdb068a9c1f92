#!/usr/bin/env node
/**
 * `izinkit-sync-worker`: runs the İYS sync engine as its own process. Start as many as you like
 * against one PostgreSQL; they share the outbox through `FOR UPDATE SKIP LOCKED`.
 *
 * Environment:
 *   DATABASE_URL              postgres://… (required)
 *   IZINKIT_DB_SCHEMA         schema of izinkit's tables (default izinkit)
 *   IYS_BASE_URL              İYS API base URL (required)
 *   IYS_USERNAME, IYS_PASSWORD, IYS_CODE   İYS API credentials and service-provider code (required)
 *   IYS_BRANDS                brand codes to pull, comma-separated (default: every brand of the provider)
 *   IZINKIT_LOOKUP_KEY        base64, ≥ 16 bytes (required; the same as the service's)
 *   IZINKIT_ENCRYPTION_KEYS   "id:base64,…", 32-byte keys (required; the same as the service's)
 *   IZINKIT_ENCRYPTION_KEY_ID which of them new values use (default: the first)
 *   SYNC_LANES, SYNC_CLAIM_LIMIT, SYNC_LEASE_MS, SYNC_PULL_INTERVAL_MS, SYNC_IN_DOUBT_GRACE_MS,
 *   SYNC_IDLE_MS, SYNC_RISK_BUSINESS_DAYS, SYNC_NO_PULL=1, SYNC_MIGRATE=1 (run migrations first)
 *
 * SIGTERM / SIGINT: the rounds in progress finish (or their claimed changes are released), then
 * the process exits 0. Logs are JSON lines on stdout; alerts are logged with `alert: true`.
 */
import { createIysClient } from '@izinkit/iys';
import { ConsentRepository, migrate, openPostgres, type StorageKeys } from '@izinkit/postgres';
import { startSyncEngine } from './engine.js';

const env = process.env;
const problems: string[] = [];
const need = (name: string): string => {
  const v = env[name];
  if (!v) problems.push(`${name}: gerekli / required`);
  return v ?? '';
};
const num = (name: string): number | undefined => {
  const v = env[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) problems.push(`${name}: sayı olmalı / must be a number`);
  return n;
};

const url = need('DATABASE_URL');
const baseUrl = need('IYS_BASE_URL');
const username = need('IYS_USERNAME');
const password = need('IYS_PASSWORD');
const iysCode = num('IYS_CODE');
if (iysCode === undefined) problems.push('IYS_CODE: gerekli / required');
const lookup = Buffer.from(need('IZINKIT_LOOKUP_KEY'), 'base64');
if (env.IZINKIT_LOOKUP_KEY && lookup.byteLength < 16) {
  problems.push('IZINKIT_LOOKUP_KEY: en az 16 bayt olmalı / must be at least 16 bytes');
}
const encryptionKeys: Record<string, Uint8Array> = {};
for (const part of need('IZINKIT_ENCRYPTION_KEYS').split(',').filter(Boolean)) {
  const i = part.indexOf(':');
  const id = part.slice(0, i).trim();
  const key = Buffer.from(part.slice(i + 1).trim(), 'base64');
  if (i <= 0 || key.byteLength !== 32) {
    problems.push(
      'IZINKIT_ENCRYPTION_KEYS: "kimlik:base64" çiftleri, 32 bayt / "id:base64" pairs, 32 bytes each',
    );
    break;
  }
  encryptionKeys[id] = key;
}
const currentKeyId = env.IZINKIT_ENCRYPTION_KEY_ID ?? Object.keys(encryptionKeys)[0] ?? '';
if (Object.keys(encryptionKeys).length > 0 && !(currentKeyId in encryptionKeys)) {
  problems.push(
    'IZINKIT_ENCRYPTION_KEY_ID: IZINKIT_ENCRYPTION_KEYS içinde yok / not in IZINKIT_ENCRYPTION_KEYS',
  );
}
const lanes = num('SYNC_LANES');
const claimLimit = num('SYNC_CLAIM_LIMIT');
const leaseMs = num('SYNC_LEASE_MS');
const pullEvery = num('SYNC_PULL_INTERVAL_MS');
const grace = num('SYNC_IN_DOUBT_GRACE_MS');
const idleMs = num('SYNC_IDLE_MS');
const riskDays = num('SYNC_RISK_BUSINESS_DAYS');

if (problems.length > 0) {
  console.error(`izinkit-sync-worker: yapılandırma hatalı / bad configuration\n  ${problems.join('\n  ')}`);
  process.exit(2);
}

const line = (level: string, obj: object, msg: string): void => {
  process.stdout.write(
    `${JSON.stringify({ level, time: new Date().toISOString(), pid: process.pid, msg, ...obj })}\n`,
  );
};
const logger = {
  info: (o: object, m: string) => line('info', o, m),
  warn: (o: object, m: string) => line('warn', o, m),
  error: (o: object, m: string) => line('error', o, m),
};

const keys: StorageKeys = { lookupKey: lookup, encryptionKeys, currentKeyId };
const db = await openPostgres({
  url,
  max: Math.max(4, (lanes ?? 2) + 2),
  ...(env.IZINKIT_DB_SCHEMA ? { schema: env.IZINKIT_DB_SCHEMA } : {}),
});
if (env.SYNC_MIGRATE === '1') await migrate(db);
const client = createIysClient({
  baseUrl,
  username,
  password,
  iysCode: iysCode!,
  retry: false,
  rateLimit: false,
});
let brandCodes = (env.IYS_BRANDS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
if (brandCodes.length === 0 && env.SYNC_NO_PULL !== '1') {
  try {
    brandCodes = (await client.brands.list()).map((b) => String(b.brandCode));
  } catch (e) {
    logger.warn({ err: String(e) }, 'could not list brands; pulling none until restarted with IYS_BRANDS');
  }
}

const engine = startSyncEngine({
  db,
  consents: new ConsentRepository({ db, keys }),
  client,
  brandCodes,
  logger,
  workerId: env.SYNC_WORKER_ID ?? `sync-worker@${process.pid}`,
  push: {
    ...(lanes !== undefined ? { lanes } : {}),
    ...(claimLimit !== undefined ? { claimLimit } : {}),
    ...(leaseMs !== undefined ? { leaseMs } : {}),
    ...(grace !== undefined ? { inDoubtGraceMs: grace } : {}),
    ...(idleMs !== undefined ? { idleMs } : {}),
  },
  pull: { enabled: env.SYNC_NO_PULL !== '1', ...(pullEvery !== undefined ? { intervalMs: pullEvery } : {}) },
  alerts: riskDays !== undefined ? { riskBusinessDays: riskDays } : {},
  onAlert: (a) =>
    line('warn', { alert: true, kind: a.kind, ...('code' in a ? { code: a.code } : {}) }, a.message.en),
});
line('info', { ready: true }, 'izinkit-sync-worker ready');

let stopping = false;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  line('info', { signal }, 'stopping');
  engine
    .stop()
    .then(() => db.close())
    .then(
      () => process.exit(0),
      (e: unknown) => {
        line('error', { err: String(e) }, 'stop failed');
        process.exit(1);
      },
    );
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
