import { sql } from 'kysely';
import type { Redis } from 'ioredis';
import { isContentHash } from '../../shared/content-key.ts';
import type { MediaStore } from '../../shared/node/media-store.ts';
import type { GeneratedAssetRecord } from '../../shared/render/asset-record.ts';
import type { Db } from '../db/database.ts';
import { ApiError } from '../http/errors.ts';
import type { Projects } from '../projects/projects.ts';
import { sceneImageKeys } from './scene-images.ts';

/**
 * `GET /api/v1/assets/:hash` (issue 14, ADR 0041): how a generated asset was
 * made. A hash is not a secret (it is a key of public inputs and travels in
 * documents and URLs), so knowing one proves nothing: the record is answered
 * only to members of a project the asset was made for, a scene variant of it
 * (remembered in Redis when the picture is made) or an artifact of one of its
 * renders (the output's `referenced` list). Anyone else gets the same 404 as
 * for an asset that does not exist.
 */
export function createAssetRecords(options: {
  db: Db;
  redis: Redis;
  prefix: string;
  media: MediaStore;
  projects: Pick<Projects, 'roleOf'>;
}) {
  const keys = sceneImageKeys(options.prefix);

  /** Projects an asset belongs to: those its variants were made for, those whose renders used it. */
  async function projectsOf(hash: string): Promise<string[]> {
    const [variants, renders] = await Promise.all([
      options.redis.smembers(keys.assetProjects(hash)),
      options.db
        .selectFrom('renders')
        .select('project_id')
        .distinct()
        .where(
          sql<boolean>`(progress -> 'output' -> 'referenced') @> ${JSON.stringify([hash])}::jsonb`,
        )
        .execute(),
    ]);
    return [...new Set([...variants, ...renders.map((r) => r.project_id)])];
  }

  async function get(userId: string, hash: string): Promise<{ record: GeneratedAssetRecord }> {
    const notFound = new ApiError('NOT_FOUND', 'errors.api.assetNotFound');
    if (!isContentHash(hash)) throw notFound;
    const record = await options.media.readRecord(hash);
    if (!record) throw notFound;
    for (const projectId of await projectsOf(hash)) {
      if (await options.projects.roleOf(userId, projectId)) return { record };
    }
    throw notFound;
  }

  /** A generated picture's PNG in the store, for the same readers as its record. */
  async function picturePath(userId: string, hash: string): Promise<string> {
    const { record } = await get(userId, hash);
    if (record.kind !== 'picture' || !(await options.media.has(hash, 'png'))) {
      throw new ApiError('NOT_FOUND', 'errors.api.assetNotFound');
    }
    return options.media.pathFor(hash, 'png');
  }

  return { get, picturePath };
}

export type AssetRecords = ReturnType<typeof createAssetRecords>;
