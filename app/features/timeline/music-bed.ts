/** The project's music setting as the track shows it: none, or a bed at a volume (1 when unreadable). */
export function parseMusic(value: unknown): { volume: number } | null {
  if (!value || typeof value !== 'object') return null;
  const volume = (value as { volume?: unknown }).volume;
  return { volume: typeof volume === 'number' && Number.isFinite(volume) ? volume : 1 };
}
