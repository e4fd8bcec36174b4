import type { Timeline, TimelineIssue } from '../timeline.ts';

/**
 * What a valid timeline still needs before it can be rendered. Issues name
 * the scene and the field so the editor can point at the card.
 */
export function renderReadinessIssues(timeline: Timeline): TimelineIssue[] {
  const issues: TimelineIssue[] = [];
  if (timeline.scenes.length === 0) {
    issues.push({ path: ['scenes'], message: 'Add at least one scene before rendering' });
  }
  timeline.scenes.forEach((scene, index) => {
    if (!scene.narration.trim() && scene.durationSec === null) {
      issues.push({
        path: ['scenes', index, 'narration'],
        sceneId: scene.id,
        message: 'Write narration or set a duration: the scene would last no time',
      });
    }
    const castIds = new Set(timeline.cast.map((c) => c.id));
    scene.cast.forEach((id, i) => {
      if (!castIds.has(id)) {
        issues.push({
          path: ['scenes', index, 'cast', i],
          sceneId: scene.id,
          message: `Unknown cast member ${id}`,
        });
      }
    });
  });
  return issues;
}
