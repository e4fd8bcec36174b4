import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { toTimeline } from '../project-doc.ts';
import { renderReadinessIssues } from '../render/render-readiness.ts';
import { splitNarration } from '../voices/dialogue.ts';
import {
  PLACEHOLDER_MARK,
  SAMPLE_IDS,
  SAMPLES,
  TEMPLATE_IDS,
  buildStarterDoc,
  starterContent,
  templateContent,
} from './index.ts';

const built = (content: Parameters<typeof buildStarterDoc>[1], title?: string) => {
  const doc = new Y.Doc();
  buildStarterDoc(doc, content, title);
  return toTimeline(doc);
};

describe('starter projects', () => {
  test('one sample per narration language', () => {
    assert.deepEqual(SAMPLE_IDS.map((id) => SAMPLES[id].language).sort(), ['en', 'fr']);
  });

  for (const id of SAMPLE_IDS) {
    test(`sample ${id}: a valid, renderable timeline with its scenes, cast, voices and dialogue`, () => {
      const sample = SAMPLES[id];
      const timeline = built(sample);
      assert.equal(timeline.title, sample.title);
      assert.equal(timeline.language, sample.language);
      assert.deepEqual(renderReadinessIssues(timeline), []);
      assert.deepEqual(
        timeline.scenes.map((s) => [s.title, s.narration, s.mood]),
        sample.scenes.map((s) => [s.title, s.narration, s.mood]),
      );
      assert.ok(timeline.scenes.length >= 3 && timeline.scenes.length <= 5);
      assert.deepEqual(
        timeline.cast.map((c) => c.name).sort(),
        sample.cast.map((c) => c.name).sort(),
      );
      for (const member of timeline.cast) assert.ok(member.voice, `${member.name} has a voice`);
      const nameOf = new Map(timeline.cast.map((c) => [c.id, c.name]));
      timeline.scenes.forEach((scene, i) => {
        const keys = sample.scenes[i]!.cast;
        const names = keys.map((k) => sample.cast.find((c) => c.key === k)!.name);
        assert.deepEqual(scene.cast.map((c) => nameOf.get(c)).sort(), [...names].sort());
      });
      // Every dialogue line is spoken by a character of the cast, not read by the narrator.
      const speakers = timeline.scenes.flatMap((s) =>
        splitNarration(s.narration, timeline.cast).filter((p) => p.speakerId),
      );
      assert.ok(speakers.length >= 2, 'the sample has dialogue');
    });
  }

  for (const id of TEMPLATE_IDS) {
    for (const language of ['en', 'fr'] as const) {
      test(`template ${id} (${language}): placeholder scenes, marked, renderable`, () => {
        const content = templateContent(id, language);
        const timeline = built(content, 'My film');
        assert.equal(timeline.title, 'My film');
        assert.equal(timeline.language, language);
        assert.ok(timeline.scenes.length >= 3);
        assert.deepEqual(renderReadinessIssues(timeline), []);
        for (const scene of timeline.scenes) {
          assert.ok(scene.narration.startsWith(PLACEHOLDER_MARK[language]), scene.narration);
        }
        for (const member of timeline.cast) {
          assert.ok(member.description.startsWith(PLACEHOLDER_MARK[language]));
        }
      });
    }
  }

  test('the short story template puts its placeholder characters on their scenes', () => {
    const timeline = built(templateContent('short-story', 'fr'));
    assert.deepEqual(timeline.cast.map((c) => c.name).sort(), ['Héros', 'Rival']);
    assert.ok(timeline.scenes.every((s) => s.cast.length > 0));
  });

  test('unknown ids build nothing; a scene naming an unknown character is refused', () => {
    assert.equal(starterContent({ sample: 'nope' }, 'en'), null);
    assert.equal(starterContent({ template: 'constructor' }, 'en'), null);
    assert.equal(starterContent({ sample: 'toString' }, 'en'), null);
    assert.equal(starterContent({ template: 'lesson' }, 'fr')?.title, 'Leçon');
    const broken = {
      ...SAMPLES['night-ferry'],
      scenes: [{ ...SAMPLES['night-ferry'].scenes[0], cast: ['ghost'] }],
    };
    assert.throws(() => buildStarterDoc(new Y.Doc(), broken), /unknown cast member ghost/);
  });
});
