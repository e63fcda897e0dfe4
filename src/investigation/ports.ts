import type { Keyset } from './cursor';
import type { Member, MemberDetail, Run, Tool } from './schemas/ring';
import type { Review } from './schemas/review';
import type { CallEvent, ComplaintEvent } from './schemas/timeline';

/**
 * What the investigation use cases need from storage, in plain values. The Neo4j
 * repositories implement it; the use cases never see a driver type or a Cypher string.
 */

export interface RingSummaryRow {
  id: string;
  runId: string;
  score: number;
  size: number;
  operated: number;
  topSignals: string[];
  tools: Tool[];
  review: Review | null;
}

export interface RingRow {
  id: string;
  score: number;
  suspected: boolean;
  size: number;
  operated: number;
  signalsJson: string;
  lineageJson: string;
  run: Omit<Run, 'parameters'> & { parametersJson: string | null };
  membersTotal: number;
  outstandingTotal: number;
  outstandingCount: number;
}

export interface ChannelRow {
  id: string;
  name: string | null;
  kind: string | null;
}

/** Everything about one ring, read in one transaction so the parts agree with each other. */
export interface RingDossier {
  ring: RingRow;
  members: MemberDetail[];
  tools: Tool[];
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

export interface RingStore {
  listRings(query: { minScore: number | null; after: Keyset | null; limit: number }): Promise<RingSummaryRow[]>;
  dossier(ringId: string, limits: DossierLimits): Promise<RingDossier | null>;
  /** The run a ring belongs to and its reviews; null when there is no such ring. */
  ringVersion(ringId: string): Promise<{ runId: string; reviews: Review[] } | null>;
  memberPage(ringId: string, after: Keyset | null, limit: number): Promise<Member[] | null>;
  graphRows(ringId: string, limits: { members: number; rows: number }): Promise<{ members: MemberDetail[]; rows: GraphRow[]; score: number } | null>;
  addReview(review: Review): Promise<Review | null>;
}

export interface BorrowerRecord {
  borrower: { id: string; name: string | null; idNumberHash: string | null; registeredAt: string | null; overdueDays: number | null; outstandingPrincipal: number | null };
  phones: { number: string; role: string | null }[];
  devices: { id: string }[];
  adSources: { id: string; kind: string | null; label: string | null }[];
  complaints: number;
  calls: number;
  rings: { ringId: string; score: number; role: string; weight: number; reasons: string[] }[];
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
  hub: { action: string; degree: number; reason: string } | null;
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
