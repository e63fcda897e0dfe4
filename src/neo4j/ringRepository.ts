import type { ManagedTransaction } from 'neo4j-driver';
import type { RingTool } from '../contract/ring';
import type { Keyset } from '../investigation/cursor';
import type { DossierLimits, GraphHubRow, GraphRow, MemberWithProfile, RingDossier, RingGraphRows, RingStore, RingSummaryRow, RingVersion } from '../investigation/ports';
import type { Review } from '../investigation/schemas/review';
import type { CallEvent, ComplaintEvent } from '../investigation/schemas/timeline';
import { cypher } from './cypherFiles';
import type { GraphDatabase } from './graphDatabase';
import { field } from './plainValues';
import { campaignFromRow, lineageFromRow, memberFromRow, signalFromRow, type MemberRelationship, type RingNode } from './ringRecords';
import { runFromProps } from './analysisStore';
import { int } from './values';

const after = (position: Keyset | null, key: string) => ({
  [key]: position && typeof position.key === 'number' ? position.key : null,
  afterId: position?.id ?? null,
});

type MemberRow = MemberRelationship & { name: string | null; overdueDays: number | null; outstandingPrincipal: number | null };

const withProfile = (row: MemberRow): MemberWithProfile => ({
  ...memberFromRow(row),
  name: row.name ?? null,
  overdueDays: row.overdueDays ?? null,
  outstandingPrincipal: row.outstandingPrincipal ?? null,
});

/** A run node written by this version; an older or half-written one reads as unknown rather than failing the page. */
function storedRun(props: Record<string, unknown>) {
  try {
    return runFromProps(props);
  } catch {
    return null;
  }
}

const ringHead = (r: RingNode) => ({ id: r.id, kind: r.kind, score: r.score, suspected: r.suspected, size: r.size, operated: r.operated, runId: r.runId });

/** Rings, their members and evidence, and reviews, read from and written to Neo4j. */
export class Neo4jRingStore implements RingStore {
  constructor(private readonly db: GraphDatabase) {}

  listRings(query: Parameters<RingStore['listRings']>[0]): Promise<RingSummaryRow[]> {
    return this.db.read(async (tx) => {
      const params = { kind: query.kind, minScore: query.minScore, ...after(query.after, 'afterScore'), limit: int(query.limit), tools: int(query.toolsPerRing) };
      const result = await tx.run(cypher('api/listRings'), params);
      return result.records.map((r) => {
        const ring = field<RingNode>(r, 'ring');
        return {
          ring: { ...ringHead(ring), topSignals: (ring.topSignals ?? []) as RingSummaryRow['ring']['topSignals'] },
          tools: field<RingTool[]>(r, 'tools'),
          review: field<Review | null>(r, 'review'),
        };
      });
    });
  }

  dossier(ringId: string, limits: DossierLimits): Promise<RingDossier | null> {
    return this.db.read(async (tx) => {
      const params = { id: ringId, members: int(limits.members), limit: int(limits.events) };
      const r = (await tx.run(cypher('api/ringDossier'), params)).records[0];
      if (!r) return null;
      const ring = field<RingNode>(r, 'ring');
      const run = field<Record<string, unknown> | null>(r, 'run');
      return {
        ring: { ...ringHead(ring), campaign: campaignFromRow(ring), lineage: lineageFromRow(ring) },
        signals: field<Record<string, unknown>[]>(r, 'signals').map(signalFromRow),
        run: run ? storedRun(run) : null,
        membersTotal: field<number>(r, 'membersTotal'),
        outstandingTotal: field<number>(r, 'outstandingTotal'),
        outstandingCount: field<number>(r, 'outstandingCount'),
        members: field<MemberRow[]>(r, 'members').map(withProfile),
        tools: field<RingTool[]>(r, 'tools'),
        complaints: field<ComplaintEvent[]>(r, 'complaints'),
        complaintsTotal: field<number>(r, 'complaintsTotal'),
        calls: field<CallEvent[]>(r, 'calls'),
        callsTotal: field<number>(r, 'callsTotal'),
        channels: field<RingDossier['channels']>(r, 'channels'),
        reviews: field<Review[]>(r, 'reviews'),
      };
    });
  }

  ringVersion(ringId: string): Promise<RingVersion | null> {
    return this.db.read(async (tx) => {
      const r = (await tx.run(cypher('api/ringVersion'), { id: ringId })).records[0];
      return r ? { runId: field<string>(r, 'runId'), ingestStamps: field<number>(r, 'ingestStamps'), reviews: field<Review[]>(r, 'reviews') } : null;
    });
  }

  memberPage(ringId: string, position: Keyset | null, limit: number) {
    return this.db.read(async (tx) => {
      const record = (await tx.run(cypher('api/ringMembers'), { id: ringId, ...after(position, 'afterWeight'), limit: int(limit) })).records[0];
      return record ? field<MemberRelationship[]>(record, 'members').map(memberFromRow) : null;
    });
  }

  graphRows(ringId: string, limits: { members: number; rows: number }): Promise<RingGraphRows | null> {
    return this.db.read(async (tx) => {
      const record = (await tx.run(cypher('api/ringGraph'), { id: ringId, members: int(limits.members), rows: int(limits.rows) })).records[0];
      if (!record) return null;
      return {
        score: field<number>(record, 'score'),
        members: field<MemberRow[]>(record, 'members').map(withProfile),
        rows: field<GraphRow[]>(record, 'rows'),
        tools: field<RingTool[]>(record, 'tools'),
        hubs: field<GraphHubRow[]>(record, 'hubs').map((h) => ({ ...h, specificity: h.specificity ?? null })),
      };
    });
  }

  addReview(review: Review): Promise<Review | null> {
    return this.db.write(async (tx: ManagedTransaction) => {
      const record = (await tx.run(cypher('api/createReview'), { review })).records[0];
      return record ? field<Review>(record, 'review') : null;
    });
  }
}
