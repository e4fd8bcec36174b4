import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page, WebSocketRoute } from 'playwright-core';
import {
  browserStage,
  collectPageErrors,
  eventually,
  openProjectPage,
  signedInContext,
} from '../support/browser.ts';
import { api, signUp } from '../support/web-server.ts';
import { addMember } from '../support/members.ts';

/**
 * Several people on one project page, each in their own browser context:
 * live edits, presence, the members dialog, and what viewers may do.
 */
describe('live project page', () => {
  const stage = browserStage({ env: { COLLAB_CONNECTIONS_PER_MINUTE: '1000' } });

  const openProject = (token: string, projectId: string) =>
    openProjectPage(stage.browser, stage.server.url, token, projectId);

  async function createProject(token: string, title: string): Promise<string> {
    const res = await api(stage.server.url, 'POST', '/api/v1/projects', { token, body: { title } });
    assert.equal(res.status, 201);
    return res.body.project.id as string;
  }

  const sceneTitle = (page: Page, index: number) => page.getByTestId('scene-title').nth(index);

  const waitForValue = (page: Page, index: number, expected: string, who: string) =>
    eventually(
      () => sceneTitle(page, index).inputValue(),
      (value) => value === expected,
      `${who} to see scene ${index + 1} titled "${expected}"`,
    );

  const presenceCount = (page: Page) =>
    page
      .getByTestId('presence')
      .getAttribute('data-count')
      .then((n) => Number(n));

  const savedStatus = (page: Page) =>
    page.getByTestId('sync-status').and(page.locator('[data-status="saved"]')).waitFor();

  /**
   * The device copy's flag (y-indexeddb custom store of `name`): 1 while it
   * holds edits the server has not acknowledged, 0 once it has; null when
   * there is no such copy.
   */
  const pendingOnDevice = (page: Page, name: string) =>
    page.evaluate(async (dbName) => {
      const known = await indexedDB.databases();
      if (!known.some((db) => db.name === dbName)) return null;
      return new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('custom')) {
            db.close();
            return resolve(null);
          }
          const read = db.transaction('custom').objectStore('custom').get('pending');
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            db.close();
            resolve(read.result ?? null);
          };
        };
      });
    }, name);

  /** The owner invites `email` from the open Members dialog; returns the one-time link shown. */
  async function inviteInBrowser(page: Page, email: string, role: 'Editor' | 'Viewer') {
    const dialog = page.getByTestId('members-dialog');
    await dialog.getByTestId('invite-email').fill(email);
    await dialog.getByTestId('invite-role').click();
    await page.getByRole('option', { name: role }).click();
    await dialog.getByTestId('invite-submit').click();
    await dialog.locator(`[data-testid="pending-invitation"][data-email="${email}"]`).waitFor();
    const shown = dialog.getByTestId('invitation-link').filter({ hasText: email });
    await shown.waitFor();
    assert.equal(await dialog.getByTestId('invite-email').inputValue(), '');
    assert.equal(await dialog.getByTestId('field-error-email').count(), 0);
    return shown.getByTestId('invitation-link-url').inputValue();
  }

  test('a scene title typed by one user appears for the other; a viewer sees it but cannot edit', async () => {
    const owner = await signUp(stage.server.url, 'Olivia Owner');
    const editor = await signUp(stage.server.url, 'Eddie Editor');
    const viewer = await signUp(stage.server.url, 'Vera Viewer');
    const projectId = await createProject(owner.token, 'Harbour lights');

    // The owner invites from the Members dialog: each invitation shows its link once.
    const a = await openProject(owner.token, projectId);
    await a.page.getByTestId('members-button').click();
    const editorLink = await inviteInBrowser(a.page, editor.email, 'Editor');
    await inviteInBrowser(a.page, viewer.email, 'Viewer');
    // An e-mail without an account gets the same answer (nothing to enumerate); then revoked.
    const dialog = a.page.getByTestId('members-dialog');
    const nobodyLink = await inviteInBrowser(a.page, 'nobody@example.test', 'Viewer');
    assert.match(nobodyLink, new RegExp(`^${stage.server.url}/invitations/[A-Za-z0-9_-]{43}$`));
    await dialog
      .locator('[data-testid="pending-invitation"][data-email="nobody@example.test"]')
      .getByTestId('invitation-revoke')
      .click();
    await dialog
      .locator('[data-testid="pending-invitation"][data-email="nobody@example.test"]')
      .waitFor({ state: 'detached' });
    assert.equal(await dialog.getByTestId('member-row').count(), 1, 'nobody joined yet');
    await a.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // The editor opens the link the owner sent and accepts it.
    const bContext = await signedInContext(stage.browser, stage.server.url, editor.token);
    const bPage = await bContext.newPage();
    const b = { page: bPage, errors: collectPageErrors(bPage) };
    await b.page.goto(editorLink);
    await b.page.getByTestId('invitation-page').getByText('Olivia Owner').waitFor();
    await b.page.getByTestId('invitation-page-accept').click();
    await b.page.getByTestId('live-project').waitFor();

    // The viewer accepts in the app, from the keyboard: the project then joins their list.
    const cContext = await signedInContext(stage.browser, stage.server.url, viewer.token);
    const cPage = await cContext.newPage();
    const c = { page: cPage, errors: collectPageErrors(cPage) };
    await c.page.goto('/projects');
    const listed = c.page.locator(`[data-testid="project-row"][data-project-id="${projectId}"]`);
    assert.equal(await listed.count(), 0, 'not listed before accepting');
    const offer = c.page.locator(
      `[data-testid="invitation-for-you"][data-project-id="${projectId}"]`,
    );
    await offer.getByTestId('invitation-accept').focus();
    await c.page.keyboard.press('Enter');
    await listed.waitFor();
    await c.page.getByTestId('invitations-for-you').waitFor({ state: 'detached' });
    await listed.getByTestId('project-link').click();
    await c.page.getByTestId('live-project').waitFor();

    for (const { page } of [a, b, c]) {
      await eventually(
        () => presenceCount(page),
        (n) => n === 3,
        'three people present',
      );
    }

    // A types a scene title; B sees it while it is typed, then B continues it.
    await a.page.getByTestId('add-scene').click();
    await sceneTitle(a.page, 0).fill('');
    await sceneTitle(a.page, 0).pressSequentially('Opening shot');
    await waitForValue(b.page, 0, 'Opening shot', 'the editor');
    await sceneTitle(b.page, 0).press('End');
    await sceneTitle(b.page, 0).pressSequentially(' at dawn');
    await waitForValue(a.page, 0, 'Opening shot at dawn', 'the owner');
    await b.page.getByTestId('project-title').fill('Harbour lights, take two');
    await eventually(
      () => a.page.getByTestId('project-title').inputValue(),
      (v) => v === 'Harbour lights, take two',
      'the owner to see the new project title',
    );

    // The viewer follows every change but every editing control is disabled.
    await waitForValue(c.page, 0, 'Opening shot at dawn', 'the viewer');
    await eventually(
      () => c.page.getByTestId('project-title').inputValue(),
      (v) => v === 'Harbour lights, take two',
      'the viewer to see the new project title',
    );
    await c.page.getByTestId('view-only-badge').waitFor();
    for (const testId of ['project-title', 'scene-title']) {
      const control = c.page.getByTestId(testId).first();
      assert.equal(await control.isDisabled(), true, `${testId} is disabled for the viewer`);
    }
    // Adding and the card's menu (move, duplicate, delete) are not offered at all.
    for (const testId of ['add-scene', 'scene-menu', 'move-up', 'move-down', 'delete-scene']) {
      assert.equal(await c.page.getByTestId(testId).count(), 0, `no ${testId} for the viewer`);
    }
    assert.equal(
      await c.page.getByTestId('drag-handle').first().getAttribute('data-grabbable'),
      'false',
    );
    assert.equal(await sceneTitle(c.page, 0).isEditable(), false);
    assert.equal(await c.page.getByTestId('members-button').count(), 0);
    assert.equal(await c.page.getByTestId('undo').count(), 0);
    assert.equal(await a.page.getByTestId('view-only-badge').count(), 0);
    assert.equal(await b.page.getByTestId('view-only-badge').count(), 0);

    // Order changes travel too, and every page settles on "Saved".
    await a.page.getByTestId('add-scene').click();
    await sceneTitle(a.page, 1).fill('Closing shot');
    await sceneTitle(a.page, 1).press('Alt+ArrowUp');
    await waitForValue(b.page, 0, 'Closing shot', 'the editor');
    await waitForValue(c.page, 1, 'Opening shot at dawn', 'the viewer');
    assert.equal(
      await a.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value),
      'Closing shot',
      'focus stays on the moved scene',
    );
    for (const { page } of [a, b, c]) await savedStatus(page);
    for (const { errors } of [a, b, c]) assert.deepEqual(errors, []);
    for (const { page } of [a, b, c]) await page.context().close();
  });

  test('edits made while the connection is down are kept on the device and reach the others later', async () => {
    const owner = await signUp(stage.server.url, 'Nora Nomad');
    const editor = await signUp(stage.server.url, 'Ezra Stayhome');
    const projectId = await createProject(owner.token, 'Written on the train');
    await addMember(stage.server, owner.token, projectId, editor, 'editor');
    const b = await openProject(editor.token, projectId);
    await b.page.getByTestId('add-scene').click();
    await sceneTitle(b.page, 0).fill('Platform');
    await savedStatus(b.page);

    // Nora's socket goes through a relay the test can cut, as a tunnel would.
    const context = await signedInContext(stage.browser, stage.server.url, owner.token);
    const a = await context.newPage();
    const errors = collectPageErrors(a);
    let networkUp = true;
    const sockets: WebSocketRoute[] = [];
    await a.routeWebSocket(/\/collab$/, (ws) => {
      if (!networkUp) return ws.close({ code: 1006, reason: 'network down' });
      ws.connectToServer();
      sockets.push(ws);
    });
    await a.goto(`/projects/${projectId}`);
    await waitForValue(a, 0, 'Platform', 'Nora');
    await savedStatus(a);

    networkUp = false;
    for (const ws of sockets) await ws.close({ code: 1006, reason: 'network down' });
    await a.getByTestId('sync-status').and(a.locator('[data-status="reconnecting"]')).waitFor();
    await sceneTitle(a, 0).fill('Platform 9, written offline');
    const offline = a.getByTestId('sync-status').and(a.locator('[data-status="offline"]'));
    await offline.waitFor();
    assert.equal(await offline.textContent(), 'Offline — changes kept on this device');
    const deviceCopy = `montage:${owner.id}:${projectId}`;
    await eventually(
      () => pendingOnDevice(a, deviceCopy),
      (pending) => pending === 1,
      'the device copy to hold an edit the server has not acknowledged',
    );

    // The tab is closed before the network comes back; the next visit sends the edit.
    await a.close();
    const again = await context.newPage();
    await again.goto(`/projects/${projectId}`);
    await waitForValue(again, 0, 'Platform 9, written offline', 'Nora, back online');
    await waitForValue(b.page, 0, 'Platform 9, written offline', 'Ezra');
    await savedStatus(again);
    await eventually(
      () => pendingOnDevice(again, deviceCopy),
      (pending) => pending === 0,
      'the device copy to know the server has the edit',
    );
    assert.deepEqual(errors, []);
    await context.close();
    await b.page.context().close();
  });

  test('a role changed or removed by the owner takes effect on the open page', async () => {
    const owner = await signUp(stage.server.url, 'Oscar Owner');
    const member = await signUp(stage.server.url, 'Mia Member');
    const projectId = await createProject(owner.token, 'Changing hands');
    await addMember(stage.server, owner.token, projectId, member, 'viewer');
    const a = await openProject(owner.token, projectId);
    const m = await openProject(member.token, projectId);
    await m.page.getByTestId('view-only-badge').waitFor();
    assert.equal(await m.page.getByTestId('add-scene').count(), 0, 'a viewer cannot add scenes');

    // Promote to editor: the member's page becomes editable without a reload.
    await a.page.getByTestId('members-button').click();
    const memberRow = a.page.locator(`[data-testid="member-row"][data-email="${member.email}"]`);
    await memberRow.getByTestId('member-role').click();
    await a.page.getByRole('option', { name: 'Editor' }).click();
    await m.page.getByTestId('view-only-badge').waitFor({ state: 'detached' });
    await m.page.getByTestId('add-scene').click();
    await sceneTitle(m.page, 0).fill('Promoted and writing');
    await eventually(
      () =>
        a.page
          .getByTestId('scene-title')
          .first()
          .inputValue()
          .catch(() => ''),
      (v) => v === 'Promoted and writing',
      'the owner to see the promoted member’s scene',
    );

    // Remove: the member's page says so and stops.
    await memberRow.getByTestId('member-remove').click();
    await memberRow.waitFor({ state: 'detached' });
    const ended = m.page.getByTestId('live-ended');
    await ended.waitFor();
    assert.equal(await ended.getAttribute('data-reason'), 'no-access');
    assert.deepEqual(a.errors, []);
    for (const { page } of [a, m]) await page.context().close();
  });
});
