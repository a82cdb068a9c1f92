/**
 * C2SP signed notes (c2sp.org/signed-note) with Ed25519 signatures, and keys in the text form
 * Go's golang.org/x/mod/sumdb/note uses, so checkpoints signed here verify with the Go tooling
 * and the other way round.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { EvidenceTypeError } from './errors.js';
import { fromBase64, toBase64, utf8 } from './internal/bytes.js';
import { sha256 } from './internal/hash.js';
import type { Problem, Result } from './result.js';

/** The C2SP signature type byte of Ed25519. */
const ED25519 = 0x01;
const MAX_SIGNATURES = 100;

/**
 * Something that signs a note: a key name, its 32-bit key ID and an Ed25519 private key.
 *
 * @example
 * ```ts
 * const { signerKey } = generateNoteKey('example.com/log');
 * const r = noteSignerFromKey(signerKey);
 * if (r.ok) console.log(r.value.name); // 'example.com/log'
 * ```
 */
export interface NoteSigner {
  /** The key name (for a log, its origin). */
  readonly name: string;
  /** The key ID: the first four bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key), big-endian. */
  readonly keyId: number;
  /** The raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  /**
   * Signs a message.
   *
   * @param message - the bytes to sign (the note text)
   */
  sign(message: Uint8Array): Uint8Array;
}

/**
 * Something that verifies note signatures made by one key.
 *
 * @example
 * ```ts
 * const { verifierKey } = generateNoteKey('example.com/log');
 * const r = noteVerifierFromKey(verifierKey);
 * if (r.ok) console.log(r.value.keyId.toString(16));
 * ```
 */
export interface NoteVerifier {
  /** The key name. */
  readonly name: string;
  /** The key ID. */
  readonly keyId: number;
  /** The raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  /**
   * True when `signature` is this key's signature of `message`.
   *
   * @param message - the signed bytes
   * @param signature - the signature (without the key ID)
   */
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/** Codes of signed-note failures. */
export type NoteErrorCode = 'KEY_INVALID' | 'NOTE_MALFORMED' | 'NOTE_BAD_SIGNATURE' | 'NOTE_UNVERIFIED';

/**
 * A failure to read a key or to open a note.
 *
 * @example
 * ```ts
 * const r = openNote('not a note', []);
 * if (!r.ok) console.log(r.error.code); // 'NOTE_MALFORMED'
 * ```
 */
export interface NoteError extends Problem<NoteErrorCode> {}

const fail = (code: NoteErrorCode, message: string, messageTr: string): { ok: false; error: NoteError } => ({
  ok: false,
  error: { code, message, messageTr },
});

/** Key names must be non-empty and hold no Unicode space and no `+`. */
function validKeyName(name: string): boolean {
  return typeof name === 'string' && name.length > 0 && !/[\s+]/u.test(name) && !hasControl(name);
}

function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) return true;
  }
  return false;
}

/**
 * The C2SP key ID of an Ed25519 key: the first four bytes, big-endian, of
 * SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key).
 *
 * @example
 * ```ts
 * const id = noteKeyId('example.com/log', new Uint8Array(32));
 * ```
 */
export function noteKeyId(name: string, publicKey: Uint8Array): number {
  const n = utf8(name);
  const buf = new Uint8Array(n.length + 2 + publicKey.length);
  buf.set(n, 0);
  buf[n.length] = 0x0a;
  buf[n.length + 1] = ED25519;
  buf.set(publicKey, n.length + 2);
  const h = sha256(buf);
  return ((h[0]! << 24) | (h[1]! << 16) | (h[2]! << 8) | h[3]!) >>> 0;
}

const hex8 = (id: number): string => id.toString(16).padStart(8, '0');

function rawPublicKey(pub: KeyObject): Uint8Array {
  const jwk = pub.export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.x ?? '', 'base64url'));
}

function publicKeyObject(raw: Uint8Array): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') },
    format: 'jwk',
  });
}

function privateKeyObject(seed: Uint8Array): KeyObject {
  // PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410).
  const prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
  return createPrivateKey({ key: Buffer.concat([prefix, seed]), format: 'der', type: 'pkcs8' });
}

/**
 * A {@link NoteSigner} from an Ed25519 private key (a node:crypto `KeyObject`).
 *
 * @example
 * ```ts
 * import { generateKeyPairSync } from 'node:crypto';
 * const signer = ed25519NoteSigner('example.com/log', generateKeyPairSync('ed25519').privateKey);
 * ```
 */
export function ed25519NoteSigner(name: string, privateKey: KeyObject): NoteSigner {
  if (!validKeyName(name)) throw new EvidenceTypeError(`invalid key name ${JSON.stringify(name)}`);
  if (privateKey.asymmetricKeyType !== 'ed25519' || privateKey.type !== 'private') {
    throw new EvidenceTypeError('an Ed25519 private key is required');
  }
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  const keyId = noteKeyId(name, publicKey);
  return {
    name,
    keyId,
    publicKey,
    sign: (message) => new Uint8Array(sign(null, message, privateKey)),
  };
}

/**
 * A {@link NoteVerifier} for a raw 32-byte Ed25519 public key.
 *
 * @example
 * ```ts
 * const { verifierKey } = generateNoteKey('example.com/log');
 * const v = noteVerifierFromKey(verifierKey);
 * if (v.ok) ed25519NoteVerifier('example.com/log', v.value.publicKey);
 * ```
 */
export function ed25519NoteVerifier(name: string, publicKey: Uint8Array): NoteVerifier {
  if (!validKeyName(name)) throw new EvidenceTypeError(`invalid key name ${JSON.stringify(name)}`);
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) {
    throw new EvidenceTypeError('an Ed25519 public key is 32 bytes');
  }
  const key = publicKeyObject(publicKey);
  const pk = publicKey.slice();
  return {
    name,
    keyId: noteKeyId(name, pk),
    publicKey: pk,
    verify: (message, signature) => {
      if (signature.length !== 64) return false;
      try {
        return verify(null, message, key, signature);
      } catch {
        return false;
      }
    },
  };
}

/**
 * Makes a new Ed25519 note key and returns it in Go's note text format:
 * `PRIVATE+KEY+<name>+<key id hex>+<base64(0x01 ‖ seed)>` for the signer (keep it secret) and
 * `<name>+<key id hex>+<base64(0x01 ‖ public key)>` for verifiers (publish it).
 *
 * @example
 * ```ts
 * const { signerKey, verifierKey } = generateNoteKey('consent.example.com/log');
 * verifierKey.startsWith('consent.example.com/log+'); // true
 * ```
 */
export function generateNoteKey(name: string): NoteKeyPair {
  if (!validKeyName(name)) throw new EvidenceTypeError(`invalid key name ${JSON.stringify(name)}`);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pub = rawPublicKey(publicKey);
  const seed = new Uint8Array(Buffer.from(privateKey.export({ format: 'jwk' }).d ?? '', 'base64url'));
  const id = hex8(noteKeyId(name, pub));
  const enc = (b: Uint8Array): string => toBase64(Uint8Array.from([ED25519, ...b]));
  return { signerKey: `PRIVATE+KEY+${name}+${id}+${enc(seed)}`, verifierKey: `${name}+${id}+${enc(pub)}` };
}

function splitKey(key: string): { name: string; id: number; alg: number; raw: Uint8Array } | undefined {
  if (typeof key !== 'string') return undefined;
  // <name>+<hex id>+<base64>: the base64 part may itself contain `+`, so split on the first two only.
  const k = key.trim();
  const p1 = k.indexOf('+');
  const p2 = p1 < 0 ? -1 : k.indexOf('+', p1 + 1);
  if (p2 < 0) return undefined;
  const name = k.slice(0, p1);
  const idHex = k.slice(p1 + 1, p2);
  const b64 = k.slice(p2 + 1);
  if (!validKeyName(name) || !/^[0-9a-f]{8}$/.test(idHex)) return undefined;
  const bytes = fromBase64(b64);
  if (bytes?.length !== 33) return undefined;
  return { name, id: Number.parseInt(idHex, 16), alg: bytes[0]!, raw: bytes.subarray(1) };
}

/**
 * Reads a verifier key in Go's note format (`<name>+<key id hex>+<base64(0x01 ‖ public key)>`),
 * checking that the key ID matches the name and key.
 *
 * @example
 * ```ts
 * const { verifierKey } = generateNoteKey('example.com/log');
 * noteVerifierFromKey(verifierKey).ok; // true
 * noteVerifierFromKey('example.com/log+00000000+AA==').ok; // false
 * ```
 */
export function noteVerifierFromKey(verifierKey: string): Result<NoteVerifier, NoteError> {
  const k = splitKey(verifierKey);
  if (!k || k.alg !== ED25519) {
    return fail(
      'KEY_INVALID',
      'not an Ed25519 verifier key of the form <name>+<key id>+<base64 key>',
      '<ad>+<anahtar kimliği>+<base64 anahtar> biçiminde bir Ed25519 doğrulama anahtarı değil',
    );
  }
  const v = ed25519NoteVerifier(k.name, k.raw);
  if (v.keyId !== k.id) {
    return fail(
      'KEY_INVALID',
      'the key ID in the verifier key does not match its name and public key',
      'doğrulama anahtarındaki kimlik, anahtarın adı ve açık anahtarıyla uyuşmuyor',
    );
  }
  return { ok: true, value: v };
}

/**
 * Reads a signer key in Go's note format (`PRIVATE+KEY+<name>+<key id hex>+<base64(0x01 ‖ seed)>`).
 *
 * @example
 * ```ts
 * const { signerKey } = generateNoteKey('example.com/log');
 * const s = noteSignerFromKey(signerKey);
 * ```
 */
export function noteSignerFromKey(signerKey: string): Result<NoteSigner, NoteError> {
  const bad = (): Result<NoteSigner, NoteError> =>
    fail(
      'KEY_INVALID',
      'not an Ed25519 signer key of the form PRIVATE+KEY+<name>+<key id>+<base64 seed>',
      'PRIVATE+KEY+<ad>+<anahtar kimliği>+<base64 tohum> biçiminde bir Ed25519 imza anahtarı değil',
    );
  if (typeof signerKey !== 'string' || !signerKey.startsWith('PRIVATE+KEY+')) return bad();
  const k = splitKey(signerKey.slice('PRIVATE+KEY+'.length));
  if (!k || k.alg !== ED25519) return bad();
  let signer: NoteSigner;
  try {
    signer = ed25519NoteSigner(k.name, privateKeyObject(k.raw));
  } catch {
    return bad();
  }
  if (signer.keyId !== k.id) {
    return fail(
      'KEY_INVALID',
      'the key ID in the signer key does not match its name and key',
      'imza anahtarındaki kimlik, anahtarın adı ve anahtarla uyuşmuyor',
    );
  }
  return { ok: true, value: signer };
}

/**
 * Signs a note text (which must end in a newline and hold no control characters other than
 * newline) and returns the signed note: the text, a blank line, and one
 * `— <key name> <base64(key ID ‖ signature)>` line per signer.
 *
 * @example
 * ```ts
 * const s = noteSignerFromKey(generateNoteKey('example.com/log').signerKey);
 * if (s.ok) signNote('hello\n', [s.value]); // 'hello\n\n— example.com/log …\n'
 * ```
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (typeof text !== 'string' || !text.endsWith('\n') || hasControl(text)) {
    throw new EvidenceTypeError(
      'a note text must end in a newline and hold no control characters but newline',
    );
  }
  if (signers.length === 0) throw new EvidenceTypeError('a signed note needs at least one signer');
  const msg = utf8(text);
  let out = `${text}\n`;
  for (const s of signers) {
    const sig = s.sign(msg);
    const b = new Uint8Array(4 + sig.length);
    new DataView(b.buffer).setUint32(0, s.keyId >>> 0);
    b.set(sig, 4);
    out += `\u2014 ${s.name} ${toBase64(b)}\n`;
  }
  return out;
}

/**
 * A key as a signature line names it: key name and key ID.
 *
 * @example
 * ```ts
 * const k: NoteKeyRef = { name: 'example.com/log', keyId: 0xc74f20a3 };
 * ```
 */
export interface NoteKeyRef {
  /** The key name. */
  readonly name: string;
  /** The 32-bit key ID. */
  readonly keyId: number;
}

/**
 * A new key in Go's note text format, from {@link generateNoteKey}.
 *
 * @example
 * ```ts
 * const { signerKey, verifierKey }: NoteKeyPair = generateNoteKey('example.com/log');
 * ```
 */
export interface NoteKeyPair {
  /** `PRIVATE+KEY+<name>+<key id>+<base64>`: keep secret. */
  readonly signerKey: string;
  /** `<name>+<key id>+<base64>`: publish. */
  readonly verifierKey: string;
}

/**
 * A signed note whose signature from a trusted key verified.
 *
 * @example
 * ```ts
 * const opened: OpenedNote = { text: 'hello\n', verifiedBy: [], otherSignatures: [] };
 * ```
 */
export interface OpenedNote {
  /** The note text, with its final newline. */
  readonly text: string;
  /** The trusted keys whose signatures verified. */
  readonly verifiedBy: readonly NoteKeyRef[];
  /** Signatures from keys not given to {@link openNote} (ignored, as the spec requires). */
  readonly otherSignatures: readonly NoteKeyRef[];
}

/**
 * Opens a signed note: splits text and signatures, ignores signatures from unknown keys,
 * verifies those from the given keys, and fails unless at least one verified and none failed.
 *
 * @example
 * ```ts
 * const { signerKey, verifierKey } = generateNoteKey('example.com/log');
 * const s = noteSignerFromKey(signerKey);
 * const v = noteVerifierFromKey(verifierKey);
 * if (s.ok && v.ok) openNote(signNote('hi\n', [s.value]), [v.value]).ok; // true
 * ```
 */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): Result<OpenedNote, NoteError> {
  const malformed = (en: string, tr: string): Result<OpenedNote, NoteError> =>
    fail('NOTE_MALFORMED', `malformed signed note: ${en}`, `imzalı not bozuk: ${tr}`);
  if (typeof note !== 'string') return malformed('not text', 'metin değil');
  if (!(note as unknown as { isWellFormed(): boolean }).isWellFormed() || hasControl(note)) {
    return malformed('control characters or invalid Unicode', 'denetim karakteri ya da geçersiz Unicode');
  }
  if (!note.endsWith('\n')) return malformed('it does not end in a newline', 'yeni satırla bitmiyor');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return malformed('no blank line before the signatures', 'imzalardan önce boş satır yok');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) return malformed('too many signatures', 'çok fazla imza');
  const msg = utf8(text);
  const verifiedBy: { name: string; keyId: number }[] = [];
  const otherSignatures: { name: string; keyId: number }[] = [];
  for (const line of lines) {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/u.exec(line);
    if (!m)
      return malformed(
        `bad signature line ${JSON.stringify(line)}`,
        `hatalı imza satırı ${JSON.stringify(line)}`,
      );
    const name = m[1]!;
    const sig = fromBase64(m[2]!);
    if (!sig || sig.length < 5 || !validKeyName(name)) {
      return malformed(
        `bad signature line ${JSON.stringify(line)}`,
        `hatalı imza satırı ${JSON.stringify(line)}`,
      );
    }
    const keyId = new DataView(sig.buffer, sig.byteOffset, 4).getUint32(0);
    const v = verifiers.find((k) => k.name === name && k.keyId === keyId);
    if (!v) {
      otherSignatures.push({ name, keyId });
      continue;
    }
    if (!v.verify(msg, sig.subarray(4))) {
      return fail(
        'NOTE_BAD_SIGNATURE',
        `the signature of ${name} (key ${hex8(keyId)}) does not verify: the note was altered or signed with another key`,
        `${name} imzası (anahtar ${hex8(keyId)}) doğrulanamadı: not değiştirilmiş ya da başka bir anahtarla imzalanmış`,
      );
    }
    verifiedBy.push({ name, keyId });
  }
  if (verifiedBy.length === 0) {
    return fail(
      'NOTE_UNVERIFIED',
      'no signature from a trusted key: the note is signed by a key you did not give',
      'güvenilen bir anahtarın imzası yok: not, verilmeyen bir anahtarla imzalanmış',
    );
  }
  return { ok: true, value: { text, verifiedBy, otherSignatures } };
}
