/** What the user is told about their edits (DESIGN: nothing typed is ever lost). */
export type SyncStatus = 'connecting' | 'syncing' | 'saved' | 'offline' | 'reconnecting';

export interface ConnectionFacts {
  /** The browser believes it has a network. */
  online: boolean;
  connected: boolean;
  /** The document has been exchanged with the server on this connection. */
  synced: boolean;
  /** It was synced at least once since the page opened. */
  everSynced: boolean;
  /** Local changes the server has not acknowledged yet. */
  pendingLocal: boolean;
}

export function syncStatus(facts: ConnectionFacts): SyncStatus {
  // `navigator.onLine === false` is reliable (true is not): no network, whatever the socket says.
  if (!facts.online) return 'offline';
  if (facts.connected && facts.synced) return facts.pendingLocal ? 'syncing' : 'saved';
  if (facts.connected) return facts.everSynced ? 'syncing' : 'connecting';
  if (facts.pendingLocal) return 'offline';
  return facts.everSynced ? 'reconnecting' : 'connecting';
}
