import { z } from 'zod';
import { singleLineText } from '../text-safety.ts';
import type { Timeline, TimelineIssue } from '../timeline.ts';
import type { RenderRecord } from './renders.ts';

/** The longest a link may live when it expires at all (ten years). */
export const MAX_SHARE_LINK_SECONDS = 10 * 365 * 86_400;
export const MAX_SHARE_LABEL = 100;

/** The expiries the Share dialog offers besides a date: seconds, null for never. */
export const SHARE_EXPIRY_PRESETS = {
  '1h': 3_600,
  '1d': 86_400,
  '7d': 7 * 86_400,
  '30d': 30 * 86_400,
  never: null,
} as const satisfies Record<string, number | null>;
export type ShareExpiryPreset = keyof typeof SHARE_EXPIRY_PRESETS;

/** POST /api/v1/projects/:id/share-links */
export const createShareLinkSchema = z.object({
  /** A finished render of the project; absent or null: always its latest finished render. */
  renderId: z
    .string()
    .regex(/^[a-z0-9]{1,64}$/, 'Must be a render id')
    .nullable()
    .optional(),
  allowComments: z.boolean().default(false),
  /** Absent or null: the link never expires. */
  expiresInSeconds: z
    .number()
    .int('Must be a whole number of seconds')
    .min(1, 'Must be at least 1 second')
    .max(MAX_SHARE_LINK_SECONDS, 'Must be at most ten years')
    .nullable()
    .optional(),
  label: singleLineText(
    z
      .string()
      .trim()
      .max(MAX_SHARE_LABEL, `Label is too long (${MAX_SHARE_LABEL} characters at most)`),
  ).default(''),
});

/** What creating a link answers: the only time its token is seen. */
export interface CreatedShareLink {
  id: string;
  token: string;
  /** The page anyone with the link opens: `<origin>/s/<token>`. */
  url: string;
  renderId: string | null;
  expiresAt: string | null;
  allowComments: boolean;
  label: string;
  createdAt: string;
}

/** A link as the Share dialog lists it (never its token). */
export interface ShareLinkSummary {
  id: string;
  label: string;
  renderId: string | null;
  allowComments: boolean;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  expiresAt: string | null;
  /** Expired links stay listed (and can be revoked) until revoked. */
  expired: boolean;
  views: number;
  lastViewedAt: string | null;
}

/** What a link shows of a render: its output, every URL going through the link. */
export interface SharedRender {
  id: string;
  revisionNumber: number | null;
  finishedAt: string | null;
  output: NonNullable<RenderRecord['output']>;
}

/** GET /api/v1/shared/:token */
export interface SharedView {
  link: { label: string; allowComments: boolean; expiresAt: string | null };
  project: {
    /** The project's id: the live comment messages name it. */
    id: string;
    title: string;
    settings: Pick<Timeline, 'language' | 'aspect' | 'fps' | 'stylePreset'> | null;
  };
  timeline: Timeline | null;
  timelineIssues?: TimelineIssue[];
  /** Null until the project has a finished render (or the chosen one is gone). */
  render: SharedRender | null;
}
