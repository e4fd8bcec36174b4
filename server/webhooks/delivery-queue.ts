import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { bullPrefix } from '../../shared/render/render-queue.ts';
import type { Logger } from '../logger.ts';

export const WEBHOOK_QUEUE = 'webhook-delivery';

export interface WebhookJobData {
  deliveryId: string;
}

/**
 * The webhook delivery queue (ADR 0043): one job per attempt, delayed by the
 * backoff, kept in Redis so a restart loses none. A worker runs in every web
 * process; BullMQ hands each job to one of them. The job id names the
 * delivery and attempt, so queueing the same attempt twice (start-up resume)
 * adds nothing; a manual redelivery gets an id of its own.
 */
export function createWebhookQueue(options: {
  redisUrl: string;
  prefix: string;
  logger: Logger;
  deliver: (deliveryId: string) => Promise<void>;
}) {
  const connection = () => new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const prefix = bullPrefix(options.prefix);
  const queue = new Queue<WebhookJobData>(WEBHOOK_QUEUE, { connection: connection(), prefix });
  const worker = new Worker<WebhookJobData>(
    WEBHOOK_QUEUE,
    (job) => options.deliver(job.data.deliveryId),
    { connection: connection(), prefix, concurrency: 8 },
  );
  worker.on('failed', (job, err) =>
    options.logger.error({ err, deliveryId: job?.data.deliveryId }, 'webhook attempt crashed'),
  );
  // A worker without Redis reports errors here; unhandled, they would end the process.
  worker.on('error', (err) => options.logger.warn({ err }, 'webhook worker error'));

  return {
    queue,
    async schedule(deliveryId: string, attempt: number, delayMs: number, manual = false) {
      const jobId = manual
        ? `${deliveryId}-${attempt}-manual-${randomBytes(4).toString('hex')}`
        : `${deliveryId}-${attempt}`;
      await queue.add(
        'deliver',
        { deliveryId },
        {
          jobId,
          delay: Math.max(0, Math.round(delayMs)),
          removeOnComplete: 1000,
          removeOnFail: 1000,
        },
      );
    },
    /** Stops taking jobs, letting an attempt under way finish (it is recorded in the database). */
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}

export type WebhookQueue = ReturnType<typeof createWebhookQueue>;
