import type { Evidence } from '../contract/evidence';
import { detectRings } from './detectRings';
import type { DetectionOptionsInput } from './options';

/**
 * `detectRings` seen from outside as a plain detector: evidence in, the member lists of
 * the rings it reports as suspected out. Candidate rings under the threshold are not
 * claims, so they are left out. Shaped for the evaluation registry without depending on it.
 */
export function suspectedRingDetector(name = 'louvain rings (suspected)', options: Partial<DetectionOptionsInput> = {}) {
  return {
    name,
    detect(evidence: Evidence): { rings: { members: string[] }[] } {
      const { rings } = detectRings(evidence, options);
      return { rings: rings.filter((r) => r.suspected).map((r) => ({ members: r.members.map((m) => m.borrowerId) })) };
    },
  };
}
