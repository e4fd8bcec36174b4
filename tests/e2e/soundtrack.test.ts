import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type * as Y from 'yjs';
import { addScene } from '../../shared/project-doc.ts';
import {
  browserStage,
  closedAfterEachTest,
  eventually,
  openProjectPage,
} from '../support/browser.ts';
import { connectClient } from '../support/collab-client.ts';
import { createProject, signUp } from '../support/web-server.ts';
import type { BrowserStage } from '../support/browser.ts';

/** Set to a folder to keep screenshots of the generated soundtrack tab (docs/screenshots/music). */
const SCREENSHOT_DIR = process.env.MONTAGE_SCREENSHOT_DIR;

const musicOf = (doc: Y.Doc) =>
  doc.getMap('project').get('music') as {
    asset: string;
    name?: string;
    duck?: boolean;
    generated?: { seed: number; mood?: string; genre?: string; followStory?: boolean };
  } | null;

function helpers(stage: BrowserStage, closed: ReturnType<typeof closedAfterEachTest>) {
  async function project(title: string) {
    const owner = await signUp(stage.server.url, 'Sasha Score');
    const projectId = await createProject(stage.server.url, owner.token, title);
    const client = await connectClient(stage.server.url, owner.token, projectId);
    closed.clients.add(client);
    await client.settled();
    addScene(client.doc, {
      title: 'Harbour',
      narration: 'The harbour wakes up slowly.',
      mood: 'calm',
    });
    addScene(client.doc, {
      title: 'Storm',
      narration: 'A storm rolls in from the west.',
      mood: 'tense',
    });
    await client.settled();
    return { owner, projectId, client };
  }

  async function openPicker(
    token: string,
    projectId: string,
    locale: 'en' | 'fr',
    viewport = { width: 1440, height: 900 },
  ) {
    const { page, errors } = await openProjectPage(
      stage.browser,
      stage.server.url,
      token,
      projectId,
      { locale: locale === 'fr' ? 'fr-FR' : 'en-US' },
    );
    closed.contexts.add(page.context());
    await page.setViewportSize(viewport);
    await page.locator(`html[lang="${locale}"]`).waitFor();
    await page.getByTestId('timeline-music').click();
    await page.getByTestId('music-picker').waitFor();
    return { page, errors };
  }
  return { project, openPicker };
}

/**
 * The generated soundtrack tab of the music picker (issue 18, ADR 0036),
 * without a render node: the form in both languages and at both sizes, the
 * keyboard path to it, tempo validation, and a request that is queued and
 * shows its progress.
 */
describe('generated soundtrack: the form', () => {
  const stage = browserStage({ env: { COLLAB_CONNECTIONS_PER_MINUTE: '1000' } });
  const closed = closedAfterEachTest();
  const { project, openPicker } = helpers(stage, closed);

  for (const locale of ['en', 'fr'] as const) {
    test(`the tab in ${locale}: labels, keyboard, tempo checked, a generation queued`, async () => {
      const { owner, projectId } = await project(`Score ${locale}`);
      const { page, errors } = await openPicker(owner.token, projectId, locale);
      const tab = page.getByTestId('music-tab-generate');
      const names = {
        en: { tab: 'Generated soundtrack', follow: 'Follow the story', generate: 'Generate' },
        fr: { tab: 'Bande-son générée', follow: 'Suivre l’histoire', generate: 'Générer' },
      }[locale];
      assert.equal((await tab.textContent())?.trim(), names.tab);
      // Keyboard: the tab list is reached and switched with the arrow keys.
      await page.getByTestId('music-tab-upload').focus();
      await page.keyboard.press('ArrowRight');
      await eventually(
        () => tab.getAttribute('data-state'),
        (state) => state === 'active',
        'the generated soundtrack tab to be active',
      );
      await page.getByTestId('soundtrack').waitFor();
      assert.ok(await page.getByRole('switch', { name: names.follow }).isVisible());

      // Mood by keyboard in the Radix select.
      await page.getByTestId('soundtrack-mood').focus();
      await page.keyboard.press('Enter');
      await page
        .getByRole('option', { name: locale === 'en' ? 'Hopeful' : 'Plein d’espoir' })
        .click();
      await page.getByTestId('soundtrack-instrument-piano').click();
      await page.getByTestId('soundtrack-follow').press('Space');
      assert.equal(
        await page.getByTestId('soundtrack-follow').getAttribute('aria-checked'),
        'true',
      );

      // A tempo out of bounds is named and nothing is sent.
      const tempo = page.getByTestId('soundtrack-tempo');
      for (const bad of ['300', '12.5', 'fast']) {
        await tempo.fill(bad);
        await page.getByTestId('soundtrack-generate').click();
        const error = await page.getByTestId('soundtrack-tempo-error').textContent();
        assert.match(error ?? '', locale === 'en' ? /50 to 180 bpm/ : /50 à 180 bpm/);
        assert.equal(await tempo.getAttribute('aria-invalid'), 'true');
        assert.equal(await page.getByTestId('soundtrack-progress').count(), 0);
      }
      await tempo.fill('96');
      assert.equal(await page.getByTestId('soundtrack-tempo-error').count(), 0);

      if (SCREENSHOT_DIR) {
        await page.screenshot({
          path: path.join(SCREENSHOT_DIR, `soundtrack-${locale}-1440x900.png`),
        });
      }
      await page.getByTestId('soundtrack-generate').click();
      // No render node here: the generation waits in the queue, and says so.
      const progress = page.getByTestId('soundtrack-progress');
      await progress.waitFor();
      assert.match(
        (await progress.textContent()) ?? '',
        locale === 'en' ? /Waiting for a render node/ : /En attente d’un nœud de rendu/,
      );
      // The other tab and back: the generation is still shown.
      await page.getByTestId('music-tab-upload').click();
      await tab.click();
      await progress.waitFor();
      assert.deepEqual(errors, []);

      if (SCREENSHOT_DIR) {
        const small = await openPicker(owner.token, projectId, locale, {
          width: 1280,
          height: 720,
        });
        await small.page.getByTestId('music-tab-generate').click();
        await small.page.getByTestId('soundtrack').waitFor();
        await small.page.screenshot({
          path: path.join(SCREENSHOT_DIR, `soundtrack-${locale}-1280x720.png`),
        });
      }
    });
  }
});

/**
 * With a real render node (its `music-generate` worker, the engine of issue
 * 18): generate, hear the preview, keep it: the bed is in the document and
 * the lane marks it generated.
 */
describe('generated soundtrack: composed, previewed and kept', () => {
  const stage = browserStage({ env: { COLLAB_CONNECTIONS_PER_MINUTE: '1000' }, renderNode: true });
  const closed = closedAfterEachTest();
  const { project, openPicker } = helpers(stage, closed);

  test('generate, preview, keep: the lane shows the generated bed', async () => {
    const { owner, projectId, client } = await project('Scored');
    assert.equal(musicOf(client.doc)?.asset, undefined, 'not previewed yet');
    const { page, errors } = await openPicker(owner.token, projectId, 'en');
    assert.equal(
      ((await page.getByTestId('music-name').textContent()) ?? '').trim(),
      'Soundtrack, not previewed yet',
    );
    await page.getByTestId('music-tab-generate').click();
    await page.getByTestId('soundtrack-generate').click();
    const preview = page.getByTestId('soundtrack-preview');
    await preview.waitFor({ timeout: 120_000 });
    const name = ((await page.getByTestId('soundtrack-name').textContent()) ?? '').trim();
    assert.match(name, /^Calm ambient · [A-G][♯♭]? (major|minor) · \d+ bpm$/);
    const src = await page.getByTestId('soundtrack-audio').getAttribute('src');
    assert.match(src ?? '', /^\/api\/v1\/music\/[0-9a-f]{64}\/audio\.flac$/);

    await page.getByTestId('soundtrack-keep').click();
    const music = await eventually(
      async () => musicOf(client.doc),
      // A new project's soundtrack is generated but has no preview: kept, it has one.
      (value) => !!value?.generated && !!value.asset,
      'the kept soundtrack in the document',
    );
    {
      assert.ok(music?.generated);
      assert.equal(music.name, name);
      assert.equal(music.duck, true);
      assert.equal(music.generated.genre, 'ambient');
      assert.equal(typeof music.generated.seed, 'number');
    }
    await page.getByTestId('music-close').click();
    await eventually(
      async () => ((await page.getByTestId('timeline-music-name').textContent()) ?? '').trim(),
      (shown) => shown === name,
      'the kept soundtrack in the lane',
    );
    await page.getByTestId('timeline-music-generated').waitFor();
    assert.deepEqual(errors, []);
  });
});
