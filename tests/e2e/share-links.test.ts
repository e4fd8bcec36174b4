import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addScene, setSceneTitle } from '../../shared/project-doc.ts';
import {
  anonymousContext,
  browserStage,
  closedAfterEachTest,
  collectPageErrors,
  eventually,
  signedInContext,
} from '../support/browser.ts';
import { connectClient } from '../support/collab-client.ts';
import { committedRender } from '../support/revisions.ts';
import { screenshotAtLaptopSizes } from '../support/screenshots.ts';
import { api, signUp } from '../support/web-server.ts';

/**
 * Preview links in the browser (issue 13): the owner creates a link in the
 * Share dialog; an anonymous visitor opens it, plays the video and sees the
 * team's edits live; the owner revokes it and the visitor's page says so at
 * once while the video's URL stops answering.
 */
describe('preview links in the browser', () => {
  const stage = browserStage({ env: { COLLAB_CONNECTIONS_PER_MINUTE: '1000' }, renderNode: true });
  const opened = closedAfterEachTest();

  test('share, watch and follow live without an account, then revoke', async () => {
    const base = stage.server.url;
    const owner = await signUp(base, 'Olivia Owner');
    const created = await api(base, 'POST', '/api/v1/projects', {
      token: owner.token,
      body: { title: 'Harbour lights' },
    });
    const projectId = created.body.project.id as string;
    const client = await connectClient(base, owner.token, projectId);
    opened.clients.add(client);
    await client.settled();
    const first = addScene(client.doc, {
      title: 'Harbour at dawn',
      narration: 'The harbour wakes under a pale sky.',
    });
    const second = addScene(client.doc, {
      title: 'The storm',
      narration: 'A storm rolls in from the sea.',
    });
    await client.settled();
    await committedRender(stage.server, owner.token, projectId, client, 'first cut');

    // The owner creates a link in the Share dialog and copies it.
    const ownerContext = await signedInContext(stage.browser, base, owner.token);
    opened.contexts.add(ownerContext);
    await ownerContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    const o = await ownerContext.newPage();
    const ownerErrors = collectPageErrors(o);
    await o.goto(`/projects/${projectId}`);
    await o.getByTestId('live-project').waitFor();
    await o.getByTestId('share-button').click();
    const dialog = o.getByTestId('share-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('share-links-empty').waitFor();
    await dialog.getByTestId('share-label').fill('Client review');
    await dialog.getByTestId('share-allow-comments').check();
    await dialog.getByTestId('share-expiry').click();
    await o.getByRole('option', { name: 'In 30 days' }).click();
    await dialog.getByTestId('share-create').click();
    const urlField = dialog.getByTestId('share-url');
    await urlField.waitFor();
    const url = await urlField.inputValue();
    assert.match(url, new RegExp(`^${base}/s/[A-Za-z0-9_-]{43}$`));
    await dialog.getByTestId('share-copy').click();
    await eventually(
      () => dialog.getByTestId('share-copy-status').textContent(),
      (text) => text === 'Copied',
      'the copy confirmation',
    );
    assert.equal(await o.evaluate(() => navigator.clipboard.readText()), url);
    await screenshotAtLaptopSizes(o, 'share-dialog-en');
    const row = dialog.getByTestId('share-link-row');
    await row.waitFor();
    assert.equal(await row.getByTestId('share-link-label').textContent(), 'Client review');
    assert.match((await row.getByTestId('share-link-expiry').textContent()) ?? '', /^Expires /);
    assert.equal(await row.getByTestId('share-link-views').textContent(), '0 views');

    // An anonymous visitor opens it: no sign-in clutter, the video plays.
    const visitorContext = await anonymousContext(stage.browser, base);
    opened.contexts.add(visitorContext);
    const v = await visitorContext.newPage();
    const visitorErrors = collectPageErrors(v);
    const opening = await v.goto(url);
    assert.equal(opening?.status(), 200);
    await v.getByTestId('shared-page').waitFor();
    assert.equal(await v.getByTestId('shared-title').textContent(), 'Harbour lights');
    assert.equal(await v.getByTestId('sign-out').count(), 0);
    assert.equal(await v.getByRole('link', { name: 'Sign in' }).count(), 0);
    await v.locator('[data-testid="shared-page"][data-live="live"]').waitFor();
    const video = v.getByTestId('shared-video');
    const videoUrl = await video.evaluate((el) => (el as HTMLVideoElement).src);
    assert.ok(videoUrl.includes('/api/v1/shared/'), 'the video goes through the link');
    await video.evaluate(async (element) => {
      const el = element as HTMLVideoElement;
      el.muted = true; // muted playback needs no user gesture
      await el.play();
    });
    await eventually(
      () => video.evaluate((el) => (el as HTMLVideoElement).currentTime),
      (time) => time > 0.2,
      'the video to play',
      30_000,
    );
    assert.equal(await v.getByTestId('chapter').count(), 2);
    assert.deepEqual(await v.getByTestId('shared-scene-title').allTextContents(), [
      'Scene 1 · Harbour at dawn',
      'Scene 2 · The storm',
    ]);

    // The owner edits; the visitor sees it live.
    setSceneTitle(client.doc, second, 'The storm breaks');
    await eventually(
      () => v.getByTestId('shared-scene-title').allTextContents(),
      (titles) => titles[1] === 'Scene 2 · The storm breaks',
      'the visitor to see the new title',
    );

    // The visitor comments on the first scene under a name; the owner sees it live and is told.
    const unread = async () =>
      (await o.getByTestId('notification-count').count())
        ? Number(await o.getByTestId('notification-count').textContent())
        : 0;
    const unreadBefore = await unread(); // the first render's end is already there
    const comments = v.getByTestId('shared-comments');
    await comments.getByTestId('comments-scene').selectOption(first);
    const composer = comments.getByTestId('comment-composer').first();
    await composer.getByTestId('comment-name').fill('Clara <Client>');
    await composer.getByTestId('comment-input').fill('Can the dawn be <b>warmer</b>?');
    await composer.getByTestId('comment-submit').click();
    await comments.getByTestId('comment-body').first().waitFor();
    assert.equal(
      await comments.getByTestId('comment-author').first().textContent(),
      'Clara <Client>',
    );
    assert.equal(await comments.locator('b').count(), 0, 'markup stays text');
    await eventually(unread, (n) => n === unreadBefore + 1, 'the owner to get a notification');
    await eventually(
      () =>
        o
          .locator(`[data-scene-id="${first}"] [data-testid="scene-comment-count"]`)
          .first()
          .textContent(),
      (text) => (text ?? '').includes('1'),
      "the comment count on the owner's card",
    );

    // #t= seeks the video, #scene= marks the scene.
    const hashed = await visitorContext.newPage();
    await hashed.goto(`${url}#t=1.5&scene=${first}`);
    await eventually(
      () =>
        hashed.getByTestId('shared-video').evaluate((el) => (el as HTMLVideoElement).currentTime),
      (time) => Math.abs(time - 1.5) < 0.05,
      'the video to start at 1.5 s',
    );
    await hashed
      .locator(`[data-testid="shared-scene"][data-scene-id="${first}"][aria-current="true"]`)
      .waitFor();
    await hashed.close();

    // The views are counted in the owner's list (reopened dialog).
    await o.keyboard.press('Escape');
    await o.getByTestId('share-button').click();
    await eventually(
      () => o.getByTestId('share-link-views').textContent(),
      (text) => text === '2 views',
      'the views to be counted',
    );
    await video.evaluate((el) => (el as HTMLVideoElement).pause());
    await screenshotAtLaptopSizes(v, 'shared-page-en');

    // The same in French (Accept-Language), for the screenshots and the words.
    const ownerFr = await signedInContext(stage.browser, base, owner.token, { locale: 'fr-FR' });
    opened.contexts.add(ownerFr);
    const of = await ownerFr.newPage();
    await of.goto(`/projects/${projectId}`);
    await of.getByTestId('live-project').waitFor();
    await of.getByTestId('share-button').click();
    await of.getByTestId('share-link-row').waitFor();
    assert.equal(
      await of.getByTestId('share-button').locator('.bar-label').textContent(),
      'Partager',
    );
    await screenshotAtLaptopSizes(of, 'share-dialog-fr');
    const visitorFr = await anonymousContext(stage.browser, base, { locale: 'fr-FR' });
    opened.contexts.add(visitorFr);
    const vf = await visitorFr.newPage();
    await vf.goto(url);
    await vf.locator('[data-testid="shared-page"][data-live="live"]').waitFor();
    assert.equal(await vf.getByTestId('shared-live').textContent(), 'En direct');
    await screenshotAtLaptopSizes(vf, 'shared-page-fr');

    // The owner revokes in the dialog (with a confirmation): the visitor's page says so at once.
    await o.getByTestId('share-revoke').click();
    await o.getByTestId('share-revoke-confirm').click();
    await o.getByTestId('share-links-empty').waitFor();
    await eventually(
      () => v.getByTestId('shared-unavailable').textContent(),
      (text) => (text ?? '').includes('This link is no longer available'),
      'the visitor page to say the link is gone',
      1_000,
    );
    await eventually(
      () => vf.getByTestId('shared-unavailable').textContent(),
      (text) => (text ?? '').includes('Ce lien n’est plus disponible'),
      'the French visitor page to say the link is gone',
      1_000,
    );
    const mp4 = await fetch(videoUrl, { headers: { range: 'bytes=0-99' } });
    assert.equal(mp4.status, 410);
    await mp4.arrayBuffer();
    const reopened = await v.goto(url);
    assert.equal(reopened?.status(), 410);
    await v.getByTestId('shared-unavailable').waitFor();

    assert.deepEqual(ownerErrors, []);
    assert.deepEqual(
      visitorErrors.filter((e) => !e.includes('410')),
      [],
    );
  });
});
