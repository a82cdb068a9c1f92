/**
 * Soak: the service (a child process on the embedded defaults: PGlite, simulator, workers on)
 * under a steady mixed load on loopback for SOAK_SECONDS (default 180) — consent writes with
 * evidence, status reads, history reads — printing the service's RSS every 10 seconds and every
 * error. Exit code 1 when any request failed (non-2xx, error or timeout).
 *
 *   pnpm --filter @izinkit/example-express-service soak
 *   SOAK_SECONDS=60 SOAK_RATE=200 pnpm --filter @izinkit/example-express-service soak
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
const RATE = Number(process.env.SOAK_RATE ?? 100);
const KEY = 'soak-key-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'izinkit-soak-'));

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--conditions=@izinkit/source', 'src/main.ts', 'serve'],
  {
    cwd: join(import.meta.dirname, '..'),
    env: {
      ...process.env,
      IZINKIT_DATA_DIR: dir,
      PORT: '0',
      IZINKIT_API_KEY: KEY,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_KEY: '100000:100000',
      RATE_LIMIT_PER_IP: '100000:100000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (b: Buffer) => {
    out += String(b);
    const m = /API\s+(http:\/\/[0-9.]+:\d+)\/v1/.exec(out);
    if (m) resolve(m[1]!);
  });
  child.once('exit', (c) => reject(new Error(`service exited ${c}`)));
});

const rssMiB = (): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
};

console.log(`soak: ${SECONDS} s at ${RATE} req/s on ${url} (service pid ${child.pid})`);
const started = Date.now();
const samples: { s: number; rss: number }[] = [{ s: 0, rss: rssMiB() }];
console.log(`t=   0 s  RSS ${samples[0]!.rss} MiB`);
const timer = setInterval(() => {
  const s = Math.round((Date.now() - started) / 1000);
  const rss = rssMiB();
  samples.push({ s, rss });
  console.log(`t=${String(s).padStart(4)} s  RSS ${rss} MiB`);
}, 10_000);

let n = 0;
const recent = (): string => new Date(Date.now() - 60_000).toISOString();
const phone = (k: number): string => `+90534${String(k % 10_000_000).padStart(7, '0')}`;
const errorsByStatus = new Map<number, number>();
const result = await autocannon({
  url,
  duration: SECONDS,
  connections: 8,
  overallRate: RATE,
  requests: [
    {
      setupRequest: (req) => {
        n++;
        const k = n % 3;
        const auth = { authorization: `Bearer ${KEY}` };
        if (k === 0) {
          return {
            ...req,
            method: 'POST',
            path: '/v1/brands/600000/consents',
            headers: { ...auth, 'content-type': 'application/json' },
            body: JSON.stringify({
              recipient: phone(n),
              recipientType: 'BIREYSEL',
              type: n % 2 ? 'MESAJ' : 'ARAMA',
              status: 'ONAY',
              source: 'HS_WEB',
              consentDate: recent(),
              evidence: { ip: '198.51.100.4', userAgent: 'soak' },
            }),
          };
        }
        if (k === 1)
          return {
            ...req,
            method: 'GET',
            path: `/v1/brands/600000/consents?recipient=${encodeURIComponent(phone(Math.max(3, n - 30)))}`,
            headers: auth,
          };
        return {
          ...req,
          method: 'GET',
          path: `/v1/brands/600000/consents/history?recipient=${encodeURIComponent(phone(Math.max(3, n - 31)))}&recipientType=BIREYSEL&type=MESAJ`,
          headers: auth,
        };
      },
      onResponse: (status) => {
        if (status >= 300) errorsByStatus.set(status, (errorsByStatus.get(status) ?? 0) + 1);
      },
    },
  ],
});
clearInterval(timer);
const end = rssMiB();
samples.push({ s: SECONDS, rss: end });
const afterWarmup = samples.find((x) => x.s >= 60) ?? samples[1]!;
console.log(
  `\nrequests ${result.requests.total}, ${result.requests.average} req/s average, latency p50 ${result.latency.p50} ms p99 ${result.latency.p99} ms`,
);
console.log(
  `non-2xx ${result.non2xx} ${JSON.stringify(Object.fromEntries(errorsByStatus))}, errors ${result.errors}, timeouts ${result.timeouts}`,
);
console.log(
  `RSS: start ${samples[0]!.rss} MiB, at ${afterWarmup.s} s ${afterWarmup.rss} MiB, end ${end} MiB, max ${Math.max(...samples.map((x) => x.rss))} MiB`,
);
const metrics = await (await fetch(`${url}/metrics`)).text();
console.log(
  metrics
    .split('\n')
    .filter(
      (l) =>
        /^izinkit_(iys_outbox_depth|evidence_queue|evidence_log_size|iys_overdue) /.test(l) ||
        l.startsWith('izinkit_iys_outbox_depth{'),
    )
    .join('\n'),
);
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dir, { recursive: true, force: true });
process.exit(result.non2xx + result.errors + result.timeouts > 0 ? 1 : 0);
