/**
 * Why a render failed, as a stable code the UI words in the user's language
 * (app/i18n `render.failure.<code>`); the node's English sentence and the
 * tool's last stderr lines stay beside it as the technical detail. A failure
 * whose cause nobody recognised has no code and shows that sentence.
 */
export const RENDER_FAILURE_CODES = [
  'voice-engine-missing',
  'voice-engine-failed',
  'image-engine-failed',
  'ffmpeg-failed',
  'media-missing',
  'timed-out',
  'node-lost',
] as const;
export type RenderFailureCode = (typeof RENDER_FAILURE_CODES)[number];

export function isRenderFailureCode(value: unknown): value is RenderFailureCode {
  return (RENDER_FAILURE_CODES as readonly unknown[]).includes(value);
}

/**
 * The code of a job that BullMQ failed outside the node's own reporting
 * (its `failedReason`): a job stalled too often lost its node, and a job past
 * its time limit timed out.
 */
export function failureCodeOfReason(reason: string): RenderFailureCode | undefined {
  if (/stalled/i.test(reason)) return 'node-lost';
  if (/timed? ?out/i.test(reason)) return 'timed-out';
  if (/not in the media store/.test(reason)) return 'media-missing';
  return undefined;
}
