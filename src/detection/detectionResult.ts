import type { IdentifierKind, Usage } from './identifierLinks';
import type { HubRecord } from './identifierHubs';
import type { SignalName } from './options';

/** One named reason a ring looks organised; contributions of a ring's signals sum to its score. */
export interface RingSignal {
  name: SignalName;
  /** Strength of the evidence, in [0, 1]. */
  value: number;
  /** Share of the score this signal can give, normalised so a ring's weights sum to 1. */
  weight: number;
  /** value × weight. */
  contribution: number;
  description: string;
}

/** `operated`: an identity someone else acts for (shared voice, operator phone, mismatch). */
export type MemberRole = 'operated' | 'peripheral';

export interface RingMember {
  borrowerId: string;
  role: MemberRole;
  /** Tie strength to the rest of the ring, relative to the most tied member (1). */
  weight: number;
  reasons: string[];
}

/** A phone, device, voice or ad source shared inside the ring: the agent's kit. */
export interface RingTool {
  kind: IdentifierKind;
  id: string;
  /** Ring members it touches. */
  members: number;
  /** Borrowers it touches in the whole evidence. */
  degree: number;
  usages: Usage[];
}

export interface RingAncestor {
  ringId: string;
  sharedMembers: number;
  jaccard: number;
}

/** Which earlier rings fed this one; `split`/`merged` say the membership was redistributed. */
export interface RingLineage {
  from: RingAncestor[];
  /** The ring kept the id of an earlier ring. */
  keptId: boolean;
  /** An earlier ring it came from also fed another current ring. */
  split: boolean;
  /** It holds members of more than one earlier ring. */
  merged: boolean;
}

export interface Ring {
  id: string;
  score: number;
  suspected: boolean;
  size: number;
  signals: RingSignal[];
  members: RingMember[];
  tools: RingTool[];
  lineage: RingLineage;
}

/** A ring from an earlier run, as the caller kept it. */
export interface PreviousRing {
  id: string;
  members: readonly string[];
}

export interface DetectionStats {
  borrowers: number;
  /** Borrower–identifier incidences read from the evidence. */
  links: number;
  identifiers: number;
  graphNodes: number;
  graphEdges: number;
  components: number;
  communities: number;
  suspected: number;
  modularity: number;
  /** Milliseconds per stage, in the order the stages ran. */
  timings: Record<string, number>;
}

export interface DetectionResult {
  rings: Ring[];
  hubs: HubRecord[];
  /** Earlier ring ids no current ring kept. */
  retiredRingIds: string[];
  stats: DetectionStats;
}

export type { HubRecord };
