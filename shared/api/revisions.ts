import { z } from 'zod';
import { singleLineText } from '../text-safety.ts';
import { MAX_MESSAGE } from './limits.ts';

/** A revision as the history lists it, without its timeline. */
export interface RevisionSummary {
  id: string;
  projectId: string;
  number: number;
  parentId: string | null;
  author: { id: string; name: string } | null;
  message: string;
  createdAt: string;
}

export const commitSchema = z.object({
  message: singleLineText(
    z.string().trim().max(MAX_MESSAGE, `Message is too long (${MAX_MESSAGE} characters at most)`),
  ).default(''),
});
