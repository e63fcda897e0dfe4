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

/**
 * Shingles already computed, by the complaint record they were computed from: a process
 * that keeps the last run's plan inputs (PlanInputsCache) passes the records of every
 * borrower the day did not touch again, and their texts are a costly part of the plan to
 * redo (1.3–1.5 s at 5,000,000 borrowers). Records are never changed in place; the name
 * masked in the text and the options are checked as well. Entries go with their records.
 */
const computed = new WeakMap<object, { name: string | undefined; minChars: number; size: number; shingles: Uint32Array | null }>();

export function shingleComplaints(evidence: Evidence, options: DetectionOptions): ComplaintShingles {
  const names = new Map<string, string>();
  for (const b of evidence.borrowers) if (b.name) names.set(b.id, b.name);
  const { templateMinChars: minChars, shingleSize: size } = options;
  return {
    of: evidence.complaints.map((c) => {
      if (!c.text) return null;
      const name = names.get(c.borrowerId);
      const known = computed.get(c);
      if (known && known.name === name && known.minChars === minChars && known.size === size) return known.shingles;
      const normal = normaliseComplaintText(c.text, name);
      const shingles = normal.length >= minChars ? shingleHashes(normal, size) : null;
      computed.set(c, { name, minChars, size, shingles });
      return shingles;
    }),
  };
}

/**
 * The complaint records at these positions and their shingles: what a value worked out
 * from those complaints is remembered by (RecordMemo), since equal records and shingle
 * arrays give an equal value.
 */
export function complaintsAt(positions: readonly number[], evidence: Evidence, shingles: ComplaintShingles): [records: object[], texts: (Uint32Array | null)[]] {
  return [positions.map((p) => evidence.complaints[p]!), positions.map((p) => shingles.of[p] ?? null)];
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
