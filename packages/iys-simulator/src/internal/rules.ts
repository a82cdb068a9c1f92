/**
 * İYS's consent rules ("İzin Doğrulama Kuralları" and the error table), as the simulator applies
 * them. `checkShape` is what İYS rejects synchronously (field presence, allowed values, formats);
 * `checkState` is what needs the stored consent and the clock.
 */
import { addBusinessDays } from '@izinkit/calendar';
import { normalizeEmail, normalizePhone } from '@izinkit/identity';
import {
  CONSENT_STATUSES,
  CONSENT_TYPES,
  type ConsentStatus,
  type ConsentType,
  formatHMessage,
  formatIysDate,
  H_CODE_TABLE,
  type HCode,
  HS_2015_CONSENT_INSTANT,
  type IysErrorItem,
  isProviderSource,
  parseIysDateTime,
  RECIPIENT_TYPES,
  type RecipientType,
  THREE_BUSINESS_DAY_RULE_CODE,
} from '@izinkit/iys';

export interface Problem extends IysErrorItem {
  readonly status: number;
}

export function problem(
  code: HCode,
  extra: {
    location?: (string | number)[];
    value?: unknown;
    index?: number;
    params?: Record<string, string | number>;
  } = {},
  message?: string,
): Problem {
  const p: { -readonly [K in keyof Problem]: Problem[K] } = {
    code,
    message: message ?? formatHMessage(code, extra.params),
    status: H_CODE_TABLE[code].httpStatus,
  };
  if (extra.index !== undefined) p.index = extra.index;
  if (extra.location !== undefined) p.location = extra.location;
  if (extra.value !== undefined) p.value = extra.value;
  return p;
}

/** A consent that passed the shape checks; `recipient` is normalised. */
export interface NormConsent {
  recipient: string;
  recipientType: RecipientType;
  type: ConsentType;
  status: ConsentStatus;
  source: string | undefined;
  consentDate: number | undefined;
  retailerCode: number | undefined;
  retailerAccess: number[] | undefined;
}

export const CONSENT_FIELDS: readonly string[] = [
  'recipientType',
  'retailerAccess',
  'recipient',
  'retailerCode',
  'source',
  'type',
  'consentDate',
  'status',
];

export const keyOf = (c: { recipientType: string; type: string; recipient: string }): string =>
  `${c.recipientType}|${c.type}|${c.recipient}`;

/** Checks a recipient against its channel; returns the normalised recipient or a problem. */
export function checkRecipient(
  recipient: string,
  type: ConsentType | undefined,
  location: (string | number)[],
  index: number | undefined,
): string | Problem {
  const at = (code: HCode, params?: Record<string, string>): Problem =>
    problem(code, {
      location,
      value: recipient,
      ...(index !== undefined ? { index } : {}),
      ...(params ? { params } : {}),
    });
  if (recipient.includes('@')) {
    const r = normalizeEmail(recipient);
    if (!r.ok) return at('H120');
    if (type !== undefined && type !== 'EPOSTA') return at('H464', { type });
    return r.value;
  }
  if (/^\+?\d+$/.test(recipient)) {
    if (recipient.length > 15) return at('H160');
    const r = normalizePhone(recipient);
    if (!recipient.startsWith('+') || !r.ok || r.value.e164 !== recipient) return at('H121');
    if (type === 'EPOSTA') return at('H459');
    return recipient;
  }
  return at('H122');
}

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

/** The synchronous checks of one consent body (single add, or one item of a batch). */
export function checkShape(
  raw: unknown,
  index: number | undefined,
  notObjectCode: 'H085' | 'H092',
): { errors: Problem[]; consent: NormConsent | undefined } {
  const ix = index !== undefined ? { index } : {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { errors: [problem(notObjectCode, { ...ix, value: raw })], consent: undefined };
  }
  const o = raw as Record<string, unknown>;
  const errors: Problem[] = [];
  const add = (code: HCode, field: string, withValue: boolean, params?: Record<string, string>): void => {
    errors.push(
      problem(code, {
        ...ix,
        location: [field],
        ...(withValue ? { value: o[field] } : {}),
        ...(params ? { params } : {}),
      }),
    );
  };
  for (const field of Object.keys(o)) {
    if (!CONSENT_FIELDS.includes(field)) {
      errors.push(problem('H118', { ...ix, location: [field], params: { unacceptableField: field } }));
    }
  }
  const missing = (v: unknown): boolean => v === undefined || v === null || v === '';
  if (missing(o.recipient) || typeof o.recipient !== 'string')
    add('H114', 'recipient', !missing(o.recipient));
  if (missing(o.recipientType)) add('H170', 'recipientType', false);
  else if (!(RECIPIENT_TYPES as readonly unknown[]).includes(o.recipientType))
    add('H116', 'recipientType', true);
  if (missing(o.type)) add('H111', 'type', false);
  else if (!(CONSENT_TYPES as readonly unknown[]).includes(o.type)) add('H117', 'type', true);
  if (missing(o.status)) add('H110', 'status', false);
  else if (!(CONSENT_STATUSES as readonly unknown[]).includes(o.status)) add('H115', 'status', true);
  const tacir = o.recipientType === 'TACIR';
  if (missing(o.source)) {
    if (!tacir) add('H113', 'source', false);
  } else if (typeof o.source !== 'string' || !isProviderSource(o.source)) add('H119', 'source', true);
  let consentDate: number | undefined;
  if (missing(o.consentDate)) {
    if (!tacir) add('H112', 'consentDate', false);
  } else if (typeof o.consentDate !== 'string') {
    add('H158', 'consentDate', true);
  } else {
    const d = parseIysDateTime(o.consentDate);
    if (d.ok) consentDate = d.value.getTime();
    else add(d.error.hCode, 'consentDate', true);
  }
  let retailerAccess: number[] | undefined;
  if (o.retailerCode !== undefined && o.retailerCode !== null && !isPositiveInt(o.retailerCode)) {
    add('H085', 'retailerCode', true);
  }
  if (o.retailerAccess !== undefined && o.retailerAccess !== null) {
    if (!Array.isArray(o.retailerAccess) || !o.retailerAccess.every(isPositiveInt)) {
      add('H085', 'retailerAccess', true);
    } else if (o.retailerAccess.length > 100) {
      add('H126', 'retailerAccess', false);
    } else {
      const seen = new Set<number>();
      o.retailerAccess.forEach((code, i) => {
        if (seen.has(code)) {
          errors.push(
            problem('H193', {
              ...ix,
              location: ['retailerAccess', i],
              value: code,
              params: { field: 'Bayi kod', value: code },
            }),
          );
        }
        seen.add(code);
      });
      retailerAccess = [...seen];
    }
  }
  let recipient: string | undefined;
  if (typeof o.recipient === 'string' && o.recipient !== '') {
    const type = (CONSENT_TYPES as readonly unknown[]).includes(o.type) ? (o.type as ConsentType) : undefined;
    const r = checkRecipient(o.recipient, type, ['recipient'], index);
    if (typeof r === 'string') recipient = r;
    else errors.push(r);
  }
  if (errors.length > 0 || recipient === undefined) return { errors, consent: undefined };
  return {
    errors,
    consent: {
      recipient,
      recipientType: o.recipientType as RecipientType,
      type: o.type as ConsentType,
      status: o.status as ConsentStatus,
      source: missing(o.source) ? undefined : (o.source as string),
      consentDate,
      retailerCode: isPositiveInt(o.retailerCode) ? o.retailerCode : undefined,
      retailerAccess,
    },
  };
}

export interface StoredConsentLike {
  status: ConsentStatus;
  consentDate: number | undefined;
}

export interface StateRuleOptions {
  now: number;
  threeDayRule: false | { activatedAt: number };
  preMay2015Code: 'errtab' | 'doc';
  knownRetailer: (code: number) => boolean;
}

const MAY_2015 = HS_2015_CONSENT_INSTANT.getTime();
const DOC_H155 =
  'İzin tarihi (consentDate) için 2015-05-01 00:00:00 tarihinden önceki tarihler girilmemelidir.';

/** The checks that need the stored consent and the clock; the first failing rule wins. */
export function checkState(
  c: NormConsent,
  existing: StoredConsentLike | undefined,
  o: StateRuleOptions,
  index: number | undefined,
): Problem | undefined {
  const ix = index !== undefined ? { index } : {};
  const at = (code: HCode, field?: string, value?: unknown, params?: Record<string, string>): Problem =>
    problem(code, {
      ...ix,
      ...(field ? { location: [field] } : {}),
      ...(value !== undefined ? { value } : {}),
      ...(params ? { params } : {}),
    });
  if (c.consentDate !== undefined) {
    if (c.consentDate < MAY_2015) {
      return o.preMay2015Code === 'doc'
        ? problem('H155', { ...ix, location: ['consentDate'] }, DOC_H155)
        : at('H156', 'consentDate');
    }
    if (c.source === 'HS_2015' && c.consentDate !== MAY_2015) return at('H155', 'consentDate');
    if (c.consentDate > o.now) return at('H162', 'consentDate');
  }
  if (c.source === 'HS_KARAR' && c.status !== 'RET') return at('H408', 'status', c.status);
  if (existing === undefined) {
    if (c.status === 'RET') return at('H175', 'status', c.status);
  } else {
    if (c.recipientType === 'TACIR') {
      if (c.consentDate === undefined) return at('H462', 'consentDate');
      if (c.source === undefined) return at('H463', 'source');
    }
    if (existing.status === c.status) return at('H174', 'status', c.status, { status: c.status });
    if (
      c.consentDate !== undefined &&
      existing.consentDate !== undefined &&
      c.consentDate <= existing.consentDate
    ) {
      return at('H178', 'consentDate');
    }
  }
  if (
    o.threeDayRule !== false &&
    c.status === 'ONAY' &&
    c.source !== 'HS_2015' &&
    c.consentDate !== undefined &&
    o.now >= o.threeDayRule.activatedAt
  ) {
    try {
      const last = addBusinessDays(formatIysDate(new Date(c.consentDate)), 3);
      if (formatIysDate(new Date(o.now)) > last) return at(THREE_BUSINESS_DAY_RULE_CODE, 'consentDate');
    } catch {
      // The calendar does not cover the year: İYS's own answer to a failed date comparison.
      return at('H179', 'consentDate');
    }
  }
  if (c.retailerCode !== undefined && !o.knownRetailer(c.retailerCode)) {
    return at('H180', 'retailerCode', c.retailerCode);
  }
  if (c.retailerAccess) {
    for (let i = 0; i < c.retailerAccess.length; i++) {
      const code = c.retailerAccess[i]!;
      if (!o.knownRetailer(code))
        return problem('H180', { ...ix, location: ['retailerAccess', i], value: code });
    }
  }
  return undefined;
}
