/**
 * The remainder mod 97 of an IBAN written in compact form (letters upper-case), computed the ISO
 * 13616 way. `-1` when a character is neither a digit nor an upper-case letter.
 */
export function ibanRemainder(compact: string): number {
  const n = compact.length;
  let r = 0;
  for (let k = 0; k < n; k++) {
    // Start after the first four characters, then wrap around to them.
    const c = compact.charCodeAt(k + 4 < n ? k + 4 : k + 4 - n);
    if (c >= 48 && c <= 57) r = (r * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) r = (r * 100 + (c - 55)) % 97;
    else return -1;
  }
  return r;
}
