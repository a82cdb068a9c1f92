import { createHash } from 'node:crypto';
import type { ConsentKey } from '@izinkit/consent';
import type { DailyFileRow, ReconciliationSummary } from '@izinkit/iys';
import type { LocalIysTransaction, LocalIysTransactionBatch } from '@izinkit/postgres';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DayComparer, maskRecipient, summaryCounts } from '../src/index.js';

const BRAND = '600000';
const DAY_START = Date.parse('2026-03-15T21:00:00Z');
/** A stand-in for the keyed hash (the real one is an HMAC; only equality matters here). */
const textKeyHash = (k: ConsentKey): string => `${k.brandCode}|${k.recipientType}|${k.type}|${k.recipient}`;
/** The same as 64 lowercase hex characters, the form the real one has (kept as 32 bytes by the comparer). */
const hexKeyHash = (k: ConsentKey): string => createHash('sha256').update(textKeyHash(k)).digest('hex');
/** The key hash every helper below uses; tests switch it to cover both forms. */
let keyHash = textKeyHash;

/** Local rows as the columnar batch `ReconciliationRepository.transactionBatchesOfDay` yields. */
function toBatch(rows: readonly LocalIysTransaction[]): LocalIysTransactionBatch {
  const ids = rows.map((r) => Buffer.from(r.transactionId, 'utf8'));
  const idEnds = new Uint32Array(rows.length);
  let end = 0;
  ids.forEach((b, i) => {
    end += b.length;
    idEnds[i] = end;
  });
  const sources: (string | null)[] = [null];
  const keyHashes = new Uint8Array(rows.length * 32);
  const otherKeyHashes = new Map<number, string>();
  rows.forEach((r, i) => {
    if (/^[0-9a-f]{64}$/.test(r.keyHash)) keyHashes.set(Buffer.from(r.keyHash, 'hex'), i * 32);
    else otherKeyHashes.set(i, r.keyHash);
    if (!sources.includes(r.source)) sources.push(r.source);
  });
  return {
    length: rows.length,
    ids: Buffer.concat(ids),
    idEnds,
    keyHashes,
    otherKeyHashes,
    recipientType: Uint8Array.from(rows, (r) => (r.recipientType === 'TACIR' ? 1 : 0)),
    type: Uint8Array.from(rows, (r) => ['MESAJ', 'ARAMA', 'EPOSTA'].indexOf(r.type)),
    party: Uint8Array.from(rows, (r) => (r.party === 'IYS' ? 1 : 0)),
    status: Uint8Array.from(rows, (r) => (r.status === 'ONAY' ? 0 : 1)),
    source: Uint16Array.from(rows, (r) => sources.indexOf(r.source)),
    sources,
    consentDate: Float64Array.from(rows, (r) => r.consentDate ?? Number.NaN),
    creationDate: Float64Array.from(rows, (r) => r.creationDate),
  };
}

interface Base {
  readonly id: string;
  readonly recipient: string;
  readonly recipientType: 'BIREYSEL' | 'TACIR';
  readonly type: 'MESAJ' | 'ARAMA' | 'EPOSTA';
  readonly status: 'ONAY' | 'RET';
  readonly consentSec: number | null;
  readonly source: string | null;
  readonly creationSec: number;
}

type Mutation =
  | 'none'
  | 'drop_local'
  | 'drop_remote'
  | 'other_day'
  | 'status'
  | 'consentDate'
  | 'consentDate_null'
  | 'source'
  | 'creationDate'
  | 'recipient'
  | 'type'
  | 'ms_only'
  | 'duplicate';

const baseArb: fc.Arbitrary<Base> = fc.record({
  // Ids as İYS writes them, and a few that are not plain ASCII (kept as UTF-8 bytes by the index).
  id: fc.oneof(
    { arbitrary: fc.stringMatching(/^[0-9a-f]{6}$/), weight: 9 },
    { arbitrary: fc.stringMatching(/^[0-9a-fğüşİ€😀]{1,4}$/u), weight: 1 },
  ),
  recipient: fc.integer({ min: 0, max: 30 }).map((n) => `+90532${String(n).padStart(7, '0')}`),
  recipientType: fc.constantFrom('BIREYSEL' as const, 'TACIR' as const),
  type: fc.constantFrom('MESAJ' as const, 'ARAMA' as const),
  status: fc.constantFrom('ONAY' as const, 'RET' as const),
  consentSec: fc.option(fc.integer({ min: 0, max: 86_399 }), { nil: null }),
  source: fc.constantFrom<string | null>('HS_WEB', 'HS_MESAJ', 'IYS_MOBIL', null),
  creationSec: fc.integer({ min: 0, max: 86_399 }),
});

const mutationArb = fc.constantFrom<Mutation>(
  'none',
  'none',
  'none',
  'drop_local',
  'drop_remote',
  'other_day',
  'status',
  'consentDate',
  'consentDate_null',
  'source',
  'creationDate',
  'recipient',
  'type',
  'ms_only',
  'duplicate',
);

function toLocal(b: Base): LocalIysTransaction {
  return {
    transactionId: b.id,
    keyHash: keyHash({
      brandCode: BRAND,
      recipient: b.recipient,
      recipientType: b.recipientType,
      type: b.type,
    }),
    recipientType: b.recipientType,
    type: b.type,
    party: b.source?.startsWith('IYS') ? 'IYS' : 'HS',
    status: b.status,
    consentDate: b.consentSec === null ? null : DAY_START + b.consentSec * 1000,
    source: b.source,
    creationDate: DAY_START + b.creationSec * 1000,
  };
}

function toRemote(b: Base): DailyFileRow {
  return {
    transactionId: b.id,
    recipient: b.recipient,
    recipientType: b.recipientType,
    type: b.type,
    status: b.status,
    consentDate: b.consentSec === null ? undefined : new Date(DAY_START + b.consentSec * 1000),
    source: (b.source ?? undefined) as DailyFileRow['source'],
    creationDate: new Date(DAY_START + b.creationSec * 1000),
  };
}

/** Applies a mutation: returns the local rows (this day, other days) and the file rows. */
function scenario(items: readonly (readonly [Base, Mutation])[]): {
  today: LocalIysTransaction[];
  elsewhere: LocalIysTransaction[];
  file: DailyFileRow[];
} {
  const today: LocalIysTransaction[] = [];
  const elsewhere: LocalIysTransaction[] = [];
  const file: DailyFileRow[] = [];
  for (const [b, m] of items) {
    const local = toLocal(b);
    const remote = toRemote(b);
    switch (m) {
      case 'drop_local':
        file.push(remote);
        break;
      case 'drop_remote':
        today.push(local);
        break;
      case 'other_day':
        elsewhere.push({ ...local, creationDate: local.creationDate - 86_400_000 });
        file.push(remote);
        break;
      case 'status':
        today.push({ ...local, status: local.status === 'ONAY' ? 'RET' : 'ONAY' });
        file.push(remote);
        break;
      case 'consentDate':
        today.push({ ...local, consentDate: (local.consentDate ?? DAY_START) + 1000 });
        file.push(remote);
        break;
      case 'consentDate_null':
        today.push(local);
        file.push({ ...remote, consentDate: remote.consentDate ? undefined : new Date(DAY_START) });
        break;
      case 'source':
        today.push({ ...local, source: local.source === 'HS_WEB' ? 'HS_MESAJ' : 'HS_WEB' });
        file.push(remote);
        break;
      case 'creationDate':
        today.push(local);
        file.push({ ...remote, creationDate: new Date(remote.creationDate.getTime() + 1000) });
        break;
      case 'recipient':
        today.push(local);
        file.push({ ...remote, recipient: '+905329999999' }); // base recipients stop at +905320000030
        break;
      case 'type':
        today.push(local);
        file.push({ ...remote, type: remote.type === 'MESAJ' ? 'ARAMA' : 'MESAJ' });
        break;
      case 'ms_only':
        // Milliseconds our log keeps but İYS does not: not a difference.
        today.push({
          ...local,
          creationDate: local.creationDate + 999,
          consentDate: local.consentDate === null ? null : local.consentDate + 1,
        });
        file.push(remote);
        break;
      case 'duplicate':
        today.push(local);
        file.push(remote, remote);
        break;
      default:
        today.push(local);
        file.push(remote);
    }
  }
  return { today, elsewhere, file };
}

/** The naive reference: everything in memory, plain loops, no index. */
function reference(
  today: readonly LocalIysTransaction[],
  elsewhere: readonly LocalIysTransaction[],
  file: readonly DailyFileRow[],
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const row of file) {
    if (seen.has(row.transactionId)) {
      out.push(`duplicate_remote ${row.transactionId}`);
      continue;
    }
    seen.add(row.transactionId);
    const l = [...today, ...elsewhere].find((t) => t.transactionId === row.transactionId);
    if (!l) {
      out.push(`missing_local ${row.transactionId}`);
      continue;
    }
    const fields: string[] = [];
    if (row.recipientType !== l.recipientType) fields.push('recipientType');
    if (row.type !== l.type) fields.push('type');
    const h = keyHash({
      brandCode: BRAND,
      recipient: row.recipient,
      recipientType: l.recipientType,
      type: l.type,
    });
    if (h !== l.keyHash) fields.push('recipient');
    if (row.status !== l.status) fields.push('status');
    const s = (ms: number | null | undefined): number | null =>
      ms === null || ms === undefined ? null : Math.floor(ms / 1000);
    if (s(row.consentDate?.getTime()) !== s(l.consentDate)) fields.push('consentDate');
    if ((row.source ?? null) !== l.source) fields.push('source');
    if (s(row.creationDate.getTime()) !== s(l.creationDate)) fields.push('creationDate');
    if (fields.length > 0) out.push(`mismatch ${row.transactionId} ${fields.join(',')}`);
  }
  for (const l of today) if (!seen.has(l.transactionId)) out.push(`missing_remote ${l.transactionId}`);
  return out.sort();
}

function fileSummary(
  file: readonly DailyFileRow[],
): [['BIREYSEL', ReconciliationSummary], ['TACIR', ReconciliationSummary]] {
  const make = (rt: 'BIREYSEL' | 'TACIR'): ReconciliationSummary => ({
    changeStats: (['MESAJ', 'ARAMA', 'EPOSTA'] as const).map((type) => ({
      type,
      consents: (['HS', 'IYS'] as const).map((party) => {
        const mine = file.filter(
          (r) =>
            r.recipientType === rt &&
            r.type === type &&
            (r.source?.startsWith('IYS') ? 'IYS' : 'HS') === party,
        );
        const approval = mine.filter((r) => r.status === 'ONAY').length;
        return { source: party, total: mine.length, approval, rejection: mine.length - approval };
      }),
    })),
  });
  return [
    ['BIREYSEL', make('BIREYSEL')],
    ['TACIR', make('TACIR')],
  ];
}

function run(
  today: readonly LocalIysTransaction[],
  elsewhere: readonly LocalIysTransaction[],
  file: readonly DailyFileRow[],
  summaries: Parameters<DayComparer['finish']>[0],
  options: { maxDifferences?: number; pageSize?: number; batch?: boolean; reserve?: number } = {},
): DayComparer {
  const cmp = new DayComparer({
    brandCode: BRAND,
    keyHash,
    maxDifferences: options.maxDifferences ?? 1_000_000,
  });
  if (options.reserve !== undefined) cmp.reserve(options.reserve);
  const page = options.pageSize ?? 7;
  for (let i = 0; i < today.length; i += page) {
    const rows = today.slice(i, i + page);
    if (options.batch) cmp.addLocalBatch(toBatch(rows));
    else cmp.addLocal(rows);
  }
  const pending: DailyFileRow[] = [];
  for (const row of file) if (!cmp.remote(row)) pending.push(row);
  for (const row of pending)
    cmp.settle(
      row,
      elsewhere.find((t) => t.transactionId === row.transactionId),
    );
  cmp.finish(summaries);
  return cmp;
}

const describeDiff = (d: {
  kind: string;
  transactionId: string | null;
  fields: readonly string[];
}): string =>
  d.kind === 'mismatch'
    ? `${d.kind} ${d.transactionId} ${d.fields.join(',')}`
    : `${d.kind} ${d.transactionId}`;

describe('DayComparer', () => {
  it('reports exactly the differences a naive in-memory comparison finds (property)', () => {
    const itemsArb = fc
      .uniqueArray(baseArb, { selector: (b) => b.id, maxLength: 60 })
      .chain((bases) =>
        fc.tuple(
          fc.constant(bases),
          fc.array(mutationArb, { minLength: bases.length, maxLength: bases.length }),
        ),
      )
      .map(([bases, muts]) => bases.map((b, i) => [b, muts[i]!] as const));
    fc.assert(
      fc.property(
        itemsArb,
        fc.integer({ min: 1, max: 20 }),
        fc.boolean(),
        fc.boolean(),
        (items, pageSize, batch, hex) => {
          keyHash = hex ? hexKeyHash : textKeyHash;
          const { today, elsewhere, file } = scenario(items);
          const cmp = run(today, elsewhere, file, fileSummary(file), { pageSize, batch });
          const got = cmp.differences.map(describeDiff).sort();
          expect(got).toEqual(reference(today, elsewhere, file));
          expect(cmp.differenceCount).toBe(got.length);
          expect(Object.values(cmp.counts).reduce((a, b) => a + b, 0)).toBe(got.length);
          expect(cmp.localRows).toBe(today.length);
          expect(cmp.remoteRows).toBe(file.length);
          // equal sides ⇔ no difference at all
          const equal = items.every(([, m]) => m === 'none' || m === 'ms_only');
          expect(cmp.differenceCount === 0).toBe(equal);
        },
      ),
      { numRuns: 400 },
    );
    keyHash = textKeyHash;
  });

  it('indexes many batches (the table grows) and finds every transaction, in the order of our log', () => {
    keyHash = hexKeyHash;
    const bases: Base[] = Array.from({ length: 5000 }, (_, i) => ({
      id: i % 97 === 0 ? `ğ-${i}` : `t${i.toString(16)}`,
      recipient: `+90532${String(i).padStart(7, '0')}`,
      recipientType: i % 10 === 9 ? 'TACIR' : 'BIREYSEL',
      type: i % 2 === 0 ? 'MESAJ' : 'ARAMA',
      status: i % 5 === 0 ? 'RET' : 'ONAY',
      consentSec: i % 3 === 0 ? null : i % 86_400,
      source: i % 7 === 0 ? 'IYS_MOBIL' : 'HS_WEB',
      creationSec: i % 86_400,
    }));
    const today = bases.filter((_, i) => i % 1000 !== 1).map(toLocal);
    // the file lacks every 700th of ours and repeats every 900th; one recipient is spelled otherwise
    const file = bases
      .filter((_, i) => i % 700 !== 3)
      .flatMap((b, i) => (i % 900 === 5 ? [toRemote(b), toRemote(b)] : [toRemote(b)]))
      .map((r, i) => (i === 42 ? { ...r, recipient: r.recipient.replace('+90', '0') } : r));
    for (const batch of [true, false]) {
      const cmp = run(today, [], file, fileSummary(file), { pageSize: 1000, batch });
      expect(cmp.localRows).toBe(today.length);
      const got = cmp.differences.map(describeDiff);
      // the naive reference does not normalise recipients: the row spelled '0532…' is its only extra
      const respelled = file[42]!.transactionId;
      expect(reference(today, [], file)).toContain(`mismatch ${respelled} recipient`);
      expect([...got].sort()).toEqual(
        reference(today, [], file).filter((d) => d !== `mismatch ${respelled} recipient`),
      );
      // missing_remote in the order our log gave them
      const missing = cmp.differences.filter((d) => d.kind === 'missing_remote').map((d) => d.transactionId);
      expect(missing).toEqual(
        today.map((t) => t.transactionId).filter((id) => !file.some((r) => r.transactionId === id)),
      );
      expect(cmp.counts).toMatchObject({
        missing_local: 5,
        missing_remote: 8,
        duplicate_remote: 6,
        mismatch: 0,
      });
    }
    keyHash = textKeyHash;
  });

  it('finds the same differences whatever room is reserved, and ids of any length', () => {
    keyHash = hexKeyHash;
    const bases: Base[] = Array.from({ length: 3000 }, (_, i) => ({
      // ids past 65,535 UTF-8 bytes take another path in the index: ASCII and not
      id: i === 10 ? 'x'.repeat(70_000) : i === 11 ? `ğ${'y'.repeat(66_000)}` : `t${i.toString(16)}`,
      recipient: `+90532${String(i).padStart(7, '0')}`,
      recipientType: i % 10 === 9 ? 'TACIR' : 'BIREYSEL',
      type: i % 2 === 0 ? 'MESAJ' : 'EPOSTA',
      status: i % 5 === 0 ? 'RET' : 'ONAY',
      consentSec: i % 3 === 0 ? null : i,
      source: i % 7 === 0 ? 'IYS_MOBIL' : 'HS_WEB',
      creationSec: i,
    }));
    const today = bases.filter((_, i) => i % 400 !== 1).map(toLocal);
    // the file lacks a long id and every 500th of ours, and differs in the status of every 300th
    const file = bases
      .filter((_, i) => i !== 11 && i % 500 !== 3)
      .map((b, i) => (i % 300 === 7 ? { ...toRemote(b), status: 'RET' as const } : toRemote(b)));
    const expected = [...reference(today, [], file)].sort();
    expect(expected).toContain(`missing_remote ${bases[11]!.id}`);
    expect(expected.some((d) => d.includes(bases[10]!.id))).toBe(false);
    for (const reserve of [undefined, 0, -5, Number.NaN, 10, today.length - 1, today.length, 100_000]) {
      for (const batch of [true, false]) {
        const cmp = run(today, [], file, fileSummary(file), {
          pageSize: 250,
          batch,
          ...(reserve === undefined ? {} : { reserve }),
        });
        expect(cmp.localRows).toBe(today.length);
        expect([...cmp.differences.map(describeDiff)].sort()).toEqual(expected);
        const long = cmp.differences.find(
          (d) => d.kind === 'missing_remote' && d.transactionId?.startsWith('ğ'),
        );
        expect(long?.transactionId).toBe(bases[11]!.id);
      }
    }
    keyHash = textKeyHash;
  });

  it('keeps at most maxDifferences but counts every one', () => {
    const file = Array.from({ length: 50 }, (_, i) =>
      toRemote({
        id: `r${i}`,
        recipient: '+905320000001',
        recipientType: 'BIREYSEL',
        type: 'MESAJ',
        status: 'ONAY',
        consentSec: 1,
        source: 'HS_WEB',
        creationSec: i,
      }),
    );
    const cmp = run([], [], file, fileSummary(file), { maxDifferences: 10 });
    expect(cmp.differences).toHaveLength(10);
    expect(cmp.counts.missing_local).toBe(50);
    expect(cmp.differenceCount).toBe(50);
  });

  it('checks İYS summary against its own file', () => {
    const b: Base = {
      id: 'x1',
      recipient: '+905320000001',
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
      status: 'ONAY',
      consentSec: 1,
      source: 'HS_WEB',
      creationSec: 5,
    };
    const file = [toRemote(b)];
    const ok = run([toLocal(b)], [], file, fileSummary(file));
    expect(ok.differenceCount).toBe(0);
    expect(ok.fileCounts).toEqual([
      { recipientType: 'BIREYSEL', type: 'MESAJ', party: 'HS', total: 1, approval: 1, rejection: 0 },
    ]);
    const wrong: ReconciliationSummary = {
      changeStats: [{ type: 'MESAJ', consents: [{ source: 'HS', total: 2, approval: 1, rejection: 1 }] }],
    };
    const bad = run([toLocal(b)], [], file, [['BIREYSEL', wrong]]);
    expect(bad.counts.summary).toBe(1);
    expect(bad.differences[0]).toEqual({
      kind: 'summary',
      transactionId: null,
      fields: ['total', 'rejection'],
      local: { recipientType: 'BIREYSEL', type: 'MESAJ', party: 'HS', total: 1, approval: 1, rejection: 0 },
      remote: { recipientType: 'BIREYSEL', type: 'MESAJ', party: 'HS', total: 2, approval: 1, rejection: 1 },
    });
    expect(summaryCounts([['BIREYSEL', wrong]])).toEqual([
      { recipientType: 'BIREYSEL', type: 'MESAJ', party: 'HS', total: 2, approval: 1, rejection: 1 },
    ]);
  });

  it('accepts a recipient İYS spells differently when it normalises to ours', () => {
    const b: Base = {
      id: 'n1',
      recipient: '0532 123 45 67',
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
      status: 'ONAY',
      consentSec: 1,
      source: 'HS_WEB',
      creationSec: 5,
    };
    const local = {
      ...toLocal(b),
      keyHash: keyHash({
        brandCode: BRAND,
        recipient: '+905321234567',
        recipientType: 'BIREYSEL',
        type: 'MESAJ',
      }),
    };
    const file = [toRemote(b)];
    expect(run([local], [], file, fileSummary(file)).differenceCount).toBe(0);
    const other = [{ ...toRemote(b), recipient: '0532 123 45 68' }];
    expect(run([local], [], other, fileSummary(other)).differences.map((d) => d.fields)).toEqual([
      ['recipient'],
    ]);
  });

  it('masks recipients in reports', () => {
    expect(maskRecipient('+905321234567')).toBe('+90532*****67');
    expect(maskRecipient('ali.veli@example.com')).toBe('a***@example.com');
    expect(maskRecipient('12345')).toBe('*****');
  });
});
