import { databaseFixtures } from '@izinkit/test-utils/postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccessRepository, type Database, hashPassword, migrate, verifyPasswordHash } from '../src/index.js';

describe('password hashing', () => {
  it('verifies the right password and refuses others and malformed hashes', async () => {
    const h = await hashPassword('correct horse battery staple');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPasswordHash('correct horse battery staple', h)).toBe(true);
    expect(await verifyPasswordHash('correct horse battery stapl', h)).toBe(false);
    expect(await verifyPasswordHash('x', 'not-a-hash')).toBe(false);
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });
});

for (const fixture of databaseFixtures()) {
  describe(`AccessRepository on ${fixture.name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    let access: AccessRepository;
    beforeEach(async () => {
      ({ db, dispose } = await fixture.open());
      await migrate(db);
      access = new AccessRepository(db);
    });
    afterEach(async () => {
      await dispose();
    });

    it('creates API keys shown once, stored hashed, verifiable until revoked', async () => {
      const { key, info } = await access.createApiKey({
        name: 'crm',
        scopes: [{ brands: ['600000'], permissions: ['consents:read'] }],
      });
      expect(key).toMatch(/^izk_[A-Za-z0-9_-]{43}$/);
      const { rows } = await db.query<{ t: string }>('select t::text as t from api_keys t');
      expect(rows[0]!.t).not.toContain(key.slice(4));
      expect((await access.verifyApiKey(key))?.id).toBe(info.id);
      expect(await access.verifyApiKey(`${key}x`)).toBeNull();
      expect(await access.verifyApiKey('')).toBeNull();
      expect(await access.revokeApiKey(info.id)).toBe(true);
      expect(await access.verifyApiKey(key)).toBeNull();
      expect(await access.revokeApiKey(info.id)).toBe(false);
    });

    it('registers a caller-chosen key once (IZINKIT_API_KEY) and refuses short ones', async () => {
      const key = 'demo-key-for-external-checks';
      await access.createApiKey({ name: 'env', scopes: [{ brands: '*', permissions: ['*'] }], key });
      expect((await access.verifyApiKey(key))?.scopes).toEqual([{ brands: '*', permissions: ['*'] }]);
      await expect(access.createApiKey({ name: 'again', scopes: [], key })).rejects.toMatchObject({
        code: 'conflict',
      });
      await expect(access.createApiKey({ name: 'short', scopes: [], key: 'short' })).rejects.toMatchObject({
        code: 'invalid_option',
      });
    });

    it('logs admins in, keeps sessions by hashed token, and logs them out', async () => {
      const user = await access.createAdmin('admin', 'a-long-enough-password');
      expect(await access.verifyPassword('admin', 'wrong-password-here')).toBeNull();
      expect(await access.verifyPassword('nobody', 'a-long-enough-password')).toBeNull();
      expect((await access.verifyPassword('admin', 'a-long-enough-password'))?.id).toBe(user.id);
      const s = await access.createSession(user.id);
      const session = await access.getSession(s.token);
      expect(session?.user.username).toBe('admin');
      expect(session?.csrfToken).toBe(s.csrfToken);
      await access.endSession(s.token);
      expect(await access.getSession(s.token)).toBeNull();
      await expect(access.createAdmin('admin', 'another-long-password')).rejects.toMatchObject({
        code: 'conflict',
      });
      await expect(access.createAdmin('x', 'a-long-enough-password')).rejects.toMatchObject({
        code: 'invalid_option',
      });
    });

    it('writes every audit entry to the evidence log too', async () => {
      const a = await access.audit({
        actor: 'admin:1',
        action: 'agreement.publish',
        target: 'doc-1',
        details: { v: 1 },
      });
      await access.audit({ actor: 'api-key:2', action: 'consent.record' });
      const list = await access.listAudit();
      expect(list.map((e) => e.action)).toEqual(['consent.record', 'agreement.publish']);
      const { rows } = await db.query<{ canonical: string }>(
        'select canonical from evidence_entries where id = $1',
        [a.evidenceId],
      );
      expect(JSON.parse(rows[0]!.canonical)).toMatchObject({
        type: 'izinkit.audit/1',
        action: 'agreement.publish',
        details: { v: 1 },
      });
      expect(await access.listAudit({ action: 'consent.record' })).toHaveLength(1);
    });
  });
}
