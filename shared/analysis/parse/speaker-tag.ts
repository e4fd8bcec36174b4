import { squeeze, stripInlineMarkup } from '../text/normalize.ts';
import type { RawDialogue } from './raw-scene.ts';

/**
 * "MARA: Are you there?" / "Élise (bas) : Viens." — the chat-style dialogue
 * of many pasted scripts. The name is 1–4 capitalised words; labels that are
 * document metadata are not speakers.
 */
const TAG =
  /^(?:[-*•]\s*)?(?:\*\*|__)?([\p{Lu}][\p{L}\p{M}'’.-]*(?:\s[\p{Lu}][\p{L}\p{M}'’.-]*){0,3})(?:\*\*|__)?\s*(?:\(([^)]{1,40})\))?\s*(?:\*\*|__)?\s*:\s+(\S.*)$/u;

const NOT_SPEAKERS = new Set(
  (
    'title,titre,author,auteur,note,notes,date,source,chapter,chapitre,part,partie,warning,' +
    'attention,contact,draft date,copyright,summary,résumé,synopsis,logline,genre,format,' +
    'scene,scène,act,acte,step,étape,tip,astuce,question,answer,réponse,example,exemple,' +
    'remarque,nb,ps,tldr,objective,objectif,audience,public,cta,goal,but'
  ).split(','),
);

export function parseSpeakerTag(line: string): RawDialogue | null {
  const m = TAG.exec(line.trim());
  if (!m) return null;
  const speaker = m[1]!.trim();
  if (NOT_SPEAKERS.has(speaker.toLowerCase())) return null;
  const text = squeeze(stripInlineMarkup(m[3]!)).replace(/^["«“]\s*|\s*["»”]$/g, '');
  if (!text) return null;
  return { speaker, text, parenthetical: m[2]?.trim() ?? null };
}
