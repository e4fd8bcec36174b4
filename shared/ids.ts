const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * Random id from crypto.getRandomValues, which (unlike randomUUID) also exists
 * in browsers on plain-http origins such as a LAN address.
 */
export function newId(length = 16): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}

export function randomSeed(): number {
  const buf = new Uint32Array(1);
  globalThis.crypto.getRandomValues(buf);
  return buf[0]!;
}
