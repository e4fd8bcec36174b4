import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { MAX_SCENE_DURATION_SEC } from '../shared/timeline.ts';
import type { LiveRenderLimits } from '../shared/live-render-limits.ts';
import type { TimelineLimits } from '../shared/timeline-limits.ts';
import type { LimitRule } from './http/rate-limit.ts';

/** A rate limit written "attempts/seconds", e.g. `30/60`: 30 attempts a minute. */
const limitRule = z
  .string()
  .regex(/^\d+\/\d+$/, 'expected attempts/seconds, e.g. 30/60')
  .transform((v) => {
    const [points, durationSec] = v.split('/').map(Number) as [number, number];
    return { points, durationSec };
  })
  .refine((r) => r.points >= 1 && r.durationSec >= 1, 'attempts and seconds must be at least 1');

/**
 * Every environment variable Montage reads, in one place (documented in
 * docs/configuration.md). Bad values stop start-up with the variable's name.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .optional(),
  PGLITE_DIR: z.string().optional(),
  MEDIA_DIR: z.string().optional(),
  REDIS_URL: z.string().url().optional(),
  REDIS_PREFIX: z.string().default('montage'),
  MONTAGE_SECRET: z.string().min(32).optional(),
  COLLAB_TOKEN_TTL_SEC: z.coerce.number().int().min(3).default(600),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).default(30),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(1).max(10).optional(),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024),
  MAX_DOCUMENT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(32 * 1024 * 1024),
  // Authenticated collab connections per person (or preview link) a minute, every instance together.
  COLLAB_CONNECTIONS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  // Failed collab attempts (refused tokens, no auth in time) per client address a minute.
  COLLAB_FAILED_CONNECTIONS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  // Collab sockets and presence (issue 9, items 6 and 14).
  // Sockets not yet authenticated one client address may hold open at once, per instance.
  COLLAB_PENDING_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  // Worker threads analysing scripts off the event loop (issue 15, item 3).
  ANALYSIS_WORKERS: z.coerce.number().int().min(1).max(16).default(1),
  COLLAB_AUTH_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  COLLAB_PRESENCE_BYTES: z.coerce
    .number()
    .int()
    .min(256)
    .default(16 * 1024),
  COLLAB_PRESENCE_PER_DOCUMENT: z.coerce.number().int().min(1).default(200),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  INSTANCE_ID: z.string().optional(),
  // Uploads (music bed): largest body streamed to disk, longest audio kept after transcoding.
  MUSIC_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(50 * 1024 * 1024),
  MUSIC_MAX_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(30 * 60),
  // Sign-in and sign-up rate limits (issue 9): "attempts/seconds", shared through Redis.
  AUTH_LIMIT_SIGN_IN_BY_ADDRESS: limitRule.default({ points: 30, durationSec: 60 }),
  AUTH_LIMIT_SIGN_IN_BY_ACCOUNT: limitRule.default({ points: 10, durationSec: 15 * 60 }),
  AUTH_LIMIT_SIGN_UP_BY_ADDRESS: limitRule.default({ points: 20, durationSec: 60 * 60 }),
  // API requests per token, session or (anonymous) client address (issue 16): "requests/seconds".
  API_RATE_LIMIT: limitRule.default({ points: 600, durationSec: 60 }),
  // Invitations (issue 9): days a link stays valid, invitations one user may send an hour.
  INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  INVITATIONS_PER_HOUR: z.coerce.number().int().min(1).default(20),
  // Timeline limits, checked at commit and at render creation (shared/timeline-limits.ts).
  MAX_SCENES_PER_PROJECT: z.coerce.number().int().min(1).default(500),
  MAX_SCENE_SECONDS: z.coerce.number().positive().max(MAX_SCENE_DURATION_SEC).default(120),
  MAX_RENDER_SECONDS: z.coerce.number().positive().default(3600),
  // Bearer token for /metrics and /readyz details; unset: callers on this machine only.
  METRICS_TOKEN: z.string().min(16).optional(),
  // Live (queued or running) renders at once, checked at creation and retry (shared/live-render-limits.ts).
  MAX_LIVE_RENDERS_PER_USER: z.coerce.number().int().min(1).default(3),
  MAX_LIVE_RENDERS_PER_PROJECT: z.coerce.number().int().min(1).default(5),
  // Notification e-mail (smtp://user:pass@host:587, smtps://…); unset: no e-mail is sent.
  SMTP_URL: z
    .string()
    .url()
    .refine((url) => /^smtps?:\/\//.test(url), 'SMTP_URL must start with smtp:// or smtps://')
    .optional(),
  SMTP_FROM: z.string().min(3).default('Montage <montage@localhost>'),
  // Webhooks (issue 16, ADR 0043): destinations, timeout, retries, when a failing one is disabled.
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).default(30_000),
  WEBHOOK_RETRY_MAX_DELAY_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(60 * 60 * 1000),
  WEBHOOK_RETRY_FOR_SEC: z.coerce
    .number()
    .int()
    .min(1)
    .default(24 * 3600),
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).default(5),
  // Quotas (issue 16): unset is unlimited.
  QUOTA_RENDER_MINUTES_PER_MONTH: z.coerce.number().positive().optional(),
  QUOTA_STORAGE_BYTES_PER_PROJECT: z.coerce.number().int().positive().optional(),
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseSchema: string | undefined;
  pgliteDir: string;
  mediaDir: string;
  redisUrl: string;
  redisPrefix: string;
  secret: string;
  collabTokenTtlSec: number;
  sessionTtlDays: number;
  /** Reverse proxies in front of Montage whose X-Forwarded-For entries are trusted (0: none). */
  trustProxy: number;
  maxBodyBytes: number;
  maxMessageBytes: number;
  maxDocumentBytes: number;
  /** WebSocket upgrades allowed per client address per minute. */
  collabConnectionsPerMinute: number;
  collabFailedConnectionsPerMinute: number;
  analysisWorkers: number;
  collabPendingPerAddress: number;
  /** A socket that has not authenticated a document by then is closed (4408). */
  collabAuthTimeoutMs: number;
  /** Presence limits: bytes of one entry, entries on one document. */
  presence: { maxEntryBytes: number; maxPerDocument: number };
  logLevel: string;
  instanceId: string;
  // Uploads (music bed)
  musicMaxBytes: number;
  musicMaxSeconds: number;
  /** API requests one token, session or anonymous address may make per window (X-RateLimit-*). */
  apiRateLimit: LimitRule;
  authLimits: {
    signInByAddress: LimitRule;
    signInByAccount: LimitRule;
    signUpByAddress: LimitRule;
  };
  /** Days an invitation link stays valid (INVITATION_TTL_DAYS). */
  invitationTtlDays: number;
  /** Invitations one user may send (INVITATIONS_PER_HOUR). */
  invitationLimit: LimitRule;
  /** Timeline limits (MAX_SCENES_PER_PROJECT, MAX_SCENE_SECONDS, MAX_RENDER_SECONDS). */
  timelineLimits: TimelineLimits;
  /** Bearer token for /metrics and /readyz details (METRICS_TOKEN); unset: loopback callers only. */
  metricsToken: string | undefined;
  /** Live renders at once (MAX_LIVE_RENDERS_PER_USER, MAX_LIVE_RENDERS_PER_PROJECT). */
  liveRenderLimits: LiveRenderLimits;
  /** Notification e-mail (SMTP_URL, SMTP_FROM); null: none is sent. */
  mail: { smtpUrl: string; from: string } | null;
  /** Webhook delivery (WEBHOOK_*): see server/webhooks. */
  webhooks: WebhookSettings;
  /** Quotas (QUOTA_*); null: unlimited. */
  quotas: { renderMinutesPerMonth: number | null; storageBytesPerProject: number | null };
}

export interface WebhookSettings {
  allowPrivateAddresses: boolean;
  timeoutMs: number;
  /** The first retry's delay; each next one doubles, up to `retryMaxDelayMs`. */
  retryBaseMs: number;
  retryMaxDelayMs: number;
  /** No retry is scheduled past this many seconds after the event. */
  retryForSec: number;
  /** Deliveries failed for good in a row after which the webhook is disabled. */
  disableAfterFailures: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (!e.REDIS_URL) {
    throw new ConfigError(
      'REDIS_URL is not set. `npm start` starts a private redis-server and sets it; set it yourself when running server/index.ts directly.',
    );
  }
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    pgliteDir: path.resolve(e.PGLITE_DIR ?? path.join(dataDir, 'db')),
    mediaDir: path.resolve(e.MEDIA_DIR ?? path.join(dataDir, 'media')),
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    secret: e.MONTAGE_SECRET ?? readOrCreateSecret(dataDir),
    collabTokenTtlSec: e.COLLAB_TOKEN_TTL_SEC,
    sessionTtlDays: e.SESSION_TTL_DAYS,
    // TRUST_PROXY_HOPS implies TRUST_PROXY; TRUST_PROXY alone trusts one proxy.
    trustProxy: e.TRUST_PROXY_HOPS ?? (e.TRUST_PROXY ? 1 : 0),
    maxBodyBytes: e.MAX_BODY_BYTES,
    maxMessageBytes: e.MAX_MESSAGE_BYTES,
    maxDocumentBytes: e.MAX_DOCUMENT_BYTES,
    collabConnectionsPerMinute: e.COLLAB_CONNECTIONS_PER_MINUTE,
    collabFailedConnectionsPerMinute: e.COLLAB_FAILED_CONNECTIONS_PER_MINUTE,
    analysisWorkers: e.ANALYSIS_WORKERS,
    collabPendingPerAddress: e.COLLAB_PENDING_PER_ADDRESS,
    collabAuthTimeoutMs: e.COLLAB_AUTH_TIMEOUT_MS,
    presence: {
      maxEntryBytes: e.COLLAB_PRESENCE_BYTES,
      maxPerDocument: e.COLLAB_PRESENCE_PER_DOCUMENT,
    },
    logLevel: e.LOG_LEVEL,
    instanceId: e.INSTANCE_ID ?? `web-${randomBytes(4).toString('hex')}`,
    // Uploads (music bed)
    musicMaxBytes: e.MUSIC_MAX_BYTES,
    musicMaxSeconds: e.MUSIC_MAX_SECONDS,
    authLimits: {
      signInByAddress: e.AUTH_LIMIT_SIGN_IN_BY_ADDRESS,
      signInByAccount: e.AUTH_LIMIT_SIGN_IN_BY_ACCOUNT,
      signUpByAddress: e.AUTH_LIMIT_SIGN_UP_BY_ADDRESS,
    },
    apiRateLimit: e.API_RATE_LIMIT,
    invitationTtlDays: e.INVITATION_TTL_DAYS,
    invitationLimit: { points: e.INVITATIONS_PER_HOUR, durationSec: 3600 },
    timelineLimits: {
      maxScenes: e.MAX_SCENES_PER_PROJECT,
      maxSceneSec: e.MAX_SCENE_SECONDS,
      maxTotalSec: e.MAX_RENDER_SECONDS,
    },
    metricsToken: e.METRICS_TOKEN,
    liveRenderLimits: {
      perUser: e.MAX_LIVE_RENDERS_PER_USER,
      perProject: e.MAX_LIVE_RENDERS_PER_PROJECT,
    },
    mail: e.SMTP_URL ? { smtpUrl: e.SMTP_URL, from: e.SMTP_FROM } : null,
    webhooks: {
      allowPrivateAddresses: e.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
      retryMaxDelayMs: e.WEBHOOK_RETRY_MAX_DELAY_MS,
      retryForSec: e.WEBHOOK_RETRY_FOR_SEC,
      disableAfterFailures: e.WEBHOOK_DISABLE_AFTER_FAILURES,
    },
    quotas: {
      renderMinutesPerMonth: e.QUOTA_RENDER_MINUTES_PER_MONTH ?? null,
      storageBytesPerProject: e.QUOTA_STORAGE_BYTES_PER_PROJECT ?? null,
    },
  };
}

/**
 * The embedded mode keeps its signing secret under DATA_DIR so a restart does
 * not invalidate collab tokens. Several instances must share MONTAGE_SECRET.
 */
function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}
