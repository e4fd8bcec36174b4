import type { Selectable } from 'kysely';
import { newId } from '../../shared/ids.ts';
import {
  markReadSchema,
  notificationHref,
  type NotificationKind,
  type NotificationRecord,
  type NotificationStreamEvent,
} from '../../shared/api/notifications.ts';
import type { Db } from '../db/database.ts';
import type { NotificationsTable } from '../db/schema.ts';
import { parseInput } from '../http/parse-input.ts';
import type { Logger } from '../logger.ts';
import type { RenderEnded } from '../renders/apply-event.ts';
import type { Fanout } from './fanout.ts';
import type { Mailer } from './mailer.ts';

/** One notification to create; `actorId` is never notified of their own action. */
export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  projectId: string | null;
  actor: { id: string | null; name: string } | null;
  renderId?: string | null;
  sceneId?: string | null;
  commentId?: string | null;
  excerpt?: string | null;
}

const EXCERPT_MAX = 140;
const PAGE = 50;
const excerptOf = (text: string | null | undefined) =>
  text ? (text.length > EXCERPT_MAX ? `${text.slice(0, EXCERPT_MAX - 1)}…` : text) : null;

type Row = Selectable<NotificationsTable> & { project_title: string | null };

const toRecord = (row: Row): NotificationRecord => ({
  id: row.id,
  kind: row.kind as NotificationKind,
  project: row.project_id ? { id: row.project_id, title: row.project_title ?? '' } : null,
  actor: row.actor_name ? { name: row.actor_name } : null,
  renderId: row.render_id,
  sceneId: row.scene_id,
  commentId: row.comment_id,
  excerpt: row.excerpt,
  createdAt: new Date(row.created_at).toISOString(),
  readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
});

/**
 * Notifications (issue 13): the `notifications` table belongs here. Each is
 * stored, then pushed to the person's open streams on every instance
 * (fanout.ts) and, when SMTP_URL is set, e-mailed in their language.
 */
export function createNotifications(options: {
  db: Db;
  fanout: Fanout;
  mailer: Mailer;
  logger: Logger;
  publicUrl: string | undefined;
}) {
  const { db, fanout, mailer, logger } = options;

  const selectRecords = () =>
    db
      .selectFrom('notifications')
      .leftJoin('projects', 'projects.id', 'notifications.project_id')
      .selectAll('notifications')
      .select('projects.title as project_title');

  async function unreadCount(userId: string) {
    const row = await db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function pushUnread(userId: string) {
    const event: NotificationStreamEvent = { type: 'unread', unread: await unreadCount(userId) };
    await fanout.publish({ type: 'user', userId, event });
  }

  async function email(record: NotificationRecord, userId: string) {
    if (!mailer.enabled) return;
    const user = await db
      .selectFrom('users')
      .select(['email', 'locale'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) return;
    const href = notificationHref(record);
    await mailer.send(user.email, user.locale, {
      kind: record.kind,
      actorName: record.actor?.name ?? null,
      projectTitle: record.project?.title ?? null,
      excerpt: record.excerpt,
      link: href ? `${options.publicUrl ?? ''}${href}` : null,
    });
  }

  async function nameOf(userId: string) {
    const row = await db
      .selectFrom('users')
      .select('name')
      .where('id', '=', userId)
      .executeTakeFirst();
    return row?.name ?? null;
  }

  const api = {
    /**
     * Stores and delivers notifications; the actor and repeated recipients
     * are left out. Delivery failures are logged: the action that caused a
     * notification never fails because of it.
     */
    async notify(items: readonly NewNotification[]) {
      const seen = new Set<string>();
      const wanted = items.filter((item) => {
        if (item.actor?.id === item.userId || seen.has(item.userId)) return false;
        seen.add(item.userId);
        return true;
      });
      if (!wanted.length) return;
      const rows = wanted.map((item) => ({
        id: newId(),
        user_id: item.userId,
        kind: item.kind,
        project_id: item.projectId,
        actor_id: item.actor?.id ?? null,
        actor_name: item.actor?.name ?? null,
        render_id: item.renderId ?? null,
        scene_id: item.sceneId ?? null,
        comment_id: item.commentId ?? null,
        excerpt: excerptOf(item.excerpt),
      }));
      await db.insertInto('notifications').values(rows).execute();
      const stored = await selectRecords()
        .where(
          'notifications.id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      await Promise.all(
        stored.map(async (row) => {
          const notification = toRecord(row);
          const event: NotificationStreamEvent = {
            type: 'notification',
            notification,
            unread: await unreadCount(row.user_id),
          };
          await fanout.publish({ type: 'user', userId: row.user_id, event });
          await email(notification, row.user_id).catch((err: unknown) =>
            logger.warn({ err }, 'notification e-mail not sent'),
          );
        }),
      );
    },

    /** The newest notifications of a user and how many are unread. */
    async list(userId: string) {
      const rows = await selectRecords()
        .where('notifications.user_id', '=', userId)
        .orderBy('notifications.created_at', 'desc')
        .orderBy('notifications.id', 'desc')
        .limit(PAGE)
        .execute();
      return { notifications: rows.map(toRecord), unread: await unreadCount(userId) };
    },

    unreadCount,

    /** Marks some (their own only) or all of a user's notifications read. */
    async markRead(userId: string, input: unknown) {
      const parsed = parseInput(markReadSchema, input);
      let query = db
        .updateTable('notifications')
        .set({ read_at: new Date() })
        .where('user_id', '=', userId)
        .where('read_at', 'is', null);
      if ('ids' in parsed) query = query.where('id', 'in', parsed.ids);
      await query.execute();
      await pushUnread(userId);
      return { unread: await unreadCount(userId) };
    },

    /** A render finished or failed: the person who queued it hears about it. */
    async renderEnded(ended: RenderEnded) {
      if (!ended.createdBy || ended.status === 'cancelled') return;
      await api.notify([
        {
          userId: ended.createdBy,
          kind: ended.status === 'done' ? 'render-done' : 'render-failed',
          projectId: ended.projectId,
          actor: null,
          renderId: ended.renderId,
        },
      ]);
    },

    /**
     * An invitation was accepted: the new member learns they were added (by
     * the inviter), the inviter that they joined.
     */
    async memberAdded(added: { projectId: string; memberId: string; invitedBy: string }) {
      const [memberName, inviterName] = await Promise.all([
        nameOf(added.memberId),
        nameOf(added.invitedBy),
      ]);
      await api.notify([
        {
          userId: added.memberId,
          kind: 'added-to-project',
          projectId: added.projectId,
          actor: { id: added.invitedBy, name: inviterName ?? '' },
        },
        {
          userId: added.invitedBy,
          kind: 'member-joined',
          projectId: added.projectId,
          actor: { id: added.memberId, name: memberName ?? '' },
        },
      ]);
    },

    /** Remembers the language a user reads Montage in (their e-mails use it). */
    async rememberLocale(userId: string, locale: 'en' | 'fr') {
      await db
        .updateTable('users')
        .set({ locale })
        .where('id', '=', userId)
        .where((eb) => eb.or([eb('locale', 'is', null), eb('locale', '<>', locale)]))
        .execute();
    },
  };
  return api;
}

export type Notifications = ReturnType<typeof createNotifications>;
