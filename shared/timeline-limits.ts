import { sceneDuration } from './scene-duration.ts';
import type { Timeline, TimelineIssue } from './timeline.ts';

/**
 * How large a committed timeline may be on this server (MAX_SCENES_PER_PROJECT,
 * MAX_SCENE_SECONDS, MAX_RENDER_SECONDS in server/config.ts). Checked at
 * commit and again when a render is created, so a revision committed before a
 * limit was lowered cannot be rendered past it.
 */
export interface TimelineLimits {
  maxScenes: number;
  maxSceneSec: number;
  maxTotalSec: number;
}

export const DEFAULT_TIMELINE_LIMITS: TimelineLimits = {
  maxScenes: 500,
  maxSceneSec: 120,
  maxTotalSec: 3600,
};

/** The limit an issue broke: its configuration name, the value found and the maximum. */
export interface LimitBreach {
  name: 'MAX_SCENES_PER_PROJECT' | 'MAX_SCENE_SECONDS' | 'MAX_RENDER_SECONDS';
  value: number;
  max: number;
}

/** Scenes over the per-scene limit reported one by one; beyond this, the total names the rest. */
const MAX_SCENE_ISSUES = 20;

const round1 = (sec: number) => Math.round(sec * 10) / 10;

/**
 * How long a render of the timeline is planned to last (pure): the sum of
 * the scene durations the render uses (set, or estimated from the
 * narration). Quotas count a render's minutes with it before it runs.
 */
export function plannedDurationSec(timeline: Timeline): number {
  return timeline.scenes.reduce(
    (total, scene) =>
      total + sceneDuration(scene.narration, timeline.language, scene.durationSec).sec,
    0,
  );
}

/**
 * What breaks the limits, as timeline issues carrying the breach (pure).
 * Durations are the ones the render uses: the set duration, or the estimate
 * from the narration for automatic scenes.
 */
export function timelineLimitIssues(
  timeline: Timeline,
  limits: TimelineLimits,
): (TimelineIssue & { limit: LimitBreach })[] {
  const issues: (TimelineIssue & { limit: LimitBreach })[] = [];
  const sceneCount = timeline.scenes.length;
  if (sceneCount > limits.maxScenes) {
    issues.push({
      path: ['scenes'],
      message: `Too many scenes: ${sceneCount}, at most ${limits.maxScenes} per project`,
      limit: { name: 'MAX_SCENES_PER_PROJECT', value: sceneCount, max: limits.maxScenes },
    });
  }
  let totalSec = 0;
  let longScenes = 0;
  timeline.scenes.forEach((scene, index) => {
    const { sec } = sceneDuration(scene.narration, timeline.language, scene.durationSec);
    totalSec += sec;
    if (sec <= limits.maxSceneSec) return;
    if (++longScenes > MAX_SCENE_ISSUES) return;
    issues.push({
      path: ['scenes', index, 'durationSec'],
      sceneId: scene.id,
      message: `Scene lasts ${round1(sec)} s, at most ${limits.maxSceneSec} s per scene`,
      limit: { name: 'MAX_SCENE_SECONDS', value: round1(sec), max: limits.maxSceneSec },
    });
  });
  if (totalSec > limits.maxTotalSec) {
    issues.push({
      path: ['scenes'],
      message: `The video would last ${round1(totalSec)} s, at most ${limits.maxTotalSec} s`,
      limit: { name: 'MAX_RENDER_SECONDS', value: round1(totalSec), max: limits.maxTotalSec },
    });
  }
  return issues;
}
