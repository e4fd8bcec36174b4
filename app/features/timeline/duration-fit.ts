import type * as Y from 'yjs';
import { scenesMap, setSceneField } from '../../../shared/project-doc.ts';
import type { DurationMismatch } from '../../../shared/scene-duration.ts';
import type { MessageKey } from '../../i18n/index.ts';

/**
 * "Fit to narration": scenes with a set duration go back to automatic
 * (`durationSec: null`), so they last their narration again and follow its
 * edits. One transaction, so one undo step however many scenes; scenes
 * already automatic are left alone. Returns how many scenes changed.
 */
export function fitToNarration(doc: Y.Doc, ids: Iterable<string>): number {
  const scenes = scenesMap(doc);
  let changed = 0;
  doc.transact(() => {
    for (const id of ids) {
      if (typeof scenes.get(id)?.get('durationSec') !== 'number') continue;
      if (setSceneField(doc, id, 'durationSec', null)) changed++;
    }
  });
  return changed;
}

/** Key that fits the focused timeline block to its narration (shown in the shortcuts list). */
export const FIT_KEY = 'f';

/** The words of a mismatch: the badge's short text and the sentence read to screen readers. */
export function mismatchMessages(mismatch: DurationMismatch): {
  badge: MessageKey;
  sentence: MessageKey;
  source: MessageKey;
  offSec: number;
} {
  const long = mismatch.kind === 'long';
  return {
    badge: long ? 'timeline.mismatchBadgeLong' : 'timeline.mismatchBadgeShort',
    sentence: long ? 'timeline.mismatchLong' : 'timeline.mismatchShort',
    source: mismatch.measured ? 'timeline.narrationMeasured' : 'timeline.narrationEstimated',
    offSec: Math.abs(mismatch.offSec),
  };
}
