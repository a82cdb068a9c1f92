/**
 * Rendering a stored version: the exact text to show, its hash, and the version it came from —
 * the three things proof of consent needs.
 */
import type { ContentHash } from './canonical.js';
import type { DocumentKey } from './document.js';
import { fail, ok, type Result } from './result.js';
import { type ParsedTemplate, parseTemplate, renderTemplate, type TemplateValues } from './template.js';
import type { AgreementVersion } from './version.js';

// Parsing is pure, and a service renders the same few templates over and over: keep the last
// parses (bounded, oldest evicted first).
const CACHE_SIZE = 256;
const parsed = new Map<string, Result<ParsedTemplate>>();
function cachedParse(text: string): Result<ParsedTemplate> {
  let r = parsed.get(text);
  if (r === undefined) {
    r = parseTemplate(text);
    if (parsed.size >= CACHE_SIZE) parsed.delete(parsed.keys().next().value!);
    parsed.set(text, r);
  }
  return r;
}

/**
 * A version rendered for a person: show `text`, and record `versionId` and `hash` with the
 * decision (they go into `@izinkit/evidence`'s proof-of-consent record).
 *
 * @example
 * ```ts
 * const r: RenderedAgreement = orThrow(renderVersion(version, { brandName: 'Örnek' }));
 * r.hash === contentHash(r.text); // true
 * ```
 */
export interface RenderedAgreement {
  /** The document the version belongs to. */
  readonly document: DocumentKey;
  /** The version's id (the content hash of its template). */
  readonly versionId: ContentHash;
  /** The rendered, canonical text — show exactly this. */
  readonly text: string;
  /** The content hash of `text`. */
  readonly hash: ContentHash;
}

/**
 * Renders a version with values (see {@link renderTemplate}); dates are formatted for the
 * document's locale. A draft renders too, for preview: check `status` before showing it to people.
 *
 * @example
 * ```ts
 * const r = renderVersion(version, { brandName: 'Örnek', mersis: '0720106477000001', shortNumber: '3338' });
 * if (r.ok) show(r.value.text);
 * ```
 */
export function renderVersion(version: AgreementVersion, values: TemplateValues): Result<RenderedAgreement> {
  const template = cachedParse(version.text);
  if (!template.ok) return template;
  if (template.value.text !== version.text) {
    return fail(
      'INVALID_TEXT',
      { tr: 'Saklanan sürüm metni kanonik değil', en: 'The stored version text is not canonical' },
      { versionId: version.id },
    );
  }
  const r = renderTemplate(template.value, values, version.document.locale);
  if (!r.ok) return r;
  return ok({ document: version.document, versionId: version.id, text: r.value.text, hash: r.value.hash });
}
