import type * as Y from 'yjs';
import { apiMessage } from '../../shared/api/api-messages.ts';
import { newId } from '../../shared/ids.ts';
import {
  createProjectSchema,
  memberRoleSchema,
  renameProjectSchema,
  type ProjectMember,
  type ProjectSummary,
} from '../../shared/api/projects.ts';
import { withoutUnsafeCharacters } from '../../shared/text-safety.ts';
import type { LANGUAGES } from '../../shared/timeline.ts';
import type { Db } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import { can, type ProjectAction, type Role } from '../../shared/api/roles.ts';

/** What the projects module needs from the live-document layer (server/collab). */
export interface ProjectDocuments {
  /** Stores a new document; `build` (a starter) writes its content before it is stored. */
  create(
    projectId: string,
    init: { title: string; language: (typeof LANGUAGES)[number] },
    build?: (doc: Y.Doc) => void,
  ): Promise<void>;
  duplicate(fromId: string, toId: string, title: string): Promise<void>;
  setTitle(projectId: string, title: string): Promise<void>;
  /** Closes open collab connections (all, or one user's) on every instance. */
  disconnect(projectId: string, userId?: string): Promise<void>;
}

const toSummary = (row: {
  id: string;
  title: string;
  role: Role;
  owner_id: string;
  created_at: Date;
  updated_at: Date;
}): ProjectSummary => ({
  id: row.id,
  title: row.title,
  role: row.role,
  ownerId: row.owner_id,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
});

/** Projects and memberships: the `projects` and `project_members` tables belong here. */
export function createProjects(db: Db, documents: ProjectDocuments) {
  const selectWithRole = (userId: string) =>
    db
      .selectFrom('projects')
      .innerJoin('project_members', (join) =>
        join
          .onRef('project_members.project_id', '=', 'projects.id')
          .on('project_members.user_id', '=', userId),
      )
      .select([
        'projects.id',
        'projects.title',
        'projects.owner_id',
        'projects.created_at',
        'projects.updated_at',
        'project_members.role',
      ]);

  async function roleOf(userId: string, projectId: string): Promise<Role | null> {
    const row = await db
      .selectFrom('project_members')
      .select('role')
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.role ?? null;
  }

  /**
   * The caller's role, or an error: 404 for non-members (a project's existence
   * is not revealed), 403 for members whose role is too low.
   */
  async function authorize(
    userId: string,
    projectId: string,
    action: ProjectAction,
  ): Promise<Role> {
    const role = await roleOf(userId, projectId);
    if (!role) throw new ApiError('NOT_FOUND', 'errors.api.projectNotFound');
    if (!can(role, action)) {
      throw new ApiError('FORBIDDEN', apiMessage('errors.api.roleForbidden', { role }), {
        role,
        action,
      });
    }
    return role;
  }

  async function get(userId: string, projectId: string): Promise<ProjectSummary> {
    await authorize(userId, projectId, 'view');
    const row = await selectWithRole(userId)
      .where('projects.id', '=', projectId)
      .executeTakeFirstOrThrow();
    return toSummary(row);
  }

  async function insertProject(userId: string, id: string, title: string) {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('projects').values({ id, title, owner_id: userId }).execute();
      await trx
        .insertInto('project_members')
        .values({ project_id: id, user_id: userId, role: 'owner' })
        .execute();
    });
  }

  async function listMembers(userId: string, projectId: string): Promise<ProjectMember[]> {
    await authorize(userId, projectId, 'view');
    const rows = await db
      .selectFrom('project_members')
      .innerJoin('users', 'users.id', 'project_members.user_id')
      .select([
        'users.id',
        'users.email',
        'users.name',
        'project_members.role',
        'project_members.added_at',
      ])
      .where('project_members.project_id', '=', projectId)
      .orderBy('project_members.added_at')
      .execute();
    return rows.map((r) => ({
      userId: r.id,
      email: r.email,
      name: r.name,
      role: r.role,
      addedAt: new Date(r.added_at).toISOString(),
    }));
  }

  async function countOwners(projectId: string) {
    const row = await db
      .selectFrom('project_members')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('project_id', '=', projectId)
      .where('role', '=', 'owner')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  return {
    roleOf,
    authorize,
    get,

    async list(userId: string): Promise<ProjectSummary[]> {
      const rows = await selectWithRole(userId).orderBy('projects.updated_at', 'desc').execute();
      return rows.map(toSummary);
    },

    /** A new project of `userId`; `build` fills its document (server/projects/starters.ts). */
    async create(
      userId: string,
      input: unknown,
      build?: (doc: Y.Doc) => void,
    ): Promise<ProjectSummary> {
      const { title, language } = parseInput(createProjectSchema, input);
      const id = newId();
      await insertProject(userId, id, title);
      try {
        await documents.create(id, { title, language }, build);
      } catch (err) {
        await db.deleteFrom('projects').where('id', '=', id).execute();
        throw err;
      }
      return get(userId, id);
    },

    async rename(userId: string, projectId: string, input: unknown): Promise<ProjectSummary> {
      await authorize(userId, projectId, 'rename');
      const { title } = parseInput(renameProjectSchema, input);
      await db
        .updateTable('projects')
        .set({ title, updated_at: new Date() })
        .where('id', '=', projectId)
        .execute();
      await documents.setTitle(projectId, title);
      return get(userId, projectId);
    },

    /**
     * Keeps the listing's title in step with the title edited in the live
     * document. The document holds whatever a client wrote: unsafe characters
     * are dropped here so a bad title can never make the store fail.
     */
    async syncTitleFromDocument(projectId: string, title: string) {
      const clean = withoutUnsafeCharacters(title, 'single-line').trim().slice(0, 200);
      if (!clean) return;
      await db
        .updateTable('projects')
        .set({ title: clean, updated_at: new Date() })
        .where('id', '=', projectId)
        .where('title', '<>', clean)
        .execute();
    },

    async duplicate(userId: string, projectId: string): Promise<ProjectSummary> {
      await authorize(userId, projectId, 'duplicate');
      const source = await get(userId, projectId);
      const id = newId();
      const title = `${source.title} (copy)`.slice(0, 200);
      await insertProject(userId, id, title);
      try {
        await documents.duplicate(projectId, id, title);
      } catch (err) {
        await db.deleteFrom('projects').where('id', '=', id).execute();
        throw err;
      }
      return get(userId, id);
    },

    async remove(userId: string, projectId: string) {
      await authorize(userId, projectId, 'delete');
      await db.deleteFrom('projects').where('id', '=', projectId).execute();
      await documents.disconnect(projectId);
    },

    listMembers,

    /**
     * Adds a member. Only an accepted invitation calls this (server/invitations),
     * inside the transaction that uses the invitation up; an existing member
     * keeps their role.
     */
    async addMember(projectId: string, memberId: string, role: Role, executor: Db = db) {
      await executor
        .insertInto('project_members')
        .values({ project_id: projectId, user_id: memberId, role })
        .onConflict((oc) => oc.columns(['project_id', 'user_id']).doNothing())
        .execute();
    },

    /** Changes the role of an existing member; people join through invitations only. */
    async setRole(userId: string, projectId: string, memberId: string, input: unknown) {
      await authorize(userId, projectId, 'manageMembers');
      const { role } = parseInput(memberRoleSchema, input);
      const current = await roleOf(memberId, projectId);
      if (!current) throw new ApiError('NOT_FOUND', 'errors.api.memberNotFound');
      if (current === 'owner' && role !== 'owner' && (await countOwners(projectId)) <= 1) {
        throw new ApiError('CONFLICT', 'errors.api.lastOwner');
      }
      await db
        .updateTable('project_members')
        .set({ role })
        .where('project_id', '=', projectId)
        .where('user_id', '=', memberId)
        .execute();
      // Open connections carry the old role: close them so they reconnect with the new one.
      if (current !== role) await documents.disconnect(projectId, memberId);
      return listMembers(userId, projectId);
    },

    async removeMember(userId: string, projectId: string, memberId: string) {
      await authorize(userId, projectId, 'manageMembers');
      const current = await roleOf(memberId, projectId);
      if (!current) throw new ApiError('NOT_FOUND', 'errors.api.memberNotFound');
      if (current === 'owner' && (await countOwners(projectId)) <= 1) {
        throw new ApiError('CONFLICT', 'errors.api.lastOwner');
      }
      await db
        .deleteFrom('project_members')
        .where('project_id', '=', projectId)
        .where('user_id', '=', memberId)
        .execute();
      await documents.disconnect(projectId, memberId);
      return listMembers(userId, projectId);
    },
  };
}

export type Projects = ReturnType<typeof createProjects>;
