import type { ManagedTransaction } from 'neo4j-driver';
import type { CaseChange, CaseDetailRecord, CaseQuery, CaseStore } from '../cases/ports';
import { RingSnapshotSchema, type RingSnapshot } from '../contract/alert';
import { CaseSchema, type Case, type CaseRecord } from '../contract/case';
import { alertFromProps, caseEventFromProps, caseEventRow, caseFromProps, caseRow } from './alertStore';
import { cypher } from './cypherFiles';
import type { GraphDatabase } from './graphDatabase';
import { field } from './plainValues';
import { int, toNumber } from './values';

async function ringState(tx: ManagedTransaction, ringId: string): Promise<RingSnapshot | null> {
  const record = (await tx.run(cypher('cases/ringState'), { ringId })).records[0];
  return record ? RingSnapshotSchema.parse(field(record, 'ring')) : null;
}

async function write(tx: ManagedTransaction, change: CaseChange): Promise<void> {
  await tx.run(cypher('cases/writeCases'), { cases: [caseRow(change.case)] });
  if (change.events.length > 0) await tx.run(cypher('cases/addCaseEvents'), { events: change.events.map((e, seq) => caseEventRow(change.case.id, e, seq)) });
  if (change.closeAlerts) await tx.run(cypher('cases/closeCaseAlerts'), { caseIds: [change.case.id], at: change.case.updatedAt });
  if (change.review) await tx.run(cypher('api/createReview'), { review: change.review });
}

/** Cases and their history in Neo4j, each change read and written in one transaction. */
export class Neo4jCaseStore implements CaseStore {
  constructor(private readonly db: GraphDatabase) {}

  list(query: CaseQuery): Promise<Case[]> {
    return this.db.read(async (tx) => {
      const params = { status: query.status, assignee: query.assignee, afterAt: query.after?.at ?? null, afterId: query.after?.id ?? null, limit: int(query.limit) };
      const result = await tx.run(cypher('cases/listCases'), params);
      return result.records.map((r) => {
        const { known: _known, ...c } = caseFromProps(r.get('case'));
        return CaseSchema.parse({ ...c, openAlerts: toNumber(r.get('openAlerts')) });
      });
    });
  }

  detail(id: string, historyLimit: number): Promise<CaseDetailRecord | null> {
    return this.db.read(async (tx) => {
      const record = (await tx.run(cypher('cases/caseById'), { id, history: int(historyLimit) })).records[0];
      if (!record) return null;
      const { known: _known, ...c } = caseFromProps(record.get('case'));
      const openAlerts = (record.get('alerts') as Record<string, unknown>[]).map(alertFromProps);
      return {
        case: CaseSchema.parse({ ...c, openAlerts: openAlerts.length }),
        ring: await ringState(tx, c.ringId),
        openAlerts,
        history: (record.get('history') as Record<string, unknown>[]).map(caseEventFromProps),
        historyTotal: toNumber(record.get('historyTotal')),
      };
    });
  }

  change(caseId: string, decide: (current: CaseRecord, ring: RingSnapshot | null) => CaseChange): Promise<CaseRecord | null> {
    return this.db.write(async (tx) => {
      const record = (await tx.run(cypher('cases/caseForUpdate'), { id: caseId })).records[0];
      if (!record) return null;
      const current = caseFromProps(record.get('case'));
      const change = decide(current, await ringState(tx, current.ringId));
      await write(tx, change);
      return change.case;
    });
  }

  changeForRing(ringId: string, decide: (current: CaseRecord | null, ring: RingSnapshot) => CaseChange): Promise<CaseRecord | null> {
    return this.db.write(async (tx) => {
      const ring = await ringState(tx, ringId);
      if (!ring) return null;
      // The lock alert runs take before they open cases (see alerts/alertState.cypher).
      await tx.run(cypher('alerts/alertState'));
      const record = (await tx.run(cypher('cases/caseOfRing'), { ringId })).records[0];
      const change = decide(record ? caseFromProps(record.get('case')) : null, ring);
      await write(tx, change);
      return change.case;
    });
  }
}
