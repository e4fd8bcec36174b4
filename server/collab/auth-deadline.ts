import type { Extension, connectedPayload } from '@hocuspocus/server';

/** Close code and reason of a socket that authenticated no document in time. */
export const AUTH_TIMEOUT = { code: 4408, reason: 'auth-timeout' } as const;

/**
 * Closes sockets that have not authenticated a document within `timeoutMs`
 * (COLLAB_AUTH_TIMEOUT_MS): an idle unauthenticated socket costs memory and
 * a file descriptor, and Hocuspocus's own deadline is a minute. A socket is
 * known by its upgrade request, the object Hocuspocus hands to `connected`.
 */
export function authDeadline(
  timeoutMs: number,
  /** Told once per watched socket when it authenticated or closed (pending-socket counts). */
  onSettled?: (request: object) => void,
) {
  const timers = new WeakMap<object, ReturnType<typeof setTimeout>>();
  const clear = (request: object) => {
    if (!timers.has(request)) return;
    clearTimeout(timers.get(request));
    timers.delete(request);
    onSettled?.(request);
  };
  return {
    /** Starts the clock of a socket just opened; `close` ends it with AUTH_TIMEOUT. */
    watch(request: object, close: (code: number, reason: string) => void) {
      timers.set(
        request,
        setTimeout(() => close(AUTH_TIMEOUT.code, AUTH_TIMEOUT.reason), timeoutMs),
      );
    },
    /** The socket closed first. */
    clear,
    /** Stops the clock once any document on the socket has authenticated. */
    extension: {
      extensionName: 'montage-auth-deadline',
      async connected({ request }: connectedPayload) {
        clear(request);
      },
    } satisfies Extension,
  };
}
