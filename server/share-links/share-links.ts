import type { Selectable } from 'kysely';
import type * as Y from 'yjs';
import { newId } from '../../shared/ids.ts';
import {
  createShareLinkSchema,
  type CreatedShareLink,
  type SharedRender,
  type SharedView,
  type ShareLinkSummary,
} from '../../shared/api/share-links.ts';
import type { RenderRecord } from '../../shared/api/renders.ts';
import { hashSecretToken, newSecretToken } from '../accounts/secret-token.ts';
import { CorruptDocumentError } from '../collab/document-store.ts';
import type { Db } from '../db/database.ts';
import type { ShareLinksTable } from '../db/schema.ts';
import { ApiError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import type { LimitRule, RateLimits } from '../http/rate-limit.ts';
import type { Projects } from '../projects/projects.ts';
import { safeTimeline } from '../projects/timeline.ts';
import type { Renders } from '../renders/renders.ts';
import {
  linkTokenExpiry,
  looksLikeShareToken,
  sameTokenHash,
  shareLinkExpiry,
  shareLinkNotFound,
  shareLinkRefusal,
  shareLinkState,
  sharedPagePath,
  throughLink,
} from './share-link-state.ts';

/**
 * Rate limits of the routes a link holder calls, per client address, shared
 * by every instance: every request (page, API, media), and tokens that match
 * no link (guessing), which are refused for a while once spent.
 */
export type ShareLinkLimit = 'sharedByAddress' | 'unknownTokensByAddress';
export const SHARE_LINK_LIMITS: Record<ShareLinkLimit, LimitRule> = {
  // A video player asks for many ranges: generous, but bounded.
  sharedByAddress: { points: 1_200, durationSec: 60 },
  unknownTokensByAddress: { points: 30, durationSec: 60, blockDurationSec: 600 },
};

/** Who presents a link: only the address is known. */
export interface LinkCaller {
  address: string;
}

/** A usable link, as `resolve` answers it (the comments routes build on it). */
export interface ResolvedShareLink {
  link: {
    id: string;
    projectId: string;
    renderId: string | null;
    allowComments: boolean;
    label: string;
    expiresAt: Date | null;
  };
  project: { id: string; title: string };
}

const iso = (date: Date | string) => new Date(date).toISOString();
const isoOrNull = (date: Date | string | null) => (date ? iso(date) : null);

type Row = Selectable<ShareLinksTable>;

/**
 * Preview links (issue 13): the `share_links` table belongs here. A link is a
 * bearer secret shown once; only its hash is stored. Owners and editors
 * create, list and revoke them; anyone holding one reads the project through
 * `resolve` (404 unknown, 410 expired or revoked), and revoking closes the
 * link's live sockets on every instance (`disconnect`).
 */
export function createShareLinks(
  db: Db,
  deps: {
    projects: Projects;
    renders: Renders;
    readDocument(projectId: string): Promise<Y.Doc>;
    limits: RateLimits<ShareLinkLimit>;
    /** Closes the link's collab sockets on every instance (collab control channel). */
    disconnect(linkId: string): Promise<void>;
  },
) {
  const { projects, renders, limits } = deps;

  /** The link a token names, usable now; spends the caller's rate limits. */
  async function resolve(token: string, caller: LinkCaller): Promise<ResolvedShareLink> {
    await limits.check('unknownTokensByAddress', caller.address);
    await limits.consume('sharedByAddress', caller.address);
    const found = looksLikeShareToken(token)
      ? await db
          .selectFrom('share_links')
          .innerJoin('projects', 'projects.id', 'share_links.project_id')
          .selectAll('share_links')
          .select('projects.title as project_title')
          .where('share_links.token_hash', '=', hashSecretToken(token))
          .executeTakeFirst()
      : undefined;
    if (!found || !sameTokenHash(found.token_hash, token)) {
      await limits.consume('unknownTokensByAddress', caller.address);
      throw shareLinkNotFound();
    }
    const refusal = shareLinkRefusal(shareLinkState(found, new Date()));
    if (refusal) throw refusal;
    return {
      link: {
        id: found.id,
        projectId: found.project_id,
        renderId: found.render_id,
        allowComments: found.allow_comments,
        label: found.label,
        expiresAt: found.expires_at ? new Date(found.expires_at) : null,
      },
      project: { id: found.project_id, title: found.project_title },
    };
  }

  /** The render a link shows, every URL rewritten to go through the link. */
  function sharedRender(record: RenderRecord, token: string): SharedRender | null {
    const out = record.output;
    if (!out) return null;
    const via = (url: string) => throughLink(url, record.id, token);
    return {
      id: record.id,
      revisionNumber: record.revisionNumber,
      finishedAt: record.finishedAt,
      output: {
        ...out,
        videoUrl: via(out.videoUrl),
        posterUrl: via(out.posterUrl),
        captionsVttUrl: via(out.captionsVttUrl),
        captionsSrtUrl: via(out.captionsSrtUrl),
        thumbnails: out.thumbnails.map((t) => ({ sceneId: t.sceneId, url: via(t.url) })),
      },
    };
  }

  async function readTimeline(projectId: string) {
    try {
      return safeTimeline(await deps.readDocument(projectId));
    } catch (err) {
      if (err instanceof CorruptDocumentError) {
        throw new ApiError('UNAVAILABLE', 'errors.api.documentUnavailable');
      }
      throw err;
    }
  }

  /** A link row of a project the caller may edit; strangers learn nothing (404). */
  async function editableLink(userId: string, linkId: string): Promise<Row> {
    const row = await db
      .selectFrom('share_links')
      .selectAll()
      .where('id', '=', linkId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row || !(await projects.roleOf(userId, row.project_id))) throw shareLinkNotFound();
    await projects.authorize(userId, row.project_id, 'edit');
    return row;
  }

  return {
    resolve,

    async create(
      userId: string,
      projectId: string,
      input: unknown,
      origin: string,
    ): Promise<CreatedShareLink> {
      await projects.authorize(userId, projectId, 'edit');
      const { renderId, allowComments, expiresInSeconds, label } = parseInput(
        createShareLinkSchema,
        input,
      );
      if (renderId && !(await renders.finishedOf(projectId, renderId))) {
        throw new ApiError('VALIDATION_FAILED', 'errors.api.shareLinkRenderNotFinished', {
          fields: { renderId: 'Must be a finished render of this project' },
        });
      }
      const token = newSecretToken();
      const now = new Date();
      const row = await db
        .insertInto('share_links')
        .values({
          id: newId(),
          project_id: projectId,
          token_hash: hashSecretToken(token),
          render_id: renderId ?? null,
          allow_comments: allowComments,
          label,
          created_by: userId,
          created_at: now,
          expires_at: shareLinkExpiry(now, expiresInSeconds),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return {
        id: row.id,
        token,
        url: `${origin}${sharedPagePath(token)}`,
        renderId: row.render_id,
        expiresAt: isoOrNull(row.expires_at),
        allowComments: row.allow_comments,
        label: row.label,
        createdAt: iso(row.created_at),
      };
    },

    /** The project's links not revoked, newest first (expired ones included, marked). */
    async list(userId: string, projectId: string): Promise<ShareLinkSummary[]> {
      await projects.authorize(userId, projectId, 'edit');
      const rows = await db
        .selectFrom('share_links')
        .leftJoin('users', 'users.id', 'share_links.created_by')
        .selectAll('share_links')
        .select(['users.id as creator_id', 'users.name as creator_name'])
        .where('share_links.project_id', '=', projectId)
        .where('share_links.revoked_at', 'is', null)
        .orderBy('share_links.created_at', 'desc')
        .orderBy('share_links.id', 'desc')
        .execute();
      const now = new Date();
      return rows.map((row) => ({
        id: row.id,
        label: row.label,
        renderId: row.render_id,
        allowComments: row.allow_comments,
        createdBy: row.creator_id ? { id: row.creator_id, name: row.creator_name ?? '' } : null,
        createdAt: iso(row.created_at),
        expiresAt: isoOrNull(row.expires_at),
        expired: shareLinkState(row, now) === 'expired',
        views: row.views,
        lastViewedAt: isoOrNull(row.last_viewed_at),
      }));
    },

    /** Revokes at once: the page, its media and its open sockets stop working. */
    async revoke(userId: string, linkId: string): Promise<void> {
      const row = await editableLink(userId, linkId);
      await db
        .updateTable('share_links')
        .set({ revoked_at: new Date() })
        .where('id', '=', row.id)
        .where('revoked_at', 'is', null)
        .execute();
      await deps.disconnect(row.id);
    },

    /** What the shared page shows; counts a view. */
    async view(token: string, caller: LinkCaller): Promise<SharedView> {
      const { link, project } = await resolve(token, caller);
      const [{ timeline, timelineIssues }, record] = await Promise.all([
        readTimeline(link.projectId),
        renders.finishedOf(link.projectId, link.renderId),
        db
          .updateTable('share_links')
          .set((eb) => ({ views: eb('views', '+', 1), last_viewed_at: new Date() }))
          .where('id', '=', link.id)
          .execute(),
      ]);
      return {
        link: {
          label: link.label,
          allowComments: link.allowComments,
          expiresAt: isoOrNull(link.expiresAt),
        },
        project: {
          id: link.projectId,
          title: timeline?.title ?? project.title,
          settings: timeline
            ? {
                language: timeline.language,
                aspect: timeline.aspect,
                fps: timeline.fps,
                stylePreset: timeline.stylePreset,
              }
            : null,
        },
        timeline,
        ...(timelineIssues ? { timelineIssues } : {}),
        render: record ? sharedRender(record, token) : null,
      };
    },

    /**
     * The output of a render the link may show: the chosen one, or (for a
     * link that follows the latest) any finished render of the project, so a
     * video being watched keeps playing when a newer render finishes.
     */
    async renderOutput(token: string, caller: LinkCaller, renderId: string) {
      const { link } = await resolve(token, caller);
      const output =
        link.renderId && link.renderId !== renderId
          ? null
          : await renders.finishedOutputOf(link.projectId, renderId);
      if (!output) throw new ApiError('NOT_FOUND', 'errors.api.renderNotFound');
      return output;
    },

    /** The claims of a read-only collab token for the link's project. */
    async collabClaims(token: string, caller: LinkCaller, ttlSec: number) {
      const { link } = await resolve(token, caller);
      return {
        userId: `link:${link.id}`,
        name: link.label,
        document: link.projectId,
        sessionId: '',
        shareLinkId: link.id,
        exp: linkTokenExpiry(Date.now(), ttlSec, link.expiresAt),
      };
    },

    /** Whether a link still opens `projectId` (collab auth, at connect and token refresh). */
    async isLive(linkId: string, projectId: string): Promise<boolean> {
      const row = await db
        .selectFrom('share_links')
        .select(['project_id', 'revoked_at', 'expires_at'])
        .where('id', '=', linkId)
        .executeTakeFirst();
      return !!row && row.project_id === projectId && shareLinkState(row, new Date()) === 'active';
    },
  };
}

export type ShareLinks = ReturnType<typeof createShareLinks>;
