import { useState, type ReactNode } from 'react';
import { PlaybackContext, PlaybackPosition } from './playback.ts';

/** One playback position for the editor: the preview publishes it, the board and the timeline read it. */
export function PlaybackProvider({ children }: { children: ReactNode }) {
  const [playback] = useState(() => new PlaybackPosition());
  return <PlaybackContext.Provider value={playback}>{children}</PlaybackContext.Provider>;
}
