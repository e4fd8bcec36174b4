/**
 * The shared page's side of a preview link (pure): the collab token it asks
 * for through the link, why a link stopped working, and what the address's
 * fragment asks for (`#t=12.5`, `#scene=<id>`).
 */

/** Why the page says "This link is no longer available". */
export type LinkEnd = 'revoked' | 'expired' | 'unknown';

/** POST /api/v1/shared/:token/collab-token */
export interface LinkCollabToken {
  token: string;
  url: string;
  document: string;
  expiresAt: string;
}

/** The link answered 404 or 410: it will not work again. */
export class LinkEnded extends Error {
  readonly reason: LinkEnd;
  constructor(reason: LinkEnd) {
    super(`preview link ended: ${reason}`);
    this.reason = reason;
  }
}

/** The end an API refusal names (`details.reason` of a 410; a 404 is an unknown link). */
export function linkEndOf(body: unknown): LinkEnd {
  const reason = (body as { error?: { details?: { reason?: unknown } } } | null)?.error?.details
    ?.reason;
  return reason === 'revoked' || reason === 'expired' ? reason : 'unknown';
}

export async function fetchLinkCollabToken(linkToken: string): Promise<LinkCollabToken> {
  const res = await fetch(`/api/v1/shared/${encodeURIComponent(linkToken)}/collab-token`, {
    method: 'POST',
    credentials: 'omit',
    headers: { accept: 'application/json' },
  });
  if (res.status === 404 || res.status === 410) {
    throw new LinkEnded(linkEndOf(await res.json().catch(() => null)));
  }
  if (!res.ok) throw new Error(`link collab token request failed (${res.status})`);
  return (await res.json()) as LinkCollabToken;
}

/** The server closed a link's socket because the link was revoked (server/collab CLOSE). */
export const REVOKED_CLOSE = 'share-link-revoked';

/** What the fragment of a shared page's address asks: a time to seek to, a scene to show. */
export function parseSharedHash(hash: string): { t: number | null; scene: string | null } {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const rawT = params.get('t');
  const t = rawT !== null && /^\d+(\.\d+)?$/.test(rawT) ? Number(rawT) : null;
  const scene = params.get('scene');
  return {
    t: t !== null && Number.isFinite(t) ? t : null,
    scene: scene && /^[A-Za-z0-9_-]{1,64}$/.test(scene) ? scene : null,
  };
}
