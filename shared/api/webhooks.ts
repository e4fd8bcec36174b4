import { z } from 'zod';
import { singleLineText } from '../text-safety.ts';

/** The events a webhook can subscribe to (issue 16). */
export const WEBHOOK_EVENTS = [
  'render.succeeded',
  'render.failed',
  'render.cancelled',
  'revision.created',
  'comment.created',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export const MAX_WEBHOOK_URL = 2000;
export const MIN_WEBHOOK_SECRET = 16;
export const MAX_WEBHOOK_SECRET = 200;

const webhookUrl = singleLineText(
  z
    .string()
    .trim()
    .min(1, 'Enter the address to send events to')
    .max(MAX_WEBHOOK_URL, `The address is too long (${MAX_WEBHOOK_URL} characters at most)`),
);
const webhookEvents = z
  .array(z.enum(WEBHOOK_EVENTS))
  .min(1, 'Choose at least one event')
  .max(WEBHOOK_EVENTS.length)
  .transform((events) => WEBHOOK_EVENTS.filter((e) => events.includes(e)));

/** POST /api/v1/projects/:id/webhooks */
export const createWebhookSchema = z
  .object({
    url: webhookUrl,
    events: webhookEvents,
    /** Absent: Montage makes one (shown once, in the answer). */
    secret: z
      .string()
      .regex(/^[\x21-\x7e]+$/, 'Printable ASCII characters only, no spaces')
      .min(MIN_WEBHOOK_SECRET, `At least ${MIN_WEBHOOK_SECRET} characters`)
      .max(MAX_WEBHOOK_SECRET, `At most ${MAX_WEBHOOK_SECRET} characters`)
      .optional(),
  })
  .strict();

/** PATCH /api/v1/webhooks/:id: `enabled: true` re-enables a webhook that was disabled. */
export const updateWebhookSchema = z
  .object({
    url: webhookUrl.optional(),
    events: webhookEvents.optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change');

/** A webhook as listed (never its secret). */
export interface WebhookRecord {
  id: string;
  projectId: string;
  url: string;
  events: WebhookEventType[];
  enabled: boolean;
  /** Deliveries that failed for good in a row. */
  failureCount: number;
  createdAt: string;
  disabledAt: string | null;
  /** Why Montage disabled it (null when enabled, or disabled by a person). */
  disabledReason: string | null;
}

/** The creation answer: the only time the secret is seen. */
export interface CreatedWebhook {
  id: string;
  url: string;
  events: WebhookEventType[];
  secret: string;
}

export type WebhookDeliveryStatus = 'pending' | 'sending' | 'retrying' | 'succeeded' | 'failed';

/** One delivery as the log shows it (its latest attempt). */
export interface WebhookDeliveryRecord {
  id: string;
  eventId: string;
  eventType: WebhookEventType;
  attempt: number;
  status: WebhookDeliveryStatus;
  httpStatus: number | null;
  durationMs: number | null;
  /** The start of the receiver's answer (or why there was none), plain text. */
  answerExcerpt: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** What each delivery's body is: the event. `id` is the event's, `data` its subject. */
export interface WebhookEventBody {
  id: string;
  type: WebhookEventType;
  createdAt: string;
  data: Record<string, unknown>;
}
