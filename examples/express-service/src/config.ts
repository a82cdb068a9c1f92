/**
 * Configuration from the environment, validated with zod at start. Every bad value is reported
 * by name with a Turkish and an English sentence — never a stack trace.
 */
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';

/** How the service reaches its database, İYS and people. */
export interface Config {
  /** TCP port (0: any free port). */
  readonly port: number;
  /** Interface to bind. */
  readonly host: string;
  /** Folder for the embedded database, the simulator's state and generated secrets. */
  readonly dataDir: string;
  /** `postgres://…` — when unset, PGlite in `dataDir/db`. */
  readonly databaseUrl: string | undefined;
  /** Pool size on a PostgreSQL server. */
  readonly databasePoolSize: number;
  /** Consent write transactions in flight at once (group-commit lanes); `undefined` = the writer's default. */
  readonly databaseWriteLanes: number | undefined;
  /** Schema for izinkit's tables. */
  readonly databaseSchema: string;
  /** İYS: the real one (or any URL) when set; otherwise the in-process simulator. */
  readonly iys:
    | { readonly kind: 'simulator' }
    | {
        readonly kind: 'remote';
        readonly baseUrl: string;
        readonly username: string;
        readonly password: string;
        readonly iysCode: number;
      };
  /** A caller-chosen API key registered with full scope for the demo brands (`IZINKIT_API_KEY`). */
  readonly apiKey: string | undefined;
  /** Secrets given in the environment (the rest are generated into `dataDir` when allowed). */
  readonly secrets: {
    readonly lookupKey: Buffer | undefined;
    readonly encryptionKeys: Readonly<Record<string, Buffer>> | undefined;
    readonly encryptionKeyId: string | undefined;
    readonly logSigningKey: string | undefined;
    readonly adminPassword: string | undefined;
  };
  /** Admin login name. */
  readonly adminUser: string;
  /** Base URL people reach the service at (links in messages, QR codes). */
  readonly publicUrl: string | undefined;
  /** Origin line of the evidence log's checkpoints. */
  readonly evidenceOrigin: string | undefined;
  /** Where messages go: the dev outbox (embedded default) or a webhook. */
  readonly messages: { readonly kind: 'dev-outbox' } | { readonly kind: 'webhook'; readonly url: string };
  /** Run the background workers (sync, messages, evidence) inside `serve`. */
  readonly inProcessWorkers: boolean;
  /** pino level. */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Requests per second and burst, per API key. */
  readonly rateLimitKey: { readonly perSecond: number; readonly burst: number };
  /** Requests per second and burst, per client IP. */
  readonly rateLimitIp: { readonly perSecond: number; readonly burst: number };
  /** Largest JSON body, bytes. */
  readonly bodyLimitBytes: number;
  /** Largest bulk import body, bytes. */
  readonly importLimitBytes: number;
  /** Trust `X-Forwarded-For` from this many proxies (0: none). */
  readonly trustProxy: number;
  /** Running on the embedded defaults (no IYS_BASE_URL): the İYS simulator, demo brands, the dev outbox. */
  readonly embedded: boolean;
}

/** One bad configuration value. */
export interface ConfigIssue {
  /** The variable name. */
  readonly variable: string;
  /** Turkish sentence. */
  readonly tr: string;
  /** English sentence. */
  readonly en: string;
}

/** The result of {@link loadConfig}. */
export type ConfigResult =
  | { readonly ok: true; readonly value: Config }
  | { readonly ok: false; readonly issues: ConfigIssue[] };

/** One environment variable: its schema (unset and empty count as absent) and what it must be. */
interface Field<S extends z.ZodType> {
  readonly schema: S;
  /** Completes "<VARIABLE> …" in Turkish. */
  readonly tr: string;
  /** Completes "<VARIABLE> …" in English. */
  readonly en: string;
}

const field = <S extends z.ZodType>(schema: S, tr: string, en: string): Field<S> => ({ schema, tr, en });

const intIn = (min: number, max: number) =>
  field(
    z
      .string()
      .regex(/^\d+$/)
      .transform(Number)
      .refine((n) => n >= min && n <= max),
    `${min} ile ${max} arasında bir tam sayı olmalı`,
    `must be an integer from ${min} to ${max}`,
  );

const httpUrl = () =>
  field(
    z.string().refine((s) => {
      try {
        const u = new URL(s);
        return u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        return false;
      }
    }),
    'http:// ya da https:// ile başlayan bir adres olmalı',
    'must be an http:// or https:// URL',
  );

const pattern = (re: RegExp, tr: string, en: string) => field(z.string().regex(re), tr, en);

const oneOf = <const V extends readonly [string, ...string[]]>(values: V, tr: string, en: string) =>
  field(z.enum(values), tr, en);

/** Needed only with a real İYS (checked after parsing). */
const requiredWithIys = <S extends z.ZodType>(schema: S, what?: readonly [string, string]) =>
  field(
    schema,
    `IYS_BASE_URL verildiğinde gerekli${what ? `; ${what[0]}` : ''}`,
    `is required when IYS_BASE_URL is set${what ? `: ${what[1]}` : ''}`,
  );

const rate = () =>
  field(
    z
      .string()
      .regex(/^\d+(\.\d+)?:\d+$/)
      .transform((s) => {
        const [a, b] = s.split(':');
        return { perSecond: Number(a), burst: Number(b) };
      })
      .refine((r) => r.perSecond > 0 && r.burst >= 1),
    '"saniyede:ani" biçiminde pozitif sayılar olmalı (ör. 2000:4000)',
    'must be "perSecond:burst" positive numbers (e.g. 2000:4000)',
  );

const FIELDS = {
  PORT: intIn(0, 65535),
  HOST: pattern(
    /^[A-Za-z0-9.:\-[\]]{1,253}$/,
    'bir IP adresi ya da makine adı olmalı',
    'must be an IP address or host name',
  ),
  IZINKIT_DATA_DIR: field(
    z.string().min(1),
    'boş olmayan bir klasör yolu olmalı',
    'must be a non-empty folder path',
  ),
  DATABASE_URL: pattern(
    /^postgres(ql)?:\/\/.+/,
    'postgres:// ya da postgresql:// ile başlayan bir adres olmalı',
    'must be a URL starting with postgres:// or postgresql://',
  ),
  DATABASE_POOL_SIZE: intIn(1, 200),
  DATABASE_WRITE_LANES: intIn(1, 32),
  DATABASE_SCHEMA: pattern(
    /^[a-z_][a-z0-9_]{0,62}$/,
    'küçük harf, rakam ve _ (en çok 63) olmalı',
    'must be lower-case letters, digits and _ (at most 63)',
  ),
  IYS_BASE_URL: httpUrl(),
  IYS_USERNAME: requiredWithIys(z.string().min(1)),
  IYS_PASSWORD: requiredWithIys(z.string().min(1)),
  IYS_CODE: requiredWithIys(
    z
      .string()
      .regex(/^\d{1,12}$/)
      .transform(Number),
    ['rakamlardan oluşan İYS numarası', 'the numeric İYS code'],
  ),
  IZINKIT_API_KEY: pattern(
    /^[\x21-\x7e]{16,256}$/,
    '16-256 görünür ASCII karakter olmalı',
    'must be 16-256 visible ASCII characters',
  ),
  IZINKIT_LOOKUP_KEY: field(
    z
      .string()
      .regex(/^[A-Za-z0-9+/_-]+={0,2}$/)
      .transform((s) => Buffer.from(s, s.includes('-') || s.includes('_') ? 'base64url' : 'base64'))
      .refine((b) => b.byteLength >= 16),
    'en az 16 baytlık base64 bir anahtar olmalı',
    'must be a base64 key of at least 16 bytes',
  ),
  IZINKIT_ENCRYPTION_KEYS: field(
    z.string().transform((s, ctx) => {
      const out: Record<string, Buffer> = {};
      for (const part of s.split(',')) {
        const i = part.indexOf(':');
        const id = part.slice(0, i).trim();
        const key = Buffer.from(part.slice(i + 1).trim(), 'base64');
        if (i <= 0 || !/^[A-Za-z0-9_-]{1,32}$/.test(id) || key.byteLength !== 32) {
          ctx.addIssue({ code: 'custom', message: 'bad key' });
          return z.NEVER;
        }
        out[id] = key;
      }
      return out;
    }),
    '"kimlik:base64" çiftleri (virgülle) olmalı; her anahtar 32 bayt',
    'must be "id:base64" pairs (comma-separated), each key 32 bytes',
  ),
  IZINKIT_ENCRYPTION_KEY_ID: field(
    z.string().min(1),
    'IZINKIT_ENCRYPTION_KEYS içindeki bir kimlik olmalı',
    'must name a key in IZINKIT_ENCRYPTION_KEYS',
  ),
  IZINKIT_LOG_SIGNING_KEY: pattern(
    /^PRIVATE\+KEY\+\S+$/,
    'PRIVATE+KEY+… biçiminde bir Ed25519 not anahtarı olmalı',
    'must be an Ed25519 note key (PRIVATE+KEY+…)',
  ),
  IZINKIT_ADMIN_PASSWORD: field(
    z.string().min(12),
    'en az 12 karakter olmalı',
    'must have at least 12 characters',
  ),
  IZINKIT_ADMIN_USER: pattern(
    /^[a-z0-9._-]{3,64}$/,
    '3-64 küçük harf, rakam, . _ - olmalı',
    'must be 3-64 of a-z 0-9 . _ -',
  ),
  IZINKIT_PUBLIC_URL: httpUrl(),
  IZINKIT_EVIDENCE_ORIGIN: pattern(
    /^\S{1,200}$/,
    'boşluksuz bir günlük adı olmalı (ör. ornek.com.tr/evidence)',
    'must be a log name without spaces (e.g. example.com/evidence)',
  ),
  IZINKIT_MESSAGES: oneOf(
    ['dev-outbox', 'webhook'],
    'dev-outbox ya da webhook olmalı',
    'must be dev-outbox or webhook',
  ),
  IZINKIT_MESSAGE_WEBHOOK_URL: httpUrl(),
  IZINKIT_WORKERS: oneOf(['true', 'false', '1', '0'], 'true ya da false olmalı', 'must be true or false'),
  LOG_LEVEL: oneOf(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    'fatal, error, warn, info, debug, trace ya da silent olmalı',
    'must be fatal, error, warn, info, debug, trace or silent',
  ),
  RATE_LIMIT_PER_KEY: rate(),
  RATE_LIMIT_PER_IP: rate(),
  BODY_LIMIT_BYTES: intIn(1024, 104_857_600),
  IMPORT_LIMIT_BYTES: intIn(1024, 10_737_418_240),
  TRUST_PROXY: intIn(0, 10),
};

type Fields = typeof FIELDS;
const Env = z.object(
  Object.fromEntries(Object.entries(FIELDS).map(([name, f]) => [name, f.schema.optional()])) as {
    [K in keyof Fields]: z.ZodOptional<Fields[K]['schema']>;
  },
);

const issue = (variable: string): ConfigIssue => {
  const f = (FIELDS as Record<string, Field<z.ZodType> | undefined>)[variable];
  return {
    variable,
    tr: `${variable} ${f?.tr ?? 'geçersiz değer'}`,
    en: `${variable} ${f?.en ?? 'invalid value'}`,
  };
};

/**
 * Reads and validates the configuration. Empty strings count as unset.
 *
 * @example
 * ```ts
 * const r = loadConfig(process.env);
 * if (!r.ok) for (const i of r.issues) console.error(`${i.tr}\n${i.en}`);
 * ```
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = process.cwd(),
): ConfigResult {
  const cleaned: Record<string, string> = {};
  for (const k of Object.keys(Env.shape)) {
    const v = env[k];
    if (v !== undefined && v.trim() !== '') cleaned[k] = v.trim();
  }
  const parsed = Env.safeParse(cleaned);
  if (!parsed.success) {
    const vars = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '?')))];
    return { ok: false, issues: vars.map(issue) };
  }
  const e = parsed.data;
  const issues: ConfigIssue[] = [];
  if (e.IYS_BASE_URL) {
    for (const v of ['IYS_USERNAME', 'IYS_PASSWORD', 'IYS_CODE'] as const)
      if (e[v] === undefined) issues.push(issue(v));
  }
  if (
    e.IZINKIT_ENCRYPTION_KEY_ID &&
    (!e.IZINKIT_ENCRYPTION_KEYS || !(e.IZINKIT_ENCRYPTION_KEY_ID in e.IZINKIT_ENCRYPTION_KEYS))
  ) {
    issues.push(issue('IZINKIT_ENCRYPTION_KEY_ID'));
  }
  const messages = e.IZINKIT_MESSAGES ?? (e.IZINKIT_MESSAGE_WEBHOOK_URL ? 'webhook' : 'dev-outbox');
  if (messages === 'webhook' && !e.IZINKIT_MESSAGE_WEBHOOK_URL)
    issues.push(issue('IZINKIT_MESSAGE_WEBHOOK_URL'));
  // Without a real İYS the hub runs on its embedded defaults: simulator, demo brands, dev outbox.
  const embedded = !e.IYS_BASE_URL;
  // Production (a real İYS) must not depend on secrets generated into one machine's folder: every
  // process must share them.
  if (e.IYS_BASE_URL) {
    if (!e.IZINKIT_LOOKUP_KEY) issues.push(requiredInProduction('IZINKIT_LOOKUP_KEY'));
    if (!e.IZINKIT_ENCRYPTION_KEYS) issues.push(requiredInProduction('IZINKIT_ENCRYPTION_KEYS'));
    if (!e.IZINKIT_LOG_SIGNING_KEY) issues.push(requiredInProduction('IZINKIT_LOG_SIGNING_KEY'));
  }
  if (issues.length > 0) return { ok: false, issues };
  const base = env.INIT_CWD && env.INIT_CWD.trim() !== '' ? env.INIT_CWD : cwd;
  const dataDir = e.IZINKIT_DATA_DIR
    ? isAbsolute(e.IZINKIT_DATA_DIR)
      ? e.IZINKIT_DATA_DIR
      : resolve(base, e.IZINKIT_DATA_DIR)
    : join(base, '.izinkit-data');
  const keyIds = e.IZINKIT_ENCRYPTION_KEYS ? Object.keys(e.IZINKIT_ENCRYPTION_KEYS) : [];
  return {
    ok: true,
    value: {
      port: e.PORT ?? 3000,
      host: e.HOST ?? '127.0.0.1',
      dataDir,
      databaseUrl: e.DATABASE_URL,
      databasePoolSize: e.DATABASE_POOL_SIZE ?? 16,
      databaseWriteLanes: e.DATABASE_WRITE_LANES,
      databaseSchema: e.DATABASE_SCHEMA ?? 'izinkit',
      iys: e.IYS_BASE_URL
        ? {
            kind: 'remote',
            baseUrl: e.IYS_BASE_URL,
            username: e.IYS_USERNAME!,
            password: e.IYS_PASSWORD!,
            iysCode: e.IYS_CODE!,
          }
        : { kind: 'simulator' },
      apiKey: e.IZINKIT_API_KEY,
      secrets: {
        lookupKey: e.IZINKIT_LOOKUP_KEY,
        encryptionKeys: e.IZINKIT_ENCRYPTION_KEYS,
        encryptionKeyId: e.IZINKIT_ENCRYPTION_KEY_ID ?? keyIds[keyIds.length - 1],
        logSigningKey: e.IZINKIT_LOG_SIGNING_KEY,
        adminPassword: e.IZINKIT_ADMIN_PASSWORD,
      },
      adminUser: e.IZINKIT_ADMIN_USER ?? 'admin',
      publicUrl: e.IZINKIT_PUBLIC_URL?.replace(/\/+$/, ''),
      evidenceOrigin: e.IZINKIT_EVIDENCE_ORIGIN,
      messages:
        messages === 'webhook'
          ? { kind: 'webhook', url: e.IZINKIT_MESSAGE_WEBHOOK_URL! }
          : { kind: 'dev-outbox' },
      inProcessWorkers:
        e.IZINKIT_WORKERS === undefined ? true : e.IZINKIT_WORKERS === 'true' || e.IZINKIT_WORKERS === '1',
      logLevel: e.LOG_LEVEL ?? 'info',
      rateLimitKey: e.RATE_LIMIT_PER_KEY ?? { perSecond: 5000, burst: 10_000 },
      rateLimitIp: e.RATE_LIMIT_PER_IP ?? { perSecond: 5000, burst: 10_000 },
      bodyLimitBytes: e.BODY_LIMIT_BYTES ?? 1_048_576,
      importLimitBytes: e.IMPORT_LIMIT_BYTES ?? 1_073_741_824,
      trustProxy: e.TRUST_PROXY ?? 0,
      embedded,
    },
  };
}

function requiredInProduction(variable: string): ConfigIssue {
  return {
    variable,
    tr: `${variable} gerçek İYS ile (IYS_BASE_URL) çalışırken ortamdan verilmeli: tüm süreçler aynı anahtarı kullanmalı`,
    en: `${variable} must come from the environment when running against a real İYS (IYS_BASE_URL): every process must share it`,
  };
}

/**
 * The configuration problems as the lines printed at start.
 *
 * @example
 * ```ts
 * console.error(formatConfigIssues(r.issues));
 * ```
 */
export function formatConfigIssues(issues: readonly ConfigIssue[]): string {
  return [
    'Yapılandırma hatalı / Invalid configuration:',
    ...issues.map((i) => `  • ${i.tr}\n    ${i.en}`),
    'Değişkenlerin tümü .env.example dosyasında / Every variable is described in .env.example',
  ].join('\n');
}
