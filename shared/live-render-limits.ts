import { apiMessage, type ApiMessage } from './api/api-messages.ts';
/**
 * How many renders may be live (queued or running) at once on this server:
 * per person and per project (MAX_LIVE_RENDERS_PER_USER and
 * MAX_LIVE_RENDERS_PER_PROJECT in server/config.ts). Checked when a render is
 * created or retried; a render that is done, failed or cancelled frees its
 * slot. Pure: the server counts, this decides, the UI words the refusal.
 */
export interface LiveRenderLimits {
  perUser: number;
  perProject: number;
}

export const DEFAULT_LIVE_RENDER_LIMITS: LiveRenderLimits = { perUser: 3, perProject: 5 };

/** The limit one more render would break: whose, its value and how many are live now. */
export interface LiveRenderBreach {
  scope: 'user' | 'project';
  limit: number;
  live: number;
}

/**
 * Whether one more render fits beside the live ones. The person's limit is
 * named first: it is the one they can act on (by cancelling their own).
 */
export function liveRenderBreach(
  live: { user: number; project: number },
  limits: LiveRenderLimits,
): LiveRenderBreach | null {
  if (live.user >= limits.perUser) return { scope: 'user', limit: limits.perUser, live: live.user };
  if (live.project >= limits.perProject)
    return { scope: 'project', limit: limits.perProject, live: live.project };
  return null;
}

/** The refusal as a message key with its numbers (shared/api/api-messages.ts). */
export function liveRenderBreachMessage(breach: LiveRenderBreach): ApiMessage {
  return apiMessage(`errors.api.liveLimit.${breach.scope}`, {
    live: breach.live,
    limit: breach.limit,
  });
}
