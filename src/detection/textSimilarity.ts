import { fnv1a } from './seededRandom';

/** Only the opening of a long complaint is compared: templates show in the first lines. */
const MAX_CHARS = 2000;

/**
 * Normalises a complaint so that filling in a template does not hide it: case, spacing
 * and punctuation are dropped and every digit becomes 0 (amounts, dates, loan numbers).
 */
export function normaliseText(text: string): string {
  return text
    .slice(0, MAX_CHARS)
    .toLowerCase()
    .replace(/\d/g, '0')
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();
}

/**
 * Character shingles, hashed: they work for Chinese, which has no spaces between words,
 * as well as for languages that have them.
 */
export function shingles(text: string, size: number): Set<number> {
  const normal = normaliseText(text);
  const out = new Set<number>();
  if (normal.length === 0) return out;
  if (normal.length <= size) {
    out.add(fnv1a(normal));
    return out;
  }
  for (let i = 0; i + size <= normal.length; i++) out.add(fnv1a(normal.slice(i, i + size)));
  return out;
}

export function jaccard(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const x of small) if (large.has(x)) common++;
  return common / (a.size + b.size - common);
}
