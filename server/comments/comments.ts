import type { Selectable } from 'kysely';
import { apiMessage } from '../../shared/api/api-messages.ts';
import {
  createCommentSchema,
  guestNameSchema,
  updateCommentSchema,
  type CommentMessage,
  type CommentRecord,
} from '../../shared/api/comments.ts';
import { can } from '../../shared/api/roles.ts';
import { findMentions } from '../../shared/comments/mentions.ts';
import { newId } from '../../shared/ids.ts';
import { parseJsonValue } from '../../shared/json-value.ts';
import type { Db } from '../db/database.ts';
import type { CommentsTable } from '../db/schema.ts';
import { ApiError, fieldRefusal } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import type { NewNotification, Notifications } from '../notifications/notifications.ts';
import type { Projects } from '../projects/projects.ts';

/** Who writes a comment: a member, or a reviewer on a preview link under the name they give. */
export type NewCommentAuthor =
  { kind: 'member'; userId: string } | { kind: 'guest'; name: string; shareLinkId: string };

type Row = Selectable<CommentsTable>;

const iso = (date: Date | string | null) => (date ? new Date(date).toISOString() : null);

const toRecord = (row: Row): CommentRecord => ({
  id: row.id,
  projectId: row.project_id,
  sceneId: row.scene_id,
  parentId: row.parent_id,
  renderId: row.render_id,
  atSec: row.at_sec === null ? null : Number(row.at_sec),
  body: row.body,
  author: row.share_link_id
    ? { kind: 'guest', name: row.author_name }
    : { kind: 'member', userId: row.author_user_id, name: row.author_name },
  mentions: parseJsonValue<string[]>(row.mentions),
  resolved: row.resolved_at !== null,
  resolvedAt: iso(row.resolved_at),
  createdAt: iso(row.created_at)!,
  editedAt: iso(row.edited_at),
});

const notFound = () => new ApiError('NOT_FOUND', 'errors.api.commentNotFound');

/**
 * Review comments (issue 13): the `comments` table belongs here. Any member
 * reads and comments; editors and owners resolve and reopen; authors edit
 * their own; authors and owners delete. A comment is on a scene of the live
 * document (checked when it is written), optionally at a time in one of the
 * project's renders; replies join the thread of a top comment (one level).
 * Every change goes to the project's collaborators live; mentions and
 * replies notify the people concerned.
 */
export function createComments(options: {
  db: Db;
  projects: Projects;
  /** Whether the project's live document has this scene now. */
  sceneExists(projectId: string, sceneId: string): Promise<boolean>;
  notifications: Pick<Notifications, 'notify'>;
  /** Sends a message to every collaborator of the project (every instance). */
  publish(projectId: string, message: CommentMessage): Promise<void>;
  /** Told once per new comment, by the instance that wrote it (webhooks). */
  onCreated?: (comment: CommentRecord) => void;
}) {
  const { db, projects, notifications, publish } = options;

  async function load(commentId: string): Promise<Row | undefined> {
    if (!/^[a-z0-9]{1,64}$/.test(commentId)) return undefined;
    return db.selectFrom('comments').selectAll().where('id', '=', commentId).executeTakeFirst();
  }

  /** The comment and the caller's role, or 404 when the caller may not see it. */
  async function visible(userId: string, commentId: string) {
    const row = await load(commentId);
    const role = row ? await projects.roleOf(userId, row.project_id) : null;
    if (!row || !role) throw notFound();
    return { row, role };
  }

  async function membersOf(projectId: string) {
    return db
      .selectFrom('project_members')
      .innerJoin('users', 'users.id', 'project_members.user_id')
      .select(['users.id as userId', 'users.name', 'project_members.role'])
      .where('project_members.project_id', '=', projectId)
      .execute();
  }

  /**
   * Notifications for the people a comment mentions (newly), the author it
   * replies to and, for a guest's comment, the project's owners (a review
   * from outside the team must not go unseen).
   */
  function notificationsFor(
    comment: CommentRecord,
    actor: { id: string | null; name: string },
    mentioned: readonly string[],
    repliedTo: string | null,
    owners: readonly string[] = [],
  ): NewNotification[] {
    const about = {
      projectId: comment.projectId,
      actor,
      sceneId: comment.sceneId,
      commentId: comment.id,
      excerpt: comment.body,
    };
    return [
      ...mentioned.map((userId) => ({ ...about, userId, kind: 'mention' as const })),
      ...(repliedTo ? [{ ...about, userId: repliedTo, kind: 'reply' as const }] : []),
      ...owners.map((userId) => ({ ...about, userId, kind: 'comment' as const })),
    ];
  }

  /** Every comment of a project, oldest first (threads are built by the client). */
  async function listOfProject(projectId: string): Promise<CommentRecord[]> {
    const rows = await db
      .selectFrom('comments')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }

  return {
    /**
     * Writes a comment as a member or as a link's guest (the share-link
     * route checks the link, then calls this). Refusals: 422 for a bad body,
     * an unknown scene, a reply target or render outside the project.
     */
    async create(
      input: { projectId: string; author: NewCommentAuthor } & Record<string, unknown>,
    ): Promise<CommentRecord> {
      const { projectId, author, ...fields } = input;
      let authorName: string;
      let actorId: string | null = null;
      if (author.kind === 'member') {
        await projects.authorize(author.userId, projectId, 'view');
        const user = await db
          .selectFrom('users')
          .select('name')
          .where('id', '=', author.userId)
          .executeTakeFirstOrThrow();
        authorName = user.name;
        actorId = author.userId;
      } else {
        authorName = parseInput(guestNameSchema, author.name);
      }
      const {
        body,
        parentId,
        renderId,
        atSec,
        sceneId: askedScene,
      } = parseInput(createCommentSchema, fields);
      let sceneId = askedScene;
      let parent: Row | undefined;
      if (parentId) {
        parent = await load(parentId);
        if (!parent || parent.project_id !== projectId)
          throw fieldRefusal(
            'VALIDATION_FAILED',
            'errors.api.commentParentNotFound',
            'parentId',
            'errors.field.invalid',
          );
        // A reply to a reply joins the same thread: one level of replies.
        if (parent.parent_id) parent = (await load(parent.parent_id)) ?? parent;
        sceneId = parent.scene_id;
      } else if (!(await options.sceneExists(projectId, sceneId))) {
        throw fieldRefusal(
          'VALIDATION_FAILED',
          'errors.api.commentSceneNotFound',
          'sceneId',
          'errors.field.invalid',
        );
      }
      if (renderId) {
        const render = await db
          .selectFrom('renders')
          .select('id')
          .where('id', '=', renderId)
          .where('project_id', '=', projectId)
          .executeTakeFirst();
        if (!render)
          throw fieldRefusal(
            'VALIDATION_FAILED',
            'errors.api.commentRenderNotFound',
            'renderId',
            'errors.field.invalid',
          );
      }
      const members = await membersOf(projectId);
      const mentions = findMentions(body, members);
      const row = await db
        .insertInto('comments')
        .values({
          id: newId(),
          project_id: projectId,
          scene_id: sceneId,
          parent_id: parent?.id ?? null,
          render_id: renderId ?? null,
          at_sec: atSec ?? null,
          author_user_id: actorId,
          author_name: authorName,
          share_link_id: author.kind === 'guest' ? author.shareLinkId : null,
          body,
          mentions: JSON.stringify(mentions),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const comment = toRecord(row);
      options.onCreated?.(comment);
      await publish(projectId, { type: 'comment', comment });
      await notifications.notify(
        notificationsFor(
          comment,
          { id: actorId, name: authorName },
          mentions,
          parent?.author_user_id ?? null,
          author.kind === 'guest'
            ? members.filter((m) => m.role === 'owner').map((m) => m.userId)
            : [],
        ),
      );
      return comment;
    },

    /** Every comment of the project, oldest first (threads are built by the client). */
    async list(userId: string, projectId: string): Promise<CommentRecord[]> {
      await projects.authorize(userId, projectId, 'view');
      return listOfProject(projectId);
    },

    /** The same list for a preview link that allows comments (the share-link route checked it). */
    listOfProject,

    /** Resolves or reopens (editors, owners) and edits the body (its author). */
    async update(userId: string, commentId: string, input: unknown): Promise<CommentRecord> {
      const { row, role } = await visible(userId, commentId);
      const { resolved, body } = parseInput(updateCommentSchema, input);
      if (resolved !== undefined && !can(role, 'edit'))
        throw new ApiError('FORBIDDEN', apiMessage('errors.api.roleForbidden', { role }), {
          role,
          action: 'resolve',
        });
      if (body !== undefined && row.author_user_id !== userId)
        throw new ApiError('FORBIDDEN', 'errors.api.commentNotAuthor');
      const members = body === undefined ? [] : await membersOf(row.project_id);
      const mentions = body === undefined ? null : findMentions(body, members);
      const now = new Date();
      const updated = await db
        .updateTable('comments')
        .set({
          ...(resolved === undefined
            ? {}
            : { resolved_at: resolved ? now : null, resolved_by: resolved ? userId : null }),
          ...(body === undefined || body === row.body
            ? {}
            : { body, edited_at: now, mentions: JSON.stringify(mentions) }),
        })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const comment = toRecord(updated);
      await publish(row.project_id, { type: 'comment', comment });
      if (mentions && body !== row.body) {
        // Only people the edit newly mentions hear about it.
        const before = new Set(parseJsonValue<string[]>(row.mentions));
        const added = mentions.filter((id) => !before.has(id));
        await notifications.notify(
          notificationsFor(comment, { id: userId, name: row.author_name }, added, null),
        );
      }
      return comment;
    },

    /** Deletes a comment (its author, or an owner) and, for a top comment, its replies. */
    async remove(userId: string, commentId: string) {
      const { row, role } = await visible(userId, commentId);
      if (row.author_user_id !== userId && role !== 'owner')
        throw new ApiError('FORBIDDEN', 'errors.api.commentDeleteForbidden');
      const deleted = await db
        .deleteFrom('comments')
        .where((eb) => eb.or([eb('id', '=', row.id), eb('parent_id', '=', row.id)]))
        .returning('id')
        .execute();
      await publish(row.project_id, {
        type: 'comment-deleted',
        projectId: row.project_id,
        ids: deleted.map((d) => d.id),
      });
    },
  };
}

export type Comments = ReturnType<typeof createComments>;
