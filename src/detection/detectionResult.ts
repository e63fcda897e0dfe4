import type { DetectionStats } from '../contract/analysisRun';
import type { Hub, PreviousRing, Ring } from '../contract/ring';

export type { DetectionStats };

export type { Hub, PreviousRing, Ring };
export type {
  Campaign, MemberReason, MemberRole, RingAncestor, RingKind, RingLineage, RingMember, RingTool, Signal, SignalName,
} from '../contract/ring';

export interface DetectionResult {
  /** Every community of at least minRingSize, highest score first; `suspected` marks the gangs. */
  rings: Ring[];
  hubs: Hub[];
  /** Earlier ring ids no current ring kept. */
  retiredRingIds: string[];
  stats: DetectionStats;
}
