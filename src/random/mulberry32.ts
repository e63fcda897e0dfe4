/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit seeded generator with a 2^32
 * period, uniform in [0, 1). Tiny and fast; it drives the scenario generator and
 * Louvain's node order, so the same seed gives the same data and the same rings.
 * Not for secrets.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
