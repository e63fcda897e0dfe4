import type { ManagedTransaction } from 'neo4j-driver';
import type { IngestReads, IngestStore, IngestTransaction } from '../ingest/ports';
import type { GraphDatabase } from './graphDatabase';
import { countStoredEvents, findEventConflicts, findMissingIds, writeRecords } from './ingestWriter';

const reads = (tx: ManagedTransaction): IngestReads => ({
  missingIds: (wanted) => findMissingIds(tx, wanted),
  eventConflicts: (kind, records) => findEventConflicts(tx, kind, records),
  storedEvents: () => countStoredEvents(tx),
});

/** The ingest use cases' storage in Neo4j: managed transactions over the ingest statements. */
export class Neo4jIngestStore implements IngestStore {
  constructor(private readonly db: GraphDatabase) {}

  write<T>(work: (tx: IngestTransaction) => Promise<T>): Promise<T> {
    return this.db.write((tx) => work({ ...reads(tx), write: (kind, records) => writeRecords(tx, kind, records) }));
  }

  read<T>(work: (tx: IngestReads) => Promise<T>): Promise<T> {
    return this.db.read((tx) => work(reads(tx)));
  }
}
