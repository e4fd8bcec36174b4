import { parseJsonValue } from '../../shared/json-value.ts';
import type { RenderJobContext, RenderJobState } from '../../shared/render/render-job-machine.ts';
import type { RenderPresetId } from '../../shared/render/render-presets.ts';
import type { PlanJobData } from '../../shared/render/render-queue.ts';
import type { RenderRecord } from '../../shared/api/renders.ts';
import type { Timeline } from '../../shared/timeline.ts';
import type { Db } from '../db/database.ts';
import {
  renderSummary,
  titlesOf,
  titlesOfSummary,
  type RenderDetail,
  type RenderSummary,
} from './render-summary.ts';

/** Whose share of the render queues a render uses: its creator, or its project once that account is gone. */
export const ownerOf = (row: { created_by: string | null; project_id: string }) =>
  row.created_by ?? row.project_id;

/** A stored render's plan job, its revision's timeline included. */
export function planJobOfRow(row: {
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

/**
 * Reading the `renders` table: the selects, and a row as the `RenderRecord`
 * the API and the live feed send.
 */
export function createRenderRows(db: Db) {
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
            narrationSec: out.narrationSec ?? [],
            engines: out.engines ?? [],
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

  return { selectStored, select, summaryOf, toRecord, fullRecord, load };
}

export type RenderRows = ReturnType<typeof createRenderRows>;
