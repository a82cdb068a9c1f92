import { personRecordsArb } from '@izinkit/test-utils/identity';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DedupeResult,
  dedupe,
  foldName,
  isIdentityError,
  normalizeEmail,
  normalizePhone,
  type PersonRecord,
  parseTckn,
} from '../src/index.js';

/** The match relation of the issue, computed naively pair by pair. */
function keysOf(r: PersonRecord) {
  const t = r.tckn ? parseTckn(r.tckn) : undefined;
  const p = r.phone ? normalizePhone(r.phone) : undefined;
  const e = r.email ? normalizeEmail(r.email) : undefined;
  return {
    tckn: t?.ok ? t.value : undefined,
    phone: p?.ok ? p.value.e164 : undefined,
    email: e?.ok ? e.value.toLowerCase() : undefined,
    name: foldName(`${r.firstName ?? ''} ${r.lastName ?? ''}`),
  };
}
type Keys = ReturnType<typeof keysOf>;
const sameTckn = (a: Keys, b: Keys) => a.tckn !== undefined && a.tckn === b.tckn;
const linked = (a: Keys, b: Keys) =>
  a.name !== '' &&
  a.name === b.name &&
  ((a.phone !== undefined && a.phone === b.phone) || (a.email !== undefined && a.email === b.email));
const matches = (a: Keys, b: Keys) => sameTckn(a, b) || linked(a, b);

function checkInvariants(records: PersonRecord[], result: DedupeResult) {
  const keys = records.map(keysOf);
  const index = new Map(records.map((r, i) => [r.id, i]));
  const groupOf = new Map<string, number>();
  // 1. partition
  result.groups.forEach((g, gi) => {
    expect(g.ids.length).toBeGreaterThan(0);
    for (const id of g.ids) {
      expect(groupOf.has(id), `id ${id} in two groups`).toBe(false);
      groupOf.set(id, gi);
    }
  });
  expect(groupOf.size).toBe(records.length);
  for (const r of records) expect(groupOf.has(r.id)).toBe(true);
  // the TCKN of each group
  const groupTckn = result.groups.map((g) => {
    const ts = new Set(g.ids.map((id) => keys[index.get(id)!]!.tckn).filter((t) => t !== undefined));
    // 2. never two different valid TCKNs in one group
    expect(ts.size, `group ${g.ids.join(',')} mixes TCKNs`).toBeLessThanOrEqual(1);
    return [...ts][0];
  });
  for (let i = 0; i < records.length; i++) {
    for (let j = i + 1; j < records.length; j++) {
      const gi = groupOf.get(records[i]!.id)!;
      const gj = groupOf.get(records[j]!.id)!;
      // 3. a shared TCKN always merges
      if (sameTckn(keys[i]!, keys[j]!)) expect(gi).toBe(gj);
      // 4. maximality: a direct match is merged unless the TCKN rule forbids it
      if (matches(keys[i]!, keys[j]!) && gi !== gj) {
        expect(groupTckn[gi]).toBeDefined();
        expect(groupTckn[gj]).toBeDefined();
        expect(groupTckn[gi]).not.toBe(groupTckn[gj]);
      }
    }
  }
  // 5. minimality: each group is connected by direct matches
  for (const g of result.groups) {
    const members = g.ids.map((id) => index.get(id)!);
    const reached = new Set([members[0]!]);
    const queue = [members[0]!];
    while (queue.length > 0) {
      const a = queue.pop()!;
      for (const b of members) {
        if (!reached.has(b) && matches(keys[a]!, keys[b]!)) {
          reached.add(b);
          queue.push(b);
        }
      }
    }
    expect(reached.size, `group ${g.ids.join(',')} is not connected`).toBe(members.length);
  }
  // 6. conflicts name two groups with the reported, different TCKNs
  for (const c of result.conflicts) {
    const ga = groupOf.get(c.ids[0])!;
    const gb = groupOf.get(c.ids[1])!;
    expect(ga).not.toBe(gb);
    expect(c.tckns[0]).not.toBe(c.tckns[1]);
    expect(groupTckn[ga]).toBe(c.tckns[0]);
    expect(groupTckn[gb]).toBe(c.tckns[1]);
    expect(linked(keys[index.get(c.ids[0])!]!, keys[index.get(c.ids[1])!]!)).toBe(true);
  }
  return { groupOf, keys };
}

/** Connected components of the match graph (the answer when no TCKN conflict exists). */
function components(records: PersonRecord[]): string[][] {
  const keys = records.map(keysOf);
  const seen = new Set<number>();
  const out: string[][] = [];
  for (let s = 0; s < records.length; s++) {
    if (seen.has(s)) continue;
    const comp = [s];
    seen.add(s);
    for (let k = 0; k < comp.length; k++) {
      for (let j = 0; j < records.length; j++) {
        if (!seen.has(j) && matches(keys[comp[k]!]!, keys[j]!)) {
          seen.add(j);
          comp.push(j);
        }
      }
    }
    out.push(comp.sort((a, b) => a - b).map((i) => records[i]!.id));
  }
  return out;
}

describe('dedupe', () => {
  it('groups by TCKN, by phone + name and by e-mail + name, transitively', () => {
    const records: PersonRecord[] = [
      { id: '1', tckn: '10000000146', phone: '0532 123 45 67', firstName: 'Ali', lastName: 'Yılmaz' },
      { id: '2', phone: '+90 532 123 4567', firstName: 'ALİ', lastName: 'YILMAZ', email: 'ALI@example.com' },
      { id: '3', email: 'ali@EXAMPLE.com', firstName: 'ali', lastName: 'yılmaz' },
      { id: '4', tckn: '100 000 001 46' },
      { id: '5', phone: '0532 123 45 67', firstName: 'Ayşe', lastName: 'Yılmaz' }, // same phone, other name
      { id: '6', phone: '0532 123 45 67' }, // no name: matches by TCKN only
    ];
    const r = dedupe(records);
    expect(r.groups).toEqual([{ ids: ['1', '2', '3', '4'] }, { ids: ['5'] }, { ids: ['6'] }]);
    expect(r.conflicts).toEqual([]);
    checkInvariants(records, r);
  });
  it('never merges two different valid TCKNs, and reports the conflict', () => {
    const records: PersonRecord[] = [
      { id: '1', tckn: '10000000146', phone: '0532 123 45 67', firstName: 'Ali', lastName: 'Yılmaz' },
      { id: '2', phone: '+90 532 123 4567', firstName: 'ALİ', lastName: 'YILMAZ', email: 'ali@example.com' },
      { id: '3', email: 'ali@example.com', tckn: '19090909018', firstName: 'Ali', lastName: 'Yılmaz' },
    ];
    const r = dedupe(records);
    expect(r.groups).toEqual([{ ids: ['1', '2'] }, { ids: ['3'] }]);
    expect(r.conflicts).toEqual([{ ids: ['3', '2'], tckns: ['19090909018', '10000000146'], via: 'email' }]);
    checkInvariants(records, r);
  });
  it('lets invalid identifiers match nothing and lists them', () => {
    const records: PersonRecord[] = [
      { id: 'a', tckn: '10000000145', phone: '0632 123 45 67', email: 'ayşe@example.com', firstName: 'Ayşe' },
      { id: 'b', tckn: '10000000145', phone: '0632 123 45 67', email: 'ayşe@example.com', firstName: 'Ayşe' },
    ];
    const r = dedupe(records);
    expect(r.groups).toEqual([{ ids: ['a'] }, { ids: ['b'] }]);
    expect(r.invalid).toEqual([
      { id: 'a', field: 'tckn', code: 'bad_checksum' },
      { id: 'b', field: 'tckn', code: 'bad_checksum' },
      { id: 'a', field: 'phone', code: 'invalid_number' },
      { id: 'a', field: 'email', code: 'turkish_characters' },
      { id: 'b', field: 'phone', code: 'invalid_number' },
      { id: 'b', field: 'email', code: 'turkish_characters' },
    ]);
  });
  it('treats empty strings and null as missing, and splits names anywhere', () => {
    const r = dedupe([
      { id: 'a', tckn: '', phone: '05321234567', firstName: 'Ali Veli', lastName: 'Yılmaz', email: null },
      { id: 'b', tckn: null, phone: '5321234567', firstName: 'Ali', lastName: 'Veli  Yılmaz' },
    ]);
    expect(r.groups).toEqual([{ ids: ['a', 'b'] }]);
    expect(r.invalid).toEqual([]);
  });
  it('has options for ASCII names and nameless matches', () => {
    const records: PersonRecord[] = [
      { id: 'a', phone: '05321234567', firstName: 'Şeyma', lastName: 'Işık' },
      { id: 'b', phone: '05321234567', firstName: 'SEYMA', lastName: 'ISIK' },
      { id: 'c', email: 'x@example.com' },
      { id: 'd', email: 'X@example.com' },
    ];
    expect(dedupe(records).groups).toHaveLength(4);
    expect(dedupe(records, { asciiNames: true }).groups).toEqual([
      { ids: ['a', 'b'] },
      { ids: ['c'] },
      { ids: ['d'] },
    ]);
    expect(dedupe(records, { matchWithoutName: true }).groups).toEqual([
      { ids: ['a'] },
      { ids: ['b'] },
      { ids: ['c', 'd'] },
    ]);
  });
  it('throws a branded error on duplicate ids', () => {
    expect(() => dedupe([{ id: 'x' }, { id: 'x' }])).toThrow();
    try {
      dedupe([{ id: 'x' }, { id: 'x' }]);
    } catch (e) {
      expect(isIdentityError(e, 'duplicate_id')).toBe(true);
    }
    expect(dedupe([])).toEqual({ groups: [], conflicts: [], invalid: [] });
  });
  it('keeps its invariants on generated records (partition, TCKN rule, maximality, minimality)', () => {
    fc.assert(
      fc.property(personRecordsArb(30), (records) => {
        checkInvariants(records, dedupe(records));
      }),
      { numRuns: 400 },
    );
  });
  it('returns the connected components of the match relation when no TCKN conflict exists', () => {
    fc.assert(
      fc.property(personRecordsArb(30), (records) => {
        const r = dedupe(records);
        if (r.conflicts.length > 0) return;
        const ours = r.groups.map((g) => g.ids).sort((a, b) => a[0]!.localeCompare(b[0]!));
        const ref = components(records).sort((a, b) => a[0]!.localeCompare(b[0]!));
        expect(ours).toEqual(ref);
      }),
      { numRuns: 400 },
    );
  });
  it('is transitive regardless of input order when there is no conflict', () => {
    fc.assert(
      fc.property(
        personRecordsArb(20).chain((rs) =>
          fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length })),
        ),
        ([rs, shuffled]) => {
          const a = dedupe(rs);
          const b = dedupe(shuffled);
          if (a.conflicts.length > 0 || b.conflicts.length > 0) return;
          const canon = (r: DedupeResult) => r.groups.map((g) => [...g.ids].sort().join(',')).sort();
          expect(canon(b)).toEqual(canon(a));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('NumTable (internal hash table of dedupe)', () => {
  it('behaves like a Map for positive integer keys, through growth and collisions', async () => {
    const { NumTable } = await import('../src/internal/num-table.js');
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 2 ** 53 - 1 })),
            fc.nat(1e6),
          ),
          { maxLength: 300 },
        ),
        (entries) => {
          const t = new NumTable(1);
          const m = new Map<number, number>();
          for (const [k, v] of entries) {
            t.set(k, v);
            m.set(k, v);
          }
          for (const [k] of entries) expect(t.get(k)).toBe(m.get(k));
          expect(t.get(2 ** 53)).toBe(-1);
        },
      ),
    );
  });
});
