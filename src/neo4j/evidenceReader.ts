import neo4j, { type Record as Neo4jRecord } from 'neo4j-driver';
import { RECORD_KINDS, type RecordKind } from '../contract/ingestBatch';
import { emptyEvidence, type Evidence } from '../contract/evidence';
import { cypher } from './cypherFiles';
import type { GraphDatabase } from './graphDatabase';
import { toIsoString, toNumber } from './values';

/** Rows per PULL: fewer round trips than the driver's default of 1,000. */
export const FETCH_SIZE = 10_000;
/**
 * Kinds read at once, each in its own session: while the driver decodes one result in
 * this process, the server sorts and streams the next on its own cores.
 */
const PARALLEL_KINDS = 2;

/**
 * What an analysis reads of a batch: every kind but the ad sources' own records. Detection
 * knows an ad source by the recruitments that name it, and its size from the plan; every
 * batch read all of them again (15,000 at 1,000,000 borrowers, the longest of a day's reads).
 */
const DETECTION_KINDS: readonly RecordKind[] = RECORD_KINDS.filter((kind) => kind !== 'adSources');

/** A batch of borrowers as an analysis detects them: readEvidenceOf with DETECTION_KINDS. */
export function readBatchEvidence(db: GraphDatabase, borrowerIds: readonly string[]): Promise<Evidence> {
  return readEvidenceOf(db, borrowerIds, undefined, DETECTION_KINDS);
}

/**
 * Reads the given borrowers back as detection evidence: every record of the given kinds
 * about them, with every ad source and complaint channel when those kinds are asked for,
 * as the ingest contract's records, in a stable order, with driver types converted to
 * plain values. Records stream from the server, so only the evidence itself is held in memory.
 */
export async function readEvidenceOf(
  db: GraphDatabase,
  borrowerIds: readonly string[],
  onProgress?: (kind: RecordKind, recordsSoFar: number) => void,
  kinds: readonly RecordKind[] = RECORD_KINDS,
): Promise<Evidence> {
  const evidence = emptyEvidence();
  const queue = [...kinds];
  // One count over all kinds: they are read side by side, and the caller shows one total.
  let read = 0;
  const count = () => ++read;
  const report = onProgress && ((kind: RecordKind) => onProgress(kind, read));
  const worker = async () => {
    for (let kind = queue.shift(); kind; kind = queue.shift()) await readKind(db, kind, borrowerIds, evidence[kind] as unknown[], count, report);
  };
  await Promise.all(Array.from({ length: PARALLEL_KINDS }, worker));
  return evidence;
}

async function readKind(
  db: GraphDatabase,
  kind: RecordKind,
  borrowerIds: readonly string[],
  target: unknown[],
  count: () => number,
  report?: (kind: RecordKind) => void,
): Promise<void> {
  const session = db.driver.session({ database: db.settings.database, defaultAccessMode: neo4j.session.READ, fetchSize: FETCH_SIZE });
  try {
    // One auto-commit query per kind: a managed transaction could be retried half-read.
    for await (const record of session.run(cypher(`evidence/${kind}`), { ids: borrowerIds })) {
      target.push(plainRecord(record));
      if (count() % 50_000 === 0) report?.(kind);
    }
    report?.(kind);
  } finally {
    await session.close();
  }
}

/** Driver values to the contract's plain ones; absent properties are left out, not null. */
export function plainRecord(record: Neo4jRecord): Record<string, unknown> {
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
