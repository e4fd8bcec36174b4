import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { MAX_SCENE_DURATION_SEC } from '../shared/timeline.ts';
import type { TimelineLimits } from '../shared/timeline-limits.ts';

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
  COLLAB_CONNECTIONS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  INSTANCE_ID: z.string().optional(),
  // Timeline limits, checked at commit and at render creation (shared/timeline-limits.ts).
  MAX_SCENES_PER_PROJECT: z.coerce.number().int().min(1).default(500),
  MAX_SCENE_SECONDS: z.coerce.number().positive().max(MAX_SCENE_DURATION_SEC).default(120),
  MAX_RENDER_SECONDS: z.coerce.number().positive().default(3600),
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
  trustProxy: boolean;
  maxBodyBytes: number;
  maxMessageBytes: number;
  maxDocumentBytes: number;
  collabConnectionsPerMinute: number;
  logLevel: string;
  instanceId: string;
  /** Timeline limits (MAX_SCENES_PER_PROJECT, MAX_SCENE_SECONDS, MAX_RENDER_SECONDS). */
  timelineLimits: TimelineLimits;
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
    trustProxy: e.TRUST_PROXY,
    maxBodyBytes: e.MAX_BODY_BYTES,
    maxMessageBytes: e.MAX_MESSAGE_BYTES,
    maxDocumentBytes: e.MAX_DOCUMENT_BYTES,
    collabConnectionsPerMinute: e.COLLAB_CONNECTIONS_PER_MINUTE,
    logLevel: e.LOG_LEVEL,
    instanceId: e.INSTANCE_ID ?? `web-${randomBytes(4).toString('hex')}`,
    timelineLimits: {
      maxScenes: e.MAX_SCENES_PER_PROJECT,
      maxSceneSec: e.MAX_SCENE_SECONDS,
      maxTotalSec: e.MAX_RENDER_SECONDS,
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
