/**
 * izinkit-csv-import: bulk import of a legacy consent spreadsheet into İYS.
 *
 *   pnpm --filter @izinkit/example-csv-import start -- izinler.csv [options]
 *
 * Exit codes: 0 done (row errors are in the report), 2 the file or the options cannot be used,
 * 3 the upload stopped before the end (run the same command again to resume), 130 interrupted.
 */
import { parseArgs } from 'node:util';
import {
  CONSENT_TYPES,
  type ConsentType,
  PROVIDER_SOURCES,
  type ProviderSource,
  RECIPIENT_TYPES,
  type RecipientType,
} from '@izinkit/iys';
import { ImportInputError } from './analyse.js';
import { type Field, parseColumnMap } from './columns.js';
import type { CsvEncoding, Delimiter } from './csv.js';
import { fileExists, formatSummary, type ImportOptions, JournalMismatchError, runImport } from './import.js';

const HELP = `izinkit-csv-import — eski izin tablolarını İYS'ye toplu aktarır / bulk-imports a legacy consent spreadsheet into İYS

Kullanım / usage:
  pnpm --filter @izinkit/example-csv-import start -- <file.csv> [options]

Options:
  -o, --output <file>        result CSV (default: <file>.result.csv); the journal is <output>.journal
  --brand <code>             İYS brand code (default 600000 with the simulator; env IYS_BRAND_CODE)
  --iys-base-url <url>       send to this İYS (env IYS_BASE_URL); credentials from env
                             IYS_USERNAME, IYS_PASSWORD, IYS_CODE. Without it: an in-process simulator
  --simulator-data <file>    the in-process simulator's state file (default <output>.simulator.json)
  --map <pairs>              "Header=field,..." for unusual headers; fields: recipient, phone, email,
                             firstName, lastName, fullName, tckn, type, status, source, consentDate,
                             recipientType, or ignore
  --default-type <t>         channel for rows without one: MESAJ | ARAMA | EPOSTA
  --default-source <s>       source for rows without one: HS_WEB, HS_FIZIKSEL_ORTAM, ...
  --recipient-type <t>       recipient type for rows without one: BIREYSEL (default) | TACIR
  --known-to-iys             the brand's consents are already in İYS: send RET rows too
  --send-late                send ONAY rows older than 3 iş günü (İYS normally refuses them)
  --dry-run                  check and report only; send nothing
  --restart                  ignore an existing journal and start over
  --delimiter <d>            , | ; | tab   (default: detected)
  --encoding <e>             utf-8 | windows-1254   (default: detected)
  --batch-size <n>           consents per İYS request, 1-1000 (default 1000)
  --concurrency <n>          requests in flight (default 2)
  --poll-ms <n>              first wait before polling a request (default 1000; 50 with the simulator)
  --now <ISO time>           validate as of this instant (demos and tests; the simulator's clock too)
  --progress-interval <s>    seconds between progress lines when stderr is not a terminal (default 5)
  -q, --quiet                no progress output
  --json                     print the summary as JSON on stdout
  -h, --help                 this text

Exit codes: 0 done (row errors are in the report) · 2 unusable file or options · 3 upload stopped
before the end (run the same command again to resume) · 130 interrupted (resumable too).`;

class UsageError extends Error {}

function pick<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  const v = value.toUpperCase();
  const found = allowed.find((a) => a === v);
  if (found === undefined) throw new UsageError(`--${name}: expected one of ${allowed.join(', ')}`);
  return found;
}

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${name}: expected a positive integer`);
  return n;
}

/**
 * Parses the command line into {@link ImportOptions} (and the flags only the command line has).
 *
 * @example
 * ```ts
 * parseCommandLine(['izinler.csv', '--default-type', 'MESAJ'], {}).options.defaultType; // 'MESAJ'
 * ```
 */
export function parseCommandLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): { options: ImportOptions; json: boolean; help: boolean } {
  const { values, positionals } = parseArgs({
    // `pnpm start -- file.csv --dry-run` may pass the `--` through: drop a leading one.
    args: argv[0] === '--' ? argv.slice(1) : [...argv],
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      brand: { type: 'string' },
      'iys-base-url': { type: 'string' },
      'simulator-data': { type: 'string' },
      map: { type: 'string', multiple: true },
      'default-type': { type: 'string' },
      'default-source': { type: 'string' },
      'recipient-type': { type: 'string' },
      'known-to-iys': { type: 'boolean' },
      'send-late': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      restart: { type: 'boolean' },
      delimiter: { type: 'string' },
      encoding: { type: 'string' },
      'batch-size': { type: 'string' },
      concurrency: { type: 'string' },
      'poll-ms': { type: 'string' },
      now: { type: 'string' },
      'progress-interval': { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const help = values.help === true;
  const input = positionals[0];
  if (input === undefined) {
    if (help) return { options: { input: '', brandCode: 0 }, json: false, help };
    throw new UsageError('missing the CSV file');
  }
  if (positionals.length > 1) throw new UsageError(`one file at a time (got ${positionals.join(', ')})`);

  const baseUrl = values['iys-base-url'] ?? env.IYS_BASE_URL;
  let iys: ImportOptions['iys'];
  if (baseUrl !== undefined && baseUrl !== '') {
    const { IYS_USERNAME: username, IYS_PASSWORD: password, IYS_CODE: code } = env;
    if (!username || !password || !code) {
      throw new UsageError(
        'with --iys-base-url, set IYS_USERNAME, IYS_PASSWORD and IYS_CODE in the environment',
      );
    }
    const iysCode = Number(code);
    if (!Number.isSafeInteger(iysCode) || iysCode <= 0) throw new UsageError('IYS_CODE: expected a number');
    iys = { baseUrl, username, password, iysCode };
  }
  const brandText = values.brand ?? env.IYS_BRAND_CODE ?? (iys ? undefined : '600000');
  if (brandText === undefined)
    throw new UsageError('--brand (or IYS_BRAND_CODE) is required with a real İYS');
  const brandCode = Number(brandText);
  if (!/^[0-9]{1,12}$/.test(brandText) || brandCode <= 0) throw new UsageError('--brand: expected digits');

  let columnMap: Map<string, Field | 'ignore'> | undefined;
  for (const m of values.map ?? []) {
    const r = parseColumnMap(m);
    if (!r.ok) throw new UsageError(`--map: ${r.error}`);
    columnMap ??= new Map();
    for (const [k, v] of r.value) columnMap.set(k, v);
  }
  const delimiterText = values.delimiter;
  let delimiter: Delimiter | undefined;
  if (delimiterText !== undefined) {
    const d = delimiterText === 'tab' || delimiterText === '\\t' ? '\t' : delimiterText;
    if (d !== ',' && d !== ';' && d !== '\t') throw new UsageError('--delimiter: , ; or tab');
    delimiter = d;
  }
  let encoding: CsvEncoding | undefined;
  if (values.encoding !== undefined) {
    const e = values.encoding.toLowerCase().replace(/^(utf8)$/, 'utf-8');
    const known: Record<string, CsvEncoding> = {
      'utf-8': 'utf-8',
      'windows-1254': 'windows-1254',
      cp1254: 'windows-1254',
      'iso-8859-9': 'windows-1254',
      latin5: 'windows-1254',
    };
    encoding = known[e];
    if (encoding === undefined) throw new UsageError('--encoding: utf-8 or windows-1254');
  }
  let now: Date | undefined;
  if (values.now !== undefined) {
    now = new Date(values.now);
    if (Number.isNaN(now.getTime())) throw new UsageError('--now: expected an ISO 8601 time');
  }
  const batchSize = positiveInt('batch-size', values['batch-size']);
  if (batchSize !== undefined && batchSize > 1000)
    throw new UsageError('--batch-size: at most 1000 (İYS H125)');
  const defaultType: ConsentType | undefined = pick('default-type', values['default-type'], CONSENT_TYPES);
  const defaultSource: ProviderSource | undefined = pick(
    'default-source',
    values['default-source'],
    PROVIDER_SOURCES,
  );
  const defaultRecipientType: RecipientType | undefined = pick(
    'recipient-type',
    values['recipient-type'],
    RECIPIENT_TYPES,
  );
  const options: ImportOptions = {
    input,
    output: values.output,
    brandCode,
    iys,
    simulatorData: values['simulator-data'],
    now,
    columnMap,
    defaultType,
    defaultSource,
    defaultRecipientType,
    sendLate: values['send-late'],
    knownToIys: values['known-to-iys'],
    dryRun: values['dry-run'],
    restart: values.restart,
    delimiter,
    encoding,
    batchSize,
    concurrency: positiveInt('concurrency', values.concurrency),
    pollIntervalMs: positiveInt('poll-ms', values['poll-ms']),
    progressIntervalSeconds: positiveInt('progress-interval', values['progress-interval']),
    quiet: values.quiet,
  };
  return { options, json: values.json === true, help };
}

/**
 * Runs the command line: parses `argv`, imports, prints the summary; resolves to the exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await main(process.argv.slice(2));
 * ```
 */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv, process.env);
  } catch (e) {
    if (
      e instanceof UsageError ||
      (e instanceof Error && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))
    ) {
      process.stderr.write(`hata / error: ${e.message}\n\n${HELP}\n`);
      return 2;
    }
    throw e;
  }
  if (parsed.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const { options } = parsed;
  if (!fileExists(options.input)) {
    process.stderr.write(`hata / error: ${options.input}: dosya yok / no such file\n`);
    return 2;
  }
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\nDurduruluyor (yeniden Ctrl-C: hemen çık) / stopping (Ctrl-C again: quit now)…\n');
    controller.abort(new Error('SIGINT'));
  };
  process.on('SIGINT', onSigint);
  try {
    const summary = await runImport({ ...options, signal: controller.signal }, process.stderr);
    process.stderr.write(`${formatSummary(summary)}\n`);
    if (parsed.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    if (summary.complete) return 0;
    return summary.stopped?.code === 'interrupted' ? 130 : 3;
  } catch (e) {
    if (e instanceof ImportInputError || e instanceof JournalMismatchError) {
      process.stderr.write(`hata / error: ${e.message}\n`);
      return 2;
    }
    if (controller.signal.aborted) {
      process.stderr.write('Durduruldu / interrupted.\n');
      return 130;
    }
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

// Run when executed directly (tsx src/cli.ts, or the bin).
const entry = process.argv[1] ?? '';
if (/(?:^|[/\\])cli\.ts$/.test(entry) || process.env.IZINKIT_CSV_IMPORT_MAIN === '1') {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(
        `beklenmeyen hata / unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
