import type { PreviousRing, RingAncestor, RingLineage } from '../contract/ring';
import { DEFAULT_ID_JACCARD } from './options';
import { compareIds } from './borrowerIndex';
import { fnv1a } from './seededRandom';

export interface RingIdAssignment {
  /** Id of each current ring, in the order given. */
  ids: string[];
  lineage: RingLineage[];
  /** Earlier ids that no current ring kept, sorted. */
  retired: string[];
}

/**
 * Keeps ring ids stable across runs. Current and earlier rings are paired one to one,
 * best overlap first, when their member Jaccard reaches `minJaccard`: a ring that gained
 * or lost a few members keeps its id. Other rings get an id derived from their members,
 * so the same new ring gets the same id on every run. Every earlier ring sharing members
 * with a current one is recorded in its lineage, which is how splits and merges show.
 */
export function assignRingIds(
  previous: readonly PreviousRing[],
  current: readonly (readonly string[])[],
  minJaccard = DEFAULT_ID_JACCARD,
): RingIdAssignment {
  const ringsOfMember = indexMembers(previous);
  const ancestors = current.map((members) => overlaps(previous, ringsOfMember, members));
  const ids = matchById(ancestors, minJaccard);
  const used = new Set<string>([...previous.map((p) => p.id), ...ids.filter((id): id is string => id !== undefined)]);
  const finalIds = ids.map((id, c) => id ?? freshId(current[c]!, used));
  const feeds = new Map<string, number>();
  for (const from of ancestors) for (const a of from) feeds.set(a.ringId, (feeds.get(a.ringId) ?? 0) + 1);
  const lineage = ancestors.map((from, c) => ({
    from,
    keptId: ids[c] !== undefined,
    split: from.some((a) => feeds.get(a.ringId)! > 1),
    merged: from.length > 1,
  }));
  const kept = new Set(ids);
  const retired = previous.map((p) => p.id).filter((id) => !kept.has(id)).sort(compareIds);
  return { ids: finalIds, lineage, retired };
}

function indexMembers(previous: readonly PreviousRing[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  previous.forEach((p, r) => {
    for (const m of new Set(p.members)) {
      const list = index.get(m);
      if (list) list.push(r);
      else index.set(m, [r]);
    }
  });
  return index;
}

function overlaps(previous: readonly PreviousRing[], ringsOfMember: Map<string, number[]>, members: readonly string[]): RingAncestor[] {
  const mine = new Set(members);
  const shared = new Map<number, number>();
  for (const m of mine) for (const r of ringsOfMember.get(m) ?? []) shared.set(r, (shared.get(r) ?? 0) + 1);
  const from = [...shared].map(([r, common]) => {
    const size = new Set(previous[r]!.members).size;
    return { ringId: previous[r]!.id, sharedMembers: common, jaccard: common / (mine.size + size - common) };
  });
  return from.sort((a, b) => b.jaccard - a.jaccard || b.sharedMembers - a.sharedMembers || compareIds(a.ringId, b.ringId));
}

/** Greedy one-to-one pairing, highest Jaccard first; ties broken by id, then current order. */
function matchById(ancestors: readonly RingAncestor[][], minJaccard: number): (string | undefined)[] {
  const pairs = ancestors.flatMap((from, c) => from.filter((a) => a.jaccard >= minJaccard).map((a) => ({ c, ...a })));
  pairs.sort((x, y) => y.jaccard - x.jaccard || compareIds(x.ringId, y.ringId) || x.c - y.c);
  const ids: (string | undefined)[] = ancestors.map(() => undefined);
  const taken = new Set<string>();
  for (const p of pairs) {
    if (ids[p.c] !== undefined || taken.has(p.ringId)) continue;
    ids[p.c] = p.ringId;
    taken.add(p.ringId);
  }
  return ids;
}

/** `ring-` + a hash of the sorted members; a counter suffix resolves the rare collision. */
function freshId(members: readonly string[], used: Set<string>): string {
  const base = `ring-${fnv1a([...members].sort(compareIds).join('\u0000')).toString(16).padStart(8, '0')}`;
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}
