import { useRef, useState } from 'react';
import type * as Y from 'yjs';
import { useI18n } from '../../i18n/index.ts';
import { MusicPicker } from '../music/music-picker.tsx';
import { MIN_BLOCK_PX } from './timeline-math.ts';
import { bedName, parseMusic } from './music-bed.ts';

/**
 * The music track: one bed under the whole project (its name, volume and
 * whether it ducks), or an invitation to add one. The whole lane is a button
 * (click, Enter or Space) that opens the music picker; viewers get it read-only.
 */
export function MusicTrack(props: {
  music: unknown;
  totalPx: number;
  doc: Y.Doc;
  projectId: string;
  readOnly: boolean;
  undo?: Y.UndoManager | undefined;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const lane = useRef<HTMLButtonElement>(null);
  const musicBed = parseMusic(props.music);
  const volume = musicBed ? Math.round(musicBed.volume * 100) : 0;
  const name = musicBed ? bedName(musicBed, t) : '';
  const label = musicBed
    ? t(musicBed.duck ? 'music.lane.labelDucked' : 'music.lane.label', { name, volume })
    : t(props.readOnly ? 'music.lane.labelNone' : 'music.lane.labelAdd');
  return (
    <>
      <button
        ref={lane}
        type="button"
        className="tl-track tl-track-music"
        aria-label={label}
        aria-haspopup="dialog"
        data-testid="timeline-music"
        data-has-music={musicBed !== null}
        data-invite={!musicBed && !props.readOnly}
        onClick={() => setOpen(true)}
      >
        {musicBed ? (
          <span className="tl-music" style={{ width: Math.max(props.totalPx, MIN_BLOCK_PX * 6) }}>
            <span className="tl-music-body">
              <span className="tl-music-name" data-testid="timeline-music-name">
                {name}
              </span>
              <span className="tl-music-volume" data-testid="timeline-music-volume">
                {t('music.lane.volume', { volume })}
              </span>
              {musicBed.generated ? (
                <span className="tl-music-generated" data-testid="timeline-music-generated">
                  {t('music.lane.generated')}
                </span>
              ) : null}
              {musicBed.duck ? (
                <span className="tl-music-ducked" data-testid="timeline-music-ducked">
                  {t('music.lane.ducked')}
                </span>
              ) : null}
            </span>
          </span>
        ) : (
          <span className="tl-music-empty">
            {props.readOnly ? t('music.lane.none') : t('music.lane.add')}
          </span>
        )}
      </button>
      <MusicPicker
        open={open}
        onOpenChange={setOpen}
        doc={props.doc}
        projectId={props.projectId}
        readOnly={props.readOnly}
        undo={props.undo}
        returnFocusTo={lane}
      />
    </>
  );
}
