import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMentions, mentionQueryAt } from './mentions.ts';

const members = [
  { userId: 'a', name: 'Ann' },
  { userId: 'b', name: 'Anna Lee' },
  { userId: 'c', name: 'Bob' },
];

test('finds members by name, longest name first, ignoring case', () => {
  assert.deepEqual(findMentions('@anna lee look, and @Bob too', members), ['b', 'c']);
  assert.deepEqual(findMentions('@Ann, see this', members), ['a']);
});

test('a name must end at a word boundary and the @ must start a word', () => {
  assert.deepEqual(findMentions('@Annabel and mail@Bob', members), []);
  assert.deepEqual(findMentions('no mention here', members), []);
});

test('the same person mentioned twice is listed once', () => {
  assert.deepEqual(findMentions('@Bob @bob', members), ['c']);
});

test('the query being typed before the caret', () => {
  assert.deepEqual(mentionQueryAt('hi @An', 6), { start: 3, query: 'An' });
  assert.equal(mentionQueryAt('mail@x', 6), null);
  assert.equal(mentionQueryAt('hi there', 8), null);
});
