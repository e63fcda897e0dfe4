import type { RingSnapshot } from '../contract/alert';

/**
 * Which earlier ring each current ring continues, and the other way round, from shared
 * members alone. Alerts compare against the rings they last saw, which after a failed
 * alert step can be older than the last run, so this does not rely on a run's lineage.
 * An earlier ring sharing fewer than `minShared` members counts for nothing: one borrower
 * moving between rings is not a merge or a split.
 */
export interface Ancestor {
  ring: RingSnapshot;
  shared: number;
}

export interface Succession {
  /** Per current ring id: the earlier rings it holds at least minShared members of, most shared first. */
  ancestors: Map<string, Ancestor[]>;
  /** Per current ring id: the earlier ring it continues (the same id, else its largest ancestor). */
  predecessor: Map<string, RingSnapshot>;
  /** Per earlier ring id: the current ring continuing it (the same id, else the one holding at least half its members). */
  successor: Map<string, RingSnapshot>;
  /** Per earlier ring id whose members went into two or more current rings: those rings, most shared first. */
  parts: Map<string, { ringId: string; sharedMembers: number }[]>;
}

const byShared = <T extends { shared: number; id: string }>(a: T, b: T) => b.shared - a.shared || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function ringSuccession(previous: readonly RingSnapshot[], current: readonly RingSnapshot[], minShared: number): Succession {
  const ringsOfMember = new Map<string, number[]>();
  previous.forEach((ring, r) => {
    for (const member of new Set(ring.members)) ringsOfMember.set(member, [...(ringsOfMember.get(member) ?? []), r]);
  });
  const previousById = new Map(previous.map((ring) => [ring.id, ring]));
  const ancestors = new Map<string, Ancestor[]>();
  const holders = new Map<string, { id: string; shared: number; ring: RingSnapshot }[]>();
  for (const ring of current) {
    const shared = new Map<number, number>();
    for (const member of new Set(ring.members)) for (const r of ringsOfMember.get(member) ?? []) shared.set(r, (shared.get(r) ?? 0) + 1);
    const list = [...shared]
      .filter(([, count]) => count >= minShared)
      .map(([r, count]) => ({ ring: previous[r]!, shared: count, id: previous[r]!.id }))
      .sort(byShared);
    ancestors.set(ring.id, list.map(({ ring: earlier, shared: count }) => ({ ring: earlier, shared: count })));
    for (const { ring: earlier, shared: count } of list) holders.set(earlier.id, [...(holders.get(earlier.id) ?? []), { id: ring.id, shared: count, ring }]);
  }
  const predecessor = new Map<string, RingSnapshot>();
  for (const ring of current) {
    const same = previousById.get(ring.id);
    const largest = ancestors.get(ring.id)![0]?.ring;
    if (same ?? largest) predecessor.set(ring.id, (same ?? largest)!);
  }
  const currentById = new Map(current.map((ring) => [ring.id, ring]));
  const successor = new Map<string, RingSnapshot>();
  const parts = new Map<string, { ringId: string; sharedMembers: number }[]>();
  for (const earlier of previous) {
    const into = (holders.get(earlier.id) ?? []).sort(byShared);
    const same = currentById.get(earlier.id);
    const half = Math.ceil(new Set(earlier.members).size / 2);
    const next = same ?? (into[0] && into[0].shared >= half ? into[0].ring : undefined);
    if (next) successor.set(earlier.id, next);
    if (into.length >= 2) parts.set(earlier.id, into.map((h) => ({ ringId: h.id, sharedMembers: h.shared })));
  }
  return { ancestors, predecessor, successor, parts };
}
