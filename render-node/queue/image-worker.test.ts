import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { temporaryStore } from '../../shared/node/media-test-fixtures.ts';
import type { ImageJobData } from '../../shared/render/image-job.ts';
import type { StageTimeSample } from '../../shared/render/estimate.ts';
import { createProceduralEngine } from '../engines/image/procedural.ts';
import type { RenderEngines } from '../render-context.ts';
import { pictureRequest } from '../test-fixtures.ts';
import { makeSceneImage } from './image-worker.ts';

const engines = { image: createProceduralEngine() } as RenderEngines;

const job = (fields: Partial<ImageJobData> = {}) => {
  const progress: number[] = [];
  return {
    progress,
    data: {
      projectId: 'p',
      sceneId: 's',
      owner: 'u',
      engine: { id: 'procedural' as const },
      request: pictureRequest({ prompt: 'a red boat in a harbour', seed: 3 }),
      ...fields,
    },
    updateProgress: async (value: number | object) => {
      progress.push(value as number);
    },
  };
};

test('an image job paints the picture once, with its record and a timed sample; again is a cache hit', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  const samples: StageTimeSample[] = [];
  const first = job();
  const made = await makeSceneImage(first, { store, engines }, AbortSignal.timeout(60_000), (s) =>
    samples.push(s),
  );
  assert.match(made.hash, /^[0-9a-f]{64}$/);
  assert.deepEqual(first.progress, [5, 100]);
  const png = await readFile(store.pathFor(made.hash, 'png'));
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.equal(made.record.hash, made.hash);
  assert.equal(made.record.kind, 'picture');
  assert.equal(made.record.engine.id, 'procedural');
  assert.equal(made.record.seed, 3);
  assert.equal(made.record.prompt, 'a red boat in a harbour');
  assert.deepEqual([made.record.width, made.record.height], [320, 180]);
  assert.equal(made.record.provider, 'none');
  assert.deepEqual(await store.readRecord(made.hash), made.record);
  assert.equal(samples.length, 1);
  assert.equal(samples[0]!.stage, 'image');
  assert.equal(samples[0]!.engine, 'procedural');
  assert.equal(samples[0]!.size, '320x180');

  const again = await makeSceneImage(job(), { store, engines }, AbortSignal.timeout(60_000), (s) =>
    samples.push(s),
  );
  assert.deepEqual(again, made, 'the same request is the same picture and record');
  assert.equal(samples.length, 1, 'a cache hit times nothing');
  const other = await makeSceneImage(
    job({ request: pictureRequest({ prompt: 'a red boat in a harbour', seed: 4 }) }),
    { store, engines },
    AbortSignal.timeout(60_000),
  );
  assert.notEqual(other.hash, made.hash);
});

test('an image job for an engine this node lacks fails, naming it, and stores nothing', async (t) => {
  const store = await temporaryStore();
  t.after(() => store.remove());
  await assert.rejects(
    makeSceneImage(
      job({ engine: { id: 'onnx', model: 'sd-turbo' } }),
      { store, engines },
      AbortSignal.timeout(5_000),
    ),
    /image engine onnx \(model sd-turbo\) is not available on this render node/,
  );
});
