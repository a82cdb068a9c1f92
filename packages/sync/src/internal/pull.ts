/**
 * One pull of citizens' changes (`changes?source=IYS`) per brand: each page is applied through the
 * consent machine and the cursor moves in the same transaction (`applyIysPulls`), so a crash
 * between pages repeats at most one page, and a repeated page changes nothing.
 */
import { consentKey } from '@izinkit/consent';
import type { IysClient } from '@izinkit/iys';
import type { ConsentRepository, PulledIysChange, SyncStateRepository } from '@izinkit/postgres';
import type { SyncAlert } from '../options.js';

/** Counts of one pull. */
export interface PullRoundResult {
  /** Changes read from İYS. */
  read: number;
  /** Changes that moved a local consent. */
  applied: number;
  /** Changes the machine logged as no-ops. */
  ignored: number;
  /** Transactions already known. */
  duplicates: number;
  /** Changes not applied (reported through `pull_skipped`). */
  skipped: number;
}

export async function pullBrand(
  ctx: {
    readonly consents: ConsentRepository;
    readonly syncState: SyncStateRepository;
    readonly client: IysClient;
    readonly now: () => Date;
    readonly alert: (a: SyncAlert) => void;
    readonly signal: AbortSignal;
    readonly pageSize: number;
  },
  brand: string,
  total: PullRoundResult,
): Promise<void> {
  const after = await ctx.syncState.getCursor(brand, 'IYS');
  const changes = ctx.client.consents.changes(Number(brand), {
    source: 'IYS',
    after: after ?? undefined,
    limit: ctx.pageSize,
    signal: ctx.signal,
  });
  for await (const page of changes.pages()) {
    const items: PulledIysChange[] = [];
    for (const c of page.list) {
      total.read++;
      const skip = (code: string, tr: string, en: string): void => {
        total.skipped++;
        ctx.alert({
          kind: 'pull_skipped',
          brandCode: brand,
          transactionId: c.transactionId,
          code,
          message: {
            tr: `İYS'den çekilen değişiklik uygulanmadı: ${tr}`,
            en: `A change pulled from İYS was not applied: ${en}`,
          },
        });
      };
      const key = consentKey({
        brandCode: brand,
        recipient: c.recipient,
        recipientType: c.recipientType,
        type: c.type,
      });
      if (!key.ok) {
        skip(key.error.code, 'alıcı ya da kanal geçersiz', 'invalid recipient or channel');
        continue;
      }
      if (c.source === undefined) {
        skip('missing_source', 'kaynak yok', 'no source');
        continue;
      }
      items.push({
        key: key.value,
        transactionId: c.transactionId,
        status: c.status,
        source: c.source,
        consentDate: (c.consentDate ?? c.creationDate).toISOString(),
        creationDate: c.creationDate.toISOString(),
      });
    }
    const r = await ctx.consents.applyIysPulls(brand, items, {
      cursor: page.after ?? changes.cursor ?? after,
      at: ctx.now(),
    });
    total.applied += r.applied;
    total.ignored += r.ignored;
    total.duplicates += r.duplicates;
    for (const x of r.rejected) {
      total.skipped++;
      ctx.alert({
        kind: 'pull_skipped',
        brandCode: brand,
        transactionId: x.transactionId,
        code: x.code,
        message: {
          tr: `İYS'den çekilen değişikliği izin makinesi kabul etmedi (${x.code})`,
          en: `The consent machine refused a change pulled from İYS (${x.code})`,
        },
      });
    }
  }
}
