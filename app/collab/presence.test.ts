import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { peopleShown } from './presence.ts';

describe('people shown in the header', () => {
  const me = { id: 'u1', name: 'Nora Nomad', color: '#4f6bed' };
  const other = { id: 'u2', name: 'Ezra Stayhome', color: '#0f8b8d' };

  test('connected: everyone on the document, yourself included', () => {
    assert.deepEqual(peopleShown([me, other], me, true), [me, other]);
  });

  test('connected before your own presence arrived: yourself first', () => {
    assert.deepEqual(peopleShown([other], me, true), [me, other]);
    assert.deepEqual(peopleShown([], me, true), [me]);
  });

  test('offline: only yourself, whoever else was seen before', () => {
    assert.deepEqual(peopleShown([me, other], me, false), [me]);
    assert.deepEqual(peopleShown([], me, false), [me]);
  });
});
