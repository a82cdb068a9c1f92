import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type IysSimulator, SIMULATOR_DEFAULTS, startIysSimulator } from '@izinkit/iys-simulator';
import { GENERATED_NOW, generateConsentCsv } from '@izinkit/test-utils/csv';
import { afterEach, describe, expect, it } from 'vitest';
import { CsvParser } from '../src/csv.js';
import { type ImportOptions, JournalMismatchError, runImport } from '../src/import.js';
import { readReport, SAMPLE, SAMPLE_NOW, Sink } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'csv-import-e2e-'));
let sim: IysSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function simulator(now: Date): Promise<IysSimulator> {
  sim = await startIysSimulator({ now: () => now });
  return sim;
}

function target(s: IysSimulator): NonNullable<ImportOptions['iys']> {
  return {
    baseUrl: s.url,
    username: SIMULATOR_DEFAULTS.username,
    password: SIMULATOR_DEFAULTS.password,
    iysCode: SIMULATOR_DEFAULTS.iysCode,
  };
}

describe('runImport end to end', () => {
  it('imports the sample into the in-process simulator and reports every row once', async () => {
    const input = join(dir, 'sample.csv');
    copyFileSync(SAMPLE, input);
    const err = new Sink();
    const s = await runImport({ input, brandCode: 600000, now: SAMPLE_NOW, pollIntervalMs: 10 }, err);
    expect(s.complete).toBe(true);
    expect(s.target).toMatch(/^simulator http:\/\/127\.0\.0\.1:/);
    expect(s.counts).toEqual({ registered: 6, duplicate: 4, skipped: 2, invalid: 10 });
    expect(s.format).toEqual({ delimiter: ';', encoding: 'utf-8' });
    expect(err.text).toContain('Şube');
    const report = readReport(s.output);
    expect(report.map((r) => Number(r.row))).toEqual(Array.from({ length: 22 }, (_, i) => i + 2));
    const registered = report.filter((r) => r.status === 'registered');
    expect(registered.map((r) => `${r.recipient} ${r.type} ${r.recipient_type}`).sort()).toEqual([
      '+902125551234 ARAMA TACIR',
      '+905321234567 ARAMA BIREYSEL',
      '+905321234567 MESAJ BIREYSEL',
      '+905329876543 ARAMA BIREYSEL',
      '+905337654321 MESAJ BIREYSEL',
      'zeynep.kaya@example.com.tr EPOSTA BIREYSEL',
    ]);
    for (const r of registered) expect(r.result).toMatch(/^[0-9a-f]{64}$/);
    expect(report.find((r) => r.row === '13')).toMatchObject({
      status: 'invalid',
      result: 'consent_date_in_future',
    });
    // The input row is kept, quoted, in the last column.
    expect(report.find((r) => r.row === '18')?.input).toMatch(/"Merkez\r?\n2\. kat"/);
    // ... and reads back as the original row.
    const original: string[][] = [];
    const p = new CsvParser(';', (rec) => original.push(rec));
    p.push(readFileSync(SAMPLE, 'utf8'));
    p.end();
    for (const r of report) {
      const back: string[][] = [];
      const q = new CsvParser(';', (rec) => back.push(rec));
      q.push(r.input ?? '');
      q.end();
      expect(back).toEqual([original[Number(r.row) - 1]]);
    }
  });

  it('sends to a given İYS; a second run with the journal sends nothing again', async () => {
    const s0 = await simulator(GENERATED_NOW);
    const input = join(dir, 'gen.csv');
    const stats = await generateConsentCsv(input, { rows: 1500, seed: 11 });
    const options: ImportOptions = {
      input,
      brandCode: 600000,
      iys: target(s0),
      now: GENERATED_NOW,
      batchSize: 500,
      pollIntervalMs: 10,
      quiet: true,
    };
    const first = await runImport(options, new Sink());
    expect(first.complete).toBe(true);
    expect(first.batches).toBe(Math.ceil(stats.onayWinners / 500));
    expect(first.counts.registered).toBe(stats.onayWinners);
    expect(first.counts.invalid).toBe(stats.invalid);
    expect(first.counts.duplicate).toBe(stats.duplicates);
    expect(first.counts.skipped).toBe(stats.retAfterOnay + stats.firstRet);
    expect(s0.consents(600000)).toHaveLength(stats.onayWinners);
    const sent = s0.submissions().length;
    expect(sent).toBe(stats.onayWinners);

    const again = await runImport(options, new Sink());
    expect(again.resumedBatches).toBe(first.batches);
    expect(again.counts).toEqual(first.counts);
    expect(s0.submissions()).toHaveLength(sent);

    // --restart ignores the journal: İYS answers H174 for every consent it already holds.
    const restarted = await runImport({ ...options, restart: true }, new Sink());
    expect(restarted.counts.already_registered).toBe(stats.onayWinners);
    expect(restarted.counts.registered ?? 0).toBe(0);
  });

  it('a batch the journal shows as started but not answered is looked up in İYS before sending', async () => {
    const sA = await simulator(GENERATED_NOW);
    const input = join(dir, 'intent.csv');
    const stats = await generateConsentCsv(input, { rows: 600, seed: 12 });
    const options: ImportOptions = {
      input,
      brandCode: 600000,
      iys: target(sA),
      now: GENERATED_NOW,
      batchSize: 100,
      pollIntervalMs: 10,
      quiet: true,
    };
    const first = await runImport(options, new Sink());
    expect(first.counts.registered).toBe(stats.onayWinners);
    // As if killed right after sending batches 0 and 1: keep only their "about to send" lines.
    const lines = readFileSync(first.journal, 'utf8').split('\n');
    const cut = lines.filter((l) => {
      if (l === '') return false;
      const e = JSON.parse(l) as { t: string; b?: number };
      return e.t === 'h' || e.b === undefined || e.b > 1 || e.t === 'p';
    });
    writeFileSync(first.journal, `${cut.join('\n')}\n`);
    const journalCopy = readFileSync(first.journal, 'utf8');
    const sent = sA.submissions().length;

    // Same İYS: it holds both batches, so nothing is sent again.
    const resumed = await runImport(options, new Sink());
    expect(resumed.complete).toBe(true);
    expect(sA.submissions()).toHaveLength(sent);
    expect(resumed.counts.already_registered).toBe(200);
    expect(resumed.counts.registered).toBe(stats.onayWinners - 200);
    const report = readReport(resumed.output);
    expect(report.filter((r) => r.result === 'already_in_iys')).toHaveLength(200);

    // An İYS that never got them: the same journal sends both batches.
    await sA.close();
    const sB = await simulator(GENERATED_NOW);
    writeFileSync(first.journal, journalCopy);
    const other = await runImport({ ...options, iys: target(sB) }, new Sink());
    expect(other.counts.registered).toBe(stats.onayWinners);
    expect(sB.submissions()).toHaveLength(200);
  });

  it('a dry run sends nothing; a Windows-1254 copy of the file reads the same', async () => {
    const s0 = await simulator(SAMPLE_NOW);
    const utf8 = join(dir, 'dry.csv');
    copyFileSync(SAMPLE, utf8);
    const text = readFileSync(SAMPLE, 'utf8').replace(/^\uFEFF/, '');
    const map: Record<string, number> = {
      ş: 0xfe,
      Ş: 0xde,
      ı: 0xfd,
      İ: 0xdd,
      ğ: 0xf0,
      Ğ: 0xd0,
      ç: 0xe7,
      Ç: 0xc7,
      ö: 0xf6,
      Ö: 0xd6,
      ü: 0xfc,
      Ü: 0xdc,
    };
    const cp = join(dir, 'dry-1254.csv');
    writeFileSync(cp, Buffer.from([...text].map((c) => map[c] ?? c.charCodeAt(0))));
    const a = await runImport(
      { input: utf8, brandCode: 600000, iys: target(s0), now: SAMPLE_NOW, dryRun: true },
      new Sink(),
    );
    const b = await runImport(
      { input: cp, brandCode: 600000, iys: target(s0), now: SAMPLE_NOW, dryRun: true },
      new Sink(),
    );
    expect(s0.stats().byRoute).toEqual({});
    expect(a.counts).toEqual({ not_sent: 6, duplicate: 4, skipped: 2, invalid: 10 });
    expect(b.format.encoding).toBe('windows-1254');
    const strip = (rows: Record<string, string>[]) => rows.map(({ input: _input, ...rest }) => rest);
    expect(strip(readReport(b.output))).toEqual(strip(readReport(a.output)));
    expect(readReport(b.output)[0]?.input).toContain('Ali Yılmaz');
  });

  it('an unreachable İYS stops the run with a resumable journal, not a crash', async () => {
    const input = join(dir, 'down.csv');
    copyFileSync(SAMPLE, input);
    const s = await runImport(
      {
        input,
        brandCode: 600000,
        now: SAMPLE_NOW,
        iys: { baseUrl: 'http://127.0.0.1:9', username: 'u', password: 'p', iysCode: 600000 },
        quiet: true,
      },
      new Sink(),
    );
    expect(s.complete).toBe(false);
    expect(s.stopped?.code).toBe('iys_unreachable');
    expect(s.counts.not_sent).toBe(6);
    expect(existsSync(s.journal)).toBe(true);
  }, 60_000);

  it('refuses a journal that belongs to other options', async () => {
    const input = join(dir, 'mismatch.csv');
    copyFileSync(SAMPLE, input);
    await runImport(
      { input, brandCode: 600000, now: SAMPLE_NOW, pollIntervalMs: 10, quiet: true },
      new Sink(),
    );
    await expect(
      runImport({ input, brandCode: 600000, now: SAMPLE_NOW, batchSize: 2, quiet: true }, new Sink()),
    ).rejects.toBeInstanceOf(JournalMismatchError);
  });
});
