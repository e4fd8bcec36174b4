import * as Y from 'yjs';
import { parseJsonValue } from '../../shared/json-value.ts';
import { listScenes, projectMap } from '../../shared/project-doc.ts';
import type { MediaStore } from '../../shared/node/media-store.ts';
import { createDocumentStore } from '../collab/document-store.ts';
import type { Db } from '../db/database.ts';

const asObject = (value: unknown) => parseJsonValue<Record<string, unknown> | null>(value);

/** Asset hashes a timeline-shaped value points at: the music bed and uploaded scene pictures. */
function assetsOf(
  timeline: { music?: { asset?: unknown } | null; scenes?: { image?: unknown }[] } | null,
): string[] {
  const hashes: string[] = [];
  if (typeof timeline?.music?.asset === 'string') hashes.push(timeline.music.asset);
  for (const scene of timeline?.scenes ?? [])
    if (typeof scene.image === 'string') hashes.push(scene.image);
  return hashes;
}

/**
 * Every media hash something still needs: the outputs and inputs of every
 * render, the assets of every revision, and the assets the live documents
 * point at (an uploaded music bed before anyone commits).
 */
export async function referencedMedia(db: Db): Promise<Set<string>> {
  const referenced = new Set<string>();
  const renders = await db.selectFrom('renders').select('progress').execute();
  for (const row of renders) {
    const output = asObject(row.progress)?.output as { referenced?: string[] } | null | undefined;
    for (const hash of output?.referenced ?? []) referenced.add(hash);
  }
  const revisions = await db.selectFrom('revisions').select('timeline').execute();
  for (const row of revisions)
    for (const hash of assetsOf(asObject(row.timeline) as never)) referenced.add(hash);
  const store = createDocumentStore(db, 'media-gc');
  const documents = await db.selectFrom('documents').select('name').execute();
  for (const { name } of documents) {
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, await store.load(name));
    } catch {
      continue; // a corrupt document references nothing we can read; its own media stay under the grace period
    }
    const music = projectMap(doc).get('music') as { asset?: unknown } | null | undefined;
    for (const hash of assetsOf({
      music: music ?? null,
      scenes: listScenes(doc).map((s) => ({ image: s.map.get('image') })),
    })) {
      referenced.add(hash);
    }
    doc.destroy();
  }
  return referenced;
}

/** Removes unreferenced artifacts older than the grace period; returns the store's report. */
export async function collectGarbage(
  db: Db,
  store: MediaStore,
  options: { graceMs?: number } = {},
) {
  const referenced = await referencedMedia(db);
  return { referenced: referenced.size, ...(await store.garbageCollect(referenced, options)) };
}
