/**
 * The peer: the import script a developer would otherwise write with the usual npm packages —
 * csv-parse (streaming, `columns: true`) for the CSV, libphonenumber-js for the numbers, a `Map` for
 * the de-duplication, a lookup table for statuses and channels, and `Date` for the dates. It does
 * less than the import (no consent rules, no 3-iş-günü window, no Turkish-specific e-mail rules, no
 * person check, no encoding detection), so the comparison flatters the peer.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

const STATUS: Record<string, 'ONAY' | 'RET'> = {
  onay: 'ONAY',
  evet: 'ONAY',
  '1': 'ONAY',
  yes: 'ONAY',
  ret: 'RET',
  hayır: 'RET',
  '0': 'RET',
  no: 'RET',
};
const CHANNEL: Record<string, 'MESAJ' | 'ARAMA' | 'EPOSTA'> = {
  mesaj: 'MESAJ',
  sms: 'MESAJ',
  arama: 'ARAMA',
  eposta: 'EPOSTA',
  'e-posta': 'EPOSTA',
  email: 'EPOSTA',
};

/** What the peer found. */
export interface PeerResult {
  readonly rows: number;
  readonly invalid: number;
  readonly keys: number;
}

function parseDate(text: string): number {
  if (text === '') return Date.UTC(2015, 3, 30, 21);
  const m = /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (m) return Date.UTC(+m[3]!, +m[2]! - 1, +m[1]!, +m[4]! - 3, +m[5]!, +(m[6] ?? 0));
  return Date.parse(text.includes('T') ? text : `${text.replace(' ', 'T')}+03:00`);
}

/** Reads a generated Turkish-header spreadsheet (`;`) the way the peer script would. */
export async function peerImport(path: string): Promise<PeerResult> {
  const parser = createReadStream(path).pipe(
    parse({ delimiter: ';', columns: true, bom: true, relax_quotes: true }),
  );
  const best = new Map<string, { ms: number; status: string; source: string }>();
  let rows = 0;
  let invalid = 0;
  for await (const rec of parser as AsyncIterable<Record<string, string>>) {
    rows++;
    const type = CHANNEL[(rec.Kanal ?? '').toLocaleLowerCase('tr')];
    const status = STATUS[(rec.Durum ?? '').toLocaleLowerCase('tr')];
    if (type === undefined || status === undefined) {
      invalid++;
      continue;
    }
    let recipient: string;
    if (type === 'EPOSTA') {
      const email = (rec['E-Posta'] ?? '').trim().toLowerCase();
      if (!/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/.test(email)) {
        invalid++;
        continue;
      }
      recipient = email;
    } else {
      const phone = parsePhoneNumberFromString(rec['Cep Telefonu'] ?? '', 'TR');
      if (phone === undefined || !phone.isValid()) {
        invalid++;
        continue;
      }
      recipient = phone.number;
    }
    const ms = parseDate(rec['İzin Tarihi'] ?? '');
    if (Number.isNaN(ms)) {
      invalid++;
      continue;
    }
    const key = `${type} ${recipient}`;
    const prev = best.get(key);
    if (prev === undefined || ms > prev.ms) best.set(key, { ms, status, source: rec.Kaynak ?? '' });
  }
  return { rows, invalid, keys: best.size };
}
