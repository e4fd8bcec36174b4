/**
 * Which presence (awareness) entries a collab connection may set: the pure
 * rules behind presence-extension.ts. An entry is keyed by a Yjs client id;
 * a connection may set only entries it holds, and holds at most a few.
 */

export interface PresenceLimits {
  /** Largest entry relayed, in bytes of JSON (COLLAB_PRESENCE_BYTES). */
  maxEntryBytes: number;
  /** Most entries on one document, all users together (COLLAB_PRESENCE_PER_DOCUMENT). */
  maxPerDocument: number;
  /** Most entries one connection may hold (a browser tab uses one). */
  maxPerConnection: number;
}

/**
 * Who holds a client id now: this connection, another connection of the same
 * user (a reconnecting tab), another user, or nobody.
 */
export type PresenceHolder = 'this' | 'same-user' | 'other-user' | 'none';

export interface PresenceFacts {
  holder: PresenceHolder;
  /** The entry is a JSON object (the only shape clients use). */
  isObject: boolean;
  /** Size of the entry as it would be relayed, `user` already rewritten. */
  bytes: number;
  /** Client ids this connection holds now. */
  heldByConnection: number;
  /** Entries on the document now. */
  documentEntries: number;
  /** The client id already has an entry on the document. */
  known: boolean;
}

export type PresenceRefusal =
  'not-yours' | 'malformed' | 'too-large' | 'too-many-clients' | 'document-full';

export type PresenceVerdict =
  | { admit: true; claim: boolean }
  /** `strike`: only a crafted client does this; enough strikes close the connection. */
  | { admit: false; reason: PresenceRefusal; strike: boolean };

/** The verdict on one incoming presence entry. */
export function judgePresence(facts: PresenceFacts, limits: PresenceLimits): PresenceVerdict {
  if (facts.holder === 'other-user') return refuse('not-yours', true);
  if (!facts.isObject) return refuse('malformed', true);
  if (facts.bytes > limits.maxEntryBytes) return refuse('too-large', true);
  if (facts.holder === 'this') return { admit: true, claim: false };
  if (facts.heldByConnection >= limits.maxPerConnection) return refuse('too-many-clients', true);
  // A full document is not the newcomer's fault: refused, but no strike.
  if (!facts.known && facts.documentEntries >= limits.maxPerDocument)
    return refuse('document-full', false);
  return { admit: true, claim: true };
}

const refuse = (reason: PresenceRefusal, strike: boolean): PresenceVerdict => ({
  admit: false,
  reason,
  strike,
});
