import type { Act, ActLabel } from './types.ts';

/**
 * Three acts by position and intensity: the setup ends near a quarter of
 * the running time; the confrontation runs to the climax (the most intense
 * scene after the setup, before the last scene); the resolution follows.
 * Every act gets at least one scene when there are three or more.
 */

export interface ActInput {
  durationSec: number;
  intensity: number;
}

const LABELS: readonly ActLabel[] = ['setup', 'confrontation', 'resolution'];

export function assignActs(scenes: readonly ActInput[]): { acts: Act[]; actOf: number[] } {
  const n = scenes.length;
  if (n === 0) return { acts: [], actOf: [] };
  let setupEnd: number; // last scene index of act 1
  let climax: number; // last scene index of act 2
  if (n === 1) {
    setupEnd = 0;
    climax = 0;
  } else if (n === 2) {
    setupEnd = 0;
    climax = 0;
  } else {
    const total = scenes.reduce((s, x) => s + x.durationSec, 0);
    let acc = 0;
    setupEnd = 0;
    for (let i = 0; i < n - 2; i++) {
      acc += scenes[i]!.durationSec;
      setupEnd = i;
      if (acc >= total * 0.25) break;
    }
    // The climax: most intense scene from 50% of the running time on, never the last scene.
    climax = -1;
    let best = -1;
    acc = 0;
    for (let i = 0; i < n - 1; i++) {
      const startsAt = acc;
      acc += scenes[i]!.durationSec;
      if (i <= setupEnd || startsAt < total * 0.45) continue;
      if (scenes[i]!.intensity > best) {
        best = scenes[i]!.intensity;
        climax = i;
      }
    }
    if (climax === -1) climax = Math.max(setupEnd + 1, Math.min(n - 2, Math.round(n * 0.75) - 1));
  }
  const actOf = scenes.map((_, i) => (i <= setupEnd ? 1 : i <= climax ? 2 : 3));
  if (n === 2) actOf[1] = 3;
  const acts: Act[] = [];
  actOf.forEach((act, i) => {
    const last = acts[acts.length - 1];
    if (last && last.act === act) {
      last.lastScene = i;
      last.durationSec += scenes[i]!.durationSec;
    } else {
      acts.push({
        act,
        label: LABELS[act - 1]!,
        firstScene: i,
        lastScene: i,
        durationSec: scenes[i]!.durationSec,
      });
    }
  });
  for (const a of acts) a.durationSec = Math.round(a.durationSec * 10) / 10;
  return { acts, actOf };
}
