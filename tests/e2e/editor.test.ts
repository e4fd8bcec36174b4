import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dialog, Locator, Page } from 'playwright-core';
import * as Y from 'yjs';
import {
  addCastMember,
  addScene,
  listScenes,
  projectMap,
  scenesMap,
  scriptText,
  type SceneInput,
} from '../../shared/project-doc.ts';
import {
  browserStage,
  closedAfterEachTest,
  collectPageErrors,
  eventually,
  openProjectPage,
  signedInContext,
} from '../support/browser.ts';
import { connectClient, type CollabClient } from '../support/collab-client.ts';
import { api, signUp } from '../support/web-server.ts';
import { addMember } from '../support/members.ts';

type User = Awaited<ReturnType<typeof signUp>>;
type Role = 'editor' | 'viewer';
interface Opened {
  page: Page;
  errors: string[];
}

/**
 * The project editor (board, script, timeline, history) with two or three
 * people in their own browser contexts on the real server: concurrent typing
 * and reordering, undo of one's own changes only, offline work, what viewers
 * may do, the French UI, presence, split/merge and restoring a revision.
 */
describe('project editor', () => {
  const stage = browserStage({ env: { COLLAB_CONNECTIONS_PER_MINUTE: '1000' } });

  const { contexts, clients } = closedAfterEachTest();

  // --- Set-up ---------------------------------------------------------------

  /** An owner and people with the given roles on a new project. */
  async function sharedProject(title: string, names: [string, Role][]) {
    const owner = await signUp(stage.server.url, 'Olivia Owner');
    const created = await api(stage.server.url, 'POST', '/api/v1/projects', {
      token: owner.token,
      body: { title },
    });
    assert.equal(created.status, 201);
    const projectId = created.body.project.id as string;
    const members: User[] = [];
    for (const [name, role] of names) {
      const user = await signUp(stage.server.url, name);
      await addMember(stage.server, owner.token, projectId, user, role);
      members.push(user);
    }
    return { owner, members, projectId };
  }

  /** A Node client on the project: the server's copy of the document, kept live. */
  async function serverCopy(token: string, projectId: string): Promise<CollabClient> {
    const client = await connectClient(stage.server.url, token, projectId);
    clients.add(client);
    await client.settled();
    return client;
  }

  /** Writes scenes (and optionally the script and cast) through a Node client; returns the scene ids. */
  async function seed(
    token: string,
    projectId: string,
    scenes: SceneInput[],
    extra: { script?: string; cast?: string[] } = {},
  ): Promise<string[]> {
    const client = await serverCopy(token, projectId);
    const ids: string[] = [];
    client.doc.transact(() => {
      for (const scene of scenes) ids.push(addScene(client.doc, scene));
      if (extra.script) scriptText(client.doc).insert(0, extra.script);
      for (const name of extra.cast ?? []) addCastMember(client.doc, { name });
    });
    await client.settled();
    client.destroy();
    clients.delete(client);
    return ids;
  }

  const openProject = async (token: string, projectId: string): Promise<Opened> => {
    const opened = await openProjectPage(stage.browser, stage.server.url, token, projectId);
    contexts.add(opened.page.context());
    await saved(opened.page);
    return opened;
  };

  // --- Reading the page -----------------------------------------------------

  const card = (page: Page, sceneId: string) =>
    page.locator(`[data-testid="scene-item"][data-scene-id="${sceneId}"]`);

  const saved = (page: Page) =>
    page.getByTestId('sync-status').and(page.locator('[data-status="saved"]')).waitFor();

  const status = (page: Page) => page.getByTestId('sync-status').getAttribute('data-status');

  const boardOrder = (page: Page) =>
    page
      .getByTestId('scene-item')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-scene-id') ?? ''));

  const timelineOrder = (page: Page) =>
    page
      .getByTestId('timeline-block')
      .evaluateAll((blocks) => blocks.map((b) => b.getAttribute('data-scene-id') ?? ''));

  const titleOf = (page: Page, sceneId: string) =>
    card(page, sceneId).getByTestId('scene-title').inputValue();

  const titles = (page: Page) =>
    page
      .getByTestId('scene-title')
      .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));

  /**
   * The text of a CodeMirror field (or of its static stand-in) as the person
   * reads it: lines joined by new lines, without the placeholder and without
   * the other people's labelled carets drawn inside it.
   */
  const editorText = (field: Locator) =>
    field.evaluate((element) => {
      const copy = element.cloneNode(true) as HTMLElement;
      for (const extra of copy.querySelectorAll('.cm-placeholder, .cm-ySelectionCaret')) {
        extra.remove();
      }
      if (!element.classList.contains('cm-content')) return copy.textContent ?? '';
      return [...copy.children].map((line) => line.textContent ?? '').join('\n');
    });

  /** A scene's live narration editor (the CodeMirror content, not the stand-in). */
  const narrationEditor = (page: Page, sceneId: string) =>
    card(page, sceneId).locator('.cm-content[data-testid="scene-narration"]');

  const narrationOf = (page: Page, sceneId: string) =>
    editorText(card(page, sceneId).getByTestId('scene-narration'));

  const waitFor = <T>(read: () => Promise<T>, expected: T, what: string, timeoutMs?: number) =>
    eventually(
      read,
      (value) => JSON.stringify(value) === JSON.stringify(expected),
      `${what} (expected ${JSON.stringify(expected)})`,
      timeoutMs,
    );

  /** The scene ids in order in the server's copy. */
  const serverOrder = (client: CollabClient) => listScenes(client.doc).map((scene) => scene.id);
  const serverNarration = (client: CollabClient, sceneId: string) =>
    String(scenesMap(client.doc).get(sceneId)?.get('narration') ?? '');
  const serverTitle = (client: CollabClient, sceneId: string) =>
    scenesMap(client.doc).get(sceneId)?.get('title');

  async function openMenuItem(page: Page, sceneId: string, item: string) {
    await card(page, sceneId).getByTestId('scene-menu').click();
    await page.getByRole('menu').getByTestId(item).click();
    await page.getByRole('menu').waitFor({ state: 'detached' });
  }

  /** Puts the caret in a scene's narration, `offset` characters from its start. */
  async function caretInNarration(page: Page, sceneId: string, offset: number) {
    const editor = narrationEditor(page, sceneId);
    await editor.click();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < offset; i++) await page.keyboard.press('ArrowRight');
  }

  /** The centre of a card's drag handle, scrolled into view (at 1280x720 a card fills the board). */
  async function handleCentre(page: Page, sceneId: string) {
    const handle = card(page, sceneId).getByTestId('drag-handle');
    await handle.scrollIntoViewIfNeeded();
    const box = (await handle.boundingBox())!;
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    assert.equal(
      await page.evaluate(
        (p) => document.elementFromPoint(p.x, p.y)?.closest('[data-testid="drag-handle"]') !== null,
        centre,
      ),
      true,
      'the pointer is on the handle',
    );
    return centre;
  }

  // --- Tests ----------------------------------------------------------------

  test('two people typing in the same narration at once both keep every character', async () => {
    const { owner, members, projectId } = await sharedProject('Tide tables', [
      ['Eddie Editor', 'editor'],
    ]);
    const base = 'The tide turns.';
    const [sceneId] = await seed(owner.token, projectId, [
      { title: 'Harbour', narration: base },
      { title: 'Open sea', narration: 'Waves.' },
    ]);
    const a = await openProject(owner.token, projectId);
    const b = await openProject(members[0]!.token, projectId);

    // Both put the caret at the very end of the same narration, then type at once.
    for (const { page } of [a, b]) {
      await narrationEditor(page, sceneId!).click();
      await page.keyboard.press('Control+End');
    }
    const fromA = ' Gulls circle the mast at first light.';
    const fromB = ' Rain drums on the wheelhouse roof.';
    await Promise.all([
      a.page.keyboard.type(fromA, { delay: 30 }),
      b.page.keyboard.type(fromB, { delay: 30 }),
    ]);

    const both = [base + fromA + fromB, base + fromB + fromA];
    const [textA] = await eventually(
      () => Promise.all([narrationOf(a.page, sceneId!), narrationOf(b.page, sceneId!)]),
      ([x, y]) => x === y && x.length === base.length + fromA.length + fromB.length,
      'both pages to show the same narration with both sentences',
    );
    assert.ok(both.includes(textA!), `each sentence is whole: ${JSON.stringify(textA)}`);
    for (const { page } of [a, b]) await saved(page);

    const copy = await serverCopy(owner.token, projectId);
    assert.equal(serverNarration(copy, sceneId!), textA, 'the server holds the same text');
    for (const { errors } of [a, b]) assert.deepEqual(errors, []);
  });

  test('a drag on one side and Alt+arrow moves on the other give one order for everyone', async () => {
    const { owner, members, projectId } = await sharedProject('Shuffled deck', [
      ['Eddie Editor', 'editor'],
    ]);
    const ids = await seed(
      owner.token,
      projectId,
      [1, 2, 3, 4, 5].map((n) => ({ title: `Scene ${n}`, narration: `Line ${n}.` })),
    );
    const [s1, s2, s3, s4, s5] = ids as [string, string, string, string, string];
    const a = await openProject(owner.token, projectId);
    const b = await openProject(members[0]!.token, projectId);
    const copy = await serverCopy(owner.token, projectId);
    for (const { page } of [a, b]) await waitFor(() => boardOrder(page), ids, 'the seeded order');

    // A drags scene 2 by its handle onto the upper half of scene 1 (drop before it),
    // while B moves scene 5 up twice with Alt+↑ from its title.
    const handle = (await card(a.page, s2).getByTestId('drag-handle').boundingBox())!;
    const target = (await card(a.page, s1).boundingBox())!;
    const from = { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 };
    const to = { x: target.x + target.width / 2, y: target.y + target.height / 4 };
    // Both points are on screen, on what the pointer is meant to hit (no scrolling mid-drag).
    assert.deepEqual(
      await a.page.evaluate(
        ([p, q]) => [
          document.elementFromPoint(p!.x, p!.y)?.closest('[data-testid="drag-handle"]') !== null,
          document
            .elementFromPoint(q!.x, q!.y)
            ?.closest('[data-testid="scene-item"]')
            ?.getAttribute('data-scene-id'),
        ],
        [from, to],
      ),
      [true, s1],
    );
    const drag = (async () => {
      await a.page.mouse.move(from.x, from.y);
      await a.page.mouse.down();
      await a.page.mouse.move(to.x, to.y, { steps: 8 });
      await a.page.mouse.up();
    })();
    const keys = (async () => {
      const title = card(b.page, s5).getByTestId('scene-title');
      await title.click();
      await b.page.keyboard.press('Alt+ArrowUp');
      await eventually(
        () => boardOrder(b.page),
        (order) => order.indexOf(s5) < order.indexOf(s4),
        'scene 5 to move above scene 4',
      );
      await b.page.keyboard.press('Alt+ArrowUp');
      await eventually(
        () => boardOrder(b.page),
        (order) => order.indexOf(s5) < order.indexOf(s3),
        'scene 5 to move above scene 3',
      );
      // The focus follows the moved card.
      assert.equal(
        await b.page.evaluate(() =>
          document.activeElement
            ?.closest('[data-testid="scene-item"]')
            ?.getAttribute('data-scene-id'),
        ),
        s5,
      );
    })();
    await Promise.all([drag, keys]);

    // Whichever move reached the other side first, both intentions hold: 2 before 1, 5 above 3.
    const order = [s2, s1, s5, s3, s4];
    await waitFor(
      async () => [await boardOrder(a.page), await boardOrder(b.page), serverOrder(copy)],
      [order, order, order],
      'the same order on both pages and on the server',
    );
    assert.equal(new Set(serverOrder(copy)).size, 5, 'no scene lost or duplicated');
    assert.equal(scenesMap(copy.doc).size, 5);
    for (const { page } of [a, b]) {
      assert.deepEqual(await timelineOrder(page), order, 'the timeline shows the same order');
      assert.deepEqual(
        await titles(page),
        order.map((id) => `Scene ${ids.indexOf(id) + 1}`),
      );
      await saved(page);
    }
    for (const { errors } of [a, b]) assert.deepEqual(errors, []);
  });

  test('a mouse drag on a card handle shows a drop line, moves the card for everyone, and one Ctrl+Z undoes it', async () => {
    const { owner, members, projectId } = await sharedProject('Pointer deck', [
      ['Eddie Editor', 'editor'],
    ]);
    const ids = await seed(
      owner.token,
      projectId,
      [1, 2, 3, 4].map((n) => ({ title: `Scene ${n}`, narration: `Line ${n}.` })),
    );
    const [s1, s2, s3, s4] = ids as [string, string, string, string];
    const a = await openProject(owner.token, projectId);
    const b = await openProject(members[0]!.token, projectId);
    await a.page.setViewportSize({ width: 1280, height: 720 });
    const copy = await serverCopy(owner.token, projectId);
    for (const { page } of [a, b]) await waitFor(() => boardOrder(page), ids, 'the seeded order');
    const dropLine = a.page.getByTestId('board-drop-line');

    const list = a.page.getByTestId('scene-list');
    const scrollTop = () => list.evaluate((element) => element.scrollTop);
    // Escape in the middle of a drag cancels it: no line, no move, nothing to undo.
    const from2 = await handleCentre(a.page, s2);
    await a.page.mouse.move(from2.x, from2.y);
    await a.page.mouse.down();
    await a.page.mouse.move(from2.x + 10, from2.y + 60, { steps: 6 });
    await dropLine.waitFor();
    await a.page.keyboard.press('Escape');
    await dropLine.waitFor({ state: 'detached' });
    await a.page.mouse.up();
    assert.deepEqual(await boardOrder(a.page), ids, 'a cancelled drag moves nothing');
    assert.equal(await a.page.getByTestId('undo').isDisabled(), true, 'and leaves no undo step');

    // Scene 3's handle, pressed and moved in steps to the board's top edge: the board
    // scrolls up by itself while the pointer waits there, then onto scene 1's upper half.
    const from = await handleCentre(a.page, s3);
    assert.ok((await scrollTop()) > 0, 'scene 3 is scrolled to');
    const board = (await list.boundingBox())!;
    await a.page.mouse.move(from.x, from.y);
    await a.page.mouse.down();
    await a.page.mouse.move(from.x + 5, from.y - 20, { steps: 3 });
    await a.page.mouse.move(from.x + 5, board.y + 10, { steps: 6 });
    await dropLine.waitFor();
    await eventually(scrollTop, (top) => top === 0, 'the board to scroll to its top');
    const first = (await card(a.page, s1).boundingBox())!;
    await a.page.mouse.move(from.x + 5, first.y + first.height / 4, { steps: 4 });
    // Mid-drag: the grabbed card is marked and the line sits just above scene 1.
    const line = (await dropLine.boundingBox())!;
    assert.ok(
      line.y < first.y && line.y > first.y - 20,
      `drop line above scene 1 (line at ${line.y}, card at ${first.y})`,
    );
    assert.equal(await card(a.page, s3).getAttribute('data-dragging'), '');
    assert.equal(await dropLine.textContent(), 'Scene 3 lands here', 'the line says what lands');
    assert.deepEqual(await boardOrder(b.page), ids, 'nothing is written before the drop');
    await a.page.mouse.up();
    await dropLine.waitFor({ state: 'detached' });

    const moved = [s3, s1, s2, s4];
    await waitFor(
      async () => [await boardOrder(a.page), await boardOrder(b.page), serverOrder(copy)],
      [moved, moved, moved],
      'scene 3 first on both pages and on the server',
    );
    assert.equal(await card(a.page, s3).getAttribute('data-dragging'), null);
    assert.deepEqual(await timelineOrder(b.page), moved, 'the timeline follows');

    // One Ctrl+Z takes the whole drop back, for everyone.
    await a.page.keyboard.press('Control+z');
    await waitFor(
      async () => [await boardOrder(a.page), await boardOrder(b.page), serverOrder(copy)],
      [ids, ids, ids],
      'the first order back everywhere',
    );
    assert.equal(await a.page.getByTestId('undo').isDisabled(), true, 'the drop was one step');
    for (const { page } of [a, b]) await saved(page);
    for (const { errors } of [a, b]) assert.deepEqual(errors, []);
  });

  test('a finger drags the selected cards together, the board scrolling under it', async () => {
    const { owner, projectId } = await sharedProject('Touch deck', []);
    const ids = await seed(
      owner.token,
      projectId,
      [1, 2, 3, 4].map((n) => ({ title: `Scene ${n}`, narration: `Line ${n}.` })),
    );
    const [s1, s2, s3, s4] = ids as [string, string, string, string];
    const a = await openProject(owner.token, projectId);
    await a.page.setViewportSize({ width: 1280, height: 720 });
    const copy = await serverCopy(owner.token, projectId);
    await waitFor(() => boardOrder(a.page), ids, 'the seeded order');
    const list = a.page.getByTestId('scene-list');
    const dropLine = a.page.getByTestId('board-drop-line');

    // Scenes 3 and 4 selected; a finger (touch pointer events) drags scene 4 by its handle
    // to the board's top edge, waits while it scrolls, then over scene 1's upper half.
    for (const id of [s3, s4]) await card(a.page, id).getByTestId('scene-select').check();
    const from = await handleCentre(a.page, s4);
    const board = (await list.boundingBox())!;
    const cdp = await a.page.context().newCDPSession(a.page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x = 0, y = 0) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: type === 'touchEnd' ? [] : [{ x, y }],
      });
    await touch('touchStart', from.x, from.y);
    for (let step = 1; step <= 6; step++) {
      await touch('touchMove', from.x, from.y + ((board.y + 10 - from.y) * step) / 6);
    }
    await dropLine.waitFor();
    assert.equal(await dropLine.textContent(), '2 scenes land here');
    await eventually(
      () => list.evaluate((element) => element.scrollTop),
      (top) => top === 0,
      'the board to scroll to its top',
    );
    const first = (await card(a.page, s1).boundingBox())!;
    await touch('touchMove', from.x, first.y + first.height / 4);
    for (const id of [s3, s4]) {
      assert.equal(await card(a.page, id).getAttribute('data-dragging'), '', 'both cards move');
    }
    await touch('touchEnd');
    await dropLine.waitFor({ state: 'detached' });

    const moved = [s3, s4, s1, s2];
    await waitFor(
      async () => [await boardOrder(a.page), serverOrder(copy)],
      [moved, moved],
      'scenes 3 and 4 first, together, on the page and on the server',
    );
    assert.deepEqual(
      await a.page
        .getByTestId('scene-select')
        .evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).checked)),
      [true, true, false, false],
      'the selection survives the drop',
    );
    await saved(a.page);
    assert.deepEqual(a.errors, []);
  });

  test('Ctrl+Z undoes only your own changes: a title, a delete, a keyboard move', async () => {
    const { owner, members, projectId } = await sharedProject('Two hands', [
      ['Eddie Editor', 'editor'],
    ]);
    const ids = await seed(owner.token, projectId, [
      { title: 'Dawn', narration: 'Light.' },
      { title: 'Noon', narration: 'Heat.' },
      { title: 'Dusk', narration: 'Shadows.' },
    ]);
    const [s1, s2, s3] = ids as [string, string, string];
    const a = await openProject(owner.token, projectId);
    const b = await openProject(members[0]!.token, projectId);

    // A retitles scene 1, B retitles scene 2; both see both.
    await card(a.page, s1).getByTestId('scene-title').fill('Dawn, by A');
    await card(b.page, s2).getByTestId('scene-title').fill('Noon, by B');
    for (const { page } of [a, b]) {
      await waitFor(() => titleOf(page, s1), 'Dawn, by A', 'scene 1 retitled by A');
      await waitFor(() => titleOf(page, s2), 'Noon, by B', 'scene 2 retitled by B');
    }

    // A presses Ctrl+Z (focus still in A's title field, inside the editor): only A's edit goes.
    await a.page.keyboard.press('Control+z');
    for (const { page } of [a, b]) {
      await waitFor(() => titleOf(page, s1), 'Dawn', 'A’s title undone');
      assert.equal(await titleOf(page, s2), 'Noon, by B', 'B’s title stays');
    }
    assert.equal(await a.page.getByTestId('undo').isDisabled(), true, 'A has nothing else to undo');
    assert.equal(await b.page.getByTestId('undo').isDisabled(), false, 'B still can undo theirs');

    // A deletes scene 3 from its menu; Ctrl+Z brings it back, for both, in its place.
    await openMenuItem(a.page, s3, 'delete-scene');
    for (const { page } of [a, b]) await waitFor(() => boardOrder(page), [s1, s2], 'scene 3 gone');
    await a.page.keyboard.press('Control+z');
    for (const { page } of [a, b]) {
      await waitFor(() => boardOrder(page), [s1, s2, s3], 'scene 3 back');
      await waitFor(() => narrationOf(page, s3), 'Shadows.', 'scene 3 with its narration');
    }

    // A moves scene 1 down with Alt+↓ from inside its narration; Ctrl+Z puts it back.
    await narrationEditor(a.page, s1).click();
    await a.page.keyboard.press('Alt+ArrowDown');
    for (const { page } of [a, b]) await waitFor(() => boardOrder(page), [s2, s1, s3], 'moved');
    await a.page.keyboard.press('Control+z');
    for (const { page } of [a, b]) await waitFor(() => boardOrder(page), [s1, s2, s3], 'restored');
    assert.equal(await titleOf(b.page, s2), 'Noon, by B');
    assert.equal(await narrationOf(a.page, s1), 'Light.', 'the narration was not touched');

    for (const { page } of [a, b]) await saved(page);
    for (const { errors } of [a, b]) assert.deepEqual(errors, []);
  });

  test('offline edits stay on the device across a reload and merge when the network is back', async () => {
    const { owner, members, projectId } = await sharedProject('Ferry crossing', [
      ['Eddie Editor', 'editor'],
    ]);
    const [s1, s2] = (await seed(owner.token, projectId, [
      { title: 'Deck', narration: 'Wind on the deck.' },
      { title: 'Cabin', narration: 'A lamp swings.' },
    ])) as [string, string];
    const a = await openProject(owner.token, projectId);
    const b = await openProject(members[0]!.token, projectId);
    const copy = await serverCopy(owner.token, projectId);
    const context = a.page.context();

    // A loses the network and keeps writing.
    await context.setOffline(true);
    await waitFor(() => status(a.page), 'offline', 'A’s status to say offline');
    await card(a.page, s1).getByTestId('scene-title').fill('Deck at night');
    await narrationEditor(a.page, s1).click();
    await a.page.keyboard.press('Control+End');
    await a.page.keyboard.type(' Stars over the wake.');
    assert.equal(
      await a.page.getByTestId('sync-status').textContent(),
      'Offline — changes kept on this device',
    );

    // B writes too; once B's later edit is on the stage.server, A's earlier ones are still not.
    await card(b.page, s2).getByTestId('scene-title').fill('Cabin, lamp lit');
    await eventually(
      async () => serverTitle(copy, s2),
      (title) => title === 'Cabin, lamp lit',
      'B’s edit on the server',
    );
    await saved(b.page);
    assert.equal(serverTitle(copy, s1), 'Deck');
    assert.equal(serverNarration(copy, s1), 'Wind on the deck.');
    assert.equal(await titleOf(b.page, s1), 'Deck', 'B does not see A’s offline title');
    assert.equal(await narrationOf(b.page, s1), 'Wind on the deck.');
    assert.equal(await status(a.page), 'offline');

    // A reloads while still offline: the page comes from the device, with the edits.
    const leaving: string[] = [];
    const onDialog = (dialog: Dialog) => {
      leaving.push(dialog.type());
      void dialog.accept();
    };
    a.page.on('dialog', onDialog);
    await a.page.reload();
    a.page.off('dialog', onDialog);
    assert.deepEqual(leaving, ['beforeunload'], 'leaving with unsent edits asks first');
    await a.page.getByTestId('live-project').waitFor();
    assert.equal(await titleOf(a.page, s1), 'Deck at night');
    assert.equal(await narrationOf(a.page, s1), 'Wind on the deck. Stars over the wake.');
    await waitFor(() => status(a.page), 'offline', 'A’s reloaded page to say offline');
    assert.equal(await titleOf(a.page, s2), 'Cabin', 'B’s edit has not reached A yet');

    // Network back: everyone gets everything, and A's page says Saved.
    await context.setOffline(false);
    await waitFor(() => titleOf(b.page, s1), 'Deck at night', 'B to get A’s title');
    await waitFor(
      () => narrationOf(b.page, s1),
      'Wind on the deck. Stars over the wake.',
      'B to get A’s narration',
    );
    await waitFor(() => titleOf(a.page, s2), 'Cabin, lamp lit', 'A to get B’s title');
    for (const { page } of [a, b]) await saved(page);
    await eventually(
      async () => [serverTitle(copy, s1), serverNarration(copy, s1), serverTitle(copy, s2)],
      (v) =>
        JSON.stringify(v) ===
        JSON.stringify([
          'Deck at night',
          'Wind on the deck. Stars over the wake.',
          'Cabin, lamp lit',
        ]),
      'the server to hold both people’s edits',
    );
    assert.deepEqual(await boardOrder(a.page), [s1, s2]);
    assert.deepEqual(await boardOrder(b.page), [s1, s2]);
    // Errors are collected across the reload (same page).
    assert.deepEqual(a.errors, []);
    assert.deepEqual(b.errors, []);
  });

  test('a viewer follows everything live but can change nothing, by any means', async () => {
    const { owner, members, projectId } = await sharedProject('Look, do not touch', [
      ['Vera Viewer', 'viewer'],
    ]);
    const viewer = members[0]!;
    const [s1, s2] = (await seed(
      owner.token,
      projectId,
      [
        { title: 'Pier', narration: 'The pier creaks.', prompt: 'A wooden pier at dusk' },
        { title: 'Boathouse', narration: 'Ropes and nets.' },
      ],
      { script: 'INT. BOATHOUSE — NIGHT', cast: ['Mara Quinn'] },
    )) as [string, string];
    const a = await openProject(owner.token, projectId);
    const v = await openProject(viewer.token, projectId);
    const copy = await serverCopy(owner.token, projectId);
    await v.page.getByTestId('view-only-badge').waitFor();

    // The viewer sees the content, and what the owner types as it is typed.
    await narrationEditor(a.page, s2).click();
    await a.page.keyboard.press('Control+End');
    await a.page.keyboard.type(' Salt everywhere.');
    await waitFor(() => narrationOf(v.page, s2), 'Ropes and nets. Salt everywhere.', 'live text');
    await saved(a.page);
    assert.deepEqual(await titles(v.page), ['Pier', 'Boathouse']);
    assert.equal(await editorText(v.page.getByTestId('script-editor')), 'INT. BOATHOUSE — NIGHT');
    assert.equal(await a.page.getByTestId('view-only-badge').count(), 0);

    // Every field that edits is disabled; every control that only edits is absent.
    for (const testId of [
      'project-title',
      'scene-title',
      'scene-duration',
      'scene-transition',
      'scene-motion',
      'scene-act',
      'scene-mood',
      'scene-location',
    ]) {
      const fields = await v.page.getByTestId(testId).all();
      assert.ok(fields.length > 0, `${testId} is shown`);
      for (const field of fields)
        assert.equal(await field.isDisabled(), true, `${testId} disabled`);
    }
    for (const testId of [
      'add-scene',
      'scene-menu',
      'undo',
      'redo',
      'import-button',
      'commit-render',
      'cast-assign',
      'cast-chip-remove',
      'timeline-block-resize',
      'timeline-reset-auto',
      'members-button',
    ]) {
      assert.equal(await v.page.getByTestId(testId).count(), 0, `no ${testId} for a viewer`);
    }
    // A sweep of the whole editor: what stays enabled only looks (tabs, zoom, selection, dialogs),
    // or comments (viewers review: ADR 0034).
    const enabled = await v.page
      .getByTestId('live-project')
      .locator('input, select, textarea, button, [contenteditable="true"]')
      .evaluateAll((controls) =>
        controls
          .filter((control) => !(control as HTMLInputElement).disabled)
          .filter((control) => !control.closest('fieldset:disabled'))
          .map(
            (control) =>
              control.getAttribute('data-testid') ??
              control.getAttribute('aria-label') ??
              control.textContent?.trim() ??
              control.tagName,
          ),
      );
    assert.deepEqual(
      [...new Set(enabled)].sort(),
      [
        // Layout is the viewer's own (this browser's): folding panels and card density change nothing shared.
        'density-comfortable',
        'density-compact',
        'fold-preview',
        'fold-side',
        'fold-timeline',
        // The models panel only shows what the render nodes can do (ADR 0040).
        'models-open',
        // Viewers read and write review comments (ADR 0034).
        'scene-comment-count',
        'scene-select',
        'settings-open',
        'shortcuts-open',
        'tab-cast',
        'tab-comments',
        'tab-history',
        'tab-script',
        // The music lane opens the music picker read-only (ADR 0031).
        'timeline-music',
        'timeline-zoom-in',
        'timeline-zoom-out',
      ],
      'only viewing controls are enabled',
    );
    for (const handle of await v.page.getByTestId('drag-handle').all()) {
      assert.equal(await handle.getAttribute('data-grabbable'), 'false');
    }
    for (const testId of ['scene-narration', 'scene-prompt', 'script-editor']) {
      for (const field of await v.page.getByTestId(testId).all()) {
        assert.equal(await field.getAttribute('contenteditable'), 'false', `${testId} read-only`);
      }
    }
    // The cast and history tabs show, without editing controls.
    await v.page.getByTestId('tab-cast').click();
    assert.equal(await v.page.getByTestId('cast-name').first().isDisabled(), true);
    assert.equal(await v.page.getByTestId('cast-add').count(), 0);
    assert.equal(await v.page.getByTestId('cast-delete').count(), 0);
    await v.page.getByTestId('tab-history').click();
    await v.page.getByTestId('history-empty').waitFor();
    assert.equal(await v.page.getByTestId('history-commit').count(), 0);
    await v.page.getByTestId('tab-script').click();
    // Project settings open read-only.
    await v.page.getByTestId('settings-open').click();
    const settings = v.page.getByTestId('settings-dialog');
    await settings.waitFor();
    for (const control of await settings
      .locator('.settings-form')
      .locator('input, select, textarea, button')
      .all()) {
      assert.equal(await control.isDisabled(), true, 'every setting is disabled');
    }
    await settings.getByTestId('settings-close').click();
    await settings.waitFor({ state: 'detached' });

    // Trying anyway: typing into a narration and the script, dragging a card and a
    // timeline block, Alt+arrows and Ctrl+Z change nothing.
    await v.page.getByTestId('scene-narration').first().click();
    await v.page.keyboard.type('vandal');
    await v.page.keyboard.press('Alt+ArrowDown');
    await v.page.getByTestId('script-editor').click();
    await v.page.keyboard.type('vandal');
    await v.page.keyboard.press('Control+z');
    const handle = (await card(v.page, s2).getByTestId('drag-handle').boundingBox())!;
    const target = (await card(v.page, s1).boundingBox())!;
    await v.page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await v.page.mouse.down();
    await v.page.mouse.move(target.x + 40, target.y + 20, { steps: 8 });
    await v.page.mouse.up();
    const block = v.page.getByTestId('timeline-block').first();
    const blockBox = (await block.boundingBox())!;
    await v.page.mouse.move(blockBox.x + 10, blockBox.y + blockBox.height / 2);
    await v.page.mouse.down();
    await v.page.mouse.move(blockBox.x + blockBox.width * 3, blockBox.y + blockBox.height / 2, {
      steps: 8,
    });
    await v.page.mouse.up();
    await block.focus();
    await v.page.keyboard.press('Alt+ArrowRight');
    await v.page.keyboard.press('Shift+ArrowRight');

    const expectNothingChanged = async (page: Page) => {
      assert.deepEqual(await boardOrder(page), [s1, s2]);
      assert.deepEqual(await timelineOrder(page), [s1, s2]);
      assert.equal(await narrationOf(page, s1), 'The pier creaks.');
      assert.equal(await editorText(page.getByTestId('script-editor')), 'INT. BOATHOUSE — NIGHT');
      assert.equal(
        await card(page, s1).getByTestId('scene-duration').inputValue(),
        '',
        'the duration is still automatic',
      );
    };
    await expectNothingChanged(v.page);

    // A later edit by the owner reaches the viewer and the server: the viewer's attempts did not.
    await a.page.getByTestId('project-title').fill('Look, do not touch (final)');
    await waitFor(
      () => v.page.getByTestId('project-title').inputValue(),
      'Look, do not touch (final)',
      'the viewer to see the new title',
    );
    await eventually(
      async () => projectMap(copy.doc).get('title'),
      (title) => title === 'Look, do not touch (final)',
      'the server to have the new title',
    );
    await expectNothingChanged(v.page);
    await expectNothingChanged(a.page);
    assert.deepEqual(serverOrder(copy), [s1, s2]);
    assert.equal(serverNarration(copy, s1), 'The pier creaks.');
    assert.equal(scriptText(copy.doc).toString(), 'INT. BOATHOUSE — NIGHT');
    assert.equal(scenesMap(copy.doc).get(s1)?.get('durationSec'), null);
    // Nothing in the server's document was written by the viewer's page.
    const viewerClients = [...copy.provider.awareness!.getStates()]
      .filter(([, state]) => (state.user as { id?: string } | undefined)?.id === viewer.id)
      .map(([clientId]) => clientId);
    assert.equal(viewerClients.length, 1, 'the viewer is present');
    const writers = Y.decodeStateVector(Y.encodeStateVector(copy.doc));
    assert.equal(writers.has(viewerClients[0]!), false, 'no update from the viewer');
    for (const { errors } of [a, v]) assert.deepEqual(errors, []);
  });

  test('a French browser gets the editor in French; the header switch changes it in place', async () => {
    const { owner, projectId } = await sharedProject('Le phare', []);
    const [s1] = (await seed(owner.token, projectId, [
      { title: 'La jetée', narration: 'Le vent se lève.', mood: 'tense' },
      { title: 'Le port', narration: 'Les bateaux rentrent.' },
    ])) as [string, string];
    const context = await signedInContext(stage.browser, stage.server.url, owner.token, {
      locale: 'fr-FR',
    });
    contexts.add(context);

    // An address nobody serves: a 404 in French that leads a signed-in person to their projects.
    const lost = await context.newPage();
    const notFound = await lost.goto('/nulle-part/ici');
    assert.equal(notFound?.status(), 404);
    assert.equal(await lost.locator('html').getAttribute('lang'), 'fr');
    assert.equal(
      (await lost.getByTestId('error-boundary').getByRole('heading').textContent())?.trim(),
      'Cette page n’existe pas.',
    );
    assert.equal(
      (await lost.getByTestId('error-to-projects').textContent())?.trim(),
      'Retour à vos projets',
    );
    assert.equal(await lost.getByTestId('sign-out').count(), 1, 'the header knows who is here');
    assert.equal(await lost.getByRole('link', { name: 'Se connecter' }).count(), 0);
    assert.equal(await lost.getByText('Sign in').count(), 0);
    await lost.close();
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`/projects/${projectId}`);
    await page.getByTestId('live-project').waitFor();
    await saved(page);

    const text = (locator: Locator) =>
      locator
        .first()
        .textContent()
        .then((t) => t?.trim());
    const selectedOption = (locator: Locator) =>
      locator.first().evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.text);
    const board = page.getByTestId('scene-board');
    const timeline = page.getByTestId('timeline');
    const first = card(page, s1);

    assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
    assert.equal(await text(page.getByTestId('tab-script')), 'Script');
    assert.equal(await text(page.getByTestId('tab-cast')), 'Distribution');
    assert.equal(await text(page.getByTestId('tab-history')), 'Historique');
    assert.equal(await text(board.getByRole('heading', { level: 2 })), 'Scènes 2');
    assert.equal(await text(board.locator('.act-heading')), 'Acte 1');
    assert.equal(await text(page.getByTestId('add-scene')), '+ Ajouter une scène');
    assert.equal(await text(page.getByTestId('undo').locator('.bar-label')), 'Annuler');
    assert.equal(await page.getByTestId('undo').getAttribute('title'), 'Annuler');
    assert.equal(await text(page.getByTestId('sync-status')), 'Enregistré');
    assert.equal(
      await first.getByTestId('scene-menu').getAttribute('aria-label'),
      'Actions de la scène 1',
    );
    assert.equal(
      await narrationEditor(page, s1).getAttribute('aria-label'),
      'Narration de la scène 1',
    );
    assert.equal(await selectedOption(first.getByTestId('scene-transition')), 'Fondu enchaîné');
    assert.equal(await selectedOption(first.getByTestId('scene-motion')), 'Zoom avant');
    // The analysis mood reads in French; the document keeps the English value (it feeds prompts).
    assert.equal(await first.getByTestId('scene-mood').inputValue(), 'tendue');
    for (const label of ['Durée', 'Mouvement', 'Ambiance', 'Lieu']) {
      assert.ok((await first.textContent())?.includes(label), `the card says “${label}”`);
    }
    await first.getByTestId('scene-menu').click();
    assert.match((await text(page.getByTestId('move-down'))) ?? '', /^Descendre/);
    assert.equal(await text(page.getByTestId('delete-scene')), 'Supprimer');
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    assert.equal(await text(timeline.locator('.tl-label-video')), 'Vidéo');
    assert.equal(await text(timeline.locator('.tl-label-music')), 'Musique');
    // A new project's own soundtrack (issue 18): generated, composed at the render.
    assert.equal(
      await text(page.getByTestId('timeline-music-name')),
      'Bande-son, pas encore écoutée',
    );
    assert.equal(await text(page.getByTestId('timeline-music-generated')), 'générée');
    assert.match(
      (await page.getByTestId('timeline-block').first().getAttribute('aria-label')) ?? '',
      /^Scène 1, La jetée, /,
    );

    // Work in progress: a sentence typed, the Cast tab open, a scene selected.
    await narrationEditor(page, s1).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Il pleut.');
    await page.getByTestId('tab-cast').click();
    await first.getByTestId('scene-select').check();
    await page.getByTestId('live-project').evaluate((element) => {
      element.setAttribute('data-test-mark', 'before-switch');
    });

    await page.getByTestId('language-en').click();
    await page.locator('html[lang="en"]').waitFor();
    await waitFor(() => text(page.getByTestId('tab-cast')), 'Cast', 'the tabs in English');
    assert.equal(await text(page.getByTestId('tab-history')), 'History');
    assert.equal(await text(board.getByRole('heading', { level: 2 })), 'Scenes 2');
    assert.equal(await text(board.locator('.act-heading')), 'Act 1');
    assert.equal(await text(page.getByTestId('add-scene')), '+ Add scene');
    assert.equal(await selectedOption(first.getByTestId('scene-transition')), 'Crossfade');
    assert.equal(await first.getByTestId('scene-mood').inputValue(), 'tense');
    assert.equal(await text(timeline.locator('.tl-label-video')), 'Video');
    assert.equal(
      await text(page.getByTestId('timeline-music-name')),
      'Soundtrack, not previewed yet',
    );
    assert.equal(await text(page.getByTestId('timeline-music-generated')), 'generated');
    assert.equal(await page.getByTestId('language-en').getAttribute('aria-pressed'), 'true');

    // Nothing was lost: the same editor (not reloaded), the text, the tab, the selection.
    assert.equal(
      await page.getByTestId('live-project').getAttribute('data-test-mark'),
      'before-switch',
    );
    assert.equal(await narrationOf(page, s1), 'Le vent se lève. Il pleut.');
    assert.equal(await page.getByTestId('tab-cast').getAttribute('data-state'), 'active');
    assert.equal(await first.getAttribute('data-selected'), 'true');
    await saved(page);
    const copy = await serverCopy(owner.token, projectId);
    assert.equal(serverNarration(copy, s1), 'Le vent se lève. Il pleut.');
    assert.equal(
      projectMap(copy.doc).get('language'),
      'en',
      'the project’s own language is not the UI’s',
    );
    assert.equal(scenesMap(copy.doc).get(s1)?.get('mood'), 'tense', 'stored in English');

    // The choice is remembered.
    await page.reload();
    await page.getByTestId('live-project').waitFor();
    assert.equal(await text(page.getByTestId('tab-cast')), 'Cast');
    assert.deepEqual(errors, []);
  });

  test('people see who is on which scene, and a named caret in the script', async () => {
    const { owner, members, projectId } = await sharedProject('Together', [
      ['Bea Editor', 'editor'],
    ]);
    const bea = members[0]!;
    const [s1, s2] = (await seed(
      owner.token,
      projectId,
      [
        { title: 'Market', narration: 'Stalls open.' },
        { title: 'Alley', narration: 'A cat runs.' },
      ],
      { script: 'The market opens at six.\nA cat runs down the alley.' },
    )) as [string, string];
    const a = await openProject(owner.token, projectId);
    const b = await openProject(bea.token, projectId);
    await eventually(
      () => a.page.getByTestId('presence').getAttribute('data-count'),
      (n) => n === '2',
      'two people present',
    );

    // B works on scene 2: A sees B there (on the board and on the timeline), not on scene 1.
    await card(b.page, s2).getByTestId('scene-title').click();
    const people = card(a.page, s2).getByTestId('scene-people');
    await people.waitFor();
    assert.match((await people.textContent()) ?? '', /Here now: Bea Editor/);
    assert.equal(await card(a.page, s1).getByTestId('scene-people').count(), 0);
    assert.equal(await card(b.page, s2).getByTestId('scene-people').count(), 0, 'not oneself');
    await a.page
      .locator(`[data-testid="timeline-block"][data-scene-id="${s2}"][data-present="true"]`)
      .waitFor();

    // B clicks into the script: A sees B's caret there, labelled with B's name.
    await b.page.getByTestId('script-editor').click();
    await b.page.keyboard.press('Control+End');
    const caret = a.page.getByTestId('script-pane').locator('.cm-ySelectionInfo');
    await caret.waitFor({ state: 'attached' });
    assert.equal(await caret.textContent(), 'Bea Editor');
    assert.equal(
      await editorText(a.page.getByTestId('script-editor')),
      'The market opens at six.\nA cat runs down the alley.',
      'the caret is drawn, not written',
    );
    // B moves to scene 1: A sees B there instead.
    await card(b.page, s1).getByTestId('scene-title').click();
    await card(a.page, s1).getByTestId('scene-people').waitFor();
    await card(a.page, s2).getByTestId('scene-people').waitFor({ state: 'detached' });
    for (const { errors } of [a, b]) assert.deepEqual(errors, []);
  });

  test('split at the cursor and merge with the next scene, seen by the other person', async () => {
    const { owner, members, projectId } = await sharedProject('Crossing', [
      ['Eddie Editor', 'editor'],
    ]);
    const first = 'The boat leaves at dawn.';
    const second = 'The storm hits at noon.';
    const [s1, s2] = (await seed(owner.token, projectId, [
      { title: 'Departure', narration: `${first} ${second}`, mood: 'tense' },
      { title: 'Return', narration: 'Back home.' },
    ])) as [string, string];
    const a = await openProject(owner.token, projectId);
    const b = await openProject(members[0]!.token, projectId);

    // Split from the menu with the caret after the first sentence.
    await caretInNarration(a.page, s1, first.length);
    await openMenuItem(a.page, s1, 'split-scene');
    const [, created] = await eventually(
      () => boardOrder(b.page),
      (order) => order.length === 3 && order[0] === s1 && order[2] === s2,
      'B to see three scenes',
    );
    for (const { page } of [a, b]) {
      await waitFor(() => boardOrder(page), [s1, created!, s2], 'the new scene after the first');
      await waitFor(() => narrationOf(page, s1), first, 'the first half stays');
      await waitFor(() => narrationOf(page, created!), second, 'the second half moves');
      assert.deepEqual(await titles(page), ['Departure', 'Departure', 'Return']);
      assert.equal(await card(page, created!).getByTestId('scene-mood').inputValue(), 'tense');
    }

    // Merge the first with the next (the new one): one scene again, both sentences.
    await openMenuItem(a.page, s1, 'merge-scene');
    for (const { page } of [a, b]) {
      await waitFor(() => boardOrder(page), [s1, s2], 'merged');
      await waitFor(() => narrationOf(page, s1), `${first}\n${second}`, 'both sentences');
    }
    // The last scene has nothing to merge with.
    await card(a.page, s2).getByTestId('scene-menu').click();
    assert.equal(await a.page.getByTestId('merge-scene').getAttribute('aria-disabled'), 'true');
    await a.page.keyboard.press('Escape');
    await a.page.getByRole('menu').waitFor({ state: 'detached' });

    // B splits with Alt+Enter at the end of the first line.
    await caretInNarration(b.page, s1, first.length);
    await b.page.keyboard.press('Alt+Enter');
    const [, again] = await eventually(
      () => boardOrder(a.page),
      (order) => order.length === 3,
      'A to see B’s split',
    );
    await waitFor(() => narrationOf(a.page, s1), first, 'A sees the first half');
    await waitFor(() => narrationOf(a.page, again!), second, 'A sees the second half');
    for (const { page } of [a, b]) await saved(page);
    for (const { errors } of [a, b]) assert.deepEqual(errors, []);
  });

  test('restoring a revision from History is undone by a single Ctrl+Z', async () => {
    const { owner, members, projectId } = await sharedProject('Lighthouse keeper', [
      ['Eddie Editor', 'editor'],
    ]);
    const [s1, s2] = (await seed(owner.token, projectId, [
      { title: 'Lamp', narration: 'The lamp turns.' },
      { title: 'Stairs', narration: 'He climbs the stairs.' },
    ])) as [string, string];
    const a = await openProject(owner.token, projectId);
    const b = await openProject(members[0]!.token, projectId);

    // A commits the current state from the History tab.
    await a.page.getByTestId('tab-history').click();
    await a.page.getByTestId('history-commit-message').fill('First draft');
    await a.page.getByTestId('history-commit').click();
    const item = a.page.getByTestId('history-item');
    await item.waitFor();
    assert.match((await item.textContent()) ?? '', /First draft/);

    // Then things change: A retitles scene 1 and rewrites its narration, B deletes scene 2.
    await card(a.page, s1).getByTestId('scene-title').fill('Lamp, broken');
    await narrationEditor(a.page, s1).click();
    await a.page.keyboard.press('Control+End');
    await a.page.keyboard.type(' Then it stops.');
    await openMenuItem(b.page, s2, 'delete-scene');
    for (const { page } of [a, b]) {
      await waitFor(() => boardOrder(page), [s1], 'scene 2 deleted');
      await waitFor(() => titleOf(page, s1), 'Lamp, broken', 'the new title');
    }

    // A restores revision 1 (after confirming): everything is back for both.
    await item.click();
    await a.page.getByTestId('history-restore').click();
    await a.page.getByTestId('history-restore-confirm').click();
    await a.page.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
    for (const { page } of [a, b]) {
      await waitFor(() => boardOrder(page), [s1, s2], 'scene 2 restored');
      await waitFor(() => titleOf(page, s1), 'Lamp', 'the committed title');
      await waitFor(() => narrationOf(page, s1), 'The lamp turns.', 'the committed narration');
      await waitFor(() => narrationOf(page, s2), 'He climbs the stairs.', 'scene 2 narration');
    }

    // One Ctrl+Z takes the whole restore back, and only it.
    await a.page.keyboard.press('Control+z');
    for (const { page } of [a, b]) {
      await waitFor(() => boardOrder(page), [s1], 'the restore undone');
      await waitFor(() => titleOf(page, s1), 'Lamp, broken', 'A’s title before the restore');
      await waitFor(
        () => narrationOf(page, s1),
        'The lamp turns. Then it stops.',
        'A’s narration before the restore',
      );
    }
    for (const { page } of [a, b]) await saved(page);
    for (const { errors } of [a, b]) assert.deepEqual(errors, []);
  });
  test('a set duration far from its narration is flagged on the timeline and fitted in one step', async () => {
    const { owner, projectId } = await sharedProject('Timing', []);
    const [held, fine] = (await seed(owner.token, projectId, [
      { title: 'Held', narration: 'The boat leaves.', durationSec: 12 },
      { title: 'Fine', narration: 'The gulls follow it out to sea.', durationSec: 3 },
    ])) as [string, string];
    const { page, errors } = await openProject(owner.token, projectId);
    const block = (id: string) =>
      page.locator(`[data-testid="timeline-block"][data-scene-id="${id}"]`);

    // A short line in a 12 s scene: flagged long, with its fix; the fitting scene is not.
    await block(held).locator('[data-testid="timeline-fit"]').waitFor();
    assert.equal(await block(held).getAttribute('data-mismatch'), 'long');
    assert.equal(await block(fine).getAttribute('data-mismatch'), null);
    assert.match((await block(held).getAttribute('aria-label')) ?? '', /longer than its narration/);
    assert.equal(await block(held).getAttribute('aria-keyshortcuts'), 'F');
    assert.match(
      (await card(page, held).getByTestId('scene-duration-mismatch').textContent()) ?? '',
      /longer than its narration/,
    );

    // F on the focused block fits it: automatic, no badge; one Ctrl+Z brings 12 s back.
    await block(held).focus();
    await page.keyboard.press('f');
    await waitFor(() => block(held).getAttribute('data-auto'), 'true', 'fitted by the F key');
    assert.equal(await block(held).locator('[data-testid="timeline-fit"]').count(), 0);
    assert.equal(await card(page, held).getByTestId('scene-duration').inputValue(), '');
    await page.keyboard.press('Control+z');
    await waitFor(() => block(held).getAttribute('data-mismatch'), 'long', 'the undo');

    // The badge is one click; the card's Fit button does the same.
    await block(held).locator('[data-testid="timeline-fit"]').click();
    await waitFor(() => block(held).getAttribute('data-auto'), 'true', 'fitted by the badge');
    await page.keyboard.press('Control+z');
    await waitFor(() => block(held).getAttribute('data-mismatch'), 'long', 'the second undo');
    await card(page, held).getByTestId('scene-duration-fit').click();
    await waitFor(() => block(held).getAttribute('data-auto'), 'true', 'fitted from the card');
    assert.equal(await card(page, held).getByTestId('scene-duration-mismatch').count(), 0);

    // The fitting scene's set duration goes back to auto with the card's Auto button.
    await card(page, fine).getByTestId('scene-duration-auto').click();
    await waitFor(() => block(fine).getAttribute('data-auto'), 'true', 'the Auto button');
    await saved(page);
    assert.deepEqual(errors, []);
  });
});
