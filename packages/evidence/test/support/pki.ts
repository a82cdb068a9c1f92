/**
 * A throw-away PKI for tests, built with pkijs and node's WebCrypto: a root CA, an intermediate
 * CA, a TSA certificate, and a TSA that answers RFC 3161 requests — correctly, or with exactly
 * one thing wrong, so every failure of the verifier can be shown. Nothing touches the network.
 */
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const crypto = webcrypto;
type CryptoKey = webcrypto.CryptoKey;
export const engine: pkijs.ICryptoEngine = new pkijs.CryptoEngine({
  name: 'test',
  crypto: crypto as unknown as pkijs.CryptoEngineParameters['crypto'],
});

const ab = (u: Uint8Array): ArrayBuffer => u.slice().buffer as ArrayBuffer;
const bytes = (b: ArrayBuffer): Uint8Array => new Uint8Array(b);

export interface Issued {
  readonly cert: pkijs.Certificate;
  readonly der: Uint8Array;
  readonly pem: string;
  readonly privateKey: CryptoKey;
}

function pem(der: Uint8Array): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
}

let serial = 1000;

function name(cn: string): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: [
      new pkijs.AttributeTypeAndValue({
        type: '2.5.4.6',
        value: new asn1js.PrintableString({ value: 'TR' }),
      }),
      new pkijs.AttributeTypeAndValue({
        type: '2.5.4.10',
        value: new asn1js.Utf8String({ value: 'izinkit test' }),
      }),
      new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: cn }) }),
    ],
  });
}

export interface CertOptions {
  readonly cn: string;
  readonly issuer?: Issued;
  readonly ca?: boolean;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** EKU purposes; undefined = no EKU extension. */
  readonly eku?: readonly string[];
  readonly ekuCritical?: boolean;
}

export const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
export const CODE_SIGNING = '1.3.6.1.5.5.7.3.3';

export async function issue(o: CertOptions): Promise<Issued> {
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: serial++ });
  cert.subject = name(o.cn);
  cert.issuer = o.issuer ? o.issuer.cert.subject : name(o.cn);
  cert.notBefore.value = o.notBefore ?? new Date('2020-01-01T00:00:00Z');
  cert.notAfter.value = o.notAfter ?? new Date('2040-01-01T00:00:00Z');
  const ext: pkijs.Extension[] = [];
  if (o.ca) {
    ext.push(
      new pkijs.Extension({
        extnID: '2.5.29.19',
        critical: true,
        extnValue: new pkijs.BasicConstraints({ cA: true }).toSchema().toBER(false),
        parsedValue: new pkijs.BasicConstraints({ cA: true }),
      }),
    );
    const ku = new asn1js.BitString({ valueHex: new Uint8Array([0x06]).buffer, unusedBits: 1 });
    ext.push(
      new pkijs.Extension({
        extnID: '2.5.29.15',
        critical: true,
        extnValue: ku.toBER(false),
        parsedValue: ku,
      }),
    );
  } else {
    const ku = new asn1js.BitString({ valueHex: new Uint8Array([0xc0]).buffer, unusedBits: 6 });
    ext.push(
      new pkijs.Extension({
        extnID: '2.5.29.15',
        critical: true,
        extnValue: ku.toBER(false),
        parsedValue: ku,
      }),
    );
  }
  if (o.eku) {
    const eku = new pkijs.ExtKeyUsage({ keyPurposes: [...o.eku] });
    ext.push(
      new pkijs.Extension({
        extnID: '2.5.29.37',
        critical: o.ekuCritical ?? true,
        extnValue: eku.toSchema().toBER(false),
        parsedValue: eku,
      }),
    );
  }
  cert.extensions = ext;
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey as never, engine);
  await cert.sign((o.issuer ? o.issuer.privateKey : keys.privateKey) as never, 'SHA-256', engine);
  const der = bytes(cert.toSchema(true).toBER());
  return { cert: pkijs.Certificate.fromBER(ab(der)), der, pem: pem(der), privateKey: keys.privateKey };
}

export interface TestPki {
  readonly root: Issued;
  readonly intermediate: Issued;
  readonly tsa: Issued;
  /** A second, unrelated root: the "wrong anchor". */
  readonly otherRoot: Issued;
}

let cached: Promise<TestPki> | undefined;
/** Root → intermediate → TSA (EKU timeStamping, critical), plus an unrelated root. Made once per process. */
export function testPki(): Promise<TestPki> {
  cached ??= (async () => {
    const root = await issue({ cn: 'izinkit Test Root', ca: true });
    const intermediate = await issue({ cn: 'izinkit Test Intermediate', ca: true, issuer: root });
    const tsa = await issue({ cn: 'izinkit Test TSA', issuer: intermediate, eku: [TIME_STAMPING] });
    const otherRoot = await issue({ cn: 'Some Other Root', ca: true });
    return { root, intermediate, tsa, otherRoot };
  })();
  return cached;
}

export interface TsaBehaviour {
  /** The TSA's certificate and key (default: the test TSA). */
  readonly signer?: Issued;
  /** Certificates to put in the token (default: TSA + intermediate). */
  readonly certificates?: readonly Issued[];
  readonly genTime?: Date;
  readonly status?: number;
  readonly statusText?: string;
  readonly nonce?: 'echo' | 'omit' | 'wrong';
  readonly imprint?: 'echo' | 'wrong';
  /** Which signing-certificate attribute to include. */
  readonly essCertId?: 'v2' | 'v1' | 'none' | 'wrong-hash' | 'wrong-serial';
  /** Flip a bit of the signature after signing. */
  readonly tamperSignature?: boolean;
  /** Change the TSTInfo after signing (the message digest no longer matches). */
  readonly tamperContent?: boolean;
}

const OID_TSTINFO = '1.2.840.113549.1.9.16.1.4';

function essCertIdAttribute(
  kind: 'v1' | 'v2' | 'wrong-hash' | 'wrong-serial',
  cert: Issued,
): pkijs.Attribute {
  const v1 = kind === 'v1';
  let hash = createHash(v1 ? 'sha1' : 'sha256')
    .update(cert.der)
    .digest();
  if (kind === 'wrong-hash') hash = createHash('sha256').update('another certificate').digest();
  const serialInt =
    kind === 'wrong-serial'
      ? new asn1js.Integer({ value: 424242 })
      : new asn1js.Integer({
          valueHex: cert.cert.serialNumber.valueBlock.valueHexView.slice().buffer as ArrayBuffer,
        });
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: 4 },
            value: [cert.cert.issuer.toSchema()],
          }),
        ],
      }),
      serialInt,
    ],
  });
  const essCertId = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: ab(new Uint8Array(hash)) }), issuerSerial],
  });
  return new pkijs.Attribute({
    type: v1 ? '1.2.840.113549.1.9.16.2.12' : '1.2.840.113549.1.9.16.2.47',
    values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertId] })] })],
  });
}

/** Answers an RFC 3161 request as a TSA would, with the misbehaviour asked for. Returns DER TimeStampResp. */
export async function respond(requestDer: Uint8Array, b: TsaBehaviour = {}): Promise<Uint8Array> {
  const pki = await testPki();
  const signer = b.signer ?? pki.tsa;
  const req = pkijs.TimeStampReq.fromBER(ab(requestDer));
  if (b.status !== undefined && b.status !== 0 && b.status !== 1) {
    return bytes(
      new pkijs.TimeStampResp({
        status: new pkijs.PKIStatusInfo({
          status: b.status,
          ...(b.statusText ? { statusStrings: [new asn1js.Utf8String({ value: b.statusText })] } : {}),
        }),
      })
        .toSchema()
        .toBER(),
    );
  }
  const imprint =
    b.imprint === 'wrong'
      ? new pkijs.MessageImprint({
          hashAlgorithm: req.messageImprint.hashAlgorithm,
          hashedMessage: new asn1js.OctetString({ valueHex: ab(new Uint8Array(32).fill(9)) }),
        })
      : req.messageImprint;
  const nonce =
    b.nonce === 'omit' ? undefined : b.nonce === 'wrong' ? new asn1js.Integer({ value: 12345 }) : req.nonce;
  const tst = new pkijs.TSTInfo({
    version: 1,
    policy: '1.3.6.1.4.1.99999.1',
    messageImprint: imprint,
    serialNumber: new asn1js.Integer({ value: Math.floor(Math.random() * 1e9) }),
    genTime: b.genTime ?? new Date('2025-03-01T07:20:00Z'),
    ...(nonce ? { nonce } : {}),
  });
  let tstDer = bytes(tst.toSchema().toBER());
  const digest = createHash('sha256').update(tstDer).digest();
  const attrs: pkijs.Attribute[] = [
    new pkijs.Attribute({
      type: '1.2.840.113549.1.9.3',
      values: [new asn1js.ObjectIdentifier({ value: OID_TSTINFO })],
    }),
    new pkijs.Attribute({
      type: '1.2.840.113549.1.9.4',
      values: [new asn1js.OctetString({ valueHex: ab(new Uint8Array(digest)) })],
    }),
  ];
  const ess = b.essCertId ?? 'v2';
  if (ess !== 'none') attrs.push(essCertIdAttribute(ess, signer));
  const signed = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: OID_TSTINFO,
      eContent: new asn1js.OctetString({ valueHex: ab(tstDer) }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: signer.cert.issuer,
          serialNumber: signer.cert.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attrs }),
      }),
    ],
    certificates: (b.certificates ?? [signer, pki.intermediate]).map((c) => c.cert),
  });
  await signed.sign(signer.privateKey as never, 0, 'SHA-256', undefined, engine);
  if (b.tamperSignature) {
    const si = signed.signerInfos[0]!;
    const sig = new Uint8Array(si.signature.valueBlock.valueHexView);
    sig[sig.length - 3]! ^= 0x01;
    si.signature = new asn1js.OctetString({ valueHex: ab(sig) });
  }
  if (b.tamperContent) {
    const t2 = pkijs.TSTInfo.fromBER(ab(tstDer));
    t2.genTime = new Date('2020-06-01T00:00:00Z');
    tstDer = bytes(t2.toSchema().toBER());
    signed.encapContentInfo = new pkijs.EncapsulatedContentInfo({
      eContentType: OID_TSTINFO,
      eContent: new asn1js.OctetString({ valueHex: ab(tstDer) }),
    });
  }
  const token = new pkijs.ContentInfo({
    contentType: '1.2.840.113549.1.7.2',
    content: signed.toSchema(true),
  });
  return bytes(
    new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({ status: b.status ?? 0 }),
      timeStampToken: token,
    })
      .toSchema()
      .toBER(),
  );
}
