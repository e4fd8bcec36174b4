import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The `Montage-Signature` header (pure): `t=<unix seconds>,v1=<hex
 * HMAC-SHA256(secret, "<t>.<raw body>")>`. The timestamp is inside what is
 * signed so a receiver can refuse an old delivery replayed later.
 */
export function signatureHeader(secret: string, body: string, unixSec: number): string {
  return `t=${unixSec},v1=${signatureOf(secret, body, unixSec)}`;
}

function signatureOf(secret: string, body: string, unixSec: number) {
  return createHmac('sha256', secret).update(`${unixSec}.${body}`).digest('hex');
}

/**
 * Whether a header signs this body with this secret, made at most
 * `toleranceSec` before `nowSec` (what docs/webhooks.md asks receivers to do).
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  nowSec: number,
  toleranceSec = 300,
): boolean {
  const parts = new Map(
    header.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(nowSec - t) > toleranceSec) return false;
  const expected = Buffer.from(signatureOf(secret, body, t), 'hex');
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
