import { z } from 'zod';
import { emailField } from './accounts.ts';
import { roleField } from './projects.ts';
import type { Role } from './roles.ts';

export const inviteSchema = z.object({ email: emailField, role: roleField });

/** What the inviting side sees of an invitation. */
export interface SentInvitation {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
}

/** What the invited side sees: the project and who sent it. */
export interface ReceivedInvitation {
  id: string;
  project: { id: string; title: string };
  role: Role;
  invitedBy: { name: string };
  expiresAt: string;
}

/**
 * Why an invitation that is no longer pending is refused (410), and the
 * 404 for one that does not exist: the server's sentences, which the UI
 * translates (app/i18n).
 */
export const INVITATION_GONE_MESSAGES = {
  expired: 'This invitation has expired; ask for a new one',
  revoked: 'This invitation was withdrawn',
  accepted: 'This invitation has already been used',
  declined: 'This invitation was declined',
} as const;
export const INVITATION_NOT_FOUND_MESSAGE = 'Invitation not found';
