import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { browserStage, eventually, openProjectPage, signedInContext } from '../support/browser.ts';
import { api, REPO_ROOT, signUp } from '../support/web-server.ts';
import { addMember } from '../support/members.ts';

const FIXTURES = path.resolve(REPO_ROOT, '..', 'shared', 'fixtures', 'scripts');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
/** Set to a folder to keep screenshots of the dialog (docs/screenshots is where the docs take theirs). */
const SCREENSHOT_DIR = process.env.MONTAGE_SCREENSHOT_DIR;

const EXPLAINER_TITLES = ['Hook', 'The problem', 'How it works', 'The numbers', 'Call to action'];

/** "Import script" on the live project page: preview, apply, undo, for everyone on the project. */
describe('script import', () => {
  const stage = browserStage({ env: { COLLAB_CONNECTIONS_PER_MINUTE: '1000' } });

  const openProject = (token: string, projectId: string) =>
    openProjectPage(stage.browser, stage.server.url, token, projectId);

  async function sharedProject(title: string) {
    const owner = await signUp(stage.server.url, 'Odile Owner');
    const editor = await signUp(stage.server.url, 'Emil Editor');
    const viewer = await signUp(stage.server.url, 'Vic Viewer');
    const res = await api(stage.server.url, 'POST', '/api/v1/projects', {
      token: owner.token,
      body: { title },
    });
    assert.equal(res.status, 201);
    const projectId = res.body.project.id as string;
    for (const [user, role] of [
      [editor, 'editor'],
      [viewer, 'viewer'],
    ] as const) {
      await addMember(stage.server, owner.token, projectId, user, role);
    }
    return { owner, editor, viewer, projectId };
  }

  const sceneTitles = (page: Page) =>
    page
      .getByTestId('scene-title')
      .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));

  const waitForScenes = (page: Page, expected: string[], who: string) =>
    eventually(
      () => sceneTitles(page),
      (titles) => JSON.stringify(titles) === JSON.stringify(expected),
      `${who} to see the scenes ${JSON.stringify(expected)}`,
    );

  /** The preview has settled on a breakdown of `scenes` scenes for the current input. */
  async function waitForPreview(page: Page, scenes: number) {
    const dialog = page.getByTestId('import-dialog');
    await dialog.locator('[data-testid="import-preview"][data-state="ready"]').waitFor();
    await dialog.locator(`[data-testid="import-scene-count"][data-count="${scenes}"]`).waitFor();
    await dialog.locator('[data-testid="import-preview"][data-state="ready"]').waitFor();
    return dialog;
  }

  test('an editor imports a script: preview, apply for everyone, one undo removes it all; viewers cannot import', async () => {
    const { owner, editor, viewer, projectId } = await sharedProject('Solar explainer');
    const e = await openProject(editor.token, projectId);
    const o = await openProject(owner.token, projectId);
    await e.page.getByTestId('scenes-empty').waitFor();

    // Paste the script: the preview proposes the five marked scenes.
    await e.page.getByTestId('import-button').click();
    const dialog = e.page.getByTestId('import-dialog');
    await dialog.getByTestId('import-text').fill(fixture('explainer.en.md'));
    await waitForPreview(e.page, 5);
    assert.deepEqual(await dialog.getByTestId('import-scene-title').allTextContents(), [
      ...EXPLAINER_TITLES,
    ]);
    assert.equal(
      await dialog.getByTestId('import-format').getAttribute('data-format'),
      'storyboard',
    );
    assert.equal(await dialog.getByTestId('import-language').textContent(), 'English');
    // A storyboard keeps its own scenes: no target count to set.
    assert.equal(await dialog.getByTestId('import-target-scenes').isDisabled(), true);

    // Closing the dialog keeps the draft and its preview.
    await e.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await e.page.getByTestId('import-button').click();
    assert.equal(await dialog.getByTestId('import-text').inputValue(), fixture('explainer.en.md'));
    await waitForPreview(e.page, 5);

    // Apply: both people see the scenes; a project without scenes needs no confirmation.
    const apply = dialog.getByTestId('import-apply');
    assert.equal(await apply.textContent(), 'Import 5 scenes');
    await apply.click();
    await dialog.waitFor({ state: 'detached' });
    await waitForScenes(e.page, EXPLAINER_TITLES, 'the editor');
    await waitForScenes(o.page, EXPLAINER_TITLES, 'the owner');

    // One undo (Ctrl+Z) reverts the whole import, for both.
    await e.page.keyboard.press('Control+z');
    await e.page.getByTestId('scenes-empty').waitFor();
    await o.page.getByTestId('scenes-empty').waitFor();
    assert.equal(await e.page.getByTestId('undo').isDisabled(), true, 'nothing left to undo');

    // Redo brings it back, the Undo button takes it away again.
    await e.page.getByTestId('redo').click();
    await waitForScenes(o.page, EXPLAINER_TITLES, 'the owner after redo');
    await e.page.getByTestId('undo').click();
    await o.page.getByTestId('scenes-empty').waitFor();
    await e.page.getByTestId('scenes-empty').waitFor();

    // A viewer has no enabled Import button.
    const v = await openProject(viewer.token, projectId);
    await v.page.getByTestId('view-only-badge').waitFor();
    const importButton = v.page.getByTestId('import-button');
    assert.ok(
      (await importButton.count()) === 0 || (await importButton.isDisabled()),
      'the viewer cannot import',
    );

    for (const { errors } of [e, o, v]) assert.deepEqual(errors, []);
    for (const { page } of [e, o, v]) await page.context().close();
  });

  test('a French editor reads the analysis warnings in French', async () => {
    const { editor, projectId } = await sharedProject('Le port');
    const context = await signedInContext(stage.browser, stage.server.url, editor.token, {
      locale: 'fr-FR',
    });
    try {
      const page = await context.newPage();
      await page.goto(`/projects/${projectId}`);
      await page.getByTestId('live-project').waitFor();
      await page.getByTestId('import-button').click();
      const dialog = page.getByTestId('import-dialog');
      await dialog
        .getByTestId('import-text')
        .fill('Le vent se lève sur la mer. La nuit tombe sur le port. Les bateaux rentrent.');
      await dialog.getByTestId('import-target-scenes').fill('6');
      // The analysis sends the warning as a code with parameters; the dialog words it in French.
      const warning = dialog.locator('[data-testid="import-warnings"] [data-code="tooFewScenes"]');
      await warning.waitFor();
      assert.match(
        (await warning.textContent()) ?? '',
        /^Scènes possibles : \d+ sur les 6 demandées ; le texte est trop court\.$/,
      );
      assert.equal(await dialog.getByText(/could be made|too short/).count(), 0);
      if (SCREENSHOT_DIR) {
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        await dialog.screenshot({
          path: path.join(SCREENSHOT_DIR, 'import-dialog-fr-warning.png'),
        });
      }
    } finally {
      await context.close();
    }
  });

  test('uploads, options, errors kept in the dialog, append, and replace after confirmation', async () => {
    const { owner, editor, projectId } = await sharedProject('Gull Point');
    const o = await openProject(owner.token, projectId);
    const e = await openProject(editor.token, projectId);
    await o.page.getByTestId('add-scene').click();
    await o.page.getByTestId('scene-title').first().fill('Cold open');
    await waitForScenes(e.page, ['Cold open'], 'the editor');

    await o.page.getByTestId('import-button').click();
    const dialog = o.page.getByTestId('import-dialog');

    // Only text files of at most 1 MB are read.
    const file = dialog.getByTestId('import-file');
    await file.setInputFiles({
      name: 'slides.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.7'),
    });
    assert.match(
      (await dialog.getByTestId('import-file-error').textContent()) ?? '',
      /“slides\.pdf” cannot be imported/,
    );
    await file.setInputFiles({
      name: 'huge.txt',
      mimeType: 'text/plain',
      buffer: Buffer.alloc(1_000_001, 'a'),
    });
    assert.match(
      (await dialog.getByTestId('import-file-error').textContent()) ?? '',
      /larger than 1 MB/,
    );
    assert.equal(await dialog.getByTestId('import-text').inputValue(), '');

    // A failing preview says so and keeps the text; trying again works.
    await o.page.route('**/api/v1/analysis/scenes', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'busy', requestId: 'x' } }),
      }),
    );
    await file.setInputFiles({
      name: 'lighthouse.en.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(fixture('lighthouse.en.md')),
    });
    await dialog.getByTestId('import-file-error').waitFor({ state: 'detached' });
    const error = dialog.getByTestId('import-error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /busy\. Please try again/);
    assert.equal(await dialog.getByTestId('import-text').inputValue(), fixture('lighthouse.en.md'));
    assert.equal(await dialog.getByTestId('import-apply').isDisabled(), true);
    await o.page.unroute('**/api/v1/analysis/scenes');
    await error.getByRole('button', { name: 'Try again' }).click();
    await waitForPreview(o.page, 5);
    assert.ok(
      Number(await dialog.getByTestId('import-cast-count').getAttribute('data-count')) >= 2,
    );
    assert.match((await dialog.getByTestId('import-cast').textContent()) ?? '', /Mara Quinn/);

    // Options: a target scene count (prose) and a style; an invalid count is named.
    const target = dialog.getByTestId('import-target-scenes');
    await target.fill('0');
    await dialog.locator('[data-testid="import-preview"][data-state="error"]').waitFor();
    await dialog.getByText('Enter a whole number from 1 to 500.').waitFor();
    assert.equal(await dialog.getByTestId('import-apply').isDisabled(), true);
    await target.fill('7');
    await waitForPreview(o.page, 7);
    await dialog.getByTestId('import-style').click();
    await o.page.getByRole('option', { name: 'Watercolour' }).click();
    await waitForPreview(o.page, 7);
    if (SCREENSHOT_DIR) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await dialog.screenshot({ path: path.join(SCREENSHOT_DIR, 'import-dialog.png') });
    }

    // Append: after the existing scene, no confirmation; one undo removes the seven.
    await dialog.getByTestId('import-mode-append').check();
    const apply = dialog.getByTestId('import-apply');
    assert.equal(await apply.textContent(), 'Add 7 scenes');
    await apply.click();
    await dialog.waitFor({ state: 'detached' });
    const appended = await eventually(
      () => sceneTitles(e.page),
      (titles) => titles.length === 8,
      'the editor to see eight scenes',
    );
    assert.equal(appended[0], 'Cold open');
    await o.page.getByTestId('undo').click();
    await waitForScenes(e.page, ['Cold open'], 'the editor after undo');

    // Replace asks first when the project has scenes; cancelling changes nothing.
    await o.page.getByTestId('import-button').click();
    assert.equal(await dialog.getByTestId('import-text').inputValue(), '', 'applied drafts clear');
    await dialog.getByTestId('import-text').fill(fixture('night-market.fountain'));
    await waitForPreview(o.page, 3);
    await dialog.getByTestId('import-mode-replace').check();
    await dialog.getByTestId('import-apply').click();
    const confirm = o.page.getByTestId('confirm-dialog');
    await confirm.waitFor();
    assert.equal(await confirm.getByRole('heading').textContent(), 'Replace the current scene?');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    assert.deepEqual(await sceneTitles(o.page), ['Cold open']);
    await dialog.getByTestId('import-apply').click();
    await confirm.getByTestId('import-replace-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    const screenplay = ['Riverside night market', "June's van", 'Riverside night market — later'];
    await waitForScenes(o.page, screenplay, 'the owner');
    await waitForScenes(e.page, screenplay, 'the editor');
    await o.page.keyboard.press('Control+z');
    await waitForScenes(e.page, ['Cold open'], 'the editor after undoing the replace');

    for (const { errors } of [o, e]) assert.deepEqual(errors, []);
    for (const { page } of [o, e]) await page.context().close();
  });
});
