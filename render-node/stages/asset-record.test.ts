import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completeRecord } from './asset-record.ts';

const base = {
  hash: 'a'.repeat(64),
  kind: 'picture' as const,
  engine: { id: 'procedural', version: 'p-4' },
  fallback: { prompt: 'a harbour at dawn', seed: 3, width: 768, height: 432 },
  nodeId: 'node-1',
  measuredMs: 41.6,
  now: new Date('2026-12-03T10:00:00Z'),
};

test('an engine that reports nothing still gets a record: its id, the request, the measured time', () => {
  assert.deepEqual(completeRecord({ ...base, details: undefined }), {
    hash: base.hash,
    kind: 'picture',
    engine: { id: 'procedural', version: 'p-4' },
    prompt: 'a harbour at dawn',
    seed: 3,
    width: 768,
    height: 432,
    provider: 'none',
    device: 'cpu',
    nodeId: 'node-1',
    durationMs: 42,
    createdAt: '2026-12-03T10:00:00.000Z',
  });
});

test("the engine's details win over the stage's, but never the hash, kind, node or time", () => {
  const record = completeRecord({
    ...base,
    details: {
      engine: { id: 'onnx', version: 'onnx-1' },
      model: { id: 'sd-turbo', hash: 'b'.repeat(64) },
      prompt: 'a harbour at dawn, Nadia: tall, red coat',
      seed: 3,
      steps: 2,
      width: 512,
      height: 512,
      provider: 'cuda',
      device: 'NVIDIA H200',
      durationMs: 120,
    },
  });
  assert.equal(record.hash, base.hash);
  assert.equal(record.nodeId, 'node-1');
  assert.equal(record.engine.id, 'onnx');
  assert.equal(record.provider, 'cuda');
  assert.equal(record.durationMs, 120);
  assert.equal(record.width, 512);
  assert.equal(record.prompt, 'a harbour at dawn, Nadia: tall, red coat');
  assert.equal(record.createdAt, '2026-12-03T10:00:00.000Z');
});
