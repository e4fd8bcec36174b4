import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendDelivery, type SendOptions } from './send-delivery.ts';
import { verifySignature } from './signature.ts';

let server: http.Server;
let port = 0;
const seen: {
  host: string | undefined;
  path: string | undefined;
  headers: http.IncomingHttpHeaders;
  body: string;
}[] = [];

before(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        host: req.headers.host,
        path: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      if (req.url === '/redirect') res.writeHead(302, { location: '/ok' }).end();
      else if (req.url === '/slow') setTimeout(() => res.writeHead(200).end('late'), 2000);
      else res.writeHead(200).end('fine');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const options = (url: string, extra: Partial<SendOptions> = {}): SendOptions => ({
  url,
  secret: 'a-secret-for-the-tests',
  eventType: 'render.succeeded',
  deliveryId: 'dlv_test',
  body: '{"id":"evt_1"}',
  timeoutMs: 1000,
  allowPrivate: true,
  ...extra,
});

test('a name is resolved once and the connection goes to the address checked', async () => {
  const lookups: string[] = [];
  const lookup = async (host: string) => {
    lookups.push(host);
    return [{ address: '127.0.0.1', family: 4 }];
  };
  const result = await sendDelivery(options(`http://hooks.test:${port}/ok`, { lookup }));
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.equal(result.httpStatus, 200);
  assert.equal(result.excerpt, 'fine');
  assert.deepEqual(lookups, ['hooks.test']);
  const request = seen.at(-1)!;
  assert.equal(request.host, `hooks.test:${port}`, 'the Host header keeps the name');
  assert.equal(request.headers['montage-delivery'], 'dlv_test');
  assert.equal(request.headers['montage-event'], 'render.succeeded');
  assert.ok(
    verifySignature(
      'a-secret-for-the-tests',
      request.body,
      String(request.headers['montage-signature']),
      Math.floor(Date.now() / 1000),
    ),
  );
});

test('without the flag, a name resolving to loopback is refused before any connection', async () => {
  const before = seen.length;
  const result = await sendDelivery(
    options(`http://rebind.test:${port}/ok`, {
      allowPrivate: false,
      lookup: async () => [{ address: '127.0.0.1', family: 4 }],
    }),
  );
  assert.equal(result.ok, false);
  assert.equal(result.httpStatus, null);
  assert.match(result.error ?? '', /127\.0\.0\.1 is private, loopback/);
  assert.equal(seen.length, before, 'nothing was sent');
});

test('redirects are not followed and count as a failure', async () => {
  const result = await sendDelivery(options(`http://127.0.0.1:${port}/redirect`));
  assert.equal(result.ok, false);
  assert.equal(result.httpStatus, 302);
  assert.equal(seen.at(-1)!.path, '/redirect');
});

test('no answer within the timeout is a failure without a status', async () => {
  const result = await sendDelivery(options(`http://127.0.0.1:${port}/slow`, { timeoutMs: 200 }));
  assert.equal(result.ok, false);
  assert.equal(result.httpStatus, null);
  assert.match(result.error ?? '', /No answer within 200 ms/);
});
