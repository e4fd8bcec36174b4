import { Redis } from 'ioredis';
import { createAnalysisPool } from './analysis/analysis-pool.ts';
import { createAccounts, type AuthLimit } from './accounts/accounts.ts';
import { createCollabServer, type CollabLimit } from './collab/collab-server.ts';
import type { Config } from './config.ts';
import { migrateToLatest, openDatabase, type DatabaseHandle } from './db/database.ts';
import type { Logger } from './logger.ts';
import { createInvitations, type InvitationLimit } from './invitations/invitations.ts';
import { createProjects, type ProjectDocuments } from './projects/projects.ts';
import { createStarters } from './projects/starters.ts';
import { createApiTokens } from './accounts/api-tokens.ts';
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
import { createAssetRecords } from './images/asset-records.ts';
import {
  createSceneImages,
  SCENE_IMAGE_LIMIT,
  type SceneImageLimit,
} from './images/scene-images.ts';
import { createRenderEstimates } from './renders/estimate.ts';
import { createUsage } from './usage/usage.ts';
import { createWebhookQueue, type WebhookQueue } from './webhooks/delivery-queue.ts';
import { createWebhooks } from './webhooks/webhooks.ts';
import type { RenderEnded } from './renders/apply-event.ts';

/** The webhook event each end of a render sends. */
const RENDER_EVENT = {
  done: 'render.succeeded',
  failed: 'render.failed',
  cancelled: 'render.cancelled',
} as const satisfies Record<RenderEnded['status'], string>;

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
    // Failures per client address, connections per person; shared by every instance (issue 15, item 2).
    limits: new RateLimits<CollabLimit>(redis, config.redisPrefix, {
      failedUpgradesByAddress: {
        points: config.collabFailedConnectionsPerMinute,
        durationSec: 60,
      },
      connectionsByUser: { points: config.collabConnectionsPerMinute, durationSec: 60 },
    }),
    onDocumentStored: (projectId, title) => projects.syncTitleFromDocument(projectId, title),
  });
  documents = collab.documents;
  // Webhooks (issue 16, ADR 0043): events leave through one function, deliveries through a queue
  // whose worker runs here; the queue and the module need each other, hence the late binding.
  let webhookQueue: WebhookQueue | null = null;
  const webhooks = createWebhooks({
    db: database.db,
    projects,
    settings: config.webhooks,
    logger: logger.child({ module: 'webhooks' }),
    schedule: (...args) => webhookQueue!.schedule(...args),
    notify: (items) => notifications.notify(items),
  });
  webhookQueue = createWebhookQueue({
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    logger: logger.child({ module: 'webhooks' }),
    deliver: webhooks.deliver,
  });
  const emitLater = (...args: Parameters<typeof webhooks.emit>) => void webhooks.emit(...args);
  const media = new MediaStore(config.mediaDir, { owner: config.instanceId });
  const usage = createUsage({
    db: database.db,
    quotas: config.quotas,
    locate: (hash) => media.locate(hash),
  });
  const revisions = createRevisions(
    database.db,
    projects,
    collab.documents.read,
    config.timelineLimits,
    (revision) => emitLater('revision.created', revision.projectId, { revision }),
  );
  const renders = createRenders(
    database.db,
    projects,
    revisions,
    config.timelineLimits,
    config.liveRenderLimits,
    (ended) => {
      if (ended.status !== 'cancelled') notifyLater(() => notifications.renderEnded(ended));
      emitLater(RENDER_EVENT[ended.status], ended.projectId, { render: ended.record });
    },
    usage.refuseOverQuota,
  );
  const renderQueue = createRenderQueue({
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    renders,
    logger: logger.child({ module: 'renders' }),
    broadcast: (projectId, message) => collab.broadcast(projectId, message),
  });
  await renderQueue.reconcile();
  // Deliveries whose next attempt a stopped instance may not have queued.
  await webhooks.resume();
  // New projects from a sample or a template (issue 12, item 8).
  const starters = createStarters({ projects, revisions, renders, renderQueue });
  const hints = createHints(database.db);
  // Personal API tokens and the API's request limit, one count for every instance (issue 16).
  const apiTokens = createApiTokens(database.db);
  const apiLimits = new RateLimits<'api'>(redis, config.redisPrefix, { api: config.apiRateLimit });
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
    onCreated: (comment) => emitLater('comment.created', comment.projectId, { comment }),
  });
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
  // Regenerate, variants, asset records and estimates (issue 14, ADR 0041): made by render nodes.
  const sceneImages = createSceneImages({
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    redis,
    media,
    projects,
    documents: collab.documents,
    limits: new RateLimits<SceneImageLimit>(redis, config.redisPrefix, {
      sceneImagesByUser: SCENE_IMAGE_LIMIT,
    }),
    broadcast: (projectId, message) => collab.broadcast(projectId, message),
  });
  const assetRecords = createAssetRecords({
    db: database.db,
    redis,
    prefix: config.redisPrefix,
    media,
    projects,
  });
  const renderEstimates = createRenderEstimates({
    redisUrl: config.redisUrl,
    prefix: config.redisPrefix,
    projects,
    revisions,
  });

  // Script analysis runs in worker threads, off the event loop (issue 15, item 3).
  const analysis = createAnalysisPool({
    size: config.analysisWorkers,
    onThreadError: (err) => logger.warn({ err }, 'analysis thread failed'),
  });
  // The render nodes' heartbeats: models panel, pickers, /readyz and /metrics (ADR 0040).
  const renderNodes = createRenderNodes(redis, config.redisPrefix);

  return {
    config,
    logger,
    database,
    analysis,
    redis,
    accounts,
    projects,
    starters,
    hints,
    apiTokens,
    apiLimits,
    invitations,
    revisions,
    renders,
    renderQueue,
    renderNodes,
    media,
    music,
    voiceSamples,
    soundtracks,
    sceneImages,
    assetRecords,
    renderEstimates,
    shareLinks,
    collab,
    comments,
    notifications,
    notificationStreams,
    webhooks,
    usage,
    async close() {
      await analysis.close();
      notificationStreams.close();
      await webhookQueue.close();
      fanout.close();
      mailer.close();
      await renderQueue.close();
      await voiceSamples.close();
      await soundtracks.close();
      await sceneImages.close();
      await renderEstimates.close();
      await collab.close();
      redis.disconnect();
      await database.close();
    },
  };
}

export type Services = Awaited<ReturnType<typeof createServices>>;
