import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { setMusicMix } from '../../shared/project-doc.ts';
import { api, createProject, signUp, WebServer } from '../support/web-server.ts';
import { connectClient, waitFor, type CollabClient } from '../support/collab-client.ts';
import { addMember } from '../support/members.ts';

const run = promisify(execFile);

interface MusicValue {
  asset: string;
  volume: number;
  name?: string;
  duck?: boolean;
}

/**
 * The music bed's API as the picker uses it: the display name sent with the
 * upload, the mix kept when the file is replaced, the current bed's file for
 * members (and nothing else), removal.
 */
describe('music bed API: names, the kept mix, listening', () => {
  let web: WebServer;
  let owner: Awaited<ReturnType<typeof signUp>>;
  let viewer: Awaited<ReturnType<typeof signUp>>;
  let stranger: Awaited<ReturnType<typeof signUp>>;
  let projectId: string;
  let client: CollabClient;
  let dir: string;
  let wav: Buffer;

  before(async () => {
    web = await new WebServer().start();
    owner = await signUp(web.url, 'Composer');
    viewer = await signUp(web.url, 'Listener');
    stranger = await signUp(web.url, 'Stranger');
    projectId = await createProject(web.url, owner.token, 'Music');
    await addMember(web, owner.token, projectId, viewer, 'viewer');
    client = await connectClient(web.url, owner.token, projectId);
    await waitFor(() => client.provider.isSynced, 'synced');
    dir = await mkdtemp(path.join(tmpdir(), 'montage-music-api-'));
    const file = path.join(dir, 'tone.wav');
    await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=duration=1', file]);
    wav = await readFile(file);
  });
  after(async () => {
    client?.destroy();
    await web?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const music = () => client.doc.getMap('project').get('music') as MusicValue | null;
  const upload = (query: string, body = wav) =>
    fetch(`${web.url}/api/v1/projects/${projectId}/music${query}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'audio/wav' },
      body: new Uint8Array(body),
    });
  const listen = (token: string, asset: string) =>
    fetch(`${web.url}/api/v1/projects/${projectId}/music/${asset}.flac`, {
      headers: { authorization: `Bearer ${token}` },
    });

  test('the file name is kept for display: without its folder; unsafe characters are refused', async () => {
    const named = await upload(`?name=${encodeURIComponent('C:\\Music\\Harbour theme.wav')}`);
    assert.equal(named.status, 200);
    const body = (await named.json()) as { music: MusicValue; durationSec: number };
    assert.equal(body.music.name, 'Harbour theme.wav');
    assert.ok(Math.abs(body.durationSec - 1) < 0.05);
    await waitFor(() => music()?.name === 'Harbour theme.wav', 'the name in the document');

    const before = music();
    // Refused before any route (server/http/safe-url.ts); the schema would refuse it too.
    const unsafe = await upload(`?name=${encodeURIComponent('Evil\u202Etxt.wav')}`);
    assert.equal(unsafe.status, 400);
    const refused = (await unsafe.json()) as { error: { message: string } };
    assert.match(refused.error.message, /bidirectional override/);
    const long = await upload(`?name=${'x'.repeat(300)}.wav`);
    assert.equal(long.status, 200, 'a long name is cut, not refused');
    assert.equal(((await long.json()) as { music: MusicValue }).music.name, 'x'.repeat(200));
    await waitFor(() => music()?.name === 'x'.repeat(200), 'the cut name in the document');
    assert.equal(music()?.asset, before?.asset, 'the same file, stored once');

    const twice = await upload('?name=a&name=b');
    assert.equal(twice.status, 422, 'one name, not a list');
  });

  test('replacing the file keeps the volume and the ducking people set', async () => {
    setMusicMix(client.doc, { volume: 0.6, duck: false });
    await waitFor(() => !client.provider.hasUnsyncedChanges, 'the mix sent');
    const replaced = await upload('?name=Tide.wav');
    assert.equal(replaced.status, 200);
    const { music: bed } = (await replaced.json()) as { music: MusicValue };
    assert.deepEqual(
      { name: bed.name, volume: bed.volume, duck: bed.duck },
      { name: 'Tide.wav', volume: 0.6, duck: false },
    );
    await waitFor(() => music()?.name === 'Tide.wav', 'the new bed in the document');
  });

  test('members listen to the current bed; no other hash, no stranger', async () => {
    const asset = music()!.asset;
    const heard = await listen(viewer.token, asset);
    assert.equal(heard.status, 200);
    assert.equal(heard.headers.get('content-type'), 'audio/flac');
    assert.equal(
      Buffer.from(await heard.arrayBuffer())
        .subarray(0, 4)
        .toString('latin1'),
      'fLaC',
    );
    assert.equal((await listen(viewer.token, 'e'.repeat(64))).status, 404);
    assert.equal((await listen(stranger.token, asset)).status, 404);

    const removed = await api(web.url, 'DELETE', `/api/v1/projects/${projectId}/music`, {
      token: owner.token,
    });
    assert.equal(removed.status, 204);
    await waitFor(() => music() === null, 'the bed removed');
    assert.equal((await listen(owner.token, asset)).status, 404, 'a removed bed is not served');
  });
});
