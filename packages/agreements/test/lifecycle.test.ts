import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  AgreementHistory,
  AgreementService,
  type AgreementVersion,
  checkHistoryInvariants,
  contentHash,
  type DocumentKey,
  InMemoryAgreementRepository,
  needsReconsent,
  orThrow,
  planCreateDraft,
  planPublish,
  reconsentCheck,
  versionAt,
} from '../src/index.js';

const KEY: DocumentKey = { brand: '600123', kind: 'KVKK_AYDINLATMA', channel: 'ANY', locale: 'tr' };
const JAN = new Date('2025-01-01T09:00:00.000Z');
const minutes = (d: Date, m: number): Date => new Date(d.getTime() + m * 60_000);

let now: Date;
let service: AgreementService;
beforeEach(() => {
  now = JAN;
  service = new AgreementService({ repository: new InMemoryAgreementRepository(), clock: () => now });
});

async function draft(text: string, material = true): Promise<AgreementVersion> {
  return orThrow(
    await service.createDraft({ document: KEY, text, author: 'ayse', changeNote: `not: ${text}`, material }),
  );
}

describe('drafts', () => {
  it('are content-addressed and numbered', async () => {
    const a = await draft('Birinci metin\r\n');
    expect(a).toMatchObject({
      id: contentHash('Birinci metin'),
      revision: 1,
      status: 'draft',
      text: 'Birinci metin\n',
    });
    expect(a.createdAt).toEqual(JAN);
    const b = await draft('İkinci metin');
    expect(b.revision).toBe(2);
  });

  it('refuse the same canonical text twice in a document, but not across documents', async () => {
    await draft('Aynı metin');
    const again = await service.createDraft({
      document: KEY,
      text: 'Aynı metin  \n\n',
      author: 'x',
      changeNote: '',
      material: false,
    });
    expect(again.ok || [again.error.code, again.error.versionId]).toEqual([
      'DUPLICATE_VERSION',
      contentHash('Aynı metin'),
    ]);
    const other = await service.createDraft({
      document: { ...KEY, locale: 'en' },
      text: 'Aynı metin',
      author: 'x',
      changeNote: '',
      material: true,
    });
    expect(other.ok).toBe(true);
  });

  it('validate their input', async () => {
    const bad = await service.createDraft({
      document: { ...KEY, brand: 'a b' },
      text: 'x',
      author: '',
      changeNote: '',
      material: true,
    });
    expect(bad.ok || bad.error.code).toBe('INVALID_INPUT');
    if (!bad.ok) expect(bad.error.issues?.map((i) => i.path.join('.'))).toContain('document.brand');
    const noMaterial = planCreateDraft(
      [],
      { document: KEY, text: 'x', author: 'a', changeNote: '' } as never,
      JAN,
    );
    expect(noMaterial.ok || noMaterial.error.issues?.[0]?.path).toEqual(['material']);
    const badTemplate = await service.createDraft({
      document: KEY,
      text: '{{x}}',
      author: 'a',
      changeNote: '',
      material: true,
    });
    expect(badTemplate.ok || badTemplate.error.code).toBe('TEMPLATE_VARIABLE');
  });

  it('can be discarded, and only drafts can', async () => {
    const a = await draft('Silinecek');
    const b = await draft('Yayımlanacak');
    orThrow(await service.publish(KEY, { id: b.id, by: 'hukuk' }));
    expect((await service.discardDraft(KEY, a.id)).ok).toBe(true);
    const notDraft = await service.discardDraft(KEY, b.id);
    expect(notDraft.ok || notDraft.error.code).toBe('NOT_A_DRAFT');
    const gone = await service.discardDraft(KEY, a.id);
    expect(gone.ok || gone.error.code).toBe('VERSION_NOT_FOUND');
    expect((await service.history(KEY)).versions.map((v) => v.id)).toEqual([b.id]);
  });
});

describe('publication', () => {
  it('puts exactly one version in force at any instant, with half-open intervals', async () => {
    const v1 = await draft('Sürüm 1');
    orThrow(await service.publish(KEY, { id: v1.id, by: 'hukuk' }));
    now = minutes(JAN, 60);
    const v2 = await draft('Sürüm 2');
    const eff2 = minutes(JAN, 24 * 60);
    const p2 = orThrow(await service.publish(KEY, { id: v2.id, by: 'hukuk', effectiveFrom: eff2 }));
    expect(p2).toMatchObject({
      status: 'published',
      publishedBy: 'hukuk',
      effectiveFrom: eff2,
      publishedAt: now,
    });

    const h = await service.history(KEY);
    expect(h.get(v1.id)).toMatchObject({
      status: 'retired',
      retiredAt: eff2,
      retireReason: 'superseded',
      supersededBy: v2.id,
    });
    expect(h.published()?.id).toBe(v2.id);
    expect(h.versionAt(minutes(JAN, -1))).toBeUndefined();
    expect(h.versionAt(JAN)?.id).toBe(v1.id);
    expect(h.versionAt(new Date(eff2.getTime() - 1))?.id).toBe(v1.id);
    expect(h.versionAt(eff2)?.id).toBe(v2.id);
    expect(h.timeline()).toEqual([
      { versionId: v1.id, from: JAN, until: eff2 },
      { versionId: v2.id, from: eff2 },
    ]);
    expect(checkHistoryInvariants(KEY, h.versions)).toEqual([]);
  });

  it('refuses effective dates in the past or before the current publication', async () => {
    const v1 = await draft('Sürüm 1');
    orThrow(await service.publish(KEY, { id: v1.id, by: 'hukuk', effectiveFrom: minutes(JAN, 120) }));
    const v2 = await draft('Sürüm 2');
    const past = await service.publish(KEY, { id: v2.id, by: 'hukuk', effectiveFrom: minutes(JAN, -1) });
    expect(past.ok || past.error.code).toBe('EFFECTIVE_IN_PAST');
    const before = await service.publish(KEY, { id: v2.id, by: 'hukuk', effectiveFrom: minutes(JAN, 60) });
    expect(before.ok || before.error.code).toBe('EFFECTIVE_BEFORE_CURRENT');
    const twice = await service.publish(KEY, { id: v1.id, by: 'hukuk' });
    expect(twice.ok || twice.error.code).toBe('NOT_A_DRAFT');
    const missing = await service.publish(KEY, { id: contentHash('yok'), by: 'hukuk' });
    expect(missing.ok || missing.error.code).toBe('VERSION_NOT_FOUND');
    const noActor = await service.publish(KEY, { id: v2.id, by: ' ' });
    expect(noActor.ok || noActor.error.code).toBe('INVALID_INPUT');
  });

  it('lets a publication replace a scheduled one before it ever applies', async () => {
    const v1 = await draft('Sürüm 1');
    orThrow(await service.publish(KEY, { id: v1.id, by: 'hukuk' }));
    const eff = minutes(JAN, 600);
    const v2 = await draft('Sürüm 2 (hatalı)');
    orThrow(await service.publish(KEY, { id: v2.id, by: 'hukuk', effectiveFrom: eff }));
    const v3 = await draft('Sürüm 2 (düzeltilmiş)');
    orThrow(await service.publish(KEY, { id: v3.id, by: 'hukuk', effectiveFrom: eff }));
    const h = await service.history(KEY);
    expect(h.timeline().map((e) => e.versionId)).toEqual([v1.id, v3.id]);
    expect(h.versionAt(eff)?.id).toBe(v3.id);
    expect(h.get(v2.id)).toMatchObject({ status: 'retired', retiredAt: eff, effectiveFrom: eff });
    expect(checkHistoryInvariants(KEY, h.versions)).toEqual([]);
  });

  it('blocks error findings unless acknowledged, for the legal kinds', async () => {
    const etk: DocumentKey = { ...KEY, kind: 'ETK_CONSENT', channel: 'MESAJ' };
    const d = orThrow(
      await service.createDraft({
        document: etk,
        text: '{{brandName}} kampanya',
        author: 'a',
        changeNote: '',
        material: true,
      }),
    );
    const blocked = await service.publish(etk, { id: d.id, by: 'hukuk' });
    expect(blocked.ok).toBe(false);
    if (!blocked.ok) {
      expect(blocked.error.code).toBe('RULE_FINDINGS');
      expect(blocked.error.findings?.map((f) => f.code)).toEqual([
        'ETK_SENDER_IDENTITY_MISSING',
        'ETK_RET_ROUTE_MISSING',
      ]);
    }
    const half = await service.publish(etk, {
      id: d.id,
      by: 'hukuk',
      acknowledgeFindings: ['ETK_RET_ROUTE_MISSING'],
    });
    expect(half.ok || half.error.findings?.map((f) => f.code)).toEqual(['ETK_SENDER_IDENTITY_MISSING']);
    const ok = await service.publish(etk, {
      id: d.id,
      by: 'hukuk',
      acknowledgeFindings: ['ETK_RET_ROUTE_MISSING', 'ETK_SENDER_IDENTITY_MISSING'],
    });
    expect(ok.ok).toBe(true);
  });
});

describe('withdrawal', () => {
  it('ends the version in force now, leaving nothing in force', async () => {
    const v1 = await draft('Sürüm 1');
    orThrow(await service.publish(KEY, { id: v1.id, by: 'hukuk' }));
    now = minutes(JAN, 30);
    const r = orThrow(await service.retire(KEY, { id: v1.id, by: 'hukuk', note: 'Kanal kapandı' }));
    expect(r).toMatchObject({
      status: 'retired',
      retiredAt: now,
      retireReason: 'withdrawn',
      retireNote: 'Kanal kapandı',
    });
    expect(await service.versionAt(KEY, minutes(JAN, 29))).toMatchObject({ id: v1.id });
    expect(await service.versionAt(KEY, now)).toBeUndefined();
    const again = await service.retire(KEY, { id: v1.id, by: 'hukuk' });
    expect(again.ok || again.error.code).toBe('NOT_PUBLISHED');
    // A new publication brings the document back.
    const v2 = await draft('Sürüm 2');
    orThrow(await service.publish(KEY, { id: v2.id, by: 'hukuk' }));
    expect((await service.versionAt(KEY))?.id).toBe(v2.id);
    expect(checkHistoryInvariants(KEY, (await service.history(KEY)).versions)).toEqual([]);
  });

  it('is refused for drafts and for publications not yet in force', async () => {
    const v1 = await draft('Sürüm 1');
    const d = await service.retire(KEY, { id: v1.id, by: 'hukuk' });
    expect(d.ok || d.error.code).toBe('NOT_PUBLISHED');
    orThrow(await service.publish(KEY, { id: v1.id, by: 'hukuk', effectiveFrom: minutes(JAN, 10) }));
    const early = await service.retire(KEY, { id: v1.id, by: 'hukuk' });
    expect(early.ok || early.error.code).toBe('NOT_YET_IN_FORCE');
  });
});

describe('re-consent', () => {
  async function chain(materials: boolean[]): Promise<AgreementVersion[]> {
    const out: AgreementVersion[] = [];
    for (const [i, m] of materials.entries()) {
      now = minutes(JAN, i * 10);
      const v = await draft(`Sürüm ${i + 1}`, m);
      out.push(orThrow(await service.publish(KEY, { id: v.id, by: 'hukuk' })));
    }
    now = minutes(JAN, materials.length * 10);
    return out;
  }

  it('invalidates grants after a material change, but not after non-material ones', async () => {
    const [v1, v2, v3, v4] = await chain([true, false, true, false]);
    const { versions } = await service.history(KEY);
    expect(needsReconsent(versions, v4!.id, now)).toBe(false);
    expect(needsReconsent(versions, v3!.id, now)).toBe(false); // v4 is not material
    expect(needsReconsent(versions, v2!.id, now)).toBe(true); // v3 is material
    expect(reconsentCheck(versions, { versionId: v1!.id, decision: 'ONAY' }, now)).toEqual({
      needed: true,
      reason: 'MATERIAL_CHANGE',
      inForce: v4!.id,
      materialVersions: [v3!.id],
    });
    // At an earlier instant, v2 was in force: v1's grant stood (v2 is not material).
    expect(reconsentCheck(versions, { versionId: v1!.id, decision: 'ONAY' }, minutes(JAN, 15))).toEqual({
      needed: false,
      reason: 'NON_MATERIAL_CHANGES',
      inForce: v2!.id,
    });
  });

  it('never invalidates a refusal', async () => {
    const [v1] = await chain([true, true, true]);
    const { versions } = await service.history(KEY);
    expect(reconsentCheck(versions, { versionId: v1!.id, decision: 'RET' }, now)).toEqual({
      needed: false,
      reason: 'REFUSAL_STANDS',
    });
    fc.assert(
      fc.property(fc.string(), fc.date({ noInvalidDate: true }), (id, at) => {
        expect(reconsentCheck(versions, { versionId: id, decision: 'RET' }, at).needed).toBe(false);
      }),
    );
  });

  it('asks again for unknown or never-published versions, and not when nothing is in force', async () => {
    const [v1] = await chain([true]);
    const d = await draft('Taslak');
    const { versions } = await service.history(KEY);
    expect(reconsentCheck(versions, { versionId: 'nope', decision: 'ONAY' }, now).reason).toBe(
      'UNKNOWN_VERSION',
    );
    expect(reconsentCheck(versions, { versionId: d.id, decision: 'ONAY' }, now).reason).toBe(
      'NEVER_PUBLISHED',
    );
    expect(reconsentCheck(versions, { versionId: v1!.id, decision: 'ONAY' }, minutes(JAN, -5)).reason).toBe(
      'NOTHING_IN_FORCE',
    );
  });

  it('counts a material version that was replaced before taking effect (conservative)', async () => {
    const [v1] = await chain([true]);
    const eff = minutes(now, 100);
    const m = await draft('Önemli değişiklik', true);
    orThrow(await service.publish(KEY, { id: m.id, by: 'hukuk', effectiveFrom: eff }));
    const n = await draft('Küçük düzeltme', false);
    orThrow(await service.publish(KEY, { id: n.id, by: 'hukuk', effectiveFrom: eff }));
    const h = await service.history(KEY);
    expect(h.reconsentCheck({ versionId: v1!.id, decision: 'ONAY' }, eff)).toMatchObject({
      needed: true,
      materialVersions: [m.id],
    });
    expect(h.needsReconsent(v1!.id, minutes(eff, -1))).toBe(false);
  });

  it('does not ask someone who accepted a newer scheduled version', async () => {
    const [v1] = await chain([true]);
    const v2 = await draft('Gelecek sürüm');
    orThrow(await service.publish(KEY, { id: v2.id, by: 'hukuk', effectiveFrom: minutes(now, 60) }));
    const h = await service.history(KEY);
    expect(h.reconsentCheck({ versionId: v2.id, decision: 'ONAY' }, now)).toEqual({
      needed: false,
      reason: 'ACCEPTED_NEWER',
      inForce: v1!.id,
    });
  });
});

describe('invariants', () => {
  it('checkHistoryInvariants catches broken histories', () => {
    const base: AgreementVersion = {
      id: contentHash('a'),
      document: KEY,
      revision: 1,
      text: 'a\n',
      status: 'published',
      material: true,
      changeNote: '',
      author: 'x',
      createdAt: JAN,
      publishedAt: JAN,
      effectiveFrom: JAN,
    };
    const second: AgreementVersion = { ...base, id: contentHash('b'), text: 'b\n', revision: 2 };
    expect(checkHistoryInvariants(KEY, [base])).toEqual([]);
    expect(checkHistoryInvariants(KEY, [base, second]).join('\n')).toMatch(
      /2 versions are published[\s\S]*overlap/,
    );
    expect(checkHistoryInvariants(KEY, [{ ...base, text: 'tampered\n' }])[0]).toMatch(/content hash/);
    expect(checkHistoryInvariants(KEY, [{ ...base, document: { ...KEY, locale: 'en' } }])[0]).toMatch(
      /belongs to/,
    );
    expect(
      checkHistoryInvariants(KEY, [
        base,
        {
          ...second,
          revision: 1,
          status: 'draft',
          publishedAt: undefined,
          effectiveFrom: undefined,
        } as never,
      ]).join(),
    ).toMatch(/revision/);
    expect(checkHistoryInvariants(KEY, [{ ...base, status: 'retired' }])[0]).toMatch(/retired without/);
  });

  it('the history class sorts by revision and lists drafts and publications', async () => {
    const a = await draft('A');
    const b = await draft('B');
    orThrow(await service.publish(KEY, { id: b.id, by: 'hukuk' }));
    const h = new AgreementHistory(KEY, [...(await service.history(KEY)).versions].reverse());
    expect(h.versions.map((v) => v.id)).toEqual([a.id, b.id]);
    expect(h.drafts().map((v) => v.id)).toEqual([a.id]);
    expect(h.publications().map((v) => v.id)).toEqual([b.id]);
  });
});

describe('model-based: versionAt against a reference model', () => {
  type Op =
    | { op: 'draft'; text: number }
    | { op: 'publish'; pick: number; delay: number }
    | { op: 'retire'; pick: number }
    | { op: 'tick'; by: number };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ op: fc.constant('draft' as const), text: fc.nat(7) }),
    fc.record({
      op: fc.constant('publish' as const),
      pick: fc.nat(20),
      delay: fc.constantFrom(0, 0, 1, 30, 90),
    }),
    fc.record({ op: fc.constant('retire' as const), pick: fc.nat(20) }),
    fc.record({ op: fc.constant('tick' as const), by: fc.integer({ min: 1, max: 60 }) }),
  );

  it('agrees with "the last assignment at or before t wins" for every command sequence', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { maxLength: 30 }),
        fc.array(fc.integer({ min: -10, max: 400 }), { minLength: 10, maxLength: 10 }),
        async (ops, probes) => {
          let t = JAN.getTime();
          const s = new AgreementService({
            repository: new InMemoryAgreementRepository(),
            clock: () => new Date(t),
          });
          // Reference model: the list of (from, id | null) assignments, applied in order.
          const assignments: { from: number; id: string | null }[] = [];
          const drafts = new Set<string>();
          let published: { id: string; from: number } | undefined;
          for (const o of ops) {
            const { versions } = await s.history(KEY);
            const pick = versions.length
              ? versions[('pick' in o ? o.pick : 0) % versions.length]!.id
              : 'none';
            if (o.op === 'tick') t += o.by * 60_000;
            else if (o.op === 'draft') {
              const r = await s.createDraft({
                document: KEY,
                text: `Metin ${o.text}`,
                author: 'a',
                changeNote: '',
                material: true,
              });
              expect(r.ok).toBe(!versions.some((v) => v.id === contentHash(`Metin ${o.text}`)));
              if (r.ok) drafts.add(r.value.id);
            } else if (o.op === 'publish') {
              const from = t + o.delay * 60_000;
              const r = await s.publish(KEY, { id: pick, by: 'p', effectiveFrom: new Date(from) });
              const expectOk = drafts.has(pick) && (published === undefined || from >= published.from);
              expect(r.ok).toBe(expectOk);
              if (r.ok) {
                drafts.delete(pick);
                assignments.push({ from, id: pick });
                published = { id: pick, from };
              }
            } else {
              const r = await s.retire(KEY, { id: pick, by: 'r' });
              const expectOk = published?.id === pick && published.from <= t;
              expect(r.ok).toBe(expectOk);
              if (r.ok) {
                assignments.push({ from: t, id: null });
                published = undefined;
              }
            }
            const h = await s.history(KEY);
            expect(checkHistoryInvariants(KEY, h.versions)).toEqual([]);
          }
          const { versions } = await s.history(KEY);
          for (const p of probes) {
            const at = JAN.getTime() + p * 60_000;
            let expected: string | null = null;
            for (const a of assignments) if (a.from <= at) expected = a.id;
            expect(versionAt(versions, new Date(at))?.id ?? null).toBe(expected);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('pure planners', () => {
  it('do not read the clock: the same input gives the same plan', () => {
    const input = { document: KEY, text: 'Metin', author: 'a', changeNote: 'n', material: true };
    const a = planCreateDraft([], input, JAN);
    const b = planCreateDraft([], input, JAN);
    expect(a).toEqual(b);
    const d = orThrow(a).version;
    expect(planPublish([d], { id: d.id, by: 'p' }, JAN)).toEqual(
      planPublish([d], { id: d.id, by: 'p' }, JAN),
    );
    expect(orThrow(planPublish([d], { id: d.id, by: 'p' }, JAN)).version.effectiveFrom).toEqual(JAN);
  });
});
