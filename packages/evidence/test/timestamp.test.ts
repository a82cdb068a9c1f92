import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTimeStampRequest,
  parseCertificates,
  type TimeStampErrorCode,
  timeStampRequestForCheckpoint,
  verifyTimeStampResponse,
  verifyTimeStampToken,
} from '../src/index.js';
import {
  CODE_SIGNING,
  issue,
  respond,
  type TestPki,
  TIME_STAMPING,
  type TsaBehaviour,
  testPki,
} from './support/pki.js';

let pki: TestPki;
beforeAll(async () => {
  pki = await testPki();
});

const data = new TextEncoder().encode('consent.example.com/evidence\n42\nAAAA\n');

async function outcome(
  b: TsaBehaviour,
  extra: Partial<Parameters<typeof verifyTimeStampResponse>[1]> = {},
): Promise<'OK' | TimeStampErrorCode> {
  const req = createTimeStampRequest(data);
  const resp = await respond(req.der, b);
  const r = await verifyTimeStampResponse(resp, {
    data,
    nonce: req.nonce,
    trustAnchors: [pki.root.pem],
    ...extra,
  });
  if (!r.ok) {
    expect(r.error.message.length).toBeGreaterThan(10);
    expect(r.error.messageTr.length).toBeGreaterThan(10);
  }
  return r.ok ? 'OK' : r.error.code;
}

describe('RFC 3161 requests', () => {
  it('builds a DER TimeStampReq with a SHA-256 imprint, a positive 128-bit nonce and certReq', () => {
    const req = createTimeStampRequest(data);
    const parsed = pkijs.TimeStampReq.fromBER(req.der.slice().buffer);
    expect(parsed.version).toBe(1);
    expect(parsed.messageImprint.hashAlgorithm.algorithmId).toBe('2.16.840.1.101.3.4.2.1');
    expect(Buffer.from(parsed.messageImprint.hashedMessage.valueBlock.valueHexView).toString('hex')).toBe(
      createHash('sha256').update(data).digest('hex'),
    );
    expect(parsed.certReq).toBe(true);
    expect(req.nonce.length).toBe(16);
    expect(req.nonce[0]! & 0x80).toBe(0);
    expect(Buffer.from(parsed.nonce!.valueBlock.valueHexView).toString('hex')).toBe(
      Buffer.from(req.nonce).toString('hex'),
    );
    // two requests never share a nonce
    expect(Buffer.from(createTimeStampRequest(data).nonce).equals(Buffer.from(req.nonce))).toBe(false);
  });

  it('takes a fixed nonce, a policy and a random source', () => {
    const req = createTimeStampRequest(data, { nonce: Uint8Array.of(0x80, 1), policy: '1.2.3.4' });
    const parsed = pkijs.TimeStampReq.fromBER(req.der.slice().buffer);
    expect(parsed.reqPolicy).toBe('1.2.3.4');
    expect(Buffer.from(parsed.nonce!.valueBlock.valueHexView).toString('hex')).toBe('008001'); // kept positive
    const fixed = createTimeStampRequest(data, { randomBytes: (n) => new Uint8Array(n).fill(0xff) });
    expect(fixed.nonce[0]).toBe(0x7f);
    expect(timeStampRequestForCheckpoint('o\n0\nAA==\n').imprint.length).toBe(32);
  });
});

describe('RFC 3161 response verification', () => {
  it('accepts a correct response with ESSCertIDv2 or ESSCertID, and says what it attests', async () => {
    expect(await outcome({})).toBe('OK');
    expect(await outcome({ essCertId: 'v1' })).toBe('OK');
    expect(await outcome({ status: 1 })).toBe('OK'); // grantedWithMods
    const req = createTimeStampRequest(data);
    const r = await verifyTimeStampResponse(await respond(req.der), {
      data,
      nonce: req.nonce,
      trustAnchors: [pki.root.pem],
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.genTime.toISOString()).toBe('2025-03-01T07:20:00.000Z');
    expect(r.value.tsa).toBe('C=TR, O=izinkit test, CN=izinkit Test TSA');
    expect(r.value.anchor).toBe('C=TR, O=izinkit test, CN=izinkit Test Root');
    expect(r.value.certBinding).toBe('ESSCertIDv2');
    expect(r.value.hashAlgorithm).toBe('SHA-256');
    // the stored token verifies on its own, by data or by imprint, with or without the nonce
    expect((await verifyTimeStampToken(r.value.token, { data, trustAnchors: [pki.root.der] })).ok).toBe(true);
    expect(
      (await verifyTimeStampToken(r.value.token, { imprint: req.imprint, trustAnchors: [pki.root.pem] })).ok,
    ).toBe(true);
    // an intermediate as anchor is enough too
    expect(
      (await verifyTimeStampToken(r.value.token, { data, trustAnchors: [pki.intermediate.pem] })).ok,
    ).toBe(true);
  });

  it('rejects a refused request', async () => {
    expect(await outcome({ status: 2, statusText: 'unsupported algorithm' })).toBe('TSA_REJECTED');
  });

  it('rejects a wrong or missing nonce', async () => {
    expect(await outcome({ nonce: 'wrong' })).toBe('TSA_NONCE_MISMATCH');
    expect(await outcome({ nonce: 'omit' })).toBe('TSA_NONCE_MISMATCH');
  });

  it('rejects a token for other data', async () => {
    expect(await outcome({ imprint: 'wrong' })).toBe('TSA_IMPRINT_MISMATCH');
    const req = createTimeStampRequest(data);
    const r = await verifyTimeStampResponse(await respond(req.der), {
      data: new TextEncoder().encode('something else'),
      trustAnchors: [pki.root.pem],
    });
    expect(r.ok ? 'OK' : r.error.code).toBe('TSA_IMPRINT_MISMATCH');
  });

  it('rejects a signing certificate without the right extended key usage', async () => {
    const noEku = await issue({ cn: 'no EKU', issuer: pki.intermediate });
    const notCritical = await issue({
      cn: 'EKU not critical',
      issuer: pki.intermediate,
      eku: [TIME_STAMPING],
      ekuCritical: false,
    });
    const extra = await issue({
      cn: 'EKU plus code signing',
      issuer: pki.intermediate,
      eku: [TIME_STAMPING, CODE_SIGNING],
    });
    const other = await issue({ cn: 'code signing only', issuer: pki.intermediate, eku: [CODE_SIGNING] });
    for (const signer of [noEku, notCritical, extra, other]) {
      expect(await outcome({ signer, certificates: [signer, pki.intermediate] })).toBe('TSA_EKU_INVALID');
    }
  });

  it('rejects a token whose signing-certificate attribute is missing or names another certificate', async () => {
    expect(await outcome({ essCertId: 'none' })).toBe('TSA_CERT_BINDING_INVALID');
    expect(await outcome({ essCertId: 'wrong-hash' })).toBe('TSA_CERT_BINDING_INVALID');
    expect(await outcome({ essCertId: 'wrong-serial' })).toBe('TSA_CERT_BINDING_INVALID');
  });

  it('rejects an altered signature or altered content', async () => {
    expect(await outcome({ tamperSignature: true })).toBe('TSA_SIGNATURE_INVALID');
    expect(await outcome({ tamperContent: true })).toBe('TSA_SIGNATURE_INVALID');
  });

  it('rejects a chain to another anchor, or a certificate not valid at genTime', async () => {
    expect(await outcome({}, { trustAnchors: [pki.otherRoot.pem] })).toBe('TSA_CHAIN_INVALID');
    expect(await outcome({ genTime: new Date('2019-06-01T00:00:00Z') })).toBe('TSA_CHAIN_INVALID');
    const expired = await issue({
      cn: 'expired TSA',
      issuer: pki.intermediate,
      eku: [TIME_STAMPING],
      notAfter: new Date('2024-12-31T00:00:00Z'),
    });
    expect(await outcome({ signer: expired, certificates: [expired, pki.intermediate] })).toBe(
      'TSA_CHAIN_INVALID',
    );
    // the TSA's own certificate (self-signed, not a CA) is not a trust anchor for itself
    const selfSigned = await issue({ cn: 'self-signed TSA', eku: [TIME_STAMPING] });
    expect(
      await outcome({ signer: selfSigned, certificates: [selfSigned] }, { trustAnchors: [selfSigned.pem] }),
    ).toBe('TSA_CHAIN_INVALID');
  });

  it('needs the signing certificate, and finds intermediates the caller supplies', async () => {
    expect(await outcome({ certificates: [] })).toBe('TSA_SIGNER_CERT_MISSING');
    expect(await outcome({ certificates: [pki.tsa] })).toBe('TSA_CHAIN_INVALID');
    expect(await outcome({ certificates: [pki.tsa] }, { certificates: [pki.intermediate.pem] })).toBe('OK');
    expect(await outcome({ certificates: [] }, { certificates: [pki.tsa.der, pki.intermediate.der] })).toBe(
      'OK',
    );
  });

  it('reports garbage as malformed, never throws', async () => {
    const r = await verifyTimeStampResponse(new Uint8Array([1, 2, 3]), {
      data,
      trustAnchors: [pki.root.pem],
    });
    expect(r.ok ? 'OK' : r.error.code).toBe('TSA_RESPONSE_MALFORMED');
    const t = await verifyTimeStampToken(pki.root.der, { data, trustAnchors: [pki.root.pem] });
    expect(t.ok ? 'OK' : t.error.code).toBe('TSA_TOKEN_MALFORMED');
    expect(parseCertificates('not a certificate').ok).toBe(false);
    expect(parseCertificates(`${pki.root.pem}${pki.intermediate.pem}`).ok).toBe(true);
  });
});
