import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scene, timeline, tinyPreset } from '../test-fixtures.ts';
import type { Timeline } from '../../shared/timeline.ts';
import { audioKey, audioMixGraph, normalisingGainDb, parseIntegratedLoudness } from './audio.ts';
import { planRender } from './plan.ts';

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
