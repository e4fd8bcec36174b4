import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from './config.ts';

const base = { REDIS_URL: 'redis://127.0.0.1:6379', MONTAGE_SECRET: 'x'.repeat(32) };
const load = (env: Record<string, string> = {}) =>
  loadConfig({ ...base, ...env } as unknown as NodeJS.ProcessEnv);

/** Each `[name, value]` stops start-up with a ConfigError naming the variable. */
function assertRefusedByName(cases: readonly (readonly [string, string])[]) {
  for (const [name, bad] of cases) {
    assert.throws(
      () => load({ [name]: bad }),
      (err: Error) => err instanceof ConfigError && err.message.includes(name),
      `${name}=${bad}`,
    );
  }
}

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

test('collab socket and presence limits have defaults and are refused by name when bad', () => {
  const config = load();
  assert.equal(config.collabAuthTimeoutMs, 5000);
  assert.deepEqual(config.presence, { maxEntryBytes: 16384, maxPerDocument: 200 });
  assertRefusedByName([
    ['COLLAB_AUTH_TIMEOUT_MS', '0'],
    ['COLLAB_PRESENCE_BYTES', 'lots'],
    ['COLLAB_PRESENCE_PER_DOCUMENT', '0'],
  ]);
});

test('invitations: 7 days and 20 an hour by default; bad values refused by name', () => {
  assert.equal(load().invitationTtlDays, 7);
  assert.deepEqual(load().invitationLimit, { points: 20, durationSec: 3600 });
  assert.deepEqual(load({ INVITATIONS_PER_HOUR: '3' }).invitationLimit, {
    points: 3,
    durationSec: 3600,
  });
  assert.equal(load({ INVITATION_TTL_DAYS: '30' }).invitationTtlDays, 30);
  assertRefusedByName([
    ['INVITATION_TTL_DAYS', '0'],
    ['INVITATION_TTL_DAYS', '1.5'],
    ['INVITATIONS_PER_HOUR', '0'],
    ['INVITATIONS_PER_HOUR', 'many'],
  ]);
});

test('METRICS_TOKEN: unset by default (loopback only); a short one stops start-up by name', () => {
  assert.equal(load().metricsToken, undefined);
  assert.equal(load({ METRICS_TOKEN: 'a'.repeat(16) }).metricsToken, 'a'.repeat(16));
  assert.throws(
    () => load({ METRICS_TOKEN: 'short' }),
    (err: Error) => err instanceof ConfigError && /METRICS_TOKEN/.test(err.message),
  );
});

test('live-render limits: 3 per person and 5 per project by default, configurable, positive integers', () => {
  assert.deepEqual(load().liveRenderLimits, { perUser: 3, perProject: 5 });
  assert.deepEqual(
    load({ MAX_LIVE_RENDERS_PER_USER: '1', MAX_LIVE_RENDERS_PER_PROJECT: '12' }).liveRenderLimits,
    { perUser: 1, perProject: 12 },
  );
  assertRefusedByName([
    ['MAX_LIVE_RENDERS_PER_USER', '0'],
    ['MAX_LIVE_RENDERS_PER_PROJECT', '2.5'],
    ['MAX_LIVE_RENDERS_PER_USER', 'many'],
  ]);
});
