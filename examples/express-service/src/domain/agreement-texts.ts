/**
 * Agreement texts for a brand: the ETK consent text, the KVKK information notice (aydınlatma) and
 * KVKK explicit consent (açık rıza), in Turkish and English — published from templates on first
 * start, rendered with the brand's name, trade name, MERSİS number, RET instructions and short
 * number, and cached so every decision can record the exact text's hash.
 */
import {
  type AgreementKind,
  type AgreementLocale,
  type AgreementService,
  type AgreementVersion,
  type DocumentKey,
  type RenderedAgreement,
  renderVersion,
} from '@izinkit/agreements';
import type { Brand } from './brands.js';

/** The starter templates (ANY channel). */
export const STARTER_TEMPLATES: Readonly<
  Record<'ETK_CONSENT' | 'KVKK_AYDINLATMA' | 'KVKK_ACIK_RIZA', Readonly<Record<AgreementLocale, string>>>
> = {
  ETK_CONSENT: {
    tr: [
      '{{brandName}} ({{tradeName}}, MERSİS: {{mersis}}) tarafından kampanya, indirim ve yeniliklerle ilgili',
      'ticari elektronik iletilerin (SMS, arama ve e-posta) tarafıma gönderilmesini kabul ediyorum.',
      '6563 sayılı Kanun uyarınca onayımı dilediğim zaman, gerekçe göstermeden ve ücretsiz geri alabilirim:',
      '{{retInstructions}} (kısa numara: {{shortNumber}}), ya da İYS üzerinden (iys.org.tr).',
    ].join('\n'),
    en: [
      'I agree to receive commercial electronic messages (SMS, calls and e-mail) about campaigns, discounts and news',
      'from {{brandName}} ({{tradeName}}, MERSIS: {{mersis}}).',
      'Under Law 6563 I may withdraw this consent at any time, without giving a reason and free of charge:',
      '{{retInstructions}} (short number: {{shortNumber}}), or through İYS (iys.org.tr).',
    ].join('\n'),
  },
  KVKK_AYDINLATMA: {
    tr: [
      'Veri sorumlusu {{tradeName}} (MERSİS: {{mersis}}), 6698 sayılı KVKK m. 10 uyarınca sizi bilgilendirir:',
      'iletişim bilgileriniz, izin kayıtlarınız ve bu kayıtların kanıtları (zaman, IP adresi, cihaz) ticari',
      'elektronik ileti izinlerinin yönetimi ve İYS’ye bildirimi amacıyla, 6563 sayılı Kanun ve ilgili Yönetmelik',
      'uyarınca hukuki yükümlülüğün yerine getirilmesi hukuki sebebine dayanılarak işlenir ve İYS’ye aktarılır.',
      'KVKK m. 11 kapsamındaki haklarınız için {{brandName}} ile iletişime geçebilirsiniz.',
    ].join('\n'),
    en: [
      'The data controller {{tradeName}} (MERSIS: {{mersis}}) informs you under KVKK (Law 6698) art. 10:',
      'your contact details, consent records and their evidence (time, IP address, device) are processed to',
      'manage commercial-message consents and report them to İYS, on the legal basis of a legal obligation under',
      'Law 6563 and its Regulation, and are transferred to İYS.',
      'To exercise your rights under KVKK art. 11, contact {{brandName}}.',
    ].join('\n'),
  },
  KVKK_ACIK_RIZA: {
    tr: [
      '{{tradeName}} (MERSİS: {{mersis}}) tarafından alışveriş tercihlerimin kişiselleştirilmiş öneriler sunmak',
      'amacıyla işlenmesine, KVKK m. 5(1) uyarınca açık rıza veriyorum. Rızamı dilediğim zaman geri alabilirim.',
    ].join('\n'),
    en: [
      'I give explicit consent under KVKK art. 5(1) to {{tradeName}} (MERSIS: {{mersis}}) processing my shopping',
      'preferences to offer personalised recommendations. I may withdraw it at any time.',
    ].join('\n'),
  },
};

/** The values a brand's texts are rendered with. */
export function brandValues(brand: Brand, locale: AgreementLocale): Record<string, string> {
  return {
    brandName: brand.name,
    tradeName: brand.tradeName,
    mersis: brand.mersis,
    retInstructions: brand.retInstructions[locale],
    ...(brand.shortNumber ? { shortNumber: brand.shortNumber } : {}),
    ...(brand.contactEmail ? { contactEmail: brand.contactEmail } : {}),
  };
}

/**
 * Publishes the starter templates for a brand where no version is in force yet. Returns the
 * documents it published.
 *
 * @example
 * ```ts
 * await publishStarterTexts(agreements, brand, 'system');
 * ```
 */
export async function publishStarterTexts(
  service: AgreementService,
  brand: Brand,
  by: string,
): Promise<DocumentKey[]> {
  const published: DocumentKey[] = [];
  for (const [kind, texts] of Object.entries(STARTER_TEMPLATES) as [
    AgreementKind,
    Record<AgreementLocale, string>,
  ][]) {
    for (const locale of ['tr', 'en'] as const) {
      const document: DocumentKey = { brand: brand.code, kind, channel: 'ANY', locale };
      if (await service.versionAt(document)) continue;
      const history = await service.history(document);
      const template = texts[locale];
      const existing = history.versions.find((v) => v.status === 'draft');
      const draft = existing
        ? { ok: true as const, value: existing }
        : await service.createDraft({
            document,
            text: template,
            author: by,
            changeNote: 'İlk sürüm / first version',
            material: true,
          });
      if (!draft.ok) throw new Error(`starter text ${kind}/${locale}: ${draft.error.message}`);
      const pub = await service.publish(document, { id: draft.value.id, by });
      if (!pub.ok) throw new Error(`starter text ${kind}/${locale}: ${pub.error.message}`);
      published.push(document);
    }
  }
  return published;
}

/** A text in force, rendered for a brand. */
export interface ResolvedText {
  /** The version (template). */
  readonly version: AgreementVersion;
  /** The rendered text and its hash. */
  readonly rendered: RenderedAgreement;
}

/**
 * Finds and renders agreement texts with a short cache (the texts in force change rarely; a
 * publication through this process clears it, other processes see it within `ttlMs`).
 *
 * @example
 * ```ts
 * const texts = new AgreementTexts(service);
 * const etk = await texts.inForce(brand, 'ETK_CONSENT', 'MESAJ', 'tr');
 * ```
 */
export class AgreementTexts {
  readonly #service: AgreementService;
  readonly #ttlMs: number;
  readonly #cache = new Map<string, { at: number; value: Promise<ResolvedText | null> }>();

  /**
   * @param service - the agreement service
   * @param ttlMs - cache lifetime
   */
  constructor(service: AgreementService, ttlMs = 5000) {
    this.#service = service;
    this.#ttlMs = ttlMs;
  }

  /** Forgets cached texts (after a publication). */
  clear(): void {
    this.#cache.clear();
  }

  /** The text of `kind` in force for a brand, channel and locale (channel `ANY` as fallback), rendered. */
  inForce(
    brand: Brand,
    kind: AgreementKind,
    channel: string,
    locale: AgreementLocale,
  ): Promise<ResolvedText | null> {
    const k = `f|${brand.code}|${kind}|${channel}|${locale}`;
    return this.#cached(k, async () => {
      const version = await this.#service.resolve({
        brand: brand.code,
        kind,
        channel: channel as 'ANY',
        locale,
      });
      return version ? this.#render(version, brand) : null;
    });
  }

  /** A specific version (any status) of a brand's document, rendered; `null` when the brand has no such version. */
  byId(brand: Brand, versionId: string): Promise<ResolvedText | null> {
    return this.#cached(`v|${brand.code}|${versionId}`, async () => {
      const versions = await this.#service.documents({ brand: brand.code });
      for (const d of versions) {
        const h = await this.#service.history(d);
        const v = h.versions.find((x) => x.id === versionId && x.status !== 'draft');
        if (v) return this.#render(v, brand);
      }
      return null;
    });
  }

  #render(version: AgreementVersion, brand: Brand): ResolvedText | null {
    const r = renderVersion(version, brandValues(brand, version.document.locale));
    return r.ok ? { version, rendered: r.value } : null;
  }

  #cached(key: string, load: () => Promise<ResolvedText | null>): Promise<ResolvedText | null> {
    const now = Date.now();
    const hit = this.#cache.get(key);
    if (hit && now - hit.at < this.#ttlMs) return hit.value;
    const value = load().catch((e) => {
      this.#cache.delete(key);
      throw e;
    });
    this.#cache.set(key, { at: now, value });
    return value;
  }
}
