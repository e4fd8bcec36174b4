import { startTransition, useEffect, useState } from 'react';

/**
 * How many items of a long list to render now: `first` at once, then `step`
 * more after each paint, as interruptible transitions. A 300-scene project
 * becomes interactive with its first cards while the rest follow, instead of
 * one long task rendering everything (bench/editor).
 */
export function useProgressiveCount(total: number, first = 16, step = 32): number {
  const [count, setCount] = useState(first);
  useEffect(() => {
    if (count >= total) return;
    const handle = setTimeout(() => startTransition(() => setCount((c) => c + step)), 0);
    return () => clearTimeout(handle);
  }, [count, total, step]);
  return Math.min(count, total);
}
