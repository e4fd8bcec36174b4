import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
}

/** How long a raw request waits for an answer before it reports the server as waiting for more. */
const ANSWER_PATIENCE_MS = 30_000;

/**
 * A request over a raw socket: the request head (`headers` declare the body:
 * a Content-Length or chunked), then only `sendBytes` of body, then nothing
 * more. An answer that arrives proves the server decided without the rest of
 * the body; a server that waits for it never answers, and the call rejects
 * after ANSWER_PATIENCE_MS saying so.
 */
export function rawRequest(
  base: string,
  method: string,
  urlPath: string,
  headers: Record<string, string>,
  sendBytes: number,
): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  const chunked = headers['transfer-encoding'] === 'chunked';
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = '';
    let answered = false;
    const patience = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer after ${sendBytes} body bytes: the server waits for the rest`));
    }, ANSWER_PATIENCE_MS);
    socket.on('data', (data) => {
      received += data.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      if (answered || end < 0) return;
      answered = true;
      clearTimeout(patience);
      socket.destroy();
      const [statusLine, ...lines] = received.slice(0, end).split('\r\n');
      resolve({
        status: Number(statusLine!.split(' ')[1]),
        headers: Object.fromEntries(
          lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 2)]),
        ),
      });
    });
    // The server may close while we still write (that is the point): only a missing answer fails.
    socket.on('error', (error) => {
      if (!answered) {
        clearTimeout(patience);
        reject(error);
      }
    });
    socket.on('connect', () => {
      const head = [`${method} ${urlPath} HTTP/1.1`, `Host: ${hostname}:${port}`];
      for (const [name, value] of Object.entries(headers)) head.push(`${name}: ${value}`);
      socket.write(`${head.join('\r\n')}\r\n\r\n`);
      if (sendBytes === 0) return;
      const body = Buffer.alloc(sendBytes, 0x41);
      // Chunked: one chunk and no terminating zero-length chunk, so the body never ends.
      socket.write(
        chunked ? Buffer.concat([Buffer.from(`${sendBytes.toString(16)}\r\n`), body]) : body,
      );
    });
  });
}
