import type { MusicBed } from '../../../shared/timeline.ts';
import { musicUploadName } from '../../../shared/music-name.ts';
import { apiResultOf, type ApiResult } from '../../lib/api.ts';

export interface MusicUpload {
  /** The server's answer; `{ ok: false, error.code: 'ABORTED' }` once cancelled. */
  done: Promise<ApiResult<{ music: MusicBed; durationSec: number }>>;
  /** Stops sending; the bed in the document stays as it was. */
  cancel(): void;
}

/** The `/api/v1` path of a project's music bed. */
export const musicPath = (projectId: string) =>
  `/api/v1/projects/${encodeURIComponent(projectId)}/music`;

/**
 * Sends a file as the project's music bed (PUT, the raw bytes as the body).
 * XMLHttpRequest rather than fetch: only it reports upload progress.
 * `onProgress` gets the fraction sent (0..1), or null while the size is unknown.
 */
export function uploadMusic(
  projectId: string,
  file: Blob & { name?: string },
  onProgress: (fraction: number | null) => void,
): MusicUpload {
  const xhr = new XMLHttpRequest();
  const name = musicUploadName(file.name ?? '');
  const done = new Promise<ApiResult<{ music: MusicBed; durationSec: number }>>((resolve) => {
    const failed = (code: string) =>
      resolve({ ok: false, error: { code, status: 0, message: code, details: {} } });
    xhr.upload.onprogress = (event) =>
      onProgress(event.lengthComputable && event.total > 0 ? event.loaded / event.total : null);
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText) as unknown;
      } catch {
        body = null;
      }
      resolve(apiResultOf(xhr.status, xhr.statusText, body));
    };
    xhr.onerror = () => failed('NETWORK');
    xhr.onabort = () => failed('ABORTED');
    xhr.open('PUT', `${musicPath(projectId)}${name ? `?name=${encodeURIComponent(name)}` : ''}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.send(file);
  });
  return { done, cancel: () => xhr.abort() };
}
