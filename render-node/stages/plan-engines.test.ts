import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentKey } from '../../shared/content-key.ts';
import type { RenderEngines } from '../render-context.ts';
import { assertEnginesMatch, sceneNeeds } from '../engines/load-engines.ts';
import { LETTERING_VERSION } from '../engines/image/lettering.ts';
import { scene, timeline, tinyPreset } from '../test-fixtures.ts';
import { PlanError, planRender, type EngineVersions, type PlannedEngine } from './plan.ts';

/** Engine choice in plans (issue 14): which engine each part uses, its keys, fallbacks. */

const defaults: EngineVersions = {
  image: { id: 'procedural', version: 'p1' },
  voice: { id: 'espeak-ng', version: 'e1' },
  lettering: 'l1',
  ffmpeg: 'f1',
};
const onnx: PlannedEngine = {
  key: 'onnx.sd-turbo',
  id: 'onnx',
  version: 'sd-turbo/1:aaaa',
  model: 'sd-turbo',
};
const piper: PlannedEngine = {
  key: 'piper.fr_FR-siwis-low',
  id: 'piper',
  version: 'piper-vits/1:bbbb',
  model: 'fr_FR-siwis-low',
};
const withModels: EngineVersions = {
  ...defaults,
  models: { [onnx.key]: onnx, [piper.key]: piper },
};

const story = (fields: Parameters<typeof timeline>[1] = {}) =>
  timeline(
    [
      scene('a', { narration: 'One.', prompt: 'a harbour' }),
      scene('b', { narration: 'Nadia: Two.', prompt: 'a café' }),
      scene('c', { narration: 'Three.', prompt: 'a road' }),
    ],
    {
      cast: [{ id: 'n', name: 'Nadia', description: 'a sailor' }],
      ...fields,
    },
  );

const keys = (plan: ReturnType<typeof planRender>) =>
  plan.scenes.map((s) => ({
    picture: s.picture.key,
    lettering: s.lettering.key,
    narration: s.narration?.key,
    parts: s.narration?.parts.map((p) => p.key),
  }));

test('a timeline without engine settings keeps the keys it had before issue 14, models or not', () => {
  const plan = planRender(story(), tinyPreset(), defaults);
  for (const s of plan.scenes) {
    assert.equal(s.picture.source, 'engine');
    if (s.picture.source !== 'engine') continue;
    // The formulas of the plans before engines per scene, written out.
    assert.equal(
      s.picture.key,
      contentKey('picture', { engine: defaults.image, request: s.picture.request }),
    );
    for (const part of s.narration!.parts) {
      assert.equal(
        part.key,
        contentKey('narration', { engine: defaults.voice, request: part.request }),
      );
    }
  }
  const dialogue = plan.scenes[1]!.narration!;
  assert.equal(
    dialogue.key,
    contentKey('narration-parts', {
      engine: defaults.voice,
      pauseSec: dialogue.pauseSec,
      parts: dialogue.parts.map((p) => p.request),
    }),
  );
  assert.deepEqual(keys(planRender(story(), tinyPreset(), withModels)), keys(plan));
  assert.deepEqual(
    plan.scenes.map((s) => sceneNeeds(plan, s)),
    [[], [], []],
  );
  assert.deepEqual(plan.engines, defaults, 'the plan keeps the defaults, not the live models');
});

test("switching one scene's picture engine re-keys its picture only", () => {
  const project = { engine: 'onnx' as const, model: 'sd-turbo', fallback: false };
  const generated = planRender(story({ imageEngine: project }), tinyPreset(), withModels);
  const storyboard = planRender(story(), tinyPreset(), withModels);
  const switched = story({ imageEngine: project });
  switched.scenes[1] = { ...switched.scenes[1]!, imageEngine: 'procedural' };
  const oneBack = planRender(switched, tinyPreset(), withModels);

  const [g, s, o] = [keys(generated), keys(storyboard), keys(oneBack)];
  for (const i of [0, 1, 2]) {
    assert.notEqual(g[i]!.picture, s[i]!.picture, `scene ${i}: another engine, another picture`);
    assert.equal(g[i]!.lettering, s[i]!.lettering);
    assert.equal(g[i]!.narration, s[i]!.narration);
  }
  assert.deepEqual(o[0], g[0]);
  assert.deepEqual(o[1], s[1], 'the scene set back to storyboard frames has its old keys');
  assert.deepEqual(o[2], g[2]);
  const picture = generated.scenes[0]!.picture;
  assert.equal(picture.source === 'engine' && picture.engine?.key, 'onnx.sd-turbo');
  assert.deepEqual(sceneNeeds(oneBack, oneBack.scenes[0]!), ['onnx.sd-turbo']);
  assert.deepEqual(sceneNeeds(oneBack, oneBack.scenes[1]!), []);

  // A scene may ask for generated pictures in a storyboard project that names a model.
  const perScene = story({ imageEngine: { ...project, engine: 'procedural' } });
  perScene.scenes[2] = { ...perScene.scenes[2]!, imageEngine: 'onnx' };
  const mixed = planRender(perScene, tinyPreset(), withModels);
  assert.deepEqual(keys(mixed).slice(0, 2), s.slice(0, 2));
  assert.deepEqual(keys(mixed)[2], g[2]);
  // Other weights (another hash in the version) re-key the generated pictures.
  const newWeights = planRender(story({ imageEngine: project }), tinyPreset(), {
    ...withModels,
    models: { ...withModels.models, [onnx.key]: { ...onnx, version: 'sd-turbo/1:cccc' } },
  });
  assert.notEqual(keys(newWeights)[0]!.picture, g[0]!.picture);
});

test('no live node with the model: storyboard frames with a warning, or a clear failure', () => {
  const allowed = planRender(
    story({ imageEngine: { engine: 'onnx', model: 'sd-turbo', fallback: true } }),
    tinyPreset(),
    defaults,
  );
  assert.deepEqual(keys(allowed), keys(planRender(story(), tinyPreset(), defaults)));
  for (const s of allowed.scenes) {
    assert.ok(s.picture.source === 'engine');
    assert.deepEqual(s.picture.fallbackFrom, {
      engine: 'onnx',
      model: 'sd-turbo',
      reason: 'no render node has the image model sd-turbo',
    });
    assert.deepEqual(sceneNeeds(allowed, s), []);
  }
  assert.deepEqual(allowed.warnings, [
    'no render node has the image model sd-turbo: scenes 1, 2, 3 fell back to storyboard frames',
  ]);

  assert.throws(
    () =>
      planRender(
        story({ imageEngine: { engine: 'onnx', model: 'sd-turbo', fallback: false } }),
        tinyPreset(),
        defaults,
      ),
    (error: unknown) => {
      assert.ok(error instanceof PlanError);
      assert.match(error.message, /no render node has the image model sd-turbo/);
      assert.deepEqual(error.issues[0]!.path, ['scenes', 0, 'imageEngine']);
      return true;
    },
  );
  // An uploaded picture needs no engine: nothing to fall back from.
  const uploaded = story({ imageEngine: { engine: 'onnx', model: 'sd-turbo', fallback: false } });
  uploaded.scenes = uploaded.scenes.map((s) => ({ ...s, image: 'a'.repeat(64) }));
  assert.equal(planRender(uploaded, tinyPreset(), defaults).scenes[0]!.picture.source, 'upload');
});

test('a Piper voice: its parts carry the engine and model; no node has it: a failure naming it', () => {
  const voice = { engine: 'piper' as const, voice: 'fr_FR-siwis-low', rate: 1, pitch: 1 };
  const espeak = planRender(story(), tinyPreset(), withModels);
  const plan = planRender(story({ voice }), tinyPreset(), withModels);
  const narrator = plan.scenes[0]!.narration!.parts[0]!;
  assert.deepEqual(narrator.engine, piper);
  assert.notEqual(narrator.key, espeak.scenes[0]!.narration!.parts[0]!.key);
  // Nadia keeps a default espeak-ng voice: her scene (only her line) keys as before issue 14.
  const dialogue = plan.scenes[1]!.narration!;
  assert.equal(dialogue.parts[0]!.engine!.key, 'espeak-ng');
  assert.equal(
    dialogue.key,
    contentKey('narration-parts', {
      engine: defaults.voice,
      pauseSec: dialogue.pauseSec,
      parts: dialogue.parts.map((p) => p.request),
    }),
  );
  // A scene where the Piper narrator and Nadia both speak: its WAV's key names each part's key.
  const both = planRender(
    story({ voice, scenes: [scene('d', { narration: 'The sea.\n\nNadia: Two.' })] }),
    tinyPreset(),
    withModels,
  ).scenes[0]!.narration!;
  assert.deepEqual(
    both.parts.map((p) => p.engine!.key),
    ['piper.fr_FR-siwis-low', 'espeak-ng'],
  );
  assert.equal(
    both.key,
    contentKey('narration-parts', { pauseSec: both.pauseSec, parts: both.parts.map((p) => p.key) }),
  );
  assert.deepEqual(sceneNeeds(plan, plan.scenes[1]!), []);
  assert.deepEqual(sceneNeeds(plan, plan.scenes[0]!), ['piper.fr_FR-siwis-low']);
  // Other weights, other narration.
  const retrained = planRender(story({ voice }), tinyPreset(), {
    ...withModels,
    models: { ...withModels.models, [piper.key]: { ...piper, version: 'piper-vits/1:dddd' } },
  });
  assert.notEqual(retrained.scenes[0]!.narration!.key, plan.scenes[0]!.narration!.key);

  assert.throws(
    () => planRender(story({ voice }), tinyPreset(), defaults),
    (error: unknown) => {
      assert.ok(error instanceof PlanError);
      assert.match(error.message, /no render node has the voice fr_FR-siwis-low/);
      assert.deepEqual(error.issues[0]!.path, ['voice', 'voice']);
      return true;
    },
  );
});

test('a node runs a scene job only with the engines its scene needs, at their versions', () => {
  const plan = planRender(
    story({ imageEngine: { engine: 'onnx', model: 'sd-turbo', fallback: false } }),
    tinyPreset(),
    { ...withModels, lettering: LETTERING_VERSION },
  );
  const engine = (id: string, version: string) => ({ id, version }) as never;
  const plain: RenderEngines = {
    image: engine('procedural', 'p1'),
    voice: engine('espeak-ng', 'e1'),
    music: engine('fluidsynth', 'm1'),
    ffmpegVersion: 'f1',
  };
  assert.throws(
    () => assertEnginesMatch(plan, plain, 'a'),
    /this render node's onnx\.sd-turbo engine \(not on this node\) differ/,
  );
  // The assembly needs no model.
  assert.doesNotThrow(() => assertEnginesMatch(plan, plain, null));
  const capable: RenderEngines = {
    ...plain,
    byKey: { image: new Map([['onnx.sd-turbo', engine('onnx', onnx.version)]]), voice: new Map() },
  };
  assert.doesNotThrow(() => assertEnginesMatch(plan, capable, 'a'));
  const otherWeights: RenderEngines = {
    ...plain,
    byKey: {
      image: new Map([['onnx.sd-turbo', engine('onnx', 'sd-turbo/1:ffff')]]),
      voice: new Map(),
    },
  };
  assert.throws(() => assertEnginesMatch(plan, otherWeights, 'a'), /onnx\.sd-turbo engine differ/);
});
