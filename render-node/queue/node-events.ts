import type { Redis } from 'ioredis';
import type { StageProgress } from '../../shared/render/render-events.ts';
import type { RenderNodeEvent } from '../../shared/render/render-queue.ts';

const PROGRESS_INTERVAL_MS = 250;

export type PublishEvent = (event: RenderNodeEvent) => Promise<unknown>;

/** Sends a node event to every web instance (they subscribe to the events channel). */
export function eventPublisher(publisher: Redis, channel: string): PublishEvent {
  return (event) => publisher.publish(channel, JSON.stringify(event));
}

/**
 * Whether a unit's progress goes out now: at most every 250 ms per unit,
 * the first and the last (fraction 1) always. Pure apart from the clock it is given.
 */
export function progressThrottle(now: () => number = Date.now) {
  const lastSent = new Map<string, number>();
  return (progress: StageProgress): boolean => {
    const key = `${progress.stage}:${progress.sceneId ?? ''}`;
    const at = now();
    const last = lastSent.get(key);
    if (last !== undefined && progress.fraction < 1 && at - last < PROGRESS_INTERVAL_MS) {
      return false;
    }
    lastSent.set(key, at);
    return true;
  };
}

/** Publishes one render attempt's stage progress, throttled per unit. */
export function progressPublisher(publish: PublishEvent, renderId: string, attempt: number) {
  const shouldSend = progressThrottle();
  return (progress: StageProgress) => {
    if (shouldSend(progress)) void publish({ type: 'progress', renderId, attempt, progress });
  };
}
