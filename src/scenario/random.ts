import { mulberry32 } from '../random/mulberry32';

/**
 * The scenario's only source of randomness, seeded (mulberry32) so the same seed gives
 * the same bytes.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** Uniform real in [min, max). */
  between(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A Poisson-distributed count (Knuth's method; fine for the small means used here). */
  poisson(mean: number): number;
}

/**
 * MurmurHash3's 32-bit finaliser. Every step is invertible, so it is a bijection on
 * 32-bit integers: distinct counters give distinct, random-looking ids.
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

export function createRandom(seed: number): Random {
  // Mixing the seed first keeps neighbouring seeds (1, 2, 3) from starting in step.
  const next = mulberry32(mix32(seed ^ 0x9e3779b9));
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error('scenario random: cannot pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    poisson: (mean) => {
      const limit = Math.exp(-mean);
      let count = 0;
      for (let p = next(); p > limit; p *= next()) count++;
      return count;
    },
  };
  return random;
}

/** Samples from [min, max] with P(s) ∝ s^-exponent: many small values, a few large ones. */
export function powerLawSampler(min: number, max: number, exponent: number): (random: Random) => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let s = min; s <= max; s++) cumulative.push((total += s ** -exponent));
  return (random) => {
    const target = random.next() * total;
    const index = cumulative.findIndex((c) => c > target);
    return min + (index === -1 ? cumulative.length - 1 : index);
  };
}
