import http from 'node:http';
import https from 'node:https';
import { ApiError } from '../http/errors.ts';
import { pinnedLookup, resolveDestination, type LookupAll } from '../http/safe-url.ts';
import { accepted, answerExcerpt } from './delivery-policy.ts';
import { signatureHeader } from './signature.ts';

/** What one attempt gave: the receiver's status (null: no answer) and what the log keeps. */
export interface AttemptResult {
  ok: boolean;
  httpStatus: number | null;
  durationMs: number;
  excerpt: string | null;
  /** Why there was no acceptable answer (refused destination, timeout, network error). */
  error: string | null;
}

/** Bytes of an answer read at most (the rest is discarded). */
const ANSWER_READ_MAX = 4096;

export interface SendOptions {
  url: string;
  secret: string;
  eventType: string;
  deliveryId: string;
  /** The exact body, signed as is. */
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
  lookup?: LookupAll;
  now?: () => number;
}

/**
 * One attempt of a delivery: the destination checked again after DNS
 * resolution, the connection made to the address checked (pinned lookup),
 * the signed JSON posted, redirects not followed, the whole attempt bounded
 * by `timeoutMs`. Never throws: every outcome is an AttemptResult.
 */
export async function sendDelivery(options: SendOptions): Promise<AttemptResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const elapsed = () => Math.max(0, Math.round(now() - started));
  let target: Awaited<ReturnType<typeof resolveDestination>>;
  try {
    target = await resolveDestination(options.url, options.allowPrivate, options.lookup);
  } catch (err) {
    const reason = err instanceof ApiError ? err.message : String(err);
    return { ok: false, httpStatus: null, durationMs: elapsed(), excerpt: null, error: reason };
  }
  const signature = signatureHeader(options.secret, options.body, Math.floor(now() / 1000));
  const transport = target.url.protocol === 'https:' ? https : http;
  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const finish = (result: Omit<AttemptResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: elapsed() });
    };
    const req = transport.request(
      target.url,
      {
        method: 'POST',
        lookup: pinnedLookup(target.address, target.family),
        agent: false,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(options.body),
          'User-Agent': 'Montage-Webhooks/1',
          'Montage-Event': options.eventType,
          'Montage-Delivery': options.deliveryId,
          'Montage-Signature': signature,
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          if (read < ANSWER_READ_MAX) chunks.push(chunk);
          read += chunk.length;
          if (read >= ANSWER_READ_MAX) res.destroy();
        });
        const done = () => {
          const text = Buffer.concat(chunks).subarray(0, ANSWER_READ_MAX).toString('utf8');
          finish({
            ok: accepted(status),
            httpStatus: status,
            excerpt: answerExcerpt(text),
            error: accepted(status) ? null : `HTTP ${status}`,
          });
        };
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      finish({
        ok: false,
        httpStatus: null,
        excerpt: null,
        error: `No answer within ${options.timeoutMs} ms`,
      });
      req.destroy();
    }, options.timeoutMs);
    req.on('error', (err) =>
      finish({ ok: false, httpStatus: null, excerpt: null, error: err.message.slice(0, 200) }),
    );
    req.end(options.body);
  });
}
