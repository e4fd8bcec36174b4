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
/** A starter's id: short, lower-case words (an unknown one is refused by name, never echoed raw). */
const starterId = z
  .string()
  .max(64, 'Starter ids are at most 64 characters')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Starter ids are lower-case words joined by hyphens');
/**
 * A project started from a sample (its own title and language; `title`
 * overrides the title) or a template (placeholder scenes in `language`).
 */
export const createFromStarterSchema = z.object({
  title: titleSchema.optional(),
  language: z.enum(LANGUAGES).optional(),
  from: z.union([
    z.object({ sample: starterId }).strict(),
    z.object({ template: starterId }).strict(),
  ]),
});
export type CreateFromStarter = z.infer<typeof createFromStarterSchema>;
export const renameProjectSchema = z.object({ title: titleSchema });
export const roleField = z.enum(ROLES as [Role, ...Role[]]);
export const memberRoleSchema = z.object({ role: roleField });
