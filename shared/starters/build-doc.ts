import type * as Y from 'yjs';
import { addCastMember, addScene, initProjectDoc, setCastVoice } from '../project-doc.ts';
import type { StarterContent } from './types.ts';

/**
 * Writes a starter's cast and scenes into a brand-new project document
 * (initialised here with the given title and the starter's language) in one
 * transaction, through the same accessors every other writer uses. Throws
 * (changing nothing written so far being irrelevant: the document is new) when
 * the data is not valid, e.g. a scene naming a character the cast lacks.
 */
export function buildStarterDoc(doc: Y.Doc, content: StarterContent, title = content.title) {
  initProjectDoc(doc, { title, language: content.language });
  doc.transact(() => {
    const ids = new Map<string, string>();
    for (const member of content.cast) {
      const id = addCastMember(doc, { name: member.name, description: member.description });
      if (member.voice) setCastVoice(doc, id, member.voice);
      ids.set(member.key, id);
    }
    for (const scene of content.scenes) {
      const cast = scene.cast.map((key) => {
        const id = ids.get(key);
        if (!id) throw new RangeError(`Scene “${scene.title}” names unknown cast member ${key}`);
        return id;
      });
      addScene(doc, {
        title: scene.title,
        narration: scene.narration,
        prompt: scene.prompt,
        durationSec: scene.durationSec,
        mood: scene.mood,
        location: scene.location,
        cast,
      });
    }
  });
}
