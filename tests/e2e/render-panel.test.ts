import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { addScene } from '../../shared/project-doc.ts';
import { browserStage, eventually, openProjectPage } from '../support/browser.ts';
import { connectClient } from '../support/collab-client.ts';
import { RenderNode } from '../support/render-node.ts';
import { api, signUp } from '../support/web-server.ts';
import { addMember } from '../support/members.ts';

/** Set to a folder to keep a screenshot of the panel (docs/screenshots is where the docs take theirs). */
const SCREENSHOT_DIR = process.env.MONTAGE_SCREENSHOT_DIR;
/** A short render on this machine takes seconds; a slow CI machine gets room. */
const RENDER_TIMEOUT_MS = 120_000;
const LIVE_STATES = ['planning', 'generating', 'narrating', 'encoding', 'assembling', 'publishing'];

/**
 * Commit & render, the render queue panel and the preview player on the live
 * project page, with a real web server, a real render node (ffmpeg,
 * espeak-ng) and two people in two browser contexts.
 */
describe('render queue panel', () => {
  const stage = browserStage({ env: { COLLAB_CONNECTIONS_PER_MINUTE: '1000' }, renderNode: true });

  const HARBOUR = [
    { title: 'Harbour at dawn', narration: 'The harbour wakes.' },
    { title: 'The storm', narration: 'A storm rolls in.' },
  ];

  /** An owner and a second member; two scenes with a short narration each, written live. */
  async function sharedProject(title: string, secondRole: 'editor' | 'viewer', scenes = HARBOUR) {
    const owner = await signUp(stage.server.url, 'Olivia Owner');
    const second = await signUp(
      stage.server.url,
      secondRole === 'viewer' ? 'Vera Viewer' : 'Eddie Editor',
    );
    const created = await api(stage.server.url, 'POST', '/api/v1/projects', {
      token: owner.token,
      body: { title },
    });
    assert.equal(created.status, 201);
    const projectId = created.body.project.id as string;
    await addMember(stage.server, owner.token, projectId, second, secondRole);
    const client = await connectClient(stage.server.url, owner.token, projectId);
    await client.settled();
    for (const scene of scenes) addScene(client.doc, scene);
    await client.settled();
    client.destroy();
    return { owner, second, projectId };
  }

  async function openProject(token: string, projectId: string) {
    const opened = await openProjectPage(stage.browser, stage.server.url, token, projectId);
    await opened.page.getByTestId('renders').waitFor();
    return opened;
  }

  /** Records every status and progress value a page shows for its renders, as it shows them. */
  async function recordRenderStates(page: Page) {
    await page.evaluate(() => {
      const seen: { status: string; value: number }[] = [];
      (window as unknown as { renderStatesSeen: typeof seen }).renderStatesSeen = seen;
      const record = () => {
        for (const row of document.querySelectorAll<HTMLElement>('[data-testid="render-row"]')) {
          const bar = row.querySelector('[data-testid="render-progress"]');
          seen.push({
            status: row.dataset.status ?? '',
            value: Number(bar?.getAttribute('aria-valuenow')),
          });
        }
      };
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-status', 'aria-valuenow'],
      });
    });
  }

  const statesSeen = (page: Page) =>
    page.evaluate(
      () =>
        (window as unknown as { renderStatesSeen: { status: string; value: number }[] })
          .renderStatesSeen,
    );

  const row = (page: Page, renderId?: string) =>
    renderId
      ? page.locator(`[data-testid="render-row"][data-render-id="${renderId}"]`)
      : page.getByTestId('render-row').first();

  const waitForStatus = (page: Page, renderId: string, status: string) =>
    page
      .locator(`[data-testid="render-row"][data-render-id="${renderId}"][data-status="${status}"]`)
      .waitFor({ timeout: RENDER_TIMEOUT_MS });

  async function choosePreset(page: Page, label: RegExp) {
    await page.getByTestId('commit-dialog').getByTestId('commit-preset').click();
    await page.getByRole('option', { name: label }).click();
  }

  test('commit & render: problems per scene, live progress for everyone, done, preview plays', async () => {
    const { owner, second: viewer, projectId } = await sharedProject('Harbour lights', 'viewer');
    const o = await openProject(owner.token, projectId);
    const v = await openProject(viewer.token, projectId);
    await v.page.getByTestId('renders-empty').waitFor();
    assert.equal(await v.page.getByTestId('commit-render').count(), 0, 'viewers cannot commit');
    await recordRenderStates(v.page);

    // A third scene with nothing to say: the commit is refused, naming that scene.
    await o.page.getByTestId('add-scene').click();
    await eventually(
      () => v.page.getByTestId('scene-item').count(),
      (n) => n === 3,
      'the viewer to see the third scene',
    );
    const thirdId = await o.page.getByTestId('scene-item').nth(2).getAttribute('data-scene-id');
    await o.page.getByTestId('commit-render').click();
    const dialog = o.page.getByTestId('commit-dialog');
    await dialog.getByTestId('commit-message').fill('First cut');
    await choosePreset(o.page, /720p draft/);
    await dialog.getByTestId('commit-submit').click();
    const issue = dialog.getByTestId('commit-issue');
    await issue.waitFor();
    assert.equal(await issue.count(), 1);
    assert.equal(await issue.getAttribute('data-scene-id'), thirdId);
    assert.equal(
      (await issue.textContent())?.trim(),
      'Scene 3 — Write narration or set a duration',
    );
    assert.equal(await dialog.getByTestId('commit-message').inputValue(), 'First cut');

    // Close, remove the empty scene, come back: the message and the preset are still there.
    await o.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await o.page.getByTestId('scene-item').nth(2).getByTestId('scene-menu').click();
    await o.page.getByTestId('delete-scene').click();
    await eventually(
      () => v.page.getByTestId('scene-item').count(),
      (n) => n === 2,
      'the viewer to see the empty scene gone',
    );
    await o.page.getByTestId('commit-render').click();
    assert.equal(await dialog.getByTestId('commit-message').inputValue(), 'First cut');
    assert.match((await dialog.getByTestId('commit-preset').textContent()) ?? '', /720p draft/);
    assert.equal(await dialog.getByTestId('commit-issues').count(), 0, 'old problems are cleared');
    await dialog.getByTestId('commit-submit').click();
    await dialog.waitFor({ state: 'detached' });

    // Both pages show the render; the viewer's page moves through live states to done.
    const renderId = (await row(o.page).getAttribute('data-render-id'))!;
    await row(v.page, renderId).waitFor();
    await Promise.all([
      waitForStatus(o.page, renderId, 'done'),
      waitForStatus(v.page, renderId, 'done'),
    ]);
    const seen = (await statesSeen(v.page)).filter((s) => s.status !== '');
    assert.ok(
      seen.some(
        (s) =>
          LIVE_STATES.includes(s.status) || (s.status !== 'done' && s.value > 0 && s.value < 100),
      ),
      `the viewer saw the render in progress: ${JSON.stringify(seen.slice(0, 40))}`,
    );
    assert.ok(seen.at(-1)?.status === 'done');
    assert.equal(
      await v.page.getByTestId('render-announcement').textContent(),
      'The render of revision 1 is done.',
    );

    const viewerRow = row(v.page, renderId);
    assert.equal(
      await viewerRow.getByTestId('render-progress').getAttribute('aria-valuenow'),
      '100',
    );
    assert.match((await viewerRow.getByTestId('render-meta').textContent()) ?? '', /Olivia Owner/);
    assert.match((await viewerRow.textContent()) ?? '', /Revision 1/);
    assert.equal(await viewerRow.getByTestId('render-preset').textContent(), '720p draft');
    assert.equal(await viewerRow.getByTestId('render-cancel').count(), 0);
    assert.equal(await viewerRow.getByTestId('render-retry').count(), 0);
    assert.match(
      (await viewerRow.getByTestId('render-download').getAttribute('href')) ?? '',
      /\/video\.mp4\?download$/,
    );
    // Per-stage and per-scene detail, collapsed until asked for.
    await viewerRow.getByTestId('render-detail').locator('summary').click();
    assert.equal(await viewerRow.getByTestId('render-scene').count(), 2);
    assert.ok((await viewerRow.getByTestId('render-stage').count()) >= 3);

    // The board shows each scene's thumbnail from this render, for both.
    for (const page of [o.page, v.page]) {
      await eventually(
        () =>
          page
            .getByTestId('scene-thumbnail')
            .evaluateAll((images) =>
              images.map((image) => (image as HTMLImageElement).naturalWidth),
            ),
        (widths) => widths.length === 2 && widths.every((w) => w > 0),
        'two loaded scene thumbnails',
      );
    }

    // Focusing a thumbnail (keyboard) tells what its picture depicts, and from which words.
    await v.page.getByTestId('scene-depiction-trigger').first().focus();
    const depiction = v.page.getByTestId('scene-depiction').first();
    await depiction.waitFor();
    assert.match(
      (await depiction.textContent()) ?? '',
      /Setting: harbour, dawn \(from “harbour”\)Props: noneFigures: none/,
    );
    await v.page.keyboard.press('Escape');

    // The viewer opens the preview: poster, captions, and the video plays.
    await viewerRow.getByTestId('render-preview').click();
    const video = v.page.getByTestId('player-video');
    await video.waitFor();
    assert.equal(
      await video.evaluate((element) => element === document.activeElement),
      true,
      'focus moves to the video',
    );
    const media = await video.evaluate(async (element) => {
      const el = element as HTMLVideoElement;
      el.muted = true; // muted playback needs no user gesture
      await el.play();
      const track = el.querySelector('track');
      return { poster: el.poster, track: track?.getAttribute('kind'), trackSrc: track?.src };
    });
    assert.match(media.poster, /\/poster\.\w+$/);
    assert.equal(media.track, 'captions');
    assert.match(media.trackSrc ?? '', /\/captions\.vtt$/);
    const playback = await eventually(
      () =>
        video.evaluate((element) => {
          const el = element as HTMLVideoElement;
          return {
            error: el.error?.code ?? null,
            readyState: el.readyState,
            currentTime: el.currentTime,
            duration: el.duration,
            captionsLoaded: (el.querySelector('track') as HTMLTrackElement | null)?.readyState,
          };
        }),
      (state) => state.error !== null || (state.readyState >= 2 && state.currentTime > 0),
      'the preview to play',
      30_000,
    );
    assert.equal(playback.error, null, 'the browser decodes the video');
    assert.ok(playback.duration > 0);
    await eventually(
      () => video.evaluate((element) => element.querySelector('track')?.readyState),
      (state) => state === 2,
      'the captions track to load',
    );
    const captions = await video.evaluate((element) => {
      const track = (element as HTMLVideoElement).textTracks[0];
      return {
        mode: track?.mode,
        cues: Array.from(track?.cues ?? []).map((cue) => ({
          start: cue.startTime,
          text: (cue as VTTCue).text,
        })),
      };
    });
    assert.equal(captions.mode, 'showing', 'captions are on by default');
    assert.deepEqual(
      captions.cues.map((cue) => cue.text),
      ['The harbour wakes.', 'A storm rolls in.'],
    );

    // Chapter markers per scene (when the render has them) seek the video.
    const stored = await api(stage.server.url, 'GET', `/api/v1/renders/${renderId}`, {
      token: viewer.token,
    });
    const storedChapters = stored.body.render.output.chapters as { startSec: number }[];
    const chapters = v.page.getByTestId('chapter');
    assert.equal(await chapters.count(), storedChapters.length);
    if (storedChapters.length > 1) {
      assert.deepEqual(await chapters.locator('.chapter-title').allTextContents(), [
        'Harbour at dawn',
        'The storm',
      ]);
      await chapters.nth(1).focus();
      await v.page.keyboard.press('Enter');
      await eventually(
        () => video.evaluate((element) => (element as HTMLVideoElement).currentTime),
        (time) => time >= storedChapters[1]!.startSec,
        'the video to seek to the second chapter',
      );
      assert.equal(await chapters.nth(1).getAttribute('aria-current'), 'true');
    }

    if (SCREENSHOT_DIR) {
      // Paused inside the first caption, so the shot shows it.
      await video.evaluate(async (element, at) => {
        const el = element as HTMLVideoElement;
        el.pause();
        const seeked = new Promise((resolve) =>
          el.addEventListener('seeked', resolve, { once: true }),
        );
        el.currentTime = at;
        await seeked;
      }, captions.cues[0]!.start + 0.4);
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await v.page.setViewportSize({ width: 1200, height: 1300 });
      const box = (await v.page.getByTestId('renders').boundingBox())!;
      await v.page.screenshot({
        path: path.join(SCREENSHOT_DIR, 'render-queue.png'),
        clip: { x: box.x - 24, y: box.y - 16, width: box.width + 48, height: box.height + 32 },
      });
    }
    for (const { errors } of [o, v]) assert.deepEqual(errors, []);
  });

  test('a failed render keeps its error: stage, scene, message and the detail', async () => {
    // Scenes of their own: artifacts cached by the other tests would need no ffmpeg at all.
    const {
      owner,
      second: viewer,
      projectId,
    } = await sharedProject('Lost signal', 'viewer', [
      { title: 'Radio silence', narration: 'The radio goes quiet.' },
      { title: 'Static', narration: 'Static fills the air.' },
    ]);
    // A render node whose ffmpeg answers `-version` and fails every real job.
    const bin = mkdtempSync(path.join(tmpdir(), 'montage-broken-ffmpeg-'));
    writeFileSync(
      path.join(bin, 'ffmpeg'),
      [
        '#!/bin/sh',
        'for a in "$@"; do [ "$a" = "-version" ] && exec /usr/bin/ffmpeg "$@"; done',
        'echo "Simulated failure: the disk is full" >&2',
        'exit 1',
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    await stage.node.kill();
    const broken = await new RenderNode(stage.server, {
      PATH: `${bin}:${process.env.PATH}`,
    }).start();
    try {
      const o = await openProject(owner.token, projectId);
      const v = await openProject(viewer.token, projectId);
      await o.page.getByTestId('commit-render').click();
      const dialog = o.page.getByTestId('commit-dialog');
      await choosePreset(o.page, /720p draft/);
      await dialog.getByTestId('commit-submit').click();
      await dialog.waitFor({ state: 'detached' });
      const renderId = (await row(o.page).getAttribute('data-render-id'))!;
      await Promise.all([
        waitForStatus(o.page, renderId, 'failed'),
        waitForStatus(v.page, renderId, 'failed'),
      ]).catch(async (err: Error) => {
        const state = await api(stage.server.url, 'GET', `/api/v1/renders/${renderId}`, {
          token: owner.token,
        });
        console.log(
          `DIAG render: ${JSON.stringify(state.body).slice(0, 1200)}\nnode:\n${broken.output.slice(-3000)}\nweb:\n${stage.server.output.slice(-3000)}`,
        );
        throw err;
      });
      const stored = await api(stage.server.url, 'GET', `/api/v1/renders/${renderId}`, {
        token: owner.token,
      });
      const failure = stored.body.render.failure as {
        message: string;
        sceneId: string | null;
        code?: string;
        detail?: string;
      };
      for (const page of [o.page, v.page]) {
        const failed = row(page, renderId).getByTestId('render-failure');
        const text = (await failed.textContent()) ?? '';
        assert.match(text, /Failed at “\w[^”]*”/);
        if (failure.sceneId) assert.match(text, /” in (Radio silence|Static)/);
        // A broken ffmpeg is a cause the node knows: one line worded from its code, and the
        // node's own sentence (without the stage and scene id) folded in the technical detail.
        assert.equal(failure.code, 'ffmpeg-failed');
        const message = failed.getByTestId('render-failure-message');
        assert.equal(await message.getAttribute('data-code'), 'ffmpeg-failed');
        assert.equal(await message.textContent(), 'Video encoding (ffmpeg) failed.');
        const detail = failed.locator('details');
        assert.equal(await detail.locator('pre').isVisible(), false, 'the detail starts folded');
        await detail.locator('summary').click();
        const technical = (await detail.locator('pre').textContent()) ?? '';
        const cause = technical.split('\n\n')[0]!;
        assert.ok(cause.length > 0 && failure.message.endsWith(cause), cause);
        assert.doesNotMatch(cause, new RegExp(failure.sceneId ?? '^$'));
        if (failure.detail)
          assert.ok(technical.endsWith(failure.detail), 'the stderr lines follow');
      }
      assert.equal(await row(o.page, renderId).getByTestId('render-retry').count(), 1);
      assert.equal(await row(v.page, renderId).getByTestId('render-retry').count(), 0);
      for (const { errors } of [o, v]) assert.deepEqual(errors, []);
    } finally {
      await broken.kill();
      rmSync(bin, { recursive: true, force: true });
      await stage.startNode();
    }
  });

  test('cancel then retry from the UI, seen by both people', async () => {
    const { owner, second: editor, projectId } = await sharedProject('Night ferry', 'editor');
    // No render node for now: the render waits in the queue, so it can be cancelled there.
    await stage.node.kill();
    const o = await openProject(owner.token, projectId);
    const e = await openProject(editor.token, projectId);

    await o.page.getByTestId('commit-render').click();
    const dialog = o.page.getByTestId('commit-dialog');
    await choosePreset(o.page, /720p draft/);
    await dialog.getByTestId('commit-submit').click();
    await dialog.waitFor({ state: 'detached' });
    const renderId = (await row(o.page).getAttribute('data-render-id'))!;
    await waitForStatus(o.page, renderId, 'queued');

    // The owner cancels while it waits; both see it cancelled, with Retry instead of Cancel.
    await row(o.page, renderId).getByTestId('render-cancel').click();
    await Promise.all([
      waitForStatus(o.page, renderId, 'cancelled'),
      waitForStatus(e.page, renderId, 'cancelled'),
    ]);
    assert.equal(await row(o.page, renderId).getByTestId('render-cancel').count(), 0);

    // A node comes back; the editor retries; it runs to the end for both.
    await stage.startNode();
    await row(e.page, renderId).getByTestId('render-retry').click();
    await Promise.all([
      waitForStatus(o.page, renderId, 'done'),
      waitForStatus(e.page, renderId, 'done'),
    ]);
    assert.equal(await row(e.page, renderId).getByTestId('render-retry').count(), 0);
    await row(e.page, renderId).getByTestId('render-preview').waitFor();
    for (const { errors } of [o, e]) assert.deepEqual(errors, []);
  });
});
