import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';
import { z } from 'zod';
import { projectMap, readMusic, setMusicBed } from '../../shared/project-doc.ts';
import { musicUploadName } from '../../shared/music-name.ts';
import { DEFAULT_MUSIC_VOLUME, musicSchema, type MusicBed } from '../../shared/timeline.ts';
import {
  NORMALISED_AUDIO,
  normaliseUserAudio,
  probeUserAudio,
  UnsupportedMediaError,
} from '../../shared/node/ffmpeg/user-media.ts';
import { probeMedia } from '../../shared/node/ffmpeg/probe-media.ts';
import type { MediaStore } from '../../shared/node/media-store.ts';
import {
  apiMessage,
  englishMessage,
  type ApiMessage,
  type ApiMessageKey,
} from '../../shared/api/api-messages.ts';
import { ApiError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import { receiveUpload } from '../http/receive-upload.ts';
import type { Projects } from '../projects/projects.ts';

export { DEFAULT_MUSIC_VOLUME };
/** Longest a transcode of one upload may take before it is given up (a hostile file can be slow). */
const TRANSCODE_TIMEOUT_MS = 120_000;

export interface MusicLimits {
  /** Largest upload body. */
  maxBytes: number;
  /** Longest music bed, in seconds. */
  maxSeconds: number;
}

/** The upload's query: the file's name as the person's computer called it, for display only. */
const uploadQuery = z.object({ name: musicSchema.shape.name });

const invalidFile = (message: ApiMessageKey | ApiMessage) => {
  const keyed = typeof message === 'string' ? apiMessage(message) : message;
  return new ApiError('VALIDATION_FAILED', keyed, { fields: { file: englishMessage(keyed) } });
};

/**
 * The project's music bed: an uploaded audio file, stored as a transcoded,
 * normalised copy (never the uploaded bytes) content-addressed in the media
 * store and referenced from the live document (`project.music`), so it is
 * committed and rendered like any edit.
 *
 * Order matters: the caller's role is checked before a byte of the body is
 * read; the body streams to a scratch file with a limit; ffmpeg sees it only
 * through user-media.ts (demuxer forced from its magic bytes, local files
 * only). The client's Content-Type is never consulted; its file name
 * (`?name=`) only names the bed for people, never reaches ffmpeg or a path.
 */
export function createMusic(
  media: MediaStore,
  projects: Projects,
  documents: {
    read(projectId: string): Promise<Y.Doc>;
    change(projectId: string, change: (doc: Y.Doc) => void): Promise<void>;
  },
  limits: MusicLimits,
) {
  /** The upload at `file` transcoded into the store; returns its hash and duration. */
  async function storeNormalised(file: string, output: string) {
    const probed = await probeUserAudio(file).catch((error: unknown) => {
      if (error instanceof UnsupportedMediaError) throw invalidFile(error.refusal);
      return null;
    });
    const audio = probed?.streams.find((s) => s.codecType === 'audio');
    if (!probed || !audio) throw invalidFile('errors.api.notPlayableAudio');
    if (probed.durationSec > limits.maxSeconds) {
      throw invalidFile(
        apiMessage('errors.api.musicTooLong', { minutes: Math.floor(limits.maxSeconds / 60) }),
      );
    }
    const signal = AbortSignal.timeout(TRANSCODE_TIMEOUT_MS);
    await normaliseUserAudio(file, output, { maxSeconds: limits.maxSeconds, signal }).catch(() => {
      throw invalidFile('errors.api.notPlayableAudio');
    });
    // Our own file now: checked with its known demuxer.
    const stored = await probeMedia(output, { inputOptions: ['-f', NORMALISED_AUDIO.format] });
    if (!(stored.durationSec > 0)) throw invalidFile('errors.api.notPlayableAudio');
    const hash = await media.importFile(output, NORMALISED_AUDIO.ext);
    return { hash, durationSec: stored.durationSec };
  }

  return {
    /**
     * Reads `body` (the request) only once the user may edit the project and
     * the query (`name`) is valid.
     */
    async upload(userId: string, projectId: string, body: IncomingMessage, query: unknown = {}) {
      await projects.authorize(userId, projectId, 'edit');
      const raw = (query ?? {}) as { name?: unknown };
      const { name } = parseInput(uploadQuery, {
        // Trimmed and cut to length; a name with control or bidirectional characters is refused.
        name: typeof raw.name === 'string' ? (musicUploadName(raw.name) ?? undefined) : raw.name,
      });
      const scratch = await media.createScratch();
      try {
        const file = scratch.file('upload');
        const bytes = await receiveUpload(body, file, limits.maxBytes);
        if (bytes === 0) throw invalidFile('errors.api.fileEmpty');
        const { hash, durationSec } = await storeNormalised(
          file,
          scratch.file(`music.${NORMALISED_AUDIO.ext}`),
        );
        let music: MusicBed | null = null;
        await documents.change(projectId, (doc) => {
          music = setMusicBed(doc, { asset: hash, name }, DEFAULT_MUSIC_VOLUME);
        });
        return { music: music!, durationSec };
      } finally {
        await scratch.dispose();
      }
    },

    async remove(userId: string, projectId: string) {
      await projects.authorize(userId, projectId, 'edit');
      await documents.change(projectId, (doc) => projectMap(doc).set('music', null));
    },

    /**
     * The stored file of the project's current bed, for any member to listen
     * to. Only the asset the live document points at is served: a hash alone
     * never opens another project's upload.
     */
    async file(userId: string, projectId: string, asset: string) {
      await projects.authorize(userId, projectId, 'view');
      const current = readMusic(await documents.read(projectId));
      if (!current || current.asset !== asset) {
        throw new ApiError('NOT_FOUND', 'errors.api.musicNotFound');
      }
      return media.pathFor(asset, NORMALISED_AUDIO.ext);
    },
  };
}

export type Music = ReturnType<typeof createMusic>;
