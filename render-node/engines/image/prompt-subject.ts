import {
  LIGHTING,
  MOOD_LIGHT,
  SHOT_WORDS,
  STYLE_DESCRIPTORS,
} from '../../../shared/analysis/prompt/styles.ts';

/**
 * The part of an image prompt that says what is in the picture. Prompts
 * built by the script analysis (buildImagePrompt) end in stock phrases for
 * a diffusion model: the shot ("close-up shot"), the light ("moonlight and
 * practical lights"), the mood ("muted desaturated palette") and the style
 * ("cinematic film still, anamorphic lens, shallow depth of field…"). Read
 * as words they put a stage in every cinematic scene ("cinema…"), a field
 * in its "depth of field" and a painter's palette on screen; the procedural
 * engine draws from what is left. The time of day is kept ("at night"); a
 * prompt a person wrote passes unchanged but for those phrases.
 */

const escape = (phrase: string) => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every stock phrase, longest first, so a longer phrase goes before a part of it. */
const STOCK_PHRASES: string[] = [
  ...Object.values(STYLE_DESCRIPTORS).flatMap((style) => style.positive.split(', ')),
  ...Object.values(SHOT_WORDS),
  ...Object.values(MOOD_LIGHT).flatMap((light) => light.split(', ')),
  // "at night, moonlight and practical lights, deep shadows": the first part says when; the rest is light.
  ...Object.values(LIGHTING).flatMap((light) =>
    [light.exterior, light.interior].flatMap((text) => text.split(', ').slice(1)),
  ),
]
  .map((phrase) => phrase.trim())
  .filter((phrase) => phrase.length > 0)
  .sort((a, b) => b.length - a.length);

const STOCK = new RegExp(`(^|,\\s*)(?:${STOCK_PHRASES.map(escape).join('|')})(?=\\s*(,|$))`, 'gi');

/**
 * `prompt` without its stock phrases; with a cast, also without the
 * "featuring Name (appearance)" clause the analysis ends it with: the cast
 * are drawn as figures already, and their appearance words ("his coat",
 * "a woman") are not more things or people in the scene.
 */
export function promptSubject(prompt: string, cast: readonly unknown[] = []): string {
  // Twice: removing one phrase lets the next match at its comma.
  let subject = prompt.replace(STOCK, '').replace(STOCK, '');
  if (cast.length) subject = subject.replace(/(^|,\s*)featuring\s[^]*$/i, '');
  return subject.replace(/^\s*,\s*/, '').trim();
}
