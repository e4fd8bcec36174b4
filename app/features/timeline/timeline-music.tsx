import { useI18n } from '../../i18n/index.ts';
import { MIN_BLOCK_PX } from './timeline-math.ts';
import { parseMusic } from './music-bed.ts';

/** The music track: one bed under the whole project, or a note that there is none. */
export function MusicTrack({ music, totalPx }: { music: unknown; totalPx: number }) {
  const { t } = useI18n();
  const musicBed = parseMusic(music);
  return (
    <div
      className="tl-track tl-track-music"
      role="group"
      aria-label={t('timeline.musicTrackLabel')}
      data-testid="timeline-music"
      data-has-music={musicBed !== null}
    >
      {musicBed ? (
        <div className="tl-music" style={{ width: Math.max(totalPx, MIN_BLOCK_PX * 6) }}>
          <span className="tl-music-body">
            {t('timeline.musicBed', { volume: Math.round(musicBed.volume * 100) })}
          </span>
        </div>
      ) : (
        <p className="tl-music-empty">{t('timeline.noMusic')}</p>
      )}
    </div>
  );
}
