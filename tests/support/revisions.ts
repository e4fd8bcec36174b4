import { addScene, setSceneTitle } from '../../shared/project-doc.ts';
import { connectClient, waitFor, type CollabClient } from './collab-client.ts';
import { api, createProject, type WebServer } from './web-server.ts';

/**
 * A new project of the holder of `token` with `scenes` one-second scenes and
 * `count` committed revisions (each retitles every scene, so no render of
 * one reuses a scene of another), for renders to target. The caller destroys
 * `client` when done.
 */
export async function projectWithRevisions(
  server: WebServer,
  token: string,
  options: { revisions: number; scenes?: number },
): Promise<{ projectId: string; revisionIds: string[]; client: CollabClient }> {
  const projectId = await createProject(server.url, token, 'Queue');
  const client = await connectClient(server.url, token, projectId);
  await waitFor(() => client.provider.isSynced, 'synced');
  const ids = Array.from({ length: options.scenes ?? 1 }, (_, s) =>
    addScene(client.doc, { title: `Scene ${s + 1}`, durationSec: 1 }),
  );
  const revisionIds: string[] = [];
  for (let i = 0; i < options.revisions; i++) {
    for (const [s, id] of ids.entries()) setSceneTitle(client.doc, id, `Cut ${i + 1}.${s + 1}`);
    await client.settled();
    const res = await api(server.url, 'POST', `/api/v1/projects/${projectId}/revisions`, {
      token,
      body: { message: `cut ${i + 1}` },
    });
    if (res.status !== 201) throw new Error(`commit failed: ${JSON.stringify(res.body)}`);
    revisionIds.push(res.body.revision.id as string);
  }
  return { projectId, revisionIds, client };
}

/**
 * Commits the project as it is (after `client` settled) and renders that
 * revision with the quick preset; resolves with the render id once it is
 * done (a render node must be running), failing on any other end.
 */
export async function committedRender(
  server: WebServer,
  token: string,
  projectId: string,
  client: CollabClient,
  message: string,
): Promise<string> {
  await client.settled();
  const revision = await api(server.url, 'POST', `/api/v1/projects/${projectId}/revisions`, {
    token,
    body: { message },
  });
  if (revision.status !== 201) throw new Error(`commit failed: ${JSON.stringify(revision.body)}`);
  const queued = await api(server.url, 'POST', `/api/v1/projects/${projectId}/renders`, {
    token,
    body: { revisionId: revision.body.revision.id, preset: '720p-draft' },
  });
  const renderId = queued.body.render.id as string;
  const status = async () =>
    (await api(server.url, 'GET', `/api/v1/renders/${renderId}`, { token })).body.render;
  await waitFor(
    async () => ['done', 'failed', 'cancelled'].includes((await status()).status),
    'the render to end',
    180_000,
  );
  const ended = await status();
  if (ended.status !== 'done')
    throw new Error(`render ${ended.status}: ${JSON.stringify(ended.failure)}`);
  return renderId;
}
