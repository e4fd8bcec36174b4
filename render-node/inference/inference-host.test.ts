import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createPiperVoiceEngine } from '../engines/voice/piper.ts';
import { readWavInfo } from '../engines/voice/wav-duration.ts';
import { tinyPiperGraph, writeTinyPiperVoice } from '../models/testing/tiny-piper.ts';
import { writeTinySdTurbo } from '../models/testing/tiny-sd-turbo.ts';
import { startInferenceHost, type HostLog } from './inference-host.ts';

/**
 * The inference host through its real child process on CPU, with tiny
 * voices in a temporary MODELS_DIR: one usable, one with a wrong graph.
 */
async function hostWithVoices(t: { after: (fn: () => Promise<void>) => void }) {
  const modelsDir = await mkdtemp(join(tmpdir(), 'montage-host-'));
  await writeTinyPiperVoice(join(modelsDir, 'en_US-tiny-test'));
  await writeTinyPiperVoice(join(modelsDir, 'fr_FR-wrong'), {
    id: 'fr_FR-wrong',
    language: 'fr_FR',
    graph: tinyPiperGraph({ inputName: 'phonemes' }),
  });
  const logs: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const log: HostLog = (level, msg, fields) => logs.push({ level, msg, fields });
  const client = await startInferenceHost({ modelsDir, log });
  t.after(async () => {
    await client.close();
    await rm(modelsDir, { recursive: true, force: true });
  });
  return { client, modelsDir, logs };
}

const request = { text: 'The harbour is quiet tonight.', rate: 1, sampleRate: 48000 };
const never = () => new AbortController().signal;

/**
 * The host's child process id, found by the process tree (the client does not
 * expose it). Synchronous, so a test can kill the host before the node could
 * read any answer from it.
 */
function hostPid(): number {
  const out = execFileSync('pgrep', [
    '-P',
    String(process.pid),
    '-f',
    'host-process.ts',
  ]).toString();
  return Number(out.trim().split('\n')[0]);
}

test('the host probes the provider, lists models usable or not, and speaks with a voice', async (t) => {
  const { client, logs } = await hostWithVoices(t);
  assert.equal(client.provider.name, 'cpu');
  assert.match(client.provider.reason!, /CUDA/);
  assert.ok(logs.some((l) => l.msg === 'inference on cpu'));
  const models = client.models();
  const good = models.find((m) => m.id === 'en_US-tiny-test')!;
  const wrong = models.find((m) => m.id === 'fr_FR-wrong')!;
  assert.equal(good.usable, true);
  assert.equal(good.loaded, false);
  assert.equal(wrong.usable, false);
  assert.match(
    wrong.problem!,
    /model "fr_FR-wrong": file "fr_FR-wrong\.onnx" \(model\): graph does not match/,
  );
  assert.ok(logs.some((l) => l.msg === 'model unusable' && l.fields?.model === 'fr_FR-wrong'));

  const first = await client.synthesizeSpeech('en_US-tiny-test', request, never());
  const second = await client.synthesizeSpeech('en_US-tiny-test', request, never());
  assert.deepEqual(Buffer.from(first.wav), Buffer.from(second.wav));
  const after = client.models().find((m) => m.id === 'en_US-tiny-test')!;
  assert.equal(after.runs, 2);
  assert.equal(after.loaded, true);
  assert.ok(after.meanMs! > 0 && after.lastMs! > 0);

  await assert.rejects(
    client.synthesizeSpeech('fr_FR-wrong', request, never()),
    /model "fr_FR-wrong" is unusable: .*graph does not match/,
  );
  await assert.rejects(
    client.synthesizeSpeech('nope', request, never()),
    /model "nope" is not installed/,
  );
  await assert.rejects(
    client.generateImage(
      'en_US-tiny-test',
      { prompt: 'x', negativePrompt: '', seed: 1, width: 64, height: 64 },
      never(),
    ),
    /is a voice model/,
  );
  // The host is still up after the refusals.
  assert.equal((await client.synthesizeSpeech('en_US-tiny-test', request, never())).sentences, 1);
});

test('an aborted request rejects at once and the host goes on with the next', async (t) => {
  const { client } = await hostWithVoices(t);
  const controller = new AbortController();
  const long = { ...request, text: 'One. Two. Three. Four. Five. Six. Seven. Eight.' };
  const aborted = client.synthesizeSpeech('en_US-tiny-test', long, controller.signal);
  const next = client.synthesizeSpeech('en_US-tiny-test', request, never());
  controller.abort(new Error('render cancelled'));
  await assert.rejects(aborted, /render cancelled/);
  assert.equal((await next).sentences, 1);
});

test('a host that dies rejects its work with a clear error and restarts on the next request', async (t) => {
  const { client, logs } = await hostWithVoices(t);
  const long = {
    ...request,
    text: Array.from({ length: 30 }, (_, i) => `Sentence ${i}.`).join(' '),
  };
  const running = client.synthesizeSpeech('en_US-tiny-test', long, never());
  process.kill(hostPid(), 'SIGKILL');
  await assert.rejects(
    running,
    /inference host killed by SIGKILL while running model "en_US-tiny-test"/,
  );
  assert.ok(logs.some((l) => l.msg.startsWith('inference host stopped')));
  const again = await client.synthesizeSpeech('en_US-tiny-test', request, never());
  assert.equal(again.sentences, 1);
  assert.equal(client.models().find((m) => m.id === 'fr_FR-wrong')?.usable, false);
});

test('the piper engine writes the voice’s WAV and says how it was made', async (t) => {
  const { client, modelsDir } = await hostWithVoices(t);
  const engine = createPiperVoiceEngine(client, client.models());
  assert.equal(engine.id, 'piper');
  assert.equal(engine.version, 'piper-vits/1');
  const out = join(modelsDir, 'out.wav');
  const details = await engine.synthesize(
    { text: request.text, voice: 'en_US-tiny-test', rate: 1, pitch: 1 },
    out,
    never(),
  );
  const info = await readWavInfo(out);
  assert.equal(info.sampleRate, 48000);
  assert.ok(info.durationSec > 0.2);
  const model = client.models().find((m) => m.id === 'en_US-tiny-test')!;
  assert.deepEqual(details && { ...details, durationMs: 0 }, {
    engine: { id: 'piper', version: 'piper-vits/1' },
    model: { id: 'en_US-tiny-test', hash: model.hash },
    text: request.text,
    voice: 'en_US-tiny-test',
    provider: 'cpu',
    device: client.provider.device,
    durationMs: 0,
  });
  await assert.rejects(
    engine.synthesize({ text: 'Hi.', voice: 'de_DE-unknown', rate: 1, pitch: 1 }, out, never()),
    /Piper voice "de_DE-unknown" is not installed on this node \(installed: en_US-tiny-test\)/,
  );
  await assert.rejects(
    engine.synthesize({ text: 'Hi.', voice: 'fr_FR-wrong', rate: 1, pitch: 1 }, out, never()),
    /Piper voice "fr_FR-wrong" is unusable/,
  );
  await unlink(out);
});

test('the host makes pictures with an installed SD-Turbo-class model, the same bytes for the same inputs', async (t) => {
  const modelsDir = await mkdtemp(join(tmpdir(), 'montage-host-image-'));
  await writeTinySdTurbo(join(modelsDir, 'tiny-turbo'), { precision: 'fp32', id: 'tiny-turbo' });
  const client = await startInferenceHost({ modelsDir, log: () => {} });
  t.after(async () => {
    await client.close();
    await rm(modelsDir, { recursive: true, force: true });
  });
  const model = client.models().find((m) => m.id === 'tiny-turbo')!;
  assert.equal(model.usable, true, model.problem);
  const ask = (prompt: string, seed: number) =>
    client.generateImage(
      'tiny-turbo',
      { prompt, negativePrompt: '', seed, width: 64, height: 64 },
      never(),
    );
  const a = await ask('a lighthouse at dusk', 7);
  const again = await ask('a lighthouse at dusk', 7);
  const otherSeed = await ask('a lighthouse at dusk', 8);
  const otherPrompt = await ask('a bakery at dawn', 7);
  assert.deepEqual(Buffer.from(a.png), Buffer.from(again.png));
  assert.notDeepEqual(Buffer.from(a.png), Buffer.from(otherSeed.png));
  assert.notDeepEqual(Buffer.from(a.png), Buffer.from(otherPrompt.png));
  assert.equal(client.models().find((m) => m.id === 'tiny-turbo')!.runs, 4);
});
