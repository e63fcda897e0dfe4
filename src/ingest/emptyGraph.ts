import type { IngestReads, IngestStore } from './ports';

/**
 * The graph an initial import builds on: none. The importer replaces the whole store, so
 * records there are checked as if nothing were stored (every reference must resolve in
 * the files themselves, no stored event can disagree), without a server to ask: the local
 * server can be stopping meanwhile. Validation only reads; a write here is a mistake.
 */
const nothingStored: IngestReads = {
  missingIds: async (wanted) => wanted,
  eventConflicts: async () => [],
  storedEvents: async () => ({ complaints: 0, calls: 0 }),
};

export const emptyGraph: IngestStore = {
  read: (work) => work(nothingStored),
  write: () => Promise.reject(new Error('An import is validated against an empty graph, which takes no writes')),
};
