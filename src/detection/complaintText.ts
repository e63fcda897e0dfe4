import { fnv1a, fnv1aOf } from './seededRandom';

/** Only the opening of a long complaint is compared: templates show in the first lines. */
const MAX_CHARS = 2000;

/** Chinese numerals in front of a date or money unit: 三月五日, 两万元. */
const CHINESE_FIGURE = /[〇零一二三四五六七八九十百千万两]+(?=[年月日号元块万])/gu;

/**
 * Normalises a complaint so that filling in a template does not hide it: the filer's own
 * name is blanked, every run of digits (amounts, dates, loan and phone numbers) and every
 * Chinese figure before a date or money unit becomes 0, and case, spacing and punctuation
 * are dropped.
 */
export function normaliseComplaintText(text: string, filerName?: string): string {
  let normal = text.slice(0, MAX_CHARS);
  if (filerName && filerName.trim().length >= 2) normal = normal.split(filerName.trim()).join(' ');
  return normal
    .toLowerCase()
    .replace(/\d+/g, '0')
    .replace(CHINESE_FIGURE, '0')
    .replace(/[\s\p{P}\p{S}]+/gu, ' ')
    .trim();
}

/**
 * Character shingles of a normalised text, hashed, each once. Characters rather than
 * words, because Chinese has no spaces between words.
 */
export function shingleHashes(normal: string, size: number): Uint32Array {
  if (normal.length === 0) return new Uint32Array(0);
  if (normal.length <= size) return Uint32Array.of(fnv1a(normal));
  // Each window hashed in place, then sorted and made unique: the same hashes as
  // fnv1a(normal.slice(i, i + size)) into a Set, without a string and a Set entry per
  // character of every complaint a plan reads.
  const hashes = new Uint32Array(normal.length - size + 1);
  for (let i = 0; i < hashes.length; i++) hashes[i] = fnv1aOf(normal, i, i + size);
  hashes.sort();
  let unique = 0;
  for (let i = 0; i < hashes.length; i++) if (i === 0 || hashes[i] !== hashes[i - 1]) hashes[unique++] = hashes[i]!;
  return hashes.slice(0, unique);
}

/** Exact Jaccard similarity of two sorted, duplicate-free hash lists. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! === b[j]!) {
      common++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return common / (a.length + b.length - common);
}
