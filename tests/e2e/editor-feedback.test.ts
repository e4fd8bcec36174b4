import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { addScene } from '../../shared/project-doc.ts';
import {
  browserStage,
  collectPageErrors,
  eventually,
  signedInContext,
} from '../support/browser.ts';
import { connectClient } from '../support/collab-client.ts';
import { addMember } from '../support/members.ts';
import { screenshotAtLaptopSizes } from '../support/screenshots.ts';
import { api, signUp } from '../support/web-server.ts';

/** A short render on this machine takes seconds; a slow CI machine gets room. */
const RENDER_TIMEOUT_MS = 120_000;

/**
 * Issue 12, items 3, 6 and 9: committing with nothing changed offers the
 * finished render instead of queueing a duplicate, committing offline says
 * it waits and can be cancelled, presence labels and the header offline,
 * and render feedback anywhere in the app (toast, tab title).
 */
describe('editor feedback', () => {
  // No render node at first: a queued render waits, so its progress in the tab title can be seen.
  const stage = browserStage({ env: { COLLAB_CONNECTIONS_PER_MINUTE: '1000' } });

  async function projectWithScenes(title: string, token: string) {
    const created = await api(stage.server.url, 'POST', '/api/v1/projects', {
      token,
      body: { title },
    });
    assert.equal(created.status, 201);
    const projectId = created.body.project.id as string;
    const client = await connectClient(stage.server.url, token, projectId);
    await client.settled();
    addScene(client.doc, { title: 'Harbour at dawn', narration: 'The harbour wakes.' });
    await client.settled();
    client.destroy();
    return projectId;
  }

  async function openProject(token: string, projectId: string, locale = 'en-US') {
    const context = await signedInContext(stage.browser, stage.server.url, token, { locale });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`/projects/${projectId}`);
    await page.getByTestId('live-project').waitFor();
    await page.getByTestId('sync-status').and(page.locator('[data-status="saved"]')).waitFor();
    return { page, errors };
  }

  const dialog = (page: Page) => page.getByTestId('commit-dialog');

  async function commitAndRender(page: Page, message: string) {
    await page.getByTestId('commit-render').click();
    await dialog(page).getByTestId('commit-message').fill(message);
    await dialog(page).getByTestId('commit-submit').click();
  }

  const renderRows = (page: Page) => page.getByTestId('render-row');

  test('a render ends while you are elsewhere: tab title, toast with Watch; an unchanged commit offers it', async () => {
    const owner = await signUp(stage.server.url, 'Olivia Owner');
    const projectId = await projectWithScenes('Harbour lights', owner.token);
    const { page, errors } = await openProject(owner.token, projectId);

    await commitAndRender(page, 'First cut');
    await dialog(page).waitFor({ state: 'detached' });
    await renderRows(page).first().waitFor();
    const renderId = (await renderRows(page).first().getAttribute('data-render-id'))!;
    // Queued with no render node yet: the tab title shows its progress.
    await eventually(
      () => page.title(),
      (title) => title === '0% · Harbour lights',
      'the tab title to show the queued render',
    );

    // Elsewhere in the app (the project list) when the render ends.
    await page.goto('/projects');
    await page.getByTestId('project-list').waitFor();
    await eventually(
      () => page.title(),
      (title) => /^\d+% · Harbour lights$/.test(title),
      'the tab title to keep the progress on another page',
    );
    await stage.startNode();
    const toast = page.getByTestId('toast');
    await toast.waitFor({ timeout: RENDER_TIMEOUT_MS });
    assert.equal(await toast.getAttribute('data-tone'), 'success');
    assert.equal(
      await toast.locator('.toast-message').textContent(),
      'The render of “Harbour lights” is ready.',
    );
    assert.equal(await page.getByTestId('toasts').locator('[aria-live="polite"]').count(), 1);
    await eventually(
      () => page.title(),
      (title) => !title.includes('%'),
      'the page title to come back once nothing renders',
    );
    await screenshotAtLaptopSizes(page, 'render-toast-en');
    await toast.getByTestId('toast-watch').click();
    await page.waitForURL(`**/projects/${projectId}?render=${renderId}`);
    await page.getByTestId('player-video').waitFor();
    assert.equal(await page.getByTestId('toast').count(), 0, 'the toast is gone once acted on');
    // Watching opens the theatre over the project bar: Escape closes it.
    await page.keyboard.press('Escape');
    await page.getByTestId('theatre').waitFor({ state: 'detached' });

    // Nothing changed: the dialog offers the finished render instead of a duplicate.
    await commitAndRender(page, 'Same again');
    const existing = dialog(page).getByTestId('commit-existing');
    await existing.waitFor();
    assert.match(
      (await existing.textContent()) ?? '',
      /Nothing changed since revision 1, and it already has a finished render with these settings \(1080p/,
    );
    assert.equal(await renderRows(page).count(), 1, 'no duplicate render queued');
    await screenshotAtLaptopSizes(page, 'commit-unchanged-en');
    await existing.getByTestId('commit-watch-existing').click();
    await dialog(page).waitFor({ state: 'detached' });
    await page.getByTestId('player-video').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('theatre').waitFor({ state: 'detached' });

    // Two requests at once without force both get the finished render back; none is queued.
    const revisionId = (
      await api(stage.server.url, 'GET', `/api/v1/renders/${renderId}`, {
        token: owner.token,
      })
    ).body.render.revisionId as string;
    const again = await Promise.all(
      [0, 1].map(() =>
        api(stage.server.url, 'POST', `/api/v1/projects/${projectId}/renders`, {
          token: owner.token,
          body: { revisionId, preset: '1080p' },
        }),
      ),
    );
    for (const answer of again) {
      assert.equal(answer.body.render.id, renderId);
      assert.equal(answer.body.reused, true);
      assert.equal(answer.body.created, false);
    }

    // Rendering again is explicit, and makes a new render of the same revision.
    await commitAndRender(page, 'Same again');
    await dialog(page).getByTestId('commit-render-again').click();
    await dialog(page).waitFor({ state: 'detached' });
    await eventually(
      () => renderRows(page).count(),
      (n) => n === 2,
      'a second render row',
    );
    const second = renderRows(page).first();
    assert.notEqual(await second.getAttribute('data-render-id'), renderId);
    await page
      .locator(`[data-testid="render-row"][data-status="done"]`)
      .nth(1)
      .waitFor({ timeout: RENDER_TIMEOUT_MS });
    assert.deepEqual(errors, []);

    // In French: the same unchanged-commit offer, and a toast for a render that ended.
    const fr = await openProject(owner.token, projectId, 'fr-FR');
    await commitAndRender(fr.page, 'Encore');
    const existingFr = dialog(fr.page).getByTestId('commit-existing');
    await existingFr.waitFor();
    assert.match((await existingFr.textContent()) ?? '', /Rien n’a changé depuis la révision 1/);
    await screenshotAtLaptopSizes(fr.page, 'commit-unchanged-fr');
    await dialog(fr.page).getByTestId('commit-cancel').click();
    await fr.page.evaluate(
      ([id, project]) =>
        localStorage.setItem(
          'montage:watched-renders',
          JSON.stringify([{ id, projectId: project, title: 'Harbour lights' }]),
        ),
      [renderId, projectId],
    );
    await fr.page.goto('/projects');
    const toastFr = fr.page.getByTestId('toast');
    await toastFr.waitFor();
    assert.equal(
      await toastFr.locator('.toast-message').textContent(),
      'Le rendu de « Harbour lights » est prêt.',
    );
    assert.equal(await toastFr.getByTestId('toast-watch').textContent(), 'Regarder');
    await screenshotAtLaptopSizes(fr.page, 'render-toast-fr');
    assert.deepEqual(fr.errors, []);
    await fr.page.context().close();
    await page.context().close();
  });

  test('committing offline says it waits for the connection, can be cancelled, and goes on once back', async () => {
    const owner = await signUp(stage.server.url, 'Nora Nomad');
    const projectId = await projectWithScenes('Written on the train', owner.token);
    for (const locale of ['en-US', 'fr-FR']) {
      const { page, errors } = await openProject(owner.token, projectId, locale);
      const en = locale === 'en-US';
      await page.context().setOffline(true);
      await page.getByTestId('sync-status').and(page.locator('[data-status="offline"]')).waitFor();
      await commitAndRender(page, 'Typed on the train');
      const waiting = dialog(page).getByTestId('commit-waiting');
      await waiting.waitFor();
      assert.match(
        (await waiting.textContent()) ?? '',
        en ? /^Waiting for the connection: you are offline\./ : /^En attente de la connexion/,
      );
      assert.equal(await dialog(page).getByTestId('commit-submit').isDisabled(), true);
      await screenshotAtLaptopSizes(page, `commit-offline-${en ? 'en' : 'fr'}`);

      // Cancel stops the wait; what was typed is still there on the next opening.
      await dialog(page).getByTestId('commit-cancel').click();
      await dialog(page).waitFor({ state: 'detached' });
      await page.getByTestId('commit-render').click();
      assert.equal(
        await dialog(page).getByTestId('commit-message').inputValue(),
        'Typed on the train',
      );
      assert.equal(await dialog(page).getByTestId('commit-submit').isDisabled(), false);

      // Waiting again, then the connection comes back: the commit goes on by itself.
      await dialog(page).getByTestId('commit-submit').click();
      await waiting.waitFor();
      await page.context().setOffline(false);
      await dialog(page).waitFor({ state: 'detached' });
      await renderRows(page).first().waitFor();
      assert.deepEqual(errors, []);
      await page.context().close();
    }
  });

  test('remote cursor labels are fully visible on a first line; offline, the header shows yourself', async () => {
    const owner = await signUp(stage.server.url, 'Olivia Owner');
    const editor = await signUp(stage.server.url, 'Eddie Editor');
    const projectId = await projectWithScenes('Labels', owner.token);
    await addMember(stage.server, owner.token, projectId, editor, 'editor');
    const a = await openProject(owner.token, projectId);
    const b = await openProject(editor.token, projectId);

    // Eddie puts his caret at the start of the first line of the first narration.
    const narration = b.page.getByTestId('scene-narration').first();
    await narration.click();
    await b.page.keyboard.press('Control+Home');
    const label = a.page.locator('.cm-ySelectionInfo', { hasText: 'Eddie Editor' });
    await label.waitFor();
    // The caret moves (click, then Ctrl+Home): the label is redrawn, so measure the one in place.
    const measure = () =>
      label.evaluate((element) => {
        const fieldElement = element.closest('.collab-text');
        if (!fieldElement) return null;
        const box = element.getBoundingClientRect();
        const field = fieldElement.getBoundingClientRect();
        // What is drawn at each corner of the label: the label itself when nothing clips or covers it.
        const inset = 1;
        const corners = [
          [box.left + inset, box.top + inset],
          [box.right - inset, box.top + inset],
          [box.left + inset, box.bottom - inset],
          [box.right - inset, box.bottom - inset],
        ];
        return {
          visibleCorners: corners.filter(([x, y]) => {
            const hit = document.elementFromPoint(x!, y!);
            return !!hit && (hit === element || element.contains(hit));
          }).length,
          insideViewport:
            box.top >= 0 &&
            box.left >= 0 &&
            box.bottom <= window.innerHeight &&
            box.right <= window.innerWidth,
          belowFieldTop: box.top >= field.top,
          width: box.width,
        };
      });
    const seen = (await eventually(measure, (m) => m !== null, 'the label in its field'))!;
    assert.ok(seen.width > 20, 'the label has its text');
    assert.equal(seen.insideViewport, true, 'label inside the viewport');
    assert.equal(seen.belowFieldTop, true, 'label not above the field');
    assert.equal(seen.visibleCorners, 4, 'no corner of the label clipped or covered');

    // Labels never cost the fields their height: a long narration scrolls inside its field
    // and draws nothing over the prompt below it.
    await b.page.keyboard.press('Control+End');
    await b.page.keyboard.type(' A long line that keeps the harbour talking.'.repeat(14));
    const field = a.page.getByTestId('scene-narration').first();
    await eventually(
      () => field.textContent(),
      (text) => (text ?? '').length > 500,
      'the long narration to reach the owner',
    );
    const layout = await a.page.evaluate(() => {
      // The test ids name the editors' content; their scrollers and editors hold them.
      const narration = document.querySelector('[data-testid="scene-narration"]')!;
      const scroller = narration.closest<HTMLElement>('.cm-scroller')!;
      const prompt = document.querySelector('[data-testid="scene-prompt"]')!.closest('.cm-editor')!;
      return {
        overflowY: getComputedStyle(scroller).overflowY,
        scrolls: scroller.scrollHeight > scroller.clientHeight,
        scrollerBottom: scroller.getBoundingClientRect().bottom,
        promptTop: prompt.getBoundingClientRect().top,
      };
    });
    assert.equal(layout.overflowY, 'auto', 'the narration field scrolls');
    assert.equal(layout.scrolls, true, 'the long narration is taller than its field');
    assert.ok(layout.scrollerBottom <= layout.promptTop, 'nothing of it reaches the prompt');

    // Offline: the header shows yourself and says you are offline, not "0 people here".
    await a.page.context().setOffline(true);
    const presence = a.page.getByTestId('presence');
    await a.page.locator('[data-testid="presence"][data-offline="true"]').waitFor();
    assert.equal(await presence.getAttribute('data-count'), '1');
    assert.equal(await presence.getByTestId('presence-count').textContent(), 'You · offline');
    assert.equal(await presence.getByTestId('presence-avatar').count(), 1);
    assert.equal(await presence.getByTestId('presence-avatar').textContent(), 'OO');
    await a.page.context().setOffline(false);
    await eventually(
      () => presence.getAttribute('data-count'),
      (count) => count === '2',
      'both people once back online',
    );
    assert.deepEqual(a.errors, []);
    assert.deepEqual(b.errors, []);
    await a.page.context().close();
    await b.page.context().close();
  });
});
