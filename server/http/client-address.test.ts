import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { clientAddress } from './client-address.ts';

const request = (remoteAddress: string, forwarded?: string) =>
  ({
    socket: { remoteAddress },
    headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
  }) as unknown as IncomingMessage;

test('without a trusted proxy the socket address wins over a spoofed header', () => {
  assert.equal(clientAddress(request('127.0.0.1', '10.9.9.9'), false), '127.0.0.1');
});

test('behind a trusted proxy the left-most forwarded address is the client', () => {
  assert.equal(clientAddress(request('127.0.0.1', '203.0.113.7, 10.0.0.2'), true), '203.0.113.7');
  assert.equal(clientAddress(request('127.0.0.1'), true), '127.0.0.1');
});
