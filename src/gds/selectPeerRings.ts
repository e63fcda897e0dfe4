import type { GdsPeerOptions } from './peerOptions';

/** One borrower as the GDS pipeline leaves it: its WCC cluster, Louvain community and fraud score. */
export interface PeerMember {
  borrowerId: string;
  cluster: number;
  community: number;
  score: number;
}

export interface PeerSelection {
  rings: { members: string[] }[];
  /** The fraud-score threshold used, or null when every community is reported. */
  threshold: number | null;
  communities: number;
}

/**
 * Cypher's percentileCont: linear interpolation between the two nearest ranks, which is
 * how Neo4j's example draws its fraudster threshold.
 */
export function percentileCont(values: readonly number[], percentile: number): number {
  if (values.length === 0) throw new Error('percentileCont: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = percentile * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/**
 * The example's last steps, made into rings: borrowers score the sum of their Jaccard
 * similarities; those above the chosen percentile are its flagged fraudsters; a Louvain
 * community of at least `minRingSize` borrowers is reported as a ring when it holds a
 * flagged fraudster. (Its mean score above the threshold would be a rule almost no
 * community meets: the threshold is a percentile of individuals, drawn from the top.)
 * A community is keyed by cluster and id, so ids need only be unique within a cluster.
 */
export function selectPeerRings(members: readonly PeerMember[], options: Pick<GdsPeerOptions, 'fraudScorePercentile' | 'minRingSize'>): PeerSelection {
  const threshold = options.fraudScorePercentile === null || members.length === 0 ? null : percentileCont(members.map((m) => m.score), options.fraudScorePercentile);
  const communities = new Map<string, PeerMember[]>();
  for (const member of members) {
    const key = `${member.cluster}/${member.community}`;
    const list = communities.get(key);
    if (list) list.push(member);
    else communities.set(key, [member]);
  }
  const rings = [...communities.values()]
    .filter((list) => list.length >= options.minRingSize)
    .filter((list) => threshold === null || list.some((m) => m.score > threshold))
    .map((list) => ({ members: list.map((m) => m.borrowerId).sort() }))
    .sort((a, b) => a.members[0]!.localeCompare(b.members[0]!));
  return { rings, threshold, communities: communities.size };
}
