import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addScene } from '../../shared/project-doc.ts';
import {
  browserStage,
  closedAfterEachTest,
  eventually,
  openProjectPage,
} from '../support/browser.ts';
import { connectClient } from '../support/collab-client.ts';
import { addMember } from '../support/members.ts';
import { screenshotAtLaptopSizes } from '../support/screenshots.ts';
import { api, signUp } from '../support/web-server.ts';

/** Four procedural pictures on a loaded machine take seconds each. */
const PAINT_TIMEOUT_MS = 180_000;

/**
 * Regenerate, variants and the estimate in the browser (issue 14, ADR 0041),
 * with a real render node: A asks for variants, B (in French) sees them
 * appear live, A picks one and B sees the card's picture change; undo takes
 * the pick back; the Commit & render dialog shows the estimate.
 */
describe('scene variants', () => {
  const stage = browserStage({ env: { COLLAB_CONNECTIONS_PER_MINUTE: '1000' }, renderNode: true });
  const { contexts } = closedAfterEachTest();

  test('variants live for everyone; pick, undo; details; the estimate before render', async () => {
    const owner = await signUp(stage.server.url, 'Ada Author');
    const editor = await signUp(stage.server.url, 'Bruno Editeur');
    const created = await api(stage.server.url, 'POST', '/api/v1/projects', {
      token: owner.token,
      body: { title: 'Phare' },
    });
    const projectId = created.body.project.id as string;
    await addMember(stage.server, owner.token, projectId, editor, 'editor');
    const client = await connectClient(stage.server.url, owner.token, projectId);
    await client.settled();
    addScene(client.doc, { title: 'Lighthouse', prompt: 'a lighthouse at dawn', durationSec: 1 });
    addScene(client.doc, { title: 'Storm', prompt: 'waves and rain at night', durationSec: 1 });
    await client.settled();
    client.destroy();

    const a = await openProjectPage(stage.browser, stage.server.url, owner.token, projectId);
    const b = await openProjectPage(stage.browser, stage.server.url, editor.token, projectId, {
      locale: 'fr-FR',
    });
    contexts.add(a.page.context());
    contexts.add(b.page.context());
    const firstCard = (page: typeof a.page) => page.getByTestId('scene-item').first();

    await firstCard(a.page).getByTestId('scene-variants').click();
    // B is told of each variant as it is asked for, then as it is painted.
    await eventually(
      () => firstCard(b.page).getByTestId('scene-variant').count(),
      (n) => n === 4,
      'B to see four variants',
    );
    await eventually(
      () => firstCard(b.page).locator('[data-testid="scene-variant"][data-status="done"]').count(),
      (n) => n === 4,
      'B to see the four variants painted',
      PAINT_TIMEOUT_MS,
    );
    await firstCard(b.page).getByTestId('scene-variant-list').scrollIntoViewIfNeeded();
    await screenshotAtLaptopSizes(b.page, 'variants-fr');
    await eventually(
      () => firstCard(a.page).locator('[data-testid="scene-variant"][data-status="done"]').count(),
      (n) => n === 4,
      'A to see the four variants painted',
    );
    await firstCard(a.page).getByTestId('scene-variant-list').scrollIntoViewIfNeeded();
    await screenshotAtLaptopSizes(a.page, 'variants-en');

    // A picks the second one (by keyboard); B's card shows it pinned.
    const second = firstCard(a.page).getByTestId('scene-variant').nth(1);
    const seed = await second.getAttribute('data-seed');
    await second.getByTestId('scene-variant-use').focus();
    await a.page.keyboard.press('Enter');
    const pinned = await eventually(
      () =>
        firstCard(b.page)
          .getByTestId('scene-card-pinned')
          .getAttribute('data-hash', { timeout: 500 })
          .catch(() => null),
      (hash) => hash !== null && /^[0-9a-f]{64}$/.test(hash),
      'B to see the picked picture',
    );
    await eventually(
      () =>
        firstCard(b.page)
          .locator(`[data-testid="scene-variant"][data-in-use]`)
          .getAttribute('data-seed', { timeout: 500 })
          .catch(() => null),
      (value) => value === seed,
      'B to see which variant is in use',
    );
    assert.ok(pinned);
    // The card's own picture is the pinned one.
    assert.equal(
      await firstCard(b.page).getByTestId('scene-card-pinned').getAttribute('data-hash'),
      pinned,
    );
    await screenshotAtLaptopSizes(b.page, 'picked-fr');

    // One undo takes the pick back, for everyone.
    await a.page.keyboard.press('Control+z');
    await eventually(
      () => firstCard(b.page).getByTestId('scene-card-pinned').count(),
      (n) => n === 0,
      'B to see the pick undone',
    );
    await a.page.keyboard.press('Control+Shift+z');
    await firstCard(a.page).getByTestId('scene-card-pinned').waitFor();

    // Details: the record, copyable.
    await firstCard(a.page).getByTestId('scene-variant-details').first().click();
    const details = a.page.getByTestId('asset-details');
    await details.waitFor();
    const json = JSON.parse(await details.getByTestId('asset-json').innerText()) as {
      engine: { id: string };
      seed: number;
    };
    assert.equal(json.engine.id, 'procedural');
    await screenshotAtLaptopSizes(a.page, 'details-en');
    await a.page.keyboard.press('Escape');

    // The estimate in the Commit & render dialog.
    await a.page.getByTestId('commit-render').click();
    const dialog = a.page.getByTestId('commit-dialog');
    await dialog.getByTestId('commit-estimate-run').click();
    await eventually(
      () => dialog.getByTestId('commit-estimate-scene').count(),
      (n) => n === 2,
      'the estimate per scene',
      30_000,
    );
    assert.match(await dialog.getByTestId('commit-estimate-total').innerText(), /Total/);
    await screenshotAtLaptopSizes(a.page, 'estimate-en');
    await b.page.getByTestId('commit-render').click();
    const dialogB = b.page.getByTestId('commit-dialog');
    await dialogB.getByTestId('commit-estimate-run').click();
    await dialogB.getByTestId('commit-estimate-total').waitFor({ timeout: 30_000 });
    await screenshotAtLaptopSizes(b.page, 'estimate-fr');
    assert.deepEqual(a.errors, []);
    assert.deepEqual(b.errors, []);
  });
});
