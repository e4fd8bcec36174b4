import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { addScene, projectMap } from '../../shared/project-doc.ts';
import { api, createProject, signUp, WebServer } from '../support/web-server.ts';
import { connectClient, waitFor, type CollabClient } from '../support/collab-client.ts';
import { RenderNode } from '../support/render-node.ts';
import { rawRequest } from '../support/raw-http.ts';
import { dashManifest } from '../../shared/node/media-test-fixtures.ts';

const run = promisify(execFile);
/** The upload limit of this test's server: small, so over-limit bodies are cheap to send. */
const LIMIT = 1024 * 1024;

/** Every artifact file in the media store (what uploads would add), temp dirs excluded. */
async function storedFiles(mediaDir: string): Promise<string[]> {
  const shards = (await readdir(mediaDir).catch(() => [] as string[])).filter((n) =>
    /^[0-9a-f]{2}$/.test(n),
  );
  const files: string[] = [];
  for (const shard of shards) {
    for (const name of await readdir(path.join(mediaDir, shard))) files.push(`${shard}/${name}`);
  }
  return files.sort();
}

/** What the temp dirs hold: uploads in progress must leave nothing behind. */
async function tempLeftovers(mediaDir: string): Promise<string[]> {
  const root = path.join(mediaDir, 'tmp');
  const owners = await readdir(root).catch(() => [] as string[]);
  const left: string[] = [];
  for (const owner of owners) {
    for (const name of await readdir(path.join(root, owner)).catch(() => [] as string[])) {
      if (name.startsWith('scratch-')) left.push(`${owner}/${name}`);
    }
  }
  return left;
}

describe('security: uploads never make ffmpeg read what the user names', () => {
  let web: WebServer;
  let node: RenderNode;
  let owner: Awaited<ReturnType<typeof signUp>>;
  let stranger: Awaited<ReturnType<typeof signUp>>;
  let projectId: string;
  let client: CollabClient;
  let dir: string;
  /** A server file an attacker wants: a tone, so a render that read it would carry audio. */
  let secret: string;
  let media: string;

  before(async () => {
    web = await new WebServer({ env: { MUSIC_MAX_BYTES: String(LIMIT) } }).start();
    node = await new RenderNode(web).start();
    media = path.join(web.dataDir, 'media');
    owner = await signUp(web.url, 'Uploader');
    stranger = await signUp(web.url, 'Stranger');
    projectId = await createProject(web.url, owner.token, 'Uploads');
    client = await connectClient(web.url, owner.token, projectId);
    await waitFor(() => client.provider.isSynced, 'synced');
    dir = await mkdtemp(path.join(tmpdir(), 'montage-uploads-'));
    secret = path.join(dir, 'secret.m4a');
    await run('ffmpeg', [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=2'],
      ...['-c:a', 'aac', secret],
    ]);
  });
  after(async () => {
    client?.destroy();
    await node?.kill();
    await web?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const musicPath = () => `/api/v1/projects/${projectId}/music`;
  const upload = (body: Buffer | string, type: string, token: string | null = owner.token) =>
    fetch(`${web.url}${musicPath()}`, {
      method: 'PUT',
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        'content-type': type,
      },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
  const liveMusic = () => projectMap(client.doc).get('music') as { asset: string } | null;

  test('playlists, manifests, concat lists and text posing as audio are refused with 422 and nothing is stored', async () => {
    const before = await storedFiles(media);
    const hlsSegment = path.join(dir, 'seg.ts');
    await run('ffmpeg', ['-v', 'error', '-i', secret, '-c', 'copy', '-f', 'mpegts', hlsSegment]);
    const crafted: [string, string, string][] = [
      ['DASH manifest', dashManifest(secret), 'audio/mp4'],
      [
        'HLS playlist',
        `#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:2,\nfile://${hlsSegment}\n#EXT-X-ENDLIST\n`,
        'audio/mpeg',
      ],
      ['ffconcat list', `ffconcat version 1.0\nfile ${secret}\n`, 'audio/wav'],
      [
        'SDP description',
        'v=0\no=- 0 0 IN IP4 127.0.0.1\ns=x\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 5004 RTP/AVP 0\n',
        'audio/ogg',
      ],
      ['file: URL', `file://${secret}`, 'audio/flac'],
      ['concat: URL', `concat:${secret}|${secret}`, 'audio/aac'],
      ['text renamed .mp3', 'These are my lyrics, not an MP3.\n', 'audio/mpeg'],
    ];
    // A new project's own soundtrack (issue 18): what no refused upload may replace.
    const musicBefore = structuredClone(liveMusic());
    for (const [name, body, type] of crafted) {
      const res = await upload(body, type);
      const json = (await res.json()) as {
        error: { code: string; message: string; details: { fields: Record<string, string> } };
      };
      assert.equal(res.status, 422, name);
      assert.equal(json.error.code, 'VALIDATION_FAILED', name);
      assert.ok(json.error.details.fields.file, `${name}: the field is named`);
      assert.match(json.error.message, /not an audio file Montage accepts \(MP3, WAV/, name);
    }
    assert.deepEqual(await storedFiles(media), before, 'nothing stored');
    assert.deepEqual(await tempLeftovers(media), [], 'no upload left in the temp dir');
    assert.deepEqual(liveMusic(), musicBefore, 'the document is unchanged');
  });

  test('a real audio file is accepted whatever its declared type, and stored transcoded', async () => {
    const mp3 = path.join(dir, 'tone.mp3');
    await run('ffmpeg', [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=523:duration=2'],
      ...['-ac', '1', '-ar', '44100', mp3],
    ]);
    const uploaded = await readFile(mp3);
    const res = await upload(uploaded, 'application/octet-stream');
    assert.equal(res.status, 200, await res.clone().text());
    const { music } = (await res.json()) as { music: { asset: string } };
    const stored = path.join(media, music.asset.slice(0, 2), `${music.asset}.flac`);
    const bytes = await readFile(stored);
    assert.notDeepEqual(bytes, uploaded, 'the stored copy is not the uploaded bytes');
    assert.equal(createHash('sha256').update(bytes).digest('hex'), music.asset, 'hash of the copy');
    const { stdout } = await run('ffprobe', [
      ...['-v', 'error', '-show_entries', 'format=format_name:stream=sample_rate,channels'],
      ...['-of', 'json', stored],
    ]);
    const probed = JSON.parse(stdout) as {
      format: { format_name: string };
      streams: { sample_rate: string; channels: number }[];
    };
    assert.equal(probed.format.format_name, 'flac');
    assert.deepEqual(
      [probed.streams[0]?.sample_rate, probed.streams[0]?.channels],
      ['48000', 2],
      'normalised to 48 kHz stereo',
    );
    await waitFor(() => liveMusic()?.asset === music.asset, 'music in the document');
  });

  test('an anonymous or unauthorised upload is answered before its body is read', async () => {
    // A declared body within the limit, of which only 16 KB is ever sent.
    const declared = String(LIMIT - 1024);
    const sent = 16 * 1024;
    for (const type of ['audio/mpeg', 'application/json']) {
      const anonymous = await rawRequest(
        web.url,
        'PUT',
        musicPath(),
        { 'content-type': type, 'content-length': declared },
        sent,
      );
      assert.equal(anonymous.status, 401, type);
      assert.equal(anonymous.headers.connection, 'close', 'the unread body is not drained');
    }
    const outsider = await rawRequest(
      web.url,
      'PUT',
      musicPath(),
      {
        authorization: `Bearer ${stranger.token}`,
        'content-type': 'audio/mpeg',
        'content-length': declared,
      },
      sent,
    );
    assert.equal(outsider.status, 404, 'not a member: the project does not exist for them');
  });

  test('an upload over the limit is refused with 413, declared or streamed, and leaves nothing', async () => {
    const before = await storedFiles(media);
    const auth = { authorization: `Bearer ${owner.token}`, 'content-type': 'audio/wav' };
    const declared = await rawRequest(
      web.url,
      'PUT',
      musicPath(),
      { ...auth, 'content-length': String(LIMIT * 4) },
      0,
    );
    assert.equal(declared.status, 413, 'a declared length over the limit is refused unread');

    // Chunked, no length: the server counts, and answers once past the limit without the end.
    const streamed = await rawRequest(
      web.url,
      'PUT',
      musicPath(),
      { ...auth, 'transfer-encoding': 'chunked' },
      LIMIT + 64 * 1024,
    );
    assert.equal(streamed.status, 413);
    assert.equal(streamed.headers.connection, 'close');

    assert.deepEqual(await storedFiles(media), before, 'nothing stored');
    await waitFor(
      async () => (await tempLeftovers(media)).length === 0,
      'the partial upload is removed',
    );
  });

  test('renders mix the normalised music, and their media is cached privately', async () => {
    addScene(client.doc, { title: 'With music', narration: 'Listen.' });
    await client.settled();
    const done = await commitAndRender('music');
    assert.equal(done.status, 'done', JSON.stringify(done.failure));
    const res = await fetch(`${web.url}${done.output.videoUrl}`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    assert.equal(res.status, 200);
    await res.arrayBuffer();
    const cacheControl = res.headers.get('cache-control') ?? '';
    assert.match(cacheControl, /\bprivate\b/);
    assert.doesNotMatch(cacheControl, /\bpublic\b/);
  });

  test('a manifest already in the media store (an upload from before) is never read by a render', async () => {
    // Uploads used to be stored as sent: plant one as it would have been kept.
    const manifest = Buffer.from(dashManifest(secret));
    const hash = createHash('sha256').update(manifest).digest('hex');
    await mkdir(path.join(media, hash.slice(0, 2)), { recursive: true });
    await writeFile(path.join(media, hash.slice(0, 2), `${hash}.m4a`), manifest);
    client.doc.transact(() => projectMap(client.doc).set('music', { asset: hash, volume: 1 }));
    await client.settled();
    const failed = await commitAndRender('legacy manifest');
    assert.equal(failed.status, 'failed', 'the render does not mix the server file');
    assert.match(JSON.stringify(failed.failure), /not an audio file Montage accepts/);
  });

  async function commitAndRender(message: string) {
    const revision = await api(web.url, 'POST', `/api/v1/projects/${projectId}/revisions`, {
      token: owner.token,
      body: { message },
    });
    assert.ok([200, 201].includes(revision.status), JSON.stringify(revision.body));
    const render = await api(web.url, 'POST', `/api/v1/projects/${projectId}/renders`, {
      token: owner.token,
      body: { revisionId: revision.body.revision.id, preset: '720p-draft' },
    });
    assert.equal(render.status, 202, JSON.stringify(render.body));
    const renderId = render.body.render.id as string;
    const current = async () =>
      (await api(web.url, 'GET', `/api/v1/renders/${renderId}`, { token: owner.token })).body
        .render;
    await waitFor(
      async () => ['done', 'failed'].includes((await current()).status),
      'render finished',
      180_000,
    );
    return current();
  }
});
