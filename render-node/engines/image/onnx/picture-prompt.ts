import { COMMON_NEGATIVE, STYLE_DESCRIPTORS } from '../../../../shared/analysis/prompt/styles.ts';
import { squeeze } from '../../../../shared/analysis/text/normalize.ts';
import { clip } from '../../../../shared/analysis/text/tokens.ts';
import { fnv1a } from '../../../../shared/fnv1a.ts';
import type { PictureRequest } from '../engine.ts';

/**
 * What a text-to-image model is asked for a scene's picture (pure). The
 * scene's prompt (written by the script analysis, shared/analysis/prompt/,
 * or by a person) says what is in it; every cast member in the scene joins it
 * with their description, in the analysis' "featuring Name (appearance)"
 * form, so a character is described the same in every scene; the project's
 * style preset adds its words and its negative prompt. CLIP reads 77 tokens,
 * so the order is what matters most first: subject, cast, style.
 */

export interface PicturePrompt {
  prompt: string;
  negativePrompt: string;
}

/** A cast member's description is clipped like the analysis clips appearances. */
const MAX_DESCRIPTION_CHARS = 160;
const MAX_PROMPT_CHARS = 1_500;

/** Every style preset's words: a prompt built for one style must not bring them into another. */
const STYLE_PHRASES: ReadonlySet<string> = new Set(
  Object.values(STYLE_DESCRIPTORS).flatMap((style) =>
    style.positive.split(',').map((p) => p.trim().toLowerCase()),
  ),
);

export function castPhrase(member: { name: string; description: string }): string {
  const name = squeeze(member.name);
  const description = clip(squeeze(member.description), MAX_DESCRIPTION_CHARS);
  return description ? `${name} (${description})` : name;
}

/** The scene's own words: its prompt without style words and without a "featuring …" clause the cast replaces. */
function subjectOf(request: PictureRequest): string {
  const withoutCast = request.cast.length
    ? request.prompt.replace(/(^|,\s*)featuring\s[^]*$/i, '')
    : request.prompt;
  const subject = squeeze(withoutCast)
    .split(',')
    .map((piece) => piece.trim())
    .filter((piece) => piece && !STYLE_PHRASES.has(piece.toLowerCase()))
    .join(', ');
  // A scene with no prompt still has a title and a place to draw.
  return subject || [request.title, request.location].map(squeeze).filter(Boolean).join(', ');
}

export function composePicturePrompt(request: PictureRequest): PicturePrompt {
  const style = STYLE_DESCRIPTORS[request.stylePreset] ?? STYLE_DESCRIPTORS.cinematic;
  const cast = request.cast.filter((member) => squeeze(member.name));
  const parts = [
    subjectOf(request),
    cast.length ? `featuring ${cast.map(castPhrase).join('; ')}` : '',
    style.positive,
  ].filter((part) => part !== '');
  return {
    prompt: clip(parts.join(', '), MAX_PROMPT_CHARS),
    negativePrompt: `${COMMON_NEGATIVE}, ${style.negative}`,
  };
}

/**
 * The seed a scene's picture is generated with: the scene's seed plus an
 * offset from who is in it (FNV-1a of the sorted names), so the same
 * characters start from related noise in every scene of theirs whatever the
 * order they are listed in, and a scene without a cast keeps its own seed.
 */
export function pictureSeed(request: Pick<PictureRequest, 'seed' | 'cast'>): number {
  const names = request.cast.map((member) => squeeze(member.name).toLowerCase()).filter(Boolean);
  const offset = names.length ? fnv1a([...new Set(names)].sort().join('\n')) : 0;
  return (request.seed + offset) >>> 0;
}
