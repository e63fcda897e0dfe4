import { MAX_LISTED_MEMBERS, type AlertEvent, type RingFigures, type RingSnapshot } from '../contract/alert';
import type { Succession } from './ringSuccession';

export interface AlertSettings {
  /** A suspected gang that gains at least this many members since the last run raises ringGrew. */
  growthMembers: number;
  /** An earlier ring counts as merged into, split from or continued by a ring only with at least this many members in it. */
  minShared: number;
}

/**
 * Three new members is the smallest gang the detector reports (a campaign of two plus one),
 * so a gang growing by that much has doubled a small one or recruited a new team; one or two
 * come and go as evidence of households and hubs is re-weighed. Two shared members is the
 * least that ties two rings: one borrower moving is noise.
 */
export const ALERT_DEFAULTS: AlertSettings = { growthMembers: 3, minShared: 2 };

export const figuresOf = (ring: RingSnapshot): RingFigures => ({
  kind: ring.kind,
  score: ring.score,
  suspected: ring.suspected,
  size: new Set(ring.members).size,
  complaints: ring.complaints,
});

const previousOf = (ring: RingSnapshot) => ({ ringId: ring.id, ...figuresOf(ring) });

/**
 * What is new about a ring nobody has judged yet, compared with the rings of the last
 * run the alerts saw, as one event or none. Only suspected gangs raise these. When several
 * apply, the one that says most wins: a merge, then a split, then crossing the threshold,
 * then growth; a ring continuing nothing is new.
 */
export function riskEvent(ring: RingSnapshot, succession: Succession, settings: AlertSettings, threshold: number, caseOfRing: (ringId: string) => string | null): AlertEvent | null {
  if (!ring.suspected) return null;
  const base = { ringId: ring.id, ring: figuresOf(ring) };
  const ancestors = succession.ancestors.get(ring.id) ?? [];
  const previous = succession.predecessor.get(ring.id);
  if (ancestors.length >= 2 && ancestors.some((a) => a.ring.suspected)) {
    const from = ancestors.map((a) => ({ ringId: a.ring.id, sharedMembers: a.shared, suspected: a.ring.suspected, caseId: caseOfRing(a.ring.id) }));
    return { ...base, kind: 'ringsMerged', change: { from } };
  }
  if (!previous) return { ...base, kind: 'newSuspectedRing', change: {} };
  const parts = succession.parts.get(previous.id);
  if (previous.suspected && parts) return { ...base, kind: 'ringSplit', change: { previous: previousOf(previous), parts } };
  if (!previous.suspected) return { ...base, kind: 'scoreCrossedThreshold', change: { previous: previousOf(previous), threshold } };
  const before = new Set(previous.members);
  const now = new Set(ring.members);
  const added = [...now].filter((m) => !before.has(m)).sort();
  if (added.length < settings.growthMembers) return null;
  const removed = [...before].filter((m) => !now.has(m)).length;
  return { ...base, kind: 'ringGrew', change: { previous: previousOf(previous), added: added.length, addedMembers: added.slice(0, MAX_LISTED_MEMBERS), removed } };
}
