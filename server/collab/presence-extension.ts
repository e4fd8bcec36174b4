import type {
  Connection,
  Document,
  Extension,
  beforeHandleAwarenessPayload,
  onAwarenessUpdatePayload,
} from '@hocuspocus/server';
import { removeAwarenessStates } from 'y-protocols/awareness';
import { presenceUser, USER_FIELD } from '../../shared/presence.ts';
import type { CollabContext } from './auth-extension.ts';
import {
  judgePresence,
  type PresenceFacts,
  type PresenceHolder,
  type PresenceLimits,
} from './presence-rules.ts';

/** Close code and reason of a connection that keeps sending presence it may not set. */
export const PRESENCE_FLOOD = { code: 4429, reason: 'presence-flood' } as const;

/** Refused entries a connection may send before it is closed (a real client sends none). */
export const PRESENCE_STRIKES = 20;

/**
 * Presence owned by the connection (issue 9, item 6). Every awareness update
 * a client sends is filtered before it is applied and relayed:
 *
 * - a connection sets only client ids it holds; it takes a free id (or one
 *   its own user held on another connection, a reconnecting tab), up to
 *   `maxPerConnection`; an id another user holds is never touched;
 * - the `user` field is written from the token (id, name, colour), whatever
 *   the client sent;
 * - an entry over `maxEntryBytes`, or past `maxPerDocument` entries, is dropped;
 * - a connection that keeps sending entries it may not set is closed
 *   (PRESENCE_FLOOD).
 *
 * What a connection holds _is_ Hocuspocus's own per-connection client set
 * (`document.getClients`), so when the connection closes Hocuspocus removes
 * those entries and this instance's clients see them go. Hocuspocus 4.7
 * drops removals it receives from other instances (its awareness hook
 * re-encodes only present entries), so the removal is also handed to
 * `onLeft`, which tells the other instances (removeLeftPresence).
 * Updates relayed from other instances arrive without a connection and were
 * filtered where they came in.
 */
export function presenceExtension(
  options: Omit<PresenceLimits, 'maxPerConnection'> & {
    onLeft(documentName: string, clientIds: number[]): void;
  },
): Extension {
  const rules: PresenceLimits = {
    maxEntryBytes: options.maxEntryBytes,
    maxPerDocument: options.maxPerDocument,
    maxPerConnection: 4,
  };
  const strikes = new WeakMap<Connection, number>();

  return {
    extensionName: 'montage-presence',
    async beforeHandleAwareness({
      connection,
      document,
      states,
    }: beforeHandleAwarenessPayload<CollabContext>) {
      if (!connection) return; // relayed from another instance, filtered there
      const context = connection.context;
      if (!context?.userId) return states.clear(); // never authenticated: nothing is relayed
      if (context.shareLinkId) return states.clear(); // a preview link watches unseen
      const held = document.getClients(connection) as Set<number>;
      let refused = 0;
      let added = 0; // entries this update adds to the document
      for (const [clientId, state] of states) {
        // Hocuspocus decodes each update into a scratch awareness whose own
        // entry is an empty object; an empty entry carries nothing to show.
        if (isEmptyObject(state)) {
          states.delete(clientId);
          continue;
        }
        const holder = holderOf(document, connection, clientId, context.userId);
        const isObject = isPlainObject(state);
        if (isObject) state[USER_FIELD] = presenceUser({ id: context.userId, name: context.name });
        const facts: PresenceFacts = {
          holder,
          isObject,
          bytes: isObject ? Buffer.byteLength(JSON.stringify(state)) : 0,
          heldByConnection: held.size,
          documentEntries: document.awareness.getStates().size + added,
          known: document.awareness.getStates().has(clientId),
        };
        const verdict = judgePresence(facts, rules);
        if (!verdict.admit) {
          states.delete(clientId);
          if (verdict.strike) refused++;
          continue;
        }
        if (!verdict.claim) continue;
        for (const other of document.getConnections()) document.getClients(other).delete(clientId);
        held.add(clientId);
        if (!facts.known) added++;
      }
      if (!refused) return;
      const total = (strikes.get(connection) ?? 0) + refused;
      strikes.set(connection, total);
      if (total >= PRESENCE_STRIKES) {
        connection.webSocket.close(PRESENCE_FLOOD.code, PRESENCE_FLOOD.reason);
        throw { ...PRESENCE_FLOOD };
      }
    },
    /** A closing connection's entries are removed with a null origin (Document.removeConnection). */
    async onAwarenessUpdate({
      documentName,
      removed,
      transactionOrigin,
    }: onAwarenessUpdatePayload) {
      if (transactionOrigin === null && removed.length) options.onLeft(documentName, removed);
    },
  };
}

/**
 * Removes entries whose connection closed on another instance, unless a
 * connection here holds them now (the same tab reconnected here).
 */
export function removeLeftPresence(document: Document, clientIds: number[]) {
  const heldHere = (id: number) =>
    document.getConnections().some((c) => document.getClients(c).has(id));
  const gone = clientIds.filter((id) => !heldHere(id));
  if (gone.length) removeAwarenessStates(document.awareness, gone, 'left-elsewhere');
}

/** Who holds `clientId` on `document`, as seen from `connection`. */
function holderOf(
  document: Document,
  connection: Connection,
  clientId: number,
  userId: string,
): PresenceHolder {
  if (document.getClients(connection).has(clientId)) return 'this';
  const local = document.getConnections().find((c) => document.getClients(c).has(clientId));
  if (local)
    return (local.context as CollabContext | undefined)?.userId === userId
      ? 'same-user'
      : 'other-user';
  // Held on another instance (or left over): its `user` was written from a token there.
  const current = document.awareness.getStates().get(clientId);
  if (!current) return 'none';
  const owner = (current[USER_FIELD] as { id?: unknown } | undefined)?.id;
  return owner === userId ? 'same-user' : 'other-user';
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isEmptyObject = (value: unknown) => isPlainObject(value) && Object.keys(value).length === 0;
