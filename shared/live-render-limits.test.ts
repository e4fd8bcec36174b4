import { test } from 'node:test';
import assert from 'node:assert/strict';
import { englishMessage } from './api/api-messages.ts';
import { liveRenderBreach, liveRenderBreachMessage } from './live-render-limits.ts';

const limits = { perUser: 3, perProject: 5 };

test('one more render fits while both counts are under their limits', () => {
  assert.equal(liveRenderBreach({ user: 2, project: 4 }, limits), null);
  assert.equal(liveRenderBreach({ user: 0, project: 0 }, limits), null);
});

test('the person’s limit is named first, then the project’s', () => {
  assert.deepEqual(liveRenderBreach({ user: 3, project: 5 }, limits), {
    scope: 'user',
    limit: 3,
    live: 3,
  });
  assert.deepEqual(liveRenderBreach({ user: 1, project: 5 }, limits), {
    scope: 'project',
    limit: 5,
    live: 5,
  });
});

test('the message names the limit and the live count', () => {
  assert.match(
    englishMessage(liveRenderBreachMessage({ scope: 'user', limit: 3, live: 3 })),
    /3 renders queued or running, the limit per person \(3\)/,
  );
  assert.match(
    englishMessage(liveRenderBreachMessage({ scope: 'project', limit: 5, live: 6 })),
    /6 renders .* the limit per project \(5\)/,
  );
});
