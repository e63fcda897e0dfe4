import type { EventConflict, EventKind } from '../contract/eventConflicts';
import type { RecordKind, RecordOf } from '../contract/ingestBatch';
import type { IdsByKind } from '../contract/references';

/**
 * What the ingest use cases (one batch over HTTP, the bulk loader) need from storage, in
 * contract types. `neo4j/ingestStore.ts` implements it; the use cases never see a driver
 * or a Cypher string, and tests run them against the real adapter.
 */

export interface WriteCounters {
  nodesCreated: number;
  relationshipsCreated: number;
  propertiesSet: number;
}

/** What one write of records did, and which of its events (complaints, calls) were already stored. */
export interface WrittenRecords extends WriteCounters {
  eventsStoredBefore: string[];
  /**
   * Records that wrote nothing because a borrower, ad source or channel they name was not
   * in the graph. The write checks its references this way, by what it matched, so the
   * usual batch, whose references all resolve, needs no lookup of its own.
   */
  unresolved: number;
}

/** What can be looked up inside one transaction. */
export interface IngestReads {
  /** Of the given ids, those not in the store. */
  missingIds(wanted: IdsByKind): Promise<IdsByKind>;
  /** Stored complaints or calls that disagree with the given records (another borrower, channel, phone…). */
  eventConflicts<K extends EventKind>(kind: K, records: ReadonlyArray<RecordOf<K>>): Promise<EventConflict[]>;
  /** How many complaints and calls are stored. */
  storedEvents(): Promise<Record<EventKind, number>>;
}

/** One write transaction: everything inside commits together or not at all. */
export interface IngestTransaction extends IngestReads {
  write<K extends RecordKind>(kind: K, records: ReadonlyArray<RecordOf<K>>): Promise<WrittenRecords>;
}

export interface IngestStore {
  /** Runs `work` in one write transaction, retried on transient failures, so `work` must be repeatable. */
  write<T>(work: (tx: IngestTransaction) => Promise<T>): Promise<T>;
  read<T>(work: (tx: IngestReads) => Promise<T>): Promise<T>;
}

export const zeroCounters = (): WriteCounters => ({ nodesCreated: 0, relationshipsCreated: 0, propertiesSet: 0 });

export function addCounters(into: WriteCounters, more: WriteCounters): WriteCounters {
  into.nodesCreated += more.nodesCreated;
  into.relationshipsCreated += more.relationshipsCreated;
  into.propertiesSet += more.propertiesSet;
  return into;
}
