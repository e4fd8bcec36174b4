import type { Role } from '../../shared/api/roles.ts';
import { can } from '../../shared/api/roles.ts';

/** What the UI may offer for a role; the server enforces the same rules on every call. */
export function allowedActions(role: Role) {
  return {
    edit: can(role, 'edit'),
    rename: can(role, 'rename'),
    duplicate: can(role, 'duplicate'),
    delete: can(role, 'delete'),
    manageMembers: can(role, 'manageMembers'),
    manageWebhooks: can(role, 'manageWebhooks'),
  };
}

export type AllowedActions = ReturnType<typeof allowedActions>;
