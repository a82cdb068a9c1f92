import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SIMULATOR_DEFAULTS, startIysSimulator } from '@izinkit/iys-simulator';
import { GENERATED_NOW, generateConsentCsv } from '@izinkit/test-utils/csv';
import { describe, expect, it } from 'vitest';
import { runImport } from '../src/import.js';
import { readJournal } from '../src/journal.js';
import { readReport, Sink } from './helpers.js';

const root = join(import.meta.dirname, '..');

describe('resume after SIGKILL', () => {
  it('a killed run resumes from its journal and uploads nothing twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-import-kill-'));
    const input = join(dir, 'big.csv');
    const stats = await generateConsentCsv(input, { rows: 2000, seed: 5 });
    // Each batch request waits 100 ms in the simulator, so the child is mid-upload when killed.
    const sim = await startIysSimulator({ now: () => GENERATED_NOW, batch: { delayMs: 100 } });
    try {
      const args = [
        '--conditions=@izinkit/source',
        '--import',
        'tsx',
        'src/cli.ts',
        input,
        '--brand',
        '600000',
        '--iys-base-url',
        sim.url,
        '--now',
        GENERATED_NOW.toISOString(),
        '--batch-size',
        '50',
        '--poll-ms',
        '20',
        '--concurrency',
        '3',
      ];
      const child = spawn(process.execPath, args, {
        cwd: root,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: {
          ...process.env,
          IYS_USERNAME: SIMULATOR_DEFAULTS.username,
          IYS_PASSWORD: SIMULATOR_DEFAULTS.password,
          IYS_CODE: String(SIMULATOR_DEFAULTS.iysCode),
        },
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      const exited = new Promise<number | string | null>((resolve) =>
        child.on('exit', (code, signal) => resolve(signal ?? code)),
      );
      const journal = join(dir, 'big.result.csv.journal');
      // Kill once a few batches are done and others are in flight.
      const deadline = Date.now() + 60_000;
      for (;;) {
        const state = existsSync(journal) ? readJournal(journal) : undefined;
        if (state !== undefined && state.done.size >= 3) break;
        if (Date.now() > deadline) throw new Error(`the child never got going: ${stderr}`);
        if (child.exitCode !== null) throw new Error(`the child ended before it was killed: ${stderr}`);
        await sleep(20);
      }
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');

      const killed = readJournal(journal);
      expect(killed).toBeDefined();
      const batches = Math.ceil(stats.onayWinners / 50);
      expect(killed!.done.size).toBeLessThan(batches);
      // Batches the killed run had started but not finished: the resume must not resend them.
      const inFlight = [...killed!.intended].filter((b) => !killed!.done.has(b)).length;
      expect(inFlight).toBeGreaterThan(0);
      expect(existsSync(join(dir, 'big.result.csv'))).toBe(false); // no half report

      // Let the simulator process whatever the killed run had queued, then resume.
      await sleep(300);
      const resumed = await runImport(
        {
          input,
          brandCode: 600000,
          iys: { baseUrl: sim.url, ...SIMULATOR_DEFAULTS },
          pollIntervalMs: 20,
          concurrency: 6,
          quiet: true,
        },
        new Sink(),
      );
      expect(resumed.complete).toBe(true);
      expect(resumed.now).toBe(GENERATED_NOW.toISOString()); // the first run's "now", from the journal
      expect(resumed.resumedBatches).toBe(killed!.done.size);
      expect((resumed.counts.registered ?? 0) + (resumed.counts.already_registered ?? 0)).toBe(
        stats.onayWinners,
      );

      // Every consent reached İYS exactly once.
      const perKey = new Map<string, number>();
      for (const s of sim.submissions()) {
        const k = `${s.recipientType} ${s.type} ${s.recipient}`;
        perKey.set(k, (perKey.get(k) ?? 0) + 1);
      }
      expect(perKey.size).toBe(stats.onayWinners);
      expect([...perKey.values()].filter((n) => n > 1)).toEqual([]);
      expect(sim.consents(600000)).toHaveLength(stats.onayWinners);

      // The report covers every row once, and says what happened to each consent.
      const report = readReport(resumed.output);
      expect(report).toHaveLength(stats.rows);
      const inIys = report.filter((r) => r.status === 'registered' || r.status === 'already_registered');
      expect(inIys).toHaveLength(stats.onayWinners);
      const text = readFileSync(resumed.output, 'utf8');
      expect(text).not.toContain('not_sent');
    } finally {
      await sim.close();
    }
  }, 120_000);
});
