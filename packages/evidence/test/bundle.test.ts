import { spawnSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BundleReport,
  buildEvidence,
  canonicalize,
  checkpointOf,
  createEvidenceBundle,
  type EvidenceBundle,
  EvidenceBundleSchema,
  evidenceEntry,
  formatBundleReport,
  generateNoteKey,
  MemoryHashStore,
  MerkleLog,
  noteSignerFromKey,
  noteVerifierFromKey,
  signCheckpoint,
  verifyEvidenceBundle,
} from '../src/index.js';
import { runVerifyCli } from '../src/verify-cli.js';
import { evidenceInput, type Fixture, makeFixture, ORIGIN } from './support/fixture.js';

let fx: Fixture;
beforeAll(async () => {
  fx = await makeFixture(40);
});

const clone = (b: EvidenceBundle): EvidenceBundle => JSON.parse(JSON.stringify(b));
const opts = () => ({ logKeys: [fx.verifierKey], trustAnchors: [fx.pki.root.pem] });
const failedCodes = (r: BundleReport): string[] =>
  r.checks.filter((c) => c.status === 'fail').map((c) => c.code ?? '?');

function expectFailure(r: BundleReport, code: string): void {
  expect(r.ok).toBe(false);
  expect(failedCodes(r)).toContain(code);
  for (const c of r.checks.filter((x) => x.status === 'fail')) {
    expect(c.message.length).toBeGreaterThan(15);
    expect(c.messageTr.length).toBeGreaterThan(15);
  }
  expect(r.proved).toEqual([]);
}

describe('evidence bundles', () => {
  it('a complete bundle verifies and says what it proves, in Turkish and English', async () => {
    const b = await fx.bundle(7);
    expect(EvidenceBundleSchema.safeParse(b).success).toBe(true);
    const r = await verifyEvidenceBundle(JSON.stringify(b), {
      ...opts(),
      origin: ORIGIN,
      requireTimestamp: true,
    });
    expect(failedCodes(r)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.checks.map((c) => `${c.id}:${c.status}`)).toEqual([
      'format:pass',
      'canonical:pass',
      'checkpoint:pass',
      'inclusion:pass',
      'timestamp:pass',
      'times:pass',
    ]);
    expect(r.proved.join('\n')).toMatch(/entry #7 of log consent\.example\.com\/evidence/);
    expect(r.proved.join('\n')).toMatch(/existed no later than 2025-03-01T07:20:00.000Z/);
    expect(r.provedTr.join('\n')).toMatch(/#7 numaralı kayıt/);
    expect(r.caveats).toEqual([]);
    expect(r.timestamp?.genTime.toISOString()).toBe('2025-03-01T07:20:00.000Z');
    const text = formatBundleReport(r);
    expect(text).toMatch(/SONUÇ: DOĞRULANDI/);
    expect(text).toMatch(/RESULT: VERIFIED/);
  });

  it('every record of the log has a bundle that verifies', async () => {
    for (let i = 0; i < fx.records.length; i += 3) {
      const r = await verifyEvidenceBundle(await fx.bundle(i, false), { logKeys: [fx.verifierKey] });
      expect(r.ok, `record ${i}`).toBe(true);
    }
  });

  it('without a trust anchor the time stamp is skipped, with a caveat; when required, it fails', async () => {
    const b = await fx.bundle(3);
    const r = await verifyEvidenceBundle(b, { logKeys: [fx.verifierKey] });
    expect(r.ok).toBe(true);
    expect(r.checks.find((c) => c.id === 'timestamp')?.status).toBe('skip');
    expect(r.caveats.join(' ')).toMatch(/does not prove when/);
    expectFailure(
      await verifyEvidenceBundle(b, { logKeys: [fx.verifierKey], requireTimestamp: true }),
      'TRUST_ANCHOR_MISSING',
    );
    expectFailure(
      await verifyEvidenceBundle(await fx.bundle(3, false), { ...opts(), requireTimestamp: true }),
      'TIMESTAMP_MISSING',
    );
  });

  it("without a given key it uses the bundle's own, and says that proves integrity only", async () => {
    const b = await fx.bundle(4);
    const r = await verifyEvidenceBundle(b, { trustAnchors: [fx.pki.root.pem] });
    expect(r.ok).toBe(true);
    expect(r.caveats.join(' ')).toMatch(/taken from the bundle itself/);
    expect(r.caveatsTr.join(' ')).toMatch(/paketin içinden/);
    const { logKey: _, ...noKey } = clone(b);
    expectFailure(await verifyEvidenceBundle(noKey, {}), 'LOG_KEY_MISSING');
  });

  describe('tampering is detected, each with a clear reason', () => {
    it('one field of the record changed', async () => {
      const b = clone(await fx.bundle(10));
      (b.record.decision as { status: string }).status = b.record.decision.status === 'ONAY' ? 'RET' : 'ONAY';
      expectFailure(await verifyEvidenceBundle(b, opts()), 'CANONICAL_MISMATCH');
    });

    it('one field changed in both the record and its canonical form', async () => {
      const b = clone(await fx.bundle(10));
      (b.record.times as { server: string }).server = '2025-02-01T07:00:00.000Z';
      (b as { canonical: string }).canonical = canonicalize(b.record);
      expectFailure(await verifyEvidenceBundle(b, opts()), 'INCLUSION_INVALID');
    });

    it('reordered: members of the canonical form, attachments, or proof hashes', async () => {
      const b1 = clone(await fx.bundle(11));
      const obj = JSON.parse(b1.canonical) as Record<string, unknown>;
      (b1 as { canonical: string }).canonical = JSON.stringify(
        Object.fromEntries(Object.entries(obj).reverse()),
      );
      expectFailure(await verifyEvidenceBundle(b1, opts()), 'CANONICAL_MISMATCH');

      const b2 = clone(await fx.bundle(11));
      (b2.record as unknown as { attachments: unknown[] }).attachments = [
        ...b2.record.attachments!,
      ].reverse();
      (b2 as { canonical: string }).canonical = canonicalize(b2.record);
      expectFailure(await verifyEvidenceBundle(b2, opts()), 'INCLUSION_INVALID');

      const b3 = clone(await fx.bundle(11));
      (b3 as unknown as { inclusionProof: string[] }).inclusionProof = [...b3.inclusionProof].reverse();
      expectFailure(await verifyEvidenceBundle(b3, opts()), 'INCLUSION_INVALID');

      // reordering the members of the readable record alone changes nothing: it is the same data
      const b4 = clone(await fx.bundle(11));
      (b4 as { record: unknown }).record = Object.fromEntries(Object.entries(b4.record).reverse());
      expect((await verifyEvidenceBundle(b4, opts())).ok).toBe(true);
    });

    it("another record's proof, or another index", async () => {
      const b = clone(await fx.bundle(12));
      (b as { inclusionProof: readonly string[] }).inclusionProof = (await fx.bundle(13)).inclusionProof;
      expectFailure(await verifyEvidenceBundle(b, opts()), 'INCLUSION_INVALID');
      const c = clone(await fx.bundle(12));
      (c as { leafIndex: number }).leafIndex = 13;
      expectFailure(await verifyEvidenceBundle(c, opts()), 'INCLUSION_INVALID');
      const d = clone(await fx.bundle(12));
      (d as unknown as { inclusionProof: string[] }).inclusionProof = ['AAAA'];
      expectFailure(await verifyEvidenceBundle(d, opts()), 'INCLUSION_INVALID');
    });

    it('a record that was never logged, with a proof from the log', async () => {
      const forged = buildEvidence(evidenceInput(12, { id: 'rec-forged' }));
      if (!forged.ok) throw new Error('invalid');
      const b = clone(await fx.bundle(12));
      (b as { record: unknown }).record = forged.value;
      (b as { canonical: string }).canonical = canonicalize(forged.value);
      expectFailure(await verifyEvidenceBundle(b, opts()), 'INCLUSION_INVALID');
    });

    it('the wrong log key', async () => {
      const other = generateNoteKey(ORIGIN).verifierKey;
      const r = await verifyEvidenceBundle(await fx.bundle(14), {
        logKeys: [other],
        trustAnchors: [fx.pki.root.pem],
      });
      expectFailure(r, 'NOTE_UNVERIFIED');
      expectFailure(
        await verifyEvidenceBundle(await fx.bundle(14), { logKeys: ['garbage'] }),
        'LOG_KEY_MISSING',
      );
    });

    it('a checkpoint edited, or re-signed by a forger over a rewritten log', async () => {
      const b = clone(await fx.bundle(15));
      (b as { checkpoint: string }).checkpoint = b.checkpoint.replace(
        `\n${fx.log.size}\n`,
        `\n${fx.log.size + 1}\n`,
      );
      expectFailure(await verifyEvidenceBundle(b, opts()), 'NOTE_BAD_SIGNATURE');

      // The forger builds their own log with a changed record and signs with their own key.
      const forger = generateNoteKey(ORIGIN);
      const log = new MerkleLog(new MemoryHashStore());
      const changed = buildEvidence(
        evidenceInput(15, { decision: { status: 'ONAY', channel: 'MESAJ', source: 'HS_WEB' } }),
      );
      if (!changed.ok) throw new Error('invalid');
      for (let i = 0; i < fx.records.length; i++) {
        await log.append(evidenceEntry(i === 15 ? changed.value : fx.records[i]!).entry);
      }
      const s = noteSignerFromKey(forger.signerKey);
      if (!s.ok) throw new Error('key');
      const forgedCheckpoint = signCheckpoint(checkpointOf(ORIGIN, log.state), s.value);
      const forged = createEvidenceBundle({
        record: changed.value,
        leafIndex: 15,
        inclusionProof: await log.inclusionProof(15),
        checkpoint: forgedCheckpoint,
        logKey: forger.verifierKey,
      });
      // with the real log key: rejected
      expectFailure(await verifyEvidenceBundle(forged, { logKeys: [fx.verifierKey] }), 'NOTE_UNVERIFIED');
      // trusting the bundle's own key, it "verifies" — which is exactly what the caveat warns about
      const self = await verifyEvidenceBundle(forged, {});
      expect(self.ok).toBe(true);
      expect(self.caveats.join(' ')).toMatch(/not that the log you trust signed it/);
    });

    it("the wrong root: a checkpoint the log's own key signed, but for another tree", async () => {
      // The real signer signs an honest checkpoint of a different tree (the log one entry shorter
      // and one entry longer): the signature is good, the root is not the one the proof leads to.
      const signer = noteSignerFromKey(fx.signerKey);
      if (!signer.ok) throw new Error('key');
      for (const size of [fx.records.length - 1, fx.records.length + 1]) {
        const log = new MerkleLog(new MemoryHashStore());
        for (let i = 0; i < size; i++) {
          const rec = fx.records[i] ?? fx.records[0]!;
          await log.append(evidenceEntry(rec).entry);
        }
        const b = clone(await fx.bundle(3));
        (b as { checkpoint: string }).checkpoint = signCheckpoint(
          checkpointOf(ORIGIN, log.state),
          signer.value,
        );
        expectFailure(await verifyEvidenceBundle(b, { logKeys: [fx.verifierKey] }), 'INCLUSION_INVALID');
      }
      // Same size, another root (one record swapped), still signed by the real key.
      const log = new MerkleLog(new MemoryHashStore());
      for (let i = 0; i < fx.records.length; i++) {
        await log.append(evidenceEntry(fx.records[i === 20 ? 21 : i]!).entry);
      }
      const b = clone(await fx.bundle(3));
      (b as { checkpoint: string }).checkpoint = signCheckpoint(
        checkpointOf(ORIGIN, log.state),
        signer.value,
      );
      expectFailure(await verifyEvidenceBundle(b, { logKeys: [fx.verifierKey] }), 'INCLUSION_INVALID');
    });

    it('a bad signature: the signature bytes of the checkpoint altered', async () => {
      const b = clone(await fx.bundle(16));
      const lines = b.checkpoint.split('\n');
      const at = lines.findIndex((l) => l.startsWith('\u2014 '));
      expect(at).toBeGreaterThan(0);
      const sigLine = lines[at]!;
      const b64 = sigLine.slice(sigLine.lastIndexOf(' ') + 1);
      const raw = Buffer.from(b64, 'base64');
      raw[raw.length - 1]! ^= 0x01; // one bit of the Ed25519 signature
      lines[at] = `${sigLine.slice(0, sigLine.lastIndexOf(' ') + 1)}${raw.toString('base64')}`;
      (b as { checkpoint: string }).checkpoint = lines.join('\n');
      expectFailure(await verifyEvidenceBundle(b, opts()), 'NOTE_BAD_SIGNATURE');
    });

    it('a time stamp for another checkpoint, another anchor, another nonce, or an altered token', async () => {
      const other = await makeFixture(5);
      const b = clone(await fx.bundle(16));
      (b as { timestamp: unknown }).timestamp = (await other.bundle(0)).timestamp;
      expectFailure(await verifyEvidenceBundle(b, opts()), 'TSA_IMPRINT_MISMATCH');
      expectFailure(
        await verifyEvidenceBundle(await fx.bundle(16), {
          logKeys: [fx.verifierKey],
          trustAnchors: [fx.pki.otherRoot.pem],
        }),
        'TSA_CHAIN_INVALID',
      );
      const c = clone(await fx.bundle(16));
      (c as { timestamp: { token: string; nonce: string } }).timestamp = {
        token: c.timestamp!.token,
        nonce: 'abcdef',
      };
      expectFailure(await verifyEvidenceBundle(c, opts()), 'TSA_NONCE_MISMATCH');
      const d = clone(await fx.bundle(16));
      const raw = Buffer.from(d.timestamp!.token, 'base64');
      raw[raw.length - 5]! ^= 0x40;
      (d as { timestamp: { token: string } }).timestamp = { token: raw.toString('base64') };
      const rd = await verifyEvidenceBundle(d, opts());
      expect(rd.ok).toBe(false);
      expect(rd.checks.find((x) => x.id === 'timestamp')?.status).toBe('fail');
    });

    it('a record whose server time is after the time stamp', async () => {
      const late = await makeFixture(3, { genTime: new Date('2025-03-01T06:00:00Z') });
      expectFailure(
        await verifyEvidenceBundle(await late.bundle(1), {
          logKeys: [late.verifierKey],
          trustAnchors: [late.pki.root.pem],
        }),
        'RECORD_AFTER_TIMESTAMP',
      );
    });

    it('an unknown field smuggled into the record, or a file that is not a bundle', async () => {
      const b = clone(await fx.bundle(17)) as unknown as { record: Record<string, unknown> };
      b.record.extra = 'not signed';
      expectFailure(await verifyEvidenceBundle(b, opts()), 'BUNDLE_MALFORMED');
      expectFailure(await verifyEvidenceBundle('{"format":', opts()), 'BUNDLE_MALFORMED');
      expectFailure(await verifyEvidenceBundle({ format: 'other' }, opts()), 'BUNDLE_MALFORMED');
    });

    it('any single character changed in the canonical form, the proof or the checkpoint', async () => {
      const good = await fx.bundle(21);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('canonical', 'checkpoint', 'proof'),
          fc.nat(),
          fc.constantFrom(...'AbZ09+/=xQ\n -é'.split('')),
          async (field, at, ch) => {
            const b = clone(good) as unknown as {
              canonical: string;
              checkpoint: string;
              inclusionProof: string[];
            };
            const mutate = (s: string): string => {
              const i = at % s.length;
              return s[i] === ch
                ? `${s.slice(0, i)}${ch === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`
                : `${s.slice(0, i)}${ch}${s.slice(i + 1)}`;
            };
            if (field === 'canonical') b.canonical = mutate(b.canonical);
            else if (field === 'checkpoint') b.checkpoint = mutate(b.checkpoint);
            else {
              const k = at % b.inclusionProof.length;
              b.inclusionProof[k] = mutate(b.inclusionProof[k]!);
            }
            const r = await verifyEvidenceBundle(b, { logKeys: [fx.verifierKey] });
            expect(r.ok).toBe(false);
          },
        ),
        { numRuns: 150 },
      );
    });
  });
});

describe('izinkit-verify', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'izinkit-verify-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const memIo = (files: Record<string, string>) => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      io: {
        readFile: async (p: string) => {
          const f = files[p];
          if (f === undefined) throw new Error(`cannot read ${p}`);
          return f;
        },
        exists: async (p: string) => p in files,
        out: (t: string) => out.push(t),
        err: (t: string) => err.push(t),
      },
    };
  };

  it('exits 0 and explains a good bundle; 1 for a tampered one; 2 for bad usage', async () => {
    const good = JSON.stringify(await fx.bundle(5));
    const bad = clone(await fx.bundle(6));
    (bad.record.decision as { status: string }).status =
      bad.record.decision.status === 'ONAY' ? 'RET' : 'ONAY';
    const files = {
      'b.json': good,
      'bad.json': JSON.stringify(bad),
      'log.pub': `${fx.verifierKey}\n`,
      'ca.pem': fx.pki.root.pem,
    };
    let m = memIo(files);
    expect(await runVerifyCli(['b.json', '--key', 'log.pub', '--anchor', 'ca.pem'], m.io)).toBe(0);
    expect(m.out.join('')).toMatch(/SONUÇ: DOĞRULANDI[\s\S]*RESULT: VERIFIED[\s\S]*existed no later than/);

    // a PEM Ed25519 public key works as well (its name comes from the signature line)
    const pub = noteVerifierFromKey(fx.verifierKey);
    if (!pub.ok) throw new Error('key');
    const pem = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(pub.value.publicKey).toString('base64url') },
      format: 'jwk',
    }).export({ type: 'spki', format: 'pem' }) as string;
    m = memIo({ ...files, 'log.pem': pem });
    expect(await runVerifyCli(['b.json', '--key', 'log.pem'], m.io)).toBe(0);
    m = memIo({
      ...files,
      'other.pem': generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }) as string,
    });
    expect(await runVerifyCli(['b.json', '--key', 'other.pem'], m.io)).toBe(1);

    m = memIo(files);
    expect(await runVerifyCli(['b.json', '--key', fx.verifierKey, '--lang', 'en'], m.io)).toBe(0);
    expect(m.out.join('')).not.toMatch(/SONUÇ/);

    m = memIo(files);
    expect(
      await runVerifyCli(['bad.json', '--key', 'log.pub', '--anchor', 'ca.pem', '--lang', 'tr'], m.io),
    ).toBe(1);
    expect(m.out.join('')).toMatch(/DOĞRULANAMADI[\s\S]*CANONICAL_MISMATCH/);

    m = memIo(files);
    expect(await runVerifyCli(['b.json', '--key', 'log.pub', '--json'], m.io)).toBe(0);
    const report = JSON.parse(m.out.join(''));
    expect(report.ok).toBe(true);
    expect(report.checks).toHaveLength(6);

    for (const args of [
      [],
      ['--bogus'],
      ['b.json', '--key'],
      ['b.json', 'c.json'],
      ['missing.json'],
      ['b.json', '--lang', 'de'],
    ]) {
      m = memIo(files);
      expect(await runVerifyCli(args, m.io), args.join(' ')).toBe(2);
      expect(m.err.join('').length).toBeGreaterThan(0);
    }
    m = memIo(files);
    expect(await runVerifyCli(['--help'], m.io)).toBe(0);
  });

  it('runs as a program and sets the exit status', async () => {
    const good = join(dir, 'bundle.json');
    const bad = join(dir, 'bad.json');
    const ca = join(dir, 'ca.pem');
    writeFileSync(good, JSON.stringify(await fx.bundle(9), null, 2));
    const t = clone(await fx.bundle(9));
    (t as { leafIndex: number }).leafIndex = 8;
    writeFileSync(bad, JSON.stringify(t));
    writeFileSync(ca, fx.pki.root.pem);
    const tsx = join(import.meta.dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');
    const bin = join(import.meta.dirname, '..', 'src', 'bin', 'izinkit-verify.ts');
    const run = (file: string) =>
      spawnSync(tsx, ['--conditions=@izinkit/source', bin, file, '--key', fx.verifierKey, '--anchor', ca], {
        encoding: 'utf8',
        timeout: 60_000,
      });
    const ok = run(good);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/RESULT: VERIFIED/);
    const no = run(bad);
    expect(no.status).toBe(1);
    expect(no.stdout).toMatch(/INCLUSION_INVALID/);
    // bad usage: a file that does not exist → exit status 2 and a message on stderr, no stack trace
    const missing = run(join(dir, 'missing.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr.length).toBeGreaterThan(0);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  }, 90_000);
});
