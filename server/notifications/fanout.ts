import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';

/**
 * Review events for every web instance, through one Redis pub/sub channel:
 * a comment change goes to the project's collaborators connected to any
 * instance (each relays it on its own sockets), a notification to the
 * person's open streams wherever they are (ADR 0034).
 */
export type FanoutEvent =
  | { type: 'project'; projectId: string; message: unknown }
  | { type: 'user'; userId: string; event: unknown };

export function createFanout(redis: Redis, prefix: string, logger: Logger) {
  const channel = `${prefix}:review-fanout`;
  const subscriber = redis.duplicate({
    lazyConnect: false,
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
  });
  const listeners = new Set<(event: FanoutEvent) => void>();
  subscriber
    .subscribe(channel)
    .catch((err) => logger.error({ err }, 'review fanout subscribe failed'));
  subscriber.on('message', (from, raw) => {
    if (from !== channel) return;
    let event: FanoutEvent;
    try {
      event = JSON.parse(raw) as FanoutEvent;
    } catch {
      return;
    }
    for (const listener of listeners) listener(event);
  });

  return {
    /** Sends an event to every instance (this one included); a Redis failure is logged, not thrown. */
    async publish(event: FanoutEvent) {
      await redis
        .publish(channel, JSON.stringify(event))
        .catch((err) => logger.warn({ err }, 'review fanout publish failed'));
    },

    on(listener: (event: FanoutEvent) => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    close() {
      listeners.clear();
      subscriber.disconnect();
    },
  };
}

export type Fanout = ReturnType<typeof createFanout>;
