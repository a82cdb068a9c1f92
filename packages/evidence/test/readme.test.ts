// The README's example, run as written (so the documentation cannot drift from the code).
import { expect, it } from 'vitest';
import {
  buildEvidence,
  bundleFromLog,
  checkpointOf,
  evidenceEntry,
  generateNoteKey,
  MemoryHashStore,
  MerkleLog,
  noteSignerFromKey,
  sha256Hex,
  signCheckpoint,
  verifyEvidenceBundle,
} from '../src/index.js';

it('the README example runs and verifies', async () => {
  const r = buildEvidence({
    id: 'rec-1',
    subject: { identifiers: [{ kind: 'PHONE', value: '+905321234567' }], recipientType: 'BIREYSEL' },
    subjectKey: { id: 'k1', secret: new Uint8Array(32).fill(7) },
    decision: { status: 'ONAY', channel: 'MESAJ', source: 'HS_WEB' },
    agreement: { versionId: 'etk-v3', textHash: sha256Hex(new TextEncoder().encode('ETK onay metni')) },
    actor: { type: 'SUBJECT' },
    client: {
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    },
    serverTime: new Date('2025-03-01T07:15:00Z'),
  });
  if (!r.ok) throw new Error(r.error.message);
  const log = new MerkleLog(new MemoryHashStore());
  const { index } = await log.append(evidenceEntry(r.value).entry);
  const { signerKey, verifierKey } = generateNoteKey('consent.example.com/evidence');
  const signer = noteSignerFromKey(signerKey);
  if (!signer.ok) throw new Error(signer.error.message);
  const checkpoint = signCheckpoint(checkpointOf('consent.example.com/evidence', log.state), signer.value);
  const bundle = await bundleFromLog(log, { record: r.value, leafIndex: index, checkpoint });
  const report = await verifyEvidenceBundle(JSON.stringify(bundle), { logKeys: [verifierKey] });
  expect(report.ok).toBe(true);
  expect(report.proved[0]).toMatch(/^Record rec-1: ONAY for channel MESAJ via HS_WEB/);
});
