import type { RenderFailure, RenderStage } from '../shared/render/render-events.ts';
import { FfmpegError } from '../shared/node/ffmpeg/run-ffmpeg.ts';
import { failureCodeOfReason, type RenderFailureCode } from '../shared/render/render-failure.ts';

/**
 * A failed stage: which stage, which scene, and why (with the tool's last
 * stderr lines when a tool failed). Cancellation is not a failure: an
 * aborted signal's reason propagates unchanged.
 */
export class RenderError extends Error {
  readonly stage: RenderStage;
  readonly sceneId: string | null;
  readonly detail: string | undefined;
  readonly code: RenderFailureCode | undefined;
  constructor(stage: RenderStage, sceneId: string | null, cause: unknown) {
    const why = cause instanceof FfmpegError ? cause.message.split('\n')[0]! : messageOf(cause);
    super(`${stage}${sceneId ? ` (scene ${sceneId})` : ''}: ${why}`, { cause });
    this.name = 'RenderError';
    this.stage = stage;
    this.sceneId = sceneId;
    this.detail = cause instanceof FfmpegError ? cause.stderrTail : undefined;
    this.code = failureCodeOf(stage, cause);
  }

  /** The serialisable form for job results, the database and the UI. */
  toFailure(): RenderFailure {
    const failure: RenderFailure = {
      stage: this.stage,
      sceneId: this.sceneId,
      message: this.message,
    };
    if (this.code) failure.code = this.code;
    if (this.detail) failure.detail = this.detail;
    return failure;
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** Runs a stage, labelling any failure with the stage and scene (cancellation passes through). */
export async function inStage<T>(
  stage: RenderStage,
  sceneId: string | null,
  signal: AbortSignal,
  work: () => Promise<T>,
): Promise<T> {
  try {
    signal.throwIfAborted();
    return await work();
  } catch (error) {
    if (signal.aborted || isAbortError(error) || error instanceof RenderError) throw error;
    throw new RenderError(stage, sceneId, error);
  }
}

/**
 * The cause of a stage's failure as a code, where the node knows it: ffmpeg
 * failed, the voice engine is not installed (its program could not be
 * started) or failed, the image engine failed, a file is missing from the
 * media store. Anything else has no code (the UI shows the sentence).
 */
export function failureCodeOf(stage: RenderStage, cause: unknown): RenderFailureCode | undefined {
  if (cause instanceof FfmpegError) return 'ffmpeg-failed';
  const byReason = failureCodeOfReason(messageOf(cause));
  if (byReason) return byReason;
  if (stage === 'narration')
    return isMissingProgram(cause) ? 'voice-engine-missing' : 'voice-engine-failed';
  if (stage === 'image') return 'image-engine-failed';
  return undefined;
}

/** A program that could not be started because it is not installed (spawn ENOENT). */
function isMissingProgram(cause: unknown): boolean {
  const error = cause as { code?: unknown; syscall?: unknown } | null;
  return (
    typeof error === 'object' &&
    error !== null &&
    error.code === 'ENOENT' &&
    typeof error.syscall === 'string' &&
    error.syscall.startsWith('spawn')
  );
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
