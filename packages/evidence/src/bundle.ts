/**
 * Evidence bundles: one JSON file that lets anyone check, offline and with standard algorithms,
 * that a proof-of-consent record was logged, under which signed checkpoint, and (with an RFC 3161
 * token) no later than when.
 */
import { createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { canonicalize } from './canonicalize.js';
import { parseCheckpoint, verifyCheckpoint } from './checkpoint.js';
import { EvidenceTypeError } from './errors.js';
import { type EvidenceRecord, EvidenceRecordSchema } from './evidence.js';
import { fromBase64, fromHex, toBase64, toHex, utf8 } from './internal/bytes.js';
import type { MerkleLog } from './log.js';
import { leafHash, verifyInclusion } from './merkle.js';
import { ed25519NoteVerifier, type NoteVerifier, noteVerifierFromKey } from './note.js';
import { type CertificateInput, type TimeStampInfo, verifyTimeStampToken } from './timestamp.js';

/** The `format` of bundles this version writes and reads. */
export const BUNDLE_FORMAT = 'izinkit.evidence-bundle/v1';

/**
 * An evidence bundle as stored in JSON.
 *
 * @example
 * ```ts
 * declare const bundle: EvidenceBundle;
 * await writeFile('complaint-4711.json', JSON.stringify(bundle, null, 2));
 * ```
 */
export interface EvidenceBundle {
  /** Always {@link BUNDLE_FORMAT}. */
  readonly format: typeof BUNDLE_FORMAT;
  /** The proof-of-consent record, readable. */
  readonly record: EvidenceRecord;
  /** The RFC 8785 canonical form of `record`: its UTF-8 bytes are the log entry. */
  readonly canonical: string;
  /** The entry's index in the log. */
  readonly leafIndex: number;
  /** The RFC 9162 inclusion proof (base64 hashes, deepest first) against the checkpoint's tree. */
  readonly inclusionProof: readonly string[];
  /** The C2SP signed checkpoint (note text with signature lines). */
  readonly checkpoint: string;
  /** The RFC 3161 time stamp over the UTF-8 of `checkpoint`. */
  readonly timestamp?: {
    /** The `TimeStampToken`, base64 DER. */
    readonly token: string;
    /** The nonce the token was requested with, hex. */
    readonly nonce?: string;
  };
  /** The log's verifier key (`<name>+<id>+<key>`), for convenience: a verifier should be given the key independently. */
  readonly logKey?: string;
}

/**
 * zod schema of {@link EvidenceBundle} (shape; {@link verifyEvidenceBundle} checks the rest).
 *
 * @example
 * ```ts
 * EvidenceBundleSchema.safeParse(JSON.parse('{}')).success; // false
 * ```
 */
export const EvidenceBundleSchema: z.ZodType<EvidenceBundle> = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  record: EvidenceRecordSchema,
  canonical: z.string(),
  leafIndex: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  inclusionProof: z.array(z.string()).max(64),
  checkpoint: z.string().max(64 * 1024),
  timestamp: z
    .strictObject({
      token: z.string().max(1024 * 1024),
      nonce: z
        .string()
        .regex(/^[0-9a-f]+$/)
        .optional(),
    })
    .optional(),
  logKey: z.string().optional(),
}) as z.ZodType<EvidenceBundle>;

/**
 * The parts a bundle is made of.
 *
 * @example
 * ```ts
 * declare const record: EvidenceRecord;
 * declare const proof: Uint8Array[];
 * declare const signedCheckpoint: string;
 * const parts: BundleParts = { record, leafIndex: 41, inclusionProof: proof, checkpoint: signedCheckpoint };
 * ```
 */
export interface BundleParts {
  /** The record. */
  readonly record: EvidenceRecord;
  /** Its index in the log. */
  readonly leafIndex: number;
  /** Its inclusion proof in the checkpoint's tree. */
  readonly inclusionProof: readonly Uint8Array[];
  /** The signed checkpoint. */
  readonly checkpoint: string;
  /** An RFC 3161 time stamp over the checkpoint. */
  readonly timestamp?: {
    /** The `TimeStampToken` (DER). */
    readonly token: Uint8Array;
    /** The nonce it was requested with. */
    readonly nonce?: Uint8Array;
  };
  /** The log's verifier key. */
  readonly logKey?: string;
}

/**
 * Assembles an {@link EvidenceBundle}; the canonical form is computed here.
 *
 * @example
 * ```ts
 * declare const parts: BundleParts;
 * const bundle = createEvidenceBundle(parts);
 * bundle.format; // 'izinkit.evidence-bundle/v1'
 * ```
 */
export function createEvidenceBundle(parts: BundleParts): EvidenceBundle {
  return {
    format: BUNDLE_FORMAT,
    record: parts.record,
    canonical: canonicalize(parts.record),
    leafIndex: parts.leafIndex,
    inclusionProof: parts.inclusionProof.map(toBase64),
    checkpoint: parts.checkpoint,
    ...(parts.timestamp
      ? {
          timestamp: {
            token: toBase64(parts.timestamp.token),
            ...(parts.timestamp.nonce ? { nonce: toHex(parts.timestamp.nonce) } : {}),
          },
        }
      : {}),
    ...(parts.logKey ? { logKey: parts.logKey } : {}),
  };
}

/**
 * Builds the bundle of a logged record from a {@link MerkleLog}: the inclusion proof is taken
 * against the tree size of the signed checkpoint (which must not be newer than the log).
 *
 * @example
 * ```ts
 * declare const log: MerkleLog;
 * declare const record: EvidenceRecord;
 * declare const signedCheckpoint: string;
 * const bundle = await bundleFromLog(log, { record, leafIndex: 0, checkpoint: signedCheckpoint });
 * ```
 */
export async function bundleFromLog(
  log: MerkleLog,
  parts: Omit<BundleParts, 'inclusionProof'>,
): Promise<EvidenceBundle> {
  const text = parts.checkpoint.slice(0, parts.checkpoint.lastIndexOf('\n\n') + 1);
  const cp = parseCheckpoint(text);
  if (!cp.ok) throw new EvidenceTypeError(cp.error.message);
  const proof = await log.inclusionProof(parts.leafIndex, cp.value.size);
  return createEvidenceBundle({ ...parts, inclusionProof: proof });
}

/**
 * The checks {@link verifyEvidenceBundle} runs, in order.
 *
 * @example
 * ```ts
 * const id: BundleCheckId = 'inclusion';
 * ```
 */
export type BundleCheckId = 'format' | 'canonical' | 'checkpoint' | 'inclusion' | 'timestamp' | 'times';

/**
 * The outcome of one check.
 *
 * @example
 * ```ts
 * declare const c: BundleCheck;
 * console.log(c.ok ? '✓' : '✗', c.message);
 * ```
 */
export interface BundleCheck {
  /** Which check. */
  readonly id: BundleCheckId;
  /** `pass`, `fail`, or `skip` (not applicable, or not possible without a key or anchor). */
  readonly status: 'pass' | 'fail' | 'skip';
  /** A stable code for a failure or skip (`INCLUSION_INVALID`, `TSA_NONCE_MISMATCH` …). */
  readonly code?: string;
  /** What was found, in English. */
  readonly message: string;
  /** What was found, in Turkish. */
  readonly messageTr: string;
}

/**
 * The full report on a bundle: each check, and in plain words what the bundle proves.
 *
 * @example
 * ```ts
 * declare const report: BundleReport;
 * if (!report.ok) console.error(report.checks.find((c) => c.status === 'fail')?.message);
 * ```
 */
export interface BundleReport {
  /** True when no check failed (and a time stamp was present if one was required). */
  readonly ok: boolean;
  /** Every check, in order. */
  readonly checks: readonly BundleCheck[];
  /** What the bundle proves, one statement per line, in English (empty when `ok` is false). */
  readonly proved: readonly string[];
  /** The same statements in Turkish. */
  readonly provedTr: readonly string[];
  /** Limits of what was checked (for example "the log key came from the bundle"). */
  readonly caveats: readonly string[];
  /** The same caveats in Turkish. */
  readonly caveatsTr: readonly string[];
  /** The record, when the bundle could be read. */
  readonly record?: EvidenceRecord;
  /** The verified time stamp, when there was one and it verified. */
  readonly timestamp?: TimeStampInfo;
}

/**
 * Options of {@link verifyEvidenceBundle}.
 *
 * @example
 * ```ts
 * declare const logVerifierKey: string;
 * declare const tsaRootPem: string;
 * const o: BundleVerifyOptions = { logKeys: [logVerifierKey], trustAnchors: [tsaRootPem], requireTimestamp: true };
 * ```
 */
export interface BundleVerifyOptions {
  /**
   * The log's verifier keys, obtained independently of the bundle: `<name>+<id>+<base64>` note
   * keys, PEM Ed25519 public keys, or {@link NoteVerifier}s. Without them the bundle's own
   * `logKey` is used, with a caveat.
   */
  readonly logKeys?: readonly (string | NoteVerifier)[];
  /** The log origin the checkpoint must name. */
  readonly origin?: string;
  /** Trust anchors for the time-stamp authority. Without them a time stamp is not checked (skip, with a caveat). */
  readonly trustAnchors?: readonly CertificateInput[];
  /** Fail when the bundle has no verified time stamp. */
  readonly requireTimestamp?: boolean;
  /** How far the record's server time may be after the time stamp's time, in ms (clock skew; default 300,000). */
  readonly maxClockSkewMs?: number;
}

const short = (hex: string): string => `${hex.slice(0, 16)}…`;

function ed25519FromPem(pem: string): Uint8Array | undefined {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') return undefined;
    const x = key.export({ format: 'jwk' }).x;
    return x ? new Uint8Array(Buffer.from(x, 'base64url')) : undefined;
  } catch {
    return undefined;
  }
}

function signatureNames(note: string): string[] {
  const names = new Set<string>();
  for (const m of note.matchAll(/^\u2014 (\S+) /gmu)) if (!/\+/.test(m[1]!)) names.add(m[1]!);
  return [...names];
}

/**
 * Verifies an evidence bundle (parsed JSON, or the JSON text) completely and explains the result:
 * the record's shape; that `canonical` is exactly the RFC 8785 form of `record`; the checkpoint's
 * signature by a trusted log key (and origin); the inclusion of the canonical bytes' leaf hash at
 * `leafIndex` under the checkpoint's root; the RFC 3161 token over the checkpoint (with every
 * check of {@link verifyTimeStampToken}); and that the record's server time is not after the time
 * stamp. Never throws for a bad bundle: every problem is a failed check with a code and a reason.
 *
 * @example
 * ```ts
 * declare const json: string;
 * declare const logVerifierKey: string;
 * const report = await verifyEvidenceBundle(json, { logKeys: [logVerifierKey] });
 * console.log(report.ok, report.proved.join('\n'));
 * ```
 */
export async function verifyEvidenceBundle(
  bundle: unknown,
  options: BundleVerifyOptions = {},
): Promise<BundleReport> {
  const checks: BundleCheck[] = [];
  const caveats: string[] = [];
  const caveatsTr: string[] = [];
  const add = (
    id: BundleCheckId,
    status: BundleCheck['status'],
    message: string,
    messageTr: string,
    code?: string,
  ) => checks.push({ id, status, message, messageTr, ...(code ? { code } : {}) });
  const done = (
    extra: Partial<BundleReport> = {},
    proved: string[] = [],
    provedTr: string[] = [],
  ): BundleReport => {
    const ok = checks.every((c) => c.status !== 'fail');
    return {
      ok,
      checks,
      proved: ok ? proved : [],
      provedTr: ok ? provedTr : [],
      caveats,
      caveatsTr,
      ...extra,
    };
  };

  // 1. Format.
  let json = bundle;
  if (typeof bundle === 'string') {
    try {
      json = JSON.parse(bundle);
    } catch {
      add('format', 'fail', 'the bundle is not JSON', 'paket JSON değil', 'BUNDLE_MALFORMED');
      return done();
    }
  }
  const parsed = EvidenceBundleSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? first.path.map(String).join('.') || 'bundle' : 'bundle';
    add(
      'format',
      'fail',
      `the bundle is not a valid ${BUNDLE_FORMAT} file: ${where}: ${first?.message ?? 'invalid'}`,
      `paket geçerli bir ${BUNDLE_FORMAT} dosyası değil: ${where} alanı hatalı`,
      'BUNDLE_MALFORMED',
    );
    return done();
  }
  const b = parsed.data;
  const record = b.record;
  add(
    'format',
    'pass',
    `an ${BUNDLE_FORMAT} file with a valid record`,
    `geçerli kayıt içeren bir ${BUNDLE_FORMAT} dosyası`,
  );

  // 2. Canonical form.
  const canonical = canonicalize(record);
  if (canonical !== b.canonical) {
    add(
      'canonical',
      'fail',
      'the record does not match its canonical form: a field was changed, added, removed or reordered after logging',
      'kayıt kanonik biçimiyle uyuşmuyor: kayıt günlüğe yazıldıktan sonra bir alan değiştirilmiş, eklenmiş, silinmiş ya da yeri değiştirilmiş',
      'CANONICAL_MISMATCH',
    );
  } else {
    add(
      'canonical',
      'pass',
      'the record is exactly its RFC 8785 canonical form',
      'kayıt, RFC 8785 kanonik biçiminin aynısı',
    );
  }
  const leaf = leafHash(utf8(b.canonical));

  // 3. Checkpoint signature.
  const noteText = b.checkpoint.slice(0, b.checkpoint.lastIndexOf('\n\n') + 1);
  const cpParsed = parseCheckpoint(noteText);
  let verifiers: NoteVerifier[] = [];
  let keyFromBundle = false;
  let keyProblem: string | undefined;
  const given = options.logKeys ?? [];
  for (const k of given) {
    if (typeof k !== 'string') {
      verifiers.push(k);
    } else if (k.includes('-----BEGIN PUBLIC KEY-----')) {
      // A PEM Ed25519 key carries no name; C2SP key IDs need one: try the names the checkpoint's
      // signature lines give (only the right name and key produce the key ID that is there).
      const raw = ed25519FromPem(k);
      if (!raw) keyProblem = 'the PEM key is not an Ed25519 public key';
      else for (const name of signatureNames(b.checkpoint)) verifiers.push(ed25519NoteVerifier(name, raw));
    } else {
      const r = noteVerifierFromKey(k);
      if (r.ok) verifiers.push(r.value);
      else keyProblem = r.error.message;
    }
  }
  if (given.length === 0 && b.logKey) {
    const r = noteVerifierFromKey(b.logKey);
    if (r.ok) {
      verifiers = [r.value];
      keyFromBundle = true;
    } else {
      keyProblem = r.error.message;
    }
  }
  if (!cpParsed.ok) {
    add('checkpoint', 'fail', cpParsed.error.message, cpParsed.error.messageTr, cpParsed.error.code);
  } else if (verifiers.length === 0) {
    add(
      'checkpoint',
      'fail',
      keyProblem
        ? `no usable log key: ${keyProblem}`
        : 'no log key was given and the bundle has none: the checkpoint signature cannot be checked',
      'kullanılabilir bir günlük anahtarı yok: kontrol noktasının imzası denetlenemedi',
      'LOG_KEY_MISSING',
    );
  } else {
    const v = verifyCheckpoint(
      b.checkpoint,
      verifiers,
      options.origin !== undefined ? { origin: options.origin } : {},
    );
    if (!v.ok) {
      add('checkpoint', 'fail', v.error.message, v.error.messageTr, v.error.code);
    } else {
      const by = v.value.verifiedBy
        .map((k) => `${k.name} (${k.keyId.toString(16).padStart(8, '0')})`)
        .join(', ');
      add(
        'checkpoint',
        'pass',
        `the checkpoint of log ${v.value.origin} at size ${v.value.size} is signed by ${by}`,
        `${v.value.origin} günlüğünün ${v.value.size} boyutundaki kontrol noktası ${by} tarafından imzalanmış`,
      );
      if (keyFromBundle) {
        caveats.push(
          'The log key was taken from the bundle itself: this shows the bundle is intact, not that the log you trust signed it. Pass the log key you obtained independently (--key).',
        );
        caveatsTr.push(
          'Günlük anahtarı paketin içinden alındı: bu, paketin bozulmadığını gösterir; güvendiğiniz günlüğün imzaladığını değil. Bağımsız olarak edindiğiniz günlük anahtarını verin (--key).',
        );
      }
    }
  }

  // 4. Inclusion.
  if (cpParsed.ok) {
    const proof = b.inclusionProof.map(fromBase64);
    const cp = cpParsed.value;
    if (proof.some((p) => p?.length !== 32)) {
      add(
        'inclusion',
        'fail',
        'an inclusion proof hash is not 32 bytes of base64',
        'dahil olma ispatındaki bir özet geçersiz',
        'INCLUSION_INVALID',
      );
    } else if (!verifyInclusion(leaf, b.leafIndex, cp.size, proof as Uint8Array[], cp.rootHash)) {
      add(
        'inclusion',
        'fail',
        `the inclusion proof does not lead from entry #${b.leafIndex} to the checkpoint's root: the record, its index or the proof was altered, or the proof belongs to another record`,
        `dahil olma ispatı #${b.leafIndex} numaralı kayıttan kontrol noktasının köküne ulaşmıyor: kayıt, sırası ya da ispat değiştirilmiş veya ispat başka bir kayda ait`,
        'INCLUSION_INVALID',
      );
    } else {
      add(
        'inclusion',
        'pass',
        `the record is entry #${b.leafIndex} of the ${cp.size}-entry tree with root ${short(toHex(cp.rootHash))}`,
        `kayıt, kökü ${short(toHex(cp.rootHash))} olan ${cp.size} kayıtlı ağacın #${b.leafIndex} numaralı kaydı`,
      );
    }
  } else {
    add(
      'inclusion',
      'skip',
      'no readable checkpoint to check against',
      'denetlenecek okunabilir kontrol noktası yok',
      'CHECKPOINT_MALFORMED',
    );
  }

  // 5. Time stamp.
  let ts: TimeStampInfo | undefined;
  if (!b.timestamp) {
    if (options.requireTimestamp) {
      add(
        'timestamp',
        'fail',
        'the bundle has no RFC 3161 time stamp, and one is required',
        'pakette RFC 3161 zaman damgası yok, ama gerekli',
        'TIMESTAMP_MISSING',
      );
    } else {
      add(
        'timestamp',
        'skip',
        'the bundle has no RFC 3161 time stamp',
        'pakette RFC 3161 zaman damgası yok',
        'TIMESTAMP_MISSING',
      );
    }
  } else if (!options.trustAnchors || options.trustAnchors.length === 0) {
    add(
      'timestamp',
      options.requireTimestamp ? 'fail' : 'skip',
      'the bundle has a time stamp, but no trust anchor was given to check it (--anchor)',
      'pakette zaman damgası var, ama denetlemek için güven çapası verilmedi (--anchor)',
      'TRUST_ANCHOR_MISSING',
    );
  } else {
    const token = fromBase64(b.timestamp.token);
    const nonce =
      b.timestamp.nonce !== undefined
        ? fromHex(b.timestamp.nonce.length % 2 ? `0${b.timestamp.nonce}` : b.timestamp.nonce)
        : undefined;
    if (!token) {
      add(
        'timestamp',
        'fail',
        'the time-stamp token is not base64',
        'zaman damgası base64 değil',
        'TSA_TOKEN_MALFORMED',
      );
    } else {
      const r = await verifyTimeStampToken(token, {
        data: utf8(b.checkpoint),
        trustAnchors: options.trustAnchors,
        ...(nonce ? { nonce } : {}),
      });
      if (!r.ok) {
        add('timestamp', 'fail', r.error.message, r.error.messageTr, r.error.code);
      } else {
        ts = r.value;
        add(
          'timestamp',
          'pass',
          `the time-stamp authority ${r.value.tsa} signed the checkpoint at ${r.value.genTime.toISOString()} (chain to ${r.value.anchor})`,
          `zaman damgası sağlayıcısı ${r.value.tsa}, kontrol noktasını ${r.value.genTime.toISOString()} anında imzaladı (${r.value.anchor} çapasına zincir doğrulandı)`,
        );
      }
    }
  }

  // 6. Times.
  if (ts) {
    const server = Date.parse(record.times.server);
    const skew = options.maxClockSkewMs ?? 300_000;
    if (server > ts.genTime.getTime() + skew) {
      add(
        'times',
        'fail',
        `the record claims server time ${record.times.server}, after the time stamp (${ts.genTime.toISOString()}): a record cannot be logged before it was made`,
        `kayıt ${record.times.server} sunucu zamanını gösteriyor, zaman damgasından (${ts.genTime.toISOString()}) sonra: kayıt, oluşturulmadan önce günlüğe yazılamaz`,
        'RECORD_AFTER_TIMESTAMP',
      );
    } else {
      add('times', 'pass', 'the record time is before the time stamp', 'kayıt zamanı zaman damgasından önce');
    }
  } else {
    add(
      'times',
      'skip',
      'no verified time stamp to compare the record time with',
      'kayıt zamanını karşılaştıracak doğrulanmış zaman damgası yok',
    );
  }

  const proved: string[] = [];
  const provedTr: string[] = [];
  if (cpParsed.ok) {
    const cp = cpParsed.value;
    const d = record.decision;
    const who =
      record.actor.type === 'AGENT'
        ? `agent ${record.actor.id ?? ''}`.trim()
        : record.actor.type.toLowerCase();
    const whoTr =
      record.actor.type === 'AGENT'
        ? `temsilci ${record.actor.id ?? ''}`.trim()
        : record.actor.type === 'SUBJECT'
          ? 'ilgili kişi'
          : 'sistem';
    proved.push(
      `Record ${record.id}: ${d.status} for channel ${d.channel} via ${d.source}, agreement ${record.agreement.versionId} (text SHA-256 ${short(record.agreement.textHash)}), acted by ${who}, server time ${record.times.server}.`,
      `This exact record (leaf hash ${short(toHex(leaf))}) is entry #${b.leafIndex} of log ${cp.origin}, whose ${cp.size}-entry tree head was signed by the log key.`,
    );
    provedTr.push(
      `Kayıt ${record.id}: ${d.channel} kanalı için ${d.status}, kaynak ${d.source}, sözleşme ${record.agreement.versionId} (metin SHA-256 ${short(record.agreement.textHash)}), işlemi yapan ${whoTr}, sunucu zamanı ${record.times.server}.`,
      `Bu kaydın birebir aynısı (yaprak özeti ${short(toHex(leaf))}), ${cp.origin} günlüğünün ${cp.size} kayıtlı ağacında #${b.leafIndex} numaralı kayıttır; ağaç başı günlük anahtarıyla imzalanmış.`,
    );
    if (ts) {
      proved.push(
        `The record existed no later than ${ts.genTime.toISOString()}, as certified by the time-stamp authority ${ts.tsa}.`,
      );
      provedTr.push(
        `Kayıt en geç ${ts.genTime.toISOString()} anında vardı; bunu zaman damgası sağlayıcısı ${ts.tsa} onaylıyor.`,
      );
    } else {
      caveats.push(
        'No verified time stamp: the bundle does not prove when the record was logged, only that it was.',
      );
      caveatsTr.push(
        'Doğrulanmış zaman damgası yok: paket kaydın ne zaman günlüğe yazıldığını değil, yalnızca yazıldığını kanıtlar.',
      );
    }
  }
  return done({ record, ...(ts ? { timestamp: ts } : {}) }, proved, provedTr);
}

/**
 * Renders a {@link BundleReport} as plain text for a person: each check with ✓, ✗ or –, then what
 * was proved and the caveats, in Turkish, English or both.
 *
 * @example
 * ```ts
 * declare const report: BundleReport;
 * console.log(formatBundleReport(report, 'tr'));
 * ```
 */
export function formatBundleReport(report: BundleReport, language: 'tr' | 'en' | 'both' = 'both'): string {
  const mark = (s: BundleCheck['status']): string => (s === 'pass' ? '✓' : s === 'fail' ? '✗' : '–');
  const part = (tr: boolean): string => {
    const lines: string[] = [];
    lines.push(
      tr
        ? report.ok
          ? 'SONUÇ: DOĞRULANDI'
          : 'SONUÇ: DOĞRULANAMADI'
        : report.ok
          ? 'RESULT: VERIFIED'
          : 'RESULT: NOT VERIFIED',
    );
    for (const c of report.checks) {
      lines.push(
        `  ${mark(c.status)} ${c.id}: ${tr ? c.messageTr : c.message}${c.code && c.status !== 'pass' ? ` [${c.code}]` : ''}`,
      );
    }
    const proved = tr ? report.provedTr : report.proved;
    if (proved.length > 0) {
      lines.push(tr ? 'Kanıtlanan:' : 'What this proves:');
      for (const p of proved) lines.push(`  • ${p}`);
    }
    const cav = tr ? report.caveatsTr : report.caveats;
    if (cav.length > 0) {
      lines.push(tr ? 'Sınırlar:' : 'Limits:');
      for (const c of cav) lines.push(`  ! ${c}`);
    }
    return lines.join('\n');
  };
  if (language === 'tr') return part(true);
  if (language === 'en') return part(false);
  return `${part(true)}\n\n${part(false)}`;
}
