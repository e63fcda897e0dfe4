import neo4j, { type Record as Neo4jRecord } from 'neo4j-driver';
import { RECORD_KINDS, type RecordKind } from '../contract/ingestBatch';
import { emptyEvidence, type Evidence } from '../detection/evidence';
import { cypher } from './cypherFiles';
import type { GraphDatabase } from './graphDatabase';
import { toIsoString, toNumber } from './values';

/**
 * Reads the graph back as detection evidence: the ingest contract's records, in a
 * stable order, with driver types converted to plain values. Records stream from the
 * server one at a time, so only the evidence itself is held in memory.
 */
export async function readEvidence(db: GraphDatabase, onProgress?: (kind: RecordKind, recordsSoFar: number) => void): Promise<Evidence> {
  const evidence = emptyEvidence();
  let read = 0;
  const session = db.driver.session({ database: db.settings.database, defaultAccessMode: neo4j.session.READ });
  try {
    for (const kind of RECORD_KINDS) {
      const target = evidence[kind] as unknown[];
      // One auto-commit query per kind: a managed transaction could be retried half-read.
      const result = session.run(cypher(`evidence/${kind}`));
      for await (const record of result) {
        target.push(plainRecord(record));
        if (onProgress && ++read % 50_000 === 0) onProgress(kind, read);
      }
      onProgress?.(kind, read);
    }
  } finally {
    await session.close();
  }
  return evidence;
}

/** Driver values to the contract's plain ones; absent properties are left out, not null. */
function plainRecord(record: Neo4jRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of record.keys as string[]) {
    const value = record.get(key);
    if (value === null || value === undefined) continue;
    if (neo4j.isInt(value)) out[key] = toNumber(value);
    else if (neo4j.isDateTime(value)) out[key] = toIsoString(value);
    else out[key] = value;
  }
  return out;
}
