import { z } from 'zod';
import { singleLineText } from '../text-safety.ts';

/**
 * The media library's contracts (issue 17): one table of assets per project,
 * uploaded or generated, each a content-addressed file in the media store.
 * The server parses with these schemas; the UI reads these DTOs.
 */

/** What a library item is. `clip`: a short video with or without sound. */
export const ASSET_KINDS = ['image', 'audio', 'clip'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

/** Where an item came from. */
export const ASSET_ORIGINS = ['upload', 'generated'] as const;
export type AssetOrigin = (typeof ASSET_ORIGINS)[number];

/**
 * What made a generated item (absent for uploads): a scene picture or one of
 * its variants, a narration part, a render's video or poster, a soundtrack.
 */
export const GENERATED_ROLES = [
  'scene-image',
  'variant',
  'narration',
  'render',
  'poster',
  'soundtrack',
] as const;
export type GeneratedRole = (typeof GENERATED_ROLES)[number];

/** Library item ids: `ast_` and 24 url-safe characters. */
export const ASSET_ID_PATTERN = /^ast_[A-Za-z0-9_-]{24}$/;
export const assetIdSchema = z.string().regex(ASSET_ID_PATTERN, 'must be a library item id');

export const MAX_ASSET_NAME = 200;
export const MAX_ASSET_TAG = 40;
export const MAX_ASSET_TAGS = 20;
/** Most items one ZIP export may hold. */
export const MAX_EXPORT_ITEMS = 500;

const tag = singleLineText(
  z
    .string()
    .trim()
    .min(1, 'A tag cannot be empty')
    .max(MAX_ASSET_TAG, `A tag has at most ${MAX_ASSET_TAG} characters`),
).transform((t) => t.toLowerCase());

const tags = z
  .array(tag)
  .max(MAX_ASSET_TAGS, `At most ${MAX_ASSET_TAGS} tags`)
  .transform((list) => [...new Set(list)]);

const assetName = singleLineText(
  z
    .string()
    .trim()
    .min(1, 'Enter a name')
    .max(MAX_ASSET_NAME, `A name has at most ${MAX_ASSET_NAME} characters`),
);

/** POST /api/v1/projects/:id/assets (multipart) — the query names the file for people only. */
export const uploadAssetQuerySchema = z.object({ name: assetName.optional() }).strict();

/** GET /api/v1/projects/:id/assets?kind=&tag=&q=&favourite=&origin= */
export const listAssetsQuerySchema = z
  .object({
    kind: z.enum(ASSET_KINDS).optional(),
    origin: z.enum(ASSET_ORIGINS).optional(),
    tag: tag.optional(),
    /** Matches name, tags and, for generated items, the prompt. */
    q: singleLineText(z.string().trim().max(200)).optional(),
    favourite: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
  })
  .strict();

/** PATCH /api/v1/assets/:id */
export const updateAssetSchema = z
  .object({
    name: assetName.optional(),
    tags: tags.optional(),
    favourite: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change');

/** POST /api/v1/projects/:id/assets/export — a ZIP stream of these items and a manifest.json. */
export const exportAssetsSchema = z
  .object({
    ids: z
      .array(assetIdSchema)
      .min(1, 'Choose at least one item')
      .max(MAX_EXPORT_ITEMS, `At most ${MAX_EXPORT_ITEMS} items per export`),
  })
  .strict();

/** A library item as listed. */
export interface MediaAsset {
  id: string;
  projectId: string;
  kind: AssetKind;
  origin: AssetOrigin;
  /** sha256 of the stored file (the media store's key): what a scene or the music bed references. */
  hash: string;
  name: string;
  /** MIME type of the stored file, from sniffing (never the client's word). */
  mimeType: string;
  bytes: number;
  /** Audio and clips. */
  durationSec: number | null;
  /** Images and clips. */
  width: number | null;
  height: number | null;
  /** Whether the clip has a sound track (clips only). */
  hasAudio: boolean;
  tags: string[];
  favourite: boolean;
  /** Generated items: what made them. */
  role: GeneratedRole | null;
  /** Generated items: the prompt, for search and the details view. */
  prompt: string | null;
  /** Who uploaded it (null for generated items). */
  ownerId: string | null;
  createdAt: string;
  /** Media URLs (same-origin, members only). */
  url: string;
  thumbnailUrl: string | null;
}

/** GET /api/v1/projects/:id/assets */
export interface MediaAssetList {
  items: MediaAsset[];
  /** Bytes the project's library and renders hold (issue 16's usage, one number). */
  storageBytes: number;
}

/** One entry of an export's manifest.json. */
export interface AssetManifestEntry {
  /** Path inside the ZIP. */
  file: string;
  id: string;
  kind: AssetKind;
  origin: AssetOrigin;
  name: string;
  hash: string;
  mimeType: string;
  bytes: number;
  tags: string[];
  /** Generated items: the generation record (shared/render/asset-record.ts), as stored. */
  generation: unknown;
}
