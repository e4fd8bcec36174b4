import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { voiceIdIssue } from '../../../shared/voice-id.ts';
import { runChildProcess } from '../../run-child-process.ts';
import type { VoiceEngine, VoiceRequest } from './engine.ts';

/**
 * espeak-ng: the default voice. Text goes in on stdin (never as an argument,
 * so narration starting with '-' is spoken, not parsed); the WAV goes to the
 * path given. Cancel: SIGTERM, then SIGKILL.
 */

const ESPEAK = 'espeak-ng';
const BASE_WORDS_PER_MINUTE = 175;
const BASE_PITCH = 50;

/** espeak-ng arguments for a request (pure). */
export function espeakArgs(request: VoiceRequest, outputPath: string): string[] {
  // The commit refuses such ids already; revisions committed before that check still reach here.
  if (voiceIdIssue('espeak-ng', request.voice)) {
    throw new Error(`invalid espeak-ng voice id: ${JSON.stringify(request.voice)}`);
  }
  const speed = Math.round(clamp(BASE_WORDS_PER_MINUTE * request.rate, 80, 450));
  const pitch = Math.round(clamp(BASE_PITCH * request.pitch, 0, 99));
  // -b 1: input is UTF-8 (accents in French narration).
  // `-v<id>` in one argument: the id can never be read as an option of its own.
  return [
    `-v${request.voice}`,
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
  const id = 'espeak-ng';
  const engineVersion = `espeak-ng-${version}`;
  return {
    id,
    version: engineVersion,
    async synthesize(request, outputPath, signal) {
      const started = performance.now();
      await runChildProcess(
        'espeak-ng',
        ESPEAK,
        espeakArgs(request, outputPath),
        request.text,
        signal,
      );
      return {
        engine: { id, version: engineVersion },
        text: request.text,
        voice: request.voice,
        provider: 'none',
        device: 'cpu',
        durationMs: Math.round(performance.now() - started),
      };
    },
  };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
