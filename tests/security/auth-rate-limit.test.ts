import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, WebServer } from '../support/web-server.ts';
import { postgresSchema } from '../support/postgres.ts';

/**
 * Issue 9, item 2: sign-in and sign-up are limited inside the accounts
 * domain, so every way of reaching them (the API, the Remix routes posted
 * with or without JavaScript, any spelling of their URL) spends the same
 * counts, per client address and per account, shared by every instance
 * through Redis, and a refusal is a 429 with Retry-After. The UI needs
 * `npx remix build` first.
 *
 * The servers trust one proxy (TRUST_PROXY), so each test picks its client
 * address as the proxy would: the right-most X-Forwarded-For entry.
 */
const LIMITS = {
  TRUST_PROXY: 'true',
  AUTH_LIMIT_SIGN_IN_BY_ADDRESS: '4/600',
  AUTH_LIMIT_SIGN_IN_BY_ACCOUNT: '5/900',
  AUTH_LIMIT_SIGN_UP_BY_ADDRESS: '4/600',
};
const PASSWORD = 'a sturdy passphrase';

/** How a client may spell a sign-in or sign-up: the API, or a Remix route with or without JS. */
interface Route {
  path: string;
  json?: boolean;
}
const SIGN_IN: Route[] = [
  { path: '/api/v1/auth/login', json: true },
  { path: '/login' },
  { path: '/login?redirectTo=%2Fprojects' }, // the form without JavaScript
  { path: '/login.data?redirectTo=%2Fprojects' }, // the form with JavaScript (single fetch)
  { path: '/%6cogin' },
  { path: '/logi%6e' },
  { path: '/%6Cogin.data' },
  { path: '/LOGIN' },
  { path: '/login/' },
];
const SIGN_UP: Route[] = [
  { path: '/api/v1/auth/signup', json: true },
  { path: '/signup' },
  { path: '/signup.data' },
  { path: '/%73ignup' },
  { path: '/%73ignup.data' },
  { path: '/SIGNUP' },
];

let addressCount = 0;
/** A client address no other attempt used. */
const freshAddress = () => `10.9.${Math.floor(++addressCount / 250)}.${addressCount % 250}`;
let emailCount = 0;
const freshEmail = (name = 'user') => `${name}-${Date.now()}-${emailCount++}@example.test`;

interface Answer {
  status: number;
  retryAfter: string | null;
  text: string;
}

/** Posts `fields` to `route` from `address`, as JSON or as a browser form. */
async function post(
  server: WebServer,
  route: Route,
  fields: Record<string, string>,
  address: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(`${server.url}${route.path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'x-forwarded-for': address,
      'content-type': route.json ? 'application/json' : 'application/x-www-form-urlencoded',
      ...headers,
    },
    body: route.json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), text: await res.text() };
}

function assertLimited(answer: Answer, what: string) {
  assert.equal(answer.status, 429, `${what}: 429, got ${answer.status}`);
  assert.match(answer.retryAfter ?? '', /^[1-9]\d*$/, `${what}: Retry-After in seconds`);
}

describe('sign-in and sign-up rate limits', () => {
  let pg: Awaited<ReturnType<typeof postgresSchema>>;
  let server: WebServer;
  let second: WebServer;

  before(async () => {
    pg = await postgresSchema();
    server = await new WebServer({ ui: true, env: { ...pg.env, ...LIMITS } }).start();
    second = await new WebServer({ shareWith: server, env: LIMITS }).start();
  });
  after(async () => {
    await Promise.all([server?.stop(), second?.stop()]);
    await pg?.drop();
  });

  const signIn = (route: Route, email: string, address: string, password = 'not the password') =>
    post(server, route, { email, password }, address);

  /** A real account, signed up from its own address. */
  async function account(): Promise<string> {
    const email = freshEmail('owner');
    const res = await api(server.url, 'POST', '/api/v1/auth/signup', {
      body: { email, name: 'Owner', password: PASSWORD },
      headers: { 'x-forwarded-for': freshAddress() },
    });
    assert.equal(res.status, 201);
    return email;
  }

  for (const route of SIGN_IN) {
    test(`sign-in at ${route.path} is limited per address`, async () => {
      const address = freshAddress();
      for (let i = 0; i < 4; i++) {
        // 401: the attempt reached the sign-in action (and spent a scrypt).
        assert.equal((await signIn(route, freshEmail(), address)).status, 401);
      }
      assertLimited(await signIn(route, freshEmail(), address), route.path);
    });
  }

  test('every spelling of sign-in spends the one count of an address', async () => {
    const address = freshAddress();
    for (const route of SIGN_IN.slice(0, 4)) {
      assert.equal((await signIn(route, freshEmail(), address)).status, 401);
    }
    for (const route of SIGN_IN) {
      assertLimited(await signIn(route, freshEmail(), address), route.path);
    }
  });

  for (const route of SIGN_UP) {
    test(`sign-up at ${route.path} is limited per address, before any account is made`, async () => {
      const address = freshAddress();
      for (let i = 0; i < 4; i++) {
        const weak = { name: 'Eve', email: freshEmail('eve'), password: 'Password1!' };
        // 422: the attempt reached the sign-up action and was refused there.
        assert.equal((await post(server, route, weak, address)).status, 422);
      }
      const email = freshEmail('eve');
      const valid = { name: 'Eve', email, password: PASSWORD };
      assertLimited(await post(server, route, valid, address), route.path);
      // Refused before anything was written: no such account exists.
      assert.equal((await signIn(SIGN_IN[0]!, email, freshAddress(), PASSWORD)).status, 401);
    });
  }

  test('an account is limited across addresses, right password included', async () => {
    const email = await account();
    for (let i = 0; i < 5; i++) {
      assert.equal((await signIn(SIGN_IN[i % 3]!, email, freshAddress())).status, 401);
    }
    for (const route of SIGN_IN) {
      assertLimited(await signIn(route, email, freshAddress(), PASSWORD), route.path);
    }
  });

  test('an unknown e-mail is limited the same way, so a 429 reveals no account', async () => {
    const email = freshEmail('nobody');
    for (let i = 0; i < 5; i++) {
      assert.equal((await signIn(SIGN_IN[0]!, email, freshAddress())).status, 401);
    }
    assertLimited(await signIn(SIGN_IN[0]!, email, freshAddress()), 'unknown account');
  });

  test('a successful sign-in gives the account its attempts back', async () => {
    const email = await account();
    for (let i = 0; i < 4; i++) {
      assert.equal((await signIn(SIGN_IN[1]!, email, freshAddress())).status, 401);
    }
    const signedIn = await signIn(SIGN_IN[0]!, email, freshAddress(), PASSWORD);
    assert.equal(signedIn.status, 200);
    for (let i = 0; i < 5; i++) {
      assert.equal((await signIn(SIGN_IN[0]!, email, freshAddress())).status, 401);
    }
    assertLimited(await signIn(SIGN_IN[0]!, email, freshAddress()), 'after five more');
  });

  test('two instances sharing Redis share the counts', async () => {
    const address = freshAddress();
    const email = await account();
    const at = (target: WebServer) =>
      post(target, SIGN_IN[0]!, { email, password: 'not the password' }, address);
    assert.equal((await at(server)).status, 401);
    assert.equal((await at(second)).status, 401);
    assert.equal((await at(server)).status, 401);
    assert.equal((await at(second)).status, 401);
    assertLimited(await at(second), 'the second instance');
    assertLimited(await at(server), 'the first instance');

    // The per-account count too: five wrong attempts split between the instances.
    const other = await account();
    for (let i = 0; i < 5; i++) {
      const target = i % 2 ? second : server;
      const body = { email: other, password: 'not the password' };
      assert.equal((await post(target, SIGN_IN[0]!, body, freshAddress())).status, 401);
    }
    const body = { email: other, password: PASSWORD };
    assertLimited(await post(second, SIGN_IN[0]!, body, freshAddress()), 'account on second');
  });

  test('a client cannot pick a fresh address by writing X-Forwarded-For itself', async () => {
    const address = freshAddress();
    for (let i = 0; i < 4; i++) {
      assert.equal((await signIn(SIGN_IN[0]!, freshEmail(), address)).status, 401);
    }
    // The proxy appends the real address; whatever the client wrote sits to its left.
    const spoofed = `${freshAddress()}, ${freshAddress()}, ${address}`;
    assertLimited(await signIn(SIGN_IN[0]!, freshEmail(), spoofed), 'spoofed entries');
  });

  test('the sign-in form answers a rate limit with 429 and says how long to wait, in French too', async () => {
    const address = freshAddress();
    for (let i = 0; i < 4; i++) await signIn(SIGN_IN[0]!, freshEmail(), address);
    const fields = { email: freshEmail(), password: 'not the password' };
    const english = await post(server, SIGN_IN[1]!, fields, address, {
      'accept-language': 'en-US',
    });
    assertLimited(english, 'the English form');
    assert.match(english.text, /Too many attempts\. Try again in \d+ min \d+ s\./);
    const french = await post(server, SIGN_IN[1]!, fields, address, { 'accept-language': 'fr' });
    assertLimited(french, 'the French form');
    assert.match(french.text, /Trop de tentatives\. Réessayez dans \d+ min \d+ s\./);
    assert.match(french.text, new RegExp(fields.email.replace(/[.]/g, '\\.')), 'e-mail kept');
  });
});
