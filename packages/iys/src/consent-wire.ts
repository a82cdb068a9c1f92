import { formatIysDateTime } from './datetime.js';
import type { IysErrorItem } from './errors.js';
import { formatHMessage, type HCode } from './hcodes.js';
import type { IysResult } from './result.js';
import type { Consent, ConsentWire } from './schemas.js';
import { CONSENT_STATUSES, CONSENT_TYPES, isProviderSource, RECIPIENT_TYPES } from './vocabulary.js';

const issue = (code: HCode, field: string, value?: unknown, params?: Record<string, string>): IysErrorItem =>
  value === undefined
    ? { code, message: formatHMessage(code, params), location: [field] }
    : { code, message: formatHMessage(code, params), location: [field], value };

/**
 * Checks a consent the way İYS checks the shape of a request (required fields, allowed values,
 * a valid date) and turns it into its wire form. The errors carry the H-code İYS would answer with
 * (H110–H117, H119, H157, H170). Rules that need İYS's stored state (H174, H175, H178, …) and the
 * recipient format rules are left to İYS. Fields outside {@link Consent} are ignored. Never throws.
 *
 * @example
 * ```ts
 * const r = consentToWire({ recipient: '+905321234567', recipientType: 'BIREYSEL', type: 'MESAJ', status: 'ONAY', source: 'HS_WEB', consentDate: new Date('2024-03-01T07:30:00Z') });
 * if (r.ok) r.value.consentDate; // '2024-03-01 10:30:00'
 * const bad = consentToWire({ recipient: '+905321234567', recipientType: 'BIREYSEL', type: 'MESAJ', status: 'ONAY' } as Consent);
 * if (!bad.ok) bad.error.map((e) => e.code); // ['H112', 'H113']
 * ```
 */
export function consentToWire(consent: Consent): IysResult<ConsentWire, IysErrorItem[]> {
  const errors: IysErrorItem[] = [];
  if (typeof consent !== 'object' || consent === null) {
    return { ok: false, error: [{ code: 'H085', message: formatHMessage('H085') }] };
  }
  const c = consent as unknown as Record<string, unknown>;
  if (typeof c.recipient !== 'string' || c.recipient.trim() === '') errors.push(issue('H114', 'recipient'));
  if (c.recipientType === undefined || c.recipientType === null) errors.push(issue('H170', 'recipientType'));
  else if (!(RECIPIENT_TYPES as readonly unknown[]).includes(c.recipientType))
    errors.push(issue('H116', 'recipientType', c.recipientType));
  if (c.type === undefined || c.type === null) errors.push(issue('H111', 'type'));
  else if (!(CONSENT_TYPES as readonly unknown[]).includes(c.type))
    errors.push(issue('H117', 'type', c.type));
  if (c.status === undefined || c.status === null) errors.push(issue('H110', 'status'));
  else if (!(CONSENT_STATUSES as readonly unknown[]).includes(c.status))
    errors.push(issue('H115', 'status', c.status));
  const bireysel = c.recipientType !== 'TACIR';
  let consentDate: string | undefined;
  if (c.consentDate === undefined || c.consentDate === null) {
    if (bireysel) errors.push(issue('H112', 'consentDate'));
  } else if (!(c.consentDate instanceof Date) || Number.isNaN(c.consentDate.getTime())) {
    errors.push(issue('H157', 'consentDate', String(c.consentDate)));
  } else {
    try {
      consentDate = formatIysDateTime(c.consentDate);
    } catch {
      errors.push(issue('H157', 'consentDate', c.consentDate.toISOString()));
    }
  }
  if (c.source === undefined || c.source === null) {
    if (bireysel) errors.push(issue('H113', 'source'));
  } else if (typeof c.source !== 'string' || !isProviderSource(c.source)) {
    errors.push(issue('H119', 'source', c.source));
  }
  if (errors.length > 0) return { ok: false, error: errors };
  const wire: {
    -readonly [K in keyof ConsentWire]: ConsentWire[K];
  } = {
    recipient: c.recipient as string,
    recipientType: c.recipientType as ConsentWire['recipientType'],
    type: c.type as ConsentWire['type'],
    status: c.status as ConsentWire['status'],
  };
  if (consentDate !== undefined) wire.consentDate = consentDate;
  if (c.source !== undefined && c.source !== null) wire.source = c.source as ConsentWire['source'] & string;
  if (typeof c.retailerCode === 'number') wire.retailerCode = c.retailerCode;
  if (Array.isArray(c.retailerAccess)) wire.retailerAccess = c.retailerAccess as number[];
  return { ok: true, value: wire };
}
