/** Shared helpers of the csv-import tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvParser } from '../src/csv.js';

/** The sample spreadsheet and the instant its rows were written for. */
export const SAMPLE: string = join(import.meta.dirname, '..', 'samples', 'musteri-izinleri.csv');
/** Monday 16 March 2026, 15:00 Türkiye time. */
export const SAMPLE_NOW: Date = new Date('2026-03-16T12:00:00Z');

/** A progress sink that keeps what was written. */
export class Sink {
  text = '';
  readonly isTTY = false;
  write(t: string): boolean {
    this.text += t;
    return true;
  }
}

/** Reads a result CSV into objects keyed by its header. */
export function readReport(path: string, delimiter: ';' | ',' = ';'): Record<string, string>[] {
  const rows: string[][] = [];
  const p = new CsvParser(delimiter, (r) => rows.push(r));
  p.push(readFileSync(path, 'utf8'));
  p.end();
  const [header, ...data] = rows;
  return data.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}
