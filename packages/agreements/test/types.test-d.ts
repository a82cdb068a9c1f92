import { expectTypeOf, test } from 'vitest';
import type {
  AgreementChannel,
  AgreementKind,
  AgreementVersion,
  DocumentKey,
  ReconsentCheck,
  RenderedAgreement,
  Result,
  TemplateValues,
} from '../src/index.js';
import {
  type AgreementService,
  contentHash,
  needsReconsent,
  reconsentCheck,
  renderVersion,
} from '../src/index.js';

test('kinds and channels', () => {
  expectTypeOf<'ETK_CONSENT'>().toExtend<AgreementKind>();
  expectTypeOf<'CUSTOM_LOYALTY'>().toExtend<AgreementKind>();
  expectTypeOf<'OTHER'>().not.toExtend<AgreementKind>();
  expectTypeOf<AgreementChannel>().toEqualTypeOf<'MESAJ' | 'ARAMA' | 'EPOSTA' | 'ANY'>();
  expectTypeOf<DocumentKey['locale']>().toEqualTypeOf<'tr' | 'en'>();
});

test('functions', () => {
  expectTypeOf(contentHash).returns.toEqualTypeOf<string>();
  expectTypeOf(needsReconsent).returns.toEqualTypeOf<boolean>();
  expectTypeOf(renderVersion).returns.toEqualTypeOf<Result<RenderedAgreement>>();
  expectTypeOf(reconsentCheck).returns.toEqualTypeOf<ReconsentCheck>();
  expectTypeOf<AgreementService['publish']>().returns.resolves.toEqualTypeOf<Result<AgreementVersion>>();
});

test('template values are typed for the well-known names', () => {
  expectTypeOf<{ brandName: string; campaign: string }>().toExtend<TemplateValues>();
  expectTypeOf<TemplateValues['mersis']>().toEqualTypeOf<string | undefined>();
});

test('a re-consent check narrows on needed and reason', () => {
  const c = {} as ReconsentCheck;
  if (c.needed && c.reason === 'MATERIAL_CHANGE')
    expectTypeOf(c.materialVersions).toEqualTypeOf<readonly string[]>();
});
