/**
 * A request for every route of the registry, built from its declaration: path parameters filled
 * with well-formed values, and for write routes a body that passes validation where we know one.
 */
import { randomUUID } from 'node:crypto';
import type { AnyRoute } from '../src/http/route.js';

const PARAM_SAMPLES: Record<string, string> = {
  optinId: `opt_${randomUUID()}`,
  evidenceId: '1',
  applicationId: `dsr_${randomUUID()}`,
  importId: 'import-sample-01',
  keyId: randomUUID(),
  kind: 'ETK_CONSENT',
  channel: 'MESAJ',
  locale: 'tr',
};

/** The route's path with `{brandCode}` = `brand` and other parameters filled. */
export function samplePath(r: AnyRoute, brand: string): string {
  return r.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'brandCode' ? brand : (PARAM_SAMPLES[name] ?? 'x'),
  );
}

const recent = (): string => new Date(Date.now() - 3_600_000).toISOString();

/** A valid body for the write routes we know (others get `{}`). */
export function sampleBody(r: AnyRoute): unknown {
  switch (r.id) {
    case 'recordConsent':
      return {
        recipient: '0532 765 43 21',
        recipientType: 'BIREYSEL',
        type: 'MESAJ',
        status: 'ONAY',
        source: 'HS_WEB',
        consentDate: recent(),
      };
    case 'startOptin':
      return { recipient: '0532 765 43 22', method: 'code', source: 'HS_WEB' };
    case 'verifyOptin':
      return { code: '123456' };
    case 'publishAgreement':
      return { text: 'Metin {{brand.name}}', changeNote: 'not', material: false };
    case 'verifyEvidence':
      return { bundle: { format: 'x' } };
    case 'createApplication':
      return { kinds: ['erasure'], channel: 'registered_email' };
    case 'advanceApplication':
      return { type: 'note', at: recent(), text: 'not' };
    case 'addRetailer':
      return { title: 'Bayi', name: 'Ayşe Yılmaz' };
    case 'giveRetailerAccess':
      return {
        recipients: ['05327654321'],
        recipientType: 'BIREYSEL',
        type: 'MESAJ',
        retailerAccess: [12345678],
      };
    case 'createApiKey':
      return { name: 'k', scopes: [{ brands: ['600000'], permissions: ['consents:read'] }] };
    default:
      return r.body ? {} : undefined;
  }
}

/** A request init for the route. */
export function sampleInit(r: AnyRoute, key: string | null): RequestInit {
  const headers: Record<string, string> = {};
  if (key) headers.authorization = `Bearer ${key}`;
  const body = sampleBody(r);
  if (r.stream) {
    headers['content-type'] = 'application/x-ndjson';
    return { method: r.method.toUpperCase(), headers, body: '' };
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  return {
    method: r.method.toUpperCase(),
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  };
}
