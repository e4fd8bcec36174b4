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
