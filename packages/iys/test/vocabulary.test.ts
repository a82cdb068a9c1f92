import { describe, expect, it } from 'vitest';
import {
  ConsentSourceSchema,
  channelsFor,
  HS_2015_CONSENT_INSTANT,
  isIysSource,
  isProviderSource,
  PROVIDER_SOURCES,
  ProviderSourceSchema,
} from '../src/index.js';

describe('İYS vocabulary', () => {
  it('lists the 13 provider sources in H119 order', () => {
    expect(PROVIDER_SOURCES).toHaveLength(13);
    expect(PROVIDER_SOURCES[0]).toBe('HS_FIZIKSEL_ORTAM');
    expect(PROVIDER_SOURCES.at(-1)).toBe('HS_KARAR');
  });
  it('keeps provider and İYS sources apart', () => {
    expect(isProviderSource('HS_WEB')).toBe(true);
    expect(isProviderSource('IYS_WEB')).toBe(false);
    expect(isIysSource('IYS_WEB')).toBe(true);
    expect(isIysSource('IYS_SOMETHING_NEW')).toBe(true);
    expect(isIysSource('HS_WEB')).toBe(false);
    expect(ProviderSourceSchema.safeParse('IYS_CM').success).toBe(false);
    expect(ConsentSourceSchema.safeParse('IYS_CM').success).toBe(true);
    expect(ConsentSourceSchema.safeParse('iys_cm').success).toBe(false);
  });
  it('maps address kinds to channels', () => {
    expect(channelsFor('phone')).toEqual(['MESAJ', 'ARAMA']);
    expect(channelsFor('email')).toEqual(['EPOSTA']);
  });
  it('pins HS_2015 to 2015-05-01 00:00 Türkiye time', () => {
    expect(HS_2015_CONSENT_INSTANT.toISOString()).toBe('2015-04-30T21:00:00.000Z');
  });
});
