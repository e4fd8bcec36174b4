import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as Y from 'yjs';
import { addScene, initProjectDoc, toTimeline } from '../project-doc.ts';
import {
  imageJobId,
  imageJobQueue,
  requestSeeds,
  sceneImageEngine,
  sceneImagesRequestSchema,
  scenePictureRequest,
} from './image-job.ts';

function createTimeline() {
  const doc = new Y.Doc();
  initProjectDoc(doc, { title: 'Harbour' });
  addScene(doc, { title: 'Dawn', prompt: 'a lighthouse at dawn', durationSec: 2 });
  return toTimeline(doc);
}

test('seeds: consecutive from a given one (wrapping at 2^32), random otherwise', () => {
  assert.deepEqual(
    requestSeeds({ seed: 10, count: 4 }, () => 99),
    [10, 11, 12, 13],
  );
  assert.deepEqual(
    requestSeeds({ seed: 2 ** 32 - 1, count: 2 }, () => 99),
    [2 ** 32 - 1, 0],
  );
  let n = 0;
  assert.deepEqual(
    requestSeeds({ count: 3 }, () => ++n),
    [1, 2, 3],
  );
  assert.equal(sceneImagesRequestSchema.parse({}).count, 1);
  assert.equal(sceneImagesRequestSchema.safeParse({ count: 5 }).success, false);
  assert.equal(sceneImagesRequestSchema.safeParse({ seed: 1.5 }).success, false);
});

test("the engine and queue: procedural on the base queue; an ONNX model on its capability's", () => {
  const timeline = createTimeline();
  const id = timeline.scenes[0]!.id;
  assert.deepEqual(sceneImageEngine(timeline, id), { id: 'procedural' });
  assert.equal(imageJobQueue({ id: 'procedural' }), 'render-image');
  const onnx = {
    ...timeline,
    imageEngine: { engine: 'onnx' as const, model: 'sd-turbo', fallback: false },
  };
  assert.deepEqual(sceneImageEngine(onnx, id), { id: 'onnx', model: 'sd-turbo' });
  assert.equal(imageJobQueue({ id: 'onnx', model: 'sd-turbo' }), 'render-image@onnx.sd-turbo');
  const sceneProcedural = {
    ...onnx,
    scenes: onnx.scenes.map((s, i) => (i === 0 ? { ...s, imageEngine: 'procedural' as const } : s)),
  };
  assert.deepEqual(sceneImageEngine(sceneProcedural, id), { id: 'procedural' });
});

test('the picture request is the scene at full render size; the job id follows every input', () => {
  const timeline = createTimeline();
  const id = timeline.scenes[0]!.id;
  const request = scenePictureRequest(timeline, id, 7)!;
  assert.equal(request.seed, 7);
  assert.equal(request.prompt, timeline.scenes[0]!.prompt);
  assert.equal(timeline.aspect, '16:9');
  assert.deepEqual([request.width, request.height], [1920, 1080]);
  assert.equal(scenePictureRequest(timeline, 'nope', 7), null);
  const data = { projectId: 'p', sceneId: id, engine: { id: 'procedural' as const }, request };
  assert.equal(imageJobId(data), imageJobId({ ...data }));
  assert.notEqual(imageJobId(data), imageJobId({ ...data, request: { ...request, seed: 8 } }));
  assert.notEqual(imageJobId(data), imageJobId({ ...data, request: { ...request, prompt: 'x' } }));
  assert.notEqual(imageJobId(data), imageJobId({ ...data, projectId: 'q' }));
});
