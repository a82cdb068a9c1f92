/**
 * Every endpoint × (no key, a key for another brand, a key for the right brand, a read-only key):
 * 401, 403, allowed, and 403 for writes only — each refusal as RFC 9457 problem+json.
 */
import { databaseFixtures } from '@izinkit/test-utils/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '../src/http/route.js';
import { ROUTES } from '../src/routes/index.js';
import { startTestService, type TestService } from './helpers.js';
import { sampleInit, samplePath } from './requests.js';

const WRITE: ReadonlySet<Permission> = new Set([
  'consents:write',
  'agreements:write',
  'dsr:write',
  'retailers:write',
  'admin',
]);
const guarded = ROUTES.filter((r) => r.auth.kind !== 'public');

describe.each(databaseFixtures())('auth matrix on $name', (fixture) => {
  let svc: TestService;
  let otherBrandKey: string;
  let readOnlyKey: string;
  beforeAll(async () => {
    svc = await startTestService(fixture, {}, { workers: false });
    otherBrandKey = (
      await svc.hub.access.createApiKey({
        name: 'other',
        scopes: [{ brands: ['600001'], permissions: ['*'] }],
      })
    ).key;
    readOnlyKey = (
      await svc.hub.access.createApiKey({
        name: 'ro',
        scopes: [
          {
            brands: '*',
            permissions: [
              'consents:read',
              'agreements:read',
              'evidence:read',
              'dsr:read',
              'sync:read',
              'retailers:read',
              'reports:read',
            ],
          },
        ],
      })
    ).key;
  }, 180_000);
  afterAll(async () => {
    await svc?.dispose();
  }, 60_000);

  it('covers every guarded route', () => {
    expect(guarded.length).toBeGreaterThan(30);
  });

  const send = async (r: (typeof ROUTES)[number], key: string | null, brand = '600000') => {
    const res = await fetch(`${svc.url}${samplePath(r, brand)}`, sampleInit(r, key));
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', text };
  };

  it.each(guarded.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s', async (_name, r) => {
    // No key: 401.
    const none = await send(r, null);
    expect(none.status).toBe(401);
    expect(none.type).toMatch(/application\/problem\+json/);
    expect(JSON.parse(none.text)).toMatchObject({ status: 401, code: 'unauthorized' });

    // A key for brand 600001 only.
    const other = await send(r, otherBrandKey);
    if (r.auth.kind === 'key') {
      expect([401, 403]).not.toContain(other.status);
    } else {
      expect(other.status).toBe(403);
      expect(other.type).toMatch(/application\/problem\+json/);
      expect(JSON.parse(other.text)).toMatchObject({ status: 403, code: 'forbidden' });
    }

    // The right brand, full scope: past authorisation, never a 5xx.
    const right = await send(r, 'test-full-key-0123456789abcdef');
    expect([401, 403]).not.toContain(right.status);
    expect(right.status).toBeLessThan(500);

    // Read-only scope: writes refused, reads allowed.
    const ro = await send(r, readOnlyKey);
    if (r.auth.kind !== 'public' && WRITE.has(r.auth.permission)) {
      expect(ro.status).toBe(403);
      expect(ro.type).toMatch(/application\/problem\+json/);
    } else {
      expect([401, 403]).not.toContain(ro.status);
      expect(ro.status).toBeLessThan(500);
    }
  });
});
