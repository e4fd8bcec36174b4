/**
 * bench/renders-list: the cost of listing a project's renders. N finished
 * renders of a timeline of S scenes are written to a fresh PostgreSQL schema;
 * the list call is timed with the stored summaries (the current code) and
 * with the summaries removed, which makes every row read the revision's
 * timeline and the progress detail as the list did before summaries existed.
 *
 *   node bench/renders-list/run.ts [--renders 100] [--scenes 500] [--repeat 5]
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { newId } from '../../shared/ids.ts';
import { RENDER_STAGES, type ArtifactKind } from '../../shared/render/render-events.ts';
import { initialRenderJob } from '../../shared/render/render-job-state.ts';
import { PROJECT_DEFAULTS, SCHEMA_VERSION, type Timeline } from '../../shared/timeline.ts';
import { migrateToLatest, openDatabase } from '../../server/db/database.ts';
import { TEST_DATABASE_URL } from '../../server/db/test-databases.ts';
import type { Projects } from '../../server/projects/projects.ts';
import { createRenders } from '../../server/renders/renders.ts';
import { renderSummary, type RenderDetail } from '../../server/renders/render-summary.ts';
import type { Revisions } from '../../server/revisions/revisions.ts';
import { postgresSchema } from '../../tests/support/postgres.ts';

const { values } = parseArgs({
  options: {
    renders: { type: 'string', default: '100' },
    scenes: { type: 'string', default: '500' },
    repeat: { type: 'string', default: '5' },
  },
});
const RENDERS = Number(values.renders);
const SCENES = Number(values.scenes);
const REPEAT = Number(values.repeat);

const hash = () => newId(64).replace(/[g-z]/g, 'a');

function timelineOf(sceneIds: string[]): Timeline {
  return {
    schemaVersion: SCHEMA_VERSION,
    title: 'Bench',
    language: 'en',
    aspect: '16:9',
    fps: 30,
    stylePreset: 'cinematic',
    voice: PROJECT_DEFAULTS.voice,
    music: null,
    cast: [],
    scenes: sceneIds.map((id, i) => ({
      id,
      order: `a${i}`,
      title: `Scene ${i + 1}`,
      narration: 'The clockmaker winds the old clock once more. '.repeat(12),
      prompt: 'A dusty workshop at dawn, brass gears on the bench.',
      durationSec: 6,
      transition: 'crossfade',
      motion: 'zoom-in',
      seed: i,
      cast: [],
      location: 'Workshop',
      mood: 'quiet',
      act: 1,
      image: null,
    })),
  };
}

function finishedDetail(sceneIds: string[]): RenderDetail {
  const units = RENDER_STAGES.flatMap((stage) =>
    sceneIds.map((sceneId) => ({ stage, sceneId, weight: 1 })),
  );
  const asset = (kind: ArtifactKind, ext: string) => ({ kind, hash: hash(), ext, cached: false });
  return {
    units,
    sceneIds,
    unitFractions: Object.fromEntries(units.map((u) => [`${u.stage}:${u.sceneId}`, 1])),
    output: {
      video: asset('video', 'mp4'),
      poster: asset('poster', 'jpg'),
      captions: { vtt: asset('captions-vtt', 'vtt'), srt: asset('captions-srt', 'srt') },
      thumbnails: sceneIds.map((sceneId) => ({ sceneId, thumbnail: asset('thumbnail', 'jpg') })),
      audio: asset('audio', 'm4a'),
      transitions: [],
      chapters: sceneIds.map((sceneId, i) => ({ sceneId, startSec: i * 6 })),
      durationSec: sceneIds.length * 6,
      width: 1920,
      height: 1080,
      fps: 30,
      frames: sceneIds.length * 180,
      warnings: [],
      referenced: [],
    },
  };
}

const pg = await postgresSchema();
const database = await openDatabase({
  databaseUrl: TEST_DATABASE_URL,
  schema: pg.env.DATABASE_SCHEMA,
});
try {
  const { db } = database;
  await migrateToLatest(db, pg.env.DATABASE_SCHEMA);
  const userId = newId();
  const projectId = newId();
  await db
    .insertInto('users')
    .values({ id: userId, email: 'bench@example.test', name: 'Bench', password_hash: 'x' })
    .execute();
  await db
    .insertInto('projects')
    .values({ id: projectId, title: 'Bench', owner_id: userId })
    .execute();
  const sceneIds = Array.from({ length: SCENES }, () => newId());
  const timeline = timelineOf(sceneIds);
  const revisionId = hash();
  await db
    .insertInto('revisions')
    .values({
      id: revisionId,
      project_id: projectId,
      number: 1,
      parent_id: null,
      author_id: userId,
      message: '',
      timeline: JSON.stringify(timeline),
      doc_state: new Uint8Array(),
    })
    .execute();

  // The domain module with access checks that always pass: only the list's own cost is timed.
  const projects = {
    authorize: async () => 'owner',
    roleOf: async () => 'owner',
  } as unknown as Projects;
  const revisions = { load: async () => ({ projectId, timeline }) } as unknown as Revisions;
  // Limits high enough for the list under test: every render stays queued here.
  const renders = createRenders(
    db,
    projects,
    revisions,
    { maxScenes: SCENES, maxSceneSec: 600, maxTotalSec: SCENES * 600 },
    { perUser: RENDERS, perProject: RENDERS },
  );

  const detail = JSON.stringify(finishedDetail(sceneIds));
  for (let i = 0; i < RENDERS; i++) {
    const { record } = await renders.create(userId, projectId, {
      revisionId,
      preset: '720p-draft',
    });
    const job = initialRenderJob(record.id);
    await db
      .updateTable('renders')
      .set({ status: 'cancelled', job: JSON.stringify(job.context), progress: detail })
      .where('id', '=', record.id)
      .execute();
    // Stored as the lifecycle would: the summary of the finished detail.
    await renders.applyEvent(record.id, { type: 'CANCEL' }, (d) => d);
  }

  /** The list as it was before summaries: one query joining the timeline, every row parsed. */
  const listBefore = async (limit: number) => {
    const rows = await db
      .selectFrom('renders')
      .leftJoin('revisions', 'revisions.id', 'renders.revision_id')
      .select(['renders.id', 'renders.job', 'renders.progress', 'revisions.timeline'])
      .where('renders.project_id', '=', projectId)
      .orderBy('renders.created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => {
      const titles = new Map(
        (row.timeline as Timeline).scenes.map((scene) => [scene.id, scene.title]),
      );
      return renderSummary(row.progress as RenderDetail, titles);
    });
  };

  const time = async (label: string, page: { limit: number }, before = false) => {
    const samples: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      const start = performance.now();
      const rows = before
        ? await listBefore(page.limit)
        : (await renders.list(userId, projectId, page)).renders;
      samples.push(performance.now() - start);
      if (rows.length !== Math.min(page.limit, RENDERS)) throw new Error('short page');
    }
    samples.sort((a, b) => a - b);
    const median = samples[Math.floor(samples.length / 2)]!;
    console.log(
      `${label.padEnd(48)} ${median.toFixed(1).padStart(8)} ms  (${(median / page.limit).toFixed(2)} ms per row)`,
    );
  };

  console.log(`${RENDERS} renders of a ${SCENES}-scene timeline, median of ${REPEAT}`);
  await time('stored summaries, first page (20 rows)', { limit: 20 });
  await time('stored summaries, 100 rows', { limit: Math.min(100, RENDERS) });
  await time(
    'before: timeline + progress per row, 100 rows',
    { limit: Math.min(100, RENDERS) },
    true,
  );
  // Rows written before the migration: read in full, one at a time, until their next event.
  await sql`update renders set summary = null`.execute(db);
  await time('rows without a summary (legacy), 20 rows', { limit: 20 });
} finally {
  await database.close();
  await pg.drop();
}
