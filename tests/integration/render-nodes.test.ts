import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NODE_STALE_MS } from '../../shared/render/node-capabilities.ts';
import { postgresSchema } from '../support/postgres.ts';
import { api, signUp, WebServer } from '../support/web-server.ts';
import {
  NodeHeartbeats,
  nodeCapabilities,
  piperVoice,
  sdTurbo,
} from '../support/node-heartbeat.ts';

/**
 * The render nodes' heartbeats as the web process serves them: the models
 * panel's API (with ETag), /readyz for operators and /metrics. The records
 * are written the way a node writes them (tests/support/node-heartbeat.ts).
 */
describe('render nodes', () => {
  let web: WebServer;
  let beats: NodeHeartbeats;
  let user: Awaited<ReturnType<typeof signUp>>;
  let database: Awaited<ReturnType<typeof postgresSchema>>;

  before(async () => {
    database = await postgresSchema();
    web = await new WebServer({ env: database.env }).start();
    beats = new NodeHeartbeats(web);
    user = await signUp(web.url, 'Director');
  });
  after(async () => {
    await beats?.close();
    await web?.stop();
    await database?.drop();
  });

  test('no node: an empty answer, and /readyz still ready with an empty list', async () => {
    const answer = await api(web.url, 'GET', '/api/v1/render-nodes', { token: user.token });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { nodes: [], imageModels: [], voices: [] });
    const ready = await api(web.url, 'GET', '/readyz');
    assert.equal(ready.status, 200);
    assert.deepEqual(ready.body.nodes, []);
  });

  test('signed-in users only', async () => {
    const anonymous = await api(web.url, 'GET', '/api/v1/render-nodes');
    assert.equal(anonymous.status, 401);
  });

  test('live nodes with their models and voices; stale and broken records left out', async () => {
    await beats.write(
      nodeCapabilities('gpu-1', {
        provider: {
          name: 'cuda',
          device: 'NVIDIA H200',
          memory: { usedBytes: 3_000_000_000, totalBytes: 150_000_000_000 },
        },
        models: [
          sdTurbo(),
          piperVoice('fr_FR-siwis-low', 'fr_FR', 'siwis'),
          sdTurbo({
            id: 'sdxl-turbo',
            name: 'SDXL-Turbo',
            usable: false,
            problem: 'unet.onnx: sha256 differs',
          }),
        ],
      }),
    );
    await beats.write(
      nodeCapabilities('cpu-1', { models: [piperVoice('en_US-lessac-medium', 'en_US', 'lessac')] }),
    );
    await beats.write(
      nodeCapabilities('old', {
        seenAt: new Date(Date.now() - NODE_STALE_MS - 1000).toISOString(),
      }),
    );
    await beats.write({ ...nodeCapabilities('bad'), provider: 'cuda' } as never);

    const answer = await api(web.url, 'GET', '/api/v1/render-nodes', { token: user.token });
    assert.equal(answer.status, 200);
    assert.deepEqual(
      answer.body.nodes.map((n: { nodeId: string }) => n.nodeId),
      ['cpu-1', 'gpu-1'],
    );
    const gpu = answer.body.nodes[1];
    assert.equal(gpu.provider.device, 'NVIDIA H200');
    assert.equal(
      gpu.models.find((m: { id: string }) => m.id === 'sdxl-turbo').problem,
      'unet.onnx: sha256 differs',
    );
    assert.equal(gpu.pid, undefined, 'no process details');
    assert.deepEqual(answer.body.imageModels, [
      { id: 'sd-turbo', name: 'SD-Turbo', nodes: ['gpu-1'], providers: ['cuda'] },
    ]);
    assert.deepEqual(
      answer.body.voices.map((g: { language: string }) => g.language),
      ['en_US', 'fr_FR'],
    );

    // Between changes the ETag gives a 304; a new measure changes it.
    const etag = answer.headers.get('etag')!;
    assert.match(answer.headers.get('cache-control') ?? '', /no-cache/);
    const again = await fetch(`${web.url}/api/v1/render-nodes`, {
      headers: { authorization: `Bearer ${user.token}`, 'if-none-match': etag },
    });
    assert.equal(again.status, 304);
    await beats.write(
      nodeCapabilities('cpu-1', {
        models: [
          piperVoice('en_US-lessac-medium', 'en_US', 'lessac', { runs: 1, lastMs: 80, meanMs: 80 }),
        ],
      }),
    );
    const changed = await fetch(`${web.url}/api/v1/render-nodes`, {
      headers: { authorization: `Bearer ${user.token}`, 'if-none-match': etag },
    });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), etag);
  });

  test('/readyz lists the live nodes for operators only; /metrics has per node and model gauges', async () => {
    const ready = await api(web.url, 'GET', '/readyz');
    assert.equal(ready.status, 200);
    assert.deepEqual(Object.keys(ready.body.checks).sort(), ['database', 'queue', 'redis']);
    assert.deepEqual(
      ready.body.nodes.map((n: { id: string; provider: string }) => [n.id, n.provider]),
      [
        ['cpu-1', 'cpu'],
        ['gpu-1', 'cuda'],
      ],
    );
    assert.ok(Number.isFinite(Date.parse(ready.body.nodes[0].seenAt)));
    // Anonymous remote callers see only the status: tests/security/headers.test.ts.

    const metrics = await fetch(`${web.url}/metrics`).then((r) => r.text());
    for (const line of [
      'montage_render_nodes{provider="cuda"} 1',
      'montage_render_nodes{provider="cpu"} 1',
      'montage_render_node_gpu_memory_used_bytes{node="gpu-1"} 3000000000',
      'montage_render_node_gpu_memory_total_bytes{node="gpu-1"} 150000000000',
      'montage_render_node_inference_runs{node="gpu-1",model="sd-turbo"} 12',
      'montage_render_node_inference_mean_ms{node="gpu-1",model="sd-turbo"} 142.5',
      'montage_render_node_inference_last_ms{node="gpu-1",model="sd-turbo"} 131',
      'montage_render_node_inference_last_ms{node="cpu-1",model="en_US-lessac-medium"} 80',
    ]) {
      assert.ok(metrics.includes(line), `metrics include ${line}`);
    }
  });

  test('a node that stops beating leaves the list', async () => {
    await beats.remove('gpu-1');
    const answer = await api(web.url, 'GET', '/api/v1/render-nodes', { token: user.token });
    assert.deepEqual(
      answer.body.nodes.map((n: { nodeId: string }) => n.nodeId),
      ['cpu-1'],
    );
    assert.deepEqual(answer.body.imageModels, []);
  });
});
