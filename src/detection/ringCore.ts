import { ACTING_USAGE } from './identifierHubs';
import type { RingIdentifier } from './ringIdentifiers';

/** A shared identifier someone in the ring acted through (complained, called, spoke). */
export const actedThrough = (identifier: RingIdentifier): boolean => identifier.masks.some((m) => (m & ACTING_USAGE) !== 0);

/**
 * Members tied to the ring by an identifier someone acted through. Louvain attaches a
 * gang member's relatives to the gang through the family tablet or contact number; they
 * share nothing the agent used, so when the acted-through core is a ring on its own,
 * the core is the ring. Groups with no such core (households, crowds) are kept whole.
 */
export function operatedCore(members: readonly number[], shared: readonly RingIdentifier[], minRingSize: number): number[] {
  const core = new Set<number>();
  for (const identifier of shared) if (actedThrough(identifier)) for (const b of identifier.members) core.add(b);
  return core.size >= minRingSize && core.size < members.length ? members.filter((b) => core.has(b)) : [...members];
}
