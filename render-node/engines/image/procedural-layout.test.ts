import assert from 'node:assert/strict';
import { test } from 'node:test';
import { depictScene } from './depict.ts';
import { letteringBox } from './procedural.ts';
import { layoutSubjects, type Box } from './procedural-layout.ts';
import type { IconPlacement } from './procedural-icons.ts';

/** What an icon covers: the whole square for props; a standing person is about half as wide as tall. */
const boxOf = (p: IconPlacement): Box => {
  const w = p.tint ? p.size * 0.5 : p.size;
  return { x: p.x - w / 2, y: p.y - p.size, w, h: p.size };
};
const overlap = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));

const layout = (
  prompt: string,
  W: number,
  H: number,
  cast: { name: string; description: string }[] = [],
) => {
  const d = depictScene({
    prompt,
    title: '',
    location: '',
    mood: '',
    stylePreset: 'cinematic',
    cast,
    seed: 1,
    width: W,
    height: H,
  });
  const stage = {
    W,
    H,
    // As designPicture draws it: a higher horizon on portrait frames.
    horizon: H * (H > W * 1.1 ? 0.56 : 0.62),
    terrain: 'hills' as const,
    lettering: letteringBox(W, H),
  };
  return { d, stage, placed: layoutSubjects(stage, d.figures, d.props) };
};

for (const [W, H] of [
  [1920, 1080],
  [1080, 1920],
  [1080, 1080],
]) {
  test(`${W}x${H}: every subject is placed in frame, clear of the lettering and of each other`, () => {
    for (const [prompt, crowded] of [
      ['three recycling bins and a hand holding a bottle', false],
      ['a family at sunset', false],
      ['a café counter with nets on the ceiling', false],
      ['a fishing boat on the sea', false],
      // More than the free ground holds: things may stand before others, never on the lettering.
      ['a family at sunset with a dog and a bicycle', true],
      ['a fishing boat on the sea with a crowd', true],
    ] as const) {
      const { d, stage, placed } = layout(prompt, W!, H!, [
        { name: 'Nadia', description: 'red coat' },
      ]);
      const all = [...placed.figures, ...placed.props];
      assert.equal(placed.figures.length, d.figures.length, prompt);
      assert.equal(
        placed.props.length,
        d.props.reduce((sum, p) => sum + p.count, 0),
        `${prompt}: one icon per counted prop`,
      );
      if (!crowded) {
        all.forEach((a, i) =>
          all.slice(i + 1).forEach((b) => {
            // A counted group ("three bins") stands side by side, touching.
            if (a.icon === b.icon && a.y === b.y && !a.tint) return;
            assert.equal(overlap(boxOf(a), boxOf(b)), 0, `${prompt}: ${a.icon} over ${b.icon}`);
          }),
        );
      }
      for (const p of all) {
        assert.equal(
          overlap(boxOf(p), stage.lettering),
          0,
          `${prompt}: ${p.icon} on the lettering`,
        );
        const box = boxOf(p);
        assert.ok(box.x >= 0 && box.x + box.w <= W! && p.y <= H!, `${prompt}: ${p.icon} in frame`);
      }
    }
  });
}

test('kinds are scaled by depth: a boat is bigger than a bottle, and stands further back', () => {
  const { placed } = layout('a boat and a bottle', 1920, 1080);
  const boat = placed.props.find((p) => p.icon === 'sailboat')!;
  const bottle = placed.props.find((p) => p.icon === 'bottle-with-popping-cork')!;
  assert.ok(boat.size > bottle.size * 1.5);
  assert.ok(boat.y < bottle.y, 'the boat stands in the middle ground, the bottle in front');
  assert.ok(overlap(boxOf(boat), boxOf(bottle)) === 0);
});
