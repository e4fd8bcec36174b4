import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { addScene } from '../../shared/project-doc.ts';
import { api, REPO_ROOT, signUp, WebServer } from '../support/web-server.ts';
import { connectClient, waitFor, type CollabClient } from '../support/collab-client.ts';
import { RenderNode } from '../support/render-node.ts';

const run = promisify(execFile);

/** The music bed (upload → document → render) and media garbage collection. */
describe('media: music bed and garbage collection', () => {
  let web: WebServer;
  let node: RenderNode;
  let owner: Awaited<ReturnType<typeof signUp>>;
  let projectId: string;
  let client: CollabClient;

  before(async () => {
    web = await new WebServer().start();
    node = await new RenderNode(web).start();
    owner = await signUp(web.url, 'Composer');
    projectId = (
      await api(web.url, 'POST', '/api/v1/projects', {
        token: owner.token,
        body: { title: 'Music' },
      })
    ).body.project.id;
    client = await connectClient(web.url, owner.token, projectId);
    await waitFor(() => client.provider.isSynced, 'synced');
  });
  after(async () => {
    client?.destroy();
    await node?.kill();
    await web?.stop();
  });

  const upload = (body: Buffer, type: string) =>
    fetch(`${web.url}/api/v1/projects/${projectId}/music`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': type },
      body: new Uint8Array(body),
    });

  test('an uploaded music bed is checked, stored, set in the document and mixed into the render', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'montage-music-'));
    const wav = path.join(dir, 'tone.wav');
    await run('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=2',
      '-ac',
      '2',
      wav,
    ]);

    // The format is read from the bytes, never from the declared type (tests/security/uploads.test.ts).
    const notAudio = await upload(Buffer.from('definitely not audio'), 'audio/wav');
    assert.equal(notAudio.status, 422);
    assert.match(
      ((await notAudio.json()) as { error: { message: string } }).error.message,
      /not an audio file Montage accepts/,
    );

    const res = await upload(await readFile(wav), 'audio/wav');
    assert.equal(res.status, 200);
    const { music } = (await res.json()) as { music: { asset: string; volume: number } };
    assert.match(music.asset, /^[0-9a-f]{64}$/);
    await waitFor(
      () =>
        (client.doc.getMap('project').get('music') as { asset?: string } | null)?.asset ===
        music.asset,
      'music in the document',
    );

    addScene(client.doc, { title: 'With music', narration: 'Listen.' });
    await client.settled();
    const revision = await api(web.url, 'POST', `/api/v1/projects/${projectId}/revisions`, {
      token: owner.token,
      body: { message: 'music' },
    });
    const committed = await api(web.url, 'GET', `/api/v1/revisions/${revision.body.revision.id}`, {
      token: owner.token,
    });
    assert.deepEqual(
      committed.body.revision.timeline.music,
      music,
      'the revision commits the music bed',
    );
    const render = await api(web.url, 'POST', `/api/v1/projects/${projectId}/renders`, {
      token: owner.token,
      body: { revisionId: revision.body.revision.id, preset: '720p-draft' },
    });
    const renderId = render.body.render.id as string;
    await waitFor(
      async () =>
        ['done', 'failed'].includes(
          (await api(web.url, 'GET', `/api/v1/renders/${renderId}`, { token: owner.token })).body
            .render.status,
        ),
      'render finished',
      120_000,
    );
    const done = (await api(web.url, 'GET', `/api/v1/renders/${renderId}`, { token: owner.token }))
      .body.render;
    assert.equal(done.status, 'done', JSON.stringify(done.failure));
    const video = Buffer.from(
      await (
        await fetch(`${web.url}${done.output.videoUrl}`, {
          headers: { authorization: `Bearer ${owner.token}` },
        })
      ).arrayBuffer(),
    );
    const out = path.join(dir, 'out.mp4');
    await writeFile(out, video);
    const { stdout } = await run('ffprobe', [
      '-v',
      'error',
      '-select_streams',
      'a',
      '-show_entries',
      'stream=channels',
      '-of',
      'csv=p=0',
      out,
    ]);
    assert.equal(stdout.trim(), '2', 'a music bed makes the mix stereo');
  });

  test('media:gc removes what nothing references and keeps the rest', async () => {
    const media = path.join(web.dataDir, 'media');
    const orphanHash = 'f'.repeat(64);
    await mkdir(path.join(media, 'ff'), { recursive: true });
    const orphan = path.join(media, 'ff', `${orphanHash}.png`);
    await writeFile(orphan, 'orphan');
    const renders = (
      await api(web.url, 'GET', `/api/v1/projects/${projectId}/renders`, { token: owner.token })
    ).body.renders;
    const videoPath = async () => {
      const res = await fetch(`${web.url}${renders[0].output.videoUrl}`, {
        headers: { authorization: `Bearer ${owner.token}` },
      });
      return res.status;
    };
    // PGlite is single-process: the collector opens the embedded database, so the server stops first.
    await web.kill('SIGTERM');
    const { stdout } = await run(
      process.execPath,
      [path.join(REPO_ROOT, 'scripts', 'media-gc.ts'), '--grace-minutes', '0'],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, DATA_DIR: web.dataDir },
      },
    );
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      removed: number;
      referenced: number;
    };
    assert.ok(report.referenced > 5, 'renders, revisions and the live music are referenced');
    assert.ok(report.removed >= 1);
    await assert.rejects(stat(orphan));
    await web.start();
    assert.equal(await videoPath(), 200, 'the rendered video survives');
    const music = client.doc.getMap('project').get('music') as { asset: string };
    const kept = await readFile(
      path.join(media, music.asset.slice(0, 2), `${music.asset}.flac`),
    ).catch(() => null);
    assert.ok(kept, 'the music bed survives');
  });
});
