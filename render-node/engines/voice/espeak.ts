import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import type { VoiceEngine, VoiceRequest } from './engine.ts';

/**
 * espeak-ng: the default voice. Text goes in on stdin (never as an argument,
 * so narration starting with '-' is spoken, not parsed); the WAV goes to the
 * path given. Cancel: SIGTERM, then SIGKILL.
 */

const ESPEAK = 'espeak-ng';
const BASE_WORDS_PER_MINUTE = 175;
const BASE_PITCH = 50;
const KILL_GRACE_MS = 1000;

/** espeak-ng arguments for a request (pure). */
export function espeakArgs(request: VoiceRequest, outputPath: string): string[] {
  if (!/^[a-z0-9][a-z0-9+_-]{0,40}$/i.test(request.voice)) {
    throw new Error(`invalid espeak-ng voice id: ${request.voice}`);
  }
  const speed = Math.round(clamp(BASE_WORDS_PER_MINUTE * request.rate, 80, 450));
  const pitch = Math.round(clamp(BASE_PITCH * request.pitch, 0, 99));
  // -b 1: input is UTF-8 (accents in French narration).
  return [
    '-v',
    request.voice,
    '-s',
    String(speed),
    '-p',
    String(pitch),
    '-b',
    '1',
    '-w',
    outputPath,
  ];
}

export async function createEspeakEngine(): Promise<VoiceEngine> {
  const { stdout } = await promisify(execFile)(ESPEAK, ['--version']);
  const version = /text-to-speech:\s*(\S+)/.exec(stdout)?.[1] ?? 'unknown';
  return { id: 'espeak-ng', version: `espeak-ng-${version}`, synthesize };
}

function synthesize(request: VoiceRequest, outputPath: string, signal: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const child = spawn(ESPEAK, espeakArgs(request, outputPath), {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.stdin.on('error', () => undefined); // espeak exiting early closes stdin; the exit code says why
    child.on('error', (error) => finish(error));
    child.on('close', (code, killedBy) =>
      finish(
        code === 0
          ? null
          : new Error(
              `espeak-ng ${killedBy ? `killed by ${killedBy}` : `exited with code ${code}`}: ${stderr.trim()}`,
            ),
      ),
    );
    child.stdin.end(request.text);

    function finish(error: Error | null) {
      signal.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
      if (signal.aborted) reject(signal.reason);
      else if (error) reject(error);
      else resolve();
    }
  });
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
