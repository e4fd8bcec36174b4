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

/** Every stock phrase, lower-cased: each is one comma-separated piece of a prompt. */
const STOCK_PHRASES: ReadonlySet<string> = new Set(
  [
    ...Object.values(STYLE_DESCRIPTORS).flatMap((style) => style.positive.split(',')),
    ...Object.values(SHOT_WORDS),
    ...Object.values(MOOD_LIGHT).flatMap((light) => light.split(',')),
    // "at night, moonlight and practical lights, deep shadows": the first part says when; the rest is light.
    ...Object.values(LIGHTING).flatMap((light) =>
      [light.exterior, light.interior].flatMap((text) => text.split(',').slice(1)),
    ),
  ]
    .map((phrase) => phrase.trim().toLowerCase())
    .filter((phrase) => phrase.length > 0),
);

/**
 * `prompt` without its stock phrases; with a cast, also without the
 * "featuring Name (appearance)" clause the analysis ends it with: the cast
 * are drawn as figures already, and their appearance words ("his coat",
 * "a woman") are not more things or people in the scene.
 */
export function promptSubject(prompt: string, cast: readonly unknown[] = []): string {
  const said = cast.length ? prompt.replace(/(^|,\s*)featuring\s[^]*$/i, '') : prompt;
  return said
    .split(',')
    .map((piece) => piece.trim())
    .filter((piece) => piece.length > 0 && !STOCK_PHRASES.has(piece.toLowerCase()))
    .join(', ');
}
