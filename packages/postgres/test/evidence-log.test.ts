import { createHash } from 'node:crypto';
import {
  generateNoteKey,
  leafHash,
  merkleTreeHead,
  noteSignerFromKey,
  noteVerifierFromKey,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
} from '@izinkit/evidence';
import { databaseFixtures } from '@izinkit/test-utils/postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccessRepository, type Database, EvidenceLogStore, migrate } from '../src/index.js';

const keys = generateNoteKey('izinkit.test');
const signer = (() => {
  const r = noteSignerFromKey(keys.signerKey);
  if (!r.ok) throw new Error('signer');
  return r.value;
})();
const verifier = (() => {
  const r = noteVerifierFromKey(keys.verifierKey);
  if (!r.ok) throw new Error('verifier');
  return r.value;
})();

for (const fixture of databaseFixtures()) {
  describe(`EvidenceLogStore on ${fixture.name}`, () => {
    let db: Database;
    let dispose: () => Promise<void>;
    let log: EvidenceLogStore;
    beforeEach(async () => {
      ({ db, dispose } = await fixture.open());
      await migrate(db);
      log = new EvidenceLogStore({ db, origin: 'izinkit.test/evidence', signer });
    });
    afterEach(async () => {
      await dispose();
    });

    it('sequences queued entries into an RFC 9162 tree whose proofs verify', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 37; i++)
        ids.push((await log.append(db, { kind: 'test', record: { n: i, z: 'ç' } })).id);
      expect((await log.sequence({ limit: 10 })).sequenced).toBe(10);
      const cp1 = await log.checkpoint();
      expect(cp1.treeSize).toBe(10);
      expect((await log.sequence()).sequenced).toBe(27);
      const cp2 = await log.checkpoint();
      // The root equals the RFC 9162 tree head of the canonical entries, computed independently.
      const data = [];
      for (const id of ids) data.push(new TextEncoder().encode((await log.entry(id))!.canonical));
      expect(Buffer.from((await log.head()).root)).toEqual(Buffer.from(merkleTreeHead(data)));
      for (const id of [ids[0]!, ids[9]!, ids[36]!]) {
        const e = (await log.entry(id))!;
        const { leafIndex, treeSize, proof } = await log.inclusionProof(id);
        expect(verifyInclusion(leafHash(data[leafIndex]!), leafIndex, treeSize, proof, cp2.rootHash)).toBe(
          true,
        );
        expect(Buffer.from(e.leafHash!)).toEqual(Buffer.from(leafHash(data[leafIndex]!)));
      }
      const consistency = await log.consistencyProof(10, 37);
      expect(verifyConsistency(10, 37, cp1.rootHash, cp2.rootHash, consistency)).toBe(true);
      const checked = verifyCheckpoint(cp2.note, [verifier], { origin: 'izinkit.test/evidence' });
      expect(checked.ok).toBe(true);
      expect(await log.checkpoint()).toEqual(cp2);
    });

    it('refuses proofs for entries not yet sequenced', async () => {
      const { id } = await log.append(db, { kind: 'test', record: { a: 1 } });
      await expect(log.inclusionProof(id)).rejects.toMatchObject({ code: 'not_found' });
    });

    it('chains audit entries in leaf order when they are sequenced', async () => {
      const access = new AccessRepository(db);
      await access.audit({ actor: 'admin:1', action: 'a' });
      await log.append(db, { kind: 'test', record: { x: 1 } });
      await access.audit({ actor: 'admin:1', action: 'b' });
      expect((await access.listAudit()).every((e) => e.hash === null)).toBe(true);
      await log.sequence();
      const [b, a] = await access.listAudit();
      const canon = async (evidenceId: number) => (await log.entry(evidenceId))!.canonical;
      expect(a!.prevHash).toBe('');
      expect(a!.hash).toBe(
        createHash('sha256')
          .update('')
          .update(await canon(a!.evidenceId))
          .digest('hex'),
      );
      expect(b!.prevHash).toBe(a!.hash);
      expect(b!.hash).toBe(
        createHash('sha256')
          .update(a!.hash!)
          .update(await canon(b!.evidenceId))
          .digest('hex'),
      );
    });
  });
}
