/**
 * fast-check arbitraries and the repository conformance suite for @izinkit/agreements tests
 * (import from '@izinkit/test-utils/agreements').
 *
 * `agreementRepositoryConformance` is the contract of `AgreementRepository`: the in-memory
 * repository runs it in packages/agreements/test, and the PostgreSQL repository in
 * @izinkit/postgres runs the same suite:
 *
 * ```ts
 * import { agreementRepositoryConformance } from '@izinkit/test-utils/agreements';
 * agreementRepositoryConformance('PostgresAgreementRepository', async () => {
 *   const db = await freshDatabase();
 *   return { repository: new PostgresAgreementRepository(db), cleanup: () => db.close() };
 * });
 * ```
 *
 * Note: the agreements package is imported by relative path (type-only where possible) because
 * @izinkit/test-utils does not list it as a dependency; both paths resolve to the same module.
 */

import {
  type AcceptanceInput,
  type AgreementRepository,
  AgreementService,
  type AgreementVersion,
  checkHistoryInvariants,
  contentHash,
  type DocumentKey,
  documentKeyString,
  InMemoryAgreementRepository,
  orThrow,
} from '@izinkit/agreements';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// ---------------------------------------------------------------------------------------------
// Arbitraries

/** A valid brand identifier. */
export const brandArb: fc.Arbitrary<string> = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/);

/** A valid custom kind. */
export const customKindArb: fc.Arbitrary<`CUSTOM_${string}`> = fc
  .stringMatching(/^[A-Z0-9_]{1,12}$/)
  .map((s) => `CUSTOM_${s}` as const);

/** Any valid document key. */
export const documentKeyArb: fc.Arbitrary<DocumentKey> = fc.record({
  brand: brandArb,
  kind: fc.oneof(
    fc.constantFrom('ETK_CONSENT' as const, 'KVKK_AYDINLATMA' as const, 'KVKK_ACIK_RIZA' as const),
    customKindArb,
  ),
  channel: fc.constantFrom('MESAJ' as const, 'ARAMA' as const, 'EPOSTA' as const, 'ANY' as const),
  locale: fc.constantFrom('tr' as const, 'en' as const),
});

/** Characters that make canonicalisation interesting: Turkish letters, combining marks, spaces. */
const TRICKY = [
  'a',
  'İ',
  'ı',
  'ş',
  'ğ',
  'ü',
  'ö',
  'ç',
  'I',
  'i',
  '\u0307', // combining dot above
  '\u0308', // combining diaeresis
  '\u0327', // combining cedilla
  ' ',
  '\t',
  '\u00A0', // no-break space (kept)
  '.',
  '{',
  '}',
];
const BREAKS = ['\n', '\r\n', '\r', '\u2028', '\u2029', '\u0085'];

/**
 * Raw text as people paste it: Turkish letters in composed and decomposed forms, CRLF/CR/NEL/LS/PS
 * line breaks, trailing blanks, blank lines at both ends, stray byte-order marks.
 */
export const messyTextArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...TRICKY) },
      { weight: 2, arbitrary: fc.constantFrom(...BREAKS) },
      { weight: 1, arbitrary: fc.constant('\uFEFF') },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

/**
 * Short strings over the characters where the canonical-form steps interact: CR, LF, U+FEFF
 * between them, lone and paired surrogates, NEL, LS, combining marks, spaces and tabs.
 */
export const canonicalEdgeArb: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(
    '\r',
    '\n',
    ' ',
    '\t',
    'a',
    'I',
    '\u0307',
    '\uFEFF',
    '\uD800',
    '\uDC00',
    '\u0085',
    '\u2028',
    '😀',
  ),
  maxLength: 12,
});

/** A non-empty agreement text with no placeholders (no `{{`). */
export const plainAgreementTextArb: fc.Arbitrary<string> = fc
  .array(
    fc.stringMatching(/^[A-Za-zÇĞİÖŞÜçğıöşü0-9 .,;:'()-]{1,40}$/).filter((l) => /\S/.test(l)),
    { minLength: 1, maxLength: 8 },
  )
  .map((lines) => `${lines.join('\n')}\n`);

/** Lines from a small alphabet, so that two arrays share lines often (for diff tests). */
export const diffLinesArb: fc.Arbitrary<string[]> = fc.array(fc.constantFrom('a', 'b', 'c', 'd', '', 'x y'), {
  maxLength: 30,
});

// ---------------------------------------------------------------------------------------------
// Conformance suite

/** What a conformance test needs from the implementation under test. */
export interface RepositoryUnderTest {
  /** A fresh, empty repository. */
  readonly repository: AgreementRepository;
  /** Called after the test (close connections, drop the schema …). */
  readonly cleanup?: () => Promise<void> | void;
}

const KEY: DocumentKey = { brand: '600123', kind: 'CUSTOM_TERMS', channel: 'ANY', locale: 'tr' };
const OTHER: DocumentKey = { brand: '600123', kind: 'KVKK_AYDINLATMA', channel: 'MESAJ', locale: 'en' };
const T0 = Date.parse('2025-01-01T09:00:00.000Z');

function draft(
  document: DocumentKey,
  text: string,
  revision: number,
  extra: Partial<AgreementVersion> = {},
): AgreementVersion {
  const canonical = text.endsWith('\n') ? text : `${text}\n`;
  return {
    id: contentHash(canonical),
    document,
    revision,
    text: canonical,
    status: 'draft',
    material: revision % 2 === 1,
    changeNote: `note ${revision}`,
    author: 'author@example.com',
    createdAt: new Date(T0 + revision * 1000),
    ...extra,
  };
}

function published(document: DocumentKey, text: string, revision: number): AgreementVersion {
  return draft(document, text, revision, {
    status: 'published',
    publishedAt: new Date(T0 + 5000),
    publishedBy: 'legal',
    effectiveFrom: new Date(T0 + 6000),
  });
}

function acceptance(subject: string, document: DocumentKey, versionId: string, i: number): AcceptanceInput {
  return {
    subject,
    document,
    versionId,
    renderedHash: contentHash(`rendered ${i}`),
    decision: i % 3 === 0 ? 'RET' : 'ONAY',
    at: new Date(T0 + i * 60_000),
    ...(i % 2 === 0 ? { evidenceId: `ev-${i}` } : {}),
  };
}

/** A deep copy without `seq` keys: ledger sequence numbers only need to increase, not match. */
function withoutSeq(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSeq);
  if (value instanceof Date || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== 'seq')
      .map(([k, v]) => [k, withoutSeq(v)]),
  );
}

/**
 * Registers the `AgreementRepository` contract as vitest tests. `make` is called once per test and
 * must return a fresh, empty repository.
 *
 * @param name - shown in the test names
 * @param make - builds the repository under test
 * @param options - `runs`: fast-check runs for the differential property (default 25)
 */
export function agreementRepositoryConformance(
  name: string,
  make: () => Promise<RepositoryUnderTest> | RepositoryUnderTest,
  options: { readonly runs?: number } = {},
): void {
  const withRepo = async (fn: (repository: AgreementRepository) => Promise<void>): Promise<void> => {
    const under = await make();
    try {
      await fn(under.repository);
    } finally {
      await under.cleanup?.();
    }
  };

  describe(`AgreementRepository conformance: ${name}`, () => {
    it('loads an unknown document as sequence 0 with no versions', () =>
      withRepo(async (repo) => {
        expect(await repo.loadDocument(KEY)).toStrictEqual({ sequence: 0, versions: [] });
        expect(await repo.listDocuments()).toStrictEqual([]);
      }));

    it('round-trips versions field for field, sorted by revision, without aliasing', () =>
      withRepo(async (repo) => {
        const v2 = draft(KEY, 'second', 2);
        const v1 = published(KEY, 'first', 1);
        const full: AgreementVersion = {
          ...draft(KEY, 'third', 3),
          status: 'retired',
          publishedAt: new Date(T0 + 1),
          publishedBy: 'p',
          effectiveFrom: new Date(T0 + 2),
          retiredAt: new Date(T0 + 3),
          retiredBy: 'r',
          retireReason: 'superseded',
          supersededBy: v1.id,
          retireNote: 'çünkü — because',
        };
        const r = await repo.commit(KEY, 0, [
          { type: 'put', version: v2 },
          { type: 'put', version: full },
          { type: 'put', version: v1 },
        ]);
        expect(r).toStrictEqual({ ok: true, sequence: 1 });
        const snap = await repo.loadDocument(KEY);
        expect(snap.sequence).toBe(1);
        expect(snap.versions).toStrictEqual([v1, v2, full]);
        // Mutating what was returned or what was put changes nothing stored.
        (snap.versions[0] as { changeNote: string }).changeNote = 'mutated';
        (v2 as { changeNote: string }).changeNote = 'mutated too';
        const again = await repo.loadDocument(KEY);
        expect(again.versions[0]!.changeNote).toBe('note 1');
        expect(again.versions[1]!.changeNote).toBe('note 2');
      }));

    it('refuses a commit at a stale sequence and changes nothing', () =>
      withRepo(async (repo) => {
        const a = draft(KEY, 'a', 1);
        expect((await repo.commit(KEY, 0, [{ type: 'put', version: a }])).ok).toBe(true);
        const stale = await repo.commit(KEY, 0, [{ type: 'put', version: draft(KEY, 'b', 2) }]);
        expect(stale).toStrictEqual({ ok: false, reason: 'CONFLICT', sequence: 1 });
        const ahead = await repo.commit(KEY, 5, [{ type: 'delete', id: a.id }]);
        expect(ahead).toStrictEqual({ ok: false, reason: 'CONFLICT', sequence: 1 });
        expect((await repo.loadDocument(KEY)).versions).toStrictEqual([a]);
      }));

    it('lets exactly one of two racing commits win', () =>
      withRepo(async (repo) => {
        const results = await Promise.all([
          repo.commit(KEY, 0, [{ type: 'put', version: draft(KEY, 'racer one', 1) }]),
          repo.commit(KEY, 0, [{ type: 'put', version: draft(KEY, 'racer two', 1) }]),
          repo.commit(KEY, 0, [{ type: 'put', version: draft(KEY, 'racer three', 1) }]),
        ]);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        const snap = await repo.loadDocument(KEY);
        expect(snap.sequence).toBe(1);
        expect(snap.versions).toHaveLength(1);
      }));

    it('applies puts as insert-or-replace and deletes, atomically, and keeps counting', () =>
      withRepo(async (repo) => {
        const a = draft(KEY, 'a', 1);
        const b = draft(KEY, 'b', 2);
        await repo.commit(KEY, 0, [
          { type: 'put', version: a },
          { type: 'put', version: b },
        ]);
        const a2: AgreementVersion = {
          ...a,
          status: 'published',
          publishedAt: new Date(T0),
          publishedBy: 'x',
          effectiveFrom: new Date(T0),
        };
        expect(
          await repo.commit(KEY, 1, [
            { type: 'put', version: a2 },
            { type: 'delete', id: b.id },
          ]),
        ).toStrictEqual({ ok: true, sequence: 2 });
        expect((await repo.loadDocument(KEY)).versions).toStrictEqual([a2]);
        // Emptying a document keeps its sequence (no ABA) and drops it from listDocuments.
        const c = draft(OTHER, 'c', 1);
        await repo.commit(OTHER, 0, [{ type: 'put', version: c }]);
        expect(await repo.commit(OTHER, 1, [{ type: 'delete', id: c.id }])).toStrictEqual({
          ok: true,
          sequence: 2,
        });
        expect(await repo.loadDocument(OTHER)).toStrictEqual({ sequence: 2, versions: [] });
        expect(await repo.listDocuments()).toStrictEqual([KEY]);
      }));

    it('throws on a change for another document', () =>
      withRepo(async (repo) => {
        await expect(repo.commit(KEY, 0, [{ type: 'put', version: draft(OTHER, 'x', 1) }])).rejects.toThrow();
        expect(await repo.loadDocument(KEY)).toStrictEqual({ sequence: 0, versions: [] });
      }));

    it('finds versions by id across documents, and lists and filters documents in key order', () =>
      withRepo(async (repo) => {
        const keys: DocumentKey[] = [
          { brand: 'b', kind: 'ETK_CONSENT', channel: 'MESAJ', locale: 'tr' },
          { brand: 'a', kind: 'KVKK_ACIK_RIZA', channel: 'ANY', locale: 'en' },
          { brand: 'a', kind: 'ETK_CONSENT', channel: 'EPOSTA', locale: 'tr' },
          { brand: 'a', kind: 'ETK_CONSENT', channel: 'ARAMA', locale: 'tr' },
        ];
        for (const k of keys) {
          await repo.commit(k, 0, [
            { type: 'put', version: draft(k, 'shared text', 1) },
            { type: 'put', version: draft(k, `own ${documentKeyString(k)}`, 2) },
          ]);
        }
        const sorted = [...keys].sort((x, y) => (documentKeyString(x) < documentKeyString(y) ? -1 : 1));
        expect(await repo.listDocuments()).toStrictEqual(sorted);
        expect(await repo.listDocuments({ brand: 'a', kind: 'ETK_CONSENT' })).toStrictEqual([
          sorted[0],
          sorted[1],
        ]);
        expect(await repo.listDocuments({ channel: 'ANY', locale: 'en' })).toStrictEqual([sorted[2]]);
        expect(await repo.listDocuments({ brand: 'zzz' })).toStrictEqual([]);
        const shared = await repo.findVersionsById(contentHash('shared text\n'));
        expect(shared.map((v) => v.document)).toStrictEqual(sorted);
        expect(await repo.findVersionsById(contentHash('nowhere\n'))).toStrictEqual([]);
      }));

    it('appends acceptances with increasing seq and filters, pages and round-trips them', () =>
      withRepo(async (repo) => {
        const v = contentHash('v\n');
        const w = contentHash('w\n');
        const recorded = [];
        for (let i = 0; i < 12; i++) {
          const input = acceptance(i % 2 ? 'subj_a' : 'subj_b', i < 8 ? KEY : OTHER, i % 4 ? v : w, i);
          const r = await repo.appendAcceptance(input, new Date(T0 + 10_000 + i));
          expect(r).toStrictEqual({ ...input, seq: r.seq, recordedAt: new Date(T0 + 10_000 + i) });
          recorded.push(r);
        }
        for (let i = 1; i < recorded.length; i++)
          expect(recorded[i]!.seq).toBeGreaterThan(recorded[i - 1]!.seq);
        expect(await repo.listAcceptances({})).toStrictEqual(recorded);
        expect(await repo.listAcceptances({ subject: 'subj_a' })).toStrictEqual(
          recorded.filter((r) => r.subject === 'subj_a'),
        );
        const filtered = await repo.listAcceptances({ document: OTHER, versionId: v, decision: 'ONAY' });
        expect(filtered.length).toBeGreaterThan(0);
        expect(filtered).toStrictEqual(
          recorded.filter(
            (r) =>
              documentKeyString(r.document) === documentKeyString(OTHER) &&
              r.versionId === v &&
              r.decision === 'ONAY',
          ),
        );
        const page1 = await repo.listAcceptances({ limit: 5 });
        const page2 = await repo.listAcceptances({ limit: 5, afterSeq: page1[4]!.seq });
        const page3 = await repo.listAcceptances({ limit: 5, afterSeq: page2[4]!.seq });
        expect([...page1, ...page2, ...page3]).toStrictEqual(recorded);
        expect(page3).toHaveLength(2);
        // A returned record is a copy.
        (page1[0] as { subject: string }).subject = 'changed';
        expect((await repo.listAcceptances({ limit: 1 }))[0]!.subject).toBe(recorded[0]!.subject);
      }));

    it('keeps the lifecycle invariants under racing services', () =>
      withRepo(async (repo) => {
        const t = new Date(T0);
        const services = [0, 1, 2].map(
          (i) =>
            new AgreementService({
              repository: repo,
              clock: () => new Date(t.getTime() + i),
              maxAttempts: 10,
            }),
        );
        const drafts = await Promise.all(
          services.map((s, i) =>
            s.createDraft({
              document: KEY,
              text: `Metin ${i}`,
              author: `a${i}`,
              changeNote: 'yarış',
              material: true,
            }),
          ),
        );
        expect(drafts.every((d) => d.ok)).toBe(true);
        const ids = drafts.map((d) => orThrow(d).id);
        const pubs = await Promise.all(services.map((s, i) => s.publish(KEY, { id: ids[i]!, by: `p${i}` })));
        expect(pubs.filter((p) => p.ok).length).toBeGreaterThanOrEqual(1);
        const { versions } = await repo.loadDocument(KEY);
        expect(checkHistoryInvariants(KEY, versions)).toStrictEqual([]);
        expect(versions.filter((v) => v.status === 'published')).toHaveLength(1);
        expect(new Set(versions.map((v) => v.revision)).size).toBe(3);
      }));

    it('behaves exactly like the in-memory reference under random service operations', async () => {
      type Op =
        | { op: 'draft'; text: number; material: boolean }
        | { op: 'publish'; pick: number; delayMin: number }
        | { op: 'retire'; pick: number }
        | { op: 'discard'; pick: number }
        | { op: 'tick'; minutes: number }
        | { op: 'accept'; pick: number; subject: number; refuse: boolean };
      const opArb: fc.Arbitrary<Op> = fc.oneof(
        fc.record({ op: fc.constant('draft' as const), text: fc.nat(5), material: fc.boolean() }),
        fc.record({
          op: fc.constant('publish' as const),
          pick: fc.nat(9),
          delayMin: fc.constantFrom(0, 0, 5, 60),
        }),
        fc.record({ op: fc.constant('retire' as const), pick: fc.nat(9) }),
        fc.record({ op: fc.constant('discard' as const), pick: fc.nat(9) }),
        fc.record({ op: fc.constant('tick' as const), minutes: fc.integer({ min: 1, max: 90 }) }),
        fc.record({
          op: fc.constant('accept' as const),
          pick: fc.nat(9),
          subject: fc.nat(2),
          refuse: fc.boolean(),
        }),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(opArb, { maxLength: 25 }), async (ops) => {
          const under = await make();
          try {
            let now = T0;
            const clock = (): Date => new Date(now);
            const a = new AgreementService({ repository: under.repository, clock });
            const b = new AgreementService({ repository: new InMemoryAgreementRepository(), clock });
            const step = async (s: AgreementService, o: Op): Promise<unknown> => {
              const h = await s.history(KEY);
              const id =
                h.versions[('pick' in o ? o.pick : 0) % Math.max(1, h.versions.length)]?.id ??
                contentHash('none');
              switch (o.op) {
                case 'draft':
                  return s.createDraft({
                    document: KEY,
                    text: `Sürüm metni ${o.text}`,
                    author: 'a',
                    changeNote: 'n',
                    material: o.material,
                  });
                case 'publish':
                  return s.publish(KEY, { id, by: 'p', effectiveFrom: new Date(now + o.delayMin * 60_000) });
                case 'retire':
                  return s.retire(KEY, { id, by: 'r' });
                case 'discard':
                  return s.discardDraft(KEY, id);
                case 'accept':
                  return s.recordAcceptance({
                    subject: `subj_${o.subject}`,
                    document: KEY,
                    versionId: id,
                    renderedHash: contentHash(id),
                    decision: o.refuse ? 'RET' : 'ONAY',
                    at: clock(),
                  });
                case 'tick':
                  return undefined;
              }
            };
            for (const o of ops) {
              if (o.op === 'tick') now += o.minutes * 60_000;
              const ra = await step(a, o);
              const rb = await step(b, o);
              expect(withoutSeq(ra)).toStrictEqual(withoutSeq(rb));
            }
            const [ha, hb] = [await a.history(KEY), await b.history(KEY)];
            expect(ha.versions).toStrictEqual(hb.versions);
            expect(checkHistoryInvariants(KEY, ha.versions)).toStrictEqual([]);
            for (const s of [0, 1, 2]) {
              expect(withoutSeq(await a.reconsentStatus(`subj_${s}`, KEY))).toStrictEqual(
                withoutSeq(await b.reconsentStatus(`subj_${s}`, KEY)),
              );
            }
            expect(withoutSeq(await a.acceptances({}))).toStrictEqual(withoutSeq(await b.acceptances({})));
          } finally {
            await under.cleanup?.();
          }
        }),
        { numRuns: options.runs ?? 25 },
      );
    });
  });
}
