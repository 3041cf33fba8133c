/**
 * Deterministic pseudo-random numbers (mulberry32): the cells' k-means sample, fixtures, test models, test
 * pictures and benchmark inputs come out the same on every machine and every run. Pure and tiny, so the
 * engine, its tests and the renderer's tests share it.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
