import { z } from 'zod';
import { loginSchema, signupFields } from '../../shared/api/accounts.ts';
import { createApiTokenSchema, type ApiScope } from '../../shared/api/api-tokens.ts';
import {
  createCommentSchema,
  guestCommentSchema,
  updateCommentSchema,
} from '../../shared/api/comments.ts';
import { dismissHintSchema } from '../../shared/api/hints.ts';
import { inviteSchema } from '../../shared/api/invitations.ts';
import { markReadSchema } from '../../shared/api/notifications.ts';
import {
  createFromStarterSchema,
  createProjectSchema,
  memberRoleSchema,
  renameProjectSchema,
} from '../../shared/api/projects.ts';
import { createRenderSchema, renderPageSchema } from '../../shared/api/renders.ts';
import { commitSchema } from '../../shared/api/revisions.ts';
import { createShareLinkSchema } from '../../shared/api/share-links.ts';
import { soundtrackRequestSchema } from '../../shared/music/soundtrack-request.ts';
import { voiceSampleRequestSchema } from '../../shared/voices/voice-sample.ts';
import { createWebhookSchema, updateWebhookSchema } from '../../shared/api/webhooks.ts';
import { sceneImagesRequestSchema } from '../../shared/render/image-job.ts';
import { renderEstimateSchema } from '../renders/estimate.ts';

/**
 * Who may call a route (ADR 0042):
 * - a scope: a browser session, or an API token holding that scope;
 * - `session`: a browser session only (managing tokens, sign-out, live
 *   connections bound to the session); an API token gets 403;
 * - `public`: anyone (sign-in, preview links, the OpenAPI document).
 */
export type RouteAccess = ApiScope | 'session' | 'public';
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * One API route: the single source the router registers from (router.ts
 * refuses a route missing here), the auth middleware checks access with, and
 * the OpenAPI document (openapi.ts) is generated from. Adding a route is
 * adding one row; routes.test.ts fails when the router and this table differ.
 */
export interface ApiRoute {
  method: HttpMethod;
  /** The Express path under /api/v1 (`:name` parameters), or the RegExp a file route matches. */
  path: string | RegExp;
  /** For RegExp routes: the path as the document shows it (`{name}` parameters). */
  docPath?: string;
  access: RouteAccess;
  summary: string;
  /** The zod schemas the handler validates with (parseInput): the document shows them. */
  body?: z.ZodType;
  query?: z.ZodObject;
  /** The success status and what it answers. */
  status: number;
  answers: string;
  /** Not JSON: the media type of the answer (files, streams). */
  produces?: string;
  /** The body is the raw file, not JSON (uploads). */
  consumes?: string;
}

const read: RouteAccess = 'projects:read';
const write: RouteAccess = 'projects:write';

/** POST /projects: a blank project, or one started from a sample or template. */
const newProjectSchema = z.union([createProjectSchema, createFromStarterSchema]);
const HASH = '[0-9a-f]{64}';
const FILE_OF_RENDER =
  '(video\\.mp4|poster\\.\\w+|captions\\.vtt|captions\\.srt|thumbnails\\/([a-z0-9]+)\\.\\w+)';
/** /renders/:id/<file>: a member's render files. */
export const RENDER_FILE = new RegExp(`^\\/renders\\/([a-z0-9]+)\\/${FILE_OF_RENDER}$`);
/** /shared/:token/renders/:id/<file>: the same files through a preview link. */
export const SHARED_RENDER_FILE = new RegExp(
  `^\\/shared\\/([A-Za-z0-9_-]+)\\/renders\\/([a-z0-9]+)\\/${FILE_OF_RENDER}$`,
);
export const PROJECT_MUSIC_FILE = new RegExp(`^\\/projects\\/([^/]+)\\/music\\/(${HASH})\\.flac$`);
export const SOUNDTRACK = new RegExp(`^\\/music\\/(${HASH})$`);
export const SOUNDTRACK_AUDIO = new RegExp(`^\\/music\\/(${HASH})\\/audio\\.flac$`);
export const VOICE_SAMPLE_FILE = /^\/voice-samples\/([a-z0-9]+)\.wav$/;
/** /assets/<hash>.png: a generated picture (variant thumbnails), with its record's access. */
export const ASSET_PICTURE = new RegExp(`^\\/assets\\/(${HASH})\\.png$`);

export const API_ROUTES: readonly ApiRoute[] = [
  // Accounts and sessions
  {
    method: 'post',
    path: '/auth/signup',
    access: 'public',
    summary: 'Create an account and a session',
    body: signupFields,
    status: 201,
    answers: '{ token, user }',
  },
  {
    method: 'post',
    path: '/auth/login',
    access: 'public',
    summary: 'Sign in: a session token (also set as a cookie)',
    body: loginSchema,
    status: 200,
    answers: '{ token, user }',
  },
  {
    method: 'post',
    path: '/auth/logout',
    access: 'session',
    summary: 'End this session',
    status: 204,
    answers: 'nothing',
  },
  {
    method: 'get',
    path: '/auth/me',
    access: read,
    summary: 'Who the caller is',
    status: 200,
    answers: '{ user }',
  },
  {
    method: 'get',
    path: '/me/hints',
    access: 'session',
    summary: 'Hints this person dismissed',
    status: 200,
    answers: '{ dismissed }',
  },
  {
    method: 'post',
    path: '/me/hints',
    access: 'session',
    summary: 'Dismiss a hint for good',
    body: dismissHintSchema,
    status: 200,
    answers: '{ dismissed }',
  },
  // Personal API tokens (ADR 0042): managed from a browser session only.
  {
    method: 'post',
    path: '/tokens',
    access: 'session',
    summary: 'Create a personal API token (its secret is answered once)',
    body: createApiTokenSchema,
    status: 201,
    answers: '{ id, token, name, scopes, expiresAt }',
  },
  {
    method: 'get',
    path: '/tokens',
    access: 'session',
    summary: 'List your API tokens (never their secrets)',
    status: 200,
    answers: '{ tokens }',
  },
  {
    method: 'delete',
    path: '/tokens/:id',
    access: 'session',
    summary: 'Revoke an API token at once',
    status: 204,
    answers: 'nothing',
  },
  // Projects and members
  {
    method: 'get',
    path: '/projects',
    access: read,
    summary: 'Projects you are a member of',
    status: 200,
    answers: '{ projects }',
  },
  {
    method: 'post',
    path: '/projects',
    access: write,
    summary: 'Create a project (blank, or `from` a sample or template)',
    body: newProjectSchema,
    status: 201,
    answers: '{ project }',
  },
  {
    method: 'get',
    path: '/projects/:id',
    access: read,
    summary: 'A project and its timeline',
    status: 200,
    answers: '{ project, timeline, issues }',
  },
  {
    method: 'patch',
    path: '/projects/:id',
    access: write,
    summary: 'Rename a project',
    body: renameProjectSchema,
    status: 200,
    answers: '{ project }',
  },
  {
    method: 'delete',
    path: '/projects/:id',
    access: write,
    summary: 'Delete a project (owner)',
    status: 204,
    answers: 'nothing',
  },
  {
    method: 'post',
    path: '/projects/:id/duplicate',
    access: write,
    summary: 'Duplicate a project',
    status: 201,
    answers: '{ project }',
  },
  {
    method: 'get',
    path: '/projects/:id/members',
    access: read,
    summary: 'A project’s members',
    status: 200,
    answers: '{ members }',
  },
  {
    method: 'patch',
    path: '/projects/:id/members/:userId',
    access: write,
    summary: 'Change a member’s role (owner)',
    body: memberRoleSchema,
    status: 200,
    answers: '{ members }',
  },
  {
    method: 'delete',
    path: '/projects/:id/members/:userId',
    access: write,
    summary: 'Remove a member (owner)',
    status: 200,
    answers: '{ members }',
  },
  // Invitations
  {
    method: 'post',
    path: '/projects/:id/invitations',
    access: write,
    summary: 'Invite someone by e-mail (owner)',
    body: inviteSchema,
    status: 201,
    answers: '{ invitation }',
  },
  {
    method: 'get',
    path: '/projects/:id/invitations',
    access: read,
    summary: 'A project’s pending invitations',
    status: 200,
    answers: '{ invitations }',
  },
  {
    method: 'delete',
    path: '/projects/:id/invitations/:invitationId',
    access: write,
    summary: 'Revoke an invitation (owner)',
    status: 200,
    answers: '{ invitations }',
  },
  {
    method: 'get',
    path: '/invitations',
    access: 'session',
    summary: 'Invitations addressed to you',
    status: 200,
    answers: '{ invitations }',
  },
  {
    method: 'get',
    path: '/invitations/by-token/:token',
    access: 'session',
    summary: 'What an invitation link offers',
    status: 200,
    answers: '{ invitation }',
  },
  {
    method: 'post',
    path: '/invitations/by-token/:token/accept',
    access: 'session',
    summary: 'Accept an invitation link',
    status: 200,
    answers: '{ project }',
  },
  {
    method: 'post',
    path: '/invitations/:id/accept',
    access: 'session',
    summary: 'Accept an invitation',
    status: 200,
    answers: '{ project }',
  },
  {
    method: 'post',
    path: '/invitations/:id/decline',
    access: 'session',
    summary: 'Decline an invitation',
    status: 204,
    answers: 'nothing',
  },
  // Live editing: a collaboration token is bound to the browser session.
  {
    method: 'post',
    path: '/projects/:id/collab-token',
    access: 'session',
    summary: 'A token for the live collaboration socket',
    status: 200,
    answers: '{ token, url, document, role, expiresAt }',
  },
  // Revisions
  {
    method: 'post',
    path: '/projects/:id/revisions',
    access: write,
    summary: 'Commit the current timeline as a revision (200 when unchanged)',
    body: commitSchema,
    status: 201,
    answers: '{ revision, created }',
  },
  {
    method: 'get',
    path: '/projects/:id/revisions',
    access: read,
    summary: 'A project’s revisions',
    status: 200,
    answers: '{ revisions }',
  },
  {
    method: 'get',
    path: '/revisions/:id',
    access: read,
    summary: 'One revision and its timeline',
    status: 200,
    answers: '{ revision }',
  },
  {
    method: 'post',
    path: '/analysis/scenes',
    access: write,
    summary: 'Split a script into scenes',
    status: 200,
    answers: '{ scenes, … }',
  },
  // Renders
  {
    method: 'post',
    path: '/projects/:id/renders',
    access: 'renders:write',
    summary: 'Render a revision (queued)',
    body: createRenderSchema,
    status: 202,
    answers: '{ render, created, reused }',
  },
  {
    method: 'get',
    path: '/projects/:id/renders',
    access: read,
    summary: 'A project’s renders, newest first',
    query: renderPageSchema,
    status: 200,
    answers: '{ renders, next }',
  },
  {
    method: 'get',
    path: '/renders/:id',
    access: read,
    summary: 'A render’s status and output',
    status: 200,
    answers: '{ render }',
  },
  {
    method: 'delete',
    path: '/renders/:id',
    access: 'renders:write',
    summary: 'Cancel a render',
    status: 200,
    answers: '{ render }',
  },
  {
    method: 'post',
    path: '/renders/:id/retry',
    access: 'renders:write',
    summary: 'Retry a failed render',
    status: 202,
    answers: '{ render }',
  },
  {
    method: 'get',
    path: RENDER_FILE,
    docPath: '/renders/{id}/{file}',
    access: read,
    summary: 'A render’s file (video.mp4, poster, captions, thumbnails), with Range',
    status: 200,
    answers: 'the file',
    produces: 'application/octet-stream',
  },
  // Comments and notifications
  {
    method: 'post',
    path: '/projects/:id/comments',
    access: write,
    summary: 'Comment on a scene or a render time',
    body: createCommentSchema,
    status: 201,
    answers: '{ comment }',
  },
  {
    method: 'get',
    path: '/projects/:id/comments',
    access: read,
    summary: 'A project’s comments',
    status: 200,
    answers: '{ comments }',
  },
  {
    method: 'patch',
    path: '/comments/:id',
    access: write,
    summary: 'Edit or resolve a comment',
    body: updateCommentSchema,
    status: 200,
    answers: '{ comment }',
  },
  {
    method: 'delete',
    path: '/comments/:id',
    access: write,
    summary: 'Delete a comment',
    status: 204,
    answers: 'nothing',
  },
  {
    method: 'get',
    path: '/notifications',
    access: 'session',
    summary: 'Your notifications',
    status: 200,
    answers: '{ notifications, unread }',
  },
  {
    method: 'post',
    path: '/notifications/read',
    access: 'session',
    summary: 'Mark notifications read',
    body: markReadSchema,
    status: 200,
    answers: '{ unread }',
  },
  {
    method: 'get',
    path: '/notifications/stream',
    access: 'session',
    summary: 'Live notifications (server-sent events)',
    status: 200,
    answers: 'an event stream',
    produces: 'text/event-stream',
  },
  // Music, soundtracks and voices
  {
    method: 'put',
    path: '/projects/:id/music',
    access: write,
    summary: 'Upload the project’s music bed (the raw audio file as the body)',
    status: 200,
    answers: '{ music }',
    consumes: 'application/octet-stream',
  },
  {
    method: 'delete',
    path: '/projects/:id/music',
    access: write,
    summary: 'Remove the music bed',
    status: 204,
    answers: 'nothing',
  },
  {
    method: 'get',
    path: PROJECT_MUSIC_FILE,
    docPath: '/projects/{id}/music/{hash}.flac',
    access: read,
    summary: 'The music bed’s file, with Range',
    status: 200,
    answers: 'FLAC audio',
    produces: 'audio/flac',
  },
  {
    method: 'post',
    path: '/projects/:id/music/generate',
    access: write,
    summary: 'Compose a soundtrack on a render node',
    body: soundtrackRequestSchema,
    status: 202,
    answers: '{ key, status }',
  },
  {
    method: 'get',
    path: SOUNDTRACK,
    docPath: '/music/{key}',
    access: read,
    summary: 'A generated soundtrack’s progress',
    status: 200,
    answers: '{ key, status, … }',
  },
  {
    method: 'get',
    path: SOUNDTRACK_AUDIO,
    docPath: '/music/{key}/audio.flac',
    access: read,
    summary: 'A generated soundtrack’s audio, with Range',
    status: 200,
    answers: 'FLAC audio',
    produces: 'audio/flac',
  },
  {
    method: 'post',
    path: '/projects/:id/voice-samples',
    access: write,
    summary: 'Speak a voice sample on a render node',
    body: voiceSampleRequestSchema,
    status: 200,
    answers: '{ key, status, url }',
  },
  {
    method: 'get',
    path: VOICE_SAMPLE_FILE,
    docPath: '/voice-samples/{key}.wav',
    access: read,
    summary: 'A voice sample’s audio',
    status: 200,
    answers: 'WAV audio',
    produces: 'audio/wav',
  },
  // Regenerate and variants, asset records, estimates before render (issue 14, ADR 0041)
  {
    method: 'post',
    path: '/projects/:id/scenes/:sceneId/images',
    access: write,
    summary: 'Regenerate a scene’s picture or make variants (image-only jobs on a render node)',
    body: sceneImagesRequestSchema,
    status: 202,
    answers: '{ variants: [{ seed, status, … }] }',
  },
  {
    method: 'get',
    path: '/projects/:id/scenes/:sceneId/images',
    access: read,
    summary: 'A scene’s variants with their records and status',
    status: 200,
    answers: '{ variants }',
  },
  {
    method: 'post',
    path: '/projects/:id/renders/estimate',
    access: read,
    summary: 'Per scene: cached or not, estimated seconds per stage and totals, before rendering',
    body: renderEstimateSchema,
    status: 200,
    answers: '{ scenes, totals }',
  },
  {
    method: 'get',
    path: ASSET_PICTURE,
    docPath: '/assets/{hash}.png',
    access: read,
    summary: 'A generated picture',
    status: 200,
    answers: 'PNG image',
    produces: 'image/png',
  },
  {
    method: 'get',
    path: '/assets/:hash',
    access: read,
    summary: 'How a generated asset was made (its record)',
    status: 200,
    answers: 'GeneratedAssetRecord',
  },
  // Preview links
  {
    method: 'post',
    path: '/projects/:id/share-links',
    access: 'share:write',
    summary: 'Create a preview link (its token is answered once)',
    body: createShareLinkSchema,
    status: 201,
    answers: '{ id, token, url, … }',
  },
  {
    method: 'get',
    path: '/projects/:id/share-links',
    access: read,
    summary: 'A project’s preview links',
    status: 200,
    answers: '{ links }',
  },
  {
    method: 'delete',
    path: '/share-links/:id',
    access: 'share:write',
    summary: 'Revoke a preview link',
    status: 204,
    answers: 'nothing',
  },
  {
    method: 'get',
    path: '/shared/:token',
    access: 'public',
    summary: 'A project through a preview link',
    status: 200,
    answers: '{ project, timeline, render, … }',
  },
  {
    method: 'post',
    path: '/shared/:token/collab-token',
    access: 'public',
    summary: 'A read-only collaboration token through a preview link',
    status: 200,
    answers: '{ token, url, document, role, expiresAt }',
  },
  {
    method: 'get',
    path: '/shared/:token/comments',
    access: 'public',
    summary: 'Comments through a link that allows them',
    status: 200,
    answers: '{ comments }',
  },
  {
    method: 'post',
    path: '/shared/:token/comments',
    access: 'public',
    summary: 'Comment through a link that allows it',
    body: guestCommentSchema,
    status: 201,
    answers: '{ comment }',
  },
  {
    method: 'get',
    path: SHARED_RENDER_FILE,
    docPath: '/shared/{token}/renders/{id}/{file}',
    access: 'public',
    summary: 'A render’s file through a preview link, with Range',
    status: 200,
    answers: 'the file',
    produces: 'application/octet-stream',
  },
  // This API's own description
  {
    method: 'get',
    path: '/openapi.json',
    access: 'public',
    summary: 'This document (OpenAPI 3.1)',
    status: 200,
    answers: 'the OpenAPI document',
  },
  // Webhooks (owners) and usage (issue 16, ADR 0043)
  {
    method: 'post',
    path: '/projects/:id/webhooks',
    access: write,
    summary: 'Add a signed webhook to a project (owner); its secret is answered once',
    body: createWebhookSchema,
    status: 201,
    answers: '{ id, url, events, secret }',
  },
  {
    method: 'get',
    path: '/projects/:id/webhooks',
    access: write,
    summary: 'A project’s webhooks (owner; never their secrets)',
    status: 200,
    answers: '{ webhooks }',
  },
  {
    method: 'patch',
    path: '/webhooks/:id',
    access: write,
    summary: 'Change a webhook’s URL, events or secret, or enable it again',
    body: updateWebhookSchema,
    status: 200,
    answers: '{ webhook }',
  },
  {
    method: 'delete',
    path: '/webhooks/:id',
    access: write,
    summary: 'Delete a webhook and its delivery log',
    status: 204,
    answers: 'nothing',
  },
  {
    method: 'get',
    path: '/webhooks/:id/deliveries',
    access: write,
    summary: 'A webhook’s delivery log: status, duration, answer excerpt, attempt',
    status: 200,
    answers: '{ deliveries }',
  },
  {
    method: 'post',
    path: '/webhooks/:id/deliveries/:deliveryId/redeliver',
    access: write,
    summary: 'Send a delivery again (same delivery id)',
    status: 202,
    answers: '{ delivery }',
  },
  {
    method: 'get',
    path: '/me/usage',
    access: read,
    summary: 'Render minutes this month and storage per project: used, limit, reset date',
    status: 200,
    answers: '{ renderMinutes, storage }',
  },
  // Render nodes (issue 14, ADR 0040)
  {
    method: 'get',
    path: '/render-nodes',
    access: read,
    summary: 'The live render nodes: engines, models, execution provider, measured speeds (ETag)',
    status: 200,
    answers: '{ nodes, imageModels, voices }',
  },
];

/** A route's identity for lookups: `GET /projects/:id`, `GET /^\/renders…$/`. */
export const routeKey = (method: string, path: string | RegExp) =>
  `${method.toUpperCase()} ${String(path)}`;

const BY_KEY = new Map(API_ROUTES.map((route) => [routeKey(route.method, route.path), route]));

/** The table's row for a route the router registers; a route missing from the table is a bug. */
export function apiRoute(method: HttpMethod, path: string | RegExp): ApiRoute {
  const route = BY_KEY.get(routeKey(method, path));
  if (!route)
    throw new Error(
      `${routeKey(method, path)} is not in API_ROUTES (server/api/routes.ts): add its row (access, schemas, summary)`,
    );
  return route;
}

/** The path as people and the OpenAPI document write it: `/projects/{id}`. */
export const documentedPath = (route: ApiRoute) =>
  route.docPath ?? String(route.path).replace(/:([A-Za-z]+)/g, '{$1}');

/** The names of a route's path parameters, in order. */
export const pathParameters = (route: ApiRoute) =>
  [...documentedPath(route).matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]!);
