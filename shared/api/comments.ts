import { z } from 'zod';
import { parseJsonObject } from '../json-value.ts';
import { multiLineText, singleLineText } from '../text-safety.ts';

/** Longest comment body, in UTF-16 code units (what a textarea's maxLength counts). */
export const COMMENT_BODY_MAX = 2000;
/** Longest name a link reviewer may give. */
export const GUEST_NAME_MAX = 60;
/** A scene id as the live document makes them (shared/ids.ts newId): short, lowercase, no markup. */
const sceneIdField = z
  .string()
  .regex(/^[a-z0-9_-]{1,64}$/)
  .describe('sceneId');
const commentIdField = z.string().regex(/^[a-z0-9]{1,64}$/);

const bodyField = multiLineText(z.string().trim().min(1).max(COMMENT_BODY_MAX));

export const createCommentSchema = z
  .object({
    sceneId: sceneIdField,
    body: bodyField,
    parentId: commentIdField.optional(),
    renderId: commentIdField.optional(),
    /** Seconds into the render (with renderId). */
    atSec: z.number().finite().min(0).max(86_400).optional(),
  })
  .strict()
  .refine((input) => input.atSec === undefined || input.renderId !== undefined, {
    path: ['atSec'],
    message: 'atSec needs a renderId',
  });

export const updateCommentSchema = z
  .object({ resolved: z.boolean().optional(), body: bodyField.optional() })
  .strict()
  .refine((input) => input.resolved !== undefined || input.body !== undefined, {
    path: ['body'],
    message: 'Send resolved or body',
  });

export const guestNameSchema = singleLineText(z.string().trim().min(1).max(GUEST_NAME_MAX));

/** POST /shared/:token/comments: a link reviewer's comment on a scene, or reply, under a name. */
export const guestCommentSchema = z
  .object({
    sceneId: sceneIdField,
    body: bodyField,
    parentId: commentIdField.optional(),
    authorName: guestNameSchema,
  })
  .strict();

export type CommentAuthor =
  { kind: 'member'; userId: string | null; name: string } | { kind: 'guest'; name: string };

/** One comment as the API and the live feed send it. Text fields are plain text. */
export interface CommentRecord {
  id: string;
  projectId: string;
  sceneId: string;
  parentId: string | null;
  renderId: string | null;
  atSec: number | null;
  body: string;
  author: CommentAuthor;
  /** The members the body mentions (`@Name`), by user id. */
  mentions: string[];
  resolved: boolean;
  resolvedAt: string | null;
  createdAt: string;
  editedAt: string | null;
}

/** The stateless message every collaborator receives when a comment changes. */
export type CommentMessage =
  | { type: 'comment'; comment: CommentRecord }
  | { type: 'comment-deleted'; projectId: string; ids: string[] };

/** A comment message from a stateless payload (untrusted), or null. */
export function commentMessageOf(payload: string, projectId: string): CommentMessage | null {
  const message = parseJsonObject(payload);
  if (!message) return null;
  const m = message as Partial<{
    type: string;
    comment: CommentRecord;
    projectId: string;
    ids: unknown;
  }>;
  if (m.type === 'comment' && m.comment && m.comment.projectId === projectId)
    return { type: 'comment', comment: m.comment };
  if (m.type === 'comment-deleted' && m.projectId === projectId && Array.isArray(m.ids))
    return {
      type: 'comment-deleted',
      projectId,
      ids: m.ids.filter((id) => typeof id === 'string'),
    };
  return null;
}

/** Open (unresolved) top-level comments per scene: the count on scene cards and timeline blocks. */
export function openCountsByScene(comments: readonly CommentRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of comments) {
    if (c.parentId || c.resolved) continue;
    counts.set(c.sceneId, (counts.get(c.sceneId) ?? 0) + 1);
  }
  return counts;
}

/** A comment list with a live message applied: added or replaced in place, or removed (pure). */
export function applyCommentMessage(
  list: readonly CommentRecord[],
  message: CommentMessage,
): CommentRecord[] {
  if (message.type === 'comment-deleted') {
    const gone = new Set(message.ids);
    return list.filter((c) => !gone.has(c.id));
  }
  const { comment } = message;
  const at = list.findIndex((c) => c.id === comment.id);
  if (at === -1) return [...list, comment];
  return list.map((c, i) => (i === at ? comment : c));
}
