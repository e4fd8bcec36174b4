import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { decode as decodePng } from 'fast-png';
import { InferenceSession } from 'onnxruntime-node';
import type { ModelStatus } from '../../../../shared/render/node-capabilities.ts';
import type { InferenceClient, InstalledModel } from '../../../inference/contract.ts';
import { tinyInstalledModel, writeTinySdTurbo } from '../../../models/testing/tiny-sd-turbo.ts';
import type { PictureRequest } from '../engine.ts';
import { createOnnxImageEngine } from './onnx-image-engine.ts';
import { composePicturePrompt, pictureSeed } from './picture-prompt.ts';
import { cachedSessions, sdTurboPipeline } from './sd-turbo-pipeline.ts';

let root: string;
let installed: InstalledModel;
let status: ModelStatus;
const sessions = cachedSessions((file) => InferenceSession.create(file));
const asked: { modelId: string; width: number; height: number; seed: number }[] = [];

/** The inference host's client, in-process: the real pipeline on the tiny graphs. */
const client: InferenceClient = {
  provider: { name: 'cpu', device: 'test cpu' },
  models: () => [status],
  async generateImage(modelId, request, signal) {
    asked.push({ modelId, width: request.width, height: request.height, seed: request.seed });
    return sdTurboPipeline(installed, sessions, request, signal);
  },
  synthesizeSpeech: () => Promise.reject(new Error('no voices here')),
  close: () => sessions.release(),
};

before(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'onnx-engine-'));
  const dir = path.join(root, 'model');
  // A small native size keeps the tiny model's pictures small.
  installed = tinyInstalledModel(
    dir,
    await writeTinySdTurbo(dir, { precision: 'fp32', nativeSize: 64 }),
  );
  status = {
    id: installed.manifest.id,
    kind: 'image',
    pipeline: 'sd-turbo',
    name: installed.manifest.name,
    hash: installed.hash,
    usable: true,
    loaded: false,
    nativeSize: 64,
    runs: 0,
  };
});
after(async () => {
  await client.close();
  await rm(root, { recursive: true, force: true });
});

const request = (changes: Partial<PictureRequest> = {}): PictureRequest => ({
  prompt: 'a red cat in the rain',
  title: 'Cat',
  mood: 'calm',
  location: 'city',
  stylePreset: 'anime',
  cast: [{ name: 'Mara', description: 'a woman in a blue coat' }],
  seed: 7,
  width: 160,
  height: 90,
  ...changes,
});

test('generates near the native size, fits the output exactly, and says how', async () => {
  const engine = createOnnxImageEngine(client, status);
  assert.equal(engine.id, 'onnx');
  assert.equal(engine.version, `sd-turbo/1:${installed.hash}`);
  const output = path.join(root, 'picture.png');
  const details = await engine.generate(request(), output, new AbortController().signal);
  const png = decodePng(await readFile(output));
  assert.equal(png.width, 160);
  assert.equal(png.height, 90);
  assert.ok(details);
  const { prompt, negativePrompt } = composePicturePrompt(request());
  assert.deepEqual(asked.at(-1), {
    modelId: status.id,
    width: details.width,
    height: details.height,
    seed: pictureSeed(request()),
  });
  assert.ok(
    details.width! % 8 === 0 && details.height! % 8 === 0 && details.width! > details.height!,
  );
  assert.deepEqual(
    { ...details, durationMs: 0 },
    {
      engine: { id: 'onnx', version: engine.version },
      model: { id: status.id, hash: installed.hash },
      prompt,
      negativePrompt,
      seed: pictureSeed(request()),
      steps: 1,
      guidance: 0,
      width: details.width,
      height: details.height,
      provider: 'cpu',
      device: 'test cpu',
      durationMs: 0,
    },
  );
  assert.match(details.prompt!, /Mara \(a woman in a blue coat\)/);
  // Only the picture is left behind.
  assert.deepEqual(await readdir(root), ['model', 'picture.png']);
});

test('the same request gives the same bytes; another prompt or cast another picture', async () => {
  const engine = createOnnxImageEngine(client, status);
  const make = async (name: string, changes: Partial<PictureRequest> = {}) => {
    const output = path.join(root, name);
    await engine.generate(request(changes), output, new AbortController().signal);
    const bytes = await readFile(output);
    await rm(output);
    return bytes;
  };
  const first = await make('a.png');
  assert.deepEqual(await make('b.png'), first);
  assert.notDeepEqual(await make('c.png', { prompt: 'a blue dog at night' }), first);
  assert.notDeepEqual(await make('d.png', { cast: [] }), first);
});

test('a picture at the generation size is written as is', async () => {
  const engine = createOnnxImageEngine(client, status);
  const output = path.join(root, 'square.png');
  const details = await engine.generate(
    request({ width: 64, height: 64 }),
    output,
    new AbortController().signal,
  );
  assert.equal(details?.width, 64);
  const png = decodePng(await readFile(output));
  assert.deepEqual([png.width, png.height], [64, 64]);
  await rm(output);
});

test('an unusable model or one of another kind is refused by name', () => {
  assert.throws(
    () =>
      createOnnxImageEngine(client, { ...status, usable: false, problem: 'unet.onnx: bad sha256' }),
    /model tiny-sd-turbo-fp32 is not usable: unet.onnx: bad sha256/,
  );
  assert.throws(
    () => createOnnxImageEngine(client, { ...status, kind: 'voice', pipeline: 'piper-vits' }),
    /not an SD-Turbo image model/,
  );
});
