import type { DetectionStats } from '../contract/analysisRun';
import type { Hub, PreviousRing, Ring } from '../contract/ring';

export type { DetectionStats };

export type { Hub, PreviousRing, Ring };
export type {
  Campaign, MemberReason, MemberRole, RingAncestor, RingKind, RingLineage, RingMember, RingTool, Signal, SignalName,
} from '../contract/ring';

export interface DetectionResult {
  /**
   * Every complaint campaign of at least minCampaignSize and shared-operator cluster of at
   * least minRingSize, suspected first, then by score. Detected batch by batch, only the
   * reported ones (isReported): the others are named with them and counted in `stats`.
   */
  rings: Ring[];
  hubs: Hub[];
  /** Earlier ring ids no current ring kept. */
  retiredRingIds: string[];
  stats: DetectionStats;
}
