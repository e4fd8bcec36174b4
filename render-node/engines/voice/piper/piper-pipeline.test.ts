import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as ort from 'onnxruntime-node';
import type { InstalledModel, SessionSource } from '../../../inference/contract.ts';
import { verifyModelFolder } from '../../../models/registry.ts';
import { tinyPiperGraph, writeTinyPiperVoice } from '../../../models/testing/tiny-piper.ts';
import { parseWavHeader } from '../wav-duration.ts';
import { piperPipeline } from './piper-pipeline.ts';

async function tinyVoice(t: { after: (fn: () => Promise<void>) => void }, graph?: Uint8Array) {
  const root = await mkdtemp(join(tmpdir(), 'montage-piper-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  await writeTinyPiperVoice(join(root, 'v'), { id: 'v', ...(graph ? { graph } : {}) });
  const { model, status } = await verifyModelFolder(join(root, 'v'));
  assert.ok(model, status.problem);
  return model;
}

/** Sessions as the host gives them: each graph loaded once. */
function inProcessSessions(): SessionSource & { loads: number } {
  const cache = new Map<string, Promise<ort.InferenceSession>>();
  const source = {
    loads: 0,
    session(model: InstalledModel, role: string) {
      const file = model.manifest.files.find((f) => f.role === role)!;
      const key = `${model.manifest.id}#${role}`;
      if (!cache.has(key)) {
        source.loads += 1;
        cache.set(key, ort.InferenceSession.create(join(model.dir, file.path)));
      }
      return cache.get(key)!;
    },
  };
  return source;
}

const speak = (model: InstalledModel, sessions: SessionSource, text: string, rate = 1) =>
  piperPipeline(model, sessions, { text, rate, sampleRate: 48000 }, new AbortController().signal);

test('the narration comes from the voice model: other text, other audio; same text, same bytes', async (t) => {
  const model = await tinyVoice(t);
  const sessions = inProcessSessions();
  const a = await speak(model, sessions, 'Hello there. The harbour is quiet tonight.');
  const again = await speak(model, sessions, 'Hello there. The harbour is quiet tonight.');
  const b = await speak(model, sessions, 'Good morning. The orchard is in bloom.');
  assert.equal(sessions.loads, 1, 'the graph is loaded once and reused');
  assert.equal(a.sentences, 2);
  assert.deepEqual(Buffer.from(a.wav), Buffer.from(again.wav));
  assert.notDeepEqual(Buffer.from(a.wav), Buffer.from(b.wav));
  const info = parseWavHeader(a.wav, a.wav.length);
  assert.deepEqual([info.sampleRate, info.channels, info.bitsPerSample], [48000, 1, 16]);
  // Not silence: the graph's sines, normalised to full scale.
  const pcm = new Int16Array(a.wav.buffer.slice(a.wav.byteOffset + info.dataOffset));
  assert.ok(Math.max(...pcm.slice(0, 20000).map(Math.abs)) > 30000);
});

test('the rate divides the length scale: twice the rate, about half the length', async (t) => {
  const model = await tinyVoice(t);
  const sessions = inProcessSessions();
  const text = 'A single sentence, spoken at two speeds.';
  const normal = await speak(model, sessions, text, 1);
  const fast = await speak(model, sessions, text, 2);
  const seconds = (wav: Uint8Array) => parseWavHeader(wav, wav.length).durationSec;
  const ratio = seconds(fast.wav) / seconds(normal.wav);
  assert.ok(ratio > 0.45 && ratio < 0.55, `ratio ${ratio}`);
});

test('a pause separates sentences; a multi-speaker graph gets its speaker id', async (t) => {
  const model = await tinyVoice(t, tinyPiperGraph({ withSpeakerId: true }));
  const sessions = inProcessSessions();
  const one = await speak(model, sessions, 'Yes.');
  const two = await speak(model, sessions, 'Yes. Yes.');
  const seconds = (wav: Uint8Array) => parseWavHeader(wav, wav.length).durationSec;
  assert.equal(two.sentences, 2);
  assert.ok(Math.abs(seconds(two.wav) - (2 * seconds(one.wav) + 0.2)) < 0.002);
});

test('bad requests and abort are refused before anything runs', async (t) => {
  const model = await tinyVoice(t);
  const sessions = inProcessSessions();
  await assert.rejects(speak(model, sessions, 'Hi.', 5), /rate must be between 0.5 and 2/);
  await assert.rejects(speak(model, sessions, '...', 1), /nothing to say/);
  const controller = new AbortController();
  controller.abort(new Error('cancelled by the user'));
  await assert.rejects(
    piperPipeline(model, sessions, { text: 'Hi.', rate: 1, sampleRate: 48000 }, controller.signal),
    /cancelled by the user/,
  );
});

test('phonemes come from the voice’s espeak-ng language; text starting with "-" is spoken', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'montage-piper-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const models = [];
  for (const [id, espeakVoice] of [
    ['en_US-a', 'en-us'],
    ['fr_FR-a', 'fr'],
  ] as const) {
    await writeTinyPiperVoice(join(root, id), { id, espeakVoice, language: id.slice(0, 5) });
    models.push((await verifyModelFolder(join(root, id))).model!);
  }
  const sessions = inProcessSessions();
  const [en, fr] = await Promise.all(models.map((m) => speak(m, sessions, '-Bonjour, Marie.')));
  assert.equal(en!.sentences, 1);
  assert.notDeepEqual(Buffer.from(en!.wav), Buffer.from(fr!.wav));
});
