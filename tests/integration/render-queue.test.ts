import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { addScene, sceneText } from '../../shared/project-doc.ts';
import { api, signUp, WebServer } from '../support/web-server.ts';
import { connectClient, waitFor, type CollabClient } from '../support/collab-client.ts';
import { RenderNode } from '../support/render-node.ts';

const run = promisify(execFile);

interface RenderRecord {
  id: string;
  status: string;
  fraction: number;
  stage: string | null;
  attempts: number;
  failure: { stage: string; message: string } | null;
  output: {
    videoUrl: string;
    captionsVttUrl: string;
    frames: number;
    fps: number;
    width: number;
    height: number;
    durationSec: number;
  } | null;
  cache?: { sceneId: string | null; kind: string; cached: boolean }[];
}

/** Commit → render through the real queue, a real render node, ffmpeg and espeak-ng. */
describe('render queue', () => {
  let web: WebServer;
  let node: RenderNode;
  let owner: Awaited<ReturnType<typeof signUp>>;
  let projectId: string;
  let client: CollabClient;
  const updates: RenderRecord[] = [];

  before(async () => {
    web = await new WebServer().start();
    node = await new RenderNode(web).start();
    owner = await signUp(web.url, 'Director');
    projectId = (
      await api(web.url, 'POST', '/api/v1/projects', {
        token: owner.token,
        body: { title: 'Short' },
      })
    ).body.project.id;
    client = await connectClient(web.url, owner.token, projectId);
    client.provider.on('stateless', ({ payload }: { payload: string }) => {
      const message = JSON.parse(payload) as { type: string; render: RenderRecord };
      if (message.type === 'render') updates.push(message.render);
    });
    await waitFor(() => client.provider.isSynced, 'synced');
  });
  after(async () => {
    client?.destroy();
    await node?.kill();
    await web?.stop();
  });

  const call = (method: string, urlPath: string, body?: unknown) =>
    api(web.url, method, urlPath, { token: owner.token, body });
  const commit = async (message: string) => {
    await client.settled();
    const res = await call('POST', `/api/v1/projects/${projectId}/revisions`, { message });
    assert.ok(res.status === 201 || res.status === 200, JSON.stringify(res.body));
    return res.body.revision.id as string;
  };
  const renderOf = async (id: string) =>
    (await call('GET', `/api/v1/renders/${id}`)).body.render as RenderRecord;
  const waitForStatus = async (id: string, statuses: string[], timeoutMs = 120_000) => {
    let last: RenderRecord | null = null;
    await waitFor(
      async () => statuses.includes((last = await renderOf(id)).status),
      `render ${id} to be ${statuses.join('/')}`,
      timeoutMs,
    ).catch((err: Error) => {
      throw new Error(
        `${err.message}; last: ${JSON.stringify(last)}\nnode:\n${node.output.slice(-3000)}`,
      );
    });
    return last!;
  };

  /** Adds a scene with long narration, commits, renders (720p draft) and waits until it is under way. */
  async function startRenderOfNewScene(title: string, narration: string) {
    addScene(client.doc, { title, narration });
    const revisionId = await commit(title);
    const submitted = await call('POST', `/api/v1/projects/${projectId}/renders`, {
      revisionId,
      preset: '720p-draft',
    });
    const renderId = submitted.body.render.id as string;
    await waitFor(
      async () => (await renderOf(renderId)).fraction > 0.05,
      'render under way',
      60_000,
    );
    return renderId;
  }

  async function probe(videoUrl: string) {
    const res = await fetch(`${web.url}${videoUrl}`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    assert.equal(res.status, 200);
    const dir = await mkdtemp(path.join(tmpdir(), 'montage-probe-'));
    const file = path.join(dir, 'out.mp4');
    await writeFile(file, Buffer.from(await res.arrayBuffer()));
    const { stdout } = await run('ffprobe', [
      '-v',
      'error',
      '-count_frames',
      '-show_streams',
      '-show_format',
      '-of',
      'json',
      file,
    ]);
    return JSON.parse(stdout) as {
      streams: {
        codec_type: string;
        width?: number;
        height?: number;
        r_frame_rate?: string;
        nb_read_frames?: string;
        pix_fmt?: string;
      }[];
      format: { duration: string };
    };
  }

  test('a 3-scene project renders end to end; every collaborator sees progress; the output matches the plan', async () => {
    const ids = ['The harbour at dawn.', 'A storm gathers.', 'The lamp shines again.'].map(
      (narration, i) => addScene(client.doc, { title: `Scene ${i + 1}`, narration }),
    );
    const revisionId = await commit('first cut');
    const submitted = await call('POST', `/api/v1/projects/${projectId}/renders`, {
      revisionId,
      preset: '720p-draft',
    });
    assert.equal(submitted.status, 202);
    const renderId = submitted.body.render.id as string;
    const again = await call('POST', `/api/v1/projects/${projectId}/renders`, {
      revisionId,
      preset: '720p-draft',
    });
    assert.equal(
      again.body.render.id,
      renderId,
      'the same revision and preset while queued returns that render',
    );

    const done = await waitForStatus(renderId, ['done', 'failed']);
    assert.equal(done.status, 'done', JSON.stringify(done.failure));
    const relayed = updates.filter((u) => u.id === renderId);
    assert.ok(relayed.length >= 3, 'progress was relayed to the connected client');
    assert.ok(
      relayed.some((u) => u.status !== 'done' && u.fraction > 0 && u.fraction < 1),
      'intermediate progress was relayed',
    );
    assert.equal(relayed.at(-1)!.status, 'done');

    const output = done.output!;
    assert.match(output.videoUrl, /\.mp4$/);
    const info = await probe(output.videoUrl);
    const video = info.streams.find((s) => s.codec_type === 'video')!;
    assert.equal(video.width, 1280);
    assert.equal(video.height, 720);
    assert.equal(video.r_frame_rate, '30/1');
    assert.equal(video.pix_fmt, 'yuv420p');
    assert.equal(Number(video.nb_read_frames), output.frames, 'frame count equals the planned one');
    assert.ok(
      info.streams.some((s) => s.codec_type === 'audio'),
      'has an audio stream',
    );
    assert.ok(Math.abs(Number(info.format.duration) - output.durationSec) < 0.1);

    const vtt = await (
      await fetch(`${web.url}${output.captionsVttUrl}`, {
        headers: { authorization: `Bearer ${owner.token}` },
      })
    ).text();
    assert.match(vtt, /^WEBVTT/);
    assert.equal((vtt.match(/-->/g) ?? []).length >= 3, true);

    const ranged = await fetch(`${web.url}${output.videoUrl}`, {
      headers: { authorization: `Bearer ${owner.token}`, range: 'bytes=0-99' },
    });
    assert.equal(ranged.status, 206);
    assert.equal((await ranged.arrayBuffer()).byteLength, 100);
    // The record says which engine made each scene's picture and narration (ADR 0039).
    const engines = (await call('GET', `/api/v1/renders/${renderId}`)).body.render.output
      .engines as {
      sceneId: string;
      picture: { engine: string };
      narration: { engine: string }[];
    }[];
    assert.deepEqual(
      engines.map((e) => [e.sceneId, e.picture.engine, e.narration.map((n) => n.engine)]),
      ids.map((id) => [id, 'procedural', ['espeak-ng']]),
    );

    // Edit one scene's narration: only that scene's work (and its transitions) is redone.
    sceneText(client.doc, ids[1]!, 'narration')!.insert(0, 'Suddenly, ');
    const second = await commit('storm rewritten');
    const rerender = (
      await call('POST', `/api/v1/projects/${projectId}/renders`, {
        revisionId: second,
        preset: '720p-draft',
      })
    ).body.render.id as string;
    const redone = await waitForStatus(rerender, ['done', 'failed']);
    assert.equal(redone.status, 'done');
    const cache = redone.cache!;
    const remade = cache.filter((c) => !c.cached);
    for (const c of remade) {
      assert.ok(
        c.sceneId === ids[1] ||
          c.kind === 'transition' ||
          ['audio', 'captions-vtt', 'captions-srt', 'video', 'poster', 'thumbnail'].includes(
            c.kind,
          ),
        `only the edited scene is re-made, not ${JSON.stringify(c)}`,
      );
    }
    for (const sceneId of [ids[0], ids[2]]) {
      const own = cache.filter(
        (c) =>
          c.sceneId === sceneId &&
          ['picture', 'lettering', 'narration', 'segment'].includes(c.kind),
      );
      assert.ok(own.length > 0 && own.every((c) => c.cached), `scene ${sceneId} fully reused`);
    }
    assert.ok(remade.some((c) => c.sceneId === ids[1] && c.kind === 'narration'));
  });

  test('cancel stops a running render; retry finishes it reusing the cache', async () => {
    const renderId = await startRenderOfNewScene(
      'Long',
      'The keeper climbs the spiral stairs, counting every step, while the wind howls. '.repeat(6),
    );
    const cancelled = await call('DELETE', `/api/v1/renders/${renderId}`);
    assert.equal(cancelled.status, 200);
    assert.equal(cancelled.body.render.status, 'cancelled');
    // ffmpeg stops within 2 s on the node holding the work.
    const holder = node.pid!;
    await waitFor(async () => !(await ffmpegRunningUnder(holder)), 'ffmpeg stopped', 2_000);
    assert.equal((await call('DELETE', `/api/v1/renders/${renderId}`)).status, 409);

    const retried = await call('POST', `/api/v1/renders/${renderId}/retry`);
    assert.equal(retried.status, 202);
    const done = await waitForStatus(renderId, ['done', 'failed']);
    assert.equal(done.status, 'done');
    assert.ok(
      done.cache!.some((c) => c.cached),
      'the retry reused cached artifacts',
    );
  });

  test('kill -9 of the render node mid-render: a restarted node finishes it exactly once', async () => {
    const renderId = await startRenderOfNewScene(
      'Another',
      'Fog rolls over the rocks and the bell rings twice in the dark. '.repeat(5),
    );
    await node.kill('SIGKILL');
    node = await new RenderNode(web).start();
    const done = await waitForStatus(renderId, ['done', 'failed'], 180_000);
    assert.equal(done.status, 'done');
    const list = (await call('GET', `/api/v1/projects/${projectId}/renders`)).body
      .renders as RenderRecord[];
    assert.equal(list.filter((r) => r.id === renderId).length, 1);
    // Each node's tmp/<node id>/ must be empty: the killed node's leftovers were cleared.
    const tmpRoot = path.join(web.dataDir, 'media', 'tmp');
    for (const owner of await readdir(tmpRoot).catch(() => [] as string[])) {
      assert.deepEqual(
        await readdir(path.join(tmpRoot, owner)),
        [],
        `no temporary files left in tmp/${owner}`,
      );
    }
  });

  test('a render of a revision of another user’s project is refused', async () => {
    const intruder = await signUp(web.url, 'Intruder');
    const own = (
      await api(web.url, 'POST', '/api/v1/projects', {
        token: intruder.token,
        body: { title: 'Mine' },
      })
    ).body.project.id;
    const revisions = (await call('GET', `/api/v1/projects/${projectId}/revisions`)).body
      .revisions as { id: string }[];
    const foreign = revisions[0]!.id;
    const a = await api(web.url, 'POST', `/api/v1/projects/${projectId}/renders`, {
      token: intruder.token,
      body: { revisionId: foreign },
    });
    assert.equal(a.status, 404);
    const b = await api(web.url, 'POST', `/api/v1/projects/${own}/renders`, {
      token: intruder.token,
      body: { revisionId: foreign },
    });
    assert.equal(b.status, 404);
    const c = await api(web.url, 'POST', `/api/v1/projects/${own}/renders`, {
      token: intruder.token,
      body: { revisionId: 'nope' },
    });
    assert.equal(c.status, 422);
  });
});

/** Whether the render node process has an ffmpeg child. */
async function ffmpegRunningUnder(pid: number): Promise<boolean> {
  const { stdout } = await run('pgrep', ['-c', '-P', String(pid), '-x', 'ffmpeg']).catch(() => ({
    stdout: '0',
  }));
  return Number(stdout.trim()) > 0;
}
