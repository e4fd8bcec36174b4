import type { Selectable } from 'kysely';
import { newId } from '../../shared/ids.ts';
import { parseInput } from '../http/parse-input.ts';
import type { PublicUser } from '../../shared/api/accounts.ts';
import {
  inviteSchema,
  type ReceivedInvitation,
  type SentInvitation,
} from '../../shared/api/invitations.ts';
import { hashSecretToken, newSecretToken } from '../accounts/secret-token.ts';
import type { Db } from '../db/database.ts';
import type { InvitationsTable } from '../db/schema.ts';
import { ApiError, fieldRefusal } from '../http/errors.ts';
import type { RateLimits } from '../http/rate-limit.ts';
import type { Projects } from '../projects/projects.ts';
import { can } from '../../shared/api/roles.ts';
import {
  expiryFrom,
  invitationLink,
  invitationNotFound,
  invitationState,
  looksLikeInvitationToken,
  refusalFor,
} from './invitation-state.ts';

/** The rate limit inviting spends, per inviting user (INVITATIONS_PER_HOUR). */
export type InvitationLimit = 'invitationsByUser';

const iso = (date: Date | string) => new Date(date).toISOString();

const toSent = (
  row: Pick<Selectable<InvitationsTable>, 'id' | 'email' | 'role' | 'created_at' | 'expires_at'>,
) => ({
  id: row.id,
  email: row.email,
  role: row.role,
  createdAt: iso(row.created_at),
  expiresAt: iso(row.expires_at),
});

/**
 * Invitations (issue 9, item 9): the `invitations` table belongs here. Nobody
 * becomes a member without accepting, and inviting answers the same whether
 * or not an account uses the e-mail, so it cannot be used to find accounts.
 * Memberships themselves stay with the projects module (`addMember`).
 */
export function createInvitations(
  db: Db,
  projects: Projects,
  options: {
    ttlDays: number;
    limits: RateLimits<InvitationLimit>;
    /** Told once an invitation is accepted (the new member and the inviter are notified). */
    onAccepted?: (accepted: { projectId: string; memberId: string; invitedBy: string }) => void;
  },
) {
  const columns = [
    'id',
    'project_id',
    'email',
    'role',
    'token_hash',
    'invited_by',
    'status',
    'accepted_by',
    'created_at',
    'expires_at',
  ] as const;
  type Row = Pick<Selectable<InvitationsTable>, (typeof columns)[number]>;

  /** Invitations addressed to this user's e-mail (in-app); others' are not found. */
  async function addressedTo(user: PublicUser, invitationId: string): Promise<Row> {
    const row = await db
      .selectFrom('invitations')
      .select(columns)
      .where('id', '=', invitationId)
      .where('email', '=', user.email)
      .executeTakeFirst();
    if (!row) throw invitationNotFound();
    return row;
  }

  async function byToken(token: string): Promise<Row> {
    if (!looksLikeInvitationToken(token)) throw invitationNotFound();
    const row = await db
      .selectFrom('invitations')
      .select(columns)
      .where('token_hash', '=', hashSecretToken(token))
      .executeTakeFirst();
    if (!row) throw invitationNotFound();
    return row;
  }

  /**
   * Throws unless the invitation may be used now: pending, not expired, and
   * its sender still allowed to add members (an owner who was removed can no
   * longer bring people in with links sent earlier).
   */
  async function assertUsable(row: Row) {
    const refusal = refusalFor(invitationState(row, new Date()));
    if (refusal) throw refusal;
    const inviterRole = await projects.roleOf(row.invited_by, row.project_id);
    if (!inviterRole || !can(inviterRole, 'manageMembers')) {
      throw new ApiError('GONE', 'errors.api.invitation.inviterLeft', { reason: 'inviter-left' });
    }
  }

  /**
   * Uses the invitation up and adds the member, in one transaction: of two
   * concurrent accepts only one finds it still pending, and a link refreshed
   * meanwhile (a new token) is not used up by the old one. Accepting again
   * an invitation one already accepted answers the same (a double click).
   */
  async function accept(user: PublicUser, row: Row) {
    if (row.status === 'accepted' && row.accepted_by === user.id) {
      if (await projects.roleOf(user.id, row.project_id)) {
        return { project: await projects.get(user.id, row.project_id) };
      }
    }
    await assertUsable(row);
    if (await projects.roleOf(user.id, row.project_id)) {
      // Left pending: an owner opening their own link does not spend it.
      throw new ApiError('CONFLICT', 'errors.api.alreadyMember');
    }
    const claimed = await db.transaction().execute(async (trx) => {
      const used = await trx
        .updateTable('invitations')
        .set({ status: 'accepted', accepted_by: user.id, accepted_at: new Date() })
        .where('id', '=', row.id)
        .where('token_hash', '=', row.token_hash)
        .where('status', '=', 'pending')
        .where('expires_at', '>', new Date())
        .returning('id')
        .executeTakeFirst();
      if (used) await projects.addMember(row.project_id, user.id, row.role, trx);
      return !!used;
    });
    if (!claimed) {
      // Used, revoked, expired or refreshed between the read and the update: say which.
      const current = await db
        .selectFrom('invitations')
        .select(columns)
        .where('id', '=', row.id)
        .where('token_hash', '=', row.token_hash)
        .executeTakeFirst();
      throw (current && refusalFor(invitationState(current, new Date()))) ?? invitationNotFound();
    }
    options.onAccepted?.({
      projectId: row.project_id,
      memberId: user.id,
      invitedBy: row.invited_by,
    });
    return { project: await projects.get(user.id, row.project_id) };
  }

  async function pendingForProject(projectId: string): Promise<SentInvitation[]> {
    const rows = await db
      .selectFrom('invitations')
      .select(['id', 'email', 'role', 'created_at', 'expires_at'])
      .where('project_id', '=', projectId)
      .where('status', '=', 'pending')
      .where('expires_at', '>', new Date())
      .orderBy('created_at')
      .execute();
    return rows.map(toSent);
  }

  return {
    /**
     * Invites an e-mail to a project with a role. The answer is the same for
     * any e-mail (an account or not): the invitation and its link, shown once.
     * Inviting the same e-mail again refreshes the pending invitation: new
     * link (the old one stops working), new role, new expiry.
     */
    async invite(userId: string, projectId: string, input: unknown) {
      await projects.authorize(userId, projectId, 'manageMembers');
      await options.limits.consume('invitationsByUser', userId);
      const { email, role } = parseInput(inviteSchema, input);
      // The owner sees the members' e-mails already: saying so reveals nothing.
      const members = await projects.listMembers(userId, projectId);
      if (members.some((m) => m.email === email)) {
        throw fieldRefusal(
          'CONFLICT',
          'errors.api.personAlreadyMember',
          'email',
          'errors.email.alreadyMember',
        );
      }
      const token = newSecretToken();
      const now = new Date();
      const refreshed = {
        role,
        token_hash: hashSecretToken(token),
        invited_by: userId,
        created_at: now,
        expires_at: expiryFrom(now, options.ttlDays),
      };
      const row = await db
        .insertInto('invitations')
        .values({ id: newId(), project_id: projectId, email, ...refreshed })
        .onConflict((oc) =>
          oc
            .columns(['project_id', 'email'])
            .where('status', '=', 'pending')
            .doUpdateSet(refreshed),
        )
        .returning(['id', 'email', 'role', 'created_at', 'expires_at'])
        .executeTakeFirstOrThrow();
      return { invitation: toSent(row), link: invitationLink(token) };
    },

    /** Pending, unexpired invitations of a project (for whoever may manage members). */
    async listForProject(userId: string, projectId: string) {
      await projects.authorize(userId, projectId, 'manageMembers');
      return pendingForProject(projectId);
    },

    async revoke(userId: string, projectId: string, invitationId: string) {
      await projects.authorize(userId, projectId, 'manageMembers');
      const row = await db
        .selectFrom('invitations')
        .select(columns)
        .where('id', '=', invitationId)
        .where('project_id', '=', projectId)
        .executeTakeFirst();
      if (!row) throw invitationNotFound();
      // An expired one may be withdrawn too; a used one says what became of it.
      const refusal = refusalFor(row.status);
      if (refusal) throw refusal;
      await db
        .updateTable('invitations')
        .set({ status: 'revoked', revoked_at: new Date() })
        .where('id', '=', invitationId)
        .where('status', '=', 'pending')
        .execute();
      return pendingForProject(projectId);
    },

    /** Pending invitations addressed to this user's e-mail, with the project and the sender. */
    async listMine(user: PublicUser): Promise<ReceivedInvitation[]> {
      const rows = await db
        .selectFrom('invitations')
        .innerJoin('projects', 'projects.id', 'invitations.project_id')
        .innerJoin('users', 'users.id', 'invitations.invited_by')
        .select([
          'invitations.id',
          'invitations.role',
          'invitations.expires_at',
          'projects.id as projectId',
          'projects.title',
          'users.name as inviterName',
        ])
        .where('invitations.email', '=', user.email)
        .where('invitations.status', '=', 'pending')
        .where('invitations.expires_at', '>', new Date())
        .orderBy('invitations.created_at', 'desc')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        project: { id: r.projectId, title: r.title },
        role: r.role,
        invitedBy: { name: r.inviterName },
        expiresAt: iso(r.expires_at),
      }));
    },

    /** What the link's page shows before accepting: the project, the role, the sender. */
    async preview(user: PublicUser, token: string) {
      const row = await byToken(token);
      await assertUsable(row);
      const [project, inviter, role] = await Promise.all([
        db
          .selectFrom('projects')
          .select(['id', 'title'])
          .where('id', '=', row.project_id)
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('users')
          .select('name')
          .where('id', '=', row.invited_by)
          .executeTakeFirstOrThrow(),
        projects.roleOf(user.id, row.project_id),
      ]);
      const invitation: ReceivedInvitation = {
        id: row.id,
        project,
        role: row.role,
        invitedBy: { name: inviter.name },
        expiresAt: iso(row.expires_at),
      };
      return { invitation, alreadyMember: role !== null };
    },

    acceptById: async (user: PublicUser, invitationId: string) =>
      accept(user, await addressedTo(user, invitationId)),

    /** Whoever holds the link and is signed in may accept it (ADR 0015). */
    acceptByToken: async (user: PublicUser, token: string) => accept(user, await byToken(token)),

    async decline(user: PublicUser, invitationId: string) {
      const row = await addressedTo(user, invitationId);
      const refusal = refusalFor(invitationState(row, new Date()));
      if (refusal) throw refusal;
      await db
        .updateTable('invitations')
        .set({ status: 'declined', declined_at: new Date() })
        .where('id', '=', row.id)
        .where('status', '=', 'pending')
        .execute();
    },
  };
}

export type Invitations = ReturnType<typeof createInvitations>;
