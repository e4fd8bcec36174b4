import { apiMessage } from '../../shared/api/api-messages.ts';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { ApiError } from './errors.ts';

/**
 * Request bodies too large for memory (uploads), streamed to a file with a
 * byte limit. Callers check the session and the caller's role first: a body
 * is read only for someone allowed to send it, so an anonymous client cannot
 * make the server read or hold its bytes.
 */

const tooLarge = (limitBytes: number) =>
  new ApiError(
    'PAYLOAD_TOO_LARGE',
    apiMessage('errors.api.fileTooLarge', { limit: formatBytes(limitBytes) }),
    {
      limitBytes,
    },
  );

/**
 * Writes the body of `req` to `file`, refusing with 413 a declared length
 * over `limitBytes` before reading anything, and aborting (the partial file
 * removed) as soon as more than `limitBytes` arrive. Returns the byte count.
 */
export async function receiveUpload(
  req: IncomingMessage,
  file: string,
  limitBytes: number,
): Promise<number> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge(limitBytes);
  let received = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > limitBytes) done(tooLarge(limitBytes));
      else done(null, chunk);
    },
  });
  const cutOff = () => new ApiError('BAD_REQUEST', 'errors.api.uploadCutOff');
  // req.pipe, not pipeline(req, …): a pipeline destroys the request on error, and with it
  // the socket, so the client would never see the 413. Here the request is left unread
  // instead, and closeIfBodyUnread closes the connection after the answer.
  const onClose = () => {
    if (!req.complete) limit.destroy(cutOff());
  };
  req.once('close', onClose);
  req.once('error', onClose);
  req.pipe(limit);
  try {
    await pipeline(limit, createWriteStream(file, { flags: 'wx' }));
  } catch (error) {
    req.unpipe(limit);
    req.pause();
    await rm(file, { force: true });
    throw error instanceof ApiError ? error : cutOff();
  } finally {
    req.off('close', onClose);
    req.off('error', onClose);
  }
  return received;
}

/**
 * Before answering a request whose body was not read (refused before the
 * upload or part-way through it): close the connection after the answer,
 * rather than let Node read and discard the rest of the body to keep it alive.
 */
export function closeIfBodyUnread(req: IncomingMessage, res: Response) {
  if (!req.complete && !res.headersSent) res.setHeader('Connection', 'close');
}

function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
