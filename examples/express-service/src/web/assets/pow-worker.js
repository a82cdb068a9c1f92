// Proof-of-work solver (runs in a Web Worker so the page stays responsive).

function leadingZeroBits(bytes) {
  let n = 0;
  for (const byte of bytes) {
    if (byte === 0) {
      n += 8;
      continue;
    }
    return n + Math.clz32(byte) - 24;
  }
  return n;
}
self.onmessage = async (e) => {
  const { challenge, bits } = e.data;
  const enc = new TextEncoder();
  for (let nonce = 0; nonce < 1e9; nonce++) {
    const h = new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(`${challenge}:${nonce}`)));
    if (leadingZeroBits(h) >= bits) {
      self.postMessage({ nonce });
      return;
    }
  }
};
