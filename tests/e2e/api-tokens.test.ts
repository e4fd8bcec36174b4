import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  browserStage,
  closedAfterEachTest,
  collectPageErrors,
  eventually,
  signedInContext,
} from '../support/browser.ts';
import { screenshotAtLaptopSizes } from '../support/screenshots.ts';
import { signUp } from '../support/web-server.ts';

/**
 * Personal API tokens in the browser (issue 16): create one on the account
 * page with the keyboard, copy it, use it with fetch as a script would,
 * revoke it after a confirmation, and see it refused.
 */
describe('API tokens on the account page', () => {
  const stage = browserStage();
  const opened = closedAfterEachTest();

  test('create, copy, use, revoke', async () => {
    const base = stage.server.url;
    const person = await signUp(base, 'Cora CI');
    const context = await signedInContext(stage.browser, base, person.token);
    opened.contexts.add(context);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto('/projects');
    await page.getByTestId('nav-account').click();
    await page.waitForURL(`${base}/account`);
    const panel = page.getByTestId('api-tokens');
    await panel.getByTestId('tokens-empty').waitFor();

    // The keyboard alone: name, an extra scope with Space, submit with Enter.
    await panel.getByTestId('token-name').focus();
    await page.keyboard.type('Deploy pipeline');
    await page.keyboard.press('Tab'); // to the first scope (projects:read, already on)
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // projects:write
    assert.equal(await panel.getByTestId('token-scope-projects:write').isChecked(), true);
    await panel.getByTestId('token-name').focus();
    await page.keyboard.press('Enter');
    const field = panel.getByTestId('token-value');
    await field.waitFor();
    const token = await field.inputValue();
    assert.match(token, /^mnt_[A-Za-z0-9_-]{43}$/);
    await panel.getByTestId('token-copy').click();
    await eventually(
      () => panel.getByTestId('token-copy-status').textContent(),
      (text) => text === 'Copied',
      'the copy confirmation',
    );
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), token);
    const row = panel.getByTestId('token-row');
    await row.waitFor();
    assert.match((await row.getByTestId('token-row-name').textContent()) ?? '', /Deploy pipeline/);
    assert.equal(await row.getByTestId('token-row-used').textContent(), 'Never used');
    assert.ok(!((await panel.getByTestId('token-list').textContent()) ?? '').includes(token));
    await screenshotAtLaptopSizes(page, 'tokens-created-en');

    // A script uses it: reads and writes with its scopes, no cookie.
    const created = await fetch(`${base}/api/v1/projects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'From CI' }),
    });
    assert.equal(created.status, 201);
    const render = await fetch(`${base}/api/v1/renders/abc123/retry`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(render.status, 403);
    assert.equal(
      ((await render.json()) as { error: { details: { missingScope: string } } }).error.details
        .missingScope,
      'renders:write',
    );

    // Its last use shows after a reload; revoking asks first, then takes effect at once.
    await page.reload();
    await eventually(
      () => panel.getByTestId('token-row-used').textContent(),
      (text) => text?.startsWith('Last used') ?? false,
      'the last use',
    );
    await row.getByTestId('token-revoke').focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByTestId('token-revoke-confirm');
    await confirm.waitFor();
    await screenshotAtLaptopSizes(page, 'tokens-revoke-en');
    await confirm.click();
    await eventually(
      () => row.getByTestId('token-row-state').textContent(),
      (text) => text === 'Revoked',
      'the revoked state',
    );
    const refused = await fetch(`${base}/api/v1/projects`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(refused.status, 401);
    assert.deepEqual(errors, []);
  });

  test('the page speaks French', async () => {
    const base = stage.server.url;
    const person = await signUp(base, 'Camille');
    const context = await signedInContext(stage.browser, base, person.token, { locale: 'fr-FR' });
    opened.contexts.add(context);
    const page = await context.newPage();
    await page.goto('/account');
    const panel = page.getByTestId('api-tokens');
    await panel.getByTestId('tokens-empty').waitFor();
    assert.equal(
      await panel.getByRole('heading', { level: 2 }).textContent(),
      'Jetons d’API personnels',
    );
    await panel.getByTestId('token-name').fill('Intégration');
    await panel.getByTestId('token-create').click();
    await panel.getByTestId('token-value').waitFor();
    assert.equal(await panel.getByTestId('token-row-used').textContent(), 'Jamais utilisé');
    await screenshotAtLaptopSizes(page, 'tokens-created-fr');
  });
});
