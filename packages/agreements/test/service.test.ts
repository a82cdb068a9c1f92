import { describe, expect, it } from 'vitest';
import {
  type AgreementRepository,
  AgreementService,
  AgreementsError,
  contentHash,
  type DocumentKey,
  InMemoryAgreementRepository,
  isIzinkitError,
  orThrow,
  parseTemplate,
  summarizeAcceptances,
} from '../src/index.js';

const JAN = new Date('2025-01-01T09:00:00.000Z');
const ETK: DocumentKey = { brand: '600123', kind: 'ETK_CONSENT', channel: 'MESAJ', locale: 'tr' };
const NOTICE_ANY: DocumentKey = { brand: '600123', kind: 'KVKK_AYDINLATMA', channel: 'ANY', locale: 'tr' };
const ETK_TEXT =
  '{{brandName}} (MERSİS {{mersis}}) kampanya, indirim ve duyurularını SMS ile {{recipientAddress}} numarasına gönderebilir.\n' +
  'Dilediğiniz zaman {{retInstructions}}';
const VALUES = {
  brandName: 'Örnek',
  mersis: '0720106477000001',
  recipientAddress: '+905321234567',
  retInstructions: "RET yazıp 3338'e ücretsiz gönderebilirsiniz.",
};

function setup(): { service: AgreementService; setNow: (d: Date) => void } {
  let now = JAN;
  const service = new AgreementService({ repository: new InMemoryAgreementRepository(), clock: () => now });
  return { service, setNow: (d) => (now = d) };
}

async function publish(
  service: AgreementService,
  key: DocumentKey,
  text: string,
  material = true,
  effectiveFrom?: Date,
) {
  const d = orThrow(
    await service.createDraft({ document: key, text, author: 'ayse', changeNote: 'n', material }),
  );
  return orThrow(
    await service.publish(
      key,
      effectiveFrom ? { id: d.id, by: 'hukuk', effectiveFrom } : { id: d.id, by: 'hukuk' },
    ),
  );
}

describe('render', () => {
  it('renders the version in force and returns what evidence records', async () => {
    const { service } = setup();
    const v = await publish(service, ETK, ETK_TEXT);
    const r = orThrow(await service.render(ETK, VALUES));
    expect(r.versionId).toBe(v.id);
    expect(r.document).toEqual(ETK);
    expect(r.hash).toBe(contentHash(r.text));
    expect(r.text).toBe(
      'Örnek (MERSİS 0720106477000001) kampanya, indirim ve duyurularını SMS ile +905321234567 numarasına gönderebilir.\n' +
        "Dilediğiniz zaman RET yazıp 3338'e ücretsiz gönderebilirsiniz.\n",
    );
  });

  it('falls back from a channel to ANY, and reports when nothing is in force', async () => {
    const { service } = setup();
    const none = await service.render({ ...NOTICE_ANY, channel: 'EPOSTA' }, { brandName: 'Örnek' });
    expect(none.ok || none.error.code).toBe('NO_VERSION_IN_FORCE');
    const any = await publish(service, NOTICE_ANY, '{{brandName}} aydınlatma metni (genel)');
    const viaFallback = orThrow(
      await service.render({ ...NOTICE_ANY, channel: 'EPOSTA' }, { brandName: 'Örnek' }),
    );
    expect(viaFallback.versionId).toBe(any.id);
    expect(viaFallback.document.channel).toBe('ANY');
    const sms = await publish(
      service,
      { ...NOTICE_ANY, channel: 'MESAJ' },
      '{{brandName}} aydınlatma metni (SMS)',
    );
    expect(
      orThrow(await service.render({ ...NOTICE_ANY, channel: 'MESAJ' }, { brandName: 'Örnek' })).versionId,
    ).toBe(sms.id);
    expect((await service.resolve({ ...NOTICE_ANY, channel: 'ARAMA' }))?.id).toBe(any.id);
  });

  it('renders what was in force at a past instant', async () => {
    const { service, setNow } = setup();
    const v1 = await publish(service, NOTICE_ANY, 'Eski {{brandName}}');
    setNow(new Date(JAN.getTime() + 3_600_000));
    await publish(service, NOTICE_ANY, 'Yeni {{brandName}}');
    const past = orThrow(await service.render(NOTICE_ANY, { brandName: 'X' }, { at: JAN }));
    expect([past.versionId, past.text]).toEqual([v1.id, 'Eski X\n']);
  });

  it('validates the document and the values', async () => {
    const { service } = setup();
    await publish(service, ETK, ETK_TEXT);
    const badKey = await service.render({ ...ETK, locale: 'de' as 'tr' }, VALUES);
    expect(badKey.ok || badKey.error.issues?.[0]?.path).toEqual(['document', 'locale']);
    const badValues = await service.render(ETK, { ...VALUES, mersis: undefined });
    expect(badValues.ok || badValues.error.code).toBe('INVALID_VALUES');
  });
});

describe('diff', () => {
  it('diffs two versions of a document and reports missing ones', async () => {
    const { service } = setup();
    const v1 = await publish(service, NOTICE_ANY, 'Başlık\nEski paragraf\nSon');
    const v2 = await publish(service, NOTICE_ANY, 'Başlık\nYeni paragraf\nSon');
    const d = orThrow(await service.diff(NOTICE_ANY, v1.id, v2.id));
    expect(d.stats).toEqual({ inserted: 1, deleted: 1, unchanged: 2 });
    expect(d.unified).toContain('-Eski paragraf\n+Yeni paragraf\n');
    expect(d.unified.split('\n')[0]).toBe(`--- 600123/KVKK_AYDINLATMA/ANY/tr@r1 ${v1.id.slice(0, 12)}`);
    const missing = await service.diff(NOTICE_ANY, v1.id, contentHash('yok'));
    expect(missing.ok || missing.error.versionId).toBe(contentHash('yok'));
  });
});

describe('acceptances and re-consent', () => {
  it('records who accepted which version, and answers who must be asked again', async () => {
    const { service, setNow } = setup();
    await publish(service, ETK, ETK_TEXT);
    const shown = orThrow(await service.render(ETK, VALUES));
    const base = { document: ETK, versionId: shown.versionId, renderedHash: shown.hash, at: JAN };
    const granted = orThrow(
      await service.recordAcceptance({ ...base, subject: 'subj_a', decision: 'ONAY', evidenceId: 'ev-1' }),
    );
    expect(granted).toMatchObject({
      subject: 'subj_a',
      decision: 'ONAY',
      evidenceId: 'ev-1',
      recordedAt: JAN,
    });
    orThrow(await service.recordAcceptance({ ...base, subject: 'subj_b', decision: 'RET' }));

    expect((await service.reconsentStatus('subj_a', ETK)).check.reason).toBe('CURRENT');
    expect((await service.reconsentStatus('subj_c', ETK)).check).toEqual({
      needed: true,
      reason: 'NO_DECISION',
    });

    setNow(new Date(JAN.getTime() + 86_400_000));
    const v2 = await publish(service, ETK, `${ETK_TEXT}\nYeni amaç: ortak kampanyalar.`, true);
    expect(await service.needsReconsent('subj_a', ETK)).toBe(true);
    expect(await service.needsReconsent('subj_b', ETK)).toBe(false); // the refusal stands
    expect((await service.reconsentStatus('subj_b', ETK)).check.reason).toBe('REFUSAL_STANDS');

    // subj_a accepts the new version: asked no more.
    const shown2 = orThrow(await service.render(ETK, VALUES));
    expect(shown2.versionId).toBe(v2.id);
    orThrow(
      await service.recordAcceptance({
        document: ETK,
        versionId: shown2.versionId,
        renderedHash: shown2.hash,
        at: new Date(JAN.getTime() + 86_400_000),
        subject: 'subj_a',
        decision: 'ONAY',
      }),
    );
    expect(await service.needsReconsent('subj_a', ETK)).toBe(false);

    const who = await service.acceptances({ versionId: shown.versionId, decision: 'ONAY' });
    expect(who.map((r) => r.subject)).toEqual(['subj_a']);
    expect(summarizeAcceptances(await service.acceptances({ document: ETK }))).toEqual([
      { versionId: shown.versionId, granted: 1, refused: 1, subjects: 2 },
      { versionId: v2.id, granted: 1, refused: 0, subjects: 1 },
    ]);
  });

  it('uses the latest decision by when it was made, ignoring decisions after now', async () => {
    const { service } = setup();
    const v = await publish(service, ETK, ETK_TEXT);
    const base = { document: ETK, versionId: v.id, renderedHash: contentHash('x'), subject: 'subj_a' };
    orThrow(await service.recordAcceptance({ ...base, decision: 'RET', at: new Date(JAN.getTime() + 2000) }));
    orThrow(
      await service.recordAcceptance({ ...base, decision: 'ONAY', at: new Date(JAN.getTime() + 1000) }),
    ); // imported late
    expect(
      (await service.reconsentStatus('subj_a', ETK, new Date(JAN.getTime() + 5000))).latest?.decision,
    ).toBe('RET');
    expect(
      (await service.reconsentStatus('subj_a', ETK, new Date(JAN.getTime() + 1500))).latest?.decision,
    ).toBe('ONAY');
  });

  it('pages through more decisions than one ledger page holds', async () => {
    const { service } = setup();
    const v = await publish(service, ETK, ETK_TEXT);
    const repo = new InMemoryAgreementRepository();
    const spy: AgreementRepository = {
      loadDocument: (k) => repo.loadDocument(k),
      commit: (k, s, c) => repo.commit(k, s, c),
      findVersionsById: (id) => repo.findVersionsById(id),
      listDocuments: (f) => repo.listDocuments(f),
      appendAcceptance: (i, at) => repo.appendAcceptance(i, at),
      // A tiny page size, as a real store might impose.
      listAcceptances: (q) => repo.listAcceptances({ ...q, limit: Math.min(q.limit ?? 2, 2) }),
    };
    const s2 = new AgreementService({ repository: spy, clock: () => JAN });
    await repo.commit(ETK, 0, [{ type: 'put', version: v }]);
    for (let i = 0; i < 5; i++) {
      orThrow(
        await s2.recordAcceptance({
          document: ETK,
          versionId: v.id,
          renderedHash: contentHash('x'),
          subject: 'subj_a',
          decision: i === 4 ? 'RET' : 'ONAY',
          at: new Date(JAN.getTime() + i),
        }),
      );
    }
    expect((await s2.reconsentStatus('subj_a', ETK, new Date(JAN.getTime() + 10))).latest?.decision).toBe(
      'RET',
    );
  });

  it('refuses decisions on drafts, on unknown versions, before a version took effect, and raw identifiers', async () => {
    const { service } = setup();
    const v = await publish(service, ETK, ETK_TEXT, true, new Date(JAN.getTime() + 60_000));
    const d = orThrow(
      await service.createDraft({
        document: ETK,
        text: `${ETK_TEXT}\nTaslak`,
        author: 'a',
        changeNote: '',
        material: true,
      }),
    );
    const base = {
      document: ETK,
      renderedHash: contentHash('x'),
      subject: 'subj_a',
      decision: 'ONAY' as const,
    };
    const early = await service.recordAcceptance({ ...base, versionId: v.id, at: JAN });
    expect(early.ok || early.error.code).toBe('ACCEPTANCE_NOT_IN_FORCE');
    const onDraft = await service.recordAcceptance({
      ...base,
      versionId: d.id,
      at: new Date(JAN.getTime() + 120_000),
    });
    expect(onDraft.ok || onDraft.error.code).toBe('ACCEPTANCE_NOT_IN_FORCE');
    const unknown = await service.recordAcceptance({ ...base, versionId: contentHash('?'), at: JAN });
    expect(unknown.ok || unknown.error.code).toBe('VERSION_NOT_FOUND');
    for (const subject of ['10000000146', '+905321234567', 'ayse@example.com']) {
      const raw = await service.recordAcceptance({
        ...base,
        subject,
        versionId: v.id,
        at: new Date(JAN.getTime() + 120_000),
      });
      expect(raw.ok || raw.error.issues?.[0]?.path).toEqual(['subject']);
    }
    expect(
      (await service.recordAcceptance({ ...base, versionId: v.id, at: new Date(JAN.getTime() + 60_000) })).ok,
    ).toBe(true);
  });
});

describe('concurrency and errors', () => {
  it('gives up with CONFLICT when other writers always win', async () => {
    const inner = new InMemoryAgreementRepository();
    let commits = 0;
    const losing: AgreementRepository = {
      ...bind(inner),
      commit: async (_k, s) => {
        commits++;
        return { ok: false, reason: 'CONFLICT', sequence: s + 1 };
      },
    };
    const service = new AgreementService({ repository: losing, clock: () => JAN, maxAttempts: 3 });
    const r = await service.createDraft({
      document: ETK,
      text: 'x',
      author: 'a',
      changeNote: '',
      material: true,
    });
    expect(r.ok || [r.error.code, r.error.attempts]).toEqual(['CONFLICT', 3]);
    expect(commits).toBe(3);
  });

  it('retries after losing a race once, and plans again on fresh data', async () => {
    const inner = new InMemoryAgreementRepository();
    let first = true;
    const racing: AgreementRepository = {
      ...bind(inner),
      commit: async (k, s, c) => {
        if (first) {
          first = false;
          // Another writer sneaks in a draft with the same text first.
          await inner.commit(k, s, c);
        }
        return inner.commit(k, s, c);
      },
    };
    const service = new AgreementService({ repository: racing, clock: () => JAN });
    const r = await service.createDraft({
      document: ETK,
      text: 'aynı',
      author: 'a',
      changeNote: '',
      material: true,
    });
    expect(r.ok || r.error.code).toBe('DUPLICATE_VERSION');
  });

  it('throws branded errors from orThrow and for repository contract breaks', async () => {
    try {
      orThrow(parseTemplate('{{x'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AgreementsError);
      expect(isIzinkitError(e)).toBe(true);
      expect((e as AgreementsError).code).toBe('TEMPLATE_SYNTAX');
      expect((e as AgreementsError).issue?.line).toBe(1);
    }
    const cause = new Error('root');
    const e = new AgreementsError('m', 'X', { cause });
    expect(e.cause).toBe(cause);
    expect(isIzinkitError(new Error('plain'))).toBe(false);
    expect(isIzinkitError({ code: 'X' })).toBe(false);
    const repo = new InMemoryAgreementRepository();
    const weird: AgreementRepository = {
      ...bind(repo),
      commit: async () => ({ ok: false, reason: 'OTHER' }) as never,
    };
    await expect(
      new AgreementService({ repository: weird }).createDraft({
        document: ETK,
        text: 'x',
        author: 'a',
        changeNote: '',
        material: true,
      }),
    ).rejects.toMatchObject({ code: 'REPOSITORY_CONTRACT' });
  });

  it('detects a ledger that ignores afterSeq instead of looping forever', async () => {
    const repo = new InMemoryAgreementRepository();
    const stuck: AgreementRepository = {
      ...bind(repo),
      listAcceptances: () => repo.listAcceptances({ limit: 1 }),
    };
    const service = new AgreementService({ repository: stuck, clock: () => JAN });
    const v = await publish(service, ETK, ETK_TEXT);
    const base = {
      document: ETK,
      versionId: v.id,
      renderedHash: contentHash('x'),
      subject: 'subj_a',
      at: JAN,
    };
    orThrow(await service.recordAcceptance({ ...base, decision: 'ONAY' }));
    await expect(service.reconsentStatus('subj_a', ETK)).rejects.toMatchObject({
      code: 'REPOSITORY_CONTRACT',
    });
  });

  it('lists documents', async () => {
    const { service } = setup();
    await publish(service, ETK, ETK_TEXT);
    await publish(service, NOTICE_ANY, 'Aydınlatma');
    expect(await service.documents()).toEqual([ETK, NOTICE_ANY]);
    expect(await service.documents({ kind: 'ETK_CONSENT' })).toEqual([ETK]);
  });
});

function bind(repo: InMemoryAgreementRepository): AgreementRepository {
  return {
    loadDocument: (k) => repo.loadDocument(k),
    commit: (k, s, c) => repo.commit(k, s, c),
    findVersionsById: (id) => repo.findVersionsById(id),
    listDocuments: (f) => repo.listDocuments(f),
    appendAcceptance: (i, at) => repo.appendAcceptance(i, at),
    listAcceptances: (q) => repo.listAcceptances(q),
  };
}
