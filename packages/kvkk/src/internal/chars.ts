// Character classes for the PII scanner, as lookup tables over char codes.

/** ASCII letters, digits and `_`: characters that glue a digit run to a word. */
const WORD = new Uint8Array(128);
for (let c = 48; c <= 57; c++) WORD[c] = 1;
for (let c = 65; c <= 90; c++) WORD[c] = 1;
for (let c = 97; c <= 122; c++) WORD[c] = 1;
WORD[95] = 1;

/**
 * True for characters that make a neighbouring digit run part of a word: ASCII letters, digits and
 * `_`, and letters outside ASCII (ç, ğ, ı, ö, ş, ü, …). Non-ASCII punctuation and spaces (U+2000–
 * U+206F, U+00A0–U+00BF, ×, ÷, U+3000–U+303F) are not word characters.
 */
export function isWordChar(c: number): boolean {
  if (c < 128) return WORD[c] === 1;
  if (c < 0xc0) return false;
  if (c === 0xd7 || c === 0xf7) return false;
  if (c >= 0x2000 && c <= 0x206f) return false;
  if (c >= 0x3000 && c <= 0x303f) return false;
  if (c === 0xfeff) return false;
  return true;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Characters allowed in the local part of an e-mail address we detect (the common subset). */
const LOCAL = new Uint8Array(128);
for (let c = 48; c <= 57; c++) LOCAL[c] = 1;
for (let c = 65; c <= 90; c++) LOCAL[c] = 1;
for (let c = 97; c <= 122; c++) LOCAL[c] = 1;
for (const ch of '._%+-_') LOCAL[ch.charCodeAt(0)] = 1;

/** A character of an e-mail local part: ASCII letters, digits, `._%+-`, or a non-ASCII letter. */
export function isLocalChar(c: number): boolean {
  return c < 128 ? LOCAL[c] === 1 : isWordChar(c);
}

/** A character of a domain label: letters (also non-ASCII, for IDNs), digits and `-`. */
export function isLabelChar(c: number): boolean {
  return c < 128 ? (WORD[c] === 1 || c === 45) && c !== 95 : isWordChar(c);
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
