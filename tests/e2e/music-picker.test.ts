import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type * as Y from 'yjs';
import { addScene, projectMap } from '../../shared/project-doc.ts';
import { runFfmpeg } from '../../shared/node/ffmpeg/run-ffmpeg.ts';
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

/** Set to a folder to keep screenshots of the picker and the lane (docs/screenshots/music). */
const SCREENSHOT_DIR = process.env.MONTAGE_SCREENSHOT_DIR;
/** Small limits, so "too big" and "too long" need only small files. */
const MAX_BYTES = 600_000;
const MAX_SECONDS = 60;

interface MusicValue {
  asset: string;
  volume: number;
  name?: string;
  duck?: boolean;
}
const musicOf = (doc: Y.Doc) => doc.getMap('project').get('music') as MusicValue | null;

/**
 * The music lane and the music picker on the live project page: upload with
 * progress (a real web server, ffmpeg checking the file), the bed in the lane
 * and in a second collaborator's document, volume and ducking, refusals in
 * both languages, removal, and the read-only view a viewer gets.
 */
describe('music picker', () => {
  const stage = browserStage({
    env: {
      COLLAB_CONNECTIONS_PER_MINUTE: '1000',
      MUSIC_MAX_BYTES: String(MAX_BYTES),
      MUSIC_MAX_SECONDS: String(MAX_SECONDS),
    },
  });
  const { contexts, clients } = closedAfterEachTest();
  let dir = '';
  const files = { theme: '', tide: '', fake: '', big: '', long: '' };

  /** A WAV from ffmpeg's sine source: `seconds` long, mono at `rate` Hz. */
  async function sineWav(name: string, seconds: number, rate = 48_000) {
    const file = path.join(dir, name);
    await runFfmpeg({
      inputs: [
        {
          path: `sine=frequency=440:duration=${seconds}:sample_rate=${rate}`,
          options: ['-f', 'lavfi'],
        },
      ],
      outputOptions: ['-c:a', 'pcm_s16le', '-ac', '1'],
      output: file,
      signal: new AbortController().signal,
    });
    return file;
  }

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'montage-music-picker-'));
    files.theme = await sineWav('Harbour theme.wav', 3);
    files.tide = await sineWav('Tide.wav', 2);
    // 10 s at 48 kHz, 16-bit: about 960 KB, over the limit.
    files.big = await sineWav('Big.wav', 10);
    // 65 s at 4 kHz: about 520 KB, under the size limit but longer than the length limit.
    files.long = await sineWav('Long.wav', 65, 4000);
    files.fake = path.join(dir, 'notes.mp3');
    writeFileSync(files.fake, 'These are my notes, not a song.\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function project(title: string) {
    const owner = await signUp(stage.server.url, 'Olivia Owner');
    const projectId = await createProject(stage.server.url, owner.token, title);
    // A second collaborator: what the page writes must reach it.
    const client = await connectClient(stage.server.url, owner.token, projectId);
    clients.add(client);
    await client.settled();
    addScene(client.doc, { title: 'Harbour', narration: 'The harbour wakes up slowly.' });
    addScene(client.doc, { title: 'Storm', narration: 'A storm rolls in from the west.' });
    // Uploads onto a project without music: as once its own soundtrack (issue 18) was removed.
    projectMap(client.doc).set('music', null);
    await client.settled();
    return { owner, projectId, client };
  }

  async function open(
    token: string,
    projectId: string,
    locale: 'en' | 'fr',
    viewport = { width: 1440, height: 900 },
  ) {
    const context = await signedInContext(stage.browser, stage.server.url, token, {
      locale: locale === 'fr' ? 'fr-FR' : 'en-US',
    });
    contexts.add(context);
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    const errors = collectPageErrors(page);
    await page.goto(`/projects/${projectId}`);
    await page.getByTestId('live-project').waitFor();
    await page.locator(`html[lang="${locale}"]`).waitFor();
    return { page, errors };
  }

  const text = async (page: Page, testId: string) =>
    ((await page.getByTestId(testId).textContent()) ?? '').trim();

  /** Records every value the upload progress bar shows, from now on. */
  async function watchProgress(page: Page) {
    await page.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { progressSeen: number[] }).progressSeen = seen;
      const record = () => {
        const bar = document.querySelector('[data-testid="music-upload-progress"]');
        const value = bar?.getAttribute('aria-valuenow');
        if (value !== null && value !== undefined) seen.push(Number(value));
      };
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['aria-valuenow'],
      });
    });
  }
  const progressSeen = (page: Page) =>
    page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);

  test('an editor opens the picker from the lane with Enter, cancels and makes uploads, sets volume and ducking, removes', async () => {
    const { owner, projectId, client } = await project('Music');
    const { page, errors } = await open(owner.token, projectId, 'en');
    const lane = page.getByTestId('timeline-music');
    assert.equal((await lane.textContent())?.trim(), '+ Add music', 'an invitation for editors');
    assert.equal(await lane.getAttribute('aria-label'), 'Music track: no music yet. Add music');

    if (SCREENSHOT_DIR) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'music-lane-add-1440x900.png') });
    }

    // Keyboard: the lane is focusable and Enter opens the picker.
    await lane.focus();
    await page.keyboard.press('Enter');
    const picker = page.getByTestId('music-picker');
    await picker.waitFor();
    assert.equal(await text(page, 'music-none'), 'This project has no music yet.');
    assert.equal(await page.getByTestId('music-upload-button').textContent(), 'Choose a file…');

    // Not audio (a text file named .mp3): refused in English, nothing changed.
    await page.getByTestId('music-file').setInputFiles(files.fake);
    await page.getByTestId('music-error').waitFor();
    assert.match(await text(page, 'music-error'), /^The file is not an audio file Montage accepts/);
    assert.equal(musicOf(client.doc), null, 'no music was set');

    // A file name the document would refuse: refused before sending.
    await page.getByTestId('music-file').setInputFiles({
      name: 'Evil\u202Etxt.wav',
      mimeType: 'audio/wav',
      buffer: readFileSync(files.theme),
    });
    await eventually(
      () => text(page, 'music-error'),
      (value) =>
        value ===
        'The file name cannot be kept: it contains a bidirectional override character (U+202E) at position 5. Rename the file and try again.',
      'the refused name',
    );

    // Too big and too long: refused with the limits, nothing changed.
    await page.getByTestId('music-file').setInputFiles(files.big);
    await eventually(
      () => text(page, 'music-error'),
      (value) => value.startsWith('The file is larger than'),
      'the too-big refusal',
    );
    await page.getByTestId('music-file').setInputFiles(files.long);
    await eventually(
      () => text(page, 'music-error'),
      (value) => value === 'The music is longer than 1 minutes',
      'the too-long refusal',
    );
    assert.equal(musicOf(client.doc), null, 'still no music');

    // A slow connection: the upload shows how far it got and can be cancelled; nothing changes.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 32 * 1024,
    });
    await page.getByTestId('music-file').setInputFiles(files.theme);
    const bar = page.getByTestId('music-upload-progress');
    await eventually(
      async () => Number(await bar.getAttribute('aria-valuenow')),
      (value) => value > 0 && value < 100,
      'part of the file sent',
    );
    assert.match(await text(page, 'music-upload'), /^Uploading Harbour theme\.wav…/);
    await page.getByTestId('music-upload-cancel').click();
    await page.getByTestId('music-upload-button').waitFor();
    assert.equal(await page.getByTestId('music-error').count(), 0, 'a cancel is not an error');
    assert.equal(musicOf(client.doc), null, 'a cancelled upload changes nothing');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

    // A real WAV: progress shown, then the bed in the document, the lane and the picker.
    await watchProgress(page);
    await page.getByTestId('music-file').setInputFiles(files.theme);
    const bed = await eventually(
      async () => musicOf(client.doc),
      (value) => value !== null,
      'the bed in the second client',
    );
    assert.equal(bed!.name, 'Harbour theme.wav', 'the file name is kept for display');
    assert.equal(bed!.volume, 0.35);
    assert.equal(bed!.duck, undefined, 'ducked by default (the key left out)');
    assert.ok((await progressSeen(page)).includes(100), 'the progress bar reached 100 %');
    await page.getByTestId('music-notice').waitFor();
    assert.equal(await text(page, 'music-name'), 'Harbour theme.wav');
    await eventually(
      () => text(page, 'music-duration'),
      (value) => /^Length 3(\.0)? s$/.test(value),
      'the length read from the preview',
    );
    assert.equal(await text(page, 'timeline-music-name'), 'Harbour theme.wav');
    assert.equal(await text(page, 'timeline-music-volume'), 'volume 35%');
    assert.equal(await text(page, 'timeline-music-ducked'), 'ducked');

    // Preview: play, then pause.
    const play = page.getByTestId('music-play');
    assert.equal(await play.getAttribute('aria-label'), 'Play Harbour theme.wav');
    await play.click();
    await eventually(
      () => play.getAttribute('data-playing'),
      (v) => v === 'true',
      'playing',
    );
    await play.click();
    await eventually(
      () => play.getAttribute('data-playing'),
      (v) => v === 'false',
      'paused',
    );

    if (SCREENSHOT_DIR) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.getByTestId('music-notice').waitFor();
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'music-picker-en-1280x720.png') });
      await page.setViewportSize({ width: 1440, height: 900 });
    }

    // Volume: a key press is one change; a second client sees it.
    const thumb = page.getByTestId('music-volume');
    await thumb.focus();
    await page.keyboard.press('PageUp');
    await eventually(
      async () => musicOf(client.doc)?.volume,
      (v) => v === 0.45,
      'the volume in the second client',
    );
    assert.equal(await thumb.getAttribute('aria-valuetext'), '45%');
    assert.equal(await text(page, 'timeline-music-volume'), 'volume 45%');

    // A drag is one undo step: many positions on the way, one write when released.
    const track = await page.locator('.music-mix .slider').boundingBox();
    const handle = await thumb.boundingBox();
    assert.ok(track && handle);
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    for (const f of [0.5, 0.6, 0.7, 0.8]) {
      await page.mouse.move(track.x + track.width * f, track.y + track.height / 2);
    }
    await page.mouse.up();
    const dragged = await eventually(
      async () => musicOf(client.doc)?.volume ?? 0,
      (v) => v >= 0.75,
      'the dragged volume in the second client',
    );

    // Ducking off: the document and the lane say so.
    const duck = page.getByTestId('music-duck');
    assert.equal(await duck.getAttribute('aria-checked'), 'true');
    await duck.click();
    await eventually(
      async () => musicOf(client.doc)?.duck,
      (v) => v === false,
      'ducking off in the second client',
    );
    assert.equal(await page.getByTestId('timeline-music-ducked').count(), 0);
    assert.match(
      (await page.getByTestId('timeline-music').getAttribute('aria-label')) ?? '',
      /^Music track: Harbour theme\.wav, volume \d+%\. Open the music picker$/,
    );

    // Undo (after closing the picker): ducking back on, then the whole drag in one step.
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
      'timeline-music',
      'focus is back on the lane',
    );
    await page.getByTestId('undo').click();
    await eventually(
      async () => musicOf(client.doc),
      // Back to the bed as it was: ducking by default (the key absent).
      (v) => v !== null && v.duck !== false,
      'ducking undone',
    );
    assert.ok(dragged > 0.45);
    await page.getByTestId('undo').click();
    await eventually(
      async () => musicOf(client.doc)?.volume,
      (v) => v === 0.45,
      'the drag undone in one step',
    );

    // Replacing the file keeps the mix; Remove asks first.
    await page.getByTestId('timeline-music').click();
    await picker.waitFor();
    assert.equal(await page.getByTestId('music-upload-button').textContent(), 'Replace the file…');
    await page.getByTestId('music-file').setInputFiles(files.tide);
    await eventually(
      async () => musicOf(client.doc)?.name,
      (v) => v === 'Tide.wav',
      'the replaced bed',
    );
    assert.equal(musicOf(client.doc)?.volume, 0.45, 'the volume stays with the project');
    await page.getByTestId('music-remove').click();
    await page.getByTestId('confirm-dialog').waitFor();
    await page.getByTestId('music-remove-confirm').click();
    await eventually(
      async () => musicOf(client.doc),
      (v) => v === null,
      'the bed removed',
    );
    await page.getByTestId('music-none').waitFor();
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });
    assert.equal((await lane.textContent())?.trim(), '+ Add music');
    assert.deepEqual(errors, []);
  });

  test('in French a dropped file uploads, a refused one reads in French and changes nothing; a viewer sees the picker read-only', async () => {
    const { owner, projectId, client } = await project('Musique');
    const viewer = await signUp(stage.server.url, 'Vera Viewer');
    await addMember(stage.server, owner.token, projectId, viewer, 'viewer');
    const { page, errors } = await open(owner.token, projectId, 'fr', { width: 1280, height: 720 });
    const lane = page.getByTestId('timeline-music');
    assert.equal((await lane.textContent())?.trim(), '+ Ajouter une musique');
    await lane.click();
    await page.getByTestId('music-picker').waitFor();
    // Dropped onto the dialog: the zone says so while a file is over it, then uploads it.
    const dataTransfer = await page.evaluateHandle((base64) => {
      const transfer = new DataTransfer();
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], 'Harbour theme.wav', { type: 'audio/wav' }));
      return transfer;
    }, readFileSync(files.theme).toString('base64'));
    const zone = page.getByTestId('music-drop-zone');
    await zone.dispatchEvent('dragover', { dataTransfer });
    await eventually(
      () => zone.getAttribute('data-dragging'),
      (v) => v === 'true',
      'drop hint',
    );
    assert.equal(await text(page, 'music-drop-hint'), 'Déposez le fichier pour l’envoyer');
    await zone.dispatchEvent('drop', { dataTransfer });
    const bed = await eventually(
      async () => musicOf(client.doc),
      (v) => v !== null,
      'the bed in the second client',
    );
    await page.getByTestId('music-name').waitFor();

    await page.getByTestId('music-file').setInputFiles(files.fake);
    await page.getByTestId('music-error').waitFor();
    assert.match(
      await text(page, 'music-error'),
      /^Ce fichier n’est pas un fichier audio accepté par Montage/,
    );
    assert.deepEqual(musicOf(client.doc), bed, 'the bed is unchanged');
    assert.equal(await text(page, 'timeline-music-volume'), 'volume 35 %');
    assert.equal(await text(page, 'timeline-music-ducked'), 'atténuée');
    await eventually(
      () => text(page, 'music-duration'),
      (value) => value.startsWith('Durée 3'),
      'the length in French',
    );
    if (SCREENSHOT_DIR) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      // Clicking the lane scrolled the page a little: the shot shows it from the top.
      await page.evaluate(() => document.scrollingElement?.scrollTo(0, 0));
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'music-picker-fr-1280x720.png') });
    }
    await page.keyboard.press('Escape');
    assert.deepEqual(errors, []);

    // A viewer: the bed, its length and the preview; nothing that changes it.
    const seen = await open(viewer.token, projectId, 'en');
    const viewerLane = seen.page.getByTestId('timeline-music');
    await eventually(
      () => viewerLane.getAttribute('aria-label'),
      (v) =>
        v ===
        'Music track: Harbour theme.wav, volume 35%, ducked under narration. Open the music picker',
      'the lane for a viewer',
    );
    if (SCREENSHOT_DIR) {
      await seen.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'music-lane-1440x900.png') });
    }
    await viewerLane.focus();
    await seen.page.keyboard.press('Space');
    await seen.page.getByTestId('music-picker').waitFor();
    assert.equal(await text(seen.page, 'music-name'), 'Harbour theme.wav');
    assert.equal(await seen.page.getByTestId('music-play').count(), 1);
    assert.equal(await seen.page.getByTestId('music-upload-button').count(), 0);
    assert.equal(await seen.page.getByTestId('music-remove').count(), 0);
    assert.equal(await seen.page.getByTestId('music-duck').isDisabled(), true);
    assert.equal(await seen.page.getByTestId('music-volume').getAttribute('data-disabled'), '');
    assert.deepEqual(seen.errors, []);
  });
});
