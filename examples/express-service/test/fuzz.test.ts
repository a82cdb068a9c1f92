/**
 * Fuzz: 10,000 random malformed requests across every endpoint — broken path parameters and
 * percent-encoding, unknown and repeated query parameters, bodies of the wrong shape, type,
 * encoding or content type, garbage keys and headers — and not one 5xx, not one crash.
 * The generator is seeded (FUZZ_SEED to replay); failures print the request.
 */
import { Agent, request } from 'node:http';
import { databaseFixtures } from '@izinkit/test-utils/postgres';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../src/routes/index.js';
import { FULL_KEY, startTestService, type TestService } from './helpers.js';
import { sampleBody, samplePath } from './requests.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_123);

interface Spec {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

const weird = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '%',
    '%zz',
    '%C0%AF',
    '..',
    '../..',
    '\u0000',
    'ǅ',
    '𝟘',
    '0'.repeat(300),
    '-1',
    '1e309',
    'null',
    '[]',
    '{}',
    '600000',
    '+905321234567',
    'a@b',
  ),
  fc.integer().map(String),
);

/** `null` `n` times as often as a value. */
const rarely = <T>(a: fc.Arbitrary<T>, n: number): fc.Arbitrary<T | null> =>
  fc.oneof({ arbitrary: fc.constant(null), weight: n }, { arbitrary: a, weight: 1 });

/** Percent-encodes, but sometimes leaves a broken escape in. */
const enc = (s: string, broken: boolean): string =>
  broken ? `${encodeURIComponent(s)}%${s.length % 2 ? 'G' : ''}` : encodeURIComponent(s);

const mutateValue = (base: unknown, path: string[], value: unknown): unknown => {
  if (path.length === 0) return value;
  if (base === null || typeof base !== 'object') return base;
  const copy: Record<string, unknown> = Array.isArray(base)
    ? ([...base] as unknown as Record<string, unknown>)
    : { ...(base as Record<string, unknown>) };
  const [head, ...rest] = path;
  copy[head!] = mutateValue(copy[head!], rest, value);
  return copy;
};

const specArb: fc.Arbitrary<Spec> = fc
  .record({
    route: fc.constantFrom(...ROUTES),
    method: rarely(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'), 12),
    brand: fc.oneof(
      { arbitrary: fc.constantFrom('600000', '600000', '600001', '999999'), weight: 6 },
      { arbitrary: weird, weight: 1 },
    ),
    brokenPath: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    pathJunk: rarely(weird, 15),
    paramJunk: rarely(fc.tuple(fc.nat(5), weird), 2),
    query: fc.array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom(
            'recipient',
            'recipientType',
            'type',
            'limit',
            'format',
            'importId',
            'from',
            'to',
            'groupBy',
            'open',
            'beforeId',
            'size',
            'channel',
          ),
          weird,
        ),
        weird,
      ),
      { maxLength: 5 },
    ),
    bodyKind: fc.constantFrom('none', 'json', 'mutated', 'mutated', 'mutated', 'text', 'bytes', 'deep'),
    json: fc.jsonValue({ maxDepth: 3 }),
    field: fc.array(
      fc.constantFrom(
        'recipient',
        'recipientType',
        'type',
        'status',
        'source',
        'consentDate',
        'evidence',
        'code',
        'scopes',
        'kinds',
        'bundle',
        'text',
        '0',
        'ip',
      ),
      { minLength: 1, maxLength: 2 },
    ),
    value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined)),
    text: fc.string({ maxLength: 200 }),
    bytes: fc.uint8Array({ maxLength: 200 }),
    contentType: fc.constantFrom(
      'application/json',
      'application/json',
      'application/json',
      'application/json; charset=latin1',
      'text/csv',
      'application/x-ndjson',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/problem+json',
      '',
    ),
    key: fc.oneof(
      { arbitrary: fc.constant<string | null>(FULL_KEY), weight: 12 },
      { arbitrary: fc.constantFrom<string | null>(null, 'short', `${FULL_KEY}x`, 'ş'.repeat(20)), weight: 2 },
    ),
    lang: rarely(weird, 3),
  })
  .map((g) => {
    const r = g.route;
    const segments = samplePath(r, '\u0001BRAND\u0001').split('/');
    const template = r.path.split('/');
    const params = template.flatMap((t, i) => (t.startsWith('{') && t !== '{brandCode}' ? [i] : []));
    const junkAt = g.paramJunk && params.length ? params[g.paramJunk[0] % params.length] : -1;
    let path = segments
      .map((seg, i) => {
        if (seg === '\u0001BRAND\u0001') return enc(g.brand, g.brokenPath);
        if (g.paramJunk && i === junkAt) return enc(g.paramJunk[1], g.brokenPath);
        return seg;
      })
      .join('/');
    if (g.pathJunk !== null) path += `/${enc(g.pathJunk, false)}`;
    const qs = g.query
      .map(([k, v]) => `${enc(k, false)}=${enc(v, g.brokenPath && k.length % 3 === 0)}`)
      .join('&');
    if (qs) path += `?${qs}`;
    let body: Buffer | undefined;
    switch (g.bodyKind) {
      case 'json':
        body = Buffer.from(JSON.stringify(g.json) ?? 'null');
        break;
      case 'mutated':
        body = Buffer.from(JSON.stringify(mutateValue(sampleBody(r) ?? {}, g.field, g.value)) ?? '{}');
        break;
      case 'text':
        body = Buffer.from(g.text);
        break;
      case 'bytes':
        body = Buffer.from(g.bytes);
        break;
      case 'deep':
        body = Buffer.from(`${'['.repeat(5000)}${']'.repeat(5000)}`);
        break;
      default:
        body = undefined;
    }
    const headers: Record<string, string> = {};
    if (g.key !== null) headers.authorization = `Bearer ${encodeURIComponent(g.key)}`;
    if (body !== undefined && g.contentType) headers['content-type'] = g.contentType;
    if (g.lang !== null) headers['accept-language'] = encodeURIComponent(g.lang);
    return { method: g.method ?? r.method.toUpperCase(), path, headers, body };
  });

function send(base: URL, agent: Agent, s: Spec): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port,
        method: s.method,
        path: s.path,
        headers: { ...s.headers, ...(s.body ? { 'content-length': String(s.body.length) } : {}) },
        agent,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(s.body);
  });
}

describe.each(databaseFixtures())('fuzz on $name', (fixture) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(fixture, {}, { workers: false });
  }, 180_000);
  afterAll(async () => {
    await svc?.dispose();
  }, 60_000);

  it(`${RUNS} malformed requests: zero 5xx, zero crashes`, { timeout: 300_000 }, async () => {
    const specs = fc.sample(specArb, { numRuns: RUNS, seed: SEED });
    const base = new URL(svc.url);
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const failures: { spec: Spec; status: number | string }[] = [];
    const byStatus = new Map<number, number>();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < specs.length) {
          const s = specs[next++]!;
          try {
            const status = await send(base, agent, s);
            byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
            if (status >= 500 || status === 0) failures.push({ spec: s, status });
          } catch (e) {
            failures.push({ spec: s, status: String((e as Error).message) });
          }
        }
      }),
    );
    agent.destroy();
    if (failures.length)
      console.error(
        JSON.stringify(
          failures
            .slice(0, 5)
            .map((f) => ({ ...f, spec: { ...f.spec, body: f.spec.body?.toString('utf8').slice(0, 300) } })),
          null,
          1,
        ),
      );
    expect(failures).toEqual([]);
    const total = [...byStatus.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(RUNS);
    // The service is still healthy afterwards.
    expect((await fetch(`${svc.url}/readyz`)).status).toBe(200);
    console.log(
      `fuzz ${fixture.name}: ${JSON.stringify(Object.fromEntries([...byStatus].sort((a, b) => a[0] - b[0])))}`,
    );
  });
});
