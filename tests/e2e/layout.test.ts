import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { addCastMember, addScene, setSceneCast } from '../../shared/project-doc.ts';
import {
  browserStage,
  closedAfterEachTest,
  collectPageErrors,
  eventually,
  signedInContext,
} from '../support/browser.ts';
import { connectClient } from '../support/collab-client.ts';
import { addMember } from '../support/members.ts';
import { createProject, signUp } from '../support/web-server.ts';

/** Set to a folder to keep screenshots of the editor (docs/screenshots/layout holds the committed ones). */
const SCREENSHOT_DIR = process.env.MONTAGE_SCREENSHOT_DIR;

const LAPTOP = { width: 1440, height: 900 };
const SMALL_LAPTOP = { width: 1280, height: 720 };

/** Scenes with some narration, as an imported story would have. */
const SCENES = Array.from({ length: 12 }, (_, i) => ({
  title: `Scene of the harbour ${i + 1}`,
  narration: `The boats come back one by one as the light changes over the harbour, part ${i + 1}.`,
  prompt: 'Fishing boats at dusk, warm light, wide shot',
  mood: 'calm',
}));

/**
 * Room to work (issue 12, item 2): folding panels, compact cards and a board
 * that shows several cards at once, a project bar that stays on one line,
 * and dialogs that fit the window, at laptop sizes.
 */
describe('editor layout', () => {
  const stage = browserStage({ env: { COLLAB_CONNECTIONS_PER_MINUTE: '1000' } });
  const { contexts, clients } = closedAfterEachTest();

  async function projectWithScenes(title = 'Harbour lights') {
    const owner = await signUp(stage.server.url, 'Olivia Owner');
    const projectId = await createProject(stage.server.url, owner.token, title);
    const client = await connectClient(stage.server.url, owner.token, projectId);
    clients.add(client);
    await client.settled();
    client.doc.transact(() => {
      const ids = SCENES.map((scene) => addScene(client.doc, scene));
      // A character in the first scene: deleting it asks first (a confirmation dialog).
      const marin = addCastMember(client.doc, { name: 'Marin', description: 'An old sailor' });
      setSceneCast(client.doc, ids[0]!, [marin]);
    });
    await client.settled();
    client.destroy();
    clients.delete(client);
    return { owner, projectId };
  }

  async function open(
    token: string,
    projectId: string,
    viewport: { width: number; height: number },
    locale = 'en-US',
  ) {
    const context = await signedInContext(stage.browser, stage.server.url, token, { locale });
    contexts.add(context);
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    const errors = collectPageErrors(page);
    await page.goto(`/projects/${projectId}`);
    await page.getByTestId('live-project').waitFor();
    await eventually(
      () => page.getByTestId('scene-item').count(),
      (n) => n === SCENES.length,
      'every card on the board',
    );
    return { page, errors };
  }

  /** Cards whose whole box lies inside the board's scrolling area, as it is scrolled now. */
  const fullyVisibleCards = (page: Page) =>
    page.evaluate(() => {
      const scroller = document.querySelector('[data-testid="scene-list"]');
      if (!scroller) return 0;
      const box = scroller.getBoundingClientRect();
      return [...document.querySelectorAll('[data-testid="scene-item"]')].filter((card) => {
        const r = card.getBoundingClientRect();
        return (
          r.width > 0 &&
          r.top >= box.top - 0.5 &&
          r.bottom <= box.bottom + 0.5 &&
          r.left >= box.left - 0.5 &&
          r.right <= box.right + 0.5
        );
      }).length;
    });

  async function screenshot(page: Page, name: string) {
    if (!SCREENSHOT_DIR) return;
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, name) });
  }

  test('panels collapse and the board then shows at least three cards at 1440×900', async () => {
    const { owner, projectId } = await projectWithScenes();
    const { page, errors } = await open(owner.token, projectId, LAPTOP);

    const open2 = await fullyVisibleCards(page);
    assert.ok(open2 >= 2, `with every panel open, ${open2} card(s) fully visible (want 2 or more)`);
    await screenshot(page, 'editor-en-1440x900.png');

    await page.getByTestId('fold-side').click();
    await page.getByTestId('fold-preview').click();
    await page.getByTestId('side-rail').waitFor();
    await page.getByTestId('preview-rail').waitFor();
    assert.equal(await page.getByTestId('side-panel').isVisible(), false);
    assert.equal(await page.getByTestId('preview-column').isVisible(), false);
    const folded = await fullyVisibleCards(page);
    await screenshot(page, 'editor-collapsed-en-1440x900.png');
    assert.ok(
      folded >= 3,
      `with the panels folded, ${folded} card(s) fully visible (want 3 or more)`,
    );

    await page.getByTestId('density-compact').click();
    assert.equal(await page.getByTestId('scene-board').getAttribute('data-density'), 'compact');
    const compact = await fullyVisibleCards(page);
    assert.ok(
      compact > folded,
      `compact cards show more at once (${compact}) than detailed ones (${folded})`,
    );
    // A compact card keeps its title, duration, picture and narration; the rest waits for "Detailed".
    const first = page.getByTestId('scene-item').first();
    assert.equal(await first.getByTestId('scene-title').isVisible(), true);
    assert.equal(await first.getByTestId('scene-duration').isVisible(), true);
    assert.equal(await first.getByTestId('scene-narration').isVisible(), true);
    assert.equal(await first.getByTestId('scene-prompt').isVisible(), false);
    assert.equal(await first.getByTestId('scene-transition').isVisible(), false);
    await screenshot(page, 'editor-collapsed-compact-en-1440x900.png');

    // The rail brings the panel back on the tab chosen there.
    await page.getByTestId('rail-tab-cast').click();
    await page.getByTestId('side-panel').waitFor();
    assert.equal(await page.getByTestId('tab-cast').getAttribute('data-state'), 'active');
    assert.deepEqual(errors, []);
  });

  test('the folded panels, the timeline and the card density survive a reload', async () => {
    const { owner, projectId } = await projectWithScenes();
    const { page, errors } = await open(owner.token, projectId, LAPTOP);

    // The keys fold the panels from anywhere outside a text field.
    await page.getByTestId('scene-board').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('[');
    await page.keyboard.press(']');
    await page.keyboard.press('\\');
    await page.getByTestId('side-rail').waitFor();
    await page.getByTestId('preview-rail').waitFor();
    assert.equal(await page.locator('#editor-timeline-body').isVisible(), false);
    assert.equal(await page.getByTestId('unfold-timeline').getAttribute('aria-expanded'), 'false');
    await page.getByTestId('density-compact').click();
    // Typed into a field, the same keys are text.
    await page.getByTestId('scene-title').first().fill('A [bracketed] title');
    assert.equal(await page.getByTestId('side-rail').isVisible(), true);

    await page.reload();
    await page.getByTestId('live-project').waitFor();
    await page.getByTestId('side-rail').waitFor();
    await page.getByTestId('preview-rail').waitFor();
    assert.equal(await page.getByTestId('side-panel').isVisible(), false);
    assert.equal(await page.locator('#editor-timeline-body').isVisible(), false);
    assert.equal(await page.getByTestId('scene-board').getAttribute('data-density'), 'compact');
    assert.equal(await page.getByTestId('rail-render-count').getAttribute('data-count'), '0');

    // The shortcuts list names the keys.
    await page.getByTestId('shortcuts-open').click();
    const shortcuts = page.getByTestId('shortcuts-dialog');
    await shortcuts.getByText('Hide or show the script, cast and history panel').waitFor();
    await shortcuts.getByText('Hide or show the timeline').waitFor();
    await page.keyboard.press('Escape');

    // Unfolding by keyboard: the focus follows to the button that folds the panel again.
    await page.getByTestId('unfold-side').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('side-panel').waitFor();
    await eventually(
      () => page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
      (focused) => focused === 'fold-side',
      'focus on the fold button of the panel',
    );
    await page.getByTestId('unfold-timeline').click();
    await page.locator('#editor-timeline-body').waitFor();
    const stored = await page.evaluate(() => localStorage.getItem('montage.editor-layout'));
    assert.deepEqual(JSON.parse(stored ?? 'null'), {
      sideCollapsed: false,
      previewCollapsed: true,
      timelineCollapsed: false,
      density: 'compact',
    });
    assert.deepEqual(errors, []);
  });

  /** Every element of the project bar (and of its action group) sits on one row. */
  async function barRows(page: Page) {
    return page.evaluate(() => {
      const bar = document.querySelector('.project-bar');
      if (!bar) return null;
      const parts = [
        ...bar.querySelectorAll(
          ':scope > *, .project-status > *, .project-actions > *, .project-actions button',
        ),
      ]
        .map((element) => element.getBoundingClientRect())
        .filter((r) => r.width > 0 && r.height > 0);
      const lowestTop = Math.max(...parts.map((r) => r.top));
      const highestBottom = Math.min(...parts.map((r) => r.bottom));
      return {
        oneRow: lowestTop < highestBottom,
        overflows: bar.scrollWidth > bar.clientWidth + 1,
        height: bar.getBoundingClientRect().height,
      };
    });
  }

  for (const locale of ['en-US', 'fr-FR']) {
    test(`the project bar stays on one line with three people and more at 1280×720 (${locale})`, async () => {
      const { owner, projectId } = await projectWithScenes();
      const others = [];
      for (const name of ['Eddie Editor', 'Fatou Faye', 'Gustave Girard']) {
        const person = await signUp(stage.server.url, name);
        await addMember(stage.server, owner.token, projectId, person, 'editor');
        others.push(person);
      }
      const { page, errors } = await open(owner.token, projectId, SMALL_LAPTOP, locale);
      const presence = page.getByTestId('presence');
      for (const [i, person] of others.entries()) {
        const client = await connectClient(stage.server.url, person.token, projectId);
        clients.add(client);
        client.provider.setAwarenessField('focus', null);
        await eventually(
          () => presence.getAttribute('data-count'),
          (count) => count === String(i + 2),
          `${i + 2} people present`,
        );
        if (i === 1) {
          const rows = await barRows(page);
          assert.deepEqual(
            { oneRow: rows?.oneRow, overflows: rows?.overflows },
            { oneRow: true, overflows: false },
            `three people: ${JSON.stringify(rows)}`,
          );
          if (locale === 'en-US') await screenshot(page, 'editor-en-1280x720.png');
          else await screenshot(page, 'editor-fr-1280x720.png');
        }
      }
      // A fourth person: three avatars and "+1" (whose name shows on hover).
      assert.equal(await presence.getByTestId('presence-avatar').count(), 3);
      assert.equal(await presence.getByTestId('presence-more').innerText(), '+1');
      const rows = await barRows(page);
      assert.equal(rows?.oneRow, true, `four people: ${JSON.stringify(rows)}`);
      assert.equal(rows?.overflows, false, `four people: ${JSON.stringify(rows)}`);
      assert.deepEqual(errors, []);
    });
  }

  /**
   * The dialog's box lies inside the window, and its primary action is on
   * screen and the top element there, once scrolled to inside the dialog.
   */
  async function assertFits(page: Page, dialog: Locator, action: Locator, what: string) {
    await dialog.waitFor();
    const box = await dialog.boundingBox();
    const viewport = page.viewportSize();
    assert.ok(box && viewport, `${what}: no box`);
    assert.ok(
      box.y >= 0 &&
        box.x >= 0 &&
        box.y + box.height <= viewport.height + 0.5 &&
        box.x + box.width <= viewport.width + 0.5,
      `${what}: the dialog ${JSON.stringify(box)} leaves the ${viewport.width}×${viewport.height} window`,
    );
    await action.scrollIntoViewIfNeeded();
    const reachable = await action.evaluate((button) => {
      const r = button.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return {
        onScreen: r.top >= 0 && r.bottom <= window.innerHeight && r.width > 0,
        top: !!hit && (hit === button || button.contains(hit)),
      };
    });
    assert.deepEqual(reachable, { onScreen: true, top: true }, `${what}: its action is hidden`);
  }

  test('no dialog overflows at 1280×720', async () => {
    const { owner, projectId } = await projectWithScenes();
    const { page, errors } = await open(owner.token, projectId, SMALL_LAPTOP, 'fr-FR');

    // Import, with a long script: the preview of every scene makes the dialog taller than the window.
    await page.getByTestId('import-button').click();
    const importDialog = page.getByTestId('import-dialog');
    const story = Array.from(
      { length: 14 },
      (_, i) =>
        `INT. HARBOUR ${i + 1} - NIGHT\n\nThe boats come back, one by one, part ${i + 1}.\n`,
    ).join('\n');
    await importDialog.getByTestId('import-text').fill(story);
    await eventually(
      () => importDialog.getByTestId('import-apply').isEnabled(),
      (enabled) => enabled,
      'the import preview',
    );
    await assertFits(page, importDialog, importDialog.getByTestId('import-apply'), 'import');
    const scrolls = await importDialog.evaluate((box) => box.scrollHeight > box.clientHeight);
    assert.ok(scrolls, 'the long import preview scrolls inside the dialog');
    // The actions stay pinned while the body scrolls (no need to scroll to them).
    await importDialog.evaluate((box) => box.scrollTo(0, 0));
    await assertFits(page, importDialog, importDialog.getByTestId('import-apply'), 'import (top)');
    await screenshot(page, 'import-dialog-fr-1280x720.png');
    await page.keyboard.press('Escape');

    await page.getByTestId('commit-render').click();
    const commit = page.getByTestId('commit-dialog');
    await assertFits(page, commit, commit.getByTestId('commit-submit'), 'commit & render');
    await page.keyboard.press('Escape');

    await page.getByTestId('settings-open').click();
    const settings = page.getByTestId('settings-dialog');
    await assertFits(page, settings, settings.getByTestId('settings-close'), 'settings');
    await page.keyboard.press('Escape');

    await page.getByTestId('members-button').click();
    const members = page.getByTestId('members-dialog');
    await assertFits(page, members, members.locator('.dialog-actions .btn').last(), 'members');
    await page.keyboard.press('Escape');

    await page.getByTestId('shortcuts-open').click();
    const shortcuts = page.getByTestId('shortcuts-dialog');
    await assertFits(page, shortcuts, shortcuts.locator('kbd').last(), 'shortcuts');
    await page.keyboard.press('Escape');

    // The cast's confirmation: a character (with its voice) who is in a scene.
    await page.getByTestId('tab-cast').click();
    await page.getByTestId('cast-delete').first().click();
    const confirm = page.getByTestId('confirm-dialog');
    await assertFits(page, confirm, confirm.getByTestId('cast-delete-confirm'), 'cast delete');
    await page.keyboard.press('Escape');

    // The projects list's dialog.
    await page.goto('/projects');
    await page.getByTestId('create-project').click();
    const create = page.getByTestId('create-project-dialog');
    await assertFits(page, create, create.getByTestId('create-submit'), 'create project');
    await page.keyboard.press('Escape');
    assert.deepEqual(errors, []);
  });

  test('the default editor at 1440×900 in French (screenshot)', async () => {
    const { owner, projectId } = await projectWithScenes('Les lumières du port');
    const { page, errors } = await open(owner.token, projectId, LAPTOP, 'fr-FR');
    const visible = await fullyVisibleCards(page);
    assert.ok(visible >= 2, `${visible} card(s) fully visible in French (want 2 or more)`);
    await screenshot(page, 'editor-fr-1440x900.png');
    assert.deepEqual(errors, []);
  });
});
