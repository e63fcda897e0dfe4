/** The seeded generator behind Louvain's random node order; injected so detection is repeatable. */
export { mulberry32 } from '../random/mulberry32';

/** FNV-1a over a string: a stable 32-bit hash for ids and per-component seeds. */
export function fnv1a(text: string, basis = 0x811c9dc5): number {
  return fnv1aOf(text, 0, text.length, basis);
}

/** FNV-1a over `text.slice(from, to)`, without making the slice (shingles hash every window of a text). */
export function fnv1aOf(text: string, from: number, to: number, basis = 0x811c9dc5): number {
  let hash = basis >>> 0;
  for (let i = from; i < to; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
