import type { AnalysisRun } from '../contract/analysisRun';
import type { Campaign, Hub, Ring, RingLineage, RingMember, RingTool, Signal, SignalName } from '../contract/ring';
import type { Keyset } from './cursor';
import type { Review } from './schemas/review';
import type { CallEvent, ComplaintEvent } from './schemas/timeline';

/**
 * What the investigation use cases need from storage, in contract types. The Neo4j
 * repositories implement it; the use cases never see a driver type or a Cypher string.
 */

/** What the ring list shows of a ring. */
export interface RingSummaryRow {
  ring: Pick<Ring, 'id' | 'kind' | 'score' | 'suspected' | 'size' | 'operated'> & { runId: string; topSignals: SignalName[] };
  tools: RingTool[];
  review: Review | null;
}

/** A member with what the borrower's own record says. */
export type MemberWithProfile = RingMember & { name: string | null; overdueDays: number | null; outstandingPrincipal: number | null };

export interface ChannelRow {
  id: string;
  name: string | null;
  kind: string | null;
}

/** Everything about one ring, read in one transaction so the parts agree with each other. */
export interface RingDossier {
  ring: Pick<Ring, 'id' | 'kind' | 'score' | 'suspected' | 'size' | 'operated'> & { runId: string; campaign: Campaign; lineage: RingLineage };
  signals: Signal[];
  run: AnalysisRun | null;
  membersTotal: number;
  outstandingTotal: number;
  outstandingCount: number;
  members: MemberWithProfile[];
  tools: RingTool[];
  complaints: ComplaintEvent[];
  complaintsTotal: number;
  calls: CallEvent[];
  callsTotal: number;
  channels: ChannelRow[];
  reviews: Review[];
}

export interface DossierLimits {
  members: number;
  events: number;
}

export interface GraphRow {
  source: { type: string; key: string; props: Record<string, unknown> };
  target: { type: string; key: string; props: Record<string, unknown> };
  type: string;
}

/** An identifier the ring's run set aside as a hub, with the node label it carries in the graph. */
export type GraphHubRow = Omit<Hub, 'kind'> & { type: string };

/** What a picture of one ring needs: its strongest members, the evidence around them, its tools, and the hubs among that evidence. */
export interface RingGraphRows {
  score: number;
  members: MemberWithProfile[];
  rows: GraphRow[];
  tools: RingTool[];
  hubs: GraphHubRow[];
}

/**
 * What can change what a ring's page shows without a new dossier read: the run that wrote
 * it, the records ingested since (counted by ingest stamps), and its reviews.
 */
export interface RingVersion {
  runId: string;
  ingestStamps: number;
  reviews: Review[];
}

export interface RingStore {
  listRings(query: { kind: Ring['kind']; minScore: number | null; after: Keyset | null; limit: number; toolsPerRing: number }): Promise<RingSummaryRow[]>;
  dossier(ringId: string, limits: DossierLimits): Promise<RingDossier | null>;
  /** Null when there is no such ring. */
  ringVersion(ringId: string): Promise<RingVersion | null>;
  memberPage(ringId: string, after: Keyset | null, limit: number): Promise<RingMember[] | null>;
  graphRows(ringId: string, limits: { members: number; rows: number }): Promise<RingGraphRows | null>;
  addReview(review: Review): Promise<Review | null>;
}

export interface BorrowerRecord {
  borrower: { id: string; name: string | null; idNumberHash: string | null; registeredAt: string | null; overdueDays: number | null; outstandingPrincipal: number | null };
  phones: { number: string; role: string | null }[];
  devices: { id: string }[];
  adSources: { id: string; kind: string | null; label: string | null }[];
  complaints: number;
  calls: number;
  rings: (RingMember & { ringId: string; score: number; kind: Ring['kind'] })[];
}

/** One hop from a borrower to a ring tool: directly (`via` null) or through a complaint or a call. */
export interface ToolLinkRow {
  ringId: string;
  toolKind: string;
  toolId: string;
  relationship: string;
  via: { type: 'Complaint' | 'Call'; id: string } | null;
}

/** A borrower tied to a phone or device, how, and which rings the borrower is in. */
export interface IdentifierLinkRow {
  borrowerId: string;
  name: string | null;
  usage: string;
  relationship: string;
  via: { type: 'Complaint' | 'Call'; id: string } | null;
  rings: { ringId: string; score: number }[];
}

export interface IdentifierRecord {
  links: IdentifierLinkRow[];
  toolOf: { ringId: string; score: number; rank: number }[];
  hub: Omit<Hub, 'kind' | 'id'> | null;
}

export interface SearchRow {
  type: 'borrower' | 'phone' | 'device';
  id: string;
  name: string | null;
  match: 'id' | 'phone' | 'device' | 'name';
  ringIds: string[];
}

export interface EntityStore {
  borrower(id: string): Promise<BorrowerRecord | null>;
  borrowerToolLinks(id: string, limit: number): Promise<ToolLinkRow[]>;
  identifier(kind: 'phone' | 'device', id: string, limit: number): Promise<IdentifierRecord | null>;
  search(query: { text: string; phone: string | null; byName: boolean; limit: number }): Promise<SearchRow[]>;
}
