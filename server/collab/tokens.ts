import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived collab tokens: `base64url(payload).base64url(hmac)`. They name
 * the user, the project document and the web session that asked for them, so
 * a revoked session or an expired token can close the socket. The user's
 * display name rides along: the server writes it into the user's presence,
 * whatever the client claims.
 */
export interface CollabClaims {
  userId: string;
  /** Display name shown to the other people on the document. */
  name: string;
  document: string;
  sessionId: string;
  /**
   * Set on a preview link's token (server/share-links): the connection is
   * read-only, lives while the link does, and closes when it is revoked.
   */
  shareLinkId?: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export class CollabTokenError extends Error {
  readonly reason: 'malformed' | 'bad-signature' | 'expired';
  constructor(reason: 'malformed' | 'bad-signature' | 'expired') {
    super(`Collab token ${reason}`);
    this.reason = reason;
  }
}

const sign = (secret: string, body: string) =>
  createHmac('sha256', secret).update(`collab.${body}`).digest('base64url');

export function issueCollabToken(secret: string, claims: CollabClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

export function verifyCollabToken(secret: string, token: string, now = Date.now()): CollabClaims {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) throw new CollabTokenError('malformed');
  const expected = Buffer.from(sign(secret, body));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    throw new CollabTokenError('bad-signature');
  }
  let claims: CollabClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as CollabClaims;
  } catch {
    throw new CollabTokenError('malformed');
  }
  if (
    typeof claims.userId !== 'string' ||
    typeof claims.name !== 'string' ||
    typeof claims.document !== 'string' ||
    typeof claims.exp !== 'number' ||
    (claims.shareLinkId !== undefined && typeof claims.shareLinkId !== 'string')
  ) {
    throw new CollabTokenError('malformed');
  }
  if (claims.exp * 1000 <= now) throw new CollabTokenError('expired');
  return claims;
}
