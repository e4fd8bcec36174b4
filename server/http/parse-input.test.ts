import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { ApiError } from './errors.ts';
import { parseInput } from './parse-input.ts';

const schema = z.object({ title: z.string().min(1, 'Enter a title') });

test('parseInput returns the parsed value', () => {
  assert.deepEqual(parseInput(schema, { title: 'Intro', extra: 1 }), { title: 'Intro' });
});

test('parseInput refuses invalid fields with 422 naming them', () => {
  assert.throws(
    () => parseInput(schema, { title: '' }),
    (err: unknown) =>
      err instanceof ApiError &&
      err.code === 'VALIDATION_FAILED' &&
      JSON.stringify(err.details).includes('title'),
  );
});

test('parseInput refuses a NUL even in a field the schema does not name', () => {
  assert.throws(
    () => parseInput(schema, { title: 'ok', note: 'a\u0000b' }),
    (err: unknown) =>
      err instanceof ApiError &&
      err.code === 'VALIDATION_FAILED' &&
      JSON.stringify(err.details).includes('note'),
  );
});
