import { describe, expect, it } from 'vitest';
import {
  describeHCode,
  formatHMessage,
  H_CODE_TABLE,
  H_CODES,
  isHCode,
  isRetryableHCode,
  RETRYABLE_H_CODES,
  THREE_BUSINESS_DAY_RULE_CODE,
} from '../src/index.js';

describe('H-code table', () => {
  it('covers every code the issue and the reference name', () => {
    const named = [
      ...[
        'H110',
        'H111',
        'H112',
        'H113',
        'H114',
        'H115',
        'H116',
        'H117',
        'H118',
        'H119',
        'H120',
        'H121',
        'H122',
      ],
      ...[
        'H125',
        'H155',
        'H156',
        'H158',
        'H162',
        'H170',
        'H174',
        'H175',
        'H178',
        'H180',
        'H194',
        'H251',
        'H351',
      ],
      ...[
        'H353',
        'H408',
        'H462',
        'H463',
        'H464',
        'H501',
        'H502',
        'H503',
        'H512',
        'H182',
        'H183',
        'H186',
        'H187',
      ],
      ...['H126', 'H127', 'H163', 'H164', 'H168', 'H169', 'H193', 'H401', 'H084', 'H124', 'H192', 'H014'],
    ];
    for (const code of named) expect(isHCode(code), code).toBe(true);
  });
  it('has one complete entry per code', () => {
    expect(new Set(H_CODES).size).toBe(H_CODES.length);
    for (const code of H_CODES) {
      const info = H_CODE_TABLE[code];
      expect(info.code).toBe(code);
      expect(info.tr.length).toBeGreaterThan(5);
      expect(info.en.length).toBeGreaterThan(5);
      expect([200, 400, 401, 403, 404, 422, 429, 500, 503]).toContain(info.httpStatus);
    }
  });
  it('marks exactly İYS’s resend list (plus H083) as retryable', () => {
    expect([...RETRYABLE_H_CODES].sort()).toEqual(
      ['H015', 'H083', 'H101', 'H102', 'H103', 'H123', 'H124', 'H179', 'H192', 'H412', 'H470'].sort(),
    );
    expect(isRetryableHCode('H124')).toBe(true);
    expect(isRetryableHCode('H174')).toBe(false);
    expect(isRetryableHCode('H999')).toBe(false);
  });
  it('keeps İYS’s statuses for the codes whose status is documented', () => {
    expect(H_CODE_TABLE.H180.httpStatus).toBe(403);
    expect(H_CODE_TABLE.H251.httpStatus).toBe(401);
    expect(H_CODE_TABLE.H351.httpStatus).toBe(401);
    expect(H_CODE_TABLE.H353.httpStatus).toBe(403);
    expect(H_CODE_TABLE.H124.httpStatus).toBe(429);
    expect(H_CODE_TABLE.H192.httpStatus).toBe(503);
    expect(H_CODE_TABLE.H014.httpStatus).toBe(400);
  });
  it('says which texts are İYS’s own and which are assumptions', () => {
    expect(H_CODE_TABLE.H175.textSource).toBe('iys');
    expect(H_CODE_TABLE[THREE_BUSINESS_DAY_RULE_CODE].note).toMatch(/ASSUMPTION/);
    expect(describeHCode('H999')).toBeUndefined();
  });
  it('fills placeholders', () => {
    expect(formatHMessage('H174', { status: 'ONAY' })).toBe(
      'İzin durumu (status) güncellemesi için farklı bir durum girilmelidir. İzin durumu: ONAY',
    );
    expect(formatHMessage('H118', { unacceptableField: 'foo' })).toMatch(/^foo kabul edilemedi\./);
    expect(formatHMessage('H093')).toBe('{{transactionId}} bulunamadı.');
  });
});
