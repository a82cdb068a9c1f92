/**
 * Shared by `push.bench.ts` and the diagnostic `profile-push.ts` (not a benchmark file itself:
 * `pnpm bench` runs only `*.bench.ts`): the bench's phone numbers, its seeding of decisions, and
 * the CPU time of the local PostgreSQL server's backends.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { consentKey } from '@izinkit/consent';
import type { ConsentRepository } from '@izinkit/postgres';

/** The i-th recipient of the bench: a valid Turkish mobile number in E.164. */
export const phone = (i: number): string => `+90532${String(1_000_000 + i).slice(-7)}`;

/** Records an ONAY decision (`DECISION_RECORDED`) for recipients 0…n-1, 1,000 per transaction. */
export async function seed(consents: ConsentRepository, n: number): Promise<void> {
  for (let start = 0; start < n; start += 1000) {
    const t = new Date();
    const items = [];
    for (let i = start; i < Math.min(n, start + 1000); i++) {
      const k = consentKey({
        brandCode: '600000',
        recipient: phone(i),
        recipientType: 'BIREYSEL',
        type: 'MESAJ',
      });
      if (!k.ok) throw new Error(k.error.code);
      items.push({
        key: k.value,
        event: {
          type: 'DECISION_RECORDED' as const,
          at: t.toISOString(),
          decisionId: `d-${i}`,
          status: 'ONAY' as const,
          source: 'HS_WEB' as const,
          consentDate: new Date(t.getTime() - 60_000).toISOString(),
        },
      });
    }
    await consents.recordMany(items);
  }
}

/**
 * CPU seconds (user + system) used so far by the PostgreSQL server processes serving `database` on
 * this machine (Linux /proc; 0 elsewhere or for a remote server), by process id.
 */
export function serverTicks(database: string): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
        if (!cmd.startsWith('postgres: ') || !cmd.includes(` ${database} `)) continue;
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        out.set(d, (Number(f[11]) + Number(f[12])) / 100);
      } catch {
        // gone
      }
    }
  } catch {
    // no /proc
  }
  return out;
}
/** CPU seconds the server backends used between two `serverTicks` readings. */
export const serverSeconds = (from: Map<string, number>, to: Map<string, number>): number => {
  let t = 0;
  for (const [pid, v] of to) t += v - (from.get(pid) ?? 0);
  return t;
};
