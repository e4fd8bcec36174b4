import { SCHEMA_VERSION, type Timeline, type TimelineScene } from '../../shared/timeline.ts';

/**
 * The benchmark's project: 12 scenes, about 55 s at 1080p30, slow zooms,
 * 0.5 s crossfades, espeak-ng narration of about ten words per scene.
 */

const SCENES: [string, string, string][] = [
  [
    'The lighthouse',
    'An old lighthouse on a rocky coast at night',
    'Every night, the old lighthouse keeper climbs the hundred stairs to the lamp.',
  ],
  [
    'The storm',
    'Storm clouds over the sea, rain on the water',
    'Tonight a heavy storm is rolling in from the west, faster than expected.',
  ],
  [
    'The harbour town',
    'A small harbour town street at dusk',
    'Down in the harbour town, the fishermen pull their boats ashore.',
  ],
  [
    'The forest road',
    'A forest road under the rain',
    'A lone traveller hurries along the forest road towards the coast.',
  ],
  [
    'The mountain pass',
    'Snowy mountain pass in the morning',
    'She has crossed the mountains on foot to bring the keeper a letter.',
  ],
  [
    'The keeper',
    'The keeper in the lantern room, warm light',
    'In the lantern room, the keeper polishes the great lens and checks the flame.',
  ],
  [
    'The ship',
    'A sailing ship on a dark sea, lighthouse beam',
    'Far out at sea, a small ship is lost, searching for the light.',
  ],
  [
    'The letter',
    'A quiet kitchen, morning light through the window',
    'The letter is short: the lighthouse will close for good next spring.',
  ],
  [
    'The decision',
    'A lonely house on a hill at sunset',
    'He reads it twice in silence, then folds it into his coat.',
  ],
  [
    'The rescue',
    'A small boat on the waves at dawn',
    'At dawn the two of them row out together to guide the ship home.',
  ],
  [
    'The village',
    'A village square in the sun, people celebrating',
    'The whole village gathers on the quay to welcome the sailors back.',
  ],
  [
    'The light',
    'The lighthouse at sunset, birds over the sea',
    'And the light keeps turning, every night, for everyone still at sea.',
  ],
];

const MOODS = [
  'mysterious',
  'tense',
  'calm',
  'tense',
  'epic',
  'hopeful',
  'mysterious',
  'calm',
  'melancholy',
  'hopeful',
  'joyful',
  'hopeful',
];

export function benchTimeline(): Timeline {
  const scenes: TimelineScene[] = SCENES.map(([title, prompt, narration], i) => ({
    id: `scene-${String(i + 1).padStart(2, '0')}`,
    order: `a${String(i).padStart(2, '0')}`,
    title,
    narration,
    prompt,
    durationSec: null,
    transition: 'crossfade',
    motion: 'zoom-in',
    seed: 1000 + i,
    cast: i % 3 === 0 ? ['keeper'] : [],
    location: 'The coast',
    mood: MOODS[i]!,
    act: 1 + Math.floor(i / 4),
    image: null,
  }));
  return {
    schemaVersion: SCHEMA_VERSION,
    title: 'The Last Lighthouse',
    language: 'en',
    aspect: '16:9',
    fps: 30,
    stylePreset: 'cinematic',
    voice: { engine: 'espeak-ng', voice: 'en', rate: 1, pitch: 1 },
    music: null,
    cast: [{ id: 'keeper', name: 'Elias', description: 'an old lighthouse keeper in a red coat' }],
    scenes,
  };
}

/** The same project with one scene's narration rewritten. */
export function withEditedNarration(
  timeline: Timeline,
  index: number,
  narration: string,
): Timeline {
  return {
    ...timeline,
    scenes: timeline.scenes.map((s, i) => (i === index ? { ...s, narration } : s)),
  };
}
