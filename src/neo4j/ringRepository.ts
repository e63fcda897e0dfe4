import type { ManagedTransaction } from 'neo4j-driver';
import type { Keyset } from '../investigation/cursor';
import type { DossierLimits, GraphRow, RingDossier, RingRow, RingStore, RingSummaryRow } from '../investigation/ports';
import type { Member, MemberDetail, Tool } from '../investigation/schemas/ring';
import type { Review } from '../investigation/schemas/review';
import type { CallEvent, ComplaintEvent } from '../investigation/schemas/timeline';
import { LIST_TOOLS } from '../investigation/listRings';
import { cypher } from './cypherFiles';
import type { GraphDatabase } from './graphDatabase';
import { field } from './plainValues';
import { int } from './values';

const after = (position: Keyset | null, key: string) => ({
  [key]: position && typeof position.key === 'number' ? position.key : null,
  afterId: position?.id ?? null,
});

async function members(tx: ManagedTransaction, ringId: string, position: Keyset | null, limit: number): Promise<MemberDetail[] | null> {
  const result = await tx.run(cypher('api/ringMembers'), { id: ringId, ...after(position, 'afterWeight'), limit: int(limit) });
  const record = result.records[0];
  return record ? field<MemberDetail[]>(record, 'members') : null;
}

/** A ring whose run node is gone (never expected: both are written in one transaction). */
const NO_RUN: RingRow['run'] = { id: 'unknown', startedAt: null, finishedAt: null, parametersJson: null, communities: null, suspected: null };

/** Rings, their members and evidence, and reviews, read from and written to Neo4j. */
export class Neo4jRingStore implements RingStore {
  constructor(private readonly db: GraphDatabase) {}

  listRings(query: { minScore: number | null; after: Keyset | null; limit: number }): Promise<RingSummaryRow[]> {
    return this.db.read(async (tx) => {
      const params = { minScore: query.minScore, ...after(query.after, 'afterScore'), limit: int(query.limit), tools: int(LIST_TOOLS) };
      const result = await tx.run(cypher('api/listRings'), params);
      return result.records.map((r) => ({
        id: field<string>(r, 'id'),
        runId: field<string>(r, 'runId'),
        score: field<number>(r, 'score'),
        size: field<number>(r, 'size'),
        operated: field<number>(r, 'operated'),
        topSignals: field<string[]>(r, 'topSignals') ?? [],
        tools: field<Tool[]>(r, 'tools'),
        review: field<Review | null>(r, 'review'),
      }));
    });
  }

  dossier(ringId: string, limits: DossierLimits): Promise<RingDossier | null> {
    return this.db.read(async (tx) => {
      const params = { id: ringId, members: int(limits.members), limit: int(limits.events) };
      const r = (await tx.run(cypher('api/ringDossier'), params)).records[0];
      if (!r) return null;
      const ring: RingRow = {
        ...field<Omit<RingRow, 'run' | 'membersTotal' | 'outstandingTotal' | 'outstandingCount'>>(r, 'ring'),
        run: field<RingRow['run'] | null>(r, 'run') ?? NO_RUN,
        membersTotal: field<number>(r, 'membersTotal'),
        outstandingTotal: field<number>(r, 'outstandingTotal'),
        outstandingCount: field<number>(r, 'outstandingCount'),
      };
      return {
        ring,
        members: field<MemberDetail[]>(r, 'members'),
        tools: field<Tool[]>(r, 'tools'),
        complaints: field<ComplaintEvent[]>(r, 'complaints'),
        complaintsTotal: field<number>(r, 'complaintsTotal'),
        calls: field<CallEvent[]>(r, 'calls'),
        callsTotal: field<number>(r, 'callsTotal'),
        channels: field<RingDossier['channels']>(r, 'channels'),
        reviews: field<Review[]>(r, 'reviews'),
      };
    });
  }

  ringVersion(ringId: string): Promise<{ runId: string; reviews: Review[] } | null> {
    return this.db.read(async (tx) => {
      const r = (await tx.run(cypher('api/ringVersion'), { id: ringId })).records[0];
      return r ? { runId: field<string>(r, 'runId'), reviews: field<Review[]>(r, 'reviews') } : null;
    });
  }

  memberPage(ringId: string, position: Keyset | null, limit: number): Promise<Member[] | null> {
    return this.db.read(async (tx) => {
      const page = await members(tx, ringId, position, limit);
      return page && page.map(({ borrowerId, role, reasons, weight }) => ({ borrowerId, role, reasons, weight }));
    });
  }

  graphRows(ringId: string, limits: { members: number; rows: number }) {
    return this.db.read(async (tx) => {
      const record = (await tx.run(cypher('api/ringGraph'), { id: ringId, members: int(limits.members), rows: int(limits.rows) })).records[0];
      if (!record) return null;
      return { score: field<number>(record, 'score'), members: field<MemberDetail[]>(record, 'members'), rows: field<GraphRow[]>(record, 'rows') };
    });
  }

  addReview(review: Review): Promise<Review | null> {
    return this.db.write(async (tx) => {
      const record = (await tx.run(cypher('api/createReview'), { review })).records[0];
      return record ? field<Review>(record, 'review') : null;
    });
  }
}
