/**
 * The canonical form of an agreement text and its content hash.
 *
 * Two texts that a reader cannot tell apart on screen — one typed on Windows with CRLF and
 * decomposed "ı̇", the other on macOS with LF and precomposed letters — must get the same id, and
 * two texts a reader can tell apart must not. The canonical form below is the whole definition;
 * anyone can recompute a version id or a rendered-text hash from it without this package.
 */
import { z } from 'zod';
import { position } from './internal/position.js';
import { forbiddenControlIndex, loneSurrogateIndex, normalizeBreaks, trimLineEnd } from './internal/scan.js';
import { sha256Hex } from './internal/sha256.js';
import { fail, ok, type Result } from './result.js';

/**
 * The canonical form of a text. Applied in this order:
 *
 * 1. every lone (unpaired) UTF-16 surrogate becomes U+FFFD, so the UTF-8 encoding is unambiguous;
 * 2. every U+FEFF (byte-order mark / zero-width no-break space) is removed, wherever it stands;
 * 3. line breaks become LF: CR LF, a lone CR, NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH
 *    SEPARATOR (U+2029);
 * 4. Unicode Normalization Form C (NFC);
 * 5. spaces (U+0020) and tabs (U+0009) at the end of every line are removed (no other character is);
 * 6. empty lines at the start and at the end are removed;
 * 7. a non-empty result ends with exactly one LF; an empty result is the empty string.
 *
 * Nothing else changes: inner blank lines, leading indentation, letter case, no-break spaces and
 * punctuation are kept. The function is idempotent.
 *
 * @example
 * ```ts
 * canonicalText('\uFEFFMerhaba  \r\n\r\nDünya\r\n\r\n'); // 'Merhaba\n\nDünya\n'
 * canonicalText('I\u0307'); // 'İ' (U+0130, the precomposed form)
 * ```
 */
export function canonicalText(text: string): string {
  const s = normalizeBreaks(text).normalize('NFC');
  // Fast path: no blank at a line end, no empty line at either end — only the final LF to check.
  if (s !== '' && s.charCodeAt(0) !== 0x0a && s.indexOf(' \n') === -1 && s.indexOf('\t\n') === -1) {
    const last = s.charCodeAt(s.length - 1);
    if (last === 0x0a && s.charCodeAt(s.length - 2) !== 0x0a) return s;
    if (last !== 0x0a && last !== 0x20 && last !== 0x09) return `${s}\n`;
  }
  const lines = s.split('\n').map(trimLineEnd);
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === '') start++;
  while (end > start && lines[end - 1] === '') end--;
  return start === end ? '' : `${lines.slice(start, end).join('\n')}\n`;
}

/**
 * A SHA-256 content hash: 64 lower-case hexadecimal digits.
 *
 * @example
 * ```ts
 * const h: ContentHash = contentHash('Merhaba\n');
 * ```
 */
export type ContentHash = string;

/**
 * zod schema for a {@link ContentHash}.
 *
 * @example
 * ```ts
 * ContentHashSchema.safeParse('ABC').success; // false
 * ```
 */
export const ContentHashSchema: z.ZodString = z
  .string()
  .regex(/^[0-9a-f]{64}$/, '64 küçük onaltılık rakam bekleniyor / expected 64 lower-case hex digits');

/**
 * The content hash of a text: the lower-case hex SHA-256 of the UTF-8 bytes of
 * {@link canonicalText}(text). A version id is the content hash of its template; the hash evidence
 * records is the content hash of the rendered text (which is already canonical).
 *
 * Anyone can recompute it: `printf 'Merhaba\n' | sha256sum`.
 *
 * @example
 * ```ts
 * contentHash('Merhaba'); // same as contentHash('Merhaba\r\n')
 * contentHash('Merhaba\n'); // '9239257aac92…' — sha256 of the 8 bytes "Merhaba\n"
 * ```
 */
export function contentHash(text: string): ContentHash {
  return sha256Hex(canonicalText(text));
}

/**
 * True when `hash` is the content hash of `text` — what a reviewer or an auditor runs against the
 * text a person was shown.
 *
 * @example
 * ```ts
 * verifyContentHash('Merhaba\n', contentHash('Merhaba')); // true
 * ```
 */
export function verifyContentHash(text: string, hash: string): boolean {
  return contentHash(text) === hash;
}

/** The most characters (UTF-16 code units) an agreement text may have: 1 MiB of text is a book. */
export const MAX_TEXT_LENGTH = 1_000_000;

/**
 * Canonicalises a text and checks that it can be an agreement: not empty, at most
 * {@link MAX_TEXT_LENGTH} characters, no lone surrogates and no control characters other than tab
 * and line feed. Returns the canonical text.
 *
 * @example
 * ```ts
 * const r = validateAgreementText('  \n\n');
 * r.ok; // false — r.error.code === 'INVALID_TEXT'
 * ```
 */
export function validateAgreementText(text: string): Result<string> {
  if (typeof text !== 'string') {
    return fail('INVALID_TEXT', { tr: 'Metin bir dize olmalı', en: 'The text must be a string' });
  }
  if (text.length > MAX_TEXT_LENGTH) {
    return fail('INVALID_TEXT', {
      tr: `Metin en çok ${MAX_TEXT_LENGTH} karakter olabilir`,
      en: `The text may have at most ${MAX_TEXT_LENGTH} characters`,
    });
  }
  const lone = loneSurrogateIndex(text);
  if (lone !== -1) {
    return fail(
      'INVALID_TEXT',
      {
        tr: 'Metinde eşi olmayan bir UTF-16 vekil karakteri var',
        en: 'The text holds an unpaired UTF-16 surrogate',
      },
      position(text, lone),
    );
  }
  const canonical = canonicalText(text);
  if (canonical === '') {
    return fail('INVALID_TEXT', { tr: 'Metin boş', en: 'The text is empty' });
  }
  // C0 controls other than TAB and LF, DEL, and C1 controls (CR, NEL and the separators are gone).
  const bad = forbiddenControlIndex(canonical);
  if (bad !== -1) {
    const code = canonical.charCodeAt(bad).toString(16).toUpperCase().padStart(4, '0');
    return fail(
      'INVALID_TEXT',
      {
        tr: `Metinde denetim karakteri var (U+${code})`,
        en: `The text holds a control character (U+${code})`,
      },
      position(canonical, bad),
    );
  }
  return ok(canonical);
}

/**
 * The lines of a text, without their LF. A final LF ends the last line rather than starting an
 * empty one, so `splitLines('a\nb\n')` and `splitLines('a\nb')` are both `['a', 'b']`.
 *
 * @example
 * ```ts
 * splitLines('Birinci\nİkinci\n'); // ['Birinci', 'İkinci']
 * splitLines(''); // []
 * ```
 */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
