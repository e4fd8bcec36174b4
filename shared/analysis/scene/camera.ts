import type { Motion } from '../../timeline.ts';
import type { Token } from '../text/tokens.ts';
import type { MoodLabel, SceneCamera, Setting, ShotType } from '../types.ts';
import type { Vocabulary } from '../vocabulary/index.ts';

/**
 * A shot by content: wide to establish a new place or show a crowd or a
 * landscape, close-up for faces, hands and documents or an intimate moment,
 * medium for people talking. The motion follows the shot: pans across wide
 * exteriors, a slow push in on close-ups and tense scenes.
 */

export interface CameraInput {
  tokens: readonly Token[];
  explicit: ShotType | null;
  newPlace: boolean;
  setting: Setting;
  characters: number;
  dialogueLines: number;
  mood: MoodLabel;
  intensity: number;
  index: number;
}

function motionFor(shot: ShotType, setting: Setting, mood: MoodLabel, index: number): Motion {
  if (shot === 'wide')
    return setting === 'interior' ? 'zoom-out' : index % 2 === 0 ? 'pan-right' : 'pan-left';
  if (shot === 'close-up') return 'zoom-in';
  return mood === 'tense' || mood === 'mysterious'
    ? 'zoom-in'
    : mood === 'calm'
      ? 'static'
      : 'zoom-out';
}

export function suggestCamera(input: CameraInput, vocab: Vocabulary): SceneCamera {
  if (input.explicit) {
    return {
      shot: input.explicit,
      motion: motionFor(input.explicit, input.setting, input.mood, input.index),
      reason: 'as the script asks',
    };
  }
  let wideWords = 0;
  let closeWords = 0;
  for (const t of input.tokens) {
    if (vocab.wideShotWords.has(t.key)) wideWords++;
    if (vocab.closeShotWords.has(t.key)) closeWords++;
  }
  const density = Math.max(1, input.tokens.length / 60);
  const wide =
    (input.newPlace ? 1.5 : 0) +
    (input.setting === 'exterior' ? 0.5 : 0) +
    Math.min(2, wideWords / density) -
    (input.dialogueLines >= 3 ? 1 : 0);
  const close =
    Math.min(2.5, (2 * closeWords) / density) +
    (input.characters === 1 && input.dialogueLines >= 1 ? 0.5 : 0) +
    (input.intensity > 0.75 && input.characters <= 2 ? 0.5 : 0);
  const medium = 1.5 + (input.characters >= 2 && input.dialogueLines >= 2 ? 1 : 0);
  let shot: ShotType = 'medium';
  let reason = input.dialogueLines >= 2 ? 'characters talking' : 'action at human scale';
  if (wide > medium && wide >= close) {
    shot = 'wide';
    reason = input.newPlace ? 'establishing a new place' : 'a crowd or a landscape';
  } else if (close > medium && close > wide) {
    shot = 'close-up';
    reason = closeWords ? 'a face, hands or a document matter here' : 'an intimate, intense moment';
  }
  return { shot, motion: motionFor(shot, input.setting, input.mood, input.index), reason };
}
