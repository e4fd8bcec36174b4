import type { StylePreset } from '../../timeline.ts';
import { squeeze } from '../text/normalize.ts';
import { clip } from '../text/tokens.ts';
import type { AnalyzedScene, CastMember } from '../types.ts';
import { COMMON_NEGATIVE, LIGHTING, MOOD_LIGHT, SHOT_WORDS, STYLE_DESCRIPTORS } from './styles.ts';

/**
 * Turns a scene and a style preset into an image prompt and a negative
 * prompt. Always English (image models are trained on English captions),
 * deterministic (same scene, same prompt), and ordered the way diffusion
 * models weigh them: shot, subject, setting, light, cast, style.
 */

export type PromptScene = Pick<
  AnalyzedScene,
  'visual' | 'location' | 'timeOfDay' | 'mood' | 'camera' | 'characters'
>;
export type PromptCast = Pick<CastMember, 'id' | 'name' | 'kind' | 'visual' | 'gender'>;

export interface ImagePrompt {
  prompt: string;
  negativePrompt: string;
}

/** Fits the doc's 4,000-character prompt field with room to spare for edits. */
export const MAX_PROMPT_CHARS = 1_500;
const MAX_CAST_IN_PROMPT = 3;

function settingPhrase(location: PromptScene['location']): string {
  if (!location?.english) return '';
  const place = location.english;
  // "June's van", "the old mill": no article of our own.
  const bare = /^(?:the|a|an)\s/i.test(place) || /^\p{Lu}[\p{L}-]*['’]s\s/u.test(place);
  const the = bare ? '' : 'the ';
  if (location.setting === 'interior') return `inside ${the}${place}`;
  if (location.setting === 'exterior') return `outdoors at ${the}${place}`;
  return `at ${the}${place}`;
}

/** How a prompt names a character: a role in English ("the old king"), a name as written. */
export function promptName(member: Pick<PromptCast, 'name' | 'kind' | 'visual'>): string {
  return member.kind === 'role' && member.visual ? `the ${member.visual}` : member.name;
}

const GENDERED =
  /\b(?:woman|man|girl|boy|lady|king|queen|prince|princess|mother|father|sister|brother|wife|husband|daughter|son|witch|wizard|fisherwoman|fisherman)\b/;

/**
 * A character's appearance for a prompt, in English: the visual description
 * with "a woman" / "a man" first when the text says so and nothing else does.
 * It is also the document's cast description (apply-to-doc.ts).
 */
export function castAppearance(member: Pick<PromptCast, 'kind' | 'visual' | 'gender'>): string {
  let visual = member.visual;
  // A talking crow is not "a man": only people get a human noun.
  if (member.kind !== 'named' || !member.gender) return visual;
  visual = visual.replace(/\btheir\b/g, member.gender === 'female' ? 'her' : 'his');
  if (GENDERED.test(visual)) return visual;
  const noun = member.gender === 'female' ? 'a woman' : 'a man';
  return visual ? `${noun}, ${visual}` : noun;
}

/** "Mara Quinn (a woman, coat soaked through)", "the old king": the same words in every scene keep a character recognisable. */
export function castPhrase(member: PromptCast): string {
  if (member.kind === 'role') return promptName(member);
  const appearance = castAppearance(member);
  return appearance ? `${member.name} (${clip(appearance, 160)})` : member.name;
}

export function buildImagePrompt(
  scene: PromptScene,
  options: { stylePreset: StylePreset; cast?: readonly PromptCast[] },
): ImagePrompt {
  const style = STYLE_DESCRIPTORS[options.stylePreset] ?? STYLE_DESCRIPTORS.cinematic;
  const byId = new Map((options.cast ?? []).map((c) => [c.id, c]));
  const present = scene.characters
    .map((id) => byId.get(id))
    .filter((c): c is PromptCast => c !== undefined)
    .slice(0, MAX_CAST_IN_PROMPT);
  const interior = scene.location?.setting === 'interior';
  const light = scene.timeOfDay
    ? LIGHTING[scene.timeOfDay][interior ? 'interior' : 'exterior']
    : '';
  const parts = [
    SHOT_WORDS[scene.camera.shot],
    clip(squeeze(scene.visual).replace(/[.!?…]+$/, ''), 500),
    settingPhrase(scene.location),
    light,
    MOOD_LIGHT[scene.mood.label],
    present.length ? `featuring ${present.map(castPhrase).join('; ')}` : '',
    style.positive,
  ].filter((p) => p.trim() !== '');
  return {
    prompt: clip(parts.join(', '), MAX_PROMPT_CHARS),
    negativePrompt: `${COMMON_NEGATIVE}, ${style.negative}`,
  };
}
