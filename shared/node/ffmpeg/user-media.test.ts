import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { dashManifest, temporaryStore } from '../media-test-fixtures.ts';
import { probeMedia } from './probe-media.ts';
import { runFfmpeg } from './run-ffmpeg.ts';
import {
  NORMALISED_AUDIO,
  normaliseUserAudio,
  probeUserAudio,
  UnsupportedMediaError,
  userAudioInput,
  userImageInput,
} from './user-media.ts';

const run = promisify(execFile);
const signal = () => new AbortController().signal;

/** A 1.5 s stereo tone encoded as `file` (its extension picks the encoder). */
async function tone(file: string, codec: string[] = []) {
  await run('ffmpeg', [
    ...['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=330:duration=1.5'],
    ...['-ac', '2', ...codec, file],
  ]);
}

test('every accepted container is opened with its own demuxer and normalised to 48 kHz stereo FLAC', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const cases: [string, string[], string][] = [
    ['a.mp3', [], 'mp3'],
    ['a.wav', [], 'wav'],
    ['a.ogg', ['-c:a', 'libvorbis'], 'ogg'],
    ['a.opus', ['-c:a', 'libopus', '-f', 'ogg'], 'ogg'],
    ['a.flac', [], 'flac'],
    ['a.m4a', ['-c:a', 'aac'], 'm4a'],
    ['a.aac', ['-c:a', 'aac', '-f', 'adts'], 'aac'],
  ];
  for (const [name, codec, format] of cases) {
    const source = `${store.root}/${name}`;
    await tone(source, codec);
    const input = await userAudioInput(source);
    assert.equal(input.format, format, name);
    if (format === 'm4a') assert.deepEqual(input.options, ['-f', 'mp4', '-enable_drefs', '0']);
    const output = `${store.root}/${name}.normalised.flac`;
    await normaliseUserAudio(source, output, { maxSeconds: 60, signal: signal() });
    const probed = await probeMedia(output, { inputOptions: ['-f', 'flac'] });
    assert.equal(probed.formatName, NORMALISED_AUDIO.format, name);
    assert.equal(probed.streams[0]?.sampleRate, 48_000, name);
    assert.equal(probed.streams[0]?.channels, 2, name);
    assert.ok(Math.abs(probed.durationSec - 1.5) < 0.1, `${name}: ${probed.durationSec}`);
  }
});

test('normalising stops at maxSeconds whatever the file says', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const source = `${store.root}/long.wav`;
  await tone(source);
  const output = `${store.root}/short.flac`;
  await normaliseUserAudio(source, output, { maxSeconds: 1, signal: signal() });
  const probed = await probeMedia(output);
  assert.ok(probed.durationSec <= 1.01, String(probed.durationSec));
});

test('a manifest that references a server file is read by a plain ffprobe, and refused by the adapter', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const secret = `${store.root}/secret.m4a`;
  await tone(secret, ['-c:a', 'aac']);
  const manifest = `${store.root}/upload.m4a`;
  await writeFile(manifest, dashManifest(secret));

  // The danger, shown: ffprobe left to guess opens the manifest's BaseURL, even with only `file` allowed.
  const guessed = await run('ffprobe', [
    ...['-v', 'error', '-protocol_whitelist', 'file', '-show_entries', 'format=format_name'],
    ...['-of', 'csv=p=0', manifest],
  ]);
  assert.equal(guessed.stdout.trim(), 'dash');

  await assert.rejects(userAudioInput(manifest), UnsupportedMediaError);
  await assert.rejects(probeUserAudio(manifest), UnsupportedMediaError);
  await assert.rejects(
    normaliseUserAudio(manifest, `${store.root}/out.flac`, { maxSeconds: 60, signal: signal() }),
    UnsupportedMediaError,
  );
  await assert.rejects(userImageInput(manifest), UnsupportedMediaError);
});

test('a manifest behind a real signature is parsed by that demuxer only, which fails', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const secret = `${store.root}/secret.m4a`;
  await tone(secret, ['-c:a', 'aac']);
  // An mp4 `ftyp` box glued to a manifest: sniffed as m4a, so the mov demuxer reads it and
  // finds no movie; the DASH demuxer, which would fetch the BaseURL, is never chosen.
  const ftyp = Buffer.from([0, 0, 0, 0x10, ...Buffer.from('ftypM4A \0\0\0\0')]);
  const disguised = `${store.root}/disguised.m4a`;
  await writeFile(disguised, Buffer.concat([ftyp, Buffer.from(dashManifest(secret))]));
  assert.equal((await userAudioInput(disguised)).format, 'm4a');
  await assert.rejects(
    normaliseUserAudio(disguised, `${store.root}/out.flac`, { maxSeconds: 60, signal: signal() }),
    /ffmpeg failed/,
  );
  // An HLS playlist after a WAV header: the wav demuxer finds no audio in it.
  const riff = Buffer.concat([Buffer.from('RIFF\x24\0\0\0WAVE', 'latin1')]);
  const playlist = `#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:1.5,\nfile://${secret}\n#EXT-X-ENDLIST\n`;
  const wavPlaylist = `${store.root}/playlist.wav`;
  await writeFile(wavPlaylist, Buffer.concat([riff, Buffer.from(playlist)]));
  await assert.rejects(
    normaliseUserAudio(wavPlaylist, `${store.root}/out2.flac`, {
      maxSeconds: 60,
      signal: signal(),
    }),
    /ffmpeg failed/,
  );
});

test('every ffmpeg run may open local files only: concat:, subfile: and http: are refused', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const wav = `${store.root}/a.wav`;
  await tone(wav);
  for (const path of [
    `concat:${wav}|${wav}`,
    `subfile,,start,0,end,0,,:${wav}`,
    'http://127.0.0.1:9/a.wav',
  ]) {
    await assert.rejects(
      runFfmpeg({ inputs: [{ path }], outputOptions: [], output: null, signal: signal() }),
      /not on whitelist/,
      path,
    );
  }
  await assert.rejects(probeMedia(`concat:${wav}|${wav}`), /not on whitelist/);
  // Our own inputs still open: a local file and a lavfi source.
  await runFfmpeg({ inputs: [{ path: wav }], outputOptions: [], output: null, signal: signal() });
  await runFfmpeg({
    inputs: [{ path: 'anullsrc=r=48000:cl=mono', options: ['-f', 'lavfi', '-t', '0.1'] }],
    outputOptions: [],
    output: null,
    signal: signal(),
  });
});
