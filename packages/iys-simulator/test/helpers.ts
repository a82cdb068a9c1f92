import { type Consent, createIysClient, type IysClient, type IysClientOptions } from '@izinkit/iys';
import { type IysSimulator, type IysSimulatorOptions, startIysSimulator } from '../src/index.js';

/** Wednesday 2024-03-06 12:00 in Türkiye. */
export const T0: Date = new Date('2024-03-06T09:00:00Z');
export const BRAND = 600000;

export interface Setup {
  sim: IysSimulator;
  client: IysClient;
  /** A raw authenticated request, for what the client never sends. */
  raw(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: unknown }>;
  token(): Promise<string>;
  close(): Promise<void>;
}

export async function setup(
  simOptions: IysSimulatorOptions = {},
  clientOptions: Partial<IysClientOptions> = {},
): Promise<Setup> {
  const sim = await startIysSimulator({ now: () => T0, seed: 7, ...simOptions });
  const client = createIysClient({
    baseUrl: sim.url,
    username: 'izinkit',
    password: 'izinkit',
    iysCode: 600000,
    rateLimit: false,
    retry: { retries: 4, baseDelayMs: 1, maxDelayMs: 10 },
    batch: { pollIntervalMs: 2, maxPollIntervalMs: 20 },
    now: () => sim.now(),
    ...clientOptions,
  });
  const token = async (): Promise<string> => client.tokens.getToken();
  return {
    sim,
    client,
    token,
    async raw(method, path, body, headers = {}) {
      const res = await fetch(sim.url + path, {
        method,
        headers: {
          authorization: `Bearer ${await token()}`,
          'content-type': 'application/json',
          ...headers,
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {}
      return { status: res.status, body: parsed };
    },
    close: () => sim.close(),
  };
}

export const minutesAgo = (sim: IysSimulator, m: number): Date => new Date(sim.now().getTime() - m * 60_000);

export function phone(i: number): string {
  return `+90532${String(1_000_000 + i).slice(-7)}`;
}

export function onay(sim: IysSimulator, recipient: string, extra: Partial<Consent> = {}): Consent {
  const email = recipient.includes('@');
  return {
    recipient,
    recipientType: 'BIREYSEL',
    type: email ? 'EPOSTA' : 'MESAJ',
    status: 'ONAY',
    source: 'HS_WEB',
    consentDate: minutesAgo(sim, 10),
    ...extra,
  };
}

/** The first error item of a raw answer. */
export function firstError(body: unknown): Record<string, unknown> {
  return ((body as { errors: Record<string, unknown>[] }).errors ?? [])[0] ?? {};
}
