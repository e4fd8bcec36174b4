import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
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
import { api, signUp } from '../support/web-server.ts';

/** Set to a folder to keep screenshots (docs/screenshots/review is where the docs take theirs). */
const SCREENSHOT_DIR = process.env.MONTAGE_SCREENSHOT_DIR;
const XSS = '<img src=x onerror=alert(1)>';

/**
 * Review comments and notifications in the browser: two members in two
 * contexts, a comment with a mention seen live with the bell, a reply, a
 * resolve, counts on the scene card and the timeline block, and markup that
 * stays text.
 */
describe('review comments and notifications', () => {
  const stage = browserStage({ env: { COLLAB_CONNECTIONS_PER_MINUTE: '1000' } });

  async function open(token: string, projectId: string, locale = 'en-US') {
    const context = await signedInContext(stage.browser, stage.server.url, token, { locale });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`/projects/${projectId}`);
    await page.getByTestId('live-project').waitFor();
    return { page, errors, dialogs, context };
  }

  const card = (page: Page, sceneId: string) =>
    page.locator(`[data-testid="scene-item"][data-scene-id="${sceneId}"]`);
  const cardCount = async (page: Page, sceneId: string) =>
    Number(await card(page, sceneId).getByTestId('scene-comment-count').getAttribute('data-count'));
  const blockCount = async (page: Page, sceneId: string) => {
    const badge = page.locator(
      `[data-testid="timeline-block"][data-scene-id="${sceneId}"] [data-testid="block-comment-count"]`,
    );
    return (await badge.count()) ? Number(await badge.getAttribute('data-count')) : 0;
  };
  const bellCount = async (page: Page) =>
    Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));

  test('a mention, a live reply, resolve, counts, the bell, and markup shown as text', async () => {
    const alice = await signUp(stage.server.url, 'Alice Owner');
    const bruno = await signUp(stage.server.url, 'Bruno Editor');
    const created = await api(stage.server.url, 'POST', '/api/v1/projects', {
      token: alice.token,
      body: { title: 'Harbour review' },
    });
    const projectId = created.body.project.id as string;
    await addMember(stage.server, alice.token, projectId, bruno, 'editor');
    const client = await connectClient(stage.server.url, alice.token, projectId);
    await client.settled();
    const dock = addScene(client.doc, { title: 'The dock at dawn', narration: 'Boats come in.' });
    addScene(client.doc, { title: 'The storm', narration: 'A storm rolls in.' });
    await client.settled();
    client.destroy();

    const a = await open(alice.token, projectId);
    const b = await open(bruno.token, projectId);
    try {
      await card(b.page, dock).getByTestId('scene-comment-count').click();
      await b.page.getByTestId('comments-panel').waitFor();
      const bellBefore = await bellCount(b.page);

      // Alice opens the scene's comments from its card and mentions Bruno with the picker.
      await card(a.page, dock).getByTestId('scene-comment-count').click();
      const panel = a.page.getByTestId('comments-panel');
      assert.equal(await panel.getByTestId('comments-scene').inputValue(), dock);
      const input = panel.getByTestId('comment-composer').last().getByTestId('comment-input');
      await input.click();
      await input.pressSequentially('Please check the light, @Bru');
      await panel.getByTestId('mention-picker').waitFor();
      assert.deepEqual(await panel.getByTestId('mention-option').allTextContents(), [
        'Bruno Editor',
      ]);
      await input.press('Enter');
      await input.pressSequentially('it is too dark.');
      assert.equal(
        await input.inputValue(),
        'Please check the light, @Bruno Editor it is too dark.',
      );
      await input.press('Control+Enter');
      await eventually(
        () => panel.getByTestId('comment-body').allTextContents(),
        (bodies) => bodies.includes('Please check the light, @Bruno Editor it is too dark.'),
        'Alice’s comment in her panel',
      );

      // Bruno sees it appear live, and his bell counts one more.
      const bPanel = b.page.getByTestId('comments-panel');
      await eventually(
        () => bPanel.getByTestId('comment-body').allTextContents(),
        (bodies) => bodies.includes('Please check the light, @Bruno Editor it is too dark.'),
        'Alice’s comment on Bruno’s page',
      );
      await eventually(
        () => bellCount(b.page),
        (n) => n === bellBefore + 1,
        'Bruno’s bell',
      );
      for (const page of [a.page, b.page]) {
        await eventually(
          () => cardCount(page, dock),
          (n) => n === 1,
          'the card count',
        );
        await eventually(
          () => blockCount(page, dock),
          (n) => n === 1,
          'the block count',
        );
      }

      // Bruno replies; Alice sees the reply live.
      await bPanel.getByTestId('comment-reply').first().click();
      const reply = bPanel.getByTestId('reply-composer').getByTestId('comment-input');
      await reply.fill('Brighter in the next cut.');
      await bPanel.getByTestId('reply-composer').getByTestId('comment-submit').click();
      await eventually(
        () => panel.getByTestId('comment-body').allTextContents(),
        (bodies) => bodies.includes('Brighter in the next cut.'),
        'Bruno’s reply on Alice’s page',
      );
      // A reply does not change the open count.
      assert.equal(await cardCount(a.page, dock), 1);

      // Alice resolves: the counts drop to zero on both pages.
      await panel.getByTestId('comment-resolve').first().click();
      for (const page of [a.page, b.page]) {
        await eventually(
          () => cardCount(page, dock),
          (n) => n === 0,
          'the card count after resolve',
        );
        await eventually(
          () => blockCount(page, dock),
          (n) => n === 0,
          'the block count after resolve',
        );
      }

      // Markup stays text: no element is made of it, nothing runs.
      const composer = bPanel.getByTestId('comment-composer').last().getByTestId('comment-input');
      await composer.fill(XSS);
      await bPanel.getByTestId('comment-composer').last().getByTestId('comment-submit').click();
      for (const page of [a.page, b.page]) {
        await eventually(
          () => page.getByTestId('comment-body').allTextContents(),
          (bodies) => bodies.includes(XSS),
          'the markup comment shown as text',
        );
        assert.equal(await page.locator('[data-testid="comment-thread"] img').count(), 0);
      }
      assert.deepEqual([...a.dialogs, ...b.dialogs], []);

      // Bruno's bell lists the mention; choosing it marks it read and opens the scene's comments.
      await b.page.getByTestId('notification-bell').click();
      const item = b.page.getByTestId('notification-item').filter({ hasText: 'mentioned you' });
      await item.waitFor();
      await item.click();
      await eventually(
        () => bellCount(b.page),
        (n) => n === bellBefore,
        'the mention marked read',
      );
      await eventually(
        async () => b.page.url(),
        (url) => url.includes(`scene=${dock}`),
        'the scene’s comments opened from the notification',
      );
      assert.deepEqual([...a.errors, ...b.errors], []);

      if (SCREENSHOT_DIR) await screenshots(bruno.token, alice.token, projectId, dock);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  /** The comments panel and the open bell, in English and French, at two sizes. */
  async function screenshots(
    token: string,
    otherToken: string,
    projectId: string,
    sceneId: string,
  ) {
    const dir = SCREENSHOT_DIR!;
    mkdirSync(dir, { recursive: true });
    // A fresh mention so the bell has something unread to show.
    await api(stage.server.url, 'POST', `/api/v1/projects/${projectId}/comments`, {
      token: otherToken,
      body: { sceneId, body: '@Bruno Editor the gulls are loud in the mix, can you check?' },
    });
    for (const [lang, locale] of [
      ['en', 'en-US'],
      ['fr', 'fr-FR'],
    ] as const) {
      for (const [width, height] of [
        [1440, 900],
        [1280, 720],
      ] as const) {
        const { page, context } = await open(token, projectId, locale);
        try {
          await page.setViewportSize({ width, height });
          await card(page, sceneId).getByTestId('scene-comment-count').click();
          await page.getByTestId('comment-body').first().waitFor();
          await page.getByTestId('toggle-resolved').click();
          // The panel from its heading (the scene, then its threads), the pointer out of the way.
          await page.getByTestId('comments-panel').evaluate((panel) => {
            panel.closest('.tab-content')?.scrollTo(0, 0);
            window.scrollTo(0, 0);
          });
          await page.mouse.move(0, height - 1);
          await page.screenshot({
            path: path.join(dir, `comments-${lang}-${width}x${height}.png`),
          });
          await page.getByTestId('notification-bell').click();
          await page.getByTestId('notification-item').first().waitFor();
          await page.screenshot({
            path: path.join(dir, `notifications-${lang}-${width}x${height}.png`),
          });
        } finally {
          await context.close();
        }
      }
    }
  }
});
