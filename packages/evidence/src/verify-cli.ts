/**
 * The `izinkit-verify` command: checks an evidence bundle offline and explains the result.
 */
import { type BundleVerifyOptions, formatBundleReport, verifyEvidenceBundle } from './bundle.js';

/** What the command needs from the outside world (injected, so tests need no process). */
export interface CliIo {
  /** Reads a file as UTF-8 text. */
  readFile(path: string): Promise<string>;
  /** True when a path names an existing file. */
  exists(path: string): Promise<boolean>;
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
}

export const USAGE = `usage: izinkit-verify <bundle.json> [--key <verifier key | file>]... [--anchor <ca.pem>]...
                      [--origin <log origin>] [--require-timestamp] [--lang tr|en|both] [--json]

Checks an izinkit evidence bundle offline: the record's canonical form, the signed checkpoint,
the inclusion proof and the RFC 3161 time stamp, and says in plain words what it proves.
Exit status: 0 verified, 1 not verified, 2 usage or file error.

  --key       the log's verifier key (<name>+<key id>+<base64>), or a file holding it
              (that form, or a PEM Ed25519 public key)
  --anchor    a PEM file of trusted time-stamp authority root certificates
  --origin    the log origin the checkpoint must name
  --require-timestamp   fail when there is no verified time stamp
  --lang      language of the report (default: both)
  --json      print the machine-readable report instead
`;

/**
 * Runs `izinkit-verify` with the given arguments (without `node` and the script name).
 *
 * @returns the exit status: 0 verified, 1 not verified, 2 usage or file error
 */
export async function runVerifyCli(argv: readonly string[], io: CliIo): Promise<number> {
  const keys: string[] = [];
  const anchors: string[] = [];
  let bundlePath: string | undefined;
  let origin: string | undefined;
  let lang: 'tr' | 'en' | 'both' = 'both';
  let json = false;
  let requireTimestamp = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = (): string | undefined => argv[++i];
    if (a === '--help' || a === '-h') {
      io.out(USAGE);
      return 0;
    } else if (a === '--key' || a === '--anchor' || a === '--origin' || a === '--lang') {
      const v = next();
      if (v === undefined) {
        io.err(`izinkit-verify: ${a} needs a value\n\n${USAGE}`);
        return 2;
      }
      if (a === '--key') keys.push(v);
      else if (a === '--anchor') anchors.push(v);
      else if (a === '--origin') origin = v;
      else if (v === 'tr' || v === 'en' || v === 'both') lang = v;
      else {
        io.err(`izinkit-verify: --lang takes tr, en or both\n`);
        return 2;
      }
    } else if (a === '--json') {
      json = true;
    } else if (a === '--require-timestamp') {
      requireTimestamp = true;
    } else if (a.startsWith('-')) {
      io.err(`izinkit-verify: unknown option ${a}\n\n${USAGE}`);
      return 2;
    } else if (bundlePath === undefined) {
      bundlePath = a;
    } else {
      io.err(`izinkit-verify: one bundle at a time\n\n${USAGE}`);
      return 2;
    }
  }
  if (bundlePath === undefined) {
    io.err(USAGE);
    return 2;
  }
  let text: string;
  const logKeys: string[] = [];
  const trustAnchors: string[] = [];
  try {
    text = await io.readFile(bundlePath);
    for (const k of keys) logKeys.push((await io.exists(k)) ? (await io.readFile(k)).trim() : k);
    for (const a of anchors) trustAnchors.push(await io.readFile(a));
  } catch (e) {
    io.err(`izinkit-verify: ${(e as Error).message}\n`);
    return 2;
  }
  const options: BundleVerifyOptions = {
    ...(logKeys.length > 0 ? { logKeys } : {}),
    ...(trustAnchors.length > 0 ? { trustAnchors } : {}),
    ...(origin !== undefined ? { origin } : {}),
    requireTimestamp,
  };
  const report = await verifyEvidenceBundle(text, options);
  if (json) {
    const { timestamp, ...rest } = report;
    io.out(
      `${JSON.stringify(
        {
          ...rest,
          ...(timestamp
            ? { timestamp: { ...timestamp, genTime: timestamp.genTime.toISOString(), token: undefined } }
            : {}),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    io.out(`${formatBundleReport(report, lang)}\n`);
  }
  return report.ok ? 0 : 1;
}
