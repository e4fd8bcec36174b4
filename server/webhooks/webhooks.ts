import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import { newId } from '../../shared/ids.ts';
import {
  createWebhookSchema,
  updateWebhookSchema,
  type CreatedWebhook,
  type WebhookDeliveryRecord,
  type WebhookEventBody,
  type WebhookEventType,
  type WebhookRecord,
} from '../../shared/api/webhooks.ts';
import type { WebhookSettings } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { WebhookDeliveriesTable, WebhooksTable } from '../db/schema.ts';
import { ApiError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import { resolveDestination, type LookupAll } from '../http/safe-url.ts';
import type { Logger } from '../logger.ts';
import type { NewNotification } from '../notifications/notifications.ts';
import type { Projects } from '../projects/projects.ts';
import { nextAttemptAt } from './delivery-policy.ts';
import { sendDelivery, type AttemptResult } from './send-delivery.ts';

/** Deliveries the log lists per webhook, newest first. */
const DELIVERY_PAGE = 50;
/** A delivery left `sending` this long (an instance died mid-attempt) is tried again. */
const STALE_SENDING_MS = 5 * 60 * 1000;

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

const toRecord = (row: Selectable<WebhooksTable>): WebhookRecord => ({
  id: row.id,
  projectId: row.project_id,
  url: row.url,
  events: JSON.parse(row.events) as WebhookEventType[],
  enabled: row.enabled,
  failureCount: row.failure_count,
  createdAt: iso(row.created_at)!,
  disabledAt: iso(row.disabled_at),
  disabledReason: row.disabled_reason,
});

const toDelivery = (row: Selectable<WebhookDeliveriesTable>): WebhookDeliveryRecord => ({
  id: row.id,
  eventId: row.event_id,
  eventType: row.event_type as WebhookEventType,
  attempt: row.attempt,
  status: row.status,
  httpStatus: row.http_status,
  durationMs: row.duration_ms,
  answerExcerpt: row.answer_excerpt ?? row.error,
  nextAttemptAt: iso(row.next_attempt_at),
  createdAt: iso(row.created_at)!,
  deliveredAt: iso(row.delivered_at),
});

export interface WebhooksDeps {
  db: Db;
  projects: Projects;
  settings: WebhookSettings;
  logger: Logger;
  /** Puts an attempt of a delivery on the queue, after `delayMs` (server/webhooks/delivery-queue.ts). */
  schedule: (
    deliveryId: string,
    attempt: number,
    delayMs: number,
    manual?: boolean,
  ) => Promise<void>;
  notify: (items: NewNotification[]) => Promise<void>;
  /** Tests resolve names their own way; the default is the system resolver. */
  lookup?: LookupAll;
}

/**
 * Webhooks (issue 16, ADR 0043): the `webhooks` and `webhook_deliveries`
 * tables belong here. `emit` is the one way an event leaves Montage: it is
 * called by the instance that persisted the change, once; each subscribed
 * webhook gets a delivery row, then a queued attempt. `deliver` runs one
 * attempt (the queue's worker calls it) and schedules the next on failure.
 */
export function createWebhooks(deps: WebhooksDeps) {
  const { db, projects, settings, logger } = deps;

  async function ownedWebhook(userId: string, webhookId: string) {
    const row = await db
      .selectFrom('webhooks')
      .selectAll()
      .where('id', '=', webhookId)
      .executeTakeFirst();
    if (!row || !(await projects.roleOf(userId, row.project_id)))
      throw new ApiError('NOT_FOUND', 'errors.api.webhookNotFound');
    await projects.authorize(userId, row.project_id, 'manageWebhooks');
    return row;
  }

  /** The destination is checked as a delivery will check it (after DNS resolution). */
  const checkDestination = (url: string) =>
    resolveDestination(url, settings.allowPrivateAddresses, deps.lookup);

  async function queueAttempt(
    deliveryId: string,
    attempt: number,
    delayMs: number,
    manual = false,
  ) {
    try {
      await deps.schedule(deliveryId, attempt, delayMs, manual);
    } catch (err) {
      // The row stays pending: start-up's resume() queues it again.
      logger.error({ err, deliveryId }, 'webhook delivery not queued');
    }
  }

  /** A delivery that failed for good: counts against its webhook, which may be disabled. */
  async function failedForGood(webhookId: string) {
    const row = await db
      .updateTable('webhooks')
      .set((eb) => ({ failure_count: eb('failure_count', '+', 1) }))
      .where('id', '=', webhookId)
      .returning(['failure_count', 'enabled', 'project_id', 'url'])
      .executeTakeFirst();
    if (!row || !row.enabled || row.failure_count < settings.disableAfterFailures) return;
    const reason = `${row.failure_count} deliveries in a row failed after every retry`;
    const disabled = await db
      .updateTable('webhooks')
      .set({ enabled: false, disabled_at: new Date(), disabled_reason: reason })
      .where('id', '=', webhookId)
      .where('enabled', '=', true)
      .returning('id')
      .executeTakeFirst();
    if (!disabled) return; // another instance disabled it first: it told the owners
    const owners = await db
      .selectFrom('project_members')
      .select('user_id')
      .where('project_id', '=', row.project_id)
      .where('role', '=', 'owner')
      .execute();
    await deps.notify(
      owners.map((o) => ({
        userId: o.user_id,
        kind: 'webhook-disabled' as const,
        projectId: row.project_id,
        actor: null,
        excerpt: row.url,
      })),
    );
  }

  async function recordAttempt(
    delivery: Selectable<WebhookDeliveriesTable>,
    result: AttemptResult,
  ) {
    const now = new Date();
    const common = {
      http_status: result.httpStatus,
      duration_ms: result.durationMs,
      answer_excerpt: result.excerpt,
      error: result.error,
      updated_at: now,
    };
    if (result.ok) {
      await db
        .updateTable('webhook_deliveries')
        .set({ ...common, status: 'succeeded', delivered_at: now, next_attempt_at: null })
        .where('id', '=', delivery.id)
        .execute();
      await db
        .updateTable('webhooks')
        .set({ failure_count: 0 })
        .where('id', '=', delivery.webhook_id)
        .execute();
      return;
    }
    const retryAt = nextAttemptAt(settings, delivery.attempt, new Date(delivery.created_at), now);
    await db
      .updateTable('webhook_deliveries')
      .set({ ...common, status: retryAt ? 'retrying' : 'failed', next_attempt_at: retryAt })
      .where('id', '=', delivery.id)
      .execute();
    if (retryAt)
      await queueAttempt(delivery.id, delivery.attempt + 1, retryAt.getTime() - now.getTime());
    else await failedForGood(delivery.webhook_id);
  }

  return {
    async create(userId: string, projectId: string, input: unknown): Promise<CreatedWebhook> {
      await projects.authorize(userId, projectId, 'manageWebhooks');
      const { url, events, secret } = parseInput(createWebhookSchema, input);
      await checkDestination(url);
      const id = newId();
      const key = secret ?? `whsec_${randomBytes(24).toString('base64url')}`;
      await db
        .insertInto('webhooks')
        .values({
          id,
          project_id: projectId,
          url,
          events: JSON.stringify(events),
          secret: key,
          created_by: userId,
        })
        .execute();
      return { id, url, events, secret: key };
    },

    async list(userId: string, projectId: string): Promise<WebhookRecord[]> {
      await projects.authorize(userId, projectId, 'manageWebhooks');
      const rows = await db
        .selectFrom('webhooks')
        .selectAll()
        .where('project_id', '=', projectId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },

    /** Changes the URL or events, or enables (resetting the failure count) or disables it. */
    async update(userId: string, webhookId: string, input: unknown): Promise<WebhookRecord> {
      const row = await ownedWebhook(userId, webhookId);
      const change = parseInput(updateWebhookSchema, input);
      if (change.url !== undefined) await checkDestination(change.url);
      const enabling = change.enabled === true && !row.enabled;
      const disabling = change.enabled === false && row.enabled;
      const updated = await db
        .updateTable('webhooks')
        .set({
          ...(change.url !== undefined ? { url: change.url } : {}),
          ...(change.events !== undefined ? { events: JSON.stringify(change.events) } : {}),
          ...(enabling
            ? { enabled: true, failure_count: 0, disabled_at: null, disabled_reason: null }
            : {}),
          ...(disabling ? { enabled: false, disabled_at: new Date(), disabled_reason: null } : {}),
        })
        .where('id', '=', webhookId)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(updated);
    },

    async remove(userId: string, webhookId: string) {
      await ownedWebhook(userId, webhookId);
      await db.deleteFrom('webhooks').where('id', '=', webhookId).execute();
    },

    async deliveries(userId: string, webhookId: string): Promise<WebhookDeliveryRecord[]> {
      await ownedWebhook(userId, webhookId);
      const rows = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('webhook_id', '=', webhookId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(DELIVERY_PAGE)
        .execute();
      return rows.map(toDelivery);
    },

    /** Sends a delivery again now (same id and body), whatever became of it. */
    async redeliver(
      userId: string,
      webhookId: string,
      deliveryId: string,
    ): Promise<WebhookDeliveryRecord> {
      await ownedWebhook(userId, webhookId);
      const row = await db
        .updateTable('webhook_deliveries')
        .set({ status: 'pending', next_attempt_at: null, updated_at: new Date() })
        .where('id', '=', deliveryId)
        .where('webhook_id', '=', webhookId)
        .where('status', '!=', 'sending')
        .returningAll()
        .executeTakeFirst();
      if (!row) {
        const exists = await db
          .selectFrom('webhook_deliveries')
          .selectAll()
          .where('id', '=', deliveryId)
          .where('webhook_id', '=', webhookId)
          .executeTakeFirst();
        if (!exists) throw new ApiError('NOT_FOUND', 'errors.api.webhookDeliveryNotFound');
        return toDelivery(exists); // an attempt is under way
      }
      await queueAttempt(row.id, row.attempt + 1, 0, true);
      return toDelivery(row);
    },

    /**
     * An event: one delivery per enabled webhook of the project that wants
     * it. Called once, by the instance that persisted the change, after it
     * is committed; failures are logged, never the caller's.
     */
    async emit(type: WebhookEventType, projectId: string, data: Record<string, unknown>) {
      try {
        const hooks = await db
          .selectFrom('webhooks')
          .select(['id', 'events'])
          .where('project_id', '=', projectId)
          .where('enabled', '=', true)
          .execute();
        const wanted = hooks.filter((h) => (JSON.parse(h.events) as string[]).includes(type));
        if (!wanted.length) return;
        const event: WebhookEventBody = {
          id: `evt_${newId()}`,
          type,
          createdAt: new Date().toISOString(),
          data,
        };
        const payload = JSON.stringify(event);
        const rows = wanted.map((h) => ({
          id: `dlv_${newId()}`,
          webhook_id: h.id,
          event_id: event.id,
          event_type: type,
          payload,
        }));
        await db.insertInto('webhook_deliveries').values(rows).execute();
        await Promise.all(rows.map((r) => queueAttempt(r.id, 1, 0)));
      } catch (err) {
        logger.error({ err, type, projectId }, 'webhook event not recorded');
      }
    },

    /**
     * One attempt of a delivery (the queue worker's job). The row is claimed
     * first (pending or retrying → sending): a delivery already succeeded,
     * or claimed by another worker, is not sent again.
     */
    async deliver(deliveryId: string) {
      const claimed = await db
        .updateTable('webhook_deliveries')
        .set((eb) => ({
          status: 'sending',
          attempt: eb('attempt', '+', 1),
          updated_at: new Date(),
        }))
        .where('id', '=', deliveryId)
        .where((eb) =>
          eb.or([
            eb('status', 'in', ['pending', 'retrying']),
            eb.and([
              eb('status', '=', 'sending'),
              eb('updated_at', '<', new Date(Date.now() - STALE_SENDING_MS)),
            ]),
          ]),
        )
        .returningAll()
        .executeTakeFirst();
      if (!claimed) return;
      const hook = await db
        .selectFrom('webhooks')
        .selectAll()
        .where('id', '=', claimed.webhook_id)
        .executeTakeFirst();
      if (!hook || !hook.enabled) {
        await db
          .updateTable('webhook_deliveries')
          .set({ status: 'failed', error: 'The webhook is disabled', updated_at: new Date() })
          .where('id', '=', deliveryId)
          .execute();
        return;
      }
      const result = await sendDelivery({
        url: hook.url,
        secret: hook.secret,
        eventType: claimed.event_type,
        deliveryId: claimed.id,
        body: claimed.payload,
        timeoutMs: settings.timeoutMs,
        allowPrivate: settings.allowPrivateAddresses,
        ...(deps.lookup ? { lookup: deps.lookup } : {}),
      });
      await recordAttempt(claimed, result);
    },

    /**
     * Deliveries not finished whose next attempt may be missing from the
     * queue (an instance stopped between writing the row and queueing it, or
     * mid-attempt): queued again at start-up. The queue's job ids make a
     * duplicate harmless, and `deliver` claims each attempt once.
     */
    async resume() {
      const rows = await db
        .selectFrom('webhook_deliveries')
        .select(['id', 'attempt', 'status', 'next_attempt_at', 'updated_at'])
        .where('status', 'in', ['pending', 'retrying', 'sending'])
        .execute();
      const now = Date.now();
      for (const row of rows) {
        if (row.status === 'sending' && now - new Date(row.updated_at).getTime() < STALE_SENDING_MS)
          continue;
        const at = row.next_attempt_at ? new Date(row.next_attempt_at).getTime() : now;
        await queueAttempt(
          row.id,
          row.attempt + (row.status === 'sending' ? 0 : 1),
          Math.max(0, at - now),
        );
      }
      return rows.length;
    },
  };
}

export type Webhooks = ReturnType<typeof createWebhooks>;
