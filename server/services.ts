import { Redis } from 'ioredis';
import { createAccounts, type AuthLimit } from './accounts/accounts.ts';
import { createCollabServer, type CollabLimit } from './collab/collab-server.ts';
import type { Config } from './config.ts';
import { migrateToLatest, openDatabase, type DatabaseHandle } from './db/database.ts';
import type { Logger } from './logger.ts';
import { createInvitations, type InvitationLimit } from './invitations/invitations.ts';
import { createProjects, type ProjectDocuments } from './projects/projects.ts';
import { createStarters } from './projects/starters.ts';
import { createHints } from './accounts/hints.ts';
import { createRevisions } from './revisions/revisions.ts';
import { createRenders } from './renders/renders.ts';
import { createRenderQueue } from './renders/render-queue.ts';
import { MediaStore } from '../shared/node/media-store.ts';
import { createMusic } from './media/music.ts';
import { RateLimits } from './http/rate-limit.ts';
import { createComments } from './comments/comments.ts';
import { createFanout } from './notifications/fanout.ts';
import { createMailer } from './notifications/mailer.ts';
import { createNotifications } from './notifications/notifications.ts';
import { createNotificationStreams } from './notifications/streams.ts';
import { listScenes } from '../shared/project-doc.ts';
import {
  createShareLinks,
  SHARE_LINK_LIMITS,
  type ShareLinkLimit,
  type ShareLinks,
} from './share-links/share-links.ts';
import {
  createVoiceSamples,
  VOICE_SAMPLE_LIMIT,
  type VoiceSampleLimit,
} from './voices/voice-samples.ts';
import { createRenderNodes } from './render-nodes/render-nodes.ts';
import { createSoundtracks, SOUNDTRACK_LIMIT, type SoundtrackLimit } from './music/soundtracks.ts';

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
  // Review events and notifications reach every instance through Redis (ADR 0034).
  const fanout = createFanout(redis, config.redisPrefix, logger.child({ module: 'review' }));
  const mailer = createMailer(config.mail, logger.child({ module: 'mail' }));
  const notifications = createNotifications({
    db: database.db,
    fanout,
    mailer,
    logger: logger.child({ module: 'notifications' }),
    publicUrl: config.publicUrl,
  });
  const notificationStreams = createNotificationStreams(fanout);
  /** Runs a notification in the background: its failure is logged, never the caller's. */
  const notifyLater = (work: () => Promise<void>) => {
    void work().catch((err: unknown) => logger.error({ err }, 'notification failed'));
  };
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
    onAccepted: (accepted) => notifyLater(() => notifications.memberAdded(accepted)),
  });
  // Preview links need renders and the collab server, which asks them whether a link is live.
  let shareLinks: ShareLinks | null = null;
  const collab = createCollabServer({
    config,
    db: database.db,
    logger: logger.child({ module: 'collab' }),
    roleOf: projects.roleOf,
    isSessionLive: accounts.isSessionLive,
    isShareLinkLive: (linkId, documentName) => shareLinks!.isLive(linkId, documentName),
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
    (ended) => notifyLater(() => notifications.renderEnded(ended)),
  );
  const renderQueue = createRenderQueue({
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    renders,
    logger: logger.child({ module: 'renders' }),
    broadcast: (projectId, message) => collab.broadcast(projectId, message),
  });
  await renderQueue.reconcile();
  // New projects from a sample or a template (issue 12, item 8).
  const starters = createStarters({ projects, revisions, renders, renderQueue });
  const hints = createHints(database.db);
  shareLinks = createShareLinks(database.db, {
    projects,
    renders,
    readDocument: collab.documents.read,
    limits: new RateLimits<ShareLinkLimit>(redis, config.redisPrefix, SHARE_LINK_LIMITS),
    disconnect: (linkId) => collab.revokeShareLink(linkId),
  });
  // Comment changes go to collaborators on every instance: each relays them on its own sockets.
  fanout.on((event) => {
    if (event.type === 'project') collab.broadcast(event.projectId, event.message);
  });
  const comments = createComments({
    db: database.db,
    projects,
    sceneExists: async (projectId, sceneId) =>
      listScenes(await collab.documents.read(projectId)).some((scene) => scene.id === sceneId),
    notifications,
    publish: (projectId, message) => fanout.publish({ type: 'project', projectId, message }),
  });
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
  // Generated soundtracks (issue 18, ADR 0036): composed by render nodes, read from their jobs.
  const soundtracks = createSoundtracks({
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    redis,
    media,
    projects,
    documents: collab.documents,
    limits: new RateLimits<SoundtrackLimit>(redis, config.redisPrefix, {
      soundtracksByUser: SOUNDTRACK_LIMIT,
    }),
  });
  // The render nodes' heartbeats: models panel, pickers, /readyz and /metrics (ADR 0040).
  const renderNodes = createRenderNodes(redis, config.redisPrefix);

  return {
    config,
    logger,
    database,
    redis,
    accounts,
    projects,
    starters,
    hints,
    invitations,
    revisions,
    renders,
    renderQueue,
    renderNodes,
    media,
    music,
    voiceSamples,
    soundtracks,
    shareLinks,
    collab,
    comments,
    notifications,
    notificationStreams,
    async close() {
      notificationStreams.close();
      fanout.close();
      mailer.close();
      await renderQueue.close();
      await voiceSamples.close();
      await soundtracks.close();
      await collab.close();
      redis.disconnect();
      await database.close();
    },
  };
}

export type Services = Awaited<ReturnType<typeof createServices>>;
