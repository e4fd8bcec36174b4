import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { PLACEHOLDER_MARK, SAMPLES } from '../../shared/starters/index.ts';
import {
  browserStage,
  closedAfterEachTest,
  collectPageErrors,
  eventually,
  signedInContext,
} from '../support/browser.ts';
import { screenshotAtLaptopSizes } from '../support/screenshots.ts';
import { api, signUp } from '../support/web-server.ts';

/** A short render on this machine takes seconds; a slow CI machine gets room. */
const RENDER_TIMEOUT_MS = 180_000;

/**
 * The first run (issue 12, item 8): a new person's guided start on the empty
 * projects list, projects from a sample (rendered by a real render node) and
 * from a template, and the editor's three-step hint dismissed for good.
 */
describe('first run', () => {
  const stage = browserStage({ env: { COLLAB_CONNECTIONS_PER_MINUTE: '1000' }, renderNode: true });
  const { contexts } = closedAfterEachTest();

  async function open(token: string, url: string, locale = 'en-US', hints = false) {
    const context: BrowserContext = await signedInContext(stage.browser, stage.server.url, token, {
      locale,
      hints,
    });
    contexts.add(context);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(url);
    return { context, page, errors };
  }

  const sceneTitles = (page: Page) =>
    page
      .getByTestId('scene-title')
      .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));

  for (const [locale, language, heading] of [
    ['en-US', 'en', 'Sample projects'],
    ['fr-FR', 'fr', 'Projets d’exemple'],
  ] as const) {
    test(`a new person sees the guided start (${language})`, async () => {
      const person = await signUp(stage.server.url, `First ${language}`);
      const { page, errors } = await open(person.token, '/projects', locale);
      const start = page.getByTestId('projects-empty');
      await start.getByRole('heading', { name: heading }).waitFor();
      assert.equal(await start.getByTestId('sample-en').count(), 1);
      assert.equal(await start.getByTestId('sample-fr').count(), 1);
      assert.match(
        (await start.getByTestId('sample-fr').textContent()) ?? '',
        new RegExp(SAMPLES['le-fournil'].title),
      );
      for (const id of ['explainer', 'short-story', 'product-promo', 'lesson']) {
        assert.equal(await start.getByTestId(`template-${id}`).count(), 1, id);
      }
      // The blank card opens the usual "New project" dialog.
      await start.getByTestId('blank-project').click();
      await page.getByTestId('create-project-dialog').waitFor();
      await page.keyboard.press('Escape');
      await page.getByTestId('create-project-dialog').waitFor({ state: 'detached' });
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await screenshotAtLaptopSizes(page, `projects-empty-${language}`);
      assert.deepEqual(errors, []);
    });
  }

  test('sample project creation renders', async () => {
    const person = await signUp(stage.server.url, 'Sam Sample');
    const { page, errors } = await open(person.token, '/projects');
    const sample = SAMPLES['night-ferry'];
    await page.getByTestId('sample-en').click();
    await page.waitForURL(/\/projects\/[a-z0-9]+$/);
    await page.getByTestId('live-project').waitFor();
    await page
      .getByTestId('scene-item')
      .nth(sample.scenes.length - 1)
      .waitFor();
    assert.deepEqual(
      await sceneTitles(page),
      sample.scenes.map((s) => s.title),
    );
    await page.getByTestId('tab-cast').click();
    await page
      .getByTestId('cast-member')
      .nth(sample.cast.length - 1)
      .waitFor();
    const names = await page
      .getByTestId('cast-name')
      .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    assert.deepEqual(names.sort(), sample.cast.map((c) => c.name).sort());

    // Queued on creation by the creator; the render node finishes it.
    const row = page.getByTestId('render-row');
    await row.first().waitFor();
    assert.equal(await row.count(), 1);
    await page
      .locator('[data-testid="render-row"][data-status="done"]')
      .waitFor({ timeout: RENDER_TIMEOUT_MS });
    const projectId = page.url().split('/').at(-1)!;
    const renders = await api(stage.server.url, 'GET', `/api/v1/projects/${projectId}/renders`, {
      token: person.token,
    });
    assert.equal(renders.body.renders[0].status, 'done');
    assert.equal(renders.body.renders[0].createdBy.id, person.id);
    assert.deepEqual(errors, []);
  });

  test('a template from the keyboard: placeholder scenes in the chosen language', async () => {
    const person = await signUp(stage.server.url, 'Tom Template');
    const { page, errors } = await open(person.token, '/projects');
    await page.getByTestId('template-language').click();
    await page.getByRole('option', { name: 'French' }).click();
    await page.getByTestId('template-lesson').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/projects\/[a-z0-9]+$/);
    await page.getByTestId('scene-item').nth(3).waitFor();
    assert.deepEqual(await sceneTitles(page), ['Objectif', 'Idée clé', 'Exemple', 'À vous']);
    const narrations = await eventually(
      () => page.locator('.cm-content[data-testid="scene-narration"]').allTextContents(),
      (texts) => texts.length === 4,
      'the four narrations on the board',
    );
    for (const text of narrations) assert.ok(text.startsWith(PLACEHOLDER_MARK.fr), text);
    // Back on the list, which is no longer empty: samples and templates stay one click away.
    await page.goto('/projects');
    await page.getByTestId('project-list').waitFor();
    await page.getByTestId('new-from-starter').click();
    await page.getByTestId('starter-dialog').getByTestId('sample-fr').waitFor();
    assert.deepEqual(errors, []);
  });

  /** The hint as the page shows it once it knows the account's dismissed hints. */
  async function hintAfterLoad(page: Page, load: () => Promise<unknown>) {
    const answered = page.waitForResponse(
      (res) => res.url().endsWith('/api/v1/me/hints') && res.request().method() === 'GET',
    );
    await load();
    await answered;
    await page.getByTestId('live-project').waitFor();
    return page.getByTestId('editor-hint');
  }

  test('the editor hint: three steps by keyboard, closed for now, then never again', async () => {
    const person = await signUp(stage.server.url, 'Hila Hint');
    const created = await api(stage.server.url, 'POST', '/api/v1/projects', {
      token: person.token,
      body: { from: { template: 'short-story' } },
    });
    const url = `/projects/${created.body.project.id}`;
    const { context, page, errors } = await open(person.token, '/projects', 'en-US', true);
    let hint = await hintAfterLoad(page, () => page.goto(url));
    await hint.waitFor();
    assert.equal(await hint.getAttribute('data-step'), '1');
    await hint.getByRole('heading', { name: 'Import or write' }).waitFor();
    // Not modal: the board keeps the focus and takes typing.
    const title = page.getByTestId('scene-title').first();
    await title.fill('Opening night');
    assert.equal(await title.inputValue(), 'Opening night');

    await hint.getByTestId('editor-hint-next').focus();
    await page.keyboard.press('Enter');
    await hint.getByRole('heading', { name: 'Edit together' }).waitFor();
    await page.keyboard.press('Enter');
    await hint.getByRole('heading', { name: 'Commit & render' }).waitFor();
    assert.equal(await hint.getByTestId('editor-hint-next').textContent(), 'Done');
    await hint.getByTestId('editor-hint-back').focus();
    await page.keyboard.press('Enter');
    assert.equal(await hint.getAttribute('data-step'), '2');
    await hint.getByTestId('editor-hint-back').focus();
    await page.keyboard.press('Enter');
    assert.equal(await hint.getAttribute('data-step'), '1');
    await screenshotAtLaptopSizes(page, 'editor-hint-en');

    // Close (or Escape) hides it for this visit only.
    await hint.getByTestId('editor-hint-next').focus();
    await page.keyboard.press('Escape');
    await hint.waitFor({ state: 'detached' });
    hint = await hintAfterLoad(page, () => page.reload());
    await hint.waitFor();

    // "Don't show again", from the keyboard: gone after a reload and in another browser.
    await hint.getByTestId('editor-hint-forget').focus();
    await page.keyboard.press('Enter');
    await hint.waitFor({ state: 'detached' });
    await eventuallyDismissed(person.token);
    hint = await hintAfterLoad(page, () => page.reload());
    assert.equal(await hint.count(), 0);
    await context.close();
    const other = await open(person.token, '/projects', 'en-US', true);
    hint = await hintAfterLoad(other.page, () => other.page.goto(url));
    assert.equal(await hint.count(), 0);
    assert.deepEqual([...errors, ...other.errors], []);
  });

  async function eventuallyDismissed(token: string) {
    for (;;) {
      const res = await api(stage.server.url, 'GET', '/api/v1/me/hints', { token });
      if ((res.body.dismissed as string[]).includes('editor-start')) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  test('the editor hint in French; Done on the last step dismisses it for good', async () => {
    const person = await signUp(stage.server.url, 'Hugo Astuce');
    const created = await api(stage.server.url, 'POST', '/api/v1/projects', {
      token: person.token,
      body: { from: { template: 'explainer' }, language: 'fr' },
    });
    const url = `/projects/${created.body.project.id}`;
    const { page, errors } = await open(person.token, '/projects', 'fr-FR', true);
    let hint = await hintAfterLoad(page, () => page.goto(url));
    await hint.getByRole('heading', { name: 'Importer ou écrire' }).waitFor();
    await screenshotAtLaptopSizes(page, 'editor-hint-fr');
    await hint.getByTestId('editor-hint-next').click();
    await hint.getByTestId('editor-hint-next').click();
    await hint.getByRole('heading', { name: 'Valider et rendre' }).waitFor();
    await hint.getByRole('button', { name: 'Terminé' }).click();
    await hint.waitFor({ state: 'detached' });
    await eventuallyDismissed(person.token);
    hint = await hintAfterLoad(page, () => page.reload());
    assert.equal(await hint.count(), 0);
    assert.deepEqual(errors, []);
  });
});
