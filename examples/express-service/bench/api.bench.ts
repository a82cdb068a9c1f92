/**
 * The API under autocannon on loopback, side by side in one run:
 *
 * 1. `GET /v1/brands/{brandCode}/consents?recipient=…` against a bare `node:http` server answering
 *    the same query from the same database (target: the API at ≥ 50% of its throughput), p50/p99.
 * 2. `POST /v1/brands/{brandCode}/consents` with evidence, a new recipient per request
 *    (target: ≥ 1,500 requests/s on a PostgreSQL server).
 *
 * The servers run in a child process (bench/servers.ts), autocannon here. PGlite always; the
 * PostgreSQL server too when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set.
 * BENCH_SECONDS (default 10, 3 with --quick) sets each measurement's duration; BENCH_TARGETS
 * (`pglite,postgres`) picks the databases; BENCH_WRITE_LANES overrides the consent writer's
 * transactions in flight (DATABASE_WRITE_LANES).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { isQuick, machineInfo, recordResults } from '@izinkit/test-utils/bench';
import autocannon from 'autocannon';

const KEY = 'bench-key-0123456789abcdef';
const SECONDS = Number(process.env.BENCH_SECONDS ?? (isQuick() ? 3 : 10));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SEED = 2000;

interface Figures {
  readonly reqPerSec: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

function run(opts: autocannon.Options): Promise<Figures> {
  return new Promise((resolve, reject) => {
    autocannon({ duration: SECONDS, connections: CONNECTIONS, pipelining: 1, ...opts }, (err, r) => {
      if (err) return reject(err);
      resolve({
        reqPerSec: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        non2xx: r.non2xx,
        errors: r.errors + r.timeouts,
      });
    });
  });
}

async function servers(
  dbUrl: string | undefined,
): Promise<{ api: string; bare: string; dialect: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@izinkit/source', join(import.meta.dirname, 'servers.ts')],
    {
      cwd: join(import.meta.dirname, '..'),
      env: {
        ...process.env,
        BENCH_SEED_CONSENTS: String(SEED),
        ...(dbUrl ? { BENCH_DATABASE_URL: dbUrl } : { BENCH_DATABASE_URL: '' }),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += String(b);
      const m = /READY (\S+) (\S+) (\S+)/.exec(out);
      if (m) resolve(m[0]);
    });
    child.once('exit', (c) => reject(new Error(`servers exited ${c}`)));
  });
  const [, api, bare, dialect] = line.split(' ');
  return {
    api: api!,
    bare: bare!,
    dialect: dialect!,
    stop: () =>
      new Promise((r) => {
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}

const pad = (s: string | number, n: number): string => String(s).padStart(n);
const line = (name: string, f: Figures): string =>
  `${name.padEnd(44)} ${pad(Math.round(f.reqPerSec).toLocaleString('en'), 9)} req/s  p50 ${pad(f.p50, 4)} ms  p99 ${pad(f.p99, 5)} ms  non-2xx ${f.non2xx}  errors ${f.errors}`;

const results: Record<string, unknown> = {
  machine: machineInfo(),
  seconds: SECONDS,
  connections: CONNECTIONS,
};
// BENCH_TARGETS=pglite,postgres (default: both where available).
const wanted = (process.env.BENCH_TARGETS ?? 'pglite,postgres').split(',');
const targets: (string | undefined)[] = wanted.includes('pglite') ? [undefined] : [];
const pg = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (pg && wanted.includes('postgres')) targets.push(pg);

for (const url of targets) {
  const s = await servers(url);
  console.log(`\n── ${s.dialect} ──`);
  let i = 0;
  const getReq = (base: string, withKey: boolean): autocannon.Options => ({
    url: base,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => ({
          ...req,
          path: `/v1/brands/600000/consents?recipient=%2B90532${String(1_000_000 + (i++ % SEED)).padStart(7, '0')}`,
          headers: withKey ? { authorization: `Bearer ${KEY}` } : {},
        }),
      },
    ],
  });
  // Warm both (JIT, caches), then measure side by side.
  await run({ ...getReq(s.bare, false), duration: 2 });
  await run({ ...getReq(s.api, true), duration: 2 });
  const bare = await run(getReq(s.bare, false));
  const api = await run(getReq(s.api, true));
  console.log(line('GET status — bare node:http (peer)', bare));
  console.log(line('GET status — izinkit API', api));
  const ratio = api.reqPerSec / bare.reqPerSec;
  console.log(`ratio API / bare: ${(ratio * 100).toFixed(1)}% (target ≥ 50%)`);

  let n = 0;
  const stamp = Date.now() % 1_000_000;
  const post = await run({
    url: s.api,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          n++;
          return {
            ...req,
            path: '/v1/brands/600000/consents',
            headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              recipient: `+90533${String((stamp * 10 + n) % 10_000_000).padStart(7, '0')}`,
              recipientType: 'BIREYSEL',
              type: 'MESAJ',
              status: 'ONAY',
              source: 'HS_WEB',
              consentDate: new Date(Date.now() - 60_000).toISOString(),
              evidence: { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (bench)', actor: { type: 'SUBJECT' } },
            }),
          };
        },
      },
    ],
  });
  console.log(line('POST consent with evidence — izinkit API', post));
  if (s.dialect === 'postgres')
    console.log(`POST target ≥ 1,500 req/s on PostgreSQL: ${post.reqPerSec >= 1500 ? 'met' : 'NOT met'}`);
  results[s.dialect] = { getBare: bare, getApi: api, ratio, post };
  await s.stop();
}
recordResults('example-express-service', 'api', results);
