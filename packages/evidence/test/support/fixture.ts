/** Builds a small evidence log, a signed and time-stamped checkpoint, and a bundle — as a service would. */
import {
  buildEvidence,
  bundleFromLog,
  checkpointOf,
  type EvidenceBundle,
  type EvidenceInput,
  type EvidenceRecord,
  evidenceEntry,
  generateNoteKey,
  MemoryHashStore,
  MerkleLog,
  noteSignerFromKey,
  sha256Hex,
  signCheckpoint,
  timeStampRequestForCheckpoint,
  verifyTimeStampResponse,
} from '../../src/index.js';
import { respond, type TestPki, type TsaBehaviour, testPki } from './pki.js';

export const ORIGIN = 'consent.example.com/evidence';

export interface Fixture {
  readonly pki: TestPki;
  readonly log: MerkleLog;
  readonly records: EvidenceRecord[];
  readonly signerKey: string;
  readonly verifierKey: string;
  readonly checkpoint: string;
  readonly token: Uint8Array;
  readonly nonce: Uint8Array;
  /** The bundle of record #index (a fresh object each call). */
  bundle(index: number, withTimestamp?: boolean): Promise<EvidenceBundle>;
}

export function evidenceInput(i: number, over: Partial<EvidenceInput> = {}): EvidenceInput {
  return {
    id: `rec-${String(i).padStart(5, '0')}`,
    subject: {
      identifiers: [{ kind: 'PHONE', value: `+90532${String(1000000 + i)}` }],
      recipientType: 'BIREYSEL',
    },
    subjectKey: { id: 'k-2025', secret: new Uint8Array(32).fill(42) },
    decision: { status: i % 5 === 0 ? 'RET' : 'ONAY', channel: i % 2 ? 'MESAJ' : 'EPOSTA', source: 'HS_WEB' },
    agreement: {
      versionId: 'etk-2025-03',
      textHash: sha256Hex(new TextEncoder().encode('ETK onay metni v3')),
      locale: 'tr',
    },
    actor: i % 3 === 0 ? { type: 'AGENT', id: `agent-${i % 7}`, role: 'call-centre' } : { type: 'SUBJECT' },
    client: {
      ip: `192.0.2.${i % 250}`,
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    },
    serverTime: new Date(Date.UTC(2025, 2, 1, 7, 0, 0) + i * 1000),
    attachments: [
      { name: 'a.pdf', mediaType: 'application/pdf', sha256: 'aa'.repeat(32) },
      { name: 'b.png', mediaType: 'image/png', sha256: 'bb'.repeat(32) },
    ],
    ...over,
  };
}

export async function makeFixture(count = 40, tsa: TsaBehaviour = {}): Promise<Fixture> {
  const pki = await testPki();
  const log = new MerkleLog(new MemoryHashStore());
  const records: EvidenceRecord[] = [];
  for (let i = 0; i < count; i++) {
    const r = buildEvidence(evidenceInput(i));
    if (!r.ok) throw new Error(r.error.message);
    records.push(r.value);
    await log.append(evidenceEntry(r.value).entry);
  }
  const { signerKey, verifierKey } = generateNoteKey(ORIGIN);
  const signer = noteSignerFromKey(signerKey);
  if (!signer.ok) throw new Error(signer.error.message);
  const checkpoint = signCheckpoint(checkpointOf(ORIGIN, log.state), signer.value);
  const req = timeStampRequestForCheckpoint(checkpoint);
  const resp = await respond(req.der, tsa);
  const ts = await verifyTimeStampResponse(resp, {
    data: new TextEncoder().encode(checkpoint),
    nonce: req.nonce,
    trustAnchors: [pki.root.pem],
  });
  if (!ts.ok) throw new Error(ts.error.message);
  return {
    pki,
    log,
    records,
    signerKey,
    verifierKey,
    checkpoint,
    token: ts.value.token,
    nonce: req.nonce,
    bundle: (index, withTimestamp = true) =>
      bundleFromLog(log, {
        record: records[index]!,
        leafIndex: index,
        checkpoint,
        logKey: verifierKey,
        ...(withTimestamp ? { timestamp: { token: ts.value.token, nonce: req.nonce } } : {}),
      }),
  };
}
