/**
 * Erasure on a KVKK application (art. 7, art. 11(1)(e)): what the admin sees before confirming
 * (the plan, field by field, from `planErasure`) and what confirming does — deletes the person's
 * opt-in requests, messages and sign-in codes, blocks further portal sign-ins, keeps the ETK
 * consent records for their 3-year retention (a legal duty that overrides erasure), writes a
 * destruction record into the evidence log, and answers the application.
 */
import {
  CONSENT_RECORD_POLICY,
  createDestructionRecord,
  type DestructionRecord,
  type ErasurePlan,
  planErasure,
} from '@izinkit/kvkk';
import type { StoredApplication } from '@izinkit/postgres';
import type { Hub } from '../hub.js';

/** What an erasure removes or keeps, counted for one person. */
export interface ErasureInventory {
  /** ETK consent records (kept). */
  readonly consents: number;
  /** Opt-in requests (deleted). */
  readonly optinRequests: number;
  /** Messages in the dev outbox (deleted). */
  readonly messages: number;
  /** Portal sign-in codes (destroyed). */
  readonly portalCodes: number;
}

async function inventory(hub: Hub, h: string): Promise<ErasureInventory> {
  const { rows } = await hub.db.query<{ c: number; o: number; m: number; p: number }>(
    `select (select count(*) from consents where recipient_hash = $1)::int as c,
            (select count(*) from optin_requests where recipient_hash = $1)::int as o,
            (select count(*) from dev_outbox where recipient_hash = $1)::int as m,
            (select count(*) from web_portal_codes where recipient_hash = $1)::int as p`,
    [h],
  );
  const r = rows[0]!;
  return { consents: r.c, optinRequests: r.o, messages: r.m, portalCodes: r.p };
}

/** The plan shown before an erasure is confirmed. */
export async function erasurePlanFor(
  hub: Hub,
  app: StoredApplication,
): Promise<{ plan: ErasurePlan; inventory: ErasureInventory } | null> {
  if (!app.subjectHash) return null;
  const inv = await inventory(hub, app.subjectHash);
  const plan = planErasure({
    now: hub.now(),
    applicationId: app.state.id,
    requestReceivedAt: app.state.receivedAt,
    policies: [CONSENT_RECORD_POLICY],
    fields: [
      { path: 'consents', category: CONSENT_RECORD_POLICY.category, retentionStartsAt: hub.now() },
      { path: 'optin_requests', category: 'optin-requests' },
      { path: 'dev_outbox', category: 'messages' },
      { path: 'portal_codes', category: 'portal-sign-in' },
    ],
  });
  return { plan, inventory: inv };
}

/** The result of {@link eraseSubject}. */
export interface ErasureDone {
  /** The destruction record written. */
  readonly record: DestructionRecord;
  /** Its evidence-log entry. */
  readonly evidenceId: number;
}

/**
 * Carries the erasure out in one transaction and records it; `null` when the application has no
 * subject to erase or was already carried out.
 */
export async function eraseSubject(
  hub: Hub,
  app: StoredApplication,
  actor: string,
): Promise<ErasureDone | null> {
  const h = app.subjectHash;
  if (!h) return null;
  const now = hub.now();
  const done = await hub.db.transaction(async (tx) => {
    const ins = await tx.query(
      'insert into web_erasures (recipient_hash, application_id) values ($1, $2) on conflict do nothing',
      [h, app.state.id],
    );
    if (ins.rowCount === 0) return null;
    const o = await tx.query('delete from optin_requests where recipient_hash = $1', [h]);
    const m = await tx.query('delete from dev_outbox where recipient_hash = $1', [h]);
    const p = await tx.query('delete from web_portal_codes where recipient_hash = $1', [h]);
    const record = createDestructionRecord({
      runId: `erasure-${app.state.id}`,
      kind: 'request',
      performedAt: now,
      performedBy: actor,
      applicationId: app.state.id,
      entries: [
        { category: 'optin-requests', method: 'delete', technique: 'db_delete', count: o.rowCount },
        { category: 'messages', method: 'delete', technique: 'db_delete', count: m.rowCount },
        { category: 'portal-sign-in', method: 'destroy', technique: 'db_delete', count: p.rowCount },
      ],
    });
    const appended = await hub.evidence.append(tx, {
      kind: 'destruction',
      record,
      ref: `dsr:${app.state.id}`,
    });
    await tx.query('update web_erasures set evidence_id = $2 where recipient_hash = $1', [h, appended.id]);
    await hub.access.audit(
      {
        actor,
        action: 'dsr.erase',
        target: app.state.id,
        details: {
          evidenceId: appended.id,
          deleted: { optinRequests: o.rowCount, messages: m.rowCount, portalCodes: p.rowCount },
        },
        at: now,
      },
      tx,
    );
    return { record, evidenceId: appended.id };
  });
  if (!done) return null;
  if (app.state.status !== 'answered' && app.state.status !== 'rejected') {
    const answered = await hub.applications.apply(app.state.id, {
      type: 'answer',
      at: now,
      decision: 'partially_accepted',
      summary:
        'Kişisel verileriniz silindi; ETK onay/ret kayıtları yasal saklama süresi (3 yıl) boyunca saklanır. / Your personal data was deleted; ETK consent records are kept for their statutory 3-year retention.',
    });
    if (!answered.ok) hub.log.warn({ code: answered.error.code }, 'application not answered after erasure');
  }
  return done;
}

const PLAN_LABELS: Readonly<Record<string, readonly [string, string]>> = {
  consents: ['ETK izin kayıtları', 'ETK consent records'],
  optin_requests: ['Çift onay istekleri', 'Double opt-in requests'],
  dev_outbox: ['Gönderilen iletiler', 'Messages sent'],
  portal_codes: ['Portal giriş kodları', 'Portal sign-in codes'],
};

/** The label of an erasure plan's field. */
export function erasePlanLabel(locale: 'tr' | 'en', path: string): string {
  const l = PLAN_LABELS[path];
  return l ? l[locale === 'tr' ? 0 : 1] : path;
}
