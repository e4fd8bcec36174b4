import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { anonymousContext, browserStage, collectPageErrors } from '../support/browser.ts';
import { signUp } from '../support/web-server.ts';

/** Sign up, sign in, sign out through the web UI, and the errors people see. */
describe('accounts in the browser', () => {
  const stage = browserStage();

  const uniqueEmail = (name: string) =>
    `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;

  async function openPage(locale = 'en-US'): Promise<{ page: Page; errors: string[] }> {
    const context = await anonymousContext(stage.browser, stage.server.url, { locale });
    const page = await context.newPage();
    return { page, errors: collectPageErrors(page) };
  }

  async function fillSignup(page: Page, values: { name: string; email: string; password: string }) {
    await page.getByTestId('signup-name').fill(values.name);
    await page.getByTestId('signup-email').fill(values.email);
    await page.getByTestId('signup-password').fill(values.password);
    await page.getByTestId('signup-submit').click();
  }

  test('a new user signs up, signs out and signs in again', async () => {
    const { page, errors } = await openPage();
    const email = uniqueEmail('grace');
    await page.goto('/');
    await page.getByTestId('landing-signup').click();
    await fillSignup(page, { name: 'Grace Hopper', email, password: 'compilers all the way' });
    await page.waitForURL('**/projects');
    assert.equal(await page.getByTestId('header-user').textContent(), 'Grace Hopper');
    await page.getByTestId('projects-empty').waitFor();

    await page.getByTestId('sign-out').click();
    await page.getByTestId('landing-login').waitFor();
    await page.goto('/projects');
    await page.waitForURL('**/login?redirectTo=%2Fprojects');

    await page.getByTestId('login-email').fill(email.toUpperCase());
    await page.getByTestId('login-password').fill('compilers all the way');
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/projects');
    assert.equal(await page.getByTestId('header-user').textContent(), 'Grace Hopper');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('sign-up names each bad field and keeps what was typed', async () => {
    const existing = await signUp(stage.server.url, 'Existing');
    const { page, errors } = await openPage();
    await page.goto('/signup');

    await fillSignup(page, {
      name: 'Weak Password',
      email: uniqueEmail('weak'),
      password: 'short',
    });
    const passwordError = page.getByTestId('field-error-password');
    await passwordError.waitFor();
    assert.match((await passwordError.textContent()) ?? '', /at least 10 characters/);
    assert.equal(await page.getByTestId('signup-name').inputValue(), 'Weak Password');
    assert.equal(await page.getByTestId('signup-password').inputValue(), 'short');
    assert.equal(await page.getByTestId('signup-password').getAttribute('aria-invalid'), 'true');
    assert.equal(new URL(page.url()).pathname, '/signup');

    await fillSignup(page, {
      name: 'Second Try',
      email: existing.email,
      password: 'a sturdy passphrase',
    });
    const emailError = page.getByTestId('field-error-email');
    await emailError.waitFor();
    assert.match((await emailError.textContent()) ?? '', /already exists/);
    assert.equal(await passwordError.count(), 0);
    assert.equal(await page.getByTestId('signup-name').inputValue(), 'Second Try');
    assert.equal(await page.getByTestId('signup-email').inputValue(), existing.email);
    assert.equal(await page.getByTestId('signup-password').inputValue(), 'a sturdy passphrase');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('a form the shared schema refuses shows its field errors without a request', async () => {
    const { page, errors } = await openPage('fr-FR');
    await page.goto('/login');
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    await page.getByTestId('login-submit').click();
    const emailError = page.getByTestId('field-error-email');
    await emailError.waitFor();
    assert.equal(await emailError.textContent(), 'Saisissez votre e-mail');
    assert.equal(
      await page.getByTestId('field-error-password').textContent(),
      'Saisissez votre mot de passe',
    );
    assert.deepEqual(posts, []);
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('wrong credentials are refused with one message and the email kept', async () => {
    const user = await signUp(stage.server.url, 'Careful');
    const { page, errors } = await openPage();
    await page.goto('/login');
    await page.getByTestId('login-email').fill(user.email);
    await page.getByTestId('login-password').fill('not the password at all');
    await page.getByTestId('login-submit').click();
    const formError = page.getByTestId('form-error');
    await formError.waitFor();
    assert.equal(await formError.textContent(), 'Email or password is incorrect.');
    assert.equal(await page.getByTestId('login-email').inputValue(), user.email);
    assert.equal(new URL(page.url()).pathname, '/login');

    // An unknown email gets the very same answer (accounts are not revealed).
    await page.getByTestId('login-email').fill(uniqueEmail('nobody'));
    const answered = page.waitForResponse(
      (res) =>
        res.request().method() === 'POST' && new URL(res.url()).pathname.startsWith('/login'),
    );
    await page.getByTestId('login-submit').click();
    assert.equal((await answered).status(), 401);
    assert.equal(await formError.textContent(), 'Email or password is incorrect.');
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('the UI speaks French to French browsers, server messages included', async () => {
    const { page } = await openPage('fr-FR');
    await page.goto('/signup');
    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    assert.equal(await page.getByTestId('signup-submit').textContent(), 'Créer le compte');
    await fillSignup(page, { name: 'Marie', email: uniqueEmail('marie'), password: 'court' });
    await page.getByTestId('field-error-password').waitFor();
    assert.equal(
      await page.getByTestId('field-error-password').textContent(),
      'Le mot de passe doit comporter au moins 10 caractères',
    );
    await page.context().close();
  });
});
