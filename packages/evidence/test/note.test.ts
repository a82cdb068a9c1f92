import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  appendLeafHash,
  checkpointOf,
  EMPTY_LOG_STATE,
  ed25519NoteSigner,
  formatCheckpoint,
  generateNoteKey,
  leafHash,
  logRoot,
  noteKeyId,
  noteSignerFromKey,
  noteVerifierFromKey,
  openNote,
  parseCheckpoint,
  signCheckpoint,
  signNote,
  verifyCheckpoint,
} from '../src/index.js';

// The example of golang.org/x/mod/sumdb/note (its package documentation and tests).
const GO_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('signed notes (c2sp.org/signed-note)', () => {
  it('reproduces the Go note package: same key ID, same signature, same note', () => {
    const signer = ok(noteSignerFromKey(GO_SKEY));
    const verifier = ok(noteVerifierFromKey(GO_VKEY));
    expect(signer.keyId).toBe(0xc74f20a3);
    expect(verifier.keyId).toBe(0xc74f20a3);
    expect(noteKeyId('PeterNeumann', verifier.publicKey)).toBe(0xc74f20a3);
    expect(signNote(GO_TEXT, [signer])).toBe(GO_NOTE); // Ed25519 is deterministic
    const opened = ok(openNote(GO_NOTE, [verifier]));
    expect(opened.text).toBe(GO_TEXT);
    expect(opened.verifiedBy).toEqual([{ name: 'PeterNeumann', keyId: 0xc74f20a3 }]);
  });

  it('fails a changed text, an unknown key, and a key that only shares the name', () => {
    const verifier = ok(noteVerifierFromKey(GO_VKEY));
    const tampered = openNote(GO_NOTE.replace('cryptography', 'cryptographY'), [verifier]);
    expect(tampered.ok).toBe(false);
    if (!tampered.ok) {
      expect(tampered.error.code).toBe('NOTE_BAD_SIGNATURE');
      expect(tampered.error.messageTr).toMatch(/imza/);
    }
    const other = ok(noteVerifierFromKey(generateNoteKey('PeterNeumann').verifierKey));
    const r = openNote(GO_NOTE, [other]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('NOTE_UNVERIFIED');
  });

  it('ignores signatures of unknown keys beside a good one (key rotation, witnesses)', () => {
    const a = generateNoteKey('log.example/a');
    const b = generateNoteKey('witness.example/w');
    const note = signNote('hello\n', [
      ok(noteSignerFromKey(a.signerKey)),
      ok(noteSignerFromKey(b.signerKey)),
    ]);
    const opened = ok(openNote(note, [ok(noteVerifierFromKey(a.verifierKey))]));
    expect(opened.verifiedBy.map((v) => v.name)).toEqual(['log.example/a']);
    expect(opened.otherSignatures.map((v) => v.name)).toEqual(['witness.example/w']);
  });

  it('rejects malformed notes and keys', () => {
    const v = ok(noteVerifierFromKey(GO_VKEY));
    for (const bad of [
      'no blank line\n',
      GO_NOTE.slice(0, -1),
      GO_NOTE.replace('\u2014 ', '-- '),
      GO_NOTE.replace('PeterNeumann x08', 'Peter+Neumann x08'),
      `${GO_TEXT}\u0007\n${GO_NOTE.slice(GO_TEXT.length)}`,
      GO_NOTE.replace(/=\n$/, '!\n'),
    ]) {
      const r = openNote(bad, [v]);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
    }
    expect(noteVerifierFromKey('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW').ok).toBe(
      false,
    );
    expect(noteVerifierFromKey('PeterNeumann+c74f20a3+ARpc2Q').ok).toBe(false);
    expect(noteVerifierFromKey('a b+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW').ok).toBe(false);
    expect(noteSignerFromKey(GO_VKEY).ok).toBe(false);
    expect(() => signNote('no newline', [ok(noteSignerFromKey(GO_SKEY))])).toThrow(TypeError);
  });

  it('works with a node:crypto key and round-trips generated keys', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const s = ed25519NoteSigner('example.com/log', privateKey);
    const k = generateNoteKey('example.com/log');
    expect(k.signerKey.startsWith('PRIVATE+KEY+example.com/log+')).toBe(true);
    const s2 = ok(noteSignerFromKey(k.signerKey));
    const v2 = ok(noteVerifierFromKey(k.verifierKey));
    expect(s2.keyId).toBe(v2.keyId);
    expect(openNote(signNote('x\n', [s2]), [v2]).ok).toBe(true);
    expect(openNote(signNote('x\n', [s]), [v2]).ok).toBe(false);
  });
});

describe('checkpoints (c2sp.org/tlog-checkpoint)', () => {
  const keys = generateNoteKey('consent.example.com/evidence');
  const signer = ok(noteSignerFromKey(keys.signerKey));
  const verifier = ok(noteVerifierFromKey(keys.verifierKey));
  let state = EMPTY_LOG_STATE;
  for (let i = 0; i < 11; i++) state = appendLeafHash(state, leafHash(Uint8Array.of(i))).state;

  it('formats origin, size and base64 root hash, one per line, and parses back', () => {
    const cp = checkpointOf('consent.example.com/evidence', state);
    const text = formatCheckpoint(cp);
    expect(text).toBe(
      `consent.example.com/evidence\n11\n${Buffer.from(logRoot(state)).toString('base64')}\n`,
    );
    const back = ok(parseCheckpoint(text));
    expect(back.size).toBe(11);
    expect(Buffer.from(back.rootHash).equals(Buffer.from(cp.rootHash))).toBe(true);
    const ext = ok(parseCheckpoint(`${text}extension line\n`));
    expect(ext.extensions).toEqual(['extension line']);
    expect(ok(parseCheckpoint('o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n')).size).toBe(0);
  });

  it('rejects malformed checkpoints', () => {
    const root = Buffer.from(logRoot(state)).toString('base64');
    for (const bad of [
      `o\n011\n${root}\n`,
      `o\n-1\n${root}\n`,
      `o\n11\n${root}`,
      `\n11\n${root}\n`,
      `o\n11\nAAAA\n`,
      `o\n11\n${root}\n\n`,
      `o\n11\n`,
    ]) {
      const r = parseCheckpoint(bad);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('CHECKPOINT_MALFORMED');
    }
  });

  it('signs and verifies, and checks the origin', () => {
    const note = signCheckpoint(checkpointOf('consent.example.com/evidence', state), signer);
    const v = ok(verifyCheckpoint(note, [verifier], { origin: 'consent.example.com/evidence' }));
    expect(v.size).toBe(11);
    expect(v.note).toBe(note);
    const wrongOrigin = verifyCheckpoint(note, [verifier], { origin: 'other.example/log' });
    expect(wrongOrigin.ok ? '' : wrongOrigin.error.code).toBe('CHECKPOINT_WRONG_ORIGIN');
    const grown = note.replace('\n11\n', '\n12\n');
    const r = verifyCheckpoint(grown, [verifier]);
    expect(r.ok ? '' : r.error.code).toBe('NOTE_BAD_SIGNATURE');
  });
});
