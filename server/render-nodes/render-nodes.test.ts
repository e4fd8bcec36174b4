import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderNodesAnswer } from '../../shared/api/render-nodes.ts';
import { NODE_STALE_MS, type NodeCapabilities } from '../../shared/render/node-capabilities.ts';
import { PRUNE_AFTER_MS, answerEtag, readNodeRecords } from './render-nodes.ts';

const NOW = Date.parse('2026-12-03T12:00:00.000Z');

function node(nodeId: string, seenAgoMs: number, patch: Partial<NodeCapabilities> = {}) {
  const caps: NodeCapabilities = {
    nodeId,
    host: `${nodeId}.local`,
    pid: 42,
    startedAt: '2026-12-03T11:00:00.000Z',
    seenAt: new Date(NOW - seenAgoMs).toISOString(),
    concurrency: 2,
    provider: { name: 'cpu', device: 'Test CPU', reason: 'no CUDA libraries' },
    engines: {
      image: [{ id: 'procedural', version: '1' }],
      voice: [{ id: 'espeak-ng', version: '1.51' }],
      music: [],
    },
    models: [],
    ...patch,
  };
  return caps;
}

const model = (id: string, patch: Partial<NodeCapabilities['models'][number]> = {}) => ({
  id,
  kind: 'image' as const,
  pipeline: 'sd-turbo' as const,
  name: id.toUpperCase(),
  hash: 'a'.repeat(64),
  usable: true,
  loaded: false,
  runs: 0,
  ...patch,
});

const hashOf = (...nodes: NodeCapabilities[]) =>
  Object.fromEntries(nodes.map((n) => [n.nodeId, JSON.stringify(n)]));

test('live records are kept, stale ones dropped, long-gone ones marked for deletion', () => {
  const records = readNodeRecords(
    hashOf(
      node('b', 1_000),
      node('a', NODE_STALE_MS - 1),
      node('stale', NODE_STALE_MS),
      node('gone', PRUNE_AFTER_MS),
    ),
    NOW,
  );
  assert.deepEqual(
    records.live.map((n) => n.nodeId),
    ['a', 'b'],
  );
  assert.deepEqual(records.expired, ['gone']);
  assert.deepEqual(records.unreadable, []);
});

test('a record that is not a node capabilities JSON is left out, never hiding the others', () => {
  const records = readNodeRecords(
    {
      ...hashOf(node('ok', 0)),
      garbage: '{not json',
      shapeless: JSON.stringify({ nodeId: 'x' }),
      badTime: JSON.stringify(node('t', 0, { seenAt: 'yesterday' })),
    },
    NOW,
  );
  assert.deepEqual(
    records.live.map((n) => n.nodeId),
    ['ok'],
  );
  assert.deepEqual(records.unreadable.sort(), ['badTime', 'garbage', 'shapeless']);
});

test('the answer lists usable image models and voices by language with the nodes that have them', () => {
  const gpu = node('gpu', 0, {
    provider: {
      name: 'cuda',
      device: 'NVIDIA H200',
      memory: { usedBytes: 2e9, totalBytes: 140e9 },
    },
    models: [
      model('sd-turbo', { loaded: true, runs: 3, meanMs: 120, lastMs: 110 }),
      model('fr_FR-siwis-low', {
        kind: 'voice',
        pipeline: 'piper-vits',
        name: 'Siwis',
        language: 'fr_FR',
        speaker: 'siwis',
      }),
    ],
  });
  const cpu = node('cpu', 0, {
    models: [
      model('sd-turbo'),
      model('broken', { usable: false, problem: 'unet.onnx: bad sha256' }),
      model('en_US-lessac-medium', {
        kind: 'voice',
        pipeline: 'piper-vits',
        name: 'Lessac',
        language: 'en_US',
      }),
    ],
  });
  const answer = renderNodesAnswer([gpu, cpu]);
  assert.deepEqual(
    answer.nodes.map((n) => n.nodeId),
    ['cpu', 'gpu'],
  );
  assert.equal('pid' in answer.nodes[0]!, false, 'no process details');
  assert.equal(
    'seenAt' in answer.nodes[0]!,
    false,
    'the heartbeat time does not change the answer',
  );
  assert.deepEqual(answer.imageModels, [
    { id: 'sd-turbo', name: 'SD-TURBO', nodes: ['cpu', 'gpu'], providers: ['cpu', 'cuda'] },
  ]);
  assert.deepEqual(
    answer.voices.map((group) => [group.language, group.voices.map((v) => v.id)]),
    [
      ['en_US', ['en_US-lessac-medium']],
      ['fr_FR', ['fr_FR-siwis-low']],
    ],
  );
  assert.equal(answer.voices[1]!.voices[0]!.speaker, 'siwis');
  // The unusable model is on its node (with its problem) but never offered.
  assert.equal(
    answer.nodes[0]!.models.find((m) => m.id === 'broken')!.problem,
    'unet.onnx: bad sha256',
  );
  assert.equal(
    answer.imageModels.some((m) => m.id === 'broken'),
    false,
  );
});

test('the ETag follows changes of nodes and measures, not heartbeats', () => {
  const first = answerEtag(renderNodesAnswer([node('a', 4_000)]));
  assert.equal(answerEtag(renderNodesAnswer([node('a', 0)])), first);
  const measured = node('a', 0, { models: [model('sd-turbo', { runs: 1, lastMs: 90 })] });
  assert.notEqual(answerEtag(renderNodesAnswer([measured])), first);
  assert.notEqual(answerEtag(renderNodesAnswer([])), first);
});
