/**
 * The MurmurHash3 finaliser: a bijection on 32-bit integers that spreads every input bit
 * over the output. Scrambles counters into ids and salts hash functions.
 */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
