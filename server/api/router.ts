import { apiMessage } from '../../shared/api/api-messages.ts';
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from 'express';
import { issueCollabToken } from '../collab/tokens.ts';
import { COLLAB_PATH } from '../collab/collab-server.ts';
import { CorruptDocumentError } from '../collab/document-store.ts';
import { clientAddress } from '../http/client-address.ts';
import { ApiError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import { guestCommentSchema } from '../../shared/api/comments.ts';
import { closeIfBodyUnread } from '../http/receive-upload.ts';
import { ownOrigin } from '../http/same-origin.ts';
import { clearSessionCookie, requireSession, sessionCookie } from '../http/session.ts';
import type { RenderOutput } from '../../shared/render/render-output.ts';
import { safeTimeline } from '../projects/timeline.ts';
import type { Services } from '../services.ts';
import { openApiDocument } from './openapi.ts';
import { requireRouteAccess } from './route-access.ts';
import {
  apiRoute,
  PROJECT_MUSIC_FILE,
  RENDER_FILE,
  SHARED_RENDER_FILE,
  SOUNDTRACK,
  SOUNDTRACK_AUDIO,
  VOICE_SAMPLE_FILE,
  ASSET_PICTURE,
  type HttpMethod,
} from './routes.ts';

type Handler = (req: Request, res: Response) => Promise<unknown>;

/** Wraps an async handler: its value is sent as JSON, its error goes to the error middleware. */
const json =
  (handler: Handler, status: number | null = 200) =>
  (req: Request, res: Response, next: NextFunction) => {
    handler(req, res).then((body) => {
      if (res.headersSent) return;
      if (body === undefined) res.status(204).end();
      // status null: the handler chose it with res.status().
      else (status === null ? res : res.status(status)).json(body);
    }, next);
  };

const param = (req: Request, name: string) => String(req.params[name] ?? '');

const startsFromStarter = (body: unknown) =>
  typeof body === 'object' && body !== null && 'from' in body;

/**
 * A content-addressed audio file for members, with Range requests: its bytes
 * never change (immutable), and it is private (no shared caches).
 */
function sendMemberAudio(
  res: Response,
  next: NextFunction,
  path: string,
  type: string,
  notFound: 'errors.api.musicNotFound' | 'errors.api.soundtrackNotFound',
) {
  res.sendFile(
    path,
    {
      acceptRanges: true,
      cacheControl: false,
      headers: { 'Cache-Control': 'private, max-age=31536000, immutable', 'Content-Type': type },
    },
    (err) => {
      if (err && !res.headersSent) next(new ApiError('NOT_FOUND', notFound));
    },
  );
}

/**
 * Registers routes only from the route table (routes.ts): each gets its
 * row's access check first (API token scopes), and a route without a row
 * fails at start-up. The one way routes are added.
 */
function tableRoutes(router: Router) {
  const register =
    (method: HttpMethod) =>
    (path: string | RegExp, ...handlers: RequestHandler[]) => {
      router[method](path, requireRouteAccess(apiRoute(method, path)), ...handlers);
    };
  return {
    get: register('get'),
    post: register('post'),
    put: register('put'),
    patch: register('patch'),
    delete: register('delete'),
  };
}

/** REST API v1 (docs/api.md). Routes parse, call a domain module, answer. */
export function apiRouter(services: Services): Router {
  const {
    config,
    accounts,
    projects,
    invitations,
    revisions,
    renders,
    renderQueue,
    media,
    music,
    voiceSamples,
    soundtracks,
    sceneImages,
    assetRecords,
    renderEstimates,
    shareLinks,
    collab,
    starters,
    hints,
    comments,
    notifications,
    notificationStreams,
    apiTokens,
    webhooks,
    usage,
    renderNodes,
  } = services;
  const router = express.Router();
  const route = tableRoutes(router);
  const mediaPath = (hash: string, ext: string) => media.pathFor(hash, ext);
  const cookieMaxAge = config.sessionTtlDays * 86_400;
  const secure = (req: Request) => req.secure;

  // Sign-in and sign-up spend their rate limits inside accounts (per address and per account).
  const caller = (req: Request) => ({ address: clientAddress(req, config.trustProxy) });

  route.post(
    '/auth/signup',
    json(async (req, res) => {
      const result = await accounts.signup(req.body, caller(req));
      res.setHeader(
        'Set-Cookie',
        sessionCookie(result.token, { maxAgeSec: cookieMaxAge, secure: secure(req) }),
      );
      return { token: result.token, user: result.user };
    }, 201),
  );

  route.post(
    '/auth/login',
    json(async (req, res) => {
      const result = await accounts.login(req.body, caller(req));
      res.setHeader(
        'Set-Cookie',
        sessionCookie(result.token, { maxAgeSec: cookieMaxAge, secure: secure(req) }),
      );
      return { token: result.token, user: result.user };
    }),
  );

  route.post(
    '/auth/logout',
    json(async (req, res) => {
      const session = requireSession(req);
      await accounts.revokeSession(session.sessionId);
      await collab.revokeSession(session.sessionId);
      res.setHeader('Set-Cookie', clearSessionCookie(secure(req)));
      return undefined;
    }),
  );

  route.get(
    '/auth/me',
    json(async (req) => ({ user: requireSession(req).user })),
  );

  // Personal API tokens (ADR 0042): a browser session manages them (the route table says `session`).
  route.post(
    '/tokens',
    json(async (req) => apiTokens.create(requireSession(req).user.id, req.body), 201),
  );
  route.get(
    '/tokens',
    json(async (req) => ({ tokens: await apiTokens.list(requireSession(req).user.id) })),
  );
  route.delete(
    '/tokens/:id',
    json(async (req) => {
      await apiTokens.revoke(requireSession(req).user.id, param(req, 'id'));
      return undefined;
    }),
  );

  // This API's description, generated from the route table and its schemas (openapi.ts).
  route.get(
    '/openapi.json',
    json(async () => openApiDocument()),
  );

  route.get(
    '/projects',
    json(async (req) => ({ projects: await projects.list(requireSession(req).user.id) })),
  );

  route.post(
    '/projects',
    json(async (req) => {
      const userId = requireSession(req).user.id;
      // `from`: a sample or a template (server/projects/starters.ts), with revision 1 and its render.
      if (startsFromStarter(req.body)) return starters.create(userId, req.body);
      return { project: await projects.create(userId, req.body) };
    }, 201),
  );

  // Hints a person dismissed for good (the editor's first-visit hint), kept on their account.
  route.get(
    '/me/hints',
    json(async (req) => ({ dismissed: await hints.dismissed(requireSession(req).user.id) })),
  );
  route.post(
    '/me/hints',
    json(async (req) => ({
      dismissed: await hints.dismiss(requireSession(req).user.id, req.body),
    })),
  );

  route.get(
    '/projects/:id',
    json(async (req) => {
      const project = await projects.get(requireSession(req).user.id, param(req, 'id'));
      const doc = await collab.documents.read(project.id).catch((err: unknown) => {
        if (err instanceof CorruptDocumentError) {
          throw new ApiError('UNAVAILABLE', 'errors.api.documentUnavailable', {
            projectId: project.id,
          });
        }
        throw err;
      });
      return { project, ...safeTimeline(doc) };
    }),
  );

  route.patch(
    '/projects/:id',
    json(async (req) => ({
      project: await projects.rename(requireSession(req).user.id, param(req, 'id'), req.body),
    })),
  );

  route.delete(
    '/projects/:id',
    json(async (req) => {
      await projects.remove(requireSession(req).user.id, param(req, 'id'));
      return undefined;
    }),
  );

  route.post(
    '/projects/:id/duplicate',
    json(
      async (req) => ({
        project: await projects.duplicate(requireSession(req).user.id, param(req, 'id')),
      }),
      201,
    ),
  );

  route.get(
    '/projects/:id/members',
    json(async (req) => ({
      members: await projects.listMembers(requireSession(req).user.id, param(req, 'id')),
    })),
  );

  // People join through invitations only; this changes the role of a member.
  route.patch(
    '/projects/:id/members/:userId',
    json(async (req) => ({
      members: await projects.setRole(
        requireSession(req).user.id,
        param(req, 'id'),
        param(req, 'userId'),
        req.body,
      ),
    })),
  );

  route.delete(
    '/projects/:id/members/:userId',
    json(async (req) => ({
      members: await projects.removeMember(
        requireSession(req).user.id,
        param(req, 'id'),
        param(req, 'userId'),
      ),
    })),
  );

  // Invitations (server/invitations): the same answer for any e-mail, accepted by the invitee.
  route.post(
    '/projects/:id/invitations',
    json(
      async (req) => invitations.invite(requireSession(req).user.id, param(req, 'id'), req.body),
      201,
    ),
  );

  route.get(
    '/projects/:id/invitations',
    json(async (req) => ({
      invitations: await invitations.listForProject(requireSession(req).user.id, param(req, 'id')),
    })),
  );

  route.delete(
    '/projects/:id/invitations/:invitationId',
    json(async (req) => ({
      invitations: await invitations.revoke(
        requireSession(req).user.id,
        param(req, 'id'),
        param(req, 'invitationId'),
      ),
    })),
  );

  route.get(
    '/invitations',
    json(async (req) => ({ invitations: await invitations.listMine(requireSession(req).user) })),
  );

  route.get(
    '/invitations/by-token/:token',
    json(async (req) => invitations.preview(requireSession(req).user, param(req, 'token'))),
  );

  route.post(
    '/invitations/by-token/:token/accept',
    json(async (req) => invitations.acceptByToken(requireSession(req).user, param(req, 'token'))),
  );

  route.post(
    '/invitations/:id/accept',
    json(async (req) => invitations.acceptById(requireSession(req).user, param(req, 'id'))),
  );

  route.post(
    '/invitations/:id/decline',
    json(async (req) => {
      await invitations.decline(requireSession(req).user, param(req, 'id'));
      return undefined;
    }),
  );

  route.post(
    '/projects/:id/collab-token',
    json(async (req) => {
      const session = requireSession(req);
      const projectId = param(req, 'id');
      const role = await projects.authorize(session.user.id, projectId, 'view');
      const exp = Math.floor(Date.now() / 1000) + config.collabTokenTtlSec;
      const token = issueCollabToken(config.secret, {
        userId: session.user.id,
        name: session.user.name,
        document: projectId,
        sessionId: session.sessionId,
        exp,
      });
      return {
        token,
        url: collabUrl(req),
        document: projectId,
        role,
        expiresAt: new Date(exp * 1000).toISOString(),
      };
    }),
  );

  route.post(
    '/projects/:id/revisions',
    json(async (req, res) => {
      const { revision, created } = await revisions.commit(
        requireSession(req).user.id,
        param(req, 'id'),
        req.body,
      );
      // Unchanged content returns the existing revision: 200 rather than 201.
      res.status(created ? 201 : 200);
      return { revision, created };
    }, null),
  );

  route.get(
    '/projects/:id/revisions',
    json(async (req) => ({
      revisions: await revisions.list(requireSession(req).user.id, param(req, 'id')),
    })),
  );

  route.get(
    '/revisions/:id',
    json(async (req) => ({
      revision: await revisions.get(requireSession(req).user.id, param(req, 'id')),
    })),
  );

  // Script analysis (shared/analysis). Its body limit is its own: analysisBodyParser in app.ts.
  route.post(
    '/analysis/scenes',
    json(async (req, res) => {
      requireSession(req);
      const { analyzeScriptRequest } = await import('../analysis/analyze-script.ts');
      // Serialised in the analysis thread: sent as is, never parsed or stringified here.
      const body = await analyzeScriptRequest(req.body, services.analysis.analyzeJson);
      res.status(200).type('application/json').send(body);
    }),
  );

  // Renders: the row first, then the queue (server/renders/).
  route.post(
    '/projects/:id/renders',
    json(async (req) => {
      const { record, created, reused, plan } = await renders.create(
        requireSession(req).user.id,
        param(req, 'id'),
        req.body,
      );
      if (plan) await renderQueue.submit(record, plan);
      return { render: record, created, reused };
    }, 202),
  );

  route.get(
    '/projects/:id/renders',
    json(async (req) =>
      renders.list(requireSession(req).user.id, param(req, 'id'), {
        limit: req.query.limit,
        before: req.query.before,
      }),
    ),
  );

  route.get(
    '/renders/:id',
    json(async (req) => ({
      render: await renders.get(requireSession(req).user.id, param(req, 'id')),
    })),
  );

  route.delete(
    '/renders/:id',
    json(async (req) => ({
      render: await renderQueue.cancel(requireSession(req).user.id, param(req, 'id')),
    })),
  );

  route.post(
    '/renders/:id/retry',
    json(
      async (req) => ({
        render: await renderQueue.retry(requireSession(req).user.id, param(req, 'id')),
      }),
      202,
    ),
  );

  // Review comments (server/comments): any member comments; editors resolve; authors edit.
  route.post(
    '/projects/:id/comments',
    json(async (req) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      return {
        comment: await comments.create({
          ...body,
          projectId: param(req, 'id'),
          author: { kind: 'member', userId: requireSession(req).user.id },
        }),
      };
    }, 201),
  );

  route.get(
    '/projects/:id/comments',
    json(async (req) => ({
      comments: await comments.list(requireSession(req).user.id, param(req, 'id')),
    })),
  );

  route.patch(
    '/comments/:id',
    json(async (req) => ({
      comment: await comments.update(requireSession(req).user.id, param(req, 'id'), req.body),
    })),
  );

  route.delete(
    '/comments/:id',
    json(async (req) => {
      await comments.remove(requireSession(req).user.id, param(req, 'id'));
      return undefined;
    }),
  );

  // Notifications (server/notifications): a list, marking read, and a live stream (SSE).
  route.get(
    '/notifications',
    json(async (req) => notifications.list(requireSession(req).user.id)),
  );

  route.post(
    '/notifications/read',
    json(async (req) => notifications.markRead(requireSession(req).user.id, req.body)),
  );

  route.get('/notifications/stream', async (req, res, next) => {
    try {
      const session = requireSession(req);
      const locale = req.query.locale;
      if (locale === 'en' || locale === 'fr')
        await notifications.rememberLocale(session.user.id, locale);
      notificationStreams.serve(
        req,
        res,
        session.user.id,
        { type: 'unread', unread: await notifications.unreadCount(session.user.id) },
        () => accounts.isSessionLive(session.sessionId),
      );
    } catch (err) {
      next(err);
    }
  });

  // PUT /projects/:id/music streams its own body: musicUploadRoute, mounted ahead of the JSON parser.
  route.delete(
    '/projects/:id/music',
    json(async (req) => {
      await music.remove(requireSession(req).user.id, param(req, 'id'));
      return undefined;
    }),
  );

  // The current bed's file, to listen to in the music picker (any member).
  route.get(PROJECT_MUSIC_FILE, async (req, res, next) => {
    try {
      const file = await music.file(
        requireSession(req).user.id,
        String(req.params[0]),
        String(req.params[1]),
      );
      sendMemberAudio(res, next, file, 'audio/flac', 'errors.api.musicNotFound');
    } catch (err) {
      next(err);
    }
  });

  // Generated soundtracks (issue 18, ADR 0036): composed by a render node, progress read from its job.
  route.post(
    '/projects/:id/music/generate',
    json(
      async (req) => soundtracks.generate(requireSession(req).user.id, param(req, 'id'), req.body),
      202,
    ),
  );

  route.get(
    SOUNDTRACK,
    json(async (req) => soundtracks.get(requireSession(req).user.id, String(req.params[0]))),
  );

  route.get(SOUNDTRACK_AUDIO, async (req, res, next) => {
    try {
      const path = await soundtracks.audioPath(requireSession(req).user.id, String(req.params[0]));
      sendMemberAudio(res, next, path, 'audio/flac', 'errors.api.soundtrackNotFound');
    } catch (err) {
      next(err);
    }
  });

  // Voice samples (ADR 0026): spoken by a render node, then served by content key.
  route.post(
    '/projects/:id/voice-samples',
    json(async (req) =>
      voiceSamples.request(requireSession(req).user.id, param(req, 'id'), req.body),
    ),
  );

  route.get(VOICE_SAMPLE_FILE, async (req, res, next) => {
    try {
      requireSession(req);
      const path = await voiceSamples.path(String(req.params[0]));
      res.sendFile(
        path,
        {
          acceptRanges: true,
          cacheControl: false,
          // Content-addressed: a key's bytes never change. Signed-in users only: no shared caches.
          headers: {
            'Cache-Control': 'private, max-age=31536000, immutable',
            'Content-Type': 'audio/wav',
          },
        },
        (err) => {
          if (err && !res.headersSent)
            next(new ApiError('NOT_FOUND', 'errors.api.voiceSampleNotFound'));
        },
      );
    } catch (err) {
      next(err);
    }
  });

  // Render outputs, streamed from the media store with HTTP Range support.
  route.get(RENDER_FILE, async (req, res, next) => {
    try {
      const renderId = String(req.params[0]);
      const { output } = await renders.outputFor(requireSession(req).user.id, renderId);
      if (!output) throw new ApiError('NOT_FOUND', 'errors.api.renderNoOutput');
      // Only signed-in members may read it: browsers may cache it, shared caches may not.
      sendRenderFile(req, res, next, mediaPath, output, 'private, max-age=86400, immutable');
    } catch (err) {
      next(err);
    }
  });

  // Regenerate and variants, asset records, estimates before render (issue 14, ADR 0041).
  route.post(
    '/projects/:id/scenes/:sceneId/images',
    json(
      async (req) =>
        sceneImages.request(
          requireSession(req).user.id,
          param(req, 'id'),
          param(req, 'sceneId'),
          req.body,
        ),
      202,
    ),
  );
  route.get(
    '/projects/:id/scenes/:sceneId/images',
    json(async (req) =>
      sceneImages.list(requireSession(req).user.id, param(req, 'id'), param(req, 'sceneId')),
    ),
  );
  route.post(
    '/projects/:id/renders/estimate',
    json(async (req) =>
      renderEstimates.estimate(requireSession(req).user.id, param(req, 'id'), req.body),
    ),
  );
  // A generated picture's file (variant thumbnails): the same access as its record.
  route.get(ASSET_PICTURE, async (req, res, next) => {
    try {
      const path = await assetRecords.picturePath(
        requireSession(req).user.id,
        String(req.params[0]),
      );
      res.sendFile(
        path,
        {
          cacheControl: false,
          headers: {
            'Cache-Control': 'private, max-age=31536000, immutable',
            'Content-Type': 'image/png',
          },
        },
        (err) => {
          if (err && !res.headersSent) next(new ApiError('NOT_FOUND', 'errors.api.assetNotFound'));
        },
      );
    } catch (err) {
      next(err);
    }
  });
  route.get(
    '/assets/:hash',
    json(async (req) => assetRecords.get(requireSession(req).user.id, param(req, 'hash'))),
  );

  // Preview links (server/share-links): members create, list and revoke them;
  // anyone holding one reads the project through it, without an account.
  const linkCaller = (req: Request) => ({ address: clientAddress(req, config.trustProxy) });

  route.post(
    '/projects/:id/share-links',
    json(
      async (req) =>
        shareLinks.create(
          requireSession(req).user.id,
          param(req, 'id'),
          req.body,
          ownOrigin(req, config.publicUrl),
        ),
      201,
    ),
  );

  route.get(
    '/projects/:id/share-links',
    json(async (req) => ({
      links: await shareLinks.list(requireSession(req).user.id, param(req, 'id')),
    })),
  );

  route.delete(
    '/share-links/:id',
    json(async (req) => {
      await shareLinks.revoke(requireSession(req).user.id, param(req, 'id'));
      return undefined;
    }),
  );

  route.get(
    '/shared/:token',
    json(async (req) => shareLinks.view(param(req, 'token'), linkCaller(req))),
  );

  route.post(
    '/shared/:token/collab-token',
    json(async (req) => {
      const claims = await shareLinks.collabClaims(
        param(req, 'token'),
        linkCaller(req),
        config.collabTokenTtlSec,
      );
      return {
        token: issueCollabToken(config.secret, claims),
        url: collabUrl(req),
        document: claims.document,
        role: 'viewer',
        expiresAt: new Date(claims.exp * 1000).toISOString(),
      };
    }),
  );

  // A link reviewer's comments: only on a link that allows them, under the name they give.
  const commentingLink = async (req: Request) => {
    const { link } = await shareLinks.resolve(param(req, 'token'), linkCaller(req));
    if (!link.allowComments)
      throw new ApiError('FORBIDDEN', apiMessage('errors.api.shareLinkNoComments'));
    return link;
  };

  route.get(
    '/shared/:token/comments',
    json(async (req) => {
      const link = await commentingLink(req);
      return { comments: await comments.listOfProject(link.projectId) };
    }),
  );

  route.post(
    '/shared/:token/comments',
    json(async (req) => {
      const link = await commentingLink(req);
      // A reviewer writes on a scene (or replies); render times are the team's.
      const { authorName, ...fields } = parseInput(guestCommentSchema, req.body);
      return {
        comment: await comments.create({
          ...fields,
          projectId: link.projectId,
          author: { kind: 'guest', name: authorName, shareLinkId: link.id },
        }),
      };
    }, 201),
  );

  // A link's render files: through the link on every request, so revoking it cuts them off.
  route.get(SHARED_RENDER_FILE, async (req, res, next) => {
    try {
      const output = await shareLinks.renderOutput(
        String(req.params[0]),
        linkCaller(req),
        String(req.params[1]),
      );
      sendRenderFile(req, res, next, mediaPath, output, 'private, no-store', 1);
    } catch (err) {
      next(err);
    }
  });

  // Webhooks and usage (issue 16, ADR 0043). Scopes for API tokens: webhook
  // management is projects:write (reading them too: the list is the owner's), usage projects:read.
  route.post(
    '/projects/:id/webhooks',
    json(
      async (req) => webhooks.create(requireSession(req).user.id, param(req, 'id'), req.body),
      201,
    ),
  );
  route.get(
    '/projects/:id/webhooks',
    json(async (req) => ({
      webhooks: await webhooks.list(requireSession(req).user.id, param(req, 'id')),
    })),
  );
  route.patch(
    '/webhooks/:id',
    json(async (req) => ({
      webhook: await webhooks.update(requireSession(req).user.id, param(req, 'id'), req.body),
    })),
  );
  route.delete(
    '/webhooks/:id',
    json(async (req) => {
      await webhooks.remove(requireSession(req).user.id, param(req, 'id'));
      return undefined;
    }),
  );
  route.get(
    '/webhooks/:id/deliveries',
    json(async (req) => ({
      deliveries: await webhooks.deliveries(requireSession(req).user.id, param(req, 'id')),
    })),
  );
  route.post(
    '/webhooks/:id/deliveries/:deliveryId/redeliver',
    json(
      async (req) => ({
        delivery: await webhooks.redeliver(
          requireSession(req).user.id,
          param(req, 'id'),
          param(req, 'deliveryId'),
        ),
      }),
      202,
    ),
  );
  route.get(
    '/me/usage',
    json(async (req) => usage.of(requireSession(req).user.id)),
  );
  // Render nodes and their models (server/render-nodes, ADR 0040): the models panel and the
  // engine and voice pickers poll this every few seconds; between changes the answer's
  // ETag gives them a 304 (heartbeat times are not in it).
  route.get('/render-nodes', async (req, res, next) => {
    try {
      requireSession(req);
      const { answer, etag } = await renderNodes.answer();
      res.setHeader('ETag', etag);
      res.setHeader('Cache-Control', 'private, no-cache');
      // Checked here, not by Express's freshness test: that one ignores If-None-Match
      // when the request says no-cache, which fetch() adds to every conditional request.
      const known = String(req.headers['if-none-match'] ?? '').split(',');
      if (known.some((tag) => tag.trim() === etag)) res.status(304).end();
      else res.json(answer);
    } catch (err) {
      next(err);
    }
  });

  router.use((req, _res, next) =>
    next(
      new ApiError(
        'NOT_FOUND',
        apiMessage('errors.api.noApiRoute', {
          method: req.method,
          path: `${req.baseUrl}${req.path}`,
        }),
      ),
    ),
  );
  return router;
}

/**
 * The routes that stream their own request bodies, mounted in app.ts ahead
 * of the JSON parser (after the session), with the same table and checks.
 */
export function uploadRouter(services: Services): Router {
  const router = express.Router();
  tableRoutes(router).put('/projects/:id/music', musicUploadRoute(services));
  return router;
}

/**
 * PUT /projects/:id/music: the project's music bed, the raw audio file as the
 * body (any Content-Type: the format is read from the bytes). The session and
 * the editor role are checked before any of the body is read; app.ts mounts
 * this ahead of the JSON parser for that reason.
 */
function musicUploadRoute(services: Services): RequestHandler {
  return json(async (req, res) => {
    try {
      return await services.music.upload(
        requireSession(req).user.id,
        param(req, 'id'),
        req,
        req.query,
      );
    } catch (error) {
      closeIfBodyUnread(req, res);
      throw error;
    }
  });
}

/**
 * Streams one file of a render's output with HTTP Range support. `first` is
 * the index of the render id among the route's captures (the file and the
 * thumbnail's scene follow it).
 */
function sendRenderFile(
  req: Request,
  res: Response,
  next: NextFunction,
  pathFor: (hash: string, ext: string) => string,
  output: RenderOutput,
  cacheControl: string,
  first = 0,
) {
  const renderId = String(req.params[first]);
  const file = String(req.params[first + 1]);
  const artifact =
    file === 'video.mp4'
      ? output.video
      : file.startsWith('poster.')
        ? output.poster
        : file === 'captions.vtt'
          ? output.captions.vtt
          : file === 'captions.srt'
            ? output.captions.srt
            : output.thumbnails.find((t) => t.sceneId === req.params[first + 2])?.thumbnail;
  if (!artifact) throw new ApiError('NOT_FOUND', 'errors.api.noSuchRenderFile');
  if (req.query.download !== undefined) res.attachment(`montage-${renderId}.${artifact.ext}`);
  res.sendFile(
    pathFor(artifact.hash, artifact.ext),
    { acceptRanges: true, cacheControl: false, headers: { 'Cache-Control': cacheControl } },
    (err) => {
      if (err && !res.headersSent) next(new ApiError('NOT_FOUND', 'errors.api.fileMissing'));
    },
  );
}

/** The WebSocket URL clients should use, derived from how they reached us. */
export function collabUrl(req: Request): string {
  const proto = req.secure ? 'wss' : 'ws';
  return `${proto}://${req.get('host') ?? 'localhost'}${COLLAB_PATH}`;
}
