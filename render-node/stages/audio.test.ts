import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scene, timeline, tinyPreset } from '../test-fixtures.ts';
import type { Timeline } from '../../shared/timeline.ts';
import {
  audioKey,
  audioMixGraph,
  bedMusic,
  normalisingGainDb,
  parseIntegratedLoudness,
} from './audio.ts';
import { layoutRender, planRender } from './plan.ts';
import { soundtrackKey } from '../../shared/music/soundtrack.ts';

const engines = {
  image: { id: 'procedural', version: 'p' },
  voice: { id: 'espeak-ng', version: 'e' },
  lettering: 'l',
  ffmpeg: 'f',
};

test('loudness is read from ebur128 summary; silence needs no gain', () => {
  const stderr =
    '[Parsed_ebur128_0] Summary:\n  Integrated loudness:\n    I:         -20.4 LUFS\n    Threshold: -30.5 LUFS\n';
  assert.equal(parseIntegratedLoudness(stderr), -20.4);
  assert.equal(parseIntegratedLoudness('    I:         -70.0 LUFS'), null);
  assert.ok(Math.abs(normalisingGainDb(-20.4, -16) - 4.4) < 1e-9);
  assert.equal(normalisingGainDb(null, -16), 0);
  assert.equal(normalisingGainDb(-80, -16), 24, 'bounded: noise is never blown up');
});

test('the audio key changes with the music volume and ducking, not with its name', () => {
  const base = timeline([scene('a', { narration: 'x' })], {
    music: { asset: 'a'.repeat(64), volume: 0.4, name: 'Theme.mp3' },
  });
  const keyOf = (t: Timeline) => {
    const plan = planRender(t, tinyPreset(), engines);
    assert.ok(plan.music && !plan.music.generated, 'uploaded music');
    return audioKey(plan, { narrations: [], music: plan.music, totalSamples: 4800 });
  };
  const music = base.music!;
  const original = keyOf(base);
  assert.equal(
    keyOf({ ...base, music: { ...music, duck: true } }),
    original,
    'duck defaults to on',
  );
  assert.equal(keyOf({ ...base, music: { ...music, name: 'Other.ogg' } }), original);
  assert.notEqual(keyOf({ ...base, music: { ...music, duck: false } }), original);
  assert.notEqual(keyOf({ ...base, music: { ...music, volume: 0.5 } }), original);
});

test('the mix places each narration at its sample; music makes it stereo and is ducked', () => {
  const plan = planRender(timeline([scene('a', { narration: 'x' })]), tinyPreset(), engines);
  const spec = {
    narrations: [
      { hash: 'n1', startSample: 14400, samples: 48000, truncated: false },
      { hash: 'n2', startSample: 96000, samples: 24000, truncated: true },
    ],
    music: null,
    totalSamples: 144000,
  };
  const voiceOnly = audioMixGraph(plan, spec, { narration: (h) => `/m/${h}.wav`, music: null });
  assert.equal(voiceOnly.channels, 1);
  assert.deepEqual(
    voiceOnly.inputs.map((i) => i.path),
    ['/m/n1.wav', '/m/n2.wav'],
  );
  const graphText = voiceOnly.chains.join(';');
  assert.match(graphText, /adelay=delays=14400S:all=1/);
  assert.match(graphText, /afade=t=out/, 'a cut narration fades out');
  assert.match(graphText, /apad=whole_len=144000,atrim=end_sample=144000/);

  const withMusic = audioMixGraph(
    plan,
    { ...spec, music: { asset: 'm', volume: 0.4, duck: true } },
    { narration: (h) => `/m/${h}.wav`, music: { path: '/m/music.flac', options: ['-f', 'flac'] } },
  );
  assert.equal(withMusic.channels, 2);
  assert.deepEqual(withMusic.inputs.at(-1), {
    path: '/m/music.flac',
    options: ['-stream_loop', '-1', '-f', 'flac'],
  });
  assert.match(withMusic.chains.join(';'), /\[music\]\[voice_key\]sidechaincompress/);

  const unducked = audioMixGraph(
    plan,
    { ...spec, music: { asset: 'm', volume: 0.4, duck: false } },
    { narration: (h) => `/m/${h}.wav`, music: { path: '/m/music.flac', options: ['-f', 'flac'] } },
  );
  const unduckedText = unducked.chains.join(';');
  assert.notEqual(unduckedText, withMusic.chains.join(';'), 'ducking changes the graph');
  assert.doesNotMatch(unduckedText, /sidechaincompress/, 'no compressor when ducking is off');
  assert.match(unduckedText, /volume=volume=0\.400/, 'the music still plays at its volume');
  assert.match(unduckedText, /\[voice_stereo\]\[music\]amix/, 'the bed is mixed as it is');
  assert.equal(unducked.channels, 2);

  const silent = audioMixGraph(
    plan,
    { narrations: [], music: null, totalSamples: 4800 },
    {
      narration: () => '',
      music: null,
    },
  );
  assert.deepEqual(silent.inputs, [{ path: 'anullsrc=r=48000:cl=mono', options: ['-f', 'lavfi'] }]);
});

test('a generated soundtrack is fitted to the laid-out render: its length, its scenes, their moods and acts', () => {
  const scenes = [
    scene('a', { durationSec: 3, transition: 'cut', mood: 'somber', act: 1 }),
    scene('b', { durationSec: 5, mood: 'Epic', act: 2 }),
    scene('c', { durationSec: 4, mood: 'by the sea', act: 3 }),
  ];
  const music = { asset: 'a'.repeat(64), volume: 0.5 };
  const plain = planRender(timeline(scenes, { music }), tinyPreset(), engines);
  assert.deepEqual(plain.music, { ...music, duck: true }, 'uploaded music plans as before');
  const generated = { mood: 'hopeful' as const, followStory: true, seed: 4 };
  const plan = planRender(
    timeline(scenes, { music: { ...music, generated } }),
    tinyPreset(),
    engines,
  );
  const layout = layoutRender(
    plan,
    plan.scenes.map((s) => ({ sceneId: s.id, frames: s.fixedFrames!, narration: null })),
  );
  assert.deepEqual(bedMusic(plain, layout), plain.music);
  const bed = bedMusic(plan, layout);
  assert.ok(bed && 'soundtrack' in bed);
  const { soundtrack } = bed;
  assert.equal(bed.asset, soundtrackKey(soundtrack));
  assert.equal(soundtrack.durationSec, layout.totalSamples / plan.sampleRate);
  assert.deepEqual(
    soundtrack.scenes?.map((s) => [s.mood, s.act]),
    [
      ['sad', 1],
      ['epic', 2],
      ['hopeful', 3],
    ],
    "the analysis' somber is sad; an unknown mood is the request's",
  );
  // A cut: scene b starts where a ends; a crossfade: scene c starts in its middle.
  const [, b, c] = layout.scenes;
  assert.ok(c!.body.from > 0);
  assert.ok(Math.abs(soundtrack.scenes![0]!.durationSec - b!.startFrame / plan.fps) < 1e-3);
  const intoC = soundtrack.scenes![0]!.durationSec + soundtrack.scenes![1]!.durationSec;
  assert.ok(Math.abs(intoC - (c!.startFrame + c!.body.from / 2) / plan.fps) < 1e-3);
  const sum = soundtrack.scenes!.reduce((t, s) => t + s.durationSec, 0);
  assert.ok(Math.abs(sum - soundtrack.durationSec) < 1e-6);
  const once = bedMusic(
    {
      ...plan,
      music: {
        ...plan.music!,
        generated: { ...plan.music!.generated!, request: { ...generated, followStory: false } },
      },
    },
    layout,
  );
  assert.ok(once && 'soundtrack' in once && once.soundtrack.scenes === null);
});
