import * as Y from 'yjs';
import { sha256Hex } from '../../shared/content-key.ts';
import { parseJsonValue } from '../../shared/json-value.ts';
import { toTimeline } from '../../shared/project-doc.ts';
import { renderReadinessIssues } from '../../shared/render/render-readiness.ts';
import { commitSchema, type RevisionSummary } from '../../shared/api/revisions.ts';
import {
  DEFAULT_TIMELINE_LIMITS,
  timelineLimitIssues,
  type LimitBreach,
  type TimelineLimits,
} from '../../shared/timeline-limits.ts';
import {
  canonicalJson,
  TimelineError,
  type Timeline,
  type TimelineIssue,
} from '../../shared/timeline.ts';
import type { Db } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import type { Projects } from '../projects/projects.ts';

export interface Revision extends RevisionSummary {
  timeline: Timeline;
}

/** The revision id: sha256 of the canonical project id + timeline, so equal content is one revision per project. */
export const revisionId = (projectId: string, timeline: Timeline) =>
  sha256Hex(canonicalJson({ projectId, timeline }));

function unrenderable(issues: TimelineIssue[]): ApiError {
  return new ApiError('VALIDATION_FAILED', 'errors.api.notRenderable', {
    issues,
    fields: Object.fromEntries(issues.map((i) => [i.path.join('.'), i.message])),
  });
}

/** 422 for a timeline over this server's limits; details name each limit, value and scene. */
export function overLimits(issues: (TimelineIssue & { limit: LimitBreach })[]): ApiError {
  return new ApiError('VALIDATION_FAILED', 'errors.api.overLimits', {
    issues,
    fields: Object.fromEntries(issues.map((i) => [i.path.join('.'), i.message])),
    limits: issues.map((i) => ({ ...i.limit, ...(i.sceneId ? { sceneId: i.sceneId } : {}) })),
  });
}

/**
 * Revisions: the committed, immutable truth (docs/design.md). The `revisions`
 * table belongs here. A commit freezes `toTimeline(doc)`; renders only ever
 * target revisions.
 */
export function createRevisions(
  db: Db,
  projects: Projects,
  readDocument: (projectId: string) => Promise<Y.Doc>,
  limits: TimelineLimits = DEFAULT_TIMELINE_LIMITS,
  /** Told once per new revision, by the instance that wrote it (webhooks). */
  onCreated: (revision: RevisionSummary) => void = () => {},
) {
  const summarySelect = db
    .selectFrom('revisions')
    .leftJoin('users', 'users.id', 'revisions.author_id')
    .select([
      'revisions.id',
      'revisions.project_id',
      'revisions.number',
      'revisions.parent_id',
      'revisions.message',
      'revisions.created_at',
      'users.id as author_id',
      'users.name as author_name',
    ]);

  type Row = Awaited<ReturnType<typeof summarySelect.executeTakeFirstOrThrow>>;
  const toSummary = (row: Row): RevisionSummary => ({
    id: row.id,
    projectId: row.project_id,
    number: row.number,
    parentId: row.parent_id,
    author: row.author_id ? { id: row.author_id, name: row.author_name ?? '' } : null,
    message: row.message,
    createdAt: new Date(row.created_at).toISOString(),
  });

  async function load(revisionIdValue: string): Promise<Revision | null> {
    const row = await summarySelect
      .select('revisions.timeline')
      .where('revisions.id', '=', revisionIdValue)
      .executeTakeFirst();
    if (!row) return null;
    const timeline = parseJsonValue<Timeline>(row.timeline);
    return { ...toSummary(row), timeline };
  }

  return {
    /** Commits the live document; returns the existing revision when nothing changed. */
    async commit(
      userId: string,
      projectId: string,
      input: unknown,
    ): Promise<{ revision: RevisionSummary; created: boolean }> {
      await projects.authorize(userId, projectId, 'edit');
      const { message } = parseInput(commitSchema, input ?? {});
      const doc = await readDocument(projectId);
      let timeline: Timeline;
      try {
        timeline = toTimeline(doc);
      } catch (err) {
        if (err instanceof TimelineError) throw unrenderable(err.issues);
        throw err;
      }
      const issues = renderReadinessIssues(timeline);
      if (issues.length) throw unrenderable(issues);
      const breaches = timelineLimitIssues(timeline, limits);
      if (breaches.length) throw overLimits(breaches);
      const id = revisionId(projectId, timeline);
      const docState = Y.encodeStateAsUpdate(doc);

      const created = await db.transaction().execute(async (trx) => {
        // Serialises commits of one project so numbers and parents stay a chain.
        await trx
          .selectFrom('projects')
          .select('id')
          .where('id', '=', projectId)
          .forUpdate()
          .executeTakeFirstOrThrow();
        const existing = await trx
          .selectFrom('revisions')
          .select('id')
          .where('id', '=', id)
          .executeTakeFirst();
        if (existing) return false;
        const parent = await trx
          .selectFrom('revisions')
          .select(['id', 'number'])
          .where('project_id', '=', projectId)
          .orderBy('number', 'desc')
          .limit(1)
          .executeTakeFirst();
        await trx
          .insertInto('revisions')
          .values({
            id,
            project_id: projectId,
            number: (parent?.number ?? 0) + 1,
            parent_id: parent?.id ?? null,
            author_id: userId,
            message,
            timeline: JSON.stringify(timeline),
            doc_state: docState,
          })
          .execute();
        return true;
      });
      const revision = await load(id);
      if (created) onCreated(revision!);
      return { revision: revision!, created };
    },

    async list(userId: string, projectId: string): Promise<RevisionSummary[]> {
      await projects.authorize(userId, projectId, 'view');
      const rows = await summarySelect
        .where('revisions.project_id', '=', projectId)
        .orderBy('revisions.number', 'desc')
        .execute();
      return rows.map(toSummary);
    },

    /** A revision with its timeline, for members of its project (others: 404). */
    async get(userId: string, id: string): Promise<Revision> {
      const revision = await load(id);
      if (!revision) throw new ApiError('NOT_FOUND', 'errors.api.revisionNotFound');
      const role = await projects.roleOf(userId, revision.projectId);
      if (!role) throw new ApiError('NOT_FOUND', 'errors.api.revisionNotFound');
      return revision;
    },

    /** For the render layer, which has already checked access. */
    load,
  };
}

export type Revisions = ReturnType<typeof createRevisions>;
