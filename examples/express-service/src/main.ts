/**
 * The command line: `serve` (default: API, web pages and workers), `worker` (only the background
 * workers — run as many as you like against one PostgreSQL) and `migrate` (apply the migrations
 * and exit). Configuration comes from the environment (see `.env.example`).
 */
import { formatConfigIssues, loadConfig } from './config.js';
import { openHub } from './hub.js';
import { createLogger } from './log.js';
import { startService } from './service.js';
import { startWorkers } from './workers.js';

const mode = process.argv[2] ?? 'serve';
if (!['serve', 'worker', 'migrate'].includes(mode)) {
  process.stderr.write(
    `Bilinmeyen komut / unknown command: ${mode}\nKullanım / usage: main.ts [serve|worker|migrate]\n`,
  );
  process.exit(2);
}

const cfg = loadConfig(process.env);
if (!cfg.ok) {
  process.stderr.write(`${formatConfigIssues(cfg.issues)}\n`);
  process.exit(78);
}
const config = cfg.value;
const log = createLogger(config.logLevel);

/** Stops on SIGINT/SIGTERM; a second signal exits at once. */
function onSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(130);
    stopping = true;
    log.info({ signal }, 'shutting down');
    stop()
      .then(() => process.exit(0))
      .catch((e: unknown) => {
        log.error({ err: e }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

function banner(lines: string[]): void {
  const width = Math.max(...lines.map((l) => l.length)) + 2;
  const bar = '─'.repeat(width);
  process.stdout.write(`┌${bar}┐\n${lines.map((l) => `│ ${l.padEnd(width - 1)}│`).join('\n')}\n└${bar}┘\n`);
}

try {
  if (mode === 'migrate') {
    const hub = await openHub(config, log, { migrate: true });
    await hub.close();
    log.info('migrations applied');
    process.exit(0);
  }
  if (mode === 'worker') {
    const hub = await openHub(config, log);
    const workers = await startWorkers(hub);
    log.info({ sync: workers.engine }, 'workers started');
    onSignals(async () => {
      await workers.stop();
      await hub.close();
    });
  } else {
    const svc = await startService(config, log);
    const hub = svc.hub;
    const lines = [
      'izinkit consent hub',
      '',
      `API           ${svc.url}/v1`,
      `API reference ${svc.url}/docs   (OpenAPI: ${svc.url}/openapi.json)`,
      `Web pages     ${svc.url}/web`,
      `Health        ${svc.url}/healthz  ${svc.url}/readyz  ${svc.url}/metrics`,
      `Database      ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}/db`}`,
      `İYS           ${hub.simulator ? `in-process simulator at ${hub.simulator.url}` : config.iys.kind === 'remote' ? config.iys.baseUrl : ''}`,
      `Messages      ${hub.messages.name}${config.embedded ? `  (${svc.url}/v1/dev/outbox)` : ''}`,
      `İYS sync      ${svc.syncEngine ?? 'off (IZINKIT_WORKERS=false)'}`,
    ];
    if (config.embedded) lines.push(`Demo brands   600000 (Örnek Market), 600001 (Örnek Yayın)`);
    lines.push('', `Admin user    ${config.adminUser}`);
    if (
      hub.secrets.generated.includes('adminPassword') ||
      (config.embedded && !config.secrets.adminPassword)
    ) {
      lines.push(
        `Admin pass    ${hub.secrets.adminPassword}   (kept in ${hub.secrets.file ?? config.dataDir})`,
      );
    }
    if (config.apiKey) lines.push(`API key       from IZINKIT_API_KEY (full scope on the demo brands)`);
    else if (hub.created.demoApiKey)
      lines.push(`API key       ${hub.created.demoApiKey}   (demo brands, every permission)`);
    banner(lines);
    onSignals(() => svc.stop());
  }
} catch (e) {
  log.fatal({ err: e }, 'start failed');
  process.stderr.write(`Başlatılamadı / could not start: ${(e as Error).message}\n`);
  process.exit(1);
}
