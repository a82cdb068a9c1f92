/**
 * Configuration: every bad value is reported by its variable name in Turkish and English, the
 * embedded defaults need nothing, and a real İYS requires the shared secrets.
 */
import { describe, expect, it } from 'vitest';
import { formatConfigIssues, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('runs on the embedded defaults with nothing set', () => {
    const r = loadConfig({}, '/srv/app');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      port: 3000,
      embedded: true,
      dataDir: '/srv/app/.izinkit-data',
      iys: { kind: 'simulator' },
      messages: { kind: 'dev-outbox' },
    });
  });

  it('honours PORT and IZINKIT_DATA_DIR (relative to where pnpm was started)', () => {
    const r = loadConfig({ PORT: '8080', IZINKIT_DATA_DIR: 'data', INIT_CWD: '/repo' }, '/repo/examples/x');
    expect(r.ok && r.value.port).toBe(8080);
    expect(r.ok && r.value.dataDir).toBe('/repo/data');
  });

  it('names every bad value, in both languages', () => {
    const r = loadConfig({
      PORT: '70000',
      DATABASE_URL: 'mysql://x',
      RATE_LIMIT_PER_KEY: 'fast',
      LOG_LEVEL: 'loud',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.variable).sort()).toEqual([
      'DATABASE_URL',
      'LOG_LEVEL',
      'PORT',
      'RATE_LIMIT_PER_KEY',
    ]);
    const text = formatConfigIssues(r.issues);
    expect(text).toContain('PORT 0 ile 65535 arasında bir tam sayı olmalı');
    expect(text).toContain('PORT must be an integer from 0 to 65535');
  });

  it('requires credentials and shared secrets against a real İYS', () => {
    const r = loadConfig({ IYS_BASE_URL: 'https://api.iys.example' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.variable).sort()).toEqual([
      'IYS_CODE',
      'IYS_PASSWORD',
      'IYS_USERNAME',
      'IZINKIT_ENCRYPTION_KEYS',
      'IZINKIT_LOG_SIGNING_KEY',
      'IZINKIT_LOOKUP_KEY',
    ]);
  });
});
