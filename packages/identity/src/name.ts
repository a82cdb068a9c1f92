/**
 * Options of {@link foldName}.
 *
 * @example
 * ```ts
 * const o: FoldNameOptions = { ascii: true };
 * ```
 */
export interface FoldNameOptions {
  /**
   * After folding, also map the Turkish letters to their ASCII base letters (ç→c, ğ→g, ı→i, ö→o,
   * ş→s, ü→u, â→a, î→i, û→u), so that `SEYMA` and `Şeyma` fold alike. Off by default: in
   * Turkish these are different letters, and `Işık` and `Isik` may be different people.
   */
  readonly ascii?: boolean;
}

const WS_RUN = /\s+/g;
const NEEDS_WS = /\s\s|^\s|\s$|[^\S ]/;
const ASCII_FOLD: Record<string, string> = {
  ç: 'c',
  ğ: 'g',
  ı: 'i',
  ö: 'o',
  ş: 's',
  ü: 'u',
  â: 'a',
  î: 'i',
  û: 'u',
};
const ASCII_FOLD_RE = /[çğıöşüâîû]/g;

/** True when every character of `s` lower-cases the same in the root and the Turkish locale once I and İ are handled. */
function isSimple(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    // Latin-1 letters and signs (no combining marks), and ğ Ğ ı İ ş Ş.
    if (c >= 0xa0 && c <= 0xff) continue;
    if (c === 0x11e || c === 0x11f || c === 0x130 || c === 0x131 || c === 0x15e || c === 0x15f) continue;
    return false;
  }
  return true;
}

/**
 * Folds a name for matching, by Turkish rules: lower-case in the Turkish locale (`I` → `ı`,
 * `İ` → `i`, so `IŞIK` → `ışık` and `İLKER` → `ilker`), Unicode NFC, and whitespace normalised
 * (every run of spaces, tabs, non-breaking spaces and line breaks becomes one space; none at the
 * ends). Nothing else changes: letters keep their accents and punctuation stays. Never throws;
 * a non-string folds to `''`.
 *
 * @example
 * ```ts
 * foldName('  İLKER   IŞIK '); // 'ilker ışık'
 * foldName('Ayşe\u00a0Nur  YILMAZ'); // 'ayşe nur yılmaz'
 * foldName('Işık') === foldName('IŞIK'); // true
 * foldName('ŞEYMA', { ascii: true }); // 'seyma'
 * ```
 */
export function foldName(input: string, options?: FoldNameOptions): string {
  if (typeof input !== 'string') return '';
  let s: string;
  if (isSimple(input)) {
    // Strings of Latin-1 and the Turkish letters are already NFC, and only I and İ fold
    // differently in the Turkish locale.
    s = input;
    if (s.includes('I')) s = s.replaceAll('I', 'ı');
    if (s.includes('İ')) s = s.replaceAll('İ', 'i');
    s = s.toLowerCase();
  } else {
    s = input.normalize('NFC').toLocaleLowerCase('tr').normalize('NFC');
  }
  if (NEEDS_WS.test(s)) s = s.replace(WS_RUN, ' ').trim();
  if (options?.ascii === true) s = s.replace(ASCII_FOLD_RE, (ch) => ASCII_FOLD[ch]!);
  return s;
}
