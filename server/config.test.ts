import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from './config.ts';

const base = { REDIS_URL: 'redis://127.0.0.1:6379', MONTAGE_SECRET: 'x'.repeat(32) };
const load = (env: Record<string, string> = {}) =>
  loadConfig({ ...base, ...env } as unknown as NodeJS.ProcessEnv);

test('trusted proxies: none by default, one with TRUST_PROXY, n with TRUST_PROXY_HOPS', () => {
  assert.equal(load().trustProxy, 0);
  assert.equal(load({ TRUST_PROXY: 'true' }).trustProxy, 1);
  assert.equal(load({ TRUST_PROXY_HOPS: '2' }).trustProxy, 2);
  assert.throws(() => load({ TRUST_PROXY_HOPS: '0' }), ConfigError);
});

test('auth limits read "attempts/seconds", with defaults, and refuse anything else by name', () => {
  assert.deepEqual(load().authLimits, {
    signInByAddress: { points: 30, durationSec: 60 },
    signInByAccount: { points: 10, durationSec: 900 },
    signUpByAddress: { points: 20, durationSec: 3600 },
  });
  const custom = load({ AUTH_LIMIT_SIGN_IN_BY_ACCOUNT: '5/300' });
  assert.deepEqual(custom.authLimits.signInByAccount, { points: 5, durationSec: 300 });
  for (const bad of ['5', '0/60', '5/0', 'five/60', '5/60s']) {
    assert.throws(
      () => load({ AUTH_LIMIT_SIGN_UP_BY_ADDRESS: bad }),
      (err: Error) =>
        err instanceof ConfigError && /AUTH_LIMIT_SIGN_UP_BY_ADDRESS/.test(err.message),
      bad,
    );
  }
});

test('live-render limits: 3 per person and 5 per project by default, configurable, positive integers', () => {
  assert.deepEqual(load().liveRenderLimits, { perUser: 3, perProject: 5 });
  assert.deepEqual(
    load({ MAX_LIVE_RENDERS_PER_USER: '1', MAX_LIVE_RENDERS_PER_PROJECT: '12' }).liveRenderLimits,
    { perUser: 1, perProject: 12 },
  );
  for (const [name, bad] of [
    ['MAX_LIVE_RENDERS_PER_USER', '0'],
    ['MAX_LIVE_RENDERS_PER_PROJECT', '2.5'],
    ['MAX_LIVE_RENDERS_PER_USER', 'many'],
  ] as const) {
    assert.throws(
      () => load({ [name]: bad }),
      (err: Error) => err instanceof ConfigError && err.message.includes(name),
      `${name}=${bad}`,
    );
  }
});
