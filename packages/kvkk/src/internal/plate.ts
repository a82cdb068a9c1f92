// Letters of the Turkish alphabet that plates use: A–Z without Q, W, X (not Turkish letters) and
// without Ç, Ğ, İ, Ö, Ş, Ü. Indexed by char code − 65.
const PLATE_LETTER = new Uint8Array(26);
for (const ch of 'ABCDEFGHIJKLMNOPRSTUVYZ') PLATE_LETTER[ch.charCodeAt(0) - 65] = 1;

export function isPlateLetter(c: number): boolean {
  return c >= 65 && c <= 90 && PLATE_LETTER[c - 65] === 1;
}

/** The digit counts a series of `letters` letters allows: 1 → 4–5, 2 → 3–4, 3 → 2–3. */
export function plateDigitsOk(letters: number, digits: number): boolean {
  if (letters === 1) return digits === 4 || digits === 5;
  if (letters === 2) return digits === 3 || digits === 4;
  if (letters === 3) return digits === 2 || digits === 3;
  return false;
}
