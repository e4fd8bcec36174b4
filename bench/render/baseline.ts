import { spawn } from 'node:child_process';
import type { MediaStore } from '../../shared/node/media-store.ts';
import type { LocalRender } from '../../render-node/render-locally.ts';
import { layoutRender } from '../../render-node/stages/plan.ts';
import { motionExpressions } from '../../render-node/stages/scene-layer.ts';

/**
 * The baseline: the same video made by one hand-written ffmpeg command —
 * zoompan per scene with the same motion, the same still lettering on top,
 * xfade between scenes, the narrations placed and mixed, libx264 veryfast
 * crf 20. It reuses the render's pictures and narration WAVs, so it measures
 * only what ffmpeg does. (A benchmark, not product code: it spawns ffmpeg
 * directly on purpose.)
 */
export function baselineArgs(render: LocalRender, store: MediaStore, output: string): string[] {
  const { plan, scenes } = render;
  const layout = layoutRender(plan, scenes);
  const inputs: string[] = [];
  const chains: string[] = [];
  scenes.forEach((scene, i) => {
    inputs.push('-i', store.pathFor(scene.artifacts.picture.hash, 'png'));
    inputs.push('-i', store.pathFor(scene.artifacts.lettering.hash, 'png'));
    const m = motionExpressions(plan.scenes[i]!.motion, 0, scene.frames);
    chains.push(
      `[${2 * i}:v]scale=out_color_matrix=bt709:out_range=tv,format=yuv420p,` +
        `zoompan=z='${m.z}':x='${m.x}':y='${m.y}':d=${scene.frames}:s=${plan.width}x${plan.height}:fps=${plan.fps}[bg${i}]`,
      `[${2 * i + 1}:v]scale=out_color_matrix=bt709:out_range=tv,format=yuva420p[fg${i}]`,
      `[bg${i}][fg${i}]overlay=format=yuv420,setsar=1[v${i}]`,
    );
  });
  let last = 'v0';
  layout.scenes.slice(1).forEach((scene, k) => {
    const t = plan.transitions[k]!;
    const out = `x${k + 1}`;
    chains.push(
      `[${last}][v${k + 1}]xfade=transition=fade:duration=${t.frames / plan.fps}:offset=${scene.startFrame / plan.fps}[${out}]`,
    );
    last = out;
  });
  const audioInputs: string[] = [];
  layout.scenes.forEach((scene, i) => {
    const narration = scenes[i]!.artifacts.narration;
    if (!scene.narration || !narration) return;
    const index = 2 * scenes.length + audioInputs.length / 2;
    audioInputs.push('-i', store.pathFor(narration.hash, 'wav'));
    chains.push(
      `[${index}:a]aresample=48000,adelay=delays=${scene.narration.startSample}S:all=1[a${i}]`,
    );
  });
  const voices = layout.scenes.filter((s) => s.narration).map((s) => `[a${s.index}]`);
  chains.push(
    `${voices.join('')}amix=inputs=${voices.length}:normalize=0,apad=whole_len=${layout.totalSamples},atrim=end_sample=${layout.totalSamples}[aout]`,
  );
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-y',
    ...inputs,
    ...audioInputs,
    '-filter_complex',
    chains.join(';'),
    '-map',
    `[${last}]`,
    '-map',
    '[aout]',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '20',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-b:a',
    '96k',
    '-movflags',
    '+faststart',
    output,
  ];
}

export function runBaseline(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`baseline ffmpeg exited ${code}: ${stderr.slice(-2000)}`)),
    );
  });
}
