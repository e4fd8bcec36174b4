import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Hocuspocus message types this client speaks (see @hocuspocus/server types). */
const MESSAGE = { awareness: 1, auth: 2 } as const;
const AUTH = { token: 0, permissionDenied: 1, authenticated: 2 } as const;

/** One awareness entry as y-protocols encodes it: client id, clock, JSON state (null: removed). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/** How the server answered an upgrade it refused before the handshake. */
export interface RefusedUpgrade {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A raw collaboration client for security tests: a bare WebSocket that speaks
 * just enough of the Hocuspocus protocol to authenticate and to send crafted
 * awareness updates (any client id, clock and payload), which a real provider
 * never would. It records the awareness the server relays and how the socket
 * was closed.
 */
export class RawCollab {
  readonly ws: WebSocket;
  /** Awareness states the server relayed, per document. */
  readonly awareness = new Map<string, Map<number, Record<string, unknown>>>();
  /** The close code and reason, once the socket is closed. */
  closeEvent: { code: number; reason: string } | null = null;
  #authWaiters = new Map<string, (outcome: string) => void>();

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.binaryType = 'arraybuffer';
    ws.on('close', (code, reason) => (this.closeEvent = { code, reason: reason.toString() }));
    ws.on('message', (data: ArrayBuffer) => this.#receive(new Uint8Array(data)));
  }

  /**
   * Opens a socket to /collab; resolves with the client once the handshake is
   * done, or with how the server refused the upgrade.
   */
  static open(
    baseUrl: string,
    headers: Record<string, string> = {},
  ): Promise<RawCollab | RefusedUpgrade> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/collab`, { headers });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new RawCollab(ws)));
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      });
      ws.once('error', reject);
    });
  }

  /** Opens a socket that must be accepted. */
  static async connect(baseUrl: string, headers: Record<string, string> = {}) {
    const client = await RawCollab.open(baseUrl, headers);
    if (!(client instanceof RawCollab))
      throw new Error(`upgrade refused: ${client.status} ${client.body}`);
    return client;
  }

  /** Sends a token for `document`; resolves 'authenticated' or the reason it was refused. */
  authenticate(document: string, token: string): Promise<string> {
    const outcome = new Promise<string>((resolve) => this.#authWaiters.set(document, resolve));
    this.#send(document, (enc) => {
      encoding.writeVarUint(enc, MESSAGE.auth);
      encoding.writeVarUint(enc, AUTH.token);
      encoding.writeVarString(enc, token);
    });
    return outcome;
  }

  /** Sends one awareness update, entries exactly as given. */
  sendAwareness(document: string, entries: AwarenessEntry[]) {
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, entries.length);
    for (const entry of entries) {
      encoding.writeVarUint(update, entry.clientId);
      encoding.writeVarUint(update, entry.clock);
      encoding.writeVarString(update, JSON.stringify(entry.state));
    }
    this.#send(document, (enc) => {
      encoding.writeVarUint(enc, MESSAGE.awareness);
      encoding.writeVarUint8Array(enc, encoding.toUint8Array(update));
    });
  }

  close() {
    this.ws.close();
  }

  #send(document: string, write: (enc: encoding.Encoder) => void) {
    const enc = encoding.createEncoder();
    encoding.writeVarString(enc, document);
    write(enc);
    this.ws.send(encoding.toUint8Array(enc));
  }

  #receive(data: Uint8Array) {
    const dec = decoding.createDecoder(data);
    const document = decoding.readVarString(dec).split('\0')[0]!;
    const type = decoding.readVarUint(dec);
    if (type === MESSAGE.auth) {
      const kind = decoding.readVarUint(dec);
      if (kind !== AUTH.permissionDenied && kind !== AUTH.authenticated) return;
      const outcome = kind === AUTH.authenticated ? 'authenticated' : decoding.readVarString(dec);
      this.#authWaiters.get(document)?.(outcome);
      this.#authWaiters.delete(document);
    } else if (type === MESSAGE.awareness) {
      const update = decoding.createDecoder(decoding.readVarUint8Array(dec));
      const states = this.awareness.get(document) ?? new Map();
      this.awareness.set(document, states);
      for (let n = decoding.readVarUint(update); n > 0; n--) {
        const clientId = decoding.readVarUint(update);
        decoding.readVarUint(update); // clock
        const state = JSON.parse(decoding.readVarString(update)) as Record<string, unknown> | null;
        if (state === null) states.delete(clientId);
        else states.set(clientId, state);
      }
    }
  }
}

/**
 * Opens a socket and authenticates once for `document`. Answers
 * 'authenticated', the permission-denied reason, or 'refused' when the
 * upgrade is refused or the socket closes first. With `waitForClose`, an
 * accepted socket is held until the server closes it, and the answer is how:
 * `closed:<code>:<reason>`.
 */
export async function authenticateOnce(
  baseUrl: string,
  document: string,
  token: string,
  headers: Record<string, string> = {},
  options: { waitForClose?: boolean } = {},
): Promise<string> {
  const client = await RawCollab.open(baseUrl, headers).catch(() => null);
  if (!(client instanceof RawCollab)) return 'refused';
  const closedAs = new Promise<string>((resolve) =>
    client.ws.once('close', () => {
      const { code, reason } = client.closeEvent!;
      resolve(options.waitForClose ? `closed:${code}:${reason}` : 'refused');
    }),
  );
  const outcome = await Promise.race([client.authenticate(document, token), closedAs]);
  if (options.waitForClose && outcome === 'authenticated') return closedAs;
  client.close();
  return outcome;
}
