/** A member's role in a project; the database stores the same three words. */
export type Role = 'owner' | 'editor' | 'viewer';
export const ROLES: readonly Role[] = ['owner', 'editor', 'viewer'];

/** What each action needs. Every route asks `requireRole(role, action)`; nothing else decides. */
export const ACTION_MIN_ROLE = {
  view: 'viewer',
  edit: 'editor',
  duplicate: 'editor',
  rename: 'editor',
  manageMembers: 'owner',
  manageWebhooks: 'owner',
  delete: 'owner',
} as const satisfies Record<string, Role>;

export type ProjectAction = keyof typeof ACTION_MIN_ROLE;

const RANK: Record<Role, number> = { viewer: 1, editor: 2, owner: 3 };

export function can(role: Role | null | undefined, action: ProjectAction): boolean {
  return !!role && RANK[role] >= RANK[ACTION_MIN_ROLE[action]];
}

export const isReadOnlyRole = (role: Role) => !can(role, 'edit');
