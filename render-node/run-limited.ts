/**
 * Runs tasks with at most `limit` running at once. Each task gets a signal
 * that aborts when the caller's does or when another task fails; a failure
 * is thrown only after every started task has settled, so no ffmpeg process
 * or temporary file outlives the call.
 */
export async function runLimited<T>(
  tasks: readonly ((signal: AbortSignal) => Promise<T>)[],
  limit: number,
  signal: AbortSignal,
): Promise<T[]> {
  signal.throwIfAborted();
  const failure = new AbortController();
  const taskSignal = AbortSignal.any([signal, failure.signal]);
  const results = new Array<T>(tasks.length);
  let firstError: { error: unknown } | null = null;
  let next = 0;

  async function worker() {
    while (next < tasks.length && !taskSignal.aborted) {
      const index = next++;
      try {
        results[index] = await tasks[index]!(taskSignal);
      } catch (error) {
        // The first failure is the cause; the others are its consequences (aborted siblings).
        if (!firstError) {
          firstError = { error };
          // Siblings see a plain cancellation, not this error: it is reported once, below.
          failure.abort(new DOMException('A sibling task failed', 'AbortError'));
        }
      }
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  if (signal.aborted) throw signal.reason;
  if (firstError) throw (firstError as { error: unknown }).error;
  return results;
}

/**
 * Like Promise.all, but settles only when every promise has: a stage never
 * returns (or throws) while some of its work is still writing files.
 */
export async function allSettled<A, B>(
  promises: readonly [Promise<A>, Promise<B>],
): Promise<[A, B]> {
  const [a, b] = await Promise.allSettled(promises);
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
  return [a.value, b.value];
}

/** Two tasks of different types under runLimited's rules (linked cancel, settle before throwing). */
export async function runBoth<A, B>(
  signal: AbortSignal,
  first: (signal: AbortSignal) => Promise<A>,
  second: (signal: AbortSignal) => Promise<B>,
): Promise<[A, B]> {
  const [a, b] = await runLimited<A | B>([first, second], 2, signal);
  return [a as A, b as B];
}
