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

async function events<T>(tx: ManagedTransaction, name: string, key: string, ringId: string, limit: number, type: string) {
  const record = (await tx.run(cypher(name), { id: ringId, limit: int(limit) })).records[0]!;
  const rows = field<Omit<T, 'type'>[]>(record, key).map((row) => ({ type, ...row }) as T);
  return { rows, total: field<number>(record, 'total'), record };
}

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
      const head = (await tx.run(cypher('api/ringById'), { id: ringId })).records[0];
      if (!head) return null;
      const ring: RingRow = {
        ...field<Omit<RingRow, 'run' | 'membersTotal' | 'outstandingTotal' | 'outstandingCount'>>(head, 'ring'),
        run: field<RingRow['run'] | null>(head, 'run') ?? { id: 'unknown', startedAt: null, finishedAt: null, parametersJson: null, communities: null, suspected: null },
        membersTotal: field<number>(head, 'membersTotal'),
        outstandingTotal: field<number>(head, 'outstandingTotal'),
        outstandingCount: field<number>(head, 'outstandingCount'),
      };
      const complaints = await events<ComplaintEvent>(tx, 'api/ringComplaints', 'complaints', ringId, limits.events, 'complaint');
      const calls = await events<CallEvent>(tx, 'api/ringCalls', 'calls', ringId, limits.events, 'call');
      const tools = (await tx.run(cypher('api/ringTools'), { id: ringId })).records.map((r) => ({
        kind: field<Tool['kind']>(r, 'kind'),
        id: field<string>(r, 'id'),
        rank: field<number>(r, 'rank'),
        members: field<number>(r, 'members'),
        usages: field<string[]>(r, 'usages'),
      }));
      const reviews = (await tx.run(cypher('api/ringReviews'), { id: ringId })).records.map((r) => field<Review>(r, 'review'));
      return {
        ring,
        members: (await members(tx, ringId, null, limits.members)) ?? [],
        tools,
        complaints: complaints.rows,
        complaintsTotal: complaints.total,
        calls: calls.rows,
        callsTotal: calls.total,
        channels: field<RingDossier['channels']>(complaints.record, 'channels'),
        reviews,
      };
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
