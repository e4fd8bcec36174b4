/**
 * Every top-level sentence an API error carries, under the key the UI
 * translates (app/i18n holds the same keys in each language; ADR 0020). The
 * server sends `{ code, key, params, message }`: `message` is this English
 * template filled with `params`, for API clients and logs; the UI words the
 * key in the user's language and never looks an English sentence up.
 *
 * A translation may use fewer placeholders than the English (a French
 * sentence need not repeat a header's raw value); it never needs more.
 */
export const API_MESSAGES = {
  'errors.api.signInRequired': 'Sign in to continue',
  'errors.api.tryAgainShortly': 'Try again shortly',
  'errors.api.collabTokenInvalid': 'The collaboration token is missing, invalid or expired',
  'errors.api.collabTokenOtherProject': 'The collaboration token is for another project',
  'errors.api.collabPathUnknown': 'No project document at this address',
  'errors.api.internal': 'Something went wrong on our side',
  'errors.api.invalidFields': 'Some fields are invalid',
  'errors.api.invalidCredentials': 'Email or password is incorrect',
  'errors.api.emailTaken': 'An account with this email already exists',
  'errors.api.tooManyAttempts': 'Too many attempts; try again in {retryAfterSec} s',

  'errors.api.noApiRoute': 'No API route {method} {path}',
  'errors.api.badRequest': '{reason}',
  'errors.api.malformedJson': 'Request body is not valid JSON',
  'errors.api.bodyTooLarge': 'Request body is too large',
  'errors.api.lengthRequired': 'Send the request body with a Content-Length',
  'errors.api.urlEncoding': 'The URL {where} is not valid percent-encoding',
  'errors.api.urlUnsafe': 'The URL {where} {detail}',
  'errors.api.crossSite.fetchSite':
    "Cross-site request refused: the browser reports it comes from another site (Sec-Fetch-Site: {fetchSite}); changes can only be made from Montage's own pages",
  'errors.api.crossSite.foreignOrigin':
    'Cross-site request refused: it comes from {origin}, not from {own}',
  'errors.api.crossSite.hostMismatch':
    'Cross-site request refused: it comes from {origin} but is addressed to {host}; a reverse proxy must pass the Host header on (or X-Forwarded-Host)',
  'errors.api.crossSite.noSource':
    'Request refused: a request signed in with the session cookie must say where it comes from (Origin or Sec-Fetch-Site); use a current browser, or an API token',
  'errors.api.metricsTokenInvalid': 'This metrics token is not valid',
  'errors.api.metricsTokenRequired':
    'Metrics need the operators’ token (Authorization: Bearer <METRICS_TOKEN>), or a caller on the server itself when none is set',

  'errors.api.projectNotFound': 'Project not found',
  'errors.api.roleForbidden': 'Your role ({role}) does not allow this action',
  'errors.api.memberNotFound': 'This user is not a member of the project',
  'errors.api.lastOwner': 'A project needs at least one owner',
  'errors.api.unknownSample': 'There is no sample project “{id}”',
  'errors.api.unknownTemplate': 'There is no project template “{id}”',
  'errors.api.unknownHint': 'There is no hint “{id}”',
  'errors.api.documentUnavailable':
    'The project document could not be loaded; it was left untouched',

  'errors.api.invitationNotFound': 'Invitation not found',
  'errors.api.invitation.expired': 'This invitation has expired; ask for a new one',
  'errors.api.invitation.revoked': 'This invitation was withdrawn',
  'errors.api.invitation.accepted': 'This invitation has already been used',
  'errors.api.invitation.declined': 'This invitation was declined',
  'errors.api.invitation.inviterLeft': 'This invitation is no longer valid',
  'errors.api.alreadyMember': 'You are already a member of this project',
  'errors.api.personAlreadyMember': 'This person is already a member of the project',

  'errors.api.fileTooLarge': 'The file is larger than {limit}',
  'errors.api.uploadCutOff': 'The upload was cut off',
  'errors.api.fileEmpty': 'The file is empty',
  'errors.api.unsupportedAudio': 'The file is not an audio file Montage accepts ({formats})',
  'errors.api.unsupportedImage': 'The file is not a picture Montage accepts (PNG, JPEG, WebP)',
  'errors.api.notPlayableAudio': 'This file is not playable audio',
  'errors.api.musicTooLong': 'The music is longer than {minutes} minutes',
  'errors.api.musicNotFound': 'This project has no such music',

  'errors.api.scriptTooLarge': 'The script is larger than the 1 MB limit',
  'errors.api.scriptUnsafe': 'The script {detail}',
  'errors.api.scriptNotText': 'text must be a string',
  'errors.api.scriptEmpty': 'text is empty: paste or upload a script',
  'errors.api.scriptNoWords': 'text contains no words: there is nothing to turn into scenes',
  'errors.api.scriptTooLong': 'text is too long ({length} characters, at most {max})',
  'errors.api.analysisOption': '{reason}',

  'errors.api.revisionNotFound': 'Revision not found',
  'errors.api.revisionNotInProject': 'Revision not found in this project',
  'errors.api.notRenderable': 'The project cannot be rendered yet',
  'errors.api.overLimits': 'The project is over the limits of this server',
  'errors.api.renderNotFound': 'Render not found',
  'errors.api.quotaExceeded':
    'This render would exceed your render minutes for the month: {used} of {limit} minutes used, this render needs {requested}; the count starts again on {resetAt}',
  'errors.api.storageQuotaExceeded':
    'This project’s media fills its storage quota: {used} of {limit} bytes used',
  'errors.api.webhookNotFound': 'Webhook not found',
  'errors.api.webhookDeliveryNotFound': 'Delivery not found',
  'errors.api.destinationInvalid': 'The address is not a valid URL',
  'errors.api.destinationScheme': 'Only http and https addresses are allowed, not {scheme}',
  'errors.api.destinationCredentials': 'The address may not contain a user name or password',
  'errors.api.destinationPrivate':
    'The address {address} is private, loopback, link-local or otherwise special-purpose; Montage does not send to it',
  'errors.api.destinationUnresolved': 'The host {host} could not be resolved',
  'errors.api.renderNoOutput': 'This render has no output yet',
  'errors.api.noSuchRenderFile': 'No such file in this render',
  'errors.api.fileMissing': 'The file is missing from the media store',
  'errors.api.renderAlreadyEnded': 'This render is already {status}',
  'errors.api.retryOnlyEnded':
    'Only failed or cancelled renders can be retried (this one is {status})',
  'errors.api.renderAlreadyRunning':
    'Another render of this revision and preset is already running',
  'errors.api.cannotRetryNow': 'This render cannot be retried now',
  'errors.api.voiceSampleUnavailable': 'No render node could speak the sample',
  'errors.api.voiceSampleNotFound': 'No such voice sample',
  // Scene images, asset records and estimates (issue 14, ADR 0041)
  'errors.api.sceneNotFound': 'No such scene in this project',
  'errors.api.assetNotFound': 'No such generated asset',
  'errors.api.estimateUnavailable': 'No render node could estimate the render',
  // Generated soundtracks (issue 18)
  'errors.api.soundtrackNotFound': 'No such generated soundtrack',
  'errors.api.liveLimit.user':
    'You already have {live} renders queued or running, the limit per person ({limit}); wait for one to finish or cancel one',
  'errors.api.liveLimit.project':
    'This project already has {live} renders queued or running, the limit per project ({limit}); wait for one to finish or cancel one',

  // Preview links (issue 13, server/share-links)
  'errors.api.shareLinkNotFound': 'This link does not exist',
  'errors.api.shareLink.expired': 'This link has expired',
  'errors.api.shareLink.revoked': 'This link was revoked',
  'errors.api.shareLinkNoComments': 'This link does not allow comments',
  // Personal API tokens and the API rate limit (issue 16, ADR 0042).
  'errors.api.tokenScopeMissing':
    'This API token lacks the scope {scope} that {method} {route} needs',
  'errors.api.tokenNeedsSession':
    'API tokens cannot call {method} {route}: sign in in a browser to manage tokens and sessions',
  'errors.api.apiTokenNotFound': 'API token not found',
  'errors.api.apiRateLimited':
    'Too many API requests: {limit} per {windowSec} s; try again in {retryAfterSec} s',
  'errors.api.shareLinkRenderNotFinished':
    'The chosen render is not a finished render of this project',
  // Review comments and notifications (issue 13).
  'errors.api.commentNotFound': 'Comment not found',
  'errors.api.commentSceneNotFound': 'No such scene in this project',
  'errors.api.commentParentNotFound': 'The comment you reply to is not in this project',
  'errors.api.commentRenderNotFound': 'This render is not in this project',
  'errors.api.commentNotAuthor': 'Only its author can edit a comment',
  'errors.api.commentDeleteForbidden': 'Only its author or a project owner can delete a comment',
} as const satisfies Record<`errors.api.${string}`, string>;

export type ApiMessageKey = keyof typeof API_MESSAGES;
export type MessageParams = Record<string, string | number>;

/** A message by key with the values its placeholders take. */
export interface ApiMessage {
  key: ApiMessageKey;
  params: MessageParams;
}

export const apiMessage = (key: ApiMessageKey, params: MessageParams = {}): ApiMessage => ({
  key,
  params,
});

/** `{name}` placeholders filled from `params`; an unknown name stays as written (pure). */
export function fillPlaceholders(template: string, params?: MessageParams): string {
  return params
    ? template.replace(/\{(\w+)\}/g, (match, name: string) =>
        Object.hasOwn(params, name) ? String(params[name]) : match,
      )
    : template;
}

/** The English sentence of a message (what API clients read in `error.message`). */
export const englishMessage = ({ key, params }: ApiMessage) =>
  fillPlaceholders(API_MESSAGES[key], params);

/** `key` and `params` of an API error body as received (untrusted JSON), or null. */
export function readApiMessage(error: unknown): { key: string; params: MessageParams } | null {
  const { key, params } = (error ?? {}) as { key?: unknown; params?: unknown };
  if (typeof key !== 'string') return null;
  const values: MessageParams = {};
  if (params && typeof params === 'object') {
    for (const [name, value] of Object.entries(params)) {
      if (typeof value === 'string' || typeof value === 'number') values[name] = value;
    }
  }
  return { key, params: values };
}
