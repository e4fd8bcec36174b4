import { spawn } from 'node:child_process';
import { abortReason } from '../shared/node/process-slots.ts';

const KILL_GRACE_MS = 1000;

/**
 * Runs a tool that reads `input` on stdin and writes its result to a file:
 * resolves when it exits 0; rejects with its name, exit code or signal and
 * the last lines of its stderr. Cancel: SIGTERM, then SIGKILL after a second;
 * an aborted signal rejects with the signal's reason.
 */
export function runChildProcess(
  label: string,
  command: string,
  args: readonly string[],
  input: string,
  signal: AbortSignal,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(abortReason(signal));
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    };
    signal.addEventListener('abort', stop, { once: true });
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.stdin.on('error', () => undefined); // a child that exits early closes stdin; its exit code says why
    child.on('error', (error) => finish(error));
    child.on('close', (code, killedBy) =>
      finish(
        code === 0
          ? null
          : new Error(
              `${label} ${killedBy ? `killed by ${killedBy}` : `exited with code ${code}`}: ${lastLines(stderr)}`,
            ),
      ),
    );
    child.stdin.end(input);

    function finish(error: Error | null) {
      signal.removeEventListener('abort', stop);
      clearTimeout(killTimer);
      if (signal.aborted) reject(abortReason(signal));
      else if (error) reject(error);
      else resolve();
    }
  });
}

const lastLines = (text: string) => text.trim().split('\n').slice(-6).join('\n');
