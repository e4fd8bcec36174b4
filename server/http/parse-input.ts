import type { z } from 'zod';
import { keyedIssueParams } from '../../shared/api/field-errors.ts';
import { nulPaths } from '../../shared/text-safety.ts';
import { ApiError, fieldDetails } from './errors.ts';

/**
 * Validates input against a schema; 422 naming the fields otherwise. Before
 * the schema, any string holding a NUL anywhere in the input is refused with
 * its path: PostgreSQL cannot store NUL, so a field a schema forgot must
 * still never turn into a 500.
 */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const withNul = nulPaths(input);
  if (withNul.length) {
    throw new ApiError(
      'VALIDATION_FAILED',
      'errors.api.invalidFields',
      fieldDetails(
        withNul.map((path) => ({
          code: 'custom',
          path,
          message: 'contains a control character (U+0000)',
          params: keyedIssueParams('errors.unsafe.nul', { codePoint: 'U+0000' }),
        })),
      ),
    );
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ApiError(
      'VALIDATION_FAILED',
      'errors.api.invalidFields',
      fieldDetails(result.error.issues),
    );
  }
  return result.data;
}
