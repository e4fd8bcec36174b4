import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgePresence, type PresenceFacts } from './presence-rules.ts';

const limits = { maxEntryBytes: 100, maxPerDocument: 10, maxPerConnection: 4 };
const fresh: PresenceFacts = {
  holder: 'none',
  isObject: true,
  bytes: 50,
  heldByConnection: 0,
  documentEntries: 0,
  known: false,
};

test('a free client id is claimed; one the connection holds is simply admitted', () => {
  assert.deepEqual(judgePresence(fresh, limits), { admit: true, claim: true });
  assert.deepEqual(judgePresence({ ...fresh, holder: 'this', heldByConnection: 4 }, limits), {
    admit: true,
    claim: false,
  });
});

test('an id the same user holds elsewhere (a reconnecting tab) is taken over', () => {
  assert.deepEqual(judgePresence({ ...fresh, holder: 'same-user', known: true }, limits), {
    admit: true,
    claim: true,
  });
});

test('another user’s id, a malformed or oversized entry, a fifth id: refused with a strike', () => {
  const cases: [Partial<PresenceFacts>, string][] = [
    [{ holder: 'other-user', known: true }, 'not-yours'],
    [{ isObject: false }, 'malformed'],
    [{ bytes: 101 }, 'too-large'],
    [{ holder: 'this', bytes: 101 }, 'too-large'],
    [{ heldByConnection: 4 }, 'too-many-clients'],
  ];
  for (const [facts, reason] of cases)
    assert.deepEqual(judgePresence({ ...fresh, ...facts }, limits), {
      admit: false,
      reason,
      strike: true,
    });
});

test('a full document refuses new entries without a strike, and keeps updating known ones', () => {
  assert.deepEqual(judgePresence({ ...fresh, documentEntries: 10 }, limits), {
    admit: false,
    reason: 'document-full',
    strike: false,
  });
  assert.deepEqual(
    judgePresence({ ...fresh, holder: 'same-user', known: true, documentEntries: 10 }, limits),
    { admit: true, claim: true },
  );
});
