import { z } from 'zod';

export const NOTIFICATION_KINDS = [
  'render-done',
  'render-failed',
  'mention',
  'reply',
  'comment',
  'added-to-project',
  'member-joined',
  'webhook-disabled',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a notification points at and says; every text is plain text. */
export interface NotificationRecord {
  id: string;
  kind: NotificationKind;
  project: { id: string; title: string } | null;
  /** Who caused it (null for a render's end). */
  actor: { name: string } | null;
  renderId: string | null;
  sceneId: string | null;
  commentId: string | null;
  /** The start of the comment (mention, reply). */
  excerpt: string | null;
  createdAt: string;
  readAt: string | null;
}

export const markReadSchema = z.union([
  z.object({ all: z.literal(true) }).strict(),
  z
    .object({
      ids: z
        .array(z.string().regex(/^[a-z0-9]{1,64}$/))
        .min(1)
        .max(200),
    })
    .strict(),
]);

/** The page a notification leads to: the project with the render or the scene open. */
export function notificationHref(n: NotificationRecord): string | null {
  if (!n.project) return null;
  const base = `/projects/${encodeURIComponent(n.project.id)}`;
  if (n.renderId) return `${base}?render=${encodeURIComponent(n.renderId)}`;
  if (n.sceneId) {
    const comment = n.commentId ? `&comment=${encodeURIComponent(n.commentId)}` : '';
    return `${base}?scene=${encodeURIComponent(n.sceneId)}${comment}`;
  }
  return base;
}

/** Server-sent events on the notifications stream. */
export type NotificationStreamEvent =
  | { type: 'notification'; notification: NotificationRecord; unread: number }
  | { type: 'unread'; unread: number };
