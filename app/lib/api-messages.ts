import type * as Y from 'yjs';
import { listScenes } from '../../shared/project-doc.ts';
import type { LiveRenderBreach } from '../../shared/live-render-limits.ts';
import type { TimelineIssue } from '../../shared/timeline.ts';
import type { LimitBreach } from '../../shared/timeline-limits.ts';
import type { I18n } from '../i18n/index.ts';
import type { ApiFailure } from './api.ts';
import { formatBytes } from './format.ts';

/** What a refused or failed request means for the user, in their language. */
export function failureText(i18n: I18n, error: ApiFailure, fallback: string): string {
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return i18n.t('errors.unauthenticated');
    case 'FORBIDDEN':
      return i18n.t('errors.forbidden');
    case 'CROSS_SITE_REQUEST':
      return i18n.t('errors.crossSite');
    case 'RATE_LIMITED':
      return i18n.t('errors.rateLimited');
    case 'UNAVAILABLE':
      return i18n.t('errors.unavailable');
    case 'NETWORK':
    case 'INTERNAL':
      return fallback;
    default:
      return error.code.startsWith('HTTP_') ? fallback : i18n.sent(error);
  }
}

/**
 * Why a render could not be queued or retried: a live-render limit (429 with
 * `details.scope`) is worded with its numbers; anything else as `failureText`.
 */
export function renderQueueFailureText(i18n: I18n, error: ApiFailure, fallback: string): string {
  const breach = error.details as Partial<LiveRenderBreach>;
  if (error.code === 'RATE_LIMITED' && (breach.scope === 'user' || breach.scope === 'project')) {
    return i18n.t(`render.liveLimit.${breach.scope}`, {
      live: Number(breach.live),
      limit: Number(breach.limit),
    });
  }
  if (error.code === 'QUOTA_EXCEEDED') return quotaText(i18n, error);
  return failureText(i18n, error, fallback);
}

/** A 402 from render creation, with its numbers and the date the count starts again. */
function quotaText(i18n: I18n, error: ApiFailure): string {
  const d = error.details as {
    quota?: string;
    used?: number;
    limit?: number;
    requested?: number;
    resetAt?: string | null;
  };
  if (d.quota === 'storage')
    return i18n.t('render.storageQuotaExceeded', {
      used: formatBytes(Number(d.used), i18n.locale),
      limit: formatBytes(Number(d.limit), i18n.locale),
    });
  return i18n.t('render.quotaExceeded', {
    used: Number(d.used),
    limit: Number(d.limit),
    requested: Number(d.requested),
    date: d.resetAt ? i18n.date(d.resetAt) : '',
  });
}

/** One problem of a 422 on a commit, read against the live document. */
export interface IssueParts {
  key: string;
  sceneId: string | null;
  /** Position on the board (1-based) when the problem is inside a scene. */
  sceneNumber: number | null;
  /** The scene's title when it has one. */
  sceneTitle: string | null;
  /** The field named by the problem (`narration`, `title`, …). */
  field: string | null;
  /** The problem in the user's language. */
  message: string;
}

/**
 * The problems of a refused commit (`details.issues`), with scenes numbered
 * as on the board; the commit dialog and the history panel word them.
 */
export function issueParts(i18n: I18n, doc: Y.Doc, issues: readonly TimelineIssue[]): IssueParts[] {
  const { t } = i18n;
  const scenes = listScenes(doc);
  return issues.map((issue, index) => {
    const path = Array.isArray(issue.path) ? issue.path : [];
    const inScene = path[0] === 'scenes' && typeof path[1] === 'number';
    const field = inScene ? path[2] : path[0] === 'scenes' ? undefined : path[0];
    const limit = (issue as { limit?: LimitBreach }).limit;
    const serverMessage = String(issue.message ?? '');
    const message = limit
      ? t(`render.issue.limit.${limit.name}`, { value: limit.value, max: limit.max })
      : issue.error?.key.startsWith('errors.unsafe.')
        ? i18n.field(issue.error, serverMessage)
        : path.length === 1 && path[0] === 'scenes'
          ? t('render.issue.noScenes')
          : inScene && (field === 'narration' || field === 'durationSec')
            ? t('render.issue.narration')
            : inScene && field === 'cast'
              ? t('render.issue.cast')
              : i18n.field(issue.error, serverMessage);
    const sceneId = issue.sceneId ?? null;
    let sceneNumber: number | null = null;
    let sceneTitle: string | null = null;
    if (inScene || sceneId) {
      const position = sceneId ? scenes.findIndex((ref) => ref.id === sceneId) : -1;
      sceneNumber = position >= 0 ? position + 1 : Number(path[1]) + 1;
      const title = scenes[position]?.map.get('title');
      sceneTitle = typeof title === 'string' && title.trim() ? title.trim() : null;
    }
    return {
      key: String(index),
      sceneId,
      sceneNumber,
      sceneTitle,
      field: typeof field === 'string' ? field : null,
      message,
    };
  });
}
