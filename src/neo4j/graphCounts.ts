import type { GraphDatabase } from './graphDatabase';
import { toNumber } from './values';

export const NODE_LABELS = ['Borrower', 'Phone', 'Device', 'ComplaintChannel', 'AdSource', 'Complaint', 'Call', 'Voiceprint'] as const;
export const RELATIONSHIP_TYPES = ['HAS_PHONE', 'USED_DEVICE', 'RECRUITED_VIA', 'FILED', 'VIA', 'FROM_PHONE', 'FROM_DEVICE', 'ABOUT', 'SPOKEN_BY'] as const;

export interface GraphCounts {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
}

/**
 * Node and relationship counts of the ingested model. Labels and types cannot be
 * parameters, so they come from the constant lists above, never from input; each
 * count is answered from Neo4j's count store, not by a scan.
 */
export async function countGraph(db: GraphDatabase): Promise<GraphCounts> {
  return db.read(async (tx) => {
    const nodes: Record<string, number> = {};
    for (const label of NODE_LABELS) {
      const r = await tx.run(`MATCH (n:${label}) RETURN count(n) AS n`);
      nodes[label] = toNumber(r.records[0]?.get('n'));
    }
    const relationships: Record<string, number> = {};
    for (const type of RELATIONSHIP_TYPES) {
      const r = await tx.run(`MATCH ()-[r:${type}]->() RETURN count(r) AS n`);
      relationships[type] = toNumber(r.records[0]?.get('n'));
    }
    return { nodes, relationships };
  });
}
