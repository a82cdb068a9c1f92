/**
 * The per-row result CSV: every data row of the input, in order, exactly once — what happened to
 * it, İYS's transaction id or H-code or the local error code, and the message in Turkish and
 * English. Written to a temporary file next to the output and renamed over it at the end, so a
 * killed run never leaves half a report.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import type { Analysis } from './analyse.js';
import { csvField, type Delimiter, readCsvFile } from './csv.js';
import { FLAG_RET, fromKeyCode } from './key-table.js';
import { IMPORT_MESSAGES } from './messages.js';
import { OUTCOME, type Plan } from './plan.js';

/**
 * A row's status in the report.
 *
 * - `registered`: İYS accepted it (`result` = transactionId);
 * - `already_registered`: İYS already held it (H174);
 * - `rejected`: İYS refused it (`result` = H-code);
 * - `failed`: it could not be sent or its result not read (`result` = client code);
 * - `invalid`: a local error (`result` = code), nothing sent;
 * - `duplicate`: merged into the row that won its consent key (`result` = that row's number);
 * - `skipped`: nothing to send for it (a RET with nothing to withdraw);
 * - `not_sent`: a dry run, or the run stopped before its batch.
 *
 * @example
 * ```ts
 * const s: RowStatus = 'already_registered';
 * ```
 */
export type RowStatus =
  | 'registered'
  | 'already_registered'
  | 'rejected'
  | 'failed'
  | 'invalid'
  | 'duplicate'
  | 'skipped'
  | 'not_sent';

/** The columns of the result CSV. */
export const REPORT_COLUMNS: readonly string[] = [
  'row',
  'status',
  'result',
  'recipient',
  'type',
  'recipient_type',
  'decision',
  'message_tr',
  'message_en',
  'warning',
  'input',
];

const KIND_STATUS: readonly RowStatus[] = [
  'not_sent',
  'registered',
  'already_registered',
  'rejected',
  'failed',
  'skipped',
];

/**
 * Counts per {@link RowStatus} (what the summary prints).
 *
 * @example
 * ```ts
 * const c: StatusCounts = { registered: 10, invalid: 2 };
 * ```
 */
export type StatusCounts = Partial<Record<RowStatus, number>>;

/**
 * Reads the input again and writes the result CSV for it (same delimiter, UTF-8 with a BOM and CRLF
 * line ends, which is what Excel opens correctly). Returns the counts per status.
 *
 * @example
 * ```ts
 * const counts = await writeReport('in.csv', 'in.result.csv', analysis, plan);
 * counts.registered; // rows İYS accepted
 * ```
 */
export async function writeReport(
  inputPath: string,
  outputPath: string,
  a: Analysis,
  plan: Plan,
  options: { readonly signal?: AbortSignal | undefined } = {},
): Promise<StatusCounts> {
  const tmp = `${outputPath}.partial`;
  const out = createWriteStream(tmp, { encoding: 'utf8' });
  const d: Delimiter = a.file.delimiter;
  const f = (v: string): string => csvField(v, d);
  let buf = `\uFEFF${REPORT_COLUMNS.join(d)}\r\n`;
  const counts: StatusCounts = {};
  let drain: Promise<unknown> | undefined;
  const flush = (): void => {
    if (!out.write(buf)) drain ??= once(out, 'drain');
    buf = '';
  };
  const dup = IMPORT_MESSAGES.duplicate;
  const dupConflict = IMPORT_MESSAGES.duplicate_conflict;
  const notSent = IMPORT_MESSAGES.not_sent;
  const registered = {
    tr: 'İYS’ye kaydedildi.',
    en: 'Registered with İYS.',
  };

  let row = 0;
  await readCsvFile(
    inputPath,
    (rec, ordinal) => {
      if (ordinal === 1) return;
      const i = row++;
      if (i >= a.rows) return; // the file grew since pass 1: not ours to report
      const rowNumber = ordinal;
      const code = a.rowCode[i]!;
      const slot = a.rowSlot[i]!;
      const warning = a.rowWarning[i]! === 0 ? '' : a.codes.get(a.rowWarning[i]!).code;
      const decision = a.rowRet[i] === 1 ? 'RET' : code === 0 ? 'ONAY' : '';
      let status: RowStatus;
      let result = '';
      let tr = '';
      let en = '';
      let recipient = '';
      let type = '';
      let rt = '';
      if (code !== 0 || slot < 0) {
        status = 'invalid';
        const c = a.codes.get(code);
        result = c.code;
        tr = c.message.tr;
        en = c.message.en;
      } else {
        recipient = a.keys.recipient(slot);
        const k = fromKeyCode(a.keys.code[slot]!);
        type = k.type;
        rt = k.recipientType;
        const winner = a.keys.winnerRow[slot]!;
        if (winner !== i) {
          status = 'duplicate';
          result = String(winner + 2);
          const conflict = ((a.keys.flags[slot]! & FLAG_RET) !== 0) !== (a.rowRet[i] === 1);
          const m = conflict ? dupConflict : dup;
          tr = `${m.tr} Geçerli satır: ${winner + 2}.`;
          en = `${m.en} Winning row: ${winner + 2}.`;
        } else {
          const kind = plan.kind[slot]!;
          status = KIND_STATUS[kind]!;
          if (kind === OUTCOME.registered) {
            result = plan.transactionId[slot] ?? '';
            tr = registered.tr;
            en = registered.en;
          } else if (kind === OUTCOME.notSent) {
            result = 'not_sent';
            tr = notSent.tr;
            en = notSent.en;
          } else {
            const c = a.codes.get(plan.code[slot]!);
            result = c.code;
            tr = c.message.tr;
            en = c.message.en;
          }
        }
      }
      counts[status] = (counts[status] ?? 0) + 1;
      // The input row, re-joined: its fields only quoted (they sit inside one cell, which is
      // itself defused), so the row reads back exactly as it was.
      const input = rec.map((v) => csvField(v, d, false)).join(d);
      buf += `${rowNumber}${d}${status}${d}${f(result)}${d}${f(recipient)}${d}${type}${d}${rt}${d}${decision}${d}${f(tr)}${d}${f(en)}${d}${f(warning)}${d}${f(input)}\r\n`;
      if (buf.length > 1 << 20) flush();
    },
    {
      delimiter: a.file.delimiter,
      encoding: a.file.encoding,
      signal: options.signal,
      // Back-pressure: wait for the output to drain before reading on.
      afterChunk: () => {
        const wait = drain;
        drain = undefined;
        return wait;
      },
    },
  );
  flush();
  if (drain !== undefined) await drain;
  out.end();
  await once(out, 'finish');
  await rename(tmp, outputPath);
  return counts;
}
