import type { Ring } from '../contract/ring';

/**
 * The rings worth keeping after a run: the suspected gangs, and the shared-operator
 * clusters that score as high (one person handling several identities without a
 * complaint campaign), which are listed apart and never in the gang queue.
 */
export function reportedRings(rings: readonly Ring[], suspectThreshold: number): Ring[] {
  return rings.filter((r) => r.suspected || (r.kind === 'sharedOperator' && r.score >= suspectThreshold));
}
