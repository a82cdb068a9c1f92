import { describe, expect, it } from 'vitest';
import { type AgreementKind, checkAgreementRules, orThrow, parseTemplate, RULE_CODES } from '../src/index.js';

const codes = (kind: AgreementKind, text: string): string[] =>
  checkAgreementRules(kind, orThrow(parseTemplate(text))).map((f) => `${f.code}:${f.severity}`);

describe('checkAgreementRules', () => {
  it('asks an ETK consent text to identify the sender and give a way to refuse', () => {
    expect(codes('ETK_CONSENT', '{{brandName}} size kampanya iletileri gönderebilir.')).toEqual([
      'ETK_SENDER_IDENTITY_MISSING:error',
      'ETK_RET_ROUTE_MISSING:error',
    ]);
    expect(codes('ETK_CONSENT', '{{brandName}} (MERSİS {{mersis}}) … Ret için {{shortNumber}}')).toEqual([]);
    expect(codes('ETK_CONSENT', '{{tradeName}} … {{retUrl}}')).toEqual([]);
    expect(codes('ETK_CONSENT', 'Örnek A.Ş. (MERSİS 0720106477000001) … {{customerServicePhone}}')).toEqual(
      [],
    );
    expect(codes('ETK_CONSENT', 'MERSİS 07201064770000011 … {{retInstructions}}')).toEqual([
      'ETK_SENDER_IDENTITY_MISSING:error',
    ]);
  });

  it('warns when ETK consent and KVKK explicit consent are bundled, in either language and case', () => {
    const base = '{{mersis}} {{shortNumber}} ';
    expect(codes('ETK_CONSENT', `${base}ve KVKK kapsamında AÇIK RIZA veriyorum`)).toEqual([
      'ETK_BUNDLED_WITH_ACIK_RIZA:warning',
    ]);
    expect(codes('ETK_CONSENT', `${base}and I give my EXPLICIT CONSENT`)).toEqual([
      'ETK_BUNDLED_WITH_ACIK_RIZA:warning',
    ]);
    expect(
      codes('KVKK_ACIK_RIZA', 'Verilerimin ticari elektronik ileti için işlenmesine rıza gösteriyorum'),
    ).toEqual(['ACIK_RIZA_BUNDLED_WITH_ETK:warning']);
    expect(codes('KVKK_ACIK_RIZA', 'I consent to COMMERCIAL ELECTRONIC MESSAGES')).toEqual([
      'ACIK_RIZA_BUNDLED_WITH_ETK:warning',
    ]);
    expect(codes('KVKK_ACIK_RIZA', 'Verilerimin yurt dışına aktarılmasına açık rıza veriyorum')).toEqual([]);
  });

  it('warns when an information notice asks for consent', () => {
    expect(codes('KVKK_AYDINLATMA', 'Aydınlatma metnini okudum, ONAYLIYORUM.')).toEqual([
      'AYDINLATMA_ASKS_FOR_CONSENT:warning',
    ]);
    expect(codes('KVKK_AYDINLATMA', 'By continuing I agree to the processing.')).toEqual([
      'AYDINLATMA_ASKS_FOR_CONSENT:warning',
    ]);
    expect(
      codes(
        'KVKK_AYDINLATMA',
        'Verileriniz KVKK m.5/2 uyarınca işlenir; açık rızanız yalnızca ayrıca istenir.',
      ),
    ).toEqual([]);
  });

  it('ignores placeholder names when matching phrases, and has no rules for custom kinds', () => {
    expect(codes('CUSTOM_TERMS', 'Kabul ediyorum. {{brandName}}')).toEqual([]);
    expect(codes('KVKK_AYDINLATMA', '{{onayliyorum:text}}')).toEqual([]);
  });

  it('lists every code it can return', () => {
    expect(RULE_CODES).toHaveLength(5);
  });
});
