import { createHash, randomBytes } from 'node:crypto';

/**
 * A bearer secret handed to a client once (a session token, an invitation
 * link): 32 random bytes. Only its hash is stored, so a copy of the database
 * holds nothing a client could present.
 */
export const newSecretToken = () => randomBytes(32).toString('base64url');

export const hashSecretToken = (token: string) => createHash('sha256').update(token).digest('hex');
