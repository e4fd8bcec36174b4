import { parseJsonValue } from '../../shared/json-value.ts';
import type { RenderOutput } from '../../shared/render/render-output.ts';
import type { PlannedUnit } from '../../shared/render/render-queue.ts';

/**
 * What a render's row keeps of its progress (pure): the detail beside the
 * job machine's context, and the summary every write stores so that lists
 * read stored fields only.
 */

/** Per-stage and per-scene detail kept beside the machine's context. */
export interface RenderDetail {
  units: PlannedUnit[];
  sceneIds: string[];
  /** `${stage}:${sceneId}` → 0..1 */
  unitFractions: Record<string, number>;
  output: RenderOutput | null;
}

/**
 * What the list shows of a render beyond its row: scene titles and
 * fractions, stage fractions and the output. Stored in `renders.summary` by
 * every write, so listing reads stored fields only (no revision timeline, no
 * progress detail per row).
 */
export interface RenderSummary {
  scenes: { id: string; title: string; fraction: number }[];
  stages: Record<string, number>;
  output: RenderOutput | null;
}

/** Weighted fractions per stage and per scene from the unit fractions. */
export function summarise(detail: RenderDetail | null) {
  const stages: Record<string, [number, number]> = {};
  const scenes: Record<string, [number, number]> = {};
  for (const unit of detail?.units ?? []) {
    const f = detail!.unitFractions[`${unit.stage}:${unit.sceneId ?? ''}`] ?? 0;
    const add = (into: Record<string, [number, number]>, key: string) => {
      const acc = (into[key] ??= [0, 0]);
      acc[0] += f * unit.weight;
      acc[1] += unit.weight;
    };
    add(stages, unit.stage);
    if (unit.sceneId) add(scenes, unit.sceneId);
  }
  const ratio = (acc: Record<string, [number, number]>) =>
    Object.fromEntries(
      Object.entries(acc).map(([k, [done, total]]) => [k, total ? done / total : 0]),
    );
  return { stages: ratio(stages), scenes: ratio(scenes) };
}

/** The summary of a progress detail, scene titles from the revision (pure). */
export function renderSummary(
  detail: RenderDetail | null,
  titles: ReadonlyMap<string, string>,
): RenderSummary {
  const { stages, scenes } = summarise(detail);
  return {
    stages,
    scenes: (detail?.sceneIds ?? [...titles.keys()]).map((id) => ({
      id,
      title: titles.get(id) ?? '',
      fraction: scenes[id] ?? 0,
    })),
    output: detail?.output ?? null,
  };
}

export const titlesOf = (timeline: unknown) =>
  new Map(
    (
      parseJsonValue<{ scenes?: { id: string; title: string }[] } | null>(timeline)?.scenes ?? []
    ).map((s) => [s.id, s.title]),
  );

export const titlesOfSummary = (summary: RenderSummary) =>
  new Map(summary.scenes.map((s) => [s.id, s.title]));
