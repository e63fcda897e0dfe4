/**
 * How well reported rings match the planted gangs, at two levels:
 * - rings: a gang is found, and a reported ring is correct, when the two are matched
 *   with Jaccard similarity ≥ 0.5. Matching is one-to-one, greedy by best Jaccard, so
 *   one ring that merges two gangs finds at most one of them.
 * - members: the borrowers in any reported ring against the borrowers in any gang.
 * A ratio with nothing to divide by (precision of an empty report, recall against no
 * gangs) is 0, and F1 is 0 when precision + recall is 0: an empty report never scores.
 */

export const MATCH_JACCARD = 0.5;

export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
}

export interface RingScore {
  rings: PrecisionRecall & { matched: number; reported: number; planted: number };
  members: PrecisionRecall & { correct: number; reported: number; planted: number };
}

const ratio = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

export function precisionRecall(correct: number, reported: number, planted: number): PrecisionRecall {
  const precision = ratio(correct, reported);
  const recall = ratio(correct, planted);
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

interface Candidate {
  ring: number;
  gang: number;
  jaccard: number;
}

/** Every (ring, gang) pair similar enough to match, found through a member → gang index. */
function candidates(reported: readonly string[][], truth: readonly string[][]): Candidate[] {
  const gangOf = new Map<string, number>();
  truth.forEach((members, gang) => members.forEach((member) => gangOf.set(member, gang)));
  const gangSizes = truth.map((members) => new Set(members).size);
  const found: Candidate[] = [];
  reported.forEach((members, ring) => {
    const ringMembers = new Set(members);
    const overlaps = new Map<number, number>();
    for (const member of ringMembers) {
      const gang = gangOf.get(member);
      if (gang !== undefined) overlaps.set(gang, (overlaps.get(gang) ?? 0) + 1);
    }
    for (const [gang, overlap] of overlaps) {
      const jaccard = overlap / (ringMembers.size + gangSizes[gang]! - overlap);
      if (jaccard >= MATCH_JACCARD) found.push({ ring, gang, jaccard });
    }
  });
  return found;
}

/** Greedy one-to-one matching, best Jaccard first; ties go to the earlier ring, then gang, so results repeat. */
export function matchRings(reported: readonly string[][], truth: readonly string[][]): Candidate[] {
  const sorted = candidates(reported, truth).sort((a, b) => b.jaccard - a.jaccard || a.ring - b.ring || a.gang - b.gang);
  const usedRings = new Set<number>();
  const usedGangs = new Set<number>();
  const matches: Candidate[] = [];
  for (const candidate of sorted) {
    if (usedRings.has(candidate.ring) || usedGangs.has(candidate.gang)) continue;
    usedRings.add(candidate.ring);
    usedGangs.add(candidate.gang);
    matches.push(candidate);
  }
  return matches;
}

/** Scores reported rings (member ids) against the planted gangs (member ids). */
export function scoreRings(reported: readonly string[][], truth: readonly string[][]): RingScore {
  const matched = matchRings(reported, truth).length;
  const reportedMembers = new Set(reported.flat());
  const plantedMembers = new Set(truth.flat());
  let correct = 0;
  for (const member of reportedMembers) if (plantedMembers.has(member)) correct++;
  return {
    rings: { ...precisionRecall(matched, reported.length, truth.length), matched, reported: reported.length, planted: truth.length },
    members: { ...precisionRecall(correct, reportedMembers.size, plantedMembers.size), correct, reported: reportedMembers.size, planted: plantedMembers.size },
  };
}
