/**
 * Content rules for agreement texts, from ETK Law 6563, its Regulation and KVKK practice.
 *
 * These are checks on the template, not legal advice: they catch the mistakes that are cheap to
 * catch mechanically. `error` findings block {@link AgreementService.publish} unless acknowledged
 * by code; `warning` findings never block.
 */
import type { AgreementKind } from './document.js';
import type { LocalizedText, RuleFindingLike } from './result.js';
import type { ParsedTemplate } from './template.js';

/** Every code {@link checkAgreementRules} can return. */
export const RULE_CODES = [
  'ETK_SENDER_IDENTITY_MISSING',
  'ETK_RET_ROUTE_MISSING',
  'ETK_BUNDLED_WITH_ACIK_RIZA',
  'ACIK_RIZA_BUNDLED_WITH_ETK',
  'AYDINLATMA_ASKS_FOR_CONSENT',
] as const;

/**
 * The codes of {@link checkAgreementRules}:
 * - `ETK_SENDER_IDENTITY_MISSING` (error) — an ETK consent text must identify the sender by MERSİS
 *   number or trade name: use `{{mersis}}` or `{{tradeName}}`, or write a 16-digit MERSİS number.
 * - `ETK_RET_ROUTE_MISSING` (error) — an ETK consent text must say how to refuse (ETK art. 8,
 *   Regulation art. 9(3)): use `{{retInstructions}}`, `{{shortNumber}}`, `{{retUrl}}` or
 *   `{{customerServicePhone}}`.
 * - `ETK_BUNDLED_WITH_ACIK_RIZA` (warning) — the ETK text mentions KVKK explicit consent; the two
 *   are separate consents and belong in separate texts.
 * - `ACIK_RIZA_BUNDLED_WITH_ETK` (warning) — the KVKK explicit-consent text mentions commercial
 *   electronic messages; same reason.
 * - `AYDINLATMA_ASKS_FOR_CONSENT` (warning) — a KVKK information notice asks the reader to approve
 *   or consent; a notice informs, consent is taken separately.
 *
 * @example
 * ```ts
 * const c: RuleCode = 'ETK_RET_ROUTE_MISSING';
 * ```
 */
export type RuleCode = (typeof RULE_CODES)[number];

/**
 * One content-rule finding.
 *
 * @example
 * ```ts
 * const f: RuleFinding = {
 *   code: 'ETK_RET_ROUTE_MISSING',
 *   severity: 'error',
 *   messages: { tr: 'Ret yolu yok', en: 'No way to refuse' },
 * };
 * ```
 */
export interface RuleFinding extends RuleFindingLike {
  /** Stable code. */
  readonly code: RuleCode;
  /** `error` blocks publication unless acknowledged; `warning` never does. */
  readonly severity: 'error' | 'warning';
  /** Explanation in both languages. */
  readonly messages: LocalizedText;
}

const RET_ROUTES = ['retInstructions', 'shortNumber', 'retUrl', 'customerServicePhone'];
const SENDER_IDS = ['mersis', 'tradeName'];

const ACIK_RIZA = /a[çc][ıi]k\s+r[ıi]za|explicit\s+consent/;
const ETK = /ticari\s+elektronik\s+ileti|commercial\s+electronic\s+message/;
const CONSENT_ASK =
  /onayl[ıi]yorum|kabul\s+ediyorum|r[ıi]za\s+g[öo]steriyorum|r[ıi]za\s+veriyorum|\bi\s+(?:hereby\s+)?(?:consent|agree)\b/;

/**
 * Checks a template against the content rules for its kind (see {@link RuleCode}). Custom kinds
 * have no rules. Phrases are matched on the template's literal text, lower-cased with Turkish
 * rules and with plain lower-casing, in Turkish and English.
 *
 * @example
 * ```ts
 * const t = orThrow(parseTemplate('{{brandName}} size kampanya iletileri gönderebilir.'));
 * checkAgreementRules('ETK_CONSENT', t).map((f) => f.code);
 * // ['ETK_SENDER_IDENTITY_MISSING', 'ETK_RET_ROUTE_MISSING']
 * ```
 */
export function checkAgreementRules(kind: AgreementKind, template: ParsedTemplate): readonly RuleFinding[] {
  const names = new Set(template.variables.map((v) => v.name));
  const raw = template.segments.map((s) => (s.kind === 'text' ? s.value : ' ')).join('');
  // Turkish lower-casing maps I to ı, which breaks English words; test both foldings.
  const folded = [raw.toLocaleLowerCase('tr'), raw.toLowerCase()];
  const mentions = (re: RegExp): boolean => folded.some((f) => re.test(f));
  const findings: RuleFinding[] = [];
  if (kind === 'ETK_CONSENT') {
    if (!SENDER_IDS.some((n) => names.has(n)) && !/(?<!\d)\d{16}(?!\d)/.test(raw)) {
      findings.push({
        code: 'ETK_SENDER_IDENTITY_MISSING',
        severity: 'error',
        messages: {
          tr: 'ETK onay metni göndereni MERSİS numarası ya da ticaret unvanıyla tanıtmalı ({{mersis}} ya da {{tradeName}})',
          en: 'An ETK consent text must identify the sender by MERSİS number or trade name ({{mersis}} or {{tradeName}})',
        },
      });
    }
    if (!RET_ROUTES.some((n) => names.has(n))) {
      findings.push({
        code: 'ETK_RET_ROUTE_MISSING',
        severity: 'error',
        messages: {
          tr: 'ETK onay metni reddetme (RET) yolunu göstermeli ({{retInstructions}}, {{shortNumber}}, {{retUrl}} ya da {{customerServicePhone}})',
          en: 'An ETK consent text must say how to refuse (RET) ({{retInstructions}}, {{shortNumber}}, {{retUrl}} or {{customerServicePhone}})',
        },
      });
    }
    if (mentions(ACIK_RIZA)) {
      findings.push({
        code: 'ETK_BUNDLED_WITH_ACIK_RIZA',
        severity: 'warning',
        messages: {
          tr: 'ETK onay metni KVKK açık rızasından söz ediyor; ikisi ayrı metinlerde alınmalı',
          en: 'The ETK consent text mentions KVKK explicit consent; take the two in separate texts',
        },
      });
    }
  } else if (kind === 'KVKK_ACIK_RIZA') {
    if (mentions(ETK)) {
      findings.push({
        code: 'ACIK_RIZA_BUNDLED_WITH_ETK',
        severity: 'warning',
        messages: {
          tr: 'Açık rıza metni ticari elektronik iletiden söz ediyor; ETK onayı ayrı bir metinle alınmalı',
          en: 'The explicit-consent text mentions commercial electronic messages; take ETK consent in a separate text',
        },
      });
    }
  } else if (kind === 'KVKK_AYDINLATMA') {
    if (mentions(CONSENT_ASK)) {
      findings.push({
        code: 'AYDINLATMA_ASKS_FOR_CONSENT',
        severity: 'warning',
        messages: {
          tr: 'Aydınlatma metni onay ya da rıza istiyor; aydınlatma bilgi verir, rıza ayrıca alınır',
          en: 'The information notice asks for approval or consent; a notice informs, consent is taken separately',
        },
      });
    }
  }
  return findings;
}
