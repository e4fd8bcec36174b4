import { z } from 'zod';
import { singleLineText } from '../text-safety.ts';
import { LANGUAGES } from '../timeline.ts';
import { MAX_TITLE } from './limits.ts';
import { ROLES, type Role } from './roles.ts';

/** A project as the projects list shows it, with the reader's role. */
export interface ProjectSummary {
  id: string;
  title: string;
  role: Role;
  ownerId: string;
  createdAt: string;
  updatedAt: string;
}

/** A member as the members dialog lists it. */
export interface ProjectMember {
  userId: string;
  name: string;
  email: string;
  role: Role;
  addedAt: string;
}

const titleSchema = singleLineText(
  z
    .string()
    .trim()
    .min(1, 'Enter a title')
    .max(MAX_TITLE, `Title is too long (${MAX_TITLE} characters at most)`),
);
export const createProjectSchema = z.object({
  title: titleSchema,
  language: z.enum(LANGUAGES).default('en'),
});
export const renameProjectSchema = z.object({ title: titleSchema });
export const roleField = z.enum(ROLES as [Role, ...Role[]]);
export const memberRoleSchema = z.object({ role: roleField });
