import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The standard y-websocket wire protocol (as `y-websocket` 3.x speaks it)
 * bridged onto Hocuspocus (issue 15, ADR 0037… see docs/decisions). Both
 * protocols carry the same y-protocols payloads: a y-websocket message is
 * `[type][payload]` on a socket bound to one document by its URL
 * (`/yjs/<projectId>?token=…`), a Hocuspocus message is
 * `[document name][type][payload]` on a socket that may carry several. So a
 * y-websocket socket is a Hocuspocus connection whose messages get the
 * document name put in front on the way in and taken off on the way out;
 * everything else (auth, roles, read-only, limits, the update log,
 * persistence, the Redis fan-out, revocation) is the one Hocuspocus path.
 *
 * Types shared by both: 0 sync, 1 awareness, 3 query awareness. Hocuspocus's
 * own messages (auth answers, stateless, sync status, ping) have no
 * y-websocket meaning and are dropped, except a refused authentication,
 * which becomes y-protocols' "permission denied" before the socket closes.
 */

/** The path prefix of the y-websocket endpoint, on the same port as /collab. */
export const YJS_PATH = '/yjs/';

export const YWS = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
const HOCUSPOCUS = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3, syncReply: 4 } as const;
const AUTH = { token: 0, permissionDenied: 1 } as const;

/** Project ids are generated (shared/ids.ts); anything else in the path is refused before any work. */
const DOCUMENT_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** The document a y-websocket URL names (`/yjs/<name>`), or null when the path is not one. */
export function yjsDocumentName(pathname: string): string | null {
  if (!pathname.startsWith(YJS_PATH)) return null;
  const name = pathname.slice(YJS_PATH.length);
  return DOCUMENT_NAME.test(name) ? name : null;
}

/** The Hocuspocus authentication message a y-websocket socket's URL token stands for. */
export function authMessage(documentName: string, token: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  encoding.writeVarUint(encoder, HOCUSPOCUS.auth);
  encoding.writeVarUint(encoder, AUTH.token);
  encoding.writeVarString(encoder, token);
  return encoding.toUint8Array(encoder);
}

/**
 * A y-websocket client's message as Hocuspocus reads it, or null for a
 * message the bridge does not pass on (a client's auth message: the URL
 * token is the only credential; unknown types). Throws on a message too
 * short to have a type.
 */
export function fromYjsClient(documentName: string, message: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(message);
  const type = decoding.readVarUint(decoder);
  if (type !== YWS.sync && type !== YWS.awareness && type !== YWS.queryAwareness) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, documentName);
  encoding.writeUint8Array(encoder, message);
  return encoding.toUint8Array(encoder);
}

export type ToYjsClient =
  | { kind: 'send'; message: Uint8Array }
  | { kind: 'denied'; message: Uint8Array; reason: string }
  | { kind: 'drop' };

/** What a y-websocket client gets of a message Hocuspocus sends (pure). */
export function toYjsClient(message: Uint8Array): ToYjsClient {
  const decoder = decoding.createDecoder(message);
  decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  const payload = message.subarray(decoder.pos);
  switch (type) {
    case HOCUSPOCUS.sync:
    case HOCUSPOCUS.syncReply:
      return { kind: 'send', message: withType(YWS.sync, payload) };
    case HOCUSPOCUS.awareness:
      return { kind: 'send', message: withType(YWS.awareness, payload) };
    case HOCUSPOCUS.queryAwareness:
      return { kind: 'send', message: withType(YWS.queryAwareness, payload) };
    case HOCUSPOCUS.auth: {
      if (decoding.readVarUint(decoder) !== AUTH.permissionDenied) return { kind: 'drop' };
      const reason = decoding.readVarString(decoder);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, YWS.auth);
      // y-protocols/auth: messagePermissionDenied = 0, then the reason.
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarString(encoder, reason);
      return { kind: 'denied', message: encoding.toUint8Array(encoder), reason };
    }
    default:
      return { kind: 'drop' };
  }
}

function withType(type: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** The part of a WebSocket Hocuspocus uses: what the bridge gives it in place of the real one. */
export interface BridgedSocket {
  readonly readyState: number;
  send(message: Uint8Array): void;
  close(code?: number, reason?: string): void;
}

/** Close code of a y-websocket socket whose authentication Hocuspocus refused. */
export const YJS_DENIED = 4403;

/**
 * Wraps the real socket of a y-websocket client for Hocuspocus: outgoing
 * messages are translated (and Hocuspocus-only ones dropped); a refused
 * authentication is told to the client and closes the socket.
 */
export function bridgeSocket(socket: {
  readonly readyState: number;
  send(message: Uint8Array): void;
  close(code?: number, reason?: string): void;
}): BridgedSocket {
  return {
    get readyState() {
      return socket.readyState;
    },
    send(message) {
      const out = toYjsClient(message);
      if (out.kind === 'drop') return;
      socket.send(out.message);
      if (out.kind === 'denied') socket.close(YJS_DENIED, out.reason.slice(0, 100));
    },
    close(code, reason) {
      socket.close(code, reason);
    },
  };
}
