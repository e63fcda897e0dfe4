import type { Ring } from '../contract/ring';

/** What decides whether a candidate ring is reported. */
export type ReportedFacts = Pick<Ring, 'kind' | 'score' | 'suspected'>;

/**
 * Whether a candidate ring is worth keeping after a run: a suspected gang, or a
 * shared-operator cluster that scores as high (one person handling several identities
 * without a complaint campaign), which is listed apart and never in the gang queue.
 */
export function isReported(ring: ReportedFacts, suspectThreshold: number): boolean {
  return ring.suspected || (ring.kind === 'sharedOperator' && ring.score >= suspectThreshold);
}

/** The rings worth keeping after a run (isReported). */
export function reportedRings(rings: readonly Ring[], suspectThreshold: number): Ring[] {
  return rings.filter((r) => isReported(r, suspectThreshold));
}
