/**
 * Colour palettes for a scene, chosen from its mood (English or French
 * words), then its time of day, then a hue from the seed. Pure.
 */

export interface Palette {
  name: string;
  skyTop: string;
  skyBottom: string;
  glow: string;
  far: string;
  mid: string;
  near: string;
  accent: string;
  /** Sun, moon, lit windows. */
  light: string;
  /** Text and line colour on the picture. */
  ink: string;
}

const PALETTES: Record<string, Palette> = {
  hopeful: {
    name: 'hopeful',
    skyTop: '#2b3a67',
    skyBottom: '#f7b267',
    glow: '#f4845f',
    far: '#8e6c8a',
    mid: '#5b4a6e',
    near: '#2c2541',
    accent: '#ffd166',
    light: '#fff1c9',
    ink: '#fff7e6',
  },
  calm: {
    name: 'calm',
    skyTop: '#1d3557',
    skyBottom: '#a8dadc',
    glow: '#f1faee',
    far: '#6f9fb8',
    mid: '#3d6f8a',
    near: '#1c3b52',
    accent: '#f1c27d',
    light: '#fdfcf3',
    ink: '#f1faee',
  },
  joyful: {
    name: 'joyful',
    skyTop: '#4895ef',
    skyBottom: '#ffe5a8',
    glow: '#ffbe0b',
    far: '#90be6d',
    mid: '#43aa8b',
    near: '#277360',
    accent: '#ff595e',
    light: '#fff8d6',
    ink: '#ffffff',
  },
  tense: {
    name: 'tense',
    skyTop: '#140607',
    skyBottom: '#8d0801',
    glow: '#f28f3b',
    far: '#5a1a16',
    mid: '#35100f',
    near: '#140607',
    accent: '#f28f3b',
    light: '#ffd7a8',
    ink: '#fde8d7',
  },
  mysterious: {
    name: 'mysterious',
    skyTop: '#070922',
    skyBottom: '#40206a',
    glow: '#7b6cf6',
    far: '#3b2d6b',
    mid: '#22184a',
    near: '#0d0a1f',
    accent: '#9bf6ff',
    light: '#e6f7ff',
    ink: '#e8e6ff',
  },
  melancholy: {
    name: 'melancholy',
    skyTop: '#2b2d42',
    skyBottom: '#a3adbf',
    glow: '#e5e9f0',
    far: '#6b7489',
    mid: '#454d60',
    near: '#23272f',
    accent: '#d4a373',
    light: '#f4f6fa',
    ink: '#edf2f4',
  },
  epic: {
    name: 'epic',
    skyTop: '#03045e',
    skyBottom: '#f48c06',
    glow: '#faa307',
    far: '#6a2c70',
    mid: '#3c1642',
    near: '#120420',
    accent: '#ffba08',
    light: '#fff3c4',
    ink: '#fff8e7',
  },
};

/** Mood words (accents stripped) → palette. */
const MOOD_WORDS: [string[], string][] = [
  [
    ['hope', 'espoir', 'tender', 'tendre', 'warm', 'chaleur', 'roman', 'nostalg', 'dawn', 'aube'],
    'hopeful',
  ],
  [
    ['calm', 'serene', 'seren', 'peace', 'paisib', 'paix', 'quiet', 'tranquil', 'doux', 'gentle'],
    'calm',
  ],
  [
    ['joy', 'happy', 'heureu', 'bright', 'playful', 'fun', 'gai', 'joyeu', 'festi', 'cheer'],
    'joyful',
  ],
  [
    [
      'tens',
      'danger',
      'fear',
      'peur',
      'angr',
      'colere',
      'urgent',
      'panic',
      'threat',
      'menac',
      'violent',
    ],
    'tense',
  ],
  [
    [
      'myster',
      'eerie',
      'strange',
      'etrange',
      'dark',
      'sombre',
      'secret',
      'magic',
      'magique',
      'dream',
      'reve',
    ],
    'mysterious',
  ],
  [
    ['sad', 'triste', 'melanc', 'lonel', 'seul', 'grief', 'deuil', 'gloom', 'cold', 'froid'],
    'melancholy',
  ],
  [
    ['epic', 'epique', 'heroi', 'triumph', 'triomph', 'grand', 'victor', 'power', 'puissan'],
    'epic',
  ],
];

export type TimeOfDay = 'day' | 'dawn' | 'sunset' | 'night';

export function choosePalette(
  moodWords: readonly string[],
  time: TimeOfDay,
  seed: number,
): Palette {
  for (const [stems, name] of MOOD_WORDS) {
    if (moodWords.some((w) => stems.some((s) => w.startsWith(s)))) return PALETTES[name]!;
  }
  if (time === 'night') return PALETTES.mysterious!;
  if (time === 'sunset') return PALETTES.epic!;
  if (time === 'dawn') return PALETTES.hopeful!;
  return huePalette(seed % 360);
}

/** A harmonious palette around one hue, for scenes without a recognisable mood. */
export function huePalette(hue: number): Palette {
  const h = (offset: number) => (hue + offset + 360) % 360;
  return {
    name: `hue-${hue}`,
    skyTop: hsl(h(0), 45, 22),
    skyBottom: hsl(h(25), 55, 72),
    glow: hsl(h(35), 80, 70),
    far: hsl(h(-20), 25, 52),
    mid: hsl(h(-25), 30, 34),
    near: hsl(h(-30), 35, 16),
    accent: hsl(h(180), 70, 62),
    light: hsl(h(40), 90, 92),
    ink: '#ffffff',
  };
}

export function hsl(h: number, s: number, l: number): string {
  const a = (s / 100) * Math.min(l / 100, 1 - l / 100);
  const channel = (n: number) => {
    const k = (n + h / 30) % 12;
    const c = l / 100 - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

/** Linear mix of two #rrggbb colours; t = 0 gives `a`. */
export function mix(a: string, b: string, t: number): string {
  const pa = rgb(a);
  const pb = rgb(b);
  return `#${pa
    .map((v, i) =>
      Math.round(v + (pb[i]! - v) * t)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
