import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRecordFileWriter } from '../bulk/recordFileWriter';
import type { Evidence } from '../contract/evidence';
import { RECORD_KINDS } from '../contract/ingestBatch';
import { bulkLoad } from '../ingest/bulkLoad';
import { clearGraph } from '../neo4j/clearGraph';
import type { GraphDatabase } from '../neo4j/graphDatabase';
import { Neo4jIngestStore } from '../neo4j/ingestStore';

/** Records per write to a file: one string per slice keeps a million-record file fast. */
const SLICE = 10_000;

/**
 * Empties the database and loads the evidence as a platform feeding ringsight would: written
 * to bulk files and streamed in by the bulk loader (validation, then transactions of
 * 10,000 records), so the GDS peer sees the graph a Neo4j user has. The bulk loader rather
 * than ingestBatch in slices: ingestBatch checks every event of a batch against the graph,
 * which took two minutes for the complaints of one 20,000-borrower scenario here; the
 * bulk loader checks only events already stored. Returns the number of records.
 */
export async function loadEvidence(db: GraphDatabase, evidence: Evidence): Promise<number> {
  const folder = await mkdtemp(join(tmpdir(), 'ringsight-gds-peer-'));
  try {
    for (const kind of RECORD_KINDS) {
      const writer = await createRecordFileWriter(folder, kind);
      const records = evidence[kind];
      for (let start = 0; start < records.length; start += SLICE) await writer.write(records.slice(start, start + SLICE));
      await writer.close();
    }
    await clearGraph(db);
    await db.applySchema();
    return (await bulkLoad(new Neo4jIngestStore(db), folder)).total;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
