import { spawn } from 'node:child_process';
import { abortReason } from '../../../../shared/node/process-slots.ts';
import { voiceIdIssue } from '../../../../shared/voice-id.ts';

/**
 * espeak-ng's IPA phonemes for a sentence: `-q --ipa` prints the phonemes of
 * each clause on a line and speaks nothing. The text goes in on stdin, never
 * as an argument (narration starting with '-' is spoken, not parsed); the
 * voice is checked against espeak-ng's naming pattern and passed as one
 * `-v<id>` argument.
 */
export function espeakPhonemes(text: string, voice: string, signal?: AbortSignal): Promise<string> {
  const issue = voiceIdIssue('espeak-ng', voice);
  if (issue)
    return Promise.reject(
      new Error(`Piper voice's espeak voice ${JSON.stringify(voice)}: ${issue}`),
    );
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const child = spawn('espeak-ng', ['-q', '--ipa', '-b', '1', `-v${voice}`], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const stop = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', stop, { once: true });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr
      .setEncoding('utf8')
      .on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
    child.stdin.on('error', () => undefined); // an early exit closes stdin; the exit code says why
    child.on('error', (error) => finish(error));
    child.on('close', (code, killedBy) =>
      finish(
        code === 0
          ? null
          : new Error(
              `espeak-ng (phonemes) ${killedBy ? `killed by ${killedBy}` : `exited with code ${code}`}: ${stderr.trim()}`,
            ),
      ),
    );
    // One line: espeak-ng reads a newline as the end of a clause.
    child.stdin.end(text.replace(/\s+/g, ' ') + '\n');

    function finish(error: Error | null) {
      signal?.removeEventListener('abort', stop);
      if (signal?.aborted) reject(abortReason(signal));
      else if (error) reject(error);
      else resolve(stdout);
    }
  });
}
