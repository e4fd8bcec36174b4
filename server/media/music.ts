import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as Y from 'yjs';
import { projectMap } from '../../shared/project-doc.ts';
import { probeMedia } from '../../render-node/ffmpeg/probe-media.ts';
import type { MediaStore } from '../../render-node/media-store.ts';
import { ApiError } from '../http/errors.ts';
import type { Projects } from '../projects/projects.ts';

/** Largest music upload. */
export const MAX_MUSIC_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MUSIC_VOLUME = 0.35;

const EXTENSIONS: Record<string, string> = {
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/ogg': 'ogg',
  'audio/flac': 'flac',
  'audio/x-flac': 'flac',
  'audio/aac': 'aac',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
};

/**
 * The project's music bed: an uploaded audio file, checked with ffprobe,
 * stored content-addressed in the media store and referenced from the live
 * document (`project.music`), so it is committed and rendered like any edit.
 */
export function createMusic(
  media: MediaStore,
  projects: Projects,
  changeDocument: (projectId: string, change: (doc: Y.Doc) => void) => Promise<void>,
) {
  return {
    async upload(userId: string, projectId: string, contentType: string | undefined, body: Buffer) {
      await projects.authorize(userId, projectId, 'edit');
      const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
      const ext = EXTENSIONS[type];
      if (!ext) {
        throw new ApiError(
          'VALIDATION_FAILED',
          `Unsupported audio type "${type || 'none'}": upload MP3, WAV, OGG, FLAC, AAC or M4A`,
          {
            fields: { file: 'Unsupported audio type' },
          },
        );
      }
      if (body.length === 0)
        throw new ApiError('VALIDATION_FAILED', 'The file is empty', {
          fields: { file: 'The file is empty' },
        });
      const dir = await mkdtemp(path.join(tmpdir(), 'montage-music-'));
      try {
        const file = path.join(dir, `upload.${ext}`);
        await writeFile(file, body);
        const probed = await probeMedia(file).catch(() => null);
        const audio = probed?.streams.find((s) => s.codecType === 'audio');
        if (!probed || !audio || !(probed.durationSec > 0)) {
          throw new ApiError('VALIDATION_FAILED', 'This file is not playable audio', {
            fields: { file: 'Not playable audio' },
          });
        }
        const hash = await media.importFile(file, ext);
        const music = { asset: hash, volume: DEFAULT_MUSIC_VOLUME };
        await changeDocument(projectId, (doc) => projectMap(doc).set('music', music));
        return { music, durationSec: probed.durationSec };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },

    async remove(userId: string, projectId: string) {
      await projects.authorize(userId, projectId, 'edit');
      await changeDocument(projectId, (doc) => projectMap(doc).set('music', null));
    },
  };
}

export type Music = ReturnType<typeof createMusic>;
