import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiResultOf } from './api.ts';

test('an answer of the API as a result: data, 204 without a body, or the error with its key', () => {
  assert.deepEqual(apiResultOf(200, 'OK', { music: null }), {
    ok: true,
    status: 200,
    data: { music: null },
  });
  assert.deepEqual(apiResultOf(204, 'No Content', null), { ok: true, status: 204, data: null });
  const refused = apiResultOf(422, 'Unprocessable Entity', {
    error: {
      code: 'VALIDATION_FAILED',
      key: 'errors.api.notPlayableAudio',
      message: 'This file is not playable audio',
      details: { fields: { file: 'This file is not playable audio' } },
    },
  });
  assert.deepEqual(refused, {
    ok: false,
    error: {
      code: 'VALIDATION_FAILED',
      status: 422,
      message: 'This file is not playable audio',
      key: 'errors.api.notPlayableAudio',
      params: {},
      details: { fields: { file: 'This file is not playable audio' } },
    },
  });
  const unreadable = apiResultOf(200, 'OK', null);
  assert.equal(unreadable.ok, false, 'a 200 without a readable body is not a success');
  assert.equal(!unreadable.ok && unreadable.error.code, 'HTTP_200');
  const proxy = apiResultOf(502, 'Bad Gateway', null);
  assert.deepEqual(!proxy.ok && [proxy.error.code, proxy.error.message], [
    'HTTP_502',
    'Bad Gateway',
  ]);
});
