import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { addScene, projectMap } from '../../shared/project-doc.ts';
import { browserStage, eventually, openProjectPage } from '../support/browser.ts';
import { connectClient } from '../support/collab-client.ts';
import { api, signUp } from '../support/web-server.ts';

/** Set to a folder to keep the theatre's screenshots (docs/screenshots/theatre is where the docs take theirs). */
const SCREENSHOT_DIR = process.env.MONTAGE_SCREENSHOT_DIR;
/** A short render on this machine takes seconds; a slow CI machine gets room. */
const RENDER_TIMEOUT_MS = 120_000;

const SCENES = [
  { title: 'Harbour at dawn', narration: 'The harbour wakes slowly.' },
  { title: 'The storm', narration: 'A storm rolls in from the sea.' },
  { title: 'Calm again', narration: 'The boats come home.' },
];

interface Chapter {
  sceneId: string;
  startSec: number;
}

/**
 * The theatre preview with a real web server and a real render node: a
 * finished render watched large over the editor, its keyboard, the scene
 * under the playhead marked on the board and the timeline, and the way back.
 */
describe('theatre preview', () => {
  const stage = browserStage({ env: { COLLAB_CONNECTIONS_PER_MINUTE: '1000' }, renderNode: true });

  /** A project with three narrated scenes, committed and rendered (720p draft) to the end. */
  async function renderedProject(title: string, aspect: '16:9' | '9:16') {
    const owner = await signUp(stage.server.url, 'Theo Theatre');
    const created = await api(stage.server.url, 'POST', '/api/v1/projects', {
      token: owner.token,
      body: { title },
    });
    assert.equal(created.status, 201);
    const projectId = created.body.project.id as string;
    const client = await connectClient(stage.server.url, owner.token, projectId);
    await client.settled();
    client.doc.transact(() => {
      projectMap(client.doc).set('aspect', aspect);
      for (const scene of SCENES) addScene(client.doc, scene);
    });
    await client.settled();
    client.destroy();
    const revision = await api(
      stage.server.url,
      'POST',
      `/api/v1/projects/${projectId}/revisions`,
      {
        token: owner.token,
        body: { message: 'Cut' },
      },
    );
    assert.equal(revision.status, 201, JSON.stringify(revision.body));
    const queued = await api(stage.server.url, 'POST', `/api/v1/projects/${projectId}/renders`, {
      token: owner.token,
      body: { revisionId: revision.body.revision.id, preset: '720p-draft' },
    });
    assert.equal(queued.status, 202, JSON.stringify(queued.body));
    const renderId = queued.body.render.id as string;
    const done = await eventually(
      async () =>
        (await api(stage.server.url, 'GET', `/api/v1/renders/${renderId}`, { token: owner.token }))
          .body.render,
      (render) => render.status === 'done' || render.status === 'failed',
      'the render to finish',
      RENDER_TIMEOUT_MS,
    );
    assert.equal(done.status, 'done', JSON.stringify(done.error));
    const chapters = [...(done.output.chapters as Chapter[])].sort(
      (a, b) => a.startSec - b.startSec,
    );
    assert.equal(chapters.length, 3);
    return { owner, projectId, renderId, chapters, durationSec: done.output.durationSec as number };
  }

  async function openPage(token: string, projectId: string, locale = 'en-US') {
    const opened = await openProjectPage(stage.browser, stage.server.url, token, projectId, {
      locale,
    });
    return { ...opened, context: opened.page.context() };
  }

  const previewButton = (page: Page, renderId: string) =>
    page
      .locator(`[data-testid="render-row"][data-render-id="${renderId}"]`)
      .getByTestId('render-preview');

  /** Opens the theatre from the render's Preview button; the board's width measured before. */
  async function openTheatre(page: Page, renderId: string) {
    const board = (await page.getByTestId('scene-board').boundingBox())!;
    await previewButton(page, renderId).click();
    await page.getByTestId('theatre').waitFor();
    const video = page.getByTestId('theatre').getByTestId('player-video');
    await eventually(
      () => video.evaluate((el) => (el as HTMLVideoElement).readyState),
      (state) => state >= 1,
      'the video metadata',
    );
    return { board, video };
  }

  const videoState = (video: Locator) =>
    video.evaluate((element) => {
      const el = element as HTMLVideoElement;
      return { paused: el.paused, time: el.currentTime };
    });

  const timeNear = (video: Locator, target: number, what: string) =>
    eventually(
      () => videoState(video),
      (state) => Math.abs(state.time - target) < 0.25,
      what,
    );

  /** Pauses inside the second scene so a screenshot shows a picture, a caption and the marks. */
  async function pauseInSecondScene(page: Page, video: Locator, chapters: Chapter[]) {
    await video.evaluate(async (element, at) => {
      const el = element as HTMLVideoElement;
      // Played once, the controls drop their loading spinner.
      el.muted = true;
      await el.play();
      el.pause();
      const seeked = new Promise((resolve) =>
        el.addEventListener('seeked', resolve, { once: true }),
      );
      el.currentTime = at;
      await seeked;
    }, chapters[1]!.startSec + 0.6);
    await page
      .locator(
        `[data-testid="timeline-block"][data-scene-id="${chapters[1]!.sceneId}"][data-playing="true"]`,
      )
      .waitFor();
    // The frame is decoded (no loading spinner in the shot).
    await eventually(
      () => video.evaluate((el) => (el as HTMLVideoElement).readyState),
      (state) => state >= 3,
      'the frame at the playhead',
    );
  }

  async function screenshot(page: Page, name: string) {
    if (!SCREENSHOT_DIR) return;
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
  }

  test('a 16:9 render watched large: size, keyboard, the playing scene on board and timeline, close', async () => {
    const { owner, projectId, renderId, chapters, durationSec } = await renderedProject(
      'Harbour theatre',
      '16:9',
    );
    const { page, errors, context } = await openPage(owner.token, projectId);
    const { board, video } = await openTheatre(page, renderId);

    // Large: at least half the board's width (the old in-panel player was a thumbnail).
    const box = (await video.boundingBox())!;
    assert.ok(box.width >= board.width / 2, `video ${box.width}px, board ${board.width}px`);
    assert.equal(await page.getByTestId('theatre').getAttribute('data-layout'), 'side');
    assert.equal(await page.getByTestId('theatre').getByTestId('chapter').count(), 3);
    assert.equal(await page.getByTestId('renders').getByTestId('player').count(), 0);
    assert.ok(await page.getByTestId('timeline').isVisible(), 'the timeline stays in view');
    assert.equal(
      await video.evaluate((el) => el === document.activeElement),
      true,
      'the focus is on the video',
    );
    // What the theatre covers is out of the tab order; the timeline is not.
    assert.equal(
      await page.locator('.editor-main').evaluate((el) => (el as HTMLElement).inert),
      true,
    );
    assert.equal(
      await page.getByTestId('timeline').evaluate((el) => (el as HTMLElement).inert),
      false,
    );

    // Space plays and pauses, K pauses (muted: playing needs no user gesture then).
    await video.evaluate((el) => ((el as HTMLVideoElement).muted = true));
    const pressFor = async (key: string, paused: boolean, what: string) => {
      await page.keyboard.press(key);
      await eventually(
        () => videoState(video),
        (s) => s.paused === paused,
        what,
      );
    };
    await pressFor('Space', false, 'Space to play');
    await pressFor('Space', true, 'Space to pause');
    await pressFor('Space', false, 'Space to play again');
    await pressFor('k', true, 'K to pause');

    // Home, → 5 s, ← 5 s, L forward 10 s, J back 10 s (never past either end), End.
    await page.keyboard.press('Home');
    await timeNear(video, 0, 'Home to go to the start');
    await page.keyboard.press('ArrowRight');
    await timeNear(video, Math.min(5, durationSec), '→ to seek 5 s on');
    await page.keyboard.press('ArrowLeft');
    await timeNear(video, 0, '← to seek 5 s back');
    await page.keyboard.press('l');
    await timeNear(video, Math.min(10, durationSec), 'L to seek 10 s on');
    await page.keyboard.press('j');
    await timeNear(video, Math.max(0, Math.min(10, durationSec) - 10), 'J to seek 10 s back');
    await page.keyboard.press('End');
    await timeNear(video, durationSec, 'End to go to the end');

    // PageDown: the next chapter; its scene is marked on the board and the timeline.
    await page.keyboard.press('Home');
    await timeNear(video, 0, 'Home');
    await page.keyboard.press('PageDown');
    await timeNear(video, chapters[1]!.startSec, 'PageDown to go to the second chapter');
    const second = chapters[1]!.sceneId;
    const card = (id: string) => page.locator(`[data-testid="scene-item"][data-scene-id="${id}"]`);
    const block = (id: string) =>
      page.locator(`[data-testid="timeline-block"][data-scene-id="${id}"]`);
    await eventually(
      async () => [
        await card(second).getAttribute('data-playing'),
        await block(second).getAttribute('data-playing'),
      ],
      (marks) => marks.every((mark) => mark === 'true'),
      'the second scene to be marked playing on the board and the timeline',
    );
    assert.equal(await page.locator('[data-testid="scene-item"][data-playing]').count(), 1);
    assert.equal(await page.locator('[data-testid="timeline-block"][data-playing]').count(), 1);
    assert.equal(
      await page.getByTestId('theatre').getByTestId('chapter').nth(1).getAttribute('aria-current'),
      'true',
    );
    // The timeline's playhead is at the start of the second scene.
    const playheadSec = Number(
      await page.getByTestId('timeline-ruler').getAttribute('aria-valuenow'),
    );
    const firstBlockSec = await block(chapters[0]!.sceneId).evaluate((el) =>
      Number(getComputedStyle(el).getPropertyValue('--sec')),
    );
    assert.ok(
      Math.abs(playheadSec - firstBlockSec) <= 0.3,
      `playhead ${playheadSec}, scene 2 at ${firstBlockSec}`,
    );

    // "." next chapter, "," back (just started: the chapter before), PageUp once more.
    await page.keyboard.press('.');
    await timeNear(video, chapters[2]!.startSec, '. to go to the third chapter');
    await eventually(
      () => block(chapters[2]!.sceneId).getAttribute('data-playing'),
      (mark) => mark === 'true',
      'the third block to be marked',
    );
    await page.keyboard.press(',');
    await timeNear(video, chapters[1]!.startSec, ', to go back a chapter');
    await page.keyboard.press('PageUp');
    await timeNear(video, 0, 'PageUp to go back to the first chapter');

    // A click on the third scene's block on the timeline plays from its chapter.
    await block(chapters[2]!.sceneId).click();
    await timeNear(video, chapters[2]!.startSec, 'a timeline click to seek to its chapter');
    await eventually(
      () => card(chapters[2]!.sceneId).getAttribute('data-playing'),
      (mark) => mark === 'true',
      'the third card to be marked',
    );

    // Scrubbing on the timeline's ruler moves the video to the same point of that scene.
    await video.focus();
    await page.keyboard.press('Home');
    await timeNear(video, 0, 'Home');
    const rulerBox = (await page.getByTestId('timeline-ruler').boundingBox())!;
    const secondBox = (await block(second).boundingBox())!;
    await page.mouse.click(secondBox.x + secondBox.width / 2, rulerBox.y + rulerBox.height / 2);
    await eventually(
      () => videoState(video),
      (state) => {
        const middle = (chapters[1]!.startSec + chapters[2]!.startSec) / 2;
        return Math.abs(state.time - middle) < 0.3;
      },
      'a click on the ruler to seek the video into the middle of the second scene',
    );

    await page.getByTestId('theatre').getByTestId('player-video').focus();
    await pauseInSecondScene(page, video, chapters);
    await screenshot(page, 'theatre-en-1440x900');

    // Escape closes and gives the focus back to the Preview button that opened it.
    await page.keyboard.press('Escape');
    await page.getByTestId('theatre').waitFor({ state: 'detached' });
    assert.equal(
      await previewButton(page, renderId).evaluate((el) => el === document.activeElement),
      true,
      'the focus is back on Preview',
    );
    assert.equal(
      await page.locator('.editor-main').evaluate((el) => (el as HTMLElement).inert),
      false,
    );
    assert.equal(await page.locator('[data-playing]').count(), 0, 'nothing is marked once closed');

    // 1280×720: still at least half the board's width.
    await page.setViewportSize({ width: 1280, height: 720 });
    const small = await openTheatre(page, renderId);
    const smallBox = (await small.video.boundingBox())!;
    assert.ok(
      smallBox.width >= small.board.width / 2,
      `video ${smallBox.width}px, board ${small.board.width}px at 1280×720`,
    );
    await pauseInSecondScene(page, small.video, chapters);
    await screenshot(page, 'theatre-en-1280x720');

    // The small player in the panel picks up at the same time; "Watch large" goes back.
    const at = (await videoState(small.video)).time;
    await page.getByTestId('theatre-small').click();
    await page.getByTestId('theatre').waitFor({ state: 'detached' });
    const panelVideo = page.getByTestId('renders').getByTestId('player-video');
    await timeNear(panelVideo, at, 'the small player to resume where the theatre was');
    // The small player marks the playing scene on the board, which is in view again.
    await eventually(
      () => card(second).getAttribute('data-playing'),
      (mark) => mark === 'true',
      'the second card to be marked under the small player',
    );
    await pauseInSecondScene(page, panelVideo, chapters);
    await screenshot(page, 'small-player-board-en-1280x720');
    await page.getByTestId('player-theatre').click();
    await page.getByTestId('theatre').waitFor();
    await page.getByTestId('theatre-close').click();
    await page.getByTestId('theatre').waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('French: the theatre and its shortcuts read in French', async () => {
    const { owner, projectId, renderId, chapters } = await renderedProject('Port en scène', '16:9');
    const { page, errors, context } = await openPage(owner.token, projectId, 'fr-FR');
    const { video } = await openTheatre(page, renderId);
    assert.equal(await page.getByTestId('theatre-close').textContent(), 'Fermer');
    assert.equal(await page.getByTestId('theatre-small').textContent(), 'Petit lecteur');
    assert.match((await page.getByTestId('theatre-keys').textContent()) ?? '', /Espace lecture/);
    await pauseInSecondScene(page, video, chapters);
    await screenshot(page, 'theatre-fr-1440x900');
    await page.setViewportSize({ width: 1280, height: 720 });
    await pauseInSecondScene(page, video, chapters);
    await screenshot(page, 'theatre-fr-1280x720');

    // The shortcuts dialog lists the player's keys.
    await page.keyboard.press('?');
    const dialog = page.getByTestId('shortcuts-dialog');
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? '';
    assert.match(text, /Aperçu : chapitre précédent ou suivant/);
    assert.match(text, /Espace \/ K/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a 9:16 render takes the theatre’s full height, chapters beside it', async () => {
    const { owner, projectId, renderId, chapters } = await renderedProject(
      'Vertical harbour',
      '9:16',
    );
    const { page, errors, context } = await openPage(owner.token, projectId);
    const { video } = await openTheatre(page, renderId);
    const theatre = (await page.getByTestId('theatre').boundingBox())!;
    const box = (await video.boundingBox())!;
    assert.equal(await page.getByTestId('theatre').getAttribute('data-orientation'), 'portrait');
    assert.equal(await page.getByTestId('theatre').getAttribute('data-layout'), 'side');
    assert.ok(box.height >= theatre.height * 0.75, `video ${box.height}px of ${theatre.height}px`);
    assert.ok(Math.abs(box.width / box.height - 9 / 16) < 0.02, 'the aspect is kept');
    await pauseInSecondScene(page, video, chapters);
    await screenshot(page, 'theatre-9x16-en-1440x900');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
