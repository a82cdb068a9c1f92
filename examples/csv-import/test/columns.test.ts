import { describe, expect, it } from 'vitest';
import { foldHeader, parseColumnMap, resolveColumns } from '../src/columns.js';
import {
  parseChannel,
  parseConsentDate,
  parseRecipientType,
  parseSource,
  parseStatus,
} from '../src/values.js';

describe('header detection', () => {
  it.each([
    // Turkish spreadsheets
    [
      [
        'Ad Soyad',
        'TC Kimlik No',
        'Cep Tel',
        'E-Posta',
        'Kanal',
        'Durum',
        'Kaynak',
        'İzin Tarihi',
        'Alıcı Tipi',
      ],
      {
        fullName: 0,
        tckn: 1,
        phone: 2,
        email: 3,
        type: 4,
        status: 5,
        source: 6,
        consentDate: 7,
        recipientType: 8,
      },
    ],
    [
      ['ADI', 'SOYADI', 'GSM NO', 'İZİN DURUMU', 'İZİN KAYNAĞI', 'ONAY TARİHİ', 'İZİN TÜRÜ'],
      { firstName: 0, lastName: 1, phone: 2, status: 3, source: 4, consentDate: 5, type: 6 },
    ],
    [
      ['isim', 'soyisim', 'cep_telefonu', 'e_posta_adresi', 'izin', 'tarih'],
      { firstName: 0, lastName: 1, phone: 2, email: 3, status: 4, consentDate: 5 },
    ],
    // English spreadsheets
    [
      [
        'First Name',
        'Last Name',
        'Mobile Phone',
        'Email',
        'Channel',
        'Consent Status',
        'Source',
        'Consent Date',
      ],
      { firstName: 0, lastName: 1, phone: 2, email: 3, type: 4, status: 5, source: 6, consentDate: 7 },
    ],
    [
      ['recipient', 'recipientType', 'type', 'status', 'source', 'consentDate'],
      { recipient: 0, recipientType: 1, type: 2, status: 3, source: 4, consentDate: 5 },
    ],
  ])('%j', (header, fields) => {
    const c = resolveColumns(header);
    expect(c.fields).toEqual(fields);
    expect(c.unknown).toEqual([]);
  });

  it('reports unknown headers and a second column for one field', () => {
    const c = resolveColumns(['Telefon', 'GSM', 'Durum', 'Şube', '']);
    expect(c.fields).toEqual({ phone: 0, status: 2 });
    expect(c.duplicate).toEqual(['GSM']);
    expect(c.unknown).toEqual(['Şube']);
  });

  it('--map overrides and ignores', () => {
    const m = parseColumnMap('Müşteri Hattı=phone; İzin Var Mı=status, Şube=ignore');
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    const c = resolveColumns(['Müşteri Hattı', 'İzin Var Mı', 'Şube', 'Telefon'], m.value);
    expect(c.fields).toEqual({ phone: 0, status: 1 });
    expect(c.ignored).toEqual(['Şube']);
    expect(c.duplicate).toEqual(['Telefon']);
  });

  it('--map errors name the problem', () => {
    expect(parseColumnMap('Telefon')).toMatchObject({
      ok: false,
      error: expect.stringContaining('Header=field'),
    });
    expect(parseColumnMap('Telefon=fax')).toMatchObject({
      ok: false,
      error: expect.stringContaining('not a field'),
    });
  });

  it('folds Turkish headers', () => {
    expect(foldHeader('İzin Tarihi')).toBe('izintarihi');
    expect(foldHeader('ALICI TİPİ')).toBe('alicitipi');
    expect(foldHeader(' Cep Tel. ')).toBe('ceptel');
  });
});

describe('cell values', () => {
  it('statuses', () => {
    for (const v of ['ONAY', 'Evet', 'EVET', 'yes', '1', 'Kabul', 'opt-in'])
      expect(parseStatus(v)).toBe('ONAY');
    for (const v of ['RET', 'Hayır', 'HAYIR', 'no', '0', 'red', 'opt-out'])
      expect(parseStatus(v)).toBe('RET');
    for (const v of ['belki', '', '2', 'x']) expect(parseStatus(v)).toBeUndefined();
  });
  it('channels and recipient types', () => {
    expect(parseChannel('SMS')).toBe('MESAJ');
    expect(parseChannel('Sesli Arama')).toBe('ARAMA');
    expect(parseChannel('E-Posta')).toBe('EPOSTA');
    expect(parseChannel('faks')).toBeUndefined();
    expect(parseRecipientType('Kurumsal')).toBe('TACIR');
    expect(parseRecipientType('BİREYSEL')).toBe('BIREYSEL');
    expect(parseRecipientType('?')).toBeUndefined();
  });
  it('sources', () => {
    expect(parseSource('hs_web')).toBe('HS_WEB');
    expect(parseSource('HS_2015')).toBe('HS_2015');
    expect(parseSource('2015 öncesi')).toBe('HS_2015');
    expect(parseSource('ÇAĞRI MERKEZİ')).toBe('HS_CAGRI_MERKEZI');
    expect(parseSource('Web sitesi')).toBe('HS_WEB');
    expect(parseSource('IYS_WEB')).toBe('iys');
    expect(parseSource('gazete')).toBeUndefined();
  });
  it('consent dates in Türkiye time, day first', () => {
    const iso = (v: string): string | undefined => {
      const ms = parseConsentDate(v);
      return ms === undefined ? undefined : new Date(ms).toISOString();
    };
    expect(iso('15.03.2024 14:30')).toBe('2024-03-15T11:30:00.000Z');
    expect(iso('03/04/2024')).toBe('2024-04-02T21:00:00.000Z');
    expect(iso('2024-03-15 14:30:05')).toBe('2024-03-15T11:30:05.000Z');
    expect(iso('2024-03-15T14:30:05.250+03:00')).toBe('2024-03-15T11:30:05.250Z');
    expect(iso('2024-03-15T11:30:05Z')).toBe('2024-03-15T11:30:05.000Z');
    // Before September 2016 Türkiye had summer time (UTC+3) and winter time (UTC+2).
    expect(iso('2015-06-01 10:00:00')).toBe('2015-06-01T07:00:00.000Z');
    expect(iso('01.12.2015 10:00')).toBe('2015-12-01T08:00:00.000Z');
    expect(iso('01.05.2015 00:00')).toBe('2015-04-30T21:00:00.000Z');
    for (const bad of ['31.02.2024', '2024-13-01', '15.03.2024 25:00', 'dün', ''])
      expect(iso(bad)).toBeUndefined();
  });
});
