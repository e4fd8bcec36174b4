/**
 * A deterministic long story for the analysis benchmark: chapters, scene
 * breaks, named characters, places, times of day and dialogue, in English,
 * so every step of the pipeline has real work to do.
 */

import { seededRandom } from '../../shared/seeded-random.ts';

const PEOPLE = [
  'Mara Quinn',
  'Tomas Reyes',
  'Ines Valdez',
  'Owen Marsh',
  'Lucia Ferro',
  'Hugo Brandt',
];
const PLACES = [
  'the lighthouse',
  'the village',
  'the harbour',
  'the old mill',
  'the forest',
  'the market',
  'the kitchen',
  'the castle',
];
const TIMES = [
  'By dusk',
  'At dawn',
  'That night',
  'The next morning',
  'By sunrise',
  'Three days later',
  'In the afternoon',
];
const ACTIONS = [
  'walked slowly along the wall, counting the boats',
  'opened the heavy door and listened to the wind',
  'lit a lantern and studied the old map on the table',
  'ran through the rain without looking back',
  'sat by the fire and mended the torn sail',
  'climbed the iron stairs with a brass compass in hand',
  'watched the grey water rise against the rocks',
  'laughed for the first time in many days',
];
const LINES = [
  'We have to leave before the storm',
  'Nobody touches the lamp tonight',
  'I saw a light to the south',
  'Then the light will not fail',
  'Tell me the legend again',
];

export function generateStory(targetWords: number, seed = 42): string {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const out: string[] = ['# The Long Night of Gull Point', ''];
  let words = 0;
  let chapter = 0;
  let paragraph = 0;
  while (words < targetWords) {
    if (paragraph % 40 === 0) {
      chapter++;
      out.push(`## Chapter ${chapter}`, '');
    } else if (paragraph % 9 === 0) {
      out.push('* * *', '');
    }
    const who = pick(PEOPLE);
    const first = who.split(' ')[0]!;
    const sentences = [
      `${pick(TIMES)}, ${who} ${pick(ACTIONS)} near ${pick(PLACES)}.`,
      `${first} ${pick(ACTIONS)}.`,
      `"${pick(LINES)}," ${rnd() < 0.5 ? 'she' : 'he'} whispered.`,
      `Down in ${pick(PLACES)}, the wind ${pick(['howled', 'fell silent', 'turned cold', 'carried the smell of salt'])}.`,
      `${pick(PEOPLE)} ${pick(ACTIONS)} while ${first} waited.`,
    ];
    const text = sentences.slice(0, 3 + Math.floor(rnd() * 3)).join(' ');
    out.push(text, '');
    words += text.split(/\s+/).length;
    paragraph++;
  }
  return out.join('\n');
}
