import { z } from 'zod';

/** Hints the UI shows until a person dismisses them for good. */
export const HINT_IDS = ['editor-start'] as const;
export type HintId = (typeof HINT_IDS)[number];

export const isHintId = (id: string): id is HintId => (HINT_IDS as readonly string[]).includes(id);

/** `POST /api/v1/me/hints`: dismiss one hint for good (an unknown one is refused by name). */
export const dismissHintSchema = z.object({
  hint: z
    .string()
    .max(64, 'Hint ids are at most 64 characters')
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Hint ids are lower-case words joined by hyphens'),
});
