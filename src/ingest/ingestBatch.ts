import { conflictingDuplicates as findConflictingDuplicates } from '../contract/duplicates';
import { describeEventConflicts, EVENT_KINDS, isEventKind, type EventConflict } from '../contract/eventConflicts';
import { IngestBatchSchema, RECORD_KINDS, type IngestBatch, type RecordKind } from '../contract/ingestBatch';
import { definedIds, describeMissing, referencesOf, unresolvedReferences } from '../contract/references';
import { describeZodError, type IssueDetail } from '../contract/validationIssues';
import { AppError, conflictingDuplicates, conflictingEvents, invalidInput, unknownReference } from '../errors';
import { addCounters, zeroCounters, type IngestReads, type IngestStore, type WriteCounters } from './ports';

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
  if (!parsed.success) {
    const { details, more } = capIssues(describeZodError(parsed.error));
    throw invalidInput(`The batch does not match the ingest contract v1${more}`, details);
  }
  const batch = parsed.data;
  if (RECORD_KINDS.every((kind) => (batch[kind]?.length ?? 0) === 0)) {
    // Almost always a client that sent the wrong body; a 200 with nothing written hides that.
    throw new AppError(400, 'empty_batch', `The batch holds no records: send at least one of ${RECORD_KINDS.join(', ')}`);
  }
  const duplicates = findConflictingDuplicates(batch);
  if (duplicates.length > 0) throw conflictingDuplicates(capIssues(duplicates).details, duplicates.length);
  return batch;
}

/**
 * Some records wrote nothing because an entity they name is missing: name every missing
 * id and where the batch used it (the throw rolls the writes back). The lookup sees what
 * the writes saw: in a writing statement Neo4j seeks a unique key with a lock, held to the
 * commit, so no other transaction can create an entity this one found missing meanwhile.
 */
async function refuseUnknownReferences(tx: IngestReads, batch: IngestBatch): Promise<never> {
  const references = [...referencesOf(batch)];
  const missing = await tx.missingIds(unresolvedReferences(references, definedIds(batch)));
  const problems = describeMissing(references, missing);
  if (problems.length > 0) throw unknownReference(capIssues(problems).details, problems.length);
  throw new Error('Records of the batch matched no borrower, ad source or channel, yet every one they name exists; nothing was written');
}

/**
 * Ingests one batch all-or-nothing: validate (contract, and repeated keys that disagree),
 * write every array in a single transaction, check that every reference resolved (within
 * the batch or to the graph), and before it commits make sure no event it wrote now
 * belongs to two borrowers (or channels, phones, devices, voices). A rejected batch
 * leaves the graph untouched; a repeated batch changes nothing.
 */
export async function ingestBatch(store: IngestStore, input: unknown): Promise<IngestSummary> {
  const batch = parseBatch(input);
  const written = await store.write(async (tx) => {
    const counters = zeroCounters();
    const storedBefore = new Set<string>();
    let unresolved = 0;
    for (const kind of RECORD_KINDS) {
      const written = await tx.write(kind, batch[kind] ?? []);
      addCounters(counters, written);
      unresolved += written.unresolved;
      if (isEventKind(kind)) for (const id of written.eventsStoredBefore) storedBefore.add(`${kind}\u0000${id}`);
    }
    if (unresolved > 0) await refuseUnknownReferences(tx, batch);
    // An event this transaction created has only the relationships its row gave it: a
    // repeated id with other fields was refused above, and a concurrent writer of the same
    // id waits on MERGE's key lock and then finds it stored. So only the events stored
    // before can disagree with the batch, and only those are checked: none on a day's new
    // calls, every one when a batch is sent again.
    const conflicts: EventConflict[] = [];
    for (const kind of EVENT_KINDS) {
      const rows = (batch[kind] ?? []).filter((row) => storedBefore.has(`${kind}\u0000${row.id}`));
      if (rows.length > 0) conflicts.push(...(await tx.eventConflicts(kind, rows)));
    }
    if (conflicts.length > 0) {
      const details = describeEventConflicts(batch, conflicts);
      throw conflictingEvents(capIssues(details).details, details.length);
    }
    return counters;
  });
  const received = Object.fromEntries(RECORD_KINDS.map((k) => [k, batch[k]?.length ?? 0])) as Record<RecordKind, number>;
  return { received, written };
}
