import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { contentKey } from '../../shared/content-key.ts';
import { temporaryStore } from '../../shared/node/media-test-fixtures.ts';
import { engineVersions, loadEngines } from '../engines/load-engines.ts';
import type { VoiceRequest } from '../engines/voice/engine.ts';
import { estimatePitchHz, pcm16ToFloat } from '../engines/voice/pitch.ts';
import { parseWavHeader } from '../engines/voice/wav-duration.ts';
import { scene, timeline, tinyPreset } from '../test-fixtures.ts';
import { sceneCues, toAss, toSrt, toWebVtt } from './captions.ts';
import { makeNarration } from './narration.ts';
import { renderLocally } from '../render-locally.ts';
import { planRender } from './plan.ts';

/** Real espeak-ng: a two-character dialogue, measured on the WAV it makes. */

const engines = await loadEngines();
const never = new AbortController().signal;

const dialogue = timeline(
  [
    scene('a', {
      narration:
        'The café is empty at dawn.\nNADIA : Encore toi ? Tu es en retard.\nTom: Oui, encore moi. La mer était grosse.',
      cast: ['n', 't'],
    }),
  ],
  {
    language: 'fr',
    voice: { engine: 'espeak-ng', voice: 'fr', rate: 1.4, pitch: 1 },
    cast: [
      { id: 'n', name: 'Nadia', description: 'une jeune femme, serveuse' },
      { id: 't', name: 'Tom', description: 'un vieux pêcheur' },
    ],
  },
);

test('a two-character dialogue is spoken in two distinct voices, without the names', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const heard: VoiceRequest[] = [];
  const voice = {
    ...engines.voice,
    synthesize: (request: VoiceRequest, path: string, signal: AbortSignal) => {
      heard.push(request);
      return engines.voice.synthesize(request, path, signal);
    },
  };
  const plan = planRender(dialogue, tinyPreset(), engineVersions(engines));
  const planned = plan.scenes[0]!;
  assert.deepEqual(
    planned.narration!.parts.map((p) => p.speaker),
    [null, 'Nadia', 'Tom'],
  );
  const made = await makeNarration(planned, {
    store,
    signal: never,
    engines: { ...engines, voice },
  });
  assert.ok(made);
  for (const request of heard) assert.doesNotMatch(request.text, /nadia|tom/i, request.text);
  assert.equal(new Set(heard.map((r) => `${r.voice}/${r.pitch}`)).size, 3);

  // The turns follow each other with a pause, and together make the scene's WAV.
  const bytes = new Uint8Array(await readFile(store.pathFor(made.ref.hash, 'wav')));
  const info = parseWavHeader(bytes, bytes.length);
  assert.equal(made.parts.length, 3);
  assert.ok(made.parts[1]!.startSec > made.parts[0]!.endSec + 0.2);
  assert.ok(Math.abs(made.parts[2]!.endSec - info.durationSec) < 0.01);
  const samples = pcm16ToFloat(bytes.subarray(info.dataOffset, info.dataOffset + info.dataBytes));
  const pitchOf = (part: { startSec: number; endSec: number }) =>
    estimatePitchHz(
      samples.subarray(
        Math.round(part.startSec * info.sampleRate),
        Math.round(part.endSec * info.sampleRate),
      ),
      info.sampleRate,
    )!;
  const nadia = pitchOf(made.parts[1]!);
  const tom = pitchOf(made.parts[2]!);
  t.diagnostic(`Nadia ${nadia.toFixed(0)} Hz, Tom ${tom.toFixed(0)} Hz`);
  assert.ok(nadia > tom * 1.4, `Nadia ${nadia.toFixed(0)} Hz, Tom ${tom.toFixed(0)} Hz`);

  // Captions: each turn timed on its own span; speakers only as markup.
  const cues = sceneCues(plan, 0, 200, made);
  const lead = plan.timing.leadFrames / plan.fps;
  const nadiaCue = cues.find((c) => c.speaker === 'Nadia')!;
  assert.ok(Math.abs(nadiaCue.startSec - (lead + made.parts[1]!.startSec)) < 0.01);
  assert.deepEqual(
    cues.map((c) => c.speaker ?? null),
    [null, 'Nadia', 'Nadia', 'Tom', 'Tom'],
  );
  for (const cue of cues) assert.doesNotMatch(cue.text, /nadia|tom/i);
  const vtt = toWebVtt(cues);
  assert.match(vtt, /<v Nadia>Encore toi \?<\/v>/);
  assert.match(vtt, /<v Tom>Oui, encore moi\.<\/v>/);
  const srt = toSrt(cues);
  assert.match(srt, /<font color="#[0-9A-F]{6}">\u2014<\/font> Encore toi \?/);
  const ass = toAss(cues, { width: 320, height: 180, letterbox: false }, 0);
  assert.match(ass, /Style: Speaker1,/);
  assert.match(ass, /,Speaker1,Nadia,0,0,0,,\u2014 Encore toi \?/);
  const shown = (text: string) =>
    text
      .replace(/<[^>]*>/g, '')
      .split('\n')
      .filter((line) => !line.startsWith('Dialogue:') && !line.startsWith('Style:'));
  for (const text of [vtt, srt]) assert.doesNotMatch(shown(text).join('\n'), /nadia|tom/i);
  for (const line of ass.split('\n').filter((l) => l.startsWith('Dialogue:'))) {
    assert.doesNotMatch(line.split(',').slice(9).join(','), /nadia|tom/i);
  }

  // A second render hits every cache.
  const again = await makeNarration(planned, { store, signal: never, engines });
  assert.equal(again!.ref.cached, true);
  assert.deepEqual(again!.parts, made.parts);
});

test("the narration's key changes with a character's voice, not with others' scenes", () => {
  const versions = engineVersions(engines);
  const before = planRender(dialogue, tinyPreset(), versions).scenes[0]!.narration!;
  const changed = planRender(
    {
      ...dialogue,
      cast: [
        {
          ...dialogue.cast[0]!,
          voice: { engine: 'espeak-ng', voice: 'fr+f2', rate: 1, pitch: 1.8 },
        },
        dialogue.cast[1]!,
      ],
    },
    tinyPreset(),
    versions,
  ).scenes[0]!.narration!;
  assert.notEqual(changed.key, before.key);
  assert.equal(changed.parts[0]!.key, before.parts[0]!.key, "the narrator's turn is reused");
  assert.equal(changed.parts[2]!.key, before.parts[2]!.key, "Tom's turn is reused");
  assert.equal(changed.parts[1]!.request.voice, 'fr+f2');
});

test('a narration without dialogue keeps its text and key; lettering quotes words, not names', () => {
  const versions = engineVersions(engines);
  const text = 'Note: the sea is calm.\n\n  Nadia is not speaking here.';
  const plan = planRender(
    timeline([scene('a', { narration: ` ${text} ` }), dialogue.scenes[0]!], {
      cast: dialogue.cast,
    }),
    tinyPreset(),
    versions,
  );
  const [plain, spoken] = plan.scenes;
  const request = { text, voice: 'en', rate: 1.6, pitch: 1 };
  assert.deepEqual(plain!.narration!.parts, [
    {
      speaker: null,
      key: contentKey('narration', { engine: versions.voice, request }),
      request,
      engine: { key: 'espeak-ng', ...versions.voice },
    },
  ]);
  assert.equal(plain!.narration!.key, plain!.narration!.parts[0]!.key);
  assert.equal(spoken!.lettering.request.narrationLine, 'The café is empty at dawn.');
  const onlyDialogue = planRender(
    timeline([scene('b', { narration: 'Nadia: Encore toi ?' })], { cast: dialogue.cast }),
    tinyPreset(),
    versions,
  ).scenes[0]!;
  assert.equal(onlyDialogue.lettering.request.narrationLine, 'Encore toi ?');
  assert.notEqual(onlyDialogue.narration!.key, onlyDialogue.narration!.parts[0]!.key);
});

test('a rendered dialogue: captions files carry speakers as markup, on each turn’s time', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const { output, scenes, plan } = await renderLocally(
    { renderId: 'voices', timeline: dialogue, preset: tinyPreset() },
    { store, signal: never, engines },
  );
  const narration = scenes[0]!.narration!;
  assert.equal(narration.parts.length, 3);
  const vtt = await readFile(store.pathFor(output.captions.vtt.hash, 'vtt'), 'utf8');
  const lead = plan.timing.leadFrames / plan.fps;
  const nadia = /(\d\d):(\d\d):(\d\d\.\d{3}) --> [^\n]+\n<v Nadia>Encore toi \?<\/v>/.exec(vtt);
  assert.ok(nadia, vtt);
  const startSec = Number(nadia[1]) * 3600 + Number(nadia[2]) * 60 + Number(nadia[3]);
  assert.ok(Math.abs(startSec - (lead + narration.parts[1]!.startSec)) < 0.01, vtt);
  assert.match(vtt, /<v Tom>/);
  assert.doesNotMatch(vtt.replace(/<v [^>]+>/g, ''), /nadia|tom/i);
});
