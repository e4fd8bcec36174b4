import { Redis } from 'ioredis';
import { createAccounts, type AuthLimit } from './accounts/accounts.ts';
import { createCollabServer, type CollabLimit } from './collab/collab-server.ts';
import type { Config } from './config.ts';
import { migrateToLatest, openDatabase, type DatabaseHandle } from './db/database.ts';
import type { Logger } from './logger.ts';
import { createInvitations, type InvitationLimit } from './invitations/invitations.ts';
import { createProjects, type ProjectDocuments } from './projects/projects.ts';
import { createRevisions } from './revisions/revisions.ts';
import { createRenders } from './renders/renders.ts';
import { createRenderQueue } from './renders/render-queue.ts';
import { MediaStore } from '../shared/node/media-store.ts';
import { createMusic } from './media/music.ts';
import { RateLimits } from './http/rate-limit.ts';
import {
  createVoiceSamples,
  VOICE_SAMPLE_LIMIT,
  type VoiceSampleLimit,
} from './voices/voice-samples.ts';

/**
 * The composition root: one database, one Redis client, the domain modules
 * and the collaboration server, wired once per process. Routes (API and
 * Remix) receive this object; nothing else opens connections.
 */
export async function createServices(config: Config, logger: Logger) {
  const database: DatabaseHandle = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: config.pgliteDir,
    schema: config.databaseSchema,
  });
  const applied = await migrateToLatest(database.db, config.databaseSchema);
  if (applied.length) logger.info({ migrations: applied }, 'database migrated');

  const redis = new Redis(config.redisUrl, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    lazyConnect: true,
  });
  await redis.connect();

  // Sign-in and sign-up limits, one count for every web instance (issue 9, item 2).
  const authLimits = new RateLimits<AuthLimit>(redis, config.redisPrefix, config.authLimits);
  const accounts = createAccounts(database.db, {
    sessionTtlDays: config.sessionTtlDays,
    limits: authLimits,
  });
  // Projects and collab need each other (roles ↔ documents): the late-bound
  // documents object breaks the cycle without a second implementation.
  let documents: ProjectDocuments | null = null;
  const projects = createProjects(database.db, {
    create: (...args) => documents!.create(...args),
    duplicate: (...args) => documents!.duplicate(...args),
    setTitle: (...args) => documents!.setTitle(...args),
    disconnect: (...args) => documents!.disconnect(...args),
  });
  // Inviting is limited per inviting user (issue 9, item 9).
  const invitations = createInvitations(database.db, projects, {
    ttlDays: config.invitationTtlDays,
    limits: new RateLimits<InvitationLimit>(redis, config.redisPrefix, {
      invitationsByUser: config.invitationLimit,
    }),
  });
  const collab = createCollabServer({
    config,
    db: database.db,
    logger: logger.child({ module: 'collab' }),
    roleOf: projects.roleOf,
    isSessionLive: accounts.isSessionLive,
    // Every WebSocket upgrade, per client address, shared by every instance (issue 9, item 14).
    limits: new RateLimits<CollabLimit>(redis, config.redisPrefix, {
      upgradesByAddress: { points: config.collabConnectionsPerMinute, durationSec: 60 },
    }),
    onDocumentStored: (projectId, title) => projects.syncTitleFromDocument(projectId, title),
  });
  documents = collab.documents;
  const revisions = createRevisions(
    database.db,
    projects,
    collab.documents.read,
    config.timelineLimits,
  );
  const renders = createRenders(
    database.db,
    projects,
    revisions,
    config.timelineLimits,
    config.liveRenderLimits,
  );
  const renderQueue = createRenderQueue({
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    renders,
    logger: logger.child({ module: 'renders' }),
    broadcast: (projectId, message) => collab.broadcast(projectId, message),
  });
  await renderQueue.reconcile();
  const media = new MediaStore(config.mediaDir, { owner: config.instanceId });
  const music = createMusic(media, projects, collab.documents, {
    maxBytes: config.musicMaxBytes,
    maxSeconds: config.musicMaxSeconds,
  });
  const voiceSamples = createVoiceSamples({
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    media,
    projects,
    limits: new RateLimits<VoiceSampleLimit>(redis, config.redisPrefix, {
      voiceSamplesByUser: VOICE_SAMPLE_LIMIT,
    }),
  });

  return {
    config,
    logger,
    database,
    redis,
    accounts,
    projects,
    invitations,
    revisions,
    renders,
    renderQueue,
    media,
    music,
    voiceSamples,
    collab,
    async close() {
      await renderQueue.close();
      await voiceSamples.close();
      await collab.close();
      redis.disconnect();
      await database.close();
    },
  };
}

export type Services = Awaited<ReturnType<typeof createServices>>;
