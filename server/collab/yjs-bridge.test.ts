import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import {
  authMessage,
  bridgeSocket,
  fromYjsClient,
  toYjsClient,
  YJS_DENIED,
  yjsDocumentName,
} from './yjs-bridge.ts';

const hocuspocusMessage = (name: string, ...parts: ((e: encoding.Encoder) => void)[]) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, name);
  for (const part of parts) part(encoder);
  return encoding.toUint8Array(encoder);
};
const uint = (n: number) => (e: encoding.Encoder) => encoding.writeVarUint(e, n);
const str = (s: string) => (e: encoding.Encoder) => encoding.writeVarString(e, s);
const bytes = (b: number[]) => (e: encoding.Encoder) =>
  encoding.writeUint8Array(e, new Uint8Array(b));

test('the document comes from the path, and only a plain id is one', () => {
  assert.equal(yjsDocumentName('/yjs/abc123'), 'abc123');
  for (const path of [
    '/yjs/',
    '/yjs/a/b',
    '/yjs/..',
    '/yjs/a%2Fb',
    '/collab',
    '/yjsx/a',
    '/yjs/a b',
  ])
    assert.equal(yjsDocumentName(path), null, path);
  assert.equal(yjsDocumentName(`/yjs/${'a'.repeat(65)}`), null);
});

test('client messages get the document name in front; auth and unknown types are dropped', () => {
  const sync = new Uint8Array([0, 0, 1, 0]);
  const out = fromYjsClient('doc1', sync)!;
  const decoder = decoding.createDecoder(out);
  assert.equal(decoding.readVarString(decoder), 'doc1');
  assert.deepEqual([...out.subarray(decoder.pos)], [...sync]);
  assert.ok(fromYjsClient('doc1', new Uint8Array([1, 2, 3])));
  assert.ok(fromYjsClient('doc1', new Uint8Array([3])));
  assert.equal(fromYjsClient('doc1', new Uint8Array([2, 0, 1, 65])), null, 'client auth');
  assert.equal(fromYjsClient('doc1', new Uint8Array([7, 0])), null, 'a Hocuspocus-only type');
  assert.throws(() => fromYjsClient('doc1', new Uint8Array([])));
});

test('server messages lose the name; Hocuspocus-only messages are dropped', () => {
  const sync = toYjsClient(hocuspocusMessage('doc1', uint(0), bytes([1, 2, 3])));
  assert.deepEqual(sync, { kind: 'send', message: new Uint8Array([0, 1, 2, 3]) });
  const reply = toYjsClient(hocuspocusMessage('doc1', uint(4), bytes([1, 9])));
  assert.deepEqual(
    reply,
    { kind: 'send', message: new Uint8Array([0, 1, 9]) },
    'sync reply is sync',
  );
  const awareness = toYjsClient(hocuspocusMessage('doc1', uint(1), bytes([5, 6])));
  assert.deepEqual(awareness, { kind: 'send', message: new Uint8Array([1, 5, 6]) });
  for (const type of [5, 6, 7, 8, 9, 10])
    assert.deepEqual(toYjsClient(hocuspocusMessage('doc1', uint(type), uint(1))), { kind: 'drop' });
  const authenticated = hocuspocusMessage('doc1', uint(2), uint(2), str('read-write'));
  assert.deepEqual(toYjsClient(authenticated), { kind: 'drop' });
});

test('a refused authentication is told in y-protocols terms and closes the socket', () => {
  const denied = hocuspocusMessage('doc1', uint(2), uint(1), str('not-a-member'));
  const out = toYjsClient(denied);
  assert.equal(out.kind, 'denied');
  const sent: Uint8Array[] = [];
  const closed: [number | undefined, string | undefined][] = [];
  const socket = bridgeSocket({
    readyState: 1,
    send: (m) => sent.push(m),
    close: (code, reason) => closed.push([code, reason]),
  });
  socket.send(denied);
  const decoder = decoding.createDecoder(sent[0]!);
  assert.equal(decoding.readVarUint(decoder), 2);
  assert.equal(decoding.readVarUint(decoder), 0);
  assert.equal(decoding.readVarString(decoder), 'not-a-member');
  assert.deepEqual(closed, [[YJS_DENIED, 'not-a-member']]);
});

test('the URL token becomes a Hocuspocus token message for that document', () => {
  const decoder = decoding.createDecoder(authMessage('doc1', 'tok.en'));
  assert.equal(decoding.readVarString(decoder), 'doc1');
  assert.equal(decoding.readVarUint(decoder), 2);
  assert.equal(decoding.readVarUint(decoder), 0);
  assert.equal(decoding.readVarString(decoder), 'tok.en');
});
