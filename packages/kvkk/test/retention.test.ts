import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONSENT_RECORD_POLICY,
  createDestructionRecord,
  DESTRUCTION_RECORD_POLICY,
  DestructionRecordSchema,
  DestructionScheduleSchema,
  nextDestructionRunAt,
  planErasure,
  planPeriodicDestruction,
  type RetentionPolicy,
  RetentionPolicySchema,
  retentionEndsAt,
} from '../src/index.js';

const contact: RetentionPolicy = {
  category: 'contact',
  retention: { years: 1 },
  retentionStartsAt: 'relationship_end',
  legalBasis: 'KVKK 5(2)(c)',
  method: 'delete',
  technique: 'db_delete',
  keepOnErasureRequest: false,
};
const analytics: RetentionPolicy = {
  category: 'analytics',
  retention: { months: 6 },
  retentionStartsAt: 'collection',
  legalBasis: 'KVKK 5(2)(f)',
  method: 'anonymise',
  technique: 'generalisation',
  keepOnErasureRequest: false,
};

describe('retentionEndsAt', () => {
  it('uses the calendar statute or adds a duration in Istanbul, clamping month ends', () => {
    expect(retentionEndsAt(CONSENT_RECORD_POLICY, '2026-01-31T12:00:00+03:00').toISOString()).toBe(
      '2029-01-31T20:59:59.999Z',
    );
    expect(
      retentionEndsAt({ ...contact, retention: { months: 1 } }, '2026-01-31T12:00:00+03:00').toISOString(),
    ).toBe('2026-02-28T20:59:59.999Z');
    expect(
      retentionEndsAt({ ...contact, retention: { years: 1 } }, '2024-02-29T12:00:00+03:00').toISOString(),
    ).toBe('2025-02-28T20:59:59.999Z');
    // 23:30 UTC on 31 Dec is already 1 January in Istanbul.
    expect(
      retentionEndsAt({ ...contact, retention: { days: 1 } }, '2025-12-31T23:30:00Z').toISOString(),
    ).toBe('2026-01-02T20:59:59.999Z');
    expect(() => retentionEndsAt(contact, 'never')).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
  });

  it('validates policies', () => {
    expect(RetentionPolicySchema.safeParse(CONSENT_RECORD_POLICY).success).toBe(true);
    expect(RetentionPolicySchema.safeParse(DESTRUCTION_RECORD_POLICY).success).toBe(true);
    expect(RetentionPolicySchema.safeParse({ ...contact, retention: {} }).success).toBe(false);
    expect(RetentionPolicySchema.safeParse({ ...contact, retention: { statute: 'NOPE' } }).success).toBe(
      false,
    );
  });
});

describe('periodic destruction', () => {
  it('refuses a cycle longer than 6 months', () => {
    expect(DestructionScheduleSchema.safeParse({ cycleMonths: 7, lastRunAt: null }).success).toBe(false);
    const r = planPeriodicDestruction({
      policies: [],
      items: [],
      schedule: { cycleMonths: 12 as 6, lastRunAt: null },
      now: new Date(),
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_schedule' } });
  });

  it('schedules the next run by the cycle and never beyond 6 months', () => {
    expect(
      nextDestructionRunAt({ cycleMonths: 6, lastRunAt: '2026-01-15T02:00:00+03:00' })?.toISOString(),
    ).toBe('2026-07-15T20:59:59.999Z');
    expect(
      nextDestructionRunAt({ cycleMonths: 3, lastRunAt: '2026-01-15T02:00:00+03:00' })?.toISOString(),
    ).toBe('2026-04-15T20:59:59.999Z');
    expect(nextDestructionRunAt({ cycleMonths: 1, lastRunAt: null })).toBeNull();
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 3, 4, 5, 6) as fc.Arbitrary<1 | 2 | 3 | 4 | 5 | 6>,
        fc.date({ min: new Date('2016-01-01'), max: new Date('2034-01-01'), noInvalidDate: true }),
        (cycleMonths, last) => {
          const next = nextDestructionRunAt({ cycleMonths, lastRunAt: last.toISOString() })!;
          expect(next.getTime()).toBeGreaterThan(last.getTime());
          expect(next.getTime()).toBeLessThanOrEqual(last.getTime() + 185 * 86_400_000);
        },
      ),
    );
  });

  it('lists what is due by category, with holds and unknown categories apart', () => {
    const r = planPeriodicDestruction({
      policies: [CONSENT_RECORD_POLICY, contact, analytics],
      items: [
        { id: 'c1', category: 'etk-consent-records', retentionStartsAt: '2022-05-01T10:00:00+03:00' },
        { id: 'c2', category: 'etk-consent-records', retentionStartsAt: '2025-05-01T10:00:00+03:00' },
        {
          id: 'c3',
          category: 'etk-consent-records',
          retentionStartsAt: '2021-01-01T10:00:00+03:00',
          legalHold: true,
        },
        {
          id: 'a1',
          category: 'analytics',
          retentionStartsAt: '2025-10-01T10:00:00+03:00',
          keyIds: ['k2', 'k1'],
        },
        { id: 'a2', category: 'analytics', retentionStartsAt: '2025-11-01T10:00:00+03:00', keyIds: ['k1'] },
        { id: 'x1', category: 'mystery', retentionStartsAt: '2020-01-01T00:00:00Z' },
      ],
      schedule: { cycleMonths: 6, lastRunAt: '2025-12-01T02:00:00+03:00' },
      now: new Date('2026-06-02T02:00:00+03:00'),
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.runDue).toBe(true);
    expect(r.value.runDueAt).toBe('2026-06-01T20:59:59.999Z');
    expect(r.value.due).toEqual([
      {
        category: 'etk-consent-records',
        method: 'destroy',
        technique: 'db_delete',
        legalBasis: CONSENT_RECORD_POLICY.legalBasis,
        itemIds: ['c1'],
        count: 1,
        keyIds: [],
        oldestRetentionEndAt: '2025-05-01T20:59:59.999Z',
      },
      {
        category: 'analytics',
        method: 'anonymise',
        technique: 'generalisation',
        legalBasis: 'KVKK 5(2)(f)',
        itemIds: ['a1', 'a2'],
        count: 2,
        keyIds: ['k1', 'k2'],
        oldestRetentionEndAt: '2026-04-01T20:59:59.999Z',
      },
    ]);
    expect(r.value.held).toEqual([{ category: 'etk-consent-records', itemIds: ['c3'] }]);
    expect(r.value.notYetDue).toBe(1);
    expect(r.value.unknownCategories).toEqual(['mystery']);
  });

  it('says a run is not due yet, and reports bad items and duplicate policies', () => {
    const base = {
      policies: [contact],
      items: [],
      schedule: { cycleMonths: 6 as const, lastRunAt: '2026-05-01T00:00:00Z' },
    };
    const r = planPeriodicDestruction({ ...base, now: new Date('2026-06-01T00:00:00Z') });
    expect(r.ok && r.value.runDue).toBe(false);
    expect(planPeriodicDestruction({ ...base, policies: [contact, contact], now: new Date() })).toMatchObject(
      {
        ok: false,
        error: { code: 'duplicate_category' },
      },
    );
    expect(
      planPeriodicDestruction({
        ...base,
        items: [{ id: 'x', category: 'contact', retentionStartsAt: 'bad' }],
        now: new Date(),
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_item', path: [0, 'retentionStartsAt'] } });
  });

  it('produces a destruction record to keep for 3 years, without item references', () => {
    const rec = createDestructionRecord({
      runId: 'imha-2026-06',
      kind: 'periodic',
      performedAt: new Date('2026-06-02T02:00:00+03:00'),
      performedBy: 'retention-worker',
      entries: [
        { category: 'etk-consent-records', method: 'destroy', technique: 'db_delete', count: 1200 },
        { category: 'analytics', method: 'anonymise', count: 5, keyIds: ['k2', 'k1', 'k1'] },
      ],
      cycleMonths: 6,
    });
    expect(rec).toEqual({
      type: 'izinkit.kvkk.destruction-record/1',
      runId: 'imha-2026-06',
      kind: 'periodic',
      performedAt: '2026-06-01T23:00:00.000Z',
      performedBy: 'retention-worker',
      entries: [
        {
          category: 'etk-consent-records',
          method: 'destroy',
          technique: 'db_delete',
          count: 1200,
          keyIds: [],
        },
        { category: 'analytics', method: 'anonymise', count: 5, keyIds: ['k1', 'k2'] },
      ],
      totals: { items: 1205, categories: 2 },
      keyIds: ['k1', 'k2'],
      retainUntil: '2029-06-02T20:59:59.999Z',
      nextRunDueAt: '2026-12-02T20:59:59.999Z',
    });
    expect(DestructionRecordSchema.parse(JSON.parse(JSON.stringify(rec)))).toEqual(rec);
    expect(() =>
      createDestructionRecord({ runId: '', kind: 'request', performedAt: new Date(), entries: [] }),
    ).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });
});

describe('planErasure', () => {
  it('keeps what the law requires until it may go, anonymises or deletes the rest', () => {
    const plan = planErasure({
      fields: [
        { path: 'customer.email', category: 'contact' },
        { path: 'consents', category: 'etk-consent-records' },
        { path: 'old-consents', category: 'etk-consent-records', retentionStartsAt: '2020-01-01T00:00:00Z' },
        { path: 'visits', category: 'analytics' },
        { path: 'misc', category: 'unknown' },
      ],
      policies: [CONSENT_RECORD_POLICY, contact, analytics],
      now: new Date('2026-03-01T10:00:00+03:00'),
      applicationId: 'B-1',
      requestReceivedAt: '2026-03-01T10:00:00+03:00',
    });
    expect(plan.decisions.map((d) => d.action)).toEqual(['delete', 'keep', 'delete', 'anonymise', 'delete']);
    expect(plan.decisions[1]).toMatchObject({
      keepUntil: '2029-03-01T20:59:59.999Z',
      legalBasis: CONSENT_RECORD_POLICY.legalBasis,
    });
    expect(plan.decisions[2]).toMatchObject({ method: 'destroy', technique: 'db_delete' });
    expect(plan.summary).toEqual({ delete: 3, anonymise: 1, keep: 1 });
    expect(plan.unknownCategories).toEqual(['unknown']);
    expect(plan.dueBy).toBe('2026-03-31T20:59:59.999Z');
    expect(plan.applicationId).toBe('B-1');
    for (const d of plan.decisions) expect(d.reason.tr.length * d.reason.en.length).toBeGreaterThan(0);
  });
});
