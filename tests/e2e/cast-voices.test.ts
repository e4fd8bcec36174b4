import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addCastMember, addScene, castMap, readCastVoice } from '../../shared/project-doc.ts';
import {
  browserStage,
  closedAfterEachTest,
  eventually,
  openProjectPage,
} from '../support/browser.ts';
import { connectClient } from '../support/collab-client.ts';
import { createProject, signUp } from '../support/web-server.ts';

/** The cast panel's voice picker with a real render node speaking the sample (ADR 0026). */
describe('cast voices', () => {
  const stage = browserStage({ renderNode: true });
  const { contexts, clients } = closedAfterEachTest();

  test('choosing a voice syncs to collaborators; Listen plays a WAV in that voice', async () => {
    const owner = await signUp(stage.server.url, 'Olivia Owner');
    const projectId = await createProject(stage.server.url, owner.token, 'Voices');
    const client = await connectClient(stage.server.url, owner.token, projectId);
    clients.add(client);
    await client.settled();
    const nadia = addCastMember(client.doc, { name: 'Nadia', description: 'a young woman' });
    addScene(client.doc, {
      narration: 'NADIA: Hello.\nRain falls.\nNote: unrelated.\nnadia : Again.',
    });
    await client.settled();

    const { page, errors } = await openProjectPage(
      stage.browser,
      stage.server.url,
      owner.token,
      projectId,
    );
    contexts.add(page.context());
    await page.getByTestId('tab-cast').click();
    const card = page.locator(`[data-cast-id="${nadia}"]`);
    const select = card.getByTestId('cast-voice-select');
    assert.equal(await card.getByTestId('cast-voice-turns').textContent(), 'Speaks 2 lines.');
    assert.match((await select.textContent()) ?? '', /Automatic \(Female voice \d\)/);

    // Keyboard: focus the list, open it, pick "Male voice 2".
    await select.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: 'Male voice 2', exact: true }).click();
    const member = () => castMap(client.doc).get(nadia)!;
    const voice = await eventually(
      async () => readCastVoice(member()),
      (v) => v?.voice === 'en+m2',
      'the chosen voice in the collaborator’s copy',
    );
    assert.equal(voice!.engine, 'espeak-ng');

    await card.getByTestId('cast-voice-listen').click();
    const audio = card.getByTestId('cast-voice-audio');
    const src = await eventually(
      () => audio.getAttribute('src'),
      (value) => Boolean(value),
      'the sample player to get a source',
      30_000,
    );
    assert.match(src!, /^\/api\/v1\/voice-samples\/[0-9a-f]{64}\.wav$/);
    const wav = await page.request.get(src!);
    assert.equal(wav.status(), 200);
    assert.equal(wav.headers()['content-type'], 'audio/wav');
    assert.equal((await wav.body()).subarray(0, 4).toString('ascii'), 'RIFF');
    assert.equal(await card.getByTestId('cast-voice-error').count(), 0);

    // Back to the default: the key is gone from the document again.
    await select.click();
    await page.getByRole('option', { name: 'Automatic', exact: true }).click();
    await eventually(
      async () => member().has('voice'),
      (has) => !has,
      'the voice cleared in the collaborator’s copy',
    );
    assert.deepEqual(errors, []);
  });
});
