/**
 * The whole import, as a function the command line (and the tests) call: read and check the file
 * (pass 1), plan, upload with the journal (resuming where an earlier run stopped), write the
 * per-row report (pass 2), summarise.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import {
  type ConsentType,
  createIysClient,
  type IysClient,
  type ProviderSource,
  type RecipientType,
} from '@izinkit/iys';
import { type IysSimulator, SIMULATOR_DEFAULTS, startIysSimulator } from '@izinkit/iys-simulator';
import { type Analysis, analyseCsv } from './analyse.js';
import type { Field } from './columns.js';
import type { CsvEncoding, Delimiter } from './csv.js';
import { JournalWriter, readJournal } from './journal.js';
import { makePlan } from './plan.js';
import { Progress, type ProgressOutput } from './progress.js';
import { type StatusCounts, writeReport } from './report.js';
import { UploadStoppedError, uploadPlan } from './upload.js';

/**
 * Where to send: a real İYS (or any İYS-compatible URL) with its credentials, or — when absent —
 * a simulator started in this process.
 *
 * @example
 * ```ts
 * const t: IysTarget = { baseUrl: 'https://api.iys.org.tr', username: 'u', password: 'p', iysCode: 600000 };
 * ```
 */
export interface IysTarget {
  /** Base URL. */
  readonly baseUrl: string;
  /** API user. */
  readonly username: string;
  /** API password. */
  readonly password: string;
  /** The service provider's İYS number. */
  readonly iysCode: number;
}

/**
 * Options of {@link runImport} (the command line's options, parsed).
 *
 * @example
 * ```ts
 * const o: ImportOptions = { input: 'samples/musteri-izinleri.csv', brandCode: 600000 };
 * ```
 */
export interface ImportOptions {
  /** The CSV file. */
  readonly input: string;
  /** The result CSV (default: `<input>.result.csv` beside the input). */
  readonly output?: string | undefined;
  /** The İYS brand code. */
  readonly brandCode: number;
  /** A real İYS; absent: an in-process simulator. */
  readonly iys?: IysTarget | undefined;
  /**
   * The in-process simulator's data file (default `<output>.simulator.json`), so that a resumed
   * run talks to the same simulated İYS as the run it resumes.
   */
  readonly simulatorData?: string | undefined;
  /** The current time (default: the clock). A resumed run uses the first run's. */
  readonly now?: Date | undefined;
  /** Header → field overrides (`--map`). */
  readonly columnMap?: ReadonlyMap<string, Field | 'ignore'> | undefined;
  /** Channel of rows without one. */
  readonly defaultType?: ConsentType | undefined;
  /** Source of rows without one. */
  readonly defaultSource?: ProviderSource | undefined;
  /** Recipient type of rows without one (default BIREYSEL). */
  readonly defaultRecipientType?: RecipientType | undefined;
  /** Send ONAY rows older than 3 iş günü anyway. */
  readonly sendLate?: boolean | undefined;
  /** The brand's consents are already in İYS: send RET decisions even without an ONAY in the file. */
  readonly knownToIys?: boolean | undefined;
  /** Check and report only; send nothing. */
  readonly dryRun?: boolean | undefined;
  /** Ignore an existing journal and start over. */
  readonly restart?: boolean | undefined;
  /** Forced delimiter. */
  readonly delimiter?: Delimiter | undefined;
  /** Forced encoding. */
  readonly encoding?: CsvEncoding | undefined;
  /** Consents per batch, 1–1000 (default 1000, or the journal's on a resume). */
  readonly batchSize?: number | undefined;
  /** Batches in flight (default 2). */
  readonly concurrency?: number | undefined;
  /** First poll wait in ms (default 1000; 50 with the in-process simulator). */
  readonly pollIntervalMs?: number | undefined;
  /** Give up polling one batch after this many ms (default one hour). */
  readonly pollTimeoutMs?: number | undefined;
  /** No progress output. */
  readonly quiet?: boolean | undefined;
  /** Seconds between progress lines when stderr is not a terminal (default 5). */
  readonly progressIntervalSeconds?: number | undefined;
  /** Stops the run (SIGINT). */
  readonly signal?: AbortSignal | undefined;
}

/**
 * What {@link runImport} reports.
 *
 * @example
 * ```ts
 * const s = await runImport(options, process.stderr);
 * if (!s.complete) process.exitCode = 3;
 * ```
 */
export interface ImportSummary {
  /** The input file. */
  readonly input: string;
  /** The result CSV. */
  readonly output: string;
  /** The journal. */
  readonly journal: string;
  /** Data rows. */
  readonly rows: number;
  /** Rows with a local error. */
  readonly invalid: number;
  /** Rows merged into another row of the same consent key. */
  readonly duplicates: number;
  /** Distinct consent keys. */
  readonly keys: number;
  /** Keys whose rows disagree on ONAY/RET. */
  readonly statusConflicts: number;
  /** Keys whose rows name different people. */
  readonly personConflicts: number;
  /** Consents to send. */
  readonly toSend: number;
  /** Batches in the plan. */
  readonly batches: number;
  /** Batches finished in earlier runs (resumed). */
  readonly resumedBatches: number;
  /** Rows per report status. */
  readonly counts: StatusCounts;
  /** Headers that matched no field. */
  readonly unknownColumns: readonly string[];
  /** Headers ignored as a second column of a field. */
  readonly duplicateColumns: readonly string[];
  /** Which column was read as what. */
  readonly columns: Readonly<Partial<Record<Field, string>>>;
  /** The delimiter and encoding used. */
  readonly format: { readonly delimiter: string; readonly encoding: string };
  /** True when every batch has its results (or nothing was to be sent, or a dry run). */
  readonly complete: boolean;
  /** Why the upload stopped, when it did. */
  readonly stopped?: { readonly code: string; readonly message: string } | undefined;
  /** The "now" the rows were checked with. */
  readonly now: string;
  /** The İYS the consents went to (`simulator` for the in-process one). */
  readonly target: string;
}

/**
 * Why the import cannot start: the journal belongs to another file or other options.
 *
 * @example
 * ```ts
 * try { await runImport(o, process.stderr); } catch (e) { if (e instanceof JournalMismatchError) console.error(e.message); }
 * ```
 */
export class JournalMismatchError extends Error {
  /** Always `journal_mismatch`. */
  readonly code = 'journal_mismatch' as const;
  /** @param message - Turkish / English. */
  constructor(message: string) {
    super(message);
    this.name = 'JournalMismatchError';
    Object.defineProperty(this, Symbol.for('izinkit.error'), { value: true });
  }
}

/**
 * The default result path: `<dir>/<name>.result.csv`.
 *
 * @example
 * ```ts
 * defaultOutput('/data/izinler.csv'); // '/data/izinler.result.csv'
 * ```
 */
export function defaultOutput(input: string): string {
  const ext = extname(input);
  return join(dirname(input), `${basename(input, ext)}.result.csv`);
}

/**
 * Runs an import end to end. Progress goes to `stderr`; the summary is returned (the command line
 * prints it). Throws for a file that cannot be imported at all (`ImportInputError`) and for a
 * journal of another file or other options ({@link JournalMismatchError}); an upload that has to
 * stop returns with `complete: false` after writing the report.
 *
 * @example
 * ```ts
 * const summary = await runImport({ input: 'samples/musteri-izinleri.csv', brandCode: 600000, now: new Date('2026-03-16T12:00:00Z') }, process.stderr);
 * summary.counts.registered;
 * ```
 */
export async function runImport(options: ImportOptions, stderr: ProgressOutput): Promise<ImportSummary> {
  const output = options.output ?? defaultOutput(options.input);
  const journalPath = `${output}.journal`;
  const previous = options.restart || options.dryRun ? undefined : readJournal(journalPath);
  const now = previous ? new Date(previous.header.now) : (options.now ?? new Date());
  const progress = new Progress(stderr, {
    quiet: options.quiet === true,
    intervalMs: (options.progressIntervalSeconds ?? 5) * 1000,
  });
  const say = (text: string): void => {
    if (!options.quiet) stderr.write(`${text}\n`);
  };
  if (previous)
    say(`Günlük bulundu, kaldığı yerden devam ediliyor / journal found, resuming: ${journalPath}`);

  // Pass 1: read, normalise, validate, merge.
  progress.start('okuma / reading', 0, 'satır / rows');
  const a: Analysis = await analyseCsv(options.input, {
    brandCode: String(options.brandCode),
    now,
    columnMap: options.columnMap,
    defaultType: options.defaultType,
    defaultSource: options.defaultSource,
    defaultRecipientType: options.defaultRecipientType,
    sendLate: options.sendLate,
    delimiter: options.delimiter,
    encoding: options.encoding,
    hash: true,
    signal: options.signal,
    // The number of rows is known only at the end: estimate it from the share of bytes read.
    onProgress: (read, size, rows) => {
      if (read > 0 && read < size) progress.setTotal(Math.round((rows * size) / read));
      progress.update(rows);
    },
  });
  progress.setTotal(a.rows);
  progress.update(a.rows);
  progress.done();
  const columns: Partial<Record<Field, string>> = {};
  for (const [field, index] of Object.entries(a.columns.fields) as [Field, number][]) {
    columns[field] = a.header[index] ?? '';
  }
  say(
    `Sütunlar / columns: ${Object.entries(columns)
      .map(([f, h]) => `${h} → ${f}`)
      .join(', ')}`,
  );
  if (a.columns.unknown.length > 0) {
    say(`Tanınmayan sütunlar (yok sayıldı) / unknown columns (ignored): ${a.columns.unknown.join(', ')}`);
  }
  if (a.columns.duplicate.length > 0) {
    say(
      `Aynı alan için ikinci sütun (yok sayıldı) / second column for a field (ignored): ${a.columns.duplicate.join(', ')}`,
    );
  }

  const batchSize = Math.max(1, Math.min(1000, options.batchSize ?? previous?.header.batchSize ?? 1000));
  const plan = makePlan(a, {
    brandCode: options.brandCode,
    knownToIys: options.knownToIys === true,
    batchSize,
  });
  if (previous) {
    const h = previous.header;
    if (h.input !== a.sha256 || h.plan !== plan.hash || h.batches !== plan.batches.length) {
      throw new JournalMismatchError(
        `${journalPath} başka bir dosyaya ya da başka seçeneklere ait; baştan başlamak için --restart. / ${journalPath} belongs to another file or other options; use --restart to start over.`,
      );
    }
  }

  let stopped: UploadStoppedError | undefined;
  let target = 'none (dry run)';
  if (!options.dryRun && plan.send.length > 0) {
    const journal = previous
      ? JournalWriter.append(journalPath)
      : JournalWriter.create(journalPath, {
          t: 'h',
          v: 1,
          input: a.sha256 ?? '',
          now: now.toISOString(),
          plan: plan.hash,
          batches: plan.batches.length,
          items: plan.send.length,
          batchSize,
        });
    let sim: IysSimulator | undefined;
    try {
      let client: IysClient;
      if (options.iys) {
        client = createIysClient(options.iys);
        target = options.iys.baseUrl;
      } else {
        const offset = now.getTime() - Date.now();
        sim = await startIysSimulator({
          port: 0,
          now: () => new Date(Date.now() + offset),
          dataFile: options.simulatorData ?? `${output}.simulator.json`,
        });
        client = createIysClient({
          baseUrl: sim.url,
          username: SIMULATOR_DEFAULTS.username,
          password: SIMULATOR_DEFAULTS.password,
          iysCode: SIMULATOR_DEFAULTS.iysCode,
          now: () => new Date(Date.now() + offset),
        });
        target = `simulator ${sim.url}`;
      }
      say(`İYS: ${target}; marka / brand ${options.brandCode}; ${plan.batches.length} grup / batches`);
      let firstProgress = true;
      await uploadPlan(client, a, plan, previous, journal, {
        brandCode: options.brandCode,
        concurrency: options.concurrency ?? 2,
        pollIntervalMs: options.pollIntervalMs ?? (options.iys ? 1000 : 50),
        maxPollIntervalMs: options.iys ? 30_000 : 1000,
        pollTimeoutMs: options.pollTimeoutMs ?? 3_600_000,
        signal: options.signal,
        onProgress: (done, total) => {
          // The first call carries what earlier runs did: the rate counts from there.
          if (firstProgress) progress.start('yükleme / upload', total, 'izin / consents', done);
          firstProgress = false;
          progress.update(done);
        },
      });
      progress.done();
    } catch (e) {
      progress.done();
      if (!(e instanceof UploadStoppedError)) throw e;
      stopped = e;
      say(e.message);
    } finally {
      journal.close();
      await sim?.close();
    }
  } else if (options.dryRun) {
    say('Deneme çalıştırması: hiçbir şey gönderilmedi / dry run: nothing was sent');
  }

  // Pass 2: the report.
  progress.start('rapor / report', a.rows, 'satır / rows');
  const counts = await writeReport(options.input, output, a, plan);
  progress.update(a.rows);
  progress.done();

  const resumedBatches = previous?.done.size ?? 0;
  return {
    input: options.input,
    output,
    journal: journalPath,
    rows: a.rows,
    invalid: a.invalidRows,
    duplicates: a.duplicateRows,
    keys: a.keys.size,
    statusConflicts: a.statusConflicts,
    personConflicts: a.personConflicts,
    toSend: plan.send.length,
    batches: plan.batches.length,
    resumedBatches,
    counts,
    unknownColumns: a.columns.unknown,
    duplicateColumns: a.columns.duplicate,
    columns,
    format: { delimiter: a.file.delimiter === '\t' ? 'tab' : a.file.delimiter, encoding: a.file.encoding },
    complete: stopped === undefined,
    ...(stopped ? { stopped: { code: stopped.code, message: stopped.message } } : {}),
    now: now.toISOString(),
    target,
  };
}

/**
 * The summary as text lines in Turkish and English.
 *
 * @example
 * ```ts
 * console.error(formatSummary(summary));
 * ```
 */
export function formatSummary(s: ImportSummary): string {
  const c = s.counts;
  const n = (v: number | undefined): string => (v ?? 0).toLocaleString('tr-TR');
  const lines = [
    `Satır / rows: ${n(s.rows)}   geçersiz / invalid: ${n(s.invalid)}   birleştirilen / merged duplicates: ${n(s.duplicates)}   izin anahtarı / consent keys: ${n(s.keys)}`,
    `Çelişkiler / conflicts: ONAY↔RET ${n(s.statusConflicts)}, farklı kişi / different person ${n(s.personConflicts)}`,
    `İYS’ye kaydedildi / registered: ${n(c.registered)}   zaten kayıtlı / already registered: ${n(c.already_registered)}   reddedildi / rejected: ${n(c.rejected)}   hata / failed: ${n(c.failed)}   atlandı / skipped: ${n(c.skipped)}   gönderilmedi / not sent: ${n(c.not_sent)}`,
    `Rapor / report: ${s.output}`,
  ];
  if (s.resumedBatches > 0)
    lines.push(
      `Önceki çalıştırmadan / from the earlier run: ${s.resumedBatches}/${s.batches} grup / batches`,
    );
  if (!s.complete) lines.push(`TAMAMLANMADI / INCOMPLETE: ${s.stopped?.message ?? ''}`);
  return lines.join('\n');
}

/** True when a path exists (for the command line's checks). */
export function fileExists(path: string): boolean {
  return existsSync(path);
}
