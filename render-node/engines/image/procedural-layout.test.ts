import assert from 'node:assert/strict';
import { test } from 'node:test';
import { depictScene, focalSubject } from './depict.ts';
import { letteringBox } from './procedural.ts';
import { IN_FRONT_OF, layoutSubjects, placementBox, type Box } from './procedural-layout.ts';

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
  const focus = focalSubject(prompt, d);
  return { d, stage, focus, placed: layoutSubjects(stage, d.figures, d.props, focus) };
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
            // A counted group ("three bins") stands together, touching; a subject's in two ranks.
            if (a.icon === b.icon && !a.tint) return;
            // A held thing is drawn in the hand that holds it, on purpose.
            if (a.held || b.held) return;
            // A person may stand before the lower part of a thing (a counter, a boat's hull).
            const [person, thing] = a.tint ? [a, b] : [b, a];
            if (person.tint && !thing.tint) {
              const upper = placementBox(thing);
              upper.h *= 1 - IN_FRONT_OF;
              assert.equal(
                overlap(placementBox(person), upper),
                0,
                `${prompt}: ${person.icon} hides ${thing.icon}`,
              );
              return;
            }
            assert.equal(
              overlap(placementBox(a), placementBox(b)),
              0,
              `${prompt}: ${a.icon} over ${b.icon}`,
            );
          }),
        );
      }
      for (const p of all) {
        assert.equal(
          overlap(placementBox(p), stage.lettering),
          0,
          `${prompt}: ${p.icon} on the lettering`,
        );
        const box = placementBox(p);
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
  assert.ok(overlap(placementBox(boat), placementBox(bottle)) === 0);
});

/** The box around every icon of the subject (a boat; the family's figures). */
const focalBox = (
  placed: ReturnType<typeof layout>['placed'],
  focus: ReturnType<typeof layout>['focus'],
): Box => {
  const icons =
    focus && 'figures' in focus
      ? placed.figures
      : placed.props.filter((p) => focus && 'icon' in focus && p.icon === focus.icon);
  assert.ok(icons.length > 0, 'the subject is placed');
  const boxes = icons.map(placementBox);
  const top = Math.min(...boxes.map((b) => b.y));
  const left = Math.min(...boxes.map((b) => b.x));
  return {
    x: left,
    y: top,
    w: Math.max(...boxes.map((b) => b.x + b.w)) - left,
    h: Math.max(...boxes.map((b) => b.y + b.h)) - top,
  };
};

// Landscape, the frames' usual shape (a square frame's subject shares its width with the lettering).
for (const [W, H] of [[1920, 1080]]) {
  test(`${W}x${H}: the scene's subject is big, on the right third, clear of the lettering`, () => {
    for (const [prompt, subject] of [
      ['a fishing boat on the sea', 'sailboat'],
      ['une famille au coucher du soleil', 'figures'],
      ['a family at sunset', 'figures'],
    ] as const) {
      const { placed, focus, stage } = layout(prompt, W!, H!);
      assert.deepEqual(
        focus,
        subject === 'figures' ? { figures: true } : { icon: subject },
        prompt,
      );
      const box = focalBox(placed, focus);
      assert.ok(
        box.h >= H! / 3,
        `${prompt}: the subject is ${(box.h / H!).toFixed(2)} of the height`,
      );
      assert.ok(box.x + box.w / 2 > W! * 0.5, `${prompt}: the subject stands right of centre`);
      assert.equal(
        overlap(box, stage.lettering),
        0,
        `${prompt}: the subject is clear of the lettering`,
      );
    }
  });
}

test('the subject is what the prompt names first; secondary things stay readable', () => {
  const bins = layout('three recycling bins and a hand holding a bottle', 1920, 1080);
  assert.deepEqual(bins.focus, { icon: 'wastebasket' });
  const hand = bins.placed.props.find((p) => p.icon === 'raised-hand')!;
  const bottle = bins.placed.props.find((p) => p.icon === 'bottle-with-popping-cork')!;
  assert.ok(bottle.held, 'the bottle is in the hand');
  assert.ok(hand.size >= 1080 * 0.12, `the hand is ${(hand.size / 1080).toFixed(2)} of the height`);
  for (const bin of bins.placed.props.filter((p) => p.icon === 'wastebasket')) {
    assert.ok(bin.size > hand.size, 'the bins, the subject, are bigger than the hand');
  }
  // People named before things are the subject; a cast member alone in a room is too.
  assert.deepEqual(layout('a teacher with books', 1920, 1080).focus, { figures: true });
  const cafe = layout('a café counter with nets on the ceiling', 1920, 1080, [
    { name: 'Nadia', description: 'red coat' },
  ]);
  assert.deepEqual(cafe.focus, { figures: true }, 'overhead nets are décor, not the subject');
  assert.ok(cafe.placed.figures[0]!.size >= 1080 / 3, 'Nadia is big');
  // An orchard's apple trees are the setting, not a giant apple.
  assert.equal(layout('un verger de pommiers la nuit', 1920, 1080).focus, null);
});
