import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  browserStage,
  collectPageErrors,
  eventually,
  signedInContext,
} from '../support/browser.ts';
import { api, signUp } from '../support/web-server.ts';
import { addMember } from '../support/members.ts';

/** The project list: create, rename, duplicate, delete (confirmed), and who may do what. */
describe('project list in the browser', () => {
  const stage = browserStage();

  async function signedInPage(name: string) {
    const user = await signUp(stage.server.url, name);
    const context = await signedInContext(stage.browser, stage.server.url, user.token);
    const page = await context.newPage();
    return { user, page, errors: collectPageErrors(page) };
  }

  const row = (page: Page, title: string) =>
    page.getByTestId('project-row').filter({
      has: page.getByTestId('project-link').getByText(title, { exact: true }),
    });

  const titles = (page: Page) => page.getByTestId('project-link').allTextContents();

  async function openMenu(page: Page, title: string) {
    await row(page, title).getByTestId('project-menu').click();
  }

  test('create, rename, duplicate and delete a project', async () => {
    const { page, errors } = await signedInPage('Lister');
    await page.goto('/projects');

    // Create: an empty title is refused in the dialog, then the project opens.
    await page.getByTestId('create-project').click();
    await page.getByTestId('create-submit').click();
    await page.getByTestId('field-error-title').waitFor();
    assert.equal(await page.getByTestId('field-error-title').textContent(), 'Enter a title');
    await page.getByTestId('create-title').fill('Night train');
    await page.getByTestId('create-submit').click();
    await page.waitForURL(/\/projects\/[a-z0-9]+$/);
    await eventually(
      () => page.getByTestId('project-title').inputValue(),
      (v) => v === 'Night train',
      'the live title',
    );
    await page.getByTestId('sync-status').and(page.locator('[data-status="saved"]')).waitFor();

    await page.goto('/projects');
    assert.deepEqual(await titles(page), ['Night train']);

    // Rename from the row's menu.
    await openMenu(page, 'Night train');
    await page.getByTestId('menu-rename').click();
    const renameTitle = page.getByTestId('rename-title');
    assert.equal(await renameTitle.inputValue(), 'Night train');
    await renameTitle.fill('   ');
    await page.getByTestId('rename-submit').click();
    await page.getByTestId('rename-dialog').getByTestId('field-error-title').waitFor();
    await renameTitle.fill('Night train to Lisbon');
    await page.getByTestId('rename-submit').click();
    await page.getByTestId('rename-dialog').waitFor({ state: 'detached' });
    await row(page, 'Night train to Lisbon').waitFor();

    // Duplicate.
    await openMenu(page, 'Night train to Lisbon');
    await page.getByTestId('menu-duplicate').click();
    await row(page, 'Night train to Lisbon (copy)').waitFor();
    assert.deepEqual([...(await titles(page))].sort(), [
      'Night train to Lisbon',
      'Night train to Lisbon (copy)',
    ]);

    // Delete asks first; cancelling keeps the project.
    await openMenu(page, 'Night train to Lisbon (copy)');
    await page.getByTestId('menu-delete').click();
    const confirm = page.getByTestId('confirm-dialog');
    await confirm.waitFor();
    assert.match((await confirm.textContent()) ?? '', /Delete “Night train to Lisbon \(copy\)”\?/);
    await page.getByTestId('confirm-cancel').click();
    await confirm.waitFor({ state: 'detached' });
    assert.equal(await row(page, 'Night train to Lisbon (copy)').count(), 1);

    await openMenu(page, 'Night train to Lisbon (copy)');
    await page.getByTestId('menu-delete').click();
    await page.getByTestId('confirm-delete').click();
    await row(page, 'Night train to Lisbon (copy)').waitFor({ state: 'detached' });
    assert.deepEqual(await titles(page), ['Night train to Lisbon']);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('a viewer gets no project actions, and an unknown project shows a friendly page', async () => {
    const owner = await signUp(stage.server.url, 'Sharer');
    const { user: viewer, page, errors } = await signedInPage('Reader');
    const created = await api(stage.server.url, 'POST', '/api/v1/projects', {
      token: owner.token,
      body: { title: 'Shared with a reader' },
    });
    await addMember(stage.server, owner.token, created.body.project.id, viewer, 'viewer');

    await page.goto('/projects');
    const shared = row(page, 'Shared with a reader');
    await shared.waitFor();
    assert.match((await shared.textContent()) ?? '', /Viewer/);
    assert.equal(await shared.getByTestId('project-menu').count(), 0);

    const missing = await page.goto('/projects/doesnotexist');
    assert.equal(missing?.status(), 404);
    const boundary = page.getByTestId('project-error');
    assert.equal(await boundary.getAttribute('data-status'), '404');
    assert.match((await boundary.textContent()) ?? '', /Project not found/);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
