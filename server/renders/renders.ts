import { sql, type Transaction } from 'kysely';
import { newId } from '../../shared/ids.ts';
import { parseJsonValue } from '../../shared/json-value.ts';
import type { RenderOutput } from '../../shared/render/render-output.ts';
import {
  isTerminalState,
  TERMINAL_STATES,
  type RenderJobContext,
  type RenderJobEvent,
  type RenderJobState,
} from '../../shared/render/render-job-machine.ts';
import {
  applyRenderJobEvent,
  initialRenderJob,
  type RenderJobSnapshot,
} from '../../shared/render/render-job-state.ts';
import type { RenderPresetId } from '../../shared/render/render-presets.ts';
import type { PlanJobData, PlannedUnit } from '../../shared/render/render-queue.ts';
import {
  DEFAULT_TIMELINE_LIMITS,
  timelineLimitIssues,
  type TimelineLimits,
} from '../../shared/timeline-limits.ts';
import {
  DEFAULT_LIVE_RENDER_LIMITS,
  liveRenderBreach,
  liveRenderBreachMessage,
  type LiveRenderLimits,
} from '../../shared/live-render-limits.ts';
import { parseInput } from '../http/parse-input.ts';
import {
  createRenderSchema,
  renderPageSchema,
  type RenderRecord,
} from '../../shared/api/renders.ts';
import type { Db } from '../db/database.ts';
import type { Timeline } from '../../shared/timeline.ts';
import type { Database } from '../db/schema.ts';
import { ApiError } from '../http/errors.ts';
import type { Projects } from '../projects/projects.ts';
import { overLimits, type Revisions } from '../revisions/revisions.ts';

/** Per-stage and per-scene detail kept beside the machine's context. */
export interface RenderDetail {
  units: PlannedUnit[];
  sceneIds: string[];
  /** `${stage}:${sceneId}` → 0..1 */
  unitFractions: Record<string, number>;
  output: RenderOutput | null;
}

/**
 * What the list shows of a render beyond its row: scene titles and
 * fractions, stage fractions and the output. Stored in `renders.summary` by
 * every write, so listing reads stored fields only (no revision timeline, no
 * progress detail per row).
 */
export interface RenderSummary {
  scenes: { id: string; title: string; fraction: number }[];
  stages: Record<string, number>;
  output: RenderOutput | null;
}

/** States in which a render no longer holds a live-render slot. */
/** Whose share of the render queues a render uses: its creator, or its project once that account is gone. */
const ownerOf = (row: { created_by: string | null; project_id: string }) =>
  row.created_by ?? row.project_id;

/** A stored render's plan job, its revision's timeline included. */
function planJobOfRow(row: {
  id: string;
  attempt: number;
  created_by: string | null;
  project_id: string;
  timeline: unknown;
  preset: string;
  burn_captions: boolean;
}): PlanJobData {
  return {
    renderId: row.id,
    attempt: row.attempt,
    owner: ownerOf(row),
    timeline: parseJsonValue<Timeline>(row.timeline),
    preset: row.preset as RenderPresetId,
    burnCaptions: row.burn_captions,
  };
}

/** Weighted fractions per stage and per scene from the unit fractions. */
export function summarise(detail: RenderDetail | null) {
  const stages: Record<string, [number, number]> = {};
  const scenes: Record<string, [number, number]> = {};
  for (const unit of detail?.units ?? []) {
    const f = detail!.unitFractions[`${unit.stage}:${unit.sceneId ?? ''}`] ?? 0;
    const add = (into: Record<string, [number, number]>, key: string) => {
      const acc = (into[key] ??= [0, 0]);
      acc[0] += f * unit.weight;
      acc[1] += unit.weight;
    };
    add(stages, unit.stage);
    if (unit.sceneId) add(scenes, unit.sceneId);
  }
  const ratio = (acc: Record<string, [number, number]>) =>
    Object.fromEntries(
      Object.entries(acc).map(([k, [done, total]]) => [k, total ? done / total : 0]),
    );
  return { stages: ratio(stages), scenes: ratio(scenes) };
}

/** The summary of a progress detail, scene titles from the revision (pure). */
export function renderSummary(
  detail: RenderDetail | null,
  titles: ReadonlyMap<string, string>,
): RenderSummary {
  const { stages, scenes } = summarise(detail);
  return {
    stages,
    scenes: (detail?.sceneIds ?? [...titles.keys()]).map((id) => ({
      id,
      title: titles.get(id) ?? '',
      fraction: scenes[id] ?? 0,
    })),
    output: detail?.output ?? null,
  };
}

const titlesOf = (timeline: unknown) =>
  new Map(
    (
      parseJsonValue<{ scenes?: { id: string; title: string }[] } | null>(timeline)?.scenes ?? []
    ).map((s) => [s.id, s.title]),
  );

const titlesOfSummary = (summary: RenderSummary) =>
  new Map(summary.scenes.map((s) => [s.id, s.title]));

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
) {
  /** The row fields every record needs, without the heavy JSON (revision timeline, progress). */
  const selectStored = () =>
    db
      .selectFrom('renders')
      .leftJoin('users', 'users.id', 'renders.created_by')
      .leftJoin('revisions', 'revisions.id', 'renders.revision_id')
      .select([
        'renders.id',
        'renders.project_id',
        'renders.revision_id',
        'renders.preset',
        'renders.burn_captions',
        'renders.status',
        'renders.job',
        'renders.attempt',
        'renders.summary',
        'renders.created_at',
        'renders.started_at',
        'renders.finished_at',
        'users.id as creator_id',
        'users.name as creator_name',
        'revisions.number as revision_number',
      ]);
  /** One render in full: with its progress detail and, for renders older than summaries, the timeline. */
  const select = () =>
    selectStored().select(['renders.progress', 'revisions.timeline as revision_timeline']);
  type StoredRow = Awaited<ReturnType<ReturnType<typeof selectStored>['executeTakeFirstOrThrow']>>;
  type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

  /** The stored summary; computed from the detail and timeline for renders written before it existed. */
  const summaryOf = (row: Row): RenderSummary =>
    parseJsonValue<RenderSummary | null>(row.summary) ??
    renderSummary(
      parseJsonValue<RenderDetail | null>(row.progress),
      titlesOf(row.revision_timeline),
    );

  function toRecord(row: StoredRow, summary: RenderSummary): RenderRecord {
    const job = parseJsonValue<RenderJobContext>(row.job);
    const titles = titlesOfSummary(summary);
    const base = `/api/v1/renders/${row.id}`;
    const out = summary.output;
    return {
      id: row.id,
      projectId: row.project_id,
      revisionId: row.revision_id,
      revisionNumber: row.revision_number ?? null,
      preset: row.preset as RenderPresetId,
      burnCaptions: row.burn_captions,
      status: row.status as RenderJobState,
      stage: job.stage,
      sceneId: job.sceneId,
      fraction: job.fraction,
      etaSec: job.etaSec,
      failure: job.failure,
      attempts: job.attempts,
      createdBy: row.creator_id ? { id: row.creator_id, name: row.creator_name ?? '' } : null,
      createdAt: new Date(row.created_at).toISOString(),
      startedAt: row.started_at ? new Date(row.started_at).toISOString() : null,
      finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
      cache: out?.cache ?? null,
      stages: summary.stages,
      scenes: summary.scenes,
      output: out
        ? {
            videoUrl: `${base}/video.mp4`,
            posterUrl: `${base}/poster.${out.poster.ext}`,
            captionsVttUrl: `${base}/captions.vtt`,
            captionsSrtUrl: `${base}/captions.srt`,
            thumbnails: out.thumbnails.map((t) => ({
              sceneId: t.sceneId,
              url: `${base}/thumbnails/${t.sceneId}.${t.thumbnail.ext}`,
            })),
            depictions: out.depictions ?? [],
            chapters: (out.chapters ?? []).map((c) => ({
              ...c,
              title: titles.get(c.sceneId) ?? '',
            })),
            durationSec: out.durationSec,
            width: out.width,
            height: out.height,
            fps: out.fps,
            frames: out.frames,
          }
        : null,
    };
  }

  const fullRecord = (row: Row) => toRecord(row, summaryOf(row));

  async function load(renderId: string) {
    return (await select().where('renders.id', '=', renderId).executeTakeFirst()) ?? null;
  }

  async function authorizedRow(userId: string, renderId: string, action: 'view' | 'edit') {
    const row = await load(renderId);
    if (!row || !(await projects.roleOf(userId, row.project_id)))
      throw new ApiError('NOT_FOUND', 'Render not found');
    await projects.authorize(userId, row.project_id, action);
    return row;
  }

  /**
   * Locks the person's row, then the project's (always in that order: no
   * deadlock), until the transaction ends, so transactions that make a render
   * live for the same person or project run one after the other and two
   * never both take the last slot. Row locks behave alike on PGlite and
   * PostgreSQL; `FOR NO KEY UPDATE` leaves rows that merely reference the
   * person or project (sessions, revisions) free to be written.
   */
  async function lockLiveSlots(
    trx: Transaction<Database>,
    userId: string | null,
    projectId: string,
  ) {
    const lockRow = (table: 'users' | 'projects', id: string) =>
      trx.selectFrom(table).select('id').where('id', '=', id).forNoKeyUpdate().execute();
    if (userId) await lockRow('users', userId);
    await lockRow('projects', projectId);
  }

  /** After `lockLiveSlots`: refuses one more live render past a live-render limit (429 naming it). */
  async function refuseOverLiveLimit(
    trx: Transaction<Database>,
    userId: string | null,
    projectId: string,
  ) {
    const count = (where: 'created_by' | 'project_id', id: string | null) =>
      id === null
        ? Promise.resolve(0)
        : trx
            .selectFrom('renders')
            .select((eb) => eb.fn.countAll<string>().as('live'))
            .where(where, '=', id)
            .where('status', 'not in', TERMINAL_STATES)
            .executeTakeFirstOrThrow()
            .then((row) => Number(row.live));
    const live = {
      user: await count('created_by', userId),
      project: await count('project_id', projectId),
    };
    const breach = liveRenderBreach(live, liveLimits);
    if (breach) throw new ApiError('RATE_LIMITED', liveRenderBreachMessage(breach), { ...breach });
  }

  /**
   * Applies a lifecycle event to a stored render through the machine and
   * saves the result; returns the record, or null when the event changed
   * nothing (late events after cancel, failure or completion).
   */
  async function applyEvent(
    renderId: string,
    event: RenderJobEvent,
    updateDetail?: (detail: RenderDetail | null) => RenderDetail | null,
  ): Promise<RenderRecord | null> {
    return db
      .transaction()
      .execute(async (trx) => {
        const row = await trx
          .selectFrom('renders')
          .select([
            'status',
            'job',
            'progress',
            'summary',
            'revision_id',
            'started_at',
            'created_by',
            'project_id',
          ])
          .where('id', '=', renderId)
          .forUpdate()
          .executeTakeFirst();
        if (!row) return null;
        const current: RenderJobSnapshot = {
          state: row.status as RenderJobState,
          context: parseJsonValue<RenderJobContext>(row.job),
        };
        const next = applyRenderJobEvent(current, event);
        // A finished render made live again (a retry) takes a slot like a new one.
        if (isTerminalState(current.state) && !isTerminalState(next.state)) {
          await lockLiveSlots(trx, row.created_by, row.project_id);
          await refuseOverLiveLimit(trx, row.created_by, row.project_id);
        }
        const detailBefore = parseJsonValue<RenderDetail | null>(row.progress);
        const unchanged =
          next.state === current.state &&
          JSON.stringify(next.context) === JSON.stringify(current.context);
        if (unchanged && !updateDetail) return null;
        // Detail only moves while the job is live (or to record its output when it finishes).
        const detail =
          updateDetail && (!isTerminalState(current.state) || event.type === 'RETRY')
            ? updateDetail(detailBefore)
            : detailBefore;
        const stored = parseJsonValue<RenderSummary | null>(row.summary);
        const titles = stored
          ? titlesOfSummary(stored)
          : titlesOf(
              (
                await trx
                  .selectFrom('revisions')
                  .select('timeline')
                  .where('id', '=', row.revision_id)
                  .executeTakeFirst()
              )?.timeline ?? null,
            );
        const now = new Date();
        await trx
          .updateTable('renders')
          .set({
            status: next.state,
            job: JSON.stringify(next.context),
            progress: detail ? JSON.stringify(detail) : null,
            summary: JSON.stringify(renderSummary(detail, titles)),
            updated_at: now,
            ...(event.type === 'START' && !row.started_at ? { started_at: now } : {}),
            ...(isTerminalState(next.state) && !isTerminalState(current.state)
              ? { finished_at: now }
              : {}),
            ...(event.type === 'RETRY' ? { finished_at: null } : {}),
          })
          .where('id', '=', renderId)
          .execute();
        return true;
      })
      .then(async (changed) => (changed ? fullRecord((await load(renderId))!) : null));
  }

  return {
    applyEvent,

    /**
     * Writes the render row (or finds the live one for this revision and
     * preset); returns it, whether it is new, and for a new one the plan job
     * to queue, with the revision's timeline already loaded here.
     */
    async create(
      userId: string,
      projectId: string,
      input: unknown,
    ): Promise<{ record: RenderRecord; created: boolean; plan: PlanJobData | null }> {
      await projects.authorize(userId, projectId, 'edit');
      const { revisionId, preset, burnCaptions } = parseInput(createRenderSchema, input);
      const revision = await revisions.load(revisionId);
      if (!revision || revision.projectId !== projectId) {
        throw new ApiError('NOT_FOUND', 'Revision not found in this project', {
          fields: { revisionId: 'Unknown revision' },
        });
      }
      // Revisions committed before a limit was set or lowered are held to it here.
      const breaches = timelineLimitIssues(revision.timeline, limits);
      if (breaches.length) throw overLimits(breaches);
      const id = newId();
      const job = initialRenderJob(id);
      const created = await db.transaction().execute(async (trx) => {
        await lockLiveSlots(trx, userId, projectId);
        // The live render of this revision and settings is answered again: it takes no new slot.
        const existing = await trx
          .selectFrom('renders')
          .select('id')
          .where('revision_id', '=', revisionId)
          .where('preset', '=', preset)
          .where('burn_captions', '=', burnCaptions)
          .where('status', 'not in', TERMINAL_STATES)
          .executeTakeFirst();
        if (existing) return null;
        await refuseOverLiveLimit(trx, userId, projectId);
        return trx
          .insertInto('renders')
          .values({
            id,
            project_id: projectId,
            revision_id: revisionId,
            preset,
            burn_captions: burnCaptions,
            status: job.state,
            job: JSON.stringify(job.context),
            summary: JSON.stringify(renderSummary(null, titlesOf(revision.timeline))),
            attempt: 1,
            created_by: userId,
          })
          .onConflict((oc) =>
            oc
              .columns(['revision_id', 'preset', 'burn_captions'])
              .where('status', 'not in', TERMINAL_STATES)
              .doNothing(),
          )
          .returning('id')
          .executeTakeFirst();
      });
      const row = created
        ? await load(id)
        : await select()
            .where('renders.revision_id', '=', revisionId)
            .where('renders.preset', '=', preset)
            .where('renders.burn_captions', '=', burnCaptions)
            .where('renders.status', 'not in', TERMINAL_STATES)
            .executeTakeFirst();
      const plan: PlanJobData | null = created
        ? {
            renderId: id,
            attempt: 1,
            owner: userId,
            timeline: revision.timeline,
            preset,
            burnCaptions,
          }
        : null;
      return { record: fullRecord(row!), created: !!created, plan };
    },

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
