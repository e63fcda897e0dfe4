import { IngestBatchSchema, RECORD_KINDS, type IngestBatch, type RecordKind } from '../contract/ingestBatch';
import { definedIds, describeMissing, referencesOf, unresolvedReferences } from '../contract/references';
import { describeZodError, type IssueDetail } from '../contract/validationIssues';
import { invalidInput, unknownReference } from '../errors';
import type { GraphDatabase } from '../neo4j/graphDatabase';
import { addCounters, findMissingIds, writeRecords, zeroCounters, type WriteCounters } from '../neo4j/ingestWriter';

/** A client fixes its batch from the first problems; thousands of repeats help nobody. */
export const MAX_REPORTED_ISSUES = 100;

export interface IngestSummary {
  received: Record<RecordKind, number>;
  written: WriteCounters;
}

export function capIssues(details: IssueDetail[]): { details: IssueDetail[]; more: string } {
  const more = details.length > MAX_REPORTED_ISSUES ? ` (showing the first ${MAX_REPORTED_ISSUES} of ${details.length})` : '';
  return { details: details.slice(0, MAX_REPORTED_ISSUES), more };
}

/** Validates a batch against the contract, or throws a 400 naming every failing path. */
export function parseBatch(input: unknown): IngestBatch {
  const parsed = IngestBatchSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const { details, more } = capIssues(describeZodError(parsed.error));
  throw invalidInput(`The batch does not match the ingest contract v1${more}`, details);
}

/**
 * Ingests one batch all-or-nothing: validate, check that every reference resolves
 * (within the batch or to the graph), then write every array in a single transaction.
 * A rejected batch leaves the graph untouched; a repeated batch changes nothing.
 */
export async function ingestBatch(db: GraphDatabase, input: unknown): Promise<IngestSummary> {
  const batch = parseBatch(input);
  const written = await db.write(async (tx) => {
    const references = [...referencesOf(batch)];
    const missing = await findMissingIds(tx, unresolvedReferences(references, definedIds(batch)));
    const problems = describeMissing(references, missing);
    if (problems.length > 0) throw unknownReference(capIssues(problems).details);
    const counters = zeroCounters();
    for (const kind of RECORD_KINDS) addCounters(counters, await writeRecords(tx, kind, batch[kind] ?? []));
    return counters;
  });
  const received = Object.fromEntries(RECORD_KINDS.map((k) => [k, batch[k]?.length ?? 0])) as Record<RecordKind, number>;
  return { received, written };
}
