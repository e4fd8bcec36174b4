import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderPreset } from '../../shared/render/render-presets.ts';
import { scene, timeline, tinyPreset } from '../test-fixtures.ts';
import {
  bodyChunks,
  layoutRender,
  PlanError,
  planRender,
  sceneFrames,
  TIMING,
  trailingSilenceSec,
  trailingSilenceWarning,
  type EngineVersions,
  type RenderPlan,
  type SceneTiming,
} from './plan.ts';

const engines: EngineVersions = {
  image: { id: 'procedural', version: 'p1' },
  voice: { id: 'espeak-ng', version: 'e1' },
  lettering: 'l1',
  ffmpeg: 'f1',
};

const threeScenes = () =>
  timeline([
    scene('a', { narration: 'One.', transition: 'crossfade' }),
    scene('b', { narration: 'Two.', transition: 'cut' }),
    scene('c', { narration: 'Three.', durationSec: 2 }),
  ]);

test('transitions are planned in frames between consecutive scenes; a cut has none', () => {
  const plan = planRender(threeScenes(), tinyPreset(), engines);
  assert.equal(plan.fps, 10);
  assert.deepEqual(
    plan.transitions.map((t) => [t.fromSceneId, t.toSceneId, t.kind, t.frames]),
    [
      ['a', 'b', 'crossfade', 5],
      ['b', 'c', 'cut', 0],
    ],
  );
  assert.deepEqual(
    plan.scenes.map((s) => [s.transitionInFrames, s.transitionOutFrames, s.fixedFrames]),
    [
      [0, 5, null],
      [5, 0, null],
      [0, 0, 20],
    ],
  );
});

test('a set duration bounds the transitions touching it so each body keeps a frame', () => {
  const plan = planRender(
    timeline([
      scene('a', { narration: 'x' }),
      scene('b', { durationSec: 0.5 }),
      scene('c', { narration: 'y' }),
    ]),
    tinyPreset(),
    engines,
  );
  assert.deepEqual(
    plan.transitions.map((t) => t.frames),
    [2, 2],
  );
  assert.equal(sceneFrames({ ...plan.scenes[1]!, timing: plan.timing }, null), 5);
});

test('a narrated scene lasts lead + narration + tail + its outgoing transition', () => {
  const plan = planRender(threeScenes(), tinyPreset(), engines);
  const [a, b] = plan.scenes;
  // lead 3 frames (0.25 s at 10 fps, rounded), tail 4, transition out 5.
  assert.equal(sceneFrames({ ...a!, timing: plan.timing }, 20.2), 3 + 21 + 4 + 5);
  assert.equal(sceneFrames({ ...b!, timing: plan.timing }, 20), 3 + 20 + 4 + 0);
});

/** Renders every scene as sceneFrames would from narrations of these lengths (seconds). */
function renderedTimings(plan: RenderPlan, narrationSec: (number | null)[]): SceneTiming[] {
  return plan.scenes.map((s, i) => {
    const sec = narrationSec[i] ?? null;
    return {
      sceneId: s.id,
      frames: sceneFrames({ ...s, timing: plan.timing }, sec === null ? null : sec * plan.fps),
      narration: sec === null ? null : { samples: Math.round(sec * 22050), sampleRate: 22050 },
    };
  });
}

test('automatic scene durations follow their narration, however long it gets', () => {
  const plan = planRender(
    timeline([scene('a', { narration: 'One.' }), scene('b', { narration: 'Two.' })]),
    tinyPreset(),
    engines,
  );
  const totals = [1.5, 3, 12.4].map((sec) => {
    const layout = layoutRender(plan, renderedTimings(plan, [sec, 2]));
    // Scene a: lead + narration + tail + its crossfade out, in frames at 10 fps.
    assert.equal(layout.scenes[0]!.frames, 3 + Math.ceil(sec * 10 - 1e-6) + 4 + 5);
    assert.equal(layout.scenes[0]!.narration!.truncated, false);
    return layout.durationSec;
  });
  assert.ok(totals[0]! < totals[1]! && totals[1]! < totals[2]!, 'longer words, longer video');
});

test('a video of automatic scenes never ends on more than a second of silence', () => {
  for (const transition of ['crossfade', 'cut', 'fade-black'] as const) {
    const plan = planRender(
      timeline([
        scene('a', { narration: 'First.', transition }),
        scene('b', { narration: 'Last.', transition }),
      ]),
      tinyPreset(),
      engines,
    );
    for (const lastSec of [0.05, 0.3, 0.9, 2.5, 17]) {
      const layout = layoutRender(plan, renderedTimings(plan, [1.2, lastSec]));
      const silence = trailingSilenceSec(plan, layout);
      assert.ok(silence <= TIMING.maxTrailingSilenceSec, `${transition}, ${lastSec} s: ${silence}`);
      assert.equal(trailingSilenceWarning(plan, layout), null);
    }
  }
});

test('a set duration longer than the last narration is kept, with a warning', () => {
  const plan = planRender(
    timeline([
      scene('a', { narration: 'First.' }),
      scene('b', { narration: 'Last.', durationSec: 12 }),
    ]),
    tinyPreset(),
    engines,
  );
  const layout = layoutRender(plan, renderedTimings(plan, [1, 2]));
  assert.equal(layout.scenes[1]!.frames, 120, 'the person asked for 12 s');
  // 12 s − 0.3 s lead − 2 s of words.
  assert.ok(Math.abs(trailingSilenceSec(plan, layout) - 9.7) < 1e-9);
  assert.match(trailingSilenceWarning(plan, layout)!, /ends on 9\.7 s without narration.*scene 2/);
});

test('a wordless closing scene with a set duration is the silence it asks for', () => {
  const plan = planRender(
    timeline([
      scene('a', { narration: 'Words.', transition: 'cut' }),
      scene('b', { durationSec: 3 }),
    ]),
    tinyPreset(),
    engines,
  );
  const layout = layoutRender(plan, renderedTimings(plan, [1, null]));
  // a: 0.3 s lead + 1 s + 0.4 s tail (frames at 10 fps), then b's 3 s.
  assert.ok(Math.abs(trailingSilenceSec(plan, layout) - 3.4) < 1e-9);
  assert.match(trailingSilenceWarning(plan, layout)!, /scene 2's set duration/);
});

test('the layout overlaps scenes by their transitions and its pieces add up to the total', () => {
  const plan = planRender(threeScenes(), tinyPreset(), engines);
  const narration = { samples: 48000, sampleRate: 48000 };
  const layout = layoutRender(plan, [
    { sceneId: 'a', frames: 30, narration },
    { sceneId: 'b', frames: 50, narration },
    { sceneId: 'c', frames: 20, narration },
  ]);
  assert.equal(layout.totalFrames, 30 + 50 + 20 - 5);
  assert.equal(layout.durationSec, 9.5);
  assert.equal(layout.totalSamples, 9.5 * 48000);
  assert.deepEqual(
    layout.scenes.map((s) => [s.startFrame, s.body.from, s.body.to]),
    [
      [0, 0, 25],
      [25, 5, 50],
      [75, 0, 20],
    ],
  );
  // Bodies longer than 4 s (scene b's 4.5 s) are split into equal chunks.
  assert.deepEqual(
    layout.pieces.map((p) =>
      p.kind === 'body'
        ? `body${p.sceneIndex}.${p.chunk}:${p.frames}`
        : `t${p.transitionIndex}:${p.frames}`,
    ),
    ['body0.0:25', 't0:5', 'body1.0:23', 'body1.1:22', 'body2.0:20'],
  );
  assert.equal(
    layout.pieces.reduce((sum, p) => sum + p.frames, 0),
    layout.totalFrames,
  );
  // Narration starts `lead` frames into each scene, in samples.
  assert.deepEqual(
    layout.scenes.map((s) => s.narration?.startSample),
    [3 * 4800, 28 * 4800, 78 * 4800],
  );
  // Scene c lasts 2 s; 1 s of narration fits after the lead; scene b's does too.
  assert.equal(layout.scenes[2]!.narration!.truncated, false);
});

test('narration longer than a set duration is cut at the next scene', () => {
  const plan = planRender(
    timeline([scene('a', { narration: 'Long.', durationSec: 1 }), scene('b', { narration: 'x' })]),
    tinyPreset(),
    engines,
  );
  const layout = layoutRender(plan, [
    { sceneId: 'a', frames: 10, narration: { samples: 22050 * 3, sampleRate: 22050 } },
    { sceneId: 'b', frames: 10, narration: null },
  ]);
  const a = layout.scenes[0]!.narration!;
  assert.equal(a.truncated, true);
  // 10 frames − 4 frames of transition out (bounded by the 1 s duration) − 3 frames of lead = 0.3 s.
  assert.equal(plan.transitions[0]!.frames, 4);
  assert.equal(a.samples, 14400);
});

test('bodyChunks splits evenly into pieces no longer than the chunk', () => {
  assert.deepEqual(bodyChunks({ from: 15, to: 153 }, 120), [
    { from: 15, to: 84 },
    { from: 84, to: 153 },
  ]);
  assert.deepEqual(bodyChunks({ from: 0, to: 7 }, 120), [{ from: 0, to: 7 }]);
});

test("keys: editing one narration changes only that scene's narration and lettering keys", () => {
  const before = planRender(threeScenes(), tinyPreset(), engines);
  const edited = threeScenes();
  edited.scenes[1] = { ...edited.scenes[1]!, narration: 'Two, rewritten.' };
  const after = planRender(edited, tinyPreset(), engines);
  const keys = (p: typeof before) =>
    p.scenes.map((s) => [s.picture.key, s.lettering.key, s.narration?.key]);
  const [a0, b0, c0] = keys(before);
  const [a1, b1, c1] = keys(after);
  assert.deepEqual(a1, a0);
  assert.deepEqual(c1, c0);
  assert.equal(b1![0], b0![0], 'the picture does not depend on the narration');
  assert.notEqual(b1![1], b0![1], 'the lettering quotes the narration');
  assert.notEqual(b1![2], b0![2]);
  // Another engine version re-keys everything it makes.
  const newVoice = planRender(threeScenes(), tinyPreset(), {
    ...engines,
    voice: { id: 'espeak-ng', version: 'e2' },
  });
  assert.notEqual(newVoice.scenes[0]!.narration!.key, before.scenes[0]!.narration!.key);
  assert.equal(newVoice.scenes[0]!.picture.key, before.scenes[0]!.picture.key);
});

test('planning refuses what cannot be rendered, naming every problem', () => {
  assert.throws(
    () =>
      planRender(
        timeline([scene('a'), scene('b', { narration: 'ok' })], { aspect: '9:16' }),
        renderPreset('1080p', '16:9'),
        engines,
      ),
    (error: unknown) => {
      assert.ok(error instanceof PlanError);
      assert.deepEqual(
        error.issues.map((i) => i.path.join('.')),
        ['scenes.0.narration', 'aspect'],
      );
      assert.equal(error.issues[0]!.sceneId, 'a');
      return true;
    },
  );
  assert.throws(() => planRender(timeline([]), tinyPreset(), engines), PlanError);
});

test('burned-in captions move the lettering up and drop its narration line', () => {
  const plan = planRender(threeScenes(), tinyPreset(), engines, { burnCaptions: true });
  assert.equal(plan.scenes[0]!.lettering.request.placement, 'upper');
  assert.equal(plan.scenes[0]!.lettering.request.narrationLine, '');
  const plain = planRender(threeScenes(), tinyPreset(), engines);
  assert.equal(plain.scenes[0]!.lettering.request.narrationLine, 'One.');
});
