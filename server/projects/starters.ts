import { apiMessage } from '../../shared/api/api-messages.ts';
import { createFromStarterSchema, type ProjectSummary } from '../../shared/api/projects.ts';
import type { RenderRecord } from '../../shared/api/renders.ts';
import type { RevisionSummary } from '../../shared/api/revisions.ts';
import { buildStarterDoc, starterContent } from '../../shared/starters/index.ts';
import { ApiError } from '../http/errors.ts';
import { parseInput } from '../http/parse-input.ts';
import type { RenderQueue } from '../renders/render-queue.ts';
import type { Renders } from '../renders/renders.ts';
import type { Revisions } from '../revisions/revisions.ts';
import type { Projects } from './projects.ts';

/** The preset of a sample's first render: the quick draft, so it is ready soon after first use. */
const SAMPLE_RENDER_PRESET = '720p-draft';

export interface StartedProject {
  project: ProjectSummary;
  revision: RevisionSummary;
  /** A sample's first render, queued by the creator; null for a template. */
  render: RenderRecord | null;
}

/**
 * New projects from a sample or a template (shared/starters): the document is
 * built before it is stored, revision 1 is committed by the creator, and a
 * sample's first render is queued in their name. Nothing is left behind when
 * a step before the render fails; a render refused (e.g. the creator's live
 * render limit) leaves the project and its revision, without a render.
 */
export function createStarters(deps: {
  projects: Projects;
  revisions: Revisions;
  renders: Renders;
  renderQueue: RenderQueue;
}) {
  const { projects, revisions, renders, renderQueue } = deps;

  return {
    async create(userId: string, input: unknown): Promise<StartedProject> {
      const { from, title, language } = parseInput(createFromStarterSchema, input);
      const content = starterContent(from, language ?? 'en');
      if (!content) {
        const [kind, id] =
          'sample' in from
            ? (['sample', from.sample] as const)
            : (['template', from.template] as const);
        throw new ApiError(
          'VALIDATION_FAILED',
          apiMessage(
            kind === 'sample' ? 'errors.api.unknownSample' : 'errors.api.unknownTemplate',
            {
              id,
            },
          ),
          { fields: { [`from.${kind}`]: `Unknown ${kind} “${id}”` } },
        );
      }
      const project = await projects.create(
        userId,
        { title: title ?? content.title, language: content.language },
        (doc) => buildStarterDoc(doc, content),
      );
      let revision: RevisionSummary;
      try {
        ({ revision } = await revisions.commit(userId, project.id, {
          message: content.commitMessage,
        }));
      } catch (err) {
        await projects.remove(userId, project.id);
        throw err;
      }
      if (!('sample' in from)) return { project, revision, render: null };
      const render = await queueFirstRender(userId, project.id, revision.id);
      return { project, revision, render };
    },
  };

  async function queueFirstRender(userId: string, projectId: string, revisionId: string) {
    try {
      const { record, plan } = await renders.create(userId, projectId, {
        revisionId,
        preset: SAMPLE_RENDER_PRESET,
      });
      if (plan) await renderQueue.submit(record, plan);
      return record;
    } catch (err) {
      if (err instanceof ApiError) return null;
      throw err;
    }
  }
}

export type Starters = ReturnType<typeof createStarters>;
