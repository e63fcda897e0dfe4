import type { Evidence } from '../contract/evidence';
import { jaccard, normaliseComplaintText, shingleHashes } from './complaintText';
import type { DetectionOptions } from './options';

/**
 * Complaint texts, masked and shingled once, for the two places that compare them: the
 * recruitment campaigns (texts of one ad source's recruits) and a ring's template signal
 * (texts of one ring's members). Both compare texts only inside a small group, never
 * across the whole platform: complaint templates share so much boilerplate (the same
 * laws cited, the same demands) that a platform-wide search chains unrelated gangs'
 * texts into one giant "template"; inside one flyer's recruits or one ring, a
 * near-duplicate means a common author.
 */
export interface ComplaintShingles {
  /** Shingles of each complaint (its position in evidence.complaints), or null when it has no text long enough to compare. */
  of: (Uint32Array | null)[];
}

export function shingleComplaints(evidence: Evidence, options: DetectionOptions): ComplaintShingles {
  const names = new Map<string, string>();
  for (const b of evidence.borrowers) if (b.name) names.set(b.id, b.name);
  return {
    of: evidence.complaints.map((c) => {
      if (!c.text) return null;
      const normal = normaliseComplaintText(c.text, names.get(c.borrowerId));
      return normal.length >= options.templateMinChars ? shingleHashes(normal, options.shingleSize) : null;
    }),
  };
}

/**
 * Groups complaints that are near-duplicates of one another (single linkage at
 * `threshold`), comparing at most `maxTexts` of them pairwise, in the order given.
 * Returns each group's complaint positions; complaints with no near-duplicate are left out.
 */
export function nearDuplicateGroups(positions: readonly number[], shingles: ComplaintShingles, threshold: number, maxTexts: number): number[][] {
  const usable = positions.filter((p) => shingles.of[p]).slice(0, maxTexts);
  const parent = usable.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < usable.length; i++) {
    for (let j = i + 1; j < usable.length; j++) {
      if (find(i) === find(j)) continue;
      if (jaccard(shingles.of[usable[i]!]!, shingles.of[usable[j]!]!) >= threshold) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, number[]>();
  usable.forEach((p, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), p]));
  return [...groups.values()].filter((g) => g.length >= 2);
}
