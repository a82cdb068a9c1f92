/**
 * The hub: everything a request handler or a worker needs, built once per process from the
 * configuration — database (PGlite or a server pool), migrations, secrets, repositories, the
 * agreement service, the evidence log, the İYS client (the in-process simulator on the embedded
 * defaults), the message provider, metrics — and the demo data on first start.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgreementService } from '@izinkit/agreements';
import { createIysClient, type IysClient } from '@izinkit/iys';
import { type IysSimulator, startIysSimulator } from '@izinkit/iys-simulator';
import {
  AccessRepository,
  ApplicationRepository,
  bundledMigrations,
  ConsentRepository,
  type Database,
  EvidenceLogStore,
  migrate,
  openDatabase,
  PgAgreementRepository,
  SyncStateRepository,
} from '@izinkit/postgres';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { AgreementTexts, publishStarterTexts } from './domain/agreement-texts.js';
import { BrandDirectory, DEMO_BRANDS } from './domain/brands.js';
import { subjectKeyOf } from './domain/evidence-record.js';
import { DevOutboxProvider, type MessageProvider, WebhookProvider } from './domain/messages.js';
import { ConsentWriter } from './domain/writer.js';
import { ApiKeyAuth } from './http/auth.js';
import { Metrics } from './http/metrics.js';
import { loadSecrets, type Secrets } from './secrets.js';

/** Fixed name of the key registered from `IZINKIT_API_KEY`. */
export const ENV_KEY_NAME = 'IZINKIT_API_KEY';

/** Everything the service runs on. */
export interface Hub {
  /** The configuration. */
  readonly config: Config;
  /** The logger. */
  readonly log: Logger;
  /** The database. */
  readonly db: Database;
  /** Secrets. */
  readonly secrets: Secrets;
  /** The key identifiers in evidence records are hashed with. */
  readonly subjectKey: { readonly id: string; readonly secret: Uint8Array };
  /** Consents. */
  readonly consents: ConsentRepository;
  /** API keys, admins, sessions, audit. */
  readonly access: AccessRepository;
  /** Agreement texts. */
  readonly agreements: AgreementService;
  /** Rendered texts in force (cached). */
  readonly texts: AgreementTexts;
  /** KVKK applications. */
  readonly applications: ApplicationRepository;
  /** The evidence log. */
  readonly evidence: EvidenceLogStore;
  /** Sync cursors and reconciliation reports. */
  readonly syncState: SyncStateRepository;
  /** The İYS client. */
  readonly iys: IysClient;
  /**
   * The İYS client of the sync engine: the same account with the client's own retries off, so a
   * batch whose reply was lost is never re-posted blindly (the engine checks İYS first).
   */
  readonly syncIys: IysClient;
  /** The in-process simulator, on the embedded defaults. */
  readonly simulator: IysSimulator | undefined;
  /** The brands. */
  readonly brands: BrandDirectory;
  /** Group-committing consent writer. */
  readonly writer: ConsentWriter;
  /** Where messages go. */
  readonly messages: MessageProvider;
  /** Metrics. */
  readonly metrics: Metrics;
  /** API-key verification. */
  readonly auth: ApiKeyAuth;
  /** The clock. */
  readonly now: () => Date;
  /** The URL people reach the service at (links, QR codes). */
  publicUrl(): string;
  /** Sets the public URL once the port is known. */
  setListenUrl(url: string): void;
  /** Wakes the effect worker (new messages to send). */
  kick(): void;
  /** Registers the effect worker's wake-up. */
  onKick(fn: () => void): void;
  /** What first start created (for the banner). */
  readonly created: {
    readonly adminUser: string | null;
    readonly apiKey: string | null;
    readonly demoApiKey: string | null;
  };
  /** Closes everything. */
  close(): Promise<void>;
}

/** Options of {@link openHub}. */
export interface OpenHubOptions {
  /** Run migrations (default true). */
  readonly migrate?: boolean;
  /** A database to use instead of opening one (tests). */
  readonly db?: Database;
  /** The clock (default: system). */
  readonly now?: () => Date;
}

/**
 * The migrations this service applies: the storage layer's files.
 *
 * @example
 * ```ts
 * serviceMigrations().map((m) => m.id); // ['0001_consents', …, '0008_service']
 * ```
 */
export function serviceMigrations(): ReturnType<typeof bundledMigrations> {
  return bundledMigrations();
}

/**
 * Builds the hub: opens the database, migrates, loads secrets, starts the simulator when no
 * İYS is configured, seeds the demo brands, texts, admin and API key.
 *
 * @example
 * ```ts
 * const hub = await openHub(config, log);
 * ```
 */
export async function openHub(config: Config, log: Logger, options: OpenHubOptions = {}): Promise<Hub> {
  const now = options.now ?? (() => new Date());
  mkdirSync(config.dataDir, { recursive: true });
  const secrets = loadSecrets(config);
  const db =
    options.db ??
    (await openDatabase({
      url: config.databaseUrl,
      dataDir: join(config.dataDir, 'db'),
      schema: config.databaseSchema,
      max: config.databasePoolSize,
    }));
  const closers: (() => Promise<void>)[] = [];
  if (!options.db) closers.push(() => db.close());
  try {
    if (options.migrate !== false) {
      const r = await migrate(db, { migrations: serviceMigrations() });
      if (r.applied.length) log.info({ applied: r.applied }, 'migrated');
    }
    let simulator: IysSimulator | undefined;
    let iys: IysClient;
    let syncIys: IysClient;
    if (config.iys.kind === 'simulator') {
      simulator = await startIysSimulator({
        port: 0,
        host: '127.0.0.1',
        dataFile: join(config.dataDir, 'iys-simulator.json'),
        batch: { delayMs: 50 },
      });
      closers.unshift(() => simulator!.close());
      const account = { baseUrl: simulator.url, username: 'izinkit', password: 'izinkit', iysCode: 600000 };
      iys = createIysClient(account);
      syncIys = createIysClient({ ...account, retry: false });
    } else {
      const account = {
        baseUrl: config.iys.baseUrl,
        username: config.iys.username,
        password: config.iys.password,
        iysCode: config.iys.iysCode,
      };
      iys = createIysClient(account);
      syncIys = createIysClient({ ...account, retry: false });
    }
    const access = new AccessRepository(db);
    const agreements = new AgreementService({ repository: new PgAgreementRepository(db), clock: now });
    const brands = new BrandDirectory(db);
    const metrics = new Metrics(db);
    const messages: MessageProvider =
      config.messages.kind === 'webhook'
        ? new WebhookProvider(config.messages.url)
        : new DevOutboxProvider(db);
    let listenUrl = config.publicUrl ?? `http://127.0.0.1:${config.port}`;
    const kicks: (() => void)[] = [];
    const created = await seed({ config, db, access, agreements, brands, secrets, log });
    const hub: Hub = {
      config,
      log,
      db,
      secrets,
      subjectKey: subjectKeyOf(secrets.storage),
      consents: new ConsentRepository({ db, keys: secrets.storage, now }),
      access,
      agreements,
      texts: new AgreementTexts(agreements),
      applications: new ApplicationRepository({ db, keys: secrets.storage }),
      evidence: new EvidenceLogStore({ db, origin: secrets.origin, signer: secrets.signer }),
      syncState: new SyncStateRepository(db),
      iys,
      syncIys,
      simulator,
      brands,
      writer: new ConsentWriter({
        db,
        keys: secrets.storage,
        ...(config.databaseWriteLanes !== undefined ? { concurrency: config.databaseWriteLanes } : {}),
        onBatch: (items) =>
          metrics.inc(
            'izinkit_consent_write_batches_total',
            'Consent write transactions (group commits).',
            {},
            1,
          ) ?? items,
      }),
      messages,
      metrics,
      auth: new ApiKeyAuth(access),
      now,
      publicUrl: () => config.publicUrl ?? listenUrl,
      setListenUrl: (url) => {
        listenUrl = url;
      },
      kick: () => {
        for (const k of kicks) k();
      },
      onKick: (fn) => {
        kicks.push(fn);
      },
      created,
      async close() {
        for (const c of closers) await c().catch((e: unknown) => log.warn({ err: e }, 'close failed'));
      },
    };
    return hub;
  } catch (e) {
    for (const c of closers) await c().catch(() => {});
    throw e;
  }
}

/** First-start data: demo brands and texts (embedded), the admin user, the IZINKIT_API_KEY key. */
async function seed(ctx: {
  config: Config;
  db: Database;
  access: AccessRepository;
  agreements: AgreementService;
  brands: BrandDirectory;
  secrets: Secrets;
  log: Logger;
}): Promise<{ adminUser: string | null; apiKey: string | null; demoApiKey: string | null }> {
  const { config, db, access, agreements, brands, secrets, log } = ctx;
  if (config.embedded) {
    for (const b of DEMO_BRANDS) {
      if (await brands.ensure(b)) log.info({ brand: b.code }, 'demo brand created');
      const published = await publishStarterTexts(agreements, b, 'system');
      if (published.length)
        log.info({ brand: b.code, documents: published.length }, 'starter agreement texts published');
    }
  }
  let adminUser: string | null = null;
  const existing = await db.query('select 1 from admin_users where username = $1', [config.adminUser]);
  if (existing.rows.length === 0) {
    try {
      await access.createAdmin(config.adminUser, secrets.adminPassword);
      adminUser = config.adminUser;
    } catch (e) {
      // Another process starting at the same time created it first.
      if ((e as { code?: string }).code !== 'conflict') throw e;
    }
  }
  let apiKey: string | null = null;
  if (config.apiKey) {
    const info = await access.verifyApiKey(config.apiKey);
    if (!info) {
      const all = [...(await brands.all()).keys()];
      try {
        await access.createApiKey({
          name: ENV_KEY_NAME,
          key: config.apiKey,
          createdBy: 'system',
          scopes: [{ brands: all.length ? all : DEMO_BRANDS.map((b) => b.code), permissions: ['*'] }],
        });
        apiKey = config.apiKey;
      } catch (e) {
        if ((e as { code?: string }).code !== 'conflict') throw e;
      }
    }
  }
  // On the embedded defaults without IZINKIT_API_KEY: a demo key, kept (mode 0600) in the data
  // folder like the generated admin password, so the printed curl examples work at once.
  let demoApiKey: string | null = null;
  if (config.embedded && !config.apiKey) {
    const file = join(config.dataDir, 'demo-api-key');
    let key = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
    if (!/^[\x21-\x7e]{16,256}$/.test(key)) {
      key = `izk_demo_${randomBytes(24).toString('base64url')}`;
      writeFileSync(file, `${key}\n`, { mode: 0o600 });
    }
    if (!(await access.verifyApiKey(key))) {
      try {
        await access.createApiKey({
          name: 'demo',
          key,
          createdBy: 'system',
          scopes: [{ brands: DEMO_BRANDS.map((b) => b.code), permissions: ['*'] }],
        });
      } catch (e) {
        if ((e as { code?: string }).code !== 'conflict') throw e;
      }
    }
    demoApiKey = key;
  }
  return { adminUser, apiKey, demoApiKey };
}
