import type { Extension, onAuthenticatePayload, onTokenSyncPayload } from '@hocuspocus/server';
import { isReadOnlyRole, type Role } from '../../shared/api/roles.ts';
import { CollabTokenError, verifyCollabToken, type CollabClaims } from './tokens.ts';

/** What a collab connection knows about its user; Hocuspocus keeps it as `context`. */
export interface CollabContext {
  userId: string;
  /** Display name from the token; the server writes it into this user's presence. */
  name: string;
  sessionId: string;
  role: Role;
  /** Token expiry, seconds since the epoch; refreshed by onTokenSync. */
  exp: number;
  /** A preview link's connection (read-only, no presence); closed when the link is revoked. */
  shareLinkId?: string;
}

export interface AuthDependencies {
  secret: string;
  roleOf(userId: string, projectId: string): Promise<Role | null>;
  isSessionLive(sessionId: string): Promise<boolean>;
  /** Whether a preview link still opens the document (not revoked, not expired). */
  isShareLinkLive(linkId: string, documentName: string): Promise<boolean>;
  /**
   * Connection throttling: a refusal counts against the client's address, an
   * admission against the person (or preview link); `admitted` rejects (429)
   * when that person opened too many connections lately.
   */
  throttle?: {
    refused(request: onAuthenticatePayload<CollabContext>['request']): Promise<void>;
    admitted(claims: CollabClaims): Promise<void>;
  };
}

/** Thrown to refuse a connection; Hocuspocus sends the reason to the provider. */
export class CollabAuthError extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}

/**
 * Authenticates collab connections with the signed token the web app issues.
 * The role is read from the database at connect time, not trusted from the
 * token: a role removed a second ago is already gone. Viewers get a
 * read-only connection, enforced by the server.
 */
export function authExtension(deps: AuthDependencies): Extension {
  async function check(token: string, documentName: string) {
    let claims;
    try {
      claims = verifyCollabToken(deps.secret, token);
    } catch (err) {
      throw new CollabAuthError(
        err instanceof CollabTokenError ? `token-${err.reason}` : 'token-invalid',
      );
    }
    if (claims.document !== documentName) throw new CollabAuthError('token-wrong-document');
    if (claims.shareLinkId !== undefined) {
      // A link holder has no account: the link itself is the access, read-only.
      if (!(await deps.isShareLinkLive(claims.shareLinkId, documentName)))
        throw new CollabAuthError('share-link-ended');
      return { claims, role: 'viewer' as const };
    }
    const [role, live] = await Promise.all([
      deps.roleOf(claims.userId, documentName),
      deps.isSessionLive(claims.sessionId),
    ]);
    if (!live) throw new CollabAuthError('session-revoked');
    if (!role) throw new CollabAuthError('not-a-member');
    return { claims, role };
  }

  return {
    extensionName: 'montage-auth',
    async onAuthenticate(data: onAuthenticatePayload<CollabContext>) {
      let checked;
      try {
        checked = await check(data.token, data.documentName);
      } catch (err) {
        await deps.throttle?.refused(data.request);
        throw err;
      }
      const { claims, role } = checked;
      try {
        await deps.throttle?.admitted(claims);
      } catch {
        throw new CollabAuthError('too-many-connections');
      }
      data.connectionConfig.readOnly = isReadOnlyRole(role);
      const context: CollabContext = {
        userId: claims.userId,
        name: claims.name,
        sessionId: claims.sessionId,
        role,
        exp: claims.exp,
        ...(claims.shareLinkId ? { shareLinkId: claims.shareLinkId } : {}),
      };
      return context;
    },
    /** The provider sends a fresh token before the old one expires; the socket stays open. */
    async onTokenSync(data: onTokenSyncPayload<CollabContext>) {
      const { claims, role } = await check(data.token, data.documentName);
      if (
        claims.userId !== data.connection.context.userId ||
        claims.shareLinkId !== data.connection.context.shareLinkId
      )
        throw new CollabAuthError('token-wrong-user');
      data.connection.context.exp = claims.exp;
      data.connection.context.name = claims.name;
      data.connection.context.role = role;
      data.connection.readOnly = isReadOnlyRole(role);
      return { exp: claims.exp, role };
    },
  };
}
