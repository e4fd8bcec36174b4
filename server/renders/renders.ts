import { sql } from 'kysely';
import { parseJsonValue } from '../../shared/json-value.ts';
import { TERMINAL_STATES, type RenderJobState } from '../../shared/render/render-job-machine.ts';
import type { PlanJobData } from '../../shared/render/render-queue.ts';
import { DEFAULT_TIMELINE_LIMITS, type TimelineLimits } from '../../shared/timeline-limits.ts';
import {
  DEFAULT_LIVE_RENDER_LIMITS,
  type LiveRenderLimits,
} from '../../shared/live-render-limits.ts';
import { renderPageSchema, type RenderRecord } from '../../shared/api/renders.ts';
import type { Db } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import type { Projects } from '../projects/projects.ts';
import type { Revisions } from '../revisions/revisions.ts';
import { createApplyEvent, type RenderEnded } from './apply-event.ts';
import { createCreate, type RefuseOverQuota } from './create.ts';
import { createRenderRows, planJobOfRow } from './render-rows.ts';
import type { RenderDetail, RenderSummary } from './render-summary.ts';

/**
 * Renders: the `renders` table belongs here. The row is written first, then
 * the queue entry; the lifecycle goes through the shared render-job machine.
 */
export function createRenders(
  db: Db,
  projects: Projects,
  revisions: Revisions,
  limits: TimelineLimits = DEFAULT_TIMELINE_LIMITS,
  liveLimits: LiveRenderLimits = DEFAULT_LIVE_RENDER_LIMITS,
  /** Told when a render finishes, fails or is cancelled (its creator is notified, webhooks told). */
  onEnded?: (ended: RenderEnded) => void,
  refuseOverQuota?: RefuseOverQuota,
) {
  const rows = createRenderRows(db);
  const { selectStored, summaryOf, toRecord, fullRecord, load } = rows;
  const applyEvent = createApplyEvent(db, rows, liveLimits, onEnded);

  async function authorizedRow(userId: string, renderId: string, action: 'view' | 'edit') {
    const row = await load(renderId);
    if (!row || !(await projects.roleOf(userId, row.project_id)))
      throw new ApiError('NOT_FOUND', 'errors.api.renderNotFound');
    await projects.authorize(userId, row.project_id, action);
    return row;
  }

  return {
    applyEvent,
    create: createCreate({
      db,
      projects,
      revisions,
      rows,
      limits,
      liveLimits,
      ...(refuseOverQuota ? { refuseOverQuota } : {}),
    }),

    async get(userId: string, renderId: string) {
      return fullRecord(await authorizedRow(userId, renderId, 'view'));
    },

    /**
     * A page of the project's renders, newest first, from stored fields only;
     * `nextBefore` is the cursor of the next page (null on the last one).
     */
    async list(
      userId: string,
      projectId: string,
      page: unknown = {},
    ): Promise<{ renders: RenderRecord[]; nextBefore: string | null }> {
      await projects.authorize(userId, projectId, 'view');
      const { limit, before } = parseInput(renderPageSchema, page);
      let query = selectStored()
        .where('renders.project_id', '=', projectId)
        .orderBy('renders.created_at', 'desc')
        .orderBy('renders.id', 'desc')
        .limit(limit + 1);
      if (before) {
        query = query.where(
          sql<boolean>`(renders.created_at, renders.id) < (select b.created_at, b.id from renders b where b.id = ${before} and b.project_id = ${projectId})`,
        );
      }
      const rows = await query.execute();
      const more = rows.length > limit;
      const pageRows = rows.slice(0, limit);
      const renders = await Promise.all(
        pageRows.map(async (row) => {
          const summary = parseJsonValue<RenderSummary | null>(row.summary);
          // Renders older than summaries: read in full once (their next event stores one).
          return summary ? toRecord(row, summary) : fullRecord((await load(row.id))!);
        }),
      );
      return { renders, nextBefore: more ? (pageRows.at(-1)?.id ?? null) : null };
    },

    /** The stored output of a render a user may view (for media responses). */
    async outputFor(userId: string, renderId: string) {
      const row = await authorizedRow(userId, renderId, 'view');
      return {
        record: fullRecord(row),
        output: summaryOf(row).output,
      };
    },

    /**
     * A finished render of a project, with its output, for a preview link
     * (server/share-links, which checks the link): the one named, or the
     * latest to finish when none is. Null when there is none.
     */
    async finishedOf(projectId: string, renderId: string | null): Promise<RenderRecord | null> {
      let query = rows
        .select()
        .where('renders.project_id', '=', projectId)
        .where('renders.status', '=', 'done');
      query = renderId
        ? query.where('renders.id', '=', renderId)
        : query.orderBy('renders.finished_at', 'desc').orderBy('renders.id', 'desc').limit(1);
      const row = await query.executeTakeFirst();
      if (!row) return null;
      const record = fullRecord(row);
      return record.output ? record : null;
    },

    /** The stored output of a finished render of a project (a preview link's media). */
    async finishedOutputOf(projectId: string, renderId: string) {
      const row = await rows
        .select()
        .where('renders.project_id', '=', projectId)
        .where('renders.status', '=', 'done')
        .where('renders.id', '=', renderId)
        .executeTakeFirst();
      return row ? summaryOf(row).output : null;
    },

    async requireEditable(userId: string, renderId: string) {
      const row = await authorizedRow(userId, renderId, 'edit');
      return { record: fullRecord(row), attempt: row.attempt };
    },

    /** Moves a failed or cancelled render back to queued under a new attempt number. */
    async beginRetry(renderId: string): Promise<{ record: RenderRecord; attempt: number } | null> {
      const record = await applyEvent(renderId, { type: 'RETRY' }, () => null);
      if (!record || record.status !== 'queued') return null;
      const row = await db
        .updateTable('renders')
        .set((eb) => ({ attempt: eb('attempt', '+', 1) }))
        .where('id', '=', renderId)
        .returning('attempt')
        .executeTakeFirstOrThrow();
      return { record, attempt: row.attempt };
    },

    /** Stored status, attempt and progress detail (to resume aggregating after a restart). */
    async storedProgress(renderId: string) {
      const row = await db
        .selectFrom('renders')
        .select(['status', 'attempt', 'progress'])
        .where('id', '=', renderId)
        .executeTakeFirst();
      return row
        ? {
            status: row.status as RenderJobState,
            attempt: row.attempt,
            detail: parseJsonValue<RenderDetail | null>(row.progress),
          }
        : null;
    },

    /** Renders not finished: the queue layer re-enqueues or settles them at start-up. */
    async unfinished() {
      return db
        .selectFrom('renders')
        .innerJoin('revisions', 'revisions.id', 'renders.revision_id')
        .select([
          'renders.id',
          'renders.project_id',
          'renders.attempt',
          'renders.preset',
          'renders.burn_captions',
          'renders.status',
          'renders.created_by',
          'revisions.timeline',
        ])
        .where('renders.status', 'not in', TERMINAL_STATES)
        .execute()
        .then((rows) => rows.map((row) => ({ ...row, plan: planJobOfRow(row) })));
    },

    /** The plan job of a render's current attempt (a retry queues it again). */
    async planJobOf(renderId: string): Promise<PlanJobData> {
      const row = await db
        .selectFrom('renders')
        .innerJoin('revisions', 'revisions.id', 'renders.revision_id')
        .select([
          'renders.id',
          'revisions.timeline',
          'renders.preset',
          'renders.burn_captions',
          'renders.project_id',
          'renders.attempt',
          'renders.created_by',
        ])
        .where('renders.id', '=', renderId)
        .executeTakeFirstOrThrow();
      return planJobOfRow(row);
    },
  };
}

export type Renders = ReturnType<typeof createRenders>;
