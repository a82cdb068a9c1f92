/**
 * The service's secrets: taken from the environment when given, otherwise generated once and kept
 * in `<dataDir>/secrets.json` (mode 0600), so a zero-set-up start survives restarts.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateNoteKey, type NoteSigner, noteSignerFromKey } from '@izinkit/evidence';
import type { StorageKeys } from '@izinkit/postgres';
import { z } from 'zod';
import type { Config } from './config.js';

/** Everything secret the service runs with. */
export interface Secrets {
  /** Storage keys (lookup HMAC key, AES-256-GCM keys). */
  readonly storage: StorageKeys;
  /** The evidence log's checkpoint signer. */
  readonly signer: NoteSigner;
  /** The verifier key to publish (`<origin>+<id>+<base64>`). */
  readonly verifierKey: string;
  /** The log's origin line (the signing key's name). */
  readonly origin: string;
  /** The admin password. */
  readonly adminPassword: string;
  /** True when this start generated secrets (they are printed once). */
  readonly generated: readonly string[];
  /** Where generated secrets are kept, if anywhere. */
  readonly file: string | undefined;
}

const FileSchema = z.object({
  lookupKey: z.string(),
  encryptionKeys: z.record(z.string(), z.string()),
  currentKeyId: z.string(),
  logSigningKey: z.string(),
  adminPassword: z.string(),
});
type SecretsFile = z.infer<typeof FileSchema>;

/** Thrown when the secrets file is unreadable or a key in it is not usable. */
export class SecretsError extends Error {
  /** Stable code. */
  readonly code = 'secrets_invalid' as const;
  /**
   * @param message - Turkish / English
   * @param options - the cause
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecretsError';
    Object.defineProperty(this, Symbol.for('izinkit.error'), { value: true });
  }
}

function verifierKeyOf(signer: NoteSigner): string {
  const id = signer.keyId.toString(16).padStart(8, '0');
  return `${signer.name}+${id}+${Buffer.from([1, ...signer.publicKey]).toString('base64')}`;
}

function defaultOrigin(config: Config): string {
  if (config.evidenceOrigin) return config.evidenceOrigin;
  if (config.publicUrl) return `${new URL(config.publicUrl).host}/evidence`;
  return 'izinkit.local/evidence';
}

/**
 * Loads the secrets: environment first, then the data-dir file; whatever is still missing is
 * generated and written to the file.
 *
 * @example
 * ```ts
 * const secrets = loadSecrets(config);
 * if (secrets.generated.length) console.log('admin password:', secrets.adminPassword);
 * ```
 */
export function loadSecrets(config: Config): Secrets {
  const file = join(config.dataDir, 'secrets.json');
  let stored: Partial<SecretsFile> = {};
  if (existsSync(file)) {
    try {
      const parsed = FileSchema.partial().parse(JSON.parse(readFileSync(file, 'utf8')));
      stored = Object.fromEntries(
        Object.entries(parsed).filter(([, v]) => v !== undefined),
      ) as Partial<SecretsFile>;
    } catch (e) {
      throw new SecretsError(`Gizli anahtar dosyası okunamadı / could not read the secrets file ${file}`, {
        cause: e,
      });
    }
  }
  const generated: string[] = [];
  const s = config.secrets;
  const next: Partial<SecretsFile> = { ...stored };
  if (!s.lookupKey && !next.lookupKey) {
    next.lookupKey = randomBytes(32).toString('base64');
    generated.push('lookupKey');
  }
  if (!s.encryptionKeys && !next.encryptionKeys) {
    next.encryptionKeys = { k1: randomBytes(32).toString('base64') };
    next.currentKeyId = 'k1';
    generated.push('encryptionKey');
  }
  if (!s.logSigningKey && !next.logSigningKey) {
    next.logSigningKey = generateNoteKey(defaultOrigin(config)).signerKey;
    generated.push('logSigningKey');
  }
  if (!s.adminPassword && !next.adminPassword) {
    next.adminPassword = randomBytes(12).toString('base64url');
    generated.push('adminPassword');
  }
  if (generated.length > 0) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  const lookupKey = s.lookupKey ?? Buffer.from(next.lookupKey!, 'base64');
  const encryptionKeys =
    s.encryptionKeys ??
    Object.fromEntries(Object.entries(next.encryptionKeys!).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
  const currentKeyId = s.encryptionKeys
    ? s.encryptionKeyId!
    : (next.currentKeyId ?? Object.keys(encryptionKeys)[0]!);
  const signerKey = s.logSigningKey ?? next.logSigningKey!;
  const signer = noteSignerFromKey(signerKey);
  if (!signer.ok)
    throw new SecretsError(
      `İmza anahtarı kullanılamıyor / the log signing key is unusable: ${signer.error.message}`,
    );
  const lengths = Object.values(encryptionKeys).every((k) => k.byteLength === 32);
  if (lookupKey.byteLength < 16 || !lengths || !(currentKeyId in encryptionKeys)) {
    throw new SecretsError('Saklanan anahtarlar geçersiz / the stored keys are invalid');
  }
  return {
    storage: { lookupKey, encryptionKeys, currentKeyId },
    signer: signer.value,
    verifierKey: verifierKeyOf(signer.value),
    origin: signer.value.name,
    adminPassword: s.adminPassword ?? next.adminPassword!,
    generated,
    file: generated.length > 0 || existsSync(file) ? file : undefined,
  };
}
