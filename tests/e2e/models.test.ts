import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { Page } from 'playwright-core';
import {
  addScene,
  projectMap,
  readImageEngine,
  readProjectSettings,
  scenesMap,
  setImageEngine,
} from '../../shared/project-doc.ts';
import {
  browserStage,
  closedAfterEachTest,
  eventually,
  openProjectPage,
} from '../support/browser.ts';
import { connectClient } from '../support/collab-client.ts';
import { addMember } from '../support/members.ts';
import {
  NodeHeartbeats,
  nodeCapabilities,
  piperVoice,
  sdTurbo,
} from '../support/node-heartbeat.ts';
import { screenshotAtLaptopSizes } from '../support/screenshots.ts';
import { TEST_DATABASE_URL } from '../../server/db/test-databases.ts';
import { createProject, signUp } from '../support/web-server.ts';

/**
 * The models panel and the engine and voice pickers (ADR 0040), fed by
 * render node heartbeats written in the exact NodeCapabilities shape
 * (tests/support/node-heartbeat.ts): a GPU node can be shown on a machine
 * without one, and no test needs weights.
 */
describe('models panel and engine pickers', () => {
  // PostgreSQL in a schema of its own: the server starts faster than on PGlite on a busy machine.
  const schema = `e2e_models_${randomBytes(6).toString('hex')}`;
  const stage = browserStage({
    env: { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema },
  });
  const { contexts, clients } = closedAfterEachTest();
  let beats: NodeHeartbeats;

  const gpuNode = () =>
    nodeCapabilities('gpu-1', {
      host: 'render-gpu-1',
      provider: {
        name: 'cuda',
        device: 'NVIDIA H200',
        memory: { usedBytes: 4_200_000_000, totalBytes: 150_000_000_000 },
      },
      models: [
        sdTurbo(),
        piperVoice('fr_FR-siwis-low', 'fr_FR', 'siwis', {
          name: 'Siwis',
          runs: 8,
          lastMs: 41,
          meanMs: 44,
        }),
        piperVoice('en_US-lessac-medium', 'en_US', 'lessac', { name: 'Lessac' }),
        sdTurbo({
          id: 'sdxl-turbo',
          name: 'SDXL-Turbo',
          usable: false,
          loaded: false,
          runs: 0,
          problem: 'Model sdxl-turbo: unet.onnx has sha256 0f1e…, the manifest says 9a2b…',
        }),
      ],
    });

  before(() => {
    beats = new NodeHeartbeats(stage.server);
  });
  after(async () => {
    await beats?.close();
    const client = new pg.Client(TEST_DATABASE_URL);
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.end();
  });

  const choose = async (page: Page, testId: string, option: string) => {
    await page.getByTestId(testId).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };

  test('the panel shows each live node, its provider, models, speeds and problems; live', async () => {
    await beats.beat(gpuNode());
    await beats.beat(nodeCapabilities('cpu-1', { host: 'render-cpu-1' }));
    const owner = await signUp(stage.server.url, 'Olivia Owner');
    const projectId = await createProject(stage.server.url, owner.token, 'Lighthouse');
    const { page, errors } = await openProjectPage(
      stage.browser,
      stage.server.url,
      owner.token,
      projectId,
    );
    contexts.add(page.context());
    await page.getByTestId('models-open').click();
    const dialog = page.getByTestId('models-dialog');
    const gpu = dialog.locator('[data-node="gpu-1"]');
    await gpu.waitFor();
    assert.match((await gpu.getByTestId('models-provider').textContent()) ?? '', /NVIDIA H200/);
    assert.match(
      (await gpu.getByTestId('models-provider').textContent()) ?? '',
      /4\.2 GB of 150 GB/,
    );
    const turbo = gpu.locator('[data-model="sd-turbo"]');
    assert.match(
      (await turbo.textContent()) ?? '',
      /Loaded.*143 ms per image on average, last 131 ms \(12 runs\)/,
    );
    assert.match(
      (await gpu
        .locator('[data-model="sdxl-turbo"]')
        .getByTestId('models-problem')
        .textContent()) ?? '',
      /Unusable: Model sdxl-turbo: unet\.onnx has sha256/,
    );
    const cpu = dialog.locator('[data-node="cpu-1"]');
    assert.match((await cpu.textContent()) ?? '', /Not on a GPU: CUDA libraries not found/);
    assert.match((await cpu.textContent()) ?? '', /No model is installed on this node\./);
    await screenshotAtLaptopSizes(page, 'models-panel-en');

    // Live: a node that stops beating leaves the open panel; with none, the empty state explains.
    await beats.remove('gpu-1');
    await beats.remove('cpu-1');
    await dialog.getByTestId('models-no-nodes').waitFor({ timeout: 20_000 });
    assert.match(
      (await dialog.getByTestId('models-how-to-add').textContent()) ?? '',
      /npm run models -- add <folder>/,
    );
    await screenshotAtLaptopSizes(page, 'models-panel-empty-en');
    await page.keyboard.press('Escape');
    assert.deepEqual(errors, []);
  });

  test('an image model and a Piper voice chosen in settings reach the document and a second user', async () => {
    await beats.beat(gpuNode());
    const owner = await signUp(stage.server.url, 'Olivia Owner');
    const editor = await signUp(stage.server.url, 'Eddie Editor');
    const projectId = await createProject(stage.server.url, owner.token, 'Phare');
    await addMember(stage.server, owner.token, projectId, editor, 'editor');
    const client = await connectClient(stage.server.url, owner.token, projectId);
    clients.add(client);
    await client.settled();
    const sceneId = addScene(client.doc, { title: 'Opening', narration: 'The sea.' });
    await client.settled();

    const first = await openProjectPage(stage.browser, stage.server.url, owner.token, projectId);
    contexts.add(first.page.context());
    const { page } = first;
    await page.getByTestId('settings-open').click();
    await choose(page, 'settings-image-engine-select', 'SD-Turbo (GPU)');
    const engine = await eventually(
      async () => readImageEngine(projectMap(client.doc)),
      (value) => value?.model === 'sd-turbo',
      'the image engine in the collaborator’s copy',
    );
    assert.deepEqual(engine, { engine: 'onnx', model: 'sd-turbo', fallback: true });
    await page.getByTestId('settings-image-fallback').uncheck();
    await eventually(
      async () => readImageEngine(projectMap(client.doc))?.fallback,
      (value) => value === false,
      'the fallback choice in the collaborator’s copy',
    );

    // Piper: the project's language first (English here), then French.
    await choose(page, 'settings-voice-engine', 'Piper (neural voices)');
    await eventually(
      async () => readProjectSettings(client.doc).voice,
      (voice) => voice.engine === 'piper' && voice.voice === 'en_US-lessac-medium',
      'Piper with the first voice of the project’s language',
    );
    await page.getByTestId('settings-piper-voice').click();
    const groups = await page.locator('.select-label').allTextContents();
    assert.deepEqual(groups, ['English (United States)', 'French (France)']);
    await page.getByRole('option', { name: 'Siwis', exact: true }).click();
    await eventually(
      async () => readProjectSettings(client.doc).voice.voice,
      (voice) => voice === 'fr_FR-siwis-low',
      'the Piper voice in the collaborator’s copy',
    );
    await screenshotAtLaptopSizes(page, 'settings-engines-en');
    await page.getByTestId('settings-close').click();

    // The scene's own engine: storyboard frames, from the card's menu.
    await page.getByTestId('scene-menu').first().click();
    await page.getByTestId('scene-storyboard-frames').click();
    await eventually(
      async () => scenesMap(client.doc).get(sceneId)?.get('imageEngine'),
      (value) => value === 'procedural',
      'the scene override in the collaborator’s copy',
    );

    // A second user sees the same choices.
    const second = await openProjectPage(stage.browser, stage.server.url, editor.token, projectId);
    contexts.add(second.page.context());
    await second.page.getByTestId('settings-open').click();
    const picker = second.page.getByTestId('settings-image-engine-select');
    await eventually(
      () => picker.textContent(),
      (text) => text?.startsWith('SD-Turbo (GPU)') ?? false,
      'the second user’s picture engine',
    );
    assert.equal(await second.page.getByTestId('settings-image-fallback').isChecked(), false);
    assert.match(
      (await second.page.getByTestId('settings-piper-voice').textContent()) ?? '',
      /^Siwis/,
    );

    // A model no live node has stays chosen, with a warning (never silently changed).
    await beats.remove('gpu-1');
    await eventually(
      () => second.page.getByTestId('settings-image-engine-missing').count(),
      (count) => count === 1,
      'the missing model warning',
      20_000,
    );
    assert.match((await picker.textContent()) ?? '', /sd-turbo \(no running node has it\)/);
    assert.equal(readImageEngine(projectMap(client.doc))?.model, 'sd-turbo');
    assert.deepEqual(first.errors, []);
    assert.deepEqual(second.errors, []);
  });

  test('in French: the panel and the pickers', async () => {
    await beats.beat(gpuNode());
    await beats.beat(nodeCapabilities('cpu-1', { host: 'render-cpu-1' }));
    const owner = await signUp(stage.server.url, 'Olivia Owner');
    const projectId = await createProject(stage.server.url, owner.token, 'Le phare');
    const client = await connectClient(stage.server.url, owner.token, projectId);
    clients.add(client);
    await client.settled();
    client.doc.transact(() => {
      projectMap(client.doc).set('language', 'fr');
      setImageEngine(client.doc, { engine: 'onnx', model: 'sd-turbo', fallback: true });
    });
    await client.settled();
    const { page, errors } = await openProjectPage(
      stage.browser,
      stage.server.url,
      owner.token,
      projectId,
      { locale: 'fr-FR' },
    );
    contexts.add(page.context());
    await page.getByTestId('models-open').click();
    const gpu = page.getByTestId('models-dialog').locator('[data-node="gpu-1"]');
    await gpu.waitFor();
    assert.match((await gpu.textContent()) ?? '', /Nœud de rendu gpu-1/);
    assert.match((await gpu.textContent()) ?? '', /par image en moyenne/);
    await screenshotAtLaptopSizes(page, 'models-panel-fr');
    await page.getByTestId('models-close').click();

    await page.getByTestId('settings-open').click();
    const picker = page.getByTestId('settings-image-engine-select');
    await eventually(
      () => picker.textContent(),
      (text) => text?.startsWith('SD-Turbo (GPU)') ?? false,
      'the French picture engine picker',
    );
    await choose(page, 'settings-voice-engine', 'Piper (voix neuronales)');
    await eventually(
      async () => readProjectSettings(client.doc).voice.voice,
      (voice) => voice === 'fr_FR-siwis-low',
      'a French project starts Piper on a French voice',
    );
    await screenshotAtLaptopSizes(page, 'settings-engines-fr');
    assert.deepEqual(errors, []);
  });
});
