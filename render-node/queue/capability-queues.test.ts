import assert from 'node:assert/strict';
import { test } from 'node:test';
import { capabilityQueue } from '../../shared/render/render-queue.ts';
import { createSlots, registeredQueues, servableQueues } from './capability-queues.ts';

test('a node serves the registered queues of a base whose needs it has, and no other', () => {
  const onnx = capabilityQueue('render-scene', ['onnx.sd-turbo']);
  const both = capabilityQueue('render-scene', ['piper.fr_FR-siwis', 'onnx.sd-turbo']);
  const image = capabilityQueue('render-image', ['onnx.sd-turbo']);
  const registry = registeredQueues({
    [onnx]: JSON.stringify(['onnx.sd-turbo']),
    [both]: JSON.stringify(['onnx.sd-turbo', 'piper.fr_FR-siwis']),
    [image]: JSON.stringify(['onnx.sd-turbo']),
    'render-scene@broken': '{not json',
    'render-scene@numbers': '[1]',
  });
  assert.deepEqual([...registry.keys()], [onnx, both, image]);
  const keys = new Set(['procedural', 'espeak-ng', 'onnx.sd-turbo']);
  assert.deepEqual(servableQueues(registry, 'render-scene', keys), [onnx]);
  assert.deepEqual(servableQueues(registry, 'render-image', keys), [image]);
  assert.deepEqual(servableQueues(registry, 'render-scene', new Set(['procedural'])), []);
  assert.deepEqual(
    servableQueues(registry, 'render-scene', new Set([...keys, 'piper.fr_FR-siwis'])),
    [onnx, both],
  );
});

test('slots: at most `limit` holders, first come first served, a release counts once', async () => {
  const slots = createSlots(2);
  const first = await slots.acquire();
  const second = await slots.acquire();
  const order: string[] = [];
  const third = slots.acquire().then((release) => (order.push('third'), release));
  const fourth = slots.acquire().then((release) => (order.push('fourth'), release));
  await Promise.resolve();
  assert.deepEqual(order, []);
  first();
  first(); // twice: still one slot handed on
  const releaseThird = await third;
  assert.deepEqual(order, ['third']);
  second();
  const releaseFourth = await fourth;
  assert.deepEqual(order, ['third', 'fourth']);
  releaseThird();
  releaseFourth();
  // Both free again: two acquire at once without waiting.
  const [a, b] = await Promise.all([slots.acquire(), slots.acquire()]);
  a();
  b();
});
