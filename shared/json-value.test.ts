import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseJsonValue } from './json-value.ts';

test('parseJsonValue parses JSON text', () => {
  assert.deepEqual(parseJsonValue('{"a":[1,2]}'), { a: [1, 2] });
});

test('parseJsonValue returns an already parsed value as is', () => {
  const value = { a: [1, 2] };
  assert.equal(parseJsonValue(value), value);
  assert.equal(parseJsonValue(null), null);
});
