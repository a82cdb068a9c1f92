import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENERATED_NOW, generateConsentCsv } from '@izinkit/test-utils/csv';
import { describe, expect, it } from 'vitest';
import { type Analysis, analyseCsv, ImportInputError } from '../src/analyse.js';
import { makePlan, OUTCOME } from '../src/plan.js';

const dir = mkdtempSync(join(tmpdir(), 'csv-import-analyse-'));
const SAMPLE = join(import.meta.dirname, '..', 'samples', 'musteri-izinleri.csv');
const SAMPLE_NOW = new Date('2026-03-16T12:00:00Z');

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Outcome code per data row (row number as in the spreadsheet: header is row 1). */
function codesByRow(a: Analysis): Map<number, string> {
  const m = new Map<number, string>();
  for (let i = 0; i < a.rows; i++) if (a.rowCode[i] !== 0) m.set(i + 2, a.codes.get(a.rowCode[i]!).code);
  return m;
}

describe('analyseCsv on generated spreadsheets', () => {
  it.each([
    { language: 'tr' as const, delimiter: ';' as const, bom: true, seed: 1 },
    { language: 'en' as const, delimiter: ',' as const, bom: false, seed: 2 },
    { language: 'tr' as const, delimiter: '\t' as const, bom: false, seed: 3 },
  ])('finds what the generator wrote ($language, $delimiter)', async (o) => {
    const path = join(dir, `gen-${o.seed}.csv`);
    const stats = await generateConsentCsv(path, { rows: 5000, ...o });
    const a = await analyseCsv(path, { brandCode: '600000', now: GENERATED_NOW });
    expect(a.rows).toBe(stats.rows);
    expect(a.invalidRows).toBe(stats.invalid);
    expect(a.duplicateRows).toBe(stats.duplicates);
    expect(a.keys.size).toBe(stats.keys);
    expect(a.statusConflicts).toBe(stats.statusConflicts);
    expect(a.columns.unknown).toEqual([o.language === 'tr' ? 'Şube' : 'Branch']);
    const plan = makePlan(a, { brandCode: 600000, knownToIys: false, batchSize: 1000 });
    expect(plan.send.length).toBe(stats.onayWinners);
    expect(plan.batches.length).toBe(Math.ceil(stats.onayWinners / 1000));
    let skipped = 0;
    for (let s = 0; s < a.keys.size; s++) if (plan.kind[s] === OUTCOME.skipped) skipped++;
    expect(skipped).toBe(stats.retAfterOnay + stats.firstRet);
  });
});

describe('analyseCsv on the sample', () => {
  it('normalises, de-duplicates and validates each row', async () => {
    const a = await analyseCsv(SAMPLE, { brandCode: '600000', now: SAMPLE_NOW });
    expect(a.rows).toBe(22);
    expect(Object.fromEntries(codesByRow(a))).toEqual({
      10: 'invalid_phone:invalid_number (H121)',
      11: 'invalid_email:turkish_characters (H120)',
      12: 'invalid_status',
      13: 'consent_date_in_future',
      14: 'registration_window_passed',
      15: 'hs2015_date_mismatch',
      16: 'karar_requires_ret',
      19: 'ambiguous_recipient',
      20: 'iys_source_not_allowed',
      21: 'missing_source',
    });
    // Rows 4 and 5 are one number written two ways; the later consent date (row 5) wins.
    const slot4 = a.rowSlot[2]!;
    expect(a.rowSlot[3]).toBe(slot4);
    expect(a.keys.recipient(slot4)).toBe('+905337654321');
    expect(a.keys.winnerRow[slot4]).toBe(3);
    // Rows 8 and 9: one e-mail address in two cases; row 8 is later.
    expect(a.rowSlot[7]).toBe(a.rowSlot[6]);
    expect(a.keys.recipient(a.rowSlot[6]!)).toBe('zeynep.kaya@example.com.tr');
    expect(a.keys.winnerRow[a.rowSlot[6]!]).toBe(6);
    // Rows 6 and 7: ONAY then a later RET — a status conflict, RET wins.
    expect(a.keys.winnerRow[a.rowSlot[4]!]).toBe(5);
    // Row 23 repeats row 2's number with another person's TCKN: merged, with a warning.
    expect(a.rowSlot[21]).toBe(a.rowSlot[0]);
    expect(a.codes.get(a.rowWarning[21]!).code).toBe('different_person');
    expect(a.duplicateRows).toBe(4);
    expect(a.statusConflicts).toBe(1);
    expect(a.personConflicts).toBe(1);
  });

  it('--send-late lets old consents through; --default-source fills empty sources', async () => {
    const a = await analyseCsv(SAMPLE, {
      brandCode: '600000',
      now: SAMPLE_NOW,
      sendLate: true,
      defaultSource: 'HS_FIZIKSEL_ORTAM',
    });
    const codes = codesByRow(a);
    expect(codes.has(14)).toBe(false);
    expect(codes.has(21)).toBe(false);
  });
});

describe('bad input', () => {
  const now = SAMPLE_NOW;
  it('rows with missing or unreadable cells get their own codes', async () => {
    const path = file(
      'bad.csv',
      [
        'Telefon,E-posta,Kanal,Durum,Kaynak,Tarih,Alıcı Tipi',
        ',,MESAJ,ONAY,HS_WEB,14.03.2026 10:00,',
        '05321234567,,faks,ONAY,HS_WEB,14.03.2026 10:00,',
        '05321234567,,MESAJ,,HS_WEB,14.03.2026 10:00,',
        '05321234567,,MESAJ,ONAY,gazete,14.03.2026 10:00,',
        '05321234567,,MESAJ,ONAY,HS_WEB,,',
        '05321234567,,MESAJ,ONAY,HS_WEB,dün,',
        '05321234567,,MESAJ,ONAY,HS_WEB,14.03.2026 10:00,kooperatif',
        '05321234567,,,ONAY,HS_WEB,14.03.2026 10:00,',
        'ali@example.com,,MESAJ,ONAY,HS_WEB,14.03.2026 10:00,',
        '05321234567,,EPOSTA,ONAY,HS_WEB,14.03.2026 10:00,',
        '"0532 123 45 67",,MESAJ,ONAY,HS_WEB,14.03.2026 10:00',
        '05321234568,,MESAJ,ONAY,HS_WEB,14.03.2026 10:00,,fazla hücre',
        '05321234567',
      ].join('\n'),
    );
    const a = await analyseCsv(path, { brandCode: '600000', now });
    expect(Object.fromEntries(codesByRow(a))).toEqual({
      2: 'missing_recipient',
      3: 'invalid_type',
      4: 'missing_status',
      5: 'invalid_source',
      6: 'missing_consent_date',
      7: 'invalid_consent_date',
      8: 'invalid_recipient_type',
      9: 'missing_type',
      10: 'channel_mismatch', // an e-mail address with channel MESAJ
      11: 'channel_mismatch', // a phone number with channel EPOSTA
      14: 'missing_type',
    });
    expect(a.rowCode[10]).toBe(0); // row 12: a short row is fine when the cells it lacks are optional
    // Row 13: a cell beyond the header is reported, not dropped silently.
    expect(a.rowCode[11]).toBe(0);
    expect(a.codes.get(a.rowWarning[11]!).code).toBe('row_too_long');
    expect(a.rowWarning[10]).toBe(0);
    expect(a.invalidRows).toBe(11);
  });

  it('a file without a recipient or status column, or an empty one, is refused with a clear error', async () => {
    await expect(analyseCsv(file('empty.csv', ''), { brandCode: '600000', now })).rejects.toMatchObject({
      code: 'empty_file',
    });
    await expect(
      analyseCsv(file('norecipient.csv', 'Ad;Durum\nAli;Evet\n'), { brandCode: '600000', now }),
    ).rejects.toBeInstanceOf(ImportInputError);
    await expect(
      analyseCsv(file('nostatus.csv', 'Ad;Telefon\nAli;05321234567\n'), { brandCode: '600000', now }),
    ).rejects.toMatchObject({ code: 'no_status_column', message: expect.stringContaining('--map') });
  });
});
