import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ArtifactKind, ArtifactRef } from '../../shared/render/render-events.ts';
import type { RenderOutput } from '../../shared/render/render-output.ts';
import type { SceneRender } from '../render-scene.ts';
import { cacheReport, scenesInPlanOrder } from './assemble-worker.ts';

const ref = (kind: ArtifactKind, cached: boolean): ArtifactRef => ({
  kind,
  hash: `${kind}-hash`,
  ext: 'bin',
  cached,
});

const scene = (sceneId: string, narration: boolean): SceneRender => ({
  sceneId,
  frames: 90,
  narration: null,
  artifacts: {
    picture: ref('picture', true),
    lettering: ref('lettering', false),
    narration: narration ? ref('narration', true) : null,
    segments: [ref('segment', false)],
  },
});

test('the cache report lists every artifact once, per scene where it belongs to one', () => {
  const output = {
    transitions: [ref('transition', true)],
    audio: ref('audio', true),
    captions: { vtt: ref('captions-vtt', false), srt: ref('captions-srt', false) },
    video: ref('video', false),
    poster: ref('poster', false),
  } as RenderOutput;
  const report = cacheReport([scene('a', true), scene('b', false)], output);
  assert.deepEqual(
    report.filter((r) => r.sceneId === 'a').map((r) => [r.kind, r.cached]),
    [
      ['picture', true],
      ['lettering', false],
      ['narration', true],
      ['segment', false],
    ],
  );
  assert.deepEqual(
    report.filter((r) => r.sceneId === 'b').map((r) => r.kind),
    ['picture', 'lettering', 'segment'],
    'a silent scene has no narration entry',
  );
  assert.deepEqual(
    report.filter((r) => r.sceneId === null).map((r) => r.kind),
    ['transition', 'audio', 'captions-vtt', 'captions-srt', 'video', 'poster'],
  );
});

test('scene results are put in plan order; a missing one is an error', () => {
  const plan = { scenes: [{ id: 'b' }, { id: 'a' }] } as Parameters<typeof scenesInPlanOrder>[0];
  assert.deepEqual(
    scenesInPlanOrder(plan, [scene('a', false), scene('b', false)]).map((s) => s.sceneId),
    ['b', 'a'],
  );
  assert.throws(() => scenesInPlanOrder(plan, [scene('a', false)]), /scene b has no result/);
});
