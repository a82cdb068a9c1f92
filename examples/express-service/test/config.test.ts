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
  it('explains every variable in its own words when its value is bad', () => {
    const bad: Record<string, string> = {
      PORT: '-1',
      HOST: 'a b',
      DATABASE_URL: 'mysql://x',
      DATABASE_POOL_SIZE: '0',
      DATABASE_WRITE_LANES: '33',
      DATABASE_SCHEMA: 'Bad-Schema',
      IYS_BASE_URL: 'ftp://x',
      IYS_CODE: 'abc',
      IZINKIT_API_KEY: 'short',
      IZINKIT_LOOKUP_KEY: 'AAAA',
      IZINKIT_ENCRYPTION_KEYS: 'k1:AAAA',
      IZINKIT_LOG_SIGNING_KEY: 'secret',
      IZINKIT_ADMIN_PASSWORD: 'short',
      IZINKIT_ADMIN_USER: 'A',
      IZINKIT_PUBLIC_URL: 'nope',
      IZINKIT_EVIDENCE_ORIGIN: 'has space',
      IZINKIT_MESSAGES: 'carrier-pigeon',
      IZINKIT_MESSAGE_WEBHOOK_URL: 'nope',
      IZINKIT_WORKERS: 'maybe',
      LOG_LEVEL: 'loud',
      RATE_LIMIT_PER_KEY: '0:1',
      RATE_LIMIT_PER_IP: 'fast',
      BODY_LIMIT_BYTES: '10',
      IMPORT_LIMIT_BYTES: '99999999999',
      TRUST_PROXY: '11',
    };
    for (const [variable, value] of Object.entries(bad)) {
      const r = loadConfig({ [variable]: value });
      expect(r.ok, variable).toBe(false);
      if (r.ok) continue;
      expect(r.issues.map((i) => i.variable)).toEqual([variable]);
      const [i] = r.issues;
      expect(i?.tr.startsWith(`${variable} `) && !i.tr.includes('geçersiz değer'), i?.tr).toBe(true);
      expect(i?.en.startsWith(`${variable} `) && !i.en.includes('invalid value'), i?.en).toBe(true);
    }
    const limit = loadConfig({ BODY_LIMIT_BYTES: '10' });
    expect(!limit.ok && limit.issues[0]?.en).toBe(
      'BODY_LIMIT_BYTES must be an integer from 1024 to 104857600',
    );
  });
});
