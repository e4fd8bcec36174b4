/**
 * mulberry32: a tiny seeded PRNG returning floats in [0, 1). Fuzz tests and
 * benchmark fixtures use it so a seed replays the same run; generated
 * soundtracks (shared/music/soundtrack-spec.ts) so a seed is one soundtrack.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
