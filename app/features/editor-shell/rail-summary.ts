import type { RenderRecord } from '../../../shared/api/renders.ts';
import { isTerminalState } from '../../../shared/render/render-job-machine.ts';

/** What the folded renders column still tells: how many renders, and the running one's progress. */
export interface RendersRailSummary {
  count: number;
  /** The newest render still running (or queued), with its progress as a whole percentage. */
  live: { id: string; status: RenderRecord['status']; percent: number } | null;
}

export function rendersRailSummary(
  renders: readonly Pick<RenderRecord, 'id' | 'status' | 'fraction'>[],
): RendersRailSummary {
  // The list is newest first: the first live one is the one people are waiting for.
  const live = renders.find((render) => !isTerminalState(render.status));
  return {
    count: renders.length,
    live: live
      ? {
          id: live.id,
          status: live.status,
          percent: Math.round(Math.min(1, Math.max(0, live.fraction)) * 100),
        }
      : null,
  };
}
