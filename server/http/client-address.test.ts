import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { clientAddress } from './client-address.ts';

const request = (remoteAddress: string, forwarded?: string) =>
  ({
    socket: { remoteAddress },
    headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
  }) as unknown as IncomingMessage;

test('without a trusted proxy the socket address wins over a spoofed header', () => {
  assert.equal(clientAddress(request('127.0.0.1', '10.9.9.9'), 0), '127.0.0.1');
});

test('behind one trusted proxy the right-most forwarded address is the client', () => {
  // The client sent "X-Forwarded-For: 198.51.100.1"; the proxy appended the real peer.
  assert.equal(clientAddress(request('127.0.0.1', '198.51.100.1, 203.0.113.7'), 1), '203.0.113.7');
  assert.equal(clientAddress(request('127.0.0.1', '203.0.113.7'), 1), '203.0.113.7');
  assert.equal(clientAddress(request('127.0.0.1'), 1), '127.0.0.1');
});

test('a client cannot pick its own address by sending X-Forwarded-For through the proxy', () => {
  const spoofs = ['10.0.0.1', '10.0.0.1, 10.0.0.2', ' , 10.0.0.3,,'];
  for (const spoof of spoofs) {
    assert.equal(clientAddress(request('127.0.0.1', `${spoof}, 203.0.113.7`), 1), '203.0.113.7');
  }
});

test('with a hop count the client is the entry the outermost trusted proxy added', () => {
  // client → CDN (adds client) → load balancer (adds CDN) → Montage
  const chain = '198.51.100.1, 203.0.113.7, 192.0.2.10';
  assert.equal(clientAddress(request('10.0.0.5', chain), 2), '203.0.113.7');
  assert.equal(clientAddress(request('10.0.0.5', chain), 3), '198.51.100.1');
  // A chain shorter than configured: the furthest address there is, as Express does.
  assert.equal(clientAddress(request('10.0.0.5', '203.0.113.7'), 2), '203.0.113.7');
});

test('agrees with Express when `trust proxy` is set to the same hop count', async () => {
  const app = express();
  app.get('/', (req, res) => {
    const hops = Number(req.query.hops);
    res.json({ express: req.ip, ours: clientAddress(req, hops) });
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  try {
    for (const hops of [0, 1, 2, 3]) {
      app.set('trust proxy', hops);
      for (const forwarded of [undefined, '203.0.113.7', '198.51.100.1, 203.0.113.7, 192.0.2.10']) {
        const res = await fetch(`http://127.0.0.1:${port}/?hops=${hops}`, {
          headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
        });
        const body = (await res.json()) as { express: string; ours: string };
        assert.equal(body.ours, body.express, `hops ${hops}, X-Forwarded-For ${forwarded}`);
      }
    }
  } finally {
    server.close();
  }
});
