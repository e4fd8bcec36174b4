import type { Request, Response } from 'express';
import type { NotificationStreamEvent } from '../../shared/api/notifications.ts';
import type { Fanout } from './fanout.ts';

/** How often an idle stream sends a comment line (proxies close silent connections). */
export const HEARTBEAT_MS = 25_000;

/**
 * The notification streams open on this instance (Server-Sent Events), by
 * user. Events arrive through the fanout from whichever instance created
 * them; each heartbeat also checks that the session is still live, so a
 * stream ends with its session.
 */
export function createNotificationStreams(fanout: Fanout) {
  const open = new Map<string, Set<(event: NotificationStreamEvent) => void>>();
  const responses = new Set<Response>();
  const off = fanout.on((event) => {
    if (event.type !== 'user') return;
    for (const send of open.get(event.userId) ?? []) send(event.event as NotificationStreamEvent);
  });

  return {
    /** Serves one stream until the client leaves or `stillAllowed` answers false. */
    serve(
      req: Request,
      res: Response,
      userId: string,
      first: NotificationStreamEvent,
      stillAllowed: () => Promise<boolean>,
    ) {
      res.status(200);
      res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Accel-Buffering', 'no');
      res.flushHeaders();
      responses.add(res);
      const send = (event: NotificationStreamEvent) => {
        res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      };
      let listeners = open.get(userId);
      if (!listeners) open.set(userId, (listeners = new Set()));
      listeners.add(send);
      send(first);
      const heartbeat = setInterval(() => {
        void stillAllowed().then(
          (allowed) => (allowed ? res.write(': keep-alive\n\n') : res.end()),
          () => res.write(': keep-alive\n\n'),
        );
      }, HEARTBEAT_MS);
      const close = () => {
        clearInterval(heartbeat);
        responses.delete(res);
        listeners.delete(send);
        if (!listeners.size) open.delete(userId);
      };
      req.on('close', close);
      res.on('close', close);
    },

    /** Ends every stream (shutdown). */
    close() {
      off();
      for (const res of responses) res.end();
      responses.clear();
      open.clear();
    },
  };
}

export type NotificationStreams = ReturnType<typeof createNotificationStreams>;
