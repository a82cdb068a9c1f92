import { randomBytes } from 'node:crypto';
import { type ConsentKey, consentKey } from '@izinkit/consent';
import { createIysClient, type IysClient } from '@izinkit/iys';
import type { IysSimulator } from '@izinkit/iys-simulator';
import type { ConsentRepository, StorageKeys } from '@izinkit/postgres';

export const keys: StorageKeys = {
  lookupKey: randomBytes(32),
  encryptionKeys: { k1: randomBytes(32) },
  currentKeyId: 'k1',
};

/** The i-th test phone number (distinct, valid Turkish mobile numbers). */
export function phone(i: number): string {
  return `+90532${String(1_000_000 + i).slice(-7)}`;
}

export function key(i: number, brandCode = '600000', type: 'MESAJ' | 'ARAMA' = 'MESAJ'): ConsentKey {
  const r = consentKey({ brandCode, recipient: phone(i), recipientType: 'BIREYSEL', type });
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

export function clientFor(sim: IysSimulator, now?: () => Date): IysClient {
  return createIysClient({
    baseUrl: sim.url,
    username: 'izinkit',
    password: 'izinkit',
    iysCode: 600000,
    retry: false,
    rateLimit: false,
    ...(now ? { now } : {}),
  });
}

/** Records `count` ONAY decisions (keys `from`…), 1000 per transaction. */
export async function seed(
  consents: ConsentRepository,
  now: () => Date,
  count: number,
  options: { from?: number; status?: 'ONAY' | 'RET'; brandCode?: string; tag?: string } = {},
): Promise<void> {
  const from = options.from ?? 0;
  for (let start = 0; start < count; start += 1000) {
    const t = now();
    const items = [];
    for (let i = start; i < Math.min(count, start + 1000); i++) {
      items.push({
        key: key(from + i, options.brandCode),
        event: {
          type: 'DECISION_RECORDED' as const,
          at: t.toISOString(),
          decisionId: `${options.tag ?? 'd'}-${from + i}`,
          status: options.status ?? ('ONAY' as const),
          source: 'HS_WEB' as const,
          consentDate: new Date(t.getTime() - 60_000).toISOString(),
        },
      });
    }
    const r = await consents.recordMany(items);
    const bad = r.find((x) => x.outcome.kind === 'rejected');
    if (bad) throw new Error(`seed rejected: ${JSON.stringify(bad.outcome)}`);
  }
}
