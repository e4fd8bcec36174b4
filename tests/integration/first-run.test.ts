import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SAMPLES, PLACEHOLDER_MARK } from '../../shared/starters/index.ts';
import { addMember } from '../support/members.ts';
import { postgresSchema } from '../support/postgres.ts';
import { api, signUp, WebServer } from '../support/web-server.ts';

/** Projects from a sample or a template, and hints dismissed for good, over the real API. */
for (const backend of ['pglite', 'postgres'] as const) {
  describe(`first run (${backend})`, () => {
    let server: WebServer;
    let pg: Awaited<ReturnType<typeof postgresSchema>> | null = null;

    before(async () => {
      if (backend === 'postgres') pg = await postgresSchema();
      server = await new WebServer({ env: pg?.env ?? {} }).start();
    });
    after(async () => {
      await server?.stop();
      await pg?.drop();
    });

    const create = (token: string | undefined, body: unknown) =>
      api(server.url, 'POST', '/api/v1/projects', { ...(token ? { token } : {}), body });
    const listed = async (token: string) =>
      (await api(server.url, 'GET', '/api/v1/projects', { token })).body.projects as {
        id: string;
        title: string;
      }[];

    test('a sample: its document, revision 1 by the creator and its first render queued', async () => {
      const owner = await signUp(server.url, 'Sam Sample');
      const res = await create(owner.token, { from: { sample: 'le-fournil' } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const { project, revision, render } = res.body;
      assert.equal(project.title, SAMPLES['le-fournil'].title);
      assert.equal(project.role, 'owner');
      assert.equal(revision.number, 1);
      assert.equal(revision.author.id, owner.id);
      assert.equal(revision.message, SAMPLES['le-fournil'].commitMessage);
      assert.equal(render.revisionId, revision.id);
      assert.equal(render.preset, '720p-draft');

      const full = await api(server.url, 'GET', `/api/v1/revisions/${revision.id}`, {
        token: owner.token,
      });
      const timeline = full.body.revision.timeline;
      assert.equal(timeline.language, 'fr');
      assert.deepEqual(
        timeline.scenes.map((s: { title: string }) => s.title),
        SAMPLES['le-fournil'].scenes.map((s) => s.title),
      );
      assert.deepEqual(timeline.cast.map((c: { name: string }) => c.name).sort(), [
        'Lucie',
        'Marcel',
      ]);
      const renders = await api(server.url, 'GET', `/api/v1/projects/${project.id}/renders`, {
        token: owner.token,
      });
      assert.deepEqual(
        renders.body.renders.map((r: { id: string }) => r.id),
        [render.id],
      );
      assert.deepEqual(
        (await listed(owner.token)).map((p) => p.id),
        [project.id],
      );
    });

    test('a template: placeholder scenes in the chosen language, a title of ones own, no render', async () => {
      const owner = await signUp(server.url, 'Tina Template');
      const res = await create(owner.token, {
        title: 'Ma leçon',
        language: 'fr',
        from: { template: 'lesson' },
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(res.body.project.title, 'Ma leçon');
      assert.equal(res.body.render, null);
      const full = await api(server.url, 'GET', `/api/v1/revisions/${res.body.revision.id}`, {
        token: owner.token,
      });
      const scenes = full.body.revision.timeline.scenes as { narration: string }[];
      assert.equal(scenes.length, 4);
      assert.ok(scenes.every((s) => s.narration.startsWith(PLACEHOLDER_MARK.fr)));
      const renders = await api(
        server.url,
        'GET',
        `/api/v1/projects/${res.body.project.id}/renders`,
        {
          token: owner.token,
        },
      );
      assert.deepEqual(renders.body.renders, []);
    });

    test('unknown or malformed starters are refused by name and create nothing', async () => {
      const owner = await signUp(server.url, 'Una Unknown');
      const sample = await create(owner.token, { from: { sample: 'atlantis' } });
      assert.equal(sample.status, 422);
      assert.equal(sample.body.error.key, 'errors.api.unknownSample');
      assert.match(sample.body.error.message, /atlantis/);
      assert.match(sample.body.error.details.fields['from.sample'], /atlantis/);

      const template = await create(owner.token, { from: { template: 'sitcom' } });
      assert.equal(template.status, 422);
      assert.equal(template.body.error.key, 'errors.api.unknownTemplate');
      assert.match(template.body.error.message, /sitcom/);

      for (const from of [
        { sample: '<script>' },
        { sample: 'night-ferry', template: 'lesson' },
        { movie: 'x' },
        'night-ferry',
      ]) {
        const bad = await create(owner.token, { from });
        assert.equal(bad.status, 422, JSON.stringify(from));
      }
      const badTitle = await create(owner.token, { title: ' ', from: { template: 'lesson' } });
      assert.equal(badTitle.status, 422);
      assert.ok(badTitle.body.error.details.fields.title);
      assert.deepEqual(await listed(owner.token), []);
    });

    test('signed-in people only; the project is the creator’s, shared by invitation as any other', async () => {
      const anonymous = await create(undefined, { from: { sample: 'night-ferry' } });
      assert.equal(anonymous.status, 401);
      const owner = await signUp(server.url, 'Olga Owner');
      const viewer = await signUp(server.url, 'Vic Viewer');
      const stranger = await signUp(server.url, 'Stan Stranger');
      const { body } = await create(owner.token, { from: { sample: 'night-ferry' } });
      const projectId = body.project.id as string;
      const hidden = await api(server.url, 'GET', `/api/v1/projects/${projectId}`, {
        token: stranger.token,
      });
      assert.equal(hidden.status, 404);
      await addMember(server, owner.token, projectId, viewer, 'viewer');
      const seen = await api(server.url, 'GET', `/api/v1/projects/${projectId}/renders`, {
        token: viewer.token,
      });
      assert.equal(seen.body.renders.length, 1);
      const refused = await api(server.url, 'POST', `/api/v1/projects/${projectId}/renders`, {
        token: viewer.token,
        body: { revisionId: body.revision.id },
      });
      assert.equal(refused.status, 403);
      // A viewer elsewhere still starts projects of their own.
      const own = await create(viewer.token, { from: { template: 'explainer' } });
      assert.equal(own.status, 201);
      assert.equal(own.body.project.role, 'owner');
    });

    test('hints dismissed for good are kept on the account', async () => {
      const person = await signUp(server.url, 'Hana Hint');
      const read = (token: string) => api(server.url, 'GET', '/api/v1/me/hints', { token });
      assert.deepEqual((await read(person.token)).body, { dismissed: [] });
      const dismiss = (token: string | undefined, body: unknown) =>
        api(server.url, 'POST', '/api/v1/me/hints', { ...(token ? { token } : {}), body });
      const first = await dismiss(person.token, { hint: 'editor-start' });
      assert.equal(first.status, 200);
      assert.deepEqual(first.body.dismissed, ['editor-start']);
      assert.deepEqual((await dismiss(person.token, { hint: 'editor-start' })).body.dismissed, [
        'editor-start',
      ]);
      const unknown = await dismiss(person.token, { hint: 'secret-level' });
      assert.equal(unknown.status, 422);
      assert.equal(unknown.body.error.key, 'errors.api.unknownHint');
      assert.match(unknown.body.error.message, /secret-level/);
      assert.equal((await dismiss(person.token, { hint: 'DROP TABLE' })).status, 422);
      assert.equal((await dismiss(undefined, { hint: 'editor-start' })).status, 401);
      const other = await signUp(server.url, 'Otto Other');
      assert.deepEqual((await read(other.token)).body, { dismissed: [] });
      // Another session of the same account (another browser) sees it dismissed.
      const again = await api(server.url, 'POST', '/api/v1/auth/login', {
        body: { email: person.email, password: 'a sturdy passphrase' },
      });
      assert.deepEqual((await read(again.body.token)).body, { dismissed: ['editor-start'] });
    });
  });
}
