import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import type { ArtifactRef, RenderProgress } from '../shared/render/render-events.ts';
import type { Timeline } from '../shared/timeline.ts';
import { loadEngines } from './engines/load-engines.ts';
import { probeMedia } from '../shared/node/ffmpeg/probe-media.ts';
import { runFfmpeg } from '../shared/node/ffmpeg/run-ffmpeg.ts';
import type { MediaStore } from '../shared/node/media-store.ts';
import { RenderError } from './render-error.ts';
import { renderLocally, type LocalRender } from './render-locally.ts';
import { parseIntegratedLoudness } from './stages/audio.ts';
import { layoutRender } from './stages/plan.ts';
import { leftoverTempFiles, temporaryStore } from '../shared/node/media-test-fixtures.ts';
import { scene, timeline, tinyPreset } from './test-fixtures.ts';

/**
 * End to end with real ffmpeg, ffprobe and espeak-ng, at 320x180 and 10 fps
 * so the whole file runs in seconds.
 */

const engines = await loadEngines();
const never = new AbortController().signal;

function render(
  store: MediaStore,
  t: Timeline,
  extra: Partial<Parameters<typeof renderLocally>[1]> = {},
) {
  return renderLocally(
    { renderId: 'test', timeline: t, preset: tinyPreset() },
    { store, signal: never, engines, ...extra },
  );
}

/** Makes a file with ffmpeg's test sources and imports it like an upload. */
async function upload(store: MediaStore, source: string, ext: string, options: string[]) {
  const path = `${store.root}/upload.${ext}`;
  await runFfmpeg({
    inputs: [{ path: source, options: ['-f', 'lavfi'] }],
    outputOptions: options,
    output: path,
    signal: never,
  });
  return store.importFile(path, ext);
}

function parseVtt(text: string) {
  const seconds = (clock: string) => {
    const [h, m, s] = clock.split(':').map(Number) as [number, number, number];
    return h * 3600 + m * 60 + s;
  };
  return [...text.matchAll(/(\d\d:\d\d:\d\d\.\d\d\d) --> (\d\d:\d\d:\d\d\.\d\d\d)\n([^\n]+)/g)].map(
    (m) => ({ start: seconds(m[1]!), end: seconds(m[2]!), text: m[3]! }),
  );
}

const sceneArtifacts = (r: LocalRender) =>
  r.scenes.map((s) => {
    const { picture, lettering, narration, segments } = s.artifacts;
    return { sceneId: s.sceneId, picture, lettering, narration: narration!, segments };
  });

test('a 3-scene timeline renders end to end to a frame-exact MP4 with captions, music and stills', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const music = await upload(store, 'sine=frequency=330:duration=3', 'm4a', ['-c:a', 'aac']);
  const photo = await upload(store, 'testsrc2=size=200x200', 'png', ['-frames:v', '1']);
  const project = timeline(
    [
      scene('a', { narration: 'The keeper climbs the stairs.', prompt: 'A lighthouse at night' }),
      scene('b', {
        narration: 'A storm. It comes from the west.',
        prompt: 'Three boats in a storm at sea',
        transition: 'fade-black',
        motion: 'pan-left',
      }),
      scene('c', { narration: 'Dawn.', motion: 'zoom-out', durationSec: 2, image: photo }),
    ],
    { music: { asset: music, volume: 0.5 } },
  );
  const events: RenderProgress[] = [];
  const result = await render(store, project, { onProgress: (p) => events.push(p) });
  const { plan, output } = result;

  const layout = layoutRender(plan, result.scenes);
  const planned = result.scenes.reduce((sum, s) => sum + s.frames, 0) - 5 - 5;
  assert.equal(output.frames, planned);
  assert.equal(layout.totalFrames, planned);

  const video = await probeMedia(store.pathFor(output.video.hash, 'mp4'), { countFrames: true });
  const v = video.streams.find((s) => s.codecType === 'video')!;
  const a = video.streams.find((s) => s.codecType === 'audio')!;
  assert.deepEqual(
    [v.codecName, v.width, v.height, v.fps, v.pixFmt],
    ['h264', 320, 180, 10, 'yuv420p'],
  );
  assert.equal(v.frames, planned, 'every planned frame, no more, no fewer');
  assert.ok(Math.abs(v.durationSec! - planned / 10) < 0.001, `video lasts ${v.durationSec}`);
  assert.deepEqual(
    [a.codecName, a.sampleRate, a.channels],
    ['aac', 48000, 2],
    'a music bed makes the mix stereo',
  );
  assert.ok(Math.abs(a.durationSec! - planned / 10) < 0.03, `audio lasts ${a.durationSec}`);
  assert.ok(Math.abs(video.durationSec - planned / 10) < 0.03);
  // faststart: the index (moov) comes before the media data (mdat).
  const file = await readFile(store.pathFor(output.video.hash, 'mp4'));
  assert.ok(file.indexOf('moov') < file.indexOf('mdat'));

  // Loudness normalised for the web.
  const lufs = await integratedLufs(store.pathFor(output.audio.hash, 'm4a'));
  assert.ok(Math.abs(lufs - -16) < 1.5, `integrated loudness ${lufs} LUFS`);

  // Captions: each scene's narration starts 0.3 s (3 frames) into the scene.
  const cues = parseVtt(await readFile(store.pathFor(output.captions.vtt.hash, 'vtt'), 'utf8'));
  assert.deepEqual(
    cues.map((c) => c.text),
    ['The keeper climbs the stairs.', 'A storm.', 'It comes from the west.', 'Dawn.'],
  );
  assert.equal(cues[0]!.start, 0.3);
  assert.equal(cues[1]!.start, (layout.scenes[1]!.startFrame + 3) / 10);
  assert.equal(cues[3]!.start, (layout.scenes[2]!.startFrame + 3) / 10);
  for (const [i, cue] of cues.entries()) {
    assert.ok(cue.end > cue.start && cue.end <= planned / 10, `cue ${i}`);
    if (i > 0) assert.ok(cue.start >= cues[i - 1]!.end, 'cues never overlap');
  }
  const srt = await readFile(store.pathFor(output.captions.srt.hash, 'srt'), 'utf8');
  assert.equal(srt.match(/-->/g)?.length, 4);
  assert.match(srt, /^1\n00:00:00,300 --> /);

  // Poster and thumbnails.
  for (const still of [output.poster, ...output.thumbnails.map((x) => x.thumbnail)]) {
    const probe = await probeMedia(store.pathFor(still.hash, 'jpg'));
    assert.equal(probe.streams[0]?.codecName, 'mjpeg');
  }
  assert.deepEqual(
    output.thumbnails.map((x) => x.sceneId),
    ['a', 'b', 'c'],
  );
  assert.equal(
    (await probeMedia(store.pathFor(output.thumbnails[0]!.thumbnail.hash, 'jpg'))).streams[0]
      ?.width,
    320,
  );

  // What the pictures depict travels with the render (not for an uploaded picture).
  assert.deepEqual(
    output.depictions?.map((d) => [d.sceneId, d.depiction.setting.kind, d.depiction.time]),
    [
      ['a', 'harbour', 'night'],
      ['b', 'sea', 'day'],
    ],
  );
  const storm = output.depictions![1]!.depiction;
  assert.equal(storm.weather, 'rain');
  assert.deepEqual(
    storm.props.map((p) => [p.icon, p.count, p.words]),
    [['sailboat', 3, ['boats']]],
  );

  // Progress: typed, monotonic, complete.
  assert.ok(events.length > 10);
  assert.deepEqual(
    events,
    [...events].sort((x, y) => x.fraction - y.fraction),
  );
  assert.equal(events.at(-1)!.fraction, 1);
  assert.equal(events.at(-1)!.stage, 'publish');
  assert.ok(events.every((e) => e.renderId === 'test'));
  assert.ok(new Set(events.map((e) => e.stage)).size >= 8);

  assert.ok(output.referenced.includes(music) && output.referenced.includes(photo));
  // Every generated picture and voice turn has its record, and the render references it (ADR 0041).
  const records = await Promise.all(output.referenced.map((h) => store.readRecord(h)));
  const made = records.filter((r) => r !== null);
  assert.deepEqual(made.map((r) => r.kind).sort(), [
    'narration',
    'narration',
    'narration',
    'picture',
    'picture',
  ]);
  for (const record of made) {
    assert.equal(record.engine.id, record.kind === 'picture' ? 'procedural' : 'espeak-ng');
    assert.ok(record.durationMs >= 0 && record.createdAt);
  }
  assert.deepEqual(await leftoverTempFiles(store), []);
});

/** The integrated loudness (EBU R128) of the audio at `path`. */
async function integratedLufs(path: string) {
  const measured = await runFfmpeg({
    inputs: [{ path }],
    filterGraph: '[0:a]ebur128=framelog=verbose[out]',
    outputOptions: ['-map', '[out]'],
    output: null,
    logLevel: 'info',
    signal: never,
  });
  const lufs = parseIntegratedLoudness(measured.stderr);
  assert.ok(lufs !== null, 'ebur128 reports a loudness');
  return lufs;
}

/** The mean level in dB of the audio at `path` around `hz` only (a steep band-pass). */
const bandLevelDb = (path: string, hz: number) => meanVolumeDb(path, filterChainOf(hz));

/** The mean level in dB of the audio at `path` through `filters` (an ffmpeg filter chain). */
async function meanVolumeDb(path: string, filters: string) {
  const measured = await runFfmpeg({
    inputs: [{ path }],
    filterGraph: `[0:a]${filters},volumedetect[out]`,
    outputOptions: ['-map', '[out]'],
    output: null,
    logLevel: 'info',
    signal: never,
  });
  const mean = /mean_volume:\s+(-?[\d.]+) dB/.exec(measured.stderr)?.[1];
  assert.ok(mean !== undefined, 'volumedetect reports a mean volume');
  return Number(mean);
}

/** Four narrow band-passes in a row: the speech around the tone is cut by far more than the ducking. */
const filterChainOf = (hz: number) =>
  Array.from({ length: 4 }, () => `bandpass=f=${hz}:width_type=h:w=8`).join(',');

test('music ducks under narration unless ducking is off: louder under the voice without it', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  // A low tone espeak-ng's voice has next to nothing at: what the band hears is the music.
  const hz = 55;
  const music = await upload(store, `sine=frequency=${hz}:duration=2`, 'flac', []);
  const narration = 'The keeper climbs the long stairs and looks out over the grey sea.';
  const bed = { asset: music, volume: 0.5 };
  const ducked = await render(store, timeline([scene('a', { narration })], { music: bed }));
  const plain = await render(
    store,
    timeline([scene('a', { narration })], { music: { ...bed, duck: false } }),
  );
  assert.notEqual(plain.output.audio.hash, ducked.output.audio.hash, 'a new audio bed is made');
  assert.equal(
    plain.scenes[0]!.artifacts.narration!.hash,
    ducked.scenes[0]!.artifacts.narration!.hash,
    'the narration is reused',
  );
  const duckedDb = await bandLevelDb(store.pathFor(ducked.output.audio.hash, 'm4a'), hz);
  const plainDb = await bandLevelDb(store.pathFor(plain.output.audio.hash, 'm4a'), hz);
  assert.ok(
    plainDb - duckedDb > 4,
    `music without ducking (${plainDb} dB) is clearly louder than ducked (${duckedDb} dB)`,
  );
});

test('editing one narration re-makes only that scene and the transitions touching it', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const project = timeline([
    scene('a', { narration: 'One fine day.' }),
    scene('b', { narration: 'Two birds sing.' }),
    scene('c', { narration: 'Three boats sail.' }),
    scene('d', { narration: 'Four stars.' }),
  ]);
  const first = await render(store, project);
  assert.ok(
    sceneArtifacts(first).every((s) => !s.picture.cached && !s.segments.some((x) => x.cached)),
  );

  const edited = structuredClone(project);
  edited.scenes[1]!.narration = 'Two birds sing a much longer song today.';
  const second = await render(store, edited);
  const cached = (refs: (ArtifactRef | null)[]) => refs.map((r) => r?.cached);

  for (const s of sceneArtifacts(second)) {
    const all = [s.picture, s.lettering, s.narration, ...s.segments];
    if (s.sceneId === 'b') {
      assert.equal(s.picture.cached, true, 'the picture does not depend on the narration');
      assert.deepEqual(cached([s.lettering, s.narration, ...s.segments]), [
        false,
        false,
        ...s.segments.map(() => false),
      ]);
    } else {
      assert.ok(
        all.every((r) => r.cached),
        `scene ${s.sceneId} is reused whole`,
      );
    }
  }
  assert.deepEqual(
    cached(second.output.transitions),
    [false, false, true],
    'a→b and b→c re-made, c→d reused',
  );
  assert.deepEqual(cached(second.output.thumbnails.map((x) => x.thumbnail)), [
    true,
    false,
    true,
    true,
  ]);
  assert.equal(second.output.poster.cached, true);
  assert.deepEqual(cached([second.output.audio, second.output.video, second.output.captions.vtt]), [
    false,
    false,
    false,
  ]);

  const b = second.scenes[1]!;
  assert.ok(b.frames > first.scenes[1]!.frames, 'a longer narration makes a longer scene');
  const probe = await probeMedia(store.pathFor(second.output.video.hash, 'mp4'), {
    countFrames: true,
  });
  assert.equal(probe.streams[0]?.frames, second.output.frames);
  assert.equal(second.output.frames, first.output.frames + b.frames - first.scenes[1]!.frames);

  // Rendering the same revision again makes nothing.
  const third = await render(store, edited);
  assert.equal(third.output.video.hash, second.output.video.hash);
  assert.equal(third.output.video.cached, true);
});

test('cancel stops the render and its ffmpeg, leaves no temporary file; a retry reuses what was done', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const project = timeline([
    scene('a', { narration: 'First scene, spoken.' }),
    scene('b', { narration: 'Second scene, spoken.' }),
    scene('c', { narration: 'Third.', durationSec: 5 }),
  ]);
  const options = { burnCaptions: true };
  const controller = new AbortController();
  let segmentsBeforeCancel = 0;
  const cancelled = renderLocally(
    { renderId: 'cancel', timeline: project, preset: tinyPreset(), options },
    {
      store,
      signal: controller.signal,
      engines,
      onProgress: (p) => {
        // Cancel while the first scene's segment is being encoded.
        if (p.stage === 'segment' && ++segmentsBeforeCancel === 1) controller.abort();
      },
    },
  );
  await assert.rejects(cancelled, { name: 'AbortError' });
  assert.deepEqual(ffmpegChildren(), [], 'no ffmpeg outlives the cancel');
  assert.deepEqual(await leftoverTempFiles(store), []);
  const keptBeforeRetry = storedHashes(store);
  assert.ok(keptBeforeRetry.size > 0, 'what finished before the cancel is kept');

  const retry = await renderLocally(
    { renderId: 'retry', timeline: project, preset: tinyPreset(), options },
    { store, signal: never, engines },
  );
  const reused = sceneArtifacts(retry)
    .flatMap((s) => [s.picture, s.lettering, s.narration, ...s.segments])
    .filter((r) => keptBeforeRetry.has(r.hash));
  assert.ok(reused.length > 0);
  assert.ok(
    reused.every((r) => r.cached),
    'everything kept is reused, nothing re-made',
  );
  // The 5 s scene's body is longer than a chunk: it is encoded in two.
  assert.equal(retry.scenes[2]!.artifacts.segments.length, 2);
  const probe = await probeMedia(store.pathFor(retry.output.video.hash, 'mp4'), {
    countFrames: true,
  });
  assert.equal(probe.streams[0]?.frames, retry.output.frames);
});

test('a failure names its stage, scene and cause, and leaves nothing behind', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const missing = 'f'.repeat(64);
  await assert.rejects(
    render(
      store,
      timeline([scene('a', { narration: 'x' }), scene('b', { narration: 'y', image: missing })]),
    ),
    (error: unknown) => {
      assert.ok(error instanceof RenderError);
      assert.deepEqual([error.stage, error.sceneId], ['image', 'b']);
      assert.match(error.message, /not in the media store/);
      return true;
    },
  );
  assert.deepEqual(await leftoverTempFiles(store), []);

  // An ffmpeg failure carries ffmpeg's own words: a WAV header over garbage passes the sniffer.
  const notAudio = `${store.root}/not-audio.wav`;
  await writeFile(notAudio, 'RIFF\x24\0\0\0WAVEthis is not audio');
  const bogus = await store.importFile(notAudio, 'wav');
  const renderWithMusic = (asset: string) =>
    render(store, timeline([scene('a', { narration: 'x' })], { music: { asset, volume: 1 } }));
  await assert.rejects(renderWithMusic(bogus), (error: unknown) => {
    assert.ok(error instanceof RenderError);
    assert.equal(error.stage, 'audio');
    assert.equal(error.sceneId, null);
    assert.ok(error.detail && error.detail.length > 0, 'the last lines of stderr');
    assert.equal(error.toFailure().detail, error.detail);
    return true;
  });
  assert.deepEqual(await leftoverTempFiles(store), []);

  // What is no accepted audio never reaches ffmpeg: a playlist stored as music is refused by its bytes.
  const playlist = `${store.root}/playlist.m3u8`;
  await writeFile(playlist, '#EXTM3U\n#EXTINF:1,\nfile:///etc/hostname\n#EXT-X-ENDLIST\n');
  const planted = await store.importFile(playlist, 'mp3');
  await assert.rejects(renderWithMusic(planted), (error: unknown) => {
    assert.ok(error instanceof RenderError);
    assert.equal(error.stage, 'audio');
    assert.match(error.message, /not an audio file Montage accepts/);
    return true;
  });

  // Planning refuses an unrenderable timeline before any work.
  await assert.rejects(render(store, timeline([scene('a')])), (error: unknown) => {
    assert.ok(error instanceof RenderError);
    assert.equal(error.stage, 'plan');
    return true;
  });
});

function ffmpegChildren(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && stat.includes('(ffmpeg)')) pids.push(Number(name));
    } catch {
      // ended while we looked
    }
  }
  return pids;
}

function storedHashes(store: MediaStore): Set<string> {
  const hashes = new Set<string>();
  for (const shard of readdirSync(store.root)) {
    if (!/^[0-9a-f]{2}$/.test(shard)) continue;
    for (const file of readdirSync(`${store.root}/${shard}`)) hashes.add(file.split('.')[0]!);
  }
  return hashes;
}

/** The mean level in dB of `path` from `from` to `to` seconds, below `hz` only (steep low-passes). */
function lowLevelDb(path: string, from: number, to: number, hz: number) {
  const lows = Array.from({ length: 4 }, () => `lowpass=f=${hz}`).join(',');
  return meanVolumeDb(path, `atrim=start=${from}:end=${to},${lows}`);
}

test('a generated soundtrack is composed to the render length, ducked under the narration, loudness on target', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const line = 'The keeper climbs the long stairs and looks out over the grey sea tonight.';
  // A high voice: below 140 Hz what is heard is the soundtrack's bass.
  const cut = { transition: 'cut' as const, durationSec: 4 };
  const result = await render(
    store,
    timeline(
      [
        scene('a', { ...cut, narration: line }),
        scene('b', { ...cut, narration: '' }),
        scene('c', { ...cut, narration: line }),
      ],
      {
        voice: { engine: 'espeak-ng', voice: 'en', rate: 1.6, pitch: 2 },
        music: {
          asset: 'a'.repeat(64),
          volume: 0.6,
          generated: { mood: 'playful', tempo: 120, instruments: ['bass', 'strings'], seed: 3 },
        },
      },
    ),
  );
  const path = store.pathFor(result.output.audio.hash, 'm4a');
  // The soundtrack it was mixed from is kept with the render (the garbage collector spares it).
  const soundtracks = result.output.referenced.filter((h) => existsSync(store.pathFor(h, 'flac')));
  assert.equal(soundtracks.length, 1);
  const probed = await probeMedia(path);
  assert.ok(Math.abs(probed.durationSec! - 12) < 0.05, `audio lasts ${probed.durationSec}`);
  const during = Math.max(
    await lowLevelDb(path, 0.6, 1.8, 140),
    await lowLevelDb(path, 8.6, 9.8, 140),
  );
  const between = await lowLevelDb(path, 5.2, 7.2, 140);
  assert.ok(
    between - during > 6,
    `the soundtrack between lines (${between} dB) is clearly louder than under them (${during} dB)`,
  );
  const lufs = await integratedLufs(path);
  assert.ok(Math.abs(lufs - -16) < 1.5, `integrated loudness ${lufs} LUFS`);
});
