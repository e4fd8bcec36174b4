import { musicDucks } from '../../../shared/timeline.ts';

/** The project's music bed as the track and the picker show it. */
export interface MusicBedView {
  /** The stored file's hash, null when the document holds none readable. */
  asset: string | null;
  volume: number;
  /** The uploaded file's name, null for a bed uploaded before names were kept. */
  name: string | null;
  duck: boolean;
  /** A kept generated soundtrack (issue 18), not an uploaded file. */
  generated: boolean;
}

/**
 * The project's music setting as the track shows it: none, or a bed at a
 * volume (1 when unreadable), named when it has a name, ducked unless turned off.
 */
export function parseMusic(value: unknown): MusicBedView | null {
  if (!value || typeof value !== 'object') return null;
  const { asset, volume, name, duck, generated } = value as Record<string, unknown>;
  return {
    asset: typeof asset === 'string' && /^[0-9a-f]{64}$/.test(asset) ? asset : null,
    volume: typeof volume === 'number' && Number.isFinite(volume) ? volume : 1,
    name: typeof name === 'string' && name.trim() ? name : null,
    duck: musicDucks({ duck: typeof duck === 'boolean' ? duck : undefined }),
    generated: typeof generated === 'object' && generated !== null,
  };
}

/** The bed's name on the lane and in the history: its own, else what it is (pure). */
export function bedName(
  bed: MusicBedView,
  t: (key: 'music.lane.generatedPending' | 'music.lane.unnamed') => string,
): string {
  return bed.name ?? (bed.generated ? t('music.lane.generatedPending') : t('music.lane.unnamed'));
}
