/**
 * RFC 3161 time stamps with pkijs: build a `TimeStampReq` for a checkpoint, and verify a
 * `TimeStampResp` (or a stored token) completely. pkijs parses the structures and checks
 * signatures and chains; the checks RFC 3161 leaves to the requester — the nonce, the
 * `id-kp-timeStamping` extended key usage, the ESSCertID / ESSCertIDv2 binding of the signing
 * certificate — are done here.
 */
import { hash as nodeHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { EvidenceTypeError } from './errors.js';
import { equalBytes, toHex, utf8 } from './internal/bytes.js';
import { sha256 } from './internal/hash.js';
import type { Problem, Result } from './result.js';

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  extKeyUsage: '2.5.29.37',
  subjectKeyIdentifier: '2.5.29.14',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

const HASHES: Record<string, { name: string; webName: string; size: number }> = {
  '1.3.14.3.2.26': { name: 'sha1', webName: 'SHA-1', size: 20 },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', webName: 'SHA-256', size: 32 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', webName: 'SHA-384', size: 48 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', webName: 'SHA-512', size: 64 },
};
/** Hashes accepted for the message imprint (SHA-1 is not: it no longer resists collisions). */
const IMPRINT_HASHES = new Set([
  '2.16.840.1.101.3.4.2.1',
  '2.16.840.1.101.3.4.2.2',
  '2.16.840.1.101.3.4.2.3',
]);

let engine: pkijs.ICryptoEngine | undefined;
function cryptoEngine(): pkijs.ICryptoEngine {
  engine ??= new pkijs.CryptoEngine({
    name: 'izinkit-node-webcrypto',
    crypto: globalThis.crypto as unknown as pkijs.CryptoEngineParameters['crypto'],
  });
  return engine;
}

const bytesOf = (b: ArrayBuffer | ArrayBufferView): Uint8Array =>
  b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

const ab = (u: Uint8Array): ArrayBuffer => u.slice().buffer as ArrayBuffer;

/**
 * An RFC 3161 request, DER-encoded, with what the response must echo.
 *
 * @example
 * ```ts
 * const req: TimeStampRequest = createTimeStampRequest(new TextEncoder().encode('checkpoint'));
 * await fetch('https://tsa.example/tsr', { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: req.der });
 * ```
 */
export interface TimeStampRequest {
  /** The DER `TimeStampReq`, to POST as `application/timestamp-query`. */
  readonly der: Uint8Array;
  /** The SHA-256 message imprint of the data. */
  readonly imprint: Uint8Array;
  /** The nonce (big-endian unsigned bytes); the response must carry the same. */
  readonly nonce: Uint8Array;
}

/**
 * Options of {@link createTimeStampRequest}.
 *
 * @example
 * ```ts
 * const o: TimeStampRequestOptions = { policy: '1.3.6.1.4.1.4146.2.3', certReq: true };
 * ```
 */
export interface TimeStampRequestOptions {
  /** A fixed nonce (tests); by default 16 random bytes from `randomBytes`. */
  readonly nonce?: Uint8Array;
  /** The random source for the nonce (default node:crypto `randomBytes`). */
  readonly randomBytes?: (n: number) => Uint8Array;
  /** The TSA policy OID to ask for. */
  readonly policy?: string;
  /** Ask the TSA to include its certificate (default true: needed to verify offline). */
  readonly certReq?: boolean;
}

/**
 * Builds an RFC 3161 `TimeStampReq` for `data`: a SHA-256 message imprint, a random 128-bit
 * nonce and `certReq` true.
 *
 * @example
 * ```ts
 * const req = createTimeStampRequest(new TextEncoder().encode('hello'));
 * req.imprint.length; // 32
 * ```
 */
export function createTimeStampRequest(
  data: Uint8Array,
  options: TimeStampRequestOptions = {},
): TimeStampRequest {
  if (!(data instanceof Uint8Array)) throw new EvidenceTypeError('time-stamped data must be a Uint8Array');
  const imprint = sha256(data);
  let nonce: Uint8Array;
  if (options.nonce) {
    nonce = options.nonce.slice();
    if (nonce.length === 0 || nonce.length > 64) throw new EvidenceTypeError('a nonce is 1–64 bytes');
  } else {
    nonce = (options.randomBytes ?? ((n: number) => new Uint8Array(randomBytes(n))))(16).slice(0, 16);
    nonce[0] = (nonce[0]! & 0x7f) | 0x40; // positive and exactly 16 bytes in DER
  }
  const req = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: OID.sha256,
        algorithmParams: new asn1js.Null(),
      }),
      hashedMessage: new asn1js.OctetString({ valueHex: ab(imprint) }),
    }),
    nonce: new asn1js.Integer({ valueHex: ab(positive(nonce)) }),
    certReq: options.certReq ?? true,
    ...(options.policy ? { reqPolicy: options.policy } : {}),
  });
  return { der: bytesOf(req.toSchema().toBER()), imprint, nonce };
}

/**
 * Builds the `TimeStampReq` for a signed checkpoint: the time-stamped data is the UTF-8 of the
 * whole signed note, so the token proves the signed checkpoint existed at the TSA's time.
 *
 * @example
 * ```ts
 * declare const signedCheckpoint: string;
 * const req = timeStampRequestForCheckpoint(signedCheckpoint);
 * ```
 */
export function timeStampRequestForCheckpoint(
  signedCheckpoint: string,
  options: TimeStampRequestOptions = {},
): TimeStampRequest {
  return createTimeStampRequest(utf8(signedCheckpoint), options);
}

/** Big-endian unsigned bytes as a DER INTEGER body (a 0x00 in front when the top bit is set). */
function positive(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  const t = b.subarray(i);
  if (t[0]! & 0x80) {
    const out = new Uint8Array(t.length + 1);
    out.set(t, 1);
    return out;
  }
  return t.slice();
}

function unsignedValue(int: asn1js.Integer): bigint {
  const v = bytesOf(int.valueBlock.valueHexView);
  if (v.length > 0 && v[0]! & 0x80) return -1n; // negative: never equal to a nonce we sent
  return v.length === 0 ? 0n : BigInt(`0x${toHex(v)}`);
}

/** Codes of RFC 3161 verification failures. */
export type TimeStampErrorCode =
  | 'TSA_RESPONSE_MALFORMED'
  | 'TSA_REJECTED'
  | 'TSA_TOKEN_MALFORMED'
  | 'TSA_HASH_UNSUPPORTED'
  | 'TSA_IMPRINT_MISMATCH'
  | 'TSA_NONCE_MISMATCH'
  | 'TSA_SIGNER_CERT_MISSING'
  | 'TSA_EKU_INVALID'
  | 'TSA_CERT_BINDING_INVALID'
  | 'TSA_SIGNATURE_INVALID'
  | 'TSA_CHAIN_INVALID'
  | 'CERTIFICATE_INVALID';

/**
 * A time-stamp verification failure.
 *
 * @example
 * ```ts
 * declare const e: TimeStampError;
 * if (e.code === 'TSA_NONCE_MISMATCH') console.log(e.message);
 * ```
 */
export interface TimeStampError extends Problem<TimeStampErrorCode> {}

/**
 * A certificate: DER bytes, or PEM text (one or more `-----BEGIN CERTIFICATE-----` blocks).
 *
 * @example
 * ```ts
 * const anchor: CertificateInput = '-----BEGIN CERTIFICATE-----\nMIIB…\n-----END CERTIFICATE-----\n';
 * ```
 */
export type CertificateInput = Uint8Array | string;

/**
 * What the token must match and whom to trust.
 *
 * @example
 * ```ts
 * declare const anchorPem: string;
 * const o: TimeStampVerifyOptions = { data: new TextEncoder().encode('checkpoint'), trustAnchors: [anchorPem] };
 * ```
 */
export interface TimeStampVerifyOptions {
  /** The time-stamped data; its hash must equal the token's message imprint. */
  readonly data?: Uint8Array;
  /** Or the expected imprint itself (with the token's hash algorithm). One of `data`/`imprint` is required. */
  readonly imprint?: Uint8Array;
  /** The request's nonce: when given, the token must carry exactly this nonce. */
  readonly nonce?: Uint8Array;
  /** Trusted root (or intermediate) certificates: the TSA's chain must end in one, valid at genTime. */
  readonly trustAnchors: readonly CertificateInput[];
  /** Extra certificates for building the chain (intermediates, or the TSA's own when the token lacks it). */
  readonly certificates?: readonly CertificateInput[];
}

/**
 * What a verified time stamp says.
 *
 * @example
 * ```ts
 * declare const info: TimeStampInfo;
 * console.log(`${info.tsa} attests the data existed at ${info.genTime.toISOString()}`);
 * ```
 */
export interface TimeStampInfo {
  /** The TSA's time (TSTInfo genTime). */
  readonly genTime: Date;
  /** The token's serial number (hex). */
  readonly serialNumber: string;
  /** The TSA policy OID. */
  readonly policy: string;
  /** The imprint's hash algorithm (`SHA-256` …). */
  readonly hashAlgorithm: string;
  /** The message imprint (hex). */
  readonly imprint: string;
  /** The nonce in the token (hex), if any. */
  readonly nonce?: string;
  /** Subject of the TSA's signing certificate (`CN=…, O=…, C=…`). */
  readonly tsa: string;
  /** Subject of the trust anchor the chain ended in. */
  readonly anchor: string;
  /** Which signing-certificate attribute bound the certificate: ESSCertID (v1, SHA-1) or ESSCertIDv2. */
  readonly certBinding: 'ESSCertID' | 'ESSCertIDv2';
  /** The DER `TimeStampToken` (a CMS ContentInfo), to store. */
  readonly token: Uint8Array;
}

const tsFail = (code: TimeStampErrorCode, en: string, tr: string): { ok: false; error: TimeStampError } => ({
  ok: false,
  error: { code, message: en, messageTr: tr },
});

const NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'E',
};

function nameToString(n: pkijs.RelativeDistinguishedNames): string {
  return n.typesAndValues
    .map((tv) => {
      const v = tv.value as { valueBlock?: { value?: unknown } };
      const value = typeof v.valueBlock?.value === 'string' ? v.valueBlock.value : '?';
      return `${NAMES[tv.type] ?? tv.type}=${value}`;
    })
    .join(', ');
}

/**
 * Parses certificates from DER bytes or PEM text.
 *
 * @example
 * ```ts
 * declare const pem: string;
 * const r = parseCertificates(pem);
 * if (r.ok) console.log(r.value.length);
 * ```
 */
export function parseCertificates(input: CertificateInput): Result<Uint8Array[], TimeStampError> {
  const bad = tsFail(
    'CERTIFICATE_INVALID',
    'not a DER or PEM X.509 certificate',
    'DER ya da PEM biçiminde bir X.509 sertifikası değil',
  );
  let ders: Uint8Array[];
  if (typeof input === 'string') {
    const blocks = [
      ...input.matchAll(/-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/g),
    ];
    if (blocks.length === 0) return bad;
    ders = blocks.map((m) => new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')));
  } else if (input instanceof Uint8Array) {
    ders = [input];
  } else {
    return bad;
  }
  for (const d of ders) {
    try {
      pkijs.Certificate.fromBER(ab(d));
    } catch {
      return bad;
    }
  }
  return { ok: true, value: ders };
}

function toCerts(inputs: readonly CertificateInput[]): Result<pkijs.Certificate[], TimeStampError> {
  const out: pkijs.Certificate[] = [];
  for (const i of inputs) {
    const r = parseCertificates(i);
    if (!r.ok) return r;
    for (const d of r.value) out.push(pkijs.Certificate.fromBER(ab(d)));
  }
  return { ok: true, value: out };
}

function certDer(c: pkijs.Certificate): Uint8Array {
  return bytesOf(c.toSchema().toBER());
}

/**
 * Verifies an RFC 3161 `TimeStampResp` (DER): the status must be granted, then the token is
 * checked as {@link verifyTimeStampToken} does. Use this right after asking a TSA, with the
 * request's nonce.
 *
 * @example
 * ```ts
 * declare const respDer: Uint8Array;
 * declare const anchorPem: string;
 * const req = createTimeStampRequest(new TextEncoder().encode('data'));
 * const r = await verifyTimeStampResponse(respDer, { data: new TextEncoder().encode('data'), nonce: req.nonce, trustAnchors: [anchorPem] });
 * if (!r.ok) console.log(r.error.code);
 * ```
 */
export async function verifyTimeStampResponse(
  response: Uint8Array,
  options: TimeStampVerifyOptions,
): Promise<Result<TimeStampInfo, TimeStampError>> {
  let resp: pkijs.TimeStampResp;
  try {
    resp = pkijs.TimeStampResp.fromBER(ab(response));
  } catch (e) {
    return tsFail(
      'TSA_RESPONSE_MALFORMED',
      `the time-stamp response is not DER TimeStampResp (${(e as Error).message})`,
      'zaman damgası yanıtı çözülemedi',
    );
  }
  const status = resp.status.status;
  if (status !== pkijs.PKIStatus.granted && status !== pkijs.PKIStatus.grantedWithMods) {
    const text = (resp.status.statusStrings ?? []).map((s) => s.valueBlock.value).join('; ');
    return tsFail(
      'TSA_REJECTED',
      `the TSA refused the request (status ${status}${text ? `: ${text}` : ''})`,
      `zaman damgası sağlayıcısı isteği reddetti (durum ${status}${text ? `: ${text}` : ''})`,
    );
  }
  if (!resp.timeStampToken) {
    return tsFail(
      'TSA_TOKEN_MALFORMED',
      'the response carries no time-stamp token',
      'yanıtta zaman damgası yok',
    );
  }
  return verifyTimeStampToken(bytesOf(resp.timeStampToken.toSchema().toBER()), options);
}

/**
 * Verifies a DER `TimeStampToken` (CMS SignedData over a TSTInfo), as stored in an evidence
 * bundle. In order: the structure (one signer, signed attributes, content type id-ct-TSTInfo);
 * the message imprint against `data` or `imprint`; the nonce, when `nonce` is given; the signing
 * certificate, found by the signer identifier; its extended key usage, which must be present,
 * critical and only `id-kp-timeStamping` (RFC 3161 §2.3); the ESSCertID (SHA-1) or ESSCertIDv2
 * signing-certificate attribute, whose hash (and issuer/serial, when present) must match that
 * certificate; the message-digest attribute and the signature; and finally the chain from the
 * certificate to one of `trustAnchors`, with every certificate valid at the token's genTime.
 * Revocation is not checked (there is no network); give anchors you still trust.
 *
 * @example
 * ```ts
 * declare const token: Uint8Array;
 * declare const anchorPem: string;
 * const r = await verifyTimeStampToken(token, { data: new TextEncoder().encode('data'), trustAnchors: [anchorPem] });
 * if (r.ok) console.log(r.value.genTime);
 * ```
 */
export async function verifyTimeStampToken(
  token: Uint8Array,
  options: TimeStampVerifyOptions,
): Promise<Result<TimeStampInfo, TimeStampError>> {
  const malformed = (en: string, tr: string) =>
    tsFail('TSA_TOKEN_MALFORMED', `malformed time-stamp token: ${en}`, `zaman damgası bozuk: ${tr}`);
  if (options.data === undefined && options.imprint === undefined) {
    throw new EvidenceTypeError('give the time-stamped data or its imprint');
  }
  const anchors = toCerts(options.trustAnchors);
  if (!anchors.ok) return anchors;
  if (anchors.value.length === 0) throw new EvidenceTypeError('at least one trust anchor is required');
  const extra = toCerts(options.certificates ?? []);
  if (!extra.ok) return extra;

  let signed: pkijs.SignedData;
  let tst: pkijs.TSTInfo;
  let eContent: Uint8Array;
  try {
    const ci = pkijs.ContentInfo.fromBER(ab(token));
    if (ci.contentType !== OID.signedData) return malformed('not CMS SignedData', 'CMS SignedData değil');
    signed = new pkijs.SignedData({ schema: ci.content });
    if (signed.encapContentInfo.eContentType !== OID.tstInfo) {
      return malformed('the signed content is not a TSTInfo', 'imzalı içerik TSTInfo değil');
    }
    const ec = signed.encapContentInfo.eContent;
    if (!ec) return malformed('no TSTInfo content', 'TSTInfo içeriği yok');
    eContent = bytesOf(ec.getValue());
    tst = pkijs.TSTInfo.fromBER(ab(eContent));
  } catch (e) {
    return malformed(`cannot be parsed (${(e as Error).message})`, 'çözülemedi');
  }
  if (signed.signerInfos.length !== 1)
    return malformed('it must have exactly one signer', 'tam olarak bir imzacı olmalı');
  const si = signed.signerInfos[0]!;
  if (!si.signedAttrs) return malformed('no signed attributes', 'imzalı öznitelik yok');

  // Message imprint.
  const imprintAlg = tst.messageImprint.hashAlgorithm.algorithmId;
  const alg = HASHES[imprintAlg];
  if (!alg || !IMPRINT_HASHES.has(imprintAlg)) {
    return tsFail(
      'TSA_HASH_UNSUPPORTED',
      `the token's imprint uses hash ${imprintAlg}; SHA-256, SHA-384 or SHA-512 are accepted`,
      `zaman damgası desteklenmeyen bir özet algoritması kullanıyor (${imprintAlg})`,
    );
  }
  const imprint = bytesOf(tst.messageImprint.hashedMessage.valueBlock.valueHexView);
  const expected =
    options.imprint ?? new Uint8Array(nodeHash(alg.name, options.data ?? new Uint8Array(0), 'buffer'));
  if (!equalBytes(imprint, expected)) {
    return tsFail(
      'TSA_IMPRINT_MISMATCH',
      'the time stamp is for different data: its message imprint does not match',
      'zaman damgası başka bir veri için: mesaj özeti uyuşmuyor',
    );
  }
  // Nonce.
  const tokenNonce = tst.nonce ? unsignedValue(tst.nonce) : undefined;
  if (options.nonce !== undefined) {
    const want = options.nonce.length === 0 ? 0n : BigInt(`0x${toHex(options.nonce)}`);
    if (tokenNonce === undefined || tokenNonce !== want) {
      return tsFail(
        'TSA_NONCE_MISMATCH',
        tokenNonce === undefined
          ? 'the TSA left out the nonce of the request: the response may be a replay'
          : 'the nonce differs from the request: the response belongs to another request',
        tokenNonce === undefined
          ? 'yanıtta isteğin tek kullanımlık sayısı (nonce) yok: yanıt yeniden oynatılmış olabilir'
          : 'tek kullanımlık sayı (nonce) istekle uyuşmuyor: yanıt başka bir isteğe ait',
      );
    }
  }
  // Signing certificate.
  const pool: pkijs.Certificate[] = [
    ...(signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate),
    ...extra.value,
  ];
  const signer = await findSigner(si, pool);
  if (!signer) {
    return tsFail(
      'TSA_SIGNER_CERT_MISSING',
      "the TSA's signing certificate is neither in the token nor among the given certificates",
      'zaman damgası sağlayıcısının imza sertifikası ne belirteçte ne de verilen sertifikalar arasında',
    );
  }
  // Extended key usage: present, critical, only id-kp-timeStamping.
  const ekus = (signer.extensions ?? []).filter((e) => e.extnID === OID.extKeyUsage);
  const eku = ekus[0];
  const purposes = eku?.parsedValue instanceof pkijs.ExtKeyUsage ? eku.parsedValue.keyPurposes : undefined;
  if (
    ekus.length !== 1 ||
    !eku?.critical ||
    !purposes ||
    purposes.length !== 1 ||
    purposes[0] !== OID.timeStamping
  ) {
    return tsFail(
      'TSA_EKU_INVALID',
      !eku
        ? 'the signing certificate has no extended key usage; a TSA certificate must have id-kp-timeStamping'
        : !eku.critical
          ? 'the extended key usage of the signing certificate is not critical (RFC 3161 §2.3)'
          : 'the extended key usage of the signing certificate must be id-kp-timeStamping alone (RFC 3161 §2.3)',
      'imza sertifikası bir zaman damgası sertifikası değil: genişletilmiş anahtar kullanımı yalnızca ve kritik olarak id-kp-timeStamping olmalı',
    );
  }
  // ESSCertID / ESSCertIDv2.
  const binding = checkCertBinding(si, signer);
  if (!binding.ok) return binding;
  // Content type and message digest attributes, then the signature.
  const attrs = si.signedAttrs.attributes;
  const ct = attrs.find((a) => a.type === OID.contentType);
  const md = attrs.find((a) => a.type === OID.messageDigest);
  const ctValue = ct?.values[0] as asn1js.ObjectIdentifier | undefined;
  if (!ct || !(ctValue instanceof asn1js.ObjectIdentifier) || ctValue.valueBlock.toString() !== OID.tstInfo) {
    return malformed(
      'the content-type attribute is missing or not id-ct-TSTInfo',
      'içerik türü özniteliği eksik ya da hatalı',
    );
  }
  const digestAlg = HASHES[si.digestAlgorithm.algorithmId];
  if (!digestAlg || digestAlg.name === 'sha1') {
    return tsFail(
      'TSA_HASH_UNSUPPORTED',
      `the signature uses digest ${si.digestAlgorithm.algorithmId}`,
      `imza desteklenmeyen bir özet kullanıyor (${si.digestAlgorithm.algorithmId})`,
    );
  }
  const mdValue = md?.values[0] as asn1js.OctetString | undefined;
  const contentDigest = new Uint8Array(nodeHash(digestAlg.name, eContent, 'buffer'));
  if (
    !(mdValue instanceof asn1js.OctetString) ||
    !equalBytes(bytesOf(mdValue.valueBlock.valueHexView), contentDigest)
  ) {
    return tsFail(
      'TSA_SIGNATURE_INVALID',
      'the message-digest attribute does not match the TSTInfo: the token was altered',
      'özet özniteliği TSTInfo ile uyuşmuyor: belirteç değiştirilmiş',
    );
  }
  let sigOk = false;
  try {
    sigOk = await cryptoEngine().verifyWithPublicKey(
      si.signedAttrs.encodedValue,
      si.signature,
      signer.subjectPublicKeyInfo,
      si.signatureAlgorithm,
      digestAlg.webName,
    );
  } catch {
    sigOk = false;
  }
  if (!sigOk) {
    return tsFail(
      'TSA_SIGNATURE_INVALID',
      "the TSA's signature does not verify: the token was altered or signed by another key",
      'zaman damgası imzası doğrulanamadı: belirteç değiştirilmiş ya da başka bir anahtarla imzalanmış',
    );
  }
  // Chain to a trust anchor at genTime.
  const chain = await checkChain(signer, pool, anchors.value, tst.genTime);
  if (!chain.ok) return chain;
  return {
    ok: true,
    value: {
      genTime: tst.genTime,
      serialNumber: toHex(bytesOf(tst.serialNumber.valueBlock.valueHexView)),
      policy: tst.policy,
      hashAlgorithm: alg.webName,
      imprint: toHex(imprint),
      ...(tokenNonce !== undefined && tokenNonce >= 0n ? { nonce: tokenNonce.toString(16) } : {}),
      tsa: nameToString(signer.subject),
      anchor: chain.value,
      certBinding: binding.value,
      token: token.slice(),
    },
  };
}

async function findSigner(
  si: pkijs.SignerInfo,
  pool: pkijs.Certificate[],
): Promise<pkijs.Certificate | undefined> {
  if (si.sid instanceof pkijs.IssuerAndSerialNumber) {
    const sid = si.sid;
    return pool.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
  }
  // subjectKeyIdentifier [0]
  const sid = si.sid as asn1js.Constructed | asn1js.Primitive;
  const keyId = bytesOf(
    sid.idBlock.isConstructed
      ? ((sid as asn1js.Constructed).valueBlock.value[0] as asn1js.OctetString).valueBlock.valueHexView
      : (sid as asn1js.Primitive).valueBlock.valueHexView,
  );
  for (const c of pool) {
    const ski = (c.extensions ?? []).find((e) => e.extnID === OID.subjectKeyIdentifier);
    const skiValue = ski?.parsedValue as asn1js.OctetString | undefined;
    if (
      skiValue instanceof asn1js.OctetString &&
      equalBytes(bytesOf(skiValue.valueBlock.valueHexView), keyId)
    ) {
      return c;
    }
    const spkiHash = new Uint8Array(
      nodeHash('sha1', bytesOf(c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView), 'buffer'),
    );
    if (equalBytes(spkiHash, keyId)) return c;
  }
  return undefined;
}

function checkCertBinding(
  si: pkijs.SignerInfo,
  cert: pkijs.Certificate,
): Result<'ESSCertID' | 'ESSCertIDv2', TimeStampError> {
  const bad = (en: string) =>
    tsFail(
      'TSA_CERT_BINDING_INVALID',
      en,
      'imzalı öznitelikler imza sertifikasını bağlamıyor (ESSCertID/ESSCertIDv2): sertifika değiştirilmiş olabilir',
    );
  const attrs = si.signedAttrs?.attributes ?? [];
  const v2 = attrs.find((a) => a.type === OID.signingCertificateV2);
  const v1 = attrs.find((a) => a.type === OID.signingCertificate);
  const attr = v2 ?? v1;
  if (!attr) {
    return bad('no signing-certificate attribute (ESSCertID or ESSCertIDv2) binds the signing certificate');
  }
  try {
    const sc = attr.values[0] as asn1js.Sequence;
    const certs = sc.valueBlock.value[0] as asn1js.Sequence;
    const first = certs.valueBlock.value[0] as asn1js.Sequence;
    const parts = first.valueBlock.value;
    let i = 0;
    let hashName = 'sha1';
    if (v2) {
      hashName = 'sha256';
      if (parts[0] instanceof asn1js.Sequence) {
        const algId = new pkijs.AlgorithmIdentifier({ schema: parts[0] }).algorithmId;
        const h = HASHES[algId];
        if (!h) return bad(`ESSCertIDv2 uses an unknown hash ${algId}`);
        hashName = h.name;
        i = 1;
      }
    }
    const certHash = parts[i] as asn1js.OctetString;
    if (!(certHash instanceof asn1js.OctetString)) return bad('malformed signing-certificate attribute');
    const der = certDer(cert);
    const actual = new Uint8Array(nodeHash(hashName, der, 'buffer'));
    if (!equalBytes(bytesOf(certHash.valueBlock.valueHexView), actual)) {
      return bad(
        `the ${v2 ? 'ESSCertIDv2' : 'ESSCertID'} hash does not match the signing certificate: the token names another certificate`,
      );
    }
    const issuerSerial = parts[i + 1];
    if (issuerSerial instanceof asn1js.Sequence) {
      const is = new pkijs.IssuerSerial({ schema: issuerSerial });
      const dn = is.issuer.names.find((n) => n.type === 4)?.value as
        | pkijs.RelativeDistinguishedNames
        | undefined;
      if (!is.serialNumber.isEqual(cert.serialNumber) || !dn?.isEqual(cert.issuer)) {
        return bad(
          'the issuer and serial number in the signing-certificate attribute do not match the certificate',
        );
      }
    }
    return { ok: true, value: v2 ? 'ESSCertIDv2' : 'ESSCertID' };
  } catch {
    return bad('malformed signing-certificate attribute');
  }
}

async function checkChain(
  signer: pkijs.Certificate,
  pool: pkijs.Certificate[],
  anchors: pkijs.Certificate[],
  at: Date,
): Promise<Result<string, TimeStampError>> {
  const fail = (why: string) =>
    tsFail(
      'TSA_CHAIN_INVALID',
      `the TSA certificate does not chain to a given trust anchor at the time stamp's time (${why})`,
      `zaman damgası sertifikası, damga zamanında verilen güven çapasına bağlanamadı (${why})`,
    );
  try {
    const engine = new pkijs.CertificateChainValidationEngine({
      trustedCerts: anchors,
      certs: [...pool.filter((c) => c !== signer), signer],
      checkDate: at,
    });
    const r = await engine.verify({}, cryptoEngine());
    if (!r.result) return fail(r.resultMessage || 'no valid path');
    const path = r.certificatePath ?? [];
    const top = path[path.length - 1];
    const anchor = anchors.find((a) => top && equalBytes(certDer(a), certDer(top)));
    if (!anchor) return fail('the path does not end in a trust anchor');
    return { ok: true, value: nameToString(anchor.subject) };
  } catch (e) {
    return fail((e as { resultMessage?: string }).resultMessage ?? (e as Error).message ?? String(e));
  }
}
